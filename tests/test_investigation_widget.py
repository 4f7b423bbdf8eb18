"""The investigation widget of lesson 07 (lab.investigate), driven in-process as the front end drives it: text typed
in the search box, buttons pressed, toggle buttons chosen. Each move is in the answer file at once, in order; the
status line says the state in words; a re-run shows the last state; a corrupt log names the move and the field."""

from __future__ import annotations

import json

import pytest
from test_web import make_data

import medialit as ml
from medialit.errors import AnswerFileError, MediaLitError
from medialit.widgets import Investigation

LESSON = "99-lateral"
CLAIMS = {"A": "Coalition aircraft bombed Syrian army positions near Deir ez-Zor.",
          "B": "Veterans Today is a news agency."}
FILE = f"answers-{LESSON}.json"


@pytest.fixture
def lab(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_DATA", str(make_data(tmp_path / "datasets")))
    folder = tmp_path / "student"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return ml.lesson(LESSON)


def widget(lesson) -> Investigation:
    return lesson.investigate("L1", "Investigate the claims", CLAIMS)


def saved(lesson):
    entry = json.loads(lesson.store.path.read_text(encoding="utf-8"))["answers"]["L1"]
    assert entry["kind"] == "investigation"
    return entry["value"]


def without_t(moves):
    return [{k: v for k, v in m.items() if k != "t"} for m in moves]


def status(w) -> str:
    import re

    return re.sub(r"<[^>]+>", "", w._status.value)


def shown(w) -> list[str]:
    return [b.description for b, _ in w._hits if b.layout.display != "none"]


def test_a_whole_investigation_is_saved_move_by_move(lab):
    w = widget(lab)
    assert w.value is None and not lab.store.path.exists() and "No answer yet" in status(w)
    w._box.value = "Deir ez-Zor strike"  # typed, then Enter
    assert saved(lab) == w.value and without_t(saved(lab)) == [
        {"claim": "A", "do": "search", "query": "Deir ez-Zor strike"}]
    assert "2 results for ‘Deir ez-Zor strike’" in w._count.value
    assert shown(w)[0].startswith("1. Coalition strike near Deir ez-Zor") and shown(w)[1].startswith("2. Breaking")
    assert w._hits[0][1].value == "<span>A wire report on the strike.</span>"
    w._go.click()  # the Search button right after Enter: the same search, not logged twice
    assert len(saved(lab)) == 1
    w._hits[1][0].click()  # result 2
    assert w._results_box.layout.display == "none" and w._page_box.layout.display != "none"
    assert "Corpus document 003:" in w._page.value
    assert "Opened result 2 of 2" in status(w)
    w._back.click()
    assert w._results_box.layout.display != "none" and w._page_box.layout.display == "none" and w._page.value == ""
    w._hits[0][0].click()
    assert w._cite.description == "Cite this page for claim A"
    w._cite.click()
    assert "Cited for claim A: Example Wire — Coalition strike" in status(w)
    w._confidence.value = "medium"  # a confidence before any verdict: kept, saved with the verdict
    assert len(saved(lab)) == 5 and "saved with your verdict" in status(w)
    w._verdict.value = "holds up"
    w._confidence.value = "high"
    moves = saved(lab)
    assert without_t(moves) == [
        {"claim": "A", "do": "search", "query": "Deir ez-Zor strike"},
        {"claim": "A", "do": "open", "page": "corpus-003", "rank": 2},
        {"claim": "A", "do": "back"},
        {"claim": "A", "do": "open", "page": "strike-report", "rank": 1},
        {"claim": "A", "do": "cite", "page": "strike-report"},
        {"claim": "A", "do": "verdict", "verdict": "holds up", "confidence": "medium"},
        {"claim": "A", "do": "verdict", "verdict": "holds up", "confidence": "high"},
    ]
    times = [m["t"] for m in moves]
    assert times == sorted(times) and all(round(t, 1) == t for t in times)
    assert status(w).startswith(f"✓ Answer saved in {FILE}: Claim A: 2 pages opened; cited: Example Wire — "
                                "Coalition strike near Deir ez-Zor")
    assert "verdict: holds up (high confidence). 1 of 2 claims have a verdict." in status(w)


def test_switching_claims_restores_each_claims_verdict_rows(lab):
    w = widget(lab)
    w._box.value = "Veterans Today"
    w._hits[0][0].click()
    w._verdict.value = "does not hold up"
    w._claim_row.value = "B"
    assert (w._verdict.value, w._confidence.value) == (None, None)
    assert w._verdict.description == "Verdict for claim B:" and w._cite.description == "Cite this page for claim B"
    assert CLAIMS["B"] in w._claim_text.value and "Now investigating claim B" in status(w)
    assert "Claim B: 0 pages opened; nothing cited yet; no verdict yet. 1 of 2 claims have a verdict." in status(w)
    w._cite.click()  # the page stays open across claims: cited for B
    w._confidence.value = "low"
    w._claim_row.value = "A"
    assert (w._verdict.value, w._confidence.value) == ("does not hold up", None)
    w._claim_row.value = "B"
    assert (w._verdict.value, w._confidence.value) == (None, "low")  # not saved yet, still shown
    w._verdict.value = "holds up"
    assert without_t(saved(lab))[-2:] == [
        {"claim": "B", "do": "cite", "page": "profile-veterans-today"},
        {"claim": "B", "do": "verdict", "verdict": "holds up", "confidence": "low"}]
    assert ml.web.replay(saved(lab))["A"]["verdict"] == "does not hold up"


def test_rerunning_the_cell_shows_the_last_state_and_saves_nothing(lab):
    w = widget(lab)
    w._box.value = "Deir ez-Zor strike"
    w._hits[1][0].click()
    w._cite.click()
    w._verdict.value = "can't be settled"
    before = lab.store.path.read_bytes()
    again = widget(ml.lesson(LESSON))  # Restart & Run All
    assert again.value == w.value and lab.store.path.read_bytes() == before
    assert again._box.value == "Deir ez-Zor strike" and again._open == "corpus-003"
    assert again._results_box.layout.display == "none" and "Corpus document 003:" in again._page.value
    assert (again._verdict.value, again._confidence.value) == ("can't be settled", None)
    assert again._claim_row.value == "A" and status(again) == status(w).split("→")[0].rstrip()
    again._back.click()  # and it carries on from there
    assert shown(again)[1].startswith("2. Breaking") and saved(lab)[-1]["do"] == "back"
    assert ml.lesson(LESSON).answer("L1") == saved(lab)


def test_blank_and_long_searches(lab):
    w = widget(lab)
    w._go.click()
    assert not lab.store.path.exists() and "Type words to search for" in status(w)
    w._box.value = "Veterans " + "x" * 300
    assert len(saved(lab)[0]["query"]) == 200 and "only its first 200 characters" in status(w)
    w._box.value = "zzzqqq"
    assert "No results for ‘zzzqqq’" in w._count.value and shown(w) == []


def test_the_summary_and_status_never_show_a_page_body(lab):
    w = widget(lab)
    w._box.value = "Deir ez-Zor strike"
    w._hits[1][0].click()
    body = ml.body_text("003")
    snippet = body[40:80]
    assert snippet in w._page.value  # shown in the page view only
    assert snippet not in repr(w) and snippet not in w._status.value
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"].startswith("<Investigation L1: Claim A: 1 page opened")


def test_a_corrupt_saved_log_names_the_move_and_the_field(lab):
    w = widget(lab)
    w._box.value = "Deir ez-Zor strike"
    w._hits[0][0].click()
    data = json.loads(lab.store.path.read_text(encoding="utf-8"))
    data["answers"]["L1"]["value"][1]["rank"] = "x"
    lab.store.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AnswerFileError, match=r"field 'answers\.L1\.value': move 2: 'rank' must be a whole number "
                                              r"≥ 1, found 'x'"):
        widget(ml.lesson(LESSON))
    data["answers"]["L1"]["value"][1].update(rank=1, page="a-page-that-is-gone")
    lab.store.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AnswerFileError, match=r"move 2: 'page' 'a-page-that-is-gone' is not a page"):
        widget(ml.lesson(LESSON))
    data["answers"]["L1"]["value"][1].update(page="twin-a", claim="Z")
    lab.store.path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AnswerFileError, match=r"move 2: 'claim' must be one of A, B, found 'Z'"):
        widget(ml.lesson(LESSON))


