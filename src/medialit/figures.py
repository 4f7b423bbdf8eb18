"""Figures every student can read (WCAG 2.1 AA). After ``ml.lesson(...)`` each matplotlib figure a cell shows
reaches the notebook as an HTML ``<img>`` with a text alternative (``alt``) and, where the figure shows numbers, a
small folded table of them; plots get a colour-blind-safe palette with a second cue (line style) built in.

    ax = ml.bar_counts(counts, title="Comments per document", xlabel="document")
    ml.describe_figure(ax, "Most comments are under one document.")   # the point, said in words

Without ``describe_figure`` the text alternative is made from the figure itself: its titles, axis labels, and the
values of its bars. ``audit(fig)`` lists what the kit checks in every figure it shows: text contrast of at least
4.5:1 and categories told apart by colour alone.

Why HTML and not the usual PNG output: JupyterLab 4 shows an ``image/png`` output as an ``<img>`` without ``alt``
(its image renderer takes no alt text from the output's metadata), so a screen reader meets a nameless picture.
An ``<img alt>`` in an HTML output is what JupyterLab, nbconvert (feedback) and other notebook front ends all show.
"""

from __future__ import annotations

import base64
import html
import math

# Okabe & Ito's colour-blind-safe colours that keep a contrast of 3:1 or more against white (WCAG 1.4.11 asks that
# much of the marks a reader needs); their orange, sky blue and yellow (about 1.3 to 2.3) are left out. Each colour
# comes with its own line style (or marker), so that lines differ in more than colour.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000"]
LINESTYLES = ["-", "--", ":", "-.", "-"]
MARKERS = ["", "", "", "", "o"]  # the fifth line is solid like the first, so it gets dots
MIN_CONTRAST, MIN_CONTRAST_LARGE = 4.5, 3.0  # WCAG 1.4.3; large text is 18 pt, or 14 pt bold
_GENERIC_TITLE = "A figure without a title"
_MAX_VALUES_IN_ALT = 12


# -- the text alternative ----------------------------------------------------------------------------------------------
def _figure_of(thing):
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    if isinstance(thing, Axes):
        thing = thing.figure
    while isinstance(thing, SubFigure):  # up to the figure that is shown (a subfigure's parent may be one too)
        thing = thing.figure
    if isinstance(thing, Figure):
        return thing
    from .errors import MediaLitError

    raise MediaLitError(f"describe_figure needs a matplotlib Axes or Figure (e.g. the ax a plot returns), "
                        f"found {type(thing).__name__}.")


def describe_figure(ax_or_fig, text: str, *, table=None):
    """Say in words what a figure shows — its point, as a sentence or two — for readers who cannot see it. ``table``:
    the numbers behind it (a pandas DataFrame or Series), shown under the figure in a folded table. Returns the
    Axes or Figure given, so that it can end a cell."""
    from .errors import MediaLitError

    if not isinstance(text, str) or not text.strip():
        raise MediaLitError("describe_figure needs a sentence that says what the figure shows, e.g. "
                            "'Document 000 drew most of the comments.'")
    fig = _figure_of(ax_or_fig)
    fig._medialit_description = text.strip()
    if table is not None:
        fig._medialit_table = table
    return ax_or_fig


def _number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _bars(ax) -> list[tuple[str, str, float]]:
    """(tick label, series, value) of each bar of an Axes, vertical or horizontal; the series is the bar group's
    legend label ("" for a single group)."""
    from matplotlib.container import BarContainer

    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    found = []
    for container in containers:
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
        where = {round(t.get_position()[1 if horizontal else 0], 6): _clean(t.get_text()) for t in ticks}
        series = container.get_label() or ""
        series = "" if series.startswith("_") or len(containers) == 1 else _clean(series)
        for bar in container.patches:
            centre = bar.get_y() + bar.get_height() / 2 if horizontal else bar.get_x() + bar.get_width() / 2
            value = bar.get_width() if horizontal else bar.get_height()
            found.append((where.get(round(centre, 6)) or _number(centre), series, float(value)))
    return found


