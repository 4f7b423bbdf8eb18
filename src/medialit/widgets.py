"""Answer widgets whose answers the autograder sees.

Each widget saves its answer to the lesson's answer file the moment it changes, reloads it when its cell runs
again (so Restart & Run All keeps the answers), and exposes it as a plain Python value in ``.value``:

=================  ==============================================  ============================================
widget             made with                                       value
=================  ==============================================  ============================================
single choice      ``lab.choice(q, prompt, options)``              one option (str) or None
checklist          ``lab.checklist(q, prompt, options)``           list of the ticked options, or None
folded texts       ``ml.folded(texts)``                            (not an answer: shows texts behind buttons)
label table        ``lab.label_table(q, prompt, items, labels)``   {item id: label} for the labelled items
span labeller      ``lab.span_labeller(q, prompt, texts, labels)``  [{item, start, end, label, text}, ...]
rating scale       ``lab.rating(q, prompt, scale)``                1 … len(scale), or None
word marker        ``lab.mark_words(q, prompt, texts, labels)``    [{item, start, end, label, text}, ...]
relay graph        ``lab.relay_graph(q, prompt, actors, claims=)``  [[from, to], ...] or [[from, to, claim], ...]
intervals          ``lab.intervals(q, prompt, items)``             {item id: [low, high]} (high None: open-ended)
map point          ``lab.map_point(q, prompt, extent=, places=)``  [lat, lon] (3 decimals), or None
ranking            ``lab.ranking(q, prompt, items)``               [item id, ...] in order, or None
investigation      ``lab.investigate(q, prompt, claims)``          the move log [{t, claim, do, ...}, ...], or None
shadow marks       ``lab.mark_shadow(q, prompt, image)``           {"base": [x, y], "top": [x, y], "tip": [x, y]} (file pixels)
=================  ==============================================  ============================================

The no-code track (word marker, relay graph, intervals, map point, ranking) lets a student do every judgement with
clicks or with the keyboard alone: a word marker is a toggle button per word (``labels=None``: every mark is
"marked"; consecutive marked words with one label form one span); a relay graph adds links chosen in rows of toggle
buttons and removes them by number; intervals take whole numbers in text boxes (a wrong one is named in the status
line and not saved); a map point moves by number boxes, North/South/East/West buttons or a click on the map
(ipyevents); a ranking moves items with "Move up"/"Move down" and answers only once moved or kept.

An investigation (lesson 07) is a small browser for the kit's offline web (``medialit.web``): choose a claim, search
(type and press Enter, or "Search"), open a result (a button per result; the list hides while a page is open, as in a
browser, and "Back to results" shows it again), cite the open page for the claim, and give a verdict and a confidence.
Its value is the move log, one move per action (``medialit.web.check_moves`` says what a move holds); the keyboard
focus moves to "Back to results" when a page opens and back to the result when the list returns.

Choices and checklists show their options in ``display_order``: shuffled by question id, the same everywhere.
Comment text that a cell shows goes through ``ml.folded`` (or a widget with ``collapsed=True``): hidden until the
reader presses "Show", and absent from the cell's plain-text output (what nbviewer, feedback and exports show).

Accessibility (WCAG 2.1 AA; tests/e2e/test_e2e_widgets.py checks it in Chromium): every control has a text label,
the saved state is said in words (never by colour alone), and everything is a native control (radio buttons, check
boxes, buttons, text and number boxes) — no drop-downs, whose keys JupyterLab takes as notebook shortcuts — so it
works by keyboard, in reading order. The status line is a live region (role="status", see ``_LIVE``) that says each
new state, including which label a label table's item got and which word was (un)marked. Rows of controls wrap and
long labels wrap (``_ROW``, ``_CSS``), so nothing is cut off at 200% zoom. Limits, from ipywidgets 8: a row of toggle
buttons does not tell a screen reader which button is down (its look does; the status line says it for label tables,
ratings and marked words), a radio group's "Your answer:" is not tied to its buttons, and arrow keys in a group of
radio buttons go to JupyterLab (Tab reaches each option; Space chooses).
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from . import assessment as _assessment
from .errors import AnswerFileError, MediaLitError

if TYPE_CHECKING:
    from .lesson import Lesson



def _css_name(item: str) -> str:
    """An item id as a CSS class fragment (tests and styles find a row by it)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", item)


def _w():
    import ipywidgets

    return ipywidgets


def _layout(**kw):
    return _w().Layout(**kw)


_STYLE = {"description_width": "initial"}
_ROW = {"flex_flow": "row wrap"}  # a row of controls wraps at the box's edge (at 200% zoom too), never cut off
# a labelled text or number box shrinks to fit a narrow row (less its margins, 2 px each side)
_FIT = {"width": "auto", "max_width": "calc(100% - 4px)"}

# What ipywidgets' layouts cannot say, in a style sheet scoped to the kit's widgets (the class "medialit-widget" of
# each widget's outer box) and carried by its heading (an HTML widget's value goes into the page as it is): a check
# box's label wraps instead of being cut short with "…" (at 200% zoom the page is half as wide), and the keyboard
# focus shows as a 2 px ring in the text colour (ipywidgets' own is a 1 px light blue line, hard to see).
_CSS = ("<style>.medialit-widget .widget-checkbox{height:auto}"
        ".medialit-widget .widget-label-basic{white-space:normal;line-height:1.4;padding:5px 0}"
        ".medialit-widget .jupyter-button:focus-visible,.medialit-widget input:focus-visible"
        "{outline:2px solid var(--jp-ui-font-color0);outline-offset:1px}</style>")

# The status line is a live region that stays in the page, so that screen readers announce each new state: ipywidgets
# replaces an HTML widget's content on every update (a live region made anew each time is not reliably announced)
# and cannot give the element that holds the content a role, so the content itself does, when its empty style
# element loads: the holder gets role="status" and keeps it across updates. Where a page blocks inline handlers
# (a strict Content-Security-Policy) the line still shows, only without being announced.
_LIVE = "<style onload=\"this.parentNode.setAttribute('role', 'status')\"></style>"


class AnswerWidget:
    """Shared behaviour: load, validate, save, status line, display."""

    kind = "answer"

    def __init__(self, lesson: Lesson, question: str, prompt: str):
        self.lesson, self.question, self.prompt = lesson, question, prompt
        self._value: Any = None
        self._syncing = False
        w = _w()
        self._status = w.HTML()
        controls = self._build()
        heading = w.HTML(f"{_CSS}<p><b>Exercise {html.escape(question)}</b> — {html.escape(prompt)}</p>")
        self.widget = w.VBox([heading, *controls, self._status], layout=_layout(width="100%"))
        self.widget.add_class("medialit-widget")
        self._status.add_class("medialit-status")
        saved = lesson.store.get(question)
        if saved is not None:
            try:
                self._value = self._validate(saved)
            except ValueError as error:
                raise AnswerFileError(
                    f"Your answer file {lesson.store.path}: field 'answers.{question}.value': {error}.\n"
                    "  What to do: answer again with the widget after renaming the file (to keep a copy), or mend "
                    "the value by hand. The kit never resets it on its own."
                ) from None
        self._sync_controls()
        self._update_status()

    # -- the public face ---------------------------------------------------------------------------------------
    @property
    def value(self) -> Any:
        """The answer as a plain Python value (None while unanswered)."""
        import copy

        return copy.deepcopy(self._value)

    @value.setter
    def value(self, new: Any) -> None:
        try:
            new = None if new is None else self._validate(new)
        except ValueError as error:
            raise MediaLitError(f"Exercise {self.question}: {error}.") from None
        self._value = new
        self._sync_controls()
        self._save()

    def clear(self) -> None:
        """Remove the answer (from the widget and the answer file)."""
        self.value = None

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        # the summary, never the value: a span labeller's value holds the marked words, which may be comment text
        summary = "no answer yet" if self._value in (None, [], {}) else self._summary()
        return f"<{type(self).__name__} {self.question}: {summary}>"

    # -- internals ---------------------------------------------------------------------------------------------
    def _from_controls(self, change=None) -> None:
        if self._syncing:
            return
        self._value = self._read_controls()
        self._save()

    def _save(self) -> None:
        try:
            self.lesson.store.save(self.question, self.kind, self._value)
        except AnswerFileError as error:
            self._status.value = f"{_LIVE}<p role='alert'>⚠ <b>Not saved.</b> {html.escape(str(error))}</p>"
            raise
        self._update_status()

    def _sync_controls(self) -> None:
        self._syncing = True
        try:
            self._show(self._value)
        finally:
            self._syncing = False

    def _update_status(self, note: str = "", warn: bool = True) -> None:
        """The saved state in words; `note` (plain text) adds a line for what the student just tried, e.g. why a
        link or a number was not taken (warn), or where a moved item went."""
        name = html.escape(self.lesson.store.path.name)
        if self._value in (None, [], {}):
            text = f"○ No answer yet. Your answer is saved in {name} as soon as you choose."
        else:
            text = f"✓ Answer saved in {name}: {html.escape(self._summary())}"
        extra = f"<br>{'⚠' if warn else '→'} {html.escape(note)}" if note else ""
        self._status.value = f"{_LIVE}<p>{text}{extra}</p>"

    def _summary(self) -> str:
        return str(self._value)

    # subclasses
    def _build(self) -> list:
        raise NotImplementedError

    def _show(self, value) -> None:
        raise NotImplementedError

    def _read_controls(self) -> Any:
        raise NotImplementedError

    def _validate(self, value) -> Any:
        raise NotImplementedError


def _check_options(options, what="options") -> list[str]:
    options = [str(o) for o in options]
    if not options or len(set(options)) != len(options):
        raise MediaLitError(f"The {what} must be a non-empty list without repeats, found {options!r}.")
    return options


def display_order(question: str, options) -> list[str]:
    """The order in which a choice or checklist shows its options: shuffled, the same on every machine and every
    run (a SHA-256 of the question id and the option's text), and independent of the order the author wrote them
    in — so the place of an option never gives the answer away."""
    import hashlib

    options = _check_options(options)
    return sorted(options, key=lambda o: hashlib.sha256(f"{question}\n{o}".encode()).hexdigest())


class SingleChoice(AnswerWidget):
    """Pick one option (radio buttons)."""

    kind = "single_choice"

    def __init__(self, lesson, question, prompt, options):
        self.options = display_order(question, options)
        super().__init__(lesson, question, prompt)

    def _build(self):
        self._radio = _w().RadioButtons(
            options=self.options, index=None, description="Your answer:", style=_STYLE, layout=_layout(width="auto")
        )
        self._radio.observe(self._from_controls, names="value")
        return [self._radio]

    def _show(self, value):
        self._radio.index = None if value is None else self.options.index(value)

    def _read_controls(self):
        return self._radio.value

    def _validate(self, value):
        if value not in self.options:
            raise ValueError(f"{value!r} is not one of the options {self.options}")
        return value


