import streamlit as st

from dashboard import filters, state
from dashboard.components import downloads, tables

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


downloads.buttons("events", f)
row = tables.selectable(df, tables.EVENT_COLUMNS, tables.EVENT_CONFIG, key="events_table")
if row is not None:
    st.subheader(f"{row['event_type']} · {row['actor1'] or '?'} → {row['actor2'] or '?'}")
    tables.context(row, (int(row["start"]), int(row["end"])), "quote")
