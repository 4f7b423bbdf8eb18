"""A lesson's handle: its answer file, its widgets and its self-check — ``lab = ml.lesson("01-corpus")``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import check as _check
from . import widgets as _widgets
from .answers import AnswerFile
from .errors import MediaLitError


class Lesson:
    """One lesson as a student meets it: widgets that save answers beside the notebook, and ``check``."""

    def __init__(self, slug: str, folder: Path | str | None = None):
        self.slug = slug
        self.store = AnswerFile(slug, folder)
        self.widgets: dict[str, _widgets.AnswerWidget] = {}
        self.store.read()  # a corrupt answer file is reported now, in the setup cell

    def __repr__(self) -> str:
        return f"<Lesson {self.slug}: answers in {self.store.path}>"

    def _add(self, cls, question: str, *args, **kwargs):
        old = self.widgets.get(question)
        if old is not None and type(old) is not cls:
            raise MediaLitError(
                f"Question {question!r} already has a {old.kind} widget in this lesson; give each widget its own id."
            )
        widget = cls(self, question, *args, **kwargs)
        self.widgets[question] = widget
        return widget

    def choice(self, question: str, prompt: str, options) -> _widgets.SingleChoice:
        """A single-choice question (radio buttons)."""
        return self._add(_widgets.SingleChoice, question, prompt, options)

    def checklist(self, question: str, prompt: str, options) -> _widgets.Checklist:
        """A multiple-choice checklist (check boxes)."""
        return self._add(_widgets.Checklist, question, prompt, options)

    def label_table(self, question: str, prompt: str, items: dict, labels, *, collapsed=False) -> _widgets.LabelTable:
        """One label per item (a row of toggle buttons per item); ``collapsed=True`` folds each item's text away."""
        return self._add(_widgets.LabelTable, question, prompt, items, labels, collapsed=collapsed)

    def span_labeller(self, question: str, prompt: str, texts: dict, labels, *, unit="sentence",
                      collapsed=False) -> _widgets.SpanLabeller:
        """Label stretches of texts, chosen by word or sentence."""
        return self._add(_widgets.SpanLabeller, question, prompt, texts, labels, unit=unit, collapsed=collapsed)

    def rating(self, question: str, prompt: str, scale) -> _widgets.Rating:
        """A rating scale with words for each step."""
        return self._add(_widgets.Rating, question, prompt, scale)

    def mark_words(self, question: str, prompt: str, texts: dict, labels=None, *,
                   collapsed=False) -> _widgets.WordMarker:
        """Mark stretches of a passage word by word (a toggle button per word); with ``labels``, each mark gets the
        label chosen in the "Label:" row. Value: [{item, start, end, label, text}, ...] as the span labeller's."""
        return self._add(_widgets.WordMarker, question, prompt, texts, labels, collapsed=collapsed)

    def relay_graph(self, question: str, prompt: str, actors, *, claims=None) -> _widgets.RelayBuilder:
        """Who passes on what to whom, link by link. Value: sorted [[from, to], ...] (or [from, to, claim])."""
        return self._add(_widgets.RelayBuilder, question, prompt, actors, claims=claims)

    def intervals(self, question: str, prompt: str, items: dict, *, collapsed=False) -> _widgets.IntervalTable:
        """The lowest and highest whole number each item allows (or no upper limit). Value: {item: [low, high]},
        high None when open-ended."""
        return self._add(_widgets.IntervalTable, question, prompt, items, collapsed=collapsed)

    def map_point(self, question: str, prompt: str, *, extent=None, places=None, step=0.1) -> _widgets.MapPoint:
        """Place one point on a map of ``extent`` (lon_min, lon_max, lat_min, lat_max; default: ml.draw_map's).
        ``places``: reference points (a DataFrame like ml.load_places() or {name: (lat, lon)}). Value: [lat, lon]."""
        return self._add(_widgets.MapPoint, question, prompt, extent=extent, places=places, step=step)

    def mark_shadow(self, question: str, prompt: str, image, *, points=("base", "top", "tip"),
                    description: str | None = None) -> _widgets.ShadowMarks:
        """Mark a vertical pole's base, its top and its shadow's tip on a picture (a click, or x/y boxes and arrow
        buttons). ``image``: a post id of the image archive (medialit.images.image_path finds its file) or the path
        of an image file; ``description``: what the picture shows, for its text alternative. Value: {"base": [x, y],
        "top": [x, y], "tip": [x, y]} in the file's own pixels (x from the left, y down from the top), the points
        placed so far."""
        return self._add(_widgets.ShadowMarks, question, prompt, image, points=points, description=description)

    def ranking(self, question: str, prompt: str, items) -> _widgets.Ranking:
        """Put items in order (Move up / Move down, Keep this order). ``items``: {id: text} or a list of texts.
        Value: the item ids in order."""
        return self._add(_widgets.Ranking, question, prompt, items)

    def investigate(self, question: str, prompt: str, claims: dict, *, web=None) -> _widgets.Investigation:
        """Investigate claims in the offline web (search, open, back, cite, verdict with confidence): a small
        browser. ``claims``: {claim id: the claim's text}; ``web``: the offline web (default: ml.load_web()).
        Value: the move log, [{t, claim, do, ...}, ...] (see medialit.web)."""
        return self._add(_widgets.Investigation, question, prompt, claims, web=web)

    def judge(self, question: str, prompt: str, items: dict, *, folded=()) -> _widgets.JudgementTable:
        """For each item a verdict ("Holds up as it stands" or "Flag it") and how sure (1 guessing … 4 certain);
        items in ``folded`` are hidden until the student opens them. Value: {item: {"verdict": "pass" | "flag",
        "confidence": 1-4}}."""
        return self._add(_widgets.JudgementTable, question, prompt, items, folded=folded)

    def answer(self, question: str) -> Any:
        """The saved answer to a widget question, as a plain Python value (None if unanswered)."""
        if question in self.widgets:
            return self.widgets[question].value
        return self.store.get(question)

    def check(self, exercise: str, value: Any = _check.MISSING) -> None:
        """Self-check one exercise against its visible checks and get a hint. For a widget question, leave out
        the value: the saved answer is checked."""
        if value is _check.MISSING and exercise in self.widgets:
            value = self.widgets[exercise].value
        elif value is _check.MISSING:
            value = self.store.get(exercise)
        _check.check(self.slug, exercise, value)


def lesson(slug: str, folder: Path | str | None = None) -> Lesson:
    """Start a lesson: ``lab = ml.lesson("01-corpus")``. Answers go to ``answers-01-corpus.json`` beside the notebook.
    From here on, every figure the notebook shows carries a text alternative (see ``medialit.figures``)."""
    from . import figures

    figures.install()
    return Lesson(slug, folder)
