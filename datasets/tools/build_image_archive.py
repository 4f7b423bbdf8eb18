"""Build lesson 03's picture archive: datasets/images/ (eleven JPEG posts, archive.csv, README.md) and its truth,
datasets/annotations/images.jsonl (the instructor key: which post copies which, true places and times, the sun, the
drawn pole's pixels).

CONSTRUCTED PRACTICE MATERIAL, depicting no real event: every picture is drawn here with Pillow and numpy from boxes
(vehicles, buildings, poles) on a textured desert, seen through medialit.images.Camera, the same camera model the
lesson inverts, and each shadow is cast for the sun that astral gives at the picture's true place and time. No
people, no faces, no text except the re-post's "BREAKING" banner. Three originals carry file metadata (EXIF); five
re-posts are made from the originals' files (re-compressed, mirrored and cropped, recoloured with a banner, turned
grey with its date rewritten, scaled down); three look-alikes are drawn independently.

Run:   python datasets/tools/build_image_archive.py           # rewrite the archive (seeded: the same files each run)
       python datasets/tools/build_image_archive.py --check   # exit 1, naming the files, if the committed ones differ
       python datasets/tools/build_image_archive.py --out DIR # write DIR/images/... and DIR/annotations/images.jsonl
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from PIL import ExifTags, Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont
from PIL.TiffImagePlugin import IFDRational

from medialit.images import ARCHIVE_COLUMNS, Camera

DATASETS = Path(__file__).resolve().parents[1]
W, H = 800, 533
SS = 2  # drawn at twice the size and scaled down: smooth edges without an anti-aliasing rasteriser
QUALITY = 90
POLE_M = 6.0
MAKE = "Practice Camera Co."  # invented
DESCRIPTION = "Constructed practice image (Media Literacy Lab); depicts no real event"
README = """# The picture archive of lesson 03

Constructed practice material, depicts no real event; rebuilt by datasets/tools/build_image_archive.py.

Eleven posts (`archive.csv`: who posted each picture, when, and what its caption claims), drawn by the kit from
boxes on a textured desert with shadows cast for a computed sun: no photographs, no people, no faces. The camera
columns (`heading_deg`, `focal_px`, `camera_height_m`) are given only for views established by geolocating them.
What is true of each picture is the instructor's key, kept apart in `annotations/images.jsonl`; see
`DATASHEET.md`, "The image archive (lesson 03)".
"""

# ---------------------------------------------------------------------------------------------------------------
# The scenes: boxes in metres (east, north from the camera), yaw = the long side's bearing, degrees from north.


@dataclass(frozen=True)
class Box:
    e: float
    n: float
    z0: float
    length: float
    width: float
    height: float
    yaw: float
    colour: tuple
    windows: bool = False

    def corners(self) -> np.ndarray:
        a = np.array([math.sin(math.radians(self.yaw)), math.cos(math.radians(self.yaw))])  # along the length
        b = np.array([a[1], -a[0]])  # across, to the right of `a`
        out = []
        for z in (self.z0, self.z0 + self.height):
            for sa, sb in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
                p = np.array([self.e, self.n]) + sa * a * self.length / 2 + sb * b * self.width / 2
                out.append((p[0], p[1], z))
        return np.array(out)


@dataclass(frozen=True)
class Shrub:
    e: float
    n: float
    radius: float
    height: float
    lobes: tuple = ()  # (right, up, size, tone): the clumps of the bush, as shares of its radius and height


@dataclass
class Shot:
    """One drawn picture with its true place, time and camera, and what its file says (EXIF)."""

    id: str
    seed: int
    place: tuple[float, float]
    time: str
    heading: float
    focal: float
    height_m: float
    model: str | None  # None: the file carries no EXIF at all
    gps: bool
    sky: tuple  # colour at the top, at the horizon
    sand: tuple
    road: tuple | None  # (east, north of a point on it, bearing, width): road() or None
    boxes: list = field(default_factory=list)
    pole: tuple | None = None  # (east, north): a vertical pole POLE_M high, the one students mark
    shrubs: int = 40
    hills: tuple = (22.0, 12.0)  # far, near ridge heights in pixels


def _mix(a, b, t):
    return tuple(float(x) * (1 - t) + float(y) * t for x, y in zip(a, b))


def ahead(heading: float, d: float, r: float) -> tuple[float, float]:
    """(east, north) of the point d metres ahead of the camera and r to its right, for a camera facing `heading`."""
    psi = math.radians(heading)
    return d * math.sin(psi) + r * math.cos(psi), d * math.cos(psi) - r * math.sin(psi)


def _along(e, n, yaw):
    a = (math.sin(math.radians(yaw)), math.cos(math.radians(yaw)))
    return lambda s, t=0.0: (e + s * a[0] + t * a[1], n + s * a[1] - t * a[0])  # s metres along, t to the right


def pickup(e, n, yaw, colour=(206, 202, 190)):
    at = _along(e, n, yaw)
    glass = (74, 84, 94)
    return [Box(*at(1.55), 0.45, 1.1, 1.85, 0.75, yaw, colour), Box(*at(0.45), 0.45, 1.3, 1.85, 0.8, yaw, colour),
            Box(*at(0.45), 1.25, 1.2, 1.75, 0.6, yaw, glass), Box(*at(0.45), 1.85, 1.25, 1.8, 0.08, yaw, colour),
            Box(*at(-1.2), 0.45, 2.0, 1.85, 0.7, yaw, colour), *_wheels(e, n, yaw, 3.6, 1.7)]


def truck(e, n, yaw, colour=(150, 140, 108), canvas=(126, 122, 96)):
    at = _along(e, n, yaw)
    return [Box(*at(3.0), 0.7, 1.9, 2.4, 1.4, yaw, colour), Box(*at(3.05), 2.1, 1.8, 2.3, 0.75, yaw, (70, 80, 90)),
            Box(*at(-1.2), 1.0, 6.0, 2.5, 2.6, yaw, canvas), Box(*at(0), 0.5, 8.0, 2.0, 0.5, yaw, (70, 68, 62)),
            *_wheels(e, n, yaw, 6.4, 2.2, r=0.95)]


def car(e, n, yaw, colour=(118, 132, 142)):
    at = _along(e, n, yaw)
    return [Box(e, n, 0.35, 4.3, 1.8, 0.7, yaw, colour), Box(*at(-0.3), 1.05, 2.2, 1.6, 0.45, yaw, (74, 84, 94)),
            *_wheels(e, n, yaw, 2.8, 1.6, r=0.65)]


def _wheels(e, n, yaw, base, track, r=0.75):
    at = _along(e, n, yaw)
    return [Box(*at(s * base / 2, t * track / 2), 0, r, 0.3, r, yaw, (42, 40, 38)) for s in (-1, 1) for t in (-1, 1)]


def building(e, n, yaw, length, width, height, colour=(198, 184, 158)):
    return [Box(e, n, 0, length, width, height, yaw, colour, windows=True),
            Box(e, n, height, length + 0.3, width + 0.3, 0.35, yaw, _mix(colour, (90, 90, 90), 0.25))]


def water_tower(e, n, yaw=20.0):
    at = _along(e, n, yaw)
    legs = [Box(*at(s * 1.2, t * 1.2), 0, 0.25, 0.25, 8.0, yaw, (96, 94, 90)) for s in (-1, 1) for t in (-1, 1)]
    return legs + [Box(e, n, 8.0, 3.4, 3.4, 3.0, yaw, (168, 170, 166)), Box(e, n, 11.0, 2.0, 2.0, 0.5, yaw,
                                                                           (140, 142, 138))]


def minaret(e, n, yaw=0.0):
    stone = (214, 204, 182)
    return [Box(e, n, 0, 2.2, 2.2, 15.0, yaw, stone), Box(e, n, 12.0, 3.0, 3.0, 0.5, yaw, (190, 180, 160)),
            Box(e, n, 15.0, 1.4, 1.4, 3.5, yaw, stone), Box(e, n, 18.5, 0.7, 0.7, 1.2, yaw, (150, 160, 150))]


def wall(e, n, yaw, length, height=2.3, colour=(176, 170, 158)):
    return [Box(e, n, 0, length, 0.4, height, yaw, colour)]


def signpost(e, n, yaw):
    return [Box(e, n, 4.3, 0.07, 1.5, 0.8, yaw, (92, 116, 136))]  # the plate; the pole itself is Shot.pole


def road(heading, d, r, bearing, width):
    """A straight road through the point (d ahead, r right), `bearing` degrees right of the camera's heading."""
    return (*ahead(heading, d, r), heading + bearing, width)


