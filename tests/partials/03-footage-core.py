"""Lesson 03's core track (03-footage-core): a partly correct answer file for the nbgrader round trip (see
tests/partials/README.md). The core track asks for no code, so only the answer file differs."""

import runpy
from pathlib import Path

PILLARS = ["provenance", "source", "date", "location", "motivation"]


def _mark(item, start, text):
    return {"item": item, "start": start, "end": start + len(text), "label": "marked", "text": text}


# the answers both tracks share are the data track's partial ones (03-footage.py)
DATA = runpy.run_path(str(Path(__file__).with_name("03-footage.py")))["PARTIAL"]["answers"]

PARTIAL = {
    "cells": {},
    "answers": {
        # half right: the articles' references and two readers', but not the broadcast, the recordings or the
        # map advice in the comments (recall 8/11), and the bio's "map-making" as a false alarm
        "3.10": [
            _mark("000-head", 112, "(Video)"), _mark("001-body", 50, "the video below"),
            _mark("000-c29", 0, "A shaky video"), _mark("002-body1", 40, "available photos"),
            _mark("001-foot", 0, "A map"), _mark("001-foot", 144, "map-making"),
            _mark("002-body2", 34, "leaflets"), _mark("000-c35", 118, "the map."),
            _mark("003-notice", 46, "images"),
        ],
        # wrong: "flag everything", every pillar ticked for every item (precision 0.27)
        **{f"3.2{k}": list(PILLARS) for k in "ABCDE"},
        # right: about 90 km west of Palmyra (34.56, 38.27), on its parallel
        "3.11": [34.56, 37.3],
        # wrong: the over-lenient reading
        "3.12": "It is roughly right: the point is a little far from the border, but Deir ez-Zor does lie north-west.",
        # right
        "3.8": DATA["3.8"],
        # 3.13 ("Going further") left unanswered
        # the picture checks shared with the data track, as its partial answers them
        **{q: DATA[q] for q in ("3.15", "3.18", "3.19", "3.21", "3.22")},
        # half right: two copies named, the mirrored one missed, and a look-alike taken for a copy (precision 2/3)
        "3.17": {"img04": "no earlier copy", "img06": "a copy of img01", "img08": "a copy of img03",
                 "img09": "no earlier copy", "img11": "no earlier copy", "img02": "a copy of img03",
                 "img07": "no earlier copy", "img10": "no earlier copy"},
    },
}
