"""Build datasets/annotations/casualties.jsonl: every casualty figure in the corpus (lesson 04).

Scope: every statement of how many people were killed or injured in the conflict events the documents report
(Syria, 2016–17), in headlines, article bodies and reader comments. A figure is a number or a range, a quantity
phrase standing in for one ("dozens", "a number of", "unknown number") or an explicit statement about the count
("did not have any information about the number of casualties"). Each row was decided by hand, reading the figure
in its document; this script only finds the offsets (each context string must occur exactly once) and checks that
the review is complete: every casualty word in the corpus (killed, injured, casualties, death toll, …) lies in a
paragraph that holds a decided figure or in a passage listed in REVIEWED_WITHOUT_FIGURE with the reason.

Fields (see LAYERS["casualties"] in src/medialit/annotations.py):
  label       killed | injured | casualties (killed and injured counted together, or "casualties" as printed)
  low, high   the interval the words commit to, following lesson 04's convention: a bare or hedged number n
              ("62", "some 80", "a couple of hundred") -> (n, n); "at least n" -> (n, None); "over n" ->
              (n + 1, None); "up to n" -> (None, n); "dozens" -> (24, None); no number -> (None, None).
              None means the words state no bound on that side.
  qualifier   the qualifying words as printed ("some", "up to", "over", "dozens", …); None for a bare number
  counted     who was killed or injured, as the sentence says (None if it does not say)
  cited       whom the sentence names as giving the figure (None: nobody)
  relayed_by  who publishes it here (the outlet, the reprinted agency, a reader)
  root        the earliest party the text names in the chain (Syrian government, US Central Command), "not stated",
              or "a reader" for a commenter's own claim
  event       which event the figure is about
  part        headline | body | comment
  order       position among the figures of its document (1 = first), counted in reading order
  when        what the text says about when the figure was given (None if nothing)

Run: python datasets/tools/build_casualties_layer.py
"""

import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]
CORPUS = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((DATA / "corpus").glob("*.txt"))}

DEIR = "Deir ez-Zor air raid, 17 Sep 2016"
TANF = "al-Tanf convoy strike, 18 May 2017"
ZAZA = "attacks near Zaza and the Zuluf reserve, May 2017"
MAKABIR = "clashes in the al-Makabir area of Deir ez-Zor, May 2017"
SYRIA = "Syrian government"
VT = "Veterans Today"
FNA = "Fars News Agency (reprinted by Veterans Today)"
SPUTNIK = "an unnamed writer crediting Sputnik (reprinted by Veterans Today)"  # "…, Sputnik reported"
KONASHENKOV = "Igor Konashenkov, Russian Defence Ministry spokesman"

