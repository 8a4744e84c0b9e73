import streamlit as st

from dashboard import filters, state
from dashboard.components import timeline

st.title("Timeline")
f = filters.current()
v = state.version()
n = state.counts(v, f)
by_day, statements_by_day = state.by_day(v, f)
if by_day.dropna(subset=["date"]).empty and statements_by_day.dropna(subset=["date"]).empty:
    st.info("No dated events or statements match these filters.")
    st.stop()
if n["events"] <= state.TIMELINE_DOTS:
    st.caption("One dot per event (hover for the sentence and actors); below, people reported killed and "
               "statements per day.")
    fig = timeline.figure(state.events(v, f), state.statements(v, f))
else:
    st.caption(f"{n['events']:,} events: daily counts by type (narrow the filters below "
               f"{state.TIMELINE_DOTS:,} events to see one dot per event with its sentence).")
    fig = timeline.daily(by_day, statements_by_day)
st.plotly_chart(fig, width="stretch", key="timeline_chart")
undated = int(by_day.loc[by_day["date"].isna(), "n"].sum())
if undated:
    st.caption(f"{undated:,} events have no date (their article has no publication date) and are not shown.")