class Checklist(AnswerWidget):
    """Tick any number of options (check boxes). The value lists the ticked options in the order shown."""

    kind = "checklist"

    def __init__(self, lesson, question, prompt, options):
        self.options = display_order(question, options)
        super().__init__(lesson, question, prompt)

    def _build(self):
        w = _w()
        # as wide as the box (width auto: a box's children stretch; 100% would add the margins and overflow), and a
        # long option wraps (_CSS) instead of being cut short with "…"
        self._boxes = [w.Checkbox(value=False, description=o, indent=False, style=_STYLE,
                                  layout=_layout(width="auto")) for o in self.options]
        for box in self._boxes:
            box.observe(self._from_controls, names="value")
        return [w.HTML("<p>Tick every option that applies:</p>"), *self._boxes]

    def _show(self, value):
        chosen = set(value or [])
        for option, box in zip(self.options, self._boxes):
            box.value = option in chosen

    def _read_controls(self):
        return [o for o, box in zip(self.options, self._boxes) if box.value]

    def _validate(self, value):
        if isinstance(value, str) or not isinstance(value, (list, tuple, set)):
            raise ValueError(f"expected a list of options, found {value!r}")
        unknown = [v for v in value if v not in self.options]
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not one of the options {self.options}")
        return [o for o in self.options if o in set(value)]

    def _summary(self):
        return "; ".join(self._value) if self._value else "none ticked"


def _item_text(item_id: str, text: str, collapsed: bool):
    """An item's text; when collapsed, hidden behind a "Show" toggle button (a real button: works by keyboard)."""
    body = _w().HTML(f"<div style='white-space: pre-wrap'>{html.escape(text)}</div>", layout=_layout(width="auto"))
    return _fold(item_id, body, collapsed)[0]


class Folded:
    """Texts shown folded, one "Show" button each — for any cell that shows comment text (``ml.folded``).

    The texts live only inside the widget: the cell's plain-text output names the items, never their text, so a
    notebook read without widgets (nbviewer, feedback, an export) shows no comment text either."""

    def __init__(self, texts: dict[str, str], note: str | None = None):
        if not isinstance(texts, dict):
            raise MediaLitError("ml.folded needs a dict {item name: text}; the names are shown, the texts folded.")
        self.texts = {str(k): str(v) for k, v in texts.items()}
        w = _w()
        note = note or (f"{len(self.texts)} text{'s' if len(self.texts) != 1 else ''}, folded. Content note: they "
                        "may be offensive; press a button to show one.")
        self.widget = w.VBox([w.HTML(f"{_CSS}<p>{html.escape(note)}</p>"),
                              *(_item_text(k, v, collapsed=True) for k, v in self.texts.items())],
                             layout=_layout(width="100%"))
        self.widget.add_class("medialit-widget")

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        names = ", ".join(self.texts) if len(self.texts) <= 12 else f"{', '.join(list(self.texts)[:12])}, …"
        return f"<{len(self.texts)} folded texts: {names}>"


def folded(texts: dict[str, str], note: str | None = None) -> Folded:
    """Show texts (comments, or matches in their context) folded behind "Show" buttons: ``ml.folded({id: text})``.
    Use it wherever a cell would otherwise print comment text."""
    return Folded(texts, note)


class LabelTable(AnswerWidget):
    """Give each item one label (a row of toggle buttons per item). The value maps item id → label for the labelled items."""

    kind = "label_table"

    def __init__(self, lesson, question, prompt, items: dict[str, str], labels, *, collapsed=False):
        if not isinstance(items, dict) or not items:
            raise MediaLitError("label_table needs items as a non-empty dict {item id: text}.")
        self.items = {str(k): str(v) for k, v in items.items()}
        self.labels = _check_options(labels, "labels")
        self.collapsed = collapsed
        super().__init__(lesson, question, prompt)

    def _build(self):
        w = _w()
        self._menus, rows = {}, []
        for item, text in self.items.items():
            # toggle buttons, not a drop-down: JupyterLab takes keys pressed in a <select> as notebook shortcuts,
            # while a button answers to Tab and Space; and no answer shows as no button pressed
            menu = w.ToggleButtons(options=self.labels, value=None, description=f"Label for {item}:",
                                   style={**_STYLE, "button_width": "auto"}, layout=_layout(width="auto"),
                                   tooltips=[f"{item}: {label}" for label in self.labels])
            menu.observe(lambda change, item=item: self._pressed(item, change["new"]), names="value")
            self._menus[item] = menu
            rows.append(w.VBox([_item_text(item, text, self.collapsed), menu],
                               layout=_layout(border="1px solid #999", padding="4px", margin="2px 0")))
            rows[-1].add_class(f"medialit-item-{_css_name(item)}")
        return rows

    def _pressed(self, item: str, label):
        """Save, and say in the status line which item got which label: a screen reader does not say which of a
        row's toggle buttons is down (ipywidgets marks it by its look alone)."""
        if self._syncing:
            return
        self._from_controls()
        self._update_status(f"{item}: {label}.", warn=False)

    def _show(self, value):
        value = value or {}
        for item, menu in self._menus.items():
            menu.value = value.get(item)

    def _read_controls(self):
        chosen = {item: menu.value for item, menu in self._menus.items() if menu.value is not None}
        return chosen or None

    def _validate(self, value):
        if not isinstance(value, dict):
            raise ValueError(f"expected a dict {{item id: label}}, found {value!r}")
        for item, label in value.items():
            if item not in self.items:
                raise ValueError(f"{item!r} is not one of the items {list(self.items)}")
            if label not in self.labels:
                raise ValueError(f"{label!r} (for {item}) is not one of the labels {self.labels}")
        return {item: value[item] for item in self.items if item in value} or None

    def _summary(self):
        return f"{len(self._value)} of {len(self.items)} items labelled"


class JudgementTable(AnswerWidget):
    """For each item, a verdict (it holds up, or flag it) and how sure the student is (the pre/post test, issue #21).
    Two rows of toggle buttons per item; the items whose id is in ``folded`` are hidden behind a "Show" button (reader
    comments, which may hold hateful words). The value maps item id → {"verdict": "pass" | "flag", "confidence":
    1 … 4}, either part None until chosen."""

    kind = "judgement_table"
    VERDICTS, CONFIDENCE = _assessment.VERDICTS, _assessment.CONFIDENCE

    def __init__(self, lesson, question, prompt, items: dict[str, str], *, folded=()):
        if not isinstance(items, dict) or not items:
            raise MediaLitError("judge needs items as a non-empty dict {item id: text}.")
        self.items = {str(k): str(v) for k, v in items.items()}
        self.folded = {str(k) for k in folded}
        super().__init__(lesson, question, prompt)

    def _build(self):
        w = _w()
        self._verdicts, self._sure, rows = {}, {}, []
        for item, text in self.items.items():
            verdict = w.ToggleButtons(options=list(self.VERDICTS), value=None, description=f"Verdict on {item}:",
                                      style={**_STYLE, "button_width": "auto"}, layout=_layout(width="auto"),
                                      tooltips=[f"{item}: {label}" for label, _ in self.VERDICTS])
            sure = w.ToggleButtons(options=[(f"{n} – {words}", n) for n, words in enumerate(self.CONFIDENCE, 1)],
                                   value=None, description=f"How sure, {item}:",
                                   style={**_STYLE, "button_width": "auto"}, layout=_layout(width="auto"),
                                   tooltips=[f"{item}: {words}" for words in self.CONFIDENCE])
            verdict.observe(lambda change, item=item: self._pressed(item), names="value")
            sure.observe(lambda change, item=item: self._pressed(item), names="value")
            self._verdicts[item], self._sure[item] = verdict, sure
            rows.append(w.VBox([_item_text(item, text, item in self.folded), verdict, sure],
                               layout=_layout(border="1px solid #999", padding="4px", margin="2px 0")))
            rows[-1].add_class(f"medialit-item-{_css_name(item)}")
        return rows

    def _pressed(self, item: str):
        """Save, and say in words what the item now has (toggle buttons do not tell a screen reader which is down)."""
        if self._syncing:
            return
        self._from_controls()
        entry = (self._value or {}).get(item, {})
        words = dict((v, label) for label, v in self.VERDICTS).get(entry.get("verdict"), "no verdict yet")
        sure = entry.get("confidence")
        self._update_status(f"{item}: {words}; " + (f"{sure} – {self.CONFIDENCE[sure - 1]}." if sure else
                                                     "how sure: not chosen yet."), warn=False)

    def _show(self, value):
        value = value or {}
        for item in self.items:
            entry = value.get(item) or {}
            self._verdicts[item].value = entry.get("verdict")
            self._sure[item].value = entry.get("confidence")

    def _read_controls(self):
        chosen = {item: {"verdict": self._verdicts[item].value, "confidence": self._sure[item].value}
                  for item in self.items
                  if self._verdicts[item].value is not None or self._sure[item].value is not None}
        return chosen or None

    def _validate(self, value):
        if not isinstance(value, dict):
            raise ValueError(f"expected a dict {{item id: {{'verdict': ..., 'confidence': ...}}}}, found {value!r}")
        verdicts = [v for _, v in self.VERDICTS]
        for item, entry in value.items():
            if item not in self.items:
                raise ValueError(f"{item!r} is not one of the items {list(self.items)}")
            if not isinstance(entry, dict) or set(entry) - {"verdict", "confidence"}:
                raise ValueError(f"the answer for {item} must be {{'verdict': ..., 'confidence': ...}}")
            if entry.get("verdict") not in (None, *verdicts):
                raise ValueError(f"{entry.get('verdict')!r} (for {item}) is not one of {verdicts}")
            sure = entry.get("confidence")
            if sure is not None and (isinstance(sure, bool) or sure not in range(1, len(self.CONFIDENCE) + 1)):
                raise ValueError(f"confidence {sure!r} (for {item}) is not a whole number from 1 to "
                                 f"{len(self.CONFIDENCE)}")
        return {item: {"verdict": value[item].get("verdict"), "confidence": value[item].get("confidence")}
                for item in self.items if item in value} or None

    def _summary(self):
        done = sum(1 for e in self._value.values() if e["verdict"] and e["confidence"])
        return f"{done} of {len(self.items)} items with a verdict and how sure"


_UNIT_PATTERNS = {"word": re.compile(r"\S+"), "sentence": re.compile(r"[^\s].*?(?:[.!?…]+[\"'”’)]*(?=\s)|$|\n)", re.S)}


def text_units(text: str, unit: str = "sentence") -> list[tuple[int, int]]:
    """Offsets (start, end) of the words or sentences of a text, as the span labeller offers them."""
    if unit not in _UNIT_PATTERNS:
        raise MediaLitError(f"unit must be 'word' or 'sentence', found {unit!r}.")
    spans = []
    for match in _UNIT_PATTERNS[unit].finditer(text):
        start, end = match.start(), match.end()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans



