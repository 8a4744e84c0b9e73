import json

import streamlit as st

from core.export import events_csv, geojson
from dashboard import filters, state
from dashboard.components import tables

st.title("Events")
f = filters.current()
v = state.version()
total = state.counts(v, f)["events"]
df = state.events(v, f, state.TABLE_ROWS)
shown = f" (the newest {len(df):,} are listed; downloads hold all)" if total > len(df) else ""
st.caption(f"{total:,} events · select a row to read it in its paragraph{shown}")
if df.empty:
    st.info("No events match these filters.")
    st.stop()


@st.cache_data(show_spinner=False, max_entries=16)
def downloads(v: str, f) -> tuple[str, str, str]:
    """CSV, JSON and GeoJSON of every filtered event (built once per filter and data version)."""
    rows = json.loads(state.events_all(v, f).drop(columns=["article_title"]).to_json(orient="records",
                                                                                   date_format="iso"))
    for r in rows:
        if r.get("date"):
            r["date"] = r["date"][:10]
    return events_csv(rows), json.dumps(rows, ensure_ascii=False), json.dumps(geojson(rows), ensure_ascii=False)


csv_s, json_s, geo_s = downloads(v, f)
c1, c2, c3, _ = st.columns([1, 1, 1, 4])
c1.download_button("CSV", csv_s, "events.csv", "text/csv", width="stretch")
c2.download_button("JSON", json_s, "events.json", "application/json", width="stretch")
c3.download_button("GeoJSON", geo_s, "events.geojson", "application/geo+json", width="stretch")
row = tables.selectable(df, tables.EVENT_COLUMNS, tables.EVENT_CONFIG, key="events_table")
if row is not None:
    st.subheader(f"{row['event_type']} · {row['actor1'] or '?'} → {row['actor2'] or '?'}")
    tables.context(row, (int(row["start"]), int(row["end"])), "quote")
