"""Every assignment (each lesson's data track and its no-code core track), through the kit's grader in a temporary
copy of the course: generate the student version, then autograde (`python -m medialit_grader autograde`: sandboxed
run, trusted scoring)

- data track: (a) the solution notebook → full autograded marks, (b) the untouched student notebook → 0 without a
  crash, (c) a partly correct submission → strictly in between;
- core track: (a) the untouched student notebook with the answer file that running the core solution wrote → full
  marks, (b) the untouched notebook alone → 0, (c) a partly right answer file → in between, (d) a blanket answer
  (every item the same label, every option ticked, every word marked, …; the best such label for each question) →
  at most a third.

Plain `nbgrader autograde` refuses the course and names the kit's command."""

import json
import runpy
import shutil

import nbformat
import pytest

import kit
from medialit.widgets import display_order
from medialit_grader import exercises as ex
from test_grading_kit import tools


def partial(lesson: str) -> dict | None:
    path = kit.ROOT / "tests" / "partials" / f"{lesson}.py"
    return runpy.run_path(str(path))["PARTIAL"] if path.exists() else None


# run last in a copy of a core solution: what each widget offers, for the blanket answers
SPEC_CELL = """
import json as _json
_specs = {}
for _q, _w in lab.widgets.items():
    _s = {"kind": _w.kind}
    for _k in ("options", "items", "labels", "texts", "scale", "actors", "claims", "extent", "ids", "units"):
        if getattr(_w, _k, None) is not None:
            _s[_k] = getattr(_w, _k)
    _specs[_q] = _s
with open("widget-specs.json", "w", encoding="utf-8") as _f:
    _json.dump(_specs, _f, default=lambda o: list(o) if not isinstance(o, dict) else dict(o))
"""


