"""Lesson 05 "Recognising propaganda techniques": its graded exercises (see medialit_grader/exercises.py for the
fields).

The student's regular expressions (the lexicon) are never compiled here: public helpers of
``medialit.checks.lesson05`` apply them to corpus text in the sandbox and hand back plain spans or counts, which the
rules score against keys computed here from the kit's annotation layer."""

from __future__ import annotations

import re

from ..exercises import (CORE, DATA, Build, Call, Exercise, Name, Several, Value, Widget, Written, Wrong, disputed,
                         flags, frame_records, is_disputed, require, the_widget, word_marks)

LESSON = "05-propaganda"
CHECKS = "medialit.checks.lesson05"


def _ml():
    import medialit as ml

    return ml


def _scores(predicted, gold):
    from medialit.metrics import semeval_span_scores

    return semeval_span_scores(predicted, gold)


PRACTICE = ("004", "004-c01")  # the practice texts (medialit.checks.lesson05.PRACTICE): 004's body, its first comment


def _practice_gold() -> list[tuple]:
    g = _ml().load_annotations("propaganda")
    return [(r.doc, int(r.start), int(r.end), r.label) for r in g.itertuples() if r.region in PRACTICE]


def _case(answer, what: str):
    """The result of one Call case, or Wrong with the error the student's code raised."""
    require(isinstance(answer, dict), f"{what}: no result")
    if "ok" not in answer:
        raise Wrong(f"{what}: {str(answer.get('error', 'no result'))[:200]}")
    return answer["ok"]


def _close(a, b) -> bool:
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(float(a) - b) < 1e-9


# -- 5.1 the label table ----------------------------------------------------------------------------------------
QUIZ_KEY = {"1": "Name calling or labelling", "2": "no technique", "3": "Black-and-white fallacy",
            "4": "Thought-terminating cliché", "5": "Appeal to authority", "6": "no technique", "7": "Bandwagon"}


def _quiz_rule(answer, key):
    given = answer.get("5.1") or {}
    require(isinstance(given, dict), "answer every excerpt with the widget")
    right = sum(given.get(k) == v for k, v in key.items())
    require(right >= 5, f"{right} of {len(key)} right (5 needed)")
    require(sum(given.get(k) == "Loaded language" for k in key) < len(key), "every excerpt has the same label")


# -- 5.2 everything_scores ---------------------------------------------------------------------------------------
def _everything_key():
    from medialit.checks.lesson05 import practice_texts

    ml = _ml()
    lazy = [(r.doc, r.start + s, r.start + e, "Loaded language") for r in practice_texts().itertuples()
            for s, e in ml.text_units(r.text, "sentence")]
    s = _scores(lazy, _practice_gold())
    return {"precision": s.precision, "recall": s.recall}


def _everything_rule(answer, key):
    (case,) = answer
    got = _case(case, "everything_scores could not be read")
    require(isinstance(got, dict), "everything_scores is not the result of ml.semeval_span_scores")
    require(_close(got.get("precision"), key["precision"]), "precision differs from what labelling every "
                                                            "sentence of the practice texts scores")
    require(_close(got.get("recall"), key["recall"]), "recall differs from what labelling every sentence of the "
                                                      "practice texts scores")
    require(isinstance(got.get("f1"), (int, float)) and got["f1"] < 0.3, "the F1 is not that of labelling "
                                                                          "everything")


# -- 5.3–5.5 the word marker (seven passages) ----------------------------------------------------------------------------------
PASSAGES = {"A": ("002", 3644, 3962), "B": ("003", 1163, 1396), "C": ("000", 5280, 5666), "D": ("000", 4305, 4541),
            "E": ("003", 483, 799), "F": ("003", 3191, 3409), "G": ("001", 1283, 1453)}


def _passages_key():
    g = _ml().load_annotations("propaganda")
    gold = [(k, int(r.start) - s, int(r.end) - s, r.label) for k, (d, s, e) in PASSAGES.items()
            for r in g.itertuples() if r.doc == d and s <= r.start and r.end <= e]
    return {"gold": gold, "techniques": sorted(_ml().LAYERS["propaganda"].labels)}


