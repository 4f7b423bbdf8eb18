"""Where the kit's data lives, wherever a notebook runs (lessons/, nbgrader's autograded folder, a bundle, a hub)."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from .errors import AnnotationsUnavailable, DataMissingError

ENV_VAR = "MEDIALIT_DATA"


@cache
def _candidates() -> tuple[Path, ...]:
    here = Path(__file__).resolve().parent
    return (
        here / "_datasets",  # an installed wheel carries the data inside the package
        here.parents[1] / "datasets",  # a checkout (editable install): <repo>/src/medialit -> <repo>/datasets
    )


def data_dir() -> Path:
    """The datasets folder: $MEDIALIT_DATA if set, else the copy in the package, else the repository's."""
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override).expanduser()
        if not (path / "corpus").is_dir():
            raise DataMissingError(
                f"{ENV_VAR} is set to {path}, but that folder has no corpus/ inside. "
                f"Point {ENV_VAR} at the kit's datasets folder, or unset it."
            )
        return path
    for path in _candidates():
        if (path / "corpus").is_dir():
            return path
    raise DataMissingError(
        "The kit's datasets were not found (looked in: "
        + ", ".join(str(p) for p in _candidates())
        + f"). Reinstall the kit (pip install .), or set {ENV_VAR} to the datasets folder."
    )


def data_file(*parts: str) -> Path:
    """A file inside the datasets folder; a clear error if it is missing."""
    path = data_dir().joinpath(*parts)
    if not path.exists():
        if parts and parts[0] == "annotations":
            raise AnnotationsUnavailable(
                f"The kit's annotations '{Path(*parts).stem}' are not in this copy of the kit ({path}). "
                "They are the answer key of graded exercises, so the student bundle leaves them out: "
                "your teacher shares them after grading."
            )
        raise DataMissingError(f"Missing data file {path}. Reinstall the kit or restore the file from the repository.")
    return path


def csv_rows(path: Path, columns, hint: str = "") -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV data file, each with its line number, after checking that the header has ``columns``
    (a DataError naming the file, line 1 and the first missing column otherwise)."""
    import csv

    from .errors import DataError

    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        missing = [c for c in columns if c not in header]
        if missing:
            raise DataError(path, 1, missing[0], f"column is missing from the header (found: {', '.join(header)})",
                            hint)
        return [(reader.line_num, row) for row in reader]


def json_lines(path):
    """(line number, object) for each line of a JSON Lines data file; blank lines are skipped, and a line that is not
    a JSON object is a DataError naming the file and the line."""
    import json

    from .errors import DataError

    with open(path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as error:
                raise DataError(path, number, None, f"not valid JSON ({error.msg} at column {error.colno})") from None
            if not isinstance(row, dict):
                raise DataError(path, number, None, "a line must be a JSON object")
            yield number, row


def read_rows(path, fields: dict) -> list[dict]:
    """The rows of a JSON Lines data file (the pre/post test's items, the capstone's sentences and comments; on the
    teacher's side their keys), each checked for ``fields`` ({name: type}, a text not empty): a bad one is a
    DataError naming the file, line and field."""
    from .errors import DataError

    rows = []
    for number, row in json_lines(path):
        for field, kind in fields.items():
            value = row.get(field)
            if not isinstance(value, kind) or (kind is str and not value.strip()):
                raise DataError(path, number, field, f"expected a {kind.__name__}, found {value!r}")
        rows.append(row)
    return rows
