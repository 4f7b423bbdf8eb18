"""Build datasets/annotations/attributions.jsonl: every attribution in the five article bodies and in the reader
comments that cite sources (lesson 02, "Checking sourcing").

An attribution is a place where a text presents a statement, report or stated view as coming from a source: "X said",
"according to X", "X denied", "some experts believe", "citing X", a credit line such as "TEHRAN (FNA)-". The span is
the cue: the reporting verb or phrase together with the words that name the source when they are joined to it
("Konashenkov said", "according to the pro-Turkish SMART News agency"). A claim with no source at all has no cue and
is not a row (the lesson calls it "no source given").

Each row was read in context and decided by hand (the tables below); this script only finds the offsets. Anchors are
written with plain spaces; a space matches any run of whitespace (the corpus has non-breaking spaces and indented line
breaks). Checks: every anchor occurs as often as claimed, every cue occurs once inside its anchor, every row lies in an
article body or a comment, and every match of a broad cue pattern is either inside a row or in NOT_ATTRIBUTIONS, the
decided non-attributions, each with its reason.
The layer is the adjudicated one: where the two independent readings (annotations/readings/) disagreed, the decision
and its reason are in annotations/adjudication/attributions.jsonl, and the row's rationale ends "Adjudicated: ...".
Run: python datasets/tools/build_attributions_layer.py
"""

import csv
import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]

PARTY, STATE, OUTLET, MONITOR, NAMED, VAGUE = ("party to the conflict", "state media", "other outlet",
                                               "independent monitor", "other named source", "vague or anonymous")
GC = "Syrian General Command"
MOD = "Russian Defence Ministry"
KONASHENKOV = "Russian Defence Ministry (Igor Konashenkov)"
VT, FARS, SPUTNIK, ISMC = "Veterans Today", "Fars News Agency", "Sputnik", "Inside Syria Media Center"
# The text under "Russian MoD Confirms…" credits Sputnik ("Konashenkov said, Sputnik reported"), so its writer is not
# Sputnik but someone passing Sputnik on, whom the page does not name. Both readings had it as Sputnik's own text;
# corrected after adjudication, when lesson 02's relay graph was checked against the layer (issue #15).
RELAY_WRITER = "unnamed writer crediting Sputnik"