def _marks(answer, key) -> list[tuple]:
    marks = word_marks(answer, "5.3", PASSAGES)
    require(all(isinstance(m[3], str) for m in marks), "each span needs a label")
    return marks


def _where_rule(answer, key):
    marks = _marks(answer, key)
    require({m[3] for m in marks} <= set(key["techniques"]), "use technique names as labels")
    where = _scores([(*m[:3], "span") for m in marks], [(*g[:3], "span") for g in key["gold"]])
    require(where.f1 >= 0.5, f"where (labels ignored): precision {where.precision:.2f}, recall {where.recall:.2f}, "
                             f"F1 {where.f1:.2f} (0.5 needed)")


def _which_rule(answer, key):
    which = _scores(_marks(answer, key), key["gold"])
    require(which.f1 >= 0.4, f"which technique: precision {which.precision:.2f}, recall {which.recall:.2f}, "
                             f"F1 {which.f1:.2f} (0.4 needed)")


def _plain_rule(answer, key):
    marks = _marks(answer, key)
    require(len({m[0] for m in marks}) < len(PASSAGES), "at least one passage must be left without spans")
    plain = [k for k in PASSAGES if not any(g[0] == k for g in key["gold"])]
    marked = {m[0] for m in marks}
    require(sum(k not in marked for k in plain) >= len(plain) - 1, "plain passages marked as propaganda")
    require(sum(k in marked for k in PASSAGES if k not in plain) >= 3, "passages with techniques left unmarked")


# -- 5.6 apply_lexicon -------------------------------------------------------------------------------------------
LEXICON_CASES = (
    ("five corpus texts", "sample_lexicon", "lexicon_sample_texts"),
    ("a made-up text at offset 7 with upper-case words", "sample_lexicon", "lexicon_odd_text"),
    ("the public toy example", "toy_lexicon", "toy_text"),
)  # (what, public builder of the lexicon, public builder of the texts)


def _reference_matches(lexicon, texts) -> set:
    """The instructor's reference apply_lexicon (run here on the instructor's own patterns only)."""
    return {(str(r.doc), int(r.start) + m.start(), int(r.start) + m.end(), t) for r in texts.itertuples()
            for t, ps in lexicon.items() for p in ps for m in re.finditer(p, r.text, re.IGNORECASE)
            if m.end() > m.start()}


def _apply_key():
    return [_reference_matches(Build(f"{CHECKS}:{lex}").make(), Build(f"{CHECKS}:{texts}").make())
            for _, lex, texts in LEXICON_CASES]


def _rows(plain, what) -> set:
    records = frame_records(plain)
    require(all({"doc", "start", "end", "label"} <= set(r) for r in records),
            f"{what}: the result needs the columns doc, start, end and label")
    out = set()
    for r in records:
        require(all(isinstance(r[k], (int, float)) and not isinstance(r[k], bool) and float(r[k]).is_integer()
                    for k in ("start", "end")), f"{what}: start and end must be whole numbers")
        out.add((str(r["doc"]), int(r["start"]), int(r["end"]), str(r["label"])))
    return out


def _apply_rule(answer, key):
    require(isinstance(answer, list) and len(answer) == len(key), "apply_lexicon was not called on every case")
    for (what, _, _), case, expected in zip(LEXICON_CASES, answer, key):
        got = _rows(_case(case, f"apply_lexicon on {what} failed"), what)
        missing, extra = len(expected - got), len(got - expected)
        require(not missing and not extra,
                f"on {what}: {missing} match(es) missing and {extra} that should not be there "
                "(case ignored? offsets into the document? empty matches left out?)")


# -- 5.7 lexicon, practice_scores, per_technique; the lexicon graded on held-out text ------------------------------
HELDOUT_FOUND = 2         # key spans of the held-out texts the lexicon must find (overlap, same technique) ...
HELDOUT_PRECISION = 0.2   # ... with at least this span precision there


