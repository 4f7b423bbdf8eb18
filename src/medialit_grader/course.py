"""The course folder: its nbgrader configuration, its gradebook, and nbgrader's API bound to it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import ToolError  # noqa: F401 - re-exported: the tools import it from here

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def ensure_path() -> None:
    """nbgrader shells out to alembic: the kit's environment goes first on PATH."""
    path = os.environ.get("PATH", "")
    if not path.startswith(str(BIN) + os.pathsep):
        os.environ["PATH"] = f"{BIN}{os.pathsep}{path}"


class Course:
    """One nbgrader course folder (the repository, or a copy of it in tests)."""

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root or REPO).resolve()
        if not (self.root / "nbgrader_config.py").exists():
            raise ToolError(f"{self.root} is not the course: it has no nbgrader_config.py. "
                            "Run from the repository root, or pass --course PATH.")
        ensure_path()

    # -- folders -------------------------------------------------------------------------------------------------
    @property
    def grading(self) -> Path:
        return self.root / "grading"

    def source(self, lesson: str) -> Path:
        """nbgrader's source folder of an assignment. A core track's (``NN-slug-core``) is generated from the
        lesson's one source whenever it is stale (``tracks.write_core_source``)."""
        from . import tracks

        base, track = tracks.split(lesson)
        if track == "core" and (self.root / "solutions" / base / f"{base}.ipynb").exists():
            return tracks.write_core_source(self, base)
        return self.root / "solutions" / lesson

    def release(self, lesson: str) -> Path:
        return self.root / "lessons" / lesson

    def submitted(self, student: str | None = None, lesson: str | None = None) -> Path:
        path = self.grading / "submitted"
        return path if student is None else path / student / lesson

    def autograded(self, student: str, lesson: str) -> Path:
        return self.grading / "autograded" / student / lesson

    @property
    def exports(self) -> Path:
        return self.grading / "exports"

    @property
    def state(self) -> Path:
        """Run-time state of the tools (lock, worker folders, fingerprints); git-ignored, safe to delete."""
        return self.grading / ".tools"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.grading / 'gradebook.db'}"

    def sources(self) -> list[str]:
        """The lessons as their teacher writes them: one instructor notebook each, solutions/NN-slug/."""
        from .tracks import CORE_SUFFIX

        return sorted(p.name for p in (self.root / "solutions").iterdir()
                      if p.is_dir() and p.name[:2].isdigit() and not p.name.endswith(CORE_SUFFIX))

    def lessons(self) -> list[str]:
        """Every assignment of the course: each lesson's data track (NN-slug) and core track (NN-slug-core)."""
        from .tracks import TRACKS, assignment

        return sorted(assignment(lesson, track) for lesson in self.sources() for track in TRACKS)

    def check_lesson(self, lesson: str) -> str:
        if not lesson:
            raise ToolError("Which lesson? Give LESSON=<slug>, e.g. make autograde LESSON=01-corpus (the data track) "
                            "or LESSON=01-corpus-core (the no-code track)")
        if lesson not in self.lessons():
            raise ToolError(f"No lesson {lesson!r} in {self.root / 'solutions'}; lessons: {', '.join(self.lessons())}")
        return lesson

    # -- nbgrader ------------------------------------------------------------------------------------------------
    def config(self, **overrides):
        """The course's nbgrader configuration (the root nbgrader_config.py, which loads grading/'s)."""
        from traitlets.config import Config
        from traitlets.config.loader import PyFileConfigLoader

        cwd = os.getcwd()
        os.chdir(self.root)  # load_subconfig("grading/nbgrader_config.py") is relative to the course root
        try:
            cfg = PyFileConfigLoader("nbgrader_config.py", path=str(self.root)).load_config()
        finally:
            os.chdir(cwd)
        extra = Config()
        for dotted, value in overrides.items():
            section, name = dotted.split(".")
            extra[section][name] = value
        cfg.merge(extra)
        return cfg

    def api(self, **overrides):
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        cfg = self.config(**overrides)
        return NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)

    def gradebook(self, db_url: str | None = None):
        from nbgrader.api import Gradebook

        return Gradebook(db_url or self.db_url)

    def has_assignment(self, lesson: str) -> bool:
        from nbgrader.api import MissingEntry

        if not (self.grading / "gradebook.db").exists():
            return False
        with self.gradebook() as gb:
            try:
                return bool(gb.find_assignment(lesson).notebooks)
            except MissingEntry:
                return False


def run_api(result: dict, what: str) -> None:
    """nbgrader's API returns {success, error, log}: turn a failure into a ToolError that shows nbgrader's words."""
    if not result.get("success"):
        detail = (result.get("error") or "").strip().splitlines()[-5:] + (result.get("log") or "").strip().splitlines()[-10:]
        raise ToolError(f"{what} failed:\n  " + "\n  ".join(detail))


def release(course: Course, lesson: str, release_dir: Path | None = None, db_url: str | None = None) -> None:
    """nbgrader generate_assignment: the student version in lessons/<lesson>/ and the lesson in the gradebook.

    With release_dir, the student version goes there instead (autograde uses this to register a lesson in the
    gradebook of a fresh clone without touching lessons/)."""
    overrides = {}
    if release_dir is not None:
        overrides["CourseDirectory.release_directory"] = str(release_dir)
    if db_url is not None:
        overrides["CourseDirectory.db_url"] = db_url
    course.source(lesson)  # a core track's nbgrader source, brought up to date from the lesson's one source
    api = course.api(**overrides)
    run_api(api.generate_assignment(lesson, force=True, create=True), f"nbgrader generate_assignment {lesson}")


def generate_releases(course: Course) -> list[str]:
    """Every assignment's student version in lessons/ (nbgrader generate_assignment --force --no-db, all in this one
    process: a dozen nbgrader processes would each spend seconds starting up)."""
    api = course.api(**{"GenerateAssignment.no_database": True, "SaveCells.enabled": False})
    names = course.lessons()
    for name in names:
        course.source(name)  # a core track's nbgrader source, brought up to date
        run_api(api.generate_assignment(name, force=True, create=False), f"nbgrader generate_assignment {name}")
    return names
