"""Metrics, on cases computed by hand."""

import pytest

import medialit as ml


def test_precision_recall_counts_false_alarms_and_misses():
    s = ml.precision_recall({1, 2, 3, 4}, {3, 4, 5})
    assert (s.true_positives, s.false_positives, s.false_negatives) == (2, 2, 1)
    assert s.precision == 0.5 and s.recall == pytest.approx(2 / 3) and s.f1 == pytest.approx(4 / 7)
    assert ml.precision_recall([], [1]).precision == 0.0


def test_flagging_everything_scores_badly():
    gold = {("d", i, i + 1) for i in range(0, 100, 10)}
    everything = {("d", i, i + 1) for i in range(100)}
    s = ml.precision_recall(everything, gold)
    assert s.recall == 1.0 and s.precision == 0.1 and s.f1 < 0.2


def test_span_matches_counts_overlaps_once_per_side():
    gold = [("d", 0, 10), ("d", 20, 30)]
    s = ml.span_matches([("d", 5, 12), ("d", 40, 45), ("e", 0, 10)], gold)
    assert (s.true_positives, s.false_positives, s.false_negatives) == (1, 2, 1)


def test_semeval_span_scores_hand_computed():
    # gold: one span of 10 characters. predicted: 5 of them right, plus 5 outside -> half its characters count
    gold = [("d", 0, 10, "loaded language")]
    s = ml.semeval_span_scores([("d", 5, 15, "loaded language")], gold)
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.5) and s.f1 == pytest.approx(0.5)
    # two predictions each covering half the gold span: recall sums to 1, precision averages 1
    s = ml.semeval_span_scores([("d", 0, 5, "loaded language"), ("d", 5, 10, "loaded language")], gold)
    assert s.precision == pytest.approx(1.0) and s.recall == pytest.approx(1.0)
    # a wrong label earns nothing; an empty prediction has precision 0
    assert ml.semeval_span_scores([("d", 0, 10, "doubt")], gold).f1 == 0.0
    assert ml.semeval_span_scores([], gold).precision == 0.0
    # one 4-character prediction inside a 10-character gold span: precision 1, recall 0.4
    s = ml.semeval_span_scores([("d", 2, 6, "loaded language")], gold)
    assert s.precision == pytest.approx(1.0) and s.recall == pytest.approx(0.4)


def test_cohen_kappa_hand_computed():
    a = ["hate", "hate", "civil", "civil"]
    b = ["hate", "civil", "civil", "civil"]
    # observed 3/4; chance = (2/4)(1/4) + (2/4)(3/4) = 1/2 -> kappa = (0.75 - 0.5) / 0.5 = 0.5
    assert ml.cohen_kappa(a, b) == pytest.approx(0.5)
    assert ml.cohen_kappa(a, a) == pytest.approx(1.0)
    with pytest.raises(ml.MediaLitError, match="equally long"):
        ml.cohen_kappa(a, b[:2])


def test_semeval_merges_overlapping_gold_spans_of_one_label():
    # gold 0-10 and 5-15 merge into 0-15: prediction 0-10 has precision 1 and recall 10/15
    s = ml.semeval_span_scores([("d", 0, 10, "Doubt")], [("d", 0, 10, "Doubt"), ("d", 5, 15, "Doubt")])
    assert s.precision == pytest.approx(1.0) and s.recall == pytest.approx(2 / 3)
    # spans of different labels are not merged
    s = ml.semeval_span_scores([("d", 0, 10, "Doubt")], [("d", 0, 10, "Doubt"), ("d", 5, 15, "Flag-waving")])
    assert s.recall == pytest.approx(0.5)


def test_semeval_empty_prediction_on_empty_gold_is_perfect():
    assert ml.semeval_span_scores([], []).f1 == 1.0
    assert ml.semeval_span_scores([("d", 0, 1, "Doubt")], []).f1 == 0.0
