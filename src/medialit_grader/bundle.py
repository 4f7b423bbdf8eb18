"""`make student-bundle`: a zip students can run the lessons from, with no answer keys in it.

In:  lessons/ (the released notebooks), datasets/ without annotations/ and tools/ (the corpus, tables, reference
     data, datasheet), the medialit package (src/medialit, pyproject.toml: `pip install .` works), environment.yml,
     README.md and a short STUDENTS.md.
Out: the grader package (src/medialit_grader: keys and scoring rules), solutions/, teacher notes, grading/ (gradebook, submissions), tests/, datasets/annotations/ (the kit's
     annotations are the answer key of graded exercises) and datasets/tools/ (which rebuild them), answer files.
The lessons guard every use of the annotations (`ml.annotations_available()`), so they run from the bundle.
"""

from __future__ import annotations

import fnmatch
import re
import zipfile
from pathlib import Path

from .course import Course, REPO, ToolError

INCLUDE = ["lessons", "datasets", "src/medialit", "pyproject.toml", "environment.yml", "README.md"]
EXCLUDE = ["datasets/annotations/*", "datasets/tools/*", "*/teacher-notes*", "*/answers-*.json", "*/__pycache__/*",
           "*.pyc", "*/.ipynb_checkpoints/*", "*/.*"]
STUDENTS = """# Media Literacy Lab — student bundle

1. Install: `python3 -m venv .venv && .venv/bin/pip install .` (or `conda env create -f environment.yml`).
2. Start: `.venv/bin/jupyter lab lessons/` and open the lesson in the track your teacher chose:
   `01-corpus/01-corpus.ipynb` (with Python coding) or `01-corpus-core/01-corpus-core.ipynb` (no code).
3. Hand in the whole lesson folder: the notebook **and** its answer file (`answers-01-corpus.json` in either track).

The kit's annotations (the answer key of some exercises) are not in this bundle; the lessons tell you where they
would appear. Your teacher shares them after grading.
"""


def bundle_files(root: Path) -> list[Path]:
    out = []
    for top in INCLUDE:
        path = root / top
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for p in candidates:
            rel = p.relative_to(root).as_posix()
            if not any(fnmatch.fnmatch(rel, pat) or fnmatch.fnmatch("/" + rel, pat) for pat in EXCLUDE):
                out.append(p)
    return out


GRADER_PACKAGES = 'packages = ["src/medialit", "src/medialit_grader"]'


# dependencies only the grader uses (a PostgreSQL gradebook, grading on a Dask cluster): a student does not install them
GRADER_ONLY = ("psycopg", "distributed")


def student_pyproject(text: str) -> str:
    """The kit's pyproject.toml without the grader package (keys and rules), which the bundle does not ship, and
    without the dependencies only the grader uses (GRADER_ONLY, with the comment lines just above each)."""
    if GRADER_PACKAGES not in text:
        raise ToolError("pyproject.toml: the wheel's package list changed; update GRADER_PACKAGES in bundle.py")
    lines, out, dropped = text.replace(GRADER_PACKAGES, 'packages = ["src/medialit"]').split("\n"), [], set()
    for line in lines:
        name = re.match(r'\s*"([A-Za-z0-9_.-]+)', line)
        if name and name.group(1) in GRADER_ONLY:
            dropped.add(name.group(1))
            while out and out[-1].lstrip().startswith("#"):
                out.pop()
            continue
        out.append(line)
    if dropped != set(GRADER_ONLY):
        raise ToolError(f"pyproject.toml: no dependency {', '.join(sorted(set(GRADER_ONLY) - dropped))}; update "
                        "GRADER_ONLY in bundle.py")
    return "\n".join(out)


def build_bundle(course: Course, output: str | None = None) -> Path:
    root = course.root if (course.root / "src" / "medialit").exists() else REPO
    target = Path(output) if output else root / "dist" / "medialit-student-bundle.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    files = bundle_files(root)
    if not any(p.suffix == ".ipynb" for p in files):
        raise ToolError("lessons/ holds no notebooks: run make release LESSON=<slug> (or make lessons) first.")
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for p in files:
            if p.name == "pyproject.toml":  # the bundle has no grader package: build the student package only
                z.writestr("medialit-lab/pyproject.toml", student_pyproject(p.read_text(encoding="utf-8")))
                continue
            z.write(p, f"medialit-lab/{p.relative_to(root).as_posix()}")
        z.writestr("medialit-lab/STUDENTS.md", STUDENTS)
    tmp.replace(target)
    return target
