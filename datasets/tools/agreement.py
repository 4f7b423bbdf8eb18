"""Agreement between the two independent readings of every annotation layer, and the list of their disagreements.

The readings: ``annotations/readings/first/<layer>.jsonl`` (the first annotator's layer, frozen as it was before the
second reading) and ``annotations/readings/second/<layer>.jsonl`` (the second annotator's, made blind to the first
from the guidelines in DATASHEET.md). The adjudicated layer is ``annotations/<layer>.jsonl``, and every
disagreement's decision and reason is in ``annotations/adjudication/<layer>.jsonl``.

Measures:
- spans: the partial-overlap precision/recall/F1 of Da San Martino et al. (2019), as used in SemEval-2020 Task 11
  (``medialit.semeval_span_scores``), with the second reading scored against the first (F1 is symmetric). "spans"
  ignores labels (did the two readers mark the same stretches?); "labelled" requires the same label.
- labels: Cohen's kappa (``medialit.cohen_kappa``, scikit-learn's) over the units both readers marked: for span
  layers, pairs of overlapping spans (each span paired with the other reading's span it overlaps most, one to one);
  for the comments layer, all 64 comments.
- the pre/post test's key (``annotations/assessment-keys.jsonl``, issue #21; not a layer of the corpus): per item,
  flag or pass (kappa) and the skill it tests, both readers having read every item.
- the capstone's key (``annotations/capstone-keys.jsonl``): the label of each of the article's sentences and reader
  comments (kappa per task), both readers having labelled every item.

Run:  python datasets/tools/agreement.py                 # the table, and DATASHEET.md's block rewritten
      python datasets/tools/agreement.py --check         # exit 1 if DATASHEET.md's block is not up to date
      python datasets/tools/agreement.py --disagreements LAYER   # every disagreement, one JSON object a line
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(DATA.parent / "src"))

from medialit.annotations import LAYERS, read_layer_file  # noqa: E402
from medialit.metrics import cohen_kappa, semeval_span_scores  # noqa: E402

READINGS = DATA / "annotations" / "readings"
ADJUDICATION = DATA / "annotations" / "adjudication"
DATASHEET = DATA / "DATASHEET.md"
BEGIN, END = "<!-- agreement: begin (written by datasets/tools/agreement.py) -->", "<!-- agreement: end -->"

# the fields, besides the label, whose disagreement an adjudicator decides (the rest are descriptions)
COMPARED = {"places": ("refers_to",), "attributions": (), "footage": ("role",),
            "casualties": ("low", "high"), "propaganda": (), "comments": ()}
ORDER = ("places", "attributions", "footage", "casualties", "propaganda", "comments")


KEY = "assessment-keys"  # the pre/post test's key: one row per item, not a span layer
CAPSTONE = "capstone-keys"  # the capstone's key: one row per sentence or comment, with its task
TASKS = {"technique": "sentences", "comment": "comments"}


def reading(which: str, layer: str) -> list[dict]:
    if layer in (KEY, CAPSTONE):
        path = READINGS / which / f"{layer}.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return read_layer_file(READINGS / which / f"{layer}.jsonl", LAYERS[layer])


def key_figures() -> dict:
    a = {r["id"]: r for r in reading("first", KEY)}
    b = {r["id"]: r for r in reading("second", KEY)}
    assert set(a) == set(b), "both readings judge every item"
    ids = sorted(a)
    return {"units": len(ids), "agreed": sum(a[i]["signal"] == b[i]["signal"] for i in ids),
            "kappa": cohen_kappa([a[i]["signal"] for i in ids], [b[i]["signal"] for i in ids]),
            "same_skill": sum(a[i]["skill"] == b[i]["skill"] for i in ids),
            "kappa_skill": cohen_kappa([a[i]["skill"] for i in ids], [b[i]["skill"] for i in ids])}


def capstone_figures() -> dict:
    """Per task of the capstone's key: items, agreed labels and kappa."""
    a = {r["item"]: r for r in reading("first", CAPSTONE)}
    b = {r["item"]: r for r in reading("second", CAPSTONE)}
    assert set(a) == set(b), "both readings label every item"
    out = {}
    for task in TASKS:
        ids = sorted(i for i in a if a[i]["task"] == task)
        out[task] = {"units": len(ids), "agreed": sum(a[i]["label"] == b[i]["label"] for i in ids),
                     "kappa": cohen_kappa([a[i]["label"] for i in ids], [b[i]["label"] for i in ids])}
    return out