# One dict per figure. "context" is a string that occurs once in the document and contains "text" (the span).
FIGURES = [
    # -- 002 · Global Research reprint of SouthFront --------------------------------------------------------------
    dict(doc="002", context="killing unknown number of militants", text="unknown number", label="killed",
         low=None, high=None, qualifier="unknown number", counted="militants (US-backed groups)", cited=None,
         relayed_by="South Front (republished by Global Research)", root="not stated", event=ZAZA, part="body",
         when=None, rationale="the outlet's own assertion: deaths claimed, no number and no source given"),
    dict(doc="002", context="killed a number of ISIS militants", text="a number of", label="killed",
         low=None, high=None, qualifier="a number of", counted="ISIS militants", cited=None,
         relayed_by="South Front (republished by Global Research)", root="not stated", event=MAKABIR, part="body",
         when=None, rationale="vague quantity in place of a number; no source given"),
    # -- 003 · Veterans Today compilation: headlines ---------------------------------------------------------------
    dict(doc="003", context="Backing ISIS Advance, 80 Killed", text="80", label="killed", low=80, high=80,
         qualifier=None, counted=None, cited=None, relayed_by=VT, root="not stated", event=DEIR, part="headline",
         when=None, rationale="VT's headline: the highest death figure in the document, with no source"),
    dict(doc="003", context="80 Syrian Army Soldiers Killed in US-Led", text="80", label="killed", low=80, high=80,
         qualifier=None, counted="Syrian Army soldiers", cited=None, relayed_by=FNA, root="not stated", event=DEIR,
         part="headline", when=None, rationale="Fars's headline as reprinted: 80 stated as fact, no source"),
    # -- 003 · body: the VT editor's note ----------------------------------------------------------------------------
    dict(doc="003", context="airport, killing 80 and", text="80", label="killed", low=80, high=80, qualifier=None,
         counted=None, cited="Syrian officials including the Minister of Justice, Najem Hamad Al-Ahmad",
         relayed_by="Veterans Today (editor's note signed G)", root=SYRIA, event=DEIR, part="body", when=None,
         rationale="editor's note: figure from Syrian officials who 'told VT'"),
    dict(doc="003", context="wounding up to 100.", text="up to 100", label="injured", low=None, high=100,
         qualifier="up to", counted=None,
         cited="Syrian officials including the Minister of Justice, Najem Hamad Al-Ahmad",
         relayed_by="Veterans Today (editor's note signed G)", root=SYRIA, event=DEIR, part="body", when=None,
         rationale="a ceiling only: 'up to 100' wounded, same officials"),
    # -- 003 · body: the Fars (FNA) text ----------------------------------------------------------------------------
    dict(doc="003", context="killing some 80 soldiers", text="some 80", label="killed", low=80, high=80,
         qualifier="some", counted="Syrian soldiers", cited="the General Command of the Syrian army", relayed_by=FNA,
         root=SYRIA, event=DEIR, part="body", when=None,
         rationale="attributed to the Syrian army's General Command; hedged with 'some'"),
    dict(doc="003", context="injuring dozens more", text="dozens", label="injured", low=24, high=None,
         qualifier="dozens", counted="Syrian soldiers", cited="the General Command of the Syrian army",
         relayed_by=FNA, root=SYRIA, event=DEIR, part="body", when=None,
         rationale="'dozens more' injured: at least two dozen, no ceiling"),
    dict(doc="003", context="Eighty Syrian soldiers were killed", text="Eighty", label="killed", low=80, high=80,
         qualifier=None, counted="Syrian soldiers",
         cited=KONASHENKOV + ", citing the Syrian General Command", relayed_by=FNA, root=SYRIA, event=DEIR,
         part="body", when=None,
         rationale="attributed to Konashenkov, who is quoted with 62 later in the same document (corpus-errors 1)"),
    dict(doc="003", context="killed and over 100 injured", text="over 100", label="injured", low=101, high=None,
         qualifier="over", counted="Syrian soldiers", cited=KONASHENKOV + ", citing the Syrian General Command",
         relayed_by=FNA, root=SYRIA, event=DEIR, part="body", when=None,
         rationale="a floor: more than 100 injured; Sputnik's text has 'some 100' from the same spokesman"),
    # -- 003 · body: the Sputnik text --------------------------------------------------------------------------------
    dict(doc="003", context="62 Syrian soldiers were killed", text="62", label="killed", low=62, high=62,
         qualifier=None, counted="Syrian soldiers",
         cited=KONASHENKOV + ", citing the Syrian command in Deir Ezzur", relayed_by=SPUTNIK, root=SYRIA, event=DEIR,
         part="body", when=None,
         rationale="full chain stated: Konashenkov passes on the Syrian command's figure; RT also reported 62"),
    dict(doc="003", context="some 100 others were injured", text="some 100", label="injured", low=100, high=100,
         qualifier="some", counted="Syrian soldiers",
         cited=KONASHENKOV + ", citing the Syrian command in Deir Ezzur", relayed_by=SPUTNIK, root=SYRIA, event=DEIR,
         part="body", when=None, rationale="hedged point figure, same chain as the 62"),
    dict(doc="003", context="increased to 80.)", text="80", label="killed", low=80, high=80, qualifier=None,
         counted=None, cited="later reports by the Syrian army",
         relayed_by="unsigned note at the end of the compilation", root=SYRIA, event=DEIR, part="body",
         when="Saturday night (later reports)",
         rationale="an update with its time and source stated: the toll 'increased to 80'"),
    # -- 003 · comments ----------------------------------------------------------------------------------------------
    dict(doc="003", context="killed and injured a couple of hundred Syrian", text="a couple of hundred",
         label="casualties", low=200, high=200, qualifier="a couple of hundred", counted="Syrian service men", cited=None,
         relayed_by="a reader (comment 003-c03)", root="a reader", event=DEIR, part="comment", when=None,
         rationale="a reader's own figure, no source: killed and injured together, more than double any article figure"),
    # -- 004 · guest post (Inside Syria Media Center) ----------------------------------------------------------------
    dict(doc="004", context="the Pentagon did not have any information about the number of casualties",
         text="did not have any information about the number of casualties", label="casualties", low=None, high=None,
         qualifier="did not have any information about the number of", counted=None,
         cited="Josh Jakes (as printed; CENTCOM's spokesman was Maj. Josh Jacques)",
         relayed_by="Inside Syria Media Center (Sophie Mangal)", root="US Central Command", event=TANF, part="body",
         when=None,
         rationale="a careful statement: the party declines to give a count it does not have (no number invented)"),
]

