"""Lesson 03's picture archive (datasets/images, built by datasets/tools/build_image_archive.py; its truth in
datasets/annotations/images.jsonl) and medialit.images: the build is deterministic and committed, the files carry the
metadata the truth says, perceptual hashes separate copies from look-alikes at SAME_PICTURE_BITS, and the camera model
turns the drawn pole's pixels back into the sun that cast its shadow."""

from __future__ import annotations

import csv
import importlib.util
import itertools
import json
import math
import re
import shutil
import sys

import numpy as np
import pandas as pd
import pytest
from PIL import ExifTags, Image

import kit
import medialit as ml
from medialit import images
from medialit.errors import DataError, MediaLitError

DATASETS = kit.ROOT / "datasets"
IDS = ("img03", "img05", "img01", "img08", "img04", "img11", "img06", "img09", "img02", "img07", "img10")
# the largest change of the sun from a shadow when each of the six mark coordinates moves by up to 3 px (all
# 3**6 combinations of -3, 0, +3), measured on the drawn poles; DATASHEET.md states the same numbers
SENSITIVITY_3PX = {"img03": (4.1, 0.9), "img02": (8.2, 3.0)}  # degrees: azimuth, elevation


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location("build_image_archive",
                                                  DATASETS / "tools" / "build_image_archive.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh(builder):
    return builder.build_files()


@pytest.fixture(scope="module")
def truth():
    lines = (DATASETS / "annotations" / "images.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


_DISTANCES: dict = {}


def _distance(builder, a, b):
    """Bits between post a (or its mirror image) and post b, measured once per pair."""
    if (a, b) not in _DISTANCES:
        _DISTANCES[a, b] = builder.hash_distance(ml.image_path(a).read_bytes(), ml.image_path(b).read_bytes())
    return _DISTANCES[a, b]


def _exif(image_id):
    with Image.open(ml.image_path(image_id)) as picture:
        exif = picture.getexif()
    return exif, exif.get_ifd(ExifTags.IFD.Exif), exif.get_ifd(ExifTags.IFD.GPSInfo)


def _degrees(gps, tag, ref):
    value = sum(float(x) / 60 ** k for k, x in enumerate(gps[tag]))
    return -value if gps[ref] in ("S", "W") else value


# -- the build --------------------------------------------------------------------------------------------------------
def test_two_builds_into_two_folders_give_identical_bytes(builder, fresh, tmp_path):
    builder.write(fresh, tmp_path / "a")
    assert builder.main(["--out", str(tmp_path / "b")]) == 0
    for name in fresh:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_committed_archive_is_a_fresh_build(builder, fresh):
    assert builder.differences(DATASETS, fresh) == []
    for name, data in fresh.items():
        committed = (DATASETS / name).read_bytes()
        if name.endswith(".jpg"):  # the same picture even if another libjpeg encoded it: equal perceptual hashes
            assert builder.phash(committed) == builder.phash(data), name
        else:
            assert committed == data, name


def test_check_names_a_file_that_differs(builder, fresh, tmp_path):
    builder.write(fresh, tmp_path)
    path = tmp_path / "images" / "archive.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Homs outskirts", "Idlib outskirts"), encoding="utf-8")
    picture = Image.open(tmp_path / "images" / "img05.jpg").transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    picture.save(tmp_path / "images" / "img05.jpg", quality=90)
    assert builder.differences(tmp_path, fresh) == ["images/img05.jpg (differs)", "images/archive.csv (differs)"]


def test_the_folder_is_small_under_2_mb():
    assert sum(p.stat().st_size for p in (DATASETS / "images").iterdir()) < 2_000_000


def test_every_post_has_its_truth_and_the_briefed_relations(truth):
    posts = ml.load_archive()
    assert sorted(posts["id"]) == sorted(IDS) == sorted(truth)
    assert list(posts["posted_on"]) == sorted(posts["posted_on"])  # listed by date, not grouped by picture
    kinds = {i: truth[i]["kind"] for i in IDS}
    assert kinds == {**{i: "original" for i in ("img03", "img05", "img01")},
                     **{i: "repost" for i in ("img08", "img04", "img11", "img06", "img09")},
                     **{i: "lookalike" for i in ("img02", "img07", "img10")}}
    assert {i: truth[i]["copy_of"] for i in IDS if truth[i]["copy_of"]} == {
        "img08": "img03", "img04": "img03", "img11": "img05", "img06": "img01", "img09": "img05"}
    assert {i: truth[i]["contradicts"] for i in IDS if kinds[i] == "repost"} == {
        "img08": ["date", "place"], "img04": ["date", "place"], "img11": ["date", "event"], "img06": ["date", "place"],
        "img09": []}
    for i in IDS:
        if truth[i]["copy_of"]:
            original = truth[truth[i]["copy_of"]]
            assert truth[i]["true_time"] == original["true_time"] and truth[i]["sun"] == original["sun"]
            on = dict(zip(posts["id"], posts["posted_on"]))
            assert on[truth[i]["copy_of"]] < on[i]  # the original was posted first


