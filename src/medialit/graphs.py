"""Drawing relay graphs: who passes on whose words. Drawing only — finding roots or counting origins is the
reader's job (and an exercise), so nothing here computes them for you.

    ax = ml.draw_relay_graph([("ministry", "agency"), ("agency", "website")], title="Who relays whom")
"""

from __future__ import annotations

import textwrap

from .errors import MediaLitError
from .figures import describe_figure


def _as_graph(edges):
    import networkx as nx

    if isinstance(edges, nx.Graph):
        return nx.DiGraph(edges)
    try:
        pairs = list(edges)
    except TypeError:
        raise MediaLitError(f"A relay graph needs a list of (from, to) pairs, found {type(edges).__name__}.") from None
    for number, pair in enumerate(pairs, start=1):
        if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(n, str) for n in pair)):
            raise MediaLitError(
                f"Edge {number} of the relay graph is {pair!r}: each edge must be a pair of names, "
                "(who said it, who passes it on), e.g. ('SANA', 'Fars News Agency')."
            )
    if not pairs:
        raise MediaLitError("The relay graph has no edges yet: add (who said it, who passes it on) pairs.")
    return nx.DiGraph(pairs)


def _positions(graph) -> dict:
    """Columns left to right along the arrows (networkx's multipartite layout over the topological generations);
    a spring layout if the graph has a cycle."""
    import networkx as nx

    if not nx.is_directed_acyclic_graph(graph):
        return nx.spring_layout(graph, seed=2)
    layered = graph.copy()
    for column, nodes in enumerate(nx.topological_generations(graph)):
        for node in nodes:
            layered.nodes[node]["column"] = column
    return nx.multipartite_layout(layered, subset_key="column", align="vertical", scale=1.0)


def draw_relay_graph(edges, *, title: str, ax=None, wrap: int = 16):
    """Draw a relay graph: an arrow A → B means "B passes on what A said". ``edges`` is a list of (A, B) pairs
    or a networkx graph. Every node is a labelled box; the arrows carry the meaning, not colour. Returns the Axes."""
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.patches import FancyArrowPatch

    graph = _as_graph(edges)
    positions = _positions(graph)
    columns = sorted({round(x, 6) for x, _ in positions.values()})
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6.0, 2.4 * len(columns)), 4.8))
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    pad_x = 0.35 * (max(xs) - min(xs) or 1)
    ax.set_xlim(min(xs) - pad_x / 2, max(xs) + pad_x / 2)
    ax.set_ylim(min(ys) - 0.25, max(ys) + 0.25)
    boxes = {node: ax.text(x, y, textwrap.fill(node, wrap), ha="center", va="center", fontsize=9, zorder=3,
                           bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "black"})
             for node, (x, y) in positions.items()}
    ax.figure.canvas.draw()  # lay the boxes out, so that arrows can stop exactly at their edges
    for source, target in graph.edges:
        skips = abs(columns.index(round(positions[target][0], 6)) - columns.index(round(positions[source][0], 6))) > 1 \
            if nx.is_directed_acyclic_graph(graph) else False
        ax.add_patch(FancyArrowPatch(
            positions[source], positions[target], arrowstyle="-|>", mutation_scale=15, linewidth=1.3,
            color="black", zorder=4, shrinkA=1, shrinkB=1, connectionstyle=f"arc3,rad={0.25 if skips else 0.08}",
            patchA=boxes[source].get_bbox_patch(), patchB=boxes[target].get_bbox_patch()))
    ax.set_title(title)
    ax.set_xlabel("arrow A → B: B passes on what A said")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    links = "; ".join(f"{' '.join(a.split())} → {' '.join(b.split())}" for a, b in graph.edges)
    describe_figure(ax, f"{graph.number_of_edges()} arrows, each A → B meaning B passes on what A said: {links}.")
    return ax
