"""Lesson 07 "Investigating claims: lateral reading": its graded exercises (see medialit_grader/exercises.py).

First the student reads a list of search results (7.1, a label table). Then they investigate four claims from the
corpus in the kit's offline web (``datasets/web``) with one widget, ``lab.investigate("7.2", ...)``: its value is the
move log (searches, opened pages, back, cited page, verdicts). Five exercises read that one log, each for one thing:
the verdicts (7.2), the pages cited (7.3), and the three SIFT moves that got there (7.4 who is behind the claim, 7.5
independent coverage, 7.6 click restraint), scored as medialit_grader/investigation.py says (the capstone's
investigation is scored the same way).
"""

from __future__ import annotations

from ..exercises import DATA, Exercise, Value, Widget, Written, frame_records, require
from ..investigation import FAILS, HOLDS, OPEN, Claim, Inquiry

LESSON = "07-lateral"
CHECKS = "medialit.checks.lesson07"

# The claims as the lesson gives them (tests/test_lesson07_keys.py checks the notebook shows the same ones).
CLAIMS = {
    "A": "Document 003 (the Fars News Agency text on the Veterans Today page): on 17 September 2016, aircraft of the "
         "US-led coalition bombed Syrian army positions near Deir ez-Zor.",
    "B": "Document 004 (Inside Syria Media Center): on 18 May 2017, an airstrike of the US-led coalition hit a convoy "
         "of pro-government forces near al-Tanf.",
    "C": "Document 003 (the Veterans Today editor's note): US special forces on the ground were coordinating the air "
         "cover with ISIS.",
    "D": "Document 000 (SouthFront, citing SMART News Agency): about 150 US and UK special forces entered southern "
         "Syria to back a rebel advance and are now about 90 km west of Palmyra.",
}


# -- 7.1 read the results before opening one -----------------------------------------------------------------
# The results of a search for "Global Research" (the outlet of document 002, not one of the claims'), labelled by
# what each page is: others documenting who is behind the outlet, the outlet's own words, or a page about someone else.
RESULTS_QUERY = "Global Research"
OTHERS, OWN, ELSE = "others on who is behind it", "the outlet's own words", "about someone else"
RESULT_LABELS = [OTHERS, OWN, ELSE]
RESULTS_KEY = {"profile-global-research": OTHERS, "research-gec-ecosystem-2020": OTHERS, "corpus-002": OWN,
               "profile-southfront": ELSE, "profile-al-masdar": ELSE, "profile-sputnik-rt": ELSE}


def _results_key():
    """{R1…: label} by the ranks the search gives today (the notebook lists the same results in the same order)."""
    from medialit import load_web

    found = [p.id for p in load_web().search(RESULTS_QUERY)]
    if set(found) != set(RESULTS_KEY):
        raise ValueError(f"07-lateral key 7.1: the search for {RESULTS_QUERY!r} now gives {found}; update RESULTS_KEY")
    return {f"R{n}": RESULTS_KEY[page] for n, page in enumerate(found, start=1)}


def _results_rule(answer, key):
    given = answer.get("7.1")
    require(isinstance(given, dict) and given, "label the results with the widget")
    right = sum(given.get(k) == v for k, v in key.items())
    require(right >= 4, f"{right} of {len(key)} results labelled right (4 needed)")
    return None if right >= 5 else 0.5


_DEIR = frozenset({"centcom-deir-ezzor-statement", "reuters-deir-ezzor-strike", "rudaw-deir-ezzor-first-reports",
                   "sohr-deir-ezzor-toll", "allies-confirm-deir-ezzor-role", "us-investigation-deir-ezzor",
                   "npr-deir-ezzor-toll-summary", "mee-porter-deliberate-argument"})
_TANF = frozenset({"centcom-al-tanf-release", "abc-al-tanf-convoy", "al-tanf-tolls-sohr-syria"})
_FORCES = frozenset({"us-special-forces-al-tanf", "lwj-al-tanf-patrols", "uk-forces-al-tanf-photos"})

