"""As a teacher, in a real browser: every solution notebook runs with no traceback, and the nbgrader Formgrader
opens from the Nbgrader menu and lists every lesson. (The self-check's hint is tested with the student's run.)

Screenshots: test-output/screenshots/<lesson>/teacher-*.png and test-output/screenshots/formgrader.png.
"""

import pytest
from e2e_lab import LESSONS, SHOTS, browser_tests, figure_problems, kit_figure_problems

pytestmark = browser_tests


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_runs_without_traceback(lesson, solution_runs):
    run = solution_runs(lesson)
    assert not run.errors, f"{lesson}: tracebacks or stderr in cells {run.errors}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_figures_render(lesson, solution_runs):
    run = solution_runs(lesson)
    problems = figure_problems(run.figures, run.kernel_figures)
    assert not problems, f"{lesson}: " + "; ".join(problems)
    # a cell that calls plt.show() in the solution draws something (so a broken backend cannot pass unseen)
    silent = [c.index for c in run.cells if c.kind == "code" and "plt.show()" in c.source
              and not run.kernel_figures.get(c.index)]
    assert not silent, f"{lesson}: cells {silent} call plt.show() but drew nothing"


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_has_no_serious_accessibility_violation(lesson, solution_runs):
    """axe-core (WCAG 2.0/2.1 A and AA, best practice) over the outputs and rendered Markdown after Run All finds
    no critical or serious violation (the full result: test-output/e2e/axe-<lesson>-solution.json)."""
    failing = solution_runs(lesson).audit.failing()
    assert not failing, f"{lesson}: " + "\n".join(failing)


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_images_have_text_alternatives(lesson, solution_runs):
    """Every <img> in the outputs has a meaningful text alternative; a figure's is the one the kernel wrote; and the
    kit's own checks of every figure (text contrast, colour as the only cue) found nothing."""
    run = solution_runs(lesson)
    problems = run.audit.image_problems(run.figure_outputs) + kit_figure_problems(run.figure_outputs)
    assert not problems, f"{lesson}: " + "; ".join(problems)


def test_formgrader_lists_every_lesson(new_page):
    page = new_page(SHOTS)
    page.goto()
    page.menu("Nbgrader", "Formgrader")
    formgrader = page.page.frame_locator("iframe[src*='formgrader']")
    formgrader.get_by_role("heading", name="Manage Assignments").wait_for(timeout=60_000)
    for lesson in LESSONS:
        formgrader.get_by_role("link", name=lesson, exact=True).wait_for(timeout=30_000)
    page.shot("formgrader")
    page.close()
