"""Questions test judgement, not matching: option order gives nothing away, no right answer stands word for word
above its widget, and no hint is the solution's (or the key's) code. These read the solution notebooks and the
declarations statically, so they run in well under a second."""

from __future__ import annotations

import ast
import inspect
import re
from difflib import SequenceMatcher

import pytest

import kit
from medialit import display_order
from medialit_grader import exercises as ex

WIDGET_CALL = re.compile(r"\blab\.(choice|checklist)\(")


def _notebook(lesson):
    """An assignment's notebook as its track sees it (NN-slug: data track, NN-slug-core: core track)."""
    return kit.solution(lesson)


def _literal_lists(nb) -> dict[str, list]:
    """Every NAME = [literal list] assignment in the notebook's code cells."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    continue
                if isinstance(value, list):
                    found[node.targets[0].id] = value
    return found


def option_questions(lesson):
    """(question id, options as written, index of the cell) for every choice and checklist with a literal id."""
    nb = _notebook(lesson)
    lists = _literal_lists(nb)
    out = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not WIDGET_CALL.search(cell.source):
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("choice", "checklist") and len(node.args) >= 3
                    and isinstance(node.args[0], ast.Constant)):
                arg = node.args[2]
                options = lists.get(arg.id) if isinstance(arg, ast.Name) else ast.literal_eval(arg)
                assert options, f"{lesson}: the options of {node.args[0].value} must be a literal list"
                out.append((node.args[0].value, options, index))
    return out


def right_options(question: str):
    """The right options of a choice or checklist, from its declaration's key (None: no single key to place)."""
    for exercise in ex.all_exercises():
        if isinstance(exercise.answer, ex.Widget) and exercise.answer.questions == (question,):
            key = exercise.the_key()
            if isinstance(key, str):
                return {key}
            if isinstance(key, (list, tuple, set, frozenset)) and all(isinstance(k, str) for k in key):
                return set(key)
    return None


# each question once: a question both tracks share is checked in the first assignment that has it
QUESTIONS = list({q: (lesson, q, options, i) for lesson in reversed(kit.ASSIGNMENTS)
                  for q, options, i in option_questions(lesson)}.values())


def test_the_option_questions_are_found():
    ids = {q for _, q, _, _ in QUESTIONS}
    assert {"1.8", "2.6", "3.8", "4.8", "6.1"} <= ids, ids


@pytest.mark.parametrize("lesson, question, options, index", QUESTIONS, ids=[q for _, q, _, _ in QUESTIONS])
def test_options_are_shuffled_so_that_position_gives_nothing_away(lesson, question, options, index):
    shown = display_order(question, options)
    assert sorted(shown) == sorted(options)
    right = right_options(question)
    assert right and right <= set(options), f"{question}: the key's options must be among the options shown"
    marks = [o in right for o in shown]
    k = len(right)
    assert marks != [True] * k + [False] * (len(shown) - k), f"{question}: every right answer comes first"
    if len(shown) >= 4 and 1 < k < len(shown):
        alternating = all(marks[i] != marks[i + 1] for i in range(len(marks) - 1))
        assert not alternating, f"{question}: right and wrong options alternate"


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.parametrize("lesson, question, options, index", QUESTIONS, ids=[q for _, q, _, _ in QUESTIONS])
def test_no_right_answer_stands_word_for_word_above_its_widget(lesson, question, options, index):
    cells = _notebook(lesson).cells
    above = []
    for cell in reversed(cells[:index]):
        if cell.cell_type == "code":
            break
        above.append(_words(cell.source))
    above = " ".join(above)
    for option in right_options(question) or ():
        assert _words(option) not in above, f"{question}: {option!r} is printed just above the widget"


def _code(text: str) -> str:
    """Code-ish text reduced for comparison: no whitespace, one kind of quote."""
    return re.sub(r"\s+", "", text).replace('"', "'")


def _solution_code(nb, grade_id: str) -> str:
    """The solution code of the answer cell(s) just before a test cell (back to the previous test cell)."""
    cells = nb.cells
    index = next(i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    code = []
    for cell in reversed(cells[:index]):
        if cell.metadata.get("nbgrader", {}).get("grade"):
            break
        code += re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S)
    return "\n".join(code)


def _hint_blocks(nb) -> list[str]:
    return [m for c in nb.cells if c.cell_type == "markdown"
            for m in re.findall(r"<summary>Hint</summary>(.*?)</details>", c.source, re.S)]


def _longest_shared(a: str, b: str) -> str:
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[match.a:match.a + match.size]


def _student_sees(nb) -> str:
    """What the student version shows outside the hints: the lesson text and the code given around the answers."""
    parts = []
    for cell in nb.cells:
        text = re.sub(r"### BEGIN SOLUTION\n.*?### END SOLUTION", "", cell.source, flags=re.S)
        parts.append(re.sub(r"<summary>Hint</summary>.*?</details>", "", text, flags=re.S))
    return "\n".join(parts)


def _shared_beyond(hint: str, code: str, given: str) -> str:
    """The longest stretch of code a hint shares with a solution or rule that the lesson does not already give
    (a function's required signature, a table's column names); '' when none reaches SHARED characters."""
    hint = list(hint)
    while True:
        shared = _longest_shared("".join(hint), code)
        if len(shared) < SHARED:
            return ""
        if shared not in given:
            return shared
        at = "".join(hint).index(shared)
        hint[at:at + len(shared)] = "\0" * len(shared)


SHARED = 24  # characters of code (spaces removed) a hint may share with a solution or a rule


@pytest.mark.parametrize("lesson", kit.ASSIGNMENTS)
def test_hints_teach_the_idea_and_never_hold_the_solution_or_the_evaluation(lesson):
    nb = _notebook(lesson)
    hints = [e.hint for e in ex.for_lesson(lesson).values() if e.hint] + _hint_blocks(nb)
    evaluations = []
    for e in ex.for_lesson(lesson).values():
        if not e.automatic:
            continue
        solution = _solution_code(nb, e.cell)
        if solution.strip():
            evaluations.append((f"the solution of {e.id}", solution))
        for part in (e.rule, e.key):
            if getattr(part, "__name__", "<lambda>") == "<lambda>":
                continue  # a lambda's source is the whole declaration, hint included; its key is checked above
            try:
                evaluations.append((f"the rule or key of {e.id}", inspect.getsource(part)))
            except (TypeError, OSError):
                pass
    given = _code(_student_sees(nb))
    problems = []
    for hint in hints:
        for what, code in evaluations:
            shared = _shared_beyond(_code(hint), _code(code), given)
            if shared:
                problems.append(f"a hint shares {shared!r} with {what}")
    assert not problems, "\n".join(sorted(set(problems)))
