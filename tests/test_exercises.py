"""The exercise declarations: one home per exercise, read by the self-check, the grader, the report and the tests.
Fast unit tests of the trusted side: the registry, the public projection, scoring of hostile plain data, and the
untrusted-input reader."""

from __future__ import annotations

import json

import nbformat
import pytest

import kit
from medialit_grader import _nbsafe, exercises as ex, trusted


def test_ids_are_unique_across_the_course_and_start_with_the_lesson_number():
    found = ex.all_exercises()
    ids = [e.id for e in found]
    assert len(ids) == len(set(ids)) and len(ids) >= 50
    for e in found:
        assert e.id.split(".")[0] == str(int(e.lesson[:2])), e.id


@pytest.mark.parametrize("lesson", kit.ASSIGNMENTS)
def test_every_grade_cell_has_one_declaration_with_its_points(lesson):
    nb = kit.solution(lesson)
    assert ex.check_notebook(lesson, nb) == []
    declared = ex.for_lesson(lesson)
    for e in declared.values():
        assert e.key_source or not e.automatic, e.id
        assert e.hint or not e.automatic, e.id


def test_the_public_part_is_up_to_date_and_holds_no_key():
    path = kit.ROOT / "src" / "medialit" / "exercises.json"
    assert path.read_text(encoding="utf-8") == ex.public_text(), "run `make lessons`"
    data = json.loads(path.read_text(encoding="utf-8"))["exercises"]
    assert set(data) == {e.id for e in ex.all_exercises()}
    assert all(set(v) == {"lesson", "cell", "points", "kind", "name", "hint", "judgement",
                          "further", "tracks"} for v in data.values())
    # a key value never appears in the public file (checked for the literal keys of lesson 01)
    from medialit_grader.lessons import lesson01

    assert lesson01.DATE_KEY not in path.read_text(encoding="utf-8")


def test_self_checks_cover_exactly_the_automatic_exercises():
    import importlib

    from medialit_grader.tracks import assignments_of

    for lesson in kit.LESSONS:  # one module of form checks per lesson, for both its tracks
        checks = importlib.import_module(f"medialit.checks.lesson{lesson[:2]}").CHECKS
        auto = {e.id for name in assignments_of(lesson) for e in ex.for_lesson(name).values() if e.automatic}
        assert set(checks) <= auto, (lesson, set(checks) - auto)


@pytest.mark.parametrize("lesson", [a for a in kit.ASSIGNMENTS if a not in kit.ASSESSMENTS])
def test_judgement_is_most_of_the_grade(lesson):
    """At least 60 % of a lesson's automatic points come from judgement items — over all its exercises and over its
    core part (outside "Going further") — in both tracks. (The pre- and post-test are graded for completion: their
    judgements are scored by the analysis, tests/test_assessment.py.)"""
    auto = [e for e in ex.for_lesson(lesson).values() if e.automatic]
    for part, chosen in (("all", auto), ("core part", [e for e in auto if not e.further])):
        total = sum(e.points for e in chosen)
        judged = sum(e.points for e in chosen if e.judgement)
        assert total and judged / total >= 0.6, \
            f"{lesson} ({part}): judgement {judged:g} of {total:g} automatic points ({judged / total:.0%})"


def test_the_core_track_is_answered_with_widgets_only():
    """Every automatic exercise of a core track is a widget answer (declarations refuse anything else)."""
    for lesson in kit.CORE:
        kinds = {e.kind for e in ex.for_lesson(lesson).values()}
        assert kinds <= {"widget", "written"}, (lesson, kinds)
        assert "widget" in kinds and ("written" in kinds or lesson in kit.ASSESSMENTS), lesson
    for answer in (ex.Value("x"), ex.Call("f")):
        with pytest.raises(ValueError, match="answered with code"):
            ex.check_declaration(ex.Exercise("9.1", "09-x", "t", 1, answer, rule=lambda a, k: None, tracks=ex.CORE))
    with pytest.raises(ValueError, match="tracks must be"):
        ex.check_declaration(ex.Exercise("9.1", "09-x", "t", 1, ex.Widget("9.1"), rule=lambda a, k: None,
                                         tracks=("both",)))
    ex.check_declaration(ex.Exercise("9.1", "09-x", "t", 1, ex.Widget("9.1"), rule=lambda a, k: None,
                                     tracks=ex.CORE))


def test_the_student_package_holds_no_rule_or_key():
    src = kit.ROOT / "src" / "medialit"
    text = "\n".join(p.read_text(encoding="utf-8") for p in src.rglob("*.py"))
    assert "medialit_grader" not in text.replace("medialit_grader/lessons", "")
    for lesson_key in ("PAGE_PARTS_KEY", "SOURCE_KINDS_KEY", "GOOD_MOVES"):
        assert lesson_key not in text


