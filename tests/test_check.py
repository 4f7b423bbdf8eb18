"""Self-check: visible checks with a hint, in the notebook; never the answer; a failure fails only under nbgrader."""

import pytest

import medialit as ml
from medialit.check import CAVEAT, check, run_checks


def test_unanswered_code_exercise_says_what_to_replace():
    result = run_checks("01-corpus", "1.1", ...)
    assert not result.ok and "comments_per_doc is still empty: replace the ..." in str(result)


def test_unanswered_widget_exercise_says_to_use_the_widget(in_tmp):
    lab = ml.lesson("01-corpus")
    result = run_checks("01-corpus", "1.8", lab.answer("1.8"))
    assert "no answer yet: answer with the widget" in str(result)


def test_failing_check_names_the_check_and_gives_the_hint_and_the_caveat():
    import pandas as pd

    result = run_checks("01-corpus", "1.1", pd.Series({"000": 39, "001": 2}))
    text = str(result)
    assert "✗ FAILED: has one entry per document, all five" in text
    assert "Hint: A count made from a column" in text and CAVEAT in text
    assert "✓ passed: is a pandas Series" in text


def test_passing_checks_still_say_that_the_grade_is_not_guaranteed():
    result = run_checks("01-corpus", "1.6", r"Deir Ezzor")  # passes the visible checks, fails the hidden test
    assert result.ok and "does not guarantee the grade" in str(result)
    assert "✓" in result._repr_html_()


def test_a_malformed_answer_fails_a_check_instead_of_crashing():
    result = run_checks("01-corpus", "1.5", ("a", "b"))
    assert not result.ok and "is a tuple (start, end) of whole numbers" in str(result)
    result = run_checks("01-corpus", "1.6", "(unclosed")
    assert "is a valid regular expression" in str(result) and "could not run" in str(result)


def test_self_check_never_reveals_the_answer():
    wrong = run_checks("01-corpus", "1.5", (0, 10))
    assert "621" not in str(wrong) and "666" not in str(wrong)
    right_option = "The date is worked out from the events the text reports, checked against outside references."
    assert right_option not in str(run_checks("01-corpus", "1.8", "The page prints this date."))


def test_in_a_students_session_a_failure_is_shown_not_raised(capsys):
    check("01-corpus", "1.1", ...)  # returns normally: Run All goes on
    assert "visible checks failed" in capsys.readouterr().out


@pytest.mark.parametrize("mode", ["autograde", "validate"])
def test_under_nbgrader_a_failure_raises_so_the_cell_scores_zero(monkeypatch, mode):
    monkeypatch.setenv("NBGRADER_EXECUTION", mode)
    with pytest.raises(ml.CheckFailed, match=r"Exercise 1.1: visible check failed: you have answered"):
        check("01-corpus", "1.1", ...)
    assert isinstance(ml.CheckFailed("1", "x"), AssertionError)


def test_unknown_exercise_or_lesson_is_a_clear_error():
    with pytest.raises(ml.MediaLitError, match="has no exercise '9.9'; the exercises are 1.1"):
        run_checks("01-corpus", "9.9", 1)
    with pytest.raises(ml.MediaLitError, match="no self-checks for lesson '77-none'"):
        run_checks("77-none", "1", 1)
