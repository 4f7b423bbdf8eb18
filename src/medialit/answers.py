"""The answer file: a lesson's widget answers, saved beside the notebook so that the autograder sees them.

One small JSON file per lesson, ``answers-<lesson>.json``, in the folder the notebook runs in. nbgrader collects
the whole folder, so autograding reads the same answers the student clicked. The kit never resets a file it cannot
read: it stops with a message that says what is wrong and what to do.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .errors import AnswerFileError

FORMAT = 1
PREFIX = "answers-"


def answer_file_name(lesson: str) -> str:
    """The answer file's name for a lesson: ``answers-01-corpus.json``."""
    return f"{PREFIX}{lesson}.json"


class AnswerFile:
    """Read and write one lesson's answers. Every save re-reads the file, so widgets never overwrite each other."""

    def __init__(self, lesson: str, folder: Path | str | None = None):
        self.lesson = lesson
        self.path = Path(folder if folder is not None else Path.cwd()) / answer_file_name(lesson)

    # -- reading -----------------------------------------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]]:
        """All saved answers: ``{question: {"kind": ..., "value": ..., "saved": ...}}``; empty if no file yet."""
        if not self.path.exists():
            return {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise self._error(f"cannot be read ({error})") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise self._error(f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})") from None
        if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
            raise self._error('is not an answer file: expected an object with an "answers" object inside')
        if data.get("lesson") != self.lesson:
            raise self._error(
                f"field 'lesson': this file belongs to lesson {data.get('lesson')!r}, not {self.lesson!r}",
                f"move it to that lesson's folder, or rename it so that lesson {self.lesson!r} starts a new file",
            )
        for question, entry in data["answers"].items():
            if not isinstance(entry, dict) or "value" not in entry:
                raise self._error(f'field \'answers.{question}\': expected an object with a "value", found {entry!r}')
        return data["answers"]

    def get(self, question: str, default: Any = None) -> Any:
        entry = self.read().get(question)
        return default if entry is None else entry["value"]

    # -- writing -----------------------------------------------------------------------------------------------
    def save(self, question: str, kind: str, value: Any) -> None:
        """Save one answer (None removes it). Re-reads the file first and replaces it atomically."""
        answers = self.read()
        if value is None:
            answers.pop(question, None)
        else:
            saved = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
            answers[question] = {"kind": kind, "value": value, "saved": saved}
        data = {"kit": "medialit", "format": FORMAT, "lesson": self.lesson,
                "answers": dict(sorted(answers.items()))}
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".answers-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _error(self, problem: str, hint: str = "") -> AnswerFileError:
        hint = hint or (
            "open the file and mend it, or rename it (to keep a copy) and run the cell again to start with no "
            "answers. The kit never resets it on its own, so your answers are not lost."
        )
        return AnswerFileError(f"Your answer file {self.path}: {problem}.\n  What to do: {hint}")


def read_answers(*paths: Path | str):
    """A teacher's view: the answers in answer files or folders (searched recursively), as one DataFrame.

    Columns: student (the folder above the lesson folder, e.g. grading/submitted/<student>/<lesson>/), lesson,
    question, kind, value, saved, file.
    """
    import pandas as pd

    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.rglob(f"{PREFIX}*.json")) if path.is_dir() else [path])
    rows = []
    for file in files:
        lesson = file.stem[len(PREFIX):]
        for question, entry in AnswerFile(lesson, file.parent).read().items():
            rows.append({
                "student": file.parent.parent.name, "lesson": lesson, "question": question,
                "kind": entry.get("kind"), "value": entry["value"], "saved": entry.get("saved"), "file": str(file),
            })
    return pd.DataFrame(rows, columns=["student", "lesson", "question", "kind", "value", "saved", "file"])
