import streamlit as st

from dashboard import filters, state
from dashboard.components import tables

st.title("Statements")
f = filters.current()
v = state.version()
df = state.statements(v, f)
st.caption(f"{len(df):,} statements · select a row to read it in its paragraph")
if df.empty:
    st.info("No statements match these filters.")
    st.stop()
row = tables.selectable(df, tables.STATEMENT_COLUMNS, tables.STATEMENT_CONFIG, key="statements_table")
if row is not None:
    st.subheader(f"{row['speaker']} · {row['kind']}")
    tables.context(row, (int(row["quote_start"]), int(row["quote_end"])), "quote")
