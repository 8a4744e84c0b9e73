import streamlit as st

from core import archive
from core.lexicon import lexicon_files
from core.store import DB_ENV
from dashboard import state
from dashboard.components.escape import for_markdown as md

st.title("Settings")
s = state.store()
st.subheader("Store")
c = s.counts()
st.write(f"The store is **{md(s.path)}** (set `{DB_ENV}` to use another file).")
st.caption(", ".join(f"{v:,} {md(k)}" for k, v in c.items()))

st.subheader("Archive")
arc = archive.summary(s.scalar("SELECT value FROM meta WHERE key = 'archive.path'"))
if arc is None:
    st.caption("No Parquet archive. `python -m core ingest FOLDER --engine dask` builds one (README: on a cluster).")
else:
    how = "read in place (attached)" if s.attached_archive() else "copied into the store"
    st.write(f"**{md(arc['path'])}**: {arc['bytes'] / 2**20:,.1f} MB of Parquet in {arc['partitions']:,} partitions, "
             f"{md(how)}.")
    if (run := arc["last_run"]) is not None:
        st.caption(f"Last ingest {md(run['started'].replace('T', ' ').replace('+00:00', ' UTC'))} ({md(run['engine'])}"
                   + (f" on {run['workers']:,} workers" if "workers" in run else "") + "): "
                   + ", ".join(f"{run[k]:,} {md(k)}" for k in ("files", "added", "skipped", "failed") if k in run)
                   + f" in {run['seconds']:,} s.")
failed = s.df("SELECT file, reason, failed_at FROM ingest_failures ORDER BY failed_at DESC LIMIT 200")
if not failed.empty:
    n = s.scalar("SELECT count(*) FROM ingest_failures")
    st.write(f"**{n:,} file{md('s' * (n != 1))} could not be parsed** "
             "(the newest 200 below; all: `python -m core archive failures`).")
    st.dataframe(failed, hide_index=True, width="stretch", placeholder="")

st.subheader("Geocoding and map")
online = st.toggle("Online geocoding (Nominatim) for places the offline gazetteer does not know",
                   value=state.setting("online_geocoding", "off") == "on", disabled=not state.writable(),
                   help="Off by default. When on, unknown names are sent to Nominatim (one per second); "
                        "every answer is kept in the store so a name is asked once.")
tiles = st.toggle("Online map tiles (OpenStreetMap)", value=state.setting("tiles", "off") == "on",
                  disabled=not state.writable(),
                  help="Off by default: the map draws country borders from a file of its own.")
if online != (state.setting("online_geocoding", "off") == "on"):
    state.set_setting("online_geocoding", "on" if online else "off")
if tiles != (state.setting("tiles", "off") == "on"):
    state.set_setting("tiles", "on" if tiles else "off")

st.subheader("Language pipelines")
for lang, name in state.pipeline_labels().items():
    st.write(f"**{md(lang)}**: {md(name)}")

st.subheader("Lexicon files in use")
st.caption("Plain tab-separated files, one concept each; edit them to add actors, roles, triggers or places.")
st.dataframe([{"file": p.name, "rows": sum(1 for ln in p.read_text(encoding='utf-8').splitlines()
                                           if ln.strip() and not ln.startswith('#')), "path": str(p)}
              for p in lexicon_files()], hide_index=True, width="stretch")
