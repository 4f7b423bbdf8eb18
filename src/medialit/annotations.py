"""Annotation layers: one JSON Lines file per layer, one span per line, offsets into the raw document text.

Every row has ``doc`` (document id), ``start`` and ``end`` (Unicode code points into the raw text, end exclusive),
``text`` (must equal ``raw[start:end]``) and ``label``; a layer adds its own fields (see ``LAYERS``).
The loader checks every row and names the file, line and field of the first problem it finds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ._paths import csv_rows, data_file, json_lines
from .corpus import _raw_texts
from .errors import DataError

if TYPE_CHECKING:
    import pandas as pd

BASE_FIELDS = {"doc": str, "start": int, "end": int, "text": str, "label": str}


@dataclass(frozen=True)
class Layer:
    """What one annotation layer allows: its labels (None: any non-empty text) and its extra fields."""

    name: str
    description: str
    labels: frozenset[str] | None = None
    fields: dict[str, type | tuple[type, ...]] = field(default_factory=dict)  # extra fields every row must have
    # allowed values of some extra fields (a set, or a function that reads it from reference data); None is
    # allowed wherever the field's type allows it
    choices: dict[str, frozenset | Callable[[], frozenset]] = field(default_factory=dict)


def _place_names() -> frozenset[str]:
    from .reference import PLACE_COLUMNS

    return frozenset(row["place"] for _, row in csv_rows(data_file("reference", "places.csv"), PLACE_COLUMNS))


LAYERS: dict[str, Layer] = {
    "places": Layer(
        "places",
        "Every mention by name of a place in datasets/reference/places.csv, in any spelling. label: the name; "
        "place: the places.csv row it refers to (null for a province, region, road name or the government); "
        "refers_to: what the mention points at; rationale: why.",
        labels=frozenset({"Deir ez-Zor", "Palmyra", "al-Tanf", "Homs", "Abu Kamal", "Damascus", "Baghdad",
                          "Maskanah", "Raqqa", "Al-Qa'im"}),
        fields={"place": (str, type(None)), "refers_to": str, "rationale": str},
        choices={"place": _place_names,
                 "refers_to": frozenset({"city", "town", "province", "region", "airport", "garrison",
                                         "border post", "road name", "government (metonym)"})},
    ),
    # -- lesson layers: each lesson's author owns its entry (label set, extra fields, allowed values) -------------
    "attributions": Layer(
        "attributions",
        "Lesson 02. Every attribution cue in the article bodies and in comments that cite sources (the span: the "
        "reporting words with the source's name when joined to them). label: the kind of source; source: who is "
        "cited; relayed_from: whom that source says it is passing on (null if the text does not say); cited_by: "
        "whose text cites it (the outlet, the outlet a reprint relays, or 'reader comment <id>'). A claim with no "
        "source has no cue and no row.",
        labels=frozenset({"party to the conflict", "state media", "other outlet", "independent monitor",
                          "other named source", "vague or anonymous"}),
        fields={"source": str, "relayed_from": (str, type(None)), "cited_by": str, "rationale": str},
    ),
    "footage": Layer(
        "footage",
        "Lesson 03. Every reference to videos, footage, photos, images, maps, leaflets or broadcasts, in articles "
        "and comments. label: the medium; item: which object (mentions of the same video share it); made_by, "
        "released_by, when, where, purpose: what the text says about the object (null where it says nothing); "
        "role: what the reference does in the text; rationale: why.",
        labels=frozenset({"video", "photo", "map", "leaflet", "image", "broadcast"}),
        fields={"item": str, "made_by": (str, type(None)), "released_by": (str, type(None)),
                "when": (str, type(None)), "where": (str, type(None)), "purpose": (str, type(None)),
                "role": str, "rationale": str},
        choices={"role": frozenset({"evidence", "reported event", "reader aid", "check suggested", "site notice",
                                    "generic claim"})},
    ),
    "casualties": Layer(
        "casualties",
        "Lesson 04. Every figure of people killed or injured in the events the documents report, in headlines, "
        "bodies and comments: a number, a range, a quantity phrase standing in for one ('dozens', 'unknown number') "
        "or an explicit statement about the count ('did not have any information about the number of casualties'). "
        "label: killed, injured, or casualties (both together); low/high: the interval the words commit to (null: "
        "no bound stated on that side); qualifier as printed (null for a bare number); counted: who was killed or "
        "injured, as printed; cited: whom the text names as giving it; relayed_by: who publishes it here; root: the "
        "earliest party the text names; event; part of the page; order among the document's figures; when: what the "
        "text says about its time. Built by datasets/tools/build_casualties_layer.py.",
        labels=frozenset({"killed", "injured", "casualties"}),
        fields={"low": (int, type(None)), "high": (int, type(None)), "qualifier": (str, type(None)),
                "counted": (str, type(None)), "cited": (str, type(None)), "relayed_by": str, "root": str,
                "event": str, "part": str, "order": int, "when": (str, type(None)), "rationale": str},
        choices={"root": frozenset({"Syrian government", "US Central Command", "not stated", "a reader"}),
                 "event": frozenset({"Deir ez-Zor air raid, 17 Sep 2016", "al-Tanf convoy strike, 18 May 2017",
                                     "attacks near Zaza and the Zuluf reserve, May 2017",
                                     "clashes in the al-Makabir area of Deir ez-Zor, May 2017"}),
                 "part": frozenset({"headline", "body", "comment"})},
    ),
    "propaganda": Layer(
        "propaganda",
        "Lesson 05. Propaganda technique spans in the five article bodies, the headlines and decks printed above them, "
        "and chosen comments (the list and the reasons are in datasets/tools/build_propaganda_layer.py). label: one of the 18 techniques of Da San Martino "
        "et al. (EMNLP 2019); semeval: its class among the 14 of SemEval-2020 Task 11 (null for Obfuscation, which "
        "SemEval dropped); voice: the outlet's or commenter's own words, or words it relays from someone else; "
        "region: the document id (article body), the heading ('<doc>-headline', '<doc>-deck') or the comment id the "
        "span lies in; rationale: why.",
        labels=frozenset({"Loaded language", "Name calling or labelling", "Repetition", "Exaggeration or minimisation",
                          "Doubt", "Appeal to fear or prejudice", "Flag-waving", "Causal oversimplification",
                          "Slogans", "Appeal to authority", "Black-and-white fallacy", "Thought-terminating cliché",
                          "Whataboutism", "Reductio ad Hitlerum", "Red herring", "Bandwagon",
                          "Obfuscation or intentional vagueness", "Straw man"}),
        fields={"semeval": (str, type(None)), "voice": str, "region": str, "rationale": str},
        choices={"semeval": frozenset({"Loaded language", "Name calling or labelling", "Repetition",
                                       "Exaggeration or minimisation", "Doubt", "Appeal to fear or prejudice",
                                       "Flag-waving", "Causal oversimplification", "Slogans", "Appeal to authority",
                                       "Black-and-white fallacy", "Thought-terminating cliché",
                                       "Whataboutism, straw man or red herring", "Bandwagon or reductio ad Hitlerum"}),
                 "voice": frozenset({"author", "quoted"})},
    ),
    "comments": Layer(
        "comments",
        "Lesson 06. Exactly one row per reader comment of datasets/comments.csv, all 64; the row's span is the "
        "whole comment (its comments.csv offsets) and `comment` its id. label: hate (attacks a group for who they "
        "are, openly or in code), incivility (insults, name-calling, profanity or mockery aimed at people or "
        "institutions, not at a group for who they are) or civil (everything else, angry or false claims "
        "included). For hate: target (the group attacked), tropes (from: antisemitic conspiracy, Holocaust "
        "distortion or justification, collective blame, coded terms, dehumanisation, threat) and cues, the exact "
        "words that carry it as a list of {start, end, text} with document offsets inside the comment; for civil "
        "and incivility target is null and tropes and cues are empty. doubt: why a careful annotator could "
        "decide differently (null if clear-cut). rationale: why, including why a comparison with Nazi Germany, "
        "fury at a government or an insult between commenters is not hate. Built by "
        "datasets/tools/build_comments_layer.py.",
        labels=frozenset({"civil", "incivility", "hate"}),
        fields={"comment": str, "target": (str, type(None)), "tropes": list, "cues": list,
                "doubt": (str, type(None)), "rationale": str},
    ),
}


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "a whole number", list: "a list", type(None): "null", dict: "an object"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def validate_row(row: Any, layer: Layer | None = None, *, path="<row>", line: int | None = None) -> dict:
    """Check one annotation row; return it, or raise DataError naming the file, line and field."""
    texts = _raw_texts()
    if not isinstance(row, dict):
        raise DataError(path, line, None, f"expected a JSON object {{...}}, found {type(row).__name__}")
    wanted = dict(BASE_FIELDS, **(layer.fields if layer else {}))
    for name, kind in wanted.items():
        if name not in row:
            raise DataError(path, line, name, "is missing", f"every row needs: {', '.join(wanted)}")
        value = row[name]
        if isinstance(value, bool) or not isinstance(value, kind):
            raise DataError(path, line, name, f"expected {_type_name(kind)}, found {json.dumps(value)}")
    if row["doc"] not in texts:
        raise DataError(path, line, "doc", f"unknown document {row['doc']!r} (documents: {', '.join(texts)})")
    raw = texts[row["doc"]]
    if not 0 <= row["start"] < row["end"] <= len(raw):
        raise DataError(
            path, line, "end" if row["end"] > len(raw) else "start",
            f"offsets {row['start']}:{row['end']} are not inside document {row['doc']} ({len(raw)} characters; "
            "start must be ≥ 0 and less than end)",
        )
    actual = raw[row["start"]:row["end"]]
    if row["text"] != actual:
        raise DataError(
            path, line, "text",
            f"does not match the document at {row['start']}:{row['end']}: the row says {row['text']!r}, "
            f"the document has {actual!r}",
            "recompute the offsets from the raw text (offsets count Unicode characters, not bytes)",
        )
    if not row["label"].strip():
        raise DataError(path, line, "label", "is empty")
    if layer and layer.labels is not None and row["label"] not in layer.labels:
        raise DataError(path, line, "label", f"{row['label']!r} is not one of {sorted(layer.labels)}")
    for name, allowed in (layer.choices if layer else {}).items():
        allowed = allowed() if callable(allowed) else allowed
        if row[name] is not None and row[name] not in allowed:
            raise DataError(path, line, name, f"{row[name]!r} is not one of {sorted(allowed)}")
    if not row.get("rationale", "x").strip():
        raise DataError(path, line, "rationale", "is empty: every gold annotation says why")
    return row


def read_layer_file(path: Path | str, layer: Layer | None = None) -> list[dict]:
    """Read and validate a JSON Lines annotation file. Blank lines are allowed; anything else must be a valid row."""
    return [validate_row(row, layer, path=path, line=number) for number, row in json_lines(path)]


def load_annotations(layer: str) -> pd.DataFrame:
    """One annotation layer as a DataFrame (doc, start, end, text, label and the layer's own fields).

    Raises AnnotationsUnavailable when this copy of the kit leaves the answer keys out (the student bundle).
    """
    import pandas as pd

    if layer not in LAYERS:
        raise DataError(f"datasets/annotations/{layer}.jsonl", None, None,
                        f"no such layer; the layers are: {', '.join(sorted(LAYERS))}")
    spec = LAYERS[layer]
    path = data_file("annotations", f"{layer}.jsonl")
    rows = read_layer_file(path, spec)
    columns = [*BASE_FIELDS, *spec.fields]
    extra = sorted({k for r in rows for k in r} - set(columns))
    frame = pd.DataFrame(rows, columns=columns + extra)
    return frame.sort_values(["doc", "start", "end"], ignore_index=True)


def disputed(layer: str) -> frozenset[str]:
    """The units of a layer the kit's two annotators still dispute after adjudication — comment ids for the comments
    layer, "doc:start-end" spans for the others (from ``annotations/adjudication/<layer>.jsonl``). Grading counts
    them neither way. Raises AnnotationsUnavailable where the annotations are left out (the student bundle)."""
    if layer not in LAYERS:
        raise DataError(f"datasets/annotations/adjudication/{layer}.jsonl", None, None,
                        f"no such layer; the layers are: {', '.join(sorted(LAYERS))}")
    data_file("annotations", f"{layer}.jsonl")  # the layer itself must be here (AnnotationsUnavailable if not)
    path = data_file("annotations").joinpath("adjudication", f"{layer}.jsonl")
    if not path.is_file():
        return frozenset()  # nothing disputed: the two readings agreed everywhere
    units = set()
    for number, row in json_lines(path):
        if not isinstance(row.get("unit"), str):
            raise DataError(path, number, "unit", "every adjudication record names its unit")
        if row.get("decision") == "disputed":
            units.add(row["unit"])
    return frozenset(units)


def annotations_available(layer: str) -> bool:
    """True when this copy of the kit has the kit's annotations for a layer (the student bundle does not)."""
    try:
        data_file("annotations", f"{layer}.jsonl")
    except Exception:
        return False
    return True
