"""The pre/post assessment (src/medialit_grader/assessment.py, issue #21): the forms are parallel and balanced, the
responses file is read row by row with clear messages, and the analysis recovers known effects in simulated classes:
a class that became more discerning, one that only became more suspicious, one that did not change, a gain in a
single skill, and a wrongly keyed item."""

from __future__ import annotations

import itertools
import json
import math

import pytest

from medialit_grader import assessment as a
from medialit_grader.course import REPO
from medialit_grader.errors import ToolError


def bank() -> dict[str, a.Item]:
    """A stand-in pair of forms with the real forms' shape: per form and skill, 2 items to flag and 2 that hold up."""
    items = {}
    for form, other in (("A", "B"), ("B", "A")):
        n = 0
        for skill in a.SKILLS:
            for signal in (True, True, False, False):
                n += 1
                items[f"{form}{n:02d}"] = a.Item(f"{form}{n:02d}", form, "post", "a source", "a text", skill, signal,
                                                 "a flaw", "a reason", f"{other}{n:02d}")
    return items


# -- the forms ---------------------------------------------------------------------------------------------------------
def test_the_kits_forms_are_parallel_and_balanced():
    items = a.load_items()
    assert a.check_forms(items) == []
    for form in a.FORMS:
        mine = a.form_items(items, form)
        assert len(mine) == 20
        for skill in a.SKILLS:  # the balance: the same number to flag and to trust in every skill
            assert sum(i.signal for i in mine if i.skill == skill) == 2
            assert sum(not i.signal for i in mine if i.skill == skill) == 2
        runs = [len(list(run)) for _, run in itertools.groupby(i.signal for i in mine)]
        assert max(runs) <= 3  # no long run of one key a student could ride


def test_the_keys_stay_on_the_teachers_side():
    from medialit_grader.bundle import EXCLUDE, bundle_files

    shipped = {p.relative_to(REPO).as_posix() for p in bundle_files(REPO)}
    assert a.ITEMS_FILE.as_posix() in shipped
    assert a.KEYS_FILE.as_posix() not in shipped
    public = (REPO / a.ITEMS_FILE).read_text(encoding="utf-8")
    for row in map(json.loads, public.splitlines()):
        assert set(row) == {"id", "form", "kind", "source", "text"}  # no key, skill or reason among what students see
    assert "datasets/annotations/*" in EXCLUDE


def test_the_key_was_read_twice_and_follows_the_adjudication():
    """Two readings of the key (annotations/readings/), made separately (each reader's own reasons); every
    disagreement decided with a reason; the key as used says what the decisions say."""
    import sys

    sys.path.insert(0, str(REPO / "datasets" / "tools"))
    import agreement

    first, second = agreement.reading("first", agreement.KEY), agreement.reading("second", agreement.KEY)
    assert sorted(r["id"] for r in first) == sorted(r["id"] for r in second) == sorted(a.load_items())
    assert {r["reason"] for r in first}.isdisjoint({r["reason"] for r in second})
    decided = agreement.adjudications(agreement.KEY)
    items = a.load_items()
    found = agreement.disagreements(agreement.KEY)
    assert {d["unit"] for d in found} <= set(decided)
    agreed = {r["id"] for r in first} - {d["unit"] for d in found}
    by_id = {r["id"]: r for r in first}
    for item in agreed:  # where the readings agree, the key is what they both say
        assert (items[item].signal, items[item].skill) == (by_id[item]["signal"], by_id[item]["skill"]), item
    for unit, record in decided.items():
        assert (items[unit].signal, items[unit].skill) == tuple(record["final"][k] for k in ("signal", "skill"))


def test_check_forms_names_what_is_unbalanced_or_not_parallel():
    items = bank()
    items["A01"] = a.Item("A01", "A", "post", "s", "t", "sourcing", False, "f", "r", "B01")  # flips one key
    items["B20"] = a.Item("B20", "B", "post", "s", "t", "hate", False, "f", "r", "A19")
    problems = a.check_forms(items)
    assert "items A01 and B01 are parallel but measure different things (sourcing/False vs sourcing/True)" in problems
    assert "form A, skill sourcing: 1 items to flag and 3 that hold up (2 and 2 wanted)" in problems
    assert any(p.startswith("item B20: its parallel 'A19'") for p in problems)


def test_a_bad_key_line_names_its_file_line_and_field(tmp_path):
    (tmp_path / a.ITEMS_FILE).parent.mkdir(parents=True)
    (tmp_path / a.KEYS_FILE).parent.mkdir(parents=True)
    (tmp_path / a.ITEMS_FILE).write_text(json.dumps({"id": "A01", "form": "A", "kind": "post", "source": "s",
                                                     "text": "t"}) + "\n", encoding="utf-8")
    (tmp_path / a.KEYS_FILE).write_text("\n" + json.dumps({"id": "A01", "skill": "hate", "signal": "yes",
                                                           "flaw": "f", "reason": "r", "parallel": "B01"}) + "\n",
                                        encoding="utf-8")
    with pytest.raises(ToolError) as error:
        a.load_items(tmp_path)
    assert str(error.value) == f"{tmp_path / a.KEYS_FILE}, line 2: field 'signal': expected a bool, found 'yes'"


