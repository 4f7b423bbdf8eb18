"""Build datasets/annotations/propaganda.jsonl: propaganda-technique spans in the five article bodies, in the
headlines and decks the outlets print above them, and in a chosen set of reader comments (lesson 05).

Taxonomy: the 18 techniques of Da San Martino et al., "Fine-Grained Analysis of Propaganda in News Articles"
(EMNLP 2019), each with the class it belongs to in SemEval-2020 Task 11, which merged some techniques into 14
classes and dropped "Obfuscation" (its rows get semeval = null).

Every span below was read in context and decided by hand. This script only finds the offsets: each decision names
its region (a document id = that article's body; a comment id = that comment) and an anchor that must occur
exactly once in the region; «…» inside an anchor marks the span when the anchor carries extra context.
Run: python datasets/tools/build_propaganda_layer.py

Annotation policy (the teacher notes discuss each point):
- A span is a technique only when it fits the definition. Plain reporting, attributed claims, argument with
  reasons, hedged speculation and plain factual errors are not propaganda, however partisan the outlet.
- Spans are as short as the technique allows (the loaded words, not the sentence around them), except for
  techniques that live in an argument (causal oversimplification, black-and-white, whataboutism...): then the
  span is the argument. No final full stop.
- Words an article relays from someone else (inside quotation marks or reported speech) are annotated when they
  carry a technique, with voice = "quoted": the outlet chose to relay them, but they are not its own words.
- "so-called X" and scare quotes around a group's name re-label the group: Name calling or labelling. Scare
  quotes around a claim or action ('rebel advance', 'protect') cast doubt without argument: Doubt.
- "ISIS terrorists", "liberated" (a town taken from ISIS) and "militants" are standard usage in international
  reporting of ISIS and are not labelled; see NOT_TECHNIQUES.
- Headlines and decks printed above a body are the outlet's own words as much as the sub-headings inside it, so they
  are annotated too (HEADINGS; adjudication of issue #15). They lie outside the body offsets of documents.csv, so
  each is its own region ("<doc>-headline", "<doc>-deck"), and body-only counts (lesson 05's rates) leave them out.

The two independent readings are in annotations/readings/; every disagreement between them, and every span added at
adjudication, has its decision and reason in annotations/adjudication/propaganda.jsonl. Rows changed or added there
end their rationale with "Adjudicated: ...".
"""

import csv
import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]

# The 18 techniques (Da San Martino et al. 2019) in the paper's order -> SemEval-2020 Task 11 class (None: dropped).
TECHNIQUES = {
    "Loaded language": "Loaded language",
    "Name calling or labelling": "Name calling or labelling",
    "Repetition": "Repetition",
    "Exaggeration or minimisation": "Exaggeration or minimisation",
    "Doubt": "Doubt",
    "Appeal to fear or prejudice": "Appeal to fear or prejudice",
    "Flag-waving": "Flag-waving",
    "Causal oversimplification": "Causal oversimplification",
    "Slogans": "Slogans",
    "Appeal to authority": "Appeal to authority",
    "Black-and-white fallacy": "Black-and-white fallacy",
    "Thought-terminating cliché": "Thought-terminating cliché",
    "Whataboutism": "Whataboutism, straw man or red herring",
    "Reductio ad Hitlerum": "Bandwagon or reductio ad Hitlerum",
    "Red herring": "Whataboutism, straw man or red herring",
    "Bandwagon": "Bandwagon or reductio ad Hitlerum",
    "Obfuscation or intentional vagueness": None,
    "Straw man": "Whataboutism, straw man or red herring",
}

# The outlet-written headings printed above the bodies (outside documents.csv's body offsets), as regions:
# (region, document, the heading's full text). Every one is decided: a span in DECISIONS or an item in NOT_TECHNIQUES.
# 001 and 004 print no headline (004's "This is a guest post from our good friend…" is the host's byline line, not
# a heading); 002's "Region: … Theme: … US NATO War Agenda" and "In-depth Report: SYRIA" are Global Research's
# site tags and section links (page furniture, not headings of the article) and stay out of scope.
HEADINGS = [
    ("000-headline", "000", "150 US and UK Special Operations Forces Servicemen Entered Homs Province To Support Rebel "
                            "Advance On Deir Ezzor (Video)"),
    ("002-headline", "002", "Breaking: Situation Escalates at Syrian-Iraqi Border. Towards a Dangerous Standoff between "
                            "U.S Special Forces and Syria's Arab Army?"),
    ("003-headline", "003", "Breaking: US Bombs Syrian Army in Der Ezzor, Backing ISIS Advance, 80 Killed"),
    ("003-fars-headline", "003", "80 Syrian Army Soldiers Killed in US-Led Coalition Airstrike in Deir Ezzur"),
    ("003-deck", "003", "A shameful and cowardly act by the US Air Force, a day of national disgrace"),
]

