"""Lesson 04 "Comparing casualty figures": its graded exercises (see medialit_grader/exercises.py for the fields).

Each rule reproduces the lesson's old hidden test, and also the visible checks that ran in the same test cell (under
nbgrader a failed visible check scored the cell 0), as far as they can be read from plain data.
"""

from __future__ import annotations

import re

from ..exercises import (BOTH, CORE, DATA, Call, Exercise, Name, Several, Value, Widget, Written, frame_records,
                         is_disputed, require, word_marks)

LESSON = "04-casualties"
LABELS = {"killed", "injured", "casualties"}


def _gold():
    import medialit as ml

    return ml.load_annotations("casualties")


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and x != x)


def _n(x):
    """A bound as the old hidden tests read it: missing -> None, anything else -> int."""
    if x is None or (isinstance(x, float) and x != x):
        return None
    return int(x)


# -- 4.1 figures: precision and recall against the casualties layer, through the lesson's candidate table --------
# The candidate table of the lesson (the notebook builds it with the same expression, in the same corpus order).
_W = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
      "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
_QUANTITY = (rf"(?i)(?<![\w:.,-])(?:(?:at least|up to|more than|as many as|over|some|about|around|nearly|a couple of)"
             rf"\s+)?(?:\d+(?:[.,:]\d+)*|(?:{_W})(?:-(?:{_W}))?|hundreds?|thousands?|dozens?)(?!\w)"
             r"|\b(?:unknown|an?|the)\s+number\s+of\b")


def _figures_key():
    import medialit as ml

    candidates = {}
    for d in ml.load_documents().itertuples():
        for m in re.finditer(_QUANTITY, ml.raw_text(d.id)[:d.body_end]):
            candidates[f"q{len(candidates) + 1:02d}"] = [d.id, m.start(), m.end()]
    rows = [[r.doc, int(r.start), int(r.end), r.label] for r in _gold().itertuples() if r.part != "comment"]
    # a figure the kit's two annotators could not agree on is not graded either way (exercises.disputed)
    disputed = [g for g in rows if is_disputed("casualties", g[0], g[1], g[2])]
    return {"candidates": candidates, "gold": [g for g in rows if g not in disputed],
            "disputed": [g[:3] for g in disputed]}


def _figures_rule(answer, key):
    require(isinstance(answer, dict), "expected a dict {candidate id: label}")
    require(set(answer) <= {f"q{n:02d}" for n in range(1, 100)}, "use the ids of the candidate table (q01, q02, …)")
    require(set(answer.values()) <= LABELS, "labels are 'killed', 'injured' or 'casualties'")
    require(0 < len(answer) < len(key["candidates"]),
            "keep some candidates and leave others out (not every number counts people hurt)")
    gold = [tuple(g) for g in key["gold"]]

    def open_question(cid):
        d, s, e = key["candidates"].get(cid, (None, 0, 0))
        return any(g[0] == d and g[1] < e and s < g[2] for g in key.get("disputed", []))

    answer = {c: l for c, l in answer.items() if not open_question(c)}

    def hits(cid, label):
        if cid not in key["candidates"]:
            return []
        d, s, e = key["candidates"][cid]
        return [g for g in gold if g[0] == d and g[1] < e and s < g[2] and g[3] == label]

    found = {g for c, l in answer.items() for g in hits(c, l)}
    precision = sum(bool(hits(c, l)) for c, l in answer.items()) / max(len(answer), 1)
    recall = len(found) / len(gold)
    require(precision >= 0.85 and recall >= 0.85,
            f"precision {precision:.2f}, recall {recall:.2f} (both must be ≥ 0.85)")


# -- 4.2 and 4.3 parse_figure: the student's function called on phrases in the sandbox ----------------------------
TABLE = {"62": (62, 62), "1,200": (1200, 1200), "Eighty": (80, 80), "sixty-two": (62, 62), "some 80": (80, 80),
         "about 80": (80, 80), "around 80": (80, 80), "approximately 80": (80, 80), "roughly 80": (80, 80),
         "a couple of hundred": (200, 200), "at least 80": (80, None), "no fewer than 80": (80, None),
         "over 100": (101, None), "more than 100": (101, None), "up to 100": (None, 100),
         "as many as 100": (None, 100), "dozens": (24, None), "hundreds": (200, None),
         "unknown number": (None, None), "a number of": (None, None)}
