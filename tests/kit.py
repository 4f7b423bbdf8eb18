"""Test helpers: a temporary copy of the course, nbgrader runs in it, notebooks executed with nbclient."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import nbformat

from medialit_grader.tracks import ASSESSMENTS, CAPSTONE, SINGLE, assignments_of

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# the lessons as written (one source each), and the assignments made from them: each lesson's data track (NN-slug)
# and its no-code core track (NN-slug-core; src/medialit_grader/tracks.py)
LESSONS = sorted(p.name for p in (ROOT / "solutions").iterdir()
                 if p.is_dir() and p.name[:2].isdigit() and not p.name.endswith("-core"))
# (and the pre- and post-test and the capstone, tracks.SINGLE: one assignment each, which every student takes)
ASSIGNMENTS = [name for lesson in LESSONS for name in assignments_of(lesson)]
TWO_TRACKS = [lesson for lesson in LESSONS if lesson not in SINGLE]  # the lessons proper
CORE = [name for name in ASSIGNMENTS if name.endswith("-core") or name in SINGLE]  # no code asked


def notebook_literals(lesson: str) -> dict:
    """Every `NAME = literal` assignment in the code cells of a lesson's source notebook (both tracks' cells): the
    keys tests compare what a lesson shows with what its declarations grade."""
    import ast

    nb = nbformat.read(ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    found[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    pass
    return found


def solution(assignment: str) -> nbformat.NotebookNode:
    """The instructor notebook of an assignment as its track sees it."""
    from medialit_grader import tracks
    from medialit_grader.course import Course

    return tracks.notebook(Course(ROOT), assignment)


def solution_folder(assignment: str) -> Path:
    """nbgrader's source folder of an assignment (a core track's is generated, brought up to date here)."""
    from medialit_grader.course import Course

    return Course(ROOT).source(assignment)


def env() -> dict:
    """The environment for nbgrader and kernels: the venv's bin first on PATH (nbgrader runs alembic)."""
    e = dict(os.environ)
    e["PATH"] = f"{BIN}{os.pathsep}{e.get('PATH', '')}"
    e.pop("NBGRADER_EXECUTION", None)
    e.setdefault("MPLBACKEND", "agg")
    return e


def make_course(tmp: Path, lessons=None) -> Path:
    """A temporary copy of the course: solutions, config; no gradebook, no submissions."""
    course = tmp / "course"
    (course / "grading").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copy(ROOT / "grading" / "nbgrader_config.py", course / "grading")
    for lesson in lessons or LESSONS:
        lesson = lesson.removesuffix("-core")  # a core track is made from its lesson's source in the copy
        if not (course / "solutions" / lesson).exists():
            shutil.copytree(ROOT / "solutions" / lesson, course / "solutions" / lesson,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "answers-*.json"))
    return course


