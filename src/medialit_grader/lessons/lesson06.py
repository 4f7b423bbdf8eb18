"""Lesson 06 "Hate rhetoric in comment sections": its graded exercises (see medialit_grader/exercises.py for the
fields).

The comments of this lesson hold hateful text: no rule message here ever quotes a comment, only ids, counts and
scores.
"""

from __future__ import annotations

from ..exercises import (BOTH, CORE, DATA, Call, Exercise, Name, Several, Value, Widget, Written, disputed,
                         precision_recall, require, share_right, the_widget, word_marks, words_touched)

LESSON = "06-hate"


def _number(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


# -- 6.1 The six factors of the Rabat test ---------------------------------------------------------------------
# The options paraphrase the six factors (context, speaker, intent, content and form, extent, likelihood including
# imminence; frameworks.md) rather than repeat the lesson's words; the notebook writes the same list, and
# ml.display_order shuffles it on screen.
RABAT_OPTIONS = [
    "whether it contains a word from a list of slurs",
    "what the writer meant to bring about",
    "whether the claims in it are true",
    "what was going on around it when it was posted: the place, the moment, the tensions",
    "how many readers complained about it",
    "how far it travels: how public it is, how many people it reaches",
    "whether it breaks the site's own rules",
    "who posted it, and how much weight their word carries with those who read it",
    "whether most readers find it offensive",
    "what it says, and how it is put: the wording, the tone, the style",
    "how probable it is that harm follows, and how soon",
]
RABAT_RIGHT = [RABAT_OPTIONS[i] for i in (3, 7, 1, 9, 5, 10)]  # context, speaker, intent, content, extent, likelihood


def _rabat_rule(answer, key):
    ticked = answer.get("6.1") if isinstance(answer, dict) else None
    require(isinstance(ticked, list) and all(isinstance(t, str) for t in ticked),
            "tick the options with the check boxes")
    ticked, right = set(ticked), set(key)
    correct = sum((o in ticked) == (o in right) for o in RABAT_OPTIONS)
    need = len(RABAT_OPTIONS) - 1
    require(correct >= need, f"{correct} of {len(RABAT_OPTIONS)} options decided correctly ({need} needed)")


# -- 6.2 Hate, or not by itself? -------------------------------------------------------------------------------
HATE_OR_NOT_KEY = {"A": "not hate by itself", "B": "not hate by itself", "C": "hate", "D": "not hate by itself",
                   "E": "hate", "F": "not hate by itself"}


# -- 6.3 / 6.4 Label 16 comments (two grade cells on the one widget question "6.3") -------------------------------
LABEL_ITEMS = ["000-c05", "000-c12", "000-c18", "000-c20", "000-c26", "000-c27", "000-c28", "003-c01", "003-c02",
               "003-c04", "003-c05", "003-c06", "003-c13", "003-c19", "003-c21", "004-c02"]

TEACHING_EXAMPLE = "003-c05"  # the unknown acronym of section 4; the adjudication leaves it disputed


def _not_graded() -> frozenset[str]:
    """Comments the kit's two annotators still dispute after adjudication (datasets/annotations/adjudication/
    comments.jsonl, read by exercises.disputed): shown, but graded neither way in 6.3, 6.4 and 6.8, so that the
    adjudicated layer is the one place that decides. Among them 003-c05, whose reading hinges on an acronym no
    reference the kit has checked documents: the lesson teaches that an unknown code is a question to investigate."""
    return disputed("comments")


def _gold_labels():
    """The comments layer's labels of the items of 6.3 that are not disputed."""
    import medialit as ml

    gold = ml.load_annotations("comments").set_index("comment")["label"]
    skip = _not_graded()
    return {i: str(gold[i]) for i in LABEL_ITEMS if i not in skip}


def _my_labels(answer) -> dict:
    mine = answer.get("6.3") if isinstance(answer, dict) else None
    require(isinstance(mine, dict), "label the comments with the widget of exercise 6.3")
    return mine


def _agree_rule(answer, key):
    import medialit as ml

    mine = _my_labels(answer)
    require(all(i in mine for i in key), "not every comment is labelled")
    require(all(isinstance(mine[i], str) for i in key), "each label is one of civil, incivility or hate")
    kappa = ml.cohen_kappa([mine[i] for i in key], [key[i] for i in key])
    require(kappa >= 0.4, f"kappa {kappa:.2f} is below 0.4")


def _find_hate_rule(answer, key):
    mine = _my_labels(answer)
    found = {i for i in key if mine.get(i) == "hate"}
    wanted = {i for i in key if key[i] == "hate"}
    precision, recall = precision_recall(found, wanted)
    require(precision >= 0.6 and recall >= 0.6,
            f"precision {precision:.2f}, recall {recall:.2f} of your 'hate' labels (0.60 needed for both)")


# -- 6.5 An agreement report -------------------------------------------------------------------------------------
AGREEMENT_REFERENCE = {"a": "hate", "b": "civil", "c": "civil", "d": "incivility", "e": "hate"}
# (mine, hate precision, hate recall); None: only the kappa is checked
AGREEMENT_CASES = [
    ({"a": "hate", "b": "hate", "c": "civil", "d": "civil", "e": "civil"}, 0.5, 0.5),
    ({k: "hate" for k in AGREEMENT_REFERENCE}, 0.4, 1.0),
    ({"a": "civil", "b": "civil", "c": "civil", "d": "civil", "e": "civil"}, 0.0, 0.0),
    ({"a": "hate", "c": "civil", "e": "hate", "zz": "hate"}, 1.0, 1.0),  # b, d unlabelled; zz not in reference
    ({k: "hate" for k in AGREEMENT_REFERENCE}, None, None),  # everything hate: kappa 0
]


def _agreement_key():
    from sklearn.metrics import cohen_kappa_score

    ref = AGREEMENT_REFERENCE
    out = []
    for mine, p, r in AGREEMENT_CASES:
        kappa = float(cohen_kappa_score([mine.get(i, "none") for i in ref], list(ref.values())))
        out.append({"kappa": kappa, "hate_precision": p, "hate_recall": r})
    out[-1]["kappa"] = 0.0  # the old test's last assertion: everything 'hate' has kappa 0
    return out


def _agreement_rule(answer, key):
    require(isinstance(answer, list) and len(answer) == len(key), "the function could not be tested")
    n = len(key)
    for k, (case, want) in enumerate(zip(answer, key), 1):
        require("ok" in case, f"on test case {k} of {n} the function raised {case.get('error', 'an error')}")
        got = case["ok"]
        require(isinstance(got, dict) and {"kappa", "hate_precision", "hate_recall"} <= set(got),
                f"on test case {k} of {n} the result is not a dict with kappa, hate_precision and hate_recall")
        kappa = _number(got["kappa"])
        require(kappa is not None and abs(kappa - want["kappa"]) < 1e-9,
                f"on test case {k} of {n} the kappa is not right")
        if want["hate_precision"] is not None:
            p, r = _number(got["hate_precision"]), _number(got["hate_recall"])
            require(p is not None and r is not None and abs(p - want["hate_precision"]) < 1e-9
                    and abs(r - want["hate_recall"]) < 1e-9,
                    f"on test case {k} of {n} the hate precision or recall is not right")


# -- 6.6 A flagger -----------------------------------------------------------------------------------------------
FLAG_CASES = [  # (text, keywords, flagged?)
    ("The ISRAELI army", ("israel",), True),
    ("Nazism and its crimes", ("nazi",), True),
    ("They want to denazify it", ("nazi",), False),
    ("a meeting in Jerusalem", ("israel", "jerusalem"), True),
    ("nothing to see", (), False),
    ("", ("a",), False),
    ("the U.S. army", ("u.s.",), True),
    ("ursa major", ("u.s.",), False),
    ("half-truth", ("truth",), True),
]


def _flag_rule(answer, key):
    require(isinstance(answer, list) and len(answer) == len(key), "the function could not be tested")
    errors = [case["error"] for case in answer if "ok" not in case]
    require(not errors, f"{len(errors)} of {len(key)} test cases raised an error (first: {str(errors[0])[:150]})"
            if errors else "")
    not_bool = sum(type(case["ok"]) is not bool for case in answer)
    require(not not_bool, f"{not_bool} of {len(key)} test cases did not return True or False")
    right = sum(case["ok"] is want for case, want in zip(answer, key))
    require(right == len(key), f"{right} of {len(key)} test cases right")


# -- 6.7 False alarms and misses ---------------------------------------------------------------------------------
NAIVE_PATTERN = r"\b(?:jew|zionis|israel|nazi|hitler)"


def _naive_hits_key():
    import re

    import medialit as ml

    return sorted(str(i) for i, t in ml.load_comments()[["id", "text"]].itertuples(index=False)
                  if re.search(NAIVE_PATTERN, t, re.IGNORECASE))


def _false_alarms_rule(answer, key):
    mine = (answer.get("labels") or {}).get("6.3") or {}
    require(isinstance(mine, dict) and len(mine) == 16,
            "label all 16 comments in 6.3 first: this exercise measures against your own labels")
    false_alarms, misses = answer.get("false_alarms"), answer.get("misses")
    require(isinstance(false_alarms, list) and isinstance(misses, list),
            "false_alarms and misses must both be lists of comment ids")
    hits = set(key)
    require(set(false_alarms) == {i for i in hits if mine.get(i) != "hate"}, "false alarms differ")
    require(set(misses) == {i for i, label in mine.items() if label == "hate" and i not in hits}, "misses differ")


# -- 6.8 A better keyword list -----------------------------------------------------------------------------------
def _gold_hate():
    """The comments the layer labels hate, and the disputed comments that count neither way."""
    import medialit as ml

    gold = ml.load_annotations("comments")
    skip = _not_graded()
    return {"hate": sorted(str(i) for i in gold.loc[gold["label"] == "hate", "comment"] if i not in skip),
            "not_graded": sorted(skip)}


def _better_keywords_rule(answer, key):
    keywords = answer.get("keywords")
    require(isinstance(keywords, list), "better_keywords must be a list of keywords")
    require(len(keywords) <= 12, f"{len(keywords)} keywords: at most 12 are allowed")
    hits = answer.get("hits")
    require(isinstance(hits, list) and len(hits) == 1, "the keywords could not be applied to the comments")
    (case,) = hits
    require("ok" in case, f"the keywords could not be applied to the comments: {str(case.get('error', ''))[:150]}")
    require(isinstance(case["ok"], list) and all(isinstance(i, str) for i in case["ok"]),
            "the keywords could not be applied to the comments")
    flagged = set(case["ok"]) - set(key["not_graded"])  # a disputed comment is neither a hit nor a false alarm
    precision, recall = precision_recall(flagged, set(key["hate"]))
    require(precision >= 0.6 and recall >= 0.8,
            f"precision {precision:.2f}, recall {recall:.2f} over the comments the annotators agree on "
            f"(0.60 and 0.80 needed)")


# -- 6.10 (core track) What did the flagger get right? ------------------------------------------------------------
# The core track's flagger is given (section 4); the student judges each of the 16 comments of 6.3 against what it
# did. The key crosses the naive list's hits (the corpus) with the comments layer's labels; disputed comments are
# not graded.
FILTER_LABELS = ["correct flag", "false alarm", "miss", "correct pass"]


def _filter_key():
    """{comment id: what the naive list did with it, judged by the layer} for the undisputed items of 6.3."""
    hits = set(_naive_hits_key())
    gold = _gold_labels()
    verdict = {(True, True): "correct flag", (True, False): "false alarm", (False, True): "miss",
               (False, False): "correct pass"}
    return {i: verdict[(i in hits, label == "hate")] for i, label in gold.items()}


def _half(given: set, wanted: set, need_precision: float, need_recall: float) -> tuple[bool, str]:
    if not wanted:
        return not given, f"{len(given)} named where there are none"
    p, r = precision_recall(given, wanted)
    return p >= need_precision and r >= need_recall, f"precision {p:.2f}, recall {r:.2f}"


def _filter_rule(answer, key):
    mine = answer.get("6.10") if isinstance(answer, dict) else None
    require(isinstance(mine, dict) and all(isinstance(v, str) for v in mine.values()),
            "judge the comments with the widget of exercise 6.10")
    named = {label: {i for i in key if mine.get(i) == label} for label in ("false alarm", "miss")}
    wanted = {label: {i for i in key if key[i] == label} for label in ("false alarm", "miss")}
    alarms_ok, alarms = _half(named["false alarm"], wanted["false alarm"], 0.6, 0.6)
    misses_ok, misses = _half(named["miss"], wanted["miss"], 0.5, 1.0)
    require(alarms_ok or misses_ok, f"false alarms: {alarms} (0.60 and 0.60 needed); misses: {misses} (0.50 and "
                                    "1.00 needed)")
    return (alarms_ok + misses_ok) / 2


# -- 6.11 Which words carry the hate? (both tracks, Going further) ------------------------------------------------
# Three comments of 6.3: two the layer labels hate (its `cues` are the words that carry the hate) and one that is
# fine (a comparison with Nazi Germany: nothing to mark). Word-level precision, so marking everything fails.
HATE_WORD_ITEMS = ["003-c04", "000-c18", "003-c01"]


def _hate_words_key():
    """{comment id: {"words": word offsets (as the word marker offers them), "cues": the layer's cues as offsets
    into the comment}} for the items not disputed; a comment the layer does not label hate has no cues."""
    import medialit as ml
    from medialit.widgets import text_units

    layer = ml.load_annotations("comments").set_index("comment")
    comments = ml.load_comments().set_index("id")
    skip = _not_graded()
    key = {}
    for item in HATE_WORD_ITEMS:
        if item in skip:
            continue
        text, start = str(comments.loc[item, "text"]), int(comments.loc[item, "start"])
        cues = layer.loc[item, "cues"] if layer.loc[item, "label"] == "hate" else []
        key[item] = {"words": [list(u) for u in text_units(text, "word")],
                     "cues": [[int(c["start"]) - start, int(c["end"]) - start] for c in (cues or [])]}
    return key


def _hate_words_rule(answer, key):
    marked = {(item, n) for item, start, end, _ in word_marks(answer, "6.11", HATE_WORD_ITEMS)
              for n in words_touched(key.get(item, {}).get("words", []), start, end)}  # (item, word number)
    require(marked, "no words marked")
    in_cue, cues = set(), []
    for item, entry in key.items():
        for c0, c1 in entry["cues"]:
            words = {(item, n) for n in words_touched(entry["words"], c0, c1)}
            in_cue |= words
            cues.append(words)
    precision = len(marked & in_cue) / len(marked)
    found = sum(len(words & marked) * 2 >= len(words) for words in cues)
    require(precision >= 0.5, f"{precision:.0%} of the words you marked carry the hate (half needed)")
    require(found * 3 >= len(cues), f"{found} of {len(cues)} stretches found")
    return 1.0 if found * 3 >= 2 * len(cues) else 0.5


LABELS_HINT = ("Open each text with its 'Show the text' button (or use your teacher's descriptions), then press "
               "civil, incivility or hate with the labelling guide of section 2 beside you. Ask who is attacked, "
               "and for what.")

EXERCISES = [
    Exercise("6.1", LESSON, "test_rabat_factors", 1, Widget("6.1"), name="rabat_factors",
             hint="Re-read the Rabat paragraph in section 1 and match each option to one of its six factors, "
                  "in other words. An option that fits none of them may matter to a site, but not to this test.",
             key=lambda: RABAT_RIGHT,
             key_source="the Rabat Plan of Action's six factors (frameworks.md; the lesson's section 1), paraphrased",
             rule=_rabat_rule, judgement=True),
    Exercise("6.2", LESSON, "test_hate_or_not", 2, Widget("6.2"), name="hate_or_not",
             hint="Ask of each case: does it attack a group of people for who they are? An insult of one person, "
                  "anger at a government or a comparison with Nazi Germany does not, by itself.",
             key=lambda: HATE_OR_NOT_KEY, key_source="the lesson's six described cases (the definition of section 1)",
             rule=share_right(5, the_widget("6.2")), judgement=True),
    Exercise("6.3", LESSON, "test_labels_agree", 2, Widget("6.3"), name="my_labels", hint=LABELS_HINT,
             key=_gold_labels,
             key_source="datasets/annotations/comments.jsonl (labels of the 16 comments; disputed ones not graded)",
             rule=_agree_rule, judgement=True),
    Exercise("6.4", LESSON, "test_labels_find_hate", 2, Widget("6.3"), name="my_labels", hint=LABELS_HINT,
             key=_gold_labels,
             key_source="datasets/annotations/comments.jsonl (labels of the 16 comments; disputed ones not graded)",
             rule=_find_hate_rule, judgement=True),
    Exercise("6.5", LESSON, "test_agreement", 2,
             Call("agreement", tuple((dict(mine), dict(AGREEMENT_REFERENCE)) for mine, _, _ in
                                     AGREEMENT_CASES)),
             name="agreement",
             hint="Kappa compares two lists item by item, so first line the dicts up in one order. On two "
                  "teachers' marks: for a, b = {'s1': 'pass', 's2': 'fail'}, {'s2': 'fail'}, the lists "
                  "[b.get(s, 'missing') for s in a] and [a[s] for s in a] go to ml.cohen_kappa. For one label, "
                  "ml.precision_recall(ids b gives it, ids a gives it) has .precision and .recall.",
             key=_agreement_key,
             key_source="scikit-learn's cohen_kappa_score and hand-computed precision/recall on five literal label "
                        "sets",
             rule=_agreement_rule, further=True, tracks=DATA),
    Exercise("6.6", LESSON, "test_flag", 1, Call("flag", tuple((text, kws) for text, kws, _ in FLAG_CASES)),
             name="flag",
             hint="\\b marks a word boundary: re.search(r'\\bcat', 'Category', re.IGNORECASE) finds a match, but "
                  "not in 'concatenate'. re.escape('e.g.') keeps the dots literal. any(...) over the keywords is "
                  "False for an empty list.",
             key=lambda: [want for _, _, want in FLAG_CASES], key_source="nine literal sentences and keyword lists",
             rule=_flag_rule, tracks=DATA),
    Exercise("6.7", LESSON, "test_false_alarms", 1,
             Several(false_alarms=Value("false_alarms"), misses=Value("misses"), labels=Widget("6.3")),
             name="false_alarms, misses",
             hint="A false alarm is a flagged comment you did not label hate; a miss is one you labelled hate that "
                  "was not flagged. On toy data: with flagged = ['x', 'y'] and labels = {'x': 'hate', 'z': 'hate'}, "
                  "[c for c in flagged if labels.get(c) != 'hate'] gives ['y'].",
             key=_naive_hits_key,
             key_source="datasets/comments.csv (the naive list's hits); the student's own labels of 6.3",
             rule=_false_alarms_rule, tracks=DATA),
    Exercise("6.8", LESSON, "test_better_keywords", 2,
             Several(hits=Call("medialit.checks.lesson06:keyword_hits", ((Name("better_keywords"),),), public=True),
                     keywords=Value("better_keywords")),
             name="better_keywords",
             hint="Drop the keywords that only caused false alarms and add the words or documented coded forms "
                  "(section 4) that the hateful comments use. Measure each change with keyword_scores(...).",
             key=_gold_hate,
             key_source="datasets/annotations/comments.jsonl (the comments labelled hate; disputed ones count "
                        "neither way)",
             rule=_better_keywords_rule, further=True, tracks=DATA),
    Exercise("6.9", LESSON, "moderation", 4, Written(), name="written moderation decision"),
    Exercise("6.10", LESSON, "test_filter_check", 3, Widget("6.10"), name="filter_check",
             hint="The same on a spam filter that flags every email with the word 'free': it flags 'Free parking at "
                  "the conference' (a false alarm) and lets 'Claim your prize now' through (a miss). For each "
                  "comment ask two questions in turn: did the list flag it (the ids the cell printed)? Is it hate "
                  "(section 1: who is attacked, for what)? Together they give the label.",
             key=_filter_key,
             key_source="datasets/comments.csv (the naive list's hits) crossed with datasets/annotations/"
                        "comments.jsonl (labels of the 16 comments of 6.3; disputed ones not graded)",
             rule=_filter_rule, judgement=True, tracks=CORE),
    Exercise("6.11", LESSON, "test_hate_words", 3, Widget("6.11"), name="hate_words",
             hint="On a made-up review: in 'The new bridge is a waste of money, and the engineers from the northern "
                  "villages are all lazy crooks', the attack on a group sits in 'from the northern villages are all "
                  "lazy crooks'; 'bridge' and 'a waste of money' criticise a project. Mark the attack, not the "
                  "topic; a name of a state or a people is not an attack by itself, and a code can be one word.",
             key=_hate_words_key,
             key_source="datasets/annotations/comments.jsonl (the `cues` of the comments labelled hate; the fine "
                        "comment has none; disputed comments left out)",
             rule=_hate_words_rule, judgement=True, further=True, tracks=BOTH),
]
