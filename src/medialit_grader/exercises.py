"""Every graded exercise of the course, declared once.

An exercise's one home is its declaration in ``medialit_grader/lessons/lessonNN.py``: a course-wide unique id, the
lesson, its grade cell, points, how the answer is handed in (``Value``, ``Widget``, ``Call`` or ``Written``), the key
and where it comes from, the scoring rule and the hint. Everything reads it:

- the grader (``trusted.py``): the probe it puts in each test cell of the notebook it runs in the sandbox, and the
  scoring of the plain data that comes back, in the grader's own process;
- the student's self-check (``lab.check``): the public part (id, name, points, hint), which ``make lessons`` writes
  to ``src/medialit/exercises.json`` (:func:`write_public`; a test checks it is up to date). The form checks a
  student may run live in ``medialit/checks/lessonNN.py`` under the same ids: they test the form of an answer,
  never its content;
- the class report (questions, points, hints) and the tests.

Keys and rules stay on this side: this package is never installed in the sandbox or the student bundle.

Writing a rule: ``rule(answer, key)`` gets the student's answer as plain JSON data (never an object) and the key;
it returns None (full points) or a fraction in [0, 1], and raises ``Wrong("why")`` for 0 points. A rule must treat
the answer as hostile data: any other exception also scores 0 ("the answer has an unexpected form"). Its messages
go into the student's feedback, so they say what is wrong without giving the key away. A rule never compiles a
student's text as a regular expression or runs it: that is done in the sandbox with ``Call``.
"""

from __future__ import annotations

import functools
import importlib
import json
import math
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .errors import Wrong


def require(condition: bool, message: str) -> None:
    if not condition:
        raise Wrong(message)


# -- how an answer is handed in -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Value:
    """The value of a variable the student set (converted to plain data in the sandbox)."""

    name: str

    def probe(self) -> dict:
        return {"probe": "value", "name": self.name}


@dataclass(frozen=True)
class Widget:
    """The saved answers of one or more widget questions: the rule gets {question: value or None}."""

    questions: tuple[str, ...]

    def __init__(self, *questions: str):
        object.__setattr__(self, "questions", tuple(questions))

    def probe(self) -> dict:
        return {"probe": "widget", "questions": list(self.questions)}


@dataclass(frozen=True)
class Call:
    """Call a function in the sandbox on inputs the grader chooses; the rule gets one {"ok": result} or
    {"error": "..."} per case, in order. ``function`` is the student's variable, or "medialit.module:attr" for a
    public helper applied to the student's value (e.g. a regular expression run over the corpus). Arguments are JSON
    values, ``Name("x")`` for the student's variable x, or ``Build("medialit.checks.lessonNN:attr")`` for an input a
    public builder makes (the grader calls the same builder here to compute the key)."""

    function: str
    cases: tuple = ()
    public: bool = False

    def probe(self) -> dict:
        target = self.function if self.public else {"$name": self.function}
        return {"probe": "call", "function": target, "cases": [list(map(_arg, case)) for case in self.cases]}


@dataclass(frozen=True)
class Several:
    """Several answers at once, e.g. ``Several(spans=Call(...), scores=Value("practice_scores"))``: the rule gets
    {part: plain answer, or None where that part could not be handed in}."""

    parts: tuple

    def __init__(self, **parts):
        object.__setattr__(self, "parts", tuple(sorted(parts.items())))

    def probe(self) -> dict:
        return {"probe": "several", "parts": {key: part.probe() for key, part in self.parts}}


@dataclass(frozen=True)
class Name:
    name: str


@dataclass(frozen=True)
class Build:
    builder: str

    def make(self):
        module, _, attr = self.builder.partition(":")
        return getattr(importlib.import_module(module), attr)()


def _arg(a):
    if isinstance(a, Name):
        return {"$name": a.name}
    if isinstance(a, Build):
        return {"$build": a.builder}
    return {"$literal": a}


@dataclass(frozen=True)
class Written:
    """A written answer the teacher grades with the rubric in the solution (nbgrader's manual grading)."""

    def probe(self) -> None:
        return None


KINDS = {Value: "value", Widget: "widget", Call: "function", Several: "value", Written: "written"}

# The tracks an exercise is in (medialit_grader/tracks.py): the data track NN-slug, the no-code track NN-slug-core.
BOTH = ("data", "core")
DATA = ("data",)
CORE = ("core",)


