"""The scoring of an investigation in an offline web (``lab.investigate``): lesson 07's and the capstone's.

One widget's value, the move log (``medialit.web``), is read by several exercises, each for one thing: the verdicts,
the pages cited, and the SIFT moves that got there (who is behind the claim, independent coverage, click restraint).
The log is the student's data: every move is checked (``medialit.web.check_moves``) and every rank is checked again
here by running the logged search (the search is deterministic), so a made-up log earns nothing a real search would
not have given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .errors import Wrong
from .exercises import Partly, ratio, require

HOLDS, FAILS, OPEN = "holds up", "does not hold up", "can't be settled"
# the SIFT moves an investigation is read for
SIFT = {"source": "who is behind the claim", "coverage": "what independent sources report on the event",
        "restraint": "choosing from the results, not taking a first result that repeats the claim"}


@dataclass(frozen=True)
class Claim:
    verdict: str
    source_pages: frozenset   # pages about who made the claim (the outlet, its writer): "investigate the source"
    coverage: frozenset       # independent reporting on the same event: "find better coverage"
    settles: frozenset        # pages that settle the verdict (the evidence a student should cite)


@dataclass(frozen=True)
class Inquiry:
    """The claims of one investigation widget and their key. ``repeats(page id)``: is the page an article that makes
    or repeats the claims (taking it as the first result is no restraint; citing it confirms nothing)? A claim's move
    earns an exercise's point for ``sift_full`` claims."""

    question: str                      # the widget's question, e.g. "7.2"
    lesson: str
    web: str                           # the offline web (medialit.web.WEBS)
    key: dict                          # {claim id: Claim}
    repeats: Callable[[str], bool]
    sift_full: int = 3

    def checked_key(self) -> dict:
        """The key, checked against the offline web: every page it names exists (a renamed page is the teacher's
        error, found here rather than as a student's zero)."""
        from medialit import load_web

        pages = set(load_web(self.web).pages)
        for claim, spec in self.key.items():
            missing = (spec.source_pages | spec.coverage | spec.settles) - pages
            if missing:
                raise ValueError(f"{self.lesson} key, claim {claim}: no page {sorted(missing)} in the {self.web!r} "
                                 "web")
        return self.key

    def log(self, answer) -> list[dict]:
        """The move log of the widget, checked, with every open whose rank the logged search does not give dropped."""
        from medialit import load_web, web

        moves = answer.get(self.question) if isinstance(answer, dict) else None
        require(isinstance(moves, list) and moves, f"investigate the claims with the widget of exercise "
                                                   f"{self.question}")
        site = load_web(self.web)
        try:
            moves = web.check_moves(moves, claims=list(self.key), pages=list(site.pages))
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

    def state(self, moves) -> dict:
        """Per claim: pages opened, the page cited, the verdict, and what was opened before the first verdict."""
        state = {c: {"opened": [], "bait": [], "cited": None, "verdict": None, "before": None} for c in self.key}
        for move in moves:
            s = state[move["claim"]]
            if move["do"] == "open":
                s["opened"].append(move["page"])
                if move["rank"] == 1 and self.repeats(move["page"]):
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

    # -- the verdicts: precision and recall of each verdict, averaged (macro F1) -----------------------------------
    # Calling every claim false, true or unsettled scores at most a third; a verdict with no page opened for its claim
    # counts as no verdict: a verdict is the end of an investigation, not a guess.
    def verdicts_rule(self, answer, key):
        state = self.state(self.log(answer))
        given = {c: s["verdict"] for c, s in state.items() if s["verdict"] and s["opened"]}
        guessed = [c for c, s in state.items() if s["verdict"] and not s["opened"]]
        require(given, "no verdict backed by an investigation: open at least one page for a claim before judging it"
                if guessed else "give each claim a verdict with the widget")
        truth = {c: spec.verdict for c, spec in key.items()}
        score = sum(_f1(given, truth, v) for v in (HOLDS, FAILS, OPEN)) / 3
        require(score > 0, "none of the verdicts fits the evidence in the offline web")
        return score

    # -- the page cited for each claim: one that settles it ----------------------------------------------------------
    def sources_rule(self, answer, key):
        state = self.state(self.log(answer))
        cited = {c: s["cited"] for c, s in state.items() if s["cited"]}
        require(cited, "cite a page for each claim: open it and press its Cite button")
        right = [c for c, page in cited.items() if page in key[c].settles]
        outlets = [c for c, page in cited.items() if self.repeats(page)]
        require(right, "none of the pages cited settles its claim" +
                (": an article that makes or repeats a claim cannot confirm it" if outlets else ""))
        return len(right) / len(key)

    # -- the SIFT moves, one exercise each (or several moves in one) ------------------------------------------------
    # For each claim: investigate the source (a page about the outlet or writer that made the claim, opened before the
    # first verdict on it), find better coverage (an independent report on the event, before the first verdict), and
    # click restraint (never the first result taken when it is an article repeating a claim — a search for a claim's
    # own words puts those first — and a cited page that is not such an article). Taking the first result is no fault
    # when it is a page worth reading: restraint is choosing.
    def sift(self, state, key) -> dict[str, set[str]]:
        """{move: the claims for which the log shows it}."""
        met = {move: set() for move in SIFT}
        for c, spec in key.items():
            s = state[c]
            if set(s["before"]) & spec.source_pages:
                met["source"].add(c)
            if set(s["before"]) & spec.coverage:
                met["coverage"].add(c)
            if s["opened"] and not s["bait"] and not self.repeats(s["cited"] or ""):
                met["restraint"].add(c)
        return met

    def move_rule(self, *moves: str):
        """A rule for one SIFT move, or for several that share the exercise's points equally. A move earns its share
        when the log shows it for ``sift_full`` claims, and a part of it for fewer."""
        def rule(answer, key):
            state = self.state(self.log(answer))
            require(any(s["opened"] for s in state.values()), "no page opened: search the offline web and open pages")
            met = self.sift(state, key)
            shares, why = [], []
            for move in moves:
                done = met[move]
                shares.append(min(1.0, len(done) / self.sift_full))
                if not done:
                    why.append(f"{SIFT[move]}: not shown for any claim")
                elif len(done) < self.sift_full:
                    missing = [c for c in key if c not in done]
                    why.append(f"{SIFT[move]}: shown for claim{'s' if len(done) > 1 else ''} "
                               f"{', '.join(sorted(done))}, not for {', '.join(missing)}")
            require(any(shares), "; ".join(why))
            score = sum(shares) / len(shares)
            if score >= 1:
                return None
            return Partly(score, "; ".join(why) + f" ({self.sift_full} of {len(key)} earn the point)")
        return rule


def _f1(given: dict, key: dict, verdict: str) -> float:
    said = {c for c, v in given.items() if v == verdict}
    truth = {c for c, v in key.items() if v == verdict}
    hits = len(said & truth)
    p, r = ratio(hits, len(said)), ratio(hits, len(truth))
    return ratio(2 * p * r, p + r)
