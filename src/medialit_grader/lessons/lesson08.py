"""The capstone (08-capstone, issue #21): an unseen, constructed article verified end to end.

The student verifies one article of a fictional outlet about a fictional air strike (``datasets/capstone``; every page
of its offline web is constructed for practice) with each skill of the course, then hands in a verification report:
- a checklist graded here: the technique of each of eight sentences (8.1, techniques), which reader comments are
  hate and which are only rude (8.2, hate vs incivility), an investigation of four claims in the capstone's web,
  scored as lesson 07's is (8.3 verdicts, 8.4 the pages cited, 8.5 the SIFT moves; medialit_grader/investigation.py),
  where the article's figure came from (8.6, sourcing), what its video is (8.7, footage) and what each counter's
  figure allows (8.8, figures);
- a written report the teacher grades with the rubric in the solution (8.9; a model report is in the teacher notes).

Every judgement exercise has items that hold up (plain sentences, civil comments, a claim that is true), and is
scored so that "flag everything" and "trust everything" both fail. The sentences' and comments' key is
``datasets/annotations/capstone-keys.jsonl`` (two blind readings, DATASHEET.md); the claims' key is KEY below, with
the evidence in the teacher notes ("The four claims").
"""

from __future__ import annotations

import functools

from ..exercises import Exercise, Partly, Widget, Written, precision_recall, ratio, require
from ..investigation import FAILS, HOLDS, OPEN, Claim, Inquiry

LESSON = "08-capstone"
CHECKS = "medialit.checks.lesson08"

# The claims as the notebook gives them (tests/test_capstone.py checks the notebook shows the same ones).
CLAIMS = {
    "A": "The Frontline Dispatch: on 14 March 2019, Lakeshore Coalition aircraft struck Sefrin.",
    "B": "The Frontline Dispatch: the Calvessan Monitor for Human Rights counted 120 civilians killed in the strike.",
    "C": "The Frontline Dispatch: the video shared by residents shows the strike on Sefrin's market.",
    "D": "The Frontline Dispatch, citing CNA: coalition special forces on the ground guided the jets to their target.",
}

# -- 8.3-8.8 the investigation in the capstone's web ----------------------------------------------------------------
_OUTLET = frozenset({"profile-frontline-dispatch", "research-omo-frontline-dispatch"})
_EVENT = frozenset({"coalition-sefrin-statement", "coalition-april-review", "meridian-sefrin-strike",
                    "cmhr-sefrin-toll", "cmhr-sefrin-update"})
_VIDEO = frozenset({"openlens-sefrin-video", "tavel-courier-market-fire", "gazetteer-dorvane-plain"})
KEY = {
    # the coalition said so the same day, the monitor and the wire report it, the April review assesses it
    "A": Claim(HOLDS, _OUTLET, _EVENT, _EVENT),
    # the monitor's own bulletins count 17, then 19 dead (9, then 10 civilians) and had no report near 120; the wire
    # gives each figure with who gave it: 120 is CNA's, from unnamed local sources
    "B": Claim(FAILS, _OUTLET | {"profile-cmhr"}, _EVENT,
               frozenset({"cmhr-sefrin-toll", "cmhr-sefrin-update", "meridian-sefrin-strike"})),
    # the clip was posted in 2016 about Tavel's market fire; its ridge and water tower are Tavel's, and no hills can
    # be seen from Sefrin, on the flat lower Dorvane plain
    "C": Claim(FAILS, _OUTLET, _VIDEO | _EVENT, _VIDEO),
    # only CNA says so and names no source; the wire could not confirm it, no one else reports such forces, and the
    # coalition does not comment on ground forces: nothing settles it either way
    "D": Claim(OPEN, _OUTLET | {"profile-cna"}, _EVENT, frozenset({"meridian-sefrin-strike"})),
}
# the pages that make or repeat the article's claims: the article, its copy, and the state agency's report
REPEATS = frozenset({"frontline-sefrin-massacre", "truthhorizon-sefrin-repost", "cna-sefrin-report"})
INQUIRY = Inquiry("8.3", LESSON, "capstone", KEY, repeats=REPEATS.__contains__)

# -- 8.6 where the figure of 120 came from ----------------------------------------------------------------------
_LOCAL, _CNA, _CMHR = "unnamed local sources", "CNA (the state news agency)", "Calvessan Monitor for Human Rights"
_FD, _TH = "The Frontline Dispatch", "Truth Horizon"
ACTORS = [_LOCAL, _CNA, _CMHR, _FD, _TH]
# CNA gave 120 first, citing unnamed local sources; the Frontline article (which republishes CNA) pinned it on the
# monitor, which never gave it; Truth Horizon copied the Frontline article
RELAY_KEY = frozenset({(_LOCAL, _CNA), (_CNA, _FD), (_FD, _TH)})