def _words(ax) -> dict:
    texts = [_clean(t.get_text()) for t in ax.texts if t.get_visible() and t.get_text().strip()]
    lines = [line for line in ax.get_lines() if line.get_visible() and len(line.get_xdata())]
    legend = ax.get_legend()
    keys = [_clean(t.get_text()) for t in legend.get_texts()] if legend is not None and legend.get_visible() else []
    ticks = {}
    for name, labels in (("horizontal", ax.get_xticklabels()), ("vertical", ax.get_yticklabels())):
        words = [_clean(t.get_text()) for t in labels if t.get_visible() and t.get_text().strip()]
        if words and not all(w.replace(",", "").replace(".", "").replace("−", "").replace("-", "").isdigit()
                             for w in words):
            ticks[name] = words
    return {"title": _clean(ax.get_title() or ax.get_title(loc="left")), "x": _clean(ax.get_xlabel()),
            "y": _clean(ax.get_ylabel()), "texts": texts, "lines": lines, "images": ax.get_images(), "keys": keys,
            "ticks": ticks}


def _listed(items: list[str], cap: int = 20) -> str:
    more = f"; and {len(items) - cap} more" if len(items) > cap else ""
    return "; ".join(items[:cap]) + more


def _describe_axes(ax) -> str:
    """One axes in words, from what it holds: the title, then the bars' values, or its key, labels and lines."""
    words = _words(ax)
    head = words["title"] or _GENERIC_TITLE
    axes = " by ".join(a for a in (words["y"], words["x"]) if a)
    bars = _bars(ax)
    if bars:
        values = [f"{tick}{', ' + series if series else ''}: {_number(value)}" for tick, series, value in bars]
        more = " (all in the table below)" if len(values) > _MAX_VALUES_IN_ALT else ""
        return f"{head}. Bars of {axes or 'values'}: {_listed(values, _MAX_VALUES_IN_ALT)}{more}."
    parts = [head + "."]
    if axes:
        parts.append(f"{axes[0].upper()}{axes[1:]}.")
    for name, ticks in words["ticks"].items():
        parts.append(f"Along the {name} axis: {_listed(ticks)}.")
    if words["keys"]:
        parts.append(f"Key: {_listed(words['keys'])}.")
    if words["images"]:
        rows, columns = words["images"][0].get_array().shape[:2]
        parts.append(f"A grid of {rows} by {columns} shaded cells.")
    if words["texts"]:
        parts.append(f"Labels on it: {_listed(words['texts'])}.")
    if not (words["keys"] or words["texts"] or words["ticks"]) and words["lines"]:
        n = len(words["lines"])
        parts.append(f"{n} line{'s' if n != 1 else ''}.")
    return " ".join(parts)


def _content_axes(fig) -> list:
    return [ax for ax in fig.get_axes() if ax.get_visible() and ax.get_label() != "<colorbar>"]


def alt_text(fig) -> str:
    """The figure's text alternative: the description given with ``describe_figure``, else one made from the figure
    (titles, axis labels, the values of bars); with several panels, each in turn."""
    described = getattr(fig, "_medialit_description", None)
    axes = _content_axes(fig)
    suptitle = fig._suptitle.get_text().strip() if getattr(fig, "_suptitle", None) else ""
    if described:
        title = next((w for w in [_clean(suptitle)] + [_words(ax)["title"] for ax in axes] if w), "")
        table = " The numbers are in the table under the figure." if _table(fig) is not None else ""
        return f"{title + ': ' if title and title not in described else ''}{described}{table}"
    if not axes:
        return "An empty figure."
    panels = [_describe_axes(ax) for ax in axes]
    if len(panels) > 1:
        panels = [f"Panel {n} of {len(panels)}: {text}" for n, text in enumerate(panels, start=1)]
    return (suptitle + ". " if suptitle else "") + " ".join(panels)


def _table(fig):
    """The numbers to show under the figure: those given to describe_figure, else the bars' values (None if none)."""
    import pandas as pd

    given = getattr(fig, "_medialit_table", None)
    if given is not None:
        return given.to_frame() if isinstance(given, pd.Series) else given
    frames = []
    for ax in _content_axes(fig):
        bars = _bars(ax)
        if bars:
            words = _words(ax)
            horizontal = "vertical" in words["ticks"] and "horizontal" not in words["ticks"]  # categories down y
            category = (words["y"] if horizontal else words["x"]) or "bar"
            value = (words["x"] if horizontal else words["y"]) or "value"
            frame = pd.DataFrame(bars, columns=[category, "series", value if value != category else f"{value} (value)"])
            if frame["series"].eq("").all():
                frame = frame.drop(columns="series")
            else:
                frame = frame.pivot_table(index=frame.columns[0], columns="series", values=frame.columns[2],
                                          aggfunc="sum", sort=False).reset_index()
                frame.columns.name = None
            frames.append((words["title"] or f"panel {len(frames) + 1}", frame))
    if not frames:
        return None
    return frames


