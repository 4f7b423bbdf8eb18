"""Lesson 03's keys against the data they rest on, not copied literals: the pillars key of 3.2 against the footage
layer (what the text states about each item), and the true statements of 3.8 against the numbers the reference
formulas give on places.csv and the Syria-Iraq border. The core track's exercises (3.10-3.13): the key scores full,
a blanket and plausible wrong answers do not, the hints share no answer, and the notebook shows what is graded."""

from __future__ import annotations

import math
import re

import nbformat
import pytest

import kit
import medialit as ml
from medialit import display_order
from medialit.widgets import text_units
from medialit_grader import exercises as ex
from medialit_grader.lessons import lesson03 as l03

# Items A-E of exercise 3.2, as rows of the footage layer (by document and label, not by item name)
ITEM_ROWS = {"A": ("000", "video"), "B": ("001", "video"), "C": ("002", "photo"), "D": ("002", "leaflet"),
             "E": ("004", "broadcast")}
# The pillar each field of the layer answers (date is read apart: see below)
FIELDS = {"provenance": "released_by", "source": "made_by", "location": "where", "motivation": "purpose"}


@pytest.fixture(scope="module")
def footage():
    return ml.load_annotations("footage")


def _rows(footage, item):
    doc, label = ITEM_ROWS[item]
    rows = footage[(footage["doc"] == doc) & (footage["label"] == label)]
    assert len(rows), f"item {item}: no {label} in document {doc} in the footage layer"
    assert rows["item"].nunique() == 1, f"item {item}: the layer splits it into {sorted(rows['item'].unique())}"
    return rows


def _stated(rows, field) -> bool:
    return bool(rows[field].notna().any())


def test_the_pillars_key_ticks_what_the_layer_says_the_text_states(footage):
    key = {tuple(pair) for pair in l03.PILLARS_KEY["stated"]}
    debatable = {tuple(pair) for pair in l03.PILLARS_KEY["debatable"]}
    disagree = []
    for item in ITEM_ROWS:
        rows = _rows(footage, item)
        for pillar, field in FIELDS.items():
            if (item, pillar) in debatable:
                continue
            if ((item, pillar) in key) != _stated(rows, field):
                disagree.append(f"{item}-{pillar}: key {'ticks' if (item, pillar) in key else 'leaves'} it, "
                                f"layer {field} = {rows[field].iloc[0]!r}")
    assert not disagree, "\n".join(disagree)


def test_no_item_states_when_it_was_made(footage):
    """The key ticks no date: the layer's `when` is empty, or records the release and the hedge ("not known")."""
    assert not [pair for pair in l03.PILLARS_KEY["stated"] if pair[1] == "date"]
    for item in ITEM_ROWS:
        when = _rows(footage, item)["when"].dropna()
        assert all("not known" in w or "no date" in w for w in when), f"item {item}: the layer's when is {list(when)}"


def test_debatable_pairs_are_ones_the_layer_leaves_empty(footage):
    for item, pillar in l03.PILLARS_KEY["debatable"]:
        assert not _stated(_rows(footage, item), FIELDS[pillar]), f"{item}-{pillar}"


# -- 3.8 -----------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def numbers():
    places = ml.load_places().set_index("place")

    def at(name):
        return float(places.loc[name, "lat"]), float(places.loc[name, "lon"])

    border = ml.border_points("Syria", "Iraq")
    b_lat, b_lon = border["lat"].to_numpy(), border["lon"].to_numpy()
    palmyra, deir = at(l03.PALMYRA), at("Deir ez-Zor (city)")
    west = tuple(float(x) for x in l03.ref_destination(*palmyra, 270.0, 90.0))
    nearest = int(l03.ref_distance(*west, b_lat, b_lon).argmin())
    return {**l03._verdict_key(),
            "west_to_nearest_border_bearing": float(l03.ref_bearing(*west, b_lat[nearest], b_lon[nearest])),
            "palmyra_to_deir_km": float(l03.ref_distance(*palmyra, *deir)),
            "west_to_deir_km": float(l03.ref_distance(*west, *deir))}


def _off(a, b):
    return abs((a - b + 180) % 360 - 180)


def test_the_true_statements_hold_and_the_numeric_false_ones_do_not(numbers):
    n = numbers
    truths = dict(zip(("farther", "border", "pampi", "east", "tanf"), l03.TRUE_STATEMENTS))
    assert len(truths) == len(l03.TRUE_STATEMENTS) == 5
    assert n["west_to_border_km"] > n["palmyra_to_border_km"], truths["farther"]
    assert _off(n["border_bearing"], 45) < 22.5, truths["border"]         # north-east, so never north-west
    assert _off(n["west_to_nearest_border_bearing"], 315) > 90, truths["pampi"]
    assert 0.35 < n["east_to_border_km"] / n["west_to_border_km"] < 0.65, truths["east"]
    assert _off(n["tanf_bearing"], 180) < 22.5, truths["tanf"]
    # the false statements that numbers decide: Deir ez-Zor is not north-west; going west takes you farther from it
    assert _off(n["deir_bearing"], 315) > 90
    assert n["west_to_deir_km"] > n["palmyra_to_deir_km"]