# The comments annotated, and why these: the comments of the four threads that are about the article or its event,
# minus two groups. (1) The comments lesson 06 studies for hate, which it shows folded with a content note: the
# Second World War sub-thread of 000 (c25-c28), 000-c12 and c38, 003-c01, c02, c04, c05, c06, c08, c13, c19 and
# 004-c02. Whether each of them is hate, incivility or civil is decided in ONE place, the comments layer
# (annotations/comments.jsonl, two readings, adjudicated): several are civil there (conspiracy talk about states, a
# 'New World Order' or a 'globalist' currency without a reference to Jews), so being kept out of lesson 05 says
# nothing about a comment's label. (2) Short or off-topic replies that add nothing to judge (000-c01-c06, c09-c11,
# c13, c15, c19, c21, c23, c32, c36, c37; 003-c11, c17, c20, c21). The set mixes comments with techniques and plain
# ones (questions, corrections, opinion marked as opinion), so that an exercise can reward leaving plain text alone.
COMMENTS = [
    "000-c07", "000-c08", "000-c14", "000-c16", "000-c17", "000-c18", "000-c20", "000-c22", "000-c24", "000-c29",
    "000-c30", "000-c31", "000-c33", "000-c34", "000-c35", "000-c39",
    "001-c01", "001-c02",
    "003-c03", "003-c07", "003-c09", "003-c10", "003-c12", "003-c14", "003-c15", "003-c16", "003-c18",
    "004-c01",
]

