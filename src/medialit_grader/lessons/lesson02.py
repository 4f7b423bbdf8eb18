"""Lesson 02 "Checking sourcing": its graded exercises (see medialit_grader/exercises.py for the fields)."""

from __future__ import annotations

from ..exercises import (CORE, DATA, Call, Exercise, Name, Several, Value, Widget, Written, flags, is_disputed,
                         precision_recall, require, the_widget, word_marks, words_touched)

LESSON = "02-sourcing"
CHECKS = "medialit.checks.lesson02"


# -- 2.1 the attribution-cue finder ----------------------------------------------------------------------------------
# New sentences the finder has never seen, attributions (True) and not (False) mixed: a finder must generalise, not
# list the corpus's phrases. They go into the sandbox only as the argument of the grader's call, never into the
# lesson or the kit.
NEW_SENTENCES = [
    ("Officials at the hospital said nine people were injured.", True),
    ("The bridge was repaired in May.", False),
    ("According to the regional governor, the bridge is closed.", True),
    ("The so-called buffer zone runs along the river.", False),
    ("The group denied any role in the attack.", True),
    ("The troops advanced ten kilometres overnight.", False),
    ("Local sources indicate that the road is open again.", True),
    ("This shows that the plan is working.", False),
    ("A spokesman told reporters that the talks would resume.", True),
    ("The report ran to forty pages.", False),
    ("The rebels accused the army of shelling the village.", True),
]


def _cue_key():
    import medialit as ml

    rows = [(str(r.doc), int(r.start), int(r.end)) for r in ml.load_annotations("attributions").itertuples()]
    # a cue the kit's two annotators still dispute is graded neither way: not wanted, and no false alarm if found
    out = {r for r in rows if is_disputed("attributions", *r)}
    return {"spans": set(rows) - out, "disputed": sorted(out), "new": [cue for _, cue in NEW_SENTENCES]}


def _case(result: dict, what: str):
    require(isinstance(result, dict) and "ok" in result,
            f"the patterns could not be used on {what}: {result.get('error', '') if isinstance(result, dict) else ''}")
    return result["ok"]


def _cue_rule(answer, key):
    from medialit.metrics import span_matches

    corpus, new = answer.get("corpus"), answer.get("new")
    require(isinstance(corpus, list) and len(corpus) == 1, "the patterns could not be run over the corpus")
    error = corpus[0].get("error", "") if isinstance(corpus[0], dict) else ""
    require(not str(error).startswith("NotPlain"), "the patterns match so much of the corpus that their matches "
                                                   "cannot be handed in: far too many false alarms")
    spans = _case(corpus[0], "the corpus")
    require(spans is not None, "no answer yet: replace the ... with a list of regular expressions")
    found = {(str(d), int(s), int(e)) for d, s, e in spans}
    found = {f for f in found if not any(f[0] == d and f[1] < e and s < f[2] for d, s, e in key["disputed"])}
    scores = span_matches(found, key["spans"])
    require(scores.precision >= 0.75 and scores.recall >= 0.70,
            f"precision {scores.precision:.2f}, recall {scores.recall:.2f} on the corpus (0.75 and 0.70 needed)")
    require(isinstance(new, list) and len(new) == 1, "the patterns could not be tried on new sentences")
    hits = _case(new[0], "new sentences")
    require(isinstance(hits, list) and len(hits) == len(key["new"]), "the patterns could not be tried on new "
                                                                       "sentences")
    cues = [hit is True for hit, cue in zip(hits, key["new"]) if cue]
    alarms = [hit is not False for hit, cue in zip(hits, key["new"]) if not cue]
    require(sum(cues) >= 5 and sum(alarms) <= 1,
            f"does not generalise to new sentences: it finds {sum(cues)} of {len(cues)} new attributions (5 needed) "
            f"and flags {sum(alarms)} of {len(alarms)} sentences without one (at most 1 allowed)")


# -- 2.2 kinds of source -------------------------------------------------------------------------------------------
SOURCE_KINDS_KEY = {"A": "other outlet", "B": "vague or anonymous", "C": "vague or anonymous",
                    "D": "vague or anonymous", "E": "party to the conflict", "F": "vague or anonymous",
                    "G": "party to the conflict", "H": "no source given", "I": "state media",
                    "J": "party to the conflict", "K": "party to the conflict", "L": "vague or anonymous",
                    "M": "no source given", "N": "party to the conflict", "O": "state media"}
