"""The contract's other output formats: events as CSV, events and places as GeoJSON."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from core.model import ParsedArticle

EVENT_COLUMNS = ["article_id", "id", "event_type", "mode", "date", "date_precision", "actor1", "actor2",
                 "actor1_country", "actor2_country", "location", "country", "lat", "lon", "geo_precision",
                 "fatalities", "reported_by", "trigger", "sentence", "start", "end"]


def events_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=EVENT_COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in EVENT_COLUMNS})
    return buf.getvalue()


def _points(rows: list[dict[str, Any]], feature: str) -> list[dict[str, Any]]:
    return [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
             "properties": {**{k: v for k, v in r.items() if k not in ("lat", "lon")}, "feature": feature}}
            for r in rows if r.get("lat") is not None and r.get("lon") is not None]


def geojson(events: list[dict[str, Any]], places: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Events and places with coordinates as GeoJSON points (``feature`` tells which)."""
    return {"type": "FeatureCollection", "features": _points(events, "event") + _points(places or [], "place")}


def render(parsed: ParsedArticle, fmt: str) -> str:
    doc = parsed.to_dict()
    if fmt == "json":
        return json.dumps(doc, ensure_ascii=False, indent=2)
    events = [{"article_id": doc["article"]["id"], **e} for e in doc["events"]]
    if fmt == "csv":
        return events_csv(events)
    if fmt == "geojson":
        return json.dumps(geojson(events, doc["places"]), ensure_ascii=False, indent=2)
    raise ValueError(f"unknown format {fmt!r}")
