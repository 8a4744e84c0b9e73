"""The sidebar filters shared by every page, bound to the URL so a filtered view is a link."""
from __future__ import annotations

from datetime import date

import streamlit as st

from core import corrections, queries
from dashboard import state

EVENT_TYPES = list(corrections.EVENT_TYPES)  # PLOVER's, in the order analysts scan them
LANGUAGES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
ACTOR_KEY = "f_actors"


def sidebar() -> queries.Filters:
    """Draw the filters once per run and return them (pages read ``current()``)."""
    v = state.version()
    actors = state.actor_options(v)
    arts = state.article_options(v)
    titles = dict(zip(arts["id"], arts["title"], strict=False))
    lo, hi = state.date_bounds(v)
    with st.sidebar:
        st.markdown("### Filters")
        # the URL holds the options as shown, so they are the bare names (a count in the label would change
        # with the data and break links already shared)
        sel_actors = st.multiselect("Actors", options=list(actors["name"]), key=ACTOR_KEY, bind="query-params",
                                    placeholder="All actors", help="Events where the actor, or one under it (Turkish military "
                                    "under Turkey), acts or is acted upon; statements it makes or is about. "
                                    "Listed from the most involved.")
        types = st.multiselect("Event types", EVENT_TYPES, key="f_types", bind="query-params", placeholder="All types")
        dates: tuple[date, ...] = ()
        if lo is not None and hi is not None:
            bounds = (_as_date(lo), _as_date(hi))
            # the range follows the data (new articles show at once) unless the analyst narrowed it
            from_url = "f_dates" in st.query_params and "_date_bounds" not in st.session_state
            current = _as_range(st.session_state.get("f_dates"))
            if not from_url and (current is None or current == st.session_state.get("_date_bounds")):
                st.session_state["f_dates"] = bounds
            st.session_state["_date_bounds"] = bounds
            # value is always the (from, to) pair, so the widget is a range picker (with value=None it is a
            # one-date picker showing the first date); the session state set above takes precedence
            picked = st.date_input("Dates", key="f_dates", format="YYYY-MM-DD", bind="query-params", value=bounds)
            dates = _as_range(picked) or ()
            if dates == bounds:
                dates = ()  # the whole range: rows without a date stay visible too
        langs = st.multiselect("Language", list(LANGUAGES), format_func=LANGUAGES.get, key="f_lang",
                               bind="query-params", placeholder="All languages")
        sel_arts = st.multiselect("Articles", list(titles), format_func=lambda i: titles.get(i, i)[:70],
                                  key="f_articles", bind="query-params", placeholder="All articles")
        text = st.text_input("Search text", key="f_text", bind="query-params", placeholder="words in sentences or quotes")
        if any([sel_actors, types, dates, langs, sel_arts, text]):
            st.button("Clear filters", on_click=clear, width="stretch")
    f = queries.Filters(
        actors=tuple(sel_actors), event_types=tuple(types),
        date_from=dates[0] if dates else None, date_to=dates[1] if len(dates) > 1 else None,
        languages=tuple(langs), articles=tuple(sel_arts), text=text or "")
    st.session_state["_filters"] = f
    return f


def _as_range(v) -> tuple[date, date] | None:
    """A picked date or range as (from, to); one date is that day (the URL keeps a one-day range as one date)."""
    if v is None:
        return None
    items = [x for x in (v if isinstance(v, (tuple, list)) else (v,)) if x is not None]
    if not items:
        return None
    return (_as_date(items[0]), _as_date(items[-1]))


def _as_date(x) -> date:
    return x.date() if hasattr(x, "date") and callable(x.date) else x


def clear() -> None:
    for k in (ACTOR_KEY, "f_types", "f_lang", "f_articles"):
        st.session_state[k] = []
    st.session_state["f_text"] = ""
    if "_date_bounds" in st.session_state:
        st.session_state["f_dates"] = st.session_state["_date_bounds"]  # the whole range again


def current() -> queries.Filters:
    return st.session_state.get("_filters") or queries.Filters()


def select_actor(name: str) -> None:
    """Make one actor the filter on every page (from the network or a table)."""
    st.session_state[ACTOR_KEY] = [name]
