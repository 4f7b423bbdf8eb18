"""The pre/post assessment of issue #21: its two parallel forms, a class's responses, and the analysis a teacher reads.

The forms (``datasets/assessment/items.jsonl``: what students see; ``datasets/annotations/assessment-keys.jsonl``: the
key, instructor side, never in the student bundle) hold 20 constructed items each, 4 per skill, in each skill 2 that
should be flagged (the "signal": not credible as it stands, or, for the hate skill, hate rhetoric) and 2 that should
not. A student flags an item or lets it pass, and says how sure they are (1 guessing … 4 certain).

A class's responses are one table, whichever way they reach the teacher (the kit's export, or a CSV a teacher
assembled), with the columns of :data:`RESPONSE_COLUMNS`; :func:`read_responses` checks every row and names the file,
line and field of a bad one, which is left out (and reported), never the whole file. From it:

- :func:`student_scores`: per student, test and skill, the signal-detection counts and measures
  (``discernment.Detection``: hit rate, false-alarm rate, d′, c) and the share right;
- :func:`changes`: the class's mean change from pre to post, paired over the students who took both, with a seeded
  percentile bootstrap interval (``discernment.paired_change``);
- :func:`item_statistics`: each item's difficulty (share right) and discrimination (corrected item-total
  point-biserial), with flags for items that misbehave;
- :func:`summary`: the plain-language paragraph a teacher can paste into a report.

Student names are replaced by pseudonyms by default (:func:`anonymise`). Where a teacher also ran the
Misinformation Susceptibility Test (MIST; Maertens et al., "The Misinformation Susceptibility Test (MIST): A
psychometrically validated measure of news veracity discernment", Behavior Research Methods 56 (2024) 1863–1899,
doi:10.3758/s13428-023-02124-2), :func:`read_mist` imports its scores from the teacher's CSV (the MIST's items are
not shipped): the columns the MIST reports — veracity discernment V, real and fake news detection r and f, distrust
d and naïvety n (the paper's abstract, read on the stored page https://www.psy.ox.ac.uk/publications/1564288 with
the search tool on 2026-12-02) — or a total, whichever the teacher has.

:func:`simulate_class` makes a class with a known effect from the equal-variance signal-detection model, for the
tests and for a teacher to try the analysis before a class has taken the test.
"""

from __future__ import annotations

import csv
import json
import math
import random
import secrets
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from medialit.assessment import CONFIDENCE as _SCALE
from medialit.assessment import FORMS

from .course import REPO
from .discernment import Detection, detection, paired_change, point_biserial
from .errors import ToolError

SKILLS = ("sourcing", "footage", "figures", "techniques", "hate")
TESTS = ("pre", "post")
KINDS = ("headline", "post", "comment", "report", "caption")
RESPONSES = {"flag": True, "pass": False}  # the widget's verdicts (medialit.assessment.VERDICTS): flagged or not
CONFIDENCE = dict(enumerate(_SCALE, start=1))
ITEMS_FILE = Path("datasets") / "assessment" / "items.jsonl"
KEYS_FILE = Path("datasets") / "annotations" / "assessment-keys.jsonl"
KEY_FIELDS = {"id": str, "skill": str, "signal": bool, "flaw": str, "reason": str, "parallel": str}
RESPONSE_COLUMNS = ("student", "test", "form", "item", "response", "confidence")
MIST_COLUMNS = ("V", "r", "f", "d", "n", "total")  # whichever of them the teacher's file has

# item flags (item_statistics): the kit's own thresholds, stated where they are shown
EASY, HARD, WEAK, FEW = 0.95, 0.5, 0.1, 10


# -- the forms ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    id: str
    form: str
    kind: str
    source: str
    text: str
    skill: str
    signal: bool        # should be flagged (not credible as it stands; for the hate skill: hate rhetoric)
    flaw: str           # the flaw (or, for an item that holds up, its strength) in a few words
    reason: str         # why, in the teacher's words
    parallel: str       # the other form's item that measures the same thing


