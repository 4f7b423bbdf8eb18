"""Reference data: places with coordinates and their sources, and Natural Earth borders of the region."""

from __future__ import annotations

import csv
import json

from ._paths import data_file
from .errors import DataError


def load_places():
    """Places the corpus names, with lat/lon (degrees) and the source of each coordinate."""
    import pandas as pd

    path = data_file("reference", "places.csv")
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            for field in ("lat", "lon"):
                try:
                    row[field] = float(row[field])
                except ValueError:
                    raise DataError(path, reader.line_num, field, f"expected degrees as a number, found {row[field]!r}")
            rows.append(row)
    return pd.DataFrame(rows, columns=["place", "lat", "lon", "note", "source"])


def load_borders() -> dict:
    """Country borders of the region as GeoJSON (Natural Earth 1:50m via world-atlas; public domain, ISC)."""
    path = data_file("reference", "levant-countries-50m.geojson")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise DataError(path, error.lineno, None, f"not valid GeoJSON ({error.msg})") from None