def _validate_spans(value, texts: dict[str, str], labels: list[str]):
    """A list of spans ``{"item", "start", "end", "label"}`` checked against the texts and labels, with each span's
    text filled in, sorted by text (in the texts' order), start, end, label; None when empty. Shared by the span
    labeller and the word marker."""
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"expected a list of spans, found {value!r}")
    clean = []
    for n, span in enumerate(value):
        if not isinstance(span, dict) or not {"item", "start", "end", "label"} <= set(span):
            raise ValueError(f"span {n + 1} must be a dict with item, start, end and label, found {span!r}")
        item, start, end, label = str(span["item"]), span["start"], span["end"], span["label"]
        if item not in texts:
            raise ValueError(f"span {n + 1}: {item!r} is not one of the texts {list(texts)}")
        if not (isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
                and not isinstance(end, bool) and 0 <= start < end <= len(texts[item])):
            raise ValueError(f"span {n + 1}: offsets {start!r}:{end!r} are not inside text {item}")
        if label not in labels:
            raise ValueError(f"span {n + 1}: {label!r} is not one of the labels {labels}")
        clean.append({"item": item, "start": start, "end": end, "label": label, "text": texts[item][start:end]})
    order = list(texts)
    clean.sort(key=lambda s: (order.index(s["item"]), s["start"], s["end"], s["label"]))
    return clean or None


class SpanLabeller(AnswerWidget):
    """Choose stretches of texts (by word or sentence) and label them; several spans per text.

    The value is a list of ``{"item", "start", "end", "label", "text"}`` with offsets into the item's text.
    """

    kind = "span_labeller"

    def __init__(self, lesson, question, prompt, texts: dict[str, str], labels, *, unit="sentence", collapsed=False):
        if not isinstance(texts, dict) or not texts:
            raise MediaLitError("span_labeller needs texts as a non-empty dict {item id: text}.")
        self.texts = {str(k): str(v) for k, v in texts.items()}
        self.labels = _check_options(labels, "labels")
        self.unit, self.collapsed = unit, collapsed
        self.units = {item: text_units(text, unit) for item, text in self.texts.items()}
        super().__init__(lesson, question, prompt)

    def _build(self):
        # buttons and number boxes only (no drop-downs): they work by keyboard inside JupyterLab
        w = _w()
        self._shown = w.VBox()
        self._item = w.ToggleButtons(options=list(self.texts), value=list(self.texts)[0], description="Text:",
                                     style={**_STYLE, "button_width": "auto"})
        self._from = w.BoundedIntText(value=1, min=1, max=1, description=f"From {self.unit} number:", style=_STYLE,
                                      layout=_layout(**_FIT))
        self._to = w.BoundedIntText(value=1, min=1, max=1, description=f"to {self.unit} number:", style=_STYLE,
                                    layout=_layout(**_FIT))
        self._label = w.ToggleButtons(options=self.labels, value=self.labels[0], description="Label:",
                                      style={**_STYLE, "button_width": "auto"})
        self._add = w.Button(description="Add span", tooltip="Add the chosen stretch with the chosen label")
        self._spans = w.HTML()
        self._remove_choice = w.BoundedIntText(value=1, min=1, max=1, description="Span number to remove:",
                                               style=_STYLE, layout=_layout(**_FIT))
        self._remove = w.Button(description="Remove span", tooltip="Remove the span with the number on the left")
        self._item.observe(lambda change: self._pick_item(), names="value")
        self._add.on_click(lambda button: self._add_span())
        self._remove.on_click(lambda button: self._remove_span())
        self._pick_item()
        return [self._item, self._shown, w.HBox([self._from, self._to], layout=_layout(**_ROW)), self._label,
                self._add, self._spans, w.HBox([self._remove_choice, self._remove], layout=_layout(**_ROW))]

    def _pick_item(self):
        item = self._item.value
        numbered = " ".join(f"[{i + 1}] {self.texts[item][s:e]}" for i, (s, e) in enumerate(self.units[item]))
        self._shown.children = [_item_text(item, numbered, self.collapsed)]
        count = max(1, len(self.units[item]))
        for box in (self._from, self._to):
            box.max = count
            box.value = 1

    def _add_span(self):
        item = self._item.value
        if not self.units[item]:
            return
        first, last = sorted((self._from.value - 1, self._to.value - 1))
        start, end = self.units[item][first][0], self.units[item][last][1]
        spans = [s for s in (self._value or []) if (s["item"], s["start"], s["end"]) != (item, start, end)]
        spans.append({"item": item, "start": start, "end": end, "label": self._label.value})
        self.value = spans

    def _remove_span(self):
        index = self._remove_choice.value - 1
        if self._value and 0 <= index < len(self._value):
            self.value = [s for i, s in enumerate(self._value) if i != index] or None

    def _show(self, value):
        rows = [f"<li>{html.escape(s['item'])} [{s['start']}:{s['end']}] <b>{html.escape(s['label'])}</b>: "
                f"“{html.escape(s['text'][:120])}”</li>" for s in value or []]
        self._spans.value = (f"<p>Your spans ({len(rows)}):</p><ol>{''.join(rows)}</ol>" if rows
                             else "<p>Your spans: none yet.</p>")
        self._remove_choice.max = max(1, len(value or []))

    def _read_controls(self):
        return self._value

    def _validate(self, value):
        return _validate_spans(value, self.texts, self.labels)

    def _summary(self):
        return f"{len(self._value)} span(s)"


class Rating(AnswerWidget):
    """Rate on a scale (toggle buttons, one per step, each with its words). The value is 1 … len(scale)."""

    kind = "rating"

    def __init__(self, lesson, question, prompt, scale):
        self.scale = _check_options(scale, "scale")
        super().__init__(lesson, question, prompt)

    def _build(self):
        self._buttons = _w().ToggleButtons(
            options=[(f"{i} – {s}", i) for i, s in enumerate(self.scale, start=1)], value=None,
            description="Your rating:", style={**_STYLE, "button_width": "auto"},
            tooltips=[f"{i}: {s}" for i, s in enumerate(self.scale, start=1)],
        )
        self._buttons.observe(self._from_controls, names="value")
        return [self._buttons]

    def _show(self, value):
        self._buttons.value = value

    def _read_controls(self):
        return self._buttons.value

    def _validate(self, value):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= len(self.scale):
            raise ValueError(f"expected a whole number from 1 to {len(self.scale)}, found {value!r}")
        return value

    def _summary(self):
        return f"{self._value} – {self.scale[self._value - 1]}"


# -- the no-code track: every judgement by clicks or by keyboard alone ------------------------------------------------
# with a visible mark in the text, never alone; white text on each at least 4.5:1 when pressed (not "warning": 3.8:1)
_MARK_STYLES = ["info", "danger", "success", "primary"]
_COMPACT = {"width": "auto", "height": "auto", "margin": "1px", "padding": "0 4px"}


def _short_forms(labels: list[str]) -> dict[str, str]:
    """The shortest prefixes (at least two letters) that tell the labels apart: shown on marked words."""
    for size in range(2, max(len(label) for label in labels) + 1):
        short = {label: label[:size] for label in labels}
        if len(set(short.values())) == len(labels):
            return short
    return {label: label for label in labels}


def _fold(item: str, body, collapsed: bool):
    """`body` (any widget), hidden behind a "Show the text of <item>" toggle button when collapsed — as
    `_item_text` does for a plain text. Returns (widget, toggle or None)."""
    w = _w()
    if not collapsed:
        return body, None
    body.layout.display = "none"
    toggle = w.ToggleButton(value=False, description=f"Show the text of {item}", icon="eye",
                            tooltip="Content note: the text may be offensive. Press again to hide it.",
                            layout=_layout(width="auto"))

    def flip(change):
        body.layout.display = "" if change["new"] else "none"
        toggle.description = f"{'Hide' if change['new'] else 'Show'} the text of {item}"

    toggle.observe(flip, names="value")
    return w.VBox([toggle, body], layout=_layout(width="100%")), toggle


