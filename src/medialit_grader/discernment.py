"""Discernment, not scepticism: signal-detection measures of a student's judgements (issue #21, the scoring part).

Each judgement is an item that is either not credible (the "signal": a claim, post or report that should be
flagged) or credible (the "noise"), and the student's answer flags it or not:

    hit                 a not-credible item flagged        false alarm          a credible item flagged
    miss                a not-credible item let through    correct rejection    a credible item let through

From the counts: hit rate H = hits / not-credible items, false-alarm rate F = false alarms / credible items,
sensitivity d′ = z(H) − z(F) and criterion c = −(z(H) + z(F)) / 2, z being the inverse of the standard normal
distribution (Stanislaw & Todorov 1999, "Calculation of signal detection theory measures", Behavior Research
Methods, Instruments, & Computers 31(1), 137–149; the formulas checked on stored pages with the search tool on
2026-12-02). A student who flags everything has H = F = 1 and a student who flags nothing H = F = 0: z is infinite
there, so every rate goes through the log-linear correction, (count + 0.5) / (items + 1), for every student alike
(the correction as given on the stored page https://blind.scaientist.eu/learn/articles/sdt, read on 2026-12-02).
d′ is 0 for both of those students, whatever they called the items; c tells them apart: negative for "flag
everything" (more suspicious), positive for "trust everything". A class that became more discerning gains d′; a
class that only became more suspicious loses c and keeps its d′.

Also here: the paired bootstrap of a class's change from one test to the other, and the point-biserial
correlation of an item with the rest of the test (item discrimination). Python's statistics.NormalDist and random
suffice: no new dependency for a few formulas (scipy would bring the same numbers).
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_Z = statistics.NormalDist().inv_cdf


@dataclass(frozen=True)
class Detection:
    """One student's (or one skill's) counts, and the measures they give."""
    hits: int
    misses: int
    false_alarms: int
    correct_rejections: int

    @property
    def signal_items(self) -> int:
        return self.hits + self.misses

    @property
    def noise_items(self) -> int:
        return self.false_alarms + self.correct_rejections

    @property
    def hit_rate(self) -> float:
        """The share of not-credible items flagged (raw, uncorrected)."""
        return self.hits / self.signal_items if self.signal_items else math.nan

    @property
    def false_alarm_rate(self) -> float:
        """The share of credible items flagged (raw, uncorrected)."""
        return self.false_alarms / self.noise_items if self.noise_items else math.nan

    def _corrected(self) -> tuple[float, float]:
        if not self.signal_items or not self.noise_items:
            raise ValueError(f"d′ and c need both kinds of item; these counts have {self.signal_items} not credible "
                             f"and {self.noise_items} credible")
        return ((self.hits + 0.5) / (self.signal_items + 1),
                (self.false_alarms + 0.5) / (self.noise_items + 1))

    @property
    def d_prime(self) -> float:
        """Sensitivity: how well flagged and unflagged items are told apart (0: not at all)."""
        h, f = self._corrected()
        return _Z(h) - _Z(f)

    @property
    def criterion(self) -> float:
        """Response bias c: below 0, flags readily (suspicious); above 0, trusts readily."""
        h, f = self._corrected()
        return -(_Z(h) + _Z(f)) / 2


def detection(judgements: Iterable[tuple[bool, bool]]) -> Detection:
    """Counts from (the item is not credible, the student flagged it) pairs; an unanswered item is left out by
    the caller (it is neither a flag nor a trust)."""
    hits = misses = false_alarms = correct_rejections = 0
    for not_credible, flagged in judgements:
        if not_credible:
            hits, misses = hits + bool(flagged), misses + (not flagged)
        else:
            false_alarms, correct_rejections = false_alarms + bool(flagged), correct_rejections + (not flagged)
    return Detection(hits, misses, false_alarms, correct_rejections)


@dataclass(frozen=True)
class Change:
    """A class's mean change from the first test to the second, with a bootstrap confidence interval."""
    mean: float
    low: float
    high: float
    n: int
    level: float


def paired_change(before: Sequence[float], after: Sequence[float], resamples: int = 4000, level: float = 0.95,
                  seed: int = 0) -> Change:
    """The mean of after − before over students who took both tests, with a percentile bootstrap interval
    (students resampled with replacement; seeded, so a report is the same every time it is made)."""
    if len(before) != len(after):
        raise ValueError(f"paired measures need one value per student in each test ({len(before)} vs {len(after)})")
    diffs = [b - a for a, b in zip(before, after) if not (math.isnan(a) or math.isnan(b))]
    if len(diffs) < 2:
        raise ValueError(f"a change needs at least two students who took both tests (found {len(diffs)})")
    rng = random.Random(seed)
    n = len(diffs)
    means = sorted(statistics.fmean(rng.choices(diffs, k=n)) for _ in range(resamples))
    tail = (1 - level) / 2
    return Change(statistics.fmean(diffs), means[int(tail * (resamples - 1))],
                  means[int(math.ceil((1 - tail) * (resamples - 1)))], n, level)


def point_biserial(correct: Sequence[bool], totals: Sequence[float]) -> float:
    """The correlation of one item (right or wrong) with the students' totals: r = (M1 − M0) / s · √(p·q), s the
    standard deviation of the totals over all students. For item discrimination, pass the totals without this
    item (the corrected item-total correlation). NaN where it is undefined (every student right, or all wrong,
    or all totals equal)."""
    if len(correct) != len(totals):
        raise ValueError(f"one answer and one total per student ({len(correct)} vs {len(totals)})")
    right = [t for c, t in zip(correct, totals) if c]
    wrong = [t for c, t in zip(correct, totals) if not c]
    if not right or not wrong:
        return math.nan
    s = statistics.pstdev(totals)
    if s == 0:
        return math.nan
    p = len(right) / len(totals)
    return (statistics.fmean(right) - statistics.fmean(wrong)) / s * math.sqrt(p * (1 - p))
