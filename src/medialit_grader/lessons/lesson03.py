"""Lesson 03 "Spotting unverifiable footage": its graded exercises (see medialit_grader/exercises.py for the fields).

Two tracks from one source (medialit_grader/tracks.py). The hour is on the picture (issue #18): the five pillars
(3.2), then three checks on the kit's constructed archive — what a file says about itself (3.14 facts, data; 3.15),
where a picture appeared before (3.16 earlier, data; 3.17 the copy table, core; 3.18), whether the light fits (3.19
the shadow marks, 3.20 sun, data; 3.21) — and what the checks could have settled in the corpus (3.22, 3.23). Their
keys come from the archive's truth, datasets/annotations/images.jsonl, and the sun from NOAA's formulas
(medialit_grader/solar.py), never from the library the student uses.

Going further keeps the footage inventory (3.1 spans, data; 3.10 word marks, core) and the geography: 3.3
distance_km, 3.4 bearing_deg, 3.5 destination, 3.6 verdict, 3.7 the map (data); 3.11–3.13 points and a verdict on
the map (core); 3.8 statements and 3.9 the note (both). The geography is scored against independent reference
formulas: the spherical law of cosines for distance and 3-D unit vectors for bearing and destination, so that a
student's haversine / arctan2 formulas are compared with different mathematics. The inputs the student's functions
are called on (random points, the places table) come from public builders in ``medialit.checks.lesson03``, which
the keys call too.
"""

from __future__ import annotations

import math

from ..exercises import (CORE, DATA, Build, Call, Exercise, Name, Partly, Several, Value, Widget, Written, Wrong, flags,
                         is_disputed, require, the_widget, word_marks)

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


# -- §3 the picture archive (issue #18): the keys come from the archive's truth, datasets/annotations/images.jsonl ----
def _truth() -> dict[str, dict]:
    """The constructed archive's truth by post id (instructor side: which post copies which, the true time and place,
    the drawn pole's pixels), written by datasets/tools/build_image_archive.py."""
    import json

    from medialit._paths import data_file

    path = data_file("annotations", "images.jsonl")
    rows = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                row = json.loads(line)
                rows[row["id"]] = row
            except (ValueError, KeyError) as error:
                raise ValueError(f"{path}, line {n}: {error}") from None
    return rows


def pole_pixels(image: str) -> dict:
    """The drawn pole's base, top and shadow tip in the file's pixels (whole pixels, as the widget stores them)."""
    pole = _truth()[image]["pole"]
    return {name: [round(pole[name][0]), round(pole[name][1])] for name in ("base", "top", "tip")}


def _posted() -> dict[str, str]:
    import medialit as ml

    return dict(zip(ml.load_archive()["id"], ml.load_archive()["posted_on"].astype(str)))


def _earlier_key() -> dict[str, list[str]]:
    """For each post, the posts made before it that show the same picture (any of them is a right answer; [] where
    the picture was not posted before: originals and look-alikes)."""
    truth, posted = _truth(), _posted()
    picture = {image: row.get("copy_of") or image for image, row in truth.items()}
    return {post: sorted(other for other in truth if other != post and picture[other] == picture[post]
                         and posted[other] < posted[post]) for post in truth}


def _require_copies(named: dict, key: dict, what: str) -> None:
    """Precision over the copies named, recall over the posts that have an earlier copy: 0.8 needed for both."""
    given = {(post, source) for post, source in named.items() if source is not None}
    right = {(post, source) for post, source in given if source in key.get(post, [])}
    p = len(right) / len(given) if given else 0.0
    wanted = {post for post, sources in key.items() if sources and post in named}
    r = len({post for post, _ in right}) / len(wanted) if wanted else 0.0
    require(p >= 0.8 and r >= 0.8, f"precision {p:.2f}, recall {r:.2f} over the {what} you named (0.8 needed for "
                                   "both): a look-alike is not a copy, and a mirrored copy is one")


def _earlier_rule(answer, key):
    require(isinstance(answer, dict), "expected a dict {post id: id of an earlier copy, or None}")
    missing = sorted(set(key) - set(map(str, answer)))
    require(not missing, f"earlier has no entry for {', '.join(missing)}")
    named = {str(post): (None if source is None else str(source)) for post, source in answer.items()}
    _require_copies(named, key, "earlier copies")


