"""Lesson 04's partly correct submission for the nbgrader round trip (see tests/partials/README.md)."""

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
        # wrong: flags everything as questionable (3 of 8)
        "4.5": {str(n): "questionable" for n in range(1, 9)},
        # wrong: ticks every option, including "at least one source must be lying" (5 of 9)
        "4.8": [
            "Counts change with time: the monitor's own figure rose from 30 to 90 within about a day as information came in.",
            "Different people counted: a party to the fighting, an independent monitor, and an investigation by the side "
            "that carried out the strike.",
            "'At least 15 confirmed' is a documented floor, so it does not contradict a higher figure.",
            "A figure passed on by a second party (Russia's ministry citing the Syrian command) is not an independent "
            "confirmation of it.",
            "Some figures count the killed and the injured together, others only the killed.",
            "When two counts differ, at least one source must be lying.",
            "The highest figure is the most trustworthy, because it leaves nobody out.",
            "The US count is the right one, because investigators are neutral.",
            "A party to a conflict can never give an accurate figure.",
        ],
    },
}
