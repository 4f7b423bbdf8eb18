"""How an answer leaves the grading sandbox: as plain data, never as an object.

When a lesson is graded with ``make autograde``, the grader replaces each test cell of the notebook it runs with one
call of :func:`emit`. ``emit`` looks up the student's answer in the notebook's namespace (a variable, a widget
answer, or the results of calling the student's function on inputs the grader chose), turns it into JSON values
(str, int, float, bool, None, lists and dicts of them) and shows it as one output of the custom type ``MIME``. The
grader reads that output and scores it in its own process, against answer keys that never enter the sandbox.

Nothing here holds an answer, and nothing here is trusted: a student's code can change this module in its own
kernel. That only changes what the student hands in, which is theirs to choose anyway; the score is computed
elsewhere.
"""

from __future__ import annotations

import importlib
import json
import math
from typing import Any

MIME = "application/vnd.medialit.answer+json"
MAX_ITEMS = 20_000      # list items / dict entries in one answer, all levels together
MAX_DEPTH = 12
MAX_TEXT = 200_000      # characters of one string


class NotPlain(ValueError):
    """A value that cannot be handed in as plain data."""


def to_plain(value: Any, _depth: int = 0, _budget: list | None = None) -> Any:
    """A JSON-ready copy of an answer: pandas Series and DataFrames, numpy scalars and arrays, tuples, sets and
    matplotlib Axes are converted; anything else that is not plain raises NotPlain."""
    budget = _budget if _budget is not None else [MAX_ITEMS]
    if _depth > MAX_DEPTH:
        raise NotPlain("the answer is nested too deeply")
    budget[0] -= 1
    if budget[0] < 0:
        raise NotPlain(f"the answer has more than {MAX_ITEMS} items")
    down = _depth + 1
    if value is Ellipsis:  # the `...` a student has not replaced yet
        return None
    if value is None or type(value) is bool:
        return value
    if type(value) is int:
        return value
    if type(value) is float:
        return value if math.isfinite(value) else None
    if type(value) is str:
        if len(value) > MAX_TEXT:
            raise NotPlain("a text in the answer is too long")
        return value
    module = type(value).__module__ or ""
    if module.startswith("numpy"):
        import numpy as np

        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return to_plain(float(value), _depth, budget)
        if isinstance(value, np.ndarray):  # a 0-d array becomes its number, others nested lists
            return to_plain(value.tolist(), _depth, budget)
        if isinstance(value, np.str_):
            return to_plain(str(value), _depth, budget)
    if module.startswith("pandas"):
        import pandas as pd

        if isinstance(value, pd.Series):
            return {"index": [to_plain(_scalar(k), down, budget) for k in value.index],
                    "values": [to_plain(_scalar(v), down, budget) for v in value.tolist()],
                    "name": to_plain(_scalar(value.name), down, budget)}
        if isinstance(value, pd.DataFrame):
            return {"columns": [to_plain(_scalar(c), down, budget) for c in value.columns],
                    "index": [to_plain(_scalar(k), down, budget) for k in value.index],
                    "data": [[to_plain(_scalar(v), down + 1, budget) for v in row]
                             for row in value.itertuples(index=False, name=None)]}
        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
    if isinstance(value, (list, tuple)) and type(value) in (list, tuple):
        return [to_plain(v, down, budget) for v in value]
    if type(value) in (set, frozenset):
        items = [to_plain(v, down, budget) for v in value]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True))
    if type(value) is dict:
        out = {}
        for k, v in value.items():
            key = to_plain(_scalar(k), down, budget)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = json.dumps(key)
            out[str(key) if not isinstance(key, str) else key] = to_plain(v, down, budget)
        return out
    if hasattr(value, "get_title") and hasattr(value, "patches") and hasattr(value, "lines"):
        return _axes(value, down, budget)
    raise NotPlain(f"a {type(value).__name__} cannot be handed in; expected numbers, text, lists, dicts or a "
                   "pandas table")


def _scalar(value):
    if hasattr(value, "item") and type(value).__module__.startswith("numpy"):
        return value.item()
    if type(value) is tuple:
        return list(value)
    return value


def _axes(ax, depth: int, budget: list) -> dict:
    """What a grader needs to know about a matplotlib Axes: its words, its bars, lines, points and texts."""
    from matplotlib.collections import LineCollection
    from matplotlib.patches import Rectangle

    def num(x):
        try:
            x = float(x)
        except (TypeError, ValueError):
            return None
        return x if math.isfinite(x) else None

    bars = [[num(p.get_x()), num(p.get_y()), num(p.get_width()), num(p.get_height())]
            for p in ax.patches if isinstance(p, Rectangle)]
    lines = [[[num(x), num(y)] for x, y in zip(line.get_xdata(), line.get_ydata())] for line in ax.lines]
    collections = []
    for c in ax.collections:
        segments = c.get_segments() if isinstance(c, LineCollection) else [c.get_offsets()]
        collections.append([[[num(p[0]), num(p[1])] for p in seg] for seg in segments])
    out = {"kind": "axes", "title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
           "bars": bars, "lines": lines, "collections": collections,
           "texts": [t.get_text() for t in ax.texts],
           "xticklabels": [t.get_text() for t in ax.get_xticklabels()]}
    return to_plain(out, depth, budget)


