"""The capstone (08-capstone, issue #21): its constructed web kept apart from the web of real events, its article's
sentences (offsets) and comments, its key (two readings, and what the notebook shows), and scoring that rewards
discernment: for each judgement exercise, "flag everything" and "trust everything" both fail. The round trip (full,
zero and partial marks through nbgrader) is tests/test_roundtrip.py's, with tests/partials/08-capstone.py."""

from __future__ import annotations

import json

import pytest

import kit
import medialit as ml
from medialit import web as W
from medialit.errors import DataError
from medialit_grader import exercises as ex
from medialit_grader.lessons import lesson08 as L
from test_web import PAGES, make_data, page_text

CAPSTONE_WEB = kit.ROOT / "datasets" / "capstone" / "web"


def _score(exercise_id: str, answers: dict) -> float:
    exercise = ex.by_id(exercise_id)
    handed_in = {"answer": {q: answers.get(q) for q in exercise.answer.questions}}
    return ex.score(exercise, handed_in).points / exercise.points


# -- the constructed web ---------------------------------------------------------------------------------------------
def test_every_capstone_page_is_constructed_labelled_and_invents_no_real_source():
    web = ml.load_web("capstone")
    assert len(web) >= 15 and all(p.constructed and not p.cited for p in web.pages.values())
    assert ml.CAPSTONE_ARTICLE in web.pages
    for page_id in web.pages:
        assert W.CONSTRUCTED_BANNER.split(":")[0] in web.page_html(page_id)
    # no site of the real-events web appears in the fictional one
    real_sites = {p.site for p in ml.load_web().pages.values()} - {"Media Literacy Lab source profiles"}
    text = "\n".join(p.title + " " + p.body for p in web.pages.values())
    assert not [site for site in real_sites if site in text]


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = make_data(tmp_path / "datasets")
    (folder / "capstone" / "web").mkdir(parents=True)
    monkeypatch.setenv("MEDIALIT_DATA", str(folder))
    return folder


CONSTRUCTED = ({"title": "Invented wire", "site": "Invented Wire", "kind": "wire report", "date": "2019-03-15",
                "about": "Sefrin", "summary": "An invented report.", "origin": "constructed"},
               "A first paragraph.\n\nA second paragraph.\n")


@pytest.mark.parametrize("folder, page, change, line, field, words", [
    # a fictional page in the web of real events, a real one in the fictional web: each named, with its line
    ("web", "invented", lambda t: t, 8, "origin", "a page of this web is reconstruction or corpus NNN"),
    (("capstone", "web"), "strike-report", lambda t: t, 8, "origin", "a page of this web is constructed"),
    # a constructed page cites nothing: its facts are invented
    (("capstone", "web"), "invented", lambda t: t.replace("A second paragraph.", "A second [ref:e-wire]."), 12,
     "body", "cites no reference"),
    (("capstone", "web"), "invented", lambda t: t.split("\n\n")[0] + "\n\n", 10, "body", "needs a body"),
])
def test_a_page_in_the_wrong_web_or_a_constructed_page_citing_names_its_file_line_and_field(
        data, folder, page, change, line, field, words):
    header, body = CONSTRUCTED if page == "invented" else PAGES[page]
    path = data.joinpath(*((folder,) if isinstance(folder, str) else folder)) / f"{page}.md"
    path.write_text(change(page_text(page, header, body)), encoding="utf-8")
    with pytest.raises(DataError) as error:
        ml.load_web("capstone" if folder != "web" else "lateral")
    assert (error.value.path, error.value.line, error.value.field) == (str(path), line, field), str(error.value)
    assert words in str(error.value)


def test_an_unknown_web_is_named():
    with pytest.raises(ml.MediaLitError, match="'lateral', 'capstone'"):
        ml.load_web("capstones")


def test_searching_a_claims_own_words_finds_its_copies_first():
    """Click restraint is a real test: for the claims that do not hold up or can't be settled, the claim's own words
    put an article repeating it first; the pages that settle each claim can be found."""
    web = ml.load_web("capstone")
    for claim in ("B", "C", "D"):
        words = L.CLAIMS[claim].split(": ", 1)[1]
        assert web.search(words)[0].id in L.REPEATS, claim
    for claim, spec in L.KEY.items():
        assert not (spec.settles | spec.coverage) & L.REPEATS, claim
        found = {p.id for p in spec.settles for p in web.search(web.pages[p].title)}
        assert spec.settles <= found, claim


# -- the article's sentences and comments ---------------------------------------------------------------------------
def test_sentences_are_whole_sentences_of_the_article_at_their_offsets():
    body = ml.load_web("capstone").pages[ml.CAPSTONE_ARTICLE].body
    rows = [json.loads(line) for line in (kit.ROOT / "datasets" / "capstone" / "sentences.jsonl").open()]
    sentences = ml.capstone_sentences()
    assert list(sentences) == [r["id"] for r in rows] and len(sentences) == 8
    for row in rows:
        text = body[row["start"]:row["end"]]
        assert text == sentences[row["id"]] and (text[0].isupper() or text[0] == '"')
        assert text.endswith((".", "?")) and (row["start"] == 0 or body[row["start"] - 1] in " \n")


