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

from ._paths import data_file
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
    import csv

    with open(data_file("reference", "places.csv"), encoding="utf-8", newline="") as handle:
        return frozenset(row["place"] for row in csv.DictReader(handle))


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
        "Lesson 02. Every attribution cue in the article bodies and in comments that cite sources. label: the "
        "kind of source; source: who is cited; relayed_from: whom that source relays (null if nobody).",
        labels=frozenset({"named party official", "state media", "other outlet", "independent monitor",
                          "anonymous or vague", "unattributed assertion"}),
        fields={"source": str, "relayed_from": (str, type(None)), "rationale": str},
    ),
    "footage": Layer(
        "footage",
        "Lesson 03. Every reference to videos, footage, photos, images, maps or leaflets. label: the medium; "
        "made_by, released_by, when, where: what the text says (null where it says nothing).",
        labels=frozenset({"video", "photo", "map", "leaflet", "image", "broadcast"}),
        fields={"made_by": (str, type(None)), "released_by": (str, type(None)), "when": (str, type(None)),
                "where": (str, type(None)), "rationale": str},
    ),
    "casualties": Layer(
        "casualties",
        "Lesson 04. Every casualty figure. label: killed or injured; low/high: the interval; qualifier as "
        "printed; cited: who is cited; relayed_by: who relays it.",
        labels=frozenset({"killed", "injured"}),
        fields={"low": (int, type(None)), "high": (int, type(None)), "qualifier": (str, type(None)),
                "cited": (str, type(None)), "relayed_by": (str, type(None)), "rationale": str},
    ),
    "propaganda": Layer(
        "propaganda",
        "Lesson 05. Propaganda technique spans (Da San Martino et al. 2019). label: the technique; semeval: its "
        "SemEval-2020 Task 11 class.",
        labels=None,
        fields={"semeval": str, "rationale": str},
    ),
    "comments": Layer(
        "comments",
        "Lesson 06. One row per comment (the span is the comment). label: civil, incivility or hate; for hate, "
        "target and tropes; the words that carry it are in cue_start/cue_end.",
        labels=frozenset({"civil", "incivility", "hate"}),
        fields={"comment": str, "target": (str, type(None)), "tropes": list, "rationale": str},
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
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as error:
                raise DataError(path, number, None, f"not valid JSON ({error.msg} at column {error.colno})") from None
            rows.append(validate_row(row, layer, path=path, line=number))
    return rows


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


def annotations_available(layer: str) -> bool:
    """True when this copy of the kit has the expert annotations for a layer (the student bundle does not)."""
    try:
        data_file("annotations", f"{layer}.jsonl")
    except Exception:
        return False
    return True
