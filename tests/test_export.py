"""The store's exports (core.export and `python -m core export`): columns, ACLED shape, GeoJSON, Excel."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest

from core import export
from core.store import Store
from tests.conftest import ROOT
from tests.wire_incidents import store_with


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "x.duckdb"
    s = Store(path)
    store_with(s)
    s.close()
    return path


@pytest.fixture
def store(db):
    s = Store(db)
    yield s
    s.close()


def test_events_carry_their_article_a_global_id_and_one_country_scheme_per_column(store):
    df = pd.read_csv(io.BytesIO(export.export(store, "events", "csv")), keep_default_na=False)
    assert list(df.columns) == export.EVENT_EXPORT
    assert df["event_uid"].is_unique and (df["event_id"] == "e1").sum() == 6  # "e1" alone repeats in every article
    assert set(df["article_outlet"]) == {"NTB", "Wire", "Desk", "Agency"}
    assert df["article_title"].str.len().gt(0).all() and df["article_url"].str.startswith("https://").all()
    for col in ("country_iso3", "actor1_country_iso3", "actor2_country_iso3"):
        assert df[col].map(lambda c: c == "" or (len(c) == 3 and c.isupper())).all(), col
    row = df[df["location"] == "Saraqib"].iloc[0]
    assert (row["country_iso3"], row["country_name"], row["admin1"]) == ("SYR", "Syria", "Idlib")
    assert (row["actor2_country_iso3"], row["actor2_country_name"]) == ("TUR", "Türkiye")  # CLDR English names
    assert "None" not in df.to_csv() and "nan" not in df.to_csv().lower().replace("nan ", "")


def test_incidents_export_has_the_analysts_columns(store):
    df = pd.read_csv(io.BytesIO(export.export(store, "incidents", "csv")))
    for col in ("incident_id", "n_sources", "sources", "event_type", "date", "location", "fatalities"):
        assert col in df.columns
    soldiers = df[df["location"] == "Saraqib"].iloc[0]
    assert soldiers["n_sources"] == 3 and soldiers["fatalities"] == 33 and soldiers["tolls"] == "33; 34"
    assert len(df) == 5


def test_statements_export(store):
    df = pd.read_csv(io.BytesIO(export.export(store, "statements", "csv")))
    assert list(df.columns) == export.STATEMENT_EXPORT and df.iloc[0]["targets"] == "Syria"
    with pytest.raises(ValueError, match="no place"):
        export.export(store, "statements", "geojson")
    with pytest.raises(ValueError, match="ACLED"):
        export.export(store, "statements", "acled")


def test_acled_csv_round_trips_through_pandas(store):
    data = export.export(store, "incidents", "acled")
    df = pd.read_csv(io.BytesIO(data), parse_dates=["event_date"])
    assert list(df.columns) == export.ACLED_COLUMNS
    again = pd.read_csv(io.BytesIO(df.to_csv(index=False).encode()), parse_dates=["event_date"])
    pd.testing.assert_frame_equal(df, again)
    assert df["year"].dtype.kind == "i" and df["timestamp"].dtype.kind == "i" and df["timestamp"].min() > 1.7e9
    soldiers = df[df["location"] == "Saraqib"].iloc[0]
    assert (soldiers["event_type"], soldiers["sub_event_type"]) == ("Battles", "Armed clash")
    assert soldiers["fatalities"] == 33 and soldiers["admin1"] == "Idlib" and soldiers["country"] == "Syria"
    assert "NTB" in soldiers["source"] and "Wire" in soldiers["source"]
    call = df[df["event_type"] == "Strategic developments"]
    assert len(call) == 1 and call.iloc[0]["sub_event_type"] == "Other"


def test_acled_types_come_from_the_documented_table():
    assert export.acled_type("ASSAULT", "aerial", False) == ("Explosions/Remote violence", "Air/drone strike")
    assert export.acled_type("ASSAULT", None, True) == ("Violence against civilians", "Attack")
    assert export.acled_type("PROTEST", None, False) == ("Protests", "Peaceful protest")
    plover = {r[0] for r in export.acled_table()}
    from dashboard.filters import EVENT_TYPES
    assert plover == set(EVENT_TYPES)  # every PLOVER type has a row


def test_geojson_is_a_feature_collection_qgis_reads(store):
    doc = json.loads(export.export(store, "events", "geojson"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 8  # the phone call has no place
    for feat in doc["features"]:
        lon, lat = feat["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert all(v is None or isinstance(v, str | int | float | bool) for v in feat["properties"].values())
    inc = json.loads(export.export(store, "incidents", "geojson"))
    assert len(inc["features"]) == 4


def test_xlsx_opens_with_openpyxl(store):
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(export.export(store, "incidents", "xlsx")))
    ws = wb["incidents"]
    header = [c.value for c in ws[1]]
    assert header == export.INCIDENT_EXPORT and ws.max_row == 6 and ws.freeze_panes == "A2"
    assert all(c.value != "None" for row in ws.iter_rows() for c in row)


def test_command_line_export(db, tmp_path):
    out = tmp_path / "inc.csv"
    run = subprocess.run([sys.executable, "-m", "core", "export", "incidents", "--format", "acled", "--db", str(db),
                          "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert list(pd.read_csv(out).columns) == export.ACLED_COLUMNS
    run = subprocess.run([sys.executable, "-m", "core", "export", "statements", "--db", str(db)],
                         capture_output=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0 and run.stdout.startswith(b"statement_uid,")
    bad = subprocess.run([sys.executable, "-m", "core", "export", "events", "--db", str(tmp_path / "none.duckdb")],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert bad.returncode == 2 and bad.stdout == "" and "no store" in bad.stderr
