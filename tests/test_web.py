"""The offline web of lesson 07 (medialit.web): the page and reference loaders and their errors, the search, a page
as HTML, and the move log's helpers (check_moves, replay, move_log). Fixture pages live in a temporary data folder
(MEDIALIT_DATA, with the real corpus linked in); the checks of the real pages skip while datasets/web is empty."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import medialit as ml
from medialit import web as W
from medialit.errors import DataError, MediaLitError

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
REAL_PAGES = sorted((DATASETS / "web").glob("*.md")) if (DATASETS / "web").is_dir() else []
needs_real_pages = pytest.mark.skipif(
    not REAL_PAGES or not (DATASETS / "reference" / "references.csv").exists(),
    reason="datasets/web has no pages yet (or datasets/reference/references.csv is missing): the checks of the real "
           "offline web run once the pages are written")

REFERENCES = """id,source,date,url,fact,confidence,checked
e-wire,"Example Wire, a news agency",2016-09-17,https://example.org/wire,The wire reported the strike.,checked,fixture
e-monitor,Example Monitor,2016-09,,The monitor counted the dead.,secondary,fixture
s-rater,Example Rater,2019,,The rater documented the outlet.,checked,fixture
"""

# id -> (header fields beyond id, body)
PAGES = {
    "strike-report": ({"title": "Coalition strike near Deir ez-Zor <script>alert('t')</script>",
                       "site": "Example Wire", "kind": "wire report", "date": "2016-09-17",
                       "about": "Deir ez-Zor; coalition; Syrian army", "summary": "A wire report on the strike.",
                       "origin": "reconstruction"},
                      "The coalition said its aircraft struck a position near **Deir ez-Zor** airport [ref:e-wire].\n"
                      "A *monitor* counted the dead <script>alert(1)</script> [ref:e-monitor][ref:e-wire].\n\n"
                      "- A first count [ref:e-monitor]\n"
                      "- A second count,\n  reported later [ref:e-wire]\n"),
    "profile-veterans-today": ({"title": "Veterans Today", "site": "Example Encyclopedia", "kind": "reference work",
                                "date": "2020-08", "about": "Veterans Today; Gordon Duff",
                                "summary": "Who runs the site and what raters found.", "origin": "reconstruction"},
                               "Veterans Today is a website documented by a rater [ref:s-rater].\n"),
    **{twin: ({"title": "Twin page", "site": "Twin Site", "kind": "analysis", "date": "", "about": "twins",
               "summary": "Two identical pages.", "origin": "reconstruction"}, "Identical words here [ref:s-rater].\n")
       for twin in ("twin-a", "twin-b")},
    "corpus-003": ({"title": "Breaking: US Bombs Syrian Army in Der Ezzor, Backing ISIS Advance, 80 Killed",
                    "site": "Veterans Today", "kind": "outlet article", "date": "2016-09-17",
                    "about": "Veterans Today; Fars News Agency; Deir ez-Zor",
                    "summary": "The outlet's article on the strike.", "origin": "corpus 003"}, ""),
}


def page_text(page_id: str, header: dict, body: str) -> str:
    lines = [f"id: {page_id}"] + [f"{k}: {v}" for k, v in header.items()]
    return "\n".join(lines) + "\n\n" + body


def make_data(folder: Path, pages: dict = PAGES, references: str = REFERENCES) -> Path:
    """A data folder with the real corpus (linked) and the fixture pages and references."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "corpus").symlink_to(DATASETS / "corpus", target_is_directory=True)
    for name in ("documents.csv", "comments.csv"):
        shutil.copy(DATASETS / name, folder / name)
    (folder / "reference").mkdir()
    (folder / "reference" / "references.csv").write_text(references, encoding="utf-8")
    (folder / "web").mkdir()
    for page_id, (header, body) in pages.items():
        (folder / "web" / f"{page_id}.md").write_text(page_text(page_id, header, body), encoding="utf-8")
    return folder


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = make_data(tmp_path / "datasets")
    monkeypatch.setenv("MEDIALIT_DATA", str(folder))
    return folder


def edit(data: Path, page_id: str, text: str) -> Path:
    path = data / "web" / f"{page_id}.md"
    path.write_text(text, encoding="utf-8")
    return path


# -- loading -----------------------------------------------------------------------------------------------------
def test_pages_are_loaded_with_their_header_and_body(data):
    web = ml.load_web()
    assert list(web.pages) == sorted(PAGES)
    page = web.pages["strike-report"]
    assert (page.site, page.kind, page.date, page.origin) == ("Example Wire", "wire report", "2016-09-17",
                                                            "reconstruction")
    assert page.about == ("Deir ez-Zor", "coalition", "Syrian army") and page.corpus is None
    assert page.cited == ("e-wire", "e-monitor")
    assert "body" not in repr(page) and "airport" not in repr(page)  # a page's repr leaves its body out


