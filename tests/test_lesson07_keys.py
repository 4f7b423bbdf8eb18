"""Lesson 07's keys and scoring rules: the claims the notebook shows are the grader's, every page the key names exists,
an honest investigation earns full points, and the lazy strategies (open nothing, call everything false, true or
unsettled) earn at most a third; a forged or malformed move log earns nothing a real search would not give."""

from __future__ import annotations

import ast
import importlib.util
import json
from pathlib import Path

import pytest

from medialit_grader.exercises import by_id, score
from medialit_grader.lessons import lesson07 as L

ROOT = Path(__file__).resolve().parents[1]
INVESTIGATION = ("7.2", "7.3", "7.4", "7.5", "7.6")
POINTS = sum(by_id(e).points for e in INVESTIGATION)


@pytest.fixture(scope="module")
def web():
    import medialit as ml

    return ml.load_web()


def _ranked(web, query):
    return [p.id for p in web.search(query)]


class Log:
    """A move log made the way the widget makes it: opens only from the last search's results, at their rank."""

    def __init__(self, web):
        self.web, self.moves, self.t, self.shown = web, [], 1_800_000_000.0, []

    def add(self, claim, do, **fields):
        self.t += 10
        self.moves.append({"t": self.t, "claim": claim, "do": do, **fields})

    def search(self, claim, query):
        self.shown = _ranked(self.web, query)
        assert self.shown, f"no result for {query!r}"
        self.add(claim, "search", query=query)

    def open(self, claim, page=None, rank=None):
        rank = rank or self.shown.index(page) + 1
        self.add(claim, "open", page=self.shown[rank - 1], rank=rank)
        self.add(claim, "back")
        return self.shown[rank - 1]

    def answer(self):
        return {"answer": {"7.2": self.moves}}


def honest(web, verdicts=None):
    """The model investigation (as in the solution notebook): who is behind the claim, then the event."""
    log = Log(web)
    plan = {"A": ("Fars News Agency", "profile-fars", "CENTCOM statement Deir ez-Zor strike",
                  "centcom-deir-ezzor-statement"),
            "B": ("Inside Syria Media Center", "profile-ismc-sophie-mangal", "CENTCOM al-Tanf strike pro-regime forces",
                  "centcom-al-tanf-release"),
            "C": ("Veterans Today", "profile-veterans-today", "investigation Deir ez-Zor air strike findings",
                  "us-investigation-deir-ezzor"),
            "D": ("SouthFront", "profile-southfront", "US special forces al-Tanf Maghawir al-Thawra",
                  "lwj-al-tanf-patrols")}
    for claim, (who, profile, event, evidence) in plan.items():
        log.search(claim, who)
        log.open(claim, profile)
        log.search(claim, event)
        log.open(claim, evidence)
        log.add(claim, "cite", page=evidence)
        verdict = (verdicts or {}).get(claim, L.KEY[claim].verdict)
        log.add(claim, "verdict", verdict=verdict, confidence="medium")
    return log


def lazy(web, verdict):
    """Search the claim's words, open the first result, cite it, judge: the habit lateral reading replaces."""
    log = Log(web)
    for claim, text in L.CLAIMS.items():
        log.search(claim, text.split(": ", 1)[1])
        page = log.open(claim, rank=1)
        log.add(claim, "cite", page=page)
        log.add(claim, "verdict", verdict=verdict, confidence="high")
    return log


def total(answer) -> float:
    return sum(score(by_id(e), answer).points for e in INVESTIGATION)


def test_the_notebook_shows_the_graders_claims():
    nb = json.loads((ROOT / "solutions/07-lateral/07-lateral.ipynb").read_text(encoding="utf-8"))
    setup = next("".join(c["source"]) for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") ==
                 "setup")
    tree = ast.parse(setup)
    shown = next(ast.literal_eval(node.value) for node in ast.walk(tree)
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "CLAIMS")
    assert shown == L.CLAIMS


def test_the_key_names_only_pages_of_the_offline_web(web):
    key = L.INQUIRY.checked_key()
    for claim, spec in key.items():
        assert spec.settles and spec.source_pages and spec.coverage, claim
        # an article that makes or repeats a claim is never independent coverage or evidence that settles it
        assert not {p for p in spec.settles | spec.coverage if web.pages[p].origin.startswith("corpus")}, claim
        assert {spec.verdict} <= {L.HOLDS, L.FAILS, L.OPEN}
    assert {s.verdict for s in key.values()} == {L.HOLDS, L.FAILS, L.OPEN}, "every verdict must be right once"