def _relay_rule(answer, key):
    given = answer.get("8.6") if isinstance(answer, dict) else None
    require(isinstance(given, list) and given, "add the hand-overs with the widget")
    links = {tuple(link[:2]) for link in given if isinstance(link, list) and len(link) >= 2}
    p, r = precision_recall(links, set(key))
    f1 = ratio(2 * p * r, p + r)
    require(f1 >= 0.5, f"precision {p:.2f}, recall {r:.2f} on the hand-overs: follow the figure back from the "
                       "article, page by page, to whoever gave it first")
    return None if f1 == 1 else Partly(f1, f"precision {p:.2f}, recall {r:.2f} on the hand-overs")


# -- 8.7 the video -----------------------------------------------------------------------------------------------------
FOOTAGE_OPTIONS = [
    "It shows Sefrin's market on 14 March: residents filmed it, and the fire fits a strike on the fuel depot.",
    "It shows Sefrin's market burning, but the fire was caused by an electrical fault, not by a strike.",
    "It was first posted in 2016, about a fire in another town, and what can be seen behind the flames is not there "
    "in Sefrin.",
    "Nothing can be said about it without the original file and its metadata.",
]
FOOTAGE_KEY = FOOTAGE_OPTIONS[2]


def _footage_rule(answer, key):
    given = answer.get("8.7") if isinstance(answer, dict) else None
    require(given in FOOTAGE_OPTIONS, "choose one answer with the widget")
    require(given == key, "not what the pages on the video's first appearance show")


# -- 8.8 what each count allows (lesson 04's convention: "at least 17" is 17 or more, a bare number is itself) ------
FIGURES = {"F1": "Killed in all, in the monitor's bulletin of 15 March",
           "F2": "Killed in all, in the monitor's update of 17 March",
           "F3": "Civilians killed, in the coalition's review of 10 April",
           "F4": "Civilians killed, in the figure the article gives"}
FIGURES_KEY = {"F1": [17, None], "F2": [19, 19], "F3": [6, 6], "F4": [120, None]}


def _figures_rule(answer, key):
    given = answer.get("8.8") if isinstance(answer, dict) else None
    require(isinstance(given, dict) and given, "enter the intervals in the widget")
    right = sum(isinstance(given.get(k), list) and list(given[k]) == v for k, v in key.items())
    require(right >= 3, f"{right} of {len(key)} rows right (3 needed): find each count on its own page")
    return None if right == len(key) else Partly(right / len(key), f"{right} of {len(key)} rows right")


# -- 8.1 and 8.2 the sentences and the comments, from the key file -------------------------------------------------------
REPORTS = "reports, no technique"
HATE, UNCIVIL = "hate", "uncivil, not hate"
KEY_FILE = ("annotations", "capstone-keys.jsonl")
KEY_FIELDS = {"item": str, "task": str, "label": str, "also": list, "reason": str}


@functools.cache
def _labels(task: str) -> dict[str, frozenset]:
    """{item: the labels accepted} of one task of the key file ("technique" or "comment"), checked against what the
    notebook shows (every item has a key, every label is one of the widget's)."""
    from medialit import COMMENT_LABELS, TECHNIQUE_LABELS, capstone_comments, capstone_sentences
    from medialit._paths import data_file, read_rows

    items, labels = ((capstone_sentences(), TECHNIQUE_LABELS) if task == "technique"
                     else (capstone_comments(), COMMENT_LABELS))
    key = {row["item"]: frozenset([row["label"], *row["also"]])
           for row in read_rows(data_file(*KEY_FILE), KEY_FIELDS) if row["task"] == task}
    if set(key) != set(items) or any(not accepted <= set(labels) for accepted in key.values()):
        raise ValueError(f"{LESSON}: the {task} key ({'/'.join(KEY_FILE)}) does not fit the items or labels shown")
    return key


def _techniques_rule(answer, key):
    given = answer.get("8.1") if isinstance(answer, dict) else None
    require(isinstance(given, dict) and given, "label the sentences with the widget")
    flagged = {item for item, label in given.items() if label != REPORTS}
    uses = {item for item, accepted in key.items() if REPORTS not in accepted}
    p, r = precision_recall(flagged, uses)
    require(p >= 0.75 and r >= 0.75, f"precision {p:.2f}, recall {r:.2f} on the sentences that use a technique "
                                     "(0.75 needed for both): a false claim stated plainly uses no technique")
    right = sum(given.get(item) in accepted for item, accepted in key.items())
    return None if right >= len(key) - 1 else Partly(right / len(key), f"{right} of {len(key)} sentences labelled "
                                                                       "right")


def _comments_rule(answer, key):
    given = answer.get("8.2") if isinstance(answer, dict) else None
    require(isinstance(given, dict) and given, "label the comments with the widget")
    scores = []
    for label in (HATE, UNCIVIL):
        p, r = precision_recall({i for i, g in given.items() if g == label}, {i for i, a in key.items() if label in a})
        scores.append(ratio(2 * p * r, p + r))
    require(scores[0] >= 0.5, f"F1 {scores[0]:.2f} on hate (0.5 needed): tell an attack on a whole group from an "
                              "insult aimed at one person")
    score = sum(scores) / 2
    return None if score >= 0.999 else Partly(score, f"F1 {scores[0]:.2f} on hate, {scores[1]:.2f} on rudeness")


