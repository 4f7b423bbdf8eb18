"""Lesson 02's literal keys, checked against the attributions layer (datasets/annotations/attributions.jsonl) and
against what the lesson shows, so that a key written by hand cannot drift from the annotation or from the notebook."""

from __future__ import annotations

import ast
import re

import networkx as nx
import nbformat
import pytest

import kit
import medialit as ml
from medialit.checks import lesson02 as checks
from medialit_grader.lessons import lesson02

LESSON = "02-sourcing"

# Each excerpt of 2.2: its document and a passage that holds its attribution cue (or, for "no source given", the
# claim). The passage must stand both in the excerpt as shown and in the document, so the mapping cannot go stale.
EXCERPT_PASSAGES = {
    "A": ("000", "according to the pro-Turkish SMART News agency"),
    "B": ("001", "persistent rumours have suggested"),
    "C": ("002", "According to pro-government sources"),
    "D": ("002", "reports appeared in the Russian media"),
    "E": ("002", "The SDF denied the allegations"),
    "F": ("002", "Some experts believe"),
    "G": ("003", "Najem Hamad Al-Ahmad, told VT"),
    "H": ("003", "a strong likelihood that US Army Special Forces are on the ground"),
    "I": ("003", "According to Syria’s official SANA news agency"),
    "J": ("003", "Major-General Igor Konashenkov, said, citing information received from the Syrian General Command"),
    "K": ("004", "As reported by the official representative of the U.S. Central command Josh Jakes"),
    "L": ("004", "A number of Syrian military analysts believe"),
    "M": ("004", "The overwhelming desire of the West"),
    "N": ("003", "In the statement, Central Command says"),
    "O": ("004", "I saw on RT"),
}

# The layer's names for the sources and texts of document 003, as nodes of the lesson's relay graph. The text under
# "Russian MoD Confirms…" says "Sputnik reported", so it is not Sputnik's own: the layer's cited_by names its writer
# "unnamed writer crediting Sputnik", the lesson's graph "Unnamed writer".
NODE_OF_SOURCE = {"Syrian General Command": "Syrian army command", "SANA": "SANA", "Sputnik": "Sputnik",
                  "Fars News Agency": "Fars News Agency"}
NODE_OF_TEXT = {"Veterans Today": "Veterans Today", "Fars News Agency": "Fars News Agency",
                "unnamed writer crediting Sputnik": "Unnamed writer"}


def _node(name: str) -> str:
    if name.startswith("Syrian officials"):
        return "Syrian officials"
    if name.startswith("Russian Defence Ministry"):
        return "Russian Defence Ministry"
    return NODE_OF_SOURCE[name]


def _notebook():
    return nbformat.read(kit.ROOT / "solutions" / LESSON / f"{LESSON}.ipynb", as_version=4)


def _assigned(name: str):
    """The last literal value the solution notebook assigns to a name (after the stub `name = ...`)."""
    found = []
    for cell in _notebook().cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
                found.append(ast.literal_eval(node.value))
    assert found, f"{name} is not assigned in the notebook"
    return found[-1]


@pytest.fixture(scope="module")
def layer():
    return ml.load_annotations("attributions")


def test_every_excerpt_of_2_2_is_mapped_to_a_passage_it_shows():
    excerpts = _assigned("EXCERPTS")
    assert set(excerpts) == set(lesson02.SOURCE_KINDS_KEY) == set(EXCERPT_PASSAGES)
    for item, (doc, passage) in EXCERPT_PASSAGES.items():
        assert excerpts[item].startswith(doc), item
        assert passage in excerpts[item], f"{item}: the passage is not in the excerpt as shown"
        assert passage in ml.raw_text(doc), f"{item}: the passage is not in document {doc}"


@pytest.mark.parametrize("item", sorted(EXCERPT_PASSAGES))
def test_the_source_kinds_key_agrees_with_the_layer(layer, item):
    doc, passage = EXCERPT_PASSAGES[item]
    start = ml.raw_text(doc).index(passage)
    end = start + len(passage)
    rows = layer[(layer["doc"] == doc) & (layer["start"] < end) & (layer["end"] > start)]
    key = lesson02.SOURCE_KINDS_KEY[item]
    if key == "no source given":
        assert rows.empty, f"{item}: keyed 'no source given', but the layer has a cue there: {rows['text'].tolist()}"
    else:
        assert key in set(rows["label"]), f"{item}: keyed {key!r}, the layer says {rows['label'].tolist()}"


