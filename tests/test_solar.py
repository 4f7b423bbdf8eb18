"""The grader's own sun (NOAA's general solar position formulas, medialit_grader.solar) against astral, the library the
kit and the students use: over a grid of places and times, at hand-checked astronomical anchors, and on lesson 03's
claims table.

Tolerances, measured and explained: NOAA's general formulas rest on Spencer's (1971) Fourier series, whose
declination in 2016-17 is off by up to 0.51 degrees near the equinoxes (astral gives 0.00 at the published equinox
instants, Spencer 0.27-0.51), and whose equation of time differs from astral's by up to 0.9 minutes (0.22 degrees of
hour angle). So the two suns agree to within SKY_DEG = 0.6 degrees of arc and of elevation, not to a few arcminutes;
the azimuth alone is compared only up to 60 degrees of elevation, where an offset on the sky of 0.6 degrees can turn
the azimuth by at most 0.6 / cos(60) = AZIMUTH_DEG = 1.2 degrees (near the zenith the azimuth is ill-defined)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import astral
import astral.sun
import pytest

from medialit.errors import MediaLitError
from medialit_grader.solar import refraction_degrees, sun_position

SKY_DEG = 0.6          # degrees: angle between the two suns on the sky, and their difference in elevation
AZIMUTH_DEG = 1.2      # degrees: azimuth difference, where the sun is at most AZIMUTH_UP_TO high
AZIMUTH_UP_TO = 60.0
CLAIM_DEG = 0.5        # degrees: lesson 03's printed sun values (astral's, to 0.1) against astral now

# Published instants (USNO, UTC) of the equinoxes and the June solstice in the lesson's years.
EQUINOXES = ["2016-03-20T04:30+00:00", "2016-09-22T14:21+00:00", "2017-03-20T10:29+00:00", "2017-09-22T20:02+00:00"]
JUNE_SOLSTICE_2016, OBLIQUITY_2016 = "2016-06-20T22:34+00:00", 23.437

# Lesson 03's claims: (lat, lon, time) -> (azimuth, elevation) as the lesson prints astral's values.
CLAIMS = [((34.55, 38.30, "2016-07-10T07:40+03:00"), (79.9, 25.9)),
          ((34.55, 38.30, "2016-07-10T17:30+03:00"), (280.7, 24.8)),
          ((33.50, 38.62, "2017-05-14T08:00+03:00"), (86.7, 30.3)),
          ((34.55, 38.30, "2016-12-20T07:40+02:00"), (129.0, 11.4)),
          ((34.55, 38.30, "2016-07-10T12:40+03:00"), (188.3, 77.5))]


def astral_sun(lat, lon, when, refraction=False):
    when = datetime.fromisoformat(when) if isinstance(when, str) else when
    obs = astral.Observer(lat, lon)
    return astral.sun.azimuth(obs, when), astral.sun.elevation(obs, when, with_refraction=refraction)


def turn(a, b):
    """The smaller angle between two azimuths, degrees."""
    return abs((a - b + 180) % 360 - 180)


def apart(az1, el1, az2, el2):
    """The angle on the sky between two directions, degrees."""
    az1, el1, az2, el2 = map(math.radians, (az1, el1, az2, el2))
    c = math.sin(el1) * math.sin(el2) + math.cos(el1) * math.cos(el2) * math.cos(az1 - az2)
    return math.degrees(math.acos(min(1.0, c)))


def grid():
    """Latitudes -60..60, five longitudes, the 1st and 21st of every month of 2016-17, every hour with astral's sun
    more than 5 degrees up (the 21st lies within a day or two of each equinox and solstice, the hard cases). Yields
    the place and time, astral's azimuth, its elevation without and with refraction."""
    for year in (2016, 2017):
        for month in range(1, 13):
            for day in (1, 21):
                for lat in range(-60, 61, 15):
                    for lon in (-150.0, -75.0, 0.0, 38.3, 120.0):
                        obs = astral.Observer(lat, lon)
                        for hour in range(24):
                            when = datetime(year, month, day, hour, tzinfo=timezone.utc)
                            el = astral.sun.elevation(obs, when, with_refraction=False)
                            if el > 5:
                                yield ((lat, lon, when), astral.sun.azimuth(obs, when), el,
                                       astral.sun.elevation(obs, when, with_refraction=True))


