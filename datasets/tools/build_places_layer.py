"""Build datasets/annotations/places.jsonl: every mention of a place in datasets/reference/places.csv.

Each mention was read in context and decided by hand; this script only finds the offsets (every occurrence of each
spelling, checked to be the complete list by an assertion) and writes the rows with the decision and its reason.
Run: python datasets/tools/build_places_layer.py
"""

import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]
CORPUS = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((DATA / "corpus").glob("*.txt"))}

# (doc, spelling, occurrence number counted from 1, label, place row or None, refers_to, rationale)
DECISIONS = [
    ("000", "Deir Ezzor", 1, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "headline: the claimed goal of the advance"),
    ("000", "Deir Ezzor", 2, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "'The city of Deir Ezzor'"),
    ("000", "Deir Ezzor", 3, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "commenter questions the direction to it"),
    ("000", "deir ezzor", 1, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "lower case in a comment; the claimed target"),
    ("000", "Deir Azzor", 1, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "variant spelling 'Azzor'; a destination"),
    ("000", "Deir Azzor", 2, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "variant spelling 'Azzor'"),
    ("000", "Deir Azzor", 3, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "variant spelling; 'west and southwest of'"),
    ("000", "Deir Ezzor", 4, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "'attack ISIS at Deir Ezzor'. Adjudicated: city or front, disputed"),
    ("000", "Deir Ezzor", 5, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "'headed for Deir Ezzor'"),
    ("000", "Deir Ezzor", 6, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "'the Syrian Army at Deir Ezzor'. Adjudicated: city or front, disputed"),
    ("000", "Deir Ezzor", 7, "Deir ez-Zor", None, "region", "'the key to the west': the city and its area"),
    ("000", "Deir Ezzor", 8, "Deir ez-Zor", None, "region", "'Deir Ezzor / oil fields / border': the area"),
    ("000", "Palmyra", 1, "Palmyra", "Palmyra (Tadmur)", "city", "'the government-held city of Palmyra'"),
    ("000", "Palmyra", 2, "Palmyra", "Palmyra (Tadmur)", "city", "commenter repeats '90 km west of Palmyra'"),
    ("000", "Palmyra", 3, "Palmyra", None, "road name", "'T2-Palmyra highway': part of a road's name"),
    ("000", "Palmyra", 4, "Palmyra", "Palmyra (Tadmur)", "city", "'to the west of Palmyra'"),
    ("000", "Palmyra", 5, "Palmyra", "Palmyra (Tadmur)", "city", "sarcastic remark about the Roman theatre"),
    ("000", "Palmyra", 6, "Palmyra", "Palmyra (Tadmur)", "city", "'lies south of Palmyra'"),
    ("000", "Palmyra", 7, "Palmyra", None, "road name", "'Palmyra-Abu Kamal/Qusaybah highway'"),
    ("000", "Palmyra", 8, "Palmyra", "Palmyra (Tadmur)", "city", "commenter: '90 km west of Palmyra, just look at the map'"),
    ("000", "at-Tanf", 1, "al-Tanf", "al-Tanf border crossing (Iraqi side al-Waleed)", "border post",
     "'at-Tanf border post and airstrip': the text's own word. Adjudicated: the second reading's; the first had the garrison"),
    ("000", "Homs", 1, "Homs", None, "province", "headline 'Homs Province'"),
    ("000", "Homs", 2, "Homs", None, "province", "'the province of Homs'"),
    ("000", "Homs", 3, "Homs", None, "region", "'Homs pocket': an area, not the city"),
    ("000", "Abu Kamal", 1, "Abu Kamal", "Abu Kamal (Al-Bukamal)", "city", "with the border crossing positions. Adjudicated: city (the text gives no word)"),
    ("000", "Abu Kamal", 2, "Abu Kamal", None, "road name", "'Palmyra-Abu Kamal/Qusaybah highway'"),
    ("000", "Damascus", 1, "Damascus", "Damascus", "city", "a possible destination of ISIS units"),
    ("001", "DAMASCUS", 1, "Damascus", "Damascus", "city", "dateline: where the report says it was filed"),
    ("001", "Al-Tanf", 1, "al-Tanf", None, "region", "'the Al-Tanf border region'"),
    ("001", "Homs", 1, "Homs", None, "province", "'southeastern Homs': the province"),
    ("002", "al-Tanf", 1, "al-Tanf", "al-Tanf border crossing (Iraqi side al-Waleed)", "town",
     "'the border town of al-Tanf': the border crossing. Adjudicated: refers_to follows the text's word (town)"),
    ("002", "Damascus", 1, "Damascus", None, "road name", "'Damascus-Baghdad highway'"),
    ("002", "Baghdad", 1, "Baghdad", None, "road name", "'Damascus-Baghdad highway'"),
    ("002", "Damascus", 2, "Damascus", None, "government (metonym)", "'the Damascus government': the government, not the city"),
    ("002", "Damascus", 3, "Damascus", None, "government (metonym)", "'the Damascus government'"),
    ("002", "Maskana", 1, "Maskanah", "Maskanah", "town", "'the town of Maskana'"),
    ("002", "Maskana", 2, "Maskanah", "Maskanah", "town", "'inside the town of Maskana'"),
    ("002", "Maskana", 3, "Maskanah", "Maskanah", "town", "'withdraw from Maskana'"),
    ("002", "Raqqah", 1, "Raqqa", None, "province", "'the province of Raqqah'"),
    ("002", "Maskana", 4, "Maskanah", "Maskanah", "town", "the repeated sentence: same town"),
    ("002", "Deir Ezzor", 1, "Deir ez-Zor", "Deir ez-Zor (city)", "city",
     "'the Al-Makabir area in Deir Ezzor', then 'the besieged city'. Adjudicated: city (second reading)"),
    ("002", "Raqqa", 1, "Raqqa", "Raqqa", "city", "'withdraw from Raqqa'"),
    ("002", "Deir Ezzor", 2, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "'the SAA in Deir Ezzor', the besieged city"),
    ("002", "Raqqah", 2, "Raqqa", "Raqqa", "city", "'withdraw from Raqqah'"),
    ("003", "Der Ezzor", 1, "Deir ez-Zor", None, "region", "headline; variant spelling 'Der Ezzor'"),
    ("003", "Deir Ezzur", 1, "Deir ez-Zor", None, "region", "second headline; variant spelling 'Ezzur'"),
    ("003", "Der Ezzor", 2, "Deir ez-Zor", "Deir ez-Zor airport", "airport", "'near the Der Ezzor airport'"),
    ("003", "Deir Ezzur", 2, "Deir ez-Zor", None, "region", "'positions in Deir Ezzur'"),
    ("003", "Deir ez-Zor", 1, "Deir ez-Zor", None, "region", "'the region of Deir ez-Zor'"),
    ("003", "Damascus", 1, "Damascus", None, "government (metonym)", "'pressuring Damascus': the government"),
    ("003", "Deir Ezzur", 3, "Deir ez-Zor", "Deir ez-Zor airport", "airport", "'near Deir Ezzur airport'"),
    ("003", "Deir Ezzur", 4, "Deir ez-Zor", None, "region", "'positions in Deir Ezzur'"),
    ("003", "Deir Ezzur", 5, "Deir ez-Zor", None, "region", "'the Syrian command in Deir Ezzur'"),
    ("003", "Deir Ezzur", 6, "Deir ez-Zor", "Deir ez-Zor airport", "airport", "'near the Deir Ezzur airport'"),
    ("003", "Deir Ezzur", 7, "Deir ez-Zor", "Deir ez-Zor (city)", "city",
     "commenter: 'near Deir Ezzur', a reference point. Adjudicated: city (second reading)"),
    ("003", "Damascus", 2, "Damascus", None, "government (metonym)", "commenter quotes the article: the government"),
    ("003", "Deir Ezzor", 1, "Deir ez-Zor", None, "region", "commenter: 'the Main Prize', oil region"),
    ("004", "At-Tanfa", 1, "al-Tanf", "al-Tanf border crossing (Iraqi side al-Waleed)", "town",
     "'the settlement of At-Tanfa' (variant spelling) at the border. Adjudicated: a town by the text's word"),
    ("004", "Deir ez-Zor", 1, "Deir ez-Zor", None, "region", "positions attacked in 2016, near the airport"),
    ("004", "Deir ez-Zor", 2, "Deir ez-Zor", "Deir ez-Zor (city)", "city", "'advance towards Deir ez-Zor', the city"),
    ("004", "Damascus", 1, "Damascus", None, "government (metonym)", "'Damascus sees': the government"),
    ("004", "Deir ez-Zor", 3, "Deir ez-Zor", None, "province", "'Deir ez-Zor province'"),
]


def main():
    rows = []
    for doc, spelling, nth, label, place, refers_to, rationale in DECISIONS:
        starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(spelling)}(?!\w)", CORPUS[doc])]
        start = starts[nth - 1]
        end = start + len(spelling)
        rows.append({"doc": doc, "start": start, "end": end, "text": CORPUS[doc][start:end], "label": label,
                     "place": place, "refers_to": refers_to, "rationale": rationale})
    # completeness: every occurrence of every spelling used is decided exactly once
    for doc in CORPUS:
        for spelling in {d[1] for d in DECISIONS if d[0] == doc}:
            found = len(re.findall(rf"(?<!\w){re.escape(spelling)}(?!\w)", CORPUS[doc]))
            decided = sum(1 for d in DECISIONS if d[0] == doc and d[1] == spelling)
            assert found == decided, (doc, spelling, found, decided)
    rows.sort(key=lambda r: (r["doc"], r["start"]))
    out = DATA / "annotations" / "places.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} place mentions -> {out}")


if __name__ == "__main__":
    main()
