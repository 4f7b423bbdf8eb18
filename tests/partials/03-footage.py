"""Lesson 03's partly correct submission for the nbgrader round trip (see tests/partials/README.md)."""

import kit
from medialit_grader.lessons import lesson03 as _LESSON

PILLARS = ["provenance", "source", "date", "location", "motivation"]
_LITERALS = kit.notebook_literals("03-footage")

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
        # wrong: DateTime (when the file last changed) for the capture time, and the position never read
        "facts": (
            "from PIL import ExifTags, Image\n"
            "def file_facts(path):\n"
            "    exif = Image.open(path).getexif()\n"
            "    camera = ' '.join(str(exif[t]) for t in (ExifTags.Base.Make, ExifTags.Base.Model) if t in exif)\n"
            "    return {'taken': exif.get(ExifTags.Base.DateTime), 'camera': camera or None, 'gps': None}\n"
            "facts = {image: file_facts(ml.image_path(image)) for image in archive['id']}"
        ),
        # right, but without the mirror image's hash: it misses the mirrored re-post (recall 0.8 still passes)
        "earlier": (
            "hashes = {i: imagehash.phash(Image.open(ml.image_path(i))) for i in archive['id']}\n"
            "posted = archive.set_index('id')['posted_on']\n"
            "earlier = {}\n"
            "for post in archive['id']:\n"
            "    copies = [i for i in archive['id'] if posted[i] < posted[post]\n"
            "              and hashes[post] - hashes[i] <= ml.SAME_PICTURE_BITS]\n"
            "    earlier[post] = min(copies, key=lambda i: posted[i]) if copies else None"
        ),
        # wrong: the UTC offset dropped (every time read as UTC)
        "sun": (
            "claims = ml.load_light_claims()\n"
            "sun = {}\n"
            "for claim in claims.itertuples():\n"
            "    moment = datetime.fromisoformat(claim.time[:16] + '+00:00')\n"
            "    sun[claim.id] = (azimuth(Observer(claim.lat, claim.lon), moment),\n"
            "                     elevation(Observer(claim.lat, claim.lon), moment))"
        ),
    },
    "answers": {
        # the picture checks: 3.15 "flag everything" (wrong), 3.18 right, 3.19 right (the drawn pole, a few pixels
        # off), 3.21 "trust everything" (wrong), 3.22 right
        "3.15": list(_LITERALS["METADATA_STATEMENTS"]),
        "3.18": list(_LESSON.COPY_TRUE),
        "3.19": {name: [x + 2, y - 2] for name, (x, y) in _LESSON.pole_pixels("img03").items()},
        "3.21": {claim: "fits the shadow" for claim in ("L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8")},
        "3.22": list(_LESSON.CORPUS_TRUE),
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