def test_the_statements_name_comments_that_say_so():
    comments = ml.load_comments().set_index("id")
    at_tanf = comments[comments["text"].str.startswith("SF needs to use a map and compass")]
    assert len(at_tanf) == 1 and "south of Palmyra" in at_tanf["text"].iloc[0]
    pampi = comments[comments["author"] == "Pampi Ta"]["text"]
    assert pampi.str.contains("northwestern").any() and pampi.str.contains("iraqi border", case=False).any()


# -- the core track (03-footage-core): 3.10-3.13 -------------------------------------------------------------------
SOURCE = "solutions/03-footage/03-footage.ipynb"


def _score(exercise_id, answers: dict) -> float:
    """Points for {question: value}, as the grader scores a widget answer."""
    exercise = ex.by_id(exercise_id)
    return ex.score(exercise, {"answer": {q: answers.get(q) for q in exercise.answer.questions}}).points


def _full(exercise_id) -> float:
    return ex.by_id(exercise_id).points


@pytest.fixture(scope="module")
def notebook_literals():
    return kit.notebook_literals("03-footage")


@pytest.fixture(scope="module")
def passages():
    return {item: ml.text_at(*where) for item, where in l03.PASSAGES.items()}


def _marks(spans, passages):
    return [{"item": item, "start": s, "end": e, "label": "marked", "text": passages[item][s:e]}
            for item, s, e in spans]


def test_the_notebook_shows_what_the_grader_scores(notebook_literals):
    assert notebook_literals["PASSAGES"] == l03.PASSAGES
    assert tuple(notebook_literals["MAP_EXTENT"]) == l03.MAP_EXTENT
    assert notebook_literals["VERDICTS"] == list(l03.VERDICTS.values())


def test_the_passages_key_is_the_footage_layer_inside_the_passages(passages):
    key = l03._passages_key()
    layer = ml.load_annotations("footage")
    texts = {passages[item][s:e] for item, s, e in key["gold"] + key["disputed"]}
    assert texts <= set(layer["text"])
    assert len(key["gold"]) == 11 and len(key["disputed"]) == 1  # 001's "the footage" is disputed (its role)
    plain = [item for item in l03.PASSAGES if not any(g[0] == item for g in key["gold"])]
    assert plain == ["003-c08", "000-lead"], "passages that name no visual item (fine items) are part of the task"
    for look_alike in ("map-making", "news report", "radar coverage"):  # words that look like a reference
        assert any(look_alike in text for text in passages.values())


def test_3_10_the_key_scores_full_and_the_disputed_unit_neither_counts_nor_costs(passages):
    key = l03._passages_key()
    gold = [tuple(g) for g in key["gold"]]
    assert _score("3.10", {"3.10": _marks(gold, passages)}) == _full("3.10")
    with_disputed = gold + [tuple(d) for d in key["disputed"]]
    assert _score("3.10", {"3.10": _marks(with_disputed, passages)}) == _full("3.10")


def test_3_10_a_blanket_scores_zero(passages):
    """Every word of every passage marked: one span per passage (consecutive words, one label)."""
    blanket = [(item, text_units(text, "word")[0][0], text_units(text, "word")[-1][1])
               for item, text in passages.items()]
    assert _score("3.10", {"3.10": _marks(blanket, passages)}) == 0
    # one whole sentence per passage is no better
    sentences = [(item, *text_units(text, "sentence")[0]) for item, text in passages.items()]
    assert _score("3.10", {"3.10": _marks(sentences, passages)}) == 0


def test_3_10_plausible_wrong_answers_fail(passages):
    # the media-word marker: every word that looks like a medium, read without context (map-making, report,
    # coverage...), and nothing that names no medium ("I saw on RT")
    looks = re.compile(r"(?i)video|footage|photo|image|map|leaflet|recording|report|coverage")
    words = [(item, s, e) for item, text in passages.items() for s, e in text_units(text, "word")
             if looks.search(text[s:e])]
    assert _score("3.10", {"3.10": _marks(words, passages)}) < _full("3.10")
    # the articles only: the readers' maps, videos and recordings left out
    key = l03._passages_key()
    articles = [tuple(g) for g in key["gold"] if not re.match(r"\d{3}-c\d", g[0])]
    assert _score("3.10", {"3.10": _marks(articles, passages)}) == 0


