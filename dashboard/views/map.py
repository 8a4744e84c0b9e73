import streamlit as st

from dashboard import filters, state
from dashboard.components import map as mapc
from dashboard.components import viewport
from dashboard.components.escape import for_markdown as md

st.title("Map")
f = filters.current()
v = state.version()
layers = st.pills("Layers", ["events", "statements", "places"], selection_mode="multi",
                  default=["events", "places"], key="map_layers")


@st.fragment
def draw(layers: tuple[str, ...]) -> None:
    layer = state.event_layer(v, f)  # the markers, built once per data version and filters
    places = state.places(v, f)
    statements = state.statements(v, f, state.MAP_POINTS) if "statements" in layers else None
    total, located = state.counts(v, f)["events"], state.located_events(v, f)
    m = mapc.build(None, places, statements, layers=layers, tiles=state.setting("tiles", "off") == "on", layer=layer)
    mapc.show(m, height=viewport.table_height(reserve=380), key="main_map")  # the window's height
    if layer.types:
        st.markdown(mapc.legend_markdown(list(layer.types)))
    capped = f" The newest {layer.n:,} are drawn; narrow the filters for others." if located > layer.n else ""
    st.caption(f"{located:,} of {total:,} events have a place.{md(capped)} Marker size grows with people killed. "
               "Borders are drawn offline; switch on map tiles in Settings if this machine is online.")


draw(tuple(layers or ()))
