"""Lesson 02's partly correct submission for the nbgrader round trip (see tests/partials/README.md)."""

PARTIAL = {
    "cells": {
        # wrong: the naive finder (precision 0.78, recall 0.46 on the corpus; 3 of 6 new sentences)
        "cue_patterns": 'cue_patterns = [r"(?i)\\b(said|says|say|according to|reported|report|claims?|sources?|believe)\\b"]',
        # wrong: the old key's graph, Sputnik drawn straight into Veterans Today — it hides the unnamed writer of the
        # text that says "Sputnik reported" (recall 10 of 13)
        "relay_edges": (
            'relay_edges = [("Syrian officials", "Veterans Today"), ("Russian Defence Ministry", "Veterans Today"),\n'
            '               ("Syrian army command", "Fars News Agency"), ("SANA", "Fars News Agency"),\n'
            '               ("Syrian army command", "Russian Defence Ministry"), ("Russian Defence Ministry", "Fars News Agency"),\n'
            '               ("Syrian army command", "SANA"), ("Russian Defence Ministry", "Sputnik"),\n'
            '               ("Syrian army command", "Veterans Today"), ("Fars News Agency", "Veterans Today"),\n'
            '               ("Sputnik", "Veterans Today")]'
        ),
        # right
        "roots": "G = nx.DiGraph(relay_edges)\nroots = sorted(n for n in G if G.in_degree(n) == 0)",
        # wrong: counts the two roots as independent
        "origins": 'origins = {"Syrian army": ["Syrian army command"], "Syrian government": ["Syrian officials"]}',
    },
    "answers": {
        # wrong: the sceptic — every named source flagged as vague (10 of 15 right; doubtful-flag precision 0.58)
        "2.2": {"A": "other outlet", "B": "vague or anonymous", "C": "vague or anonymous", "D": "vague or anonymous",
                "E": "vague or anonymous", "F": "vague or anonymous", "G": "vague or anonymous",
                "H": "no source given", "I": "state media", "J": "vague or anonymous", "K": "vague or anonymous",
                "L": "vague or anonymous", "M": "no source given", "N": "vague or anonymous", "O": "state media"},
        # right but for one extra tick (precision 0.8, recall 1.0)
        "2.6": [
            "Search the outlet's and the writer's names on other sites: news reports, research, encyclopaedias.",
            "Look for what platforms or researchers have published about the outlet's social-media accounts.",
            "Compare a quoted official's words with that official's own published statement.",
            "Check whether the writer has a traceable record elsewhere: other articles, a real affiliation.",
            "Check whether the web address ends in .org, which non-profit groups use, rather than .com.",
        ],
    },
}