def test_noaa_and_astral_agree_within_0_6_degrees_on_the_sky_and_1_2_in_azimuth_up_to_60_high():
    worst, n = {}, 0
    for (lat, lon, when), az, el_geo, el_refr in grid():
        n += 1
        for refraction, el in [(False, el_geo), (True, el_refr)]:
            ref_az, ref_el = sun_position(lat, lon, when, refraction=refraction)
            offs = {"sky": apart(az, el, ref_az, ref_el), "elevation": abs(el - ref_el),
                    "azimuth": turn(az, ref_az) if el <= AZIMUTH_UP_TO else 0.0}
            for name, off in offs.items():
                key = (name, refraction)
                if off > worst.get(key, (0.0,))[0]:
                    worst[key] = (off, f"lat {lat}, lon {lon}, {when.isoformat()}: astral ({az:.2f}, {el:.2f}), "
                                       f"NOAA ({ref_az:.2f}, {ref_el:.2f})")
    assert n > 2000, f"the grid should hold thousands of daylight points, found {n}"
    for (name, refraction), (off, where) in sorted(worst.items()):
        limit = AZIMUTH_DEG if name == "azimuth" else SKY_DEG
        assert off <= limit, f"worst {name} difference (refraction {refraction}) {off:.3f} deg > {limit} at {where}"


def test_refraction_is_the_noaa_spreadsheet_approximation_astral_uses_above_minus_0_575_degrees():
    for el in [-0.5, 0.0, 2.0, 4.9, 5.1, 10.0, 30.0, 60.0, 84.9, 85.5, 89.0]:
        theirs = astral.sun.refraction_at_zenith(90.0 - el)
        assert refraction_degrees(el) == pytest.approx(theirs, abs=1e-9), f"refraction at {el} deg"
    assert 0.45 < refraction_degrees(0.0) < 0.5, "the sun on the horizon is lifted by about half a degree"
    assert refraction_degrees(86.0) == 0.0


@pytest.mark.parametrize("when", EQUINOXES)
def test_at_each_equinox_the_sun_is_overhead_on_the_equator_within_4_3_degrees_of_mean_noon(when):
    """The subsolar point lies on the equator (declination 0), at the longitude of true noon: within |equation of
    time| <= 16.5 min (4.2 deg) of the longitude of mean noon. Both methods: highest sun >= 90 - 0.6 deg there."""
    utc = datetime.fromisoformat(when)
    mean_noon_lon = -(utc.hour * 60 + utc.minute - 720) / 4
    for name, sun in [("NOAA", sun_position), ("astral", astral_sun)]:
        lons = [mean_noon_lon + k / 4 for k in range(-20, 21)]        # +-5 deg, every 0.25 deg
        best_el, best_lon = max((sun(0.0, (lon + 180) % 360 - 180, when)[1], lon) for lon in lons)
        assert best_el >= 90 - SKY_DEG, f"{name} {when}: highest sun on the equator {best_el:.2f} deg"
        assert abs(best_lon - mean_noon_lon) <= 4.3, f"{name} {when}: overhead at lon {best_lon}, mean noon at " \
                                                     f"{mean_noon_lon}"


@pytest.mark.parametrize("when", EQUINOXES)
def test_at_each_equinox_the_morning_sun_on_the_equator_is_due_east_within_1_degree(when):
    """Declination 0 puts the sun on the celestial equator: seen from the equator it climbs straight up in the east.
    The place where the sun is about 45 degrees up in the morning lies 45 degrees of longitude west of the subsolar
    point."""
    utc = datetime.fromisoformat(when)
    lon = (-(utc.hour * 60 + utc.minute - 720) / 4 - 45 + 180) % 360 - 180
    for name, sun in [("NOAA", sun_position), ("astral", astral_sun)]:
        az, el = sun(0.0, lon, when)
        assert 35 < el < 55 and turn(az, 90.0) <= 1.0, f"{name} {when} at lon {lon:.1f}: ({az:.2f}, {el:.2f})"


