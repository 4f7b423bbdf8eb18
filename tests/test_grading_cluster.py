"""Grading on a Dask cluster (`make autograde CLUSTER=tcp://…`, issue #19), into a PostgreSQL gradebook.

The tests start a Dask scheduler and two worker processes (one task thread each) on loopback, and stop them. The
workers are started inside bubblewrap with the tests' temporary folders hidden (an empty folder in their place):
the teacher's course, its submissions and its gradebook do not exist for them, as on a worker that does not share
the teacher's disk. The same three submissions the PostgreSQL tests grade locally into SQLite (conftest.py's `graded`) (a full solution, a
partial answer, an untouched notebook) are graded through the cluster into a new PostgreSQL database and must get
exactly the same grades; a worker killed in the middle of a task costs a retry, not a grade."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import kit
from test_grading_kit import LESSON, status, tools

pytestmark = pytest.mark.xdist_group("gradebook-postgres")

def _wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"{what} within {seconds:g} s")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """tcp://127.0.0.1:<port>: a scheduler and two worker processes that cannot see the tests' folders."""
    hidden = tmp_path_factory.getbasetemp()
    scratch = Path(os.environ.get("TMPDIR", "/tmp")) / f"medialit-dask-{os.getpid()}"
    shutil.rmtree(scratch, ignore_errors=True)
    hides = shutil.which("bwrap") is not None
    if not hides and os.environ.get("CI"):
        pytest.fail("CI: bubblewrap is not installed; .ci/run installs it")
    # the same root file system, the tests' folders replaced by an empty one
    prefix = ("bwrap", "--dev-bind", "/", "/", "--tmpfs", str(hidden), "--die-with-parent", "--") if hides else ()
    try:
        with kit.dask_cluster(2, scratch, prefix) as address:
            yield {"address": address, "hidden": hidden if hides else None, "logs": scratch}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_the_workers_cannot_see_the_teachers_course(cluster, graded):
    """The premise of the next tests: a worker has no path to the course (copy in, results out)."""
    if cluster["hidden"] is None:
        pytest.skip("bubblewrap is missing: the workers share this disk")
    from dask.distributed import Client

    course, _ = graded
    with Client(cluster["address"]) as client:
        seen = client.run(lambda path: sorted(os.listdir(path)), str(cluster["hidden"]))
        exists = client.run(os.path.exists, str(course / "grading" / "submitted"))
    assert len(seen) == 2 and all(v == [] for v in seen.values()), seen
    assert not any(exists.values()), exists


def test_the_cluster_grades_into_postgresql_exactly_as_the_local_sqlite_run(cluster, graded, postgres):
    course, out = graded
    url = postgres("cluster")
    result = tools(course, "--gradebook", url, "autograde", LESSON, "--force", "--cluster", cluster["address"])
    assert "2 worker(s), 2 task thread(s)" in result.stdout, result.stdout
    direct = url.replace("postgresql://", "postgresql+psycopg://", 1)
    assert kit.scores(course, LESSON, direct) == kit.scores(course, LESSON), result.stdout
    rows = status(course)
    assert {s: r["status"] for s, r in rows.items()} == {"ada": "graded", "bo": "graded", "cy": "graded"}
    assert {r["sandbox"] for r in rows.values()} == {"bubblewrap"}, rows  # each worker's own sandbox, as it said
    notebook = course / "grading" / "autograded" / "bo" / LESSON / f"{LESSON}.ipynb"
    assert notebook.is_file(), "the executed notebook did not come back from the worker for feedback"
    tools(course, "--gradebook", url, "feedback", LESSON)
    assert (course / "grading" / "feedback" / "bo" / LESSON / f"{LESSON}.html").is_file()


