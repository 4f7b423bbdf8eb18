"""The capstone's partly correct submission for the nbgrader round trip (see tests/partials/README.md).

A student who is suspicious rather than discerning: flags a plain sentence as loaded and misses the bandwagon (8.1:
6 of 8), calls angry criticism of the coalition hate (8.2), believes the video and calls the unsettled claim false,
citing the state agency's own report for it (8.3-8.5, part), credits the figure to the monitor as the article does
and misses its first hand-over (8.6), takes the video for Sefrin (8.7: 0) and reads "at least 17" as exactly 17
(8.8: 3 of 4). The move log is made the way the widget makes it (each page opened from the last search's results,
at its rank)."""

from kit import investigation_log
from medialit import load_web

_PLAN = [  # claim, [(query, page opened)], page cited, verdict
    ("A", [("Frontline Dispatch", "profile-frontline-dispatch"),
           ("Lakeshore Coalition statement Sefrin fuel depot", "coalition-sefrin-statement")],
     "coalition-sefrin-statement", "holds up"),
    ("B", [("monitor bulletin Sefrin killed civilians", "cmhr-sefrin-toll")], "cmhr-sefrin-toll", "does not hold up"),
    ("C", [("video shared by residents market Sefrin", "frontline-sefrin-massacre")], "frontline-sefrin-massacre",
     "holds up"),
    ("D", [("coalition special forces on the ground guided the jets", "cna-sefrin-report")], "cna-sefrin-report",
     "does not hold up"),
]


PARTIAL = {
    "cells": {},
    "answers": {
        "8.1": {"T1": "loaded words or name-calling", "T2": "reports, no technique", "T3": "appeal to authority",
                "T4": "loaded words or name-calling", "T5": "whataboutism", "T6": "reports, no technique",
                "T7": "reports, no technique", "T8": "reports, no technique"},
        "8.2": {"K1": "neither", "K2": "hate", "K3": "uncivil, not hate", "K4": "neither", "K5": "hate",
                "K6": "uncivil, not hate", "K7": "hate", "K8": "uncivil, not hate"},
        "8.3": investigation_log(load_web("capstone"), _PLAN),
        "8.6": [["CNA (the state news agency)", "The Frontline Dispatch"],
                ["Calvessan Monitor for Human Rights", "The Frontline Dispatch"],
                ["The Frontline Dispatch", "Truth Horizon"]],
        "8.7": "It shows Sefrin's market on 14 March: residents filmed it, and the fire fits a strike on the fuel "
               "depot.",
        "8.8": {"F1": [17, 17], "F2": [19, 19], "F3": [6, 6], "F4": [120, None]},
    },
}