def load_items(root: Path | None = None) -> dict[str, Item]:
    """Both forms with their keys, by item id (the teacher's side: the keys are not in the student bundle)."""
    from medialit._paths import read_rows
    from medialit.assessment import ITEM_FIELDS
    from medialit.errors import DataError

    root = Path(root or REPO)
    try:
        shown = read_rows(root / ITEMS_FILE, ITEM_FIELDS)
        keys = {row["id"]: row for row in read_rows(root / KEYS_FILE, KEY_FIELDS)}
    except (DataError, OSError) as error:
        raise ToolError(str(error)) from None
    items = {}
    for row in shown:
        key = keys.get(row["id"])
        if key is None:
            raise ToolError(f"{root / KEYS_FILE}: item {row['id']} of {ITEMS_FILE} has no key")
        items[row["id"]] = Item(row["id"], row["form"], row["kind"], row["source"], row["text"], key["skill"],
                                key["signal"], key["flaw"], key["reason"], key["parallel"])
    extra = sorted(set(keys) - set(items))
    if extra:
        raise ToolError(f"{root / KEYS_FILE}: keys for items that {ITEMS_FILE} does not have: {', '.join(extra)}")
    return items


def check_forms(items: dict[str, Item]) -> list[str]:
    """Where the forms are not parallel and balanced: one sentence each (empty: fine)."""
    problems = []
    for item in items.values():
        for field, allowed in (("form", FORMS), ("skill", SKILLS), ("kind", KINDS)):
            if getattr(item, field) not in allowed:
                problems.append(f"item {item.id}: {field} {getattr(item, field)!r} is not one of {', '.join(allowed)}")
        other = items.get(item.parallel)
        if other is None or other.form == item.form or other.parallel != item.id:
            problems.append(f"item {item.id}: its parallel {item.parallel!r} is not an item of the other form that "
                            "names it back")
        elif (other.skill, other.signal) != (item.skill, item.signal):
            problems.append(f"items {item.id} and {other.id} are parallel but measure different things "
                            f"({item.skill}/{item.signal} vs {other.skill}/{other.signal})")
    for form in FORMS:
        for skill in SKILLS:
            mine = [i for i in items.values() if i.form == form and i.skill == skill]
            signal = sum(i.signal for i in mine)
            if signal != 2 or len(mine) - signal != 2:
                problems.append(f"form {form}, skill {skill}: {signal} items to flag and {len(mine) - signal} that "
                                "hold up (2 and 2 wanted)")
    return problems


def form_items(items: dict[str, Item], form: str) -> list[Item]:
    """One form's items in the order students see them."""
    return [i for i in items.values() if i.form == form]


# -- the assignments: graded for completion -----------------------------------------------------------------------------
# 00-pretest and 99-posttest (tracks.ASSESSMENTS) declare their exercises with this one function: a form in four
# parts, each part a widget (``lab.judge``) graded for completion only — every item with a verdict and how sure —
# so that the test stays low-stakes and its feedback never gives a key away. The verdicts are scored for the
# analysis (``responses_from_course``), not for the grade.
PART_POINTS = 2.5
PART_MINUTES = 3.4  # five short items read, judged and rated (about 40 s each): under 14 minutes a form, plus reading


def declare(lesson: str) -> list:
    """The exercises of one assessment: "<n>.1" … "<n>.4", one per part, whichever form the teacher released."""
    from medialit.assessment import PARTS, assessment_items

    from .exercises import CORE, Exercise, Widget

    number = int(lesson[:2])
    out = []
    for part in range(1, PARTS + 1):
        question = f"{number}.{part}"
        out.append(Exercise(
            id=question, lesson=lesson, cell=f"test_part{part}", points=PART_POINTS, answer=Widget(question),
            name=f"part {part}", tracks=CORE, minutes=PART_MINUTES,
            hint="Give every item of this part a verdict and choose how sure you are; the test counts what you "
                 "answered, not whether you were right.",
            key=lambda part=part: {form: list(assessment_items(form, part)) for form in FORMS},
            key_source="the items of this part in each form (datasets/assessment/items.jsonl): completion only",
            rule=_complete(question)))
    return out


