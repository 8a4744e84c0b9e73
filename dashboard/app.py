"""EventDesk: the frame of the multipage app (navigation and the shared sidebar)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import filters, state  # noqa: E402
from dashboard.components import viewport  # noqa: E402

st.set_page_config(page_title="EventDesk", page_icon=str(ROOT / "dashboard" / "static" / "favicon.png"), layout="wide")

PAGES = ROOT / "dashboard" / "views"
pages = {
    "Desk": [
        st.Page(PAGES / "overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page(PAGES / "timeline.py", title="Timeline", icon=":material/timeline:"),
        st.Page(PAGES / "map.py", title="Map", icon=":material/map:"),
    ],
    "Tables": [
        st.Page(PAGES / "statements.py", title="Statements", icon=":material/record_voice_over:"),
        st.Page(PAGES / "events.py", title="Events", icon=":material/bolt:"),
        st.Page(PAGES / "articles.py", title="Articles", icon=":material/article:"),
        st.Page(PAGES / "actors.py", title="Actors", icon=":material/hub:"),
    ],
    "Add": [
        st.Page(PAGES / "upload.py", title="Upload", icon=":material/upload_file:"),
        st.Page(PAGES / "settings.py", title="Settings", icon=":material/settings:"),
    ],
}
nav = st.navigation(pages)
state.banner()
filters.sidebar()
with st.sidebar:
    viewport.mount()  # the window's height, for the tables
nav.run()
