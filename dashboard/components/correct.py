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


def _article_choice(key: str, default: str | None) -> str | None:
    """Pick an article (newest first, by title); ``default`` (the row in view, or the filtered article) first."""
    opts = state.article_options(state.version())
    titles = dict(zip(opts["id"], opts["title"], strict=False))
    ids = list(titles)
    if default and default not in titles:
        art = state.article_detail(state.version(), default)[0]
        if art is not None:
            titles[default] = art.get("title") or default[:12]
            ids.insert(0, default)
    if not ids:
        st.caption("No articles in the store yet.")
        return None
    index = ids.index(default) if default in ids else 0
    return st.selectbox("Article", ids, index=index, key=key,
                        format_func=lambda i: f"{(titles.get(i) or 'untitled')[:90]} · {i[:8]}")


def _submit_added(kind: str, article_id: str, row: dict[str, Any], what: str) -> None:
    try:
        cid = cx.add_row(state.store(), kind, article_id, row)
    except ValueError as exc:
        st.error(f"Nothing was added: {for_markdown(exc)}. Your entries are kept; correct them and add again.")
        return
    _done(f"{what} added by hand (correction {cid}); it is marked as added and can be undone below.")


def add_event_panel(default_article: str | None) -> None:
    """A form for an event the parser missed: its article, type, date, actors, place (looked up), toll, sentence."""
    with st.expander("Add a missed event", icon=":material/add_circle:"):
        aid = _article_choice("add_event_article", default_article)
        if aid is None:
            return
        with st.form("add_event", border=False):
            a, b, c = st.columns(3)
            et = a.selectbox(label("event_type"), EVENT_TYPES, key="add_event_type")
            day = b.date_input(label("date"), value=None, format="YYYY-MM-DD", key="add_event_date",
                               help="Empty: the row has no date (undated rows are not grouped into incidents)")
            killed = c.number_input(label("fatalities"), min_value=0, step=1, value=None, key="add_event_killed")
            d, e, g = st.columns(3)
            actor1 = d.text_input(label("actor1"), key="add_event_actor1")
            actor2 = e.text_input(label("actor2"), key="add_event_actor2")
            place = g.text_input(label("location"), key="add_event_place",
                                 help="One of the article's places, or a name the offline gazetteer knows")
            sentence = st.text_area(label("sentence"), key="add_event_sentence", height=80,
                                    placeholder="Paste the sentence that reports it (found in the article, it is "
                                                "marked there)")
            if not st.form_submit_button("Add this event", type="primary"):
                return
        row: dict[str, Any] = {"event_type": et, "date": day, "fatalities": killed, "actor1": actor1,
                               "actor2": actor2, "sentence": sentence, "trigger": None}
        if place.strip():
            where = cx.locate(state.store(), aid, place)
            if where is None:
                st.error(f"Nothing was added: the place {for_markdown(place.strip()[:80])} is neither one of the "
                         "article's places nor in the offline gazetteer. Try another spelling, or leave it empty.")
                return
            row.update(where)
        span = cx.find_span(state.store(), aid, sentence) if sentence.strip() else None
        if span is not None:
            row.update(start=span[0], end=span[1])
        _submit_added("event", aid, row, "Event")


def add_statement_panel(default_article: str | None) -> None:
    """A form for a statement the parser missed: its article, speaker, quote and how it was said."""
    with st.expander("Add a missed statement", icon=":material/add_circle:"):
        aid = _article_choice("add_statement_article", default_article)
        if aid is None:
            return
        with st.form("add_statement", border=False):
            a, b, c = st.columns(3)
            speaker = a.text_input(label("speaker"), key="add_st_speaker")
            role = b.text_input(label("speaker_role"), key="add_st_role")
            actor = c.text_input(label("speaker_actor"), key="add_st_actor")
            quote = st.text_area(label("quote"), key="add_st_quote", height=80,
                                 placeholder="What was said (found in the article, it is marked there)")
            d, e, g, h = st.columns(4)
            kind = d.selectbox(label("kind"), list(cx.STATEMENT_KINDS), key="add_st_kind")
            day = e.date_input(label("date"), value=None, format="YYYY-MM-DD", key="add_st_date")
            channel = g.text_input(label("channel"), key="add_st_channel")
            targets = h.text_input(label("targets") + " (comma-separated)", key="add_st_targets")
            if not st.form_submit_button("Add this statement", type="primary"):
                return
        row: dict[str, Any] = {"speaker": speaker, "speaker_role": role, "speaker_actor": actor, "quote": quote,
                               "kind": kind, "date": day, "channel": channel,
                               "targets": [x.strip() for x in targets.split(",") if x.strip()]}
        span = cx.find_span(state.store(), aid, quote) if quote.strip() else None
        if span is not None:
            row.update(start=span[0], end=span[1], quote_start=span[0], quote_end=span[1])
        _submit_added("statement", aid, row, "Statement")