def _complete(question: str):
    def rule(answer, key):
        from .exercises import Partly, require

        given = answer.get(question) if isinstance(answer, dict) else None
        require(isinstance(given, dict) and given, "nothing answered in this part yet")
        forms = [form for form, ids in key.items() if set(given) <= set(ids)]
        require(bool(forms), "the answer holds items that are not this part's")
        ids = key[forms[0]]
        done = sum(1 for i in ids if isinstance(given.get(i), dict) and given[i].get("verdict") in RESPONSES
                   and type(given[i].get("confidence")) is int and given[i]["confidence"] in CONFIDENCE)
        if done < len(ids):
            return Partly(done / len(ids), f"{done} of {len(ids)} items with a verdict and how sure")
        return None
    return rule


# -- responses ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Response:
    student: str
    test: str                 # "pre" or "post"
    form: str
    item: str
    flagged: bool | None      # None: not answered
    confidence: int | None    # 1 (guessing) … 4 (certain), None: not given


def read_responses(path: Path | str, items: dict[str, Item]) -> tuple[list[Response], list[str]]:
    """A class's responses from a CSV with the columns of RESPONSE_COLUMNS (response: flag, pass or empty;
    confidence: 1–4 or empty). A bad row is left out and named (file, line, field); a repeated answer to one item
    keeps the first. Returns (responses, problems)."""
    path = Path(path)
    responses, problems, seen = [], [], set()
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ToolError(f"{path}: cannot be read ({error.strerror or error})") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in RESPONSE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ToolError(f"{path}, line 1: the columns {', '.join(missing)} are missing (a responses file has "
                            f"{', '.join(RESPONSE_COLUMNS)})")
        for row in reader:
            line = reader.line_num
            cells = {k: (row.get(k) or "").strip() for k in RESPONSE_COLUMNS}
            try:
                response = _response(cells, items)
            except ValueError as why:
                problems.append(f"{path}, line {line}, {why}; the row is left out")
                continue
            key = (response.student, response.test, response.item)
            if key in seen:
                problems.append(f"{path}, line {line}: {response.student} answered item {response.item} in the "
                                f"{response.test}-test twice; the first answer is kept")
                continue
            seen.add(key)
            responses.append(response)
    return responses, problems


def _response(cells: dict, items: dict[str, Item]) -> Response:
    if not cells["student"]:
        raise ValueError("field 'student': empty")
    if cells["test"] not in TESTS:
        raise ValueError(f"field 'test': {cells['test']!r} is not pre or post")
    item = items.get(cells["item"])
    if item is None:
        raise ValueError(f"field 'item': {cells['item']!r} is not an item of the forms")
    if cells["form"] != item.form:
        raise ValueError(f"field 'form': item {item.id} is in form {item.form}, not {cells['form']!r}")
    if cells["response"] and cells["response"] not in RESPONSES:
        raise ValueError(f"field 'response': {cells['response']!r} is not flag, pass or empty")
    confidence = None
    if cells["confidence"]:
        if cells["confidence"] not in {str(k) for k in CONFIDENCE}:
            raise ValueError(f"field 'confidence': {cells['confidence']!r} is not 1, 2, 3, 4 or empty")
        confidence = int(cells["confidence"])
    return Response(cells["student"], cells["test"], item.form, item.id, RESPONSES.get(cells["response"]),
                    confidence)