def test_the_truths_sun_is_astrals_at_the_true_place_and_time_within_0_01_deg(builder, truth):
    for i in IDS:
        az, el = builder.sun(truth[i]["true_place"], truth[i]["true_time"])
        assert truth[i]["sun"] == pytest.approx([az, el], abs=0.01), i


# -- metadata ---------------------------------------------------------------------------------------------------------
def test_o1_carries_its_capture_time_camera_position_and_heading(truth):
    exif, shot, gps = _exif("img03")
    assert shot[ExifTags.Base.DateTimeOriginal] == "2016:07:10 07:40:00"
    assert shot[ExifTags.Base.OffsetTimeOriginal] == "+03:00"
    assert exif[ExifTags.Base.Make] == "Practice Camera Co." and exif[ExifTags.Base.Model]
    assert "depicts no real event" in exif[ExifTags.Base.ImageDescription]
    lat = _degrees(gps, ExifTags.GPS.GPSLatitude, ExifTags.GPS.GPSLatitudeRef)
    lon = _degrees(gps, ExifTags.GPS.GPSLongitude, ExifTags.GPS.GPSLongitudeRef)
    assert [lat, lon] == pytest.approx(truth["img03"]["true_place"], abs=1e-4)
    assert float(gps[ExifTags.GPS.GPSImgDirection]) == truth["img03"]["camera"]["heading_deg"]
    assert gps[ExifTags.GPS.GPSImgDirectionRef] == "T"
    assert shot[ExifTags.Base.FocalLengthIn35mmFilm] == round(truth["img03"]["camera"]["focal_px"] * 36 / 800)


def test_o3_has_a_date_and_a_camera_but_no_position():
    exif, shot, gps = _exif("img01")
    assert shot[ExifTags.Base.DateTimeOriginal] == "2016:11:05 11:45:00" and exif[ExifTags.Base.Model]
    assert not gps and ExifTags.IFD.GPSInfo not in exif


@pytest.mark.parametrize("image_id", ["img08", "img04", "img11", "img09", "img07"])
def test_stripped_posts_carry_no_exif(image_id):
    exif, _, _ = _exif(image_id)
    assert len(exif) == 0


def test_r4s_date_was_rewritten_by_an_editor_and_its_camera_kept():
    exif, shot, gps = _exif("img06")
    original, _, _ = _exif("img01")
    assert shot[ExifTags.Base.DateTimeOriginal] == "2017:04:07 10:15:00"
    assert shot[ExifTags.Base.OffsetTimeOriginal] == "+03:00"
    assert exif[ExifTags.Base.Software] == "PhotoFix 2.1"
    assert (exif[ExifTags.Base.Make], exif[ExifTags.Base.Model]) == (original[ExifTags.Base.Make],
                                                                      original[ExifTags.Base.Model])
    assert not gps
    with Image.open(ml.image_path("img06")) as picture:
        assert picture.mode == "L"


def test_the_look_alikes_have_their_own_metadata(truth):
    exif, shot, gps = _exif("img02")
    assert shot[ExifTags.Base.DateTimeOriginal] == "2017:06:18 17:20:00" and gps
    exif, shot, gps = _exif("img10")
    assert shot[ExifTags.Base.DateTimeOriginal] and exif[ExifTags.Base.Model] and not gps


# -- perceptual hashes ------------------------------------------------------------------------------------------------
def _pairs(truth):
    picture = {i: truth[i]["copy_of"] or i for i in IDS}
    same = [(a, b) for a, b in itertools.combinations(IDS, 2) if picture[a] == picture[b]]
    other = [(a, b) for a, b in itertools.combinations(IDS, 2) if picture[a] != picture[b]]
    return same, other


