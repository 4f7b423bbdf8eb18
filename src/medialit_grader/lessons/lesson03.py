"""Lesson 03 "Spotting unverifiable footage": its graded exercises (see medialit_grader/exercises.py for the fields).

Two tracks from one source (medialit_grader/tracks.py). The data track (03-footage) writes code: 3.1 footage spans,
3.3 distance_km, 3.4 bearing_deg, 3.6 verdict, and in Going further 3.5 destination and 3.7 the map. The core track
(03-footage-core) asks for none: 3.10 marks the footage references word by word, 3.11 and 3.13 place points on a map,
3.12 chooses the geography verdict; both tracks share 3.2 (pillars), 3.8 (statements) and 3.9 (the note).

The geography exercises (3.3–3.7) are scored against independent reference formulas: the spherical law of cosines
for distance and 3-D unit vectors for bearing and destination, so that a student's haversine / arctan2 formulas are
compared with different mathematics. The reference code is here once and used by every key and rule; the inputs the
student's functions are called on (random points, the places table) come from public builders in
``medialit.checks.lesson03``, which the keys call too.
"""

from __future__ import annotations

import math

from ..exercises import (CORE, DATA, Build, Call, Exercise, Name, Several, Value, Widget, Written, Wrong, is_disputed,
                         require, word_marks)

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



# -- the core track (03-footage-core): no code to write ----------------------------------------------------------
# 3.10 the footage inventory, word by word, in thirteen short passages: (document, start, end) in the raw text. The
# notebook's cell holds the same dict (tests/test_lesson03_keys.py checks they agree). Four passages name no visual
# item at all, and three hold a word that looks like one and is not ("map-making", "news report", "radar coverage").
PASSAGES = {
    "000-head": ("000", 0, 119), "001-body": ("001", 247, 434), "003-c08": ("003", 10113, 10361),
    "000-c29": ("000", 7929, 8025), "002-body1": ("002", 839, 1001), "001-foot": ("001", 1036, 1225),
    "004-c02": ("004", 4570, 4687), "000-lead": ("000", 121, 342), "002-body2": ("002", 1175, 1280),
    "000-c35": ("000", 8991, 9117), "000-c14": ("000", 4305, 4413), "003-notice": ("003", 5252, 5357),
    "003-c19": ("003", 15222, 15407),
}
SHORT = 60  # characters: a mark longer than a phrase (a sentence, a passage) points at no one item


def _passages_key():
    """The footage layer's references inside the passages, as [passage, start, end] in the passage's text; the
    disputed units (the datasheet's adjudication) apart: marking them neither counts nor costs."""
    import medialit as ml

    layer = ml.load_annotations("footage")
    gold, neutral = [], []
    for item, (doc, start, end) in PASSAGES.items():
        for r in layer[layer["doc"] == doc].itertuples():
            if start <= r.start and r.end <= end:
                span = [item, int(r.start) - start, int(r.end) - start]
                (neutral if is_disputed("footage", doc, int(r.start), int(r.end)) else gold).append(span)
    return {"gold": sorted(gold), "disputed": sorted(neutral)}


def _overlap(a, b) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def _footage_marks_rule(answer, key):
    marks = [mark[:3] for mark in word_marks(answer, "3.10", PASSAGES)]
    gold = [tuple(g) for g in key["gold"]]
    neutral = [tuple(d) for d in key["disputed"]]
    counted = [m for m in marks if any(_overlap(m, g) for g in gold) or not any(_overlap(m, d) for d in neutral)]
    short = [m for m in counted if m[2] - m[1] <= SHORT]
    hits = [m for m in short if any(_overlap(m, g) for g in gold)]
    found = [g for g in gold if any(_overlap(m, g) for m in short)]
    precision = len(hits) / len(counted) if counted else 0.0
    recall = len(found) / len(gold)
    if precision >= 0.8 and recall >= 0.8:
        return None
    require(precision >= 0.6 and recall >= 0.6,
            f"precision {precision:.2f}, recall {recall:.2f} over the marked phrases (0.80 for full marks, 0.60 "
            f"for half; {len(counted) - len(hits)} mark(s) point at no visual item or run longer than a phrase)")
    return 0.5


# 3.11 and 3.13: a point on a map, scored by its distance to the key (the map's centre is far from every key)
MAP_EXTENT = (34.0, 42.0, 32.0, 38.0)   # lon_min, lon_max, lat_min, lat_max: the notebook's two maps
FULL_KM, HALF_KM = 25.0, 40.0


def _west_place_key():
    """SouthFront's "about 90km west of Palmyra": 90 km on the great circle due west of Palmyra (places.csv)."""
    return [float(x) for x in ref_destination(*_place(PALMYRA), 270.0, 90.0)]


