"""`make autograde`: grade every submission of a lesson in two stages — the student's notebook runs confined, and
the scores are computed here, from plain data, against keys the student's code never sees.

For each student the grader process (this one):
  1. reads the files as untrusted data before anything runs (precheck, _nbsafe): regular files only (no links,
     devices or fifos), size and nesting caps, the nbformat schema, nbgrader metadata of the right types, this
     lesson's notebook; an answer file that cannot be read is left out (widget questions count as unanswered);
  2. forks a worker that builds a throw-away course (a template gradebook holding only this lesson, and the bytes
     of this one submission that step 1 validated) and runs nbgrader's own autograde in it, with the course's chain
     changed in one place: each automatically graded test cell becomes a probe that hands in the answer as plain
     JSON (trusted.InjectProbes). The kernel — the only place student code runs — is started by the sandbox
     launcher (sandbox.py): no keys, rules, solutions or other students' files exist there;
  3. reads the executed notebook as data, checks its cells against the released version, scores every exercise
     with its declared rule and key (exercises.py, trusted.evaluate) and writes the scores in one transaction per
     student. The notebook's test cells get the released source back, with the result as output, for feedback.
     Only this process ever writes the course gradebook; a score never comes from the kernel's output.

One student's problem is that student's status line (`error` and the reason); everyone else is graded. A lock file
keeps two runs apart; worker folders live in grading/.tools/work/ and are removed on the next run; a submission
whose files and lesson did not change since it was last graded is not graded again (FORCE=1 does).
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import resource
import shutil
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import _nbsafe, exercises, precheck, sandbox, tracks, trusted
from .course import Course, ToolError

AUTOGRADED_MAX_MB = 60
# the line nbgrader's OverwriteCells (add_missing_cells) puts above a grade cell it restored
RESTORED = "# This cell (id:{name}) was missing from the submission. It was added back by nbgrader.\n\n"
def _worker_chain():
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import CheckCellMetadata, Execute, LimitOutput

    return [trusted.InjectProbes, Execute, ClearMetadataPreprocessor, LimitOutput, CheckCellMetadata]


WORKER_CHAIN = _worker_chain()
STATUS_COLUMNS = ["student", "lesson", "status", "points", "max_points", "detail", "sandbox"]


@dataclass
class Job:
    student: str
    folder: Path
    notebook: Path | None = None
    notes: list[str] = field(default_factory=list)
    fingerprint: str = ""
    workdir: Path | None = None
    pid: int = 0
    started: float = 0.0
    killed: bool = False
    runtime: Path | None = None    # connection file and IPC sockets: a short path (sockets allow ~100 characters)
    notebook_bytes: bytes = b""    # what precheck read and validated: the worker writes exactly these bytes
    answers_bytes: bytes | None = None   # the answer file, if it could be read
    timestamp: object = None       # from timestamp.txt written at import (never the student's own)


@dataclass
class Outcome:
    student: str
    status: str            # graded | error | refused | unchanged
    detail: str = ""
    points: float = 0.0
    max_points: float = 0.0
    seconds: float = 0.0
    scores: dict = field(default_factory=dict)
    sandbox: str = ""      # where the kernel ran: bwrap | none (as the worker that ran it said) | "" (it never ran)


@contextmanager
def _one_transaction(gb):
    """One transaction of SQLAlchemy's session for many nbgrader API calls. nbgrader's Gradebook commits inside each
    call; here those commits become flushes, and the session commits once at the end (or rolls back on any error).
    (SQLAlchemy's own recipe for this, a session joined to an outer transaction with savepoints, needs driver hooks
    for savepoints under pysqlite; deferring the commit is the smaller, tested change.)"""
    commit = gb.db.commit
    gb.db.commit = gb.db.flush
    try:
        yield gb
    except BaseException:
        gb.db.rollback()
        raise
    finally:
        gb.db.commit = commit
    gb.db.commit()


# -- the template gradebook ------------------------------------------------------------------------------------------
def make_template(course: Course, lesson: str, path: Path) -> None:
    """A gradebook holding only this lesson (its notebooks and cells), copied from the course gradebook.

    The schema is created here with the course gradebook's alembic version: nbgrader's Gradebook would otherwise
    run `alembic heads` in a subprocess for a new file (about 3 s). All rows go in one transaction."""
    from nbgrader.api import Base, Gradebook
    from sqlalchemy import create_engine, text

    path.unlink(missing_ok=True)
    with course.gradebook() as main:
        version = main.db.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        engine = create_engine(f"sqlite:///{path}")
        try:
            Base.metadata.create_all(bind=engine)
            with engine.begin() as conn:
                conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
                conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": version})
        finally:
            engine.dispose()
        with Gradebook(f"sqlite:///{path}") as t, _one_transaction(t):
            _copy_lesson(main, t, lesson)


def _copy_lesson(main, t, lesson: str) -> None:
    """The lesson's assignment, notebooks and cells from one gradebook into another."""
    a = main.find_assignment(lesson)
    t.update_or_create_assignment(lesson, duedate=a.duedate)
    for nb in a.notebooks:
        t.update_or_create_notebook(nb.name, lesson, kernelspec=nb.kernelspec)
        for c in nb.grade_cells:
            t.update_or_create_grade_cell(c.name, nb.name, lesson, max_score=c.max_score, cell_type=c.cell_type)
        for c in nb.solution_cells:
            t.update_or_create_solution_cell(c.name, nb.name, lesson)
        for c in nb.task_cells:
            t.update_or_create_task_cell(c.name, nb.name, lesson, max_score=c.max_score, cell_type=c.cell_type)
        for c in nb.source_cells:
            t.update_or_create_source_cell(c.name, nb.name, lesson, cell_type=c.cell_type, locked=c.locked,
                                           source=c.source, checksum=c.checksum)