@dataclass(frozen=True, eq=False)
class Exercise:
    id: str                        # unique across the course: "<lesson number>.<n>", e.g. "1.6"
    lesson: str                    # "01-corpus"
    cell: str                      # the grade cell's nbgrader grade_id
    points: float
    answer: Any                    # Value | Widget | Call | Written
    name: str = ""                 # what the student answers with, as the self-check names it
    hint: str = ""
    key: Callable[[], Any] | None = None   # computes the key from instructor-side data (called once, cached)
    key_source: str = ""           # where the key comes from, for teachers and reviewers
    rule: Callable[[Any, Any], float | None] | None = None
    judgement: bool = False        # a judgement item (discernment), not a programming mechanic
    further: bool = False          # in the lesson's "Going further" part: beyond the hour, reported separately
    tracks: tuple = BOTH           # the assignments it is in: DATA (code to write), CORE (widgets only) or BOTH
    minutes: float | None = None   # a student's time for it, where its kind's usual time does not fit (timing.py)

    @property
    def kind(self) -> str:
        return KINDS[type(self.answer)]

    @property
    def automatic(self) -> bool:
        return not isinstance(self.answer, Written)

    def the_key(self):
        return _key(self)

    def public(self) -> dict:
        return {"lesson": self.lesson, "cell": self.cell, "points": self.points, "kind": self.kind,
                "name": self.name, "hint": self.hint, "judgement": self.judgement,
                "further": self.further, "tracks": list(self.tracks)}


_KEYS: dict[str, Any] = {}


def _key(exercise: Exercise):
    """The key, computed once per process (by id: an exercise's fields need not be hashable)."""
    if exercise.id not in _KEYS:
        _KEYS[exercise.id] = exercise.key() if exercise.key is not None else None
    return _KEYS[exercise.id]


class Partly(float):
    """A rule's fraction with the reason it is not full, for the feedback: ``return Partly(0.6, "3 of 5 found")``."""

    def __new__(cls, fraction: float, why: str):
        value = super().__new__(cls, fraction)
        value.why = why
        return value


@dataclass
class Result:
    exercise: Exercise
    points: float
    message: str
    answered: bool = True          # False: nothing usable was handed in ("no answer yet", an error)

    @property
    def full(self) -> bool:
        return math.isclose(self.points, self.exercise.points)


def score(exercise: Exercise, handed_in: dict | None) -> Result:
    """Score one exercise from what came out of the sandbox: {"answer": plain} or {"error": "..."} or None.
    Runs only in the grader's process; never raises for anything a student handed in."""
    if handed_in is None:
        return Result(exercise, 0.0, "no answer reached the grader (the cell did not run to its end)", False)
    if "answer" not in handed_in:
        return Result(exercise, 0.0, f"no answer: {str(handed_in.get('error', 'not given'))[:300]}", False)
    answer = handed_in["answer"]
    if _empty(answer):
        return Result(exercise, 0.0, "no answer yet", False)
    key = exercise.the_key()  # outside the try: a key that cannot be computed is the teacher's error, never a 0
    try:
        verdict = exercise.rule(answer, key)
    except Wrong as wrong:
        return Result(exercise, 0.0, str(wrong) or "not right yet")
    except RecursionError:
        return Result(exercise, 0.0, "the answer is nested too deeply to read")
    except Exception as error:  # noqa: BLE001 - a malformed answer is a wrong answer
        return Result(exercise, 0.0, f"the answer has an unexpected form ({type(error).__name__})")
    fraction = 1.0 if verdict is None else float(verdict)
    fraction = min(1.0, max(0.0, fraction)) if math.isfinite(fraction) else 0.0
    points = round(exercise.points * fraction, 2)
    message = "right" if fraction == 1 else f"partly right ({points:g} of {exercise.points:g} points)"
    if fraction < 1 and isinstance(verdict, Partly):
        message += f": {verdict.why}"
    return Result(exercise, points, message)


def _empty(answer) -> bool:
    if answer is None:
        return True
    if isinstance(answer, dict) and answer and all(v is None for v in answer.values()) and \
            not {"index", "columns", "kind"} & set(answer):
        return True  # widget questions none of which is answered
    if isinstance(answer, list) and answer and all(isinstance(c, dict) and set(c) == {"ok"} and c["ok"] is None
                                                   for c in answer):
        return True  # a public helper applied to a value not given yet (`...`)
    return False


