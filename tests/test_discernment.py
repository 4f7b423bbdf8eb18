"""Signal-detection scoring (src/medialit_grader/discernment.py) against hand-computed values.

The hand computations, for 8 not-credible and 8 credible items (log-linear correction: (count + 0.5) / 9):
flag everything: H = F = 8.5/9 = 0.94444, z = 1.5932 (normal table: Φ(1.59) = 0.94408, Φ(1.60) = 0.94520), so
d′ = 0 and c = −1.5932; flag nothing: H = F = 0.5/9, so d′ = 0 and c = +1.5932; perfect: d′ = 2 × 1.5932 = 3.1864,
c = 0; 6 hits and 2 false alarms: H = 6.5/9 = 0.72222, F = 2.5/9 = 0.27778, z(H) = 0.5895 (Φ(0.58) = 0.71904,
Φ(0.59) = 0.72240), so d′ = 1.1789 and c = 0."""

from __future__ import annotations

import math
import random
import statistics

import pytest

from medialit_grader.discernment import Detection, detection, paired_change, point_biserial

ITEMS = [True] * 8 + [False] * 8  # is the item not credible?


def answers(flags):
    return detection(zip(ITEMS, flags))


@pytest.mark.parametrize("name, flags, d_prime, c", [
    ("flags everything", [True] * 16, 0.0, -1.5932),
    ("trusts everything", [False] * 16, 0.0, 1.5932),
    ("perfect", ITEMS, 3.1864, 0.0),
    ("half and half", [True] * 4 + [False] * 4 + [True] * 4 + [False] * 4, 0.0, 0.0),
    ("6 hits, 2 false alarms", [True] * 6 + [False] * 2 + [True] * 2 + [False] * 6, 1.1789, 0.0),
])
def test_d_prime_and_c_match_the_hand_computed_values(name, flags, d_prime, c):
    result = answers(flags)
    assert result.d_prime == pytest.approx(d_prime, abs=2e-4), name
    assert result.criterion == pytest.approx(c, abs=2e-4), name


def test_the_raw_rates_are_kept_beside_the_corrected_measures():
    everything = answers([True] * 16)
    assert (everything.hit_rate, everything.false_alarm_rate) == (1.0, 1.0)
    assert math.isfinite(everything.d_prime)
    assert (everything.hits, everything.misses, everything.false_alarms, everything.correct_rejections) == (8, 0, 8, 0)


def test_a_student_who_answers_at_random_has_no_sensitivity_on_average():
    rng = random.Random(7)
    scores = [answers([rng.random() < 0.5 for _ in ITEMS]).d_prime for _ in range(3000)]
    assert abs(statistics.fmean(scores)) < 0.03


def test_more_suspicion_is_not_more_discernment():
    """A class that flags more of everything (hit and false-alarm rates both up) loses c, not d′; a class that
    tells the items apart better gains d′."""
    before = Detection(hits=5, misses=3, false_alarms=3, correct_rejections=5)
    suspicious = Detection(hits=7, misses=1, false_alarms=6, correct_rejections=2)
    discerning = Detection(hits=7, misses=1, false_alarms=1, correct_rejections=7)
    assert suspicious.criterion < before.criterion - 0.5
    assert abs(suspicious.d_prime - before.d_prime) < 0.25
    assert discerning.d_prime > before.d_prime + 1


def test_counts_without_one_kind_of_item_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="both kinds of item"):
        detection([(True, True), (True, False)]).d_prime


def _class(effect: float, n: int = 40, seed: int = 1):
    rng = random.Random(seed)
    before = [rng.gauss(0.5, 0.5) for _ in range(n)]
    return before, [b + effect + rng.gauss(0, 0.3) for b in before]


def test_the_paired_bootstrap_finds_a_built_in_effect_and_no_effect_where_there_is_none():
    change = paired_change(*_class(0.8))
    assert change.low > 0 and change.low < 0.8 < change.high and change.n == 40
    none = paired_change(*_class(0.0))
    assert none.low < 0 < none.high
    assert paired_change(*_class(0.8)) == change  # seeded: the same report every time


def test_a_change_needs_both_tests_of_each_student():
    with pytest.raises(ValueError, match="one value per student"):
        paired_change([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="at least two students"):
        paired_change([1.0, math.nan], [2.0, 3.0])


def test_point_biserial_by_hand_and_as_pearsons_r():
    # by hand: M1 = 3.5, M0 = 1.5, s = pstdev(4, 3, 2, 1) = 1.1180, p = q = 0.5 -> (2 / 1.1180) * 0.5 = 0.8944
    assert point_biserial([True, True, False, False], [4, 3, 2, 1]) == pytest.approx(0.8944, abs=1e-4)
    rng = random.Random(3)
    correct = [rng.random() < 0.6 for _ in range(50)]
    totals = [rng.gauss(10, 3) + 2 * c for c in correct]
    assert point_biserial(correct, totals) == pytest.approx(
        statistics.correlation([float(c) for c in correct], totals), abs=1e-12)
    assert math.isnan(point_biserial([True, True], [3, 4]))  # nobody wrong: undefined