def _heldout_regions() -> dict:
    """{region: (doc, start, end)} of every annotated text but the practice ones, from the layer's build script
    (the one list of what was annotated, plain texts included: article bodies, chosen comments, headlines)."""
    import runpy

    build = runpy.run_path(str(_ml().data_dir() / "tools" / "build_propaganda_layer.py"))
    regions = build["regions"]()
    return {name: (str(d), int(s), int(e)) for name, (d, s, e) in regions.items() if name not in PRACTICE}


def _heldout_gold(regions: dict) -> list[tuple]:
    """The key's spans in the held-out regions, without those the kit's two annotators still dispute."""
    g = _ml().load_annotations("propaganda")
    return [(r.doc, int(r.start), int(r.end), r.label) for r in g.itertuples()
            if r.region in regions and not is_disputed("propaganda", r.doc, int(r.start), int(r.end))]


def _disputed_spans() -> list[tuple]:
    return sorted((u.partition(":")[0], *map(int, u.partition(":")[2].split("-"))) for u in disputed("propaganda"))


def _lexicon_key():
    regions = _heldout_regions()
    return {"gold": _practice_gold(), "heldout": _heldout_gold(regions), "regions": sorted(regions.values()),
            "disputed": _disputed_spans(),
            "techniques": sorted(_ml().LAYERS["propaganda"].labels)}


def _found(pred, gold) -> int:
    """How many gold spans some predicted span overlaps with the same technique."""
    return sum(any(p[0] == g[0] and p[3] == g[3] and p[1] < g[2] and g[1] < p[2] for p in pred) for g in gold)


def _lexicon_rule(answer, key):
    require(isinstance(answer.get("spans"), list) and len(answer["spans"]) == 1, "lexicon could not be read")
    found = _case(answer["spans"][0], "the lexicon could not be applied")
    require(isinstance(found, dict), "lexicon could not be read")
    require(set(found["techniques"]) <= set(key["techniques"]), "use technique names from the taxonomy")
    require(len(found["techniques"]) >= 3 and found["patterns"] >= 6,
            "the lexicon needs at least 3 techniques with at least 6 patterns in all")
    require(found["empty"] == 0, "a pattern can match empty text")
    pred = [(str(d), int(s), int(e), str(t)) for d, s, e, t in found["spans"]]
    gold = [tuple(g) for g in key["gold"]]
    s = _scores(pred, gold)
    require(isinstance(answer.get("scores"), list) and len(answer["scores"]) == 1,
            "practice_scores could not be read")
    given = _case(answer["scores"][0], "practice_scores could not be read")
    require(isinstance(given, dict) and _close(given.get("precision"), s.precision)
            and _close(given.get("recall"), s.recall),
            "practice_scores is not the score of your lexicon's spans on the practice texts against practice_spans")
    per = answer.get("per_technique")
    require(isinstance(per, dict), "per_technique should be a dict {technique: F1}")
    wanted = set(found["techniques"]) | {g[3] for g in gold}
    require(set(per) == wanted, "per_technique needs every technique of the lexicon or the practice spans, and "
                                "no other")
    wrong = sum(not _close(per[t], _scores([p for p in pred if p[3] == t], [g for g in gold if g[3] == t]).f1)
                for t in wanted)
    require(wrong == 0, f"the F1 of {wrong} technique(s) in per_technique is not right")
    # the lexicon itself is judged on the texts it was not built from
    require(isinstance(answer.get("heldout"), list) and len(answer["heldout"]) == 1,
            "the lexicon could not be applied to the held-out texts")
    spans = _case(answer["heldout"][0], "the lexicon could not be applied to the held-out texts")
    require(isinstance(spans, list), "the lexicon could not be applied to the held-out texts")
    where = [tuple(r) for r in key["regions"]]
    held = [(str(d), int(s), int(e), str(t)) for d, s, e, t in spans
            if any(str(d) == rd and rs <= int(s) and int(e) <= re_ for rd, rs, re_ in where)
            and not any(str(d) == dd and ds < int(e) and int(s) < de for dd, ds, de in key["disputed"])]
    heldout = [tuple(g) for g in key["heldout"]]
    hits, precision = _found(held, heldout), _scores(held, heldout).precision
    require(hits >= HELDOUT_FOUND and precision >= HELDOUT_PRECISION,
            f"on the held-out texts (the ones it was not built from) your lexicon made {len(held)} match(es), "
            f"found {hits} of the key's spans with the right technique ({HELDOUT_FOUND} needed) at precision "
            f"{precision:.2f} ({HELDOUT_PRECISION} needed): patterns copied from the practice texts find little "
            "elsewhere, and a pattern for every word finds mostly noise")