UNSEEN = {"Sixty-two": (62, 62), "at least 15": (15, None), "Over 30": (31, None), "more than 1,500": (1501, None),
          "As many as 90": (None, 90), "up to 30": (None, 30), "Hundreds": (200, None),
          "no fewer than 83": (83, None), "eight": (8, 8), "around 40": (40, 40), "approximately 30": (30, 30),
          "Dozens": (24, None), "ninety": (90, 90), "  at least 120 ": (120, None), "forty-five": (45, 45),
          "roughly 12": (12, 12), "110": (110, 110), "some 100": (100, 100), "A Couple of Hundred": (200, 200),
          "unknown number of": (None, None), "About 150": (150, 150), "the number of": (None, None)}
# the phrases of the visible checks (medialit/checks/lesson04.py), which ran in both test cells of the parser
FORM = ["80", "some 80", "up to 100", "over 100", "dozens", "Eighty", "unknown number of"]
SAME = [("  SOME 80 ", "some 80"), ("Up To 100", "up to 100")]
_FORM_PHRASES = FORM + [p for pair in SAME for p in pair]


def _parser_call(graded: list[str]) -> Call:
    return Call("parse_figure", tuple((p,) for p in graded + _FORM_PHRASES))


def _bound(x) -> bool:
    return x is None or (isinstance(x, int) and not isinstance(x, bool) and x >= 0)


def _pair(case) -> bool:
    v = case.get("ok") if isinstance(case, dict) else None
    return isinstance(v, list) and len(v) == 2 and all(_bound(x) for x in v)


def _parser_results(answer, graded: list[str]) -> dict:
    """{phrase: case} for the graded phrases, after the visible checks' form conditions."""
    require(isinstance(answer, list) and len(answer) == len(graded) + len(_FORM_PHRASES),
            "parse_figure could not be called on the phrases")
    form = dict(zip(_FORM_PHRASES, answer[len(graded):]))
    require(all(_pair(form[p]) for p in FORM),
            "parse_figure must return a tuple (low, high) of whole numbers ≥ 0 or None for every phrase, without "
            "an error (visible check)")
    require(all(lo is None or hi is None or lo <= hi for lo, hi in (form[p]["ok"] for p in FORM)),
            "low is never above high (visible check)")
    require(all("ok" in form[a] and form[a] == form[b] for a, b in SAME),
            "parse_figure must ignore upper/lower case and surrounding spaces (visible check)")
    return dict(zip(graded, answer[:len(graded)]))


def _right(case, want) -> bool:
    return isinstance(case, dict) and "ok" in case and case["ok"] == list(want)


def _table_rule(answer, key):
    got = _parser_results(answer, list(key))
    wrong = [p for p, want in key.items() if not _right(got[p], want)]
    require(not wrong, f"parsed differently from the convention table: {wrong}")


def _unseen_rule(answer, key):
    got = _parser_results(answer, list(key))
    right = sum(_right(got[p], want) for p, want in key.items())
    require(right >= 0.9 * len(key), f"{right} of {len(key)} unseen phrases follow the convention (90% needed)")


# -- 4.4 and 4.5: label tables --------------------------------------------------------------------------------------
def _table_of(question: str, need: int, items_what: str, labels_needed: int, labels_what: str):
    def rule(answer, key):
        given = answer.get(question) if isinstance(answer, dict) else None
        require(isinstance(given, dict), "answer with the widget: one label per item")
        require(set(given) == set(key), f"label every item ({items_what})")
        require(len(set(given.values())) >= labels_needed, labels_what)
        right = sum(given.get(k) in (v if isinstance(v, list) else [v]) for k, v in key.items())  # a list: either
        require(right >= need, f"{right} of {len(key)} right ({need} needed)")
    return rule


