"""Lesson 05's partly correct submission for the nbgrader round trip (see tests/partials/README.md).

Expected: 5.3, 5.4 and 5.6 right in the core (6 of 13 points), 5.2 and 5.10 right in Going further (2 of 3);
5.1, 5.5, 5.7 and 5.9 wrong."""

PARTIAL = {
    "cells": {
        # right
        "everything_scores": (
            "lazy = [(row.doc, row.start + s, row.start + e, 'Loaded language')\n"
            "        for row in practice.itertuples() for s, e in ml.text_units(row.text, 'sentence')]\n"
            "everything_scores = ml.semeval_span_scores(lazy, practice_spans)"
        ),
        # right
        "apply_lexicon": (
            "def apply_lexicon(lexicon, texts):\n"
            "    rows = []\n"
            "    for row in texts.itertuples():\n"
            "        for technique, patterns in lexicon.items():\n"
            "            for pattern in patterns:\n"
            "                for m in re.finditer(pattern, row.text, flags=re.I):\n"
            "                    if m.group():\n"
            "                        rows.append((row.doc, row.start + m.start(), row.start + m.end(), technique))\n"
            "    return pd.DataFrame(rows, columns=['doc', 'start', 'end', 'label'])"
        ),
        # wrong: a pattern that matches every word ("flag everything"): held-out precision far below 0.2
        "lexicon": (
            "lexicon = {'Loaded language': [r'\\w+', r'\\bsheer\\b'], 'Doubt': [r'allegedly', r'true reason'],\n"
            "           'Name calling or labelling': [r'so-called', r'\\bussa\\b']}\n"
            "predicted = list(apply_lexicon(lexicon, practice).itertuples(index=False, name=None))\n"
            "practice_scores = ml.semeval_span_scores(predicted, practice_spans)\n"
            "per_technique = {t: ml.semeval_span_scores([p for p in predicted if p[3] == t],\n"
            "                                           [g for g in practice_spans if g[3] == t]).f1\n"
            "                 for t in set(lexicon) | {g[3] for g in practice_spans}}"
        ),
        # wrong: counts comment spans too (no check that a span lies inside the article body)
        "technique_rates": (
            "def technique_rates(spans):\n"
            "    merged = spans.merge(docs, left_on='doc', right_on='id')\n"
            "    counts = pd.crosstab(merged['outlet'], merged['label']).reindex(docs['outlet'], fill_value=0)\n"
            "    words = pd.Series([len(ml.body_text(d).split()) for d in docs['id']], index=docs['outlet'])\n"
            "    return counts.div(words / 1000, axis=0)"
        ),
        # right (the lexicon runs on article bodies only, so the missing body check does not matter here)
        "plot_rates": (
            "totals = technique_rates(apply_lexicon(lexicon, bodies)).sum(axis=1)\n"
            "ax = ml.bar_counts(totals.round(1), title='My lexicon per 1,000 words', xlabel='outlet',\n"
            "                   ylabel='matches per 1,000 words')"
        ),
    },
    "answers": {
        # 4 of 7 right (5 needed): calls an attributed statement and a stated limit propaganda, item 4 loaded language
        "5.1": {"1": "Name calling or labelling", "2": "Appeal to authority", "3": "Black-and-white fallacy",
                "4": "Loaded language", "5": "Appeal to authority", "6": "Doubt", "7": "Bandwagon"},
        # right spans (snapped to whole words) in A, C, E, G: passes "where" and "which technique"; but the plain
        # passages B and D are marked whole as loaded language: fails discernment
        "5.3": [
            {"item": "A", "start": 191, "end": 318, "label": "Doubt"},
            {"item": "C", "start": 17, "end": 31, "label": "Name calling or labelling"},
            {"item": "C", "start": 257, "end": 291, "label": "Thought-terminating cliché"},
            {"item": "C", "start": 294, "end": 371, "label": "Loaded language"},
            {"item": "E", "start": 66, "end": 83, "label": "Loaded language"},
            {"item": "E", "start": 104, "end": 316, "label": "Causal oversimplification"},
            {"item": "G", "start": 14, "end": 38, "label": "Name calling or labelling"},
            {"item": "G", "start": 52, "end": 106, "label": "Loaded language"},
            {"item": "B", "start": 0, "end": 233, "label": "Loaded language"},
            {"item": "D", "start": 0, "end": 236, "label": "Loaded language"},
        ],
    },
}