# -- 5.9 technique_rates -----------------------------------------------------------------------------------------
RATES_CASES = (("made-up spans in bodies and comments of every document", "mixed_spans"),
               ("three spans, one of them in a comment", "few_spans"),
               ("no spans", "no_spans"))


def _rates_key():
    ml = _ml()
    d = ml.load_documents()
    words = {o: len(ml.body_text(i).split()) for i, o in zip(d["id"], d["outlet"])}
    rows = {str(r.id): r for r in d.itertuples()}
    expected = []
    for _, builder in RATES_CASES:
        out = {}
        for r in Build(f"{CHECKS}:{builder}").make().itertuples():
            row = rows[str(r.doc)]
            if row.body_start <= r.start and r.end <= row.body_end:
                out[(row.outlet, r.label)] = out.get((row.outlet, r.label), 0) + 1000 / words[row.outlet]
        expected.append(out)
    return {"outlets": [str(o) for o in d["outlet"]], "expected": expected}


def _rates_rule(answer, key):
    require(isinstance(answer, list) and len(answer) == len(RATES_CASES), "technique_rates was not called on every "
                                                                          "case")
    outlets = key["outlets"]
    for (what, builder), case, exp in zip(RATES_CASES, answer, key["expected"]):
        got = _case(case, f"technique_rates on {what} failed")
        require(isinstance(got, dict) and {"columns", "index", "data"} <= set(got),
                f"on {what}: technique_rates should return a DataFrame")
        index = [str(o) for o in got["index"]]
        if builder == "no_spans":
            require(set(index) == set(outlets), f"on {what}: one row per outlet is needed, all five")
            continue
        require(index == outlets, f"on {what}: one row per outlet is needed, all five, in docs order")
        columns = [str(c) for c in got["columns"]]
        require(set(columns) == {k[1] for k in exp}, f"on {what}: one column per technique that occurs in a body "
                                                     "(and no other)")
        require(len(got["data"]) == len(index) and all(len(row) == len(columns) for row in got["data"]),
                f"on {what}: the DataFrame is not well-formed")
        wrong = sum(not _close(v, exp.get((o, t), 0.0)) for o, row in zip(index, got["data"])
                    for t, v in zip(columns, row))
        require(wrong == 0, f"on {what}: {wrong} rate(s) are not right")


# -- 5.10 the figure ---------------------------------------------------------------------------------------------
def _plot_key():
    ml = _ml()
    return {d: len(ml.body_text(d).split()) for d in ml.document_ids()}


def _plot_rule(answer, key):
    ax = answer.get("ax")
    require(isinstance(ax, dict) and ax.get("kind") == "axes", "ax should be a matplotlib Axes")
    require(all(str(ax.get(k) or "").strip() for k in ("title", "xlabel", "ylabel")),
            "a title and both axis labels are needed")
    require(isinstance(answer.get("counts"), list) and len(answer["counts"]) == 1, "lexicon could not be read")
    counts = _case(answer["counts"][0], "your lexicon could not be applied to the article bodies")
    heights = sorted(round(float(b[3]), 1) for b in ax["bars"])
    require(len(heights) == len(key), f"one bar per outlet is needed ({len(heights)} bars)")
    ok = False
    for variant in ("all", "distinct"):  # a span found by two patterns may count once or twice
        expected = sorted(round(1000 * int(counts[variant][d]) / n, 1) for d, n in key.items())
        ok = ok or all(abs(a - b) <= 0.1 for a, b in zip(heights, expected))
    require(ok, "the bar heights differ from your lexicon's rates per 1,000 words of article body")