def _casualty_sentences():
    """The sentences of document 003 the lesson prints above exercise 2.3, as (start, end) offsets in the raw text
    (the notebook's own selection, repeated here)."""
    raw, body = ml.raw_text("003"), ml.body_text("003")
    offset = raw.index(body)
    sentences = re.split(r"(?<!Maj\.)(?<!Gen\.)(?<=[.!?)\]])\s+", body)
    spans, position = [], 0
    for sentence in sentences:
        position = body.index(sentence, position)
        if re.search(r"kill|casualt|death toll|confirmed the story|citing|Sputnik reported", sentence):
            spans.append((offset + position, offset + position + len(sentence)))
        position += len(sentence)
    return spans


def _layer_edges(layer) -> set[tuple[str, str]]:
    """The hand-overs the layer's rows state inside the printed sentences: source -> the text that cites it, and
    whoever the source relays -> the source."""
    spans = _casualty_sentences()
    rows = layer[layer["doc"] == "003"]
    edges = set()
    for r in rows.itertuples():
        if not any(s <= r.start and r.end <= e for s, e in spans):
            continue
        edges.add((_node(r.source), NODE_OF_TEXT[r.cited_by]))
        if isinstance(r.relayed_from, str) and r.relayed_from:
            edges.add((_node(r.relayed_from), _node(r.source)))
    return edges


# The one hand-over no cue states: the page carries the unnamed writer's text without a credit line (the Fars text
# has one, "TEHRAN (FNA)", which the layer annotates).
UNCUED = {("Unnamed writer", "Veterans Today")}

def test_every_required_edge_of_2_3_is_stated_in_the_layer(layer):
    key = lesson02._edges_key()
    missing = key["required"] - _layer_edges(layer) - UNCUED
    assert not missing, f"required edges no layer row states: {sorted(missing)}"


def test_every_edge_the_layer_states_is_accepted_by_the_key_of_2_3(layer):
    key = lesson02._edges_key()
    extra = _layer_edges(layer) - key["allowed"]
    assert not extra, f"the layer states hand-overs the key would count as wrong: {sorted(extra)}"


def test_the_sputnik_credit_belongs_to_the_text_it_stands_in(layer):
    rows = layer[layer["doc"] == "003"].sort_values("start")
    credit = rows[rows["text"] == "Sputnik reported"].iloc[0]
    before = rows[rows["end"] <= credit["start"]].iloc[-1]
    after = rows[rows["start"] >= credit["end"]].iloc[0]
    assert before["cited_by"] == after["cited_by"]
    assert credit["cited_by"] == before["cited_by"]


def test_the_roots_and_origins_keys_follow_from_the_edges_key():
    key = lesson02._edges_key()
    required = nx.DiGraph(sorted(key["required"]))
    assert {n for n in required if required.in_degree(n) == 0} == set(lesson02.ROOTS_KEY["may"])
    read_through = nx.DiGraph(sorted(key["required"] | {("Syrian army command", "Syrian officials")}))
    assert {n for n in read_through if read_through.in_degree(n) == 0} == {lesson02.ROOTS_KEY["must"]}


def test_the_node_names_are_the_same_in_the_notebook_the_checks_and_the_key():
    key = lesson02._edges_key()
    named = {n for edge in key["allowed"] for n in edge}
    assert list(_assigned("NODES")) == list(checks.NODES)
    assert named == set(checks.NODES)


def test_the_solution_graph_is_the_required_key():
    assert {tuple(e) for e in _assigned("relay_edges")} == lesson02._edges_key()["required"]


def test_the_good_lateral_moves_are_options_of_2_6():
    assert set(lesson02.GOOD_MOVES) <= set(_assigned("MOVES"))


# -- the core track (02-sourcing-core): 2.10 to 2.13 ---------------------------------------------------------------
from medialit.widgets import text_units  # noqa: E402
from medialit_grader import exercises as ex  # noqa: E402

NAMED, VAGUE = lesson02.NAMED, lesson02.VAGUE


def _score(exercise_id: str, value) -> float:
    return ex.score(ex.by_id(exercise_id), {"answer": {exercise_id: value}}).points


def _full(exercise_id: str) -> float:
    return ex.by_id(exercise_id).points