def test_a_corpus_page_is_the_article_body_without_comments(data):
    page = ml.load_web().pages["corpus-003"]
    assert page.corpus == "003" and page.body == ml.body_text("003")
    comments = ml.load_comments()
    first = comments[comments["document"] == "003"]["text"].iloc[0]
    assert first.strip() and first not in page.body


def test_load_web_is_cached_until_a_page_changes(data):
    first = ml.load_web()
    assert ml.load_web() is first
    header, body = PAGES["twin-a"]
    edit(data, "twin-a", page_text("twin-a", {**header, "title": "Changed title"}, body))
    assert ml.load_web() is not first and ml.load_web().pages["twin-a"].title == "Changed title"


def _header_lines(page_id):
    header, body = PAGES[page_id]
    return page_text(page_id, header, body).split("\n")


@pytest.mark.parametrize("page_id, change, line, field, words", [
    ("strike-report", lambda ls: [l for l in ls if not l.startswith("summary:")], 8, "summary", "missing"),
    ("strike-report", lambda ls: ls[:3] + ["author: someone"] + ls[3:], 4, "author", "unknown key"),
    ("strike-report", lambda ls: ["id: strike"] + ls[1:], 1, "id", "is not the file's name"),
    ("strike-report", lambda ls: [l.replace("wire report", "blog post") for l in ls], 4, "kind", "'blog post'"),
    ("strike-report", lambda ls: [l.replace("2016-09-17", "2016-13-01") for l in ls], 5, "date", "not a date"),
    ("strike-report", lambda ls: [l.replace("reconstruction", "copy of 003") for l in ls], 8, "origin",
     "is none of 'reconstruction', 'corpus NNN'"),
    ("corpus-003", lambda ls: [l.replace("corpus 003", "corpus 009") for l in ls], 8, "origin", "no corpus document"),
    ("strike-report", lambda ls: [l.replace("[ref:e-monitor][ref:e-wire]", "[ref:e-nowhere]") for l in ls], 11,
     "body", "[ref:e-nowhere] is not in datasets/reference/references.csv"),
    ("strike-report", lambda ls: [l.replace(" [ref:e-monitor]", "") if l.startswith("- A first") else l
                                  for l in ls], 13, "body", "list item has no citation"),
    ("strike-report", lambda ls: ls + ["", "A new paragraph with no source."], 18, "body",
     "paragraph has no citation"),
    ("corpus-003", lambda ls: ls + ["Text of our own."], 11, "body", "a corpus page has no body of its own"),
    ("strike-report", lambda ls: ls[:2] + ["no colon here"] + ls[2:], 3, None, "expected a header line"),
])
def test_a_bad_page_names_its_file_line_and_field(data, page_id, change, line, field, words):
    path = edit(data, page_id, "\n".join(change(_header_lines(page_id))))
    with pytest.raises(DataError) as error:
        ml.load_web()
    assert (error.value.path, error.value.line, error.value.field) == (str(path), line, field), str(error.value)
    assert words in str(error.value) and f"{path}, line {line}" in str(error.value)


@pytest.mark.parametrize("row, line, field, words", [
    (",Someone,2016,,A fact.,checked,x", 5, "id", "is empty"),
    ("e-wire,Someone,2016,,A fact.,checked,x", 5, "id", "duplicate id 'e-wire' (first on line 2)"),
    ("e-new,Someone,2016,,A fact.,unverified,x", 5, "confidence", "'unverified' is not one of checked, secondary"),
    ("e-new,Someone,17 Sep 2016,,A fact.,checked,x", 5, "date", "is not a date"),
])
def test_a_bad_reference_row_names_its_line_and_field(tmp_path, monkeypatch, row, line, field, words):
    folder = make_data(tmp_path / "datasets", references=REFERENCES + row + "\n")
    monkeypatch.setenv("MEDIALIT_DATA", str(folder))
    for load in (ml.load_references, ml.load_web):
        with pytest.raises(DataError) as error:
            load()
        assert (error.value.line, error.value.field) == (line, field) and words in str(error.value)
        assert str(error.value).startswith(str(folder / "reference" / "references.csv"))