def test_3_11_and_3_13_points_scored_by_distance():
    west, east = l03._west_place_key(), l03._fitting_place_key()
    lon_min, lon_max, lat_min, lat_max = l03.MAP_EXTENT
    centre = [(lat_min + lat_max) / 2, (lon_min + lon_max) / 2]
    palmyra = list(l03._place(l03.PALMYRA))
    assert _score("3.11", {"3.11": [round(x, 3) for x in west]}) == _full("3.11")
    assert _score("3.13", {"3.13": [round(x, 3) for x in east]}) == _full("3.13")
    for wrong in (centre, palmyra, east):
        assert _score("3.11", {"3.11": wrong}) == 0
    for wrong in (centre, palmyra, west):
        assert _score("3.13", {"3.13": wrong}) == 0
    # the given parallel point (a degree of longitude = 111.2 cos(lat) km) and a rough placement
    parallel = [34.56, 38.27 - 90 / (111.2 * math.cos(math.radians(34.56)))]
    assert _score("3.11", {"3.11": parallel}) == _full("3.11")
    rough = [west[0] + 0.3, west[1]]  # about 33 km north: half marks
    assert _score("3.11", {"3.11": rough}) == _full("3.11") / 2


def test_3_13_the_version_that_fits_is_the_one_nearer_the_border(numbers):
    assert numbers["east_to_border_km"] < numbers["west_to_border_km"]
    assert l03._fitting_place_key()[1] > l03._place(l03.PALMYRA)[1]  # east of Palmyra


def test_3_12_the_key_is_the_option_the_numbers_support_and_the_first_shown_is_not_it(numbers):
    key = l03._verdict_choice_key()
    assert key == l03.VERDICTS["cannot hold"]
    assert numbers["west_to_border_km"] > numbers["palmyra_to_border_km"]
    assert _off(numbers["border_bearing"], 45) < 22.5
    shown = display_order("3.12", list(l03.VERDICTS.values()))
    assert shown[0] != key
    assert _score("3.12", {"3.12": key}) == _full("3.12")
    for option in shown:
        if option != key:
            assert _score("3.12", {"3.12": option}) == 0


def test_the_core_tracks_blanket_scores_at_most_a_third(passages):
    """The lead's blanket, here on lesson 03's core track: every checklist option ticked, every word marked, the
    first option shown, each map point at the map's centre."""
    lon_min, lon_max, lat_min, lat_max = l03.MAP_EXTENT
    centre = [(lat_min + lat_max) / 2, (lon_min + lon_max) / 2]
    pillars = ["provenance", "source", "date", "location", "motivation"]
    statements = kit.notebook_literals("03-footage")["STATEMENTS"]
    every_word = [(item, text_units(t, "word")[0][0], text_units(t, "word")[-1][1]) for item, t in passages.items()]
    blanket = {**{f"3.2{k}": pillars for k in "ABCDE"}, "3.8": statements, "3.10": _marks(every_word, passages),
               "3.11": centre, "3.13": centre, "3.12": display_order("3.12", list(l03.VERDICTS.values()))[0]}
    # the picture checks: every statement ticked, the first button of every row, the three marks at the centre
    literals = kit.notebook_literals("03-footage")
    for question, name in (("3.15", "METADATA_STATEMENTS"), ("3.18", "COPY_STATEMENTS"), ("3.22", "CORPUS_STATEMENTS")):
        blanket[question] = literals[name]
    posts = ml.load_archive().sort_values("posted_on")["id"].tolist()
    blanket["3.17"] = {post: "no earlier copy" for post in posts[3:]}
    blanket["3.21"] = {claim: display_order("3.21", [l03.FITS, l03.NOT_FIT])[0] for claim in l03._light_key()}
    blanket["3.19"] = {"base": [400, 266], "top": [400, 266], "tip": [400, 266]}
    core = [e for e in ex.for_lesson("03-footage-core").values() if e.automatic]
    total = sum(e.points for e in core)
    got = sum(_score(e.id, blanket) for e in core)
    assert got <= total / 3, f"the blanket scores {got:g} of {total:g}"


def test_the_core_hints_share_no_answer(passages):
    from kit import ROOT

    nb = nbformat.read(ROOT / SOURCE, as_version=4)
    hints = {eid: [ex.by_id(eid).hint] for eid in ("3.10", "3.11", "3.12", "3.13")}
    for cell in nb.cells:
        match = re.search(r"### Exercise (3\.1[0-3]) .*?<summary>Hint</summary>(.*?)</details>", cell.source, re.S)
        if match:
            hints[match.group(1)].append(match.group(2))
    assert all(len(h) == 2 for h in hints.values()), hints
    key = l03._passages_key()
    phrases = {passages[item][s:e].lower() for item, s, e in key["gold"]}
    for hint in hints["3.10"]:
        assert not [p for p in phrases if p in hint.lower()]
        assert not [item for item in l03.PASSAGES if item in hint]
    for eid, point in (("3.11", l03._west_place_key()), ("3.13", l03._fitting_place_key())):
        for hint in hints[eid]:
            numbers = {float(x) for x in re.findall(r"\d+\.\d+", hint)}
            assert not [x for x in numbers for p in point if abs(x - p) < 0.3], (eid, numbers)
    for hint in hints["3.12"]:
        assert l03._verdict_choice_key()[:30].lower() not in hint.lower()
