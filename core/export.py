"""Output formats: the parse contract's CSV and GeoJSON of one article, and the store's exports for analysts
(events, incidents and statements as CSV, Excel, GeoJSON, and an ACLED-shaped CSV)."""
from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.model import ParsedArticle

if TYPE_CHECKING:
    import pandas as pd

    from core import queries
    from core.store import Store

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


# -- exports of the store (python -m core export, and the dashboard's downloads) ----------------------------
STORE_KINDS = ("events", "incidents", "statements")
STORE_FORMATS = ("csv", "xlsx", "geojson", "acled")
ARTICLE_COLUMNS = ["article_title", "article_outlet", "article_url", "article_date", "article_language"]
EVENT_EXPORT = ["event_uid", "incident_id", "article_id", "event_id", "date", "date_precision", "date_source",
                "event_type", "mode", "actor1", "actor1_country_iso3", "actor1_country_name", "actor2",
                "actor2_country_iso3", "actor2_country_name", "location", "admin1", "country_iso3", "country_name",
                "latitude", "longitude", "geo_precision", "locations", "fatalities", "reported_by", "trigger",
                "sentence", "start", "end", "corrected", "corrected_fields", *ARTICLE_COLUMNS]
STATEMENT_EXPORT = ["statement_uid", "article_id", "statement_id", "date", "speaker", "speaker_role", "speaker_actor",
                    "kind", "verb", "quote", "channel", "targets", "reported_by", "corrected", "corrected_fields",
                    *ARTICLE_COLUMNS]
INCIDENT_EXPORT = ["incident_id", "n_sources", "sources", "event_type", "date", "date_to", "mode", "actor1",
                   "actor1_country_iso3", "actor1_country_name", "actor2", "actor2_country_iso3",
                   "actor2_country_name", "location", "admin1", "country_iso3", "country_name", "latitude",
                   "longitude", "geo_precision", "fatalities", "tolls", "toll_conflict", "n_events", "sentence",
                   "corrected", "article_ids"]
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "country",
                 "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
                 "timestamp"]
MAPPING_FILE = Path(__file__).parent / "mappings" / "plover_acled.tsv"


def uid(article_id: str, row_id: str) -> str:
    """A row's id across the whole store: the article's first 16 hex digits and the row's id in the article."""
    return f"{article_id[:16]}-{row_id}"


@functools.lru_cache(maxsize=1)
def acled_table() -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in MAPPING_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and not line.startswith("plover\t"):
            rows.append(tuple(line.split("\t")))
    return rows


def acled_type(plover: str | None, mode: str | None, civilians: bool) -> tuple[str | None, str | None]:
    for p, m, t, et, st in acled_table():
        if p == plover and m in ("*", mode) and (t == "*" or (t == "civilians" and civilians)):
            return et, st
    return None, None


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(alpha-2 -> alpha-3, alpha-3 -> English name)."""
    from babel import Locale

    from core import gazetteer
    to3 = dict(gazetteer.load().iso3)
    names = Locale("en").territories
    return to3, {a3: names.get(a2, a3) for a2, a3 in to3.items()}


def _iso3(codes: pd.Series) -> pd.Series:
    to3, _ = _countries()
    return codes.map(lambda c: c if not isinstance(c, str) or len(c) == 3 else to3.get(c.upper()))


def _name(codes3: pd.Series) -> pd.Series:
    _, names = _countries()
    return codes3.map(lambda c: names.get(c) if isinstance(c, str) else None)


def _countries_cols(df: pd.DataFrame, src: str, prefix: str) -> None:
    df[f"{prefix}_iso3"] = _iso3(df[src])
    df[f"{prefix}_name"] = _name(df[f"{prefix}_iso3"])


def _join(v: Any) -> Any:
    if v is None or isinstance(v, str):
        return v
    try:
        return "; ".join(str(x) for x in list(v))
    except TypeError:
        return v


def _articles(store: Store, df: pd.DataFrame) -> pd.DataFrame:
    arts = store.df("SELECT id AS article_id, title AS article_title, source AS article_outlet, url AS article_url, "
                    "published AS article_date, language AS article_language FROM v_articles")
    return df.merge(arts, on="article_id", how="left")


def store_table(store: Store, kind: str, f: queries.Filters | None = None) -> pd.DataFrame:
    """Every row of ``kind`` matching the filters, shaped for export (the columns above)."""
    from core import queries
    f = f or queries.Filters()
    if kind == "events":
        w, p = queries.event_where(f)
        df = store.df(f"SELECT * FROM v_event_incidents{w} ORDER BY date NULLS LAST, article_id, start", p)
        df = _articles(store, df)
        df["event_uid"] = [uid(a, i) for a, i in zip(df["article_id"], df["id"], strict=False)]
        df = df.rename(columns={"id": "event_id", "lat": "latitude", "lon": "longitude"})
        _countries_cols(df, "actor1_country", "actor1_country")
        _countries_cols(df, "actor2_country", "actor2_country")
        _countries_cols(df, "country", "country")
        return df[EVENT_EXPORT]
    if kind == "statements":
        w, p = queries.statement_where(f)
        df = _articles(store, store.df(f"SELECT * FROM v_statements{w} ORDER BY date NULLS LAST, article_id, start", p))
        df["statement_uid"] = [uid(a, i) for a, i in zip(df["article_id"], df["id"], strict=False)]
        return df.rename(columns={"id": "statement_id"})[STATEMENT_EXPORT]
    if kind == "incidents":
        df = queries.incidents(store, f).rename(columns={"lat": "latitude", "lon": "longitude"})
        _countries_cols(df, "actor1_country", "actor1_country")
        _countries_cols(df, "actor2_country", "actor2_country")
        _countries_cols(df, "country", "country")
        return df[INCIDENT_EXPORT + ["updated_at"]]
    raise ValueError(f"unknown table {kind!r}: one of {', '.join(STORE_KINDS)}")


def acled(store: Store, kind: str, f: queries.Filters | None = None) -> pd.DataFrame:
    """The ACLED-shaped table: one row per incident (``incidents``) or per article's event (``events``)."""
    import pandas as pd
    if kind not in ("events", "incidents"):
        raise ValueError("only events and incidents have an ACLED form (statements are not ACLED events)")
    df = store_table(store, kind, f)
    civ = set(store.df("SELECT DISTINCT name FROM actors WHERE type = 'civilians'")["name"])
    types = [acled_type(t, m, isinstance(a2, str) and (a2 in civ or a2.lower().startswith("civilians")))
             for t, m, a2 in zip(df["event_type"], df["mode"], df["actor2"], strict=False)]
    day = pd.to_datetime(df["date"])
    if kind == "incidents":
        source, notes, ids = df["sources"], df["sentence"], df["incident_id"]
        stamp = pd.to_datetime(df["updated_at"])
    else:
        source = df["article_outlet"].fillna(df["reported_by"])
        notes, ids = df["sentence"], df["event_uid"]
        stamp = pd.Series(pd.Timestamp.now(tz="UTC"), index=df.index)
    out = pd.DataFrame({
        "event_id_cnty": ids, "event_date": day.dt.strftime("%Y-%m-%d"), "year": day.dt.year.astype("Int64"),
        "event_type": [t[0] for t in types], "sub_event_type": [t[1] for t in types], "actor1": df["actor1"],
        "actor2": df["actor2"], "country": df["country_name"], "admin1": df["admin1"], "location": df["location"],
        "latitude": df["latitude"], "longitude": df["longitude"], "geo_precision": df["geo_precision"].astype("Int64"),
        "source": source, "notes": notes, "fatalities": df["fatalities"].astype("Int64"),
        "timestamp": pd.Series([None if pd.isna(t) else _epoch(t) for t in stamp], index=df.index, dtype="Int64")})
    return out[ACLED_COLUMNS]