def test_every_repost_is_within_the_threshold_of_its_original_and_of_its_other_copies(builder, truth):
    same, _ = _pairs(truth)
    assert len(same) == 7  # o1-r1, o1-r2, r1-r2, o2-r3, o2-r5, r3-r5, o3-r4
    far = {pair: _distance(builder, *pair) for pair in same if _distance(builder, *pair) > images.SAME_PICTURE_BITS}
    assert not far, f"copies further apart than {images.SAME_PICTURE_BITS} bits: {far}"
    for i in IDS:
        if truth[i]["copy_of"]:
            assert truth[i]["hash_distance_to_original"] == _distance(builder, i, truth[i]["copy_of"])


def test_no_two_different_pictures_are_within_the_threshold(builder, truth):
    _, other = _pairs(truth)
    near = {pair: d for pair in other if (d := min(_distance(builder, *pair), _distance(builder, *pair[::-1])))
            <= images.SAME_PICTURE_BITS}
    assert not near, f"different pictures within {images.SAME_PICTURE_BITS} bits: {near}"


def test_the_datasheet_states_the_measured_hash_margin(builder, truth):
    same, other = _pairs(truth)
    largest = max(_distance(builder, *pair) for pair in same)
    smallest = min(min(_distance(builder, *p), _distance(builder, *p[::-1])) for p in other)
    text = (DATASETS / "DATASHEET.md").read_text(encoding="utf-8")
    section = text[text.index("## The image archive (lesson 03)"):]
    stated = re.search(r"largest distance between copies: (\d+) bits; smallest between different pictures: "
                       r"(\d+) bits; threshold (\d+) bits", section)
    assert stated, "DATASHEET.md's image-archive section must state the measured distances"
    assert tuple(map(int, stated.groups())) == (largest, smallest, images.SAME_PICTURE_BITS)
    assert largest < images.SAME_PICTURE_BITS < smallest


# -- the camera -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("heading", [0.0, 37.5, 125.0, 300.0])
def test_ground_points_round_trip_through_the_picture_to_1e_6_m(heading):
    cam = images.Camera(heading, 560.0, 1.6, 800, 533)
    rng = np.random.default_rng(18)
    d, r = rng.uniform(3, 200, 50), rng.uniform(-0.6, 0.6, 50)
    psi = math.radians(heading)
    east, north = d * math.sin(psi) + r * d * math.cos(psi), d * math.cos(psi) - r * d * math.sin(psi)
    u, v = cam.project(np.column_stack([east, north, np.zeros_like(d)]))
    back_east, back_north = cam.ground(u, v)
    assert np.max(np.abs(back_east - east)) < 1e-6 and np.max(np.abs(back_north - north)) < 1e-6
    one = cam.ground(*cam.project((east[0], north[0], 0.0)))
    assert one == pytest.approx((east[0], north[0]), abs=1e-6)


def test_a_pixel_on_or_above_the_horizon_has_no_ground_point():
    cam = ml.camera("img03")
    with pytest.raises(MediaLitError, match=r"not below the horizon \(row 266.5\)"):
        cam.ground(100, 200)
    with pytest.raises(MediaLitError, match="behind the camera"):
        cam.project((0.0, -5.0, 0.0))


@pytest.mark.parametrize("image_id", ["img03", "img02"])
def test_the_drawn_pole_gives_back_astrals_sun_within_0_5_deg(truth, image_id):
    pole = truth[image_id]["pole"]
    az, el = ml.camera(image_id).sun_from_shadow(pole["base"], pole["top"], pole["tip"])
    want_az, want_el = truth[image_id]["sun"]
    assert abs((az - want_az + 180) % 360 - 180) < 0.5 and abs(el - want_el) < 0.5


def test_o1s_pole_can_be_clicked_base_top_and_tip_in_frame_shadow_at_least_80_px(truth):
    pole, cam = truth["img03"]["pole"], ml.camera("img03")
    for name in ("base", "top", "tip"):
        x, y = pole[name]
        assert 20 <= x <= cam.width - 20 and 20 <= y <= cam.height - 20, name
    assert pole["base"][1] > cam.cy + 30 and pole["tip"][1] > cam.cy + 30
    assert math.dist(pole["base"], pole["tip"]) >= 80