def _table_html(fig) -> str:
    import pandas as pd

    table = _table(fig)
    if table is None:
        return ""
    if isinstance(table, pd.DataFrame):
        tables = [("", table)]
        index = True
    else:
        tables, index = table, False
    body = "".join(
        (f"<p>{html.escape(title)}</p>" if title and len(tables) > 1 else "")
        + frame.to_html(index=index, border=0, float_format=lambda v: _number(v), classes="medialit-figure-table")
        for title, frame in tables)
    return (f"<details class='medialit-figure-data'><summary>The numbers in this figure</summary>{body}</details>")


# -- what the kit checks in every figure ---------------------------------------------------------------------------------
def _luminance(rgb) -> float:
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG contrast ratio of two colours (anything matplotlib reads as a colour), 1 to 21."""
    from matplotlib.colors import to_rgb

    la, lb = sorted((_luminance(to_rgb(a)), _luminance(to_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _over(colour, background) -> tuple:
    """A colour with its alpha laid over an opaque background."""
    from matplotlib.colors import to_rgb, to_rgba

    r, g, b, a = to_rgba(colour)
    base = to_rgb(background)
    return tuple(a * c + (1 - a) * s for c, s in zip((r, g, b), base))


def _texts(fig):
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t.get_alpha() != 0
            and t.get_figure() is not None]


def _text_problems(fig) -> list[str]:
    """Text whose contrast with what lies under it is below 4.5:1 (3:1 for large text): the background is the
    text's own box if it has one, else the typical colour under the text, read from the figure drawn without text."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    shown_on = fig.canvas
    canvas = shown_on if isinstance(shown_on, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = _texts(fig)
    boxes = []
    for t in texts:
        try:
            boxes.append(t.get_window_extent(renderer))
        except (RuntimeError, ValueError):
            boxes.append(None)
    shown = [t.get_visible() for t in texts]
    try:
        for t in texts:
            t.set_visible(False)
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())[..., :3] / 255.0
    finally:  # (the next draw, e.g. the PNG's, shows the text again)
        for t, was in zip(texts, shown):
            t.set_visible(was)
        if canvas is not shown_on:
            fig.set_canvas(shown_on)
    height, width = pixels.shape[:2]
    problems = []
    for t, box in zip(texts, boxes):
        patch = t.get_bbox_patch()
        if patch is not None and patch.get_visible() and patch.get_facecolor()[3] > 0:
            background = _over(patch.get_facecolor(), fig.get_facecolor()[:3])
        elif box is not None and box.width > 0 and box.height > 0:
            x0, x1 = max(0, int(box.x0)), min(width, int(math.ceil(box.x1)))
            y0, y1 = max(0, int(height - box.y1)), min(height, int(math.ceil(height - box.y0)))
            if x1 <= x0 or y1 <= y0:
                continue  # drawn outside the figure (cut off when shown)
            background = tuple(np.median(pixels[y0:y1, x0:x1].reshape(-1, 3), axis=0))
        else:
            continue
        colour = _over(t.get_color(), background)
        ratio = contrast(colour, background)
        size = t.get_fontsize()
        large = size >= 18 or (size >= 14 and str(t.get_fontweight()) in ("bold", "heavy", "black", "700", "800",
                                                                            "900"))
        need = MIN_CONTRAST_LARGE if large else MIN_CONTRAST
        if ratio < need:
            problems.append(f"text {t.get_text().strip()[:40]!r} has a contrast of {ratio:.1f}:1 with what lies "
                            f"under it (needs {need:g}:1)")
    return problems