ROOTS_KEY = {"A": "not stated", "B": "Syrian government", "C": "Syrian government", "D": "Syrian government",
             "E": "Syrian government", "F": "Syrian government", "G": "not stated", "H": "US Central Command",
             "I": "a reader's own claim"}
# 7: Fars puts "some 80" in the General Command's mouth, whose statement as SANA carried it gave no number
# (references/events.md §1; lesson section 4). 4: the note names the Syrian army and a time, but no checked source has
# an official Syrian 80: "sound" and "questionable" are both accepted (a list: either; teacher-notes.md).
JUDGEMENTS_KEY = {"1": "sound", "2": "sound", "3": "questionable", "4": ["sound", "questionable"], "5": "questionable",
                  "6": "sound", "7": "questionable", "8": "questionable"}


# -- 4.6 deir_figures: the table of document 003's figures ---------------------------------------------------------
def _deir_key():
    g = _gold()
    return [[r.label, _n(r.low), _n(r.high)] for r in g[g["doc"] == "003"].sort_values("start").itertuples()]


def _deir_rule(answer, key):
    rows = frame_records(answer)
    require({"order", "source", "label", "low", "high"} <= set(rows[0]) if rows else False,
            "a table with rows and the columns order, source, label, low, high is needed")
    require(all(r["label"] in LABELS for r in rows), "labels are 'killed', 'injured' or 'casualties'")
    orders = [r["order"] for r in rows]
    require(len({str(o) for o in orders}) == len(orders), "order numbers must be distinct")
    require(all(r["low"] is None or r["high"] is None or float(r["low"]) <= float(r["high"]) for r in rows),
            "low is never above high")
    require(all(isinstance(r["source"], str) and r["source"].strip() for r in rows), "every row names its source")
    have = [(str(r["label"]), _n(r["low"]), _n(r["high"]))
            for r in sorted(rows, key=lambda r: (r["order"] is None, r["order"]))]
    want = [tuple(w) for w in key]
    require(len(have) == len(want),
            f"{len(have)} rows; the figures of document 003 and the reader's make a different number")
    diff = sum(a != b for a, b in zip(have, want))
    require(diff <= 1, f"{diff} rows differ in label or interval (at most 1 allowed)")


# -- 4.7 the chart ------------------------------------------------------------------------------------------------
SLUR = re.compile(r"(?i)zio|bastard|shite|\bcock\b|\bkike")


def _ends_key():
    g = _gold()
    g = g[g["doc"] == "003"]
    return sorted({float(x) for x in list(g["low"]) + list(g["high"]) if x == x})


def _plot_rule(answer, key):
    ax = answer.get("ax")
    require(isinstance(ax, dict) and ax.get("kind") == "axes", "expected a matplotlib Axes in ax")
    require(str(ax["title"]).strip() and str(ax["xlabel"]).strip(), "a title and an x-axis label are needed")
    xs, ys = set(), set()

    def add(x, y):
        if x is not None and y is not None:
            xs.add(round(float(x), 1))
            ys.add(round(float(y), 1))

    for line in ax["lines"]:
        for x, y in line:
            add(x, y)
    for collection in ax["collections"]:
        for segment in collection:
            for x, y in segment:
                add(x, y)
    for x, y, w, h in ax["bars"]:
        if None not in (x, y, w, h):
            add(x, y + h / 2)
            add(x + w, y)
    require(set(key) <= xs, "the plotted ends do not match the figures' intervals")
    require(len(ys) >= 10, "one row per figure expected")
    texts = answer.get("texts")
    require(isinstance(texts, list) and len(texts) == 1 and "ok" in texts[0],
            "the texts of the chart could not be read")
    require(not any(SLUR.search(str(t)) for t in texts[0]["ok"]), "keep labels to source names")