DOUBTFUL = {"vague or anonymous", "no source given"}


def _kinds_rule(answer, key):
    given = answer.get("2.2") or {}
    require(isinstance(given, dict), "label the excerpts with the widget")
    right = sum(given.get(k) == v for k, v in key.items())
    require(right >= 11, f"{right} of {len(key)} right (11 needed)")
    flag_key = {k for k, v in key.items() if v in DOUBTFUL}
    flag_given = {k for k, v in given.items() if v in DOUBTFUL}
    p, r = precision_recall(flag_given, flag_key)
    require(p >= 0.75 and r >= 0.75, f"doubtful flags: precision {p:.2f}, recall {r:.2f} (0.75 needed for both)")


# -- 2.3 to 2.5 the relay graph of document 003 --------------------------------------------------------------------
_A, _O, _S, _M = "Syrian army command", "Syrian officials", "SANA", "Russian Defence Ministry"
_F, _P, _U, _V = "Fars News Agency", "Sputnik", "Unnamed writer", "Veterans Today"


def _edges_key():
    # The text under "Russian MoD Confirms…" is not Sputnik's: it says "Konashenkov said, Sputnik reported". The page
    # does not name its writer (another outlet, or the page's own compiler), so that writer is a node of its own:
    # ministry -> Sputnik -> unnamed writer -> Veterans Today, and "he said" (the 62) ministry -> unnamed writer.
    required = {(_O, _V), (_M, _V), (_A, _F), (_S, _F), (_A, _M), (_M, _F), (_A, _S), (_M, _P), (_P, _U), (_M, _U),
                (_A, _V), (_F, _V), (_U, _V)}
    # also allowed: the closing note read as part of the unnamed writer's text; the officials' figures from the army
    # (corpus-errors §6); Sputnik -> the page, if the unnamed writer is the page's own compiler (the page doesn't say)
    return {"required": required, "allowed": required | {(_A, _U), (_A, _O), (_P, _V)}}


def _edges_rule(answer, key):
    require(isinstance(answer, list) and all(isinstance(e, list) for e in answer),
            "expected a list of (from, to) pairs")
    given = {tuple(e) for e in answer}
    precision = len(given & key["allowed"]) / len(given) if given else 0.0
    recall = len(given & key["required"]) / len(key["required"])
    require(precision >= 0.8 and recall >= 0.8, f"precision {precision:.2f}, recall {recall:.2f} (0.8 needed for "
                                                "both)")


ROOTS_KEY = {"must": _A, "may": [_A, _O]}


def _roots_rule(answer, key):
    require(isinstance(answer, list) and all(isinstance(n, str) for n in answer), "expected a list of node names")
    roots = set(answer)
    extra = roots - set(key["may"])
    require(not extra, f"{len(extra)} of the nodes listed should not be roots: check that every hand-over is in your "
                       "graph and that the arrows point from the source to whoever passes it on")
    require(key["must"] in roots, "a root is missing: check the direction of your arrows")


def _origins_rule(answer, key):
    require(isinstance(answer, dict) and all(isinstance(v, list) for v in answer.values()),
            "expected a dict {party: [root, ...]}")
    require(len(answer) == 1, f"{len(answer)} independent origins: ask whom each root speaks for")
    listed = {n for nodes in answer.values() for n in nodes}
    require(key["must"] in listed and listed <= set(key["may"]),
            "the roots listed under the party are not the roots of the relay graph")


# -- 2.6 lateral reading -------------------------------------------------------------------------------------------
GOOD_MOVES = [
    "Search the outlet's and the writer's names on other sites: news reports, research, encyclopaedias.",
    "Look for what platforms or researchers have published about the outlet's social-media accounts.",
    "Compare a quoted official's words with that official's own published statement.",
    "Check whether the writer has a traceable record elsewhere: other articles, a real affiliation.",
]