class WordMarker(AnswerWidget):
    """Mark stretches of a passage by pressing its words (one toggle button per word, wrapping like running text).

    With ``labels``, the "Label:" row chooses the label a newly marked word gets; pressing a marked word unmarks
    it. The value is a list of ``{"item", "start", "end", "label", "text"}`` as the span labeller's: consecutive
    marked words with the same label form one span; without labels the label is "marked".
    """

    kind = "word_marker"

    def __init__(self, lesson, question, prompt, texts: dict[str, str], labels=None, *, collapsed=False):
        if not isinstance(texts, dict) or not texts:
            raise MediaLitError("mark_words needs texts as a non-empty dict {item id: text}.")
        self.texts = {str(k): str(v) for k, v in texts.items()}
        self.labelled = labels is not None
        self.labels = _check_options(labels, "labels") if self.labelled else ["marked"]
        self.collapsed = collapsed
        self.units = {item: text_units(text, "word") for item, text in self.texts.items()}
        self._marks: dict[str, dict[int, str]] = {item: {} for item in self.texts}  # word index -> label
        self._short = _short_forms(self.labels)
        self._views: dict[str, dict] = {}
        super().__init__(lesson, question, prompt)

    def _build(self):
        w = _w()
        controls = []
        self._item = None
        if len(self.texts) > 1:
            self._item = w.ToggleButtons(options=list(self.texts), value=list(self.texts)[0], description="Text:",
                                         style={**_STYLE, "button_width": "auto"},
                                         tooltips=[f"Show text {item} to mark its words" for item in self.texts])
            self._item.observe(lambda change: self._pick_item(), names="value")
            controls.append(self._item)
        self._label = None
        if self.labelled:
            self._label = w.ToggleButtons(options=self.labels, value=self.labels[0], description="Label:",
                                          style={**_STYLE, "button_width": "auto"},
                                          tooltips=[f"Words you mark now get the label {label}"
                                                    for label in self.labels])
            controls.append(self._label)
            legend = "; ".join(f"[word {self._short[label]}] = {label}" for label in self.labels)
            how = (f"Press a word to mark it with the chosen label, press it again to unmark it. A marked word "
                   f"shows in brackets with its label: {legend}.")
        else:
            how = "Press a word to mark it, press it again to unmark it. A marked word shows in [brackets]."
        controls.append(w.HTML(f"<p>{html.escape(how)}</p>"))
        self._passage = w.VBox(layout=_layout(width="100%"))
        self._clear = w.Button(description="Clear this text", icon="eraser",
                               tooltip="Unmark every word of the text shown")
        self._clear.on_click(lambda button: self._clear_item())
        controls += [self._passage, self._clear]
        return controls

    def _current(self) -> str:
        return self._item.value if self._item is not None else next(iter(self.texts))

    def _view(self, item: str) -> dict:
        """The word buttons of one text, made the first time it is shown."""
        if item not in self._views:
            w = _w()
            text, units = self.texts[item], self.units[item]
            buttons = []
            for n, (start, end) in enumerate(units):
                button = w.ToggleButton(value=False, description=text[start:end], layout=_layout(**_COMPACT),
                                        tooltip=f"{text[start:end]} — word {n + 1} of {len(units)}")
                button.observe(lambda change, n=n: self._press(item, n, change["new"]), names="value")
                buttons.append(button)
            words = w.Box(buttons, layout=_layout(display="flex", flex_flow="row wrap", width="100%"))
            words.add_class(f"medialit-words-{_css_name(item)}")
            spans = w.HTML()
            box, toggle = _fold(item, w.VBox([words, spans], layout=_layout(width="100%")), self.collapsed)
            outside = w.HTML()  # while folded: the number of spans, never their words
            self._views[item] = {"box": w.VBox([box, outside]), "buttons": buttons, "spans": spans,
                                 "outside": outside, "toggle": toggle}
            if toggle is not None:
                toggle.observe(lambda change: self._draw(item), names="value")
            self._draw(item)
        return self._views[item]

    def _pick_item(self):
        self._passage.children = [self._view(self._current())["box"]]

    def _press(self, item: str, n: int, marked: bool):
        if self._syncing:
            return
        if marked:
            self._marks[item][n] = self._label.value if self._label is not None else "marked"
        else:
            self._marks[item].pop(n, None)
        self.value = self._spans_from_marks()
        # said in the status line on every press: a word that joins a span leaves the summary (and so a status line
        # without this note) as it was, and nothing would be announced; positions only, never the words (comments)
        where = f"Word {n + 1} of {len(self.units[item])}" + (f" of text {item}" if len(self.texts) > 1 else "")
        done = "unmarked" if not marked else f"marked {self._marks[item][n]}" if self.labelled else "marked"
        self._update_status(f"{where} {done}.", warn=False)

    def _clear_item(self):
        item = self._current()
        if self._marks[item]:
            self._marks[item] = {}
            self.value = self._spans_from_marks()

    def _spans_from_marks(self):
        spans = []
        for item, marks in self._marks.items():
            run = None  # [first word, last word, label]
            for n in sorted(marks):
                if run is not None and n == run[1] + 1 and marks[n] == run[2]:
                    run[1] = n
                    continue
                if run is not None:
                    spans.append((item, *run))
                run = [n, n, marks[n]]
            if run is not None:
                spans.append((item, *run))
        return [{"item": item, "start": self.units[item][first][0], "end": self.units[item][last][1],
                 "label": label} for item, first, last, label in spans] or None

    def _show(self, value):
        self._marks = {item: {} for item in self.texts}
        for span in value or []:
            for n, (start, end) in enumerate(self.units[span["item"]]):
                if start < span["end"] and span["start"] < end:  # the words the span touches
                    self._marks[span["item"]][n] = span["label"]
        for item in self._views:
            self._draw(item)
        if not self._passage.children:
            self._pick_item()

    def _draw(self, item: str):
        """Word buttons and the spans line of one text, from the marks (the state in words, not by colour)."""
        view, marks, text = self._views[item], self._marks[item], self.texts[item]
        units = self.units[item]
        syncing, self._syncing = self._syncing, True
        try:
            for n, button in enumerate(view["buttons"]):
                word = text[units[n][0]:units[n][1]]
                label = marks.get(n)
                button.value = label is not None
                if label is None:
                    button.description, button.button_style = word, ""
                    button.tooltip = f"{word} — word {n + 1} of {len(units)}"
                else:
                    short = f" {self._short[label]}" if self.labelled else ""
                    button.description = f"[{word}{short}]"
                    button.button_style = _MARK_STYLES[self.labels.index(label) % len(_MARK_STYLES)]
                    button.tooltip = f"{word} — word {n + 1} of {len(units)}, marked {label}; press to unmark"
        finally:
            self._syncing = syncing
        spans = [s for s in (self._value or []) if s["item"] == item]
        if spans:
            listed = "; ".join(f"“{s['text']}”" + (f" ({s['label']})" if self.labelled else "") for s in spans)
            view["spans"].value = f"<p>Your spans ({len(spans)}): {html.escape(listed)}</p>"
        else:
            view["spans"].value = "<p>Your spans (0): none marked in this text yet.</p>"
        folded = view["toggle"] is not None and not view["toggle"].value
        view["outside"].value = (f"<p>Your spans in this text: {len(spans)} (shown with the text).</p>"
                                 if folded else "")

    def _read_controls(self):
        return self._spans_from_marks()

    def _validate(self, value):
        return _validate_spans(value, self.texts, self.labels)

    def _summary(self):
        items = len({s["item"] for s in self._value})
        return f"{len(self._value)} span(s) in {items} text(s)"


class RelayBuilder(AnswerWidget):
    """Who passes on what to whom: choose the actor who passes it on, the one it goes to (and, with claims, what),
    then "Add link". The value is a sorted list of [from, to] (or [from, to, claim]) links without repeats."""

    kind = "relay_graph"

    def __init__(self, lesson, question, prompt, actors, *, claims=None):
        self.actors = display_order(question, _check_options(actors, "actors"))
        if len(self.actors) < 2:
            raise MediaLitError("relay_graph needs at least two actors.")
        self.claims = None if claims is None else _check_options(claims, "claims")
        super().__init__(lesson, question, prompt)

    def _build(self):
        w = _w()
        style = {**_STYLE, "button_width": "auto"}
        self._from = w.ToggleButtons(options=self.actors, value=None, description="Who passes it on:", style=style,
                                     tooltips=[f"{a} passes it on" for a in self.actors])
        self._to = w.ToggleButtons(options=self.actors, value=None, description="To whom:", style=style,
                                   tooltips=[f"to {a}" for a in self.actors])
        rows = [self._from, self._to]
        self._what = None
        if self.claims is not None:
            self._what = w.ToggleButtons(options=self.claims, value=None, description="What:", style=style,
                                         tooltips=[f"what is passed on: {c}" for c in self.claims])
            rows.append(self._what)
        self._add = w.Button(description="Add link", icon="plus", tooltip="Add the link you chose above")
        self._links = w.HTML()
        self._figure = w.HTML()
        self._remove_choice = w.BoundedIntText(value=1, min=1, max=1, description="Link number to remove:",
                                               style=_STYLE, layout=_layout(**_FIT))
        self._remove = w.Button(description="Remove link", icon="minus",
                                tooltip="Remove the link with the number on the left")
        self._add.on_click(lambda button: self._add_link())
        self._remove.on_click(lambda button: self._remove_link())
        return [*rows, self._add, self._links, w.HBox([self._remove_choice, self._remove], layout=_layout(**_ROW)),
                self._figure]

    def _text(self, link) -> str:
        return f"{link[0]} → {link[1]}" + (f" ({link[2]})" if len(link) > 2 else "")

    def _add_link(self):
        chosen = [self._from.value, self._to.value] + ([self._what.value] if self._what is not None else [])
        if None in chosen:
            missing = [name for name, v in zip(["who passes it on", "to whom", "what"], chosen) if v is None]
            self._update_status(f"Not added: choose {' and '.join(missing)} first.")
            return
        if chosen[0] == chosen[1]:
            self._update_status(f"Not added: a link goes from one actor to another; {chosen[0]} cannot pass it "
                                "on to itself.")
            return
        if chosen in (self._value or []):
            self._update_status(f"Not added: {self._text(chosen)} is already in your list.")
            return
        self.value = (self._value or []) + [chosen]

    def _remove_link(self):
        index = self._remove_choice.value - 1
        if self._value and 0 <= index < len(self._value):
            self.value = [link for i, link in enumerate(self._value) if i != index] or None
        else:
            self._update_status("Nothing removed: there is no link with that number.")

    def _show(self, value):
        links = value or []
        rows = "".join(f"<li>{html.escape(self._text(link))}</li>" for link in links)
        self._links.value = (f"<p>Your links ({len(links)}):</p><ol>{rows}</ol>" if links
                             else "<p>Your links: none yet.</p>")
        self._remove_choice.max = max(1, len(links))
        self._figure.value = self._picture(links)

    def _picture(self, links) -> str:
        """The graph as a picture whose alt text lists the links (the list above says the same in words)."""
        if not links:
            return ""
        import base64
        import io

        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from .graphs import draw_relay_graph

        pairs = sorted({(link[0], link[1]) for link in links})
        figure = Figure(figsize=(max(5.0, 1.8 * len(self.actors)), 3.2), dpi=72)
        FigureCanvasAgg(figure)
        draw_relay_graph(pairs, title="Your relay graph", ax=figure.add_subplot())
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        alt = "Your relay graph: " + "; ".join(self._text(link) for link in links)
        data = base64.b64encode(buffer.getvalue()).decode()
        return f"<img src='data:image/png;base64,{data}' alt='{html.escape(alt, quote=True)}' style='max-width:100%'>"

    def _read_controls(self):
        return self._value

    def _validate(self, value):
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list of links [from, to{', claim' if self.claims else ''}], found {value!r}")
        size = 2 if self.claims is None else 3
        clean = set()
        for n, link in enumerate(value, start=1):
            if not isinstance(link, (list, tuple)) or len(link) != size:
                shape = "[from, to]" if size == 2 else "[from, to, claim]"
                raise ValueError(f"link {n} must be a list {shape}, found {link!r}")
            for actor in link[:2]:
                if actor not in self.actors:
                    raise ValueError(f"link {n}: {actor!r} is not one of the actors {self.actors}")
            if link[0] == link[1]:
                raise ValueError(f"link {n}: {link[0]!r} cannot pass it on to itself")
            if size == 3 and link[2] not in self.claims:
                raise ValueError(f"link {n}: {link[2]!r} is not one of the claims {self.claims}")
            clean.add(tuple(link))
        return [list(link) for link in sorted(clean)] or None

    def _summary(self):
        return f"{len(self._value)} link(s): " + "; ".join(self._text(link) for link in self._value)


_WHOLE = re.compile(r"\d+|\d{1,3}(?:[, \u202f\u00a0]\d{3})+")