# -- 4.8 reasons: a checklist -------------------------------------------------------------------------------------
REASONS = ["Counts change with time: the monitor's own figure rose from 30 to 90 within about a day as information "
           "came in.",
           "Different people counted: a party to the fighting, an independent monitor, and an investigation by the "
           "side that carried out the strike.",
           "'At least 15 confirmed' is a documented floor, so it does not contradict a higher figure.",
           "A figure passed on by a second party (Russia's ministry citing the Syrian command) is not an independent "
           "confirmation of it.",
           "Some figures count the killed and the injured together, others only the killed.",
           "Counts change with time: the US investigation raised its figure from 15 to 62 as it learned more.",
           "Russia's ministry and Fars both give the Syrian command's figure, so that figure is confirmed twice over.",
           "When two counts differ, at least one source must be lying.",
           "The highest figure is the most trustworthy, because it leaves nobody out.",
           "The US count is the right one, because investigators are neutral.",
           "A party to a conflict can never give an accurate figure."]


REASONS_RIGHT = REASONS[:5]  # the options are shown in ml.display_order, never in this order


def _reasons_rule(answer, key):
    ticked = answer.get("4.8") if isinstance(answer, dict) else None
    require(isinstance(ticked, list) and ticked, "tick the statements with the check boxes")
    ticked = {t for t in ticked if isinstance(t, str)}
    right = set(key)
    need = len(REASONS) - 1  # one slip allowed
    correct = sum((o in ticked) == (o in right) for o in REASONS)
    require(correct >= need, f"{correct} of {len(REASONS)} options judged right ({need} needed)")



# == the core track (04-casualties-core): the same skills with widgets, no code to write ===========================
# -- 4.10 mark the casualty figures in twelve passages: precision and recall against the casualties layer ----------
# Each passage is the stretch of a document from its first to its last words (the notebook builds the same texts from
# the same literal anchors; tests/test_lesson04_keys.py checks that they agree). Three passages hold no casualty
# figure at all (soldiers sent, aircraft and strikes, "a number of" analysts): items that are fine.
PASSAGES = {
    "p1": ("000", "About 150 servicemen", "SMART News agency."),
    "p2": ("002", "However, government forces", "US-backed groups."),
    "p3": ("002", "The SAA has repelled", "in Deir Ezzor."),
    "p4": ("003", "Breaking: US Bombs", "Airstrike in Deir Ezzur"),
    "p5": ("003", "[Editor’s note: Syrian officials", "wounding up to 100."),
    "p6": ("003", "TEHRAN (FNA)- The General Command", "injuring dozens more."),
    "p7": ("003", "Eighty Syrian soldiers", "Syrian General Command."),
    "p8": ("003", "Four strikes against", "it added."),
    "p9": ("003", "As a result of the attack", "he said."),
    "p10": ("003", "The ceasefire stipulated", "increased to 80.)"),
    "p11": ("004", "As reported by the official", "as a result of the airstrike."),
    "p12": ("004", "A number of Syrian military analysts", "U.S. ‘partners’."),
}
MARK_SLACK = 4  # words a marked span may take in on each side of the figure ("killing some 80 soldiers")


def passage(doc: str, first: str, last: str) -> tuple[int, str]:
    """(offset, text) of the stretch of a document from ``first`` to the end of ``last``."""
    import medialit as ml

    raw = ml.raw_text(doc)
    start = raw.index(first)
    return start, raw[start:raw.index(last, start) + len(last)]


