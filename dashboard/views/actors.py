import streamlit as st

from dashboard import filters, state
from dashboard.components import network

st.title("Actors")
f = filters.current()
v = state.version()
edges = state.network(v, f)
if edges.empty:
    st.info("No actor acts on or speaks about another under these filters.")
    st.stop()
fig = network.cached_figure(v, f)
st.caption(f"Who acts on whom (coloured by event type) and who speaks about whom (grey); the {network.MAX_NODES} "
           "most connected actors. Width grows with the number of rows. Click an actor to filter every page by it.")


def _filter_by_clicked_actor() -> None:
    """Runs before the next script run (a callback), when the sidebar's actor filter may still be set."""
    sel = st.session_state.get("actor_network")
    points = sel.selection.points if sel is not None else []
    picked = [p.get("customdata") for p in points if isinstance(p.get("customdata"), str)]
    if picked:
        filters.select_actor(picked[0])


st.plotly_chart(fig, width="stretch", on_select=_filter_by_clicked_actor, selection_mode="points", key="actor_network")
st.subheader("Rows per pair")
st.dataframe(edges.sort_values("n", ascending=False), hide_index=True, width="stretch", placeholder="",
             column_config={"source": "From", "target": "To", "kind": "Type", "n": "Rows"})
