import os

import pytest


@pytest.fixture(autouse=True)
def _no_grading_env(monkeypatch):
    """Tests start outside nbgrader unless they say otherwise."""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setenv("MPLBACKEND", "agg")


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty folder, as a notebook would in a fresh lesson folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
