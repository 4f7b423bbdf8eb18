"""nbgrader configuration of the Media Literacy Lab course. The repository is the course:

    solutions/<lesson>/   instructor sources (nbgrader's "source")      lessons/<lesson>/   student versions ("release")
    grading/submitted/<student>/<lesson>/   grading/autograded/…   grading/feedback/…   grading/gradebook.db

The root nbgrader_config.py loads this file, so `nbgrader …` from the repository root and the Formgrader in
`make lab` both see it. Every value below is chosen on purpose; the comment says why.
"""

from pathlib import Path

c = get_config()  # noqa: F821 (provided by traitlets)

ROOT = Path(__file__).resolve().parent.parent

# -- the course layout -------------------------------------------------------------------------------------------
c.CourseDirectory.course_id = "media-literacy-lab"
c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "lessons"
c.CourseDirectory.submitted_directory = "grading/submitted"
c.CourseDirectory.autograded_directory = "grading/autograded"
c.CourseDirectory.feedback_directory = "grading/feedback"
c.CourseDirectory.db_url = f"sqlite:///{ROOT / 'grading' / 'gradebook.db'}"
# Never released, never copied over a student's work: teacher notes (answers with reasons) and checkpoints.
# Widget answer files (answers-*.json) are NOT listed here: that would also stop nbgrader from copying a student's
# answer file into the autograded folder. They are kept out of releases and autograding below instead.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*", "teacher-notes*",
                            "GENERATED.txt"]

# Two assignments per lesson (src/medialit_grader/tracks.py): NN-slug (the data track) and NN-slug-core (the no-code
# track), both generated from the one source solutions/NN-slug/NN-slug.ipynb.
# A lesson's widget answers are in answers-NN-slug.json, whichever track (answer_file).
# The pre- and post-test (00-pretest, 99-posttest) are one assignment each, taken by every student.
from medialit_grader.tracks import CORE_SUFFIX, answer_file, assignments_of  # noqa: E402

SOURCES = sorted(p.name for p in (ROOT / "solutions").iterdir()
                 if p.is_dir() and p.name[:2].isdigit() and not p.name.endswith(CORE_SUFFIX))
LESSONS = [name for lesson in SOURCES for name in assignments_of(lesson)]


# -- generating the student version --------------------------------------------------------------------------------
# The stub keeps Run All going and tells the student where to write; code answers start from a `name = ...` line.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"


def _drop_answer_files(assignment, student, notebooks):
    """A solution run leaves its widget answers beside it; the release must never ship them."""
    for path in (ROOT / "lessons" / assignment).glob("answers-*.json"):
        path.unlink()


c.GenerateAssignment.post_convert_hook = _drop_answer_files

# First step of generating a student version: keep the cells of the assignment's track only (cell metadata
# medialit.track), so that each track's gradebook entry and release hold its own cells. Then nbgrader's own steps,
# with one more after ClearSolutions: a widget's answer cell gets no "# YOUR CODE HERE" (nobody writes code there).
from nbgrader.converters import GenerateAssignment  # noqa: E402
from nbgrader.preprocessors import ClearSolutions  # noqa: E402

# For the pre- and post-test, AssessmentForm puts the form the teacher chose in the setup cell (make release
# LESSON=00-pretest FORM=B; without FORM, the source's: A for the pre-test, B for the post-test).
from medialit_grader.tracks import AssessmentForm, ClearWidgetStubs, TrackFilter  # noqa: E402

_steps = GenerateAssignment.class_traits()["preprocessors"].default()
_at = _steps.index(ClearSolutions) + 1
c.GenerateAssignment.preprocessors = [TrackFilter, AssessmentForm, *_steps[:_at], ClearWidgetStubs, *_steps[_at:]]

# -- autograding ------------------------------------------------------------------------------------------------
# Scores are computed by the kit's grader (`make autograde`), outside the student's kernel, from the plain answers
# each test cell hands in (src/medialit_grader/trusted.py). Plain `nbgrader autograde` — on the command line or the
# Formgrader's button — would take scores from the student's own kernel output, so it is refused with a message
# that names `make autograde`. The grader runs nbgrader's autograde itself with its own chain of preprocessors.
from medialit_grader.trusted import RefusePlainAutograde  # noqa: E402

c.Autograde.autograde_preprocessors = [RefusePlainAutograde]
# The source folder's copy of a lesson must never overwrite the answer file the student handed in.
c.Autograde.exclude_overwriting = {lesson: [answer_file(lesson)] for lesson in LESSONS}
# Restore grade cells a student deleted, so a deleted test cannot dodge a zero.
c.OverwriteCells.add_missing_cells = True
# Execution limits: a cell may run 120 s (the slowest solution cell takes a few seconds), then it is interrupted;
# a kernel that dies is reported, not retried forever. (The grader adds one budget per submission: sandbox.py.)
c.Execute.timeout = 120
c.Execute.interrupt_on_timeout = True
c.Execute.execute_retries = 1
# Output limits: at most 500 lines per output and 100 lines of traceback, so a flood of output cannot bloat the
# gradebook or the feedback.
c.LimitOutput.max_lines = 500
c.LimitOutput.max_traceback = 100

# -- feedback ----------------------------------------------------------------------------------------------------
# The autograded notebook holds no hidden test and no key (the grader wrote each test cell's result into it), so
# nbgrader's own generate_feedback (and the Formgrader's button) can show it as it is.
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import GetGrades  # noqa: E402

c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor]
