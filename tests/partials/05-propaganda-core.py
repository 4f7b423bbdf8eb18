"""Lesson 05's core track (05-propaganda-core): a partly right answer file for the nbgrader round trip (see
tests/partials/README.md). No cell to fill: the core track asks for no code.

Expected: 5.1, 5.3 and 5.4 right (8 of the core part's 13 points); 5.5 wrong (the plain passages B and D marked
whole); 5.11 wrong (a reader who trusts the list's "officials"); 5.12 (Going further) wrong (ticks what the list did
not match instead of what no list could find)."""

import runpy
from pathlib import Path

# the answers both tracks share are the data track's partial ones (05-propaganda.py)
DATA = runpy.run_path(str(Path(__file__).with_name("05-propaganda.py")))["PARTIAL"]["answers"]

PARTIAL = {
    "cells": {},
    "answers": {
        # 6 of 7 right (5 needed): item 4's stock phrase called loaded language
        "5.1": {"1": "Name calling or labelling", "2": "no technique", "3": "Black-and-white fallacy",
                "4": "Loaded language", "5": "Appeal to authority", "6": "no technique", "7": "Bandwagon"},
        # the key's spans marked word by word (passes "where" and "which technique"), but the plain passages B and
        # D marked whole as loaded language: fails discernment
        "5.3": DATA["5.3"],
        # sees through "ISIS terrorists" (2, 6, 8) but takes both "officials" (9, 10) as appeals to authority:
        # recall 0.6 on the false alarms (0.7 needed)
        "5.11": {"1": "the technique the list names", "2": "false alarm", "3": "the technique the list names",
                 "4": "the technique the list names", "5": "the technique the list names", "6": "false alarm",
                 "7": "the technique the list names", "8": "false alarm", "9": "the technique the list names",
                 "10": "the technique the list names", "11": "the technique the list names",
                 "12": "the technique the list names", "13": "the technique the list names"},
        # the four excerpts the given list did not match (two of them loaded words a list could hold): precision 0.6
        "5.12": ["shameful and cowardly act", "a day of national disgrace",
                 "The attack was followed up by an ISIS ground offensive showing clear signs of coordination and a "
                 "strong likelihood that US Army Special Forces are on the ground coordinating air cover with ISIS "
                 "deep inside Syria",
                 "Even if the bombardment of the Syrian government troops was a mistake, it’s still a consequence of "
                 "Washington’s unwillingness to coordinate its anti-terror efforts with Moscow",
                 "Even if this airstrike has been carried out due to an error in the coordinates of the target, it is "
                 "still a direct consequence of US side’s unwillingless to coordinate its actions against terrorist "
                 "groups with Russia"],
    },
}
