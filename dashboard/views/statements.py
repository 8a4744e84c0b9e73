import streamlit as st

from dashboard import filters, state
from dashboard.components import correct, downloads, tables
from dashboard.components.escape import for_markdown

st.title("Statements")
f = filters.current()
v = state.version()
total = state.counts(v, f)["statements"]
correct.note()
df = state.statements(v, f, state.TABLE_ROWS)
shown = f" (the newest {len(df):,} are listed; narrow the filters to see others)" if total > len(df) else ""
st.caption(f"{total:,} statements · select a row to read it in its paragraph{for_markdown(shown)}")
if df.empty:
    st.info("No statements match these filters.")
    st.stop()
downloads.buttons("statements", f, formats=("csv", "xlsx"))
df = tables.blank(df)
row = tables.selectable(df, tables.STATEMENT_COLUMNS, tables.STATEMENT_CONFIG, key="statements_table")
if row is not None:
    st.subheader(f"{for_markdown(row['speaker'])} · {for_markdown(row['kind'])}")
    if row.get("corrected"):
        st.caption("Corrected by an analyst: " + for_markdown(", ".join(tables.label(x) for x in list(
            row["corrected_fields"])) or "added by hand") + ".")
    correct.statement_panel(row)
    if not row.get("added"):
        tables.context(row, (int(row["quote_start"]), int(row["quote_end"])), "quote")
