"""Reading what a student handed in, or what came out of the sandbox, as untrusted data.

Every file is opened without following links (a symlink, device or fifo is refused), read up to a size cap, checked
for nesting depth before any JSON parser sees it (Python's parser recurses, so a notebook nested 100,000 levels
deep would crash it), parsed, validated against the nbformat schema, and its nbgrader metadata checked for types.
Each problem is a :class:`BadInput` with a sentence a teacher understands; it concerns that one student only.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from medialit._probe import MIME  # noqa: F401 - the answer outputs' type, one definition for both sides

from .errors import BadInput

MAX_DEPTH = 64
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(rb"[\[\]{}]")
NBGRADER_TYPES = {"grade": bool, "solution": bool, "locked": bool, "task": bool, "grade_id": str,
                  "points": (int, float), "schema_version": int, "checksum": str, "cell_type": str}


def read_regular(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file, refusing symlinks, devices and fifos (checked on the open file itself)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == 40:  # ELOOP: the last component is a symlink
            raise BadInput(f"{path.name} is a symbolic link, not a file: hand in the file itself") from None
        raise BadInput(f"{path.name} cannot be opened ({error.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise BadInput(f"{path.name} is not a regular file")
        if st.st_size > limit:
            raise BadInput(f"{what} {path.name} is {st.st_size / 1048576:.1f} MB (limit {limit / 1048576:.0f} MB)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise BadInput(f"{what} {path.name} is larger than {limit / 1048576:.0f} MB")
        return data
    finally:
        os.close(fd)


def depth(data: bytes) -> int:
    """The deepest nesting of [ and { in a JSON text (strings ignored)."""
    deepest = level = 0
    for m in _BRACKETS.finditer(_STRINGS.sub(b'""', data)):
        level += 1 if m.group() in (b"[", b"{") else -1
        deepest = max(deepest, level)
    return deepest


def loads(data: bytes, name: str):
    """JSON from untrusted bytes, with the line and column of the first problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput(f"{name} is not text (byte {error.start} is not UTF-8): the file is damaged") from None
    if depth(data) > MAX_DEPTH:
        raise BadInput(f"{name} is nested more than {MAX_DEPTH} levels deep: it is not a file the kit wrote")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except RecursionError:
        raise BadInput(f"{name} is nested too deeply to read") from None


def notebook_from_dict(data, name: str):
    """An nbformat v4 notebook from parsed JSON, validated against the schema, nbgrader metadata type-checked."""
    import nbformat
    from nbformat.validator import ValidationError

    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise BadInput(f"{name} is not a Jupyter notebook: it has no list of cells")
    if data.get("nbformat") != 4:
        raise BadInput(f"{name} is notebook format {data.get('nbformat')!r}; the kit reads format 4 (save it "
                       "again from JupyterLab)")
    try:
        from nbformat.v4.rwbase import rejoin_lines, strip_transient

        nb = strip_transient(rejoin_lines(nbformat.from_dict(data)))
        nbformat.validate(nb)
    except ValidationError as error:
        where = "/".join(str(p) for p in list(error.absolute_path)[:4]) or "the top level"
        raise BadInput(f"{name} does not follow the notebook format at {where}: "
                       f"{str(error.message).splitlines()[0][:160]}") from None
    except Exception as error:  # noqa: BLE001 - nbformat raises several kinds
        raise BadInput(f"{name} is not a Jupyter notebook ({type(error).__name__})") from None
    for i, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {})
        if "nbgrader" not in meta:
            continue
        grader = meta["nbgrader"]
        if not isinstance(grader, dict):
            raise BadInput(f"{name}, cell {i + 1}: its nbgrader metadata is a {type(grader).__name__}, not an "
                           "object (the notebook was edited by hand)")
        for key, value in grader.items():
            want = NBGRADER_TYPES.get(key)
            if want is not None and (not isinstance(value, want) or (want is not bool and isinstance(value, bool))):
                raise BadInput(f"{name}, cell {i + 1}: nbgrader field {key!r} is {value!r}, of the wrong type")
    return nb


def read_notebook(path: Path, limit: int) -> object:
    return notebook_from_dict(loads(read_regular(path, limit, "notebook"), path.name), path.name)