def test_at_the_pole_the_sun_stands_at_its_declination_0_at_equinox_and_23_4_at_the_june_solstice_within_0_6():
    """At the north pole the elevation is the declination, whatever the longitude (NOAA only: astral moves a pole
    observer to 89.8 N)."""
    for when in EQUINOXES:
        for lon in (0.0, 90.0):
            assert abs(sun_position(90.0, lon, when)[1]) <= SKY_DEG, f"pole, {when}, lon {lon}"
    el = sun_position(90.0, 0.0, JUNE_SOLSTICE_2016)[1]
    assert abs(el - OBLIQUITY_2016) <= SKY_DEG, f"pole at the June solstice: {el:.2f} deg"


@pytest.mark.parametrize("lat, noon_azimuth", [(45.0, 180.0), (-45.0, 0.0)])
def test_at_solar_noon_the_sun_is_due_south_in_the_north_and_due_north_in_the_south_within_0_5_degrees(
        lat, noon_azimuth):
    """Solar noon found as the highest sun of the day (minute by minute, 11:30-12:30 UTC at longitude 0)."""
    for month in range(1, 13):
        day = datetime(2016, month, 15, 11, 30, tzinfo=timezone.utc)
        for name, sun in [("NOAA", sun_position), ("astral", astral_sun)]:
            el, when = max((sun(lat, 0.0, day + timedelta(minutes=m))[1], day + timedelta(minutes=m))
                           for m in range(61))
            az = sun(lat, 0.0, when)[0]
            assert turn(az, noon_azimuth) <= 0.5, f"{name} {when.isoformat()} lat {lat}: azimuth {az:.2f} at noon"
            assert abs(when - day.replace(hour=12, minute=0)) <= timedelta(minutes=17), \
                f"{name}: noon at {when.isoformat()}, more than the equation of time (16.5 min) from 12:00"


def test_a_june_morning_sun_at_34_north_rises_north_of_east_and_sets_north_of_west():
    """Guards the azimuth formula's sign (a copy of NOAA's note prints it with a stray minus)."""
    az_morning, _ = sun_position(34.55, 38.30, "2016-07-10T07:40+03:00")
    az_evening, _ = sun_position(34.55, 38.30, "2016-07-10T17:30+03:00")
    assert 60 < az_morning < 90 and 270 < az_evening < 300, (az_morning, az_evening)


@pytest.mark.parametrize("place, printed", CLAIMS, ids=[c[0][2] for c in CLAIMS])
def test_lesson_03_claims_astral_still_gives_the_printed_sun_within_0_5_and_noaa_within_0_6_more(place, printed):
    az, el = astral_sun(*place, refraction=True)
    assert turn(az, printed[0]) <= CLAIM_DEG and abs(el - printed[1]) <= CLAIM_DEG, \
        f"astral now gives ({az:.2f}, {el:.2f}) for {place}; the lesson prints {printed}"
    ref_az, ref_el = sun_position(*place, refraction=True)
    assert turn(ref_az, printed[0]) <= CLAIM_DEG + SKY_DEG and abs(ref_el - printed[1]) <= CLAIM_DEG + SKY_DEG, \
        f"NOAA gives ({ref_az:.2f}, {ref_el:.2f}) for {place}; the lesson prints {printed}"


def test_an_iso_string_and_the_same_instant_in_another_zone_give_the_same_sun():
    a = sun_position(34.55, 38.30, "2016-07-10T07:40+03:00")
    b = sun_position(34.55, 38.30, datetime(2016, 7, 10, 4, 40, tzinfo=timezone.utc))
    c = sun_position("34.55", 38.30, datetime(2016, 7, 9, 23, 40, tzinfo=timezone(timedelta(hours=-5))))
    assert a == pytest.approx(b, abs=1e-9) and a == pytest.approx(c, abs=1e-9)


@pytest.mark.parametrize("lat, lon, when, words", [
    (34.5, 38.3, "2016-07-10T07:40", "has no UTC offset"),
    (34.5, 38.3, datetime(2016, 7, 10, 7, 40), "has no UTC offset"),
    (34.5, 38.3, "10 July 2016, 07:40", "not an ISO 8601 date"),
    (34.5, 38.3, 1468125600, "must be a datetime or an ISO string, not int"),
    (95.0, 38.3, "2016-07-10T07:40+03:00", r"latitude must be within -90\.\.90"),
    ("north", 38.3, "2016-07-10T07:40+03:00", "must be numbers"),
])
def test_bad_input_raises_a_medialit_error_that_says_what_to_give(lat, lon, when, words):
    with pytest.raises(MediaLitError, match=words):
        sun_position(lat, lon, when)
