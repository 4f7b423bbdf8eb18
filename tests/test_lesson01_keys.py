"""Lesson 01's literal keys, checked against the data they describe (datasets/documents.csv, datasets/comments.csv
and the raw documents), so that a key written by hand cannot drift from the corpus or from what the lesson shows."""

from __future__ import annotations

import ast
import re

import nbformat
import pytest

import kit
import medialit as ml
from medialit_grader.lessons import lesson01

LESSON = "01-corpus"

# The document each excerpt of 1.7 comes from (teacher notes 1.7).
EXCERPT_DOCS = {"A": "001", "B": "001", "C": "003", "D": "000", "E": "000", "F": "002", "G": "003", "H": "003"}
OUTSIDE_BODY_AND_COMMENTS = {"author bio", "site boilerplate", "commenting interface"}


def _excerpts() -> dict[str, str]:
    nb = nbformat.read(kit.ROOT / "solutions" / LESSON / f"{LESSON}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("EXCERPTS = {"):
            tree = ast.parse(cell.source)
            return ast.literal_eval(tree.body[0].value)
    raise AssertionError("the excerpts of 1.7 are not in the notebook")


def _where(doc: str, excerpt: str) -> tuple[int, int]:
    """Offsets of an excerpt in the raw document: its text up to the first "…", with any run of spaces or HTML tags
    between two words (the saved page has <u>…</u> where the excerpt shows plain words)."""
    head = excerpt.split("…")[0].strip()
    pattern = r"(?:\s+|\s*<[^>]+>\s*)+".join(re.escape(word) for word in head.split())
    match = re.search(pattern, ml.raw_text(doc))
    assert match, f"excerpt {excerpt[:30]!r} not found in document {doc}"
    return match.start(), match.end()


@pytest.mark.parametrize("item", sorted(EXCERPT_DOCS))
def test_the_page_parts_key_agrees_with_the_documents_and_comments_tables(item):
    doc = EXCERPT_DOCS[item]
    start, end = _where(doc, _excerpts()[item])
    row = ml.load_documents().set_index("id").loc[doc]
    comments = ml.load_comments()
    in_body = row["body_start"] <= start and end <= row["body_end"]
    in_comment = ((comments["document"] == doc) & (comments["start"] <= start) & (comments["end"] >= end)).any()
    key = lesson01.PAGE_PARTS_KEY[item]
    if key == "article text":
        assert in_body and not in_comment
    elif key == "reader comment":
        assert in_comment and not in_body
    else:
        assert key in OUTSIDE_BODY_AND_COMMENTS and not in_body and not in_comment


def test_the_date_key_agrees_with_the_documents_table():
    row = ml.load_documents().set_index("id").loc["003"]
    assert row["date_source"] == "event"
    assert str(row["date"].date()) == "2016-09-17"
    assert "Not dated" in row["notes"] and "Today" in row["notes"]
    assert "17 September 2016" in lesson01.DATE_KEY and "no date" in lesson01.DATE_KEY


# -- the no-code track's exercises (and 1.10, 1.12, which the data track shares) -----------------------------------
from medialit_grader import exercises as ex  # noqa: E402


def _score(exercise_id: str, value) -> float:
    exercise = ex.by_id(exercise_id)
    return ex.score(exercise, {"answer": {exercise_id: value}}).points


def _full(exercise_id: str) -> float:
    return ex.by_id(exercise_id).points


def _spans(marks: dict[str, list[list[int]]]) -> list[dict]:
    """Word-marker answers for {passage: [word numbers of one mark, ...]}, as the widget saves them."""
    out = []
    for item, groups in marks.items():
        words, text = lesson01._words(item), ml.text_at(*lesson01.PLACE_PASSAGES[item])
        for group in groups:
            start, end = words[min(group)][0], words[max(group)][1]
            out.append({"item": item, "start": start, "end": end, "label": "marked", "text": text[start:end]})
    return out


def test_the_notebook_shows_the_options_passages_and_excerpts_the_keys_are_computed_on():
    shown = kit.notebook_literals(LESSON)
    assert shown["COUNT_CLAIMS"] == list(lesson01.COUNT_CLAIMS)
    assert shown["FIGURE_OPTIONS"] == lesson01.FIGURE_OPTIONS
    assert shown["PASSAGES"] == lesson01.PLACE_PASSAGES
    assert set(shown["REFERS"]) == set(lesson01.REFERS_LABELS.values())
    assert set(shown["NAMES"]) == set(lesson01.REFERS_ITEMS)


@pytest.mark.parametrize("item", sorted(lesson01.REFERS_ITEMS))
def test_each_excerpt_of_1_13_stands_in_its_document_around_the_graded_name(item):
    doc, start, end = lesson01.REFERS_ITEMS[item]
    name, _, quoted = kit.notebook_literals(LESSON)["NAMES"][item].partition(" — ")
    context = quoted.strip("“”").strip("…")
    raw = ml.raw_text(doc)
    assert raw[start:end] == name
    squeezed = re.sub(r"\s+", " ", raw)
    at = squeezed.find(context)
    assert at >= 0, f"excerpt {item} is not in document {doc}"
    offset = len(re.sub(r"\s+", " ", raw[:start]))  # where the name stands in the squeezed text
    assert at <= offset and offset + len(name) <= at + len(context)


def test_the_mentions_key_is_every_spelling_in_the_passages_and_nothing_else():
    """The layer's mentions agree with a pattern for the spellings the passages hold: no mention missed, none extra."""
    key = lesson01._mentions_key()
    pattern = re.compile(r"(?i)\bdei?r [ea](?:zz|z-z)[ou]r\b")
    for item, (doc, start, end) in lesson01.PLACE_PASSAGES.items():
        text = ml.text_at(doc, start, end)
        found = sorted(sorted(lesson01._touched(item, m.start(), m.end())) for m in pattern.finditer(text))
        assert found == key[item], item
    assert sum(len(v) for v in key.values()) == 8
    assert len({ml.text_at(*lesson01.PLACE_PASSAGES[i])[lesson01._words(i)[m[0]][0]:lesson01._words(i)[m[-1]][1]]
                 .strip(",.") for i, ms in key.items() for m in ms}) == 4  # four spellings


def test_1_10_key_full_blanket_and_overreach_fail():
    key = lesson01._count_claims_key()
    assert len(key) == 3 and len(lesson01.COUNT_CLAIMS) == 7
    assert _score("1.10", key) == _full("1.10")
    assert _score("1.10", list(lesson01.COUNT_CLAIMS)) == 0  # tick everything
    overreach = key + ["Document 000 was read by more people than any other document.",
                       "Each comment on document 000 was written by a different reader."]
    assert _score("1.10", overreach) == 0
    assert _score("1.10", ["Document 000 was read by more people than any other document."]) == 0


def test_1_11_key_full_and_the_plausible_wrong_readings_fail():
    key = lesson01._figure_key()
    assert "document 002" in key
    assert _score("1.11", key) == _full("1.11")
    for wrong in set(lesson01.FIGURE_OPTIONS) - {key}:
        assert _score("1.11", wrong) == 0
    assert ml.display_order("1.11", lesson01.FIGURE_OPTIONS)[0] != key  # the blanket (first shown) fails


def test_1_12_key_full_blanket_and_plausible_wrong_answers_fail():
    key = lesson01._mentions_key()
    assert _score("1.12", _spans(key)) == _full("1.12")
    # "airport" or "province" marked with the name is still the mention
    wide = _spans({"B": [m if n != 2 else m + [m[-1] + 1] for n, m in enumerate(key["B"])]})
    assert _score("1.12", _spans({i: v for i, v in key.items() if i != "B"}) + wide) == _full("1.12")
    # blanket: every word of every passage marked (consecutive words make one mark per passage)
    blanket = _spans({i: [list(range(len(lesson01._words(i))))] for i in lesson01.PLACE_PASSAGES})
    assert _score("1.12", blanket) == 0
    # every place name marked, not only Deir ez-Zor: precision too low
    others = {"A": ["Palmyra", "Homs."], "B": ["Iraq,"], "C": ["Raqqa,"], "D": ["Damascus"]}
    extra = {i: [[n for n, (a, b) in enumerate(lesson01._words(i))
                  if ml.text_at(*lesson01.PLACE_PASSAGES[i])[a:b] == w] for w in words] for i, words in others.items()}
    assert _score("1.12", _spans(key) + _spans(extra)) == 0
    # one spelling only, as a pattern for "Deir Ezzor" would find: recall too low
    text = {i: ml.text_at(*lesson01.PLACE_PASSAGES[i]) for i in key}
    one = {i: [m for m in ms if text[i][lesson01._words(i)[m[0]][0]:].startswith("Deir Ezzor")]
           for i, ms in key.items()}
    assert _score("1.12", _spans(one)) == 0
    # "the city" marked where a passage means Deir ez-Zor without naming it (C, D): not mentions of the name
    def words_of(item, phrase):
        at = text[item].index(phrase)
        return sorted(lesson01._touched(item, at, at + len(phrase)))

    city = {"C": [words_of("C", "besieged city")], "D": [words_of("D", "the city")]}
    assert _score("1.12", _spans(key) + _spans(city)) == 0
    assert _score("1.12", _spans(key) + _spans({"D": city["D"]})) == _full("1.12")  # one slip is forgiven


def test_1_13_key_full_blanket_and_the_literal_reading_fail():
    key = lesson01._refers_key()
    assert _score("1.13", key) == _full("1.13")
    for label in set(lesson01.REFERS_LABELS.values()):
        assert _score("1.13", {item: label for item in key}) == 0
    literal = {item: ("a city or town" if label in ("the government, not a place", "part of a road's name") else label)
               for item, label in key.items()}  # every name read as the place it names
    assert _score("1.13", literal) == 0


@pytest.mark.parametrize("exercise_id", ["1.10", "1.11", "1.12", "1.13"])
def test_the_hints_of_the_new_exercises_share_no_answer(exercise_id):
    exercise = ex.by_id(exercise_id)
    nb = nbformat.read(kit.ROOT / "solutions" / LESSON / f"{LESSON}.ipynb", as_version=4)
    folded = [m for c in nb.cells if c.cell_type == "markdown" and f"Exercise {exercise_id} " in c.source
              for m in re.findall(r"<summary>Hint</summary>(.*?)</details>", c.source, re.S)]
    assert folded, f"{exercise_id}: no folded hint in the notebook"
    hints = " ".join([exercise.hint] + folded).lower()
    key = exercise.the_key()
    if exercise_id == "1.10":
        answers = key
    elif exercise_id == "1.11":
        answers = [key, "002"]
    elif exercise_id == "1.12":
        answers = ["deir", "ezzor", "ezzur", "ez-zor"]
    else:
        answers = [ml.text_at(*where).lower() for where in lesson01.REFERS_ITEMS.values()]
    for answer in answers:
        assert answer.lower() not in hints, f"{exercise_id}: the hint gives away {answer!r}"