def blankets(question: str, spec: dict) -> list:
    """The blanket answers to one widget question: the same verdict for everything it asks about."""
    kind = spec["kind"]
    labels = spec.get("labels") or ["marked"]
    if kind == "single_choice":
        return [spec["options"][0]]
    if kind == "checklist":
        return [list(spec["options"])]
    if kind == "rating":
        return [1]
    if kind == "label_table":
        return [{item: label for item in spec["items"]} for label in labels]
    if kind == "judgement_table":
        return [{item: {"verdict": verdict, "confidence": 4} for item in spec["items"]} for verdict in ("flag", "pass")]
    if kind in ("span_labeller", "word_marker"):
        texts, units = spec["texts"], spec["units"]
        if kind == "word_marker":  # every word marked: one span per text
            return [[{"item": i, "start": units[i][0][0], "end": units[i][-1][1], "label": label,
                      "text": texts[i][units[i][0][0]:units[i][-1][1]]} for i in texts if units[i]]
                    for label in labels]
        return [[{"item": i, "start": a, "end": b, "label": label, "text": texts[i][a:b]}
                 for i in texts for a, b in units[i]] for label in labels]
    if kind == "intervals":
        return [{item: [0, None] for item in spec["items"]}]
    if kind == "relay_graph":
        actors, claims = spec["actors"], spec.get("claims")
        pairs = [[a, b] for a in actors for b in actors if a != b]
        return [sorted(p + [c] for p in pairs for c in claims)] if claims else [sorted(pairs)]
    if kind == "ranking":
        ids = spec.get("ids") or list(spec["items"])
        return [display_order(question, ids)]
    if kind == "map_point":
        lon_min, lon_max, lat_min, lat_max = spec["extent"]
        return [[round((lat_min + lat_max) / 2, 3), round((lon_min + lon_max) / 2, 3)]]
    if kind == "shadow_marks":  # the same pole and shadow on any picture: a pole mid-frame, its shadow one way
        x_min, x_max, y_min, y_max = spec["extent"]
        width, height = x_max - x_min + 1, y_max - y_min + 1
        x, y, length = x_min + width // 2, y_min + 3 * height // 4, min(width, height) // 4
        tips = [(x - length, y), (x + length, y), (x, y_max), (x, y - length // 2)]  # left, right, nearer, farther
        return [{p: xy for p, xy in {"base": [x, y], "top": [x, y - length], "tip": list(tip)}.items()
                 if p in spec["items"]} for tip in tips]
    if kind == "investigation":  # the same verdict for every claim: after opening the first result, or nothing
        from medialit import load_web
        from medialit.web import VERDICTS

        web, out = load_web(), []
        for verdict in VERDICTS:
            looked, guessed = [], []
            for n, (claim, text) in enumerate(spec["claims"].items()):
                first, t = web.search(text)[0].id, 1.8e9 + 100 * n
                looked += [{"t": t, "claim": claim, "do": "search", "query": text},
                           {"t": t + 1, "claim": claim, "do": "open", "page": first, "rank": 1},
                           {"t": t + 2, "claim": claim, "do": "cite", "page": first}]
                guessed += [{"t": t + 3, "claim": claim, "do": "verdict", "verdict": verdict, "confidence": "high"}]
            out += [looked + guessed, guessed]
        return out
    raise AssertionError(f"{question}: no blanket answer for a {kind} widget")


def automatic_score(lesson: str, answers: dict) -> float:
    total = 0.0
    for e in ex.for_lesson(lesson).values():
        if e.automatic:
            total += ex.score(e, {"answer": {q: answers.get(q) for q in e.answer.questions}}).points
    return total


def best_blanket(lesson: str, specs: dict) -> dict:
    """For each question, the blanket that scores most (the others held): the strongest "flag everything" student."""
    options = {q: blankets(q, spec) for q, spec in specs.items()}
    chosen = {q: values[0] for q, values in options.items()}
    for _ in range(2):
        for q, values in options.items():
            chosen[q] = max(values, key=lambda v: automatic_score(lesson, {**chosen, q: v}))
    return chosen


# One xdist group per assignment: the module-scoped course is built once, on one worker.
@pytest.fixture(scope="module", params=[pytest.param(n, marks=pytest.mark.xdist_group(f"roundtrip-{n}"))
                                        for n in kit.ASSIGNMENTS])
def graded(request, tmp_path_factory):
    lesson = request.param
    core = lesson in kit.CORE  # a core track, or the pre- or post-test: answered with widgets only
    tmp = tmp_path_factory.mktemp(lesson)
    course = kit.make_course(tmp, [lesson])
    tools(course, "assignments")  # a core track's nbgrader source, made from the lesson's one source
    # a solution run leaves widget answers beside the solution: they must neither ship nor overwrite a student's
    source = course / "solutions" / lesson
    base = lesson.removesuffix("-core")
    (source / f"answers-{base}.json").write_text(
        json.dumps({"kit": "medialit", "format": 1, "lesson": base, "answers": {}}), encoding="utf-8")
    kit.nbgrader(course, "generate_assignment", lesson, "--force")
    release = nbformat.read(course / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    solution = kit.solution(lesson)  # the lesson's one source, this track's cells
    spec = partial(lesson)
    assert spec, f"tests/partials/{lesson}.py is missing: every assignment needs a partly correct submission"
    extra = {}
    if core:
        run = tmp / "run"
        shutil.copytree(source, run, ignore=shutil.ignore_patterns("answers-*.json"))
        solution.cells.append(nbformat.v4.new_code_cell(SPEC_CELL))
        nbformat.write(solution, run / f"{lesson}.ipynb")
        executed = kit.execute(run / f"{lesson}.ipynb")
        assert not kit.problems(executed), kit.problems(executed)
        written = json.loads((run / f"answers-{base}.json").read_text(encoding="utf-8"))["answers"]
        answers = {q: entry["value"] for q, entry in written.items()}
        specs = json.loads((run / "widget-specs.json").read_text(encoding="utf-8"))
        blanket = best_blanket(lesson, specs)
        kit.submit(course, "solution", lesson, release, answers)
        kit.submit(course, "blanket", lesson, release, blanket)
        extra = {"answers": answers, "specs": specs, "blanket": blanket}
    else:
        kit.submit(course, "solution", lesson, solution)
    kit.submit(course, "untouched", lesson, release)
    kit.submit(course, "partial", lesson, kit.fill(release, spec["cells"]), spec.get("answers"))
    result = tools(course, "autograde", lesson, "--force", timeout=900)
    return lesson, course, kit.scores(course, lesson), result, extra


def test_solution_gets_full_autograded_marks(graded):
    lesson, course, scores, _, _ = graded
    s = scores["solution"]
    assert s["__max_auto__"] >= 10
    assert s["__auto__"] == s["__max_auto__"], {k: v for k, v in s.items()}


def test_untouched_student_notebook_gets_zero_without_crashing(graded):
    lesson, course, scores, result, _ = graded
    assert "untouched" in scores, result.stdout + result.stderr
    assert scores["untouched"]["__auto__"] == 0, scores["untouched"]
    assert (course / "grading" / "autograded" / "untouched" / lesson / f"{lesson}.ipynb").exists()


def test_partly_correct_submission_scores_in_between(graded):
    lesson, course, scores, _, _ = graded
    s = scores["partial"]
    assert 0 < s["__auto__"] < s["__max_auto__"], s


def test_release_ships_no_answers_and_no_teacher_notes(graded):
    lesson, course, _, _, _ = graded
    shipped = sorted(p.name for p in (course / "lessons" / lesson).rglob("*") if p.is_file())
    assert not [n for n in shipped if n.startswith("answers-") or n.startswith("teacher-notes")], shipped


def test_source_answer_file_never_overwrites_a_students(graded):
    lesson, course, _, _, _ = graded
    # the untouched student handed in no answer file: the solution folder's must not appear in their work
    base = lesson.removesuffix("-core")
    assert not (course / "grading" / "autograded" / "untouched" / lesson / f"answers-{base}.json").exists()
    partial = json.loads((course / "grading" / "autograded" / "partial" / lesson / f"answers-{base}.json")
                         .read_text(encoding="utf-8"))
    assert partial["answers"], "the student's own answers were replaced"


def test_committed_release_equals_what_nbgrader_generates(graded):
    lesson, course, _, _, _ = graded
    made = nbformat.read(course / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    committed = nbformat.read(kit.ROOT / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)

    def cells(nb):
        return [(c.cell_type, c.source, json.dumps(c.metadata.get("nbgrader", {}), sort_keys=True)) for c in nb.cells]

    assert cells(made) == cells(committed), f"lessons/{lesson} is stale: run `make lessons`"
    made_files = sorted(p.name for p in (course / "lessons" / lesson).iterdir())
    committed_files = sorted(p.name for p in (kit.ROOT / "lessons" / lesson).iterdir()
                             if not p.name.startswith(("answers-", ".")))
    assert made_files == committed_files


def test_plain_nbgrader_autograde_refuses_and_names_make_autograde(graded):
    lesson, course, _, _, _ = graded
    result = kit.nbgrader(course, "autograde", lesson, "--force", "--student", "solution", check=False)
    assert result.returncode != 0
    assert f"make autograde LESSON={lesson}" in result.stdout + result.stderr


def test_core_blanket_answers_score_at_most_a_third(graded):
    """'Everything is questionable', 'every span is loaded language': the best blanket answer for each widget of
    the core track, handed in through the grader, scores at most a third of the automatic points."""
    lesson, course, scores, _, extra = graded
    if lesson not in kit.CORE:
        pytest.skip("the data track's answers are code: see the keys tests of each lesson")
    if lesson in kit.ASSESSMENTS:
        pytest.skip("the pre- and post-test are graded for completion: flagging everything is scored by the "
                    "analysis as no discernment (tests/test_assessment.py)")
    s = scores["blanket"]
    assert s["__auto__"] <= s["__max_auto__"] / 3, (s, extra["blanket"])
    # the trusted rules, called here, agree with what the grader stored
    assert abs(automatic_score(lesson, extra["blanket"]) - s["__auto__"]) < 0.01


def test_core_solution_answers_are_widget_answers_only(graded):
    """The core track's full marks come from the answer file alone: every automatic exercise reads widgets."""
    lesson, _, _, _, extra = graded
    if lesson not in kit.CORE:
        pytest.skip("core track only")
    questions = {q for e in ex.for_lesson(lesson).values() if e.automatic for q in e.answer.questions}
    assert questions <= set(extra["answers"]), questions - set(extra["answers"])
    assert questions <= set(extra["specs"]), "every question has a widget in the core notebook"