def _widget_value(name: str):
    """The literal value the solution notebook gives a widget (`name.value = [...]`)."""
    for cell in _notebook().cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Attribute)
                    and getattr(node.targets[0].value, "id", None) == name and node.targets[0].attr == "value"):
                return ast.literal_eval(node.value)
    raise AssertionError(f"{name}.value is not set in the notebook")


@pytest.fixture(scope="module")
def cue_key():
    return lesson02._cue_marks_key()


def _marks(cue_key, phrases):
    """Widget spans for (item, words, label): the words as a student presses them."""
    spans = []
    for item, words, label in phrases:
        start = cue_key["texts"][item].index(words)
        spans.append({"item": item, "start": start, "end": start + len(words), "label": label})
    return spans


def _key_as_marks(cue_key):
    """Every cue of the key, marked word by word (whole words, as the widget marks them)."""
    spans = []
    for item, start, end, label in cue_key["cues"]:
        words = [(a, b) for a, b in text_units(cue_key["texts"][item], "word") if a < end and start < b]
        spans.append({"item": item, "start": words[0][0], "end": words[-1][1], "label": label})
    return spans


def test_the_cue_passages_are_the_notebooks_and_cut_no_cue(cue_key):
    assert _assigned("CUE_PASSAGES") == lesson02.CUE_PASSAGES
    assert set(checks.CUE_LABELS) == set(lesson02.CUE_LABELS)
    assert len(cue_key["cues"]) >= 12 and not cue_key["disputed"]
    labels = [cue[3] for cue in cue_key["cues"]]
    assert labels.count(NAMED) >= 4 and labels.count(VAGUE) >= 4, "both kinds of source, so both labels are judged"


def test_the_cue_passages_have_sentences_without_a_cue(cue_key):
    """The items that are fine: sentences in which the writer speaks, with no source cited. (The Fars text, 003, is a
    wire text that attributes every sentence: its fine items are the words around the cues.)"""
    bare = {}
    for item, text in cue_key["texts"].items():
        cues = [(s, e) for i, s, e, _ in cue_key["cues"] if i == item]
        bare[item] = [(a, b) for a, b in text_units(text, "sentence") if not any(a < e and s < b for s, e in cues)]
    assert sum(bool(b) for b in bare.values()) >= 3 and sum(map(len, bare.values())) >= 5, bare


def test_2_10_the_key_and_the_solution_score_full(cue_key):
    assert _score("2.10", _key_as_marks(cue_key)) == _full("2.10")
    cells = [c.source for c in _notebook().cells if "cue_marks.value" in c.source]
    assert len(cells) == 1
    namespace = {"cue_texts": cue_key["texts"]}
    solution = cells[0].split("### BEGIN SOLUTION\n", 1)[1].split("### END SOLUTION", 1)[0]
    exec(solution.replace("cue_marks.value = ", "answer = "), namespace)  # noqa: S102 - the kit's own solution
    assert _score("2.10", namespace["answer"]) == _full("2.10")


@pytest.mark.parametrize("label", [NAMED, VAGUE])
def test_2_10_marking_every_word_scores_zero(cue_key, label):
    blanket = [{"item": item, "start": units[0][0], "end": units[-1][1], "label": label}
               for item, text in cue_key["texts"].items() for units in [text_units(text, "word")]]
    assert _score("2.10", blanket) == 0
    sentences = [{"item": item, "start": a, "end": b, "label": label}
                 for item, text in cue_key["texts"].items() for a, b in text_units(text, "sentence")]
    assert _score("2.10", sentences) == 0


def test_2_10_plausible_wrong_answers_lose_points(cue_key):
    right = _key_as_marks(cue_key)
    # only "said" and "according to": precise but finds a third of the cues
    said = _marks(cue_key, [("001", "said", NAMED), ("002", "According to", VAGUE), ("003", "said", NAMED),
                            ("003", "the ministry said.", NAMED), ("004", "According to", VAGUE)])
    assert _score("2.10", said) == 0
    # every cue found, but the writer's own inferences marked too
    traps = right + _marks(cue_key, [("001", "unable to verify", NAMED), ("002", "so-called", VAGUE),
                                     ("002", "This means that", NAMED), ("002", "once again confirmed that", NAMED),
                                     ("004", "It is worth noting that", NAMED)])
    assert _score("2.10", traps) == 0
    # the cues found, the labels not judged: the sceptic and the credulous earn the finding point only
    assert _score("2.10", [dict(s, label=VAGUE) for s in right]) == pytest.approx(_full("2.10") / 3, abs=0.01)
    assert _score("2.10", [dict(s, label=NAMED) for s in right]) == pytest.approx(_full("2.10") / 3, abs=0.01)


