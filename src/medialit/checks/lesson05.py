"""Visible checks of lesson 05 "Recognising propaganda techniques". They test the form of an answer, not the answer.

Below the checks are public helpers and builders the grader uses inside the grading sandbox: they apply a student's
regular expressions to corpus text, turn a score object into plain numbers, or make the inputs a student's function
is called on. They hold no answer (they use only the corpus, which students have).
"""

from __future__ import annotations

import re


def _techniques() -> set[str]:
    from ..annotations import LAYERS

    return set(LAYERS["propaganda"].labels)


def _is_scores(v) -> bool:
    return all(hasattr(v, name) for name in ("precision", "recall", "f1"))


def _in_unit_range(v) -> bool:
    return all(0.0 <= float(getattr(v, name)) <= 1.0 for name in ("precision", "recall", "f1"))


def _spans(v) -> bool:
    return isinstance(v, list) and all(isinstance(s, dict) and {"item", "start", "end", "label"} <= set(s) for s in v)


def _tuples(frame) -> set:
    return {(str(r.doc), int(r.start), int(r.end), str(r.label)) for r in frame.itertuples()}


TOY_LEXICON = {"Name calling or labelling": [r"so-called"]}


def _toy_lexicon_ok(apply) -> bool:
    """A public toy case: one text row at offset 100 of a document, two patterns, case ignored."""
    found = apply(toy_lexicon(), toy_text())
    return _tuples(found) == {("toy", 100, 109, "Name calling or labelling"),
                              ("toy", 119, 128, "Name calling or labelling")}


def _lexicon_form(v) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and isinstance(p, list) and p
                                       and all(isinstance(x, str) for x in p) for k, p in v.items())


def _patterns_ok(v) -> bool:
    for patterns in v.values():
        for pattern in patterns:
            if re.compile(pattern, re.IGNORECASE).fullmatch("") is not None:
                return False
    return True


def _rates_form(fn) -> bool:
    import pandas as pd

    from ..corpus import load_documents

    table = fn(no_spans())
    return isinstance(table, pd.DataFrame) and set(table.index) == set(load_documents()["outlet"])


# The form checks of each exercise, by its id; name and hint come from the exercise's declaration.
CHECKS = {
    "5.1": [
        ("labels every excerpt", lambda v: isinstance(v, dict) and len(v) == 7),
        ("uses more than one label", lambda v: len(set(v.values())) > 1),
    ],
    "5.2": [
        ("is the result of ml.semeval_span_scores (has .precision, .recall, .f1)", _is_scores),
        ("its scores are between 0 and 1", _in_unit_range),
    ],
    "5.3": [
        ("is a list of spans", _spans),
        ("has at least one span", lambda v: len(v) > 0),
        ("uses technique names as labels", lambda v: {s["label"] for s in v} <= _techniques()),
    ],
    "5.4": [
        ("is a list of spans", _spans),
        ("has at least one span", lambda v: len(v) > 0),
    ],
    "5.5": [
        ("is a list of spans", _spans),
        ("leaves at least one passage without spans", lambda v: len({s["item"] for s in v}) < 7),
    ],
    "5.6": [
        ("is a function", callable),
        ("returns document offsets for a public toy example (text at offset 100, case ignored)", _toy_lexicon_ok),
    ],
    "5.7": [
        ("is a dict {technique: non-empty list of patterns (text)}", _lexicon_form),
        ("uses technique names from the taxonomy", lambda v: set(v) <= _techniques()),
        ("covers at least 3 techniques with at least 6 patterns in all",
         lambda v: len(v) >= 3 and sum(len(p) for p in v.values()) >= 6),
        ("every pattern is a valid regular expression that cannot match empty text", _patterns_ok),
    ],
    "5.11": [
        ("labels the matches with the widget", lambda v: isinstance(v, dict) and len(v) > 0),
        ("labels every match", lambda v: len(v) == 13),
        ("uses both labels (a list finds some real techniques and raises some false alarms)",
         lambda v: len(set(v.values())) > 1),
    ],
    "5.12": [
        ("ticks excerpts with the widget", lambda v: isinstance(v, list) and len(v) > 0),
        ("leaves some excerpts unticked", lambda v: len(v) < 7),
    ],
    "5.9": [
        ("is a function", callable),
        ("returns a DataFrame with one row per outlet, all five, even for no spans", _rates_form),
    ],
    "5.10": [
        ("is a matplotlib Axes", lambda v: hasattr(v, "get_title") and hasattr(v, "patches")),
        ("has a title and both axis labels",
         lambda v: bool(v.get_title().strip() and v.get_xlabel().strip() and v.get_ylabel().strip())),
        ("has one bar per outlet", lambda v: len(v.patches) == 5),
    ],
}


# -- public helpers and builders for grading (run in the sandbox; no answers here) ---------------------------------
def regions(names) -> "pd.DataFrame":  # noqa: F821
    """The texts of the lesson's setup cell (columns region, doc, start, end, text): an article body for a document
    id, a comment for a comment id, in the order given."""
    import pandas as pd

    from ..corpus import body_text, load_comments, load_documents

    docs = load_documents().set_index("id")
    comments = load_comments().set_index("id")
    rows = []
    for name in names:
        if name in docs.index:
            d = docs.loc[name]
            rows.append((name, name, int(d["body_start"]), int(d["body_end"]), body_text(name)))
        else:
            c = comments.loc[name]
            rows.append((name, str(c["document"]), int(c["start"]), int(c["end"]), str(c["text"])))
    return pd.DataFrame(rows, columns=["region", "doc", "start", "end", "text"])


PRACTICE = ("004", "004-c01")   # the practice texts: 004's body and its first comment


def practice_texts():
    return regions(PRACTICE)


