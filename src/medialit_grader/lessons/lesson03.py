"""Lesson 03 "Spotting unverifiable footage": its graded exercises (see medialit_grader/exercises.py for the fields).

The geography exercises (3.3–3.7) are scored against independent reference formulas: the spherical law of cosines
for distance and 3-D unit vectors for bearing and destination, so that a student's haversine / arctan2 formulas are
compared with different mathematics. The reference code is here once and used by every key and rule; the inputs the
student's functions are called on (random points, the places table) come from public builders in
``medialit.checks.lesson03``, which the keys call too.
"""

from __future__ import annotations

import math

from ..exercises import Build, Call, Exercise, Name, Several, Value, Widget, Written, Wrong, require

LESSON = "03-footage"
CHECKS = "medialit.checks.lesson03"
R_KM = 6371.0


# -- reference geodesy (one copy; the old hidden tests pasted it into five cells) -----------------------------------
def _np():
    import numpy

    return numpy


def _vec(lat, lon):
    np = _np()
    a, o = np.radians(np.asarray(lat, float)), np.radians(np.asarray(lon, float))
    return np.stack(np.broadcast_arrays(np.cos(a) * np.cos(o), np.cos(a) * np.sin(o), np.sin(a)), axis=-1)


def _frame(lat, lon):
    """Unit vectors up, east, north at a point."""
    np = _np()
    up = _vec(lat, lon)
    o = np.radians(np.asarray(lon, float))
    east = np.stack(np.broadcast_arrays(-np.sin(o), np.cos(o), 0 * o), axis=-1)
    return up, east, np.cross(up, east)


def ref_distance(a1, o1, a2, o2):
    """Great-circle distance in km by the spherical law of cosines."""
    np = _np()
    a1, o1, a2, o2 = (np.radians(np.asarray(x, float)) for x in (a1, o1, a2, o2))
    c = np.sin(a1) * np.sin(a2) + np.cos(a1) * np.cos(a2) * np.cos(o2 - o1)
    return R_KM * np.arccos(np.clip(c, -1.0, 1.0))


def ref_bearing(a1, o1, a2, o2):
    """Initial bearing in [0, 360): the target's components along the local east and north."""
    np = _np()
    up, east, north = _frame(a1, o1)
    q = _vec(a2, o2)
    return np.degrees(np.arctan2((q * east).sum(-1), (q * north).sum(-1))) % 360


def ref_destination(lat, lon, bearing, km):
    """Turn the start vector towards the heading by the central angle; (lat2, lon2) in degrees."""
    np = _np()
    up, east, north = _frame(lat, lon)
    b = np.radians(np.asarray(bearing, float))[..., None]
    d = (np.asarray(km, float) / R_KM)[..., None]
    v = np.cos(d) * up + np.sin(d) * (np.cos(b) * north + np.sin(b) * east)
    return np.degrees(np.arcsin(np.clip(v[..., 2], -1, 1))), np.degrees(np.arctan2(v[..., 1], v[..., 0]))


def _angle_off(a, b):
    """How far apart two angles in degrees are, in [0, 180] (elementwise)."""
    return _np().abs((_np().asarray(a, float) - b + 180) % 360 - 180)


def _build(name: str):
    return Build(f"{CHECKS}:{name}").make()


def _places():
    import medialit as ml

    return ml.load_places().set_index("place")


def _place(name: str) -> tuple[float, float]:
    where = _places()
    return float(where.loc[name, "lat"]), float(where.loc[name, "lon"])


PALMYRA = "Palmyra (Tadmur)"


# -- reading what came back from a Call ------------------------------------------------------------------------------
def _result(case, what: str):
    """The numbers one call returned, as a float array; Wrong if the call failed or did not return numbers."""
    require(isinstance(case, dict), f"{what}: no result")
    require("ok" in case, f"{what} raised an error: {str(case.get('error', ''))[:200]}")
    try:
        return _np().asarray(case["ok"], dtype=float)
    except (TypeError, ValueError):
        raise Wrong(f"{what} did not return numbers") from None


def _called(answer, n: int, name: str, what: str = "a function") -> list:
    """The n case results of a Call; Wrong if the answer is not a function (or Axes) yet."""
    require(isinstance(answer, list) and len(answer) == n and all(isinstance(c, dict) for c in answer),
            f"{name} could not be {'called' if what == 'a function' else 'read'}")
    error = str(answer[0].get("error", ""))
    require(not error.startswith(("NotAFunction", "NotAnAxes")), f"{name} is not {what} yet")
    return answer


