"""Visible checks of lesson 04 "Comparing casualty figures". They test the form of an answer, not the answer.

There is deliberately no figure parser here: writing one is the students' exercise (4.2 and 4.3). The checks below only
call the student's function and look at the shape of what it returns.
"""

from __future__ import annotations

LABELS = {"killed", "injured", "casualties"}
# phrases the form checks call the student's parser with (any sensible parser must cope with each of them)
_TRY = ["80", "some 80", "up to 100", "over 100", "dozens", "Eighty", "unknown number of"]


def _bound(x) -> bool:
    return x is None or (isinstance(x, int) and not isinstance(x, bool) and x >= 0)


def _pair(value) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and all(_bound(x) for x in value)


def _ordered(value) -> bool:
    low, high = value
    return low is None or high is None or low <= high


def _frame(value) -> bool:
    import pandas as pd

    return isinstance(value, pd.DataFrame)


def _missing(x) -> bool:
    import pandas as pd

    return x is None or bool(pd.isna(x))


def _intervals_ordered(frame) -> bool:
    return all(_missing(lo) or _missing(hi) or float(lo) <= float(hi) for lo, hi in zip(frame["low"], frame["high"]))


def _draws(ax) -> bool:
    return bool(ax.lines or ax.collections or ax.patches)


def _candidate_ids() -> set[str]:
    # the ids the lesson's candidate table uses: q01, q02, …
    return {f"q{n:02d}" for n in range(1, 100)}


# The form checks of each exercise, by its id; name and hint come from the exercise's declaration.
CHECKS = {
    "4.1": [
        ("is a dict {candidate id: label}", lambda v: isinstance(v, dict)),
        ("uses the ids of the candidate table (q01, q02, …)", lambda v: set(v) <= _candidate_ids()),
        ("labels are 'killed', 'injured' or 'casualties'", lambda v: set(v.values()) <= LABELS),
        ("keeps some candidates and leaves others out (not every number counts people hurt)",
         lambda v: 0 < len(v) < 33),
    ],
    "4.2": [
        ("is a function", callable),
        ("returns a tuple (low, high) for a plain number", lambda f: _pair(f("80"))),
        ("returns whole numbers or None for every phrase it is tried on", lambda f: all(_pair(f(p)) for p in _TRY)),
        ("low is never above high", lambda f: all(_ordered(f(p)) for p in _TRY)),
        ("ignores upper/lower case and surrounding spaces",
         lambda f: f("  SOME 80 ") == f("some 80") and f("Up To 100") == f("up to 100")),
    ],
    "4.4": [
        ("is a dict {item: label}", lambda v: isinstance(v, dict)),
        ("labels every item (A to I)", lambda v: set(v) == set("ABCDEFGHI")),
        ("uses more than one label (the figures do not all come from one place)", lambda v: len(set(v.values())) > 1),
    ],
    "4.5": [
        ("is a dict {item: label}", lambda v: isinstance(v, dict)),
        ("labels every item (1 to 8)", lambda v: set(v) == {str(n) for n in range(1, 9)}),
        ("uses both labels (careful reporting exists too)", lambda v: len(set(v.values())) == 2),
    ],
    "4.6": [
        ("is a pandas DataFrame", _frame),
        ("has the columns order, source, label, low, high",
         lambda v: {"order", "source", "label", "low", "high"} <= set(v.columns)),
        ("has rows", lambda v: len(v) > 0),
        ("labels are 'killed', 'injured' or 'casualties'", lambda v: set(v["label"]) <= LABELS),
        ("order numbers are distinct", lambda v: v["order"].is_unique),
        ("low is never above high", _intervals_ordered),
        ("every row names its source", lambda v: all(isinstance(s, str) and s.strip() for s in v["source"])),
    ],
    "4.7": [
        ("is a matplotlib Axes", lambda v: hasattr(v, "get_title") and hasattr(v, "get_xlabel")),
        ("has a title", lambda v: bool(v.get_title().strip())),
        ("has an x-axis label", lambda v: bool(v.get_xlabel().strip())),
        ("draws something", _draws),
    ],
    "4.8": [
        ("is a list of ticked options", lambda v: isinstance(v, list) and len(v) > 0),
    ],
    # the core track
    "4.10": [
        ("is a list of marked spans", lambda v: isinstance(v, list) and len(v) > 0
         and all(isinstance(s, dict) and {"item", "text", "label"} <= set(s) for s in v)),
        ("labels are 'killed', 'injured' or 'casualties'", lambda v: {s["label"] for s in v} <= LABELS),
        ("marks figures, not whole sentences (no mark longer than 15 words)",
         lambda v: all(len(str(s["text"]).split()) <= 15 for s in v)),
    ],
    "4.11": [
        ("is a dict {row: [lowest, highest]}", lambda v: isinstance(v, dict) and len(v) > 0),
        ("answers every row (a to l)", lambda v: set(v) == set("abcdefghijkl")),
        ("lowest is never above highest", lambda v: all(hi is None or lo <= hi for lo, hi in v.values())),
    ],
    "4.12": [
        ("is the list of the five in order", lambda v: isinstance(v, list)
         and sorted(v) == sorted(["command", "ministry", "fars", "vt", "reader"])),
    ],
}
CHECKS["4.3"] = CHECKS["4.2"]  # the same parser, graded a second time on phrases the lesson does not show


# -- a public helper the grader applies to the student's chart inside the sandbox ----------------------------------
def chart_texts(ax) -> list[str]:
    """Every text of a chart a reader sees: title, axis labels, tick labels of both axes, texts and legend entries.
    (The grader reads them as plain text; the tick labels of the y-axis and the legend are not in a plain Axes.)"""
    if not (hasattr(ax, "get_title") and hasattr(ax, "get_yticklabels")):
        raise TypeError(f"expected a matplotlib Axes, not a {type(ax).__name__}")
    texts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    texts += [t.get_text() for t in list(ax.get_yticklabels()) + list(ax.get_xticklabels()) + list(ax.texts)]
    legend = ax.get_legend()
    if legend is not None:
        texts += [t.get_text() for t in legend.get_texts()]
    return [str(t) for t in texts]
