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
