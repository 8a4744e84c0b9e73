import streamlit as st

from dashboard import filters, state
from dashboard.components import map as mapc
from dashboard.components import timeline

st.title("Overview")
f = filters.current()
v = state.version()
c = state.counts(v, f)
cols = st.columns(5)
for col, (label, key) in zip(cols, [("Articles", "articles"), ("Events", "events"), ("Statements", "statements"),
                                    ("Reported killed", "fatalities"), ("Actors", "actors")], strict=False):
    col.metric(label, f"{c[key]:,}")

if c["events"] == 0 and c["statements"] == 0:
    st.info("Nothing matches these filters. Clear them in the sidebar, or add articles on the Upload page.")
    st.stop()

left, right = st.columns([3, 2])
with left:
    st.subheader("Latest events")
    latest = state.events(v, f, 8)[["date", "event_type", "actor1", "actor2", "location", "fatalities"]]
    st.dataframe(latest, hide_index=True, width="stretch", column_config={
        "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"), "event_type": "Type",
        "actor1": "Actor", "actor2": "Acted upon", "location": "Place",
        "fatalities": st.column_config.NumberColumn("Killed", format="%d")})
    st.subheader("Events per day")
    st.plotly_chart(timeline.small(state.by_day(v, f)[0]), width="stretch", key="overview_timeline")
with right:
    st.subheader("Most active actors")
    top = state.top_actors(v, f, 10)
    st.dataframe(top, hide_index=True, width="stretch", column_config={
        "actor": "Actor", "total": st.column_config.ProgressColumn("Rows", format="%d", min_value=0,
                                                                     max_value=int(top["total"].max() or 1)),
        "acts": "Acts", "acted_upon": "Acted upon", "speaks": "Speaks"})
    st.subheader("Where")
    m = mapc.build(state.events(v, f, state.MAP_POINTS, located=True), state.places(v, f), layers=("events",),
                   tiles=state.setting("tiles", "off") == "on")
    mapc.show(m, height=300, key="overview_map")
