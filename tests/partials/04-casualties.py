"""Lesson 04's partly correct submission for the nbgrader round trip (see tests/partials/README.md)."""

from medialit_grader.lessons.lesson04 import REASONS  # every option of 4.8, as the declaration lists them

PARTIAL = {
    "cells": {
        # right: the 14 figures of the headlines and bodies, each with its label
        "figures": (
            'figures = {"q07": "killed", "q10": "killed", "q11": "killed", "q12": "killed", "q13": "killed",\n'
            '           "q14": "injured", "q15": "killed", "q16": "injured", "q17": "killed", "q18": "injured",\n'
            '           "q26": "killed", "q27": "injured", "q30": "killed", "q32": "casualties"}'
        ),
        # wrong: digits and qualifiers only; no number words, no "dozens", "hundreds" or "a couple of hundred"
        "parse_figure": (
            "def parse_figure(phrase):\n"
            "    p = phrase.lower().strip()\n"
            "    m = re.search(r'\\d+', p)\n"
            "    if not m:\n"
            "        return (None, None)\n"
            "    n = int(m.group())\n"
            "    if p.startswith('at least'):\n"
            "        return (n, None)\n"
            "    if p.startswith('over'):\n"
            "        return (n + 1, None)\n"
            "    if p.startswith('up to'):\n"
            "        return (None, n)\n"
            "    return (n, n)"
        ),
        # built the right way, but on the wrong parser: "Eighty" and "dozens" come out as (None, None)
        "deir_figures": (
            'in_003 = candidates[(candidates["doc"] == "003") & candidates["id"].isin(figures)]\n'
            'rows = [{"start": c.start, "source": c.id, "label": figures[c.id], "phrase": c.phrase}\n'
            '        for c in in_003.itertuples()]\n'
            'rows.append({"start": 99999, "source": "reader", "label": "casualties", "phrase": "a couple of hundred"})\n'
            'deir_figures = pd.DataFrame(rows).sort_values("start", ignore_index=True)\n'
            'deir_figures["low"] = [parse_figure(p)[0] for p in deir_figures["phrase"]]\n'
            'deir_figures["high"] = [parse_figure(p)[1] for p in deir_figures["phrase"]]\n'
            'deir_figures.insert(0, "order", range(1, len(deir_figures) + 1))'
        ),
    },
    "answers": {
        # right
        "4.4": {"A": "not stated", "B": "Syrian government", "C": "Syrian government", "D": "Syrian government",
                "E": "Syrian government", "F": "Syrian government", "G": "not stated", "H": "US Central Command",
                "I": "a reader's own claim"},
        # wrong: flags everything as questionable (5 of 8: item 4 accepts either)
        "4.5": {str(n): "questionable" for n in range(1, 9)},
        # wrong: ticks every option, including "at least one source must be lying" and the two with wrong
        # evidence (5 of 11)
        "4.8": list(REASONS),
    },
}