# The evidence behind each verdict is in the teacher notes (07-lateral/teacher-notes.md, "The four claims").
KEY = {
    # the strike happened and hit Syrian government forces: CENTCOM said so the same day, allies confirmed taking
    # part, the US investigation found it (an analysis arguing intent does not report the strike itself)
    "A": Claim(HOLDS, frozenset({"profile-fars", "profile-veterans-today"}), _DEIR,
               _DEIR - {"mee-porter-deliberate-argument"}),
    # CENTCOM's release and the wire reports describe the strike on the pro-government convoy
    "B": Claim(HOLDS, frozenset({"profile-ismc-sophie-mangal", "research-sio-gru-personas"}), _TANF, _TANF),
    # nothing supports coordination with ISIS; CENTCOM (the day) and the investigation (November) say what the
    # coalition believed it was striking and why it erred. Syria and Russia called the strike deliberate; even that
    # reading is not coordination with ISIS
    "C": Claim(FAILS, frozenset({"profile-veterans-today"}), _DEIR,
               frozenset({"us-investigation-deir-ezzor", "centcom-deir-ezzor-statement"})),
    # US (and earlier UK) special forces near al-Tanf are documented; this report of 150 entering is not confirmed by
    # either government, rests on one source, and the outlets' own versions put the force east or west of Palmyra
    "D": Claim(OPEN, frozenset({"profile-southfront", "research-oii-southfront-vt", "research-gec-ecosystem-2020",
                                "profile-smart-news"}), _FORCES,
               _FORCES | {"almasdar-smart-report-version", "profile-smart-news"}),
}
# The rules of 7.2-7.6 (medialit_grader/investigation.py): the articles of the corpus are the pages that only repeat a
# claim — a search for a claim's own words puts them first. Three of the four claims earn a SIFT move's point.
INQUIRY = Inquiry("7.2", LESSON, "lateral", KEY, repeats=lambda page: page.startswith("corpus-"))


# -- 7.8 the class's move log, summarised (data track) ----------------------------------------------------------------
SUMMARY_COLUMNS = ["searches", "opened", "repeat_first", "checked_source"]


def _summary_key():
    """Per constructed student of the sample class log: searches, pages opened, the share of opened pages that were a
    corpus article taken as the first result (a claim repeated), and the claims for which a page about a source (a
    reference work or research page) was opened before the claim's first verdict."""
    from medialit import load_class_moves, load_web

    kinds = {p.id: p.kind for p in load_web().pages.values()}
    log = load_class_moves()
    out = {}
    for student, moves in log.groupby("student", sort=True):
        opens = moves[moves["do"] == "open"]
        checked = 0
        for claim, part in moves.groupby("claim"):
            verdicts = part.index[part["do"] == "verdict"]
            before = part if not len(verdicts) else part.loc[:verdicts[0]]
            checked += any(kinds.get(p) in ("reference work", "research") for p in before["page"].dropna())
        out[str(student)] = {"searches": int((moves["do"] == "search").sum()), "opened": int(len(opens)),
                             "repeat_first": float(((opens["rank"] == 1) & opens["page"].str.startswith("corpus-"))
                                                   .mean()) if len(opens) else 0.0,
                             "checked_source": int(checked)}
    return out


def _summary_rule(answer, key):
    rows = frame_records(answer)
    index = answer.get("index") or []
    require(len(index) == len(rows), "expected one row per student, indexed by student")
    given = {str(i): r for i, r in zip(index, rows)}
    missing = [c for c in SUMMARY_COLUMNS if rows and c not in rows[0]]
    require(not missing, f"the summary has no column {', '.join(missing)}")
    require(set(given) == set(key), f"expected one row for each of the {len(key)} students in the class log, found "
                                    f"{len(given)}")
    wrong = {c: sum(1 for s in key if not _close(given[s].get(c), key[s][c])) for c in SUMMARY_COLUMNS}
    bad = [f"{c} ({n} of {len(key)} rows)" for c, n in wrong.items() if n]
    require(not bad, "not yet right: " + ", ".join(bad))


