"""Lesson 06 "Hate rhetoric in comment sections": its graded exercises (see medialit_grader/exercises.py for the
fields).

The comments of this lesson hold hateful text: no rule message here ever quotes a comment, only ids, counts and
scores.
"""

from __future__ import annotations

from ..exercises import (Call, Exercise, Name, Several, Value, Widget, Written, precision_recall, require,
                         share_right, the_widget)

LESSON = "06-hate"


def _number(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


# -- 6.1 The six factors of the Rabat test ---------------------------------------------------------------------
RABAT_OPTIONS = [
    "the context in which it is said",
    "the speaker's position and influence",
    "the speaker's intent",
    "whether it contains a word from a list of slurs",
    "the content and form of the speech",
    "whether the claims in it are true",
    "its extent: how public it is and how large its audience",
    "how many readers complained about it",
    "the likelihood of harm, including how imminent it is",
]
RABAT_KEY = {"options": RABAT_OPTIONS,
             "right": [RABAT_OPTIONS[i] for i in (0, 1, 2, 4, 6, 8)]}


def _rabat_rule(answer, key):
    ticked = answer.get("6.1") if isinstance(answer, dict) else None
    require(isinstance(ticked, list) and all(isinstance(t, str) for t in ticked),
            "tick the options with the widget")
    ticked, right = set(ticked), set(key["right"])
    correct = sum((o in ticked) == (o in right) for o in key["options"])
    require(correct >= 8, f"{correct} of {len(key['options'])} options decided correctly (8 needed)")


# -- 6.2 Hate, or not by itself? -------------------------------------------------------------------------------
HATE_OR_NOT_KEY = {"A": "not hate by itself", "B": "not hate by itself", "C": "hate", "D": "not hate by itself",
                   "E": "hate", "F": "not hate by itself"}


# -- 6.3 / 6.4 Label 16 comments (two grade cells on the one widget question "6.3") -------------------------------
LABEL_ITEMS = ["000-c05", "000-c12", "000-c18", "000-c20", "000-c26", "000-c27", "000-c28", "003-c01", "003-c02",
               "003-c04", "003-c05", "003-c06", "003-c13", "003-c19", "003-c21", "004-c02"]


def _gold_labels():
    import medialit as ml

    gold = ml.load_annotations("comments").set_index("comment")["label"]
    return {i: str(gold[i]) for i in LABEL_ITEMS}


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
    import medialit as ml

    gold = ml.load_annotations("comments")
    return sorted(str(i) for i in gold.loc[gold["label"] == "hate", "comment"])


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
    precision, recall = precision_recall(set(case["ok"]), set(key))
    require(precision >= 0.6 and recall >= 0.8,
            f"precision {precision:.2f}, recall {recall:.2f} over all 64 comments (0.60 and 0.80 needed)")


LABELS_HINT = ("Open each text with its 'Show the text' button, then choose civil, incivility or hate with the "
               "labelling guide of section 2 beside you.")

EXERCISES = [
    Exercise("6.1", LESSON, "test_rabat_factors", 1, Widget("6.1"), name="rabat_factors",
             hint="Re-read the Rabat paragraph in section 1: it names six factors. The other options sound "
                  "reasonable but are not among them.",
             key=lambda: RABAT_KEY, key_source="the Rabat Plan of Action's six factors (the lesson's section 1)",
             rule=_rabat_rule, judgement=True),
    Exercise("6.2", LESSON, "test_hate_or_not", 2, Widget("6.2"), name="hate_or_not",
             hint="Ask of each case: does it attack a group of people for who they are? An insult of one person, "
                  "anger at a government or a comparison with Nazi Germany does not, by itself.",
             key=lambda: HATE_OR_NOT_KEY, key_source="the lesson's six described cases (the definition of section 1)",
             rule=share_right(5, the_widget("6.2")), judgement=True),
    Exercise("6.3", LESSON, "test_labels_agree", 2, Widget("6.3"), name="my_labels", hint=LABELS_HINT,
             key=_gold_labels, key_source="datasets/annotations/comments.jsonl (labels of the 16 comments)",
             rule=_agree_rule, judgement=True),
    Exercise("6.4", LESSON, "test_labels_find_hate", 2, Widget("6.3"), name="my_labels", hint=LABELS_HINT,
             key=_gold_labels, key_source="datasets/annotations/comments.jsonl (labels of the 16 comments)",
             rule=_find_hate_rule, judgement=True),
    Exercise("6.5", LESSON, "test_agreement", 3,
             Call("agreement", tuple((dict(mine), dict(AGREEMENT_REFERENCE)) for mine, _, _ in
                                     AGREEMENT_CASES)),
             name="agreement",
             hint="Turn both dicts into two lists over the same ids (those in `reference`), pass them to "
                  "ml.cohen_kappa; for precision and recall compare the sets of ids labelled 'hate' with "
                  "ml.precision_recall(mine_hate, reference_hate).",
             key=_agreement_key,
             key_source="scikit-learn's cohen_kappa_score and hand-computed precision/recall on five literal label "
                        "sets",
             rule=_agreement_rule),
    Exercise("6.6", LESSON, "test_flag", 2, Call("flag", tuple((text, kws) for text, kws, _ in FLAG_CASES)),
             name="flag",
             hint="Loop over the keywords and use re.search(r'\\b' + re.escape(k), text, re.IGNORECASE): a keyword "
                  "must start a word, in any case.",
             key=lambda: [want for _, _, want in FLAG_CASES], key_source="nine literal sentences and keyword lists",
             rule=_flag_rule),
    Exercise("6.7", LESSON, "test_false_alarms", 2,
             Several(false_alarms=Value("false_alarms"), misses=Value("misses"), labels=Widget("6.3")),
             name="false_alarms, misses",
             hint="Use `naive_hits` and your own labels `my_labels.value`: a false alarm is a hit you did not label "
                  "hate; a miss is a comment you labelled hate that is not a hit.",
             key=_naive_hits_key,
             key_source="datasets/comments.csv (the naive list's hits); the student's own labels of 6.3",
             rule=_false_alarms_rule),
    Exercise("6.8", LESSON, "test_better_keywords", 3,
             Several(hits=Call("medialit.checks.lesson06:keyword_hits", ((Name("better_keywords"),),), public=True),
                     keywords=Value("better_keywords")),
             name="better_keywords",
             hint="Drop the keywords that only caused false alarms and add the coded forms you found (prefixes and "
                  "acronyms count). Measure again with keyword_scores(...).",
             key=_gold_hate, key_source="datasets/annotations/comments.jsonl (the comments labelled hate)",
             rule=_better_keywords_rule),
    Exercise("6.9", LESSON, "moderation", 4, Written(), name="written moderation decision"),
]
