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


def geojson(events: list[dict[str, Any]], places: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    feats = []
    for e in events:
        if e.get("lat") is None or e.get("lon") is None:
            continue
        props = {k: v for k, v in e.items() if k not in ("lat", "lon")}
        props["feature"] = "event"
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [e["lon"], e["lat"]]},
                      "properties": props})
    for p in places or []:
        if p.get("lat") is None or p.get("lon") is None:
            continue
        props = {k: v for k, v in p.items() if k not in ("lat", "lon")}
        props["feature"] = "place"
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}


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
