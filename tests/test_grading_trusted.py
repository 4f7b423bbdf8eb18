"""Trusted grading against a determined student. One run of `make autograde` grades a class in which every trick
that was tried against the old grader (kernel and display hooks, patched error reporting, lying objects, patched
helpers, reading the test's variables, reading keys by any route, exfiltration into feedback, symlinked and copied
files, malformed metadata, timestamps and JSON, marker text) is handed in on top of an untouched notebook. Each must
end with: no points gained, everyone else graded, nothing leaked. Honest quirks (a damaged answer file, warnings on
stderr) must not cost the points of the rest. Lesson 01."""

from __future__ import annotations

import json
import os
import shutil

import nbformat
import pytest

import kit
from medialit_grader.exercises import for_lesson
from test_grading_kit import LESSON, course_copy, release, solution, status, tools, with_cell

FULL = sum(e.points for e in for_lesson(LESSON).values() if e.automatic)  # lesson 01's automatic points
pytestmark = pytest.mark.xdist_group("grading-trusted")
sandboxed = pytest.mark.skipif(not shutil.which("bwrap"), reason="bubblewrap is not installed")

# The values and the spans the answer keys hold: none of them may appear in anything a student gets back.
KEY_FILES = ["datasets/annotations/places.jsonl", "src/medialit_grader/lessons/lesson01.py"]

TRICKS = {
    # a value in every test cell's output: the old grader read scores from outputs
    "display_hook": ("comments_per_doc", "from IPython import get_ipython\n"
                     "get_ipython().events.register('post_run_cell', lambda r: display(2))\n"
                     "get_ipython().display_formatter.formatters['text/plain'].for_type(object, "
                     "lambda o, p, c: p.text('2'))"),
    "audit_hook": ("comments_per_doc", "import sys\nsys.addaudithook(lambda e, a: print(2) if e == 'exec' else None)"),
    # failures never reported
    "silent_errors": ("comments_per_doc", "ip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n"
                      "_orig = ip.run_cell_async\n"
                      "async def _quiet(*a, **k):\n    r = await _orig(*a, **k)\n    r.error_in_exec = None\n"
                      "    return r\nip.run_cell_async = _quiet"),
    # the same, hidden from a pattern scan
    "rot13_exec": ("comments_per_doc", "import codecs\ngetattr(__builtins__, 'ex' + 'ec')(codecs.decode("
                   "\"vzcbeg flf\\nflf.nqqnhqvgubbx(ynzoqn r, n: cevag(2))\", 'rot13'))"),
    # objects that agree with anything
    "lying_objects": ("comments_per_doc",
                      "class Yes(str):\n    def __eq__(self, other): return True\n    def __ne__(self, other): "
                      "return False\n    __hash__ = str.__hash__\n"
                      "class YesDict(dict):\n    def get(self, *a): return Yes('x')\n"
                      "    def __eq__(self, other): return True\n"
                      "lab.widgets.clear()\nlab.store.get = lambda q, d=None: YesDict() if q == '1.7' else Yes('x')\n"
                      "comments_per_doc = YesDict()\nrepeat_commenters = Yes('x')"),
    "fake_lab": ("comments_per_doc", "import sys\n"
                 "class Lab:\n    def answer(self, q):\n        class Y:\n            __eq__ = lambda s, o: True\n"
                 "        return Y()\n    def check(self, *a, **k): pass\n"
                 "sys.modules['__main__'].lab = Lab()"),
    "patched_helpers": ("deir_pattern", "import medialit as ml, medialit._probe as p\n"
                        "ml.precision_recall = lambda *a: type('S', (), {'recall': 1, 'precision': 1})()\n"
                        "p.to_plain = lambda v, *a, **k: {'index': [], 'values': []}"),
    # forged answers in place of the grader's
    "forged_answer": ("comments_per_doc", "from IPython.display import display\nget_ipython().events.register("
                      "'post_run_cell', lambda r: display({'application/vnd.medialit.answer+json': "
                      "{'exercise': '1.8', 'answer': {'1.8': 'x'}}}, raw=True))"),
    # the test's own variables and frames
    "reads_test_variables": ("comments_per_doc", "import sys, inspect\n"
                             "def spy(frame, event, arg):\n    print(sorted(frame.f_globals.get('In', [])[-1:]))\n"
                             "    return None\nsys.settrace(spy)\n"
                             "get_ipython().events.register('pre_run_cell', lambda info: print('SPY', info.raw_cell))"),
    # the keys by any route, and whatever it finds printed into its own feedback
    "reads_keys": ("deir_pattern",
                   "import medialit as ml, os, json\nfound = []\n"
                   "try:\n    g = getattr(ml, 'load_' + 'annot' + 'ations')('places')\n"
                   "    deir_pattern = '|'.join(sorted(set(g[g.label == 'Deir ez-Zor'].text)))\n"
                   "except Exception as e:\n    print('no keys:', type(e).__name__)\n"
                   "for top, dirs, files in os.walk('/', onerror=lambda e: None):\n"
                   "    dirs[:] = [d for d in dirs if d not in ('proc', 'sys', 'dev', 'site-packages')\n"
                   "               and os.path.join(top, d) != '/usr']\n"
                   "    for f in files:\n"
                   "        if f.endswith('.jsonl') or f in ('lesson01.py', 'exercises.py', 'teacher-notes.md') "
                   "or f.endswith('.ipynb'):\n"
                   "            p = os.path.join(top, f)\n"
                   "            if 'site-packages' not in p and '/usr/' not in p:\n"
                   "                found.append(p)\n"
                   "                try:\n                    print(open(p).read()[:300])\n"
                   "                except OSError:\n                    pass\n"
                   "print('FOUND', found)"),
    # the kernel's runtime folder is the one host folder it can write: a small tmpfs of the worker's own
    "fills_runtime": ("comments_per_doc", "import os, sys\nrun = os.path.dirname(sys.argv[sys.argv.index('-f') + 1])\n"
                      "written = 0\nfor i in range(20):\n    try:\n"
                      "        with open(os.path.join(run, f'fill{i}'), 'wb') as f:\n            f.write(b'0' * 4 * 2**20)\n"
                      "        written += 4\n    except OSError as e:\n        print('runtime full:', type(e).__name__)\n"
                      "        break\nprint('RUNTIME', written, 'MB')"),
    "prints_marker": ("comments_per_doc", "print('### BEGIN HIDDEN TESTS\\n### END HIDDEN TESTS')"),
    "kills_kernel": ("median_length", "import os\nos._exit(0)"),
}


