import pandas as pd
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
row = None
if df.empty:
    st.info("No statements match these filters.")
else:
    st.caption(f"{total:,} statements · select a row to read it in its paragraph or correct it{for_markdown(shown)}")
    downloads.buttons("statements", f, formats=("csv", "xlsx"))
    df = tables.blank(df)
    row = tables.selectable(df, tables.STATEMENT_COLUMNS, tables.STATEMENT_CONFIG, key="statements_table")
if row is not None:
    st.subheader(f"{for_markdown(row['speaker'])} · {for_markdown(row['kind'])}")
    if row.get("corrected"):
        st.caption("Corrected by an analyst: " + for_markdown(", ".join(tables.label(x) for x in list(
            row["corrected_fields"])) or "added by hand") + ".")
    correct.statement_panel(row)
    if pd.notna(row.get("quote_start")) and pd.notna(row.get("quote_end")):  # an added row may have no place
        tables.context(row, (int(row["quote_start"]), int(row["quote_end"])), "quote")

correct.add_statement_panel(row["article_id"] if row is not None else (f.articles[0] if len(f.articles) == 1 else None))
with st.expander("Corrections", icon=":material/history:"):
    correct.log_table()
    correct.undo_any()
