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
=================  ==============================================  ============================================

Choices and checklists show their options in ``display_order``: shuffled by question id, the same everywhere.
Comment text that a cell shows goes through ``ml.folded`` (or a widget with ``collapsed=True``): hidden until the
reader presses "Show", and absent from the cell's plain-text output (what nbviewer, feedback and exports show).

Accessibility: every control has a text label, the saved state is said in words (never by colour alone), and
everything is a native control (radio buttons, check boxes, buttons, number boxes) — no drop-downs, whose keys
JupyterLab takes as notebook shortcuts — so it works by keyboard.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

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
        heading = w.HTML(f"<p><b>Exercise {html.escape(question)}</b> — {html.escape(prompt)}</p>")
        self.widget = w.VBox([heading, *controls, self._status], layout=_layout(width="100%"))
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
            self._status.value = f"<p role='alert'>⚠ <b>Not saved.</b> {html.escape(str(error))}</p>"
            raise
        self._update_status()

    def _sync_controls(self) -> None:
        self._syncing = True
        try:
            self._show(self._value)
        finally:
            self._syncing = False

    def _update_status(self) -> None:
        name = html.escape(self.lesson.store.path.name)
        if self._value in (None, [], {}):
            text = f"○ No answer yet. Your answer is saved in {name} as soon as you choose."
        else:
            text = f"✓ Answer saved in {name}: {html.escape(self._summary())}"
        self._status.value = f"<p aria-live='polite'>{text}</p>"

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
        # full width, so that long options are not cut short with "…"
        self._boxes = [w.Checkbox(value=False, description=o, indent=False, style=_STYLE,
                                  layout=_layout(width="100%")) for o in self.options]
        for box in self._boxes:
            box.observe(self._from_controls, names="value")
        return [w.Label("Tick every option that applies:"), *self._boxes]

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
    w = _w()
    body = w.HTML(f"<div style='white-space: pre-wrap'>{html.escape(text)}</div>", layout=_layout(width="100%"))
    if not collapsed:
        return body
    body.layout.display = "none"
    toggle = w.ToggleButton(value=False, description=f"Show the text of {item_id}", icon="eye",
                            tooltip="Content note: the text may be offensive. Press again to hide it.",
                            layout=_layout(width="auto"))

    def flip(change):
        body.layout.display = "" if change["new"] else "none"
        toggle.description = f"{'Hide' if change['new'] else 'Show'} the text of {item_id}"

    toggle.observe(flip, names="value")
    return w.VBox([toggle, body])


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
        self.widget = w.VBox([w.HTML(f"<p>{html.escape(note)}</p>"),
                              *(_item_text(k, v, collapsed=True) for k, v in self.texts.items())],
                             layout=_layout(width="100%"))

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
            menu.observe(self._from_controls, names="value")
            self._menus[item] = menu
            rows.append(w.VBox([_item_text(item, text, self.collapsed), menu],
                               layout=_layout(border="1px solid #999", padding="4px", margin="2px 0")))
            rows[-1].add_class(f"medialit-item-{_css_name(item)}")
        return rows

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
                                      layout=_layout(width="auto"))
        self._to = w.BoundedIntText(value=1, min=1, max=1, description=f"to {self.unit} number:", style=_STYLE,
                                    layout=_layout(width="auto"))
        self._label = w.ToggleButtons(options=self.labels, value=self.labels[0], description="Label:",
                                      style={**_STYLE, "button_width": "auto"})
        self._add = w.Button(description="Add span", tooltip="Add the chosen stretch with the chosen label")
        self._spans = w.HTML()
        self._remove_choice = w.BoundedIntText(value=1, min=1, max=1, description="Span number to remove:",
                                               style=_STYLE, layout=_layout(width="auto"))
        self._remove = w.Button(description="Remove span", tooltip="Remove the span with the number on the left")
        self._item.observe(lambda change: self._pick_item(), names="value")
        self._add.on_click(lambda button: self._add_span())
        self._remove.on_click(lambda button: self._remove_span())
        self._pick_item()
        return [self._item, self._shown, w.HBox([self._from, self._to]), self._label, self._add,
                self._spans, w.HBox([self._remove_choice, self._remove])]

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
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list of spans, found {value!r}")
        clean = []
        for n, span in enumerate(value):
            if not isinstance(span, dict) or not {"item", "start", "end", "label"} <= set(span):
                raise ValueError(f"span {n + 1} must be a dict with item, start, end and label, found {span!r}")
            item, start, end, label = str(span["item"]), span["start"], span["end"], span["label"]
            if item not in self.texts:
                raise ValueError(f"span {n + 1}: {item!r} is not one of the texts {list(self.texts)}")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.texts[item])):
                raise ValueError(f"span {n + 1}: offsets {start!r}:{end!r} are not inside text {item}")
            if label not in self.labels:
                raise ValueError(f"span {n + 1}: {label!r} is not one of the labels {self.labels}")
            clean.append({"item": item, "start": start, "end": end, "label": label,
                          "text": self.texts[item][start:end]})
        clean.sort(key=lambda s: (list(self.texts).index(s["item"]), s["start"], s["end"], s["label"]))
        return clean or None

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
