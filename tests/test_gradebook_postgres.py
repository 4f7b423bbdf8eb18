"""The gradebook on a PostgreSQL server (`make … GRADEBOOK=postgresql://…`, issue #19): the same submissions graded
into Debian's PostgreSQL and into the default SQLite file give exactly the same grades; a rerun changes nothing; a
student's write is one transaction there too; a bad or unreachable URL is one clear message.

The server and the graded course are conftest.py's fixtures `postgres` and `graded` (shared with
test_grading_cluster.py)."""

from __future__ import annotations

import pytest

import kit
from test_grading_kit import LESSON, course_copy, status, tools

pytestmark = pytest.mark.xdist_group("gradebook-postgres")

def test_postgresql_holds_exactly_the_grades_of_the_sqlite_run(graded):
    course, out = graded
    assert "adding it" in out["pg"].stdout, "the lesson was not registered in the new PostgreSQL gradebook"
    on_sqlite, on_pg = kit.scores(course, LESSON), kit.scores(course, LESSON, out["direct"])
    assert sorted(on_pg) == ["ada", "bo", "cy"]
    assert on_pg == on_sqlite
    full, part, none = (on_pg[s]["__auto__"] for s in ("ada", "bo", "cy"))
    assert full == on_pg["ada"]["__max_auto__"] > part > none == 0, (full, part, none)
    assert out["pg grades"] == out["sqlite grades"]
    assert {s: r["status"] for s, r in out["pg status"].items()} == {"ada": "graded", "bo": "graded", "cy": "graded"}


def test_feedback_and_report_read_the_postgresql_gradebook(graded):
    course, out = graded
    on_pg = kit.scores(course, LESSON, out["direct"])
    for student in ("ada", "bo", "cy"):
        page = (course / "grading" / "feedback" / student / LESSON / f"{LESSON}.html").read_text(encoding="utf-8")
        assert f"{on_pg[student]['__auto__']:g}" in page, student
    assert "01-corpus" in (course / "grading" / "exports" / "report.md").read_text(encoding="utf-8")


def test_feedback_from_the_exchange_can_be_released(graded, tmp_path):
    """A submission collected from nbgrader's exchange carries timestamp.txt and submission_secret.txt; they reach
    the feedback folder, and nbgrader's release_feedback (which reads both) puts the student's page in the
    exchange."""
    course, _ = graded
    for name in ("timestamp.txt", "submission_secret.txt"):
        handed_in = (course / "grading" / "submitted" / "bo" / LESSON / name).read_bytes()
        assert (course / "grading" / "feedback" / "bo" / LESSON / name).read_bytes() == handed_in, name
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    kit.nbgrader(course, "release_feedback", LESSON, "--student=bo", f"--Exchange.root={exchange}")
    assert list(exchange.glob("*/feedback/*.html")), sorted(str(p) for p in exchange.rglob("*"))


def test_a_rerun_on_postgresql_changes_nothing(graded):
    course, out = graded
    before = kit.scores(course, LESSON, out["direct"])
    again = tools(course, "--gradebook", out["url"], "autograde", LESSON)
    assert {s: r["status"] for s, r in status(course).items()} == {"ada": "unchanged", "bo": "unchanged",
                                                                   "cy": "unchanged"}, again.stdout
    assert kit.scores(course, LESSON, out["direct"]) == before
    forced = tools(course, "--gradebook", out["url"], "autograde", LESSON, "--force", "--student", "bo")
    assert status(course)["bo"]["status"] == "graded", forced.stdout
    assert kit.scores(course, LESSON, out["direct"]) == before
    from nbgrader.api import Gradebook

    with Gradebook(out["direct"]) as gb:
        assert len(gb.assignment_submissions(LESSON)) == 3 and len(gb.students) == 3


def test_one_students_write_is_one_transaction_on_postgresql(graded):
    """An error in the middle of a student's write (as a killed run would leave it) leaves no trace of it."""
    from nbgrader.api import Gradebook, MissingEntry

    from medialit_grader.autograde import _one_transaction

    _, out = graded
    with Gradebook(out["direct"]) as gb:
        with pytest.raises(RuntimeError), _one_transaction(gb):
            gb.update_or_create_student("zed")
            gb.update_or_create_submission(LESSON, "zed")
            raise RuntimeError("killed")
    with Gradebook(out["direct"]) as gb:
        with pytest.raises(MissingEntry):
            gb.find_student("zed")
        assert len(gb.assignment_submissions(LESSON)) == 3


@pytest.mark.parametrize("url, words", [
    ("not a url", "is not a database URL"),
    ("nosuchdb://x/y", "is not a database URL"),
])
def test_a_bad_gradebook_url_is_one_clear_message(tmp_path, url, words):
    result = tools(course_copy(tmp_path), "--gradebook", url, "grades", check=False)
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_an_unreachable_server_is_named_without_its_password(tmp_path):
    url = f"postgresql://grader:secret@127.0.0.1:{kit.free_port()}/gradebook"
    result = tools(course_copy(tmp_path), "--gradebook", url, "grades", check=False)
    assert result.returncode == 2 and "cannot be reached" in result.stderr, result.stderr
    assert "secret" not in result.stderr and "Traceback" not in result.stderr, result.stderr
