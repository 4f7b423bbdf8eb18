"""Lesson 03's picture archive: the posts (``load_archive``), their files (``image_path``), a gallery with alt text
(``show_images``), and the camera model that turns clicks on a picture into metres and a shadow into the sun's
direction (``Camera``, ``camera``). The archive is constructed practice material that depicts no real event; this
module reads only what a student sees (the posts), never which post copies which or when a picture was taken.

    posts = ml.load_archive()
    cam = ml.camera("img03")                      # known only where the view was geolocated
    azimuth, elevation = cam.sun_from_shadow(base=(520, 330), top=(520, 120), tip=(90, 340))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ._paths import csv_rows, data_file
from .errors import DataError, MediaLitError

if TYPE_CHECKING:  # pandas is imported lazily: importing medialit stays cheap
    import pandas as pd

# Two files show the same picture when their perceptual hashes (imagehash.phash, 8x8 = 64 bits) differ in at most
# this many bits. Measured on the archive (datasets/DATASHEET.md, "The image archive"): every re-post, even cropped,
# mirrored back or recoloured, lies well inside it, and every pair of different pictures well outside.
SAME_PICTURE_BITS = 12

ARCHIVE_COLUMNS = ("id", "file", "posted_by", "posted_on", "caption", "claimed_place", "claimed_lat", "claimed_lon",
                   "claimed_time", "heading_deg", "focal_px", "camera_height_m")
CAMERA_COLUMNS = ("heading_deg", "focal_px", "camera_height_m")


@dataclass(frozen=True)
class Camera:
    """A level pinhole camera at ``height_m`` above flat ground, looking along ``heading`` (degrees clockwise from
    north), with focal length ``focal_px`` in pixels and the principal point at the centre of a ``width`` x ``height``
    picture, so the horizon is the middle row. World: x east, y north, z up, in metres, camera at (0, 0, height_m).
    Pixels: (x, y) from the top-left corner, y down, in the file's own pixels."""

    heading: float
    focal_px: float
    height_m: float
    width: int
    height: int

    @property
    def cx(self) -> float:
        return self.width / 2

    @property
    def cy(self) -> float:
        """The horizon's row."""
        return self.height / 2

    def _axes(self):
        psi = math.radians(self.heading)
        return (math.sin(psi), math.cos(psi)), (math.cos(psi), -math.sin(psi))  # forward F, right R (east, north)

    def project(self, points):
        """Pixels (u, v) of world points: ``points`` is one (east, north, up) triple or an (N, 3) array of them, in
        metres; returns two floats or two arrays. Points must lie in front of the camera."""
        import numpy as np

        p = np.asarray(points, dtype=float)
        if p.shape[-1:] != (3,):
            raise MediaLitError(f"project() takes (east, north, up) triples in metres; got an array of shape "
                                f"{p.shape}.")
        (fe, fn), (re, rn) = self._axes()
        d = p[..., 0] * fe + p[..., 1] * fn
        if np.any(d <= 0):
            raise MediaLitError("A point lies behind the camera (its forward distance is not positive): it is not in "
                                "the picture.")
        r = p[..., 0] * re + p[..., 1] * rn
        u = self.cx + self.focal_px * r / d
        v = self.cy + self.focal_px * (self.height_m - p[..., 2]) / d
        return (float(u), float(v)) if p.ndim == 1 else (u, v)

    def _distances(self, u, v):
        import numpy as np

        u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
        if np.any(v <= self.cy):
            raise MediaLitError(f"A point at y = {float(np.min(v)):g} is not below the horizon (row {self.cy:g}): only "
                                "points on the ground below the horizon have a position on the ground. Place it on "
                                "the ground, lower in the picture.")
        d = self.focal_px * self.height_m / (v - self.cy)
        return d, (u - self.cx) * d / self.focal_px

    def ground(self, u, v):
        """The ground point (east, north), in metres from the camera, seen at pixel (u, v) below the horizon; floats
        or arrays. A MediaLitError for a pixel on or above the horizon (it shows no ground)."""
        d, r = self._distances(u, v)
        (fe, fn), (re, rn) = self._axes()
        east, north = d * fe + r * re, d * fn + r * rn
        return (float(east), float(north)) if getattr(east, "ndim", 0) == 0 else (east, north)

    def sun_from_shadow(self, base, top, tip) -> tuple[float, float]:
        """The sun's (azimuth, elevation) in degrees from a vertical pole marked on the picture: the pixels of its
        base and of its shadow's tip (both on the ground) and of its top. The shadow points away from the sun, and
        the pole's height over the shadow's length is the tangent of the sun's elevation."""
        (bu, bv), (_, tv), (su, sv) = (_pixel(base, "base"), _pixel(top, "top"), _pixel(tip, "tip"))
        b_east, b_north = self.ground(bu, bv)
        s_east, s_north = self.ground(su, sv)
        d_base, _ = self._distances(bu, bv)
        pole = self.height_m + (self.cy - tv) * d_base / self.focal_px  # the top's height above the base's ground
        east, north = s_east - b_east, s_north - b_north
        length = math.hypot(east, north)
        if pole <= 0 or length == 0:
            raise MediaLitError("The marks do not describe a pole and its shadow: the top must be above the base, and "
                                "the shadow's tip away from the base.")
        azimuth = (math.degrees(math.atan2(east, north)) + 180) % 360
        return azimuth, math.degrees(math.atan2(pole, length))


