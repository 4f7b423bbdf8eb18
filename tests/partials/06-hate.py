"""Lesson 06's partly correct submission for the nbgrader round trip (see tests/partials/README.md)."""

PARTIAL = {
    "cells": {
        # wrong: raw agreement instead of Cohen's kappa (right on identical labels, wrong on the hidden cases)
        "agreement": (
            "def agreement(mine, reference):\n"
            "    ids = list(reference)\n"
            "    raw = sum(mine.get(i) == reference[i] for i in ids) / len(ids)\n"
            "    hate = ml.precision_recall({i for i in ids if mine.get(i) == 'hate'},\n"
            "                               {i for i in ids if reference[i] == 'hate'})\n"
            "    return {'kappa': raw, 'hate_precision': hate.precision, 'hate_recall': hate.recall}"
        ),
        # right
        "flag": (
            "def flag(text, keywords):\n"
            "    return any(re.search(r'\\b' + re.escape(k), text, re.IGNORECASE) for k in keywords)"
        ),
        # right (measured against this student's own labels of 6.3 below)
        "false_alarms": (
            "mine = my_labels.value or {}\n"
            "false_alarms = [i for i in naive_hits if mine.get(i) != 'hate']\n"
            "misses = [i for i, label in mine.items() if label == 'hate' and i not in naive_hits]"
        ),
        # wrong: the naive list unchanged (precision 0.40, recall 0.67 over the corpus)
        "better_keywords": 'better_keywords = ["jew", "zionis", "israel", "nazi", "hitler"]',
    },
    "answers": {
        # wrong: a slur-list distractor ticked and a factor (the speaker) left out (9 of 11 options right; 10 needed)
        "6.1": ["whether it contains a word from a list of slurs", "what the writer meant to bring about",
                "what was going on around it when it was posted: the place, the moment, the tensions",
                "how far it travels: how public it is, how many people it reaches",
                "what it says, and how it is put: the wording, the tone, the style",
                "how probable it is that harm follows, and how soon"],
        # right
        "6.2": {"A": "not hate by itself", "B": "not hate by itself", "C": "hate", "D": "not hate by itself",
                "E": "hate", "F": "not hate by itself"},
        # a harsh labeller: incivility and borderline comments called hate (003-c05 is not graded). The kappa passes
        # the agreement test (0.4); a hate precision of 0.50 fails the hate test (0.6).
        "6.3": {"000-c05": "hate", "000-c12": "hate", "000-c18": "civil", "000-c20": "hate", "000-c26": "hate",
                "000-c27": "hate", "000-c28": "hate", "003-c01": "hate", "003-c02": "civil", "003-c04": "hate",
                "003-c05": "hate", "003-c06": "hate", "003-c13": "hate", "003-c19": "civil", "003-c21": "civil",
                "004-c02": "civil"},
    },
}