def _close(a, b) -> bool:
    return isinstance(a, (int, float)) and not isinstance(a, bool) and abs(float(a) - float(b)) <= 0.01


_SIFT_KEY = ("the offline web (datasets/web): per claim the pages about its source and the independent coverage of "
             "its event")
_SIFT_HINT = ("For each claim: search who is behind it and open what others document about them before you judge; "
              "search the event itself and open a report by someone in a position to know; read the whole list of "
              "results before you open one — the first result is often the claim repeated. On made-up data: for a "
              "blog's claim about a bridge, look up the blog, then the city's own notice, not the blog's reposts.")

EXERCISES = [
    Exercise("7.1", LESSON, "test_results", 2, Widget("7.1"), name="results",
             hint="Ask of each result who wrote it and about whom: the outlet speaking for itself, others writing "
                  "about the outlet, or a page about someone else that the search also found. A page about a city "
                  "council written by a newspaper tells you about the council; the council's own newsletter does "
                  "not.",
             key=_results_key, key_source="the offline web's search for 'Global Research' (RESULTS_KEY)",
             rule=_results_rule, judgement=True),
    Exercise("7.2", LESSON, "test_verdicts", 4, Widget("7.2"), name="the investigation widget (verdicts)",
             hint="Judge the claim, not the outlet: a dubious outlet can report a real event, and a claim can be "
                  "unsettled rather than false. On made-up data: a gossip blog's report that a bridge closed is "
                  "confirmed by the city's own notice; its claim that the mayor ordered it in secret appears nowhere "
                  "else (no verdict either way until someone shows it).",
             key=INQUIRY.checked_key,
             key_source="the offline web (datasets/web) and its references (teacher notes, The four claims)",
             rule=INQUIRY.verdicts_rule, judgement=True, minutes=22),  # four claims investigated: ~5 min each
    Exercise("7.3", LESSON, "test_cited_sources", 3, Widget("7.2"), name="the investigation widget (cited pages)",
             hint="The page that settles a claim is one that was in a position to know and is independent of the "
                  "outlet that made it: an official record, a wire report, a monitor, an investigation. An article "
                  "repeating the claim, however many there are, settles nothing.",
             key=INQUIRY.checked_key,
             key_source="the offline web (datasets/web): for each claim the pages that bear on it",
             rule=INQUIRY.sources_rule, judgement=True, minutes=0),  # done during 7.2
    Exercise("7.4", LESSON, "test_checked_source", 1, Widget("7.2"), name="the investigation widget (the source)",
             hint=_SIFT_HINT, key=INQUIRY.checked_key, key_source=_SIFT_KEY, rule=INQUIRY.move_rule("source"),
             judgement=True, minutes=0),
    Exercise("7.5", LESSON, "test_found_coverage", 1, Widget("7.2"), name="the investigation widget (coverage)",
             hint=_SIFT_HINT, key=INQUIRY.checked_key, key_source=_SIFT_KEY, rule=INQUIRY.move_rule("coverage"),
             judgement=True, minutes=0),
    Exercise("7.6", LESSON, "test_click_restraint", 1, Widget("7.2"), name="the investigation widget (restraint)",
             hint=_SIFT_HINT, key=INQUIRY.checked_key, key_source=_SIFT_KEY, rule=INQUIRY.move_rule("restraint"),
             judgement=True, minutes=0),
    Exercise("7.7", LESSON, "justification", 3, Written(), name="written justification"),
    Exercise("7.8", LESSON, "test_class_summary", 3, Value("class_summary"), name="class_summary",
             hint="Group the moves by student (df.groupby('student')); count with (df['do'] == 'search').sum(); "
                  "a share of a condition is its mean. For 'before the first verdict', take each student's moves "
                  "for one claim in order and stop at the first verdict row.",
             key=_summary_key, key_source="datasets/sample-class-moves.jsonl (constructed practice data)",
             rule=_summary_rule, tracks=DATA),
]
