"""Packaging: the same runtime packages for pip and conda, a cheap import, and the data inside the wheel."""

import re
import subprocess
import sys
import tomllib
import zipfile

import yaml

import kit


def _name_and_bound(spec: str) -> tuple[str, str]:
    """A requirement's name and version bound; pip's extras (psycopg[binary]) are not conda's, so they are left out."""
    match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(?:\[[^\]]*\])?\s*(.*)", spec)
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_lists_the_same_runtime_packages_as_pyproject():
    project = tomllib.loads((kit.ROOT / "pyproject.toml").read_text())["project"]
    pip = dict(_name_and_bound(d) for d in project["dependencies"])
    env = yaml.safe_load((kit.ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda = dict(_name_and_bound(d) for d in env["dependencies"] if isinstance(d, str))
    assert conda.pop("python") == ">=3.11" and conda.pop("pip") == ""
    assert conda == pip
    assert project["requires-python"] == ">=3.11"


def test_import_is_cheap():
    code = ("import sys, medialit; heavy = [m for m in ('pandas', 'matplotlib', 'ipywidgets', 'nbformat') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_wheel_carries_the_datasets_and_works_without_the_repository(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist"), str(kit.ROOT)], check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("medialit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "medialit/_datasets/corpus/000_9c3e9550e69e292d.txt" in names
    assert "medialit/_datasets/documents.csv" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import medialit as ml; print(ml.data_dir()); print(len(ml.load_comments())); "
            "print(ml.raw_text('003')[:8])")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
                         capture_output=True, text=True, cwd=tmp_path, check=True).stdout.splitlines()
    assert out[0].startswith(str(site)) and int(out[1]) > 0 and out[2] == "Breaking"
