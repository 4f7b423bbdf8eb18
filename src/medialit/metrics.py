"""Agreement metrics for judgement exercises: precision, recall and F1, so that "flag everything" scores badly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Scores:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (f"precision {self.precision:.2f} · recall {self.recall:.2f} · F1 {self.f1:.2f} "
                f"({self.true_positives} right, {self.false_positives} false alarms, {self.false_negatives} missed)")


def precision_recall(predicted: Iterable, gold: Iterable) -> Scores:
    """Exact-match precision/recall of two collections of hashable items (e.g. (doc, start, end) tuples)."""
    predicted, gold = set(predicted), set(gold)
    return Scores(len(predicted & gold), len(predicted - gold), len(gold - predicted))


def span_matches(predicted: Iterable[tuple], gold: Iterable[tuple]) -> Scores:
    """Precision/recall of (doc, start, end) spans where a span counts as found when it overlaps a gold span
    of the same document (a lenient match, for finders whose boundaries may differ by a word)."""
    predicted, gold = sorted(set(predicted)), sorted(set(gold))

    def overlaps(a, b):
        return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]

    hit_pred = sum(any(overlaps(p, g) for g in gold) for p in predicted)
    hit_gold = sum(any(overlaps(g, p) for p in predicted) for g in gold)
    return Scores(true_positives=hit_gold, false_positives=len(predicted) - hit_pred,
                  false_negatives=len(gold) - hit_gold)