def _o1():
    h = 0.0
    return Shot("img03", 101, (34.55, 38.30), "2016-07-10T07:40+03:00", h, 560.0, 1.6, "FieldCam 7", True,
                ((146, 170, 196), (228, 214, 190)), (202, 176, 134), road(h, 0, 4.0, -10.0, 6.5),
                pickup(*ahead(h, 36.0, -3.4), h + 172.0), pole=ahead(h, 12.5, 6.0), shrubs=46, hills=(26.0, 12.0))


def _o2():
    h = 300.0
    lane = lambda s: ahead(h, 35.0 + 0.5 * s, -0.866 * s + 1.7)  # noqa: E731 - the road's near lane, s m along it
    return Shot("img05", 202, (35.33, 40.14), "2017-02-20T15:30+02:00", h, 600.0, 1.7, "RoadCam S2", True,
                ((138, 164, 194), (214, 210, 198)), (190, 170, 136), road(h, 35.0, 0.0, -60.0, 7.0),
                truck(*lane(-8.0), h - 60) + truck(*lane(3.5), h - 60) + truck(*lane(15.0), h - 60)
                + signpost(*ahead(h, 30.0, -10.0), h), pole=ahead(h, 30.0, -10.0), shrubs=36,
                hills=(30.0, 16.0))


def _o3():
    h = 125.0
    return Shot("img01", 303, (34.73, 36.71), "2016-11-05T11:45+02:00", h, 600.0, 1.6, "TownCam 3", False,
                ((130, 160, 198), (208, 212, 210)), (186, 168, 138), road(h, 0, -1.0, 12.0, 4.0),
                building(*ahead(h, 38.0, -14.0), h + 8, 12.0, 8.0, 6.2)
                + building(*ahead(h, 33.0, 4.0), h - 4, 9.0, 9.0, 3.4)
                + building(*ahead(h, 55.0, -2.0), h + 5, 14.0, 9.0, 9.3, (186, 178, 164))
                + building(*ahead(h, 48.0, 17.0), h - 10, 10.0, 8.0, 6.2, (206, 190, 162))
                + water_tower(*ahead(h, 46.0, 21.0))
                + wall(*ahead(h, 27.0, -13.0), h + 92, 14.0), shrubs=26, hills=(14.0, 6.0))