# -- the core track (02-sourcing-core): the same skills with widgets, no code -----------------------------------------
# 2.10 mark the attribution cues. The passages (document, first words, last words): the notebook cuts the same ones
# (tests/test_lesson02_keys.py checks that they agree). Every sentence without a cue is an item that is fine; the
# passages hold the writer's own inferences that look like cues ("This means that", "once again confirmed that",
# "It is worth noting that", "was unable to verify").
CUE_PASSAGES = {
    "001": ("001", "Although Al-Masdar News was unable to verify", "before the end of the year."),
    "002": ("002", "According to pro-government sources", "have little with combating ISIS terrorists."),
    "003": ("003", "The Russian Defense Ministry said on Saturday", "hit from the air."),
    "004": ("004", "As reported by the official", "Khan Shaykhun chemical attack."),
}
NAMED, VAGUE = "named source", "vague or anonymous"
CUE_LABELS = [NAMED, VAGUE]


def passage(doc: str, first: str, last: str) -> tuple[int, str]:
    """(offset in the raw text, text) of a document from its first words to its last words."""
    import medialit as ml

    raw = ml.raw_text(doc)
    start = raw.index(first)
    return start, raw[start:raw.index(last, start) + len(last)]


def _cue_marks_key():
    """The attributions layer's cues inside the passages, as (item, start, end, named or vague) in passage offsets;
    disputed cues apart (neither wanted nor a false alarm)."""
    import medialit as ml

    layer = ml.load_annotations("attributions")
    texts, cues, doubtful = {}, [], []
    for item, (doc, first, last) in CUE_PASSAGES.items():
        offset, text = passage(doc, first, last)
        texts[item] = text
        rows = layer[(layer["doc"] == doc) & (layer["start"] < offset + len(text)) & (layer["end"] > offset)]
        for r in rows.itertuples():
            if not (offset <= r.start and r.end <= offset + len(text)):
                raise ValueError(f"2.10: passage {item} cuts the cue {r.text!r}; move its first or last words")
            cue = (item, int(r.start) - offset, int(r.end) - offset, VAGUE if r.label == VAGUE else NAMED)
            (doubtful if is_disputed("attributions", doc, int(r.start), int(r.end)) else cues).append(cue)
    return {"texts": texts, "cues": cues, "disputed": doubtful}


def _words(units: dict, spans) -> set:
    """The words (item, word number) that spans (item, start, end, ...) touch."""
    return {(item, n) for item, start, end, *_ in spans for n in words_touched(units[item], start, end)}


def _cue_marks_rule(answer, key):
    from collections import Counter

    from medialit.widgets import text_units

    units = {item: text_units(text, "word") for item, text in key["texts"].items()}
    marks = word_marks(answer, "2.10", units, CUE_LABELS)
    marked, false_alarms = {}, 0
    in_cues = _words(units, key["cues"]) | _words(units, key["disputed"])
    for item, start, end, label in marks:
        words = _words(units, [(item, start, end)])
        false_alarms += not words & in_cues
        for word in words:
            marked[word] = label
    require(marked, "mark the cues with the widget")
    # two kinds of false alarm: words around a cue (a whole sentence marked) and marks where there is no cue at all
    precision = len(set(marked) & in_cues) / len(marked)
    found = [cue for cue in key["cues"] if _words(units, [cue]) & set(marked)]
    recall = len(found) / len(key["cues"])
    require(precision >= 0.6 and recall >= 0.7,
            f"{precision:.0%} of the words you marked are in a cue (60% needed), and you found {recall:.0%} of the "
            "cues (70% needed)")
    require(false_alarms <= len(marks) // 4,
            f"{false_alarms} of your {len(marks)} marks are where no source is cited (at most a quarter allowed): "
            "the writer's own claims and inferences are not attributions")
    # the label of a found cue: the label most of its marked words carry
    given = {cue[:3] for cue in found
             if Counter(marked[w] for w in _words(units, [cue]) if w in marked).most_common(1)[0][0] == VAGUE}
    p, r = precision_recall(given, {cue[:3] for cue in found if cue[3] == VAGUE})
    if p < 0.75 or r < 0.75:
        return 1 / 3  # the cues found, the named and vague ones not told apart
    return None


# 2.11 the relay graph with the widget: the key and the rule of 2.3 (the widget gives [from, to] lists)
def _links_rule(answer, key):
    return _edges_rule(answer.get("2.11"), key)