def _scalar(case, what: str) -> float:
    value = _result(case, what)
    require(value.size == 1, f"{what} should return one number for four numbers")
    return float(value.reshape(-1)[0])


# -- 3.1 footage spans -------------------------------------------------------------------------------------------
def _footage_key():
    import medialit as ml

    return sorted([r.doc, int(r.start), int(r.end)] for r in ml.load_annotations("footage").itertuples())


def _footage_rule(answer, key):
    from medialit.metrics import span_matches

    require(isinstance(answer, list), "expected a list of (doc, start, end) tuples")
    predicted = set()
    for span in answer:
        require(isinstance(span, list) and len(span) == 3, "every span must be a (doc, start, end) tuple")
        try:
            predicted.add((str(span[0]), int(span[1]), int(span[2])))
        except (TypeError, ValueError):
            raise Wrong("every span must be (doc, start, end) with whole-number offsets") from None
    require(all(e - s <= 60 for _, s, e in predicted), "spans must be short phrases (at most 60 characters)")
    scores = span_matches(predicted, {tuple(g) for g in key})
    require(scores.precision >= 0.9 and scores.recall >= 0.9,
            f"precision {scores.precision:.2f}, recall {scores.recall:.2f} (0.9 needed for both; "
            f"{scores.false_positives} span(s) are not references to visual items, {scores.false_negatives} "
            "reference(s) are missed)")


# -- 3.2 the five checklists -----------------------------------------------------------------------------------------
PILLARS_KEY = {
    "stated": [["B", "provenance"], ["B", "location"], ["B", "motivation"], ["D", "provenance"],
               ["D", "motivation"], ["E", "provenance"]],
    # not graded either way (see the teacher notes)
    "debatable": [["C", "location"], ["D", "source"], ["E", "source"]],
}


def _pillars_rule(answer, key):
    from medialit.metrics import precision_recall

    require(isinstance(answer, dict), "answer the five checklists with the widgets")
    given = set()
    for item in "ABCDE":
        ticked = answer.get(f"3.2{item}") or []
        require(isinstance(ticked, list) and all(isinstance(p, str) for p in ticked),
                f"the answer to item {item} is not a list of pillars")
        given |= {(item, p) for p in ticked}
    given -= {tuple(pair) for pair in key["debatable"]}
    scores = precision_recall(given, {tuple(pair) for pair in key["stated"]})
    require(scores.precision >= 0.7 and scores.recall >= 0.65,
            f"precision {scores.precision:.2f}, recall {scores.recall:.2f} over the ticked item-pillar pairs "
            "(0.70 and 0.65 needed)")


# -- 3.3 distance_km -------------------------------------------------------------------------------------------
# (function, its arguments) for the public helper `as_numbers`; literal arguments are tuples (an Exercise is hashed)
DISTANCE_CASES = (
    (Name("distance_km"), Build(f"{CHECKS}:random_pairs_303")),
    (Name("distance_km"), (0.0, 0.0, 90.0, 0.0)),    # a quarter of a great circle
    (Name("distance_km"), (0.0, 0.0, 0.0, 180.0)),   # half of one
    (Name("distance_km"), Build(f"{CHECKS}:places_grid")),
)


def _distance_key():
    return {"random": ref_distance(*_build("random_pairs_303")).tolist(),
            "quarter": math.pi * R_KM / 2, "half": math.pi * R_KM,
            "table": ref_distance(*_build("places_grid")).tolist()}


def _distance_rule(answer, key):
    np = _np()
    random, quarter, half, table = _called(answer, len(DISTANCE_CASES), "distance_km")
    got = _result(random, "distance_km on arrays of 40 random pairs")
    require(got.shape == (40,), "distance_km on arrays of 40 pairs should return 40 distances")
    require(bool(np.allclose(got, key["random"], atol=1e-3)),
            "on 40 random pairs of points, the distances differ from an independent formula")
    require(abs(_scalar(quarter, "distance_km") - key["quarter"]) < 1e-6,
            "the distance from the equator to the pole (a quarter of a great circle) is not right")
    require(abs(_scalar(half, "distance_km") - key["half"]) < 1e-6,
            "the distance between two opposite points of the equator (half a great circle) is not right")
    grid = _result(table, "distance_km on the places table (broadcasting)")
    expected = np.asarray(key["table"], float)
    require(grid.shape == expected.shape, "broadcasting: a column of places against a row of places should give a "
                                          "table of every pair")
    require(bool(np.allclose(grid, expected, atol=1e-3)),
            "the table of distances between the places differs from an independent formula")