def test_load_references_gives_the_columns_of_the_file(data):
    refs = ml.load_references()
    assert list(refs.columns) == ["id", "source", "date", "url", "fact", "confidence", "checked"]
    assert list(refs["id"]) == ["e-wire", "e-monitor", "s-rater"]
    assert refs.loc[0, "source"] == "Example Wire, a news agency" and pd.isna(refs.loc[1, "url"])


# -- search ------------------------------------------------------------------------------------------------------
def test_search_is_deterministic_and_ranked(data):
    web = ml.load_web()
    first = [p.id for p in web.search("Deir ez-Zor strike")]
    assert first[0] == "strike-report" and "corpus-003" in first
    assert [p.id for p in W.Web(list(web.pages.values()), web.references).search("Deir ez-Zor strike")] == first
    scores = [s for _, s in web.scores("Deir ez-Zor strike")]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    # spelling variants of a hyphenated name find each other, as on a real search engine
    assert web.search("Deir Ezzor")[0].id == "strike-report"


def test_blank_and_stop_word_queries_find_nothing(data):
    web = ml.load_web()
    assert web.search("") == [] and web.search("   \n") == [] and web.search("the and of") == []
    assert web.search("zzzqqq") == []


def test_ties_are_broken_by_id_and_limit_is_kept(data):
    web = ml.load_web()
    assert [p.id for p in web.search("identical twin")] == ["twin-a", "twin-b"]
    assert [p.id for p in web.search("identical twin", limit=1)] == ["twin-a"]
    with pytest.raises(MediaLitError, match="limit must be a whole number"):
        web.search("twin", limit=0)


def test_an_outlets_name_finds_its_profile_first(data):
    assert ml.load_web().search("Veterans Today")[0].id == "profile-veterans-today"


# -- a page as HTML ---------------------------------------------------------------------------------------------
def test_page_html_escapes_everything_and_numbers_the_sources(data):
    web = ml.load_web()
    markup = web.page_html("strike-report")
    assert "<script" not in markup and "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;</h3>" in markup  # the title too
    assert markup.count("<h3>") == 1 and "<p>Example Wire · wire report · 17 September 2016</p>" in markup
    assert W.RECONSTRUCTION_BANNER.split(":")[1].strip() in markup
    assert "<strong>Deir ez-Zor</strong>" in markup and "<em>monitor</em>" in markup
    assert "airport<sup>[1]</sup>." in markup and "<sup>[2]</sup><sup>[1]</sup>" in markup
    assert ("<ul><li>A first count<sup>[2]</sup></li><li>A second count, reported later<sup>[1]</sup></li></ul>"
            in markup)
    sources = re.search(r"<h4>Sources</h4><ol>(.*)</ol>", markup).group(1)
    assert re.findall(r"<li>(.*?)</li>", sources) == [
        "Example Wire, a news agency (17 September 2016). https://example.org/wire",
        "Example Monitor (September 2016)."]


def test_a_corpus_page_has_its_banner_and_no_sources(data):
    markup = ml.load_web().page_html("corpus-003")
    assert "<b>Corpus document 003:</b> the article body as the outlet published it (reader comments left out)" \
        in markup
    assert "Sources" not in markup and "Der Ezzor airport" in markup


def test_show_and_an_unknown_page(data):
    web = ml.load_web()
    shown = web.show("twin-a")
    assert shown._repr_html_() == web.page_html("twin-a") and "Identical" not in repr(shown)
    with pytest.raises(MediaLitError, match="no page 'twin-c' in the offline web; did you mean twin-"):
        web.page_html("twin-c")


# -- moves -------------------------------------------------------------------------------------------------------
LOG = [
    {"t": 100.04, "claim": "A", "do": "search", "query": "Deir ez-Zor"},
    {"t": 110, "claim": "A", "do": "open", "page": "corpus-003", "rank": 2},
    {"t": 130.5, "claim": "A", "do": "back"},
    {"t": 131, "claim": "A", "do": "open", "page": "strike-report", "rank": 1},
    {"t": 150, "claim": "A", "do": "cite", "page": "strike-report"},
    {"t": 160, "claim": "A", "do": "verdict", "verdict": "holds up", "confidence": None},
    {"t": 165, "claim": "B", "do": "search", "query": "twins"},
    {"t": 170, "claim": "A", "do": "verdict", "confidence": "high", "verdict": "can't be settled"},
    {"t": 171, "claim": "A", "do": "cite", "page": "corpus-003"},
]


