"""Accessibility checks of what the kit renders in JupyterLab (issue #20, WCAG 2.1 AA), in the browser tests' page
after Run All: axe-core over the notebook's outputs and rendered Markdown, and the text alternative of every image in
the outputs.

axe-core is the copy bundled with the `axe-playwright-python` package (axe.min.js, read from its folder and evaluated
in the page): no npm, no download. Only what the kit renders is audited — each output area (`.jp-OutputArea-output`:
widgets, figures, printed text) and each rendered Markdown cell (`.jp-MarkdownOutput`). JupyterLab's own interface
(menus, tool bars, side bars, the cell editors, the prompts) is out of scope: it is not the kit's to fix, so it is
left out of axe's context, and so is the "¶" link JupyterLab adds to each rendered heading. axe checks what is
rendered: text inside a folded widget or a closed <details> is not in the page (or is hidden) until it is opened, so it
is not audited. The tests fail on critical and serious violations; moderate and minor ones are in the saved result
(test-output/e2e/axe-<lesson>-<student|solution>.json), with the checks axe could not decide ("incomplete").
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# what the kit renders, in the notebook shown (a closed notebook's panel stays in the DOM, hidden)
KIT_CONTENT = {
    "include": [".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-OutputArea-output",
                ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-MarkdownOutput"],
    # JupyterLab's own, inside rendered Markdown: the "¶" link it adds to every heading (shown on hover)
    "exclude": [".jp-InternalAnchorLink"],
}
FAILING_IMPACTS = ("critical", "serious")


@dataclass
class Audit:
    """What `audit` found in one notebook's page."""
    axe: dict = field(default_factory=dict)  # axe-core's result (run_axe)
    images: list = field(default_factory=list)  # every <img> in the outputs (images)
    seconds: float = 0.0
    error: str | None = None  # why the audit could not run

    def failing(self) -> list[str]:
        """The critical and serious violations, or why axe did not run."""
        if not self.axe:
            return [f"axe did not run: {self.error}"]
        return failing(self.axe)

    def image_problems(self, figure_outputs: dict[int, list[dict | None]]) -> list[str]:
        """What is wrong with the text alternatives of the images (alt_problems; figure_outputs: the saved
        notebook's, e2e_lab.saved_figure_outputs), or why they were not looked at."""
        if self.error:
            return [f"the audit did not finish: {self.error}"]
        return alt_problems(self.images, saved_alts(figure_outputs))


def audit(page, path: Path) -> Audit:
    """Audit a notebook after Run All in an e2e_lab.Page, once its widgets are drawn: axe-core over what the kit
    renders (its full result written to `path`) and the text alternatives of the images. An error is kept, not
    raised, so that the run's other tests still run (the accessibility test reports it)."""
    start = time.monotonic()
    found = Audit()
    try:
        page.wait_for_widgets()
        found.axe = run_axe(page.page)
        save(found.axe, path)
        found.images = images(page.page)
    except Exception as error:  # noqa: BLE001 - reported by the tests
        found.error = f"{type(error).__name__}: {error}"
    found.seconds = time.monotonic() - start
    return found


@cache
def axe_script() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        raise RuntimeError("axe-playwright-python is not installed (it brings axe-core): `make test` installs the "
                           "test extra, or pip install -e '.[test]'") from None
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page) -> dict:
    """axe-core's full result (violations and incomplete checks with their nodes; passes and inapplicable rules
    without) for what the kit renders in a Playwright page (e2e_lab.Page.page) showing a notebook, with the WCAG
    2.0/2.1 A and AA rules and best practice.

    axe checks colour contrast only for text it finds on screen, and in JupyterLab it finds none: the <body> has
    height 0 and overflow hidden (the interface is positioned over it), and the notebook scrolls. So for the audit
    the <body> gets the window's height and the window is made as tall as the whole notebook (then put back)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_script())
    viewport = page.viewport_size
    page.evaluate("""() => { const s = document.createElement('style'); s.id = 'medialit-axe';
                             s.textContent = 'html, body { height: 100%; }'; document.head.appendChild(s); }""")
    try:
        # JupyterLab lays cells out as they come on screen (after the resize, a moment later), so the notebook grows
        # as the window does: measure until it fits and stays the same
        bottom = 0
        for _ in range(12):
            page.wait_for_timeout(150)
            now = page.evaluate(_NOTEBOOK_BOTTOM)
            if now == bottom and now + 100 <= page.viewport_size["height"]:
                break
            bottom = now
            if now + 100 > page.viewport_size["height"]:
                page.set_viewport_size({"width": viewport["width"], "height": min(int(now) + 300, MAX_HEIGHT)})
        return page.evaluate(
            """([context, tags]) => axe.run(context, {
                   runOnly: {type: 'tag', values: tags}, resultTypes: ['violations', 'incomplete']})""",
            [KIT_CONTENT, AXE_TAGS])
    finally:
        page.set_viewport_size(viewport)
        page.evaluate("() => document.getElementById('medialit-axe').remove()")


MAX_HEIGHT = 60_000  # CSS pixels: the tallest window for an audit (a lesson notebook is about 20 000 px)
_NOTEBOOK_BOTTOM = """() => {
    const scroller = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer');
    const cells = scroller.querySelectorAll('.jp-Cell');
    scroller.scrollTop = 0;
    return cells[cells.length - 1].getBoundingClientRect().bottom;
}"""


def violations(result: dict) -> list[dict]:
    """The violations of an axe result, short: impact, rule id, help, and each offending node's target and HTML
    (trimmed)."""
    return [{"impact": v["impact"], "id": v["id"], "help": v["help"],
             "nodes": [{"target": n["target"], "html": _trim(n["html"]), "impact": n.get("impact")}
                       for n in v["nodes"]]}
            for v in result["violations"]]


def counts(result: dict) -> dict[str, dict[str, int]]:
    """{impact: {rule id: number of nodes}} of an axe result's violations."""
    out: dict[str, dict[str, int]] = {}
    for v in result["violations"]:
        out.setdefault(v["impact"] or "unknown", {})[v["id"]] = len(v["nodes"])
    return out


