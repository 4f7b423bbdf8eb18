"""Reference data: places with coordinates and their sources, and Natural Earth borders of the region."""

from __future__ import annotations

import json

from ._paths import csv_rows, data_file
from .errors import DataError

PLACE_COLUMNS = ("place", "lat", "lon", "note", "source")


def load_places():
    """Places the corpus names, with lat/lon (degrees) and the source of each coordinate."""
    import pandas as pd

    path = data_file("reference", "places.csv")
    rows = []
    for line, row in csv_rows(path, PLACE_COLUMNS):
        for field in ("lat", "lon"):
            try:
                row[field] = float(row[field])
            except ValueError:
                raise DataError(path, line, field, f"expected degrees as a number, found {row[field]!r}") from None
        rows.append(row)
    return pd.DataFrame(rows, columns=list(PLACE_COLUMNS))


def load_borders() -> dict:
    """Country borders of the region as GeoJSON (Natural Earth 1:50m via world-atlas; public domain, ISC)."""
    path = data_file("reference", "levant-countries-50m.geojson")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DataError(path, error.lineno, None, f"not valid GeoJSON ({error.msg})") from None