# 2.12 the first sources (roots), ticked: the roots of 2.3's graph. The army command must be ticked; the officials may
# be (left out by a student who reads the officials' figures as the army's, as 2.4 accepts)
def _first_sources_key():
    required = _edges_key()["required"]
    return sorted({a for a, _ in required} - {b for _, b in required})


def _first_sources_rule(answer, key):
    ticked = answer.get("2.12")
    require(isinstance(ticked, list) and all(isinstance(n, str) for n in ticked), "tick sources with the widget")
    extra = set(ticked) - set(key)
    require(not extra, f"{len(extra)} of the sources you ticked got the figures from someone else, as the text "
                       "tells it: follow the arrows into them")
    require(ROOTS_KEY["must"] in ticked, "a first source is missing: whom do the others say they got the figures "
                                         "from?")


# 2.13 one origin or many: four conclusions the graph supports, four it does not (copies are not confirmations; one
# government is one origin; a news agency can relay a party; a party's figure is not false because a party gives it)
CONCLUSIONS = [
    "Every casualty figure on the page goes back to one party: the Syrian government.",
    "Russia's Defence Ministry is no second witness: its spokesman says he got his figures from the Syrian command.",
    "Syrian officials and the Syrian army command are not independent of each other: both speak for Syria's "
    "government.",
    "One hand-over cannot be checked at all: the page does not say who wrote the text that credits Sputnik.",
    "Fars, Sputnik and Veterans Today each printing the figures makes three independent confirmations.",
    "Russia's Defence Ministry is a second independent origin, because it speaks for a different government.",
    "SANA is independent of the Syrian army because it is a news agency, not a military body.",
    "Because every figure comes from a party to the conflict, the figures must be false.",
]
CONCLUSIONS_KEY = CONCLUSIONS[:4]


