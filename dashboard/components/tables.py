"""Column set-ups for the statement and event tables, and the context view of a selected row."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.components import highlight

STATEMENT_COLUMNS = ["date", "speaker", "speaker_role", "speaker_actor", "kind", "quote", "channel", "targets",
                     "reported_by", "article_title"]
STATEMENT_CONFIG = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small"),
    "speaker": st.column_config.TextColumn("Speaker", width="medium"),
    "speaker_role": st.column_config.TextColumn("Role"),
    "speaker_actor": st.column_config.TextColumn("For"),
    "kind": st.column_config.TextColumn("Kind", width="small"),
    "quote": st.column_config.TextColumn("Quote", width="large"),
    "channel": st.column_config.TextColumn("Channel"),
    "targets": st.column_config.ListColumn("About"),
    "reported_by": st.column_config.TextColumn("Reported by"),
    "article_title": st.column_config.TextColumn("Article"),
}
EVENT_COLUMNS = ["date", "event_type", "mode", "actor1", "actor2", "location", "country", "fatalities", "reported_by",
                 "trigger", "sentence", "article_title"]
EVENT_CONFIG = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small"),
    "event_type": st.column_config.TextColumn("Type", width="small"),
    "mode": st.column_config.TextColumn("Mode"),
    "actor1": st.column_config.TextColumn("Actor"),
    "actor2": st.column_config.TextColumn("Acted upon"),
    "location": st.column_config.TextColumn("Place"),
    "country": st.column_config.TextColumn("Cty", width="small"),
    "fatalities": st.column_config.NumberColumn("Killed", format="%d", width="small"),
    "reported_by": st.column_config.TextColumn("Reported by"),
    "trigger": st.column_config.TextColumn("Trigger", width="small"),
    "sentence": st.column_config.TextColumn("Sentence", width="large"),
    "article_title": st.column_config.TextColumn("Article"),
}


def selectable(df: pd.DataFrame, columns: list[str], config: dict, key: str) -> pd.Series | None:
    """A read-only table whose single selected row is returned."""
    event = st.dataframe(df[columns], column_config=config, hide_index=True, width="stretch", height=420,
                         on_select="rerun", selection_mode="single-row", key=key)
    rows = event.selection.rows if event is not None else []
    return df.iloc[rows[0]] if rows else None


def context(row: pd.Series, mark: tuple[int, int], kind: str) -> None:
    """The row's paragraph with the quote or sentence marked (escaped Markdown)."""
    detail = state.parsed_dict(row["article_id"])
    if detail is None:
        st.info("The article of this row is no longer in the store.")
        return
    text = detail["article"]["text"]
    s, e = mark
    ps = text.rfind("\n\n", 0, s)
    pe = text.find("\n\n", e)
    ps = 0 if ps < 0 else ps + 2
    pe = len(text) if pe < 0 else pe
    para = text[ps:pe]
    marks = [(s - ps, e - ps, kind)]
    st.markdown(highlight.markdown(para, marks))
    st.caption(f"From: {detail['article'].get('title') or 'untitled article'} · "
               f"{str(detail['article'].get('published') or '')[:10]} · {detail['article'].get('source') or ''}")
