import pandas as pd
import streamlit as st

from dashboard import filters, state
from dashboard.components import correct, highlight, tables, viewport
from dashboard.components.escape import for_markdown

st.title("Articles")
f = filters.current()
v = state.version()
correct.note()
df = state.articles(v, f)
if df.empty:
    st.info("No articles match these filters.")
    st.stop()
if len(df) == state.TABLE_ROWS:
    st.caption(f"The newest {state.TABLE_ROWS:,} of {state.counts(v, f)['articles']:,} articles; filter to narrow them.")
df = df.assign(undated=df["published"].isna())
if df["undated"].any():
    st.warning(f"{int(df['undated'].sum()):,} article(s) have no date, so their events have none: select one and "
               "set its date below (its events are read again with it).")
event = st.dataframe(
    tables.blank(df)[["published", "undated", "title", "source", "language", "events", "statements", "n_chars"]],
    hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="articles_table",
    height="auto" if len(df) <= 10 else max(viewport.MIN_TABLE, viewport.window_height() // 2 - 80), placeholder="",
    column_config={"published": st.column_config.DateColumn("Published", format="YYYY-MM-DD", pinned=True),
                   "undated": st.column_config.CheckboxColumn("No date", width="small",
                                                              help="Set its date below to date its events"),
                   "title": st.column_config.TextColumn("Title", pinned=True, width="large"),
                   "source": "Outlet", "language": "Language", "events": "Events", "statements": "Statements",
                   "n_chars": st.column_config.NumberColumn("Characters", format="%d")})
rows = event.selection.rows
chosen = df.iloc[rows[0]]["id"] if rows else (f.articles[0] if len(f.articles) == 1 else df.iloc[0]["id"])
doc = state.parsed_dict(chosen)
if doc is None:
    st.stop()
art = doc["article"]
st.subheader(for_markdown(art.get("title") or "Untitled article"))
published = art.get("published")
day = "no date" if pd.isna(published) else str(published)[:10]
st.caption(f"{for_markdown(day)} · {for_markdown(art.get('source') or 'unknown outlet')} · "
           f"{for_markdown(art.get('language'))} · {art['n_chars']:,} characters · id {for_markdown(art['id'][:12])}…")
correct.article_date(art)
names = ["events", "statements", "places", "actors"]
TAB_COLUMNS = {
    "events": ["date", "event_type", "actor1", "actor2", "location", "fatalities", "mode", "reported_by", "trigger",
               "sentence", "corrected"],
    "statements": ["date", "speaker", "speaker_role", "speaker_actor", "kind", "quote", "channel", "targets",
                   "reported_by", "corrected"],
    "places": ["name", "canonical", "kind", "country", "lat", "lon", "mentions", "forms"],
    "actors": ["name", "type", "country", "role", "mentions", "aliases"]}
tabs = st.tabs(["Text"] + [f"{for_markdown(n.capitalize())} ({len(doc[n])})" for n in names])
with tabs[0]:
    st.markdown(highlight.legend())
    with st.container(border=True, height=max(360, viewport.window_height() - 440)):
        st.markdown(highlight.markdown(art["text"], highlight.spans(doc)))
for tab, name in zip(tabs[1:], names, strict=False):
    with tab:
        if doc[name]:
            rows_ = tables.blank(pd.DataFrame(doc[name]))
            cols = [c for c in TAB_COLUMNS[name] if c in rows_.columns]
            st.dataframe(rows_[cols], hide_index=True, width="stretch", placeholder="",
                         column_config={c: tables.label(c) for c in cols})
        else:
            st.caption(f"No {for_markdown(name)}.")