A, Q = "author", "quoted"
# (region, anchor, label, voice, rationale)
DECISIONS = [
    # -- 000 SouthFront: a short relay of a SMART report ----------------------------------------------------------
    ("000", "‘rebel advance’", "Doubt", A,
     "scare quotes signal that the 'rebel' advance is not what it is called, without saying why"),
    ("000", "pro-Turkish", "Name calling or labelling", A,
     "an unsupported label (SMART is Turkey-based and opposition-oriented) that discredits the source it relays"),
    # -- 001 Al-Masdar: no technique (plain report that says what it could not verify) ------------------------------
    # -- 002 SouthFront via Global Research --------------------------------------------------------------------------
    ("002", "desperately", "Loaded language", A, "'desperately trying' paints the coalition as frantic, not just active"),
    ("002", "the so-called opposition", "Name calling or labelling", A,
     "'so-called' re-labels the opposition. Adjudicated: the inference after it is not causal oversimplification"),
    ("002", "once again confirmed that its real goals have little with combating ISIS terrorists",
     "Doubt", A, "from leaflets to 'real goals': questions the coalition's stated aim with no evidence of its goals"),
    ("002", "Some experts believe", "Appeal to authority", A,
     "unnamed 'experts' are the only support for the prediction. Adjudicated: kept, as 004's unnamed analysts"),
    ("002", "the group's deals with ISIS in Manbij and Tabqa don't allow to believe that the US-backed force is not "
            "considering this option", "Doubt", A,
     "sets aside the SDF's denial by pointing at other alleged deals: discredits rather than shows"),
    # -- 003 Veterans Today compilation --------------------------------------------------------------------------------
    ("003-headline", "US Bombs Syrian Army in Der Ezzor, Backing ISIS Advance", "Causal oversimplification", A,
     "strike plus ISIS advance made 'backing'. Adjudicated (disputed): added, heading in scope; or loaded/exaggeration"),
    ("003-deck", "A «shameful and cowardly act» by", "Loaded language", A,
     "VT's own deck: a moral verdict on the strike. Adjudicated: added, headings in scope; flag-waving the alternative"),
    ("003-deck", "a day of national disgrace", "Loaded language", A,
     "VT's own deck: national shame as verdict. Adjudicated: added, headings in scope; flag-waving the alternative"),
    ("003", "a «massive violation» of the cease fire", "Loaded language", A,
     "the editor's own intensifier turns a reported strike into a 'massive violation'"),
    ("003", "The attack was followed up by an ISIS ground offensive showing clear signs of coordination and a strong "
            "likelihood that US Army Special Forces are on the ground coordinating air cover with ISIS deep inside "
            "Syria", "Causal oversimplification", A,
     "one event followed another, so the editor infers coordination and US forces on the ground; no source given"),
    ("003", "Even if the bombardment of the Syrian government troops was a mistake, it’s still a consequence of "
            "Washington’s unwillingness to coordinate its anti-terror efforts with Moscow", "Causal oversimplification",
     Q, "the ministry's claim, relayed: one cause (US unwillingness) for any strike, even an accidental one"),
    ("003", "“serious and blatant aggression”", "Loaded language", Q,
     "the Syrian army command's words, relayed in quotation marks: 'blatant aggression'"),
    ("003", "“conclusive evidence” that the US and its allies support ISIL terrorist group",
     "Exaggeration or minimisation", Q,
     "the army command's claim, relayed: one strike presented as conclusive proof of support for ISIL"),
    ("003", "the so-called moderate rebel forces", "Name calling or labelling", A,
     "Fars's own words: 'so-called' re-labels the rebels as not moderate"),
    ("003", "Even if this airstrike has been carried out due to an error in the coordinates of the target, it is still a "
            "direct consequence of US side’s unwillingless to coordinate its actions against terrorist groups with "
            "Russia", "Causal oversimplification", Q,
     "the same ministry claim in Sputnik's text (a second reprint, not repetition by the outlet)"),
    # -- 004 Sophie Mangal (ISMC), guest opinion ----------------------------------------------------------------------
    ("004", "in response «allegedly» to", "Doubt", A, "'allegedly' casts doubt on the stated reason for the strike, without argument"),
    ("004", "what’s the true reason", "Doubt", A,
     "the question implies a hidden reason behind the stated one. Adjudicated: kept, insinuation without evidence"),
    ("004", "such «aggressive actions»", "Loaded language", A, "'aggressive actions' judges while it describes"),
    ("004", "A number of Syrian military analysts believe", "Appeal to authority", A,
     "unnamed 'analysts' stand in for evidence of the US motive"),
    ("004", "‘protect’", "Doubt", A,
     "scare quotes mock the stated aim. Adjudicated: split; an action in scare quotes is Doubt; the author's quotes"),
    ("004", "‘partners’", "Name calling or labelling", A,
     "scare quotes re-label the US-backed group. Adjudicated: split; a group's name in scare quotes is name calling"),
    ("004", "Their actions are motivated by the fact that the Syrian military command is ready for a large-scale "
            "military operation to liberate the city from ISIS", "Causal oversimplification", A,
     "one motive for the strike, stated as 'the fact'. Adjudicated: a single cause asserted without evidence"),
    ("004", "tasty little deal", "Loaded language", A, "food metaphor: the coalition covets the city like a treat"),
    ("004", "The overwhelming desire of the West to plunge the country into a state of constant chaos is the main reason "
            "for the planned seizure of oil rigs", "Causal oversimplification", A,
     "one motive ('desire ... to plunge the country into chaos') explains an alleged plan; no evidence of either"),
    ("004", "plunge the country into a state of constant chaos", "Loaded language", A,
     "emotive picture of the West's intent ('plunge', 'constant chaos')"),
    ("004", "double-standard policy", "Name calling or labelling", A, "a label for US policy in place of an argument"),
    ("004", "It is sheer cynicism", "Loaded language", A, "'sheer cynicism' is a moral verdict, not a description"),
    ("004", "this doesn’t come as a surprise either in Syria or in the world", "Bandwagon", A,
     "claims everyone 'in the world' already sees it this way, inviting the reader to agree"),
    # -- comments --------------------------------------------------------------------------------------------------------
    ("000-c16", "they want the oil fields", "Causal oversimplification", A, "one motive explains the whole operation"),
    ("000-c16", "simple as that", "Thought-terminating cliché", A, "closes the question instead of arguing it"),
    ("000-c18", "totally appalling", "Loaded language", A, "strong emotional verdict"),
    ("000-c18", "so called allies", "Name calling or labelling", A, "'so called' re-labels the US allies as not real allies"),
    ("000-c18", "an outright aggression", "Loaded language", A, "'outright aggression': the intensifier carries the judgement"),
    ("000-c18", "This is same as Nazi Germanys invasion of Poland in 1939 or any other country that was subjected to the "
                "rage of the Nazi Germany’s criminal regime", "Reductio ad Hitlerum", A,
     "equates the US move with Nazi Germany's invasion of Poland"),
    ("000-c20", "the NATO cabal", "Name calling or labelling", A, "'cabal' labels an alliance as a secret plot"),
    ("000-c20", "might equals right in todays world", "Thought-terminating cliché", A,
     "a resigned maxim that ends the argument"),
    ("000-c20", "useless", "Loaded language", A,
     "contemptuous verdict on the UN in place of argument. Adjudicated: the long span split into its loaded words"),
    ("000-c20", "a sick joke", "Name calling or labelling", A,
     "a derisive label pinned on the ICC. Adjudicated: a noun-phrase label, not a loaded word"),
    ("000-c20", "beneath contempt", "Loaded language", A,
     "contemptuous verdict on the Arab League. Adjudicated: the long span split into its loaded words"),
    ("000-c24", "USA and Co doing the same heinous mistake as Sadam has done before to attack on Kuwait",
     "Reductio ad Hitlerum", A,
     "likens the US to Saddam invading Kuwait. Adjudicated: the technique covers any reviled figure, not only Nazis"),
    ("000-c24", "heinous", "Loaded language", A, "'heinous mistake': moral outrage word"),
    ("000-c24", "UNO and international community knows that US and Co are hostile governments", "Bandwagon", A,
     "claims the whole 'international community' already agrees"),
    ("000-c31", "Always easier to be a critic than a creator", "Thought-terminating cliché", A,
     "a stock saying that dismisses the criticism of the article's geography instead of answering it"),
    ("000-c31", "Perhaps you should start your own news effort, and see if you don’t make the occasional mistake",
     "Red herring", A, "turns from the article's errors to the critic. Adjudicated (disputed): or a fair plea that all err"),
    ("000-c34", "You would not be suggesting the US and Saudi funding and arming these jihadist armies thrown against "
                "Syria bear no responsibility", "Whataboutism", A,
     "answers 'Russia bears responsibility' by pointing at the other side's responsibility"),
    ("000-c35", "thus «senseless»", "Exaggeration or minimisation", A,
     "geography errors make the whole article 'senseless'. Adjudicated: the verdict overstates its reason"),
    ("000-c39", "the ‘rebels’", "Name calling or labelling", A, "scare quotes re-label the rebels as not rebels"),
    ("001-c01", "this so called \"rebels \"", "Name calling or labelling", A, "'so called' plus quotation marks re-label them"),
    ("001-c01", "roll up that three star flag and use it as suppository", "Loaded language", A,
     "vulgar contempt for the opposition flag"),
    ("003-c03", "completely and utterly incompetent", "Loaded language", A, "intensified insult of the US forces"),
    ("003-c07", "every US citizen who is also a decent human being should email something similar", "Flag-waving", A,
     "appeals to citizens' and decent people's identity to push an action"),
    ("003-c07", "if you fail to do so, you will be an accessory", "Black-and-white fallacy", A,
     "only two options: impeach the president or be an accessory to war crimes"),
    ("003-c09", "the shameless MSM", "Name calling or labelling", A, "'shameless MSM' labels all mainstream media"),
    ("003-c09", "going to try and spin this", "Doubt", A,
     "discredits coverage before it exists. Adjudicated: questions the media's credibility without a reason"),
    ("003-c12", "openly showing they are and a;ways have been the IS Air force", "Name calling or labelling", A,
     "'the IS Air force' labels the US as ISIS's air arm, 'always'"),
    ("003-c14", "the first «big lie»", "Name calling or labelling", A,
     "labels the truce a 'big lie'. Adjudicated: a label pinned on the truce, not just a loaded word"),
    ("003-c14", "Putins disgrace", "Loaded language", A, "moral verdict on Putin. Adjudicated: 'disgrace' is loaded"),
    ("003-c14", "these lying western bastards", "Name calling or labelling", A, "insulting label for Western governments"),
    ("003-c14", "western treachery", "Loaded language", A, "emotive charge. Adjudicated: 'treachery' is loaded"),
    ("003-c18", "this is either an unannounced and incidentally the first CAS operation by the USAF on behalf of the "
                "Syrian Arab Army on IS, or a CAS strike on behalf of IS. It has to be one or the other",
     "Black-and-white fallacy", A, "only two options offered; a mistaken strike, the official account, is left out"),
    ("003-c18", "Remember that US Lt Gen saying they would attack if the Syrians got near their SF again? Is this OK in "
                "reverse?", "Whataboutism", A,
     "charges the US with the same threat. Adjudicated (disputed): or a fair reciprocity point"),
    ("004-c01", "The «ussa» is desperate", "Name calling or labelling", A, "'ussa' mocks the country's name"),
    ("004-c01", "absolute betrayal", "Loaded language", A, "'absolute betrayal': emotional verdict"),
    ("004-c01", "“anti daesh”", "Doubt", A, "scare quotes deny that the operations are against Daesh, without argument"),
    ("004-c01", "once again clearly illustrates america’s true intentions", "Doubt", A,
     "implies hidden 'true intentions' behind the stated ones. Adjudicated: kept, as 002's 'real goals'"),
    ("004-c01", "Clearly once again showing that the ussa fully supports, and just rebrands the isis/daesh/alqueda groups "
                "here all along", "Exaggeration or minimisation", A,
     "two defectors become full support 'all along'. Adjudicated: an inflation, not a claim about causes"),
    ("004-c01", "showing that the «ussa» fully", "Name calling or labelling", A, "'ussa' again"),
    ("004-c01", "stealing", "Loaded language", A,
     "emotive word for an asserted US plan. Adjudicated: 'stealing' is loaded"),
    ("004-c01", "American imperialism", "Name calling or labelling", A, "a label in place of an argument"),
    ("004-c01", "If the russian, iranian, syrian, iraqi alliance fails or hesitates on this front, and does not move "
                "swiftly, all of eastern syria will be lost", "Appeal to fear or prejudice", A,
     "warns of total loss to push for swift action"),
    ("004-c01", "a win for «the empire»", "Name calling or labelling", A, "'the empire' labels the US"),
]