EXERCISES = [
    Exercise("2.1", LESSON, "test_cue_patterns", 2,
             Several(corpus=Call(f"{CHECKS}:cue_spans", ((Name("cue_patterns"),),), public=True),
                     new=Call(f"{CHECKS}:cue_hits", ((Name("cue_patterns"), tuple(s for s, _ in NEW_SENTENCES)),),
                              public=True)),
             name="cue_patterns",
             hint="Work one way of citing at a time and try each pattern on sentences of your own, e.g. "
                  "re.findall(r'(?i)\\b(?:witnesses|residents)\\b[\\w ,]{0,30}?\\b(?:claim|describe)\\w*', "
                  "'Several residents of the town describe heavy shelling'). Speech is reported with many verbs, "
                  "with 'according to', and through vague sources; a pattern that matches ordinary words costs "
                  "precision.",
             key=_cue_key, key_source="datasets/annotations/attributions.jsonl (all cues, overlap match over bodies "
                                      "and comments); six new attributions and five non-attributions",
             rule=_cue_rule, tracks=DATA),
    Exercise("2.2", LESSON, "test_source_kinds", 3, Widget("2.2"), name="source_kinds",
             hint="Ask of each excerpt: could you name and contact the source? Is it a side in the war, a news "
                  "outlet (state-owned or not), or nobody you could identify?",
             key=lambda: SOURCE_KINDS_KEY,
             key_source="a literal key for the lesson's 15 excerpts (teacher notes 2.2), checked against the "
                        "attributions layer in tests/test_lesson02_keys.py",
             rule=_kinds_rule, judgement=True),
    Exercise("2.3", LESSON, "test_relay_edges", 3, Value("relay_edges"), name="relay_edges",
             hint="One pair per hand-over: (who said it, who passes it on). Read each sentence for its speaker and "
                  "for 'citing', 'according to information received from' or 'X reported'; then ask in whose text "
                  "the sentence stands, and how that text reaches the page.",
             key=_edges_key,
             key_source="the casualty sentences of datasets/corpus/003, as the attributions layer reads them "
                        "(teacher notes 2.3; tests/test_lesson02_keys.py)",
             rule=_edges_rule, judgement=True, tracks=DATA),  # who relays whom: judgement, typed as a list
    Exercise("2.4", LESSON, "test_roots", 1, Value("roots"), name="roots",
             hint="A root is a node no arrow points into. On a toy graph T = nx.DiGraph([('spring', 'brook'), "
                  "('brook', 'river'), ('rain', 'river')]), T.out_degree(n) == 0 picks the end of the flow ('river'); "
                  "the mirror test picks where it starts.",
             key=lambda: ROOTS_KEY, key_source="the relay graph of document 003 (teacher notes 2.4)",
             rule=_roots_rule, tracks=DATA),
    Exercise("2.5", LESSON, "test_origins", 2, Value("origins"), name="origins",
             hint="Group the roots by the party they speak for: two roots that answer to the same government are "
                  "not independent of each other.",
             key=lambda: ROOTS_KEY, key_source="the relay graph of document 003 (teacher notes 2.5)",
             rule=_origins_rule, judgement=True, tracks=DATA),  # whom each root speaks for
    Exercise("2.6", LESSON, "test_lateral_moves", 2, Widget("2.6"), name="lateral_moves",
             hint="Lateral reading means leaving the page to see what others say about who is behind it. What a "
                  "site says about itself, or how it looks, is not that.",
             key=lambda: GOOD_MOVES, key_source="the lesson's ten moves (teacher notes 2.6)",
             rule=flags(0.75, 0.75, "moves", the_widget("2.6")), judgement=True),
    Exercise("2.7", LESSON, "corroboration_plan", 3, Written(), name="written corroboration plan"),
    # -- the core track: no code; every automatic point through widgets --------------------------------------------
    Exercise("2.10", LESSON, "test_cue_marks", 3, Widget("2.10"), name="cue_marks",
             hint="A cue is the reporting words with the words that name the source: in 'Hospital staff told "
                  "reporters that the ward was full' it is 'Hospital staff told'. Named: you could find out exactly "
                  "who speaks (a ministry, a named spokesman, an agency, a group the sentence names). Vague: nobody "
                  "could ('insiders', 'observers', a rumour, 'is thought', 'reportedly'). The writer's own "
                  "inferences ('this proves that', 'clearly') are not cues.",
             key=_cue_marks_key,
             key_source="datasets/annotations/attributions.jsonl: the adjudicated cues inside the four passages "
                        "(CUE_PASSAGES), disputed ones left out; label 'vague or anonymous' as the layer's, every "
                        "other kind 'named source'",
             rule=_cue_marks_rule, judgement=True, tracks=CORE),
    Exercise("2.11", LESSON, "test_relay_links", 3, Widget("2.11"), name="relay_links",
             hint="One link per hand-over: who passes the information on, and to whom. In a made-up report 'The "
                  "mayor's office said, citing the fire brigade, that the bridge is closed', printed by a local "
                  "paper, there are two links: fire brigade to mayor's office, mayor's office to the paper. A page "
                  "that reprints a whole text is a hand-over too.",
             key=_edges_key,
             key_source="the casualty sentences of datasets/corpus/003, as the attributions layer reads them: the "
                        "key of 2.3 (teacher notes 2.3 and 2.11; tests/test_lesson02_keys.py)",
             rule=_links_rule, judgement=True, tracks=CORE),
    Exercise("2.12", LESSON, "test_first_sources", 1, Widget("2.12"), name="first_sources",
             hint="A first source (a root) is one that, as the text tells it, got the information from nobody: no "
                  "arrow points into it. In the made-up chain fire brigade -> mayor's office -> local paper, only "
                  "the fire brigade is one.",
             key=_first_sources_key,
             key_source="the roots of the relay graph of document 003 (the key of 2.3), as in 2.4 (teacher notes "
                        "2.12)",
             rule=_first_sources_rule, judgement=True, tracks=CORE),
    Exercise("2.13", LESSON, "test_independence", 2, Widget("2.13"), name="independence",
             hint="Two sources are independent only if neither got the information from the other and they do not "
                  "speak for the same side: ten papers printing one agency's report are one source, not ten. Ask of "
                  "each statement whether the graph shows it, or goes further than it can.",
             key=lambda: CONCLUSIONS_KEY,
             key_source="the relay graph of document 003: its roots and their one party (ROOTS_KEY, as in 2.5), "
                        "corpus-errors §6 (teacher notes 2.13)",
             rule=flags(0.8, 0.75, "conclusions", the_widget("2.13")), judgement=True, tracks=CORE),
]