def _look(artist) -> tuple:
    """What tells a line, patch or marker apart besides its colour. A collection (a scatter plot and its legend
    handle) has a width per item and its marker as a path: the first of each stands for it."""
    import numpy as np

    get = lambda name, default=None: getattr(artist, f"get_{name}", lambda: default)()  # noqa: E731
    marker = get("marker")
    if marker is None and hasattr(artist, "get_paths"):
        paths = artist.get_paths()
        marker = tuple(np.round(paths[0].vertices, 2).ravel().tolist()) if paths else None
    widths = np.atleast_1d(np.asarray(get("linewidth", 0) or 0, dtype=float))
    width = round(float(widths[0]), 1) if widths.size else 0.0
    return (str(get("linestyle")), str(marker), str(get("hatch")), width)


def _colour(artist):
    from matplotlib.colors import to_hex

    for name in ("get_color", "get_facecolor", "get_edgecolor"):
        getter = getattr(artist, name, None)
        if getter is None:
            continue
        try:
            value = getter()
            if hasattr(value, "ndim") and value.ndim == 2:
                value = value[0] if len(value) else "none"
            return to_hex(value)
        except (ValueError, TypeError, IndexError):
            continue
    return None


def _colour_only_problems(fig) -> list[str]:
    """Categories told apart by colour alone: two lines of one axes, or two entries of a legend, whose colours
    differ while everything else (line style, marker, hatch, width) is the same."""
    problems = []
    for ax in _content_axes(fig):
        groups = []
        lines = [line for line in ax.get_lines() if line.get_visible() and len(line.get_xdata())]
        groups.append(("lines", lines))
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            groups.append(("legend entries", [h for h in legend.legend_handles if h is not None]))
        for what, artists in groups:
            seen = {}
            for artist in artists:
                look, colour = _look(artist), _colour(artist)
                other = seen.setdefault(look, colour)
                if colour is not None and other is not None and colour != other:
                    title = _words(ax)["title"] or "a plot"
                    problems.append(f"{what} in {title!r} differ by colour alone ({other} and {colour}): give each "
                                    "a line style, marker or hatch of its own, or label them directly")
                    break
    return problems


def audit(fig) -> list[str]:
    """What keeps a figure from being readable by everyone: low text contrast, colour as the only cue (empty: none)."""
    return _text_problems(fig) + _colour_only_problems(fig)


# -- showing figures in the notebook -----------------------------------------------------------------------------------
def figure_html(fig) -> tuple[str, dict]:
    """The figure as the notebook shows it: ``<figure>`` with the picture, its alt text and the folded numbers; and
    the output's metadata (the alt text and the audit's findings, for the kit's tests and for teachers)."""
    from IPython.core.pylabtools import print_figure

    problems = audit(fig)
    png = print_figure(fig, "png", bbox_inches="tight")
    if not png:
        return None
    alt = alt_text(fig)
    data = base64.b64encode(png).decode("ascii")
    markup = (f"<figure class='medialit-figure' style='margin:0'><img src='data:image/png;base64,{data}' "
              f"alt='{html.escape(alt, quote=True)}' style='max-width:100%;height:auto'>{_table_html(fig)}</figure>")
    return markup, {"medialit": {"alt": alt, "problems": problems}}


def _plain(fig, printer, cycle):
    printer.text(f"Figure: {alt_text(fig)}")


def use_kit_style() -> None:
    """The kit's palette for every new plot: colour-blind-safe colours, each with its own line style."""
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams["axes.prop_cycle"] = cycler(color=PALETTE) + cycler(linestyle=LINESTYLES) + cycler(marker=MARKERS)
    mpl.rcParams["image.cmap"] = "cividis"  # a colour map that reads the same to colour-blind readers


def install(shell=None) -> bool:
    """Show every figure of this kernel with its text alternative (see the module's docs) and use the kit's palette.
    Called by ``ml.lesson(...)``; does nothing outside IPython. Returns whether it is installed."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    # First let the backend start: the inline backend, once loaded (at the first figure), sets up its own printers
    # for figures and drops any others, ours included. (`%matplotlib inline` run later does so again; run
    # ml.lesson(...) after it.)
    plt.close(plt.figure())

    use_kit_style()
    formatters = shell.display_formatter.formatters
    for mime in ("image/png", "image/jpeg", "image/svg+xml", "application/pdf"):
        if mime in formatters:
            formatters[mime].pop(Figure, None)  # one picture per figure: the one in the HTML, with its alt text
    formatters["text/html"].for_type(Figure, figure_html)
    formatters["text/plain"].for_type(Figure, _plain)
    return True