def responses_from_course(course, items: dict[str, Item], tests: dict[str, str] | None = None
                          ) -> tuple[list[Response], list[str]]:
    """The responses handed in for the pre- and post-test of a course: every submission the gradebook holds (SQLite
    or any database URL the course uses), read from the answer file in grading/submitted/ as the student handed it
    in (a regular file, size-capped: ``precheck.read_answer_file``). ``tests``: {assignment: "pre" | "post"}
    (default: 00-pretest is pre, 99-posttest is post). What cannot be read is left out and named, one student at a
    time. Returns (responses, problems)."""
    from nbgrader.api import MissingEntry

    from .precheck import read_answer_file
    from .tracks import answer_file

    tests = tests or {"00-pretest": "pre", "99-posttest": "post"}
    if not course.has_gradebook():
        raise ToolError(f"No gradebook yet ({course.gradebook_name}): release and collect the tests first.")
    responses, problems = [], []
    with course.gradebook() as gb:
        for name, test in tests.items():
            try:
                students = sorted(s.student_id for s in gb.assignment_submissions(name))
            except MissingEntry:
                problems.append(f"{name} is not in the gradebook {course.gradebook_name} yet (make release "
                                f"LESSON={name}, then collect or import the submissions)")
                continue
            for student in students:
                folder = course.submitted(student, name)
                where = f"grading/submitted/{student}/{name}/{answer_file(name)}"
                data, note = read_answer_file(folder, name)
                if data is None:
                    problems.append(f"{where}: {note or 'not handed in'}; {student}'s {test}-test is left out")
                    continue
                mine, bad = _handed_in(json.loads(data)["answers"], name, student, test, items)
                responses += mine
                problems += [f"{where}, {why}" for why in bad]
    return responses, problems


def _handed_in(answers: dict, name: str, student: str, test: str, items: dict[str, Item]):
    """One student's widget answers to one test as responses; (responses, what was left out and why)."""
    out, bad = [], []
    number = int(name[:2])
    for question, entry in sorted(answers.items()):
        if not question.startswith(f"{number}."):
            continue
        value = entry.get("value")
        if value is None:
            continue
        if not isinstance(value, dict):
            bad.append(f"field 'answers.{question}.value': not the judgement widget's answer; left out")
            continue
        for item, given in value.items():
            if item not in items or not isinstance(given, dict):
                bad.append(f"field 'answers.{question}.value.{item}': not an item of the test with its answer; "
                           "left out")
                continue
            if item in {r.item for r in out}:
                bad.append(f"field 'answers.{question}.value.{item}': the item is answered twice; the first "
                           "answer is kept")
                continue
            verdict, sure = given.get("verdict"), given.get("confidence")
            if verdict not in (None, *RESPONSES) or not (sure is None or (type(sure) is int and sure in CONFIDENCE)):
                bad.append(f"field 'answers.{question}.value.{item}': {given!r} is not a verdict and a confidence "
                           "of 1-4; left out")
                continue
            out.append(Response(student, test, items[item].form, item, RESPONSES.get(verdict), sure))
    forms = {r.form for r in out}
    if len(forms) > 1:
        bad.append(f"the answers mix forms {' and '.join(sorted(forms))}: each item is scored in its own form")
    return out, bad