def _l1():
    h = 40.0
    return Shot("img02", 404, (34.89, 38.87), "2017-06-18T17:20+03:00", h, 600.0, 1.6, "FieldCam 5", True,
                ((156, 178, 200), (232, 216, 188)), (208, 184, 140), road(h, 0, -1.0, 25.0, 6.0),
                car(*ahead(h, 24.0, -2.5), h - 30), pole=ahead(h, 14.0, -6.0), shrubs=55, hills=(10.0, 26.0))


def _l2():
    h = 45.0
    trucks = dict(colour=(132, 128, 104), canvas=(104, 106, 88))
    return Shot("img07", 505, (35.02, 40.45), "2017-10-02T10:20+03:00", h, 520.0, 1.7, None, False,
                ((136, 166, 200), (218, 214, 200)), (196, 174, 130), road(h, 0, -3.0, 8.0, 7.5),
                truck(*ahead(h, 18.0, -1.6), h + 188, **trucks) + truck(*ahead(h, 32.0, 0.4), h + 188, **trucks)
                + car(*ahead(h, 15.0, -6.5), h + 20, (170, 160, 140)), shrubs=30, hills=(34.0, 8.0))


def _l3():
    h = 330.0
    return Shot("img10", 606, (35.15, 36.72), "2016-09-14T16:00+03:00", h, 640.0, 1.6, "TownCam 4", False,
                ((150, 174, 200), (224, 212, 192)), (194, 172, 136), None,
                building(*ahead(h, 36.0, -6.0), h + 80, 16.0, 9.0, 3.3, (212, 200, 176))
                + building(*ahead(h, 48.0, 14.0), h + 95, 12.0, 10.0, 6.4)
                + building(*ahead(h, 62.0, -22.0), h + 85, 10.0, 10.0, 9.4, (190, 176, 150))
                + minaret(*ahead(h, 58.0, -8.0), h)
                + wall(*ahead(h, 26.0, 9.0), h + 84, 16.0, 1.8, (182, 170, 150)), shrubs=44, hills=(18.0, 0.0))


SHOTS = [_o1(), _o2(), _o3(), _l1(), _l2(), _l3()]

# Re-posts, made from the originals' JPEG files. (id, original, edits)
REPOSTS = [
    ("img08", "img03", ["re-saved at JPEG quality 35", "metadata stripped"]),
    ("img04", "img03", ["mirrored left-right", "cropped to the central 85 % of its area", "resized back to 800 px wide",
                  "metadata stripped"]),
    ("img11", "img05", ["cropped to the central 90 % of its area", "recoloured (warmer, more contrast)",
                  "red 'BREAKING' banner added", "metadata stripped"]),
    ("img06", "img01", ["converted to grey", "re-saved at JPEG quality 60",
                  "metadata rewritten: capture date 2017:04:07 10:15:00 +03:00, Software 'PhotoFix 2.1'"]),
    ("img09", "img05", ["scaled to 50 %", "re-saved at JPEG quality 50", "metadata stripped"]),
]
CONTRADICTS = {"img08": ["date", "place"], "img04": ["date", "place"], "img11": ["date", "event"], "img06": ["date", "place"],
               "img09": []}

# The posts (what a student sees). Camera columns only where the view was geolocated (img03, img02).
POSTS = [
    ("img03", "@desert_watch_practice", "2016-07-10", "Morning on the road east of Palmyra.", "the road east of Palmyra",
     34.55, 38.30, "2016-07-10T07:40+03:00"),
    ("img08", "@frontline_now_practice", "2017-05-14", "Foreign troops' vehicle near al-Tanf this morning.", "al-Tanf",
     33.50, 38.62, "2017-05-14T08:00+03:00"),
    ("img04", "@syria_eye_practice", "2017-03-02", "Checkpoint west of Palmyra at sunset today.", "west of Palmyra",
     34.56, 37.30, "2017-03-02T18:00+02:00"),
    ("img05", "@euphrates_roads_practice", "2017-02-20", "Supply trucks near Deir ez-Zor this afternoon.",
     "near Deir ez-Zor", 35.33, 40.14, "2017-02-20T15:30+02:00"),
    ("img11", "@breaking_levant_practice", "2017-09-10",
     "BREAKING: the first convoy reaches Deir ez-Zor after the siege is broken.", "Deir ez-Zor", 35.33, 40.14, ""),
    ("img09", "@archive_desk_practice", "2017-06-01", "Archive photo: supply trucks near Deir ez-Zor, February 2017.",
     "near Deir ez-Zor", 35.33, 40.14, ""),
    ("img01", "@homs_daily_practice", "2016-11-05", "Homs outskirts today.", "outskirts of Homs", 34.73, 36.71, ""),
    ("img06", "@truth_today_practice", "2017-04-07", "Shelled district in Idlib this morning.", "Idlib", 35.93, 36.63,
     "2017-04-07T10:15+03:00"),
    ("img02", "@road_notes_practice", "2017-06-18", "Evening on the road near as-Sukhnah.", "near as-Sukhnah", 34.89,
     38.87, "2017-06-18T17:20+03:00"),
    ("img07", "@convoy_tracker_practice", "2017-10-02", "Aid trucks on the road to al-Mayadin this morning.",
     "road to al-Mayadin", 35.02, 40.45, "2017-10-02T10:20+03:00"),
    ("img10", "@hama_views_practice", "2017-07-20", "A quiet afternoon on the edge of Hama.", "edge of Hama", 35.15,
     36.72, ""),
]
ORIGINALS = {"img03", "img05", "img01"}  # the rest of SHOTS are look-alikes
GEOLOCATED = {"img03", "img02"}


