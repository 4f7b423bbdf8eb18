"""Browser tests' helpers: a real JupyterLab, started by the tests in a temporary copy of the kit, driven with
Playwright through Debian's Chromium (/usr/bin/chromium; `make browser` installs it). Without Chromium the tests skip.

One JupyterLab server and one browser per test session; the lessons run one after another (xdist group "browser").
Screenshots go to test-output/screenshots/<lesson>/ (git-ignored), the server's log to test-output/e2e/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import kit

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # without playwright the browser fixtures skip the tests
    PlaywrightTimeout = TimeoutError

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling home; there is no network to call.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Every lesson folder present in lessons/, so a lesson added later is covered without editing the tests.
LESSONS = sorted(p.name for p in (kit.ROOT / "lessons").iterdir() if p.is_dir() and p.name[:2].isdigit())
OUTPUT = kit.ROOT / "test-output"
SHOTS = OUTPUT / "screenshots"
VIEWPORT = {"width": 1400, "height": 900}
# the pictures of figures in the outputs: a kit figure's, or a bare image output's (JupyterLab's image renderer)
FIGURE_IMAGES = ".jp-OutputArea-output figure.medialit-figure img, .jp-OutputArea .jp-RenderedImage img"
RUN_ALL_TIMEOUT = 240  # seconds for Run All of one lesson (the slowest takes well under a minute)
STALL_SECONDS = 20  # a Run All whose page has not changed this long, the kernel not busy, is stalled (run_all)

# Decorate every browser test module with this: one worker runs them all, and without Chromium they skip (except
# in CI, which installs Chromium: there a missing browser fails, so the tests can never be skipped unseen).
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
browser_tests = [
    pytest.mark.xdist_group("browser"),
    pytest.mark.skipif(not CHROMIUM.exists() and not IN_CI,
                       reason="no Chromium at /usr/bin/chromium: run `make browser` to install it and run the "
                              "browser tests (CI installs it)"),
]

# the answer widgets of the data track, the five of the no-code track (mark_words … ranking), and 07's browser of
# the offline web (investigate; driven by keyboard in test_e2e_lateral.py)
OLD_KINDS = ("choice", "checklist", "label_table", "span_labeller", "rating", "judge")  # judge: the pre/post test
NEW_KINDS = ("mark_words", "relay_graph", "intervals", "map_point", "ranking", "mark_shadow")
BROWSER_KINDS = ("investigate",)
WIDGET_CALL = re.compile(rf"lab\.({'|'.join(OLD_KINDS + NEW_KINDS + BROWSER_KINDS)})\(\s*[\"']([^\"']+)[\"']")
CHECK_CALL = re.compile(r"^\s*lab\.check\(\s*[\"']([^\"']+)[\"']")


# -- reading a notebook file -------------------------------------------------------------------------------------
@dataclass
class Cell:
    index: int
    id: str  # the nbformat cell id: nbgrader keeps it, so it names the same cell in a solution and its release
    kind: str  # "code" or "markdown"
    source: str
    nbgrader: dict = field(default_factory=dict)

    @property
    def widget(self) -> tuple[str, str] | None:
        """(kind, question) if this cell makes an answer widget."""
        found = WIDGET_CALL.search(self.source) if self.kind == "code" else None
        return (found.group(1), found.group(2)) if found else None

    @property
    def checks(self) -> str | None:
        """The exercise whose visible checks this cell runs (`lab.check("1.8")` first), if any."""
        found = CHECK_CALL.match(self.source) if self.kind == "code" else None
        return found.group(1) if found else None


def read_cells(path: Path) -> list[Cell]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return [Cell(i, c.get("id", f"#{i}"), c.cell_type, c.source, dict(c.metadata.get("nbgrader", {})))
            for i, c in enumerate(nb.cells)]


def by_id(counts: dict[int, object], cells: list[Cell]) -> dict[str, object]:
    """{cell index: x} of one notebook as {cell id: x}: to compare two notebooks whose cells differ (a lesson's
    source holds both tracks' cells, its data track's release fewer)."""
    return {cells[i].id: x for i, x in counts.items()}


def answer_file(name: str) -> str:
    """The widget answer file of an assignment's folder: the lesson's (answers-01-corpus.json), whichever track."""
    from medialit_grader.tracks import answer_file as lesson_answer_file

    return lesson_answer_file(name)


def saved_figure_outputs(path: Path) -> dict[int, list[dict | None]]:
    """{cell index: [the kit's metadata of each figure output, None for a figure without it]} of a notebook as
    saved from the browser: the figures the kernel drew."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    found = {i: [kit.figure_metadata(o) for o in c.get("outputs", []) if kit.is_figure(o)]
             for i, c in enumerate(nb.cells)}
    return {i: figures for i, figures in found.items() if figures}


def kit_figure_problems(outputs: dict[int, list[dict | None]]) -> list[str]:
    """The figures (saved_figure_outputs) that are not kit figures, or whose metadata lists problems the kit found
    (text contrast, colour as the only cue)."""
    problems = []
    for index, figures in sorted(outputs.items()):
        for n, meta in enumerate(figures, start=1):
            if meta is None:
                problems.append(f"cell {index}, figure {n}: not a kit figure (an image output without the kit's "
                                f"text alternative: was it drawn before `ml.lesson(...)`?)")
            elif meta.get("problems"):
                problems.append(f"cell {index}, figure {n}: " + "; ".join(meta["problems"]))
    return problems


def student_names(cells: list[Cell]) -> set[str]:
    """The names a student's answer cells define (`relay_edges = ...`, `def agreement(...)`, a widget)."""
    import ast

    names = set()
    for cell in cells:
        if cell.kind != "code" or not cell.nbgrader.get("solution"):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
    return names


def figure_problems(shown: dict[int, list[dict]], drawn: dict[int, int]) -> list[str]:
    """What differs between the figures the kernel drew and the ones the page shows, and blank images."""
    problems = []
    for index, count in sorted(drawn.items()):
        on_page = len(shown.get(index, []))
        if on_page != count:
            problems.append(f"cell {index}: the kernel drew {count} figure(s), the page shows {on_page}")
    for index, images in sorted(shown.items()):
        for image in images:
            if not image["width"] or not image["height"]:
                problems.append(f"cell {index}: an image that does not load")
            elif image["colours"] < 2:
                problems.append(f"cell {index}: a blank image (one colour)")
    return problems


def uses_names(cell: Cell, names: set[str]) -> bool:
    import ast

    try:
        tree = ast.parse(cell.source)
    except SyntaxError:
        return False
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(tree))