def write_responses(responses: Iterable[Response], path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = {True: "flag", False: "pass", None: ""}
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(RESPONSE_COLUMNS)
        for r in responses:
            writer.writerow([r.student, r.test, r.form, r.item, names[r.flagged],
                             "" if r.confidence is None else r.confidence])
    return path


def read_mist(path: Path | str):
    """MIST scores from the teacher's CSV: a 'student' and a 'test' (pre/post) column and any of V, r, f, d, n,
    total (numbers). Returns (DataFrame with student, test and the score columns found, problems)."""
    import pandas as pd

    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise ToolError(f"{path}: cannot be read ({error.strerror or error})") from None
    rows, problems, seen = [], [], set()
    with handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames or []
        scores = [c for c in fields if c.strip() in MIST_COLUMNS]
        if "student" not in fields or "test" not in fields or not scores:
            raise ToolError(f"{path}, line 1: a MIST file needs the columns student, test and at least one of "
                            f"{', '.join(MIST_COLUMNS)} (found {', '.join(fields) or 'none'})")
        for row in reader:
            line, student, test = reader.line_num, (row["student"] or "").strip(), (row["test"] or "").strip()
            if not student or test not in TESTS:
                problems.append(f"{path}, line {line}, field {'student' if not student else 'test'}: "
                                f"{(student if not student else test)!r} is not usable; the row is left out")
                continue
            if (student, test) in seen:
                problems.append(f"{path}, line {line}: a second {test}-test row for {student}; the first is kept")
                continue
            seen.add((student, test))
            values = {}
            for column in scores:
                text = (row.get(column) or "").strip()
                try:
                    values[column.strip()] = float(text) if text else math.nan
                except ValueError:
                    problems.append(f"{path}, line {line}, field {column.strip()!r}: {text!r} is not a number; "
                                    "left empty")
                    values[column.strip()] = math.nan
            rows.append({"student": student, "test": test, **values})
    return pd.DataFrame(rows, columns=["student", "test", *[c.strip() for c in scores]]), problems


def anonymise(responses: Sequence[Response], mist=None, salt: str | None = None):
    """Pseudonyms (S01, S02, …) in an order that does not follow the names, the same student getting the same
    pseudonym in the responses and the MIST scores. ``salt``: the same salt gives the same pseudonyms again (without
    it, a new random one each time). Returns (responses, mist)."""
    import hashlib

    salt = salt if salt is not None else secrets.token_hex(16)
    names = {r.student for r in responses} | (set(mist["student"]) if mist is not None else set())
    order = sorted(names, key=lambda s: hashlib.sha256(f"{salt}\0{s}".encode()).hexdigest())
    width = max(2, len(str(len(order))))
    alias = {name: f"S{n:0{width}d}" for n, name in enumerate(order, start=1)}
    renamed = [Response(alias[r.student], r.test, r.form, r.item, r.flagged, r.confidence) for r in responses]
    if mist is not None:
        mist = mist.assign(student=mist["student"].map(alias))
    return renamed, mist


# -- scores --------------------------------------------------------------------------------------------------------------
def student_scores(responses: Iterable[Response], items: dict[str, Item]):
    """One row per student, test and skill ('all' for the whole form): counts, hit rate, false-alarm rate (raw),
    d′ and c (log-linear correction), share right, mean confidence, items answered."""
    import pandas as pd

    groups: dict[tuple, list[Response]] = {}
    for r in responses:
        if r.flagged is None:
            continue
        for skill in ("all", items[r.item].skill):
            groups.setdefault((r.student, r.test, skill), []).append(r)
    rows = []
    for (student, test, skill), answered in sorted(groups.items()):
        counts = detection((items[r.item].signal, r.flagged) for r in answered)
        confidences = [r.confidence for r in answered if r.confidence is not None]
        rows.append({"student": student, "test": test, "skill": skill, "form": answered[0].form,
                     "answered": len(answered), "hits": counts.hits, "misses": counts.misses,
                     "false_alarms": counts.false_alarms, "correct_rejections": counts.correct_rejections,
                     "hit_rate": counts.hit_rate, "false_alarm_rate": counts.false_alarm_rate,
                     "d_prime": _measure(counts, "d_prime"), "c": _measure(counts, "criterion"),
                     "right": (counts.hits + counts.correct_rejections) / len(answered),
                     "confidence": statistics.fmean(confidences) if confidences else math.nan})
    return pd.DataFrame(rows, columns=["student", "test", "skill", "form", "answered", "hits", "misses",
                                       "false_alarms", "correct_rejections", "hit_rate", "false_alarm_rate",
                                       "d_prime", "c", "right", "confidence"])


def _measure(counts: Detection, name: str) -> float:
    try:
        return getattr(counts, name)
    except ValueError:  # only one kind of item answered: no d′ or c
        return math.nan


MEASURES = {"d_prime": "discernment d′", "c": "criterion c", "hit_rate": "hit rate",
            "false_alarm_rate": "false-alarm rate", "right": "share right"}


def changes(scores, resamples: int = 4000, level: float = 0.95, seed: int = 0):
    """The class's change from pre to post for every skill ('all' first) and measure: students in both tests,
    mean before and after, mean change and its paired bootstrap interval (NaN where fewer than 2 took both)."""
    import pandas as pd

    rows = []
    for skill in ("all", *SKILLS):
        mine = scores[scores["skill"] == skill]
        pre = mine[mine["test"] == "pre"].set_index("student")
        post = mine[mine["test"] == "post"].set_index("student")
        both = sorted(set(pre.index) & set(post.index))
        for measure in MEASURES:
            before = [float(pre.at[s, measure]) for s in both]
            after = [float(post.at[s, measure]) for s in both]
            pairs = [(a, b) for a, b in zip(before, after) if not (math.isnan(a) or math.isnan(b))]
            row = {"skill": skill, "measure": measure, "students": len(pairs),
                   "pre": statistics.fmean(a for a, _ in pairs) if pairs else math.nan,
                   "post": statistics.fmean(b for _, b in pairs) if pairs else math.nan,
                   "change": math.nan, "low": math.nan, "high": math.nan}
            if len(pairs) >= 2:
                change = paired_change([a for a, _ in pairs], [b for _, b in pairs], resamples, level, seed)
                row.update(change=change.mean, low=change.low, high=change.high)
            rows.append(row)
    return pd.DataFrame(rows)


def item_statistics(responses: Iterable[Response], items: dict[str, Item]):
    """One row per item and test it was taken in: students who answered it, the share right (difficulty), the
    corrected item-total point-biserial (discrimination: the item against the rest of its form), and flags."""
    import pandas as pd

    by_sitting: dict[tuple[str, str], dict[str, dict[str, bool]]] = {}  # (test, form) -> student -> item -> right
    for r in responses:
        if r.flagged is not None:
            by_sitting.setdefault((r.test, r.form), {}).setdefault(r.student, {})[r.item] = \
                r.flagged == items[r.item].signal
    rows = []
    for (test, form), students in sorted(by_sitting.items()):
        for item in form_items(items, form):
            takers = [s for s, answers in students.items() if item.id in answers]
            right = [students[s][item.id] for s in takers]
            rest = [sum(students[s].values()) - students[s][item.id] for s in takers]
            p = statistics.fmean(right) if right else math.nan
            r_pb = point_biserial(right, rest) if len(takers) >= 2 else math.nan
            rows.append({"item": item.id, "test": test, "form": form, "skill": item.skill, "signal": item.signal,
                         "answered": len(takers), "right": p, "discrimination": r_pb,
                         "flags": "; ".join(_flags(len(takers), p, r_pb))})
    return pd.DataFrame(rows, columns=["item", "test", "form", "skill", "signal", "answered", "right",
                                       "discrimination", "flags"])


def calibration(responses: Iterable[Response], items: dict[str, Item]):
    """How sure, and how right: per test and confidence level (1 guessing … 4 certain), the answers given and the
    share right. A well-calibrated class is right more often the surer it says it is."""
    import pandas as pd

    counts: dict[tuple[str, int], list[int]] = {}  # (test, level) -> [answers, right]
    for r in responses:
        if r.flagged is not None and r.confidence is not None:
            tally = counts.setdefault((r.test, r.confidence), [0, 0])
            tally[0] += 1
            tally[1] += r.flagged == items[r.item].signal
    rows = [{"test": test, "confidence": level, "how sure": CONFIDENCE[level], "answers": n, "right": right / n}
            for (test, level), (n, right) in sorted(counts.items(), key=lambda kv: (TESTS.index(kv[0][0]), kv[0][1]))]
    return pd.DataFrame(rows, columns=["test", "confidence", "how sure", "answers", "right"])


def _flags(n: int, p: float, r: float) -> list[str]:
    if n < FEW:
        return [f"fewer than {FEW} answers: too few to judge"]
    flags = []
    if p >= EASY:
        flags.append("almost everyone right: it tells students little apart")
    if p < HARD:
        flags.append("fewer than half right, below guessing: check its wording and key")
    if not math.isnan(r) and r < 0:
        flags.append("negative discrimination: the strongest students got it wrong more often — check the key")
    elif not math.isnan(r) and r < WEAK:
        flags.append(f"weak discrimination (below {WEAK}): it does not follow the rest of the test")
    return flags


# -- the words -----------------------------------------------------------------------------------------------------------
def _interval(row) -> str:
    return f"{row['change']:+.2f} (95% interval {row['low']:+.2f} to {row['high']:+.2f})"


def _direction(row) -> int:
    """+1 if the whole interval is above 0, −1 if below, 0 if it includes 0 (or cannot be computed)."""
    if math.isnan(row["change"]):
        return 0
    return 1 if row["low"] > 0 else -1 if row["high"] < 0 else 0


def summary(change_table, scores, mist=None) -> str:
    """A paragraph in plain words: did the class become more discerning, or only more suspicious?"""
    rows = {(r["skill"], r["measure"]): r for r in change_table.to_dict("records")}
    d, c = rows[("all", "d_prime")], rows[("all", "c")]
    sat = {t: scores[(scores["skill"] == "all") & (scores["test"] == t)]["student"].nunique() for t in TESTS}
    if d["students"] < 2:
        return (f"{sat['pre']} students took the pre-test and {sat['post']} the post-test, but fewer than two took "
                "both, so there is no change to report yet.")
    words = [f"{d['students']} students took both tests ({sat['pre']} the pre-test, {sat['post']} the post-test)."]
    d_dir, c_dir = _direction(d), _direction(c)
    words.append({1: f"Their discernment — telling items that hold up from items that do not — rose: d′ changed by "
                     f"{_interval(d)}.",
                  -1: f"Their discernment fell: d′ changed by {_interval(d)}.",
                  0: f"Their discernment did not clearly change: d′ changed by {_interval(d)}, an interval that "
                     "includes no change."}[d_dir])
    words.append({-1: f"They became readier to flag items, more suspicious overall: criterion c changed by "
                      f"{_interval(c)}.",
                  1: f"They became readier to let items pass, more trusting overall: criterion c changed by "
                     f"{_interval(c)}.",
                  0: f"How readily they flag did not clearly shift: criterion c changed by {_interval(c)}."}[c_dir])
    if d_dir == 1:
        words.append("The class got better at discerning, not merely at doubting.")
    elif c_dir == -1:
        words.append("Caution: the class became more suspicious without becoming more discerning; flagging more "
                     "items, credible ones included, is not the skill the lessons teach.")
    up = [s for s in SKILLS if _direction(rows[(s, "right")]) == 1]
    down = [s for s in SKILLS if _direction(rows[(s, "right")]) == -1]
    if up or down:
        words.append("By skill (share right): " + "; ".join(
            [f"clearly better in {', '.join(up)}"] * bool(up) + [f"clearly worse in {', '.join(down)}"] * bool(down))
            + ". With four items per skill and form, these are coarse.")
    else:
        words.append("No single skill changed clearly (with four items per skill and form, only large changes show).")
    pre_forms = set(scores[(scores["test"] == "pre")]["form"])
    if len(pre_forms) == 1:
        words.append(f"Everyone took form {next(iter(pre_forms))} first, so a difference in difficulty between the "
                     "forms cannot be told apart from learning.")
    if mist is not None and "V" in mist and mist["V"].notna().any():
        pre = mist[mist["test"] == "pre"].set_index("student")["V"]
        post = mist[mist["test"] == "post"].set_index("student")["V"]
        both = sorted(set(pre.dropna().index) & set(post.dropna().index))
        if len(both) >= 2:
            m = paired_change([pre[s] for s in both], [post[s] for s in both])
            words.append(f"On the MIST, veracity discernment (V) changed by {m.mean:+.2f} (95% interval "
                         f"{m.low:+.2f} to {m.high:+.2f}) for the {m.n} students with both scores.")
    return " ".join(words)


# -- the report: the analysis notebook, run ---------------------------------------------------------------------------
NOTEBOOK = Path(__file__).resolve().parent / "notebooks" / "assessment-analysis.ipynb"


def report(course, responses: str = "", mist: str = "", names: bool = False, simulate: bool = False,
           timeout: int = 600) -> Path:
    """`make assessment`: the class's responses (the CSV given, else read from the gradebook and the submitted
    answer files into grading/exports/assessment-responses.csv), then the analysis notebook run on them into
    grading/exports/assessment-analysis.ipynb and .html. ``simulate``: a simulated class instead (to try it)."""
    import os

    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    exports = course.exports
    exports.mkdir(parents=True, exist_ok=True)
    env = {"MEDIALIT_NAMES": "1" if names else "", "MEDIALIT_SIMULATE": "1" if simulate else "",
           "MEDIALIT_RESPONSES": "", "MEDIALIT_MIST": ""}
    for name, given in (("responses", responses), ("MIST scores", mist)):
        if given and not Path(given).is_file():
            raise ToolError(f"The {name} file {given} does not exist.")
    if mist:
        read_mist(mist)  # a file without the columns is refused here, in words, before the notebook starts
        env["MEDIALIT_MIST"] = str(Path(mist).resolve())
    if responses:
        read_responses(responses, load_items())
        env["MEDIALIT_RESPONSES"] = str(Path(responses).resolve())
    elif not simulate:
        found, problems = responses_from_course(course, load_items())
        for line in problems:
            print(f"left out: {line}", flush=True)
        if not found:
            raise ToolError("No answers to the pre- or post-test were found in the gradebook "
                            f"({course.gradebook_name}); `make assessment SIMULATE=1` shows the report on a "
                            "simulated class.")
        env["MEDIALIT_RESPONSES"] = str(write_responses(found, exports / "assessment-responses.csv"))
        print(f"{len(found)} answers written to grading/exports/assessment-responses.csv", flush=True)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits them: the notebook's parameters
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(exports)}}).execute()
    except Exception as error:  # noqa: BLE001 - a cell that fails is reported with the notebook's own words
        raise ToolError(f"the analysis notebook stopped: {str(error).strip().splitlines()[-1][:500]}") from None
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
    target = exports / "assessment-analysis.ipynb"
    nbformat.write(nb, target)
    html, _ = HTMLExporter().from_notebook_node(nb)
    target.with_suffix(".html").write_text(html, encoding="utf-8")
    return target