# ---------------------------------------------------------------------------------------------------------------
# Drawing

def sun(place, when: str) -> tuple[float, float]:
    """The sun's azimuth and (refracted, as seen) elevation, degrees, by astral at a place and an ISO time."""
    from astral import Observer
    from astral.sun import azimuth, elevation

    observer, moment = Observer(*place), datetime.fromisoformat(when)
    return azimuth(observer, moment), elevation(observer, moment)


def _value_noise(table, x, y):
    """Smooth value noise on a 256x256 seeded lattice (hand-written: a few numpy lines; no noise library needed)."""
    x0, y0 = np.floor(x), np.floor(y)
    fx, fy = x - x0, y - y0
    fx, fy = fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)
    i, j = x0.astype(np.int64) & 255, y0.astype(np.int64) & 255
    i1, j1 = (i + 1) & 255, (j + 1) & 255
    a, b, c, d = table[j, i], table[j, i1], table[j1, i], table[j1, i1]
    return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy


def _octaves(table, x, y, footprint, scales):
    """Sum of noise octaves (scale in metres, amplitude); octaves finer than ~2 pixels fade out (no aliasing)."""
    total = np.zeros_like(x)
    for k, (scale, amp) in enumerate(scales):
        fade = np.clip(2.0 - 2.5 * footprint / scale, 0, 1)
        total += amp * fade * (_value_noise(table, x / scale + 31.7 * k, y / scale + 17.3 * k) - 0.5)
    return total


def _hull(points):
    """Convex hull of 2-D points (Andrew's monotone chain: ten lines, instead of a scipy dependency for this)."""
    pts = sorted(set(map(tuple, np.round(np.asarray(points, dtype=float), 9))))
    if len(pts) < 3:
        return pts

    def half(seq):
        out = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out[:-1]
    return half(pts) + half(pts[::-1])


def _shadow_offset(az, el):
    """Ground offset (east, north) of a point's shadow per metre of its height: away from the sun."""
    k = 1 / math.tan(math.radians(el))
    return -k * math.sin(math.radians(az)), -k * math.cos(math.radians(az))


CHUNK = 96  # rows drawn at a time


def _sky_rows(shot, cam, table, haze, r0, r1):
    ys, xs = np.mgrid[r0:r1, 0:W * SS].astype(np.float32) + np.float32(0.5)  # pixel centres
    t = (ys / cam.cy) ** 1.6
    cloud = (_value_noise(table, xs / (90 * SS), ys / (22 * SS) + 40.0)
             * _value_noise(table, xs / (40 * SS) + 9, ys / (9 * SS)))
    return (np.array(shot.sky[0])[None, None] * (1 - t[..., None]) + haze[None, None] * t[..., None]
            + 22 * np.clip(cloud - 0.35, 0, 1)[..., None] * (1 - t[..., None]))


def _ground_rows(shot, cam, table, haze, r0, r1):
    """Textured sand seen in perspective, a road, haze with distance."""
    gv, gu = (np.mgrid[r0:r1, 0:W * SS].astype(float) + 0.5).reshape(2, -1)
    east, north = (x.astype(np.float32) for x in cam.ground(gu, gv))
    dist = (cam.focal_px * cam.height_m / (gv - cam.cy)).astype(np.float32)
    footprint = dist * dist / (cam.focal_px * cam.height_m)  # metres per pixel, along the line of sight
    big = _octaves(table, east, north, footprint, ((40.0, 1.0), (12.0, 0.6)))
    fine = _octaves(table, east + 500, north, footprint, ((3.0, 0.5), (0.8, 0.45), (0.25, 0.35)))
    sand = np.array(shot.sand, dtype=float)
    rgb = sand[None] * (1 + 0.32 * big + 0.22 * fine)[:, None]
    gravel = np.clip((big - 0.12) * 6, 0, 1)[:, None]
    rgb = rgb * (1 - 0.35 * gravel) + np.array(_mix(shot.sand, (120, 112, 100), 0.6))[None] * 0.35 * gravel
    if shot.road:
        re, rn, bearing, width = shot.road
        b = math.radians(bearing)
        lat = (east - re) * math.cos(b) - (north - rn) * math.sin(b)
        along = (east - re) * math.sin(b) + (north - rn) * math.cos(b)
        lateral_fp = dist / cam.focal_px
        asphalt = np.array((118, 113, 106), dtype=float)[None] * (1 + 0.18 * fine + 0.1 * big)[:, None]
        edge = np.clip((np.abs(lat) - (width / 2 - 0.15)) / 0.3, 0, 1)[:, None]
        on = (np.abs(lat) < width / 2 + 0.15)[:, None]
        rgb = np.where(on, asphalt * (1 - edge) + rgb * edge, rgb)
        half = np.maximum(0.075, lateral_fp / 2)
        paint = (np.abs(lat) < half) & (np.mod(along, 10.0) < 4.0)
        alpha = (0.65 * np.minimum(1, 0.15 / lateral_fp) * paint)[:, None]
        rgb = rgb * (1 - alpha) + np.array((214, 208, 190))[None] * alpha
    mist = (1 - np.exp(-dist / 420.0))[:, None]
    return (rgb * (1 - mist) + haze[None] * mist).reshape(r1 - r0, W * SS, 3)