def nbgrader(course: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([str(BIN / "nbgrader"), *args, "--log-level=WARN"], cwd=course, env=env(),
                            capture_output=True, text=True, timeout=900)
    if check and result.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def submit(course: Path, student: str, lesson: str, notebook: nbformat.NotebookNode | None = None,
           answers: dict | None = None) -> Path:
    """Put a submission into grading/submitted/<student>/<lesson>/ (a notebook and/or an answer file)."""
    folder = course / "grading" / "submitted" / student / lesson
    folder.mkdir(parents=True, exist_ok=True)
    if notebook is not None:
        nbformat.write(notebook, folder / f"{lesson}.ipynb")
    if answers is not None:  # both tracks of a lesson share its answer file: answers-01-corpus.json
        base = lesson.removesuffix("-core")
        data = {"kit": "medialit", "format": 1, "lesson": base,
                "answers": {q: {"kind": "test", "value": v} for q, v in answers.items()}}
        (folder / f"answers-{base}.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def scores(course: Path, lesson: str, db_url: str | None = None) -> dict[str, dict[str, float]]:
    """{student: {grade id: score}} from the gradebook (the course's SQLite file, or ``db_url``), plus '__auto__'
    and '__max_auto__' entries."""
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(db_url or f"sqlite:///{course / 'grading' / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(lesson):
            grades = {g.name: g.score for nb in sub.notebooks for g in nb.grades}
            auto_max = sum(g.max_score for nb in sub.notebooks for g in nb.grades if g.cell_type == "code")
            auto = sum(g.score for nb in sub.notebooks for g in nb.grades if g.cell_type == "code")
            out[sub.student_id] = {**grades, "__auto__": auto, "__max_auto__": auto_max}
    return out


def fill(notebook: nbformat.NotebookNode, cells: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of a notebook with the source of some solution cells (by grade id) replaced."""
    nb = nbformat.from_dict(json.loads(json.dumps(notebook)))
    found = set()
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in cells:
            cell.source = cells[grade_id]
            found.add(grade_id)
    missing = set(cells) - found
    assert not missing, f"no cells with grade ids {missing}"
    return nb


def three_submissions(course: Path, lesson: str, names=("ada", "bo", "cy")) -> list[Path]:
    """The usual small class of one assignment, submitted as ``names``: the full solution, a partly right answer
    (tests/partials/<lesson>.py, with its widget answers) and the untouched student notebook. Returns their folders."""
    import runpy

    partial = runpy.run_path(str(ROOT / "tests" / "partials" / f"{lesson}.py"))["PARTIAL"]
    release = nbformat.read(ROOT / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    return [submit(course, names[0], lesson, solution(lesson)),
            submit(course, names[1], lesson, fill(release, partial["cells"]), partial.get("answers", {})),
            submit(course, names[2], lesson, release)]


def execute(path: Path, timeout: int = 300, figures: bool = False) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in its own folder (errors are kept in the outputs, not raised). With
    ``figures``, in the inline backend, as a student's kernel runs: figures are drawn and shown in the outputs."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    old = dict(os.environ)
    os.environ.update({"MPLBACKEND": "agg"})
    if figures:
        os.environ.pop("MPLBACKEND")
    os.environ.pop("NBGRADER_EXECUTION", None)
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    return nb


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Errors and stderr output in an executed notebook, one line each."""
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.output_type == "error":
                out.append(f"{cell.id}: {o.ename}: {o.evalue[:300]}")
            elif o.output_type == "stream" and o.name == "stderr":
                out.append(f"{cell.id}: stderr: {o.text[:300]}")
    return out


def grade_cells(nb: nbformat.NotebookNode) -> list[dict]:
    return [c.metadata["nbgrader"] | {"cell_type": c.cell_type} for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")]


def free_port() -> int:
    """A TCP port free on loopback now (for a server a test starts: JupyterLab, PostgreSQL)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def dask_cluster(workers: int, scratch: Path, prefix: tuple[str, ...] = ()):
    """A Dask scheduler and `workers` worker processes (one task thread each) on loopback, started as the README
    says (not daemonic: a task's process is forked from the forkserver), the workers' command after ``prefix``
    (e.g. bubblewrap). Logs in scratch/scheduler.log and scratch/workers.log; yields the scheduler's address;
    stops both at the end."""
    import time

    from dask.distributed import Client

    scratch.mkdir(parents=True, exist_ok=True)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(BIN / "dask")
    commands = {"scheduler": [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                "workers": [*prefix, dask, "worker", address, "--nworkers", str(workers), "--nthreads", "1",
                            "--no-dashboard", "--host", "127.0.0.1", "--local-directory", str(scratch / "workers")]}
    procs = []
    try:
        for name, command in commands.items():
            with open(scratch / f"{name}.log", "wb") as log:
                procs.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=scratch,
                                              start_new_session=True,
                                              env={**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}))
        with Client(address, timeout="60s") as client:
            deadline = time.monotonic() + 90
            while len(client.scheduler_info(n_workers=-1)["workers"]) < workers:
                if time.monotonic() > deadline:
                    logs = "\n".join((scratch / f"{n}.log").read_text(errors="replace")[-3000:] for n in commands)
                    raise AssertionError(f"{workers} Dask worker(s) did not start within 90 s:\n{logs}")
                time.sleep(0.1)
        yield address
    finally:
        for proc in reversed(procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def investigation_log(web, plan, t0: float = 1_800_000_000.0) -> list[dict]:
    """A move log made the way the investigation widget makes it (``lab.investigate``): for each (claim, [(query,
    page opened)], page cited, verdict) of ``plan``, each page opened from the last search's results at its rank, then
    the citation and the verdict ("high")."""
    moves, t = [], t0
    for claim, opens, cited, verdict in plan:
        for query, page in opens:
            ranked = [p.id for p in web.search(query)]
            moves += [{"t": t, "claim": claim, "do": "search", "query": query},
                      {"t": t + 9, "claim": claim, "do": "open", "page": page, "rank": ranked.index(page) + 1},
                      {"t": t + 60, "claim": claim, "do": "back"}]
            t += 70
        moves += [{"t": t, "claim": claim, "do": "cite", "page": cited},
                  {"t": t + 15, "claim": claim, "do": "verdict", "verdict": verdict, "confidence": "high"}]
        t += 20
    return moves


# -- figures as a notebook's outputs hold them (tests/test_notebooks.py, the browser tests) ---------------------
FIGURE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
# A kit figure (src/medialit/figures.py, after `ml.lesson(...)`): an HTML output `<figure class="medialit-figure">`
# holding the picture as an <img alt>, with its alt text and the kit's own findings in the output's metadata.
KIT_FIGURE = re.compile(r"""<figure\b[^>]*\bclass=["'][^"']*\bmedialit-figure\b""")


def figure_metadata(output: dict) -> dict | None:
    """The kit's metadata of a figure output ({"alt": …, "problems": [...]}, which IPython files under the output's
    "text/html" entry); None if there is none."""
    kit_data = output.get("metadata", {}).get("text/html", {}).get("medialit")
    return kit_data if isinstance(kit_data, dict) else None


def is_figure(output: dict) -> bool:
    """A kit figure (text/html with <figure class="medialit-figure">) or a bare image output (image/png …)."""
    data = output.get("data", {})
    html = data.get("text/html", "")
    return any(t in data for t in FIGURE_TYPES) or bool(KIT_FIGURE.search("".join(html) if isinstance(html, list)
                                                                          else html))
