"""The offline webs: pages to search, open and cite, and the move log of an investigation.

    import medialit as ml
    web = ml.load_web()                      # lesson 07's web: every page of datasets/web/*.md
    ml.load_web("capstone")                  # the capstone's web: datasets/capstone/web/*.md
    web.search("Veterans Today")             # a list of Page, best first
    web.show("profile-veterans-today")       # the page as the investigation widget shows it
    ml.move_log(lab.answer("7.1"))           # a move log as a DataFrame, one row per move

The pages: ``datasets/web/<id>.md``, a header of ``key: value`` lines up to the first blank line, then the body in
a small Markdown subset (paragraphs, ``-`` lists, ``**bold**``, ``*italic*``). A page is either a **reconstruction**
(written by the kit from checked sources: every paragraph and list item cites entries of
``datasets/reference/references.csv`` as ``[ref:ID]``) or a **corpus page** (``origin: corpus NNN``: its body is
document NNN's article body, reader comments left out); those two make lesson 07's web, about real events. The
capstone's web (``datasets/capstone/web``) is all **constructed** pages (``origin: constructed``): practice material
about a fictional event, invented by the kit, so it cites nothing — and no constructed page may enter the web of real
events, nor a real one the fictional web (``WEBS``). The search ranks pages by TF-IDF cosine similarity, like a
small search engine: the pages whose words best match the query come first — which is why the pages repeating a
claim come first for the claim's own words.

A move log is a list of moves, each ``{"t": seconds since the epoch, "claim": claim id, "do": what}``:
``search`` (+ ``query``), ``open`` (+ ``page``, ``rank`` in the last search's results), ``back``, ``cite``
(+ ``page``), ``verdict`` (+ ``verdict``, one of VERDICTS, and ``confidence``, one of CONFIDENCE or None).
``check_moves`` checks one, ``replay`` says where each claim stands, ``move_log`` makes it a table.

This module holds no answers: which page settles which claim is the teacher's key, not part of the offline web.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import math
import numbers
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ._paths import csv_rows, data_dir, data_file
from .errors import DataError, MediaLitError

if TYPE_CHECKING:  # pandas is imported lazily: importing medialit stays cheap
    import pandas as pd

__all__ = ["Page", "Web", "load_web", "load_references", "load_class_moves", "check_moves", "replay", "move_log",
           "VERDICTS", "CONFIDENCE", "KINDS", "MOVES", "MAX_MOVES", "MAX_QUERY"]

KINDS = ("official statement", "wire report", "news report", "monitor", "investigation", "research",
         "reference work", "analysis", "outlet article")
HEADER_KEYS = ("id", "title", "site", "kind", "date", "about", "summary", "origin")
REQUIRED_VALUES = ("id", "title", "site", "kind", "summary", "origin")  # date and about may be empty
REFERENCE_COLUMNS = ("id", "source", "date", "url", "fact", "confidence", "checked")
REFERENCE_CONFIDENCE = ("checked", "secondary")

VERDICTS = ("holds up", "does not hold up", "can't be settled")
CONFIDENCE = ("low", "medium", "high")
# the fields of each kind of move, besides t, claim and do
MOVES = {"search": ("query",), "open": ("page", "rank"), "back": (), "cite": ("page",),
         "verdict": ("verdict", "confidence")}
MAX_MOVES = 2000
MAX_QUERY = 200
MOVE_COLUMNS = ["n", "t", "claim", "do", "query", "page", "rank", "verdict", "confidence", "seconds"]

# each web: its folder under datasets/ and the origins its pages may have
WEBS = {"lateral": (("web",), ("reconstruction", "corpus")),
        "capstone": (("capstone", "web"), ("constructed",))}
CONSTRUCTED_BANNER = ("Constructed for practice: a fictional page about a fictional event, written by Media Literacy "
                      "Lab (no real outlet, person or place is meant)")
RECONSTRUCTION_BANNER = ("Reconstruction for teaching: written by Media Literacy Lab from the sources listed below; "
                         "not the original page")
CORPUS_BANNER = "Corpus document {doc}: the article body as the outlet published it (reader comments left out)"

_ORIGIN = re.compile(r"corpus (\d{3})")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# a citation: [ref:ID], or several in one bracket, [ref:ID1; ID2] (commas work too)
_REF = re.compile(r"\[ref:([^\]]*)\]")
_REF_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


# -- the reference file ------------------------------------------------------------------------------------------
def _reference_rows() -> tuple[Path, list[tuple[int, dict[str, str]]]]:
    """The rows of references.csv with their line numbers, each checked (id, confidence, date)."""
    path = data_file("reference", "references.csv")
    rows, seen = [], {}
    for line, row in csv_rows(path, REFERENCE_COLUMNS, f"the header must be {','.join(REFERENCE_COLUMNS)}"):
        row = {c: (row.get(c) or "").strip() for c in REFERENCE_COLUMNS}
        if not row["id"]:
            raise DataError(path, line, "id", "is empty: every reference needs an id (e.g. e-reuters-2016-09-17)")
        if not _REF_ID.fullmatch(row["id"]):
            raise DataError(path, line, "id", f"{row['id']!r} is not a slug (letters, digits, '-', '_', '.')")
        if row["id"] in seen:
            raise DataError(path, line, "id", f"duplicate id {row['id']!r} (first on line {seen[row['id']]})")
        seen[row["id"]] = line
        if row["confidence"] not in REFERENCE_CONFIDENCE:
            raise DataError(path, line, "confidence",
                            f"{row['confidence']!r} is not one of {', '.join(REFERENCE_CONFIDENCE)}",
                            "an [unverified] fact is not stated at all, so it has no reference")
        for name in ("source", "fact"):
            if not row[name]:
                raise DataError(path, line, name, "is empty")
        if row["date"] and not _valid_date(row["date"]):
            raise DataError(path, line, "date", f"{row['date']!r} is not a date YYYY-MM-DD, YYYY-MM or YYYY")
        rows.append((line, row))
    return path, rows


def load_references() -> pd.DataFrame:
    """The kit's reference file, ``datasets/reference/references.csv``: one row per source the offline web cites.

    Columns: id, source, date, url, fact, confidence ("checked" or "secondary"), checked (how it was checked).
    A bad row raises DataError naming the file, the line and the field."""
    import pandas as pd

    _, rows = _reference_rows()
    return pd.DataFrame([{c: (row[c] or None) for c in REFERENCE_COLUMNS} for _, row in rows],
                        columns=list(REFERENCE_COLUMNS))


def _valid_date(text: str) -> bool:
    if not _DATE.fullmatch(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        _dt.date(*parts[:3])
    except ValueError:
        return False
    return True


def _human_date(text: str) -> str:
    """2016-09-17 -> 17 September 2016; 2017-06 -> June 2017; 2016 -> 2016; empty -> empty."""
    if not text:
        return ""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = _dt.date(parts[0], parts[1], 1).strftime("%B")
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


# -- pages ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    """One page of the offline web. ``body`` is Markdown (a reconstruction) or the article's plain text (a corpus
    page); ``about`` the topics of the header."""

    id: str
    title: str
    site: str
    kind: str
    date: str
    about: tuple
    summary: str
    origin: str
    body: str = field(repr=False)

    @property
    def corpus(self) -> str | None:
        """The corpus document id of a corpus page ('003'), None for a reconstruction."""
        found = _ORIGIN.fullmatch(self.origin)
        return found.group(1) if found else None

    @property
    def constructed(self) -> bool:
        """A fictional page made for practice (the capstone's web)."""
        return self.origin == "constructed"

    @property
    def cited(self) -> tuple[str, ...]:
        """The reference ids the page cites, in the order they first appear."""
        return tuple(dict.fromkeys(_ref_ids(self.body))) if self.origin == "reconstruction" else ()

    @property
    def label(self) -> str:
        """How a search result names the page: "Title — Site, 17 September 2016"."""
        date = _human_date(self.date)
        return f"{self.title} — {self.site}" + (f", {date}" if date else "")


def _ref_ids(text: str) -> list[str]:
    return [ref.strip() for group in _REF.findall(text) for ref in re.split(r"[;,]", group) if ref.strip()]


@dataclass
class _Block:
    kind: str  # "p" (a paragraph) or "li" (a list item)
    text: str
    line: int  # its first line in the file


def _blocks(body: str, first_line: int = 1) -> list[_Block]:
    """The paragraphs and list items of the Markdown subset: blocks are separated by blank lines; a line starting
    with "- " starts a list item; any other line continues the paragraph or list item it follows."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, raw in enumerate(body.split("\n"), start=first_line):
        stripped = raw.strip()
        if not stripped:
            current = None
        elif stripped.startswith("- ") or stripped == "-":
            current = _Block("li", stripped[1:].strip(), number)
            blocks.append(current)
        elif current is not None:
            current.text += " " + stripped
        else:
            current = _Block("p", stripped, number)
            blocks.append(current)
    return blocks


def _parse_page(path: Path, references: dict, documents: set[str], origins=("reconstruction", "corpus")) -> Page:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    lines = text.split("\n")
    header: dict[str, str] = {}
    where: dict[str, int] = {}
    end = len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            end = number
            break
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or not re.fullmatch(r"[a-z]+", key):
            raise DataError(path, number, None, f"expected a header line 'key: value', found {line[:60]!r}",
                            "the header ends at the first blank line; the body follows it")
        if key not in HEADER_KEYS:
            raise DataError(path, number, key, f"unknown key (the keys are {', '.join(HEADER_KEYS)})")
        if key in header:
            raise DataError(path, number, key, f"appears twice (first on line {where[key]})")
        header[key], where[key] = value.strip(), number
    for key in HEADER_KEYS:
        if key not in header:
            raise DataError(path, end, key, f"missing from the header (lines 1–{end - 1}): add a line '{key}: …'")
    for key in REQUIRED_VALUES:
        if not header[key]:
            raise DataError(path, where[key], key, "is empty")
    if header["id"] != path.stem:
        raise DataError(path, where["id"], "id", f"{header['id']!r} is not the file's name {path.stem!r}")
    if header["kind"] not in KINDS:
        raise DataError(path, where["kind"], "kind", f"{header['kind']!r} is not one of: {', '.join(KINDS)}")
    if header["date"] and not _valid_date(header["date"]):
        raise DataError(path, where["date"], "date", f"{header['date']!r} is not a date YYYY-MM-DD or YYYY-MM "
                        "(or empty)")
    origin = header["origin"]
    corpus = _ORIGIN.fullmatch(origin)
    kind = "corpus" if corpus else origin
    if kind not in ("reconstruction", "corpus", "constructed"):
        raise DataError(path, where["origin"], "origin", f"{origin!r} is none of 'reconstruction', 'corpus NNN' "
                        "(a document id such as 'corpus 003') and 'constructed'")
    if kind not in origins:
        allowed = " or ".join("corpus NNN" if o == "corpus" else o for o in origins)
        raise DataError(path, where["origin"], "origin", f"a page of this web is {allowed}, not {origin!r}",
                        "real events and the fictional capstone each have their own web (medialit.web.WEBS)")
    raw_body = "\n".join(lines[end:])
    first_body_line = end + 1  # lines[end] is the line after the blank one
    body = raw_body.strip()
    blocks = _blocks(raw_body, first_body_line)
    if corpus:
        doc = corpus.group(1)
        if doc not in documents:
            raise DataError(path, where["origin"], "origin", f"there is no corpus document {doc} (the documents are "
                            f"{', '.join(sorted(documents))})")
        if body.strip():
            raise DataError(path, blocks[0].line, "body", "a corpus page has no body of its own: its body "
                            f"is document {doc}'s article body (delete the text after the header)")
        from .corpus import body_text

        body = body_text(doc)
    elif kind == "constructed":
        if not body.strip():
            raise DataError(path, first_body_line, "body", "a constructed page needs a body")
        for number, line in enumerate(raw_body.split("\n"), start=first_body_line):
            if _REF.search(line):
                raise DataError(path, number, "body", "a constructed page cites no reference: its facts are invented "
                                "for practice (delete the [ref:…])")
    else:
        if not body.strip():
            raise DataError(path, first_body_line, "body", "a reconstruction needs a body, with its citations")
        for number, line in enumerate(raw_body.split("\n"), start=first_body_line):
            if any(not group.strip() for group in _REF.findall(line)):
                raise DataError(path, number, "body", "an empty citation [ref:]")
            for ref in _ref_ids(line):
                if ref not in references:
                    raise DataError(path, number, "body", f"[ref:{ref}] is not in datasets/reference/references.csv",
                                    "add the reference there, or cite one that is")
        for block in blocks:
            if not _ref_ids(block.text):
                what = "list item" if block.kind == "li" else "paragraph"
                raise DataError(path, block.line, "body", f"this {what} has no citation [ref:ID]: every paragraph and "
                                f"list item of a reconstruction cites its facts (it begins {block.text[:50]!r})")
    about = tuple(t.strip() for t in header["about"].split(";") if t.strip())
    return Page(header["id"], header["title"], header["site"], header["kind"], header["date"], about,
                header["summary"], origin, body)


# -- the web -------------------------------------------------------------------------------------------------------
def _search_text(text: str) -> str:
    """What the search indexes and queries are made of: lower case, and each hyphenated word also written together
    (Deir ez-Zor ~ Deir Ezzor, al-Tanf ~ Tanf, Al-Masdar ~ Almasdar), as search engines forgive spelling variants."""
    from sklearn.feature_extraction.text import strip_accents_unicode

    text = strip_accents_unicode(text.lower())
    return re.sub(r"\b(\w+)[-‐‑](\w+)\b", r"\1 \2 \1\2", text)


class _PageView:
    """A page shown in a notebook (``web.show(id)``): its HTML; as plain text, only its title and site."""

    def __init__(self, page: Page, markup: str):
        self.page, self.markup = page, markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"<Page {self.page.id}: {self.page.label} ({self.page.kind})>"


class Web:
    """The offline web: ``pages`` ({id: Page}, sorted by id), ``search``, ``page_html``, ``show``."""

    def __init__(self, pages, references: dict[str, dict], folder: Path | None = None):
        pages = list(pages.values()) if isinstance(pages, dict) else list(pages)
        self.pages: dict[str, Page] = {p.id: p for p in sorted(pages, key=lambda p: p.id)}
        self.references = dict(references)
        self.folder = folder
        self._index = None

    def __repr__(self) -> str:
        corpus = sum(p.corpus is not None for p in self.pages.values())
        made = sum(p.constructed for p in self.pages.values())
        parts = [f"{corpus} corpus pages", f"{len(self.pages) - corpus - made} reconstructions"] if made < len(self) \
            else []
        parts += [f"{made} constructed for practice"] if made else []
        return (f"<Web: {len(self.pages)} pages ({', '.join(parts)})" + (f" in {self.folder}>" if self.folder else ">"))

    def __len__(self) -> int:
        return len(self.pages)

    def page(self, page_id: str) -> Page:
        """One page by id; a clear error naming the closest ids for an unknown one."""
        if page_id in self.pages:
            return self.pages[page_id]
        import difflib

        close = difflib.get_close_matches(str(page_id), list(self.pages), n=3)
        raise MediaLitError(f"There is no page {page_id!r} in the offline web"
                            + (f"; did you mean {', '.join(close)}?" if close else ".")
                            + " web.pages lists every page.")

    # -- search ----------------------------------------------------------------------------------------------------
    def _fit(self):
        if self._index is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            ids = list(self.pages)
            docs = []
            for p in self.pages.values():  # the title counts twice
                docs.append("\n".join([p.title, p.title, p.site, "; ".join(p.about), p.summary, p.body]))
            vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, preprocessor=_search_text)
            matrix = vectorizer.fit_transform(docs) if docs else None
            self._index = (ids, vectorizer, matrix)
        return self._index

    def scores(self, query: str) -> list[tuple[str, float]]:
        """(page id, score) of every page that matches the query (score > 0), best first, ties by id."""
        if not isinstance(query, str):
            raise MediaLitError(f"A search query is a text, found {query!r}.")
        if not query.strip() or not self.pages:
            return []
        ids, vectorizer, matrix = self._fit()
        vector = vectorizer.transform([query])
        if not vector.nnz:
            return []
        sims = (matrix @ vector.T).toarray().ravel()
        # rounded: the order must not depend on the last bits of a float sum (same on every machine)
        found = [(ids[i], round(float(s), 10)) for i, s in enumerate(sims) if s > 1e-12]
        return sorted(found, key=lambda pair: (-pair[1], pair[0]))

    def search(self, query: str, limit: int = 8) -> list[Page]:
        """The pages that best match the query, best first (TF-IDF cosine similarity; ties by id): at most `limit`.
        A blank query finds nothing."""
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise MediaLitError(f"limit must be a whole number ≥ 1, found {limit!r}.")
        return [self.pages[pid] for pid, _ in self.scores(query)[:limit]]

    # -- showing a page ----------------------------------------------------------------------------------------------
    def page_html(self, page_id: str) -> str:
        """The page as safe HTML (every text escaped): title, site · kind · date, the banner saying what the page is,
        the body, and for a reconstruction its sources, numbered as the citations in the text."""
        page = self.page(page_id)
        e = html.escape
        meta = " · ".join(x for x in (page.site, page.kind, _human_date(page.date)) if x)
        if page.corpus is None:
            banner = CONSTRUCTED_BANNER if page.constructed else RECONSTRUCTION_BANNER
            numbers: dict[str, int] = {}
            body = _render_markdown(page.body, numbers)
            sources = "".join(f"<li>{self._source_text(ref)}</li>" for ref in numbers)
            body += f"<h4>Sources</h4><ol>{sources}</ol>" if numbers else ""
        else:
            banner = CORPUS_BANNER.format(doc=page.corpus)
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", page.body) if p.strip()]
            body = "".join(f"<p>{e(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
        head, _, rest = banner.partition(":")
        return (f"<div class='medialit-page' style='overflow-wrap:anywhere'>"
                f"<h3>{e(page.title)}</h3><p>{e(meta)}</p>"
                f"<p style='border-left:4px solid currentColor;padding:2px 8px'><b>{e(head)}:</b>{e(rest)}</p>"
                f"{body}</div>")

    def _source_text(self, ref: str) -> str:
        row = self.references.get(ref, {})
        text = html.escape(row.get("source") or ref)
        if row.get("date"):
            text += f" ({html.escape(_human_date(row['date']))})"
        text += "."
        if row.get("url"):
            text += f" {html.escape(row['url'])}"
        return text

    def show(self, page_id: str) -> _PageView:
        """A page as a notebook shows it (put it last in a cell): ``web.show("profile-southfront")``."""
        return _PageView(self.page(page_id), self.page_html(page_id))


def _render_markdown(body: str, numbers: dict[str, int]) -> str:
    """The kit's Markdown subset as safe HTML: paragraphs, "-" lists, **bold**, *italic*; each [ref:ID] becomes a
    superscript number (numbers: {ref id: n}, filled in order of first citation).

    A tiny renderer rather than a Markdown library: the pages use four constructs, everything is escaped before
    any tag is made, and no new dependency is needed (mistune, installed with nbconvert, would have to be declared
    in pyproject.toml and environment.yml)."""
    out, items = [], []

    def flush():
        if items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items.clear()

    for block in _blocks(body):  # consecutive list items make one list
        inner = _render_inline(block.text, numbers)
        if block.kind == "li":
            items.append(f"<li>{inner}</li>")
        else:
            flush()
            out.append(f"<p>{inner}</p>")
    flush()
    return "".join(out)


def _render_inline(text: str, numbers: dict[str, int]) -> str:
    cites: list[str] = []

    def cite(match):
        refs = [r.strip() for r in re.split(r"[;,]", match.group(1)) if r.strip()]
        marks = []
        for ref in refs:
            numbers.setdefault(ref, len(numbers) + 1)
            marks.append(f"<sup>[{numbers[ref]}]</sup>")
        cites.append("".join(marks))
        return f"\x00{len(cites) - 1}\x00"

    text = _REF.sub(cite, text)
    text = html.escape(text)
    text = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", r"<em>\1</em>", text)
    text = re.sub(r" ?\x00(\d+)\x00", lambda m: cites[int(m.group(1))], text)
    return text


def _signature(folder: Path, pages: Path) -> tuple:
    """What the cache of load_web depends on: the page files and the reference file (names, sizes, times)."""
    files = sorted(pages.glob("*.md")) + [folder / "reference" / "references.csv"]
    return tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())


_CACHE: dict[str, tuple[tuple, Web]] = {}


def load_web(web: str = "lateral") -> Web:
    """Every page of an offline web, checked: lesson 07's (``"lateral"``, ``datasets/web/*.md``, the default) or the
    capstone's (``"capstone"``, ``datasets/capstone/web/*.md``). Loaded once per data folder (and again when a page or
    the reference file changes). A bad page raises DataError naming the file, the line and the field."""
    if web not in WEBS:
        raise MediaLitError(f"There is no offline web {web!r}; the webs are {', '.join(map(repr, WEBS))}.")
    parts, origins = WEBS[web]
    folder = data_dir()
    pages_dir = data_file(*parts)  # a clear error if the folder is missing
    key = f"{folder.resolve()}:{web}"
    signature = _signature(folder, pages_dir)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    _, rows = _reference_rows()
    references = {row["id"]: row for _, row in rows}
    from .corpus import document_ids

    documents = set(document_ids())
    pages = [_parse_page(path, references, documents, origins) for path in sorted(pages_dir.glob("*.md"))]
    site = Web(pages, references, pages_dir)
    _CACHE[key] = (signature, site)
    return site


# -- moves -------------------------------------------------------------------------------------------------------
def _is_whole(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_moves(moves, claims=None, pages=None) -> list[dict]:
    """A move log checked and cleaned: a list of at most MAX_MOVES dicts, each with the fields of its kind
    (see the module's docstring). Returns clean copies (t rounded to 0.1 s, the fields in a fixed order).
    ``claims`` and ``pages``, when given, are the claim ids and page ids the moves may name. Raises ValueError
    naming the move (from 1) and the field: "move 7: 'rank' must be a whole number ≥ 1, found 'x'"."""
    if isinstance(moves, (str, bytes, dict)) or not isinstance(moves, (list, tuple)):
        raise ValueError(f"expected a list of moves, found {type(moves).__name__} {_short(moves)}")
    if len(moves) > MAX_MOVES:
        raise ValueError(f"a move log holds at most {MAX_MOVES} moves, found {len(moves)}")
    claims = None if claims is None else {str(c) for c in claims}
    pages = None if pages is None else set(pages)
    clean = []
    for n, move in enumerate(moves, start=1):
        if not isinstance(move, dict):
            raise ValueError(f"move {n} must be a dict with t, claim and do, found {_short(move)}")
        for key in ("t", "claim", "do"):
            if key not in move:
                raise ValueError(f"move {n}: {key!r} is missing")
        do = move["do"]
        if do not in MOVES:
            raise ValueError(f"move {n}: 'do' must be one of {', '.join(MOVES)}, found {_short(do)}")
        extra = [k for k in move if k not in ("t", "claim", "do", *MOVES[do])]
        if extra:
            allowed = ", ".join(("t", "claim", "do", *MOVES[do]))
            raise ValueError(f"move {n}: unknown field {extra[0]!r} for a {do!r} move (its fields: {allowed})")
        for key in MOVES[do]:
            if key not in move:
                raise ValueError(f"move {n}: {key!r} is missing (a {do!r} move has {', '.join(MOVES[do])})")
        t = move["t"]
        if not isinstance(t, numbers.Real) or isinstance(t, bool) or not math.isfinite(t) or t < 0:
            raise ValueError(f"move {n}: 't' must be a time in seconds (a number ≥ 0), found {_short(t)}")
        claim = move["claim"]
        if not isinstance(claim, str) or not claim:
            raise ValueError(f"move {n}: 'claim' must be a claim id (a text), found {_short(claim)}")
        if claims is not None and claim not in claims:
            raise ValueError(f"move {n}: 'claim' must be one of {', '.join(sorted(claims))}, found {_short(claim)}")
        out = {"t": round(float(t), 1), "claim": claim, "do": do}
        if do == "search":
            query = move["query"]
            if not isinstance(query, str) or not query.strip() or len(query) > MAX_QUERY:
                raise ValueError(f"move {n}: 'query' must be a text of 1 to {MAX_QUERY} characters, "
                                 f"found {_short(query)}")
            out["query"] = query
        if do in ("open", "cite"):
            page = move["page"]
            if not isinstance(page, str) or not page:
                raise ValueError(f"move {n}: 'page' must be a page id (a text), found {_short(page)}")
            if pages is not None and page not in pages:
                raise ValueError(f"move {n}: 'page' {page!r} is not a page of the offline web")
            out["page"] = page
        if do == "open":
            rank = move["rank"]
            if not _is_whole(rank) or rank < 1:
                raise ValueError(f"move {n}: 'rank' must be a whole number ≥ 1, found {_short(rank)}")
            out["rank"] = int(rank)
        if do == "verdict":
            if move["verdict"] not in VERDICTS:
                raise ValueError(f"move {n}: 'verdict' must be one of {', '.join(map(repr, VERDICTS))}, found "
                                 f"{_short(move['verdict'])}")
            if move["confidence"] is not None and move["confidence"] not in CONFIDENCE:
                raise ValueError(f"move {n}: 'confidence' must be one of {', '.join(map(repr, CONFIDENCE))} or "
                                 f"None, found {_short(move['confidence'])}")
            out["verdict"], out["confidence"] = move["verdict"], move["confidence"]
        clean.append(out)
    return clean


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def replay(moves) -> dict[str, dict]:
    """Where each claim stands after a move log: {claim: {"opened": [page ids, in order], "cited": the last page
    cited or None, "verdict": the last verdict or None, "confidence": its confidence or None, "searches":
    [queries, in order]}}, claims in the order of their first move."""
    state: dict[str, dict] = {}
    for move in check_moves(moves):
        s = state.setdefault(move["claim"], {"opened": [], "cited": None, "verdict": None, "confidence": None,
                                             "searches": []})
        if move["do"] == "search":
            s["searches"].append(move["query"])
        elif move["do"] == "open":
            s["opened"].append(move["page"])
        elif move["do"] == "cite":
            s["cited"] = move["page"]
        elif move["do"] == "verdict":
            s["verdict"], s["confidence"] = move["verdict"], move["confidence"]
    return state


def move_log(moves) -> pd.DataFrame:
    """A move log as a table, one row per move: n (from 1), t, claim, do, query, page, rank, verdict, confidence,
    seconds (until the next move; NaN for the last)."""
    import pandas as pd

    clean = check_moves(moves)
    frame = pd.DataFrame([{"n": i, **m} for i, m in enumerate(clean, start=1)],
                         columns=MOVE_COLUMNS[:-1])
    frame["n"] = frame["n"].astype("int64")
    frame["t"] = frame["t"].astype("float64")
    frame["rank"] = pd.array([m.get("rank") for m in clean], dtype="Int64")
    for column in ("claim", "do", "query", "page", "verdict", "confidence"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    frame["seconds"] = (frame["t"].shift(-1) - frame["t"]).round(1)
    return frame


def load_class_moves() -> pd.DataFrame:
    """The move logs of a constructed class (``datasets/sample-class-moves.jsonl``; practice data, no real student):
    one row per move, the columns of ``move_log`` after a first column ``student``; seconds are counted within
    each student's log."""
    import pandas as pd

    path = data_file("sample-class-moves.jsonl")
    frames = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            frame = move_log(row["moves"])
            student = str(row["student"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise DataError(path, number, None, f"not a student's move log ({error})") from None
        frame.insert(0, "student", student)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["student", *MOVE_COLUMNS])
    return pd.concat(frames, ignore_index=True)
