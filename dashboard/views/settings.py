import streamlit as st

from core.lexicon import lexicon_files
from core.store import DB_ENV
from dashboard import state

st.title("Settings")
s = state.store()
st.subheader("Store")
c = s.counts()
st.write(f"The store is **{s.path}** (set `{DB_ENV}` to use another file).")
st.caption(", ".join(f"{v:,} {k}" for k, v in c.items()))

st.subheader("Geocoding and map")
online = st.toggle("Online geocoding (Nominatim) for places the offline gazetteer does not know",
                   value=state.setting("online_geocoding", "off") == "on",
                   help="Off by default. When on, unknown names are sent to Nominatim (one per second); "
                        "every answer is kept in the store so a name is asked once.")
tiles = st.toggle("Online map tiles (OpenStreetMap)", value=state.setting("tiles", "off") == "on",
                  help="Off by default: the map draws country borders from a file of its own.")
if online != (state.setting("online_geocoding", "off") == "on"):
    state.set_setting("online_geocoding", "on" if online else "off")
if tiles != (state.setting("tiles", "off") == "on"):
    state.set_setting("tiles", "on" if tiles else "off")

st.subheader("Language pipelines")
for lang, name in state.pipelines().items():
    st.write(f"**{lang}**: {name}")

st.subheader("Lexicon files in use")
st.caption("Plain tab-separated files, one concept each; edit them to add actors, roles, triggers or places.")
st.dataframe([{"file": p.name, "rows": sum(1 for ln in p.read_text(encoding='utf-8').splitlines()
                                           if ln.strip() and not ln.startswith('#')), "path": str(p)}
              for p in lexicon_files()], hide_index=True, width="stretch")