# -- the server --------------------------------------------------------------------------------------------------
@dataclass
class Server:
    url: str
    token: str
    root: Path  # the temporary copy of the kit the server serves
    runtime: Path | None = None  # JUPYTER_RUNTIME_DIR of the server: its kernels' connection files

    def api(self, method: str, path: str):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def kernel_eval(self, notebook: str, expression: str):
        """Evaluate a Python expression in the kernel of an open notebook (its path in the served kit) and return its
        value (the expression must give a literal: dicts, lists, strings, numbers). Sent silently from a second
        client: nothing shows in the page, the execution count does not move. The tests read the word offsets of a
        word marker this way (which buttons a key's spans touch); they never answer through it."""
        import ast

        from jupyter_client import BlockingKernelClient

        sessions = [s for s in self.api("GET", "/api/sessions") if s["path"] == notebook]
        assert sessions, f"no kernel for {notebook}"
        client = BlockingKernelClient()
        client.load_connection_file(str(self.runtime / f"kernel-{sessions[0]['kernel']['id']}.json"))
        client.start_channels()
        try:
            msg_id = client.execute("", silent=True, store_history=False, user_expressions={"x": expression})
            while True:
                reply = client.get_shell_msg(timeout=60)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
        finally:
            client.stop_channels()
        result = reply["content"]["user_expressions"]["x"]
        assert result.get("status") == "ok", result
        return ast.literal_eval(result["data"]["text/plain"])

    def shut_down_kernels(self) -> None:
        """Close every notebook session (and so its kernel): lessons run one at a time, on two cores."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")


free_port = kit.free_port  # the e2e fixtures import it from here


def copy_kit(target: Path) -> Path:
    """The parts of the kit a teacher and a student use: lessons, solutions, the nbgrader configuration.
    Not .venv: the kit's package is installed there and finds its data by itself. As in a fresh clone, the core
    tracks' sources (solutions/NN-slug-core/, generated and git-ignored) are not copied: the copy makes them from
    each lesson's one source, as `make lessons` does."""
    from medialit_grader.course import Course
    from medialit_grader.tracks import split

    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "answers-*.json", "__pycache__")
    shutil.copytree(kit.ROOT / "lessons", target / "lessons", ignore=ignore)
    shutil.copytree(kit.ROOT / "solutions", target / "solutions",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "answers-*.json", "__pycache__", "??-*-core"))
    (target / "grading").mkdir(parents=True)
    shutil.copy(kit.ROOT / "nbgrader_config.py", target)
    shutil.copy(kit.ROOT / "grading" / "nbgrader_config.py", target / "grading")
    course = Course(target)
    for name in LESSONS:
        if split(name)[1] == "core":
            course.source(name)
    return target


