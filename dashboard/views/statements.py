import streamlit as st

from dashboard import filters, state
from dashboard.components import tables

st.title("Statements")
f = filters.current()
v = state.version()
total = state.counts(v, f)["statements"]
df = state.statements(v, f, state.TABLE_ROWS)
shown = f" (the newest {len(df):,} are listed; narrow the filters to see others)" if total > len(df) else ""
st.caption(f"{total:,} statements · select a row to read it in its paragraph{shown}")
if df.empty:
    st.info("No statements match these filters.")
    st.stop()
row = tables.selectable(df, tables.STATEMENT_COLUMNS, tables.STATEMENT_CONFIG, key="statements_table")
if row is not None:
    st.subheader(f"{row['speaker']} · {row['kind']}")
    tables.context(row, (int(row["quote_start"]), int(row["quote_end"])), "quote")
