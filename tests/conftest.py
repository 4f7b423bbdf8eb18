import csv
import glob
import os
import shutil
import subprocess
import tempfile
import time

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


# -- a PostgreSQL server and a course graded into it (test_gradebook_postgres, test_grading_cluster: both in the
# xdist group "gradebook-postgres", so that one worker starts the server and grades the course once) -------------
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
ROLE = "grader"


def _as_server_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", "nobody", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server on 127.0.0.1:<free port>; yields a function that makes a new database's URL."""
    if not PG_BIN and os.environ.get("CI"):
        pytest.fail("CI: PostgreSQL is not installed; .ci/run installs it with apt-get before `make test`")
    if not PG_BIN:
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run does it)")
    bin_dir = PG_BIN[-1]
    folder = tempfile.mkdtemp(prefix="medialit-pg-")
    os.chmod(folder, 0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
    import kit

    data, port = os.path.join(folder, "data"), kit.free_port()
    subprocess.run(_as_server_user([f"{bin_dir}/initdb", "-D", data, "-U", ROLE, "--auth=trust", "-E", "UTF8",
                                    "--no-sync"]), check=True, capture_output=True, timeout=120)
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"
    started = subprocess.run(_as_server_user([f"{bin_dir}/pg_ctl", "-D", data, "-l", os.path.join(folder, "log"),
                                              "-o", options, "-w", "-t", "60", "start"]),
                             capture_output=True, text=True, timeout=90)
    if started.returncode != 0:
        log = open(os.path.join(folder, "log"), encoding="utf-8", errors="replace").read()[-2000:]
        raise AssertionError(f"PostgreSQL did not start:\n{started.stdout}\n{started.stderr}\n{log}")
    made = []

    def database(name: str) -> str:
        from sqlalchemy import create_engine, text

        engine = create_engine(f"postgresql+psycopg://{ROLE}@127.0.0.1:{port}/postgres",
                               isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        made.append(name)
        return f"postgresql://{ROLE}@127.0.0.1:{port}/{name}"

    try:
        yield database
    finally:
        subprocess.run(_as_server_user([f"{bin_dir}/pg_ctl", "-D", data, "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def _grades_csv(course) -> list[dict]:
    with open(course / "grading" / "exports" / "grades.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def graded(postgres, tmp_path_factory):
    """Lesson 01, three students (a full solution, a partial answer, an untouched notebook), graded into the SQLite
    file and then, from the same submissions, into PostgreSQL; the grades CSV of each."""
    import kit
    from test_grading_kit import LESSON, course_copy, status, tools

    course = course_copy(tmp_path_factory.mktemp("pg"))
    url = postgres("gradebook")
    _, bo, _ = kit.three_submissions(course, LESSON)
    # what nbgrader's collect puts beside a submission from the exchange (release_feedback needs both)
    (bo / "timestamp.txt").write_text("2026-11-30 09:15:00.000000 UTC", encoding="utf-8")
    (bo / "submission_secret.txt").write_text("3f0c2d6e-exchange-secret", encoding="utf-8")
    # the URL as a teacher writes it goes to the tools; this process opens it with the kit's driver named
    out = {"url": url, "direct": url.replace("postgresql://", "postgresql+psycopg://", 1),
           "sqlite": tools(course, "autograde", LESSON, "--workers", "2")}
    tools(course, "grades")
    out["sqlite grades"] = _grades_csv(course)
    out["sqlite status"] = status(course)
    start = time.monotonic()
    out["pg"] = tools(course, "--gradebook", url, "autograde", LESSON, "--workers", "2")
    out["pg seconds"] = time.monotonic() - start
    tools(course, "--gradebook", url, "grades")
    out["pg grades"] = _grades_csv(course)
    out["pg status"] = status(course)
    tools(course, "--gradebook", url, "feedback", LESSON)
    tools(course, "--gradebook", url, "report")
    return course, out