def _pixel(point, name: str) -> tuple[float, float]:
    try:
        x, y = point
        return float(x), float(y)
    except (TypeError, ValueError):
        raise MediaLitError(f"The {name} must be a pixel (x, y), two numbers; got {point!r}.") from None


def _archive_rows() -> tuple[Path, list[tuple[int, dict]]]:
    path = data_file("images", "archive.csv")
    return path, csv_rows(path, ARCHIVE_COLUMNS)


def _number(path, line, field, value, low=-math.inf, high=math.inf) -> float:
    if not value:
        return math.nan
    try:
        number = float(value)
    except ValueError:
        raise DataError(path, line, field, f"expected a number, found {value!r}") from None
    if not low <= number <= high:
        raise DataError(path, line, field, f"{number:g} is outside {low:g}..{high:g}")
    return number


def _time(path, line, field, value, otherwise: str = "") -> datetime:
    """An ISO time with its UTC offset, or a DataError naming the file, line and field."""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise DataError(path, line, field, f"expected an ISO time with its UTC offset (2016-07-10T07:40+03:00)"
                                           f"{otherwise}, found {value!r}")
    return when


def load_archive() -> pd.DataFrame:
    """The archive's posts, one row each: id, file, who posted it and when (posted_on, an ISO date), its caption and
    what the caption claims (claimed_place; claimed_lat/claimed_lon in degrees; claimed_time, ISO with its UTC offset,
    missing where the caption gives no time). heading_deg, focal_px and camera_height_m are given only where the view
    has been geolocated (NaN elsewhere). Every row is checked; a bad one raises a DataError naming the file, line and
    field."""
    import pandas as pd

    path, rows = _archive_rows()
    seen, out = set(), []
    for line, row in rows:
        if not row["id"] or row["id"] in seen:
            raise DataError(path, line, "id", f"expected a new, non-empty id, found {row['id']!r}")
        seen.add(row["id"])
        if not row["file"] or Path(row["file"]).name != row["file"] or not row["file"].endswith(".jpg"):
            raise DataError(path, line, "file", f"expected a .jpg file name in images/, found {row['file']!r}")
        try:
            date.fromisoformat(row["posted_on"])
        except ValueError:
            raise DataError(path, line, "posted_on", f"expected an ISO date (YYYY-MM-DD), found "
                                                    f"{row['posted_on']!r}") from None
        if row["claimed_time"]:
            _time(path, line, "claimed_time", row["claimed_time"], " or nothing")
        record = dict(row, claimed_time=row["claimed_time"] or None)
        record["claimed_lat"] = _number(path, line, "claimed_lat", row["claimed_lat"], -90, 90)
        record["claimed_lon"] = _number(path, line, "claimed_lon", row["claimed_lon"], -180, 180)
        if math.isnan(record["claimed_lat"]) != math.isnan(record["claimed_lon"]):
            raise DataError(path, line, "claimed_lon", "give both claimed_lat and claimed_lon, or neither")
        for field, low, high in (("heading_deg", 0, 360), ("focal_px", 1, 1e5), ("camera_height_m", 0.01, 1e4)):
            record[field] = _number(path, line, field, row[field], low, high)
        known = [not math.isnan(record[f]) for f in CAMERA_COLUMNS]
        if any(known) and not all(known):
            field = CAMERA_COLUMNS[known.index(False)]
            raise DataError(path, line, field, "a known camera needs all of heading_deg, focal_px and camera_height_m")
        out.append(record)
    return pd.DataFrame(out, columns=list(ARCHIVE_COLUMNS))