def _epoch(t: Any) -> int:
    """Unix seconds of a stored time (the store keeps UTC without a zone)."""
    import pandas as pd
    t = pd.Timestamp(t)
    return int((t if t.tzinfo else t.tz_localize("UTC")).timestamp())


def _cells(df: pd.DataFrame) -> pd.DataFrame:
    """Lists joined with '; ', dates as YYYY-MM-DD, missing values as empty cells."""
    import pandas as pd
    out = df.copy()
    for c in out.columns:
        s = out[c]
        if s.dtype == object:
            out[c] = s.map(_join)
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[c] = s.dt.strftime("%Y-%m-%d")
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    return _cells(df).to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_xlsx(df: pd.DataFrame, sheet: str) -> bytes:
    """An Excel workbook (openpyxl): a bold frozen header, filters on, readable column widths."""
    import pandas as pd
    from openpyxl.styles import Font
    buf = io.BytesIO()
    data = _cells(df)
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        data.to_excel(xw, index=False, sheet_name=sheet)
        ws = xw.sheets[sheet]
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, c in enumerate(data.columns, 1):
            longest = max([len(str(c))] + [len(str(v)) for v in data[c].head(200).dropna()])
            ws.column_dimensions[ws.cell(1, i).column_letter].width = min(60, max(8, longest + 2))
    return buf.getvalue()


def to_geojson(df: pd.DataFrame) -> bytes:
    """Located rows as GeoJSON points (RFC 7946, WGS 84); properties are plain strings and numbers, as QGIS reads."""
    import pandas as pd
    data = _cells(df)
    feats = []
    for rec in data.to_dict("records"):
        lat, lon = rec.pop("latitude", None), rec.pop("longitude", None)
        if lat is None or lon is None or lat != lat or lon != lon:
            continue
        props = {k: (None if (v is None or (isinstance(v, float) and v != v) or v is pd.NA) else
                     (v.item() if hasattr(v, "item") else v)) for k, v in rec.items()}
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                      "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False).encode("utf-8")


def export(store: Store, kind: str, fmt: str, f: queries.Filters | None = None) -> bytes:
    """``kind`` (events | incidents | statements) in ``fmt`` (csv | xlsx | geojson | acled), as bytes."""
    if kind not in STORE_KINDS:
        raise ValueError(f"unknown table {kind!r}: one of {', '.join(STORE_KINDS)}")
    if fmt == "acled":
        return to_csv(acled(store, kind, f))
    if fmt == "geojson" and kind == "statements":
        raise ValueError("statements have no place of their own: export them as csv or xlsx")
    df = store_table(store, kind, f)
    if kind == "incidents":
        df = df.drop(columns=["updated_at"])
    if fmt == "csv":
        return to_csv(df)
    if fmt == "xlsx":
        return to_xlsx(df, kind)
    if fmt == "geojson":
        return to_geojson(df)
    raise ValueError(f"unknown format {fmt!r}: one of {', '.join(STORE_FORMATS)}")
