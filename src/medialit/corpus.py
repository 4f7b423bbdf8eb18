"""The five documents and their reader comments, as pandas DataFrames with offsets into the raw text."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ._paths import csv_rows, data_file
from .errors import DataError, MediaLitError

if TYPE_CHECKING:  # pandas is imported lazily: importing medialit stays cheap
    import pandas as pd

DOCUMENT_COLUMNS = (
    "id", "source_file", "outlet", "title", "byline", "date", "date_source", "kind", "body_start", "body_end", "notes",
)
COMMENT_COLUMNS = ("id", "document", "position", "author", "reply_to", "posted", "number", "start", "end", "note")
DATE_SOURCES = {"dateline", "event", "comments"}
KINDS = {"news report", "reprint compilation", "guest opinion", "analysis"}


def _read_csv(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV in datasets/, each with its line number; checks the header."""
    return csv_rows(data_file(name), columns)


def _as_int(path, line, field, value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise DataError(path, line, field, f"expected a whole number, found {value!r}") from None


@cache
def _raw_texts() -> dict[str, str]:
    texts = {}
    for line, row in _read_csv("documents.csv", DOCUMENT_COLUMNS):
        path = data_file("corpus", row["source_file"])
        with open(path, encoding="utf-8", newline="") as handle:  # newline="": offsets count every character
            texts[row["id"]] = handle.read()
    return texts


def document_ids() -> list[str]:
    """The ids of the documents, in corpus order ('000' … '004')."""
    return list(_raw_texts())


def doc_id(doc) -> str:
    """A document id in its canonical form: 3, '3' and '003' all name document '003'."""
    texts = _raw_texts()
    key = str(doc).zfill(3) if str(doc).isdigit() else str(doc)
    if key not in texts:
        raise MediaLitError(f"There is no document {doc!r}. The documents are: {', '.join(texts)}.")
    return key


def raw_text(doc: str) -> str:
    """The whole raw text of a document, exactly as in the corpus file. Offsets index into this string."""
    return _raw_texts()[doc_id(doc)]


def text_at(doc: str, start: int, end: int) -> str:
    """The text of a span: ``raw_text(doc)[start:end]``, with a clear error for offsets outside the document."""
    raw = raw_text(doc)
    if not (0 <= start <= end <= len(raw)):
        raise MediaLitError(
            f"Offsets {start}:{end} are outside document {doc}, which has {len(raw)} characters "
            "(start must be ≥ 0, end ≥ start and end ≤ the length)."
        )
    return raw[start:end]


def load_documents() -> pd.DataFrame:
    """One row per document: id, source_file, outlet, title, byline, date (or NaT), date_source, kind, body offsets."""
    import pandas as pd

    path = data_file("documents.csv")
    rows = []
    for line, row in _read_csv("documents.csv", DOCUMENT_COLUMNS):
        raw = raw_text(row["id"])
        start, end = (_as_int(path, line, f, row[f]) for f in ("body_start", "body_end"))
        if not 0 <= start < end <= len(raw):
            raise DataError(path, line, "body_end", f"body {start}:{end} is outside the text ({len(raw)} characters)")
        if row["date_source"] and row["date_source"] not in DATE_SOURCES:
            raise DataError(path, line, "date_source", f"{row['date_source']!r} is not one of {sorted(DATE_SOURCES)}")
        if row["kind"] not in KINDS:
            raise DataError(path, line, "kind", f"{row['kind']!r} is not one of {sorted(KINDS)}")
        rows.append({**{c: (row[c] or None) for c in DOCUMENT_COLUMNS}, "body_start": start, "body_end": end})
    frame = pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    return frame


def load_comments() -> pd.DataFrame:
    """One row per reader comment, with offsets of its body and its ``text`` (= raw[start:end])."""
    import pandas as pd

    path = data_file("comments.csv")
    texts = _raw_texts()
    rows, seen = [], set()
    for line, row in _read_csv("comments.csv", COMMENT_COLUMNS):
        if row["document"] not in texts:
            raise DataError(path, line, "document", f"unknown document {row['document']!r}")
        if row["id"] in seen:
            raise DataError(path, line, "id", f"duplicate comment id {row['id']!r}")
        seen.add(row["id"])
        start, end, position = (_as_int(path, line, f, row[f]) for f in ("start", "end", "position"))
        raw = texts[row["document"]]
        if not 0 <= start < end <= len(raw):
            raise DataError(path, line, "end", f"offsets {start}:{end} are outside the text ({len(raw)} characters)")
        if row["reply_to"] and row["reply_to"] not in seen:
            raise DataError(path, line, "reply_to", f"{row['reply_to']!r} is not an earlier comment")
        number = _as_int(path, line, "number", row["number"]) if row["number"] else None
        rows.append({
            **{c: (row[c] or None) for c in COMMENT_COLUMNS},
            "position": position, "start": start, "end": end, "number": number, "text": raw[start:end],
        })
    frame = pd.DataFrame(rows, columns=[*COMMENT_COLUMNS, "text"])
    frame["number"] = pd.array([r["number"] for r in rows], dtype="Int64")
    return frame


def body_text(doc: str) -> str:
    """The article body of a document (no headline block, bio, boilerplate or comments)."""
    row = load_documents().set_index("id").loc[doc_id(doc)]
    return raw_text(doc)[row.body_start:row.body_end]


PARTS = ("body", "comment")


def find_spans(pattern, *, flags: int = 0, docs: list[str] | None = None, within: str | None = None,
               context: int = 0) -> pd.DataFrame:
    """Every match of a regular expression (or of any of a list of them) in the documents.

    Columns: doc, part ("body", "comment" or None for the rest of the page), start, end, text — offsets into the
    raw text. ``within="body"``, ``"comment"`` or ``"body and comment"`` keeps only matches inside article bodies
    and/or comments; ``context=30`` adds a column with 30 characters either side (clipped to that part).
    """
    import pandas as pd

    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    try:
        regexes = [re.compile(p, flags) for p in patterns]
    except (re.error, TypeError) as error:
        raise MediaLitError(f"Not a valid regular expression in {patterns!r}: {error}.") from None
    wanted = {None: set(PARTS) | {None}, "body": {"body"}, "comment": {"comment"},
              "body and comment": set(PARTS)}
    if within not in wanted:
        raise MediaLitError(f"within must be one of {[w for w in wanted if w]} or None, found {within!r}.")
    regions = _regions()
    rows = []
    for doc in [doc_id(d) for d in docs] if docs else document_ids():
        raw = raw_text(doc)
        for part, start, end in regions[doc]:
            if part not in wanted[within]:
                continue
            for regex in regexes:
                for match in regex.finditer(raw, start, end):
                    if match.end() > match.start():  # an empty match is not a span
                        row = {"doc": doc, "part": part, "start": match.start(), "end": match.end(),
                               "text": match.group()}
                        if context:
                            row["context"] = raw[max(start, match.start() - context):min(end, match.end() + context)]
                        rows.append(row)
    columns = ["doc", "part", "start", "end", "text"] + (["context"] if context else [])
    found = pd.DataFrame(rows, columns=columns)
    return found.drop_duplicates(["doc", "start", "end"]).sort_values(["doc", "start", "end"], ignore_index=True)


@cache
def _regions() -> dict[str, list[tuple[str | None, int, int]]]:
    """Each document cut into consecutive regions: (part, start, end), part being body, comment or None."""
    docs = load_documents().set_index("id")
    comments = load_comments()
    out = {}
    for doc in document_ids():
        cuts = [("body", int(docs.loc[doc, "body_start"]), int(docs.loc[doc, "body_end"]))]
        cuts += [("comment", int(r.start), int(r.end)) for r in comments[comments["document"] == doc].itertuples()]
        regions, position = [], 0
        for part, start, end in sorted(cuts, key=lambda c: c[1]):
            if start > position:
                regions.append((None, position, start))
            regions.append((part, start, end))
            position = end
        regions.append((None, position, len(raw_text(doc))))
        out[doc] = regions
    return out