# -- 3.4 bearing_deg -------------------------------------------------------------------------------------------
COMPASS = [((0, 0, 1, 0), 0.0), ((0, 0, 0, 1), 90.0), ((0, 0, -1, 0), 180.0), ((0, 0, 0, -1), 270.0),
           ((60, 0, 60, 180), 0.0), ((-60, 0, -60, 180), 180.0)]  # hand-checked: four compass points, over the pole
BEARING_CASES = (
    *((Name("bearing_deg"), tuple(float(x) for x in points)) for points, _ in COMPASS),
    (Name("bearing_deg"), Build(f"{CHECKS}:random_pairs_304")),
    (Name("bearing_deg"), Build(f"{CHECKS}:places_grid")),
)


def _bearing_key():
    return {"compass": [want for _, want in COMPASS],
            "random": ref_bearing(*_build("random_pairs_304")).tolist(),
            "table": ref_bearing(*_build("places_grid")).tolist()}


def _bearing_rule(answer, key):
    np = _np()
    n = len(key["compass"])
    answer = _called(answer, len(BEARING_CASES), "bearing_deg")
    for (points, _), case, want in zip(COMPASS, answer, key["compass"]):
        start, end = f"({points[0]}, {points[1]})", f"({points[2]}, {points[3]})"
        b = _scalar(case, "bearing_deg")
        require(0 <= b < 360, f"the bearing from {start} to {end} is not in [0, 360)")
        require(_angle_off(b, want) < 1e-6, f"the bearing from {start} to {end} is not right")
    got = _result(answer[n], "bearing_deg on arrays of 40 random pairs")
    require(got.shape == (40,), "bearing_deg on arrays of 40 pairs should return 40 bearings")
    require(bool(np.all((0 <= got) & (got < 360))), "on 40 random pairs, some bearings are not in [0, 360)")
    require(bool(np.all(_angle_off(got, np.asarray(key["random"])) < 1e-6)),
            "on 40 random pairs of points, the bearings differ from an independent formula")
    expected = np.asarray(key["table"], float)
    grid = _result(answer[n + 1], "bearing_deg on the places table (broadcasting)")
    try:
        grid = np.broadcast_to(grid, expected.shape)
    except ValueError:
        raise Wrong("broadcasting: a column of places against a row of places should give a table of every "
                    "pair") from None
    off_diagonal = ~np.eye(len(expected), dtype=bool)
    require(bool(np.all(_angle_off(grid, expected)[off_diagonal] < 1e-6)),
            "the table of bearings between the places differs from an independent formula")


# -- 3.5 destination and west_point ----------------------------------------------------------------------------
def _destination_key():
    a, o, b, k = _build("random_moves_305")
    lat, lon = ref_destination(a, o, b, k)
    west = ref_destination(*_place(PALMYRA), 270.0, 90.0)
    return {"west": [float(west[0]), float(west[1])],
            "start": [a.tolist(), o.tolist()], "bearing": b.tolist(), "km": k.tolist(),
            "end": [lat.tolist(), lon.tolist()]}


def _destination_rule(answer, key):
    np = _np()
    require(isinstance(answer, dict), "destination and west_point are both needed")
    west = answer.get("west")
    require(isinstance(west, list) and len(west) >= 2, "west_point should be a tuple (lat, lon)")
    try:
        lat_w, lon_w = float(west[0]), float(west[1])
    except (TypeError, ValueError):
        raise Wrong("west_point should be a tuple (lat, lon) of numbers") from None
    require(abs(lat_w - key["west"][0]) < 0.005 and abs(lon_w - key["west"][1]) < 0.005,
            "west_point is not the point 90 km due west of Palmyra")
    (case,) = _called(answer.get("dest"), 1, "destination")
    require("ok" in case,
            f"destination on arrays of 30 random moves raised an error: {str(case.get('error', ''))[:200]}")
    require(isinstance(case["ok"], list) and len(case["ok"]) == 2, "destination should return (lat2, lon2)")
    try:
        lat, lon = (np.asarray(x, dtype=float) for x in case["ok"])
    except (TypeError, ValueError):
        raise Wrong("destination did not return numbers") from None
    require(lat.shape == (30,) and lon.shape == (30,),
            "destination on arrays of 30 starts should return 30 latitudes and 30 longitudes")
    a, o = (np.asarray(x, float) for x in key["start"])
    b, k = np.asarray(key["bearing"], float), np.asarray(key["km"], float)
    # round trip with independent formulas: the right distance, and the right initial bearing
    require(bool(np.allclose(ref_distance(a, o, lat, lon), k, atol=1e-3)),
            "on 30 random moves, the distances travelled differ from the distances asked for")
    require(bool(np.all(_angle_off(ref_bearing(a, o, lat, lon), b) < 1e-5)),
            "on 30 random moves, the headings differ from the bearings asked for")
    lat_e, lon_e = (np.asarray(x, float) for x in key["end"])
    require(bool(np.allclose(lat, lat_e, atol=1e-6)) and
            bool(np.allclose(((lon - lon_e + 180) % 360) - 180, 0, atol=1e-6)),
            "on 30 random moves, the points reached differ from an independent formula")


