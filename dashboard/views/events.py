import pandas as pd
import streamlit as st

from dashboard import filters, state
from dashboard.components import correct, downloads, tables
from dashboard.components.escape import for_markdown

st.title("Events")
f = filters.current()
v = state.version()
c = state.counts(v, f)
correct.note()
view = st.segmented_control("Show", ["Incidents", "Article rows"], default="Incidents", key="events_view",
                            help="An incident is one happening told by one or more articles; article rows are "
                                 "what each article says.") or "Incidents"
if c["events"] == 0:
    st.info("No events match these filters.")
    correct.add_event_panel(f.articles[0] if len(f.articles) == 1 else None)
    st.stop()


def _heading(row) -> str:
    who = " → ".join(for_markdown(x) for x in (row["actor1"] or "unknown actor", row["actor2"] or "unknown") if x)
    where = f" · {for_markdown(row['location'])}" if row["location"] else ""
    return f"{for_markdown(row['event_type'])} · {who}{where}"


def article_row(row) -> None:
    """An article's event row: its paragraph, and the correction panel."""
    st.subheader(_heading(row))  # md-escaped inside
    if row.get("corrected"):
        fields = ", ".join(tables.label(x) for x in list(row.get("corrected_fields") or [])) or "added by hand"
        st.caption(f"Corrected by an analyst: {for_markdown(fields)}.")
    correct.event_panel(row)
    if pd.notna(row.get("start")) and pd.notna(row.get("end")):  # an added row has them when its sentence was found
        tables.context(row, (int(row["start"]), int(row["end"])), "quote")


in_view = f.articles[0] if len(f.articles) == 1 else None  # the article an added row goes to by default
if view == "Incidents":
    df = tables.blank(state.incidents(v, f, state.TABLE_ROWS))
    shown = f" (the newest {len(df):,} are listed; downloads hold all)" if c["incidents"] > len(df) else ""
    st.caption(f"{c['incidents']:,} incidents · told by {c['events']:,} article rows; killed: the lowest figure "
               f"the sources state, each incident once · select one to see its sources{for_markdown(shown)}")
    downloads.buttons("incidents", f)
    inc = tables.selectable(df, tables.INCIDENT_COLUMNS, tables.INCIDENT_CONFIG, key=correct.table_key("incidents_table"))
    focus = st.session_state.get("_incident_focus")
    if inc is None and focus is not None and (df["incident_id"] == focus).any():
        inc = df[df["incident_id"] == focus].iloc[0]  # the incident a merge or split just changed
    if inc is not None:
        st.subheader(_heading(inc))  # md-escaped inside
        tolls = list(inc["tolls"]) if inc["tolls"] is not None else []
        if len(tolls) > 1:
            st.warning(f"The sources differ on the toll: {for_markdown(', '.join(str(t) for t in tolls))} killed. "
                       f"Counted: {int(inc['fatalities'])} (the lowest stated figure).")
        correct.incident_panel(inc)
        rows = tables.blank(state.incident_events(v, inc["incident_id"]))
        rows["n_in_incident"] = len(rows)
        st.caption(f"{int(inc['n_sources'])} source(s) · {len(rows)} article row(s); select one to read or correct it")
        pick = tables.selectable(rows, ["article_date", "outlet", "article_title", "date", "actor1", "actor2",
                                        "location", "fatalities", "sentence", "corrected"],
                                 tables.EVENT_CONFIG, key=correct.table_key("incident_rows"), height=240)
        if pick is not None:
            article_row(pick)
            in_view = pick["article_id"]
else:
    df = tables.blank(state.events(v, f, state.TABLE_ROWS))
    shown = f" (the newest {len(df):,} are listed; downloads hold all)" if c["events"] > len(df) else ""
    st.caption(f"{c['events']:,} article rows · select a row to read it in its paragraph or correct it{for_markdown(shown)}")
    downloads.buttons("events", f)
    row = tables.selectable(tables.marked_events(df), tables.EVENT_COLUMNS, tables.EVENT_CONFIG, key="events_table")
    row = df.loc[row.name] if row is not None else None  # the row as stored, without the table's marks
    if row is not None:
        sizes = df["incident_id"].value_counts()
        row["n_in_incident"] = int(sizes.get(row["incident_id"], 1))
        article_row(row)
        in_view = row["article_id"]

correct.add_event_panel(in_view)
with st.expander("Corrections", icon=":material/history:"):
    correct.log_table()
    correct.undo_any()