# -- resolving what the grader asks for ------------------------------------------------------------------------------
def _namespace() -> dict:
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is None:
        import __main__

        return vars(__main__)
    return shell.user_ns


def _resolve(arg, ns: dict):
    """An argument the grader chose: {"$name": x} is the student's variable x, {"$build": "module:attr"} a value a
    public builder of the kit makes (e.g. a slice of the corpus), {"$literal": v} or any other JSON value itself."""
    if isinstance(arg, dict) and len(arg) == 1:
        (key, what), = arg.items()
        if key == "$name":
            if what not in ns:
                raise NameError(f"{what} is not defined: run the cell that answers this exercise")
            return ns[what]
        if key == "$build":
            return _public(what)()
        if key == "$literal":
            return what
    if isinstance(arg, list):
        return [_resolve(a, ns) for a in arg]
    if isinstance(arg, dict):
        return {k: _resolve(v, ns) for k, v in arg.items()}
    return arg


def _public(dotted: str):
    module, _, attr = dotted.partition(":")
    if not module.startswith("medialit."):
        raise ValueError(f"{dotted}: only the kit's public helpers can be named")
    return getattr(importlib.import_module(module), attr)


def _widget(questions: list[str], ns: dict):
    lab = ns.get("lab")
    answers = {}
    for q in questions:
        value = lab.answer(q) if hasattr(lab, "answer") else None
        answers[q] = value
    return answers


def collect(spec: dict, ns: dict | None = None) -> dict:
    """The student's answer to one exercise as {"answer": plain} or {"error": "..."}; see module docs."""
    ns = _namespace() if ns is None else ns
    probe = spec.get("probe")
    try:
        if probe == "value":
            return {"answer": to_plain(_resolve({"$name": spec["name"]}, ns))}
        if probe == "widget":
            return {"answer": to_plain(_widget(spec["questions"], ns))}
        if probe == "call":
            target = spec["function"]
            func = _resolve(target, ns) if isinstance(target, dict) else _public(target)
            if not callable(func):
                raise TypeError(f"{target} is not a function")
            results = []
            for case in spec["cases"]:
                args = _resolve(case, ns)
                try:
                    results.append({"ok": to_plain(func(*args))})
                except Exception as error:  # noqa: BLE001 - one failing case is a wrong result, not a crash
                    results.append({"error": f"{type(error).__name__}: {str(error)[:200]}"})
            return {"answer": results}
        if probe == "several":
            parts = {key: collect(sub, ns) for key, sub in spec["parts"].items()}
            return {"answer": {key: got.get("answer") for key, got in parts.items()},
                    "errors": {key: got["error"] for key, got in parts.items() if "error" in got}}
        raise ValueError(f"unknown probe {probe!r}")
    except Exception as error:  # noqa: BLE001 - whatever happens, the grader gets a sentence
        return {"error": f"{type(error).__name__}: {str(error)[:300]}"}


def emit(exercise: str, spec: dict) -> None:
    """Show one exercise's answer as plain data (the grader reads it from this cell's output)."""
    payload = {"exercise": exercise, **collect(spec)}
    try:
        text = json.dumps(payload, allow_nan=False)
    except (TypeError, ValueError) as error:
        payload = {"exercise": exercise, "error": f"the answer could not be written as JSON ({error})"}
        text = json.dumps(payload)
    from IPython.display import display

    said = "answer handed in" if "answer" in payload else f"no answer: {payload['error']}"
    display({MIME: json.loads(text), "text/plain": f"Exercise {exercise}: {said}"}, raw=True)


# -- public helpers the grader applies to a student's value inside the sandbox --------------------------------------
def regex_spans(pattern) -> list[list] | None:
    """Every non-empty match of a student's regular expression in the raw documents: [[doc, start, end], ...]."""
    import re

    from .corpus import document_ids, raw_text

    if pattern is None or pattern is Ellipsis:
        return None  # not answered yet
    if not isinstance(pattern, str):
        raise TypeError(f"a regular expression is text (a str), not a {type(pattern).__name__}")
    regex = re.compile(pattern)
    return [[d, m.start(), m.end()] for d in document_ids() for m in regex.finditer(raw_text(d)) if m.end() > m.start()]
