"""Visible checks of lesson 04 "Comparing casualty figures". They test the form of an answer, not the answer.

There is deliberately no figure parser here: writing one is the students' exercise (2.1). The checks below only call
the student's function and look at the shape of what it returns.
"""

from __future__ import annotations

from ..check import Exercise

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


EXERCISES = {
    "1.1": Exercise("figures", "Keep only the candidates that count people killed or injured (or say how many are "
                    "unknown), and label each 'killed', 'injured' or 'casualties'. Read each context: a number of "
                    "aircraft, strikes, vehicles or soldiers sent is not a casualty figure.", [
        ("is a dict {candidate id: label}", lambda v: isinstance(v, dict)),
        ("uses the ids of the candidate table (q01, q02, …)", lambda v: set(v) <= _candidate_ids()),
        ("labels are 'killed', 'injured' or 'casualties'", lambda v: set(v.values()) <= LABELS),
        ("keeps some candidates and leaves others out (not every number counts people hurt)",
         lambda v: 0 < len(v) < 33),
    ]),
    "2.1": Exercise("parse_figure", "Work through the convention table row by row: find the number (digits or "
                    "words) first, then look at the words in front of it. A phrase with no number gives (None, None).", [
        ("is a function", callable),
        ("returns a tuple (low, high) for a plain number", lambda f: _pair(f("80"))),
        ("returns whole numbers or None for every phrase it is tried on", lambda f: all(_pair(f(p)) for p in _TRY)),
        ("low is never above high", lambda f: all(_ordered(f(p)) for p in _TRY)),
        ("ignores upper/lower case and surrounding spaces",
         lambda f: f("  SOME 80 ") == f("some 80") and f("Up To 100") == f("up to 100")),
    ]),
    "3.1": Exercise("roots", "Follow each chain back: who told whom? The outlet that prints a figure, and the person "
                    "it quotes, may only be passing on someone else's count.", [
        ("is a dict {item: label}", lambda v: isinstance(v, dict)),
        ("labels every item (A to I)", lambda v: set(v) == set("ABCDEFGHI")),
        ("uses more than one label (the figures do not all come from one place)", lambda v: len(set(v.values())) > 1),
    ]),
    "3.2": Exercise("judgements", "Ask of each sentence: can a reader tell where the figure comes from and how firm "
                    "it is? Compare what the same person is quoted as saying elsewhere in the document, and when.", [
        ("is a dict {item: label}", lambda v: isinstance(v, dict)),
        ("labels every item (1 to 8)", lambda v: set(v) == {str(n) for n in range(1, 9)}),
        ("uses both labels (careful reporting exists too)", lambda v: len(set(v.values())) == 2),
    ]),
    "4.1": Exercise("deir_figures", "Start from your candidates in document 003 that you kept in `figures`, add "
                    "the reader's figure, parse each phrase with parse_figure, and number the rows in reading order.", [
        ("is a pandas DataFrame", _frame),
        ("has the columns order, source, label, low, high",
         lambda v: {"order", "source", "label", "low", "high"} <= set(v.columns)),
        ("has rows", lambda v: len(v) > 0),
        ("labels are 'killed', 'injured' or 'casualties'", lambda v: set(v["label"]) <= LABELS),
        ("order numbers are distinct", lambda v: v["order"].is_unique),
        ("low is never above high", _intervals_ordered),
        ("every row names its source", lambda v: all(isinstance(s, str) and s.strip() for s in v["source"])),
    ]),
    "4.2": Exercise("ax", "Draw one horizontal interval per row (ax.hlines or ax.plot), a marker where low equals "
                    "high, and show open ends; keep the Axes in ax, with a title and an x-axis label.", [
        ("is a matplotlib Axes", lambda v: hasattr(v, "get_title") and hasattr(v, "get_xlabel")),
        ("has a title", lambda v: bool(v.get_title().strip())),
        ("has an x-axis label", lambda v: bool(v.get_xlabel().strip())),
        ("draws something", _draws),
    ]),
    "5.1": Exercise("reasons", "Tick each statement that the outside figures support; leave the ones that would "
                    "make any disagreement look like a lie.", [
        ("is a list of ticked options", lambda v: isinstance(v, list) and len(v) > 0),
    ]),
}
