"""Correcting a row in the dashboard: fields, reject, split from its incident, undo (core.corrections)."""
from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from core import corrections as cx
from dashboard import state
from dashboard.components.escape import for_markdown
from dashboard.components.tables import label
from dashboard.filters import EVENT_TYPES

EVENT_TEXT = ("actor1", "actor2", "location", "mode", "reported_by")
STATEMENT_TEXT = ("speaker", "speaker_role", "speaker_actor", "channel", "verb")


def _v(row: pd.Series, k: str) -> Any:
    v = row.get(k)
    if v is None or (not isinstance(v, list | tuple) and not hasattr(v, "__len__") and pd.isna(v)):
        return None
    return v


def _day(v: Any) -> date | None:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    return pd.Timestamp(v).date()


def _done(message: str) -> None:
    st.session_state["_correction_note"] = message  # the data version moved: every cached read is fresh
    st.rerun()


def note() -> None:
    """What the last correction did (shown once, after the rerun it caused)."""
    msg = st.session_state.pop("_correction_note", None)
    if msg:
        st.success(for_markdown(msg))  # messages name titles and fields: escaped here, once


def event_panel(row: pd.Series) -> None:
    """A form to correct an event row, and buttons to reject it, take it out of its incident or undo."""
    t = cx.Target("event", row["article_id"], row["anchor"])
    key = f"{row['article_id'][:12]}_{row['anchor']}"
    with st.expander("Correct this row", expanded=False, icon=":material/edit:"):
        with st.form(f"fix_event_{key}", border=False):
            a, b, c = st.columns(3)
            et = a.selectbox(label("event_type"), EVENT_TYPES, index=EVENT_TYPES.index(row["event_type"])
                             if row["event_type"] in EVENT_TYPES else 0, key=f"fix_type_{key}")
            day = b.date_input(label("date"), value=_day(row.get("date")), format="YYYY-MM-DD", key=f"fix_date_{key}")
            killed = c.number_input(label("fatalities"), min_value=0, step=1, key=f"fix_killed_{key}",
                                    value=None if _v(row, "fatalities") is None else int(row["fatalities"]))
            cols = st.columns(len(EVENT_TEXT))
            texts = {f: col.text_input(label(f), value=_v(row, f) or "", key=f"fix_{f}_{key}")
                     for col, f in zip(cols, EVENT_TEXT, strict=False)}
            if st.form_submit_button("Save corrections", type="primary"):
                changes: dict[str, Any] = {"event_type": et, "date": day, "fatalities": killed}
                changes.update({f: (v.strip() or None) for f, v in texts.items()})
                ids = cx.correct(state.store(), t, changes)
                _done(f"{len(ids)} field(s) corrected." if ids else "Nothing changed.")
        x, y, z = st.columns(3)
        if x.button("Reject this row", key=f"reject_{key}", icon=":material/block:",
                    help="Not an event: hidden from every page and export (the parsed row is kept; undo below)"):
            cx.reject(state.store(), t)
            _done("Row rejected.")
        if y.button("Take out of its incident", key=f"split_{key}", icon=":material/call_split:",
                    disabled=int(row.get("n_in_incident", 1) or 1) < 2):
            cx.split_event(state.store(), (row["article_id"], row["anchor"]))
            _done("The row is an incident of its own now.")
        undo_panel(row["article_id"], z, key, anchor=row["anchor"])


def statement_panel(row: pd.Series) -> None:
    t = cx.Target("statement", row["article_id"], row["anchor"])
    key = f"{row['article_id'][:12]}_{row['anchor']}"
    with st.expander("Correct this row", expanded=False, icon=":material/edit:"):
        with st.form(f"fix_statement_{key}", border=False):
            cols = st.columns(len(STATEMENT_TEXT))
            texts = {f: col.text_input(label(f), value=_v(row, f) or "", key=f"fix_{f}_{key}")
                     for col, f in zip(cols, STATEMENT_TEXT, strict=False)}
            a, b = st.columns([1, 2])
            kind = a.selectbox(label("kind"), ["direct", "indirect"], index=0 if row["kind"] == "direct" else 1,
                               key=f"fix_kind_{key}")
            targets = b.text_input(label("targets") + " (comma-separated)", key=f"fix_targets_{key}",
                                   value=", ".join(list(_v(row, "targets") or [])))
            if st.form_submit_button("Save corrections", type="primary"):
                changes: dict[str, Any] = {f: (v.strip() or None) for f, v in texts.items()}
                changes["kind"] = kind
                changes["targets"] = [x.strip() for x in targets.split(",") if x.strip()]
                ids = cx.correct(state.store(), t, changes)
                _done(f"{len(ids)} field(s) corrected." if ids else "Nothing changed.")
        x, z = st.columns(2)
        if x.button("Reject this row", key=f"reject_{key}", icon=":material/block:"):
            cx.reject(state.store(), t)
            _done("Row rejected.")
        undo_panel(row["article_id"], z, key, anchor=row["anchor"])


def undo_panel(article_id: str, where, key: str, anchor: str | None = None) -> None:
    """Undo the newest live correction of this row (or of the article)."""
    log = cx.log(state.store(), article_id)
    live = log[log["undone_at"].isna()]
    if anchor is not None:
        live = live[live["anchor"] == anchor]
    if live.empty:
        where.caption("No correction of this row yet.")
        return
    last = live.iloc[0]
    what = f"{last['action']} {label(last['field'])}" if last["field"] else str(last["action"])
    if where.button(f"Undo: {for_markdown(what)}", key=f"undo_{key}", icon=":material/undo:",
                    help=f"By {for_markdown(last['who'])} at {for_markdown(str(last['made_at'])[:16])}"):
        cx.undo(state.store(), int(last["id"]))
        _done(f"Undone: {what}.")


def log_table(article_id: str | None = None) -> None:
    """Every correction (newest first), marked when undone or when its row is no longer found."""
    log = cx.log(state.store(), article_id)
    if log.empty:
        st.caption("No corrections yet.")
        return
    show = pd.DataFrame({
        "when": log["made_at"], "who": log["who"], "what": log["target"] + " · " + log["action"],
        "field": log["field"].map(lambda f: label(f) if isinstance(f, str) else ""),
        "old": log["old"].fillna(""), "new": log["new"].fillna(""),
        "state": ["undone" if pd.notna(u) else ("row not found after a re-parse" if o else "applied")
                  for u, o in zip(log["undone_at"], log["orphaned"], strict=False)]})
    st.dataframe(show, hide_index=True, width="stretch", placeholder="", column_config={
        "when": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm"), "who": "Who", "what": "What",
        "field": "Field", "old": "Was", "new": "Now", "state": "State"})


def article_date(art: dict[str, Any]) -> None:
    """Set (or change) an article's date: a correction, then a re-parse that re-dates its events."""
    key = art["id"][:12]
    current = _day(art.get("published"))
    with st.form(f"date_{key}", border=True):
        st.markdown("**Publication date**" + ("" if current else " · :orange-background[this article has no date]"))
        a, b = st.columns([1, 2])
        day = a.date_input("Published", value=current, format="YYYY-MM-DD", key=f"set_date_{key}",
                           label_visibility="collapsed")
        b.caption("Its events' dates are read again from it: 'on Friday' and 'i går' count from this date.")
        if st.form_submit_button("Set date", type="primary") and day and day != current:
            with st.spinner("Reading the article again with this date…"):
                cx.set_article_date(state.store(), art["id"], day)
            _done(f"Date set to {day:%Y-%m-%d}; its events were read again ({art.get('title') or ''}).")