# -- the registry --------------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def all_exercises() -> tuple[Exercise, ...]:
    """Every exercise of the course, from medialit_grader/lessons/*.py, checked: ids and cells unique."""
    from . import lessons

    found: list[Exercise] = []
    for info in sorted(pkgutil.iter_modules(lessons.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{lessons.__name__}.{info.name}")
        found.extend(module.EXERCISES)
    ids, cells = {}, {}
    for ex in found:
        if ex.id in ids:
            raise ValueError(f"exercise id {ex.id!r} is declared twice ({ids[ex.id].lesson} and {ex.lesson})")
        if (ex.lesson, ex.cell) in cells:
            raise ValueError(f"{ex.lesson}: grade cell {ex.cell!r} has two exercises")
        check_declaration(ex)
        ids[ex.id] = ex
        cells[(ex.lesson, ex.cell)] = ex
    return tuple(found)


def check_declaration(ex: Exercise) -> None:
    """Raise ValueError for a declaration that cannot be graded as declared."""
    if ex.automatic and ex.rule is None:
        raise ValueError(f"exercise {ex.id} has no scoring rule")
    if not ex.tracks or set(ex.tracks) - set(BOTH):
        raise ValueError(f"exercise {ex.id}: tracks must be DATA, CORE or BOTH, found {ex.tracks!r}")
    if "core" in ex.tracks and ex.automatic and not isinstance(ex.answer, Widget):
        raise ValueError(f"exercise {ex.id} is in the core track but is answered with code ({ex.kind}): the "
                         "core track's automatic points are earned with widgets only")


def for_lesson(lesson: str) -> dict[str, Exercise]:
    """{grade cell id: exercise} of one assignment: a lesson's data track ("01-corpus") or core track
    ("01-corpus-core")."""
    from .tracks import split

    base, track = split(lesson)
    return {ex.cell: ex for ex in all_exercises() if ex.lesson == base and track in ex.tracks}


def by_id(exercise_id: str) -> Exercise:
    for ex in all_exercises():
        if ex.id == exercise_id:
            return ex
    raise KeyError(exercise_id)


PUBLIC = Path(__file__).resolve().parents[1] / "medialit" / "exercises.json"


def public_text() -> str:
    data = {ex.id: ex.public() for ex in all_exercises()}
    return json.dumps({"about": "Generated by `make lessons` from medialit_grader/lessons/*.py: the public part of "
                                "each exercise (no keys). Do not edit.", "exercises": data},
                      indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def write_public(path: Path = PUBLIC) -> bool:
    """Write src/medialit/exercises.json; True if it changed."""
    text = public_text()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def check_notebook(lesson: str, nb) -> list[str]:
    """Where an assignment's notebook and its declarations disagree (grade cells, points), and in the core track a
    cell that asks for code: one sentence each. ``nb`` may be the lesson's source (both tracks' cells)."""
    from .tracks import for_track, split

    track = split(lesson)[1]
    nb = for_track(nb, track)
    declared = for_lesson(lesson)
    problems, seen = [], set()
    if track == "core":
        problems += [f"{lesson}: cell {cell.get('id', '?')} asks the student to write code ({why}); the core track "
                     "asks for none" for cell in nb.cells if (why := asks_for_code(cell))]
    import re

    base = split(lesson)[0]
    for cell in nb.cells:  # both tracks share the setup cell and the answer file: ml.lesson("<lesson>")
        for named in re.findall(r"\bml\.lesson\(\s*[\"']([^\"']+)[\"']", cell.source if cell.cell_type == "code" else ""):
            if named != base:
                problems.append(f"{lesson}: cell {cell.get('id', '?')} starts ml.lesson({named!r}); both tracks "
                                f"share one setup cell that starts ml.lesson({base!r}) (answers-{base}.json)")
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if not isinstance(meta, dict) or not meta.get("grade"):
            continue
        name = meta.get("grade_id")
        seen.add(name)
        ex = declared.get(name)
        if ex is None:
            problems.append(f"{lesson}: grade cell {name!r} has no exercise declared in "
                            f"medialit_grader/lessons/")
            continue
        if float(meta.get("points", -1)) != float(ex.points):
            problems.append(f"{lesson}: grade cell {name!r} gives {meta.get('points')} points, exercise {ex.id} "
                            f"declares {ex.points:g}")
        if (cell.cell_type == "markdown") != isinstance(ex.answer, Written):
            problems.append(f"{lesson}: grade cell {name!r} is a {cell.cell_type} cell, exercise {ex.id} is "
                            f"{ex.kind}")
    for name in sorted(set(declared) - seen):
        problems.append(f"{lesson}: exercise {declared[name].id} names grade cell {name!r}, which the notebook "
                        "does not have")
    return problems


def asks_for_code(cell) -> str:
    """Why a cell of the student version would ask for code ("" if it does not): an answer cell whose code is all
    solution, or that leaves a ``...`` to replace. A widget cell keeps the line that makes the widget."""
    import re

    meta = cell.get("metadata", {}).get("nbgrader", {})
    if cell.get("cell_type") != "code" or not meta.get("solution"):
        return ""
    given = re.sub(r"### BEGIN SOLUTION.*?### END SOLUTION", "", cell.source, flags=re.S)
    code = [line for line in given.splitlines() if line.strip() and not line.strip().startswith("#")]
    if not code:
        return "nothing but a solution to write"
    if re.search(r"=\s*\.\.\.(\s|#|$)", given, re.M):
        return "a `...` to replace"
    if not re.search(r"\blab\.\w+\(", given):
        return "an answer cell without a widget"
    return ""


# -- rules most exercises share ---------------------------------------------------------------------------------
def ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def precision_recall(given: set, key: set) -> tuple[float, float]:
    hits = len(given & key)
    return ratio(hits, len(given)), ratio(hits, len(key))


def disputed(layer: str) -> frozenset[str]:
    """The units of a layer that stay disputed after adjudication (``medialit.disputed``: comment ids, or
    "doc:start-end" spans). Keys leave them out, or accept either reading: a student is never marked wrong where the
    kit's two annotators could not agree."""
    from medialit import disputed as read

    return read(layer)


def is_disputed(layer: str, doc: str, start: int, end: int) -> bool:
    """Does the span overlap a disputed unit of a span layer?"""
    for unit in disputed(layer):
        udoc, _, span = unit.partition(":")
        a, _, b = span.partition("-")
        if udoc == doc and int(a) < end and start < int(b):
            return True
    return False


def share_right(need: int, labels_of=None):
    """A rule for a label table: at least ``need`` items labelled as the key says ({item: label})."""
    def rule(answer, key):
        given = labels_of(answer) if labels_of else answer
        require(isinstance(given, dict), "answer every item with the widget")
        right = sum(given.get(k) == v for k, v in key.items())
        require(right >= need, f"{right} of {len(key)} right ({need} needed)")
    return rule


def flags(need_precision: float, need_recall: float, what: str = "items", of=None):
    """A rule for a judgement set (ticked options, flagged items): precision and recall against the key's set, so
    that ticking everything and ticking nothing both fail. ``of`` picks the set from the answer (``the_widget``)."""
    def rule(answer, key):
        answer = of(answer) if of else answer
        given = set(answer) if isinstance(answer, list) else set()
        p, r = precision_recall(given, set(key))
        require(p >= need_precision and r >= need_recall,
                f"precision {p:.2f}, recall {r:.2f} on the {what} (need {need_precision:.2f} and {need_recall:.2f})")
    return rule


def series_dict(answer) -> dict:
    """A pandas Series handed in ({"index", "values"}) or a plain dict, as {str(key): value}."""
    if isinstance(answer, dict) and set(answer) >= {"index", "values"}:
        require(len(answer["index"]) == len(answer["values"]), "the answer is not a well-formed Series")
        return {str(k): v for k, v in zip(answer["index"], answer["values"])}
    require(isinstance(answer, dict), "expected a pandas Series or a dict")
    return {str(k): v for k, v in answer.items()}


def frame_records(answer) -> list[dict]:
    """A pandas DataFrame handed in ({"columns", "index", "data"}) as a list of {column: value} rows."""
    require(isinstance(answer, dict) and {"columns", "data"} <= set(answer), "expected a pandas DataFrame")
    columns = [str(c) for c in answer["columns"]]
    return [dict(zip(columns, row)) for row in answer["data"]]


def word_marks(answer, question: str, items, labels=None) -> list[tuple]:
    """A word marker's answer (``lab.mark_words``) as (item, start, end, label) marks, at least one, each checked:
    one of ``items``, whole-number offsets with the start before the end, and with ``labels``, one of them."""
    spans = answer.get(question) if isinstance(answer, dict) else None
    require(isinstance(spans, list) and spans, f"mark the words with the widget of exercise {question}")
    marks = []
    for n, span in enumerate(spans, start=1):
        require(isinstance(span, dict), f"mark {n} does not come from the widget")
        item, start, end, label = (span.get(k) for k in ("item", "start", "end", "label"))
        require(item in items and type(start) is int and type(end) is int and 0 <= start < end,
                f"mark {n} needs one of the passages and a start before its end")
        require(labels is None or label in labels, f"mark {n} needs one of the labels: {', '.join(labels or [])}")
        marks.append((str(item), start, end, label))
    return marks


def words_touched(units, start: int, end: int) -> frozenset[int]:
    """The numbers of the words (their (start, end) as ``ml.text_units`` gives them) that a stretch touches."""
    return frozenset(n for n, (a, b) in enumerate(units) if a < end and start < b)


def the_widget(question: str):
    """For a Widget answer: the value of one question."""
    def pick(answer):
        return answer.get(question) if isinstance(answer, dict) else None
    return pick


def check_all(course) -> list[str]:
    """Every lesson's solution notebook against its declarations, and the course-wide registry itself."""
    try:
        all_exercises()
    except ValueError as error:
        return [str(error)]
    from . import tracks

    problems = []
    for lesson in course.lessons():
        try:
            nb = tracks.notebook(course, lesson)
        except ValueError as error:
            problems.append(f"{lesson}: {error}")
            continue
        problems += check_notebook(lesson, nb)
        course.source(lesson)  # a core track's nbgrader source, brought up to date
    return problems