COPY_PREFIX = "a copy of "


def _copy_table_rule(answer, key):
    table = answer.get("3.17") if isinstance(answer, dict) else None
    require(isinstance(table, dict) and table, "choose with the buttons of exercise 3.17")
    named = {}
    for post, label in table.items():
        require(isinstance(label, str), f"the answer for {post} is not one of the buttons")
        named[str(post)] = label[len(COPY_PREFIX):] if label.startswith(COPY_PREFIX) else None
    _require_copies(named, {post: key[post] for post in named if post in key}, "copies")


def _facts_key() -> dict:
    """What each file says about itself, read in the grader's process with Pillow from the archive's files."""
    import medialit as ml
    from PIL import ExifTags, Image

    facts = {}
    for image in ml.load_archive()["id"]:
        with Image.open(ml.image_path(image)) as picture:
            exif = picture.getexif()
        shot, gps = exif.get_ifd(ExifTags.IFD.Exif), exif.get_ifd(ExifTags.IFD.GPSInfo)
        camera = " ".join(str(exif[t]) for t in (ExifTags.Base.Make, ExifTags.Base.Model) if t in exif) or None
        where = None
        if ExifTags.GPS.GPSLatitude in gps:
            def deg(tag, ref):
                value = sum(float(x) / 60 ** i for i, x in enumerate(gps[tag]))
                return -value if gps.get(ref) in ("S", "W") else value
            where = [deg(ExifTags.GPS.GPSLatitude, ExifTags.GPS.GPSLatitudeRef),
                     deg(ExifTags.GPS.GPSLongitude, ExifTags.GPS.GPSLongitudeRef)]
        facts[str(image)] = {"taken": shot.get(ExifTags.Base.DateTimeOriginal), "camera": camera, "gps": where}
    return facts


def _facts_rule(answer, key):
    require(isinstance(answer, dict), "expected a dict {post id: {'taken': ..., 'camera': ..., 'gps': ...}}")
    wrong = []
    for image, want in key.items():
        got = answer.get(image)
        if not isinstance(got, dict):
            wrong.append(f"{image} (no entry)")
            continue
        problems = []
        taken = got.get("taken")
        if (taken or None) != want["taken"]:
            problems.append("taken")
        camera = got.get("camera")
        if (str(camera).strip() if camera else None) != want["camera"]:
            problems.append("camera")
        gps = got.get("gps")
        if want["gps"] is None:
            if gps is not None:
                problems.append("gps")
        else:
            try:
                ok = len(gps) == 2 and all(abs(float(a) - b) < 1e-3 for a, b in zip(gps, want["gps"]))
            except (TypeError, ValueError):
                ok = False
            if not ok:
                problems.append("gps")
        if problems:
            wrong.append(f"{image} ({', '.join(problems)})")
    right = len(key) - len(wrong)
    if not wrong:
        return None
    require(right >= len(key) - 3, f"{right} of {len(key)} posts right; not yet: {', '.join(wrong)}")
    return Partly(0.5, f"{right} of {len(key)} posts right; not yet: {', '.join(wrong)}")


METADATA_TRUE = [
    "img03's file gives a capture time, a camera and a GPS position, and all three agree with its caption.",
    "img06's capture date agrees with its caption, but the file names a photo editor, so the date may have been "
    "rewritten.",
    "img01's file gives a date and a camera but no position: the place in its caption cannot be checked from the file.",
    "Four of the re-posted pictures carry no metadata at all: re-saving a file can drop every tag.",
]
COPY_TRUE = [
    "img08's picture was posted in July 2016, so it cannot show a morning in May 2017.",
    "img08's picture comes from near Palmyra, not from al-Tanf as its caption says.",
    "img11's convoy was posted months before the event its caption says it shows.",
    "img06's picture was posted near Homs in November 2016, so it shows neither Idlib nor April 2017.",
]
CORPUS_TRUE = [
    "Item A's video cannot go through any of the three checks: the saved page keeps no file, and the text says "
    "nothing about it.",
    "With item B's video at hand, a search for earlier copies of its frames could show whether it was online before "
    "the group released it.",
    "With item B's video at hand and the place it shows found, its shadows could test a claimed time of day and "
    "season.",
    "Item C's 'available photos' could be searched for earlier copies only if the article showed them or said which "
    "they are.",
]


