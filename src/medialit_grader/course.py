"""The course folder: its nbgrader configuration, its gradebook, and nbgrader's API bound to it."""

from __future__ import annotations

import os
import re
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

    def __init__(self, root: Path | str | None = None, gradebook: str | None = None):
        """``gradebook``: a SQLAlchemy database URL for the gradebook (``make … GRADEBOOK=postgresql://…``);
        nbgrader takes any. Without it, the course's SQLite file grading/gradebook.db."""
        self.root = Path(root or REPO).resolve()
        if not (self.root / "nbgrader_config.py").exists():
            raise ToolError(f"{self.root} is not the course: it has no nbgrader_config.py. "
                            "Run from the repository root, or pass --course PATH.")
        self.gradebook_url = _database_url(gradebook) if gradebook else None
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
        if track == "core" and base != lesson and (self.root / "solutions" / base / f"{base}.ipynb").exists():
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
        return self.gradebook_url or f"sqlite:///{self.grading / 'gradebook.db'}"

    @property
    def gradebook_name(self) -> str:
        """The gradebook as messages name it (a database URL without its password)."""
        if not self.gradebook_url:
            return "grading/gradebook.db"
        from sqlalchemy.engine import make_url

        return make_url(self.gradebook_url).render_as_string(hide_password=True)

    def has_gradebook(self) -> bool:
        """Whether the gradebook exists: the SQLite file, or a database server's tables (a server that cannot be
        reached is a ToolError that says so)."""
        if not self.gradebook_url:
            return (self.grading / "gradebook.db").exists()
        from sqlalchemy import create_engine, inspect
        from sqlalchemy.exc import SQLAlchemyError

        engine = create_engine(self.gradebook_url)
        try:
            return "assignment" in inspect(engine).get_table_names()
        except SQLAlchemyError as error:
            raise ToolError(f"The gradebook {self.gradebook_name} cannot be reached: "
                            f"{str(getattr(error, 'orig', None) or error).strip().splitlines()[0]}") from None
        finally:
            engine.dispose()

    def sources(self) -> list[str]:
        """The lessons as their teacher writes them: one instructor notebook each, solutions/NN-slug/."""
        from .tracks import CORE_SUFFIX

        return sorted(p.name for p in (self.root / "solutions").iterdir()
                      if p.is_dir() and p.name[:2].isdigit() and not p.name.endswith(CORE_SUFFIX))

    def lessons(self) -> list[str]:
        """Every assignment of the course: each lesson's data track (NN-slug) and core track (NN-slug-core), and the
        pre- and post-test (one assignment each)."""
        from .tracks import assignments_of

        return sorted(name for lesson in self.sources() for name in assignments_of(lesson))

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
        if self.gradebook_url:  # every nbgrader call of the course (generate_assignment, generate_feedback) uses it
            extra["CourseDirectory"]["db_url"] = self.gradebook_url
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

        if not self.has_gradebook():
            return False
        with self.gradebook() as gb:
            try:
                return bool(gb.find_assignment(lesson).notebooks)
            except MissingEntry:
                return False


def _database_url(url: str) -> str:
    """A gradebook URL checked for SQLAlchemy's form, and for its database driver being installed."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        parsed = make_url(url)
        if parsed.drivername == "postgresql":  # the kit's driver, psycopg 3 (SQLAlchemy 2.0 would pick psycopg2)
            parsed = parsed.set(drivername="postgresql+psycopg")
        create_engine(parsed).dispose()  # loads the dialect and its driver; connects to nothing
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        shown = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)  # never a password in a message
        raise ToolError(f"GRADEBOOK={shown!r} is not a database URL SQLAlchemy can use ({error}). The form is "
                        "dialect+driver://user:password@host:port/database, e.g. "
                        "postgresql://grader@db.example.org/gradebook or sqlite:////srv/course/gradebook.db") from None
    except ImportError as error:
        raise ToolError(f"GRADEBOOK={parsed.render_as_string(hide_password=True)} needs a database driver that is "
                        f"not installed ({error.name}); for PostgreSQL the kit installs psycopg (psycopg[binary]) "
                        "(`make venv`).") from None
    return parsed.render_as_string(hide_password=False)


def run_api(result: dict, what: str) -> None:
    """nbgrader's API returns {success, error, log}: turn a failure into a ToolError that shows nbgrader's words."""
    if not result.get("success"):
        detail = (result.get("error") or "").strip().splitlines()[-5:] + (result.get("log") or "").strip().splitlines()[-10:]
        raise ToolError(f"{what} failed:\n  " + "\n  ".join(detail))


def release(course: Course, lesson: str, release_dir: Path | None = None, db_url: str | None = None,
            form: str = "") -> None:
    """nbgrader generate_assignment: the student version in lessons/<lesson>/ and the lesson in the gradebook.

    With release_dir, the student version goes there instead (autograde uses this to register a lesson in the
    gradebook of a fresh clone without touching lessons/). ``form``: for the pre- or post-test, the form to show
    (A or B; tracks.AssessmentForm)."""
    from .tracks import form_problem

    overrides = {}
    if form:
        if form_problem(lesson, form):
            raise ToolError(form_problem(lesson, form))
        overrides["AssessmentForm.form"] = form
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