# -- 5.11 (core track) a given keyword list's matches: the technique it names, or a false alarm? --------------------
# The list the core track's given cell runs (the notebook prints it; tests/test_lesson05_keys.py checks the copy).
# Teaching material, not a key: the key is which of its matches the propaganda layer confirms.
GIVEN_LEXICON = {
    "Loaded language": [r"\bmassive\b", r"\bblatant\b", r"\bdesperately\b"],
    "Name calling or labelling": [r"\bso-called\b", r"\bISIS terrorists\b"],
    "Doubt": [r"\breal goals\b", r"‘[^’]+’"],
    "Appeal to authority": [r"\bexperts believe\b", r"\bofficials\b"],
    "Bandwagon": [r"\beveryone knows\b", r"\binternational community\b"],
}
HIT_DOCS = ("000", "001", "002", "003")  # the held-out article bodies (004 is the practice text)
HIT_LABELS = ("the technique the list names", "false alarm")


def given_hits() -> list[tuple]:
    """Every distinct match of GIVEN_LEXICON in the held-out article bodies, as (doc, start, end, technique) with
    document offsets, sorted: item "1" is the first. The notebook's given cell computes the same list."""
    ml = _ml()
    docs = ml.load_documents().set_index("id")
    found = set()
    for doc in HIT_DOCS:
        start, text = int(docs.loc[doc, "body_start"]), ml.body_text(doc)
        for technique, patterns in GIVEN_LEXICON.items():
            for pattern in patterns:
                found |= {(doc, start + m.start(), start + m.end(), technique)
                          for m in re.finditer(pattern, text, re.IGNORECASE) if m.end() > m.start()}
    return sorted(found)


def _hits_key():
    """{item: label} from the layer: "the technique the list names" where a span of that technique overlaps the
    match, else "false alarm"; matches that touch a disputed unit are left out (graded neither way)."""
    g = _ml().load_annotations("propaganda")
    key = {}
    for n, (doc, start, end, technique) in enumerate(given_hits(), 1):
        if is_disputed("propaganda", doc, start, end):
            continue
        same = any(r.doc == doc and r.label == technique and r.start < end and start < r.end for r in g.itertuples())
        key[str(n)] = HIT_LABELS[0] if same else HIT_LABELS[1]
    return key


HITS_PRECISION, HITS_RECALL = 0.7, 0.7


def _hits_rule(answer, key):
    given = answer.get("5.11")
    require(isinstance(given, dict), "label every match with the widget")
    missing = [k for k in key if given.get(k) not in HIT_LABELS]
    require(not missing, f"{len(missing)} match(es) not labelled yet: label every one")
    alarms = [k for k in key if given[k] == HIT_LABELS[1]]
    flags(HITS_PRECISION, HITS_RECALL, "false alarms")(alarms, [k for k, v in key.items() if v == HIT_LABELS[1]])


# -- 5.12 (core track) which key spans could no keyword list find? -------------------------------------------------
# Techniques that consist in what an argument does (its structure), not in a word: no list of words finds them
# without flagging ordinary sentences too. The key is this classification applied to the layer's labels.
ARGUMENT_TECHNIQUES = frozenset({"Causal oversimplification", "Black-and-white fallacy", "Whataboutism",
                                 "Red herring", "Straw man", "Reductio ad Hitlerum"})
NO_LIST_SPANS = (("002", 897, 921), ("002", 2131, 2151), ("003", 156, 181), ("003", 203, 229),
                 ("003", 587, 798), ("003", 1668, 1843), ("003", 4313, 4529))  # layer spans in held-out texts


def no_list_options() -> list[str]:
    """The options of 5.12: the texts of NO_LIST_SPANS (the notebook shows the same)."""
    return [_ml().text_at(*where) for where in NO_LIST_SPANS]