@pytest.mark.parametrize("image_id", ["img03", "img02"])
def test_marks_off_by_3_px_move_the_sun_by_at_most_the_stated_degrees(truth, image_id):
    pole, cam = truth[image_id]["pole"], ml.camera(image_id)
    az0, el0 = cam.sun_from_shadow(pole["base"], pole["top"], pole["tip"])
    worst_az = worst_el = 0.0
    for d in itertools.product((-3, 0, 3), repeat=6):
        marks = [(pole[k][0] + d[2 * n], pole[k][1] + d[2 * n + 1]) for n, k in enumerate(("base", "top", "tip"))]
        az, el = cam.sun_from_shadow(*marks)
        worst_az, worst_el = max(worst_az, abs((az - az0 + 180) % 360 - 180)), max(worst_el, abs(el - el0))
    assert (round(worst_az, 1), round(worst_el, 1)) == SENSITIVITY_3PX[image_id]


def test_the_camera_is_known_only_where_the_view_was_geolocated():
    assert ml.camera("img02") == images.Camera(40.0, 600.0, 1.6, 800, 533)
    with pytest.raises(MediaLitError, match="camera of post 'img08' is not known"):
        ml.camera("img08")
    with pytest.raises(MediaLitError, match="no post 'x9'.*img03"):
        ml.image_path("x9")


def test_sun_from_shadow_refuses_marks_that_are_not_a_pole():
    cam = ml.camera("img03")
    with pytest.raises(MediaLitError, match="top must be above the base"):
        cam.sun_from_shadow((400, 400), (400, 450), (300, 400))
    with pytest.raises(MediaLitError, match=r"tip must be a pixel \(x, y\)"):
        cam.sun_from_shadow((400, 400), (400, 100), "here")


# -- loading and showing ----------------------------------------------------------------------------------------------
def test_the_archive_loads_with_the_camera_only_for_geolocated_views():
    posts = ml.load_archive().set_index("id")
    assert list(posts.columns) == list(images.ARCHIVE_COLUMNS[1:])
    known = set(posts.index[posts["heading_deg"].notna()])
    assert known == {"img03", "img02"}
    assert pd.isna(posts.loc["img11", "claimed_time"]) and posts.loc["img03", "claimed_lat"] == 34.55
    assert all(ml.image_path(i).is_file() for i in posts.index)


def test_the_public_module_holds_no_answer():
    source = (kit.ROOT / "src" / "medialit" / "images.py").read_text(encoding="utf-8")
    for word in ("copy_of", "lookalike", "true_time", "images.jsonl", '"annotations"'):
        assert word not in source, word


@pytest.fixture
def broken_copy(tmp_path, monkeypatch):
    """A datasets folder whose archive.csv a test can break (corpus/ linked so the kit accepts the folder)."""
    (tmp_path / "corpus").symlink_to(DATASETS / "corpus")
    shutil.copytree(DATASETS / "images", tmp_path / "images")
    monkeypatch.setenv("MEDIALIT_DATA", str(tmp_path))
    path = tmp_path / "images" / "archive.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def write(line: int, **changes):
        rows[line - 2].update(changes)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=images.ARCHIVE_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return write


@pytest.mark.parametrize("field, value, message", [
    ("posted_on", "10 July 2016", "expected an ISO date"),
    ("claimed_lat", "north", "expected a number"),
    ("claimed_lat", "134.5", "outside -90..90"),
    ("claimed_time", "2016-07-10T07:40", "with its UTC offset"),
    ("focal_px", "", "a known camera needs all of"),
    ("file", "../o1.jpg", "expected a .jpg file name"),
    ("id", "", "expected a new, non-empty id"),
])
def test_a_bad_row_names_the_file_line_and_field(broken_copy, field, value, message):
    broken_copy(2, **{field: value})
    with pytest.raises(DataError, match=rf"archive\.csv, line 2: field '{field}': .*{message}"):
        ml.load_archive()


def test_a_missing_column_is_named(broken_copy, tmp_path):
    path = tmp_path / "images" / "archive.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("caption,", "text,", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"archive\.csv, line 1: field 'caption': column is missing"):
        ml.load_archive()


def test_the_gallery_gives_each_picture_its_alt_text_and_caption():
    shown = ml.show_images(["img03", "img11"], width=200).data
    posts = ml.load_archive().set_index("id")
    for i in ("img03", "img11"):
        alt = f"Constructed practice image {i}: {posts.loc[i, 'caption']}"
        assert f"alt='{alt}'" in shown.replace("&#x27;", "'")
        assert f"<b>{i}</b>" in shown
    assert shown.count("<img ") == 2 and "width='200'" in shown
