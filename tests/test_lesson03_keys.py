"""Lesson 03's keys against the data they rest on, not copied literals: the pillars key of 3.2 against the footage
layer (what the text states about each item), and the true statements of 3.8 against the numbers the reference
formulas give on places.csv and the Syria-Iraq border."""

from __future__ import annotations

import pytest

import medialit as ml
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