# (doc, anchor, nth occurrence of the anchor, cue inside the anchor or None for the whole anchor,
#  label, source, relayed_from, cited_by, rationale)
DECISIONS = [
    # -- 000 SouthFront ---------------------------------------------------------------------------------------
    ("000", "according to the pro-Turkish SMART News agency", 1, None, OUTLET, "SMART News Agency", None,
     "SouthFront", "a named news agency is the source of the whole report; 'pro-Turkish' is SouthFront's own, "
     "unsupported label (corpus-errors §4)"),
    ("000", "The US military stated earlier that", 1, "The US military stated", PARTY, "US military", None,
     "reader comment 000-c11", "a party named as a body; which statement, when and where is not said"),
    ("000", "it is supposed that the yanks", 1, "it is supposed", VAGUE, "unnamed (impersonal passive)", None,
     "reader comment 000-c12", "'it is supposed that the yanks will advance': the passive hides who supposes it."
     " Adjudicated: second reading accepted, a passive that hides the source."),
    ("000", "they know, and they have been assured, that", 1, "they have been assured", VAGUE,
     "unnamed (whoever gave the assurance)", None, "reader comment 000-c12",
     "the statement that attacking Assad means war with Russia is presented as an assurance from someone unnamed."
     " Adjudicated: second reading accepted, a passive that hides the source."),
    ("000", "outright aggression according to international law and the UN charter", 1,
     "according to international law and the UN charter", NAMED, "international law and the UN Charter", None,
     "reader comment 000-c18", "invokes a legal text as authority for a judgement; no article is named"),
    ("000", "UNO and international community knows", 1, None, NAMED,
     "the United Nations ('UNO') and 'the international community'", None, "reader comment 000-c24",
     "a view (the US and allies are hostile governments) is put on the UN; no statement or finding is named."
     " Adjudicated: disputed, 'knows' may be the commenter's own assertion and the second reading took the UN for a "
     "monitor."),
    ("000", "as reported in a blaring New York Times headline", 1, None, OUTLET, "The New York Times",
     "World Jewish Congress", "reader comment 000-c27", "a newspaper headline cited without date or wording, "
     "inside antisemitic conspiracy rhetoric"),
    ("000", "Claiming that war was being declared", 1, "Claiming", NAMED, "World Jewish Congress", None,
     "reader comment 000-c27", "puts a quotation in an organisation's mouth, by way of the headline cited before"),
    ("000", "what they openly said they wanted", 1, "openly said", VAGUE, "a whole people (antisemitic generalisation)",
     None, "reader comment 000-c27", "attributes a wish to an entire group: no identifiable speaker; an antisemitic "
     "trope, not a source"),
    # -- 001 Al-Masdar News ----------------------------------------------------------------------------------
    ("001", "in what it said was preparations", 1, "what it said", PARTY, "Jaish Maghawir al-Thawra", None,
     "Al-Masdar News", "'it' is the armed group that released the video: the purpose of the footage is the group's "
     "own claim"),
    ("001", "persistent rumours have suggested", 1, None, VAGUE, "rumours (unnamed)", None, "Al-Masdar News",
     "rumours have no one behind them: the claim about a US withdrawal has no identifiable source"),
    ("001", "a large-scale evacuation is expected to happen", 1, "is expected", VAGUE, "unnamed (passive voice)", None,
     "Al-Masdar News", "the passive hides who expects the evacuation"),
    ("001", "under a contract saying they shall not", 1, "a contract saying", VAGUE, "an unnamed contract", None,
     "reader comment 001-c02", "a document is invoked but not identified: nobody could look it up."
     " Adjudicated: first reading kept, an unidentified document is not a named source."),
    # -- 002 SouthFront via Global Research -------------------------------------------------------------------
    ("002", "According to pro-government sources and available photos", 1, None, VAGUE,
     "pro-government sources (unnamed)", None, "SouthFront", "sources described only by their side; the photos "
     "are not shown or identified either"),
    ("002", "dropped leaflets warning the SAA from moving towards the border town of al-Tanf and arguing that", 1,
     "leaflets warning", PARTY, "US-led coalition (leaflets)", None, "SouthFront", "the leaflets' message is the "
     "coalition's own, reported (not quoted) by the outlet. Adjudicated: span cut to the verb and its source words, "
     "'arguing' is its own row."),
    ("002", "al-Tanf and arguing that government forces", 1, "arguing", PARTY, "US-led coalition (leaflets)", None,
     "SouthFront", "second reporting verb of the leaflets: the demand that government forces withdraw from Zaza."
     " Adjudicated: second reading accepted, a separate verb after the reported content."),
    ("002", "Some experts believe", 1, None, VAGUE, "experts (unnamed)", None, "SouthFront",
     "'some experts' with no name or field: an appeal to authority nobody can check"),
    ("002", "Local sources indicate", 1, None, VAGUE, "local sources (unnamed)", None, "SouthFront",
     "no name, no affiliation"),
    ("002", "reports appeared in the Russian media", 1, None, VAGUE, "Russian media reports (unnamed)", None,
     "SouthFront", "no outlet, date or author: the reports cannot be found from this description"),
    ("002", "The SDF denied the allegations", 1, None, PARTY, "Syrian Democratic Forces (SDF)", None,
     "SouthFront", "a named party's on-record denial, reported in one sentence and then dismissed"),
    # -- 003 Veterans Today: editor's note, Fars text, Sputnik text, closing note -----------------------------
    ("003", "Syrian officials including the Minister of Justice, Najem Hamad Al-Ahmad, told VT", 1, None, PARTY,
     "Syrian officials (Minister of Justice Najem Hamad Al-Ahmad)", None, VT,
     "a named Syrian government minister speaking to VT's editor; Syria's army is the side that was hit; where the "
     "officials got the figures is not said"),
    ("003", "Russian Ministry of Defense officials have confirmed the story", 1,
     "Russian Ministry of Defense officials have confirmed", PARTY, MOD, None, VT,
     "'confirmed the story': another party, but its figures come from the Syrian command (Sputnik text), so the "
     "confirmation is not independent"),
    ("003", "TEHRAN (FNA)-", 1, "TEHRAN (FNA)", OUTLET, FARS, None, VT,
     "credit line: the text that follows is Fars News Agency's, reprinted by VT"),
    ("003", "The General Command of the Syrian army said the US-led coalition", 1,
     "The General Command of the Syrian army said", PARTY, GC, None, FARS, "the Syrian army command, on record"),
    ("003", "According to Syria’s official SANA news agency", 1, None, STATE, "SANA", None, FARS,
     "Syria's state news agency (outlets.md)"),
    ("003", "Russia’s Defense Ministry spokesman, Major-General Igor Konashenkov, said, citing information received "
            "from the Syrian General Command", 1, None, PARTY, KONASHENKOV, GC, FARS,
     "a named, on-record spokesman who says his figures came from the Syrian command; this text gives him 80 dead, "
     "the Sputnik text 62 (corpus-errors §1). Adjudicated: 'citing ...' stays in this row as relayed_from, no "
     "separate row."),
    ("003", "The Russian Defense Ministry said on Saturday", 1, "The Russian Defense Ministry said", PARTY, MOD, None,
     FARS, "the ministry, on record (aircraft entered from Iraq)"),
    ("003", "support aircraft, it added", 1, "it added", PARTY, MOD, None, FARS, "'it' is the Russian ministry"),
    ("003", "with Moscow, the ministry said", 1, "the ministry said", PARTY, MOD, None, FARS,
     "the Russian ministry's interpretation, attributed"),
    ("003", "The Defense Ministry also confirmed a report by SANA", 1, "The Defense Ministry also confirmed", PARTY,
     MOD, None, FARS, "the Russian ministry vouches for the Syrian state agency's report: one side's ally confirming "
     "the other. Adjudicated: span cut, SANA's report is its own row and the ministry does not say it relays it."),
    ("003", "The Defense Ministry also confirmed a report by SANA", 1, "a report by SANA", STATE, "SANA", None, FARS,
     "the claim of an ISIL offensive is credited to SANA's report. Adjudicated: second reading accepted, a second "
     "source of the claim, not relayed by the ministry."),
    ("003", "the agency said citing the General Command of the Army and Armed Forces", 1, None, STATE, "SANA", GC,
     FARS, "SANA passes on the Syrian army command's words. Adjudicated: one row, 'citing ...' is relayed_from, not "
     "a separate cue."),
    ("003", "The General Command has called the bombing", 1, "The General Command has called", PARTY, GC, None, FARS,
     "the command's own characterisation, quoted"),
    ("003", "against Syrian forces, and said it was", 1, "said", PARTY, GC, None, FARS,
     "second verb of the same sentence: the command says it is 'conclusive evidence'"),
    ("003", "Earlier on Saturday, Russia accused the US", 1, "Russia accused", PARTY, "Russian government", None, FARS,
     "a state as the speaker: no person or document named"),
    ("003", "senior Russian General Staff official, Viktor Poznikhir, said", 1, None, PARTY,
     "Russian General Staff (Viktor Poznikhir)", None, FARS, "a named Russian officer, on record"),
    ("003", "Poznikhir also said", 1, None, PARTY, "Russian General Staff (Viktor Poznikhir)", None, FARS,
     "same officer"),
    ("003", "Russia has repeatedly complained", 1, None, PARTY, "Russian government", None, FARS,
     "a state as the speaker"),
    ("003", "The US, on its part, has blamed", 1, None, PARTY, "US government", None, FARS,
     "the other side's position, given one sentence"),
    ("003", "Russian MoD Confirms US-Led Coalition’s", 1, "Russian MoD Confirms", PARTY, MOD, None, RELAY_WRITER,
     "the sub-headline of the text crediting Sputnik: the ministry as the source of the whole story"),
    ("003", "Maj. Gen. Igor Konashenkov said, Sputnik reported", 1, "Maj. Gen. Igor Konashenkov said", PARTY,
     KONASHENKOV, None, RELAY_WRITER, "named spokesman, quoted"),
    ("003", "Maj. Gen. Igor Konashenkov said, Sputnik reported", 1, "Sputnik reported", STATE, SPUTNIK, MOD,
     RELAY_WRITER,
     "credit line: Russian state media relaying the ministry (outlets.md), credited by this text's unnamed writer "
     "(corrected after adjudication: the readings had it as Veterans Today's)"),
    ("003", "Earlier in the day, the General Command of the Syrian army accused", 1,
     "the General Command of the Syrian army accused", PARTY, GC, None, RELAY_WRITER, "the Syrian army command"),
    ("003", "according to information received from the Syrian command in Deir Ezzur, he said", 1, None, PARTY,
     KONASHENKOV, GC, RELAY_WRITER, "'he' is Konashenkov; the 62 dead come from the Syrian command. Adjudicated: one "
     "row, the 'according to information received' words are relayed_from."),
    ("003", "The Russian Defense Ministry said that Daesh", 1, "The Russian Defense Ministry said", PARTY, MOD, None,
     RELAY_WRITER, "the ministry, on record"),
    ("003", "the Russian Defense Ministry spokesman emphasized", 1, None, PARTY, KONASHENKOV, None, RELAY_WRITER,
     "the spokesman, quoted"),
    ("003", "Konashenkov said that fighting", 1, "Konashenkov said", PARTY, KONASHENKOV, None, RELAY_WRITER,
     "the spokesman"),
    ("003", "Later reports by the Syrian army on Saturday night said", 1,
     "reports by the Syrian army on Saturday night said", PARTY, GC, None, VT,
     "unsigned closing note (the compiler is not shown; taken as the page's): the source of the headline's 80"),
    ("003", "especially after Ehud Barak’s statement", 1, "Ehud Barak’s statement", NAMED, "Ehud Barak", None,
     "reader comment 003-c02", "a named speaker, but no statement, date or place"),
    ("003", "In the statement, Central Command says that", 1, None, PARTY, "US Central Command (CENTCOM)", None,
     "reader comment 003-c03", "quotes CENTCOM's published statement accurately (events.md §1): named, on record"),
    ("003", "Basically the CENTCOM say", 1, "the CENTCOM say", PARTY, "US Central Command (CENTCOM)", None,
     "reader comment 003-c03", "the commenter's own gloss put in CENTCOM's mouth: the statement says nothing of "
     "the kind (a misattribution)"),
    ("003", "now news says that the US", 1, "news says", VAGUE, "unnamed news", None, "reader comment 003-c04",
     "which news, when: not said"),
    ("003", "zio-media (WP) fuel the concept", 1, "media (WP) fuel the concept", OUTLET, "WP (an outlet abbreviated by the commenter)", None,
     "reader comment 003-c04", "an outlet named only by initials, with a slur; the claim is not shown"),
    ("003", "when young Hal was told my his Leprous father, the King", 1,
     "was told my his Leprous father, the King", NAMED, "King Henry IV (in Shakespeare's play)", None,
     "reader comment 003-c06", "introduces quoted verse: a character's words"),
    ("003", "Shakespeare: Henry IV (Act IV, Scene iii)", 1, None, NAMED, "Shakespeare, Henry IV", None,
     "reader comment 003-c06", "a citation line for the quoted verse"),
    ("003", "I just learned that the US", 1, "I just learned that", VAGUE, "unnamed (where the writer learned it)",
     None, "reader comment 003-c07", "the quoted letter does not say where the news came from"),
    ("003", "nearly VT previous comments announcing", 1, "VT previous comments announcing", VAGUE,
     "earlier reader comments on VT (unnamed)", None, "reader comment 003-c08", "anonymous comments as evidence."
     " Adjudicated: disputed, 'VT previous comments' could mean VT's own commentaries (other outlet)."),
    ("003", "since they always say sorry we goofed", 1, "they always say", PARTY, "US government ('they')", None,
     "reader comment 003-c11", "'sorry we goofed' is put in the US's mouth as its habitual statement."
     " Adjudicated: second reading accepted, a sarcastic attribution is still one."),
    ("003", "Trump, who is on record for being against", 1, "is on record", NAMED, "Donald Trump", None,
     "reader comment 003-c13", "'on record' claims a public statement without citing it"),
    ("003", "This is all over both msm and independent media news", 1,
     "all over both msm and independent media news", VAGUE, "mainstream and independent media (unnamed)", None,
     "reader comment 003-c16", "'everywhere' names no one"),
    ("003", "The US, on its part, has blamed", 2, None, PARTY, "US government", None, "reader comment 003-c17",
     "the comment quotes the article's sentence, attribution included"),
    ("003", "The kicker is that Moscow have just said", 1, "Moscow have just said", PARTY, "Russian government", None,
     "reader comment 003-c18", "a government as the speaker; no statement identified"),
    ("003", "Remember that US Lt Gen saying", 1, "US Lt Gen saying", VAGUE, "an unnamed US lieutenant general", None,
     "reader comment 003-c18", "a rank and a side, but no name, date or statement."
     " Adjudicated: first reading kept, unnamed and identified by no office."),
    ("003", "find themselves being seen as stupid", 1, "being seen as", VAGUE, "unnamed (passive)", None,
     "reader comment 003-c19", "the view that Iran and Hezbollah were stupid to back the ceasefire is put on unnamed "
     "observers. Adjudicated: disputed, it also reads as the commenter's own 'they look stupid'."),
    ("003", "very fishy to be told of the ceasefire", 1, "to be told", VAGUE, "unnamed (passive)", None,
     "reader comment 003-c19", "that the ceasefire agreement is active is presented as told by someone unnamed."
     " Adjudicated: second reading accepted, a passive that hides the source."),
    ("003", "(as per unanimous UNSC Resolution 2254)", 1, "as per unanimous UNSC Resolution 2254", NAMED,
     "UN Security Council Resolution 2254", None, "reader comment 003-c20", "a specific, checkable document"),
    # -- 004 Inside Syria Media Center (Sophie Mangal) -------------------------------------------------------
    ("004", "As reported by the official representative of the U.S. Central command Josh Jakes", 1, None, PARTY,
     "US Central Command spokesman (Maj. Josh Jacques, printed 'Josh Jakes')", None, ISMC,
     "a named, on-record spokesman (name misspelt, corpus-errors §3); no casualty count matches CENTCOM's "
     "position (events.md §2)"),
    ("004", "According to the US officials", 1, None, VAGUE, "US officials (unnamed)", None, ISMC,
     "officials with no name, office or statement. Adjudicated: first reading kept, unnamed officials are "
     "anonymous."),
    ("004", "in response allegedly to the Khan Shaykhun", 1, "allegedly", VAGUE, "unnamed ('allegedly')", None, ISMC,
     "casts doubt on the stated reason without saying who alleges what"),
    ("004", "A number of Syrian military analysts believe", 1, None, VAGUE, "Syrian military analysts (unnamed)",
     None, ISMC, "no names: the article's central explanation rests on them"),
    ("004", "Damascus sees the complete liberation", 1, "Damascus sees", PARTY, "Syrian government ('Damascus')",
     None, ISMC, "a view (the liberation restores control of the oil fields) is put on the Syrian government."
     " Adjudicated: second reading accepted, a view attributed to a party."),
    ("004", "I saw on RT that", 1, "I saw on RT", STATE, "RT", None, "reader comment 004-c02",
     "Russian state broadcaster (outlets.md); no date or programme"),
]