def failing(result: dict) -> list[str]:
    """The critical and serious violations of an axe result, one line each with its first nodes."""
    lines = []
    for v in violations(result):
        if v["impact"] in FAILING_IMPACTS:
            nodes = "; ".join(f"{n['target']} {n['html']}" for n in v["nodes"][:3])
            more = f" (and {len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
            lines.append(f"{v['impact']} {v['id']} ({v['help']}), {len(v['nodes'])} node(s): {nodes}{more}")
    return lines


def save(result: dict, path: Path) -> None:
    """The full axe result for people to read (test-output/e2e/axe-<lesson>-<student|solution>.json)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


def _trim(html: str, limit: int = 300) -> str:
    html = re.sub(r"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+", "data:…", html)
    return html if len(html) <= limit else html[:limit] + "…"


# -- text alternatives of images --------------------------------------------------------------------------------
MIN_ALT = 25  # characters: shorter than this says too little about a figure or a map
GENERIC = re.compile(r"^\s*(an?\s+|the\s+)?(figure|image|img|picture|photo|plot|chart|graph|diagram|map|png|"
                     r"svg|jpe?g|untitled|output|\S+\.(png|jpe?g|svg|gif))\s*\d*\s*$", re.I)


def images(page) -> list[dict]:
    """Every <img> in the notebook's outputs: {cell (index), alt (None when absent), title, kit_figure (inside a
    kit figure, `figure.medialit-figure`), hidden (aria-hidden or role presentation/none)}."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')]
            .flatMap((c, i) => [...c.querySelectorAll('.jp-OutputArea-output img')].map(img => ({
                cell: i, alt: img.getAttribute('alt'), title: img.getAttribute('title'),
                kit_figure: !!img.closest('figure.medialit-figure'),
                hidden: img.closest('[aria-hidden=true]') !== null
                        || ['presentation', 'none'].includes(img.getAttribute('role'))})))""")


def text_alternative(image: dict) -> str:
    """An image's text alternative: its alt, or for ipywidgets' Image (which has no alt trait) its title."""
    return (image["alt"] or image["title"] or "").strip()


def saved_alts(figure_outputs: dict[int, list[dict | None]]) -> dict[int, list[str]]:
    """{cell index: [alt]} of the kit figures of a saved notebook (e2e_lab.saved_figure_outputs)."""
    return {i: [m.get("alt", "") for m in metas if m] for i, metas in figure_outputs.items()}


def alt_problems(shown: list[dict], saved_alts: dict[int, list[str]] | None = None) -> list[str]:
    """What is wrong with the text alternatives of the images in a page's outputs: none, too short (under
    MIN_ALT characters), a generic word or a file name, hidden from screen readers; a kit figure whose alt is not
    the one the kernel wrote (`saved_alts`: {cell index: [alt]}, from the saved notebook's figure metadata), that
    says it has no title, or that holds neither a number nor four words of content."""
    problems = []
    for image in shown:
        where = f"cell {image['cell']}"
        text = text_alternative(image)
        if image["hidden"]:
            problems.append(f"{where}: an image hidden from screen readers (aria-hidden or role=presentation)")
        elif not text:
            problems.append(f"{where}: an image with no text alternative (no alt, no title)")
        elif GENERIC.match(text):
            problems.append(f"{where}: a generic text alternative {text!r}")
        elif len(text) < MIN_ALT:
            problems.append(f"{where}: a text alternative of {len(text)} characters ({text!r}), under {MIN_ALT}")
        if image["kit_figure"] and "A figure without a title" in text:  # what figures.py says of an untitled one
            problems.append(f"{where}: a figure without a title, so its alt cannot say what it shows: {text[:80]!r}")
        if image["kit_figure"] and text:
            expected = (saved_alts or {}).get(image["cell"])
            if saved_alts is not None and not expected:
                problems.append(f"{where}: a figure in the page, none with the kit's metadata in the saved notebook")
            elif saved_alts is not None and text not in expected:
                problems.append(f"{where}: the figure's alt {text[:80]!r} is not the one the kernel wrote "
                                f"({expected[0][:80]!r})")
            if not re.search(r"\d", text) and len(re.findall(r"[A-Za-z]{4,}", text)) < 4:
                problems.append(f"{where}: the figure's alt {text!r} has no number and hardly a word of content")
    return problems