def _marks_key():
    """{"texts": {passage: text}, "gold": [[passage, start, end, label], ...], "disputed": [[passage, start, end]]}:
    every figure of the casualties layer inside the passages, offsets into the passage's text."""
    g = _gold()
    key = {"texts": {}, "gold": [], "disputed": []}
    for item, (doc, first, last) in PASSAGES.items():
        at, text = passage(doc, first, last)
        key["texts"][item] = text
        rows = g[(g["doc"] == doc) & (g["start"] < at + len(text)) & (g["end"] > at)]
        for r in rows.itertuples():
            if not (r.start >= at and r.end <= at + len(text)):
                raise ValueError(f"passage {item} cuts the figure {r.text!r} of document {doc}")
            if is_disputed("casualties", doc, int(r.start), int(r.end)):
                key["disputed"].append([item, int(r.start) - at, int(r.end) - at])
            else:
                key["gold"].append([item, int(r.start) - at, int(r.end) - at, r.label])
    return key


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def _marks_rule(answer, key):
    texts, gold = key["texts"], [tuple(g) for g in key["gold"]]
    given = []
    for item, start, end, label in word_marks(answer, "4.10", texts, LABELS):
        if any(d[0] == item and d[1] < end and start < d[2] for d in key["disputed"]):
            continue  # the kit's two annotators did not agree here: not graded either way
        given.append((item, start, end, label))
    found = set()
    hits = 0
    for item, start, end, label in given:
        inside = [g for g in gold if g[0] == item and g[1] < end and start < g[2]]
        if len(inside) != 1:
            continue  # no figure, or two figures run together in one mark
        g = inside[0]
        text = texts[item]
        loose = _words(text[start:g[1]]) > MARK_SLACK or _words(text[g[2]:end]) > MARK_SLACK
        if g[3] == label and not loose and g not in found:
            found.add(g)
            hits += 1
    precision = hits / max(len(given), 1)
    recall = len(found) / len(gold)
    require(precision >= 0.8 and recall >= 0.8,
            f"precision {precision:.2f}, recall {recall:.2f} on the figures you marked (both must be ≥ 0.80)")


# -- 4.11 each figure as an interval, in the widget's terms: no lower bound -> 0, no upper bound -> None -----------
# a-h: figures of document 003 as the casualties layer records them (doc, text as printed); i-l: phrases that follow
# the lesson's convention, from the unseen phrases of 4.3 (UNSEEN).
INTERVAL_ITEMS = {"a": ("003", "up to 100"), "b": ("003", "some 80"), "c": ("003", "dozens"), "d": ("003", "Eighty"),
                  "e": ("003", "over 100"), "f": ("003", "62"), "g": ("003", "some 100"),
                  "h": ("003", "a couple of hundred"),
                  "i": (None, "at least 15"), "j": (None, "more than 1,500"), "k": (None, "Hundreds"),
                  "l": (None, "As many as 90")}
INTERVALS_NEED = 10


def _intervals_key():
    g = _gold()
    key = {}
    for item, (doc, text) in INTERVAL_ITEMS.items():
        if doc is None:
            low, high = UNSEEN[text]
        else:
            rows = g[(g["doc"] == doc) & (g["text"] == text)]
            if len(rows) != 1 or is_disputed("casualties", doc, int(rows.iloc[0]["start"]), int(rows.iloc[0]["end"])):
                raise ValueError(f"4.11 {item}: {text!r} is not one undisputed figure of document {doc}")
            low, high = _n(rows.iloc[0]["low"]), _n(rows.iloc[0]["high"])
        if low is None and high is None:
            raise ValueError(f"4.11 {item}: {text!r} states no number; the interval widget cannot say so")
        key[item] = [0 if low is None else low, high]
    return key


def _intervals_rule(answer, key):
    given = answer.get("4.11") if isinstance(answer, dict) else None
    require(isinstance(given, dict) and given, "enter the intervals in the widget")
    right = sum(isinstance(given.get(k), list) and list(given[k]) == v for k, v in key.items())
    require(right >= INTERVALS_NEED,
            f"{right} of {len(key)} rows follow the convention ({INTERVALS_NEED} needed)")


# -- 4.12 who knows most directly: the chain of one figure, from the layer ----------------------------------------
# The Fars sentence "Eighty Syrian soldiers were killed …": cited Konashenkov, citing the Syrian General Command;
# relayed by Fars, reprinted by Veterans Today. A reader's figure with no source comes after everyone in a chain.
RANK_ITEMS = {"command": "General Command", "ministry": "Konashenkov", "fars": "Fars", "vt": "Veterans Today"}
RANK_NEED = 0.9  # share of the pairs in the key's order (one swap of neighbours allowed)


