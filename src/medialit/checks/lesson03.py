"""Visible checks of lesson 03 "Spotting unverifiable footage". They test the form of an answer, not the answer:
types, shapes, ranges and properties any correct answer has (a point is 0 km from itself; a bearing lies in
[0, 360)); they never hold the expected spans, pillars, coordinates or numbers. The core track's widget
answers (3.10-3.13) are checked for form only: marks that are phrases, a point on the map, one option."""

from __future__ import annotations

import math
import numbers

PILLARS = ("provenance", "source", "date", "location", "motivation")
ITEMS = ("A", "B", "C", "D", "E")
VERDICT_KEYS = ("west_to_border_km", "east_to_border_km", "palmyra_to_border_km", "border_bearing",
                "deir_bearing", "tanf_bearing")


def _np():
    import numpy

    return numpy


def _spans(value) -> bool:
    return isinstance(value, list) and all(
        isinstance(s, tuple) and len(s) == 3 and isinstance(s[0], str)
        and all(isinstance(x, numbers.Integral) for x in s[1:]) for s in value)


def _spans_inside_documents(value) -> bool:
    from ..corpus import raw_text

    return all(0 <= s[1] < s[2] <= len(raw_text(s[0])) for s in value)


def _number(x) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and math.isfinite(float(x))


def _scalar(f, *args) -> float:
    """Call f on scalars and return a float (a 0-d or 1-element array counts as a number)."""
    out = _np().asarray(f(*args), dtype=float)
    assert out.size == 1
    return float(out.reshape(()))


# two arbitrary test points (not places from the lesson)
_P, _Q = (10.0, 20.0), (-5.0, 47.0)


def _array_shape_kept(f, n_args=4) -> bool:
    np = _np()
    lat1, lon1 = np.array([0.0, 10.0, -20.0]), np.array([0.0, 20.0, 30.0])
    if n_args == 4:
        out = np.asarray(f(lat1, lon1, 5.0, 5.0))
        out2 = np.asarray(f(lat1.reshape(3, 1), lon1.reshape(3, 1), lat1.reshape(1, 3), lon1.reshape(1, 3)))
        return out.shape == (3,) and out2.shape == (3, 3) and bool(np.all(np.isfinite(out2)))
    lat2, lon2 = f(lat1, lon1, np.array([0.0, 90.0, 180.0]), 100.0)
    return np.asarray(lat2).shape == (3,) and np.asarray(lon2).shape == (3,)


def _pair(value) -> bool:
    return (isinstance(value, tuple) and len(value) == 2 and all(_number(float(x)) for x in value))


def _near_palmyra(value) -> bool:
    from ..reference import load_places

    row = load_places().set_index("place").loc["Palmyra (Tadmur)"]
    return abs(float(value[0]) - row["lat"]) < 1.5 and abs(float(value[1]) - row["lon"]) < 1.5


def _point(value) -> bool:
    return (isinstance(value, list) and len(value) == 2 and all(_number(x) for x in value)
            and -90 <= value[0] <= 90 and -180 <= value[1] <= 180)


def _axes(value) -> bool:
    return hasattr(value, "get_title") and hasattr(value, "texts")


# The form checks of each exercise, by its id; name and hint come from the exercise's declaration
# (medialit_grader/lessons/lesson03.py).
CHECKS = {
    "3.1": [
        ("is a list of (doc, start, end) tuples", _spans),
        ("lists at least one span", lambda v: len(v) > 0),
        ("every span lies inside its document", _spans_inside_documents),
        ("each span is a phrase (at most 60 characters), not a paragraph", lambda v: all(s[2] - s[1] <= 60 for s in v)),
        ("lists each span once", lambda v: len(set(v)) == len(v)),
    ],
    "3.2": [
        ("is a dict {item: list of pillars}", lambda v: isinstance(v, dict) and all(isinstance(x, list)
                                                                                     for x in v.values())),
        ("covers items A to E", lambda v: set(v) == set(ITEMS)),
        ("uses only the five pillar names", lambda v: all(p in PILLARS for x in v.values() for p in x)),
        ("ticks something somewhere (you have answered at least one checklist)",
         lambda v: any(v.values())),
    ],
    "3.3": [
        ("is a function", callable),
        ("returns a number for four numbers", lambda f: _number(_scalar(f, *_P, *_Q))),
        ("a point is 0 km from itself", lambda f: abs(_scalar(f, *_P, *_P)) < 1e-6),
        ("is symmetric: A to B equals B to A", lambda f: abs(_scalar(f, *_P, *_Q) - _scalar(f, *_Q, *_P)) < 1e-6),
        ("gives kilometres: one degree of latitude is between 105 and 115 km",
         lambda f: 105 < _scalar(f, 0.0, 0.0, 1.0, 0.0) < 115),
        ("works on numpy arrays, element by element and with broadcasting", _array_shape_kept),
    ],
    "3.4": [
        ("is a function", callable),
        ("returns a number for four numbers", lambda f: _number(_scalar(f, *_P, *_Q))),
        ("gives degrees in [0, 360)", lambda f: all(0 <= _scalar(f, *a, *b) < 360 for a, b in
                                                    [(_P, _Q), (_Q, _P), ((0, 0), (0, -1)), ((0, 0), (-1, -1))])),
        ("works on numpy arrays, element by element and with broadcasting", _array_shape_kept),
    ],
    "3.5": [
        ("destination is a function", lambda v: callable(v[0])),
        ("destination returns (lat2, lon2)", lambda v: len(v[0](0.0, 0.0, 45.0, 100.0)) == 2),
        ("going 0 km leaves you where you are",
         lambda v: max(abs(float(_np().asarray(a).reshape(())) - b) for a, b in
                       zip(v[0](*_P, 123.0, 0.0), _P)) < 1e-9),
        ("destination works on numpy arrays", lambda v: _array_shape_kept(v[0], n_args=2)),
        ("west_point is a tuple (lat, lon) of numbers", lambda v: _pair(v[1])),
        ("west_point is (lat, lon), not (lon, lat), and near Palmyra", lambda v: _near_palmyra(v[1])),
    ],
    "3.6": [
        ("is a dict", lambda v: isinstance(v, dict)),
        ("has exactly the six keys asked for", lambda v: set(v) == set(VERDICT_KEYS)),
        ("every value is a number", lambda v: all(_number(float(x)) for x in v.values())),
        ("distances are in km and positive", lambda v: all(0 < float(v[k]) < 2000 for k in VERDICT_KEYS[:3])),
        ("bearings are degrees in [0, 360)", lambda v: all(0 <= float(v[k]) < 360 for k in VERDICT_KEYS[3:])),
    ],
    "3.7": [
        ("is a matplotlib Axes", _axes),
        ("has a title", lambda v: bool(v.get_title().strip())),
        ("has text labels on the map", lambda v: len(v.texts) >= 3),
    ],
    "3.8": [
        ("is a list of statements (tick with the widget)", lambda v: isinstance(v, list) and len(v) > 0),
    ],
    # the core track (03-footage-core): widget answers
    "3.10": [
        ("is a list of marked phrases (press words in the widget)",
         lambda v: isinstance(v, list) and all(isinstance(s, dict) and {"item", "start", "end"} <= set(s) for s in v)),
        ("marks at least one phrase", lambda v: len(v) > 0),
        ("each mark is a phrase (at most 60 characters), not a sentence or a passage",
         lambda v: all(s["end"] - s["start"] <= 60 for s in v)),
    ],
    "3.11": [("is a point [latitude, longitude] placed on the map", _point)],
    "3.12": [("is one of the options (choose with the widget)", lambda v: isinstance(v, str) and bool(v.strip()))],
    "3.13": [("is a point [latitude, longitude] placed on the map", _point)],
}