class IntervalTable(AnswerWidget):
    """One row per item: the lowest and highest whole number it allows, or "no upper limit" for an open-ended
    figure. The value is {item: [low, high]} (high None when open-ended) for the answered rows."""

    kind = "intervals"

    def __init__(self, lesson, question, prompt, items: dict[str, str], *, collapsed=False):
        if not isinstance(items, dict) or not items:
            raise MediaLitError("intervals needs items as a non-empty dict {item id: text}.")
        self.items = {str(k): str(v) for k, v in items.items()}
        self.collapsed = collapsed
        self._problems: list[str] = []
        super().__init__(lesson, question, prompt)

    def _build(self):
        w = _w()
        self._rows, boxes = {}, []
        for item, text in self.items.items():
            low = w.Text(value="", description=f"{item}: lowest", placeholder="whole number", style=_STYLE,
                         tooltip=f"{item}: the lowest number the text allows", layout=_layout(**_FIT))
            high = w.Text(value="", description="highest", placeholder="whole number", style=_STYLE,
                          tooltip=f"{item}: the highest number the text allows", layout=_layout(**_FIT))
            open_ = w.Checkbox(value=False, description="no upper limit (open-ended, e.g. 'more than 40')",
                               indent=False, style=_STYLE, layout=_layout(width="auto"),
                               tooltip=f"{item}: the text gives no upper limit")
            for control in (low, high, open_):
                control.observe(self._from_controls, names="value")
            self._rows[item] = (low, high, open_)
            box = w.VBox([_item_text(item, text, self.collapsed), w.HBox([low, high, open_], layout=_layout(**_ROW))],
                         layout=_layout(border="1px solid #999", padding="4px", margin="2px 0"))
            box.add_class(f"medialit-item-{_css_name(item)}")
            boxes.append(box)
        return [w.HTML("<p>For each text: the lowest and the highest number it allows (the same number twice for an "
                       "exact figure). Leave a row blank to skip it.</p>"), *boxes]

    def _show(self, value):
        value = value or {}
        self._problems = []
        for item, (low, high, open_) in self._rows.items():
            pair = value.get(item)
            low.value = "" if pair is None else str(pair[0])
            high.value = "" if pair is None or pair[1] is None else str(pair[1])
            open_.value = pair is not None and pair[1] is None
            high.disabled = open_.value

    def _read_controls(self):
        answers, self._problems = {}, []
        for item, (low, high, open_) in self._rows.items():
            high.disabled = open_.value
            raw_low, raw_high = low.value.strip(), "" if open_.value else high.value.strip()
            if not raw_low and not raw_high and not open_.value:
                continue  # unanswered
            numbers, bad = {}, []
            for name, raw in (("lowest", raw_low), ("highest", raw_high)):
                if raw and not _WHOLE.fullmatch(raw):
                    bad.append(f"{item}: {name} “{raw}” is not a whole number (write digits only, e.g. 40); this "
                               "row is not saved.")
                elif raw:
                    numbers[name] = int(re.sub(r"\D", "", raw))
            if bad:
                self._problems += bad
            elif "lowest" not in numbers:
                self._problems.append(f"{item}: fill in the lowest too; this row is not saved yet.")
            elif open_.value:
                answers[item] = [numbers["lowest"], None]
            elif "highest" not in numbers:
                self._problems.append(f"{item}: fill in the highest too (the same number for an exact figure), or "
                                      "tick 'no upper limit'; this row is not saved yet.")
            elif numbers["highest"] < numbers["lowest"]:
                self._problems.append(f"{item}: highest {numbers['highest']} is below lowest {numbers['lowest']}; "
                                      "this row is not saved.")
            else:
                answers[item] = [numbers["lowest"], numbers["highest"]]
        return answers or None

    def _update_status(self, note: str = "", warn: bool = True) -> None:
        notes = [note] if note else []
        super()._update_status(" ".join(notes + getattr(self, "_problems", [])))

    def _validate(self, value):
        if not isinstance(value, dict):
            raise ValueError(f"expected a dict {{item id: [lowest, highest]}}, found {value!r}")
        for item, pair in value.items():
            if item not in self.items:
                raise ValueError(f"{item!r} is not one of the items {list(self.items)}")
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise ValueError(f"{item}: expected [lowest, highest], found {pair!r}")
            low, high = pair
            if isinstance(low, bool) or not isinstance(low, int) or low < 0:
                raise ValueError(f"{item}: lowest {low!r} is not a whole number (0 or more)")
            if high is not None and (isinstance(high, bool) or not isinstance(high, int)):
                raise ValueError(f"{item}: highest {high!r} is not a whole number or None (open-ended)")
            if high is not None and high < low:
                raise ValueError(f"{item}: highest {high} is below lowest {low}")
        return {item: list(value[item]) for item in self.items if item in value} or None

    def _summary(self):
        shown = "; ".join(f"{item} {low}–{high}" if high is not None else f"{item} {low} or more"
                          for item, (low, high) in self._value.items())
        return f"{len(self._value)} of {len(self.items)} rows: {shown}"


def _places_frame(places):
    """Reference places as a DataFrame with place, lat, lon: a DataFrame like ml.load_places() or {name: (lat, lon)}."""
    import pandas as pd

    if places is None:
        return None
    if isinstance(places, dict):
        try:
            rows = [{"place": str(name), "lat": float(lat), "lon": float(lon)} for name, (lat, lon) in places.items()]
        except (TypeError, ValueError):
            raise MediaLitError("map_point: places must be a DataFrame like ml.load_places() or a dict "
                                "{name: (lat, lon)}.") from None
        return pd.DataFrame(rows, columns=["place", "lat", "lon"])
    if not {"place", "lat", "lon"} <= set(getattr(places, "columns", ())):
        raise MediaLitError("map_point: places must be a DataFrame with columns place, lat, lon (ml.load_places()) "
                            "or a dict {name: (lat, lon)}.")
    return places


_TITLED_IMAGE = []


def _titled_image():
    """ipywidgets' Image with a (synced, empty) description: the front end (ipywidgets 8.1) sets a tooltip as the
    <img>'s title only when the model has a description, and fails to draw an Image with a tooltip otherwise."""
    if not _TITLED_IMAGE:
        from traitlets import Unicode

        class TitledImage(_w().Image):
            description = Unicode("").tag(sync=True)

        _TITLED_IMAGE.append(TitledImage)
    return _TITLED_IMAGE[0]


class MapPoint(AnswerWidget):
    """Place one point on a map: by the Latitude and Longitude boxes, the North/South/East/West buttons (by `step`
    degrees), or a click on the map (where ipyevents is installed). The value is [lat, lon] rounded to 3 decimals,
    None until the student places or moves the point (the starting position, the centre, is not an answer)."""

    kind = "map_point"

    def __init__(self, lesson, question, prompt, *, extent=None, places=None, step=0.1):
        from .geo import DEFAULT_EXTENT

        extent = tuple(DEFAULT_EXTENT if extent is None else extent)
        if len(extent) != 4 or not (extent[0] < extent[1] and extent[2] < extent[3]):
            raise MediaLitError(f"map_point: extent must be (lon_min, lon_max, lat_min, lat_max) with min < max, "
                                f"found {extent!r}.")
        if not (isinstance(step, (int, float)) and step > 0):
            raise MediaLitError(f"map_point: step must be a positive number of degrees, found {step!r}.")
        self.extent, self.step = tuple(float(x) for x in extent), float(step)
        self.places = _places_frame(places)
        lon_min, lon_max, lat_min, lat_max = self.extent
        self.centre = [round((lat_min + lat_max) / 2, 3), round((lon_min + lon_max) / 2, 3)]
        self.clickable = False
        super().__init__(lesson, question, prompt)

    def _build(self):
        w = _w()
        lon_min, lon_max, lat_min, lat_max = self.extent
        self._draw_base()
        self._image = _titled_image()(format="png", layout=_layout(max_width="100%", height="auto"))
        self._caption = w.HTML()
        self._lat = w.BoundedFloatText(value=self.centre[0], min=lat_min, max=lat_max, step=self.step,
                                       description="Latitude", style=_STYLE, layout=_layout(**_FIT),
                                       tooltip=f"degrees north, from {lat_min:g} to {lat_max:g}")
        self._lon = w.BoundedFloatText(value=self.centre[1], min=lon_min, max=lon_max, step=self.step,
                                       description="Longitude", style=_STYLE, layout=_layout(**_FIT),
                                       tooltip=f"degrees east, from {lon_min:g} to {lon_max:g}")
        for box in (self._lat, self._lon):
            box.observe(self._from_controls, names="value")
        self._nudges = []
        for name, icon, dlat, dlon in (("North", "arrow-up", 1, 0), ("South", "arrow-down", -1, 0),
                                       ("East", "arrow-right", 0, 1), ("West", "arrow-left", 0, -1)):
            button = w.Button(description=name, icon=icon, tooltip=f"Move your point {self.step:g}° {name.lower()}",
                              layout=_layout(width="auto"))
            button.on_click(lambda b, dlat=dlat, dlon=dlon: self._nudge(dlat, dlon))
            self._nudges.append(button)
        try:  # a click on the map places the point (ipyevents: mouse events of a widget, sent to the kernel)
            from ipyevents import Event

            self._events = Event(source=self._image, watched_events=["click"], prevent_default_action=True)
            self._events.on_dom_event(self._click)
            self.clickable = True
        except ImportError:
            self._events = None
        how = ("Click on the map to place your point, or use" if self.clickable else "Use") + \
            " the Latitude and Longitude boxes (type, or press the up and down arrow keys) or the buttons."
        return [w.HTML(f"<p>{html.escape(how)}</p>"), self._image, self._caption,
                w.HBox([self._lat, self._lon], layout=_layout(**_ROW)), w.HBox(self._nudges, layout=_layout(**_ROW))]

    # -- the picture -------------------------------------------------------------------------------------------
    def _draw_base(self):
        """The map, drawn once on a figure outside pyplot (nothing for the inline backend to show or close); the
        student's point is one marker and one text label, moved and re-rendered on each change."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from .geo import draw_map

        lon_min, lon_max, lat_min, lat_max = self.extent
        self._figure = Figure(figsize=(7.2, 5.4), dpi=80)
        FigureCanvasAgg(self._figure)
        self._ax = self._figure.add_subplot()
        draw_map(self._ax, extent=self.extent, places=self.places)
        (self._marker,) = self._ax.plot([], [], marker="X", markersize=13, color="#d62728", markeredgecolor="black",
                                        markeredgewidth=1.2, linestyle="none", zorder=5)
        self._label = self._ax.annotate("", (0, 0), xytext=(8, -14), textcoords="offset points", fontsize=10,
                                        fontweight="bold", zorder=6,
                                        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.85})

    def _render(self, value):
        import io

        if value is None:
            self._marker.set_data([], [])
            self._label.set_text("")
        else:
            lat, lon = value
            self._marker.set_data([lon], [lat])
            self._label.xy = (lon, lat)
            self._label.set_text("your point")
        buffer = io.BytesIO()
        self._figure.savefig(buffer, format="png", dpi=self._figure.dpi)
        # where the axes are in the picture's pixels: turns a click into degrees
        self._pixels = (self._ax.get_window_extent().frozen(), self._figure.bbox.height)
        self._image.value = buffer.getvalue()
        lon_min, lon_max, lat_min, lat_max = self.extent
        where = ("no point placed yet" if value is None
                 else f"your point: lat {value[0]:.3f}, lon {value[1]:.3f}")
        names = "" if self.places is None else f"; reference points: {', '.join(map(str, self.places['place']))}"
        alt = (f"Map of longitude {lon_min:g} to {lon_max:g} east, latitude {lat_min:g} to {lat_max:g} north, "
               f"with country borders{names}; {where}")
        self._image.tooltip = alt  # the <img>'s title: its accessible name (ipywidgets' Image has no alt)
        self._caption.value = f"<p>{html.escape(alt)}.</p>"

    # -- the controls ------------------------------------------------------------------------------------------
    def _click(self, event):
        x, y = event.get("dataX"), event.get("dataY")
        if x is None or y is None:
            return
        box, height = self._pixels
        px, py = float(x), height - float(y)  # the image's rows go down, the figure's pixels up
        lon_min, lon_max, lat_min, lat_max = self.extent
        lon = lon_min + (px - box.x0) / box.width * (lon_max - lon_min)
        lat = lat_min + (py - box.y0) / box.height * (lat_max - lat_min)
        if not (lon_min <= lon <= lon_max and lat_min <= lat <= lat_max):
            self._update_status("That click was outside the map: click inside the frame.")
            return
        self.value = [round(lat, 3), round(lon, 3)]

    def _nudge(self, dlat: int, dlon: int):
        lat, lon = self._value if self._value is not None else self.centre
        lon_min, lon_max, lat_min, lat_max = self.extent
        new = [round(min(max(lat + dlat * self.step, lat_min), lat_max), 3),
               round(min(max(lon + dlon * self.step, lon_min), lon_max), 3)]
        note = "" if new != [lat, lon] else "Your point is at the edge of the map already."
        self.value = new
        if note:
            self._update_status(note)

    def _show(self, value):
        lat, lon = value if value is not None else self.centre
        self._lat.value, self._lon.value = lat, lon
        self._render(value)

    def _read_controls(self):
        value = [round(self._lat.value, 3), round(self._lon.value, 3)]
        self._render(value)
        return value

    def _validate(self, value):
        if (not isinstance(value, (list, tuple)) or len(value) != 2
                or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value)):
            raise ValueError(f"expected [latitude, longitude] in degrees, found {value!r}")
        lat, lon = (float(v) for v in value)
        lon_min, lon_max, lat_min, lat_max = self.extent
        if not (lat_min <= lat <= lat_max and lon_min <= lon <= lon_max):
            raise ValueError(f"[{lat}, {lon}] is outside the map (latitude {lat_min:g} to {lat_max:g}, "
                             f"longitude {lon_min:g} to {lon_max:g})")
        return [round(lat, 3), round(lon, 3)]

    def _summary(self):
        return f"lat {self._value[0]:.3f}, lon {self._value[1]:.3f}"


SHADOW_POINTS = {"base": "Pole's base", "top": "Pole's top", "tip": "Shadow's tip"}
_SHADOW_MARKS = {"base": ("a square", "B"), "top": ("a triangle", "T"), "tip": ("a circle", "S")}
_SHADOW_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp")
_SHADOW_FONTS: dict = {}


def _lower(name: str) -> str:
    """ "Pole's top" -> "pole's top": a point's name inside a sentence."""
    return name[0].lower() + name[1:]


