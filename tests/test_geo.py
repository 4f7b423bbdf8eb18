"""Map helpers: borders drawn with country names as text, places marked and labelled, a shared border in order,
and clear errors for a wrong country or place name. geo holds no distance or bearing formula (lesson 03's exercise)."""

import inspect

import matplotlib
import pytest

import medialit as ml
from medialit import geo

matplotlib.use("agg")


@pytest.fixture
def ax():
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


def test_draw_map_draws_borders_names_countries_and_sets_the_frame(ax):
    out = ml.draw_map(ax, extent=(35, 42.5, 32, 37.5), title="Syria")
    assert out is ax and ax.get_title() == "Syria"
    assert ax.get_xlim() == (35, 42.5) and ax.get_ylim() == (32, 37.5)
    assert len(ax.lines) > 9  # every ring of every country
    names = {t.get_text() for t in ax.texts}
    assert {"SYRIA", "IRAQ", "LEBANON"} <= names
    assert "SAUDI ARABIA" not in names  # its outline's middle is far outside: no name written on a neighbour
    assert "longitude" in ax.get_xlabel() and "latitude" in ax.get_ylabel()
    assert 1.1 < ax.get_aspect() < 1.3  # 1 / cos(34.75°)


def test_draw_map_rejects_an_upside_down_extent(ax):
    with pytest.raises(ml.MediaLitError, match=r"extent must be \(lon_min, lon_max, lat_min, lat_max\)"):
        ml.draw_map(ax, extent=(42, 35, 32, 37))


def test_mark_places_writes_each_name_beside_its_point(ax):
    places = ml.load_places()
    ml.mark_places(ax, places, names=["Palmyra (Tadmur)", "Homs"])
    assert sorted(t.get_text() for t in ax.texts) == ["Homs", "Palmyra (Tadmur)"]
    points = {(line.get_xdata()[0], line.get_ydata()[0]) for line in ax.lines}
    assert (38.27, 34.56) in points and (36.71, 34.73) in points


def test_mark_places_names_an_unknown_place_and_missing_columns(ax):
    with pytest.raises(ml.MediaLitError, match=r"No place called 'Palmira'; the places are: Palmyra"):
        ml.mark_places(ax, ml.load_places(), names=["Palmira"])
    with pytest.raises(ml.MediaLitError, match=r"needs columns lat, lon and 'place'; missing: lon"):
        ml.mark_places(ax, ml.load_places().drop(columns="lon"))


def test_border_points_follow_the_syria_iraq_border_from_turkey_to_the_jordan_tripoint():
    border = ml.border_points("Syria", "Iraq")
    assert list(border.columns) == ["lat", "lon"] and len(border) == 35
    ends = {tuple(border.iloc[0]), tuple(border.iloc[-1])}
    assert (33.37182, 38.77419) in ends  # the Syria-Iraq-Jordan tripoint
    steps = (border.diff().dropna() ** 2).sum(axis=1) ** 0.5
    assert steps.max() < 1.0  # consecutive points are neighbours: the run is not cut and glued


def test_border_points_errors_name_the_countries():
    with pytest.raises(ml.MediaLitError, match=r"No country called 'Syrian' in the borders; the countries are: .*Syria"):
        ml.border_points("Syrian", "Iraq")
    with pytest.raises(ml.MediaLitError, match=r"Cyprus and Iraq share no border points"):
        ml.border_points("Cyprus", "Iraq")


def test_bad_borders_are_reported():
    with pytest.raises(ml.MediaLitError, match=r"must be GeoJSON as ml.load_borders\(\) returns it"):
        ml.border_points("Syria", "Iraq", borders={"type": "nothing"})


def test_geo_holds_no_distance_or_bearing_formula():
    source = inspect.getsource(geo).lower()
    for word in ("haversine", "arcsin", "asin", "atan2", "6371", "bearing(", "def distance", "def destination"):
        assert word not in source, word