def _ranking_key():
    g = _gold()
    row = g[(g["doc"] == "003") & (g["text"] == "Eighty")].iloc[0]
    chain = list(reversed(str(row["cited"]).split(", citing ")))            # the root first
    relays = str(row["relayed_by"]).rstrip(")").split(" (reprinted by ")  # the first relay first
    order = []
    for who in chain + relays:
        ids = [i for i, name in RANK_ITEMS.items() if name in who]
        if len(ids) != 1:
            raise ValueError(f"4.12: {who!r} of the layer names no one item")
        order.append(ids[0])
    readers = g[g["root"] == "a reader"]
    if len(readers) != 1 or not _missing(readers.iloc[0]["cited"]):  # a reader's figure, citing nobody
        raise ValueError("4.12: the layer's reader figure is not a claim without a source")
    return order + ["reader"]


def _pairs_in_order(given: list, key: list) -> float:
    place = {k: n for n, k in enumerate(given)}
    pairs = [(a, b) for n, a in enumerate(key) for b in key[n + 1:]]
    return sum(place[a] < place[b] for a, b in pairs) / len(pairs)


def _ranking_rule(answer, key):
    given = answer.get("4.12") if isinstance(answer, dict) else None
    require(isinstance(given, list) and sorted(map(str, given)) == sorted(key), "put all five in order")
    share = _pairs_in_order([str(x) for x in given], key)
    require(share >= RANK_NEED, f"{share:.0%} of the pairs are in a defensible order ({RANK_NEED:.0%} needed)")