def _the(name: str) -> str:
    return "the " + _lower(name)


def _shadow_image(image):
    """(the picture's path, its post id or None): a post id of the image archive is found by medialit.images,
    imported only here (a path needs none of the archive); a str or Path naming an image file is a path."""
    from pathlib import Path

    if isinstance(image, Path) or (isinstance(image, str) and ("/" in image or "\\" in image
                                                               or image.lower().endswith(_SHADOW_SUFFIXES))):
        path = Path(image).expanduser()
        if not path.is_file():
            raise MediaLitError(f"mark_shadow: there is no picture at {path}. Give a post id of the image archive "
                                "or the path of an image file.")
        return path, None
    if not isinstance(image, str) or not image.strip():
        raise MediaLitError(f"mark_shadow: image must be a post id of the image archive or the path of an image "
                            f"file, found {image!r}.")
    try:
        from .images import image_path
    except ImportError as error:
        raise MediaLitError(f"mark_shadow: the image archive (medialit.images) is not available in this copy of the "
                            f"kit ({error}); give the path of an image file instead of {image!r}.") from None
    return Path(image_path(image)), image


def _shadow_font(size: int):
    """Pillow's own font at a size (FreeType builds of Pillow 10.1+), else its small bitmap font."""
    if size not in _SHADOW_FONTS:
        from PIL import ImageFont

        try:
            _SHADOW_FONTS[size] = ImageFont.load_default(size=size)
        except (TypeError, OSError, ImportError):
            _SHADOW_FONTS[size] = ImageFont.load_default()
    return _SHADOW_FONTS[size]