def _incident_line(r: pd.Series) -> str:
    """One candidate incident as plain text (a selectbox option: never Markdown)."""
    when = "undated" if pd.isna(r["date"]) else str(r["date"])[:10]
    who = " → ".join(str(x) for x in (r["actor1"], r["actor2"]) if isinstance(x, str) and x) or "no actor"
    where = r["location"] if isinstance(r["location"], str) and r["location"] else "no place"
    far = "" if pd.isna(r["km"]) else f" · {r['km']:,.0f} km away"
    return f"{when} · {r['event_type']} · {who} · {where} · {int(r['n_sources'])} source(s){far}"


def incident_panel(inc: pd.Series) -> None:
    """Merge the incident in view with another (nearby in time and place), and undo its merges."""
    from core import incidents
    s = state.store()
    with st.expander("Merge with another incident", icon=":material/merge:"):
        if pd.isna(inc["date"]):
            st.caption("An undated incident has nothing to merge with by date: set its article's date first "
                       "(Articles page).")
            return
        cands = incidents.merge_candidates(s, inc["incident_id"])
        if cands.empty:
            st.caption("No other incident within three days of this one.")
        else:
            lines = {r["incident_id"]: _incident_line(r) for _, r in cands.iterrows()}
            other = st.selectbox("The same happening as", list(lines), format_func=lines.get,
                                 key=f"merge_pick_{inc['incident_id']}",
                                 help="Incidents within three days of this one: the same type first, then the nearest")
            if st.button("Merge the two", key=f"merge_{inc['incident_id']}", icon=":material/merge:", type="primary",
                         help="One incident from then on, with the sources of both (undo below)"):
                a, b = incidents.first_member(s, inc["incident_id"]), incidents.first_member(s, other)
                try:
                    if a is None or b is None:
                        raise ValueError("one of the incidents has no rows any more")
                    cx.merge_incidents(s, a, b)
                except ValueError as exc:
                    st.error(f"Not merged: {for_markdown(exc)}.")
                    return
                merged = s.scalar("SELECT incident_id FROM v_event_incidents WHERE article_id = ? AND anchor = ?",
                                  list(a))
                refocus(merged)
                n = s.scalar("SELECT n_sources FROM incidents WHERE incident_id = ?", [merged])
                _done(f"Merged: one incident now, told by {int(n or 0)} source(s). Undo it below.")
        _merge_undo(inc)


def _merge_undo(inc: pd.Series) -> None:
    """An undo button for each live merge that joined rows of this incident."""
    import json
    members = {(r.article_id, r.anchor) for r in state.incident_events(state.version(), inc["incident_id"])
               .itertuples(index=False)}
    log = cx.log(state.store())
    live = log[(log["target"] == "incident") & (log["action"] == "merge") & log["undone_at"].isna()]
    for r in live.itertuples(index=False):
        other = tuple(json.loads(r.new))
        if (r.article_id, r.anchor) not in members and other not in members:
            continue
        when = str(r.made_at)[:16]
        if st.button(f"Undo the merge of {for_markdown(when)} by {for_markdown(r.who)}", key=f"undo_merge_{r.id}",
                     icon=":material/undo:"):
            cx.undo(state.store(), int(r.id))
            refocus(inc["incident_id"])
            _done("Merge undone: the incidents are apart again.")


def refocus(incident_id: str | None) -> None:
    """After a merge, split or undo the table's rows move: clear its selection and show this incident instead."""
    st.session_state["_incident_focus"] = incident_id
    st.session_state["_table_gen"] = st.session_state.get("_table_gen", 0) + 1


def table_key(name: str) -> str:
    gen = st.session_state.get("_table_gen", 0)
    return name if not gen else f"{name}_{gen}"


def undo_any() -> None:
    """Undo any live correction, chosen from the newest 200 (the log above shows them all)."""
    log = cx.log(state.store())
    live = log[log["undone_at"].isna()].head(200)
    if live.empty:
        return
    lines = {int(r.id): f"#{int(r.id)} · {str(r.made_at)[:16]} · {r.who} · {r.target} {r.action}"
                        + (f" {label(r.field)}" if isinstance(r.field, str) else "")
                        + (f": {str(r.old)[:30]} → {str(r.new)[:30]}" if r.action == "set" else "")
             for r in live.itertuples(index=False)}
    a, b = st.columns([4, 1])
    pick = a.selectbox("Undo a correction", list(lines), format_func=lines.get, key="undo_pick")
    if b.button("Undo it", key="undo_any", icon=":material/undo:"):
        cx.undo(state.store(), int(pick))
        if live.set_index("id").loc[pick, "target"] == "incident":
            refocus(None)
        _done(f"Undone: {lines[pick]}.")