# Phrases deliberately left unlabelled (discernment items); no gold span may overlap them. (region, anchor, why)
NOT_TECHNIQUES = [
    ("000", "ISIS terrorists", "standard usage in international reporting of ISIS, not a label in place of an argument"),
    ("000", "pro-Western militant group", "a description of alignment, in neutral words"),
    ("001", "Al-Masdar News was unable to verify when the video below was recorded",
     "the outlet states the limit of its knowledge: the opposite of propaganda"),
    ("001", "persistent rumours have suggested", "vague sourcing (lesson 02's topic), but marked as rumour, not asserted"),
    ("001", "US soldiers still refuse to withdraw",
     "'refuse' is a plain verb of the report, without strong emotional charge (adjudicated, issue #15)"),
    ("002", "killing unknown number of militants", "plain battlefield reporting"),
    ("002", "liberated the town of Al-Qahtaniya", "'liberated' from ISIS is standard usage in reporting of the war"),
    ("002", "Warplanes of the Russian and Syrian air forces targeted ISIS units and their vehicles inside the town of "
            "Maskana, and in the villages of Al-Taybeh and Al-Hamidiya. Local",
     "the first copy of a sentence printed twice: a copying error, not the Repetition technique"),
    ("002", "This means that the US Special Forces are involved in a standoff with the SAA",
     "an unsupported inference (a matter of evidence), but none of the 18 techniques"),
    ("003", "Eighty Syrian soldiers were killed and over 100 injured in the airstrike by the US-led coalition",
     "an attributed casualty figure: plain reporting (its accuracy is lesson 04's topic)"),
    ("003", "The US, on its part, has blamed Russia for not pressuring Damascus enough",
     "gives the other side's position: balance, not propaganda"),
    ("003", "raises doubts over the US’s ability", "a stated position with a reason given (appeals unanswered)"),
    ("004", "“the human factor”", "a direct quotation of US officials' explanation, attributed"),
    ("004", "“de-escalation” zones", "quotation marks around the official name of the zones"),
    ("004-c01", "“shia Cresent”", "quotation marks around a term others use, not a doubt about a claim"),
    ("004", "a massive airstrike", "a size claim about the strike; judged descriptive, not loaded (a borderline case; "
                                   "adjudicated as disputed, issue #15)"),
    ("004", "regular strikes", "the text itself lists three strikes, so 'regular' summarises them rather than inflating "
                               "them (adjudicated, issue #15)"),
    ("004", "As reported by the official representative of the U.S. Central command",
     "a named, on-record source (misspelt, but on record)"),
    ("000-headline", "150 US and UK Special Operations Forces Servicemen Entered Homs Province To Support Rebel "
                     "Advance On Deir Ezzor (Video)",
     "SMART's claim stated as fact: a sourcing matter (lesson 02), no technique"),
    ("002-headline", "Breaking: Situation Escalates at Syrian-Iraqi Border. Towards a Dangerous Standoff between U.S "
                     "Special Forces and Syria's Arab Army?",
     "a hedged question about a risk: hedged speculation, not a technique"),
    ("003-fars-headline", "80 Syrian Army Soldiers Killed in US-Led Coalition Airstrike in Deir Ezzur",
     "Fars's reprinted headline: plain report of the strike and its toll"),
    ("003", "Russian MoD Confirms US-Led Coalition’s F-16, A-10 Jets Attacked Syrian Army",
     "Sputnik's sub-headline inside the body: an attributed report"),
    ("000-c08", "that they are advancing to deir ezzor is purely the opinion of the writer",
     "an opinion marked as opinion"),
    ("000-c14", "SF needs to use a map and compass", "a pointed but accurate correction of the article's geography"),
    ("000-c29", "A shaky video and a vague news report", "a fair criticism of the evidence"),
    ("000-c35", "This article is full of geographical errors", "an accurate criticism"),
    ("001-c02", "Not the same region and same groups", "a reasoned, nuanced reply"),
    ("003-c10", "Sadly, I believe you are correct", "agreement, marked as belief"),
]