def _fitting_place_key():
    """Of the two versions of the SMART report ("90km west", SouthFront; "90km east", Al-Masdar), the point of the
    one that fits "along the Syrian-Iraqi border": the one nearer the border (ml.border_points)."""
    import medialit as ml

    border = ml.border_points("Syria", "Iraq")
    b_lat, b_lon = border["lat"].to_numpy(), border["lon"].to_numpy()
    points = [ref_destination(*_place(PALMYRA), bearing, 90.0) for bearing in (270.0, 90.0)]
    nearest = min(points, key=lambda p: float(ref_distance(p[0], p[1], b_lat, b_lon).min()))
    return [float(x) for x in nearest]


def _point_rule(question: str, what: str):
    def rule(answer, key):
        point = answer.get(question) if isinstance(answer, dict) else None
        require(isinstance(point, list) and len(point) == 2, "place the point with the map widget")
        lat, lon = (float(x) for x in point)
        require(math.isfinite(lat) and math.isfinite(lon), "place the point with the map widget")
        km = float(ref_distance(lat, lon, *key))
        if km <= FULL_KM:
            return None
        require(km <= HALF_KM, f"your point is more than {HALF_KM:g} km from {what}")
        return 0.5  # within 40 km: the right idea, placed roughly
    return rule


# 3.12 the geography verdict, chosen (the core track's twin of 3.6): which option the numbers support is computed
VERDICTS = {
    "cannot hold": "It cannot hold: 90 km west is farther from the Iraqi border than Palmyra, and the border runs "
                   "north-east.",
    "holds": "It holds: 90 km west lies close to the Iraqi border, and north-west along it leads on to Deir ez-Zor.",
    "roughly": "It is roughly right: the point is a little far from the border, but Deir ez-Zor does lie north-west.",
    "invented": "It shows that the report of US and UK forces entering Syria was invented, as its geography is "
                "wrong.",
    "unknowable": "Nothing can be settled: without the video, a report's geography cannot be checked from a desk.",
}


def _verdict_choice_key():
    """The option the reference numbers support (3.6's key): is the west point farther from the border than
    Palmyra, and does the border's southern stretch run north-west (or south-east)?"""
    n = _verdict_key()
    west, palmyra = (n[f"{point}_to_border_km"] for point in ("west", "palmyra"))
    farther = west > palmyra
    north_west = min(float(_angle_off(n["border_bearing"], 315.0)), float(_angle_off(n["border_bearing"], 135.0))) < 45
    if farther and not north_west:
        return VERDICTS["cannot hold"]
    return VERDICTS["holds"] if not farther and north_west else VERDICTS["roughly"]


def _choice_rule(question: str):
    def rule(answer, key):
        given = answer.get(question) if isinstance(answer, dict) else None
        require(isinstance(given, str) and given in VERDICTS.values(), "choose one option with the widget")
        require(given == key, "the numbers do not support this option")
    return rule


