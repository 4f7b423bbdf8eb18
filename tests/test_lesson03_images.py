"""Lesson 03's picture checks (3.14-3.22, issue #18): each key against the archive's truth
(datasets/annotations/images.jsonl) and the files themselves, not against copied literals. The solution's way of
answering scores full; "flag everything", "trust everything" and plausible wrong answers do not; the notebook shows
the statements the grader scores."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

import kit
import medialit as ml
from medialit import display_order
from medialit_grader import exercises as ex
from medialit_grader.lessons import lesson03 as l03


def _score(exercise_id, answer) -> float:
    exercise = ex.by_id(exercise_id)
    if isinstance(exercise.answer, ex.Widget):
        answer = {q: answer.get(q) for q in exercise.answer.questions}
    return ex.score(exercise, {"answer": answer}).points


def _full(exercise_id) -> float:
    return ex.by_id(exercise_id).points


@pytest.fixture(scope="module")
def literals():
    return kit.notebook_literals("03-footage")


@pytest.fixture(scope="module")
def truth():
    return l03._truth()


@pytest.fixture(scope="module")
def archive():
    return ml.load_archive().set_index("id")


def test_the_notebook_shows_the_statements_the_grader_scores(literals):
    for name, true in (("METADATA_STATEMENTS", l03.METADATA_TRUE), ("COPY_STATEMENTS", l03.COPY_TRUE),
                       ("CORPUS_STATEMENTS", l03.CORPUS_TRUE)):
        shown = literals[name]
        assert set(true) < set(shown), name
        assert 3 <= len(set(shown) - set(true)), f"{name}: a judgement needs statements that are fine to leave"


# -- 3.14 the files' metadata ------------------------------------------------------------------------------------
def test_3_14_the_key_reads_what_the_builder_wrote(truth):
    key = l03._facts_key()
    assert set(key) == set(truth)
    with_gps = {image for image, facts in key.items() if facts["gps"]}
    stripped = {image for image, facts in key.items() if not any(facts.values())}
    assert with_gps and stripped and with_gps.isdisjoint(stripped)
    # every re-post the builder stripped carries nothing; a file with no GPS is not a stripped file
    for image, row in truth.items():
        if "strip" in " ".join(row.get("edits", [])):
            assert image in stripped, image


def test_3_14_right_and_wrong_facts():
    key = l03._facts_key()
    assert _score("3.14", key) == _full("3.14")
    as_tuples = {image: {**facts, "gps": tuple(facts["gps"]) if facts["gps"] else None} for image, facts in key.items()}
    assert _score("3.14", json.loads(json.dumps(as_tuples))) == _full("3.14")
    # the classic slip: the reference letter ignored (here on every file with a position)
    unsigned = {image: {**facts, "gps": [abs(x) for x in facts["gps"]] if facts["gps"] else None}
                for image, facts in key.items()}
    flipped = {image: {**facts, "gps": [-x for x in facts["gps"]] if facts["gps"] else None}
               for image, facts in key.items()}
    assert _score("3.14", flipped) < _full("3.14")
    assert _score("3.14", unsigned) in (0, _full("3.14"))  # Syria is north and east: the letter changes nothing
    # minutes read as a decimal fraction of a degree: wrong positions everywhere
    nothing = {image: {"taken": None, "camera": None, "gps": None} for image in key}
    assert _score("3.14", nothing) == 0


# -- 3.15 what the metadata shows ---------------------------------------------------------------------------------
def test_3_15_the_true_statements_hold_on_the_files(truth, archive):
    key = l03._facts_key()
    stripped = sorted(image for image, facts in key.items() if not any(facts.values()))
    reposts_stripped = [image for image in stripped if truth[image]["kind"] == "repost"]
    assert len(reposts_stripped) == 4, reposts_stripped                       # "Four of the re-posted pictures"
    assert key["img03"]["taken"] and key["img03"]["camera"] and key["img03"]["gps"]
    assert abs(key["img03"]["gps"][0] - archive.loc["img03", "claimed_lat"]) < 0.01
    assert key["img01"]["taken"] and key["img01"]["camera"] and key["img01"]["gps"] is None
    assert key["img06"]["taken"].startswith(archive.loc["img06", "claimed_time"][:10].replace("-", ":"))
    from PIL import ExifTags, Image

    with Image.open(ml.image_path("img06")) as picture:
        assert picture.getexif().get(ExifTags.Base.Software)                 # "the file names a photo editor"
    assert truth["img06"]["kind"] == "repost"                                 # and the date was indeed rewritten
    assert key["img07"] == {"taken": None, "camera": None, "gps": None} and truth["img07"]["kind"] == "lookalike"


def test_3_15_3_18_3_22_flag_all_and_trust_all_fail(literals):
    for eid, name in (("3.15", "METADATA_STATEMENTS"), ("3.18", "COPY_STATEMENTS"), ("3.22", "CORPUS_STATEMENTS")):
        shown = literals[name]
        true = ex.by_id(eid).the_key()
        assert _score(eid, {eid: list(true)}) == _full(eid)
        assert _score(eid, {eid: list(shown)}) == 0, f"{eid}: ticking everything passes"
        assert _score(eid, {eid: list(true)[:1]}) == 0, f"{eid}: ticking one true statement passes"
        one_slip = list(true)[:-1]
        assert _score(eid, {eid: one_slip}) == _full(eid), f"{eid}: one statement missed should still pass"


# -- 3.16 / 3.17 earlier copies -------------------------------------------------------------------------------------
def test_3_16_the_key_follows_the_builder_and_dates(truth, archive):
    key = l03._earlier_key()
    for image, row in truth.items():
        if row["kind"] == "repost":
            assert row["copy_of"] in key[image], image
        else:
            assert key[image] == [], image
        for source in key[image]:
            assert archive.loc[source, "posted_on"] < archive.loc[image, "posted_on"]


def test_3_16_the_hash_recipe_finds_the_key_and_match_all_does_not(truth, archive):
    import imagehash
    from PIL import Image, ImageOps

    pictures = {image: Image.open(ml.image_path(image)) for image in archive.index}
    hashes = {image: imagehash.phash(p) for image, p in pictures.items()}
    mirrored = {image: imagehash.phash(ImageOps.mirror(p)) for image, p in pictures.items()}
    posted = archive["posted_on"]

    def earliest(post, near):
        copies = [i for i in archive.index if posted[i] < posted[post] and near(post, i)]
        return min(copies, key=lambda i: posted[i]) if copies else None

    same = lambda a, b: min(hashes[a] - hashes[b], mirrored[a] - hashes[b]) <= ml.SAME_PICTURE_BITS  # noqa: E731
    solution = {post: earliest(post, same) for post in archive.index}
    assert _score("3.16", solution) == _full("3.16")
    no_mirror = {post: earliest(post, lambda a, b: hashes[a] - hashes[b] <= ml.SAME_PICTURE_BITS)
                 for post in archive.index}
    assert no_mirror != solution  # the mirrored re-post is missed without the mirror's hash
    match_all = {post: earliest(post, lambda a, b: True) for post in archive.index}
    assert _score("3.16", match_all) == 0, "naming an earlier post for every post passes"
    assert _score("3.16", {post: None for post in archive.index}) == 0


def test_3_17_the_core_tables_key_blanket_and_slips(literals, archive):
    order = archive.sort_values("posted_on")
    first = list(order.index[:3])
    later = list(order.index[3:])
    key = l03._earlier_key()
    options = ["no earlier copy"] + [f"a copy of {image}" for image in first]
    right = {post: (f"a copy of {key[post][0]}" if key[post] else "no earlier copy") for post in later}
    assert all(label in options for label in right.values()), "every answer can be given with the buttons"
    assert _score("3.17", {"3.17": right}) == _full("3.17")
    for label in options:  # the same button on every row
        assert _score("3.17", {"3.17": {post: label for post in later}}) == 0, label


# -- 3.19 the shadow marks ---------------------------------------------------------------------------------------
def test_3_19_marks_near_the_pole_score_and_far_ones_do_not():
    key = l03.pole_pixels("img03")
    assert _score("3.19", {"3.19": key}) == _full("3.19")
    nudged = {name: [x + 4, y - 3] for name, (x, y) in key.items()}
    assert _score("3.19", {"3.19": nudged}) == _full("3.19")
    tip_wrong = {**key, "tip": [key["tip"][0] + 80, key["tip"][1]]}
    assert _score("3.19", {"3.19": tip_wrong}) == _full("3.19") / 2
    swapped = {"base": key["top"], "top": key["base"], "tip": key["tip"]}
    assert _score("3.19", {"3.19": swapped}) == 0
    assert _score("3.19", {"3.19": {"base": key["base"]}}) == 0


def test_3_19_the_marked_pole_gives_the_sun_that_lit_it(truth):
    from medialit_grader.solar import sun_position

    row = truth["img03"]
    az, el = ml.camera("img03").sun_from_shadow(**l03.pole_pixels("img03"))
    az0, el0 = sun_position(*row["true_place"], row["true_time"], refraction=True)
    assert abs((az - az0 + 180) % 360 - 180) < 3 and abs(el - el0) < 3, (az, el, az0, el0)


# -- 3.20 / 3.21 the light -------------------------------------------------------------------------------------------
def test_3_20_astral_as_the_lesson_uses_it_scores_full():
    from astral import Observer
    from astral.sun import azimuth, elevation

    sun = {}
    for claim in ml.load_light_claims().itertuples():
        where, moment = Observer(claim.lat, claim.lon), datetime.fromisoformat(claim.time)
        sun[claim.id] = (azimuth(where, moment), elevation(where, moment))
    assert _score("3.20", json.loads(json.dumps(sun))) == _full("3.20")
    utc_slip = {}  # the offset dropped: the time read as UTC, three hours late
    for claim in ml.load_light_claims().itertuples():
        moment = datetime.fromisoformat(claim.time[:16] + "+00:00")
        where = Observer(claim.lat, claim.lon)
        utc_slip[claim.id] = (azimuth(where, moment), elevation(where, moment))
    assert _score("3.20", utc_slip) == 0


def test_3_21_the_light_rules_out_some_claims_and_leaves_others(literals):
    key = l03._light_key()
    fits = sorted(c for c, label in key.items() if label == l03.FITS)
    assert fits == ["L1", "L2", "L3"], key       # img03's own caption, img08's false one, and a distant June morning
    assert len(key) - len(fits) == 5
    assert _score("3.21", {"3.21": key}) == _full("3.21")
    assert _score("3.21", {"3.21": {c: l03.NOT_FIT for c in key}}) == 0, "ruling out every claim passes"
    assert _score("3.21", {"3.21": {c: l03.FITS for c in key}}) == 0, "trusting every claim passes"


def test_3_21_the_verdicts_have_a_margin_beyond_marking_error():
    """Claims that fit lie well inside the tolerance and claims that do not well outside it, so a student's honest
    marking error (a few pixels: a few degrees) cannot flip a verdict."""
    from medialit_grader.solar import sun_position

    truth = l03._truth()["img03"]
    az0, el0 = sun_position(*truth["true_place"], truth["true_time"], refraction=True)
    for claim, (az, el) in l03._claims_sun_key().items():
        off_az, off_el = abs((az - az0 + 180) % 360 - 180), abs(el - el0)
        inside = off_az <= l03.FITS_AZIMUTH and off_el <= l03.FITS_ELEVATION
        if inside:
            assert off_az <= l03.FITS_AZIMUTH - 4 and off_el <= l03.FITS_ELEVATION - 3, claim
        else:
            assert off_az >= l03.FITS_AZIMUTH + 3 or off_el >= l03.FITS_ELEVATION + 8, claim


def test_the_options_are_shown_shuffled(literals):
    for name, eid in (("METADATA_STATEMENTS", "3.15"), ("COPY_STATEMENTS", "3.18"), ("CORPUS_STATEMENTS", "3.22")):
        shown = display_order(eid, literals[name])
        assert shown != literals[name] and shown[:4] != ex.by_id(eid).the_key()


# -- the lesson with its pictures stays light ----------------------------------------------------------------------
RUN_SECONDS, RUN_MB = 10.0, 300.0


@pytest.mark.parametrize("assignment", ["03-footage", "03-footage-core"])
def test_the_lesson_runs_in_under_10_s_and_300_mb(assignment, tmp_path):
    """Run-all of the solution, as a student's kernel runs it, from the first cell's start to the last cell's reply
    (the kernel's start-up apart), and the kernel's peak resident memory, read in the kernel at the end."""
    import shutil

    import nbformat

    folder = tmp_path / assignment
    shutil.copytree(kit.solution_folder(assignment), folder,
                    ignore=shutil.ignore_patterns("answers-*.json", ".ipynb_checkpoints"))
    nb = kit.solution(assignment)
    # The kernel's own high-water mark (VmHWM): getrusage's ru_maxrss would also count the launcher's memory,
    # which Linux carries across fork and exec (a test worker of a long run reported 533 MB for a 200 MB kernel).
    nb.cells.append(nbformat.v4.new_code_cell(
        "print('peak', next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')))"))
    nbformat.write(nb, folder / f"{assignment}.ipynb")
    done = kit.execute(folder / f"{assignment}.ipynb", figures=True)
    assert not kit.problems(done), kit.problems(done)
    times = [c.metadata.get("execution", {}) for c in done.cells if c.cell_type == "code"]
    start = datetime.fromisoformat(times[0]["iopub.execute_input"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(times[-1]["shell.execute_reply"].replace("Z", "+00:00"))
    seconds = (end - start).total_seconds()
    peak_mb = int(done.cells[-1].outputs[0]["text"].split()[1]) / 1024  # /proc reports kilobytes
    assert seconds < RUN_SECONDS, f"{assignment}: run-all took {seconds:.1f} s"
    assert peak_mb < RUN_MB, f"{assignment}: the kernel peaked at {peak_mb:.0f} MB"
    print(f"{assignment}: {seconds:.1f} s, {peak_mb:.0f} MB")


def test_the_solution_marks_the_drawn_pole(literals):
    assert literals["POLE_PIXELS"] == l03.pole_pixels("img03")