def test_2_10_hint_shares_no_cue_of_the_passages(cue_key):
    hint = ex.by_id("2.10").hint.lower() + " " + " ".join(
        re.findall(r"<summary>Hint</summary>(.*?)</details>", next(
            c.source for c in _notebook().cells if "### Exercise 2.10" in c.source), re.S)).lower()
    for item, start, end, _ in cue_key["cues"]:
        cue = cue_key["texts"][item][start:end].lower()
        assert cue not in hint, f"the hint of 2.10 quotes the cue {cue!r}"
    for example in ("hospital staff told", "fire brigade said", "insiders say", "it is thought", "this proves that"):
        assert all(example not in text.lower() for text in cue_key["texts"].values())


def test_2_11_the_solution_is_the_key_and_blankets_fail():
    key = lesson02._edges_key()
    solution = _widget_value("relay_links")
    assert {tuple(e) for e in solution} == key["required"] == {tuple(e) for e in _assigned("relay_edges")}
    assert _score("2.11", solution) == _full("2.11")
    everyone = [[a, b] for a in checks.NODES for b in checks.NODES if a != b]
    assert _score("2.11", everyone) == 0
    assert _score("2.11", [[b, a] for a, b in solution]) == 0  # every arrow reversed
    old = [e for e in solution if "Unnamed writer" not in e] + [["Sputnik", "Veterans Today"]]
    assert _score("2.11", old) == 0  # the gap drawn over: Sputnik straight into Veterans Today


def test_2_12_first_sources():
    assert _widget_value("first_sources") == lesson02._first_sources_key() == sorted(lesson02.ROOTS_KEY["may"])
    assert _score("2.12", _widget_value("first_sources")) == _full("2.12")
    assert _score("2.12", ["Syrian army command"]) == _full("2.12")  # army -> officials read in: one root
    assert _score("2.12", list(checks.NODES)) == 0
    assert _score("2.12", ["Syrian army command", "Syrian officials", "Russian Defence Ministry"]) == 0
    assert _score("2.12", ["Veterans Today"]) == 0  # arrows the wrong way round
    assert _score("2.12", ["Syrian officials"]) == 0


def test_2_13_conclusions():
    assert _assigned("CONCLUSIONS") == lesson02.CONCLUSIONS
    key = lesson02.CONCLUSIONS_KEY
    fine = [c for c in lesson02.CONCLUSIONS if c not in key]
    assert len(key) == 4 and len(fine) == 4
    assert _score("2.13", key) == _full("2.13")
    assert _score("2.13", lesson02.CONCLUSIONS) == 0
    assert _score("2.13", fine) == 0
    assert _score("2.13", key[:1] + fine[:2]) == 0  # repetition read as confirmation
    assert _score("2.13", key[:3] + fine[-1:]) == 0  # "a party gave it, so it is false"
    # the key follows from the graph: one party behind every root, Russia's ministry not a root
    required = nx.DiGraph(sorted(lesson02._edges_key()["required"]))
    roots = {n for n in required if required.in_degree(n) == 0}
    assert roots == {"Syrian army command", "Syrian officials"}
    assert required.in_degree("Russian Defence Ministry") > 0
    assert nx.has_path(required, "Syrian army command", "SANA")


@pytest.mark.parametrize("exercise_id", ["2.11", "2.12", "2.13"])
def test_core_hints_name_no_node_and_no_conclusion(exercise_id):
    hint = ex.by_id(exercise_id).hint
    assert not [n for n in checks.NODES if n in hint]
    assert not [c for c in lesson02.CONCLUSIONS if c[:30] in hint]


def test_the_core_partial_scores_in_between():
    import runpy

    partial = runpy.run_path(str(kit.ROOT / "tests" / "partials" / "02-sourcing-core.py"))["PARTIAL"]
    total = sum(ex.score(e, {"answer": {q: partial["answers"].get(q) for q in e.answer.questions}}).points
                for e in ex.for_lesson("02-sourcing-core").values() if e.automatic)
    full = sum(e.points for e in ex.for_lesson("02-sourcing-core").values() if e.automatic)
    assert 0 < total < full
