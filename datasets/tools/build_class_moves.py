"""Build datasets/sample-class-moves.jsonl: the move logs of a constructed class of 18 students investigating the four
claims of lesson 07 in the offline web (data track, exercise 7.5).

CONSTRUCTED PRACTICE DATA: no real student made these moves. Three reading habits, six students each, with seeded
random variation (queries, pauses, which result is chosen):
- lateral: for each claim, searches who is behind it and opens a profile or research page, then searches the event and
  opens an independent report, chosen from the list; cites it; then judges;
- vertical: for each claim, searches its wording, opens the first result (mostly the outlet repeating the claim) and
  perhaps the second, cites what it read, judges at once;
- mixed: searches the claim's wording, opens the first result, goes back and opens an independent report; checks who
  is behind the claim for some claims only.
Verdicts and confidences are drawn at random for every student: the sample says nothing about the right verdicts.
Ranks are the real ranks of the offline web's search (medialit.web), so the log replays exactly; rerun this script
when the pages change (tests/test_lesson07_keys.py checks the file is up to date).
Run: python datasets/tools/build_class_moves.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "sample-class-moves.jsonl"
SEED = 7
START = 1791190800.0  # 5 October 2026, 09:00 UTC: a made-up lesson day
CLAIMS = ("A", "B", "C", "D")
WHO = {"A": ["Fars News Agency", "Veterans Today"], "B": ["Inside Syria Media Center", "Sophie Mangal"],
       "C": ["Veterans Today", "Veterans Today Gordon Duff"], "D": ["SouthFront", "SMART News Agency"]}
WORDING = {"A": ["coalition bombed Syrian army positions Deir Ezzor", "US strike Syrian army Deir ez-Zor 80 killed"],
           "B": ["coalition airstrike convoy pro-government forces Tanf", "At-Tanfa airstrike convoy May 18"],
           "C": ["US special forces coordinating air cover ISIS", "special forces ISIS coordination Deir Ezzor"],
           "D": ["150 US UK special forces entered southern Syria", "special operations forces 90km west of Palmyra"]}
EVENT = {"A": ["CENTCOM statement Deir ez-Zor strike", "Deir ez-Zor air raid September 2016"],
         "B": ["CENTCOM al-Tanf strike 18 May 2017", "al-Tanf convoy strike Syrian Observatory"],
         "C": ["investigation Deir ez-Zor air strike findings", "Deir ez-Zor strike investigation human error"],
         "D": ["US special forces al-Tanf Maghawir al-Thawra", "special forces al-Tanf patrols"]}
ABOUT_SOURCE = {"reference work", "research"}
INDEPENDENT = {"official statement", "wire report", "news report", "monitor", "investigation"}
VERDICTS = ("holds up", "does not hold up", "can't be settled")
CONFIDENCE = ("low", "medium", "high")


class Student:
    def __init__(self, web, rng: random.Random, t: float):
        self.web, self.rng, self.t, self.moves, self.results = web, rng, t, [], []

    def move(self, claim: str, do: str, pause: tuple[float, float], **fields):
        self.t += self.rng.uniform(*pause)
        self.moves.append({"t": round(self.t, 1), "claim": claim, "do": do, **fields})

    def search(self, claim, query):
        self.results = [p.id for p in self.web.search(query)]
        self.move(claim, "search", (4, 12), query=query)

    def open(self, claim, pick=lambda page: True) -> str | None:
        """Open the first result that `pick` accepts (the first result if none does)."""
        if not self.results:
            return None
        ranked = [(n, pid) for n, pid in enumerate(self.results, start=1) if pick(self.web.pages[pid])]
        rank, page = ranked[0] if ranked else (1, self.results[0])
        self.move(claim, "open", (2, 15), page=page, rank=rank)
        self.page = page
        return page

    def back(self, claim):
        self.move(claim, "back", (20, 120))

    def cite(self, claim):
        self.move(claim, "cite", (5, 40), page=self.page)

    def judge(self, claim, pause=(5, 30)):
        self.move(claim, "verdict", pause, verdict=self.rng.choice(VERDICTS),
                  confidence=self.rng.choice(CONFIDENCE))


def lateral(s: Student, claim: str):
    s.search(claim, s.rng.choice(WHO[claim]))
    s.open(claim, lambda p: p.kind in ABOUT_SOURCE)
    s.back(claim)
    s.search(claim, s.rng.choice(EVENT[claim]))
    s.open(claim, lambda p: p.kind in INDEPENDENT)
    s.cite(claim)
    s.judge(claim)


def vertical(s: Student, claim: str):
    s.search(claim, s.rng.choice(WORDING[claim]))
    s.open(claim)
    if s.rng.random() < 0.4:
        s.back(claim)
        s.open(claim, lambda p: s.results.index(p.id) == 1 if len(s.results) > 1 else True)
    s.cite(claim)
    s.judge(claim, pause=(2, 8))


def mixed(s: Student, claim: str):
    s.search(claim, s.rng.choice(WORDING[claim]))
    s.open(claim)
    s.back(claim)
    s.open(claim, lambda p: p.kind in INDEPENDENT)
    s.cite(claim)
    if s.rng.random() < 0.5:
        s.back(claim)
        s.search(claim, s.rng.choice(WHO[claim]))
        s.open(claim, lambda p: p.kind in ABOUT_SOURCE)
    s.judge(claim)


def build() -> list[dict]:
    from medialit import load_web

    web, rng = load_web(), random.Random(SEED)
    habits = [lateral] * 6 + [vertical] * 6 + [mixed] * 6
    rng.shuffle(habits)
    rows = []
    for number, habit in enumerate(habits, start=1):
        student = Student(web, rng, START + rng.uniform(0, 300))
        for claim in CLAIMS:
            habit(student, claim)
        rows.append({"student": f"S{number:02d}", "moves": student.moves})
    return rows


def text(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)


if __name__ == "__main__":
    OUT.write_text(text(build()), encoding="utf-8")
    print(f"wrote {OUT}")
