"""Lesson 05's keys and copies checked against the propaganda layer (datasets/annotations/propaganda.jsonl) and its
build script, and the lexicon exercise (5.7) checked to reward a lexicon that generalises, not one copied from the
practice texts."""

from __future__ import annotations

import ast
import json
import re
import runpy

import nbformat
import pytest

import medialit as ml
from medialit.checks import lesson05 as public
from medialit_grader import exercises as ex
from medialit_grader.lessons import lesson05 as lesson

import kit

NOTEBOOK = kit.ROOT / "solutions" / "05-propaganda" / "05-propaganda.ipynb"


@pytest.fixture(scope="module")
def layer():
    return ml.load_annotations("propaganda")


@pytest.fixture(scope="module")
def build():
    return runpy.run_path(str(ml.data_dir() / "tools" / "build_propaganda_layer.py"))


@pytest.fixture(scope="module")
def cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def _literal(cells, name):
    """The literal assigned to a name in the notebook's code (the first argument of a call, for a DataFrame)."""
    for cell in cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
                value = node.value.args[0] if isinstance(node.value, ast.Call) else node.value
                return ast.literal_eval(value)
    raise AssertionError(f"{name} is not assigned a literal in the notebook")


def test_the_practice_table_the_notebook_shows_is_the_layer(cells, layer):
    """The student bundle has no layer, so the notebook prints the practice annotations itself; they must be the
    layer's rows of regions 004 and 004-c01 (the grader scores 5.2 and 5.7 against the layer)."""
    shown = sorted(tuple(r[:4]) for r in _literal(cells, "practice_gold"))
    key = sorted((r.doc, int(r.start), int(r.end), r.label) for r in layer.itertuples() if r.region in public.PRACTICE)
    assert shown == key, ("update practice_gold in the notebook to the layer's practice rows:\n"
                          + "\n".join(map(repr, key)))


def test_the_annotated_comments_are_the_build_scripts(cells, build):
    assert _literal(cells, "ANNOTATED_COMMENTS") == list(build["COMMENTS"])


def test_the_held_out_judgement_covers_every_span_outside_practice(layer):
    key = lesson._lexicon_key()
    from medialit_grader.exercises import is_disputed

    outside = [r for r in layer.itertuples() if r.region not in public.PRACTICE]
    graded = [r for r in outside if not is_disputed("propaganda", r.doc, r.start, r.end)]
    assert len(key["heldout"]) == len(graded) > 0 and len(graded) < len(outside)  # disputed spans count neither way
    regions = [tuple(r) for r in key["regions"]]
    assert all(any(r.doc == d and s <= r.start and r.end <= e for d, s, e in regions) for r in outside)


def test_no_comment_this_lesson_uses_is_labelled_hate_in_lesson_06s_layer(build):
    """The content note's promise; lesson 06's layer is the one place where comments get hate labels."""
    labels = {r.comment: r.label for r in ml.load_annotations("comments").itertuples()}
    assert [c for c in build["COMMENTS"] if labels[c] == "hate"] == []


def _pattern(text: str) -> re.Pattern:
    """A text as typed in the notebook, matched in the corpus: any run of spaces, any kind of quote."""
    out = []
    for ch in text.strip().rstrip("."):  # an excerpt may end a clause with a full stop the corpus does not have
        out.append(r"\s+" if ch.isspace() else "['’‘]" if ch in "'’‘" else '["“”]' if ch in '"“”'
                   else re.escape(ch))
    return re.compile(re.sub(r"(\\s\+)+", r"\\s+", "".join(out)))


def _where(text: str) -> tuple[str, int, int]:
    pattern = _pattern(text)
    hits = [(doc, m.start(), m.end()) for doc in ml.document_ids() for m in pattern.finditer(ml.raw_text(doc))]
    assert len(hits) == 1, f"{text[:40]!r} found {len(hits)} times in the corpus (needs exactly 1)"
    return hits[0]