def render(shot: Shot):
    """The picture of a shot (an 800x533 RGB image) and the pole's pixels (file pixels) if it has one."""
    rng = np.random.default_rng(shot.seed)
    table = rng.random((256, 256)).astype(np.float32)  # float32 throughout: half the memory traffic
    az, el = sun(shot.place, shot.time)
    cam = Camera(shot.heading, shot.focal * SS, shot.height_m, W * SS, H * SS)
    haze = np.array(shot.sky[1], dtype=float)
    rows = int(cam.cy)  # rows 0..rows-1 are sky (their centres lie above the horizon), the rest ground
    img = np.zeros((H * SS, W * SS, 3), dtype=np.float32)

    # sky: a soft gradient with faint high cloud; then the ground. Both in bands of rows: small temporaries
    for r0 in range(0, rows, CHUNK):
        img[r0:min(rows, r0 + CHUNK)] = _sky_rows(shot, cam, table, haze, r0, min(rows, r0 + CHUNK))
    for r0 in range(rows, H * SS, CHUNK):
        img[r0:min(H * SS, r0 + CHUNK)] = _ground_rows(shot, cam, table, haze, r0, min(H * SS, r0 + CHUNK))
    xs = np.arange(W * SS, dtype=np.float32) + np.float32(0.5)

    # distant hills on the horizon: two ridges, hazy
    col = xs / SS
    for layer, (top, colour_t) in enumerate(((shot.hills[0], 0.55), (shot.hills[1], 0.35))):
        if top <= 0:
            continue
        y0 = rng.uniform(0, 200)
        ridge = (0.7 * _value_noise(table, col / rng.uniform(110, 190), y0 + 0 * col)
                 + 0.3 * _value_noise(table, col / 35.0, y0 + 50 + 0 * col))
        ridge = top * SS * np.clip(ridge * 2.0 - 0.6, 0, 1) + SS * 1.5
        colour = np.array(_mix(shot.sand, (120, 130, 150), 0.5))
        colour = colour * (1 - colour_t) + haze * colour_t + layer * np.array((6, 2, -4))
        first = max(0, int(cam.cy - ridge.max()) - 1)
        by, bx = np.mgrid[first:rows, 0:W * SS].astype(np.float32) + np.float32(0.5)
        band = by >= cam.cy - ridge[None, :]
        shade = 1 + 0.05 * (_value_noise(table, bx / (14 * SS) + 100 * (layer + 1), by / (5 * SS)) - 0.5)
        part = img[first:rows]
        part[band] = (colour[None, None] * shade[..., None])[band]

    # shadows on the ground, cast for the true sun: hull of each footprint and its top corners' shadows
    off = np.array(_shadow_offset(az, el))
    plants = _place_shrubs(shot, rng, cam, off)
    mask = Image.new("L", (W * SS, H * SS), 0)
    md = ImageDraw.Draw(mask)
    solids = list(shot.boxes) + ([Box(*shot.pole, 0, 0.3, 0.3, POLE_M, shot.heading, (158, 154, 144))]
                                 if shot.pole else [])
    for thing in solids + plants:
        md.polygon(_shadow_pixels(thing, cam, off), fill=255)
    shadow = np.asarray(mask.filter(ImageFilter.GaussianBlur(0.5 * SS)), dtype=float)[..., None] / 255
    img = img * (1 - shadow * (1 - np.array((0.52, 0.55, 0.64))[None, None]))

    # the solid things, far to near
    canvas = Image.fromarray(np.clip(img, 0, 255).round().astype(np.uint8))
    draw = ImageDraw.Draw(canvas)
    sun_vec = np.array([math.sin(math.radians(az)) * math.cos(math.radians(el)),
                        math.cos(math.radians(az)) * math.cos(math.radians(el)), math.sin(math.radians(el))])
    for thing in sorted(solids + plants, key=lambda s: -math.hypot(s.e, s.n)):
        if isinstance(thing, Shrub):
            _draw_shrub(draw, thing, cam, haze)
        else:
            _draw_box(draw, thing, cam, sun_vec, haze)
    picture = canvas.resize((W, H), Image.Resampling.LANCZOS)

    pole = None
    if shot.pole:
        small = Camera(shot.heading, shot.focal, shot.height_m, W, H)
        e, n = shot.pole
        pole = {"base": small.project((e, n, 0.0)), "top": small.project((e, n, POLE_M)),
                "tip": small.project((e + off[0] * POLE_M, n + off[1] * POLE_M, 0.0))}
        pole = {k: [round(x, 1) for x in v] for k, v in pole.items()}
    return picture, pole


