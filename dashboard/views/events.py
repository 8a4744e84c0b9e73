import json

import streamlit as st

from core import queries
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


store = state.store()


def export(fmt: str):
    """Build one download of every filtered event when its button is clicked (not on every page run)."""
    def build() -> str:
        rows = json.loads(queries.events(store, f).drop(columns=["article_title"]).to_json(orient="records",
                                                                                          date_format="iso"))
        for r in rows:
            if r.get("date"):
                r["date"] = r["date"][:10]
        if fmt == "csv":
            return events_csv(rows)
        if fmt == "json":
            return json.dumps(rows, ensure_ascii=False)
        return json.dumps(geojson(rows), ensure_ascii=False)
    return build


c1, c2, c3, _ = st.columns([1, 1, 1, 4])
c1.download_button("CSV", export("csv"), "events.csv", "text/csv", width="stretch", on_click="ignore")
c2.download_button("JSON", export("json"), "events.json", "application/json", width="stretch", on_click="ignore")
c3.download_button("GeoJSON", export("geojson"), "events.geojson", "application/geo+json", width="stretch",
                   on_click="ignore")
row = tables.selectable(df, tables.EVENT_COLUMNS, tables.EVENT_CONFIG, key="events_table")
if row is not None:
    st.subheader(f"{row['event_type']} · {row['actor1'] or '?'} → {row['actor2'] or '?'}")
    tables.context(row, (int(row["start"]), int(row["end"])), "quote")