EXERCISES = [
    Exercise("3.1", LESSON, "test_footage_spans", 3, Value("footage_spans"), name="footage_spans",
             hint="Start from ml.find_spans(...) with the words for pictures, video, maps and leaflets; then read "
                  "each hit in context and drop those that are not a reference to a visual item. Some references "
                  "use none of those words: look for someone who 'saw' something on a channel, or speaks of "
                  "recordings.",
             key=_footage_key, key_source="datasets/annotations/footage.jsonl (overlap match)", rule=_footage_rule,
             judgement=True, tracks=DATA),  # the search is a tool; the grade is which phrases point at a visual item
    Exercise("3.2", LESSON, "test_pillars", 3, Widget("3.2A", "3.2B", "3.2C", "3.2D", "3.2E"),
             name="the five checklists",
             hint="For each item, tick a pillar only when the text itself gives an answer you could go and check "
                  "(a name, a place, a time, a stated purpose). A hedge such as 'unable to verify when' is not an "
                  "answer. Releasing an item and making it are different questions.",
             key=lambda: PILLARS_KEY,
             key_source="the lesson's reading of items A–E (teacher notes; three debatable pairs are ungraded)",
             rule=_pillars_rule, judgement=True),
    Exercise("3.3", LESSON, "test_distance_km", 1, Call(f"{CHECKS}:as_numbers", DISTANCE_CASES, public=True),
             name="distance_km",
             hint="Convert degrees to radians with np.radians, use np.sin, np.cos, np.arcsin and np.sqrt (not the "
                  "math module, which refuses arrays), and multiply the central angle by R_EARTH_KM.",
             key=_distance_key,
             key_source="spherical law of cosines on random points and datasets/reference/places.csv",
             rule=_distance_rule, tracks=DATA),
    Exercise("3.4", LESSON, "test_bearing_deg", 1, Call(f"{CHECKS}:as_numbers", BEARING_CASES, public=True),
             name="bearing_deg",
             hint="Use np.arctan2(y, x) with the formula's y (east) and x (north) parts, convert the result to "
                  "degrees with np.degrees, and bring it into [0, 360) with % 360.",
             key=_bearing_key,
             key_source="hand-checked compass bearings; 3-D vector bearings on random points and places.csv",
             rule=_bearing_rule, tracks=DATA),
    Exercise("3.5", LESSON, "test_destination", 1,
             Several(dest=Call(f"{CHECKS}:as_pair", ((Name("destination"), Build(f"{CHECKS}:random_moves_305")),),
                               public=True),
                     west=Value("west_point")),
             name="destination and west_point",
             hint="destination(lat, lon, bearing, km) returns a pair (lat2, lon2) in degrees; work in radians inside "
                  "and convert back with np.degrees. For west_point, 'due west' is a bearing of 270 degrees.",
             key=_destination_key,
             key_source="3-D vector destination from Palmyra (places.csv); random moves checked by law-of-cosines "
                        "distance and vector bearing",
             rule=_destination_rule, further=True, tracks=DATA),
    Exercise("3.6", LESSON, "test_verdict", 1, Value("verdict"), name="verdict",
             hint="Each value is one call of your functions (or a min over an array of border points). Use the "
                  "places.csv rows by name: ml.load_places().set_index('place').loc[...].",
             key=_verdict_key,
             key_source="reference formulas on datasets/reference/places.csv and the Syria–Iraq border "
                        "(ml.border_points)",
             rule=_verdict_rule, tracks=DATA),
    Exercise("3.7", LESSON, "test_map", 1, Call(f"{CHECKS}:map_marks", ((Name("ax"),),), public=True), name="ax",
             hint="Start with ax = ml.draw_map(...), then ax.plot([lon], [lat], ...) — longitude first, it is the x "
                  "axis — and ax.annotate('text', (lon, lat)) for each label; set a title.",
             key=_map_key, key_source="3-D vector destination 90 km west and east of Palmyra (places.csv)",
             rule=_map_rule, further=True, tracks=DATA),
    Exercise("3.8", LESSON, "test_statements", 2, Widget("3.8"), name="statements",
             hint="Check each statement against your numbers from 3.6 (and distance_km for any two places); some are "
                  "true and some are false.",
             key=lambda: TRUE_STATEMENTS, key_source="the lesson's true statements (from the 3.6 numbers and the map)",
             rule=_statements_rule, judgement=True),
    Exercise("3.9", LESSON, "note", 3, Written(), name="verification note"),
    # -- the core track: widgets only ---------------------------------------------------------------------------
    Exercise("3.10", LESSON, "test_footage_marks", 3, Widget("3.10"), name="the footage marks",
             hint="A reference names an object someone could look at: 'a satellite image', 'the clip posted on "
                  "Telegram', 'what I watched on Al Jazeera'. Some words look like one and are not: 'a road map for "
                  "peace' is a plan, 'press coverage' is reporting. Mark the short phrase, not its sentence; some "
                  "passages name no visual item at all.",
             key=_passages_key,
             key_source="datasets/annotations/footage.jsonl (the references inside the thirteen passages; the "
                        "disputed unit neither counts nor costs)",
             rule=_footage_marks_rule, judgement=True, tracks=CORE),
    Exercise("3.11", LESSON, "test_west_place", 2, Widget("3.11"), name="SouthFront's point",
             hint="A degree of latitude is about 111 km everywhere; a degree of longitude is 111 km times the cosine "
                  "of the latitude, about 91 km at 35° N. So 50 km due north of Deir ez-Zor is about 0.45° further "
                  "north, and 50 km due east about 0.55° further east.",
             key=_west_place_key, key_source="90 km due west of Palmyra on the great circle (places.csv)",
             rule=_point_rule("3.11", "the point the sentence describes"), tracks=CORE),
    Exercise("3.12", LESSON, "test_verdict_choice", 2, Widget("3.12"), name="the geography verdict",
             hint="Ask of each option what distances and bearings can show: that the parts of a sentence contradict "
                  "each other, yes; who was where, or that nobody was, no. A town 'east of the river' that the map "
                  "puts west of it is a wrong description, not a proof that the town does not exist.",
             key=_verdict_choice_key,
             key_source="the option the reference numbers support (3.6's key on places.csv and the Syria-Iraq "
                        "border)",
             rule=_choice_rule("3.12"), judgement=True, tracks=CORE),
    Exercise("3.13", LESSON, "test_fitting_place", 2, Widget("3.13"), name="the version that fits",
             hint="Two accounts of one place can be tested against a fact both accept. If one report puts a convoy "
                  "'30 km north of Homs, on the coast road' and another '30 km west of Homs', the one that fits is "
                  "the one whose point lies near the coast road.",
             key=_fitting_place_key,
             key_source="of 90 km west and 90 km east of Palmyra (great circle, places.csv), the point nearer the "
                        "Syria-Iraq border (ml.border_points)",
             rule=_point_rule("3.13", "the point of the version that fits"), judgement=True, further=True,
             tracks=CORE),
]
