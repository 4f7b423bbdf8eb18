"""Drawing relay graphs: who passes on whose words. Drawing only — finding roots or counting origins is the
reader's job (and an exercise), so nothing here computes them for you.

    ax = ml.draw_relay_graph([("ministry", "agency"), ("agency", "website")], title="Who relays whom")
"""

from __future__ import annotations

import textwrap

from .errors import MediaLitError


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
    """Columns left to right along the arrows (a drawing layout); a spring layout if the graph has a cycle."""
    import networkx as nx

    if not nx.is_directed_acyclic_graph(graph):
        return nx.spring_layout(graph, seed=2)
    positions = {}
    for column, nodes in enumerate(nx.topological_generations(graph)):
        nodes = sorted(nodes)
        for row, node in enumerate(nodes):
            # odd columns sit half a row lower, so arrows that skip a column do not run through a box
            positions[node] = (column, (len(nodes) - 1) / 2 - row - 0.45 * (column % 2))
    return positions


def draw_relay_graph(edges, *, title: str, ax=None, wrap: int = 16):
    """Draw a relay graph: an arrow A → B means "B passes on what A said". ``edges`` is a list of (A, B) pairs
    or a networkx graph. Every node is a labelled box; the arrows carry the meaning, not colour. Returns the Axes."""
    import matplotlib.pyplot as plt
    import networkx as nx

    graph = _as_graph(edges)
    positions = _positions(graph)
    if ax is None:
        columns = 1 + max(x for x, _ in positions.values()) if nx.is_directed_acyclic_graph(graph) else 4
        _, ax = plt.subplots(figsize=(max(6.0, 2.6 * columns), 4.5))
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 1.0, max(ys) + 1.0)
    labels = {node: textwrap.fill(node, wrap) for node in graph}
    # networkx stops each arrow at the edge of a square "marker" around the node; size it to the label's width
    sizes = [(4.3 * max(len(line) for line in labels[node].splitlines()) + 6) ** 2 for node in graph]
    for edge in graph.edges:  # one call per arrow: each bends by its own amount, around the boxes in its way
        nx.draw_networkx_edges(graph, positions, edgelist=[edge], ax=ax, arrows=True, arrowstyle="-|>",
                               arrowsize=15, width=1.3, node_size=sizes, nodelist=list(graph), node_shape="s",
                               connectionstyle=f"arc3,rad={_bend(edge, positions, ax)}")
    for node, (x, y) in positions.items():
        ax.text(x, y, labels[node], ha="center", va="center", fontsize=9, zorder=3,
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "black"})
    ax.set_title(title)
    ax.set_xlabel("arrow A → B: B passes on what A said")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    return ax


def _bend(edge, positions, ax) -> float:
    """How much an arrow should bend (matplotlib's arc3 rad) to keep clear of the other boxes: the smallest bend
    whose curve stays furthest from every box it is not attached to. Works in inches on the figure."""
    fig_w, fig_h = ax.figure.get_size_inches()
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()

    def inches(point):
        return (point[0] - x0) / (x1 - x0) * fig_w, (point[1] - y0) / (y1 - y0) * fig_h

    a, b = inches(positions[edge[0]]), inches(positions[edge[1]])
    others = [inches(p) for n, p in positions.items() if n not in edge]
    best, best_clearance = 0.1, -1.0
    for rad in (0.1, -0.1, 0.2, -0.2, 0.35, -0.35):
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        control = (mid[0] + rad * (b[1] - a[1]), mid[1] - rad * (b[0] - a[0]))
        curve = [((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * control[0] + t ** 2 * b[0],
                  (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * control[1] + t ** 2 * b[1]) for t in (0.2, 0.35, 0.5, 0.65, 0.8)]
        clearance = min((min(((cx - ox) / 1.6) ** 2 + (cy - oy) ** 2 for cx, cy in curve) for ox, oy in others),
                        default=9.0) ** 0.5
        if clearance > best_clearance + 0.15:  # a bigger bend must buy real clearance
            best, best_clearance = rad, clearance
    return best
