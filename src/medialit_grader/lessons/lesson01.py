"""Lesson 01 "Meet the corpus": its graded exercises (see medialit_grader/exercises.py for the fields)."""

from __future__ import annotations

from ..exercises import (Call, Exercise, Name, Value, Widget, Written, precision_recall, require, series_dict,
                         share_right)

LESSON = "01-corpus"


def _comments():
    import medialit as ml

    return ml.load_comments()


def _count_key():
    import medialit as ml

    counts = {d: 0 for d in ml.document_ids()}
    for d in _comments()["document"]:
        counts[d] += 1
    return counts


def _count_rule(answer, key):
    given = series_dict(answer)
    require(set(given) == set(key), "one entry per document is needed, documents without comments included")
    wrong = sum(float(given[d]) != key[d] for d in key)
    require(wrong == 0, f"the counts of {wrong} document(s) are not right")


def _median_key():
    import statistics

    c = _comments()
    return {d: float(statistics.median(len(t) for t in c.loc[c["document"] == d, "text"]))
            for d in sorted(set(c["document"]))}


def _median_rule(answer, key):
    given = series_dict(answer)
    require(set(given) == set(key), "one median per document that has comments (and none for the others)")
    wrong = sum(given[d] is None or abs(float(given[d]) - key[d]) > 1e-9 for d in key)
    require(wrong == 0, f"the medians of {wrong} document(s) are not right")


def _repeat_key():
    from collections import Counter

    n = Counter(a for a in _comments()["author"] if isinstance(a, str) and a)
    return sorted(a for a, k in n.items() if k > 1)


def _repeat_rule(answer, key):
    require(isinstance(answer, list) and all(isinstance(x, str) for x in answer), "expected a list of names")
    require(sorted(answer) == key, "the list of names is not right (each name once, missing authors left out)")


def _bars_key():
    import medialit as ml

    c = _comments()
    return sorted(int((c["document"] == d).sum()) for d in ml.document_ids())


def _bars_rule(answer, key):
    require(isinstance(answer, dict) and answer.get("kind") == "axes", "expected a matplotlib Axes")
    heights = sorted(int(round(b[3])) for b in answer["bars"])
    require(heights == key, "the bar heights are not the comment counts of the five documents")
    require(all(str(answer[k]).strip() for k in ("title", "xlabel", "ylabel")), "a title and both axis labels "
                                                                                 "are needed")


def _palmyra_key():
    import medialit as ml

    phrase = "90km\xa0west of the government-held city of Palmyra"
    start = ml.raw_text("000").index(phrase)
    return [start, start + len(phrase)]


def _palmyra_rule(answer, key):
    require(isinstance(answer, list) and len(answer) == 2, "expected a pair (start, end)")
    require([int(x) for x in answer] == key, "the span does not cover exactly the phrase")


def _deir_key():
    import medialit as ml

    gold = ml.load_annotations("places")
    return {(r.doc, r.start, r.end) for r in gold.itertuples() if r.label == "Deir ez-Zor"}


def _deir_rule(answer, key):
    (case,) = answer
    require("ok" in case, f"the pattern could not be used: {case.get('error', '')}")
    found = {(str(d), int(s), int(e)) for d, s, e in case["ok"]}
    precision, recall = precision_recall(found, key)
    require(precision >= 0.95 and recall >= 0.95,
            f"precision {precision:.2f}, recall {recall:.2f} (0.95 needed for both)")


PAGE_PARTS_KEY = {"A": "author bio", "B": "commenting interface", "C": "site boilerplate", "D": "reader comment",
                  "E": "article text", "F": "site boilerplate", "G": "reader comment", "H": "article text"}
DATE_KEY = "The page prints no date; it reports the 17 September 2016 events as happening 'today'."

EXERCISES = [
    Exercise("1.1", LESSON, "test_comments_per_doc", 2, Value("comments_per_doc"), name="comments_per_doc",
             hint="A count made from a column knows only the values that occur in it: pd.Series(['yes', 'no', "
                  "'yes']).value_counts() has no row for 'maybe'; .reindex(['yes', 'no', 'maybe'], fill_value=0) "
                  "adds it with 0. Which table lists every document, including one without comments?",
             key=_count_key, key_source="datasets/comments.csv", rule=_count_rule),
    Exercise("1.2", LESSON, "test_median_length", 2, Value("median_length"), name="median_length", further=True,
             hint="The same idea on the documents table: docs['title'].str.len().groupby(docs['kind']).median() "
                  "is the median headline length per kind of document. A median, unlike a mean, is not pulled by "
                  "one very long text.",
             key=_median_key, key_source="datasets/comments.csv", rule=_median_rule),
    Exercise("1.3", LESSON, "test_repeat_commenters", 2, Value("repeat_commenters"), name="repeat_commenters",
             further=True,
             hint="value_counts() skips missing values: on pd.Series(['owl', 'fox', 'owl', None]) it gives owl 2, "
                  "fox 1. Keep the rows whose count passes your test, then take .index.tolist().",
             key=_repeat_key, key_source="datasets/comments.csv", rule=_repeat_rule),
    Exercise("1.4", LESSON, "test_plot_comments", 2, Value("ax"), name="ax",
             hint="fig, toy = plt.subplots(); toy.bar(['mon', 'tue'], [4, 0]) draws two bars, one of height 0; "
                  "set_title, set_xlabel and set_ylabel label them. ml.bar_counts returns an Axes too. Keep yours "
                  "in ax.",
             key=_bars_key, key_source="datasets/comments.csv", rule=_bars_rule),
    Exercise("1.5", LESSON, "test_palmyra_span", 2, Value("palmyra_span"), name="palmyra_span",
             hint="If find() returns -1 for words you can see, print repr() of the text around them: web pages use "
                  "non-breaking spaces ('\\xa0'), which look like spaces. Search for a piece without one; the end "
                  "offset is just after the last character.",
             key=_palmyra_key, key_source="datasets/corpus/000 (the phrase's offsets)", rule=_palmyra_rule),
    Exercise("1.6", LESSON, "test_deir_pattern", 2,
             Call("medialit._probe:regex_spans", ((Name("deir_pattern"),),), public=True), name="deir_pattern",
             hint="Look at what ml.find_spans(your_pattern) finds, and at what it misses; list the spellings. "
                  "Pieces, on other words: colou?r (optional letter), gr[ae]y (either letter), organi(?:s|z)ation "
                  "(either spelling), (?i) at the start (ignore case).",
             key=_deir_key, key_source="datasets/annotations/places.jsonl (label Deir ez-Zor)", rule=_deir_rule),
    Exercise("1.7", LESSON, "test_page_parts", 3, Widget("1.7"), name="page_parts",
             hint="Who wrote it, and would it change if the article changed? Offsets help: compare docs' "
                  "body_start/body_end and comments' start/end with where an excerpt stands in the raw text.",
             key=lambda: PAGE_PARTS_KEY, key_source="the lesson's excerpts, located in datasets/documents.csv",
             rule=share_right(7, lambda a: a.get("1.7") or {}), judgement=True),
    Exercise("1.8", LESSON, "test_date_meaning", 1, Widget("1.8"), name="date_meaning",
             hint="Read the notes of document 003: docs.set_index('id').loc['003', 'notes'] says how the date was "
                  "established, and what the page itself shows.",
             key=lambda: DATE_KEY, key_source="datasets/documents.csv (date_source, notes)",
             rule=lambda a, key: require(a.get("1.8") == key, "not this option"), judgement=True),
    Exercise("1.9", LESSON, "reflection", 3, Written(), name="written reflection"),
]
