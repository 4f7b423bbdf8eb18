"""Lesson 01 "Meet the corpus": its graded exercises (see medialit_grader/exercises.py for the fields)."""

from __future__ import annotations

from ..exercises import (BOTH, CORE, DATA, Call, Exercise, Name, Value, Widget, Written, flags, is_disputed,
                         precision_recall, require, series_dict, share_right, the_widget, word_marks, words_touched)

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


# -- 1.10 (both tracks): what the comment counts support ----------------------------------------------------------
# Each statement with the test that decides, on the comments table, whether the table supports it; None: no count of
# comments can support it (a comment count is not a count of readers, of people or of opinions).
def _one_author_each(c) -> bool:
    authors = c.loc[c["document"] == "000", "author"]
    return bool(authors.notna().all() and authors.is_unique)


COUNT_CLAIMS = {
    "Document 000 has more comments than the other four documents together.":
        lambda n, c: n["000"] > sum(v for d, v in n.items() if d != "000"),
    "Document 002 drew no comments in the saved copy of its page.": lambda n, c: n["002"] == 0,
    "Documents 001 and 004 have the same number of comments.": lambda n, c: n["001"] == n["004"],
    "Document 000 was read by more people than any other document.": None,
    "Nobody read document 002.": None,
    "Each comment on document 000 was written by a different reader.": lambda n, c: _one_author_each(c),
    "Most readers of these sites agree with what the articles say.": None,
}


def _count_claims_key():
    counts, c = _count_key(), _comments()
    return sorted(s for s, supported in COUNT_CLAIMS.items() if supported is not None and supported(counts, c))


# -- 1.11 (core track): what a figure leaves out ------------------------------------------------------------------
FIGURE_OPTIONS = [
    "It leaves out document 002, so a reader cannot see that one of the five documents drew no comments at all.",
    "It leaves out documents 001 and 004, because two comments are too few to draw.",
    "Nothing is wrong: a document without comments has nothing to draw, so leaving it out is right.",
    "Its bars are taller than Figure A's, because it counts every reply twice.",
    "It has no title, so a reader cannot tell what it counts.",
]


def _figure_key():
    import medialit as ml

    drawn = set(_comments()["document"])  # Figure B: one bar per document that occurs in the comments table
    missing = [d for d in ml.document_ids() if d not in drawn]
    require(len(missing) == 1, "the figure question assumes exactly one document without comments")
    (key,) = [o for o in FIGURE_OPTIONS if o.startswith(f"It leaves out document {missing[0]},")]
    return key


# -- 1.12 (both tracks): every mention of Deir ez-Zor in four passages, marked word by word ----------------------
# Each passage: (document, start, end) in the raw text; the notebook shows ml.text_at(doc, start, end).
PLACE_PASSAGES = {"A": ("000", 528, 842), "B": ("003", 0, 481), "C": ("002", 3174, 3642), "D": ("004", 1106, 1623)}
PLACE = "Deir ez-Zor"


def _words(item: str) -> list[tuple[int, int]]:
    import medialit as ml

    return ml.text_units(ml.text_at(*PLACE_PASSAGES[item]), "word")


def _touched(item: str, start: int, end: int) -> frozenset[int]:
    """The word numbers a stretch (offsets in the passage) touches."""
    return words_touched(_words(item), start, end)


def _mentions_key():
    """{passage: [word numbers of each mention]}, from the places layer (label Deir ez-Zor, whatever it refers to),
    disputed mentions left out."""
    import medialit as ml

    gold = ml.load_annotations("places")
    key = {}
    for item, (doc, start, end) in PLACE_PASSAGES.items():
        rows = gold[(gold["doc"] == doc) & (gold["label"] == PLACE) & (gold["start"] >= start) & (gold["end"] <= end)]
        key[item] = sorted(sorted(_touched(item, r.start - start, r.end - start)) for r in rows.itertuples()
                           if not is_disputed("places", doc, int(r.start), int(r.end)))
    return key