def test_a_log_set_in_code_is_checked_and_shown(lab):
    w = widget(lab)
    moves = [{"t": 1.0, "claim": "B", "do": "search", "query": "twins"},
             {"t": 2.0, "claim": "B", "do": "open", "page": "twin-b", "rank": 2},
             {"t": 3.0, "claim": "B", "do": "verdict", "verdict": "holds up", "confidence": "low"}]
    w.value = moves
    assert saved(lab) == moves and w._claim_row.value == "B" and w._open == "twin-b"
    assert (w._verdict.value, w._confidence.value) == ("holds up", "low")
    with pytest.raises(MediaLitError, match="Exercise L1: move 1: 'do' must be one of"):
        w.value = [{"t": 1.0, "claim": "A", "do": "guess"}]
    assert saved(lab) == moves
    w.clear()
    assert w.value is None and "L1" not in json.loads(lab.store.path.read_text())["answers"]
    assert w._open is None and w._query is None and shown(w) == []


def test_every_control_is_named_and_none_is_a_drop_down(lab):
    import ipywidgets

    w = widget(lab)
    w._box.value = "Deir ez-Zor strike"
    controls, seen = [], [w.widget]
    while seen:
        node = seen.pop()
        seen += list(getattr(node, "children", ()))
        if isinstance(node, (ipywidgets.Dropdown, ipywidgets.Select, ipywidgets.SelectMultiple)):
            pytest.fail(f"a drop-down or list box: {node}")
        if isinstance(node, (ipywidgets.Button, ipywidgets.Text, ipywidgets.ToggleButtons)):
            controls.append(node)
    assert len(controls) == 5 + 8 + 2  # claim row, box, Search, verdict and confidence rows; results; Back, Cite
    for control in controls:
        if isinstance(control, ipywidgets.Button) and control.layout.display == "none":
            continue  # an empty result slot, not shown
        assert control.description.strip(), control
        if isinstance(control, ipywidgets.ToggleButtons):
            assert len(control.tooltips) == len(control.options) and all(control.tooltips)
        elif isinstance(control, ipywidgets.Button):
            assert control.tooltip, control.description
    assert w._box.continuous_update is False
    assert list(w._verdict.options) == ml.display_order("L1", ml.web.VERDICTS)
    assert list(w._confidence.options) == ["low", "medium", "high"]


def test_claims_must_be_a_dict(lab):
    with pytest.raises(MediaLitError, match="investigate needs claims as a non-empty dict"):
        lab.investigate("L2", "?", ["A", "B"])