# -- the browser -------------------------------------------------------------------------------------------------
class Page:
    """One JupyterLab tab in the browser: open a notebook, run it, look at cells, take screenshots."""

    def __init__(self, browser, server: Server, shots: Path):
        self.server, self.shots = server, shots
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)  # generous: two cores, often shared
        self.closed = False
        self.console_errors: list[str] = []
        self.dialogs_seen: list[str] = []  # dialogs the harness accepted to get a stalled Run All going again
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))

    def close(self):
        if not self.closed:
            self.closed = True
            self.context.close()
            self.server.shut_down_kernels()

    def goto(self, path: str = "") -> None:
        """Open JupyterLab (a fresh workspace) at a document of the served kit: lessons/01-corpus/01-corpus.ipynb."""
        tree = f"/tree/{path}" if path else ""
        self.page.goto(f"{self.server.url}/lab{tree}?reset&token={self.server.token}")
        self.page.get_by_role("menuitem", name="File", exact=True).wait_for()

    def menu(self, *names: str) -> None:
        """Click through the menu bar: menu("Run", "Run All Cells")."""
        self.page.get_by_role("menuitem", name=names[0], exact=True).click()
        for name in names[1:]:
            self.page.get_by_role("menuitem", name=name, exact=True).click()

    # -- a notebook --------------------------------------------------------------------------------------------
    @property
    def cells(self):
        return self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell")

    def cell(self, index: int):
        return self.cells.nth(index)

    def open_notebook(self, path: str, expected_cells: int) -> None:
        self.goto(path)
        self.page.wait_for_function("n => document.querySelectorAll('.jp-Notebook .jp-Cell').length === n",
                                    arg=expected_cells, timeout=60_000)
        self.wait_for_kernel()

    def wait_for_kernel(self, timeout: float = 120) -> None:
        """Until the kernel is started and idle (the toolbar's execution indicator says so)."""
        self.page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(timeout=timeout * 1000)

    def run_all(self, timeout: float = RUN_ALL_TIMEOUT) -> float:
        """Run ▸ Run All Cells; return when every code cell has run (or one failed, which stops Run All).

        Right after a kernel starts, JupyterLab sometimes drops a Run All (every prompt stays "[ ]") or asks for a
        kernel in a dialog (accepted: the notebook's own kernel); so until the first code cell has started, it is
        asked again, up to 4 times. Once, in CI, the kernel was replaced in the middle of a Run All, and Run All
        never finished: the cells still queued keep their "[*]" and nothing runs any more. So when the prompts and
        outputs have not changed for STALL_SECONDS while the kernel is not busy (the status bar), the harness
        restarts the kernel and runs all cells again (Kernel ▸ Restart Kernel and Run All Cells), three times at most,
        after accepting any dialog and waiting for the kernel it chose to be idle."""
        start = time.monotonic()
        deadline = start + timeout
        self._ask_run_all()
        state_js = """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const prompts = [...panel.querySelectorAll('.jp-Notebook .jp-CodeCell')]
                .map(c => c.querySelector('.jp-InputPrompt').textContent);
            const failed = [...panel.querySelectorAll(".jp-Notebook .jp-OutputArea-output"
                + "[data-mime-type='application/vnd.jupyter.stderr']")].some(o => /Error|Traceback/.test(o.textContent));
            const running = prompts.some(p => p.includes('*'));
            // the kernel's own state, as the status bar says it ("Python 3 (ipykernel) | Busy"); the toolbar's
            // execution indicator stays busy while cells are queued, even when no kernel runs them any more
            const busy = [...document.querySelectorAll('.jp-StatusBar-TextItem')]
                .some(e => /\\|\\s*Busy\\b/.test(e.textContent));
            return {done: !running && (prompts.every(p => /\\[\\d+\\]/.test(p)) || failed), busy,
                    seen: prompts.join('|') + '#' + panel.querySelectorAll('.jp-OutputArea-output').length};
        }"""
        last_seen, changed_at, restarts = None, time.monotonic(), 0
        while True:
            state = self.page.evaluate(state_js)
            now = time.monotonic()
            if state["done"]:
                break
            if now > deadline:
                self.shot("run-all-timed-out")
                raise PlaywrightTimeout(f"Run All did not finish in {timeout:.0f} s (last state: {state}; "
                                        f"dialogs accepted on the way: {self.dialogs_seen})")
            if state["seen"] != last_seen or state["busy"]:
                last_seen, changed_at = state["seen"], now
            elif now - changed_at > STALL_SECONDS and restarts < 3:
                self.shot("run-all-stalled")
                restarts += 1
                # a dialog may be why it stalled (once in CI: a modal dialog covered the menu bar); say what it
                # was, and accept it, before the menu can be used
                texts = self._accept_dialogs()
                self.dialogs_seen += texts
                if texts:  # e.g. "Select Kernel" after the kernel was lost: let the new kernel start first, or the
                    try:   # restart below goes to a kernel that is not there yet (twice in CI: Run All never resumed)
                        self.wait_for_kernel(60)
                    except PlaywrightTimeout:
                        self.shot("run-all-kernel-not-idle")
                self.menu("Kernel", "Restart Kernel and Run All Cells…")
                self.page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").first.click()
                changed_at = time.monotonic()
            time.sleep(0.25)
        self.wait_for_kernel()
        return time.monotonic() - start

    def _accept_dialogs(self, most: int = 3) -> list[str]:
        """Accept every open JupyterLab dialog, the one on top first (a few at most); return their texts."""
        texts = []
        for _ in range(most):
            dialogs = self.page.locator(".jp-Dialog")
            count = dialogs.count()
            if not count:
                break
            top = dialogs.last  # dialogs can stack: the last one is on top, the only one that can be clicked
            texts.append(" ".join(top.inner_text().split())[:300])
            buttons = top.locator(".jp-Dialog-button.jp-mod-accept")
            if buttons.count():
                buttons.first.click()
            else:
                self.page.keyboard.press("Escape")
            self.page.wait_for_function(f"() => document.querySelectorAll('.jp-Dialog').length < {count}",
                                        timeout=20_000)
        if texts:
            print(f"[e2e] dialogs accepted: {texts}", flush=True)
        return texts

    def _ask_run_all(self) -> None:
        """Run ▸ Run All Cells, asked again (or the kernel dialog accepted) until the first code cell has started."""
        started = ("() => /\\[[\\d*]+\\]/.test(document.querySelector("
                   "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-CodeCell .jp-InputPrompt').textContent)")
        for attempt in range(4):
            dialog = self.page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
            if dialog.count():
                dialog.first.click()
            else:
                self.menu("Run", "Run All Cells")
            try:
                self.page.wait_for_function(started, timeout=15_000, polling=200)
                return
            except PlaywrightTimeout:
                if attempt == 3:
                    self.shot("run-all-never-started")
                    raise

    def run_cell(self, index: int, until_text: str, timeout: float = 60) -> str:
        """Select a cell (command mode) and run it in place (Ctrl+Enter); wait until its output shows a text."""
        cell = self.cell(index)
        cell.locator(".jp-InputPrompt").click()
        before = cell.locator(".jp-InputPrompt").text_content()
        self.page.keyboard.press("Control+Enter")
        self.page.wait_for_function(
            "([i, before]) => { const p = document.querySelectorAll('.jp-Notebook .jp-Cell')[i]"
            ".querySelector('.jp-InputPrompt').textContent; return p !== before && /\\[\\d+\\]/.test(p); }",
            arg=[index, before], timeout=timeout * 1000)
        cell.locator(".jp-OutputArea").get_by_text(until_text).first.wait_for(timeout=timeout * 1000)
        return cell.locator(".jp-OutputArea").text_content()

    def errors(self) -> dict[int, str]:
        """{cell index: text} of every traceback or stderr output in the open notebook."""
        return self.page.evaluate(
            """() => Object.fromEntries([...document.querySelectorAll('.jp-Notebook .jp-Cell')].flatMap((c, i) =>
                 [...c.querySelectorAll(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")]
                 .map(o => [i, o.textContent.slice(0, 1500)])))""")

    def figures(self) -> dict[int, list[dict]]:
        """{cell index: [{width, height, colours}]} of the figures in each cell's output: the picture of a kit figure
        (`figure.medialit-figure img`) or of a bare image output, not an image inside a widget (the map of a
        map_point); `colours` counts the distinct colours in a sample of the pixels (a blank figure has one)."""
        return {int(k): v for k, v in self.page.evaluate(
            """(FIGURES) => {
                const out = {};
                document.querySelectorAll('.jp-Notebook .jp-Cell').forEach((c, i) => {
                    const imgs = [...c.querySelectorAll(FIGURES)];
                    if (!imgs.length) return;
                    out[i] = imgs.map(img => {
                        const info = {width: img.naturalWidth, height: img.naturalHeight, colours: 0};
                        if (!img.complete || !img.naturalWidth) return info;
                        const canvas = document.createElement('canvas');
                        canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
                        const ctx = canvas.getContext('2d');
                        ctx.drawImage(img, 0, 0);
                        const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data, seen = new Set();
                        for (let p = 0; p < d.length && seen.size < 50; p += 4 * 37)
                            seen.add((d[p] << 16) | (d[p + 1] << 8) | d[p + 2]);
                        info.colours = seen.size;
                        return info;
                    });
                });
                return out;
            }""", FIGURE_IMAGES).items()}

    def wait_for_widgets(self, timeout: float = 20) -> bool:
        """Until every widget output of the notebook shows its widget (views are drawn just after the kernel's
        messages, so a moment after Run All ends) or an error; False if some still do not after `timeout` seconds
        (the tests that look at widgets say which)."""
        try:
            self.page.wait_for_function(
                """() => [...document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"
                        + "[data-mime-type='application/vnd.jupyter.widget-view+json']")]
                    .every(o => o.querySelector('.jupyter-widgets')
                                || /Error displaying widget/.test(o.textContent))""",
                timeout=timeout * 1000, polling=250)
            return True
        except PlaywrightTimeout:
            return False

    def widget(self, index: int, question: str):
        """The answer widget a cell shows for a question (its box holds the heading "Exercise <question>")."""
        return (self.cell(index).locator(".jp-OutputArea-output .jupyter-widgets.widget-vbox")
                .filter(has_text=f"Exercise {question} —").first)

    def save(self) -> None:
        self.cells.first.locator(".jp-InputPrompt").click()
        self.page.keyboard.press("Control+s")
        self.page.locator(".lm-TabBar-tab.jp-mod-dirty").wait_for(state="detached")

    # -- screenshots -------------------------------------------------------------------------------------------
    def shot(self, name: str, locator=None) -> Path:
        """A screenshot of the page, or of one element in full (the viewport grows for a tall element)."""
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        self.page.mouse.move(0, VIEWPORT["height"] - 1)  # no hover effects in the picture
        if locator is None:
            self.page.screenshot(path=path)
            return path
        locator.scroll_into_view_if_needed()
        box = locator.bounding_box()
        tall = box is not None and box["height"] > VIEWPORT["height"] - 150
        if tall:
            self.page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(box["height"]) + 300, 6000)})
            locator.scroll_into_view_if_needed()
        try:
            locator.screenshot(path=path)
        finally:
            if tall:
                self.page.set_viewport_size(VIEWPORT)
        return path


