"""Plotting helpers with accessible defaults: text labels on every bar, the kit's colour-blind-safe palette. The
figure's text alternative is made from its bars when it is shown (medialit.figures)."""

from __future__ import annotations

from .figures import PALETTE


def bar_counts(counts, *, title: str, xlabel: str, ylabel: str = "count", ax=None):
    """A labelled bar chart of a pandas Series (index → count); returns the Axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    bars = ax.bar([str(i) for i in counts.index], counts.values, color=PALETTE[0], edgecolor="black")
    ax.bar_label(bars)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
