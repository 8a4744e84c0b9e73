import pandas as pd
import streamlit as st

from dashboard import filters, state
from dashboard.components import highlight

st.title("Articles")
f = filters.current()
v = state.version()
df = state.articles(v, f)
if df.empty:
    st.info("No articles match these filters.")
    st.stop()
if len(df) == state.TABLE_ROWS:
    st.caption(f"The newest {state.TABLE_ROWS:,} of {state.counts(v, f)['articles']:,} articles; filter to narrow them.")
event = st.dataframe(
    df[["published", "title", "source", "language", "events", "statements", "n_chars"]], hide_index=True,
    width="stretch", on_select="rerun", selection_mode="single-row", key="articles_table",
    column_config={"published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"), "title": "Title",
                   "source": "Source", "language": "Lang", "events": "Events", "statements": "Statements",
                   "n_chars": st.column_config.NumberColumn("Characters", format="%d")})
rows = event.selection.rows
chosen = df.iloc[rows[0]]["id"] if rows else df.iloc[0]["id"]
doc = state.parsed_dict(chosen)
if doc is None:
    st.stop()
art = doc["article"]
st.subheader(art.get("title") or "Untitled article")
published = art.get("published")
st.caption(f"{'no date' if pd.isna(published) else str(published)[:10]} · {art.get('source') or 'unknown source'} · "
           f"{art.get('language')} · {art['n_chars']:,} characters · id {art['id'][:12]}…")
names = ["events", "statements", "places", "actors"]
tabs = st.tabs(["Text"] + [f"{n.capitalize()} ({len(doc[n])})" for n in names])
with tabs[0]:
    st.markdown(highlight.legend())
    with st.container(border=True, height=560):
        st.markdown(highlight.markdown(art["text"], highlight.spans(doc)))
for tab, name in zip(tabs[1:], names, strict=False):
    with tab:
        if doc[name]:
            st.dataframe(pd.DataFrame(doc[name]).drop(columns=["spans", "article_id"], errors="ignore"),
                         hide_index=True, width="stretch")
        else:
            st.caption(f"No {name}.")