def regions() -> dict[str, tuple[str, int, int]]:
    """{document id or comment id: (document, start, end)} for every annotated region."""
    out = {}
    with open(DATA / "documents.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[row["id"]] = (row["id"], int(row["body_start"]), int(row["body_end"]))
    with open(DATA / "comments.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["id"] in COMMENTS:
                out[row["id"]] = (row["document"], int(row["start"]), int(row["end"]))
    assert set(COMMENTS) <= set(out), sorted(set(COMMENTS) - set(out))
    for region, doc, heading in HEADINGS:
        out[region] = heading_span(doc, heading, out[doc][1])
    return out


def heading_span(doc: str, heading: str, body_start: int) -> tuple[str, int, int]:
    """(doc, start, end) of a heading printed above a body: it must occur exactly once before the body begins."""
    path = next((DATA / "corpus").glob(f"{doc}_*.txt"))
    head = open(path, encoding="utf-8", newline="").read()[:body_start]
    hits = [m.start() for m in re.finditer(re.escape(heading), head)]
    assert len(hits) == 1, f"{doc}: heading {heading!r} found {len(hits)} times above the body (needs exactly 1)"
    return doc, hits[0], hits[0] + len(heading)


def locate(region: str, anchor: str, raw: dict[str, str], where: dict) -> tuple[str, int, int]:
    """(doc, start, end) of the span an anchor names inside a region; the anchor must occur exactly once there."""
    doc, lo, hi = where[region]
    plain = anchor.replace("«", "").replace("»", "")
    hits = [m.start() for m in re.finditer(re.escape(plain), raw[doc][lo:hi])]
    assert len(hits) == 1, f"{region}: anchor {plain!r} found {len(hits)} times (needs exactly 1)"
    start = lo + hits[0]
    if "«" in anchor:
        start += anchor.index("«")
        return doc, start, start + anchor.index("»") - anchor.index("«") - 1
    return doc, start, start + len(plain)


def build() -> list[dict]:
    raw = {doc: open(DATA / "corpus" / p.name, encoding="utf-8", newline="").read()
           for doc, p in ((p.name[:3], p) for p in sorted((DATA / "corpus").glob("*.txt")))}
    where = regions()
    rows = []
    for region, anchor, label, voice, rationale in DECISIONS:
        assert label in TECHNIQUES, label
        doc, start, end = locate(region, anchor, raw, where)
        text = raw[doc][start:end]
        assert text == text.strip() and not text.endswith("."), f"{region}: trim the span {text!r}"
        rows.append({"doc": doc, "start": start, "end": end, "text": text, "label": label,
                     "semeval": TECHNIQUES[label], "voice": voice, "region": region, "rationale": rationale})
    # no two spans with the same label overlap (the span metric would count such characters twice)
    for a in rows:
        for b in rows:
            if a is not b and a["doc"] == b["doc"] and a["label"] == b["label"]:
                assert a["end"] <= b["start"] or b["end"] <= a["start"], (a["text"], b["text"])
    # discernment: nothing deliberately left unlabelled is covered by a span
    for region, anchor, why in NOT_TECHNIQUES:
        doc, start, end = locate(region, anchor, raw, where)
        hit = [r["text"] for r in rows if r["doc"] == doc and r["start"] < end and start < r["end"]]
        assert not hit, f"{region}: {anchor!r} is marked as not a technique but overlaps {hit}"
    rows.sort(key=lambda r: (r["doc"], r["start"], r["end"]))
    return rows


def main():
    rows = build()
    out = DATA / "annotations" / "propaganda.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} technique spans -> {out}")


if __name__ == "__main__":
    main()