def lesson_cells(course: Course, lesson: str) -> dict:
    """{notebook: {"grade": {name: (max_score, cell_type)}, "source": {name: (checksum, source)}}} from the
    course gradebook: what every autograded notebook must contain."""
    out = {}
    with course.gradebook() as gb:
        for nb in gb.find_assignment(lesson).notebooks:
            out[nb.name] = {
                "grade": {c.name: (c.max_score, c.cell_type) for c in nb.grade_cells},
                "source": {c.name: (c.checksum, c.source) for c in nb.source_cells},
                "solution": sorted(c.name for c in nb.solution_cells),
            }
    return out


# -- worker (a forked child; never returns) --------------------------------------------------------------------------
def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001
        pass


def lesson_files(template: Path, support: list[Path], source: Path) -> dict:
    """What every submission's throw-away course shares, as bytes: the template gradebook and the lesson's support
    files (a worker on another machine gets them with the task: it needs nothing from the teacher's disk)."""
    return {"template": template.read_bytes(),
            "support": {str(f.relative_to(source)): f.read_bytes() for f in support}}


def lay_out(w: Path, lesson: str, student: str, shared: dict, notebook: bytes, answers: bytes | None) -> None:
    """The throw-away course of one submission in folder ``w``: the lesson's support files, the template gradebook,
    and the submission's bytes that precheck validated (never the student's folder itself)."""
    src = w / "solutions" / lesson
    src.mkdir(parents=True)
    for name, data in shared["support"].items():
        dest = src / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    (w / "grading").mkdir(exist_ok=True)
    (w / "grading" / "gradebook.db").write_bytes(shared["template"])
    sub = w / "grading" / "submitted" / student / lesson
    sub.mkdir(parents=True)
    (sub / f"{lesson}.ipynb").write_bytes(notebook)
    if answers is not None:
        (sub / tracks.answer_file(lesson)).write_bytes(answers)


