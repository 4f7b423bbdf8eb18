"""Two tracks from one source (src/medialit_grader/tracks.py): the cell filter, the generated core source, nbgrader
generating each track's student version and gradebook entry from the one source, and the course's assignments."""

from __future__ import annotations

import subprocess

import nbformat
import pytest

import kit
from medialit_grader import tracks
from medialit_grader.course import Course
from test_grading_kit import tools


def cell(source, track=None, **nbgrader):
    c = nbformat.v4.new_markdown_cell(source) if not nbgrader.get("code") else nbformat.v4.new_code_cell(source)
    nbgrader.pop("code", None)
    if track:
        c.metadata["medialit"] = {"track": track}
    if nbgrader:
        c.metadata["nbgrader"] = {"schema_version": 3, "solution": False, "task": False, "locked": True,
                                  "grade": False, **nbgrader}
    return c


def demo_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [cell("# 09 · Demo", grade_id="intro"), cell("Shared text."),
                cell("Data track only: write code.", "data"), cell("Core track only: use the widget.", "core"),
                cell("x = 1", "data", code=True, grade_id="test_data", grade=True, points=1),
                cell("y = 2", "core", code=True, grade_id="test_core", grade=True, points=2)]
    return nb


ANSWER_CELLS = [
    cell("answer = ...  # replace ...\n### BEGIN SOLUTION\nanswer = 3\n### END SOLUTION", "data", code=True,
         grade_id="answer", solution=True, locked=False),
    cell("w = lab.choice('9.1', 'Which?', ['a', 'b'])\n### BEGIN SOLUTION\nw.value = 'a'\n### END SOLUTION\nw", "core",
         code=True, grade_id="widget", solution=True, locked=False)]


def test_names_of_the_two_tracks():
    assert tracks.split("01-corpus") == ("01-corpus", "data")
    assert tracks.split("01-corpus-core") == ("01-corpus", "core")
    assert tracks.assignment("01-corpus", "core") == "01-corpus-core"
    assert tracks.answer_file("01-corpus-core") == tracks.answer_file("01-corpus") == "answers-01-corpus.json"
    with pytest.raises(ValueError):
        tracks.assignment("01-corpus", "both")


def test_each_track_keeps_its_cells_and_the_shared_ones():
    nb = demo_notebook()
    data, core = tracks.for_track(nb, "data"), tracks.for_track(nb, "core")
    assert [c.source for c in data.cells] == ["# 09 · Demo", "Shared text.", "Data track only: write code.", "x = 1"]
    assert [c.source for c in core.cells] == ["# 09 · Demo", "Shared text.", "Core track only: use the widget.", "y = 2"]
    assert not [c for c in data.cells + core.cells if "medialit" in c.metadata], "the track marks are removed"
    assert len(nb.cells) == 6, "the source is not changed"
    assert tracks.describe(nb) == {"both": 2, "data": 2, "core": 2}
    bad = demo_notebook()
    bad.cells[1].metadata["medialit"] = {"track": "Core"}
    with pytest.raises(ValueError, match="medialit.track must be one of"):
        tracks.for_track(bad, "core")


@pytest.fixture()
def demo_course(tmp_path):
    course = kit.make_course(tmp_path, ["01-corpus"])
    source = course / "solutions" / "09-demo"
    source.mkdir()
    nb = demo_notebook()
    nb.cells[4:4] = ANSWER_CELLS
    nbformat.write(nb, source / "09-demo.ipynb")
    (source / "teacher-notes.md").write_text("answers", encoding="utf-8")
    (source / "answers-09-demo.json").write_text("{}", encoding="utf-8")
    (source / "data").mkdir()
    (source / "data" / "picture.txt").write_text("a support file", encoding="utf-8")
    return course


def test_the_core_source_is_generated_and_rewritten_only_when_stale(demo_course):
    course = Course(demo_course)
    assert course.sources() == ["01-corpus", "09-demo"]
    assert course.lessons() == ["01-corpus", "01-corpus-core", "09-demo", "09-demo-core"]
    folder = course.source("09-demo-core")
    target = folder / "09-demo-core.ipynb"
    made = nbformat.read(target, as_version=4)
    assert [c.source for c in made.cells][-1] == "y = 2" and "lab.choice" in made.cells[-2].source
    assert "Never edit" in made.metadata["medialit"]["generated"]
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == \
        ["09-demo-core.ipynb", "GENERATED.txt", "data/picture.txt"], "no teacher notes, no answer file"
    stamp = target.stat().st_mtime_ns
    course.source("09-demo-core")
    assert target.stat().st_mtime_ns == stamp, "an up-to-date source is not rewritten"
    nb = nbformat.read(demo_course / "solutions" / "09-demo" / "09-demo.ipynb", as_version=4)
    assert nb.cells[3].source.startswith("Core track only")
    nb.cells[3].source = "Core track only: use the NEW widget."
    nbformat.write(nb, demo_course / "solutions" / "09-demo" / "09-demo.ipynb")
    assert "NEW widget" in (course.source("09-demo-core") / "09-demo-core.ipynb").read_text(encoding="utf-8")
    assert course.check_lesson("09-demo-core") == "09-demo-core"


