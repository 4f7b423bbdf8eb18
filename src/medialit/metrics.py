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


def semeval_span_scores(predicted: Iterable[tuple], gold: Iterable[tuple]) -> SpanScores:
    """Partial-overlap precision, recall and F1 of labelled spans, as defined for propaganda span detection by
    Da San Martino et al. (EMNLP 2019) and used in SemEval-2020 Task 11 (technique classification variant).

    Spans are ``(doc, start, end, label)``. For a predicted span s and a gold span t of the same document,
    C(s, t, h) = |s ∩ t| / h if their labels are equal, else 0. Then
    precision = (1/|S|) Σ_s Σ_t C(s, t, |s|) and recall = (1/|T|) Σ_t Σ_s C(s, t, |t|) — each predicted span
    earns the share of its characters that gold spans of its label cover, and each gold span the share covered.
    Overlapping gold spans of the same document and label are merged first, and an empty prediction on empty
    gold scores 1, as the task defines. (The authors' formula; the official GPL-licensed scorer is not used.)
    """
    predicted, gold = sorted(set(predicted)), _merge_overlapping(gold)
    if not predicted and not gold:
        return SpanScores(precision=1.0, recall=1.0)  # nothing to find, nothing found: perfect, as defined

    def overlap(a, b) -> int:
        if a[0] != b[0] or a[3] != b[3]:
            return 0
        return max(0, min(a[2], b[2]) - max(a[1], b[1]))

    precision = (sum(sum(overlap(s, t) for t in gold) / (s[2] - s[1]) for s in predicted) / len(predicted)
                 if predicted else 0.0)
    recall = (sum(sum(overlap(s, t) for s in predicted) / (t[2] - t[1]) for t in gold) / len(gold)
              if gold else 0.0)
    return SpanScores(precision=min(precision, 1.0), recall=min(recall, 1.0))


def _merge_overlapping(spans: Iterable[tuple]) -> list[tuple]:
    """Merge (doc, start, end, label) spans of the same document and label that overlap."""
    merged: list[list] = []
    for doc, start, end, label in sorted(set(spans), key=lambda s: (s[0], s[3], s[1], s[2])):
        last = merged[-1] if merged else None
        if last and last[0] == doc and last[3] == label and start < last[2]:
            last[2] = max(last[2], end)
        else:
            merged.append([doc, start, end, label])
    return [tuple(m) for m in merged]


@dataclass(frozen=True)
class SpanScores:
    """Precision and recall that are averages of overlap shares (not counts), and their F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return f"precision {self.precision:.2f} · recall {self.recall:.2f} · F1 {self.f1:.2f}"


def cohen_kappa(labels_a, labels_b) -> float:
    """Cohen's kappa of two annotators' labels for the same items (scikit-learn's implementation): agreement
    corrected for the agreement expected by chance. 1 is perfect, 0 is chance level, below 0 worse than chance."""
    from sklearn.metrics import cohen_kappa_score

    labels_a, labels_b = list(labels_a), list(labels_b)
    if len(labels_a) != len(labels_b) or not labels_a:
        from .errors import MediaLitError

        raise MediaLitError(f"Kappa needs two equally long, non-empty lists of labels; "
                            f"found {len(labels_a)} and {len(labels_b)}.")
    return float(cohen_kappa_score(labels_a, labels_b))