SHADOW_PX = 15  # file pixels (of 800 across): a careful click lands within a few; 15 still finds the right object


def _marks_rule(answer, key):
    marks = answer.get("3.19") if isinstance(answer, dict) else None
    require(isinstance(marks, dict) and marks, "mark the three points with the widget of exercise 3.19")
    names = {"base": "the pole's base", "top": "the pole's top", "tip": "the shadow's tip"}
    off = []
    for name, want in key.items():
        point = marks.get(name)
        try:
            near = math.hypot(float(point[0]) - want[0], float(point[1]) - want[1]) <= SHADOW_PX
        except (TypeError, ValueError, IndexError):
            near = False
        if not near:
            off.append(names[name])
    if not off:
        return None
    require(len(off) == 1, f"not on the pole or its shadow yet: {', '.join(off)}")
    return Partly(0.5, f"two of three points right; not yet: {off[0]}")


def _claims():
    import medialit as ml

    return ml.load_light_claims()


def _claims_sun_key() -> dict:
    """The sun at each claim's place and time by the grader's own NOAA formulas (medialit_grader.solar), with
    refraction as astral's elevation has it."""
    from ..solar import sun_position

    return {c.id: list(sun_position(c.lat, c.lon, c.time, refraction=True)) for c in _claims().itertuples()}


SUN_DEGREES = 1.0  # astral and the grader's NOAA formulas differ by up to 0.4 degrees here (tests/test_solar.py)


def _sun_rule(answer, key):
    require(isinstance(answer, dict), "expected a dict {claim id: (azimuth, elevation)}")
    wrong = []
    for claim, (az, el) in key.items():
        got = answer.get(claim)
        try:
            ok = (len(got) == 2 and float(_angle_off(float(got[0]), az)) <= SUN_DEGREES
                  and abs(float(got[1]) - el) <= SUN_DEGREES)
        except (TypeError, ValueError):
            ok = False
        if not ok:
            wrong.append(claim)
    require(not wrong, f"{len(wrong)} of {len(key)} claims not right (to within {SUN_DEGREES} degrees): "
                       f"{', '.join(wrong)}")


FITS_AZIMUTH, FITS_ELEVATION = 12.0, 8.0   # degrees: what hand-marked points on an 800-pixel picture can resolve
FITS, NOT_FIT = "fits the shadow", "does not fit"


def _light_key() -> dict:
    """For each claim: does the sun there and then lie within FITS_* of the sun that lit img03 (its true place and
    time, by the same NOAA formulas)?"""
    from ..solar import sun_position

    truth = _truth()["img03"]
    az0, el0 = sun_position(*truth["true_place"], truth["true_time"], refraction=True)
    return {claim: (FITS if float(_angle_off(az, az0)) <= FITS_AZIMUTH and abs(el - el0) <= FITS_ELEVATION
                    else NOT_FIT) for claim, (az, el) in _claims_sun_key().items()}


def _light_rule(answer, key):
    from medialit.metrics import precision_recall

    table = answer.get("3.21") if isinstance(answer, dict) else None
    require(isinstance(table, dict) and table, "choose with the buttons of exercise 3.21")
    flagged = {claim for claim, label in table.items() if label == NOT_FIT}
    scores = precision_recall(flagged, {claim for claim, label in key.items() if label == NOT_FIT})
    require(scores.precision >= 0.75 and scores.recall >= 0.75,
            f"precision {scores.precision:.2f}, recall {scores.recall:.2f} over the claims you ruled out (0.75 needed "
            "for both): the light rules some claims out and leaves others standing")