def _place_shrubs(shot, rng, cam, off):
    """Low desert shrubs scattered on visible ground, off the road and away from the pole and its shadow."""
    out = []
    psi = math.radians(shot.heading)
    fwd, right = np.array((math.sin(psi), math.cos(psi))), np.array((math.cos(psi), -math.sin(psi)))
    keep_clear = []
    if shot.pole:
        p = np.array(shot.pole)
        keep_clear = [p + off * POLE_M * s for s in np.linspace(0, 1, 12)]
    while len(out) < shot.shrubs:
        d = 6 + 130 * rng.random() ** 1.7
        r = rng.uniform(-0.75, 0.75) * d
        e, n = fwd * d + right * r
        radius, height = rng.uniform(0.25, 0.7), rng.uniform(0.2, 0.55)
        if shot.road:
            re, rn, bearing, width = shot.road
            b = math.radians(bearing)
            if abs((e - re) * math.cos(b) - (n - rn) * math.sin(b)) < width / 2 + 1.2:
                continue
        if any(math.hypot(e - q[0], n - q[1]) < 2.5 for q in keep_clear):
            continue
        if any(math.hypot(e - box.e, n - box.n) < max(box.length, box.width) / 2 + 1.5 for box in shot.boxes):
            continue
        lobes = tuple((float(rng.uniform(-0.6, 0.6)), float(rng.uniform(-0.2, 0.3)), float(rng.uniform(0.45, 0.8)),
                       float(rng.uniform(0.8, 1.15))) for _ in range(int(rng.integers(3, 6))))
        out.append(Shrub(float(e), float(n), float(radius), float(height), lobes))
    return out


def _polygon(cam, points):
    u, v = cam.project(np.asarray(points, dtype=float))
    return [(float(a) - 0.5, float(b) - 0.5) for a, b in zip(u, v)]  # ImageDraw puts integer coordinates at centres


def _shadow_pixels(thing, cam, off):
    if isinstance(thing, Shrub):
        ring = [(thing.e + thing.radius * math.cos(t), thing.n + thing.radius * math.sin(t))
                for t in np.linspace(0, 2 * math.pi, 12, endpoint=False)]
        ground = ring + [(x + off[0] * thing.height, y + off[1] * thing.height) for x, y in ring]
    else:
        c = thing.corners()
        ground = [(x, y) for x, y, _ in c[:4]] + [(x + off[0] * z, y + off[1] * z) for x, y, z in c]
    hull = _hull(ground)
    return _polygon(cam, [(x, y, 0.0) for x, y in hull])


FACES = ((0, 1, 5, 4), (1, 2, 6, 5), (2, 3, 7, 6), (3, 0, 4, 7), (4, 5, 6, 7))  # four sides and the top


def _draw_box(draw, box: Box, cam, sun_vec, haze):
    c = box.corners()
    centre = c.mean(axis=0)
    eye = np.array((0.0, 0.0, cam.height_m))
    dist = math.hypot(box.e, box.n)
    mist = 1 - math.exp(-dist / 420.0)
    for face in FACES:
        p = c[list(face)]
        normal = np.cross(p[1] - p[0], p[3] - p[0])
        normal /= np.linalg.norm(normal)
        if np.dot(normal, p.mean(axis=0) - centre) < 0:
            normal = -normal
        if np.dot(eye - p.mean(axis=0), normal) <= 1e-9:
            continue
        light = 0.6 + 0.55 * max(0.0, float(np.dot(normal, sun_vec)))
        colour = _mix(tuple(min(255.0, x * light) for x in box.colour), haze, mist)
        edge = tuple(int(round(x * 0.8)) for x in colour)
        draw.polygon(_polygon(cam, p), fill=tuple(int(round(x)) for x in colour), outline=edge)
        if box.windows and face != FACES[-1]:
            _draw_windows(draw, box, p, cam, _mix(_mix((54, 52, 56), colour, 0.15), haze, mist))


