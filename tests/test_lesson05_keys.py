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


# -- the core track (05-propaganda-core): 5.3 marked word by word, 5.11 and 5.12 ---------------------------------------
def _cell(cells, cell_id):
    (cell,) = [c for c in cells if c.get("id") == cell_id]
    return cell


def _solution_block(source: str) -> str:
    return source[source.index("### BEGIN SOLUTION"):source.index("### END SOLUTION")]


def _score(exercise_id, answers):
    exercise = ex.by_id(exercise_id)
    return ex.score(exercise, {"answer": {q: answers.get(q) for q in exercise.answer.questions}}).points


def test_section_3_is_one_word_marker_in_both_tracks(cells):
    """Section 3 (5.3-5.5) is one cell, answered by marking words in both tracks: no twin to keep in step."""
    (cell,) = [c for c in cells if 'lab.mark_words("5.3"' in c.source]
    assert "medialit" not in cell.metadata and "span_labeller" not in "".join(c.source for c in cells)


def _given_cell_namespace(cells):
    """Run the lesson's setup cell (without its answer file) and the core track's given keyword-list cell."""
    setup = _cell(cells, "cell-03-setup").source
    namespace = {"display": lambda *a, **k: None}
    exec(compile("\n".join(line for line in setup.splitlines() if not line.startswith("lab = ")), "setup", "exec"),
         namespace)
    exec(compile(_cell(cells, "cell-31b-given-lexicon").source, "given", "exec"), namespace)
    return namespace


def test_the_given_keyword_list_and_its_matches_are_the_graders(cells):
    namespace = _given_cell_namespace(cells)
    assert namespace["LEXICON"] == lesson.GIVEN_LEXICON
    assert [tuple(h) for h in namespace["hits"]] == lesson.given_hits()
    assert list(namespace["matches"]) == [str(n) for n in range(1, len(lesson.given_hits()) + 1)]
    assert all("[[" in text for text in namespace["matches"].values())


def test_the_hits_key_has_fine_items_and_nothing_disputed(layer):
    key = lesson._hits_key()
    hits = lesson.given_hits()
    assert len(key) == len(hits) == 13  # no match touches a disputed unit
    assert not any(ex.is_disputed("propaganda", d, s, e) for d, s, e, _ in hits)
    alarms = [k for k, v in key.items() if v == "false alarm"]
    assert 4 <= len(alarms) <= len(key) - 4  # both kinds, several of each
    assert all(hits[int(k) - 1][0] in lesson.HIT_DOCS and hits[int(k) - 1][0] not in public.PRACTICE for k in key)


def _hits_answer(alarms):
    return {"5.11": {k: "false alarm" if k in alarms else "the technique the list names" for k in lesson._hits_key()}}


def test_the_hits_key_scores_full_and_blankets_and_a_trusting_reader_fail():
    key = lesson._hits_key()
    alarms = {k for k, v in key.items() if v == "false alarm"}
    assert _score("5.11", _hits_answer(alarms)) == 3
    assert _score("5.11", _hits_answer(set(key))) == 0          # every match a false alarm
    assert _score("5.11", _hits_answer(set())) == 0             # every match a technique
    # a reader who sees through "ISIS terrorists" but trusts every "officials" as an appeal to authority
    hits = lesson.given_hits()
    trusting = {k for k in alarms if "officials" not in ml.text_at(*hits[int(k) - 1][:3])}
    assert trusting < alarms
    assert _score("5.11", _hits_answer(trusting)) == 0
    one_slip = set(alarms) - {sorted(alarms)[0]} | {next(k for k in key if k not in alarms)}
    assert _score("5.11", _hits_answer(one_slip)) == 3          # one error either way still passes
    partly = {k: v for k, v in _hits_answer(alarms)["5.11"].items() if k != "1"}
    assert _score("5.11", {"5.11": partly}) == 0                # every match must be labelled


def test_the_no_list_excerpts_are_layer_spans_and_the_notebook_shows_them(cells, layer):
    shown = _literal([_cell(cells, "cell-31g-no-list")], "NO_LIST")
    assert shown == lesson.no_list_options() == [ml.text_at(*where) for where in lesson.NO_LIST_SPANS]
    spans = {(r.doc, int(r.start), int(r.end)): r.label for r in layer.itertuples()}
    labels = [spans[s] for s in lesson.NO_LIST_SPANS]
    assert all(r not in public.PRACTICE for r in
               {r.region for r in layer.itertuples() if (r.doc, int(r.start), int(r.end)) in lesson.NO_LIST_SPANS})
    assert 2 <= sum(label in lesson.ARGUMENT_TECHNIQUES for label in labels) <= len(labels) - 3


def test_the_no_list_key_scores_full_and_blankets_fail():
    options, key = lesson.no_list_options(), lesson._no_list_key()
    assert _score("5.12", {"5.12": key}) == 2
    assert _score("5.12", {"5.12": options}) == 0                # every excerpt ticked
    assert _score("5.12", {"5.12": []}) == 0
    # "what the given list did not match": the shortcut that reads 5.11's output instead of the excerpts
    hits = lesson.given_hits()
    unmatched = [o for o, (d, s, e) in zip(options, lesson.NO_LIST_SPANS)
                 if not any(h[0] == d and h[1] < e and s < h[2] for h in hits)]
    assert set(key) < set(unmatched)
    assert _score("5.12", {"5.12": unmatched}) == 0
    assert _score("5.12", {"5.12": [o for o in options if len(o) < 60]}) == 0   # the short ones: the wrong kind


def _shingles(text: str, n: int = 4) -> set:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.parametrize("exercise_id, hint_cell", [("5.11", "cell-31c-exercise-5-11"),
                                                     ("5.12", "cell-31f-exercise-5-12")])
def test_the_core_hints_work_on_other_text(cells, exercise_id, hint_cell):
    """Neither the declared hint nor the notebook's folded hint shares four words running with the texts judged."""
    folded = re.search(r"<details>(.*?)</details>", _cell(cells, hint_cell).source, re.S).group(1)
    corpus = set().union(*(_shingles(ml.raw_text(d)) for d in ml.document_ids()))
    for hint in (ex.by_id(exercise_id).hint, folded):
        assert not _shingles(hint) & corpus, _shingles(hint) & corpus