def test_a_worker_killed_mid_task_costs_a_retry_not_a_grade(cluster, graded, postgres):
    from dask.distributed import Client

    course, _ = graded
    url = postgres("killed")
    run = subprocess.Popen([sys.executable, "-m", "medialit_grader", "--course", str(course), "--gradebook", url,
                            "autograde", LESSON, "--force", "--cluster", cluster["address"]],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = {}

    def kill_a_busy_worker():
        """Kill the first worker seen still running the same grading task 0.3 s later (inside the task: it lays
        out the course and starts the notebook's kernel); tries again on later tasks until the run ends."""
        with Client(cluster["address"]) as client:
            deadline = time.monotonic() + 300
            while not killed and run.poll() is None and time.monotonic() < deadline:
                busy = {w: set(map(str, keys)) for w, keys in client.processing().items()
                        if any(str(k).startswith("grade-") for k in keys)}
                if not busy:
                    time.sleep(0.05)
                    continue
                worker, keys = next(iter(busy.items()))
                time.sleep(0.3)
                if keys & set(map(str, client.processing().get(worker, ()))):
                    pid = client.run(os.getpid, workers=[worker])[worker]
                    os.kill(pid, signal.SIGKILL)
                    killed.update(worker=worker, keys=sorted(keys))

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    stdout, stderr = run.communicate(timeout=600)
    killer.join()
    assert run.returncode == 0, stderr[-3000:]
    assert killed, "no worker was killed while it ran a task (the test proves nothing)"
    direct = url.replace("postgresql://", "postgresql+psycopg://", 1)
    assert kit.scores(course, LESSON, direct) == kit.scores(course, LESSON), stdout
    assert {s: r["status"] for s, r in status(course).items()} == {"ada": "graded", "bo": "graded",
                                                                   "cy": "graded"}, stdout
    with Client(cluster["address"]) as client:  # the nanny starts the killed worker again
        _wait_for(lambda: len(client.scheduler_info(n_workers=-1)["workers"]) == 2, 90, "the worker back")


def test_no_scheduler_at_the_address_is_one_clear_message(graded):
    course, _ = graded
    result = tools(course, "autograde", LESSON, "--force", "--cluster", f"tcp://127.0.0.1:{kit.free_port()}",
                   check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no Dask scheduler answers" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_worker_with_another_kit_version_stops_the_run_before_anything_is_sent(monkeypatch):
    from medialit_grader import cluster
    from medialit_grader.course import ToolError

    class Client:
        def scheduler_info(self, n_workers):
            return {"workers": {"tcp://10.0.0.5:4000": {}, "tcp://10.0.0.6:4000": {}}}

        def run(self, function):
            return {"tcp://10.0.0.5:4000": function(), "tcp://10.0.0.6:4000": "an older kit"}

        def nthreads(self):
            return {"tcp://10.0.0.5:4000": 2, "tcp://10.0.0.6:4000": 2}

    with pytest.raises(ToolError, match=r"1 Dask worker\(s\) run another version of the kit.*10\.0\.0\.6"):
        cluster.check_workers(Client())
    monkeypatch.setattr(Client, "run", lambda self, function: {a: function() for a in self.nthreads()})
    assert cluster.check_workers(Client()) == 4


def test_a_task_needs_nothing_of_the_course_and_runs_in_a_daemonic_worker_too(graded, monkeypatch, tmp_path):
    """The task itself, called here: the submission's bytes and the lesson's files in, the executed notebook out,
    the course out of reach (renamed while the task runs). In a daemonic process (a worker under a nanny with
    Dask's default configuration) it starts a new Python instead of forking from the forkserver."""
    import json
    import multiprocessing

    from medialit_grader import autograde, cluster, sandbox, tracks
    from medialit_grader.course import Course

    course, _ = graded
    lesson_src = Course(course).source(LESSON)
    support = [p for p in lesson_src.rglob("*") if p.is_file() and p.suffix != ".ipynb" and not p.name.startswith(
        (".", "answers-", "teacher-notes", "GENERATED")) and "__pycache__" not in p.parts]
    autograde.make_template(Course(course), LESSON, tmp_path / "template.db")
    shared = autograde.lesson_files(tmp_path / "template.db", support, lesson_src)
    folder = course / "grading" / "submitted" / "bo" / LESSON
    stage = {"lesson": LESSON, "student": "bo", "notebook": (folder / f"{LESSON}.ipynb").read_bytes(),
             "answers": (folder / tracks.answer_file(LESSON)).read_bytes()
             if (folder / tracks.answer_file(LESSON)).exists() else None,
             "limits": vars(sandbox.Limits()), "no_sandbox": False}

    class Daemonic:
        daemon = True

    monkeypatch.setattr(multiprocessing, "current_process", lambda: Daemonic())
    away = course.with_name(course.name + "-away")
    course.rename(away)
    try:
        out = cluster.grade_elsewhere(stage, shared)
    finally:
        away.rename(course)
    result = json.loads(out["files"]["result.json"])
    assert result["success"] and not out["timed_out"], (result, out["files"].get("worker.log", b"")[-2000:])
    executed = json.loads(out["files"][f"grading/autograded/bo/{LESSON}/{LESSON}.ipynb"])
    assert any(c.get("outputs") for c in executed["cells"] if c["cell_type"] == "code")