EXERCISES = [
    Exercise("4.1", LESSON, "test_figures", 3, Value("figures"), name="figures",
             hint="Keep only the candidates that count people killed or injured (or say that the number is "
                  "unknown), and give each the label for what it counts. Read each context: a number of aircraft, "
                  "strikes, vehicles or soldiers sent is not a casualty figure.",
             key=_figures_key,
             key_source="datasets/annotations/casualties.jsonl (headline and body figures), matched to the lesson's "
                        "candidate table built from datasets/corpus",
             rule=_figures_rule, judgement=True, tracks=DATA),
    Exercise("4.2", LESSON, "test_parse_figure_table", 2, _parser_call(list(TABLE)), name="parse_figure",
             hint="Work through the convention table row by row: find the number (digits or words) first, then look "
                  "at the words in front of it. A phrase with no number gives (None, None).",
             key=lambda: TABLE, key_source="the lesson's convention table (20 phrases and their intervals)",
             rule=_table_rule, tracks=DATA),
    Exercise("4.3", LESSON, "test_parse_figure_unseen", 2, _parser_call(list(UNSEEN)), name="parse_figure",
             hint="Work through the convention table row by row: find the number (digits or words) first, then look "
                  "at the words in front of it. A phrase with no number gives (None, None).",
             key=lambda: UNSEEN,
             key_source="22 phrases not shown in the lesson, with their intervals under its convention (literal)",
             rule=_unseen_rule, tracks=DATA),
    Exercise("4.4", LESSON, "test_roots", 2, Widget("4.4"), name="roots",
             hint="Follow each chain back: who told whom? The outlet that prints a figure, and the person it quotes, "
                  "may only be passing on someone else's count.",
             key=lambda: ROOTS_KEY, key_source="literal: the root of each of the nine statements (teacher-notes.md); "
                                               "tests/test_lesson04_keys.py checks it against the casualties layer",
             rule=_table_of("4.4", 8, "A to I", 2, "use more than one label (the figures do not all come from one "
                                                     "place)"),
             judgement=True),
    Exercise("4.5", LESSON, "test_judgements", 2, Widget("4.5"), name="judgements",
             hint="Ask of each sentence: can a reader tell where the figure comes from and how firm it is? Then "
                  "check the attribution against the record: what the same source is quoted as saying elsewhere in "
                  "the document, and what the table of outside figures shows it said.",
             key=lambda: JUDGEMENTS_KEY,
             key_source="literal: sound or questionable for each of the eight sentences (item 4 accepts either); "
                        "reasons in teacher-notes.md, checked against the casualties layer by "
                        "tests/test_lesson04_keys.py",
             rule=_table_of("4.5", 7, "1 to 8", 2, "use both labels (careful reporting exists too)"),
             judgement=True),
    Exercise("4.6", LESSON, "test_deir_figures", 1, Value("deir_figures"), name="deir_figures",
             hint="Start from your candidates in document 003 that you kept in `figures`, add the reader's figure, "
                  "parse each phrase with parse_figure, and number the rows in reading order.",
             key=_deir_key, key_source="datasets/annotations/casualties.jsonl (document 003, in text order)",
             rule=_deir_rule, further=True, tracks=DATA),
    Exercise("4.7", LESSON, "test_plot_intervals", 1,
             Several(ax=Value("ax"), texts=Call("medialit.checks.lesson04:chart_texts", ((Name("ax"),),),
                                                public=True)),
             name="ax",
             hint="Draw one horizontal interval per row (ax.hlines or ax.plot), a marker where low equals high, and "
                  "show open ends; keep the Axes in ax, with a title and an x-axis label.",
             key=_ends_key, key_source="datasets/annotations/casualties.jsonl (the interval ends in document 003)",
             rule=_plot_rule, further=True, tracks=DATA),
    Exercise("4.8", LESSON, "test_reasons", 2, Widget("4.8"), name="reasons",
             hint="Tick a statement only if its evidence is right as well as its idea: check each number and each "
                  "name against the table of outside figures. Leave the ones that would make any disagreement look "
                  "like a lie.",
             key=lambda: REASONS_RIGHT,
             key_source="literal: the five supported statements of the lesson's eleven (references/events.md §1)",
             rule=_reasons_rule, judgement=True),
    Exercise("4.9", LESSON, "explanation", 3, Written(), name="written explanation"),
    # -- the core track: the same skills with widgets (4.4, 4.5, 4.8, 4.9 and 4.12 are in both tracks) -------------
    Exercise("4.10", LESSON, "test_marked_figures", 3, Widget("4.10"), name="marked figures",
             hint="Mark a number only when it counts people killed or injured, or when the words say how many are "
                  "unknown; give it the label of what it counts. In \"the fire crews, 3 of them, reached the mall at "
                  "6 pm; 12 shoppers were hurt\", only \"12\" is a casualty figure (injured): the crews and the time "
                  "are numbers of something else. A phrase like \"an untold number of\" people dead is a figure too.",
             key=_marks_key,
             key_source="datasets/annotations/casualties.jsonl: every figure inside the twelve passages (PASSAGES), "
                        "offsets into each passage; disputed figures left out",
             rule=_marks_rule, judgement=True, tracks=CORE),
    Exercise("4.11", LESSON, "test_intervals", 2, Widget("4.11"), name="intervals",
             hint="Ask what the words commit to, as in prices: \"under 5 euros\" is lowest 0 and highest 5; "
                  "\"from 3 euros\" is lowest 3 and no upper limit; \"about 4 euros\" is 4 and 4; \"more than 3 "
                  "euros\" starts at 4. Then apply the lesson's convention table, row by row.",
             key=_intervals_key,
             key_source="rows a-h: datasets/annotations/casualties.jsonl (low, high of document 003's figures); rows "
                        "i-l: the lesson's convention (UNSEEN); no lower bound entered as 0",
             rule=_intervals_rule, tracks=CORE),
    Exercise("4.12", LESSON, "test_who_knows", 2, Widget("4.12"), name="who knows",
             hint="Picture a flood: the river authority measured the water; a news agency quoted the authority; a "
                  "newspaper printed the agency's story; a neighbour online guessed a higher level. Each step away "
                  "from the measurement is one more hand the number passed through; a guess with no source is "
                  "further still.",
             key=_ranking_key,
             key_source="datasets/annotations/casualties.jsonl: the chain (cited, relayed_by) of document 003's "
                        "\"Eighty\", then the reader's figure (root: a reader, citing nobody)",
             rule=_ranking_rule, judgement=True, further=True, tracks=BOTH),
]