# A broad pattern of attribution words, and every match of it that is NOT an attribution, with the reason.
BROAD = (r"(?i)\b(?:according|said|says?|saying|told|tell\w*|report\w*|claim\w*|stat(?:ed|ement)|confirm\w*|"
         r"den(?:ied|y)|accus\w*|blam\w*|complain\w*|believ\w*|indicat\w*|suggest\w*|cit(?:ing|ed)|alleg\w*|"
         r"rumou?r\w*|expect\w*|sources?|learn\w*|record|emphasi[sz]ed|added|saw|(?<!so[- ])called|warn\w*|argu\w*|"
         r"as per|opinion|assured|news|media)\b|(?-i:\([A-Z]{2,}\))")
NOT_ATTRIBUTIONS = [  # (doc, anchor containing the match, reason)
    ("000", "wait, don’t tell no more", "banter between commenters"),
    ("000", "that they are advancing to deir ezzor is purely the opinion of the writer", "a reader says the article's "
     "claim is the writer's opinion: a judgement about its sourcing, not a citation"),
    ("000", "My opinion is that", "the commenter's own view"),
    ("000", "Their positions deny ISIS the use", "'deny' means 'prevent' here"),
    ("000", "would be more indicative of weakening", "the commenter's inference"),
    ("000", "nicely said.", "praise for another comment"),
    ("000", "A shaky video and a vague news report", "refers to the article itself, to criticise it"),
    ("000", "start your own news effort", "no source"),
    ("000", "with 5 per tank say 10 tanks", "'say' means 'for example'"),
    ("000", "As I said before", "the commenter refers to himself"),
    ("000", "You would not be suggesting the US", "a rhetorical question to another commenter"),
    ("000", "Ridiculous statement that the whole article is senseless", "answers another comment, cites no source"),
    ("000", "complete silence by the official media", "says the media are silent: no claim is attributed"),
    ("001", "(SAA)", "an abbreviation"),
    ("001", "Al-Masdar News was unable to verify", "the outlet says what it could not check: a disclosure about "
     "provenance (lesson 03), not a source for a claim"),
    ("002", "(FSA)", "an abbreviation"), ("002", "(SAA)", "an abbreviation"), ("002", "(PMU)", "an abbreviation"),
    ("002", "(SDF)", "an abbreviation"),
    ("002", "once again confirmed that its real goals", "the writer's inference from events ('confirmed' by "
     "actions), not a source"),
    ("002", "don't allow to believe that", "the writer's own inference"),
    ("003", "(ISIL)", "an abbreviation"),
    ("003", "The news comes amid a ceasefire", "'the news' is the story itself"),
    ("003", "Coalition forces believed they were striking", "inside the quoted CENTCOM statement (the statement is "
     "the row); the belief is the coalition's, as CENTCOM reports it"),
    ("003", "True to tell:", "an idiom"),
    ("003", "Sadly, I believe you are correct", "the commenter's own view"),
    ("003", "this terrible but very important news", "thanks the site for the article: no claim attributed"),
    ("003", "should have been expecting this…hell, they probably did expect it", "the commenter's guess"),
    ("003", "this time Russia suggested a ceasefire", "a proposal narrated as an event, not a source for a claim"),
    ("003", "nor can Russia say “they didn’t know”", "a hypothetical statement"),
    ("003", "surely they expect the Syrians", "the commenter's guess"),
    ("003", "likely they (US) will", "an abbreviation"),
    ("004", "now their actions indicate the opposite", "the writer's inference"),
    ("004", "There was a widely under reported attack", "an unsourced claim: 'under reported' says who did NOT "
     "report it"),
    ("004", "to say the least", "an idiom"),
]
# Spans the second reading marked that adjudication decided are not attributions and that the broad pattern does
# not reach (datasets/annotations/adjudication/attributions.jsonl gives the full reasons): (doc, anchor, reason).
ADJUDICATED_NON_ATTRIBUTIONS = [
    ("000", "obstensively", "(sic) 'ostensibly' marks an appearance, not a report anyone gave"),
    ("000", "you summed it up pretty much with the phrase", "quotes the comment above to agree with it: no source"),
    ("000", "The main essentials of the article", "endorses the article under discussion: no source"),
    ("001", "Footage has emerged", "an object appearing (footage layer), no statement attributed"),
    ("001", "released by Jaish Maghawir Tahwra", "a video's provenance (footage layer's released_by), not a statement"),
    ("003", "citing information received from the Syrian General Command", "part of Konashenkov's cue: relayed_from"),
]


