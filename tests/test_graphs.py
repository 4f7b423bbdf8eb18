"""Relay-graph drawing: every node a labelled box, one arrow per edge, clear messages for bad edges."""

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pytest  # noqa: E402

import medialit as ml  # noqa: E402

CHAIN = [("ministry", "agency"), ("agency", "website"), ("ministry", "website"), ("officials", "website")]


def test_a_chain_is_drawn_with_a_box_per_node_and_an_arrow_per_edge():
    ax = ml.draw_relay_graph(CHAIN, title="Who relays whom")
    assert ax.get_title() == "Who relays whom"
    assert "B passes on what A said" in ax.get_xlabel()
    assert sorted(t.get_text() for t in ax.texts) == ["agency", "ministry", "officials", "website"]
    assert len(ax.patches) == len(CHAIN)  # networkx draws each arrow as a patch
    plt.close("all")


def test_a_networkx_graph_and_a_cycle_are_drawn_too():
    ax = ml.draw_relay_graph(nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")]), title="cycle")
    assert sorted(t.get_text() for t in ax.texts) == ["a", "b", "c"]
    plt.close("all")


def test_long_names_are_wrapped_into_the_box():
    ax = ml.draw_relay_graph([("Russian Defence Ministry", "Fars News Agency")], title="t", wrap=10)
    assert any("\n" in t.get_text() for t in ax.texts)
    plt.close("all")


@pytest.mark.parametrize("edges, message", [
    ([("a", "b"), ("c",)], r"Edge 2 of the relay graph is \('c',\): each edge must be a pair of names"),
    ([("a", 3)], r"Edge 1 .* must be a pair of names"),
    ([], r"has no edges yet"),
    (42, r"needs a list of \(from, to\) pairs, found int"),
])
def test_bad_edges_get_a_message_that_says_what_to_do(edges, message):
    with pytest.raises(ml.MediaLitError, match=message):
        ml.draw_relay_graph(edges, title="t")