def test_check_moves_returns_clean_copies():
    clean = W.check_moves(LOG, claims=["A", "B"], pages=list(PAGES))
    assert clean[0] == {"t": 100.0, "claim": "A", "do": "search", "query": "Deir ez-Zor"}
    assert list(clean[7]) == ["t", "claim", "do", "verdict", "confidence"]
    clean[1]["rank"] = 99
    assert LOG[1]["rank"] == 2
    assert W.check_moves([]) == []


def _with(n, **change):
    moves = [dict(m) for m in LOG]
    moves[n - 1].update(change)
    return moves


@pytest.mark.parametrize("moves, message", [
    ("A searched", "expected a list of moves, found str"),
    ({"t": 1}, "expected a list of moves, found dict"),
    ([LOG[0]] * 2001, "at most 2000 moves, found 2001"),
    (LOG[:2] + ["open"], "move 3 must be a dict"),
    ([{"claim": "A", "do": "back"}], "move 1: 't' is missing"),
    (_with(2, do="close"), "move 2: 'do' must be one of search, open, back, cite, verdict, found 'close'"),
    (_with(3, page="x"), "move 3: unknown field 'page' for a 'back' move"),
    ([{"t": 1, "claim": "A", "do": "open", "page": "twin-a"}], "move 1: 'rank' is missing"),
    (_with(7, rank="x"), "move 7: unknown field 'rank'"),
    (_with(2, rank="x"), "move 2: 'rank' must be a whole number ≥ 1, found 'x'"),
    (_with(2, rank=0), "move 2: 'rank' must be a whole number ≥ 1, found 0"),
    (_with(2, rank=True), "move 2: 'rank' must be a whole number ≥ 1, found True"),
    (_with(2, rank=1.5), "move 2: 'rank' must be a whole number ≥ 1, found 1.5"),
    (_with(4, t="noon"), "move 4: 't' must be a time in seconds"),
    (_with(4, t=-1), "move 4: 't' must be a time in seconds"),
    (_with(4, t=math.nan), "move 4: 't' must be a time in seconds"),
    (_with(1, query=""), "move 1: 'query' must be a text of 1 to 200 characters"),
    (_with(1, query="x" * 201), "move 1: 'query' must be a text of 1 to 200 characters"),
    (_with(5, claim="Z"), "move 5: 'claim' must be one of A, B, found 'Z'"),
    (_with(5, page="nowhere"), "move 5: 'page' 'nowhere' is not a page of the offline web"),
    (_with(6, verdict="true"), "move 6: 'verdict' must be one of 'holds up', 'does not hold up', \"can't be settled\""),
    (_with(6, confidence="certain"), "move 6: 'confidence' must be one of 'low', 'medium', 'high' or None"),
])
def test_check_moves_names_the_move_and_the_field(moves, message):
    with pytest.raises(ValueError) as error:
        W.check_moves(moves, claims=["A", "B"], pages=list(PAGES))
    assert message in str(error.value), str(error.value)


def test_replay_keeps_the_order_and_the_last_cite_and_verdict():
    state = W.replay(LOG)
    assert list(state) == ["A", "B"]
    assert state["A"] == {"opened": ["corpus-003", "strike-report"], "cited": "corpus-003",
                          "verdict": "can't be settled", "confidence": "high", "searches": ["Deir ez-Zor"]}
    assert state["B"] == {"opened": [], "cited": None, "verdict": None, "confidence": None, "searches": ["twins"]}
    with pytest.raises(ValueError, match="move 2"):
        W.replay(_with(2, rank=-3))


def test_move_log_is_one_row_per_move_with_the_seconds_to_the_next():
    log = ml.move_log(LOG)
    assert list(log.columns) == ["n", "t", "claim", "do", "query", "page", "rank", "verdict", "confidence",
                                 "seconds"]
    assert list(log["n"]) == list(range(1, 10)) and list(log["do"])[:3] == ["search", "open", "back"]
    assert list(log["seconds"].iloc[:-1]) == [10.0, 20.5, 0.5, 19.0, 10.0, 5.0, 5.0, 1.0]
    assert math.isnan(log["seconds"].iloc[-1])
    assert str(log["rank"].dtype) == "Int64" and log["rank"].iloc[1] == 2 and log["rank"].isna().sum() == 7
    assert log["query"].iloc[0] == "Deir ez-Zor" and log["query"].iloc[1] is None
    empty = ml.move_log([])
    assert empty.empty and list(empty.columns) == list(log.columns)


