"""`make autograde CLUSTER=…`: the untrusted stage of each submission on a Dask distributed cluster.

The grader process (autograde.py) still does everything that decides a grade: it reads and checks each submission,
and scores and merges the executed notebook the task hands back. What goes to the cluster is one task per
submission, ``grade_elsewhere``: it receives the submission's validated bytes and the lesson's shared files (the
template gradebook, the lesson's support files; one task of their own, fetched once by each worker), lays out the same throw-away
course as a forked worker on this machine, runs it in a process of its own (confined and sandboxed exactly as on
this machine), and returns that process's files as bytes. A worker needs the kit (the same version: checked
before anything is sent) but nothing from the teacher's disk: copy in, results out.

A worker that dies in the middle of a task costs a retry: the scheduler gives the task to another worker (Dask's
`distributed.scheduler.allowed-failures`), and a task that fails in an unexpected way is tried again (`retries`).

Each task's process is forked from multiprocessing's forkserver, which has imported the grader's modules once: a
Dask worker runs threads (its event loop, its task threads), and forking a process that has threads can leave the
child holding a lock no thread will ever release; the forkserver is single-threaded. A worker under a nanny is a
daemonic process, which multiprocessing does not let have children: there each task starts a new Python instead,
which pays the imports (about 1.7 s) for every submission — start such workers with
DASK_DISTRIBUTED__WORKER__DAEMON=False (README, "Grading on a cluster").
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from . import sandbox
from .course import REPO, Course, ToolError

RETRIES = 2              # a task that raised is tried again this often (a dead worker is handled by the scheduler)
IN_FLIGHT_PER_THREAD = 2  # tasks handed to the scheduler ahead of the results, per worker thread
LOG_TAIL = 64 * 1024
_MPL_CACHE = Path(tempfile.gettempdir()) / f"medialit-mpl-cache-{os.getuid()}"  # matplotlib's fonts, per machine


def kit_digest() -> str:
    """What must be the same on the grader and every worker: the kit's packages, its datasets and the course's
    nbgrader configuration (which the worker's throw-away course loads)."""
    h = hashlib.sha256()
    tops = [REPO / "src" / "medialit", REPO / "src" / "medialit_grader", REPO / "datasets"]
    files = [REPO / "nbgrader_config.py", REPO / "grading" / "nbgrader_config.py"]
    for top in tops:
        files += [p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for path in sorted(files):
        if path.is_file():
            h.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@contextmanager
def connect(address: str, workers: int):
    """A Dask client: to the scheduler at ``address`` (tcp://host:port), or, for "local", to a LocalCluster on this
    machine with ``workers`` task threads (each task's work is done by its own process, so threads suffice)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ToolError("CLUSTER needs Dask distributed, which is not installed (`make venv` installs it).") from None
    if address == "local":
        with LocalCluster(n_workers=1, threads_per_worker=workers, processes=False, dashboard_address=None) as lc, \
                Client(lc) as client:
            yield client
        return
    try:
        if address.startswith(("tcp://", "tls://")):  # a closed port is said at once (Dask would retry for 30 s)
            host, _, port = address.split("://", 1)[1].rpartition(":")
            socket.create_connection((host.strip("[]"), int(port)), timeout=30).close()
        client = Client(address, timeout="30s")
    except (OSError, TimeoutError, ValueError) as error:
        raise ToolError(f"CLUSTER={address}: no Dask scheduler answers there ({type(error).__name__}: {error}). "
                        "Start one with `dask scheduler` and its workers with `dask worker <address>` (see README, "
                        "'Grading on a cluster').") from None
    with client:
        yield client


def check_workers(client) -> int:
    """Every worker runs the same kit as the grader; returns the number of task threads. A worker with another
    version would grade with other rules or data: the run stops before anything is sent, naming the workers."""
    deadline = time.monotonic() + 60
    while not client.scheduler_info(n_workers=-1)["workers"]:
        if time.monotonic() > deadline:
            raise ToolError("the Dask scheduler has no workers (waited 60 s); start them with `dask worker "
                            "<scheduler address>`.")
        time.sleep(0.5)
    mine = kit_digest()
    theirs = client.run(kit_digest)
    other = sorted(addr for addr, digest in theirs.items() if digest != mine)
    if other:
        raise ToolError(f"{len(other)} Dask worker(s) run another version of the kit than this grader: "
                        f"{', '.join(other)}. Install the same commit of the kit on every worker (`make venv`).")
    return max(1, sum(client.nthreads().values()))


def hold(value):
    """A task whose result is its argument: data the scheduler can make again if a worker dies with it."""
    return value


def grade_elsewhere(stage: dict, shared: dict) -> dict:
    """The Dask task: one submission's untrusted stage, wherever the task runs. ``stage``: lesson, student, the
    validated notebook and answer-file bytes, limits (a dict of sandbox.Limits), no_sandbox. Returns the files the
    grader needs (result.json, the executed notebook, the answer file, the log's end) as bytes, whether the time
    limit stopped it, the worker's host name and how long it took."""
    from .autograde import lay_out, stage_files

    started = time.monotonic()
    lesson, student = stage["lesson"], stage["student"]
    limits = sandbox.Limits(**stage["limits"])
    w = Path(tempfile.mkdtemp(prefix="medialit-grade-"))
    runtime = Path(tempfile.mkdtemp(prefix="mlk-", dir="/tmp" if os.path.isdir("/tmp") else None))
    try:
        from filelock import FileLock

        with FileLock(str(_MPL_CACHE) + ".lock"):  # built once per machine, before any kernel reads it
            sandbox.warm_matplotlib(_MPL_CACHE)
        lay_out(w, lesson, student, shared, stage["notebook"], stage["answers"])
        (w / "stage.json").write_text(json.dumps({"lesson": lesson, "student": student, "limits": stage["limits"],
                                                  "no_sandbox": stage["no_sandbox"]}), encoding="utf-8")
        timed_out = _run_stage_process([str(w), str(runtime)], limits.student_timeout)
        files = {rel: (w / rel).read_bytes() for rel in stage_files(student, lesson) if (w / rel).is_file()}
        if (w / "worker.log").is_file():
            with open(w / "worker.log", "rb") as log:
                log.seek(max(0, log.seek(0, os.SEEK_END) - LOG_TAIL))
                files["worker.log"] = log.read()
        return {"files": files, "timed_out": timed_out, "host": socket.gethostname(),
                "seconds": time.monotonic() - started}
    finally:
        shutil.rmtree(w, ignore_errors=True)
        shutil.rmtree(runtime, ignore_errors=True)


_CONTEXT = None


def _run_stage_process(argv: list[str], timeout: float) -> bool:
    """Run `main(argv)` in a process of its own, at most ``timeout`` seconds; True if the time limit ended it.
    Forked from the forkserver; in a daemonic process (a Dask worker under a nanny, unless started with
    DASK_DISTRIBUTED__WORKER__DAEMON=False), which multiprocessing does not let have children, a new Python runs
    it instead (the same code, plus the imports)."""
    import multiprocessing

    if multiprocessing.current_process().daemon:
        proc = subprocess.Popen([sys.executable, "-m", "medialit_grader.cluster", *argv], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        alive, wait = (lambda: proc.poll() is None), proc.wait
    else:  # the forkserver
        proc = _processes().Process(target=main, args=(argv,), name="medialit grading stage")
        proc.start()
        alive, wait = proc.is_alive, proc.join
    deadline = time.monotonic() + timeout
    while alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    timed_out = alive()
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the process (its own session) and everything it started
    except (ProcessLookupError, PermissionError):
        pass
    if alive():  # stopped before it had a session of its own
        proc.kill()
    wait()
    return timed_out


def _processes():
    """multiprocessing's forkserver, with the grader's modules imported once: each task's process is forked from
    that single-threaded server (cheap, and safe in a Dask worker, which has threads)."""
    global _CONTEXT
    if _CONTEXT is None:
        import multiprocessing

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["medialit_grader.cluster", "medialit_grader.autograde", "nbgrader.apps",
                                        "nbgrader.preprocessors", "nbconvert", "nbformat", "jupyter_client"])
        _CONTEXT = context
    return _CONTEXT


def main(argv: list[str]) -> None:
    """The process a task starts for one submission laid out in WORKDIR (argv: WORKDIR RUNTIME); never returns.
    `python -m medialit_grader.cluster WORKDIR RUNTIME` runs it too."""
    from . import autograde

    w, runtime = Path(argv[0]), Path(argv[1])
    code = 1
    try:
        stage = json.loads((w / "stage.json").read_text(encoding="utf-8"))
        limits = sandbox.Limits(**stage["limits"])
        autograde.confine_worker(w, runtime, limits)
        box = sandbox.detect(force_none=stage["no_sandbox"])
        autograde.run_stage(Course(REPO), w, stage["lesson"], stage["student"], runtime, box, limits, _MPL_CACHE)
        code = 0
    except BaseException as error:  # noqa: BLE001 - report anything, then leave
        autograde.report_failure(w, error)
    finally:
        sys.stdout.flush()
        os._exit(code)


if __name__ == "__main__":
    main(sys.argv[1:])
