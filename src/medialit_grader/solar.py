"""An independent reference for the sun's position, so that lesson 03's light check does not rest on one library.

The kit (and the students) use astral for the sun's azimuth and elevation. The grader's keys are computed here instead,
by a different method, and ``tests/test_solar.py`` compares the two: if either drifts, the test says by how much.

Method: NOAA Global Monitoring Division, "General Solar Position Calculations" (the short note behind the NOAA solar
calculator, gml.noaa.gov/grad/solcalc/solareqns.PDF; that file itself was not checked from here). The formulas were
checked against the copy of the note at http://www.jgiesen.de/astro/suncalc/calculations.htm ("Solar Calculation
Details, NOAA: General Solar Position Calculations"):

* fractional year, radians: gamma = 2 pi / 365 * (day_of_year - 1 + (hour - 12) / 24) (366 in a leap year);
* Spencer's (1971) Fourier series for the equation of time (minutes) and the declination (radians);
* time offset = eqtime + 4 * longitude (east +) - 60 * timezone, true solar time = clock minutes + time offset (the
  copy writes it for west-positive longitudes: eqtime - 4 * longitude + 60 * offset), hour angle = tst / 4 - 180;
* cos(zenith) = sin(lat) sin(decl) + cos(lat) cos(decl) cos(ha);
* azimuth (clockwise from north): cos(180 - azimuth) = (sin(lat) cos(zenith) - sin(decl)) / (cos(lat) sin(zenith)),
  taken in 0..180 before solar noon and mirrored (360 - azimuth) after it. The copy prints this with a leading minus
  sign, which would put a June morning sun at 34.5 N (truly at about 80, north of east) at 100: a typo, since the
  spherical-triangle formula and astral both give the sign used here; tests/test_solar.py checks the anchors.

Astral instead follows the NOAA spreadsheet (Meeus's series in Julian centuries), so the two agree only as well as
Spencer's series is good, which is coarser than often quoted: in 2016-17 its declination is up to 0.51 degrees off
near the equinoxes (astral gives 0.00 at the published equinox instants) and its equation of time up to 0.9 minutes
from astral's, so the two suns lie up to about 0.53 degrees apart (the test holds them to 0.6). This reference catches
a wrong or drifting astral, a swapped sign or a wrong time zone; it is not the finer of the two.

Refraction, when asked for, is the piecewise approximation of the NOAA solar calculator spreadsheet
(NOAA_Solar_Calculations_day.xls, the same one astral uses), so that ``refraction=True`` is comparable with astral's
``elevation(..., with_refraction=True)``.

Hand-written rather than a second library (pvlib, pysolar) on purpose: a few lines of published formulas are easy to
read against the source, and a second dependency would be one more thing to trust blindly.
"""

from __future__ import annotations

import calendar
import math
from datetime import datetime, timezone

from medialit.errors import MediaLitError

__all__ = ["sun_position", "refraction_degrees"]


def _as_utc(when) -> datetime:
    """``when`` (a timezone-aware datetime, or an ISO 8601 string with its UTC offset) as a UTC datetime."""
    if isinstance(when, str):
        try:
            when = datetime.fromisoformat(when.strip())
        except ValueError:
            raise MediaLitError(f"sun_position: time {when!r} is not an ISO 8601 date and time, e.g. "
                                "'2016-07-10T07:40+03:00'") from None
    if not isinstance(when, datetime):
        raise MediaLitError(f"sun_position: time must be a datetime or an ISO string, not {type(when).__name__}")
    if when.tzinfo is None or when.utcoffset() is None:
        raise MediaLitError(f"sun_position: time {when.isoformat()} has no UTC offset, so the sun cannot be placed: "
                            "give it one, e.g. '2016-07-10T07:40+03:00'")
    return when.astimezone(timezone.utc)


def refraction_degrees(elevation: float) -> float:
    """How much the atmosphere lifts the sun seen at geometric ``elevation`` (degrees), as the NOAA spreadsheet
    approximates it (arcseconds in the source; degrees here). Zero above 85 degrees."""
    if elevation > 85.0:
        return 0.0
    t = math.tan(math.radians(elevation))
    if elevation > 5.0:
        arcsec = 58.1 / t - 0.07 / t ** 3 + 0.000086 / t ** 5
    elif elevation > -0.575:
        arcsec = 1735.0 + elevation * (-518.2 + elevation * (103.4 + elevation * (-12.79 + elevation * 0.711)))
    else:
        arcsec = -20.772 / t
    return arcsec / 3600.0


def sun_position(lat: float, lon: float, when, refraction: bool = False) -> tuple[float, float]:
    """The sun's (azimuth, elevation) in degrees at latitude ``lat`` (north +) and longitude ``lon`` (east +) at
    ``when`` (timezone-aware). Azimuth is clockwise from north, 0-360; elevation is geometric (no atmosphere) unless
    ``refraction`` is true. See the module docstring for the source of every formula."""
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise MediaLitError(f"sun_position: latitude and longitude must be numbers, got {lat!r}, {lon!r}") from None
    if not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 180.0):
        raise MediaLitError(f"sun_position: ({lat}, {lon}) is not a place: latitude must be within -90..90 and "
                            "longitude within -180..180 degrees (east positive)")
    utc = _as_utc(when)
    hour = utc.hour + utc.minute / 60 + (utc.second + utc.microsecond / 1e6) / 3600
    days = 366 if calendar.isleap(utc.year) else 365
    g = 2 * math.pi / days * (utc.timetuple().tm_yday - 1 + (hour - 12) / 24)      # fractional year, radians
    eqtime = 229.18 * (0.000075 + 0.001868 * math.cos(g) - 0.032077 * math.sin(g)
                       - 0.014615 * math.cos(2 * g) - 0.040849 * math.sin(2 * g))     # minutes
    decl = (0.006918 - 0.399912 * math.cos(g) + 0.070257 * math.sin(g) - 0.006758 * math.cos(2 * g)
            + 0.000907 * math.sin(2 * g) - 0.002697 * math.cos(3 * g) + 0.00148 * math.sin(3 * g))  # radians
    # True solar time from UTC clock time, so the timezone term of NOAA's time offset is zero.
    tst = (hour * 60 + eqtime + 4 * lon) % 1440
    ha = math.radians(tst / 4 - 180)
    phi = math.radians(lat)
    cos_zen = math.sin(phi) * math.sin(decl) + math.cos(phi) * math.cos(decl) * math.cos(ha)
    zen = math.acos(max(-1.0, min(1.0, cos_zen)))
    denom = math.cos(phi) * math.sin(zen)
    if abs(denom) < 1e-9:
        # Sun at the zenith or observer at a pole: no direction is singled out; say "towards the equator".
        azimuth = 180.0 if lat >= math.degrees(decl) else 0.0
    else:
        c = (math.sin(phi) * math.cos(zen) - math.sin(decl)) / denom                # cos(180 - azimuth)
        azimuth = 180.0 - math.degrees(math.acos(max(-1.0, min(1.0, c))))          # 0..180: the morning sky
        if tst / 4 - 180 > 0:                                                         # afternoon: mirror to the west
            azimuth = 360.0 - azimuth
    elevation = 90.0 - math.degrees(zen)
    if refraction:
        elevation += refraction_degrees(elevation)
    return azimuth % 360.0, elevation
