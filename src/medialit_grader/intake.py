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
import datetime
import io
import os
import re
import shutil
import stat
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .course import Course, ToolError
from .tracks import answer_file

CANVAS = re.compile(r"^(?P<name>[a-z0-9]+)(?:_late)?_(?P<uid>\d+)_(?P<sub>\d+)_(?P<file>.+)$", re.IGNORECASE)
MOODLE = re.compile(r"^(?P<name>.+?)_(?P<uid>\d+)_assignsubmission_[a-z]+_?$", re.IGNORECASE)
COPY_SUFFIX = re.compile(r"(?:-\d+| \(\d+\))(?=\.(?:ipynb|json)$)")
JUNK = ("__MACOSX/", ".DS_Store", "Thumbs.db", ".ipynb_checkpoints")
MAX_FILE_MB = 50


@dataclass
class Student:
    files: dict = field(default_factory=dict)   # canonical name -> bytes
    source: str = ""
    times: list = field(default_factory=list)   # the LMS export's times of this student's files


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
    """(relative posix path, bytes loader, size, time) for every entry in a folder or zip; time is the LMS export's
    own time of a zip entry (None for a folder). Links, devices and fifos come with a loader that raises
    NotAFile: only regular files are ever read."""
    if source.is_dir():
        for top, dirs, files in os.walk(source):  # links to folders are not followed
            for name in sorted(dirs + files):
                p = Path(top) / name
                rel = PurePosixPath(p.relative_to(source).as_posix())
                st = p.lstat()
                if stat.S_ISREG(st.st_mode):
                    yield rel, (lambda p=p: _read_regular(p)), st.st_size, None
                elif not stat.S_ISDIR(st.st_mode):
                    yield rel, _not_a_file("a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a regular file"), 0, None
    elif zipfile.is_zipfile(source):
        archive = zipfile.ZipFile(source)
        for info in archive.infolist():
            if info.is_dir():
                continue
            if stat.S_IFMT(info.external_attr >> 16) not in (0, stat.S_IFREG):
                yield PurePosixPath(info.filename), _not_a_file("a symbolic link or special file"), 0, None
                continue
            yield PurePosixPath(info.filename), (lambda i=info: archive.read(i)), info.file_size, _zip_time(info)
    else:
        raise ToolError(f"{source}: not a folder or a zip file")


class NotAFile(Exception):
    pass


def _not_a_file(what: str):
    def load():
        raise NotAFile(what)
    return load


def _read_regular(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotAFile("not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def _zip_time(info: zipfile.ZipInfo):
    try:
        return datetime.datetime(*info.date_time)
    except ValueError:
        return None


def canonical(name: str, lesson: str) -> tuple[str | None, str]:
    """The name a file gets in the submission folder, or None and why it is left out."""
    base = COPY_SUFFIX.sub("", name)
    if base.endswith(".ipynb"):
        return (f"{lesson}.ipynb" if base == f"{lesson}.ipynb" else base), ""
    if base.startswith("answers-") and base.endswith(".json"):
        if base == answer_file(lesson):
            return base, ""
        return None, f"answer file of another lesson ({base})"
    if base == "timestamp.txt":
        return None, "a timestamp.txt handed in by the student is ignored: the submission time is the import's"
    return name, ""


def import_submissions(course: Course, lesson: str, source: str, roster_path: str | None = None):
    src = Path(source).expanduser().resolve()
    if not src.exists():
        raise ToolError(f"{source} does not exist: give FROM=<folder or zip>")
    roster = Roster(roster_path)
    students: dict[str, Student] = {}
    problems: list[str] = []

    def place(key_name, uid, filename, load, size, where, when=None):
        sid = roster.find(key_name, uid)
        if not sid:
            problems.append(f"{where}: no student in the roster matches {key_name!r}" + (f" (id {uid})" if uid else ""))
            return
        if size > MAX_FILE_MB * 1024 * 1024:
            problems.append(f"{where}: {size / 1048576:.0f} MB, larger than {MAX_FILE_MB} MB: left out")
            return
        try:
            data = load()
        except (NotAFile, OSError) as error:
            problems.append(f"{where}: {error}: left out (only regular files are accepted)")
            return
        if filename.lower().endswith(".zip"):
            try:
                inner = zipfile.ZipFile(io.BytesIO(data))
            except zipfile.BadZipFile:
                problems.append(f"{where}: a damaged zip file")
                return
            for info in inner.infolist():
                if not info.is_dir() and not any(j in info.filename for j in JUNK):
                    special = stat.S_IFMT(info.external_attr >> 16) not in (0, stat.S_IFREG)
                    place(key_name, uid, PurePosixPath(info.filename).name,
                          _not_a_file("a symbolic link or special file") if special else (lambda i=info: inner.read(i)),
                          info.file_size, f"{where}!{info.filename}", when)
            return
        name, why = canonical(filename, lesson)
        if name is None:
            problems.append(f"{where}: {why}")
            return
        student = students.setdefault(sid, Student(source=where))
        if when is not None:
            student.times.append(when)
        if name in student.files and student.files[name] != data:
            problems.append(f"{where}: {sid} handed in two different {name}; kept the later one in the listing")
        student.files[name] = data

    for rel, load, size, when in _entries(src):
        where = str(rel)
        if any(j in where for j in JUNK):
            problems.append(f"{where}: system file, left out")
            continue
        parts = rel.parts
        moodle = MOODLE.match(parts[0]) if len(parts) > 1 else None
        canvas = CANVAS.match(rel.name)
        if moodle:
            place(moodle["name"], moodle["uid"], rel.name, load, size, where, when)
        elif canvas:
            place(canvas["name"], canvas["uid"], canvas["file"], load, size, where, when)
        elif len(parts) >= 2 and (len(parts) == 2 or parts[1] == lesson):
            place(parts[0], None, rel.name, load, size, where, when)
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
        # the submission time: the LMS export's latest time for this student's files, else now (the import's)
        # (zip entry times are the LMS server's local time, read here as this machine's local time), in UTC
        received = max(student.times).astimezone() if student.times else datetime.datetime.now().astimezone()
        received = received.astimezone(datetime.timezone.utc)
        (new / "timestamp.txt").write_text(received.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
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