# Passages with casualty words but no figure in scope, each with the reason (the completeness check needs them).
REVIEWED_WITHOUT_FIGURE = [
    ("000", "The Allies didn’t stop the slaughter of German civilians",
     "historical claim about the Second World War in an antisemitic comment; no figure; outside the scope"),
    ("000", "massacring ethnic Germans by the thousands",
     "historical claim about 1939 in an antisemitic comment, not about the events the corpus reports; "
     "left out of the layer (scope and content care)"),
    ("000", "The Bromberg Massacre was one such", "same comment; historical; no figure"),
    ("000", "to stop the slaughter by the", "same comment; historical; no figure"),
    ("000", "The killer of the modern nation-state of Libya, “He Died” Hillary",
     "name-calling about a politician, not a casualty statement"),
    ("003", "caused casualties and destruction on the ground",
     "SANA via Fars: says there were casualties, gives no number and says nothing about the count"),
    ("003", "These deaths of Syrian armed forces", "comment 003-c13 refers to the deaths; no figure"),
    ("004", "to prevent any future losses", "comment: hypothetical future losses; no figure"),
    # quantity words about people that are not casualty figures (no casualty word; listed for the record)
    ("003", "attacking hundreds of civilians",
     "comment 003-c04: people attacked, not a count of killed or injured, about an unnamed other event; no source"),
]

CUE = re.compile(r"(?i)\b(?:kill\w*|injur\w*|wound\w*|casualt\w*|deaths?|dead\w*|died|martyr\w*|toll|massacr\w*"
                 r"|slaughter\w*|losses|bodies|victims?)\b")


def _find(doc: str, context: str) -> int:
    starts = [m.start() for m in re.finditer(re.escape(context), CORPUS[doc])]
    assert len(starts) == 1, f"{doc}: context {context!r} occurs {len(starts)} times, must be once"
    return starts[0]


def _paragraph(doc: str, offset: int) -> tuple[int, int]:
    raw = CORPUS[doc]
    start = raw.rfind("\n", 0, offset) + 1
    end = raw.find("\n", offset)
    return start, len(raw) if end < 0 else end


def build_rows() -> list[dict]:
    rows = []
    for fig in FIGURES:
        at = _find(fig["doc"], fig["context"])
        inner = fig["context"].index(fig["text"])
        start = at + inner
        row = {"doc": fig["doc"], "start": start, "end": start + len(fig["text"]),
               "text": CORPUS[fig["doc"]][start:start + len(fig["text"])], "label": fig["label"]}
        row.update({k: fig[k] for k in ("low", "high", "qualifier", "counted", "cited", "relayed_by", "root",
                                        "event", "part")})
        row.update(order=0, when=fig["when"], rationale=fig["rationale"])
        rows.append(row)
    rows.sort(key=lambda r: (r["doc"], r["start"]))
    for doc in CORPUS:
        for n, row in enumerate((r for r in rows if r["doc"] == doc), start=1):
            row["order"] = n
    return rows


def check_complete(rows: list[dict]) -> None:
    reviewed = []
    for doc, context, _reason in REVIEWED_WITHOUT_FIGURE:
        at = _find(doc, context)
        reviewed.append((doc, at, at + len(context)))
    for doc, raw in CORPUS.items():
        for match in CUE.finditer(raw):
            para = _paragraph(doc, match.start())
            has_figure = any(r["doc"] == doc and para[0] <= r["start"] < para[1] for r in rows)
            listed = any(d == doc and s <= match.start() < e for d, s, e in reviewed)
            assert has_figure or listed, f"{doc} {match.start()}: casualty word {match.group()!r} not reviewed"


def main():
    rows = build_rows()
    check_complete(rows)
    for row in rows:  # the interval convention, as far as the qualifier shows it
        low, high, q = row["low"], row["high"], row["qualifier"]
        assert low is None or high is None or low <= high, row
        if q is None:
            assert low == high is not None, row
    out = DATA / "annotations" / "casualties.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    counts = {}
    for row in rows:
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    print(f"{len(rows)} casualty figures -> {out} ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")


if __name__ == "__main__":
    main()
