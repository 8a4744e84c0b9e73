import streamlit as st

from dashboard import filters, state
from dashboard.components import map as mapc
from dashboard.components import tables, timeline
from dashboard.components.escape import for_markdown as md

st.title("Overview")
f = filters.current()
v = state.version()
c = state.counts(v, f)
cols = st.columns(6)
for col, (label, key, why) in zip(cols, [
        ("Articles", "articles", None),
        ("Incidents", "incidents", "One happening however many articles tell it"),
        ("Article rows", "events", "Events as each article tells them"),
        ("Statements", "statements", None),
        ("Reported killed", "fatalities", "Each incident once, at the lowest figure its sources state (ACLED's rule)"),
        ("Actors", "actors", None)], strict=False):
    col.metric(md(label), f"{c[key]:,}", help=md(why) if why else None)

if c["events"] == 0 and c["statements"] == 0:
    st.info("Nothing matches these filters. Clear them in the sidebar, or add articles on the Upload page.")
    st.stop()

left, right = st.columns([3, 2])
with left:
    st.subheader("Latest incidents")
    latest = state.incidents(v, f, 8)[["date", "event_type", "actor1", "actor2", "location", "fatalities", "n_sources"]]
    st.dataframe(latest, hide_index=True, width="stretch", placeholder="", column_config={
        k: tables.INCIDENT_CONFIG[k] for k in latest.columns})
    st.page_link("views/events.py", label="Every incident, and each article's rows", icon=":material/bolt:")
    st.subheader("Incidents per day")
    st.plotly_chart(timeline.small(state.incidents_by_day(v, f)), width="stretch", key="overview_timeline")
with right:
    st.subheader("Most active actors")
    top = state.top_actors(v, f, 10)
    st.dataframe(top, hide_index=True, width="stretch", placeholder="", column_config={
        "actor": "Actor", "total": st.column_config.ProgressColumn("Rows", format="%d", min_value=0,
                                                                     max_value=int(top["total"].max() or 1)),
        "acts": "Acts", "acted_upon": "Acted upon", "speaks": "Speaks"})
    st.subheader("Where")
    m = mapc.build(None, state.places(v, f), layers=("events",), tiles=state.setting("tiles", "off") == "on",
                   layer=state.event_layer(v, f))
    mapc.show(m, height=300, key="overview_map")
