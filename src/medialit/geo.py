"""Drawing a map of the region: country borders (Natural Earth) and labelled places on a matplotlib Axes, and the
points of the border two countries share. Plotting and data only: measuring distances and directions on the
globe is the students' own work (lesson 03), so this module holds no distance, bearing or destination formula.

    ax = ml.draw_map(extent=(36, 42, 32.5, 37), title="Palmyra and the Syrian-Iraqi border")
    ml.mark_places(ax, ml.load_places(), names=["Palmyra (Tadmur)"])
    border = ml.border_points("Syria", "Iraq")  # DataFrame: lat, lon
"""

from __future__ import annotations

import math

from .errors import MediaLitError

DEFAULT_EXTENT = (35.0, 42.5, 32.0, 37.5)  # lon_min, lon_max, lat_min, lat_max: Syria and its eastern neighbours


def _rings(geometry: dict) -> list[list[list[float]]]:
    """Every ring (exterior and holes) of a Polygon or MultiPolygon, as lists of [lon, lat]."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return list(geometry["coordinates"])
    if kind == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    raise MediaLitError(f"A country outline must be a Polygon or MultiPolygon, found {kind!r}.")


def _countries(borders: dict | None) -> dict[str, dict]:
    if borders is None:
        from .reference import load_borders

        borders = load_borders()
    try:
        return {f["properties"]["name"]: f["geometry"] for f in borders["features"]}
    except (KeyError, TypeError):
        raise MediaLitError("The borders must be GeoJSON as ml.load_borders() returns it: a FeatureCollection "
                            "whose features have properties.name and a geometry.") from None


def _country(countries: dict[str, dict], name: str) -> dict:
    if name not in countries:
        raise MediaLitError(f"No country called {name!r} in the borders; the countries are: "
                            f"{', '.join(sorted(countries))}.")
    return countries[name]


def draw_map(ax=None, *, extent=DEFAULT_EXTENT, borders: dict | None = None, places=None,
             title: str | None = None, label_countries: bool = True):
    """An Axes showing country borders in longitude/latitude degrees, with country names written on the map.

    extent: (lon_min, lon_max, lat_min, lat_max). places: a DataFrame like ml.load_places() whose rows are marked
    and labelled (optional). The aspect ratio is set so that a degree of longitude looks as long as it is at this
    latitude. Returns the Axes; add your own points and lines with ax.plot / ax.annotate.
    """
    import matplotlib.pyplot as plt

    lon_min, lon_max, lat_min, lat_max = extent
    if not (lon_min < lon_max and lat_min < lat_max):
        raise MediaLitError(f"extent must be (lon_min, lon_max, lat_min, lat_max) with min < max, found {extent!r}.")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    countries = _countries(borders)
    for name, geometry in countries.items():
        for ring in _rings(geometry):
            lons, lats = zip(*[(p[0], p[1]) for p in ring])
            ax.plot(lons, lats, color="0.35", linewidth=0.8, label="_nolegend_")
        if label_countries:
            spot = _label_spot(geometry, extent)
            if spot is not None:
                ax.text(*spot, name.upper(), color="0.45", fontsize=9, ha="center", va="center",
                        fontstyle="italic")
    ax.set_xlim(lon_min, lon_max)
    ax.set_ylim(lat_min, lat_max)
    ax.set_aspect(1 / math.cos(math.radians((lat_min + lat_max) / 2)))
    ax.set_xlabel("longitude (degrees east)")
    ax.set_ylabel("latitude (degrees north)")
    if title:
        ax.set_title(title)
    if places is not None:
        mark_places(ax, places)
    return ax


def _label_spot(geometry: dict, extent) -> tuple[float, float] | None:
    """Where to write a country's name: its outline's mean point, pulled inside the map's extent, if that spot
    is still inside the country (else None: the name is left off rather than written on a neighbour)."""
    from matplotlib.path import Path

    lon_min, lon_max, lat_min, lat_max = extent
    margin_lon, margin_lat = 0.08 * (lon_max - lon_min), 0.06 * (lat_max - lat_min)
    ring = max(_rings(geometry), key=len)
    lon = min(max(sum(p[0] for p in ring) / len(ring), lon_min + margin_lon), lon_max - margin_lon)
    lat = min(max(sum(p[1] for p in ring) / len(ring), lat_min + margin_lat), lat_max - margin_lat)
    inside = any(Path([(p[0], p[1]) for p in r]).contains_point((lon, lat)) for r in _rings(geometry))
    return (lon, lat) if inside else None


def mark_places(ax, places, *, names=None, marker: str = "o", label_column: str = "place", offset=(4, 4)):
    """Mark places on the Axes, each with its name written beside it (not told apart by colour alone).

    places: a DataFrame with lat, lon and a name column (ml.load_places()); names: only these rows (by name).
    """
    missing = {"lat", "lon", label_column} - set(places.columns)
    if missing:
        raise MediaLitError(f"mark_places needs columns lat, lon and {label_column!r}; missing: "
                            f"{', '.join(sorted(missing))}.")
    rows = places
    if names is not None:
        unknown = sorted(set(names) - set(places[label_column]))
        if unknown:
            raise MediaLitError(f"No place called {unknown[0]!r}; the places are: "
                                f"{', '.join(places[label_column])}.")
        rows = places[places[label_column].isin(names)]
    for row in rows.itertuples(index=False):
        lat, lon, name = getattr(row, "lat"), getattr(row, "lon"), getattr(row, label_column)
        ax.plot([lon], [lat], marker=marker, color="black", markersize=4, linestyle="none", label="_nolegend_")
        ax.annotate(str(name), (lon, lat), xytext=offset, textcoords="offset points", fontsize=8)
    return ax


def border_points(country_a: str, country_b: str, borders: dict | None = None):
    """The vertices of the border that two countries share, in order along it: a DataFrame with lat and lon.

    Natural Earth draws a shared border once, so the vertices both outlines have in common are that border.
    """
    import pandas as pd

    countries = _countries(borders)
    a, b = _country(countries, country_a), _country(countries, country_b)
    in_b = {(p[0], p[1]) for ring in _rings(b) for p in ring}
    runs: list[list[tuple[float, float]]] = []
    for ring in _rings(a):
        points = [(p[0], p[1]) for p in ring[:-1]]  # a ring repeats its first point at the end
        if not points:
            continue
        shared = [p in in_b for p in points]
        if all(shared):
            runs.append(points)
            continue
        first = shared.index(False)  # start just after an unshared point, so a run is not cut in two
        points, shared = points[first:] + points[:first], shared[first:] + shared[:first]
        run: list[tuple[float, float]] = []
        for point, is_shared in zip(points, shared):
            if is_shared:
                run.append(point)
            elif run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
    if not runs:
        raise MediaLitError(f"{country_a} and {country_b} share no border points in these outlines.")
    rows = [{"lat": lat, "lon": lon} for run in runs for lon, lat in run]
    return pd.DataFrame(rows, columns=["lat", "lon"])