def _regex(anchor: str) -> re.Pattern:
    """An anchor as a pattern: each space matches any run of whitespace (non-breaking spaces, indented breaks)."""
    return re.compile(r"\s+".join(re.escape(part) for part in anchor.split(" ")))


def _regions() -> dict[str, list[tuple[int, int, str]]]:
    """Article bodies and comments: (start, end, name) per document."""
    regions: dict[str, list] = {}
    with open(DATA / "documents.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            regions.setdefault(row["id"], []).append((int(row["body_start"]), int(row["body_end"]), "body"))
    with open(DATA / "comments.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            regions[row["document"]].append((int(row["start"]), int(row["end"]), row["id"]))
    return regions


def _corpus() -> dict[str, str]:
    with open(DATA / "documents.csv", encoding="utf-8", newline="") as handle:
        files = {row["id"]: row["source_file"] for row in csv.DictReader(handle)}
    return {d: open(DATA / "corpus" / f, encoding="utf-8", newline="").read() for d, f in files.items()}


def find(text: str, anchor: str, nth: int, cue: str | None, what: str) -> tuple[int, int]:
    matches = list(_regex(anchor).finditer(text))
    assert len(matches) >= nth, f"{what}: anchor {anchor!r} found {len(matches)} times, wanted occurrence {nth}"
    match = matches[nth - 1]
    if cue is None:
        return match.span()
    inner = list(_regex(cue).finditer(match.group()))
    assert len(inner) == 1, f"{what}: cue {cue!r} occurs {len(inner)} times in its anchor"
    return match.start() + inner[0].start(), match.start() + inner[0].end()


def build() -> list[dict]:
    corpus, regions = _corpus(), _regions()
    rows = []
    for doc, anchor, nth, cue, label, source, relayed_from, cited_by, rationale in DECISIONS:
        start, end = find(corpus[doc], anchor, nth, cue, f"{doc} row")
        where = [name for s, e, name in regions[doc] if s <= start and end <= e]
        assert where, f"{doc} {anchor!r}: not inside the body or a comment"
        expected = "body" if not cited_by.startswith("reader comment") else cited_by.split()[-1]
        assert where[0] == expected, f"{doc} {anchor!r}: lies in {where[0]}, cited_by says {cited_by!r}"
        rows.append({"doc": doc, "start": start, "end": end, "text": corpus[doc][start:end], "label": label,
                     "source": source, "relayed_from": relayed_from, "cited_by": cited_by, "rationale": rationale})
    spans = sorted((r["doc"], r["start"], r["end"]) for r in rows)
    assert len(set(spans)) == len(spans), "a cue is annotated twice"
    # completeness: every broad match inside a body or comment is in a row or a decided non-attribution
    excused = {(doc, anchor): find(corpus[doc], anchor, 1, None, f"{doc} non-attribution")
               for doc, anchor, _ in NOT_ATTRIBUTIONS}
    used = set()
    for doc, text in corpus.items():
        for match in re.finditer(BROAD, text):
            s, e = match.span()
            if not any(rs <= s and e <= re_ for rs, re_, _ in regions[doc]):
                continue
            covered = any(d == doc and rs < e and s < re_ for d, rs, re_ in spans)
            decided = {key for key, (xs, xe) in excused.items() if key[0] == doc and xs <= s and e <= xe}
            used |= decided
            assert covered or decided, f"{doc} {s}:{e} {text[max(0, s - 40):e + 40]!r}: undecided"
    assert used == set(excused), f"non-attributions that match nothing: {sorted(set(excused) - used)}"
    # adjudicated non-cues: each anchor occurs once, in a body or comment, and either lies outside every row or
    # wholly inside the one row it was folded into (the 'citing ...' words)
    for doc, anchor, _ in ADJUDICATED_NON_ATTRIBUTIONS:
        assert len(list(_regex(anchor).finditer(corpus[doc]))) == 1, f"{doc} {anchor!r}: not found exactly once"
        s, e = find(corpus[doc], anchor, 1, None, f"{doc} adjudicated non-attribution")
        assert any(rs <= s and e <= re_ for rs, re_, _ in regions[doc]), f"{doc} {anchor!r}: outside bodies/comments"
        overlapping = [(rs, re_) for d, rs, re_ in spans if d == doc and rs < e and s < re_]
        assert all(rs <= s and e <= re_ for rs, re_ in overlapping), f"{doc} {anchor!r}: overlaps a row partly"
    return sorted(rows, key=lambda r: (r["doc"], r["start"], r["end"]))


def main():
    rows = build()
    out = DATA / "annotations" / "attributions.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} attributions -> {out}")


if __name__ == "__main__":
    main()
