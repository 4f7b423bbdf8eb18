"""`make student-bundle`: lessons, corpus and package, no answer keys; lesson 01 runs from the unpacked bundle with
the bundle's own package."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile

import nbformat

import kit
from test_grading_kit import LESSON, tools


def test_bundle_leaves_out_every_answer_key_and_runs_lesson_01(tmp_path, monkeypatch):
    target = tmp_path / "bundle.zip"
    tools(kit.ROOT, "student-bundle", "--output", str(target))
    names = zipfile.ZipFile(target).namelist()
    assert "medialit-lab/lessons/01-corpus/01-corpus.ipynb" in names
    assert "medialit-lab/datasets/documents.csv" in names and "medialit-lab/src/medialit/__init__.py" in names
    assert "medialit-lab/pyproject.toml" in names
    for forbidden in ("solutions/", "teacher-notes", "datasets/annotations/", "datasets/tools/", "grading/",
                      "gradebook", "answers-", "tests/", "medialit_grader"):
        assert not [n for n in names if forbidden in n], forbidden
    zipfile.ZipFile(target).extractall(tmp_path)
    root = tmp_path / "medialit-lab"
    # the capstone's article, comments and constructed web ship; its key does not (datasets/annotations/, above)
    assert "medialit-lab/datasets/capstone/web/frontline-sefrin-massacre.md" in names
    # a student installs what the lessons use, not the grader's gradebook server driver or cluster
    needs = tomllib.loads((root / "pyproject.toml").read_text())["project"]["dependencies"]
    assert not [d for d in needs if d.startswith(("psycopg", "distributed"))] and any("pandas" in d for d in needs)

    # installable: a wheel builds from it, with the corpus and without annotations
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path / "dist"), str(root)], check=True, capture_output=True, timeout=300)
    wheel = zipfile.ZipFile(next((tmp_path / "dist").glob("medialit-*.whl"))).namelist()
    assert any("_datasets/corpus/" in n for n in wheel) and not any("_datasets/annotations" in n for n in wheel)
    assert not any("medialit_grader" in n for n in wheel), "the grader (keys and rules) is for teachers only"
    assert any(n.endswith("medialit/exercises.json") for n in wheel), "the self-check's public part of each exercise"

    # lesson 01 runs top to bottom with the bundle's package (PYTHONPATH puts it before the kit's own)
    nb_path = root / "lessons" / LESSON / f"{LESSON}.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("print('PACKAGE', ml.__file__, ml.data_dir())"))
    nbformat.write(nb, nb_path)
    monkeypatch.setenv("PYTHONPATH", str(root / "src"))
    monkeypatch.delenv("MEDIALIT_DATA", raising=False)
    done = kit.execute(nb_path)
    assert not [p for p in kit.problems(done) if "Error" in p], kit.problems(done)
    text = nbformat.writes(done)
    assert f"PACKAGE {root / 'src' / 'medialit'}" in text and str(root / "datasets") in text
    assert "not in your copy of the kit yet" in text