def screenshots_for(lesson: str) -> Path:
    return SHOTS / lesson


@contextmanager
def scratch_notebook(new_page, server: Server, lesson: str, sources, shots: str, prepare=None):
    """A scratch notebook of code cells (``sources``) in the served kit copy's scratch/<lesson>/, with no answer file
    left from an earlier run; ``prepare(folder)`` adds what its cells need. Opened and run in a new page (its old
    screenshots ``shots`` removed), checked for errors and undrawn widgets; yields (page, folder), then closes
    the page."""
    import nbformat

    folder = server.root / "scratch" / lesson
    folder.mkdir(parents=True, exist_ok=True)
    (folder / answer_file(lesson)).unlink(missing_ok=True)
    if prepare:
        prepare(folder)
    sources = list(sources)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / f"{lesson}.ipynb")
    for old in screenshots_for(lesson).glob(shots):
        old.unlink(missing_ok=True)
    page = new_page(screenshots_for(lesson))
    try:
        page.open_notebook(f"scratch/{lesson}/{lesson}.ipynb", len(sources))
        page.run_all()
        assert not page.errors(), page.errors()
        assert page.wait_for_widgets(60), "a widget of the scratch notebook was not drawn within a minute"
        assert not page.page.get_by_text("Error displaying widget").count()
        yield page, folder
    finally:
        page.close()


# -- the teacher's run of each solution, shared with the student tests (the answer key, the figures) ------------
@dataclass
class SolutionRun:
    lesson: str
    seconds: float
    errors: dict[int, str]
    figures: dict[int, list[dict]]  # what the browser shows
    kernel_figures: dict[int, int]  # what the kernel drew (the saved notebook's outputs)
    key: dict  # the widget answers the solution set, from the answer file its run left beside it
    cells: list[Cell]
    figure_outputs: dict = field(default_factory=dict)  # the kit's metadata of each figure (saved_figure_outputs)
    audit: object = None  # a11y.Audit: axe-core over the outputs and rendered text, the images' text alternatives

    @property
    def kernel_figures_by_id(self) -> dict[str, int]:
        return by_id(self.kernel_figures, self.cells)