# -- a class with a known effect -----------------------------------------------------------------------------------------
def simulate_class(items: dict[str, Item], students: int = 30, d: float = 1.0, c: float = 0.0,
                   change_d: float = 0.0, change_c: float = 0.0, skill_change: dict[str, float] | None = None,
                   miskeyed: Sequence[str] = (), first_form: str = "A", spread: float = 0.5,
                   seed: int = 0) -> list[Response]:
    """A simulated class (the equal-variance signal-detection model): each student has a sensitivity around ``d``
    and a criterion around ``c`` (normal, sd ``spread`` and ``spread / 2``); between the tests every student's
    sensitivity grows by ``change_d`` (plus ``skill_change[skill]`` on that skill's items) and their criterion moves
    by ``change_c`` (negative: readier to flag). An item in ``miskeyed`` is answered as if its key were the other
    way round, as a wrongly keyed item would be. Confidence grows with the distance from the criterion. The pre-test
    uses ``first_form``, the post-test the other."""
    rng = random.Random(seed)
    forms = {"pre": first_form, "post": "B" if first_form == "A" else "A"}
    out = []
    for n in range(1, students + 1):
        student = f"student{n:03d}"
        sensitivity, criterion = rng.gauss(d, spread), rng.gauss(c, spread / 2)
        for test, form in forms.items():
            for item in form_items(items, form):
                d_here = sensitivity
                c_here = criterion
                if test == "post":
                    d_here += change_d + (skill_change or {}).get(item.skill, 0.0)
                    c_here += change_c
                signal = item.signal != (item.id in miskeyed)
                evidence = rng.gauss(d_here / 2 if signal else -d_here / 2, 1.0)
                distance = abs(evidence - c_here)
                confidence = 1 if distance < 0.3 else 2 if distance < 0.8 else 3 if distance < 1.5 else 4
                out.append(Response(student, test, form, item.id, evidence > c_here, confidence))
    return out