class ShadowMarks(AnswerWidget):
    """Mark a vertical pole's base, its top and the tip of its shadow on a picture: choose the point under "Place:",
    then click on the picture (where ipyevents is installed; the choice then moves on to the next point not placed),
    or type its x and y, or move it with the Left/Right/Up/Down buttons (5 pixels, 1 with "Fine steps").

    Points are in the picture file's own pixels: x to the right and y down from the top-left corner, whole numbers,
    whatever size the picture is shown at. The value is {"base": [x, y], "top": [x, y], "tip": [x, y]} with the
    points placed so far, None until the first one is. The picture is drawn anew with Pillow for each change: the
    base a square marked B, the top a triangle marked T, the shadow's tip a circle marked S (black on white, so
    shape and letter tell them apart, never colour), thin lines from the base to the top and to the tip."""

    kind = "shadow_marks"
    STEP, FINE_STEP = 5, 1  # pixels per press of a nudge button

    def __init__(self, lesson, question, prompt, image, *, points=("base", "top", "tip"), description=None):
        from PIL import Image, UnidentifiedImageError

        if isinstance(points, str):
            points = (points,)
        points = list(points)
        if not points or len(set(points)) != len(points) or not set(points) <= set(SHADOW_POINTS):
            raise MediaLitError(f"mark_shadow: points must be some of {', '.join(SHADOW_POINTS)}, each once, "
                                f"found {points!r}.")
        self.points = [p for p in SHADOW_POINTS if p in points]  # always base, top, tip: the order they are placed
        self.items = {p: SHADOW_POINTS[p] for p in self.points}
        self.path, self.image_id = _shadow_image(image)
        try:
            with Image.open(self.path) as opened:
                self._picture = opened.convert("RGB")  # the file's pixels as stored (no EXIF turn: those are x, y)
        except (OSError, UnidentifiedImageError) as error:
            raise MediaLitError(f"mark_shadow: {self.path} cannot be read as a picture ({error}).") from None
        self.size = self._picture.size
        width, height = self.size
        self.extent = (0, width - 1, 0, height - 1)  # x_min, x_max, y_min, y_max in file pixels (as map_point's)
        self.description = description
        self.title = (f"Constructed practice image {self.image_id}" if self.image_id is not None
                      else f"Image {self.path.name}")
        self.clickable = False
        self._chosen = self.points[0]
        super().__init__(lesson, question, prompt)
        if self._value is not None:  # a saved answer: carry on with the first point not placed yet
            self._chosen = self._next_unplaced(self._value, self.points[-1]) or self.points[0]
            self._sync_controls()

    def _build(self):
        w = _w()
        width, height = self.size
        self._place = w.ToggleButtons(
            options=[(SHADOW_POINTS[p], p) for p in self.points], value=self._chosen, description="Place:",
            style={**_STYLE, "button_width": "auto"}, layout=_layout(width="auto"),
            tooltips=[f"Place or move {_the(SHADOW_POINTS[p])} ({_SHADOW_MARKS[p][0]} marked {_SHADOW_MARKS[p][1]})"
                      for p in self.points])
        self._place.observe(self._choose, names="value")
        self._image = _titled_image()(format="jpeg", layout=_layout(max_width="100%", height="auto"))
        self._caption = w.HTML()
        self._x = w.BoundedIntText(value=width // 2, min=0, max=width - 1, description="x (pixels from the left)",
                                   style=_STYLE, layout=_layout(**_FIT), tooltip=f"0 to {width - 1}")
        self._y = w.BoundedIntText(value=height // 2, min=0, max=height - 1, description="y (pixels from the top)",
                                   style=_STYLE, layout=_layout(**_FIT), tooltip=f"0 to {height - 1}")
        for box in (self._x, self._y):
            box.observe(self._typed, names="value")
        self._nudges = []
        for name, icon, dx, dy in (("Left", "arrow-left", -1, 0), ("Right", "arrow-right", 1, 0),
                                   ("Up", "arrow-up", 0, -1), ("Down", "arrow-down", 0, 1)):
            button = w.Button(description=name, icon=icon, layout=_layout(width="auto"))
            button.on_click(lambda b, dx=dx, dy=dy: self._nudge(dx, dy))
            self._nudges.append(button)
        self._fine = w.Checkbox(value=False, description=f"Fine steps ({self.FINE_STEP} pixel)", indent=False,
                                style=_STYLE, layout=_layout(width="auto"),
                                tooltip=f"The arrow buttons move by {self.FINE_STEP} pixel instead of {self.STEP}")
        self._fine.observe(lambda change: self._retitle(), names="value")
        self._clear_point = w.Button(description="Clear this point", icon="times", layout=_layout(width="auto"))
        self._clear_point.on_click(lambda b: self._clear_chosen())
        try:  # a click on the picture places the chosen point (ipyevents: mouse events of a widget, sent to the kernel)
            from ipyevents import Event

            self._events = Event(source=self._image, watched_events=["click"], prevent_default_action=True)
            self._events.on_dom_event(self._click)
            self.clickable = True
        except ImportError:
            self._events = None
        how = ("Choose a point under “Place:”, then click on the picture where it is, or type" if self.clickable
               else "Choose a point under “Place:”, then type") + \
            " its x and y (in the picture's pixels, from its top-left corner) and move it with the arrow buttons."
        legend = ("Your marks: " + "; ".join(f"{_the(SHADOW_POINTS[p])} is {_SHADOW_MARKS[p][0]} marked "
                                             f"{_SHADOW_MARKS[p][1]}" for p in self.points) + ".")
        return [w.HTML(f"<p>{html.escape(how)}<br>{html.escape(legend)}</p>"), self._place, self._image,
                self._caption, w.HBox([self._x, self._y], layout=_layout(**_ROW)),
                w.HBox([*self._nudges, self._fine, self._clear_point], layout=_layout(**_ROW))]

    # -- the picture -------------------------------------------------------------------------------------------
    def _render(self, value):
        import io

        from PIL import ImageDraw

        picture = self._picture.copy()
        draw = ImageDraw.Draw(picture)
        width, height = self.size
        marks = value or {}
        r = max(5, round(min(width, height) / 70))  # a mark's half size: visible, yet small against the pole
        base = marks.get("base")
        for end in ("top", "tip"):
            if base and end in marks:  # a thin black line on a white one: seen on dark ground and on light
                draw.line([tuple(base), tuple(marks[end])], fill="white", width=3)
                draw.line([tuple(base), tuple(marks[end])], fill="black", width=1)
        font = _shadow_font(max(12, round(2.4 * r)))
        for name, (x, y) in marks.items():
            box = [x - r, y - r, x + r, y + r]
            if name == "base":
                draw.rectangle(box, fill="white", outline="black", width=2)
            elif name == "top":
                draw.polygon([(x, y - 1.3 * r), (x - 1.2 * r, y + 0.9 * r), (x + 1.2 * r, y + 0.9 * r)],
                             fill="white", outline="black", width=2)
            else:
                draw.ellipse(box, fill="white", outline="black", width=2)
            draw.rectangle([x - 1, y - 1, x + 1, y + 1], fill="black")  # the marked pixel itself
            letter = _SHADOW_MARKS[name][1]
            left, top, right, bottom = draw.textbbox((0, 0), letter, font=font)
            tw, th = right - left + 6, bottom - top + 4
            tx = x + r + 3 if x + r + 3 + tw <= width else x - r - 3 - tw  # beside the mark, inside the picture
            ty = min(max(y - r - th, 0), height - th)
            draw.rectangle([tx, ty, tx + tw, ty + th], fill="white", outline="black")
            draw.text((tx + 3 - left, ty + 2 - top), letter, fill="black", font=font)
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=85)
        self._shown = picture.size  # the picture sent to the page, in its own pixels (a click's dataX, dataY)
        self._image.value = buffer.getvalue()
        where = ", ".join(f"{_lower(SHADOW_POINTS[p])} at ({marks[p][0]}, {marks[p][1]})" if p in marks
                          else f"{_lower(SHADOW_POINTS[p])} not placed yet" for p in self.points)
        about = f": {self.description}" if self.description else ""
        alt = f"{self.title}{about} ({width} × {height} pixels); {where}"
        self._image.tooltip = alt  # the <img>'s title: its accessible name (ipywidgets' Image has no alt)
        self._caption.value = f"<p>{html.escape(alt)}.</p>"

    # -- the controls ------------------------------------------------------------------------------------------
    def _next_unplaced(self, marks, after: str) -> str | None:
        """The first point not placed yet after `after` (base -> top -> tip, then round again), or None."""
        start = self.points.index(after) + 1
        for name in self.points[start:] + self.points[:start]:
            if name not in (marks or {}):
                return name
        return None

    def _retitle(self):
        step = self.FINE_STEP if self._fine.value else self.STEP
        the = _the(SHADOW_POINTS[self._chosen])
        for button in self._nudges:
            button.tooltip = f"Move {the} {step} pixel{'s' if step != 1 else ''} {button.description.lower()}"
        self._clear_point.tooltip = f"Remove the mark of {the}"

    def _put(self, name: str, x: int, y: int, note: str):
        marks = dict(self._value or {})
        marks[name] = [int(x), int(y)]
        self.value = marks
        self._update_status(note, warn=False)

    def _choose(self, change):
        if self._syncing:
            return
        self._chosen = change["new"]
        self._sync_controls()
        name = SHADOW_POINTS[self._chosen]
        point = (self._value or {}).get(self._chosen)
        self._update_status(f"Now placing {_the(name)}: " + (f"at ({point[0]}, {point[1]})." if point
                                                              else "not placed yet."), warn=False)

    def _click(self, event):
        width, height = self.size
        if event.get("dataX") is not None and event.get("dataY") is not None:
            # ipyevents 2 gives a click on an Image in the picture's own pixels (it scales by naturalWidth / shown
            # width itself); the picture sent is the file's size, so this scale is 1 unless that changes
            fx = float(event["dataX"]) * width / self._shown[0]
            fy = float(event["dataY"]) * height / self._shown[1]
        elif event.get("relativeX") is not None and event.get("boundingRectWidth"):
            fx = float(event["relativeX"]) * width / float(event["boundingRectWidth"])
            fy = float(event["relativeY"]) * height / float(event["boundingRectHeight"])
        else:
            return
        x, y = round(fx), round(fy)
        if not (-1 <= x <= width and -1 <= y <= height):
            self._update_status("That click was outside the picture: click on the picture.")
            return
        x, y = min(max(x, 0), width - 1), min(max(y, 0), height - 1)
        name = self._chosen
        marks = {**(self._value or {}), name: [x, y]}
        following = self._next_unplaced(marks, name)
        if following:
            self._chosen = following
            note = f"{SHADOW_POINTS[name]} placed at ({x}, {y}). Next: {_the(SHADOW_POINTS[following])}."
        else:
            note = (f"{SHADOW_POINTS[name]} placed at ({x}, {y}). All points are placed: choose one under "
                    "“Place:” to move it.")
        self._put(name, x, y, note)

    def _typed(self, change):
        if self._syncing:
            return
        name = self._chosen
        verb = "moved to" if name in (self._value or {}) else "placed at"
        self._put(name, self._x.value, self._y.value, f"{SHADOW_POINTS[name]} {verb} ({self._x.value}, "
                                                      f"{self._y.value}).")

    def _nudge(self, dx: int, dy: int):
        width, height = self.size
        name, step = self._chosen, self.FINE_STEP if self._fine.value else self.STEP
        x, y = (self._value or {}).get(name) or (self._x.value, self._y.value)
        new = (min(max(x + dx * step, 0), width - 1), min(max(y + dy * step, 0), height - 1))
        if new == (x, y) and name in (self._value or {}):
            edge = {(-1, 0): "left", (1, 0): "right", (0, -1): "top", (0, 1): "bottom"}[(dx, dy)]
            self._update_status(f"{SHADOW_POINTS[name]} is at the picture's {edge} edge already.")
            return
        self._put(name, *new, f"{SHADOW_POINTS[name]} moved to ({new[0]}, {new[1]}).")

    def _clear_chosen(self):
        name = self._chosen
        if name not in (self._value or {}):
            self._update_status(f"{SHADOW_POINTS[name]} is not placed: nothing to clear.")
            return
        self.value = {k: v for k, v in self._value.items() if k != name} or None
        self._update_status(f"{SHADOW_POINTS[name]} cleared.", warn=False)

    def _show(self, value):
        self._place.value = self._chosen
        width, height = self.size
        x, y = (value or {}).get(self._chosen) or (width // 2, height // 2)
        self._x.value, self._y.value = x, y
        self._retitle()
        self._render(value)

    def _read_controls(self):
        return self.value  # every control sets the value itself (_put)

    def _validate(self, value):
        import numbers

        if not isinstance(value, dict):
            raise ValueError(f"expected {{point: [x, y]}} for the points {', '.join(self.points)}, found {value!r}")
        width, height = self.size
        out = {}
        for name in value:
            if name not in self.points:
                raise ValueError(f"unknown point {name!r} (the points are {', '.join(self.points)})")
            point = value[name]
            if (not isinstance(point, (list, tuple)) or len(point) != 2
                    or any(isinstance(v, bool) or not isinstance(v, numbers.Integral) for v in point)):
                raise ValueError(f"{name}: expected [x, y], two whole numbers of pixels, found {point!r}")
            x, y = int(point[0]), int(point[1])
            if not (0 <= x < width and 0 <= y < height):
                raise ValueError(f"{name}: ({x}, {y}) is outside the picture (x 0 to {width - 1}, "
                                 f"y 0 to {height - 1})")
            out[name] = [x, y]
        return {name: out[name] for name in self.points if name in out} or None

    def _summary(self):
        return "; ".join(f"{_lower(SHADOW_POINTS[p])} at ({self._value[p][0]}, {self._value[p][1]})"
                         if p in self._value else f"{_lower(SHADOW_POINTS[p])} not placed yet" for p in self.points)


class Ranking(AnswerWidget):
    """Put items in order with "Move up" / "Move down" buttons; "Keep this order" answers with the order shown.
    The value is the list of item ids in order, None until the student moves something or keeps the order."""

    kind = "ranking"

    def __init__(self, lesson, question, prompt, items):
        if isinstance(items, dict):
            self.items = {str(k): str(v) for k, v in items.items()}
        else:
            self.items = {str(k): str(k) for k in _check_options(list(items), "items")}
        if len(self.items) < 2:
            raise MediaLitError("ranking needs at least two items.")
        self.start = display_order(question, list(self.items))
        super().__init__(lesson, question, prompt)

    def _shown_text(self, item: str) -> str:
        text = self.items[item]
        return text if text == item else f"{item}: {text}"

    def _build(self):
        # the rows stay where they are and their texts change: a focused button keeps the focus after a move
        w = _w()
        self._order = list(self.start)
        self._texts, self._ups, self._downs, rows = [], [], [], []
        last = len(self.start) - 1
        for place in range(len(self.start)):
            text = w.HTML(layout=_layout(flex="0 1 40%"))  # 40% of the row, its buttons beside it (or below: narrow)
            up = w.Button(description="Move up", icon="arrow-up", disabled=place == 0, layout=_layout(width="auto"))
            down = w.Button(description="Move down", icon="arrow-down", disabled=place == last,
                            layout=_layout(width="auto"))
            up.on_click(lambda b, place=place: self._move(place, -1))
            down.on_click(lambda b, place=place: self._move(place, +1))
            self._texts.append(text)
            self._ups.append(up)
            self._downs.append(down)
            row = w.HBox([text, up, down], layout=_layout(align_items="center", **_ROW))
            row.add_class(f"medialit-rank-{place + 1}")
            rows.append(row)
        self._keep = w.Button(description="Keep this order", icon="check",
                              tooltip="Answer with the order shown, as it is now")
        self._keep.on_click(lambda b: self._keep_order())
        return [w.HTML("<p>First = top. Move items up or down, then check the order is yours; press "
                       "\"Keep this order\" if it already is.</p>"), *rows, self._keep]

    def _move(self, place: int, direction: int):
        other = place + direction
        if not 0 <= other < len(self._order):
            return
        order = list(self._order)
        order[place], order[other] = order[other], order[place]
        item = order[other]
        self.value = order
        self._update_status(f"{item} is now number {other + 1}.", warn=False)

    def _keep_order(self):
        self.value = list(self._order)

    def _show(self, value):
        self._order = list(value) if value is not None else list(self.start)
        for place, item in enumerate(self._order):
            self._texts[place].value = f"<span>{place + 1}. {html.escape(self._shown_text(item))}</span>"
            self._ups[place].tooltip = f"Move {item} up" if place > 0 else f"{item} is first"
            self._downs[place].tooltip = (f"Move {item} down" if place < len(self._order) - 1
                                          else f"{item} is last")

    def _read_controls(self):
        return self._value

    def _validate(self, value):
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise ValueError(f"expected the list of items in order, found {value!r}")
        value = [str(v) if not isinstance(v, str) else v for v in value]
        if len(value) != len(set(value)) or set(value) != set(self.items):
            raise ValueError(f"expected each of the items {sorted(self.items)} exactly once, found {value!r}")
        return list(value)

    def _summary(self):
        return " > ".join(self._value)


# -- lesson 07: the investigation, a small browser for the offline web ---------------------------------------------
# a result's button holds its whole label (title, site, date), wrapped rather than cut short with "…"; in a narrow
# notebook (200% zoom) the search box goes below its label, as wide as the row, rather than shrinking beside it
_INVESTIGATION_CSS = ("<style>.medialit-widget button.medialit-result{white-space:normal;height:auto;"
                      "text-align:left;line-height:1.4;padding:4px 8px;overflow:visible;max-width:100%}"
                      ".medialit-widget .medialit-search{flex-wrap:wrap;height:auto}"
                      ".medialit-widget .medialit-search input{flex:1 1 14em;min-width:0}</style>")
_RESULTS = 8  # results shown per search


class Investigation(AnswerWidget):
    """Investigate claims in the offline web: choose a claim, search, open a result, go back, cite the open page
    for the claim, and give a verdict with a confidence. The value is the move log (a list of moves, see
    ``medialit.web``), None until the first move; every move is saved at once."""

    kind = "investigation"

    def __init__(self, lesson, question, prompt, claims: dict[str, str], *, web=None):
        from . import web as _web

        if not isinstance(claims, dict) or not claims:
            raise MediaLitError("investigate needs claims as a non-empty dict {claim id: the claim's text}.")
        self.claims = {str(k): str(v) for k, v in claims.items()}
        self.web = web if web is not None else _web.load_web()
        self.verdicts = display_order(question, _web.VERDICTS)
        self._claim = next(iter(self.claims))
        self._query: str | None = None
        self._results: list = []  # the last search's pages
        self._open: str | None = None  # the page shown, if any
        self._opened_rank: int | None = None
        self._pending: dict[str, str] = {}  # claim -> a confidence chosen before its verdict (saved with it)
        super().__init__(lesson, question, prompt)

    # -- the controls ------------------------------------------------------------------------------------------
    def _build(self):
        from .web import CONFIDENCE

        w = _w()
        style = {**_STYLE, "button_width": "auto"}
        intro = w.HTML(f"{_INVESTIGATION_CSS}<p>Choose a claim; search the offline web; open results and go back "
                       "to the list; cite the page that settles the claim; give your verdict and your confidence. "
                       "Each step is saved as you make it.</p>")
        self._claim_row = w.ToggleButtons(options=list(self.claims), value=self._claim, description="Claim:",
                                          style=style, tooltips=[f"Claim {c}: {t}" for c, t in self.claims.items()])
        self._claim_row.observe(self._pick_claim, names="value")
        self._claim_text = w.HTML()
        self._box = w.Text(value="", description="Search the offline web:", placeholder="words, names, places, dates",
                           continuous_update=False, style=_STYLE, tooltip="Type words and press Enter to search",
                           layout=_layout(flex="1 1 30em", **_FIT))  # as wide as the row allows, beside its button
        self._box.add_class("medialit-search")
        self._box.observe(self._typed, names="value")
        self._go = w.Button(description="Search", icon="search", layout=_layout(width="auto"),
                            tooltip="Search the offline web for the words in the box")
        self._go.on_click(lambda button: self._search(self._box.value))
        self._count = w.HTML()
        self._hits = []
        for rank in range(1, _RESULTS + 1):
            button = w.Button(description="", layout=_layout(width="auto", max_width="100%", height="auto"))
            button.add_class("medialit-result")
            button.add_class(f"medialit-result-{rank}")
            button.on_click(lambda button, rank=rank: self._open_result(rank))
            summary = w.HTML(layout=_layout(margin="0 0 6px 24px"))
            self._hits.append((button, summary))
        self._results_box = w.VBox([self._count, *(x for pair in self._hits for x in pair)],
                                   layout=_layout(width="100%"))
        self._results_box.add_class("medialit-results")
        self._back = w.Button(description="Back to results", icon="arrow-left",
                              tooltip="Close this page and show the search results again", layout=_layout(width="auto"))
        self._back.on_click(lambda button: self._go_back())
        self._cite = w.Button(description="", icon="bookmark", layout=_layout(width="auto"))
        self._cite.on_click(lambda button: self._cite_page())
        self._page = w.HTML(layout=_layout(width="100%"))
        self._page_box = w.VBox([w.HBox([self._back, self._cite], layout=_layout(**_ROW)), self._page],
                                layout=_layout(width="100%", border="1px solid #999", padding="4px"))
        self._page_box.add_class("medialit-page-view")
        self._verdict = w.ToggleButtons(options=self.verdicts, value=None, description="", style=style)
        self._verdict.observe(self._judge, names="value")
        self._confidence = w.ToggleButtons(options=list(CONFIDENCE), value=None, description="Confidence:",
                                           style=style)
        self._confidence.observe(self._rate, names="value")
        return [intro, self._claim_row, self._claim_text,
                w.HBox([self._box, self._go], layout=_layout(align_items="center", **_ROW)),
                self._results_box, self._page_box, self._verdict, self._confidence]

    # -- what the student does ---------------------------------------------------------------------------------
    def _pick_claim(self, change):
        if self._syncing:
            return
        self._claim = change["new"]
        self._render_claim()
        self._update_status(f"Now investigating claim {self._claim}.", warn=False)

    def _typed(self, change):
        if not self._syncing:
            self._search(change["new"])  # Enter (or leaving the box) after typing

    def _search(self, text):
        from .web import MAX_QUERY

        query = " ".join(str(text or "").split())
        if not query:
            self._update_status("Type words to search for in the box first.")
            return
        cut = len(query) > MAX_QUERY
        query = query[:MAX_QUERY].strip()
        last = (self._value or [None])[-1]
        if (last is not None and last["do"] == "search" and last["query"] == query and last["claim"] == self._claim
                and self._open is None):
            # the same search just made (Enter, then the Search button): shown already, not logged twice
            self._update_status(f"{self._found()} for ‘{query}’, shown below.", warn=False)
            return
        self._query, self._results = query, self.web.search(query, limit=_RESULTS)
        self._open = self._opened_rank = None
        self._render_browser()
        note = " (only its first 200 characters)" if cut else ""
        self._record("search", f"Searched{note}: {self._found()} for ‘{query}’.", query=query)

    def _found(self) -> str:
        n = len(self._results)
        return f"{n} result{'s' if n != 1 else ''}" if n else "no results"

    def _open_result(self, rank: int):
        if not 1 <= rank <= len(self._results):
            return
        page = self._results[rank - 1]
        self._open, self._opened_rank = page.id, rank
        self._render_browser()
        self._record("open", f"Opened result {rank} of {len(self._results)}: {page.label}.", page=page.id, rank=rank)
        self._back.focus()  # the result pressed is hidden now: the focus goes to the page's first control

    def _go_back(self):
        if self._open is None:
            return
        rank = self._opened_rank
        self._open = self._opened_rank = None
        self._render_browser()
        self._record("back", f"Back to the results: {self._found()} for ‘{self._query}’.")
        if rank and rank <= len(self._results):
            self._hits[rank - 1][0].focus()  # where the student left the list

    def _cite_page(self):
        if self._open is None:
            return
        page = self.web.pages[self._open]
        self._record("cite", f"Cited for claim {self._claim}: {page.site} — {page.title}.", page=page.id)

    def _judge(self, change):
        if self._syncing or change["new"] is None:
            return
        confidence = self._confidence.value
        self._pending.pop(self._claim, None)
        self._record("verdict", f"Claim {self._claim}: {change['new']}"
                     + (f", {confidence} confidence." if confidence else "; now choose your confidence."),
                     verdict=change["new"], confidence=confidence)

    def _rate(self, change):
        if self._syncing or change["new"] is None:
            return
        if self._verdict.value is None:
            self._pending[self._claim] = change["new"]
            self._update_status(f"Confidence {change['new']} for claim {self._claim}: it is saved with your verdict; "
                                "choose a verdict.", warn=False)
            return
        self._record("verdict", f"Claim {self._claim}: {self._verdict.value}, {change['new']} confidence.",
                     verdict=self._verdict.value, confidence=change["new"])

    def _record(self, do: str, note: str, **fields):
        """Add one move to the log and save it at once; the status line says the new state and `note`."""
        import time

        from .web import MAX_MOVES

        moves = list(self._value or [])
        if len(moves) >= MAX_MOVES:
            self._update_status(f"Not saved: the log holds at most {MAX_MOVES} moves. Ask your teacher.")
            return
        moves.append({"t": round(time.time(), 1), "claim": self._claim, "do": do, **fields})
        self._value = moves
        try:
            self.lesson.store.save(self.question, self.kind, self._value)
        except AnswerFileError as error:
            self._status.value = f"{_LIVE}<p role='alert'>⚠ <b>Not saved.</b> {html.escape(str(error))}</p>"
            raise
        self._update_status(note, warn=False)

    # -- what the widget shows -----------------------------------------------------------------------------------
    def _render_claim(self):
        """The claim's text, and its verdict and confidence as the log (or a confidence not yet saved) has them."""
        from .web import replay

        claim = self._claim
        self._claim_text.value = f"<p><b>Claim {html.escape(claim)}:</b> {html.escape(self.claims[claim])}</p>"
        self._cite.description = f"Cite this page for claim {claim}"
        self._cite.tooltip = f"Cite the page shown as the one that settles claim {claim}"
        state = replay(self._value or []).get(claim, {})
        syncing, self._syncing = self._syncing, True
        try:
            self._verdict.description = f"Verdict for claim {claim}:"
            self._verdict.tooltips = [f"Claim {claim}: {v}" for v in self.verdicts]
            self._confidence.tooltips = [f"Claim {claim}: {c} confidence" for c in self._confidence.options]
            self._verdict.value = state.get("verdict")
            self._confidence.value = state.get("confidence") or self._pending.get(claim)
        finally:
            self._syncing = syncing

    def _render_browser(self):
        """The results of the last search, or the page open (the list hidden meanwhile, as in a browser)."""
        if self._query is None:
            self._count.value = "<p>Results: none yet. Search the offline web to see results here.</p>"
        elif not self._results:
            self._count.value = (f"<p>No results for ‘{html.escape(self._query)}’. Try other words: the names of "
                                 "people, places, agencies, outlets; dates.</p>")
        else:
            self._count.value = f"<p><b>{self._found()} for ‘{html.escape(self._query)}’</b></p>"
        for rank, (button, summary) in enumerate(self._hits, start=1):
            if rank <= len(self._results):
                page = self._results[rank - 1]
                button.description = button.tooltip = f"{rank}. {page.label}"
                summary.value = f"<span>{html.escape(page.summary)}</span>"
                button.layout.display = summary.layout.display = None
            else:
                button.layout.display = summary.layout.display = "none"
        if self._open is None:
            self._page_box.layout.display = "none"
            self._page.value = ""
            self._results_box.layout.display = None
        else:
            self._page.value = self.web.page_html(self._open)
            self._page_box.layout.display = None
            self._results_box.layout.display = "none"

    def _show(self, value):
        moves = value or []
        query, page, rank = None, None, None
        for move in moves:  # where the browser was after the last move
            if move["do"] == "search":
                query, page, rank = move["query"], None, None
            elif move["do"] == "open":
                page, rank = move["page"], move["rank"]
            elif move["do"] == "back":
                page, rank = None, None
        if moves:
            self._claim = moves[-1]["claim"]
        self._pending = {}
        self._query = query
        self._results = self.web.search(query, limit=_RESULTS) if query else []
        self._open, self._opened_rank = page, rank
        self._claim_row.value = self._claim
        self._box.value = query or ""
        self._render_claim()
        self._render_browser()

    def _read_controls(self):
        return self._value

    def _validate(self, value):
        from .web import check_moves

        return check_moves(value, claims=list(self.claims), pages=list(self.web.pages)) or None

    def _summary(self):
        """The current claim's state in words, and how many claims have a verdict (never a page's text)."""
        from .web import replay

        states = replay(self._value or [])
        state = states.get(self._claim, {})
        opened = len(set(state.get("opened", [])))
        parts = [f"{opened} page{'s' if opened != 1 else ''} opened"]
        cited = self.web.pages.get(state.get("cited") or "")
        parts.append(f"cited: {cited.site} — {cited.title}" if cited else "nothing cited yet")
        if state.get("verdict"):
            confidence = state.get("confidence")
            parts.append(f"verdict: {state['verdict']} "
                         + (f"({confidence} confidence)" if confidence else "(no confidence given)"))
        else:
            parts.append("no verdict yet")
        done = sum(1 for c in self.claims if states.get(c, {}).get("verdict"))
        return (f"Claim {self._claim}: {'; '.join(parts)}. {done} of {len(self.claims)} claim"
                f"{'s have' if len(self.claims) != 1 else ' has'} a verdict.")