def _disputed_words() -> dict[str, set[int]]:
    import medialit as ml

    out = {item: set() for item in PLACE_PASSAGES}
    for unit in ml.disputed("places"):
        doc, _, span = unit.partition(":")
        a, _, b = span.partition("-")
        for item, (pdoc, start, end) in PLACE_PASSAGES.items():
            if pdoc == doc and int(a) < end and start < int(b):
                out[item] |= _touched(item, int(a) - start, int(b) - start)
    return out


def _mentions_rule(answer, key):
    disputed = _disputed_words()
    given = []
    for item, start, end, _ in word_marks(answer, "1.12", PLACE_PASSAGES):
        words = _touched(item, start, end)
        if words and not words & disputed[item]:
            given.append((item, words))
    wanted = [(item, frozenset(m)) for item, mentions in key.items() for m in mentions]
    # a mark finds a mention when it covers the name's words, and at most one word more ("airport", "province")
    found = set()
    for item, words in given:
        hit = next((n for n, (k_item, k_words) in enumerate(wanted) if n not in found and k_item == item
                    and k_words <= words and len(words - k_words) <= 1), None)
        if hit is not None:
            found.add(hit)
    precision, recall = len(found) / len(given) if given else 0.0, len(found) / len(wanted)
    require(precision >= 0.85 and recall >= 0.85,
            f"precision {precision:.2f}, recall {recall:.2f} on the mentions (0.85 needed for both)")


# -- 1.13 (core track): what does the name refer to? --------------------------------------------------------------
# Each excerpt names one place mention of the places layer: (document, start, end) of the name.
REFERS_ITEMS = {"A": ("002", 1149, 1157), "B": ("002", 1934, 1942), "C": ("002", 2476, 2483),
                "D": ("003", 3679, 3689), "E": ("002", 2934, 2940), "F": ("002", 1273, 1280),
                "G": ("003", 3350, 3358), "H": ("000", 2045, 2052)}
REFERS_LABELS = {"city": "a city or town", "town": "a city or town", "province": "a province or region",
                 "region": "a province or region", "airport": "an airport", "road name": "part of a road's name",
                 "government (metonym)": "the government, not a place"}


def _refers_key():
    import medialit as ml

    gold = ml.load_annotations("places").set_index(["doc", "start", "end"])
    key = {}
    for item, (doc, start, end) in REFERS_ITEMS.items():
        require(not is_disputed("places", doc, start, end), f"excerpt {item} is disputed: it cannot be graded")
        key[item] = REFERS_LABELS[gold.loc[(doc, start, end), "refers_to"]]
    return key


PAGE_PARTS_KEY = {"A": "author bio", "B": "commenting interface", "C": "site boilerplate", "D": "reader comment",
                  "E": "article text", "F": "site boilerplate", "G": "reader comment", "H": "article text"}
DATE_KEY = "The page prints no date; it reports the 17 September 2016 events as happening 'today'."