_SIFT_HINT = ("For each claim: look up who is behind it before you judge, then read what someone in a position to "
              "know reports on the event; read the whole list of results first — the article and its copies come "
              "first for the claim's own words. On made-up data: for a flyer's claim that a school closed, look up "
              "who printed the flyer, then the school board's own notice.")

EXERCISES = [
    Exercise("8.1", LESSON, "test_techniques", 3, Widget("8.1"), name="the label table (techniques)",
             hint="Judge the wording, not the fact: a plain sentence can carry a false claim, and a true one can be "
                  "told with loaded words. On made-up data: 'The council, as every sensible resident knows, wasted "
                  "the money' leans on the crowd; 'The council spent 2 million, its report says' reports.",
             key=lambda: _labels("technique"), key_source="datasets/annotations/capstone-keys.jsonl (task "
                                                          "technique; two blind readings)",
             rule=_techniques_rule, judgement=True),
    Exercise("8.2", LESSON, "test_comments", 3, Widget("8.2"), name="the label table (comments)",
             hint="Hate attacks people for who they are as a group (blaming, dehumanising, calling to exclude them); "
                  "rudeness insults a person or their words; anger at what a government or army does is neither. "
                  "On made-up data: 'the referee is blind' is rude; 'people from that valley are all cheats' is "
                  "hate.",
             key=lambda: _labels("comment"), key_source="datasets/annotations/capstone-keys.jsonl (task comment; "
                                                        "two blind readings)",
             rule=_comments_rule, judgement=True),
    Exercise("8.3", LESSON, "test_verdicts", 4, Widget("8.3"), name="the investigation widget (verdicts)",
             hint="Judge each claim, not the outlet: a dubious article can report a real event, and a claim that "
                  "nobody else reports is unsettled rather than false.",
             key=INQUIRY.checked_key, key_source="the capstone's web (datasets/capstone/web; teacher notes, The four "
                                                 "claims)",
             rule=INQUIRY.verdicts_rule, judgement=True, minutes=20),  # four claims investigated: ~5 min each
    Exercise("8.4", LESSON, "test_cited_sources", 2, Widget("8.3"), name="the investigation widget (cited pages)",
             hint="Cite a page that was in a position to know and is independent of the article: the counter's own "
                  "bulletin, the party that acted, a wire reporter who went there, the verifiers who traced a clip.",
             key=INQUIRY.checked_key, key_source="the capstone's web: for each claim the pages that settle it",
             rule=INQUIRY.sources_rule, judgement=True, minutes=0),  # done during 8.6
    Exercise("8.5", LESSON, "test_moves", 2, Widget("8.3"), name="the investigation widget (the moves)",
             hint=_SIFT_HINT, key=INQUIRY.checked_key,
             key_source="the capstone's web: per claim the pages about its source and the coverage of its event",
             rule=INQUIRY.move_rule("source", "coverage", "restraint"), judgement=True, minutes=0),
    Exercise("8.6", LESSON, "test_relay", 2, Widget("8.6"), name="the relay widget (where 120 came from)",
             hint="Follow a figure back one page at a time: who gave it, and whom did they name? An article that "
                  "credits a figure to someone is one claim; that someone's own page is the check. On made-up data: "
                  "a blog credits a city's crowd estimate to the police, the police never gave one, and the blog's "
                  "text is a copy of a party newsletter that cited 'organisers'.",
             key=lambda: RELAY_KEY, key_source="the capstone's web: CNA's report, the monitor's bulletins, the OMO "
                                               "study, the Truth Horizon copy (RELAY_KEY)",
             rule=_relay_rule, judgement=True),
    Exercise("8.7", LESSON, "test_footage", 2, Widget("8.7"), name="the choice on the video",
             hint="Ask where a clip first appeared and whether what can be seen in it fits the place named: hills, "
                  "towers, the shape of the ground. On made-up data: a 'flood in a desert town' clip with a harbour "
                  "behind it was posted years earlier in a port city.",
             key=lambda: FOOTAGE_KEY, key_source="the capstone's web: OpenLens, the Tavel Courier, the gazetteer",
             rule=_footage_rule, judgement=True),
    Exercise("8.8", LESSON, "test_figures", 2, Widget("8.8"), name="the intervals widget (counts)",
             hint="Each counter gives its own figure at its own date: write what each one allows, with lesson 04's "
                  "convention ('at least 40' is 40 or more; a bare 12 is 12). Different counts of one event are "
                  "not a contradiction until you know who counted what, and when.",
             key=lambda: FIGURES_KEY, key_source="the capstone's web: the monitor's two bulletins, the coalition's "
                                                 "review, the article (FIGURES_KEY)",
             rule=_figures_rule, judgement=True),
    Exercise("8.9", LESSON, "report", 8, Written(), name="the verification report"),
]