# -- the responses file ------------------------------------------------------------------------------------------------
def test_responses_round_trip_and_bad_rows_are_named_and_left_out(tmp_path):
    items = bank()
    given = a.simulate_class(items, students=3, seed=1)
    path = a.write_responses(given, tmp_path / "responses.csv")
    back, problems = a.read_responses(path, items)
    assert back == given and problems == []
    with path.open("a", encoding="utf-8") as out:
        out.write("student001,pre,A,A01,flag,3\n")      # line 122: the same answer again
        out.write("student009,during,A,A01,flag,3\n")   # line 123: no such test
        out.write("student009,pre,B,A02,flag,3\n")      # 124: A02 is in form A
        out.write("student009,pre,A,A03,maybe,3\n")     # 125
        out.write("student009,pre,A,A04,pass,7\n")      # 126
        out.write("student009,pre,A,Z99,pass,2\n")      # 127
        out.write("student009,pre,A,A05,,\n")           # 128: not answered, fine
    back, problems = a.read_responses(path, items)
    assert len(back) == len(given) + 1 and back[-1].flagged is None
    assert problems == [
        f"{path}, line 122: student001 answered item A01 in the pre-test twice; the first answer is kept",
        f"{path}, line 123, field 'test': 'during' is not pre or post; the row is left out",
        f"{path}, line 124, field 'form': item A02 is in form A, not 'B'; the row is left out",
        f"{path}, line 125, field 'response': 'maybe' is not flag, pass or empty; the row is left out",
        f"{path}, line 126, field 'confidence': '7' is not 1, 2, 3, 4 or empty; the row is left out",
        f"{path}, line 127, field 'item': 'Z99' is not an item of the forms; the row is left out"]


