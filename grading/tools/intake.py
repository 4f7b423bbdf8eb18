"""`make import`: bring a batch of submissions into grading/submitted/<student>/<lesson>/.

Accepted sources (a folder, or a zip of one):
- plain:  <student>/<lesson>/<files> or <student>/<files>
- Canvas "Download submissions": flat files named <name>[_LATE]_<user id>_<submission id>_<original name>, where a
  re-submitted file may carry a -1, -2 … suffix (01-corpus-1.ipynb);
- Moodle "Download all submissions": a folder per participant, <Full Name>_<participant id>_assignsubmission_file_/.
A student who zipped their lesson folder is unpacked. With --roster (CSV: student_id, name, and optionally lms_id,
email) LMS names and ids map to the course's student ids; without it the id is the LMS name made filename-safe.
The notebook and the answer file get their canonical names (01-corpus.ipynb, answers-01-corpus.json). Every file
that could not be placed is listed with the reason. A student's earlier submission of the lesson is moved to
grading/.tools/replaced/, never deleted.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .course import Course, ToolError

CANVAS = re.compile(r"^(?P<name>[a-z0-9]+)(?:_late)?_(?P<uid>\d+)_(?P<sub>\d+)_(?P<file>.+)$", re.IGNORECASE)
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<uid>\d+)_assignsubmission_[a-z]+_?$", re.IGNORECASE)
COPY_SUFFIX = re.compile(r"(?:-\d+| \(\d+\))(?=\.(?:ipynb|json)$)")
JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db", ".ipynb_checkpoints")
MAX_FILE_MB = 50


@dataclass
class Student:
    files: dict = field(default_factory=dict)   # canonical name -> bytes
    source: str = ""


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())


class Roster:
    def __init__(self, path: str | None):
        self.by_lms, self.by_name, self.ids = {}, {}, set()
        if not path:
            return
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        if not rows or "student_id" not in rows[0]:
            raise ToolError(f"roster {path}: needs a header with student_id and name (optionally lms_id, email)")
        for row in rows:
            sid = row["student_id"].strip()
            self.ids.add(sid)
            if row.get("lms_id"):
                self.by_lms[row["lms_id"].strip()] = sid
            name = (row.get("name") or "").strip()
            parts = name.split()
            for variant in {name, " ".join(reversed(parts)), "".join(parts[-1:] + parts[:-1])}:
                if variant:
                    self.by_name[_squash(variant)] = sid
            if row.get("email"):
                self.by_name[_squash(row["email"].split("@")[0])] = sid

    def __bool__(self):
        return bool(self.ids)

    def find(self, name: str, uid: str | None) -> str | None:
        if not self:
            return slug(name) or None
        if uid and uid in self.by_lms:
            return self.by_lms[uid]
        if name in self.ids:
            return name
        return self.by_name.get(_squash(name))


def _entries(source: Path):
    """(relative posix path, bytes loader, size) for every file in a folder or zip."""
    if source.is_dir():
        for p in sorted(source.rglob("*")):
            if p.is_file():
                yield PurePosixPath(p.relative_to(source).as_posix()), p.read_bytes, p.stat().st_size
    elif zipfile.is_zipfile(source):
        archive = zipfile.ZipFile(source)
        for info in archive.infolist():
            if not info.is_dir():
                yield PurePosixPath(info.filename), (lambda i=info: archive.read(i)), info.file_size
    else:
        raise ToolError(f"{source}: not a folder or a zip file")


def canonical(name: str, lesson: str) -> tuple[str | None, str]:
    """The name a file gets in the submission folder, or None and why it is left out."""
    base = COPY_SUFFIX.sub("", name)
    if base.endswith(".ipynb"):
        return (f"{lesson}.ipynb" if base == f"{lesson}.ipynb" else base), ""
    if base.startswith("answers-") and base.endswith(".json"):
        if base == f"answers-{lesson}.json":
            return base, ""
        return None, f"answer file of another lesson ({base})"
    return name, ""


def import_submissions(course: Course, lesson: str, source: str, roster_path: str | None = None):
    src = Path(source).expanduser().resolve()
    if not src.exists():
        raise ToolError(f"{source} does not exist: give FROM=<folder or zip>")
    roster = Roster(roster_path)
    students: dict[str, Student] = {}
    problems: list[str] = []

    def place(key_name, uid, filename, load, size, where):
        sid = roster.find(key_name, uid)
        if not sid:
            problems.append(f"{where}: no student in the roster matches {key_name!r}" + (f" (id {uid})" if uid else ""))
            return
        if size > MAX_FILE_MB * 1024 * 1024:
            problems.append(f"{where}: {size / 1048576:.0f} MB, larger than {MAX_FILE_MB} MB: left out")
            return
        data = load()
        if filename.lower().endswith(".zip"):
            try:
                inner = zipfile.ZipFile(io.BytesIO(data))
            except zipfile.BadZipFile:
                problems.append(f"{where}: a damaged zip file")
                return
            for info in inner.infolist():
                if not info.is_dir() and not any(j in info.filename for j in JUNK):
                    place(key_name, uid, PurePosixPath(info.filename).name, lambda i=info: inner.read(i),
                          info.file_size, f"{where}!{info.filename}")
            return
        name, why = canonical(filename, lesson)
        if name is None:
            problems.append(f"{where}: {why}")
            return
        student = students.setdefault(sid, Student(source=where))
        if name in student.files and student.files[name] != data:
            problems.append(f"{where}: {sid} handed in two different {name}; kept the later one in the listing")
        student.files[name] = data

    for rel, load, size in _entries(src):
        where = str(rel)
        if any(j in where for j in JUNK):
            problems.append(f"{where}: system file, left out")
            continue
        parts = rel.parts
        moodle = MOODLE.match(parts[0]) if len(parts) > 1 else None
        canvas = CANVAS.match(rel.name)
        if moodle:
            place(moodle["name"], moodle["uid"], rel.name, load, size, where)
        elif canvas:
            place(canvas["name"], canvas["uid"], canvas["file"], load, size, where)
        elif len(parts) >= 2 and (len(parts) == 2 or parts[1] == lesson):
            place(parts[0], None, rel.name, load, size, where)
        else:
            problems.append(f"{where}: cannot tell whose file this is (expected <student>/{lesson}/<file>, "
                            "a Canvas or a Moodle download)")

    stamp = time.strftime("%Y%m%d-%H%M%S")
    for sid, student in sorted(students.items()):
        if not any(n.endswith(".ipynb") for n in student.files):
            problems.append(f"{sid}: no notebook among {sorted(student.files)} (placed anyway; autograde reports it)")
        dest = course.submitted(sid, lesson)
        new = dest.with_name(f".{lesson}.importing")
        shutil.rmtree(new, ignore_errors=True)
        new.mkdir(parents=True)
        for name, data in student.files.items():
            (new / name).write_bytes(data)
        if dest.exists():
            keep = course.state / "replaced" / stamp / sid
            keep.mkdir(parents=True, exist_ok=True)
            dest.rename(keep / lesson)
        new.rename(dest)
        print(f"{sid:<16} {len(student.files)} file(s) → {dest.relative_to(course.root)}  ({', '.join(sorted(student.files))})")
    for problem in problems:
        print(f"NOT PLACED  {problem}")
    print(f"Imported {len(students)} submission(s) of {lesson}; {len(problems)} file(s) or problem(s) reported above.")
    return len(students), problems