def _overlap(a: dict, b: dict) -> int:
    if a["doc"] != b["doc"]:
        return 0
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def pairs(first: list[dict], second: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pair overlapping spans one to one, largest overlap first; return (pairs, first only, second only)."""
    candidates = sorted(((_overlap(a, b), i, j) for i, a in enumerate(first) for j, b in enumerate(second)
                         if _overlap(a, b)), reverse=True)
    used_a, used_b, matched = set(), set(), []
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i), used_b.add(j)
            matched.append((first[i], second[j]))
    matched.sort(key=lambda p: (p[0]["doc"], p[0]["start"]))
    return (matched, [a for i, a in enumerate(first) if i not in used_a],
            [b for j, b in enumerate(second) if j not in used_b])


def _spans(rows, labelled: bool):
    return [(r["doc"], r["start"], r["end"], r["label"] if labelled else "") for r in rows]


def figures(layer: str) -> dict:
    first, second = reading("first", layer), reading("second", layer)
    out = {"layer": layer, "first": len(first), "second": len(second)}
    if layer == "comments":
        a = {r["comment"]: r["label"] for r in first}
        b = {r["comment"]: r["label"] for r in second}
        ids = sorted(a)
        assert set(a) == set(b), "both readings label every comment"
        out.update(units=len(ids), agreed=sum(a[i] == b[i] for i in ids),
                   kappa=cohen_kappa([a[i] for i in ids], [b[i] for i in ids]),
                   kappa_hate=cohen_kappa([a[i] == "hate" for i in ids], [b[i] == "hate" for i in ids]))
        return out
    matched, only_first, only_second = pairs(first, second)
    spans = semeval_span_scores(_spans(second, False), _spans(first, False))
    labelled = semeval_span_scores(_spans(second, True), _spans(first, True))
    labels_a = [a["label"] for a, _ in matched]
    labels_b = [b["label"] for _, b in matched]
    out.update(units=len(matched), only_first=len(only_first), only_second=len(only_second),
               span_f1=spans.f1, labelled_f1=labelled.f1,
               exact=sum((a["start"], a["end"]) == (b["start"], b["end"]) for a, b in matched),
               agreed=sum(x == y for x, y in zip(labels_a, labels_b)),
               kappa=cohen_kappa(labels_a, labels_b) if len(set(labels_a) | set(labels_b)) > 1 else None)
    for name in COMPARED[layer]:
        values_a, values_b = [a[name] for a, _ in matched], [b[name] for _, b in matched]
        out[f"same_{name}"] = sum(x == y for x, y in zip(values_a, values_b))
        if all(isinstance(v, str) for v in values_a + values_b) and len(set(values_a) | set(values_b)) > 1:
            out[f"kappa_{name}"] = cohen_kappa(values_a, values_b)
    return out


def disagreements(layer: str) -> list[dict]:
    """Every unit the readings disagree on: a span only one reading has, or a pair whose label or compared fields
    differ. ``unit`` names it the same way the adjudication file does."""
    first, second = reading("first", layer), reading("second", layer)
    found = []
    if layer == KEY:
        b = {r["id"]: r for r in second}
        for a in first:
            if (a["signal"], a["skill"]) != (b[a["id"]]["signal"], b[a["id"]]["skill"]):
                found.append({"unit": a["id"], "first": {"signal": a["signal"], "skill": a["skill"]},
                              "second": {"signal": b[a["id"]]["signal"], "skill": b[a["id"]]["skill"]}})
        return found
    if layer == CAPSTONE:
        b = {r["item"]: r for r in second}
        return [{"unit": a["item"], "task": a["task"], "first": a["label"], "second": b[a["item"]]["label"]}
                for a in first if a["label"] != b[a["item"]]["label"]]
    if layer == "comments":
        b = {r["comment"]: r for r in second}
        for a in first:
            if a["label"] != b[a["comment"]]["label"]:
                found.append({"unit": a["comment"], "first": a["label"], "second": b[a["comment"]]["label"]})
        return found
    matched, only_first, only_second = pairs(first, second)
    for a in only_first:
        found.append({"unit": unit(a), "text": a["text"], "first": a["label"], "second": None})
    for b in only_second:
        found.append({"unit": unit(b), "text": b["text"], "first": None, "second": b["label"]})
    for a, b in matched:
        fields = ("label",) + COMPARED[layer]
        if any(a[f] != b[f] for f in fields):
            found.append({"unit": unit(a), "text": a["text"], "second_span": unit(b),
                          "first": {f: a[f] for f in fields}, "second": {f: b[f] for f in fields}})
    return sorted(found, key=lambda d: d["unit"])


def unit(row: dict) -> str:
    return f"{row['doc']}:{row['start']}-{row['end']}"


def adjudications(layer: str) -> dict[str, dict]:
    path = ADJUDICATION / f"{layer}.jsonl"
    if not path.exists():
        return {}
    out = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                row = json.loads(line)
                for field in ("unit", "decision", "reason"):
                    if not str(row.get(field) or "").strip():
                        raise ValueError(f"{path}, line {number}, field {field!r}: missing or empty")
                out[row["unit"]] = row
    return out


def _f(x) -> str:
    return "—" if x is None else f"{x:.2f}"


def _other(r: dict) -> str:
    parts = []
    for name in COMPARED[r["layer"]]:
        kappa = f", κ {r[f'kappa_{name}']:.2f}" if f"kappa_{name}" in r else ""
        parts.append(f"{name} {r[f'same_{name}']}/{r['units']}{kappa}")
    return "; ".join(parts) or "—"


def table() -> str:
    rows = [figures(layer) for layer in ORDER]
    lines = ["| layer | rows (first / second) | span F1 | labelled F1 | pairs (exact) | label agreement | κ | "
             "other field | disagreements adjudicated |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        d = disagreements(r["layer"])
        done = sum(x["unit"] in adjudications(r["layer"]) for x in d)
        if r["layer"] == "comments":
            lines.append(f"| comments | {r['first']} / {r['second']} | — | — | {r['units']} comments | "
                         f"{r['agreed']}/{r['units']} | {_f(r['kappa'])} (hate or not: {_f(r['kappa_hate'])}) | — | "
                         f"{done}/{len(d)} |")
            continue
        lines.append(f"| {r['layer']} | {r['first']} / {r['second']} | {_f(r['span_f1'])} | {_f(r['labelled_f1'])} | "
                     f"{r['units']} ({r['exact']}) | {r['agreed']}/{r['units']} | {_f(r['kappa'])} | {_other(r)} | "
                     f"{done}/{len(d)} |")
    k, d = key_figures(), disagreements(KEY)
    done = sum(x["unit"] in adjudications(KEY) for x in d)
    lines.append(f"| pre/post test key | {k['units']} / {k['units']} items | — | — | {k['units']} items | "
                 f"{k['agreed']}/{k['units']} flag or pass | {_f(k['kappa'])} | skill {k['same_skill']}/{k['units']}, "
                 f"κ {k['kappa_skill']:.2f} | {done}/{len(d)} |")
    c, d, done = capstone_figures(), disagreements(CAPSTONE), adjudications(CAPSTONE)
    for task, what in TASKS.items():
        r, mine = c[task], [x for x in d if x["task"] == task]
        lines.append(f"| capstone key, {what} | {r['units']} / {r['units']} items | — | — | {r['units']} items | "
                     f"{r['agreed']}/{r['units']} | {_f(r['kappa'])} | — | "
                     f"{sum(x['unit'] in done for x in mine)}/{len(mine)} |")
    return "\n".join([BEGIN, *lines, END])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--disagreements", metavar="LAYER")
    args = parser.parse_args(argv)
    if args.disagreements:
        for d in disagreements(args.disagreements):
            print(json.dumps(d, ensure_ascii=False))
        return 0
    block = table()
    text = DATASHEET.read_text(encoding="utf-8")
    if BEGIN not in text:
        print(f"{DATASHEET}: no agreement block ({BEGIN} … {END})", file=sys.stderr)
        return 1
    head, rest = text.split(BEGIN, 1)
    new = head + block + rest.split(END, 1)[1]
    if args.check:
        if new != text:
            print(f"{DATASHEET}: the agreement block is out of date; run python datasets/tools/agreement.py",
                  file=sys.stderr)
            return 1
        return 0
    DATASHEET.write_text(new, encoding="utf-8")
    print(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())
