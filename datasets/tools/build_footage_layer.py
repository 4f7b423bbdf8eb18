"""Build datasets/annotations/footage.jsonl: every reference to videos, footage, photos, images, maps, leaflets or
broadcasts in the corpus, in articles and in comments (lesson 03).

Each reference was read in context and decided by hand: what the text itself says about who made the item, who
released it, when and where, and what purpose it gives (null wherever the text says nothing; wording kept close
to the text). This script only finds the offsets — each phrase must occur exactly as often as the table says, so a
changed corpus or a slip in the table stops the build — and writes one row per reference.
Run: python datasets/tools/build_footage_layer.py
"""

import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]
CORPUS = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((DATA / "corpus").glob("*.txt"))}

NBSP = "\xa0"

# One distinct object per item id; what the text says about it (the same for every mention of the item).
ITEMS = {
    "000-video": dict(
        made_by=None, released_by=None, when=None, where=None, purpose=None, role="evidence",
        note="The headline announces a video; the saved page keeps none, and nothing says who filmed or "
             "published it, when or where."),
    "001-video": dict(
        made_by=None,
        released_by="Jaish Maghawir Tahwra (US-backed Free Syrian Army group)",
        when="released 'last week' (before 25 Sep 2017); when it was recorded is not known ('unable to verify')",
        where="the Al-Tanf border region of southeastern Homs",
        purpose="what the group said was preparations for an upcoming desert offensive against the SAA",
        role="evidence",
        note="The outlet names who released it (the armed group it shows), where it is from and the group's own "
             "stated purpose, and says openly that it could not verify when it was recorded; who filmed it is not "
             "said."),
    "001-map": dict(
        made_by=None, released_by=None, when=None, where="the aforementioned region (the Al-Tanf border region)",
        purpose=None, role="reader aid",
        note="A link to a map of the region for readers; the link is lost in the saved page; no maker or date."),
    "002-photos": dict(
        made_by=None, released_by=None, when=None, where=None, purpose=None, role="evidence",
        note="'available photos' offered with 'pro-government sources' as evidence of drone use; nothing says who "
             "took them, where they are, when or where they were taken ('in the area' places the drones, not the "
             "photos)."),
    "002-leaflets": dict(
        made_by=None, released_by="US-led coalition aircraft",
        when="after a failed attempt to drive government forces from the Damascus-Baghdad highway (no date)",
        where=None,
        purpose="warning the SAA against moving towards al-Tanf; arguing government forces must withdraw from "
                "the Zaza area",
        role="reported event",
        note="Leaflets reported as dropped by coalition aircraft, with their message; no date and no drop area "
             "are given, and the report names no source for the drop."),
    "003-images": dict(
        made_by=None, released_by=None, when=None, where=None, purpose=None, role="site notice",
        note="Veterans Today's standing disclaimer puts responsibility for 'all images' on the author; it refers "
             "to no particular image and the saved page shows none."),
    "003-recordings": dict(
        made_by="all parties", released_by=None, when=None, where=None, purpose=None, role="generic claim",
        note="A commenter asserts that 'all parties' record the fighting live, as a reason Russia must have known; "
             "no particular recording is meant."),
    "004-rt": dict(
        made_by=None, released_by="RT", when=None, where=None, purpose=None, role="evidence",
        note="A commenter's source for a claim: something seen on RT; the broadcaster is named, but no date, "
             "programme, place or link."),
    "000-map-compass": dict(
        made_by=None, released_by=None, when=None, where=None, purpose=None, role="check suggested",
        note="A commenter tells the outlet to check its geography with a map and compass."),
    "000-map-look": dict(
        made_by=None, released_by=None, when=None, where=None, purpose=None, role="check suggested",
        note="A commenter (Pampi Ta) tells readers a map shows the article's geography is wrong."),
}

# (doc, exact phrase, how often the phrase occurs in the document, which occurrence (from 1), label, item, rationale)
DECISIONS = [
    ("000", "Video", 1, 1, "video", "000-video", "headline '(Video)': the article says a video comes with it"),
    ("000", "a map and compass", 1, 1, "map", "000-map-compass", "comment 'SF needs to use a map and compass'"),
    ("000", "A shaky video", 1, 1, "video", "000-video",
     "comment (Graeme Rymill) on the article's video: 'A shaky video and a vague news report'"),
    ("000", "the map", 1, 1, "map", "000-map-look", "comment (Pampi Ta): 'just look at the map'"),
    ("001", "Footage", 1, 1, "video", "001-video",
     "'Footage has emerged from the Al-Tanf border region': the item, and where it is from. Adjudicated: role "
     "evidence or reported event, disputed"),
    ("001", "the video below", 1, 1, "video", "001-video",
     "the hedge: Al-Masdar 'was unable to verify when the video below was recorded'"),
    ("001", "the footage", 1, 1, "video", "001-video",
     "'the footage was nevertheless released by Jaish Maghawir Tahwra': the armed group it shows released it. "
     "Adjudicated: role evidence or reported event, disputed"),
    ("001", "A map", 1, 1, "map", "001-map", "'A map of the aforementioned region can be found here.'"),
    ("002", "available photos", 1, 1, "photo", "002-photos",
     "'According to pro-government sources and available photos': photos offered as evidence, unattributed"),
    ("002", "leaflets", 1, 1, "leaflet", "002-leaflets", "'US-led coalition aircraft dropped leaflets warning the SAA'"),
    ("003", "images", 1, 1, "image", "003-images", "site disclaimer 'All images within are full responsibility of author'"),
    ("003", "live coverages of recordings", 1, 1, "broadcast", "003-recordings",
     "comment: 'live coverages of recordings by all parties'"),
    ("004", "I saw on RT", 1, 1, "broadcast", "004-rt", "comment: 'I saw on RT that Russian special forces ...'"),
]

FIELDS = ("made_by", "released_by", "when", "where", "purpose", "role")


def occurrences(text: str, phrase: str) -> list[int]:
    """Start of every occurrence of the phrase, where a space in the phrase may be a non-breaking space."""
    pattern = re.escape(phrase).replace(r"\ ", f"[ {NBSP}]")
    return [m.start() for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text)]


def main(out: Path | None = None):
    rows = []
    for doc, phrase, expected, nth, label, item, rationale in DECISIONS:
        starts = occurrences(CORPUS[doc], phrase)
        assert len(starts) == expected, f"{doc}: {phrase!r} occurs {len(starts)} times, the table says {expected}"
        start = starts[nth - 1]
        end = start + len(phrase)
        fields = {k: ITEMS[item][k] for k in FIELDS}
        rows.append({"doc": doc, "start": start, "end": end, "text": CORPUS[doc][start:end], "label": label,
                     "item": item, **fields, "rationale": f"{rationale}. {ITEMS[item]['note']}"})
    assert {r["item"] for r in rows} == set(ITEMS), "every item is mentioned at least once"
    rows.sort(key=lambda r: (r["doc"], r["start"]))
    out = out or DATA / "annotations" / "footage.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} references to visual material ({len(ITEMS)} items) -> {out}")


if __name__ == "__main__":
    main()
