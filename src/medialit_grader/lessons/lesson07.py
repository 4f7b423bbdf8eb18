"""Lesson 07 "Investigating claims: lateral reading": its graded exercises (see medialit_grader/exercises.py).

First the student reads a list of search results (7.1, a label table). Then they investigate four claims from the
corpus in the kit's offline web (``datasets/web``) with one widget, ``lab.investigate("7.2", ...)``: its value is the
move log (searches, opened pages, back, cited page, verdicts). Five exercises read that one log, each for one thing:
the verdicts (7.2), the pages cited (7.3), and the three SIFT moves that got there (7.4 who is behind the claim, 7.5
independent coverage, 7.6 click restraint). The log is the student's data: every move is checked
(``medialit.web.check_moves``) and every rank is checked again here by running the logged search (the search is
deterministic), so a made-up log earns nothing a real search would not have given.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Wrong
from ..exercises import DATA, Exercise, Partly, Value, Widget, Written, frame_records, ratio, require

LESSON = "07-lateral"
CHECKS = "medialit.checks.lesson07"
HOLDS, FAILS, OPEN = "holds up", "does not hold up", "can't be settled"

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


@dataclass(frozen=True)
class Claim:
    verdict: str
    source_pages: frozenset   # pages about who made the claim (the outlet, its writer): "investigate the source"
    coverage: frozenset       # independent reporting on the same event: "find better coverage"
    settles: frozenset        # pages that settle the verdict (the evidence a student should cite)


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


def _key():
    """The claims' key, checked against the offline web: every page it names exists (a renamed page is the
    teacher's error, found here rather than as a student's zero)."""
    from medialit import load_web

    pages = set(load_web().pages)
    for claim, spec in KEY.items():
        missing = (spec.source_pages | spec.coverage | spec.settles) - pages
        if missing:
            raise ValueError(f"07-lateral key, claim {claim}: no page {sorted(missing)} in datasets/web")
    return KEY


def _log(answer) -> list[dict]:
    """The move log of widget 7.2, checked, with every open whose rank the logged search does not give dropped."""
    from medialit import load_web, web

    moves = answer.get("7.2") if isinstance(answer, dict) else None
    require(isinstance(moves, list) and moves, "investigate the claims with the widget of exercise 7.2")
    site = load_web()
    try:
        moves = web.check_moves(moves, claims=list(CLAIMS), pages=list(site.pages))
    except ValueError as error:
        raise Wrong(f"the move log cannot be read: {error}") from None
    kept, shown = [], []
    for move in moves:
        if move["do"] == "search":
            shown = [p.id for p in site.search(move["query"])]
        elif move["do"] == "open" and (move["rank"] > len(shown) or shown[move["rank"] - 1] != move["page"]):
            continue  # not the last search's result at that rank: not a move the widget makes
        kept.append(move)
    return kept


def _state(moves) -> dict:
    """Per claim: pages opened, the page cited, the verdict, and what was opened before the first verdict."""
    state = {c: {"opened": [], "bait": [], "cited": None, "verdict": None, "before": None} for c in CLAIMS}
    for move in moves:
        s = state[move["claim"]]
        if move["do"] == "open":
            s["opened"].append(move["page"])
            if move["rank"] == 1 and move["page"].startswith("corpus-"):
                s["bait"].append(move["page"])  # the first result taken, and it only repeats a claim
        elif move["do"] == "cite":
            s["cited"] = move["page"] if move["page"] in s["opened"] else s["cited"]
        elif move["do"] == "verdict":
            s["verdict"] = move["verdict"]
            if s["before"] is None:
                s["before"] = list(s["opened"])
    for s in state.values():
        if s["before"] is None:
            s["before"] = list(s["opened"])
    return state


# -- 7.2 the verdicts: precision and recall of each verdict, averaged (macro F1) ---------------------------------------
# Calling every claim false, true or unsettled scores at most a third; a verdict with no page opened for its claim
# counts as no verdict: a verdict is the end of an investigation, not a guess.
def _f1(given: dict, key: dict, verdict: str) -> float:
    said = {c for c, v in given.items() if v == verdict}
    truth = {c for c, v in key.items() if v == verdict}
    hits = len(said & truth)
    p, r = ratio(hits, len(said)), ratio(hits, len(truth))
    return ratio(2 * p * r, p + r)


def _verdicts_rule(answer, key):
    state = _state(_log(answer))
    given = {c: s["verdict"] for c, s in state.items() if s["verdict"] and s["opened"]}
    guessed = [c for c, s in state.items() if s["verdict"] and not s["opened"]]
    require(given, "no verdict backed by an investigation: open at least one page for a claim before judging it"
            if guessed else "give each claim a verdict with the widget")
    truth = {c: spec.verdict for c, spec in key.items()}
    score = sum(_f1(given, truth, v) for v in (HOLDS, FAILS, OPEN)) / 3
    require(score > 0, "none of the verdicts fits the evidence in the offline web")
    return score


# -- 7.3 the page cited for each claim: one that settles it ---------------------------------------------------------
def _sources_rule(answer, key):
    state = _state(_log(answer))
    cited = {c: s["cited"] for c, s in state.items() if s["cited"]}
    require(cited, "cite a page for each claim: open it and press its Cite button")
    right = [c for c, page in cited.items() if page in key[c].settles]
    outlets = [c for c, page in cited.items() if page.startswith("corpus-")]
    require(right, "none of the pages cited settles its claim" +
            (": an article that makes or repeats a claim cannot confirm it" if outlets else ""))
    return len(right) / len(key)


# -- 7.4 to 7.6 the moves: SIFT, one exercise each ------------------------------------------------------------------
# For each claim: investigate the source (a page about the outlet or writer that made the claim, opened before the
# first verdict on it), find better coverage (an independent report on the event, before the first verdict), and click
# restraint (never the first result taken when it is an article repeating a claim — a search for a claim's own words
# puts those first — and a cited page that is not such an article). Taking the first result is no fault when it is a
# page worth reading: restraint is choosing. Three of the four claims earn an exercise's point.
SIFT = {"source": "who is behind the claim", "coverage": "what independent sources report on the event",
        "restraint": "choosing from the results, not taking a first result that repeats the claim"}
SIFT_FULL = 3


def _sift(state, key) -> dict[str, set[str]]:
    """{move: the claims for which the log shows it}."""
    met = {move: set() for move in SIFT}
    for c, spec in key.items():
        s = state[c]
        if set(s["before"]) & spec.source_pages:
            met["source"].add(c)
        if set(s["before"]) & spec.coverage:
            met["coverage"].add(c)
        if s["opened"] and not s["bait"] and not (s["cited"] or "").startswith("corpus-"):
            met["restraint"].add(c)
    return met


def _move_rule(move: str):
    def rule(answer, key):
        state = _state(_log(answer))
        require(any(s["opened"] for s in state.values()), "no page opened: search the offline web and open pages")
        done = _sift(state, key)[move]
        missing = [c for c in key if c not in done]
        require(done, f"{SIFT[move]}: not shown for any claim")
        if len(done) >= SIFT_FULL:
            return None
        return Partly(len(done) / SIFT_FULL, f"{SIFT[move]}: shown for claim{'s' if len(done) > 1 else ''} "
                                             f"{', '.join(sorted(done))}, not for {', '.join(missing)} "
                                             f"({SIFT_FULL} of {len(key)} earn the point)")
    return rule


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
             key=_key, key_source="the offline web (datasets/web) and its references (teacher notes, The four claims)",
             rule=_verdicts_rule, judgement=True, minutes=22),  # four claims investigated: ~5 min each
    Exercise("7.3", LESSON, "test_cited_sources", 3, Widget("7.2"), name="the investigation widget (cited pages)",
             hint="The page that settles a claim is one that was in a position to know and is independent of the "
                  "outlet that made it: an official record, a wire report, a monitor, an investigation. An article "
                  "repeating the claim, however many there are, settles nothing.",
             key=_key, key_source="the offline web (datasets/web): for each claim the pages that bear on it",
             rule=_sources_rule, judgement=True, minutes=0),  # done during 7.2
    Exercise("7.4", LESSON, "test_checked_source", 1, Widget("7.2"), name="the investigation widget (the source)",
             hint=_SIFT_HINT, key=_key, key_source=_SIFT_KEY, rule=_move_rule("source"), judgement=True, minutes=0),
    Exercise("7.5", LESSON, "test_found_coverage", 1, Widget("7.2"), name="the investigation widget (coverage)",
             hint=_SIFT_HINT, key=_key, key_source=_SIFT_KEY, rule=_move_rule("coverage"), judgement=True, minutes=0),
    Exercise("7.6", LESSON, "test_click_restraint", 1, Widget("7.2"), name="the investigation widget (restraint)",
             hint=_SIFT_HINT, key=_key, key_source=_SIFT_KEY, rule=_move_rule("restraint"), judgement=True,
             minutes=0),
    Exercise("7.7", LESSON, "justification", 3, Written(), name="written justification"),
    Exercise("7.8", LESSON, "test_class_summary", 3, Value("class_summary"), name="class_summary",
             hint="Group the moves by student (df.groupby('student')); count with (df['do'] == 'search').sum(); "
                  "a share of a condition is its mean. For 'before the first verdict', take each student's moves "
                  "for one claim in order and stop at the first verdict row.",
             key=_summary_key, key_source="datasets/sample-class-moves.jsonl (constructed practice data)",
             rule=_summary_rule, tracks=DATA),
]
