"""The browser window's height, so that tables fill the window instead of a fixed number of rows.

A small script of our own (``st.components.v2``; no article text reaches it) reports
``window.innerHeight`` when the page opens and after the window is resized; the tables
take what is left below a page's heading. Until the first report (and in AppTest) the
height is ``DEFAULT``.
"""
from __future__ import annotations

import streamlit as st

DEFAULT = 1000   # px: a laptop window, until the browser has told its own
STEP = 40        # px: smaller changes of the window are not worth a rerun
MIN_TABLE = 320  # px: about seven rows, the least a table shrinks to
KEY = "window"

_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  const known = (data && data.known) || 0;
  const report = () => {
    const h = Math.round(window.innerHeight);
    if (Math.abs(h - known) >= STEP_PX) { setStateValue("height", h); }
  };
  report();
  let timer = null;
  const onResize = () => { clearTimeout(timer); timer = setTimeout(report, 250); };
  window.addEventListener("resize", onResize);
  return () => { window.removeEventListener("resize", onResize); clearTimeout(timer); };
}
""".replace("STEP_PX", str(STEP))

_window = st.components.v2.component("eventdesk_window", js=_JS)


def _noop() -> None:
    """The new height is read on the rerun that its report causes."""


def mount() -> None:
    """Once per run (the app's frame mounts it at the foot of the sidebar, where it takes no room)."""
    _window(key=KEY, data={"known": window_height()}, default={"height": None}, on_height_change=_noop, height=1)


def window_height() -> int:
    state = st.session_state.get(KEY)
    h = state.get("height") if state is not None and hasattr(state, "get") else None
    return int(h) if isinstance(h, int | float) and h > 0 else DEFAULT


def table_height(reserve: int = 330) -> int:
    """A table's height: the window less ``reserve`` px for what stands above and below it (at least MIN_TABLE)."""
    return max(MIN_TABLE, window_height() - reserve)
