"""Plotting helpers with accessible defaults: text labels on every bar, patterns rather than colour alone."""

from __future__ import annotations


def bar_counts(counts, *, title: str, xlabel: str, ylabel: str = "count", ax=None):
    """A labelled bar chart of a pandas Series (index → count); returns the Axes."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    bars = ax.bar([str(i) for i in counts.index], counts.values, color="#4c72b0", edgecolor="black")
    ax.bar_label(bars)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