def test_the_search_behaves_like_a_real_engine(web):
    """The words of a claim bring up the articles repeating it; an outlet's name brings up what others say."""
    for claim, text in L.CLAIMS.items():
        top = _ranked(web, text.split(": ", 1)[1])[:3]
        assert any(p.startswith("corpus-") for p in top), (claim, top)
    for name, profile in [("SouthFront", "profile-southfront"), ("Veterans Today", "profile-veterans-today"),
                          ("Inside Syria Media Center", "profile-ismc-sophie-mangal"), ("Fars News Agency",
                                                                                          "profile-fars")]:
        assert profile in _ranked(web, name)[:3], name


def test_an_honest_investigation_earns_full_points(web):
    answer = honest(web).answer()
    for e in INVESTIGATION:
        result = score(by_id(e), answer)
        assert result.full, (e, result.message)


def test_one_wrong_verdict_costs_points_but_not_everything(web):
    result = score(by_id("7.2"), honest(web, {"D": L.HOLDS}).answer())
    assert 0 < result.points < by_id("7.2").points


@pytest.mark.parametrize("verdict", [L.HOLDS, L.FAILS, L.OPEN])
def test_the_same_verdict_for_every_claim_scores_at_most_a_third(web, verdict):
    # with the investigation done well, the verdicts alone
    everything = honest(web, {c: verdict for c in L.CLAIMS}).answer()
    assert score(by_id("7.2"), everything).points <= by_id("7.2").points / 3
    # done the lazy way: the whole investigation
    assert total(lazy(web, verdict).answer()) <= POINTS / 3


def test_opening_nothing_scores_nothing_even_with_the_right_verdicts():
    moves = [{"t": 1_800_000_000.0 + n, "claim": c, "do": "verdict", "verdict": L.KEY[c].verdict, "confidence": "high"}
             for n, c in enumerate(L.CLAIMS)]
    answer = {"answer": {"7.2": moves}}
    assert total(answer) == 0
    assert "open at least one page" in score(by_id("7.2"), answer).message


def test_a_forged_rank_earns_no_restraint(web):
    """Opens logged at a rank the search did not give (or with no search) are not moves the widget makes."""
    log = honest(web)
    forged = [dict(m, rank=7) if m["do"] == "open" else m for m in log.moves]
    no_search = [m for m in log.moves if m["do"] != "search"]
    for moves in (forged, no_search):
        assert total({"answer": {"7.2": moves}}) == 0


def test_missing_moves_are_named_in_the_feedback(web):
    log = Log(web)
    for claim, text in L.CLAIMS.items():  # coverage only, from the second result: no source checked
        log.search(claim, text.split(": ", 1)[1])
        page = log.open(claim, rank=2)
        log.add(claim, "cite", page=page)
        log.add(claim, "verdict", verdict=L.KEY[claim].verdict, confidence="low")
    result = score(by_id("7.4"), log.answer())
    assert result.points == 0 and "who is behind the claim: not shown for any claim" in result.message


@pytest.mark.parametrize("moves, words", [
    ("not a list", "investigate the claims"),
    ([{"t": 1.0, "claim": "Z", "do": "search", "query": "x"}], "move 1"),
    ([{"t": 1.0, "claim": "A", "do": "open", "page": "no-such-page", "rank": 1}], "move 1"),
])
def test_a_malformed_log_scores_zero_with_a_message(moves, words):
    result = score(by_id("7.2"), {"answer": {"7.2": moves}})
    assert result.points == 0 and words in result.message, result.message


def test_the_sample_class_log_is_up_to_date():
    spec = importlib.util.spec_from_file_location("build_class_moves", ROOT / "datasets/tools/build_class_moves.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.text(tool.build()) == tool.OUT.read_text(encoding="utf-8"), \
        "datasets/sample-class-moves.jsonl is stale: run datasets/tools/build_class_moves.py"


def test_the_class_summary_key_tells_the_habits_apart():
    key = L._summary_key()
    assert len(key) == 18
    checked = sorted(row["checked_source"] for row in key.values())
    assert checked[0] == 0 and checked[-1] == 4, checked  # vertical readers never, lateral readers always
    repeats = sorted(row["repeat_first"] for row in key.values())
    assert repeats[0] == 0 and repeats[-1] >= 0.75, repeats  # lateral readers never take the bait, vertical mostly


def test_the_results_key_follows_the_search_and_blanket_labels_fail():
    key = L._results_key()
    assert len(key) == 6 and set(key.values()) == set(L.RESULT_LABELS)
    for label in L.RESULT_LABELS:
        assert score(by_id("7.1"), {"answer": {"7.1": {r: label for r in key}}}).points == 0
    assert score(by_id("7.1"), {"answer": {"7.1": key}}).full