def test_load_class_moves_reads_one_log_per_student(data):
    rows = [{"student": "S01", "moves": LOG[:3]}, {"student": "S02", "moves": LOG[3:5]}]
    (data / "sample-class-moves.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    moves = ml.load_class_moves()
    assert list(moves.columns) == ["student", *W.MOVE_COLUMNS] and list(moves.index) == list(range(5))
    assert list(moves["student"]) == ["S01"] * 3 + ["S02"] * 2 and list(moves["n"]) == [1, 2, 3, 1, 2]
    assert math.isnan(moves["seconds"].iloc[2])  # seconds are counted within each student's log
    (data / "sample-class-moves.jsonl").write_text('{"student": "S01", "moves": "none"}\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"sample-class-moves\.jsonl, line 1: not a student's move log"):
        ml.load_class_moves()


# -- the real offline web ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real():
    return ml.load_web()


@needs_real_pages
def test_every_citation_resolves_and_every_reconstruction_paragraph_has_one(real):
    """Read again here with a plain reading of the format (not the loader's parser): every [ref:ID] of every page
    is in references.csv, and every paragraph and list item of a reconstruction cites."""
    import csv

    with open(DATASETS / "reference" / "references.csv", encoding="utf-8", newline="") as handle:
        ids = {row["id"] for row in csv.DictReader(handle)}
    problems = []
    for path in REAL_PAGES:
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(":", 1) for line in head.splitlines())
        for ref in (r.strip() for group in re.findall(r"\[ref:([^\]]*)\]", body) for r in re.split(r"[;,]", group)):
            if ref not in ids:
                problems.append(f"{path.name}: [ref:{ref}] is not in references.csv")
        if meta["origin"].strip() == "reconstruction":
            for paragraph in re.split(r"\n\s*\n|\n(?=\s*- )", body):
                if paragraph.strip() and "[ref:" not in paragraph:
                    problems.append(f"{path.name}: no citation in {paragraph.strip()[:60]!r}")
        elif body.strip():
            problems.append(f"{path.name}: a corpus page with a body of its own")
    assert not problems, "\n".join(problems)
    assert set(real.pages) == {p.stem for p in REAL_PAGES}


@needs_real_pages
def test_every_real_page_renders_with_its_numbered_sources(real):
    for page in real.pages.values():
        markup = real.page_html(page.id)
        assert "<script" not in markup.lower(), page.id
        if page.corpus is None:
            assert W.RECONSTRUCTION_BANNER.split(":")[1].strip() in markup, page.id
            listed = re.search(r"<h4>Sources</h4><ol>(.*)</ol>", markup).group(1).count("<li>")
            assert listed == len(page.cited) and f"<sup>[{listed}]</sup>" in markup, page.id
        else:
            assert f"Corpus document {page.corpus}:" in markup, page.id


def _claims():
    from medialit_grader.lessons.lesson07 import CLAIMS

    return {claim: text.split(": ", 1)[1] for claim, text in CLAIMS.items()}


# the corpus document each claim of lesson 07 comes from
CLAIM_SOURCES = {"A": "corpus-003", "B": "corpus-004", "C": "corpus-003", "D": "corpus-000"}


@needs_real_pages
@pytest.mark.parametrize("claim", ["A", "B", "C", "D"])
def test_a_claims_wording_puts_the_outlet_repeating_it_at_or_near_the_top(real, claim):
    """As on a real engine, the pages repeating a claim match its words best: the claim's own corpus page is among
    the first three results (a report of the same event in the same words may come first)."""
    ranked = [p.id for p in real.search(_claims()[claim])]
    assert CLAIM_SOURCES[claim] in ranked[:3], (claim, ranked)
    assert ranked[0].startswith("corpus-") or ranked[1].startswith("corpus-"), (claim, ranked)


@needs_real_pages
@pytest.mark.parametrize("name, expected", [
    ("SouthFront", {"profile-southfront", "research-oii-southfront-vt"}),
    ("Veterans Today", {"profile-veterans-today", "research-oii-southfront-vt"}),
    ("Global Research", {"profile-global-research"}),
    ("Al-Masdar News", {"profile-al-masdar"}),
    ("Inside Syria Media Center", {"profile-ismc-sophie-mangal"}),
    ("Sophie Mangal", {"profile-ismc-sophie-mangal", "research-sio-gru-personas"}),
    ("Fars News Agency", {"profile-fars"}),
    ("SMART News Agency", {"profile-smart-news"}),
    ("Syrian Observatory for Human Rights", {"profile-sohr"}),
])
def test_an_outlets_name_finds_its_profile_and_research(real, name, expected):
    ranked = [p.id for p in real.search(name)]
    profile = next(p for p in expected if p.startswith("profile-"))
    assert profile in ranked[:3], (name, ranked)
    assert expected <= set(ranked), (name, ranked)
