"""The browser harness itself: `Page.run_all` finishes a Run All whose kernel is replaced in the middle of it (seen once
in CI: the cells still queued went back to "[ ]" and the run never ended, failing a lesson's tests for nothing).

A scratch notebook of slow cells; when the second cell starts, it leaves a file, and a thread here restarts the
notebook's kernel through the server's REST API, as the server did on its own that time. Run All must then be asked
again by the harness, and end with every cell run in the new kernel."""

from __future__ import annotations

import threading
import time

from e2e_lab import browser_tests, scratch_notebook

pytestmark = browser_tests

LESSON = "93-harness"
CELLS = ["import os, time", "open('second-cell-started', 'w').close()\ntime.sleep(3)",
         *[f"time.sleep(1)\nprint('cell {n} ran')" for n in range(3, 7)]]


def test_run_all_survives_a_kernel_restarted_mid_run(new_page, server):
    restarted = threading.Event()

    def restart_when_the_second_cell_starts(folder):
        marker = folder / "second-cell-started"
        marker.unlink(missing_ok=True)

        def watch():
            deadline = time.monotonic() + 180
            while not marker.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            sessions = [s for s in server.api("GET", "/api/sessions")
                        if s["path"] == f"scratch/{LESSON}/{LESSON}.ipynb"]
            if marker.exists() and sessions:
                server.api("POST", f"/api/kernels/{sessions[0]['kernel']['id']}/restart")
                restarted.set()

        threading.Thread(target=watch, daemon=True).start()

    with scratch_notebook(new_page, server, LESSON, CELLS, "*.png", restart_when_the_second_cell_starts) as (page, _):
        assert restarted.is_set(), "the kernel was not restarted while Run All ran (the test proves nothing)"
        assert (page.shots / "run-all-stalled.png").exists(), "Run All was never asked again after the restart"
        prompts = page.page.evaluate("() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
                                     ".jp-CodeCell .jp-InputPrompt')].map(p => p.textContent)")
        assert all(p.strip("[]: ").isdigit() for p in prompts), prompts
        assert "cell 6 ran" in page.cell(len(CELLS) - 1).locator(".jp-OutputArea").text_content()


DIES = "95-harness-dies"
DIES_CELLS = ["import os, time",
              # the first run: the kernel dies here (JupyterLab then shows its modal "kernel died" dialog)
              "if not os.path.exists('died-once'):\n    open('died-once', 'w').close()\n    os._exit(1)",
              *[f"time.sleep(0.5)\nprint('cell {n} ran')" for n in range(3, 6)]]


def test_run_all_survives_a_kernel_that_died_behind_a_dialog(new_page, server):
    """Seen once in CI: the stalled Run All could not be restarted, because a modal dialog covered the menu bar.
    The harness accepts the dialog (and reports its text) before it restarts the kernel."""
    def first_run_dies(folder):
        (folder / "died-once").unlink(missing_ok=True)

    with scratch_notebook(new_page, server, DIES, DIES_CELLS, "*.png", first_run_dies) as (page, folder):
        assert (folder / "died-once").exists(), "the kernel never reached the cell that ends it"
        assert page.dialogs_seen, "no dialog was open when Run All stalled (the test proves nothing)"
        prompts = page.page.evaluate("() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
                                     ".jp-CodeCell .jp-InputPrompt')].map(p => p.textContent)")
        assert all(p.strip("[]: ").isdigit() for p in prompts), prompts
        assert "cell 5 ran" in page.cell(len(DIES_CELLS) - 1).locator(".jp-OutputArea").text_content()