def _no_list_key():
    g = _ml().load_annotations("propaganda")
    key = []
    for (doc, start, end), text in zip(NO_LIST_SPANS, no_list_options()):
        (label,) = [r.label for r in g.itertuples() if (r.doc, int(r.start), int(r.end)) == (doc, start, end)]
        if label in ARGUMENT_TECHNIQUES and not is_disputed("propaganda", doc, start, end):
            key.append(text)
    return key


EXERCISES = [
    Exercise("5.1", LESSON, "test_technique_quiz", 3, Widget("5.1"), name="the label table 5.1",
             hint="Read each excerpt against the definitions in section 1. Ask first: does it persuade by a trick "
                  "the table describes, or does it just report or argue? Two kinds of error cost points: calling "
                  "plain text propaganda, and missing a technique.",
             key=lambda: QUIZ_KEY, key_source="the lesson's seven excerpts (literal key; teacher-notes.md explains it)",
             rule=_quiz_rule, judgement=True),
    Exercise("5.2", LESSON, "test_everything_scores", 1,
             Call(f"{CHECKS}:span_scores", ((Name("everything_scores"),),), public=True), name="everything_scores",
             hint="ml.text_units gives offsets inside one text; a span needs offsets inside the document. For "
                  "document 002's body: first = bodies.iloc[2]; [(first.doc, first.start + a, first.start + b) "
                  "for a, b in ml.text_units(first.text, 'sentence')][:2]. Do the same for every practice text, "
                  "give each sentence the commonest label, and score the list against practice_spans.",
             further=True,
             key=_everything_key, key_source="datasets/annotations/propaganda.jsonl (regions 004, 004-c01) scored "
                                             "against every sentence of the practice texts",
             rule=_everything_rule, tracks=DATA),
    Exercise("5.3", LESSON, "test_span_where", 3, Widget("5.3"), name="the word marker 5.3",
             hint="Choose a text and a label, then press the words that carry the technique. Mark only those "
                  "words, not whole paragraphs.",
             key=_passages_key, key_source="datasets/annotations/propaganda.jsonl (spans inside passages A–G)",
             rule=_where_rule, judgement=True),
    Exercise("5.4", LESSON, "test_span_which", 2, Widget("5.3"), name="the word marker 5.3",
             hint="Compare each of your spans with the definitions in section 1: is the label the technique it fits "
                  "best?",
             key=_passages_key, key_source="datasets/annotations/propaganda.jsonl (spans inside passages A–G)",
             rule=_which_rule, judgement=True),
    Exercise("5.5", LESSON, "test_span_plain", 2, Widget("5.3"), name="the word marker 5.3",
             hint="Some passages contain no technique at all: plain reporting is not propaganda. Leaving a passage "
                  "without spans is an answer.",
             key=_passages_key, key_source="datasets/annotations/propaganda.jsonl (which of passages A–G have spans)",
             rule=_plain_rule, judgement=True),
    Exercise("5.6", LESSON, "test_apply_lexicon", 1,
             Call("apply_lexicon", tuple((Build(f"{CHECKS}:{lex}"), Build(f"{CHECKS}:{texts}"))
                                         for _, lex, texts in LEXICON_CASES)),
             name="apply_lexicon",
             hint="One pattern on one made-up text that starts at offset 500 of its document: for m in "
                  "re.finditer(r'so-called', 'So-called experts; so-called', flags=re.I): print(500 + m.start(), "
                  "500 + m.end()). Your function does this for every row of texts (its own start), every technique "
                  "and every pattern, skips matches of length 0, and collects (doc, start, end, technique) rows.",
             key=_apply_key, key_source="a reference apply_lexicon run on a test lexicon over five corpus texts, a "
                                        "made-up text and the public toy example",
             rule=_apply_rule, tracks=DATA),
    Exercise("5.7", LESSON, "test_lexicon", 2,
             Several(spans=Call(f"{CHECKS}:lexicon_practice", ((Name("lexicon"),),), public=True),
                     scores=Call(f"{CHECKS}:span_scores", ((Name("practice_scores"),),), public=True),
                     per_technique=Value("per_technique"),
                     heldout=Call(f"{CHECKS}:lexicon_documents", ((Name("lexicon"),),), public=True)),
             name="lexicon",
             hint="A dict {technique name: [regular expressions]}, with names from `techniques`. It is graded on "
                  "the held-out texts, not on the practice texts: prefer phrases that do the same job in any text "
                  "(a scare-quote pattern, 'so-called') over words copied from 004, and leave out words that are "
                  "plain description elsewhere.",
             key=_lexicon_key,
             key_source="datasets/annotations/propaganda.jsonl: regions 004 and 004-c01 for the practice scores, "
                        "every other region of datasets/tools/build_propaganda_layer.py for the held-out judgement",
             rule=_lexicon_rule, tracks=DATA),
    Exercise("5.8", LESSON, "lexicon_errors", 3, Written(), name="written answer: misses and false alarms"),
    Exercise("5.9", LESSON, "test_technique_rates", 1,
             Call("technique_rates", tuple((Build(f"{CHECKS}:{builder}"),) for _, builder in RATES_CASES)),
             name="technique_rates",
             hint="The same steps on other data, comments longer than 300 characters per outlet: m = "
                  "docs.merge(comments, left_on='id', right_on='document'); long = m[m.end - m.start > 300]; "
                  "pd.crosstab(long.outlet, long.reply_to.isna()) counts per outlet and column; .reindex(docs.outlet, "
                  "fill_value=0) brings back the outlets with none; .div(series, axis=0) divides row by row.",
             further=True,
             key=_rates_key, key_source="datasets/documents.csv (outlets, body offsets) and the body word counts, "
                                        "on made-up span tables",
             rule=_rates_rule, tracks=DATA),
    Exercise("5.10", LESSON, "test_plot_rates", 1,
             Several(ax=Value("ax"), counts=Call(f"{CHECKS}:lexicon_body_counts", ((Name("lexicon"),),),
                                                  public=True)),
             name="ax",
             hint="ml.bar_counts draws a labelled bar chart from a Series and returns the Axes, e.g. comments per "
                  "document: ml.bar_counts(comments.groupby('document').size(), title='Comments per document', "
                  "xlabel='document', ylabel='comments'). Sum your rates table across each row first.",
             further=True,
             key=_plot_key, key_source="the body word counts (datasets/corpus) and the student's own lexicon",
             rule=_plot_rule, tracks=DATA),
    Exercise("5.11", LESSON, "test_lexicon_hits", 3, Widget("5.11"), name="the label table 5.11",
             hint="For each match, read the words around it: does this sentence use the word to persuade the way "
                  "the list's technique says, or is the word plain description, a name or an attribution here? "
                  "Both errors cost points: calling a plain match a technique, and calling a real one a false alarm.",
             key=_hits_key, key_source="datasets/annotations/propaganda.jsonl: each match of GIVEN_LEXICON in the "
                                       "held-out article bodies (000-003) is a technique where a span of the same "
                                       "technique overlaps it, else a false alarm; disputed units left out",
             rule=_hits_rule, judgement=True, tracks=CORE),
    Exercise("5.12", LESSON, "test_no_list", 2, Widget("5.12"), name="the checklist 5.12",
             hint="For each excerpt ask: is there a word or short phrase that carries the technique, one a list could "
                  "hold? Or does the technique lie in what the sentence argues — a cause, a choice, a comparison — "
                  "made of ordinary words that appear in plain sentences too?",
             key=_no_list_key, key_source="datasets/annotations/propaganda.jsonl: the labels of seven held-out "
                                          "spans; a span is keyed 'no list could find it' when its technique is an "
                                          "argument's structure (ARGUMENT_TECHNIQUES in lesson05.py)",
             further=True, rule=flags(0.75, 0.66, "excerpts", the_widget("5.12")), judgement=True, tracks=CORE),
]
