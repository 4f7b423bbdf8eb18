"""Lesson 03's partly correct submission for the nbgrader round trip (see tests/partials/README.md)."""

PILLARS = ["provenance", "source", "date", "location", "motivation"]

PARTIAL = {
    "cells": {
        # wrong: the media words only — misses "I saw on RT" and "recordings", keeps the bio's "map-making"
        "footage_spans": (
            'hits = ml.find_spans(r"(?i)video|footage|photo|image|map|leaflet")\n'
            'footage_spans = list(hits[["doc", "start", "end"]].itertuples(index=False, name=None))'
        ),
        # right
        "distance_km": (
            "def distance_km(lat1, lon1, lat2, lon2):\n"
            "    lat1, lon1, lat2, lon2 = (np.radians(x) for x in (lat1, lon1, lat2, lon2))\n"
            "    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2\n"
            "    return 2 * R_EARTH_KM * np.arcsin(np.sqrt(h))"
        ),
        # wrong: no % 360, so west comes out as -90
        "bearing_deg": (
            "def bearing_deg(lat1, lon1, lat2, lon2):\n"
            "    lat1, lon1, lat2, lon2 = (np.radians(x) for x in (lat1, lon1, lat2, lon2))\n"
            "    y = np.sin(lon2 - lon1) * np.cos(lat2)\n"
            "    x = np.cos(lat1) * np.sin(lat2) - np.sin(lat1) * np.cos(lat2) * np.cos(lon2 - lon1)\n"
            "    return np.degrees(np.arctan2(y, x))"
        ),
        # right (in "Going further"; it sets west_point again, on the great circle)
        "destination": (
            "def destination(lat, lon, bearing, km):\n"
            "    lat, lon, bearing = np.radians(lat), np.radians(lon), np.radians(bearing)\n"
            "    d = np.asarray(km) / R_EARTH_KM\n"
            "    lat2 = np.arcsin(np.sin(lat) * np.cos(d) + np.cos(lat) * np.sin(d) * np.cos(bearing))\n"
            "    lon2 = lon + np.arctan2(np.sin(bearing) * np.sin(d) * np.cos(lat), np.cos(d) - np.sin(lat) * np.sin(lat2))\n"
            "    return np.degrees(lat2), np.degrees(lon2)\n"
            "west_point = tuple(float(x) for x in destination(*palmyra, 270, 90))"
        ),
        # right, from the given west_point and east_point (the bearings asked for all lie between 0 and 180, so
        # the missing % 360 does not show here)
        "verdict": (
            'b_lat, b_lon = border["lat"].to_numpy(), border["lon"].to_numpy()\n'
            'pt = lambda name: tuple(where.loc[name, ["lat", "lon"]])\n'
            "verdict = {\n"
            '    "west_to_border_km": float(distance_km(*west_point, b_lat, b_lon).min()),\n'
            '    "east_to_border_km": float(distance_km(*east_point, b_lat, b_lon).min()),\n'
            '    "palmyra_to_border_km": float(distance_km(*palmyra, b_lat, b_lon).min()),\n'
            '    "border_bearing": float(bearing_deg(*pt("Syria-Iraq-Jordan tripoint"), *pt("Abu Kamal (Al-Bukamal)"))),\n'
            '    "deir_bearing": float(bearing_deg(*palmyra, *deir)),\n'
            '    "tanf_bearing": float(bearing_deg(*palmyra, *pt("al-Tanf garrison"))),\n'
            "}"
        ),
        # the map ("Going further") is left undone (ax stays ...)
    },
    "answers": {
        # wrong: "flag everything" — every pillar ticked for every item (precision 0.27)
        **{f"3.2{k}": list(PILLARS) for k in "ABCDE"},
        # right
        "3.8": [
            "The point 90 km due west of Palmyra is farther from the Syrian-Iraqi border than Palmyra itself is.",
            "An advance along the border's southern stretch would head north-east or south-west, never north-west.",
            "Pampi Ta's objection holds: going north-west from 90 km west of Palmyra leads away from the Iraqi "
            "border.",
            "Al-Masdar's '90km east of Palmyra' puts the group about half as far from the border as SouthFront's "
            "'90km west'.",
            "The anonymous reader who starts the force at al-Tanf is roughly right that al-Tanf lies south of "
            "Palmyra.",
        ],
    },
}
