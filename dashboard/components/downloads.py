"""Download buttons for the store's exports (core.export), built only when clicked."""
from __future__ import annotations

import streamlit as st

from core import queries
from core.export import export
from dashboard import state

FORMATS = {"csv": ("CSV", "csv", "text/csv"),
           "xlsx": ("Excel", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           "geojson": ("GeoJSON", "geojson", "application/geo+json"),
           "acled": ("ACLED CSV", "acled.csv", "text/csv")}
HELP = {"csv": "Every filtered row, with its article's title, outlet, address, date and language",
        "xlsx": "The same as an Excel workbook", "geojson": "Rows with a place, as points (QGIS opens it)",
        "acled": "ACLED's columns (event_date … timestamp); types mapped from PLOVER by core/mappings/plover_acled.tsv"}


def buttons(kind: str, f: queries.Filters, formats: tuple[str, ...] = ("csv", "xlsx", "geojson", "acled")) -> None:
    store = state.store()

    def build(fmt: str):
        return lambda: export(store, kind, fmt, f)

    cols = st.columns(len(formats) + 2)
    for col, fmt in zip(cols, formats, strict=False):
        label, ext, mime = FORMATS[fmt]
        col.download_button(label, build(fmt), f"{kind}.{ext}", mime, width="stretch", on_click="ignore",
                            help=HELP[fmt], key=f"dl_{kind}_{fmt}")