EXERCISES = [
    Exercise("3.1", LESSON, "test_footage_spans", 3, Value("footage_spans"), name="footage_spans",
             hint="Start from ml.find_spans(...) with the words for pictures, video, maps and leaflets; then read "
                  "each hit in context and drop those that are not a reference to a visual item. Some references "
                  "use none of those words: look for someone who 'saw' something on a channel, or speaks of "
                  "recordings.",
             key=_footage_key, key_source="datasets/annotations/footage.jsonl (overlap match)", rule=_footage_rule,
             judgement=True, further=True, tracks=DATA),  # the search is a tool; the grade is which phrases point at a visual item
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
             rule=_distance_rule, further=True, tracks=DATA),
    Exercise("3.4", LESSON, "test_bearing_deg", 1, Call(f"{CHECKS}:as_numbers", BEARING_CASES, public=True),
             name="bearing_deg",
             hint="Use np.arctan2(y, x) with the formula's y (east) and x (north) parts, convert the result to "
                  "degrees with np.degrees, and bring it into [0, 360) with % 360.",
             key=_bearing_key,
             key_source="hand-checked compass bearings; 3-D vector bearings on random points and places.csv",
             rule=_bearing_rule, further=True, tracks=DATA),
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
             rule=_verdict_rule, further=True, tracks=DATA),
    Exercise("3.7", LESSON, "test_map", 1, Call(f"{CHECKS}:map_marks", ((Name("ax"),),), public=True), name="ax",
             hint="Start with ax = ml.draw_map(...), then ax.plot([lon], [lat], ...) — longitude first, it is the x "
                  "axis — and ax.annotate('text', (lon, lat)) for each label; set a title.",
             key=_map_key, key_source="3-D vector destination 90 km west and east of Palmyra (places.csv)",
             rule=_map_rule, further=True, tracks=DATA),
    Exercise("3.8", LESSON, "test_statements", 2, Widget("3.8"), name="statements",
             hint="Check each statement against your numbers from 3.6 (and distance_km for any two places); some are "
                  "true and some are false.",
             key=lambda: TRUE_STATEMENTS, key_source="the lesson's true statements (from the 3.6 numbers and the map)",
             rule=flags(0.8, 0.8, "statements", the_widget("3.8")), judgement=True, further=True),
    Exercise("3.9", LESSON, "note", 3, Written(), name="verification note", further=True),
    # -- §3 the picture archive (issue #18): both tracks unless marked ----------------------------------------------
    Exercise("3.14", LESSON, "test_facts", 2, Value("facts"), name="facts",
             hint="Write a function for one file and call it for every post. The capture time and the position sit in "
                  "two sub-directories of the tags, not among the main ones; a position comes as degrees, minutes and "
                  "seconds plus a letter (N, S, E, W), and a missing tag is simply absent.",
             key=_facts_key, key_source="the archive's files (datasets/images/), read with Pillow in the grader",
             rule=_facts_rule, tracks=DATA),
    Exercise("3.15", LESSON, "test_metadata_statements", 2, Widget("3.15"), name="the metadata statements",
             hint="A tag that agrees with a caption is consistent with it, not proof; a missing tag says how a file "
                  "was handled, not whether its caption is true; a Software tag names a program the file passed "
                  "through.",
             key=lambda: METADATA_TRUE, key_source="the archive's files and captions (datasets/images/)",
             rule=flags(0.75, 0.75, "statements", the_widget("3.15")), judgement=True),
    Exercise("3.16", LESSON, "test_earlier", 2, Value("earlier"), name="earlier",
             hint="Hash every post and its mirror image with imagehash.phash; for each post, look among the posts "
                  "made before it for a hash within ml.SAME_PICTURE_BITS bits of the post's or its mirror's.",
             key=_earlier_key, key_source="datasets/annotations/images.jsonl (which post copies which)",
             rule=_earlier_rule, judgement=True, tracks=DATA),
    Exercise("3.17", LESSON, "test_copy_table", 2, Widget("3.17"), name="the earlier copies",
             hint="A copy keeps every object beside its neighbours, whether cropped, darkened, made grey, shrunk or "
                  "mirrored; a look-alike has its objects elsewhere. The table of bits apart misses mirrored copies.",
             key=_earlier_key, key_source="datasets/annotations/images.jsonl (which post copies which)",
             rule=_copy_table_rule, judgement=True, tracks=CORE),
    Exercise("3.18", LESSON, "test_copy_statements", 2, Widget("3.18"), name="what the earlier copies contradict",
             hint="Take a caption's claims one by one — when, where, what happened — and ask whether the earlier copy "
                  "contradicts each, leaves it open or agrees. An older photo contradicts a date, not the event.",
             key=lambda: COPY_TRUE, key_source="datasets/annotations/images.jsonl (contradicts) and the captions",
             rule=flags(0.75, 0.75, "statements", the_widget("3.18")), judgement=True),
    Exercise("3.19", LESSON, "test_shadow_marks", 2, Widget("3.19"), name="the shadow marks",
             hint="The base is where the pole meets the ground; the top is its highest point; the shadow's tip is "
                  "the far end of the dark stripe on the ground that starts at the base.",
             key=lambda: pole_pixels("img03"),
             key_source="the drawn pole's pixels in datasets/annotations/images.jsonl (within 15 px)",
             rule=_marks_rule),
    Exercise("3.20", LESSON, "test_sun", 1, Value("sun"), name="sun",
             hint="For each row: Observer(row.lat, row.lon) and datetime.fromisoformat(row.time), then azimuth(...) "
                  "and elevation(...) from astral.sun.",
             key=_claims_sun_key,
             key_source="NOAA's general solar position formulas (medialit_grader/solar.py) for "
                        "datasets/images/light-claims.csv",
             rule=_sun_rule, tracks=DATA),
    Exercise("3.21", LESSON, "test_light_table", 2, Widget("3.21"), name="the light verdicts",
             hint="Compare the azimuths first (is the sun on the same side of the sky?), then the elevations (is it "
                  "as high?). Morning sun is in the east, evening sun in the west, noon sun in the south.",
             key=_light_key,
             key_source="the sun at each claim vs. the sun at img03's true place and time (NOAA formulas; within "
                        "12 degrees of azimuth and 8 of elevation)",
             rule=_light_rule, judgement=True),
    Exercise("3.22", LESSON, "test_corpus_statements", 2, Widget("3.22"), name="what the checks could settle",
             hint="Match each check to the pillars it can answer: metadata to source, date and place (but it can be "
                  "stripped or rewritten), earlier copies to provenance and date, the light to time and season. "
                  "None says why a picture was put out, and none works without the picture.",
             key=lambda: CORPUS_TRUE, key_source="the lesson's reading of items A–E (teacher notes)",
             rule=flags(0.75, 0.75, "statements", the_widget("3.22")), judgement=True),
    Exercise("3.23", LESSON, "reporter_rewrite", 1, Written(), name="the reporter's sentence"),
    # -- the core track: widgets only ---------------------------------------------------------------------------
    Exercise("3.10", LESSON, "test_footage_marks", 3, Widget("3.10"), name="the footage marks",
             hint="A reference names an object someone could look at: 'a satellite image', 'the clip posted on "
                  "Telegram', 'what I watched on Al Jazeera'. Some words look like one and are not: 'a road map for "
                  "peace' is a plan, 'press coverage' is reporting. Mark the short phrase, not its sentence; some "
                  "passages name no visual item at all.",
             key=_passages_key,
             key_source="datasets/annotations/footage.jsonl (the references inside the thirteen passages; the "
                        "disputed unit neither counts nor costs)",
             rule=_footage_marks_rule, judgement=True, further=True, tracks=CORE),
    Exercise("3.11", LESSON, "test_west_place", 2, Widget("3.11"), name="SouthFront's point",
             hint="A degree of latitude is about 111 km everywhere; a degree of longitude is 111 km times the cosine "
                  "of the latitude, about 91 km at 35° N. So 50 km due north of Deir ez-Zor is about 0.45° further "
                  "north, and 50 km due east about 0.55° further east.",
             key=_west_place_key, key_source="90 km due west of Palmyra on the great circle (places.csv)",
             rule=_point_rule("3.11", "the point the sentence describes"), further=True, tracks=CORE),
    Exercise("3.12", LESSON, "test_verdict_choice", 2, Widget("3.12"), name="the geography verdict",
             hint="Ask of each option what distances and bearings can show: that the parts of a sentence contradict "
                  "each other, yes; who was where, or that nobody was, no. A town 'east of the river' that the map "
                  "puts west of it is a wrong description, not a proof that the town does not exist.",
             key=_verdict_choice_key,
             key_source="the option the reference numbers support (3.6's key on places.csv and the Syria-Iraq "
                        "border)",
             rule=_choice_rule("3.12"), judgement=True, further=True, tracks=CORE),
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