# -- public helpers the grader uses in the sandbox (they hold inputs, never answers) -----------------------------------
# Inputs the grader hands to the student's functions. They are public: random test points and the places table;
# what the functions should return is computed on the grader's side.
def random_pairs_303():
    """40 random pairs of points (lat1, lon1, lat2, lon2) for distance_km."""
    rng = _np().random.default_rng(303)
    return (rng.uniform(-80, 80, 40), rng.uniform(-180, 180, 40), rng.uniform(-80, 80, 40),
            rng.uniform(-180, 180, 40))


def random_pairs_304():
    """40 random pairs of points (lat1, lon1, lat2, lon2) for bearing_deg."""
    rng = _np().random.default_rng(304)
    return (rng.uniform(-80, 80, 40), rng.uniform(-180, 180, 40), rng.uniform(-80, 80, 40),
            rng.uniform(-180, 180, 40))


def random_moves_305():
    """30 random starts, headings and distances (lat, lon, bearing, km) for destination."""
    rng = _np().random.default_rng(305)
    a, o = rng.uniform(-70, 70, 30), rng.uniform(-180, 180, 30)
    return a, o, rng.uniform(0, 360, 30), rng.uniform(1, 5000, 30)


def places_grid():
    """Every place of places.csv against every other, for broadcasting: (lat[:, None], lon[:, None], lat[None, :],
    lon[None, :])."""
    from ..reference import load_places

    places = load_places()
    lat, lon = places["lat"].to_numpy(), places["lon"].to_numpy()
    return lat[:, None], lon[:, None], lat[None, :], lon[None, :]


class NotAFunction(TypeError):
    """The student's answer is not (yet) a function."""


class NotAnAxes(TypeError):
    """The student's answer is not (yet) a matplotlib Axes."""


def _function(func):
    if not callable(func):
        raise NotAFunction(f"a {type(func).__name__} is not a function")
    return func


def as_numbers(func, args) -> object:
    """func(*args) as numpy sees it, np.asarray(result, float), in plain lists (a 0-d array becomes a float)."""
    func = _function(func)
    return _np().asarray(func(*args), dtype=float).tolist()


def as_pair(func, args) -> list:
    """func(*args) for a function returning (lat2, lon2): the two parts, each as np.asarray(part, float), in lists."""
    first, second = _function(func)(*args)
    return [_np().asarray(first, dtype=float).tolist(), _np().asarray(second, dtype=float).tolist()]


def map_marks(ax) -> dict:
    """What a map shows, in data coordinates: every drawn point (the vertices of lines and the offsets of
    collections), the anchor of each non-empty text label (an annotation's xy, else its position), and the title."""
    if not _axes(ax):
        raise NotAnAxes(f"a {type(ax).__name__} is not a matplotlib Axes")
    np = _np()
    xy = [np.column_stack([np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)])
          for line in ax.lines]
    xy += [np.asarray(c.get_offsets(), float).reshape(-1, 2) for c in ax.collections]
    labels = [np.asarray(getattr(t, "xy", t.get_position()), float).reshape(2)
              for t in ax.texts if t.get_text().strip()]
    points = np.concatenate([a for a in xy if a.size]) if any(a.size for a in xy) else np.zeros((0, 2))
    return {"title": str(ax.get_title()), "points": points.tolist(), "labels": [p.tolist() for p in labels]}