def test_the_label_table_key_agrees_with_the_layer(cells, layer, build):
    excerpts = _literal(cells, "EXCERPTS")
    regions = build["regions"]()
    for item, label in lesson.QUIZ_KEY.items():
        doc, start, end = _where(excerpts[item])
        assert any(d == doc and s <= start and end <= e for d, s, e in regions.values()), \
            f"excerpt {item} lies outside every annotated text: the layer cannot back its key"
        labels = {r.label for r in layer.itertuples() if r.doc == doc and r.start < end and start < r.end}
        if label == "no technique":
            assert not labels, f"excerpt {item} is keyed 'no technique' but the layer has {labels}"
        else:
            assert label in labels, f"excerpt {item} is keyed {label!r} but the layer has {labels or 'no span'}"


def test_the_examples_of_the_technique_table_are_layer_spans(cells, layer):
    table = next(c.source for c in cells if c.source.startswith("## 1. Eighteen techniques"))
    checked = 0
    for line in table.splitlines():
        parts = [p.strip() for p in line.strip("|").split("|")]
        if len(parts) != 4 or not parts[0].isdigit() or "**" not in parts[3]:
            continue
        technique, example = parts[1], parts[3]
        bold = max((piece.strip(" .,") for m in re.findall(r"\*\*(.+?)\*\*", example) for piece in m.split("…")),
                   key=len)
        pattern = _pattern(bold)
        assert any(pattern.search(r.text) for r in layer.itertuples() if r.label == technique), \
            f"{technique}: {bold!r} is not a span of that label"
        checked += 1
    assert checked >= 10


# -- 5.7: the lexicon is judged on text it was not built from -------------------------------------------------------
SOLUTION = {
    "Loaded language": [r"\bsheer\b", r"\bbetrayal\b", r"\bappalling\b", r"\bheinous\b", r"\bblatant\b"],
    "Name calling or labelling": [r"\bso[- ]called\b", r"\bussa\b", r"\bempire\b", r"\bcabal\b"],
    "Doubt": [r"\ballegedly\b", r"\btrue (reason|intentions?)\b"],
}


def _answer(lexicon):
    """What the sandbox hands the rule for a student who computed both practice scores right."""
    found = public.lexicon_practice(lexicon)
    pred = [tuple(s) for s in found["spans"]]
    gold = lesson._practice_gold()
    per = {t: ml.semeval_span_scores([p for p in pred if p[3] == t], [g for g in gold if g[3] == t]).f1
           for t in set(lexicon) | {g[3] for g in gold}}
    return {"spans": [{"ok": found}],
            "scores": [{"ok": public.span_scores(ml.semeval_span_scores(pred, gold))}],
            "per_technique": per, "heldout": [{"ok": public.lexicon_documents(lexicon)}]}


def _grade(lexicon):
    exercise = ex.by_id("5.7")
    key = json.loads(json.dumps(exercise.the_key()))  # as plain data, the way the grader may hold it
    return exercise.rule(_answer(lexicon), key)


def test_a_lexicon_that_generalises_passes():
    assert _grade(SOLUTION) is None


def test_a_lexicon_copied_from_the_practice_spans_fails_although_it_scores_perfectly_there(layer):
    copied = {}
    for r in layer.itertuples():
        if r.region in public.PRACTICE:
            copied.setdefault(r.label, []).append(re.escape(r.text))
    practice = ml.semeval_span_scores([tuple(s) for s in public.lexicon_practice(copied)["spans"]],
                                      lesson._practice_gold())
    assert practice.precision == 1 and practice.recall > 0.9
    with pytest.raises(ex.Wrong, match="held-out"):
        _grade(copied)


def test_a_pattern_for_every_word_fails():
    with pytest.raises(ex.Wrong, match="held-out"):
        _grade({**SOLUTION, "Loaded language": [r"\w+", r"\bsheer\b"]})