# -- 3.6 verdict -----------------------------------------------------------------------------------------------
def _verdict_key():
    import medialit as ml

    palmyra = _place(PALMYRA)
    border = ml.border_points("Syria", "Iraq")
    b_lat, b_lon = border["lat"].to_numpy(), border["lon"].to_numpy()

    def nearest(point):
        return float(ref_distance(point[0], point[1], b_lat, b_lon).min())

    return {
        "west_to_border_km": nearest(ref_destination(*palmyra, 270.0, 90.0)),
        "east_to_border_km": nearest(ref_destination(*palmyra, 90.0, 90.0)),
        "palmyra_to_border_km": nearest(palmyra),
        "border_bearing": float(ref_bearing(*_place("Syria-Iraq-Jordan tripoint"), *_place("Abu Kamal (Al-Bukamal)"))),
        "deir_bearing": float(ref_bearing(*palmyra, *_place("Deir ez-Zor (city)"))),
        "tanf_bearing": float(ref_bearing(*palmyra, *_place("al-Tanf garrison"))),
    }


def _verdict_rule(answer, key):
    require(isinstance(answer, dict), "expected a dict of the six numbers")
    missing = [k for k in key if k not in answer]
    require(not missing, f"verdict lacks {', '.join(missing)}")
    wrong = []
    for name, want in key.items():
        tolerance = 2.0 if name.endswith("_km") else 0.5
        try:
            right = abs(float(answer[name]) - want) < tolerance
        except (TypeError, ValueError):
            right = False
        if not right:
            wrong.append(name)
    require(not wrong, f"{len(wrong)} of {len(key)} values are not right: {', '.join(wrong)}")


# -- 3.7 the map -------------------------------------------------------------------------------------------------
def _map_key():
    palmyra = _place(PALMYRA)
    points = {}
    for label, bearing in (("west", 270.0), ("east", 90.0)):
        lat, lon = ref_destination(*palmyra, bearing, 90.0)
        points[label] = [float(lat), float(lon)]
    return points


def _map_rule(answer, key):
    np = _np()
    (case,) = _called(answer, 1, "ax", "a matplotlib Axes")
    require("ok" in case,
            f"the map could not be read: {str(case.get('error', ''))[:200]}")
    marks = case["ok"]
    require(isinstance(marks, dict), "the map could not be read")
    try:
        xy = np.asarray(marks.get("points") or [], dtype=float).reshape(-1, 2)
        labels = [np.asarray(p, dtype=float).reshape(2) for p in marks.get("labels") or []]
    except (TypeError, ValueError):
        raise Wrong("the map's points and labels could not be read") from None
    for side in ("west", "east"):
        lat, lon = key[side]
        require(len(xy) > 0 and np.hypot(xy[:, 0] - lon, xy[:, 1] - lat).min() < 0.03,
                f"no point drawn at the point 90 km {side} of Palmyra")
        require(any(np.hypot(p[0] - lon, p[1] - lat) < 0.5 for p in labels),
                f"no text label near the point 90 km {side} of Palmyra")
    require(bool(str(marks.get("title") or "").strip()), "the map needs a title")


# -- 3.8 statements --------------------------------------------------------------------------------------------
TRUE_STATEMENTS = [
    "The point 90 km due west of Palmyra is farther from the Syrian-Iraqi border than Palmyra itself is.",
    "An advance along the border's southern stretch would head north-east or south-west, never north-west.",
    "Pampi Ta's objection holds: going north-west from 90 km west of Palmyra leads away from the Iraqi border.",
    "Al-Masdar's '90km east of Palmyra' puts the group about half as far from the border as SouthFront's '90km "
    "west'.",
    "The anonymous reader who starts the force at al-Tanf is roughly right that al-Tanf lies south of Palmyra.",
]


