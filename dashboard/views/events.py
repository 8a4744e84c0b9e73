import json

import streamlit as st

from core.export import events_csv, geojson
from dashboard import filters, state
from dashboard.components import tables

st.title("Events")
f = filters.current()
v = state.version()
df = state.events(v, f)
st.caption(f"{len(df):,} events · select a row to read it in its paragraph")
if df.empty:
    st.info("No events match these filters.")
    st.stop()
records = json.loads(df.drop(columns=["article_title"]).to_json(orient="records", date_format="iso"))
for r in records:
    if r.get("date"):
        r["date"] = r["date"][:10]
c1, c2, c3, _ = st.columns([1, 1, 1, 4])
c1.download_button("CSV", events_csv(records), "events.csv", "text/csv", width="stretch")
c2.download_button("JSON", json.dumps(records, ensure_ascii=False, indent=1), "events.json", "application/json",
                   width="stretch")
c3.download_button("GeoJSON", json.dumps(geojson(records), ensure_ascii=False), "events.geojson",
                   "application/geo+json", width="stretch")
row = tables.selectable(df, tables.EVENT_COLUMNS, tables.EVENT_CONFIG, key="events_table")
if row is not None:
    st.subheader(f"{row['event_type']} · {row['actor1'] or '?'} → {row['actor2'] or '?'}")
    tables.context(row, (int(row["start"]), int(row["end"])), "quote")