def test_nbgrader_makes_each_track_from_the_one_source(demo_course):
    """What `make lessons` does for each assignment: bring the core source up to date, then nbgrader generates."""
    listed = tools(demo_course, "assignments").stdout.split()
    assert listed == ["01-corpus", "01-corpus-core", "09-demo", "09-demo-core"]
    for name in ("09-demo", "09-demo-core"):
        kit.nbgrader(demo_course, "generate_assignment", name, "--force")
    data = nbformat.read(demo_course / "lessons" / "09-demo" / "09-demo.ipynb", as_version=4)
    core = nbformat.read(demo_course / "lessons" / "09-demo-core" / "09-demo-core.ipynb", as_version=4)
    assert "Core track only" not in nbformat.writes(data) and "y = 2" not in nbformat.writes(data)
    assert "Data track only" not in nbformat.writes(core) and "x = 1" not in nbformat.writes(core)
    # a code answer keeps nbgrader's stub; a widget's answer cell asks for no code
    assert "answer = ...  # replace ...\n# YOUR CODE HERE" in [c.source for c in data.cells]
    widget = next(c for c in core.cells if "lab.choice" in c.source)
    assert widget.source == "w = lab.choice('9.1', 'Which?', ['a', 'b'])\nw"
    assert "medialit" not in nbformat.writes(core).replace("medialit_grader", "")
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{demo_course / 'grading' / 'gradebook.db'}") as gb:
        cells = {a: {c.name for nb in gb.find_assignment(a).notebooks for c in nb.grade_cells}
                 for a in ("09-demo", "09-demo-core")}
    assert cells == {"09-demo": {"test_data"}, "09-demo-core": {"test_core"}}
    assert not (demo_course / "lessons" / "09-demo-core" / "GENERATED.txt").exists()
    # an edit of the one source reaches plain nbgrader (the Formgrader's button) before the copy is regenerated
    source = demo_course / "solutions" / "09-demo" / "09-demo.ipynb"
    nb = nbformat.read(source, as_version=4)
    nb.cells[3].source = "Core track only: edited after the copy was made."
    nbformat.write(nb, source)
    kit.nbgrader(demo_course, "generate_assignment", "09-demo-core", "--force")
    core = nbformat.read(demo_course / "lessons" / "09-demo-core" / "09-demo-core.ipynb", as_version=4)
    assert "edited after the copy was made" in nbformat.writes(core)


def test_the_generated_core_sources_are_git_ignored():
    result = subprocess.run(["git", "check-ignore", "-q", "solutions/01-corpus-core/01-corpus-core.ipynb"],
                            cwd=kit.ROOT, capture_output=True)
    if result.returncode == 128:
        pytest.skip("not a git checkout")
    assert result.returncode == 0, "solutions/*-core/ must be git-ignored: it is generated"


def test_every_lesson_has_both_tracks_released():
    for name in kit.ASSIGNMENTS:
        assert (kit.ROOT / "lessons" / name / f"{name}.ipynb").exists(), f"run `make lessons`: lessons/{name}"


def test_the_pre_and_post_test_are_one_assignment_each_and_their_source_is_never_rewritten(tmp_path):
    """00-pretest and 99-posttest: one assignment each (no "-core" twin), taken without code; checking the course
    (as `make lessons` does) leaves their one source as it is."""
    from medialit_grader.exercises import check_all

    root = kit.make_course(tmp_path, ["00-pretest", "99-posttest"])
    course = Course(root)
    before = {p: p.read_bytes() for p in (root / "solutions").rglob("*") if p.is_file()}
    assert course.lessons() == ["00-pretest", "99-posttest"]
    assert tracks.split("00-pretest") == ("00-pretest", "core") and tracks.assignments_of("99-posttest") == ("99-posttest",)
    assert course.source("00-pretest") == root / "solutions" / "00-pretest"
    assert check_all(course) == []
    assert {p: p.read_bytes() for p in (root / "solutions").rglob("*") if p.is_file()} == before
    with pytest.raises(ValueError, match="one assignment"):
        tracks.write_core_source(course, "00-pretest")
