"""Fixtures of the browser tests: one JupyterLab server (in a temporary copy of the kit), one Chromium, pages on
it, and the teacher's run of each solution (shared with the student tests: it gives the answer key and the figures
to expect). The helpers are in e2e_lab.py.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import warnings
from pathlib import Path

import a11y
import pytest
from e2e_lab import (CHROMIUM, CHROMIUM_ARGS, IN_CI, OUTPUT, Page, Server, SolutionRun, answer_file, copy_kit,
                     free_port, read_cells, saved_figure_outputs, screenshots_for)

import kit


_SPLIT_WARNED = []


@pytest.fixture(autouse=True)
def _one_worker(request):
    """Under `-n … --dist loadgroup` every browser test must carry its group (xdist adds "@browser" to its id):
    otherwise each worker starts its own JupyterLab and browser, and they race on test-output/."""
    if (request.config.getoption("loadgroup", False) and not request.node.nodeid.endswith("@browser")
            and not _SPLIT_WARNED):
        _SPLIT_WARNED.append(True)
        warnings.warn("pytest-xdist did not keep the browser tests in one worker (xdist_group ignored: pytest 9.2 "
                      "with pytest-xdist 3.8, pytest-xdist issue #1386); pyproject.toml pins pytest<9.2 for this: "
                      "run `make test` to reinstall")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    root = copy_kit(tmp / "kit")
    settings = tmp / "lab-settings"
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    # no news and no update checks: no toast over the page, no calls to the outside
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    # no "Select Kernel" dialog: the notebook's own kernel starts without asking ("Always start the preferred
    # kernel"). Under load in CI, JupyterLab sometimes asked after a Run All had begun, and accepting the dialog started
    # a new kernel that dropped the queued cells (test_e2e_shadow, twice on a 2-core CI machine; never on a quiet one)
    (settings / "@jupyterlab" / "notebook-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"autoStartDefaultKernel": True}), encoding="utf-8")
    env = kit.env()
    env.pop("MPLBACKEND", None)  # the kernel must use the inline backend, as a student's does
    env.update({"JUPYTERLAB_SETTINGS_DIR": str(settings), "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
                "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp / "config")})
    port, token = free_port(), secrets.token_hex(16)
    (OUTPUT / "e2e").mkdir(parents=True, exist_ok=True)
    log_path = OUTPUT / "e2e" / "jupyter-server.log"
    log = open(log_path, "w", encoding="utf-8")
    command = [str(kit.BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}"]
    if os.getuid() == 0:
        command.append("--allow-root")
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    lab = Server(f"http://127.0.0.1:{port}", token, root, runtime=tmp / "runtime")
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"jupyter lab stopped ({process.returncode}); see {log_path}:\n"
                                   + log_path.read_text(encoding="utf-8")[-3000:])
            try:
                lab.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"jupyter lab did not answer within 90 s; see {log_path}") from None
                time.sleep(0.5)
        yield lab
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the server shuts its kernels down, then exits
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # its own session: the server and its kernels
                process.wait(timeout=10)
        log.close()


# -- the browser -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():  # only in CI (elsewhere the tests skip): .ci/run should have installed it
        pytest.fail(f"CI: no Chromium at {CHROMIUM}; .ci/run installs it with apt-get before `make test`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            raise
        pytest.skip("playwright is not installed: `make test` installs the test extra (or pip install -e '.[test]')")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def new_page(browser, server):
    """new_page(lesson folder for its screenshots) -> Page; each page is closed (and its kernels shut down)."""
    pages = []

    def make(shots: Path) -> Page:
        page = Page(browser, server, shots)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def solution_runs(new_page, server):
    """solution_runs(lesson) -> SolutionRun: the assignment's nbgrader source opened and Run All in the browser, once.
    A data track's is the lesson's one source (both tracks' cells: the teacher's preview); a core track's is the one
    generated from it (solutions/NN-slug-core/, made by copy_kit). Its widget answers, the key, are in the lesson's
    answer file (answers-NN-slug.json, whichever track)."""
    done: dict[str, SolutionRun] = {}

    def run(lesson: str) -> SolutionRun:
        if lesson not in done:
            shots = screenshots_for(lesson)
            for old in shots.glob("teacher-*.png"):
                old.unlink(missing_ok=True)
            cells = read_cells(server.root / "solutions" / lesson / f"{lesson}.ipynb")
            page = new_page(shots)
            try:
                page.open_notebook(f"solutions/{lesson}/{lesson}.ipynb", len(cells))
                seconds = page.run_all()
                errors, figures = page.errors(), page.figures()
                page.save()
                figure_outputs = saved_figure_outputs(server.root / "solutions" / lesson / f"{lesson}.ipynb")
                page.shot("teacher-solution-end")
                audit = a11y.audit(page, OUTPUT / "e2e" / f"axe-{lesson}-solution.json")  # what the solution shows
                for index in figures:
                    page.shot(f"teacher-figure-cell{index:02d}", page.cell(index))
                for index in errors:
                    page.shot(f"teacher-error-cell{index:02d}", page.cell(index))
            finally:
                page.close()
            answers = server.root / "solutions" / lesson / answer_file(lesson)
            key = json.loads(answers.read_text(encoding="utf-8"))["answers"] if answers.exists() else {}
            kernel_figures = {i: len(f) for i, f in figure_outputs.items()}
            done[lesson] = SolutionRun(lesson, seconds, errors, figures, kernel_figures, key, cells,
                                       figure_outputs=figure_outputs, audit=audit)
        return done[lesson]

    return run