EXERCISES = [
    Exercise("1.1", LESSON, "test_comments_per_doc", 1, Value("comments_per_doc"), name="comments_per_doc",
             hint="A count made from a column knows only the values that occur in it: pd.Series(['yes', 'no', "
                  "'yes']).value_counts() has no row for 'maybe'; .reindex(['yes', 'no', 'maybe'], fill_value=0) "
                  "adds it with 0. Which table lists every document, including one without comments?",
             key=_count_key, key_source="datasets/comments.csv", rule=_count_rule, tracks=DATA),
    Exercise("1.2", LESSON, "test_median_length", 1, Value("median_length"), name="median_length", further=True,
             hint="The same idea on the documents table: docs['title'].str.len().groupby(docs['kind']).median() "
                  "is the median headline length per kind of document. A median, unlike a mean, is not pulled by "
                  "one very long text.",
             key=_median_key, key_source="datasets/comments.csv", rule=_median_rule, tracks=DATA),
    Exercise("1.3", LESSON, "test_repeat_commenters", 1, Value("repeat_commenters"), name="repeat_commenters",
             further=True,
             hint="value_counts() skips missing values: on pd.Series(['owl', 'fox', 'owl', None]) it gives owl 2, "
                  "fox 1. Keep the rows whose count passes your test, then take .index.tolist().",
             key=_repeat_key, key_source="datasets/comments.csv", rule=_repeat_rule, tracks=DATA),
    Exercise("1.4", LESSON, "test_plot_comments", 1, Value("ax"), name="ax",
             hint="fig, toy = plt.subplots(); toy.bar(['mon', 'tue'], [4, 0]) draws two bars, one of height 0; "
                  "set_title, set_xlabel and set_ylabel label them. ml.bar_counts returns an Axes too. Keep yours "
                  "in ax.",
             key=_bars_key, key_source="datasets/comments.csv", rule=_bars_rule, tracks=DATA),
    Exercise("1.5", LESSON, "test_palmyra_span", 1, Value("palmyra_span"), name="palmyra_span",
             further=True,
             hint="If find() returns -1 for words you can see, print repr() of the text around them: web pages use "
                  "non-breaking spaces ('\\xa0'), which look like spaces. Search for a piece without one; the end "
                  "offset is just after the last character.",
             key=_palmyra_key, key_source="datasets/corpus/000 (the phrase's offsets)", rule=_palmyra_rule,
             tracks=DATA),
    Exercise("1.6", LESSON, "test_deir_pattern", 1,
             Call("medialit._probe:regex_spans", ((Name("deir_pattern"),),), public=True), name="deir_pattern",
             hint="Look at what ml.find_spans(your_pattern) finds, and at what it misses; list the spellings. "
                  "Pieces, on other words: colou?r (optional letter), gr[ae]y (either letter), organi(?:s|z)ation "
                  "(either spelling), (?i) at the start (ignore case).",
             key=_deir_key, key_source="datasets/annotations/places.jsonl (label Deir ez-Zor)", rule=_deir_rule,
             tracks=DATA),
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
    Exercise("1.10", LESSON, "test_count_claims", 3, Widget("1.10"), name="count_claims",
             hint="Counts say how many of something were recorded, not why or by whom. A library counts 120 loans "
                  "of one novel and 3 of another: it can say the first was borrowed more often; it cannot say the "
                  "first was read by more people, or liked better, or that nobody opened the second in the "
                  "reading room.",
             key=_count_claims_key, key_source="datasets/comments.csv (counts and authors per document); the "
                                               "statements about readers are never supported by a comment count",
             rule=flags(0.75, 0.66, "statements", the_widget("1.10")), judgement=True, tracks=BOTH),
    Exercise("1.11", LESSON, "test_figure_gap", 2, Widget("1.11"), name="figure_gap",
             hint="Compare the categories, not only the heights: a chart of sales per shop drawn from the sales "
                  "records has no bar for a shop that sold nothing. Which categories does each figure have?",
             key=_figure_key, key_source="datasets/comments.csv and datasets/documents.csv (the document without "
                                         "comments)",
             rule=lambda a, key: require(a.get("1.11") == key, "not this option"), judgement=True, tracks=CORE),
    Exercise("1.12", LESSON, "test_deir_mentions", 3, Widget("1.12"), name="deir_mentions",
             hint="On other words: Tadmur, Tadmor and Palmyra name one city, and 'Palmyra airport' still mentions "
                  "it; 'the city' alone, without its name, is not a mention of the name. Read each passage for "
                  "names that sound alike, whatever their spelling or capitals — and leave other places unmarked.",
             key=_mentions_key, key_source="datasets/annotations/places.jsonl (label Deir ez-Zor in the four "
                                           "passages, disputed mentions left out)",
             rule=_mentions_rule, judgement=True, tracks=BOTH),
    Exercise("1.13", LESSON, "test_refers_to", 3, Widget("1.13"), name="refers_to",
             hint="Read the words around the name: 'the town of …', '… province', '… airport', '…-… highway' "
                  "(two places joined into the name of a road), and a place name used as the subject of a "
                  "decision ('London announced new sanctions') means its government.",
             key=_refers_key, key_source="datasets/annotations/places.jsonl (refers_to of each excerpt's mention)",
             rule=share_right(6, the_widget("1.13")), judgement=True, tracks=CORE),
]