def body_texts():
    from ..corpus import document_ids

    return regions(document_ids())


def lexicon_sample_texts():
    """Five annotated texts (two article bodies, three comments) an apply_lexicon is tried on."""
    return regions(["002", "003", "000-c18", "000-c20", "000-c39"])


def lexicon_odd_text():
    """A made-up text at offset 7 of a document, with upper-case words."""
    import pandas as pd

    return pd.DataFrame([{"doc": "zz", "start": 7, "end": 40, "text": "BLATANT, Blatant and so called cabal"}])


def sample_lexicon() -> dict:
    """A lexicon an apply_lexicon is tried on: word boundaries, scare quotes, and a pattern that matches empty text."""
    return {"Loaded language": [r"\bmassive\b", r"blatant"],
            "Name calling or labelling": [r"so[- ]called", r"cabal"],
            "Doubt": [r"‘\w+’", r"x*"]}


def toy_lexicon() -> dict:
    return {name: list(patterns) for name, patterns in TOY_LEXICON.items()}


def toy_text():
    import pandas as pd

    return pd.DataFrame([{"doc": "toy", "start": 100, "end": 130, "text": "So-called experts; so-called!"}])


def _not_yet(value) -> None:
    if value is Ellipsis:
        raise ValueError("no answer yet (the ... is still there)")


def _patterns(lexicon):
    _not_yet(lexicon)
    if not isinstance(lexicon, dict):
        raise TypeError(f"a lexicon is a dict {{technique: [patterns]}}, not a {type(lexicon).__name__}")
    out = []
    for technique, patterns in lexicon.items():
        if not isinstance(technique, str) or not isinstance(patterns, (list, tuple)) or \
                not all(isinstance(p, str) for p in patterns):
            raise TypeError("a lexicon maps each technique name (text) to a list of patterns (text)")
        out += [(technique, p, re.compile(p, re.IGNORECASE)) for p in patterns]
    return out


def _matches(lexicon, texts) -> list[tuple]:
    return [(str(row.doc), int(row.start) + m.start(), int(row.start) + m.end(), technique)
            for row in texts.itertuples() for technique, _, regex in _patterns(lexicon)
            for m in regex.finditer(row.text) if m.end() > m.start()]


def lexicon_practice(lexicon) -> dict:
    """A student's lexicon on the practice texts: its techniques, how many patterns it has and how many of them can
    match empty text, and every distinct non-empty match as [doc, start, end, technique] (offsets into the
    document, case ignored)."""
    patterns = _patterns(lexicon)
    return {"techniques": sorted(lexicon), "patterns": len(patterns),
            "empty": sum(regex.fullmatch("") is not None for _, _, regex in patterns),
            "spans": [list(s) for s in sorted(set(_matches(lexicon, practice_texts())))]}


def lexicon_documents(lexicon) -> list:
    """Every distinct non-empty match of a student's lexicon in the whole raw text of each document (case
    ignored), as [doc, start, end, technique]: the grader keeps those that lie inside the annotated texts held out
    from practice. (Run over whole documents, so this helper needs no list of annotated texts; a pattern anchored
    with ^ or $ or a look-behind may differ at the edge of a text from what apply_lexicon finds.)"""
    from ..corpus import document_ids, raw_text

    patterns = _patterns(lexicon)
    return [list(m) for m in sorted({(d, x.start(), x.end(), technique) for d in document_ids()
                                     for technique, _, regex in patterns for x in regex.finditer(raw_text(d))
                                     if x.end() > x.start()})]


def lexicon_body_counts(lexicon) -> dict:
    """How many matches a student's lexicon has in each document's article body: all of them ("all"), and counting
    a span found by two patterns once ("distinct")."""
    from ..corpus import document_ids

    found = _matches(lexicon, body_texts())
    return {"all": {d: sum(x[0] == d for x in found) for d in document_ids()},
            "distinct": {d: sum(x[0] == d for x in set(found)) for d in document_ids()}}


def span_scores(value) -> dict:
    """The numbers of an ml.semeval_span_scores result."""
    _not_yet(value)
    if not _is_scores(value):
        raise TypeError(f"expected the result of ml.semeval_span_scores, found a {type(value).__name__}")
    return {name: float(getattr(value, name)) for name in ("precision", "recall", "f1")}


SPAN_COLUMNS = ["doc", "start", "end", "label"]
_SOME_LABELS = ["Loaded language", "Doubt", "Name calling or labelling", "Bandwagon", "Appeal to authority"]


def mixed_spans():
    """Made-up spans in article bodies and in comments of every document (none in document 001's body), with
    several labels: what technique_rates is tried on."""
    import pandas as pd

    from ..corpus import load_comments, load_documents

    comments = load_comments()
    rows = []
    for i, d in enumerate(load_documents().itertuples()):
        if d.id != "001":
            n = 2 + 2 * i
            step = (d.body_end - d.body_start) // (n + 1)
            for k in range(n):
                start = d.body_start + (k + 1) * step
                rows.append((d.id, start, start + 12, _SOME_LABELS[(i + k) % len(_SOME_LABELS)]))
        for k, c in enumerate(comments[comments["document"] == d.id].head(3).itertuples()):
            rows.append((d.id, int(c.start), min(int(c.end), int(c.start) + 20), _SOME_LABELS[(i + 2 * k) % 3]))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS)


def few_spans():
    """Three spans: two in 000 (one in its body, one in a comment), one in 003's body."""
    import pandas as pd

    return pd.DataFrame([("000", 235, 250, "Doubt"), ("000", 5297, 5311, "Doubt"), ("003", 549, 566, "Slogans")],
                        columns=SPAN_COLUMNS)


def no_spans():
    import pandas as pd

    return pd.DataFrame(columns=SPAN_COLUMNS)