def _class(course):
    sol, rel = solution(), release()
    kit.submit(course, "honest", LESSON, sol)
    for student, (cell, code) in TRICKS.items():
        kit.submit(course, student, LESSON, with_cell(rel, cell, code))
    # a notebook that is a link to a classmate's, and an answer file linked to the solutions
    folder = kit.submit(course, "linked_notebook", LESSON)
    os.symlink(course / "grading" / "submitted" / "honest" / LESSON / f"{LESSON}.ipynb", folder / f"{LESSON}.ipynb")
    folder = kit.submit(course, "linked_answers", LESSON, rel)
    (course / "solutions" / LESSON / f"answers-{LESSON}.json").write_text(json.dumps(
        {"kit": "medialit", "format": 1, "lesson": LESSON,
         "answers": {"1.8": {"kind": "test", "value": "SECRET-IN-SOLUTIONS"}}}), encoding="utf-8")
    os.symlink(course / "solutions" / LESSON / f"answers-{LESSON}.json", folder / f"answers-{LESSON}.json")
    # a copy of a classmate's whole folder is graded as that work (copying is for the teacher to see, not the grader)
    # malformed metadata, timestamps, JSON and nesting
    odd = nbformat.from_dict(json.loads(nbformat.writes(rel)))
    odd.cells[3].metadata["nbgrader"] = "locked"
    folder = kit.submit(course, "string_metadata", LESSON)
    (folder / f"{LESSON}.ipynb").write_text(json.dumps(odd), encoding="utf-8")
    folder = kit.submit(course, "deep_nesting", LESSON)
    (folder / f"{LESSON}.ipynb").write_text('{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    folder = kit.submit(course, "bad_timestamp", LESSON, sol)
    (folder / "timestamp.txt").write_text("yesterday, honestly", encoding="utf-8")
    # honest quirks: a trailing comma in the answer file; a warning on stderr in a right answer
    folder = kit.submit(course, "comma_answers", LESSON, sol)
    (folder / f"answers-{LESSON}.json").write_text('{"kit": "medialit", "format": 1, "lesson": "01-corpus", '
                                                    '"answers": {"1.8": {"value": "x"},}}', encoding="utf-8")
    kit.submit(course, "warns", LESSON, with_cell(sol, "median_length",
                                                 "import sys, warnings\nwarnings.warn('a UserWarning from pandas')\n"
                                                 "print('to stderr', file=sys.stderr)", "after"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = course_copy(tmp_path_factory.mktemp("trusted"))
    _class(course)
    # 60 s a cell: reads_keys walks the file system the sandbox shows, all but /usr and site-packages (whose files
    # it never counted: about 50,000 files left of 209,000; the whole walk took 7 s quiet and over 60 s once in CI
    # beside the browser tests); no student here runs forever
    result = tools(course, "autograde", LESSON, "--workers", "2", "--cell-timeout", "60")
    fb = tools(course, "feedback", LESSON, check=False)
    return course, status(course), kit.scores(course, LESSON), result, fb


def _secrets(course) -> list[str]:
    """Strings that only the answer keys hold: gold rationales and the grader's own source lines."""
    out = []
    for line in (kit.ROOT / "datasets" / "annotations" / "places.jsonl").read_text(encoding="utf-8").splitlines()[:20]:
        rationale = json.loads(line).get("rationale", "")
        if len(rationale) > 30:
            out.append(rationale)
    out += [ln.strip() for ln in (kit.ROOT / "src" / "medialit_grader" / "lessons" / "lesson01.py").read_text(
        encoding="utf-8").splitlines() if len(ln.strip()) > 40 and not ln.strip().startswith(("#", '"', "hint"))][:30]
    out.append("SECRET-IN-SOLUTIONS")
    return out


def test_honest_work_beside_every_trick_gets_full_marks(graded):
    course, rows, scores, result, _ = graded
    assert rows["honest"]["status"] == "graded" and scores["honest"]["__auto__"] == FULL, result.stdout


@pytest.mark.parametrize("student", sorted(TRICKS))
def test_no_trick_gains_a_point(graded, student):
    _, rows, scores, result, _ = graded
    assert student in rows, result.stdout + result.stderr
    assert scores.get(student, {}).get("__auto__", 0) == 0, (rows[student], scores.get(student))


@sandboxed
def test_the_sandbox_holds_no_key_and_feedback_shows_none(graded):
    course, rows, _, _, fb = graded
    nb = nbformat.read(course / "grading" / "autograded" / "reads_keys" / LESSON / f"{LESSON}.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.output_type == "stream")
    assert "no keys: AnnotationsUnavailable" in printed, printed[:2000]
    found = printed.split("FOUND", 1)[1].splitlines()[0]
    for where in ("annotations", "medialit_grader", "teacher-notes", "solutions", "submitted", "gradebook"):
        assert where not in found, (where, found)
    secrets = _secrets(course)
    assert len(secrets) > 10
    for page in (course / "grading" / "feedback").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not [s for s in secrets if s in text], page


@sandboxed
def test_the_runtime_folder_is_capped(graded):
    course, rows, *_ = graded
    nb = nbformat.read(course / "grading" / "autograded" / "fills_runtime" / LESSON / f"{LESSON}.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.output_type == "stream")
    assert "runtime full: OSError" in printed, printed[:500]
    written = int(printed.split("RUNTIME", 1)[1].split()[0])
    assert written <= 8, written


def test_links_are_refused_and_never_followed(graded):
    course, rows, scores, _, _ = graded
    r = rows["linked_notebook"]
    assert r["status"] == "error" and "symbolic link" in r["detail"], r
    assert scores.get("linked_notebook", {}).get("__auto__", 0) == 0
    r = rows["linked_answers"]
    assert r["status"] == "graded" and "answer file left out" in r["detail"] and "symbolic link" in r["detail"], r
    out = course / "grading" / "autograded" / "linked_answers" / LESSON
    assert not (out / f"answers-{LESSON}.json").exists()
    assert "SECRET-IN-SOLUTIONS" not in "".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


@pytest.mark.parametrize("student, words", [
    ("string_metadata", "nbgrader metadata is a str"),
    ("deep_nesting", "nested more than"),
])
def test_malformed_notebooks_are_that_students_error_only(graded, student, words):
    _, rows, scores, _, _ = graded
    assert rows[student]["status"] == "error" and words in rows[student]["detail"], rows[student]
    assert scores.get(student, {}).get("__auto__", 0) == 0


def test_a_bad_timestamp_is_noted_and_the_work_graded(graded):
    course, rows, scores, _, _ = graded
    assert rows["bad_timestamp"]["status"] == "graded" and "timestamp.txt could not be read" in rows["bad_timestamp"]["detail"]
    assert scores["bad_timestamp"]["__auto__"] == FULL


def test_a_damaged_answer_file_costs_only_the_widget_questions(graded):
    _, rows, scores, _, _ = graded
    r = rows["comma_answers"]
    assert r["status"] == "graded" and "answer file left out" in r["detail"] and "line 1" in r["detail"], r
    # the solution sets its widget answers in code, so even they count; the damaged file is simply not used
    assert scores["comma_answers"]["__auto__"] == FULL, scores["comma_answers"]


def test_warnings_on_stderr_do_not_change_a_score(graded):
    _, rows, scores, _, _ = graded
    assert rows["warns"]["status"] == "graded" and scores["warns"]["__auto__"] == FULL, rows["warns"]


def test_a_killed_kernel_is_that_students_zero(graded):
    _, rows, scores, _, _ = graded
    assert rows["kills_kernel"]["status"] == "error" and "kernel died" in rows["kills_kernel"]["detail"]


def test_marker_text_and_everything_else_still_gets_feedback(graded):
    course, rows, _, _, fb = graded
    assert fb.returncode == 0, fb.stdout + fb.stderr
    made = {p.parent.parent.name for p in (course / "grading" / "feedback").glob(f"*/{LESSON}/{LESSON}.html")}
    assert made == set(rows), set(rows) - made


def test_test_cells_show_the_graders_result_not_the_kernels(graded):
    course, _, _, _, _ = graded
    nb = nbformat.read(course / "grading" / "autograded" / "display_hook" / LESSON / f"{LESSON}.ipynb", as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    assert tests and all(c.source.startswith("lab.check(") for c in tests)
    assert all(len(c.outputs) == 1 and c.outputs[0]["data"]["text/plain"].startswith("Exercise ") for c in tests)


def test_report_survives_a_damaged_answer_file_in_autograded(graded):
    course, *_ = graded
    bad = course / "grading" / "autograded" / "honest" / LESSON / f"answers-{LESSON}.json"
    bad.write_text("{not json", encoding="utf-8")
    tools(course, "grades")
    tools(course, "report")
    report = (course / "grading" / "exports" / "report.md").read_text(encoding="utf-8")
    assert "honest: answer file not read" in report


def test_plain_data_only_crosses_the_boundary():
    """The probe's converter refuses objects (and their subclasses) that could lie."""
    from medialit._probe import NotPlain, to_plain

    class Yes(str):
        def __eq__(self, other):
            return True

    for value in (Yes("x"), {"a": Yes("x")}, [object()], type("D", (dict,), {})()):
        with pytest.raises(NotPlain):
            to_plain(value)
    assert to_plain({"a": (1, 2.5, None, True)}) == {"a": [1, 2.5, None, True]}