def test_a_sentence_beyond_its_page_names_the_line_and_field(tmp_path, monkeypatch):
    import shutil

    folder = tmp_path / "datasets"
    shutil.copytree(kit.ROOT / "datasets" / "capstone", folder / "capstone")
    (folder / "reference").mkdir(parents=True)
    shutil.copy(kit.ROOT / "datasets" / "reference" / "references.csv", folder / "reference")
    for name in ("corpus", "documents.csv", "comments.csv"):
        src = kit.ROOT / "datasets" / name
        (folder / name).symlink_to(src, target_is_directory=src.is_dir())
    path = folder / "capstone" / "sentences.jsonl"
    lines = path.read_text().splitlines()
    lines[2] = json.dumps({**json.loads(lines[2]), "end": 99999})
    path.write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("MEDIALIT_DATA", str(folder))
    with pytest.raises(DataError) as error:
        ml.capstone_sentences()
    assert (error.value.line, error.value.field) == (3, "end")


def test_hateful_comments_are_only_ever_shown_folded():
    nb = kit.solution("08-capstone")
    uses = [c.source for c in nb.cells if "capstone_comments" in c.source]
    assert uses and all("collapsed=True" in source for source in uses)
    assert "print(" not in "".join(uses)


# -- the key ------------------------------------------------------------------------------------------------------
def test_the_key_fits_what_the_notebook_shows_and_both_readings_agree():
    literals = kit.notebook_literals("08-capstone")
    assert literals["CLAIMS"] == L.CLAIMS
    assert literals["ACTORS"] == L.ACTORS and {a for link in L.RELAY_KEY for a in link} <= set(L.ACTORS)
    assert literals["VIDEO_OPTIONS"] == L.FOOTAGE_OPTIONS and L.FOOTAGE_KEY in L.FOOTAGE_OPTIONS
    assert literals["COUNTS"] == L.FIGURES and set(L.FIGURES_KEY) == set(L.FIGURES)
    L.INQUIRY.checked_key()
    for task in ("technique", "comment"):
        key = L._labels(task)
        assert any(L.REPORTS in a or "neither" in a for a in key.values()), f"{task}: items that are fine"
    readings = {which: {r["item"]: r["label"] for r in map(json.loads, (
        kit.ROOT / "datasets" / "annotations" / "readings" / which / "capstone-keys.jsonl").open())}
        for which in ("first", "second")}
    assert readings["first"] == readings["second"] == {i: r["label"] for i, r in (
        (json.loads(line)["item"], json.loads(line)) for line in
        (kit.ROOT / "datasets" / "annotations" / "capstone-keys.jsonl").open())}


def test_no_answer_stands_word_for_word_in_the_notebook_above_its_widget():
    """The footage options are shown shuffled (the same order everywhere), and the right one is not first."""
    from medialit.widgets import display_order

    shown = display_order("8.7", L.FOOTAGE_OPTIONS)
    assert sorted(shown) == sorted(L.FOOTAGE_OPTIONS) and shown[0] != L.FOOTAGE_KEY
    text = "\n".join(c.source for c in kit.solution("08-capstone").cells if c.cell_type == "markdown"
                     and "BEGIN SOLUTION" not in c.source)
    assert L.FOOTAGE_KEY not in text


# -- discernment: blanket answers fail ------------------------------------------------------------------------------
def test_flagging_everything_and_trusting_everything_both_fail():
    sentences, comments = ml.capstone_sentences(), ml.capstone_comments()
    for label in ml.TECHNIQUE_LABELS:
        assert _score("8.1", {"8.1": dict.fromkeys(sentences, label)}) == 0, label
    for label in ml.COMMENT_LABELS:
        assert _score("8.2", {"8.2": dict.fromkeys(comments, label)}) == 0, label
    every_link = [[a, b] for a in L.ACTORS for b in L.ACTORS if a != b]
    assert _score("8.6", {"8.6": every_link}) == 0
    assert _score("8.6", {"8.6": [[L._CMHR, L._FD]]}) == 0  # the article's own account of its figure


@pytest.mark.parametrize("verdict", W.VERDICTS)
def test_one_verdict_for_every_claim_scores_at_most_a_third(verdict):
    web = ml.load_web("capstone")
    moves, t = [], 1_800_000_000.0
    for claim in L.CLAIMS:
        page = "meridian-sefrin-strike"
        rank = [p.id for p in web.search("Meridian Press Sefrin")].index(page) + 1
        moves += [{"t": t, "claim": claim, "do": "search", "query": "Meridian Press Sefrin"},
                  {"t": t + 5, "claim": claim, "do": "open", "page": page, "rank": rank},
                  {"t": t + 9, "claim": claim, "do": "verdict", "verdict": verdict, "confidence": "high"}]
        t += 10
    assert 0 < _score("8.3", {"8.3": moves}) <= 1 / 3 + 1e-9


def test_a_made_up_log_earns_nothing_a_real_search_would_not_give():
    """An 'open' at a rank the logged search does not give is dropped: a hand-written log citing the right pages
    without finding them scores nothing."""
    moves, t = [], 1_800_000_000.0
    for claim, spec in L.KEY.items():
        page = sorted(spec.settles)[0]
        moves += [{"t": t, "claim": claim, "do": "search", "query": "weather"},
                  {"t": t + 1, "claim": claim, "do": "open", "page": page, "rank": 1},
                  {"t": t + 2, "claim": claim, "do": "cite", "page": page},
                  {"t": t + 3, "claim": claim, "do": "verdict", "verdict": spec.verdict, "confidence": "high"}]
        t += 5
    assert _score("8.3", {"8.3": moves}) == 0 and _score("8.4", {"8.3": moves}) == 0


def test_counts_follow_lesson_04s_convention():
    assert _score("8.8", {"8.8": L.FIGURES_KEY}) == 1
    exact = {k: [v[0], v[0]] for k, v in L.FIGURES_KEY.items()}  # "at least" read as exactly
    assert _score("8.8", {"8.8": exact}) == 0