def confine_worker(w: Path, runtime: Path, limits: sandbox.Limits) -> None:
    """First steps of the process that runs one submission: its own session (one kill ends it and everything it
    starts), killed with its parent, output to worker.log, a memory cap, a private size-capped runtime folder."""
    os.setsid()
    _die_with_parent()
    log = os.open(w / "worker.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    resource.setrlimit(resource.RLIMIT_AS, (8192 * sandbox.MB, 8192 * sandbox.MB))
    why = sandbox.private_runtime(runtime, limits.runtime_mb)
    if why:
        print(f"medialit: the runtime folder is not size-capped ({why})", flush=True)


def run_stage(course: Course, w: Path, lesson: str, student: str, runtime: Path, box, limits: sandbox.Limits,
              mpl_cache: Path) -> None:
    """The untrusted stage of one submission laid out in ``w``: nbgrader's autograde with the probe chain, its
    kernel started by the sandbox launcher. Writes w/result.json; the executed notebook is in w/grading/autograded/."""
    answer_name = tracks.answer_file(lesson)
    jupyter, home = w / "jupyter", w / "home"
    home.mkdir()
    sandbox.write_kernelspec(jupyter, runtime, mpl_cache, home, box, limits, answer_name)
    os.environ.update({"JUPYTER_PATH": str(jupyter), "JUPYTER_RUNTIME_DIR": str(runtime), "HOME": str(home),
                       "JUPYTER_CONFIG_DIR": str(home / ".jupyter"), "JUPYTER_DATA_DIR": str(home / ".data"),
                       "MPLBACKEND": "agg", "MPLCONFIGDIR": str(mpl_cache),
                       "TMPDIR": str(runtime)})  # connection files and IPC sockets: inside the runtime folder
    tempfile.tempdir = None
    os.environ.pop("NBGRADER_EXECUTION", None)
    overrides = {"CourseDirectory.root": str(w), "CourseDirectory.db_url": f"sqlite:///{w / 'grading' / 'gradebook.db'}",
                 "Execute.timeout": limits.cell_timeout, "Execute.execute_retries": 0,
                 "Execute.shutdown_kernel": "immediate",
                 # the course's chain refuses plain autograde; here test cells become probes, and no score is
                 # taken from the kernel's output (SaveAutoGrades would; the parent scores instead)
                 "Autograde.autograde_preprocessors": WORKER_CHAIN}
    if box.mode == "bwrap":
        overrides["KernelManager.transport"] = "ipc"  # no shared loopback between network namespaces
        overrides["KernelManager.ip"] = str(runtime / "kernel-ipc")  # socket files, in the runtime folder
    result = course.api(**overrides).autograde(lesson, student, force=True, create=True)
    (w / "result.json").write_text(json.dumps({
        "success": bool(result.get("success")), "error": (result.get("error") or "")[-4000:],
        "log": (result.get("log") or "")[-8000:], "sandbox": box.mode}), encoding="utf-8")


def stage_files(student: str, lesson: str) -> list[str]:
    """The files of a stage's folder the grader reads, relative to it: its result, and the autograded notebook
    and answer file."""
    made = Path("grading") / "autograded" / student / lesson
    return ["result.json", str(made / f"{lesson}.ipynb"), str(made / tracks.answer_file(lesson))]


def report_failure(w: Path, error: BaseException) -> None:
    try:
        (w / "result.json").write_text(json.dumps({"success": False, "error": f"{type(error).__name__}: {error}",
                                                   "log": ""}), encoding="utf-8")
    except BaseException:  # noqa: BLE001
        pass


def _worker(course: Course, lesson: str, job: Job, ctx: dict) -> None:
    """The forked worker of a run on this machine (never returns)."""
    code = 1
    w = job.workdir
    try:
        confine_worker(w, job.runtime, ctx["limits"])
        lay_out(w, lesson, job.student, ctx["shared"], job.notebook_bytes, job.answers_bytes)
        run_stage(course, w, lesson, job.student, job.runtime, ctx["sandbox"], ctx["limits"], ctx["mpl_cache"])
        code = 0
    except BaseException as error:  # noqa: BLE001 - report anything, then leave
        report_failure(w, error)
    finally:
        os._exit(code)


# -- after the worker: verify, score, merge -------------------------------------------------------------------------
def _why_failed(result: dict, w: Path) -> str:
    text = result.get("error", "") + "\n" + result.get("log", "")
    if "output limit exceeded" in text or _kernel_said(w, "output limit exceeded"):
        return "output flood: the notebook printed more than the limit, and its kernel was stopped"
    if "DeadKernelError" in text or "Kernel died" in text or "kernel died" in text.lower():
        return "the kernel died while running the notebook (a crash, os._exit, or memory or CPU limit)"
    if "UnresponsiveKernelError" in text or "CellTimeoutError" in text or "TimeoutError" in text:
        return "the kernel stopped responding to an interrupt after a cell ran past the time limit"
    if "MemoryError" in text:
        return "the grader ran out of memory on this notebook"
    lines = [ln for ln in result.get("error", "").strip().splitlines() if ln.strip()]
    return "nbgrader failed: " + (lines[-1][:200] if lines else "no reason given (see grading/.tools/work logs)")


def _kernel_said(w: Path, text: str) -> bool:
    try:
        return text in (w / "worker.log").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def verify_and_score(nb_path: Path, cells: dict, lesson: str) -> tuple[dict, list[str]]:
    """The trusted stage: read the executed notebook as data, check its cells against the released lesson, score
    every exercise from the answers it handed in, and rewrite the notebook's test cells for feedback."""
    try:
        nb = _nbsafe.read_notebook(nb_path, AUTOGRADED_MAX_MB * sandbox.MB)
    except _nbsafe.BadInput as bad:
        raise precheck.Rejected("error", f"the executed notebook cannot be read: {bad}") from None
    spec = cells[lesson] if lesson in cells else next(iter(cells.values()))
    declared = exercises.for_lesson(lesson)
    seen: dict[str, int] = {}
    notes: list[str] = []
    from nbgrader import utils

    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        name = meta.get("grade_id")
        if utils.is_grade(cell):
            seen[name] = seen.get(name, 0) + 1
            if name not in spec["grade"]:
                raise precheck.Rejected("error", f"grade cell {name!r} is not one of the lesson's")
            if cell.cell_type == "code":
                if cell.source != trusted.probe_source(declared.get(name)):
                    raise precheck.Rejected("error", f"test cell {name!r} did not run as the grader wrote it")
        elif meta.get("locked") and cell.cell_type == "code" and name in spec["source"]:
            checksum, source = spec["source"][name]
            restored = RESTORED.format(name=name)
            if cell.source.startswith(restored):
                cell.source = cell.source[len(restored):]
            if cell.source != source:
                raise precheck.Rejected("error", f"locked cell {name!r} does not match the released version")
    missing = sorted(set(spec["grade"]) - set(seen))
    twice = sorted(n for n, k in seen.items() if k > 1)
    if missing or twice:
        raise precheck.Rejected("error", f"grade cells missing {missing} or repeated {twice} after autograding")
    released = {name: source for name, (_, source) in spec["source"].items()}
    scores, results = trusted.evaluate(nb, lesson, released)
    import nbformat

    # a new file in its place: nbgrader leaves the autograded notebook read-only (0444), which stops any teacher
    # who is not root from writing it
    tmp = nb_path.with_name(nb_path.name + ".tmp")
    nbformat.write(nb, tmp)
    os.replace(tmp, nb_path)
    return scores, notes


_GOOD_GRADEBOOK: dict[str, bytes] = {}  # the last copy this process saw intact, per gradebook file


def guard_gradebook(course: Course) -> None:
    """Without the OS sandbox, student code runs with the teacher's rights and could overwrite the gradebook file.
    Keep a copy of the last good state; if the file no longer is an SQLite database, put the copy back and say so."""
    if not course.db_url.startswith("sqlite:///"):
        return
    path = Path(course.db_url[len("sqlite:///"):])
    if not path.exists():
        return
    data = path.read_bytes()
    if data[:16] == b"SQLite format 3\x00":
        _GOOD_GRADEBOOK[str(path)] = data
    elif str(path) in _GOOD_GRADEBOOK:
        path.write_bytes(_GOOD_GRADEBOOK[str(path)])
        print(f"WARNING: {path} was overwritten while grading (student code without the OS sandbox?); it has "
              "been restored from the copy taken before. Install bubblewrap to prevent this.", file=sys.stderr,
              flush=True)
    else:
        raise ToolError(f"{path} is not an SQLite database. Restore it from a backup, or move it aside and run "
                        "`make release` again to start a new gradebook.")


def merge(course: Course, lesson: str, student: str, scores: dict | None, timestamp=None) -> tuple[float, float]:
    """Write one student's scores for one lesson in one transaction. scores None: a submission that could not be
    graded — every automatic score is 0. Manual scores a teacher already gave are kept (and flagged for review)."""
    from nbgrader.api import Gradebook

    guard_gradebook(course)
    points = max_points = 0.0
    with Gradebook(course.db_url) as gb:
        with _one_transaction(gb):
            gb.update_or_create_student(student)
            kwargs = {"timestamp": timestamp} if timestamp else {}
            submission = gb.update_or_create_submission(lesson, student, **kwargs)
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    auto = 0.0 if scores is None else scores.get(grade.name, 0.0)
                    grade.auto_score = auto
                    grade.needs_manual_grade = grade.manual_score is not None or auto is None
                    max_points += grade.max_score
                for comment in notebook.comments:  # as nbgrader's SaveAutoGrades: an untouched answer cell
                    unanswered = scores is None or scores.get(comment.name, None) == 0
                    comment.auto_comment = "No response." if unanswered else None
            gb.db.flush()
            points = sum((g.score or 0) for nb in submission.notebooks for g in nb.grades)
    guard_gradebook(course)
    return points, max_points


EXCHANGE_FILES = ("timestamp.txt", "submission_secret.txt")  # nbgrader's release_feedback needs both in feedback/


def _publish(course: Course, lesson: str, student: str, w: Path | None) -> None:
    """Put the verified autograded notebook (and answer file) in grading/autograded/<student>/<lesson>/, or remove
    a stale one. The folder is replaced as a whole. The submission's timestamp.txt and submission_secret.txt (which
    nbgrader's collect puts beside it) go along, as nbgrader's own autograde would copy them: generate_feedback
    copies them on to feedback/, where release_feedback reads them. They are the student's files: regular files
    of a few bytes only."""
    final = course.autograded(student, lesson)
    old = final.with_name(f".{lesson}.old")
    shutil.rmtree(old, ignore_errors=True)
    new = None
    if w is not None:
        made = w / "grading" / "autograded" / student / lesson
        new = final.with_name(f".{lesson}.new")
        shutil.rmtree(new, ignore_errors=True)
        new.mkdir(parents=True)
        for name in (f"{lesson}.ipynb", tracks.answer_file(lesson)):
            if (made / name).is_file():
                shutil.copy(made / name, new / name)
        for name in EXCHANGE_FILES:
            try:
                data = _nbsafe.read_regular(course.submitted(student, lesson) / name, 4096, name)
            except (_nbsafe.BadInput, OSError):
                continue  # missing, a link, or too big: nbgrader's release_feedback then names the student
            (new / name).write_bytes(data)
    if final.exists():
        final.rename(old)
    if new is not None:
        new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


# -- the run ---------------------------------------------------------------------------------------------------------
@contextmanager
def run_lock(path: Path):
    """One autograde at a time per course (filelock: an OS lock, released even after kill -9)."""
    from filelock import FileLock, Timeout

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(str(path), timeout=0):
            yield
    except Timeout:
        raise ToolError("another autograde is running on this course; wait for it, or stop it first. (The lock "
                        f"{path} is released when that process ends, even if it is killed.)") from None


def _fingerprint(job: Job, lesson: str, template_sum: str) -> str:
    """What the grade depends on: the lesson, its declarations and the submission's files (links are not followed)."""
    h = hashlib.sha256(f"{lesson}\0{template_sum}\0".encode())
    paths = [Path(top) / name for top, dirs, files in os.walk(job.folder) for name in dirs + files]
    for p in sorted(paths):
        st = p.lstat()
        if p.is_symlink():
            h.update(f"{p.relative_to(job.folder)}\0link\0{os.readlink(p)}\0".encode())
        elif p.is_file():
            h.update(f"{p.relative_to(job.folder)}\0{st.st_size}\0".encode())
            if p.suffix in (".ipynb", ".json") and st.st_size < 64 * sandbox.MB:
                h.update(p.read_bytes())
    return h.hexdigest()


def _write_json(path: Path, data) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def autograde(course: Course, lesson: str, workers: int | None = None, force: bool = False,
              limits: sandbox.Limits | None = None, no_sandbox: bool = False,
              students: set[str] | None = None, cluster: str = "") -> list[Outcome]:
    """Grade every submission of a lesson (see the module's text). ``cluster``: a Dask scheduler's address, or
    "local" for a LocalCluster here (cluster.py); without it, forked workers on this machine."""
    import nbformat

    course.check_lesson(lesson)
    limits = limits or sandbox.Limits(cell_timeout=int(course.config().Execute.get("timeout", 120)))
    workers = max(1, workers or len(os.sched_getaffinity(0)))
    state_dir = course.state
    with run_lock(state_dir / "autograde.lock"):
        work_root = state_dir / "work" / lesson
        shutil.rmtree(work_root, ignore_errors=True)   # what a killed run left behind
        work_root.mkdir(parents=True)
        # the lesson must be in the gradebook (a fresh clone has none): register it without touching lessons/
        if not course.has_assignment(lesson):
            from .course import release
            print(f"{lesson} is not in the gradebook yet: adding it (nbgrader generate_assignment, student version "
                  f"to a scratch folder).", flush=True)
            release(course, lesson, release_dir=work_root / "release")
        guard_gradebook(course)
        template = work_root / "template.db"
        make_template(course, lesson, template)
        cells = lesson_cells(course, lesson)
        source_nb = tracks.notebook(course, lesson)  # the lesson's one source, this track's cells
        problems = exercises.check_notebook(lesson, source_nb)
        if problems:
            raise ToolError("the lesson and its exercise declarations disagree:\n  " + "\n  ".join(problems))
        for exercise in exercises.for_lesson(lesson).values():  # every key now: a missing key file stops the run
            try:
                exercise.the_key()
            except Exception as error:  # noqa: BLE001
                raise ToolError(f"the key of exercise {exercise.id} ({exercise.key_source}) could not be computed: "
                                f"{type(error).__name__}: {error}") from None
        rules = sorted(Path(exercises.__file__).parent.joinpath("lessons").glob("*.py")) + [Path(exercises.__file__)]
        template_sum = hashlib.sha256(json.dumps(cells, sort_keys=True, default=str).encode()
                                      + b"".join(p.read_bytes() for p in rules)).hexdigest()
        release_path = course.release(lesson) / f"{lesson}.ipynb"
        release_nb = nbformat.read(release_path, as_version=4) if release_path.exists() else source_nb
        lesson_ids = {}
        for other in course.lessons():
            try:
                lesson_ids[other] = precheck.grade_ids(tracks.notebook(course, other))
            except Exception:  # noqa: BLE001 - a lesson being edited elsewhere
                lesson_ids[other] = set()
        support = [p for p in course.source(lesson).rglob("*") if p.is_file() and p.suffix != ".ipynb"
                   and not p.name.startswith((".", "answers-", "teacher-notes", "GENERATED"))
                   and "__pycache__" not in p.parts
                   and ".ipynb_checkpoints" not in p.parts]
        state_file = state_dir / f"state-{lesson}.json"
        state = json.loads(state_file.read_text(encoding="utf-8")) if state_file.exists() else {}

        box = sandbox.detect(force_none=no_sandbox)
        mpl_cache = state_dir / "mpl-cache"
        sandbox.warm_matplotlib(mpl_cache)
        ctx = {"shared": lesson_files(template, support, course.source(lesson)), "sandbox": box, "limits": limits,
               "mpl_cache": mpl_cache}

        submitted = course.submitted()
        folders = sorted(p for p in submitted.glob(f"*/{lesson}") if p.is_dir() and not p.parent.name.startswith("."))
        if students is not None:
            folders = [f for f in folders if f.parent.name in students]
        if not folders:
            raise ToolError(f"No submissions for {lesson}: expected folders grading/submitted/<student>/{lesson}/ "
                            f"(make import LESSON={lesson} FROM=<zip or folder> puts them there).")
        if cluster:  # each worker's own sandbox: its status lines say where there was none
            print(f"Autograding {lesson}: {len(folders)} submission(s) on the Dask cluster {cluster}.", flush=True)
        else:
            print(f"Autograding {lesson}: {len(folders)} submission(s), {workers} worker(s), kernels "
                  f"{box.label}.", flush=True)
        if box.mode != "bwrap" and not cluster:
            print("WARNING: student code runs WITHOUT the OS sandbox: it runs with your rights, and only the time, "
                  "memory, file-size and output limits and the static checks apply. Install bubblewrap "
                  "(apt-get install bubblewrap) for the full protection.", file=sys.stderr, flush=True)

        from tqdm import tqdm

        # status lines go to stdout (one per student); the bar to stderr, only on a terminal
        progress = tqdm(total=len(folders), unit="student", file=sys.stderr, disable=not sys.stderr.isatty(),
                        dynamic_ncols=True)
        outcomes: list[Outcome] = []

        def record(job: Job, outcome: Outcome, scores: dict | None, w: Path | None) -> None:
            if outcome.status != "unchanged":
                _publish(course, lesson, job.student, w if outcome.status == "graded" else None)
                outcome.points, outcome.max_points = merge(course, lesson, job.student, scores, job.timestamp)
                state[job.student] = {"fingerprint": job.fingerprint, "status": outcome.status,
                                      "detail": outcome.detail, "points": outcome.points,
                                      "max_points": outcome.max_points}
                _write_json(state_file, state)
            outcomes.append(outcome)
            outcome.sandbox = outcome.sandbox or ("" if cluster else box.mode)
            tag = "  [UNSANDBOXED]" if outcome.sandbox == "none" else ""
            pts = f"{outcome.points:g}/{outcome.max_points:g} points"
            done, n = len(outcomes), len(str(len(folders)))
            progress.update(1)
            progress.write(f"[{done:>{n}}/{len(folders)}] {job.student:<16} {outcome.status:<9} {pts:<16} "
                          f"{outcome.detail}{tag}".rstrip())

        def checked(job: Job) -> bool:
            """The checks before a submission runs (done just before its worker starts, so that they overlap
            with the other workers): False, with the student's status line recorded, if it cannot run."""
            try:
                job.notebook, note = precheck.find_notebook(job.folder, lesson)
                if note:
                    job.notes.append(note)
                job.notebook_bytes, nb = precheck.read_notebook(job.notebook)
                precheck.check_lesson(nb, lesson, lesson_ids)
                job.answers_bytes, note = precheck.read_answer_file(job.folder, lesson)
                if note:
                    job.notes.append(note)
                deleted = lesson_ids[lesson] - precheck.grade_ids(nb)
                if deleted:
                    job.notes.append(f"{len(deleted)} deleted test cell(s) put back")
                job.timestamp, note = precheck.read_timestamp(job.folder)
                if note:
                    job.notes.append(note)
                # Tampering cannot gain points any more (scores are computed here, from plain data), so what the
                # scan finds is noted for the teacher, never a reason to refuse or change a score.
                findings = precheck.scan(nb, release_nb, source_nb)
                if findings:
                    more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
                    job.notes.append(f"review: {findings[0]}{more}")
            except precheck.Rejected as rejected:
                record(job, Outcome(job.student, rejected.kind, rejected.reason), None, None)
                return False
            except Exception as error:  # noqa: BLE001 - one student's files never stop the class
                record(job, Outcome(job.student, "error", f"the submission could not be read ({type(error).__name__}: "
                                    f"{str(error)[:160]})"), None, None)
                return False
            return True

        # 1. what changed since the last run
        queue: list[Job] = []
        for folder in folders:
            job = Job(folder.parent.name, folder)
            try:
                job.fingerprint = _fingerprint(job, lesson, template_sum)
            except OSError:
                job.fingerprint = os.urandom(8).hex()  # unreadable: never "unchanged"; the checks below report it
            old = state.get(job.student)
            if not force and old and old.get("fingerprint") == job.fingerprint and _in_gradebook(course, lesson, job.student):
                record(job, Outcome(job.student, "unchanged", f"not regraded (was {old['status']}"
                                    + (f": {old['detail']}" if old.get("detail") else "") + ")",
                                    old.get("points", 0), old.get("max_points", 0)), None, None)
                continue
            queue.append(job)

        # 2. the untrusted stage of each: in forked workers on this machine, or as tasks on a Dask cluster
        running: dict[int, Job] = {}

        def start_workers() -> None:
            while queue and len(running) < workers:
                job = queue.pop(0)
                if not checked(job):
                    continue
                job.workdir = work_root / f"{job.student}-{os.urandom(4).hex()}"
                job.workdir.mkdir()
                job.runtime = Path(tempfile.mkdtemp(prefix="mlk-", dir="/tmp" if os.path.isdir("/tmp") else None))
                job.started = time.monotonic()
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    _worker(course, lesson, job, ctx)
                job.pid = pid
                running[pid] = job

        try:
            if cluster:
                _on_cluster(cluster, workers, lesson, queue, checked, record, cells, limits, no_sandbox, ctx,
                            work_root)
            while queue or running:
                start_workers()
                pid, status = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    now = time.monotonic()
                    for job in list(running.values()):
                        if now - job.started > limits.student_timeout and not job.killed:
                            _kill(job.pid)
                            job.killed = True
                            job.notes.insert(0, f"time limit: {limits.student_timeout} s for the whole notebook")
                    time.sleep(0.02)
                    continue
                job = running.pop(pid, None)
                if job is None:
                    continue
                seconds = time.monotonic() - job.started
                start_workers()  # the next student's worker starts before this one's results are checked and merged
                record(job, *_finish(job, cells, seconds))
                shutil.rmtree(job.runtime, ignore_errors=True)
                if os.environ.get("MEDIALIT_KEEP_WORK") is None:
                    shutil.rmtree(job.workdir, ignore_errors=True)
        finally:
            for job in running.values():
                _kill(job.pid)
                shutil.rmtree(job.runtime, ignore_errors=True)
            progress.close()
        _write_status(course, lesson, outcomes)
        if os.environ.get("MEDIALIT_KEEP_WORK") is None:
            shutil.rmtree(work_root, ignore_errors=True)
    counts = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    print(f"Done: {', '.join(f'{v} {k}' for k, v in sorted(counts.items()))}. Status of every student: "
          f"{(course.exports / f'autograde-{lesson}.csv').relative_to(course.root)}", flush=True)
    return outcomes


def _on_cluster(address: str, workers: int, lesson: str, queue: list[Job], checked, record, cells: dict,
                limits: sandbox.Limits, no_sandbox: bool, ctx: dict, work_root: Path) -> None:
    """The untrusted stage of each queued submission as a task on a Dask cluster (cluster.grade_elsewhere); the
    files a task hands back are written to the job's folder here and verified, scored and merged exactly as a
    forked worker's. A few tasks per worker thread are in flight at a time, so the class's notebooks never all
    sit in memory at once."""
    from dataclasses import asdict

    from dask.distributed import as_completed

    from . import cluster

    with cluster.connect(address, workers) as client:
        threads = cluster.check_workers(client)
        where = "a LocalCluster on this machine" if address == "local" else client.scheduler.address
        print(f"Dask cluster {where}: {len(client.nthreads())} worker(s), {threads} task thread(s).", flush=True)
        # the lesson's files as a task of their own, not scattered data: a worker that dies with its copy (seen
        # in the tests: every grading task then failed, "already forgotten") has it made again from the task
        shared = client.submit(cluster.hold, ctx["shared"], pure=False,
                               key=f"lesson-files-{lesson}-{os.urandom(4).hex()}")
        pending: dict = {}
        done = as_completed()

        def submit_next() -> None:
            while queue and len(pending) < threads * cluster.IN_FLIGHT_PER_THREAD:
                job = queue.pop(0)
                if not checked(job):
                    continue
                job.workdir = work_root / f"{job.student}-{os.urandom(4).hex()}"
                job.workdir.mkdir()
                stage = {"lesson": lesson, "student": job.student, "notebook": job.notebook_bytes,
                         "answers": job.answers_bytes, "limits": asdict(limits), "no_sandbox": no_sandbox}
                future = client.submit(cluster.grade_elsewhere, stage, shared, pure=False,
                                       retries=cluster.RETRIES, key=f"grade-{lesson}-{job.workdir.name}")
                pending[future] = job
                done.add(future)

        submit_next()
        for future in done:
            job = pending.pop(future)
            try:
                out = future.result()
            except Exception as error:  # noqa: BLE001 - one task's failure is that student's status line
                record(job, Outcome(job.student, "error", f"the cluster could not grade this submission "
                                    f"({type(error).__name__}: {str(error)[:200]}): 0 points"), None, None)
            else:
                expected = {"worker.log", *stage_files(job.student, lesson)}
                for name, data in out["files"].items():
                    if name not in expected:  # only the files a task hands back, never a path of its choosing
                        continue
                    path = job.workdir / name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                if out["timed_out"]:
                    job.notes.insert(0, f"time limit: {limits.student_timeout} s for the whole notebook")
                record(job, *_finish(job, cells, out["seconds"]))
            if os.environ.get("MEDIALIT_KEEP_WORK") is None:
                shutil.rmtree(job.workdir, ignore_errors=True)
            submit_next()


def _kill(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _in_gradebook(course: Course, lesson: str, student: str) -> bool:
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        try:
            sub = gb.find_submission(lesson, student)
        except MissingEntry:
            return False
        return all(g.auto_score is not None or g.needs_manual_grade for nb in sub.notebooks for g in nb.grades)


def _finish(job: Job, cells: dict, seconds: float) -> tuple[Outcome, dict | None, Path | None]:
    w = job.workdir
    try:
        result = json.loads((w / "result.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        result = {"success": False, "error": "the worker was stopped", "log": ""}
    outcome = _judge(job, cells, seconds, result)
    outcome[0].sandbox = result.get("sandbox", "")
    return outcome


def _judge(job: Job, cells: dict, seconds: float, result: dict) -> tuple[Outcome, dict | None, Path | None]:
    w = job.workdir
    notes = "; ".join(job.notes)
    if job.notes and job.notes[0].startswith("time limit"):
        return Outcome(job.student, "error", f"{notes}: stopped, 0 points", seconds=seconds), None, None
    if not result.get("success"):
        why = _why_failed(result, w)
        return Outcome(job.student, "error", f"{why}: 0 points" + (f"; {notes}" if notes else ""),
                       seconds=seconds), None, None
    try:
        scores, restored = verify_and_score(w / "grading" / "autograded" / job.student / job.folder.name
                                            / f"{job.folder.name}.ipynb", cells, job.folder.name)
    except precheck.Rejected as rejected:
        return Outcome(job.student, rejected.kind, rejected.reason, seconds=seconds), None, None
    if restored:
        job.notes.append(f"{len(restored)} deleted test cell(s) put back")
    timeouts = _timeouts(w / "grading" / "autograded" / job.student / job.folder.name / f"{job.folder.name}.ipynb")
    if timeouts:
        job.notes.insert(0, f"{timeouts} cell(s) ran past the time limit and were stopped")
    detail = "; ".join(job.notes)
    return Outcome(job.student, "graded", detail, seconds=seconds, scores=scores), scores, w


def _timeouts(path: Path) -> int:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    return sum(1 for c in nb.get("cells", []) if any(
        o.get("output_type") == "error" and o.get("ename") in ("CellTimeoutError", "KeyboardInterrupt")
        for o in c.get("outputs", [])))


def _write_status(course: Course, lesson: str, outcomes: list[Outcome]) -> None:
    from .exports import write_csv

    course.exports.mkdir(parents=True, exist_ok=True)
    shown = {"bwrap": "bubblewrap", "none": "none", "": ""}
    write_csv(course.exports / f"autograde-{lesson}.csv", STATUS_COLUMNS, [
        dict(zip(STATUS_COLUMNS, [o.student, lesson, o.status, f"{o.points:g}", f"{o.max_points:g}", o.detail,
                                  shown.get(o.sandbox, o.sandbox)])) for o in sorted(outcomes, key=lambda o: o.student)])