@pytest.mark.parametrize("handed_in", [
    None, {"error": "NameError: x"}, {"answer": None}, {"answer": "x" * 10}, {"answer": [[[[[]]]]]},
    {"answer": {"index": [1, 2], "values": [1]}}, {"answer": 1e308}, {"answer": {"1.7": {"A": ["x"]}}},
    {"answer": [{"ok": None}]}, {"answer": [{"error": "boom"}]}, {"answer": [{"ok": [["000", "a", 3]]}]},
])
def test_hostile_plain_data_scores_zero_and_never_raises(handed_in):
    for e in ex.all_exercises():
        if e.automatic:
            result = ex.score(e, handed_in)
            assert result.points == 0, (e.id, handed_in, result.message)


def test_one_answer_per_test_cell_else_none():
    from nbformat.v4 import new_code_cell, new_output

    def out(payload):
        return new_output("display_data", data={_nbsafe.MIME: payload, "text/plain": "x"})

    cell = new_code_cell("x", outputs=[out({"exercise": "1.1", "answer": 1})])
    assert trusted.handed_in(cell) == {"exercise": "1.1", "answer": 1}
    cell.outputs.append(out({"exercise": "1.1", "answer": 2}))
    assert "error" in trusted.handed_in(cell)
    assert trusted.handed_in(new_code_cell("x", outputs=[new_output("stream", text="2")])) is None
    huge = new_code_cell("x", outputs=[out({"exercise": "1.1", "answer": list(range(100_000))})])
    assert trusted.handed_in(huge)["error"] == "the answer is too large to be graded"


def test_the_reader_refuses_links_deep_nesting_and_wrong_metadata(tmp_path):
    real = tmp_path / "real.ipynb"
    nb = nbformat.read(kit.ROOT / "lessons" / "01-corpus" / "01-corpus.ipynb", as_version=4)
    nbformat.write(nb, real)
    assert _nbsafe.read_notebook(real, 1 << 24).cells
    link = tmp_path / "link.ipynb"
    link.symlink_to(real)
    with pytest.raises(_nbsafe.BadInput, match="symbolic link"):
        _nbsafe.read_notebook(link, 1 << 24)
    deep = tmp_path / "deep.ipynb"
    deep.write_text('{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    with pytest.raises(_nbsafe.BadInput, match="nested"):
        _nbsafe.read_notebook(deep, 1 << 24)
    bad = json.loads(real.read_text(encoding="utf-8"))
    bad["cells"][0]["metadata"]["nbgrader"]["points"] = "lots"
    (tmp_path / "bad.ipynb").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(_nbsafe.BadInput, match="cell 1: nbgrader field 'points'"):
        _nbsafe.read_notebook(tmp_path / "bad.ipynb", 1 << 24)
    fifo = tmp_path / "fifo.ipynb"
    import os

    os.mkfifo(fifo)
    with pytest.raises(_nbsafe.BadInput, match="not a regular file"):
        _nbsafe.read_notebook(fifo, 1 << 24)


WORD_MARK_EXERCISES = ["1.12", "2.10", "3.10", "4.10", "5.3", "6.11"]


@pytest.mark.parametrize("exercise", WORD_MARK_EXERCISES)
@pytest.mark.parametrize("mark, says", [
    ({"item": "nowhere", "start": 0, "end": 4, "label": "x"}, "mark 1 needs one of the passages"),
    ({"item": None, "start": True, "end": 4, "label": "x"}, "mark 1 needs one of the passages"),
    ("0-4", "mark 1 does not come from the widget"),
])
def test_every_word_marker_rule_reads_marks_the_same_way(exercise, mark, says):
    """The six word-marker exercises read a mark through one function (exercises.word_marks): a mark the widget
    cannot make gets the same message, naming the mark, and 0 points."""
    result = ex.score(ex.by_id(exercise), {"answer": {exercise: [mark]}})
    assert result.points == 0 and says in result.message, result.message


def test_word_marks_checks_offsets_and_labels():
    good = {"item": "A", "start": 0, "end": 3, "label": "killed"}
    assert ex.word_marks({"q": [good]}, "q", ["A"], ["killed"]) == [("A", 0, 3, "killed")]
    for bad, says in [({**good, "start": 3}, "start before its end"), ({**good, "end": 3.0}, "start before its end"),
                      ({**good, "label": "dead"}, "one of the labels: killed")]:
        with pytest.raises(ex.Wrong, match=says):
            ex.word_marks({"q": [good, bad]}, "q", ["A"], ["killed"])
    with pytest.raises(ex.Wrong, match="mark the words with the widget of exercise q"):
        ex.word_marks({"q": []}, "q", ["A"])
    assert ex.words_touched([(0, 3), (4, 8), (9, 12)], 2, 5) == {0, 1}