def test_a_responses_file_without_its_columns_is_refused_with_the_columns_it_needs(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("name,item,answer\nx,A01,flag\n", encoding="utf-8")
    with pytest.raises(ToolError, match=r"r\.csv, line 1: the columns student, test, form, response, confidence "
                                        r"are missing"):
        a.read_responses(path, bank())


def test_mist_scores_import_beside_the_kits(tmp_path):
    path = tmp_path / "mist.csv"
    path.write_text("student,test,V,r,f,d,n,ignored\nana,pre,12,6,6,0,0,x\nana,post,15,7,8,-1,0,x\n"
                    "bo,pre,10,five,5,0,0,x\n,post,1,1,1,1,1,x\nana,pre,1,1,1,1,1,x\n", encoding="utf-8")
    mist, problems = a.read_mist(path)
    assert list(mist.columns) == ["student", "test", "V", "r", "f", "d", "n"]
    assert mist.loc[1, "V"] == 15 and math.isnan(mist.loc[2, "r"])
    assert problems == [f"{path}, line 4, field 'r': 'five' is not a number; left empty",
                        f"{path}, line 5, field student: '' is not usable; the row is left out",
                        f"{path}, line 6: a second pre-test row for ana; the first is kept"]
    bad = tmp_path / "bad.csv"
    bad.write_text("student,test,score\n", encoding="utf-8")
    with pytest.raises(ToolError, match="needs the columns student, test and at least one of V, r, f, d, n, total"):
        a.read_mist(bad)


def test_anonymised_names_match_across_files_and_do_not_follow_the_names():
    import pandas as pd

    responses = a.simulate_class(bank(), students=12, seed=2)
    mist = pd.DataFrame({"student": ["student003", "student007"], "test": ["pre", "pre"], "V": [10.0, 12.0]})
    renamed, mist2 = a.anonymise(responses, mist, salt="fixed")
    alias = {}
    for old, new in zip(responses, renamed):
        assert alias.setdefault(old.student, new.student) == new.student
    assert sorted(alias.values()) == [f"S{n:02d}" for n in range(1, 13)]
    assert list(mist2["student"]) == [alias["student003"], alias["student007"]]
    assert [alias[f"student{n:03d}"] for n in range(1, 13)] != sorted(alias.values())  # not in the names' order
    assert a.anonymise(responses, salt="fixed")[0] == renamed  # the same salt, the same pseudonyms


# -- the analysis recovers what was built into a class -----------------------------------------------------------------
def analyse(responses, items):
    scores = a.student_scores(responses, items)
    table = a.changes(scores, resamples=2000)
    rows = {(r["skill"], r["measure"]): r for r in table.to_dict("records")}
    return scores, rows, a.summary(table, scores)


def test_a_class_that_became_more_discerning():
    items = bank()
    scores, rows, words = analyse(a.simulate_class(items, students=40, d=0.8, change_d=1.2, seed=3), items)
    d, c = rows[("all", "d_prime")], rows[("all", "c")]
    assert d["students"] == 40 and d["low"] > 0.4 and d["change"] > 0.7
    assert c["low"] < 0 < c["high"]
    assert "Their discernment — telling items that hold up from items that do not — rose" in words
    assert "got better at discerning, not merely at doubting" in words


def test_a_class_that_only_became_more_suspicious():
    items = bank()
    scores, rows, words = analyse(a.simulate_class(items, students=40, d=1.0, change_c=-0.8, seed=4), items)
    d, c = rows[("all", "d_prime")], rows[("all", "c")]
    assert d["low"] < 0 < d["high"]
    assert c["high"] < -0.3
    assert rows[("all", "false_alarm_rate")]["low"] > 0  # more credible items flagged
    assert "did not clearly change" in words and "more suspicious overall" in words
    assert "Caution: the class became more suspicious without becoming more discerning" in words


def test_a_class_that_did_not_change_shows_no_clear_change():
    items = bank()
    _, rows, words = analyse(a.simulate_class(items, students=40, seed=1), items)
    for measure in ("d_prime", "c"):
        assert rows[("all", measure)]["low"] < 0 < rows[("all", measure)]["high"]
    assert "did not clearly change" in words and "did not clearly shift" in words
    assert "Caution" not in words and "got better" not in words
    assert "Everyone took form A first" in words


def test_the_95_percent_intervals_rarely_claim_a_change_that_is_not_there():
    items = bank()
    claimed = {"d_prime": 0, "c": 0}
    for seed in range(20):
        scores = a.student_scores(a.simulate_class(items, students=30, seed=100 + seed), items)
        table = a.changes(scores, resamples=1000).set_index(["skill", "measure"])
        for measure in claimed:
            claimed[measure] += not table.loc[("all", measure), "low"] < 0 < table.loc[("all", measure), "high"]
    assert max(claimed.values()) <= 3, claimed  # about 1 in 20 expected for each; 4 or more of 20 is unlikely


def test_a_gain_in_one_skill_shows_in_that_skill():
    items = bank()
    _, rows, words = analyse(a.simulate_class(items, students=60, d=0.5, skill_change={"figures": 2.5}, seed=6),
                             items)
    assert rows[("figures", "right")]["low"] > 0.1
    for skill in set(a.SKILLS) - {"figures"}:
        assert rows[(skill, "right")]["low"] < 0.1
    assert "clearly better in figures" in words


def test_a_wrongly_keyed_item_is_flagged_and_the_good_ones_are_not():
    items = bank()
    responses = a.simulate_class(items, students=60, d=1.5, miskeyed=["A07"], seed=7)
    stats = a.item_statistics(responses, items).set_index(["item", "test"])
    assert "negative discrimination" in stats.loc[("A07", "pre"), "flags"]
    assert "below guessing" in stats.loc[("A07", "pre"), "flags"]
    assert stats["discrimination"].idxmin() == ("A07", "pre")  # the lowest of all 80 sittings of an item
    assert stats["flags"].str.contains("below guessing").sum() == 1
    assert stats.loc[("A07", "pre"), "answered"] == 60


def test_a_class_is_right_more_often_the_surer_it_says_it_is():
    items = bank()
    table = a.calibration(a.simulate_class(items, students=40, d=1.5, seed=12), items)
    assert list(table.columns) == ["test", "confidence", "how sure", "answers", "right"]
    for test in a.TESTS:
        mine = table[table["test"] == test].set_index("confidence")
        assert list(mine.index) == [1, 2, 3, 4] and mine["answers"].sum() == 40 * 20
        assert mine.loc[4, "right"] > mine.loc[3, "right"] > mine.loc[1, "right"]
        assert mine.loc[1, "how sure"] == "guessing"


def test_item_flags_on_small_classes_say_there_are_too_few_answers():
    items = bank()
    stats = a.item_statistics(a.simulate_class(items, students=5, seed=8), items)
    assert set(stats["flags"]) == {f"fewer than {a.FEW} answers: too few to judge"}


def test_a_student_who_flags_everything_scores_no_discernment_and_a_low_criterion():
    items = bank()
    everything = [a.Response("s", "pre", "A", i.id, True, 4) for i in a.form_items(items, "A")]
    row = a.student_scores(everything, items).set_index("skill").loc["all"]
    assert row["d_prime"] == pytest.approx(0.0) and row["c"] < -1.5
    assert row["hit_rate"] == 1 and row["false_alarm_rate"] == 1 and row["right"] == 0.5


def test_mist_appears_in_the_summary():
    import pandas as pd

    items = bank()
    responses = a.simulate_class(items, students=10, seed=9)
    scores = a.student_scores(responses, items)
    mist = pd.DataFrame([{"student": f"student{n:03d}", "test": t, "V": v + n % 3}
                         for n in range(1, 11) for t, v in (("pre", 10.0), ("post", 13.0))])
    words = a.summary(a.changes(scores, resamples=500), scores, mist)
    assert "On the MIST, veracity discernment (V) changed by +3.00" in words