CLAIM_COLUMNS = ("id", "image", "who", "place", "lat", "lon", "time")


def load_light_claims() -> pd.DataFrame:
    """Claims about when and where one picture of the archive was taken (invented, like the archive's captions):
    id, image (the post), who makes the claim, place, lat/lon in degrees, time (ISO with its UTC offset). The light
    check of lesson 03 compares the sun at each claim with the sun a marked shadow shows. A bad row raises a
    DataError naming the file, line and field."""
    import pandas as pd

    path = data_file("images", "light-claims.csv")
    posts = {row["id"] for _, row in _archive_rows()[1]}
    out, seen = [], set()
    for line, row in csv_rows(path, CLAIM_COLUMNS):
        if not row["id"] or row["id"] in seen:
            raise DataError(path, line, "id", f"expected a new, non-empty id, found {row['id']!r}")
        seen.add(row["id"])
        if row["image"] not in posts:
            raise DataError(path, line, "image", f"{row['image']!r} is not a post of the archive")
        _time(path, line, "time", row["time"])
        out.append(dict(row, lat=_number(path, line, "lat", row["lat"], -90, 90),
                        lon=_number(path, line, "lon", row["lon"], -180, 180)))
    return pd.DataFrame(out, columns=list(CLAIM_COLUMNS))


def _post(image_id: str) -> dict:
    path, rows = _archive_rows()
    for _, row in rows:
        if row["id"] == str(image_id):
            return row
    known = ", ".join(row["id"] for _, row in rows)
    raise MediaLitError(f"There is no post {image_id!r} in the archive ({path.name}). The posts are: {known}.")


def image_path(image_id: str) -> Path:
    """The JPEG file of a post, by its id ('img03')."""
    return data_file("images", _post(image_id)["file"])


def camera(image_id: str) -> Camera:
    """The camera of a post whose view has been geolocated (its heading, focal length and height are in the archive),
    sized to its file."""
    from PIL import Image

    row = _post(image_id)
    if not all(row[f] for f in CAMERA_COLUMNS):
        raise MediaLitError(f"The camera of post {image_id!r} is not known: the archive gives heading_deg, focal_px "
                            "and camera_height_m only for views that have been geolocated. Choose one of those posts.")
    with Image.open(image_path(image_id)) as picture:
        width, height = picture.size
    return Camera(float(row["heading_deg"]), float(row["focal_px"]), float(row["camera_height_m"]), width, height)


def alt_text(image_id: str) -> str:
    """The alt text of a post's picture: it says the picture is constructed, and gives the post's caption."""
    return f"Constructed practice image {image_id}: {_post(image_id)['caption']}"


def show_images(ids=None, *, width: int = 240):
    """A gallery of posts (all of them by default): each picture, ``width`` pixels wide, with its id and caption
    written under it and as its alt text. Returns an IPython HTML object (shown when it ends a cell)."""
    import base64
    import html
    import io

    from IPython.display import HTML
    from PIL import Image

    ids = list(load_archive()["id"]) if ids is None else [ids] if isinstance(ids, str) else list(ids)
    cells = []
    for image_id in ids:
        post = _post(image_id)
        with Image.open(image_path(image_id)) as picture:
            thumb = picture.convert("RGB")
            thumb.thumbnail((width, width * 2))
        buffer = io.BytesIO()
        thumb.save(buffer, "JPEG", quality=85)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        alt = html.escape(alt_text(image_id), quote=True)
        cells.append(f"<figure style='display:inline-block;vertical-align:top;width:{width}px;margin:4px'>"
                     f"<img src='data:image/jpeg;base64,{data}' alt='{alt}' width='{thumb.width}' "
                     f"height='{thumb.height}'><figcaption><b>{html.escape(str(image_id))}</b> "
                     f"({html.escape(post['posted_on'])}): {html.escape(post['caption'])}</figcaption></figure>")
    return HTML("<div role='list' aria-label='Posts of the practice archive'>"
                + "".join(f"<div role='listitem' style='display:inline'>{c}</div>" for c in cells) + "</div>")