def _draw_windows(draw, box, face, cam, colour):
    """Dark window rectangles on a wall: one row per 3-m storey, about one window per 3.2 m of wall."""
    bottom0, bottom1 = face[0], face[1]
    length = float(np.linalg.norm(bottom1[:2] - bottom0[:2]))
    along = (bottom1 - bottom0) / length
    floors = max(1, int(box.height // 3))
    count = max(1, int(length // 3.2))
    fill = tuple(int(round(x)) for x in colour)
    for floor in range(floors):
        z0 = box.z0 + 3.0 * floor + 1.0
        for k in range(count):
            s = (k + 0.5) * length / count
            corners = []
            for ds, dz in ((-0.5, 0), (0.5, 0), (0.5, 1.2), (-0.5, 1.2)):
                p = bottom0 + along * (s + ds * (0.9 if length > 4 else 0.6))
                corners.append((p[0], p[1], z0 + dz))
            draw.polygon(_polygon(cam, corners), fill=fill)


def _draw_shrub(draw, shrub: Shrub, cam, haze):
    """A low bush: a few overlapping dull-green clumps, hazed with distance."""
    d = math.hypot(shrub.e, shrub.n)
    u, v = cam.project((shrub.e, shrub.n, shrub.height / 2))
    rx, ry = shrub.radius * cam.focal_px / d, max(0.6, shrub.height / 2 * cam.focal_px / d)
    mist = 1 - math.exp(-d / 420.0)
    for dx, dy, size, tone in shrub.lobes:
        colour = _mix(tuple(x * tone for x in (112, 106, 76)), haze, mist)
        cu, cv = u + dx * rx, v - dy * ry
        draw.ellipse((cu - size * rx - 0.5, cv - size * ry * 1.3 - 0.5, cu + size * rx - 0.5, cv + size * ry - 0.5),
                     fill=tuple(int(round(x)) for x in colour))


# ---------------------------------------------------------------------------------------------------------------
# Files

def _dms(value: float):
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60 * 100)
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 100)


def exif_for(shot: Shot) -> Image.Exif | None:
    """The EXIF a camera would write: capture time and offset, make and model, 35-mm focal length, GPS if on."""
    if shot.model is None:
        return None
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = MAKE
    exif[ExifTags.Base.Model] = shot.model
    exif[ExifTags.Base.ImageDescription] = DESCRIPTION
    when = datetime.fromisoformat(shot.time)
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    sub[ExifTags.Base.DateTimeOriginal] = when.strftime("%Y:%m:%d %H:%M:%S")
    sub[ExifTags.Base.OffsetTimeOriginal] = when.strftime("%z")[:3] + ":" + when.strftime("%z")[3:]
    sub[ExifTags.Base.FocalLengthIn35mmFilm] = round(shot.focal * 36 / W)  # a 36-mm-wide 3:2 frame
    if shot.gps:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        lat, lon = shot.place
        gps[ExifTags.GPS.GPSLatitudeRef] = "N" if lat >= 0 else "S"
        gps[ExifTags.GPS.GPSLatitude] = _dms(lat)
        gps[ExifTags.GPS.GPSLongitudeRef] = "E" if lon >= 0 else "W"
        gps[ExifTags.GPS.GPSLongitude] = _dms(lon)
        gps[ExifTags.GPS.GPSImgDirectionRef] = "T"
        gps[ExifTags.GPS.GPSImgDirection] = IFDRational(round(shot.heading * 100), 100)
    return exif


def _jpeg(picture: Image.Image, quality: int, exif: Image.Exif | None = None) -> bytes:
    buffer = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    picture.save(buffer, "JPEG", quality=quality, **options)
    return buffer.getvalue()


def _open(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def _central_crop(picture: Image.Image, area: float):
    """The centre of a picture keeping `area` of its surface (each side scaled by its square root)."""
    w, h = picture.size
    cw, ch = round(w * math.sqrt(area)), round(h * math.sqrt(area))
    left, top = (w - cw) // 2, (h - ch) // 2
    return picture.crop((left, top, left + cw, top + ch)), left, top


def make_repost(post: str, original: bytes, original_exif: Image.Exif | None) -> tuple[bytes, dict]:
    """A re-post's file from its original's file, and how pixel (x, y) of the original maps into it."""
    picture = _open(original).convert("RGB")
    if post == "img08":
        return _jpeg(picture, 35), {"mirror": False, "left": 0, "top": 0, "sx": 1.0, "sy": 1.0}
    if post == "img04":
        mirrored = picture.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        crop, left, top = _central_crop(mirrored, 0.85)
        out = crop.resize((W, round(crop.height * W / crop.width)), Image.Resampling.LANCZOS)
        return _jpeg(out, 80), {"mirror": True, "left": left, "top": top, "sx": out.width / crop.width,
                                "sy": out.height / crop.height}
    if post == "img11":
        crop, left, top = _central_crop(picture, 0.90)  # 0.80 of the area: 18 bits (DATASHEET)
        crop = ImageEnhance.Contrast(crop).enhance(1.35)
        warm = np.asarray(crop, dtype=float) * np.array((1.10, 1.0, 0.84))[None, None] + np.array((8, 2, -6))
        crop = Image.fromarray(np.clip(warm, 0, 255).round().astype(np.uint8))
        draw = ImageDraw.Draw(crop)
        font = ImageFont.load_default(size=30)
        box = draw.textbbox((0, 0), "BREAKING", font=font)
        draw.rectangle((14, 14, 14 + box[2] + 28, 14 + box[3] + 18), fill=(196, 22, 28))
        draw.text((28, 22), "BREAKING", font=font, fill=(255, 255, 255))
        return _jpeg(crop, 82), {"mirror": False, "left": left, "top": top, "sx": 1.0, "sy": 1.0}
    if post == "img06":
        exif = Image.Exif()
        for tag, value in original_exif.items():
            if tag not in (ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo):
                exif[tag] = value
        exif[ExifTags.Base.Software] = "PhotoFix 2.1"  # invented
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        sub.update(original_exif.get_ifd(ExifTags.IFD.Exif))
        sub[ExifTags.Base.DateTimeOriginal] = "2017:04:07 10:15:00"
        sub[ExifTags.Base.OffsetTimeOriginal] = "+03:00"
        return _jpeg(picture.convert("L"), 60, exif), {"mirror": False, "left": 0, "top": 0, "sx": 1.0, "sy": 1.0}
    if post == "img09":
        out = picture.resize((W // 2, round(H / 2)), Image.Resampling.LANCZOS)
        return _jpeg(out, 50), {"mirror": False, "left": 0, "top": 0, "sx": out.width / W, "sy": out.height / H}
    raise ValueError(post)


def _map_pixel(point, how, size):
    x, y = point
    if how["mirror"]:
        x = W - x
    x, y = (x - how["left"]) * how["sx"], (y - how["top"]) * how["sy"]
    return [round(x, 1), round(y, 1)] if 0 <= x <= size[0] and 0 <= y <= size[1] else None


def phash(data: bytes):
    import imagehash

    return imagehash.phash(_open(data), hash_size=8)


def hash_distance(a: bytes, b: bytes) -> int:
    """Bits between two files' perceptual hashes, the smaller of a against b and a's mirror image against b."""
    import imagehash

    mirrored = _open(a).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    pb = phash(b)
    return min(phash(a) - pb, imagehash.phash(mirrored, hash_size=8) - pb)


def build_files() -> dict[str, bytes]:
    """Every file of the archive, by path relative to datasets/, in memory."""
    files, truth, originals, cameras, exifs = {}, {}, {}, {}, {}
    for shot in SHOTS:
        picture, pole = render(shot)
        exif = exif_for(shot)
        data = _jpeg(picture, QUALITY, exif)
        files[f"images/{shot.id}.jpg"] = originals[shot.id] = data
        exifs[shot.id] = exif
        az, el = sun(shot.place, shot.time)
        cameras[shot.id] = {"heading_deg": shot.heading, "focal_px": shot.focal, "height_m": shot.height_m,
                            "width": W, "height": H}
        truth[shot.id] = {"id": shot.id, "kind": "original" if shot.id in ORIGINALS else "lookalike",
                          "copy_of": None, "edits": [], "true_place": list(shot.place), "true_time": shot.time,
                          "sun": [round(az, 2), round(el, 2)], "camera": cameras[shot.id], "pole": pole,
                          "exif": _exif_summary(exif, shot), "hash_distance_to_original": None, "contradicts": []}
    for post, original, edits in REPOSTS:
        data, how = make_repost(post, originals[original], exifs[original])
        files[f"images/{post}.jpg"] = data
        size = _open(data).size
        base = truth[original]
        pole = None
        if base["pole"]:
            mapped = {k: _map_pixel(v, how, size) for k, v in base["pole"].items()}
            pole = mapped if all(mapped.values()) else None
        camera = None
        if not how["mirror"]:  # a crop or a uniform scale keeps a centred pinhole camera; a mirror image does not
            c = cameras[original]
            camera = {"heading_deg": c["heading_deg"], "focal_px": round(c["focal_px"] * how["sx"], 3),
                      "height_m": c["height_m"], "width": size[0], "height": size[1]}
        truth[post] = {"id": post, "kind": "repost", "copy_of": original, "edits": edits,
                       "true_place": base["true_place"], "true_time": base["true_time"], "sun": base["sun"],
                       "camera": camera, "pole": pole, "exif": None,
                       "hash_distance_to_original": int(hash_distance(data, originals[original])),
                       "contradicts": CONTRADICTS[post]}
    files["images/archive.csv"] = _archive_csv()
    files["images/README.md"] = README.encode("utf-8")
    order = [p[0] for p in sorted(POSTS, key=lambda p: (p[2], p[0]))]
    files["annotations/images.jsonl"] = "".join(json.dumps(truth[i], ensure_ascii=False) + "\n"
                                                for i in order).encode("utf-8")
    return files


def _exif_summary(exif, shot) -> dict | None:
    if exif is None:
        return None
    return {"DateTimeOriginal": exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal],
            "camera": f"{MAKE} {shot.model}", "gps": list(shot.place) if shot.gps else None}


def _archive_csv() -> bytes:
    shots = {s.id: s for s in SHOTS}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(ARCHIVE_COLUMNS)
    for post, by, on, caption, place, lat, lon, when in sorted(POSTS, key=lambda p: (p[2], p[0])):  # by date
        camera = ["", "", ""]
        if post in GEOLOCATED:
            s = shots[post]
            camera = [f"{s.heading:g}", f"{s.focal:g}", f"{s.height_m:g}"]
        writer.writerow([post, f"{post}.jpg", by, on, caption, place, f"{lat:.2f}", f"{lon:.2f}", when, *camera])
    return buffer.getvalue().encode("utf-8")


def write(files: dict[str, bytes], out: Path) -> None:
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def same_file(name: str, fresh: bytes, committed: bytes) -> bool:
    """Text files must match byte for byte. A JPEG matches if its bytes do, or, should another libjpeg encode a
    little differently, if its perceptual hash, size, metadata and pixels (mean difference under 1 level) do."""
    if fresh == committed:
        return True
    if not name.endswith(".jpg"):
        return False
    a, b = _open(fresh), _open(committed)
    if (a.size != b.size or a.mode != b.mode or dict(a.getexif()) != dict(b.getexif())
            or phash(fresh) != phash(committed)):
        return False
    return float(np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float)).mean()) < 1.0


def differences(out: Path = DATASETS, files: dict[str, bytes] | None = None) -> list[str]:
    """The archive's files under `out` that are missing or differ from a fresh build."""
    files = build_files() if files is None else files
    bad = []
    for name, data in files.items():
        path = out / name
        if not path.exists():
            bad.append(f"{name} (missing)")
        elif not same_file(name, data, path.read_bytes()):
            bad.append(f"{name} (differs)")
    return bad


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ from a fresh build")
    parser.add_argument("--out", type=Path, default=DATASETS, help="the datasets folder to write into (default: the "
                        "repository's)")
    args = parser.parse_args(argv)
    if args.check:
        bad = differences(args.out)
        for name in bad:
            print(f"not up to date: {name}")
        if bad:
            print("Rebuild with: python datasets/tools/build_image_archive.py")
        return 1 if bad else 0
    files = build_files()
    write(files, args.out)
    print(f"wrote {len(files)} files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
