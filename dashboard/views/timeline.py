import streamlit as st

from dashboard import filters, state
from dashboard.components import timeline

st.title("Timeline")
f = filters.current()
v = state.version()
events = state.events(v, f)
statements = state.statements(v, f)
if events.dropna(subset=["date"]).empty and statements.dropna(subset=["date"]).empty:
    st.info("No dated events or statements match these filters.")
    st.stop()
st.caption("One dot per event (hover for the sentence and actors); below, people reported killed and statements per day.")
st.plotly_chart(timeline.figure(events, statements), width="stretch", key="timeline_chart")
undated = int(events["date"].isna().sum())
if undated:
    st.caption(f"{undated} events have no date (their article has no publication date) and are not shown.")