def _statements_rule(answer, key):
    from medialit.metrics import precision_recall

    ticked = answer.get("3.8") if isinstance(answer, dict) else None
    ticked = ticked or []
    require(isinstance(ticked, list) and all(isinstance(s, str) for s in ticked),
            "tick the statements with the widget")
    scores = precision_recall(set(ticked), set(key))
    require(scores.precision >= 0.8 and scores.recall >= 0.8,
            f"precision {scores.precision:.2f}, recall {scores.recall:.2f} over the statements (0.8 needed for both)")


EXERCISES = [
    Exercise("3.1", LESSON, "test_footage_spans", 2, Value("footage_spans"), name="footage_spans",
             hint="Start from ml.find_spans(...) with the words for pictures, video, maps and leaflets; then read "
                  "each hit in context and drop those that are not a reference to a visual item. Some references "
                  "use none of those words: look for someone who 'saw' something on a channel, or speaks of "
                  "recordings.",
             key=_footage_key, key_source="datasets/annotations/footage.jsonl (overlap match)", rule=_footage_rule),
    Exercise("3.2", LESSON, "test_pillars", 3, Widget("3.2A", "3.2B", "3.2C", "3.2D", "3.2E"),
             name="the five checklists",
             hint="For each item, tick a pillar only when the text itself gives an answer you could go and check "
                  "(a name, a place, a time, a stated purpose). A hedge such as 'unable to verify when' is not an "
                  "answer. Releasing an item and making it are different questions.",
             key=lambda: PILLARS_KEY,
             key_source="the lesson's reading of items A–E (teacher notes; three debatable pairs are ungraded)",
             rule=_pillars_rule, judgement=True),
    Exercise("3.3", LESSON, "test_distance_km", 2, Call(f"{CHECKS}:as_numbers", DISTANCE_CASES, public=True),
             name="distance_km",
             hint="Convert degrees to radians with np.radians, use np.sin, np.cos, np.arcsin and np.sqrt (not the "
                  "math module, which refuses arrays), and multiply the central angle by R_EARTH_KM.",
             key=_distance_key,
             key_source="spherical law of cosines on random points and datasets/reference/places.csv",
             rule=_distance_rule),
    Exercise("3.4", LESSON, "test_bearing_deg", 2, Call(f"{CHECKS}:as_numbers", BEARING_CASES, public=True),
             name="bearing_deg",
             hint="Use np.arctan2(y, x) with the formula's y (east) and x (north) parts, convert the result to "
                  "degrees with np.degrees, and bring it into [0, 360) with % 360.",
             key=_bearing_key,
             key_source="hand-checked compass bearings; 3-D vector bearings on random points and places.csv",
             rule=_bearing_rule),
    Exercise("3.5", LESSON, "test_destination", 2,
             Several(dest=Call(f"{CHECKS}:as_pair", ((Name("destination"), Build(f"{CHECKS}:random_moves_305")),),
                               public=True),
                     west=Value("west_point")),
             name="destination and west_point",
             hint="destination(lat, lon, bearing, km) returns a pair (lat2, lon2) in degrees; work in radians inside "
                  "and convert back with np.degrees. For west_point, 'due west' is a bearing of 270 degrees.",
             key=_destination_key,
             key_source="3-D vector destination from Palmyra (places.csv); random moves checked by law-of-cosines "
                        "distance and vector bearing",
             rule=_destination_rule, further=True),
    Exercise("3.6", LESSON, "test_verdict", 2, Value("verdict"), name="verdict",
             hint="Each value is one call of your functions (or a min over an array of border points). Use the "
                  "places.csv rows by name: ml.load_places().set_index('place').loc[...].",
             key=_verdict_key,
             key_source="reference formulas on datasets/reference/places.csv and the Syria–Iraq border "
                        "(ml.border_points)",
             rule=_verdict_rule),
    Exercise("3.7", LESSON, "test_map", 1, Call(f"{CHECKS}:map_marks", ((Name("ax"),),), public=True), name="ax",
             hint="Start with ax = ml.draw_map(...), then ax.plot([lon], [lat], ...) — longitude first, it is the x "
                  "axis — and ax.annotate('text', (lon, lat)) for each label; set a title.",
             key=_map_key, key_source="3-D vector destination 90 km west and east of Palmyra (places.csv)",
             rule=_map_rule, further=True),
    Exercise("3.8", LESSON, "test_statements", 2, Widget("3.8"), name="statements",
             hint="Check each statement against your numbers from 3.6 (and distance_km for any two places); some are "
                  "true and some are false.",
             key=lambda: TRUE_STATEMENTS, key_source="the lesson's true statements (from the 3.6 numbers and the map)",
             rule=_statements_rule, judgement=True),
    Exercise("3.9", LESSON, "note", 3, Written(), name="verification note"),
]
