"""Column set-ups for the statement and event tables, and the context view of a selected row."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.components import highlight, viewport
from dashboard.components.escape import for_markdown

STATEMENT_COLUMNS = ["date", "speaker", "speaker_role", "speaker_actor", "kind", "quote", "channel", "targets",
                     "reported_by", "corrected", "article_title"]
STATEMENT_CONFIG = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small", pinned=True),
    "speaker": st.column_config.TextColumn("Speaker", width="medium", pinned=True),
    "speaker_role": st.column_config.TextColumn("Role"),
    "speaker_actor": st.column_config.TextColumn("For"),
    "kind": st.column_config.TextColumn("Kind", width="small"),
    "quote": st.column_config.TextColumn("Quote", width="large"),
    "channel": st.column_config.TextColumn("Channel"),
    "targets": st.column_config.ListColumn("About"),
    "reported_by": st.column_config.TextColumn("Reported by"),
    "corrected": st.column_config.CheckboxColumn("Corrected", width="small", help="Changed or added by an analyst"),
    "article_title": st.column_config.TextColumn("Article"),
}
EVENT_COLUMNS = ["date", "event_type", "actor1", "actor2", "location", "fatalities_qualifier", "fatalities", "mode",
                 "country", "reported_by", "trigger", "sentence", "corrected", "article_title"]
UPLOAD_EVENT_COLUMNS = ["date", "event_type", "actor1", "actor2", "location", "fatalities", "trigger", "sentence"]
FROM_ARTICLE = " ◦"  # after an actor or place the sentence does not name: the article's lead or focal place
_FROM_HELP = "◦ = not named in the event's sentence: taken from the article (its lead's {})"
EVENT_CONFIG = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small", pinned=True),
    "event_type": st.column_config.TextColumn("Type", width="small", pinned=True),
    "mode": st.column_config.TextColumn("Mode"),
    "actor1": st.column_config.TextColumn("Actor", pinned=True, help=_FROM_HELP.format("attacker")),
    "actor2": st.column_config.TextColumn("Acted upon", help=_FROM_HELP.format("target")),
    "location": st.column_config.TextColumn("Place", help=_FROM_HELP.format("or the article's focal place")),
    "fatalities_qualifier": st.column_config.TextColumn("Toll", width="small",
                                                        help="how the article hedges the toll (at least, more than)"),
    "country": st.column_config.TextColumn("Cty", width="small"),
    "fatalities": st.column_config.NumberColumn("Killed", format="%d", width="small"),
    "reported_by": st.column_config.TextColumn("Reported by"),
    "trigger": st.column_config.TextColumn("Trigger", width="small"),
    "sentence": st.column_config.TextColumn("Sentence", width="large"),
    "corrected": st.column_config.CheckboxColumn("Corrected", width="small", help="Changed or added by an analyst"),
    "article_title": st.column_config.TextColumn("Article"),
    "outlet": st.column_config.TextColumn("Outlet"),
    "article_date": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
}
INCIDENT_COLUMNS = ["date", "event_type", "actor1", "actor2", "location", "admin1", "fatalities", "tolls", "n_sources",
                    "sources", "corrected"]
INCIDENT_CONFIG = {
    "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", width="small", pinned=True),
    "event_type": st.column_config.TextColumn("Type", width="small", pinned=True),
    "actor1": st.column_config.TextColumn("Actor", pinned=True),
    "actor2": st.column_config.TextColumn("Acted upon"),
    "location": st.column_config.TextColumn("Place"),
    "admin1": st.column_config.TextColumn("Region"),
    "fatalities": st.column_config.NumberColumn("Killed", format="%d", width="small",
                                                help="The lowest figure its sources state (ACLED's rule)"),
    "tolls": st.column_config.ListColumn("Stated tolls", help="Every figure a source states; more than one: they differ"),
    "n_sources": st.column_config.NumberColumn("Sources", format="%d", width="small"),
    "sources": st.column_config.TextColumn("Reported by", width="large"),
    "corrected": st.column_config.CheckboxColumn("Corrected", width="small"),
}
# readable names of fields, for tabs, forms and headings (never the raw field name)
LABELS = {"event_type": "Type", "mode": "Mode", "date": "Date", "date_precision": "Date precision",
          "actor1": "Actor", "actor2": "Acted upon", "actor1_country": "Actor's country",
          "actor2_country": "Acted-upon country", "location": "Place", "country": "Country", "lat": "Latitude",
          "lon": "Longitude", "geo_precision": "Place precision", "fatalities": "Killed", "reported_by": "Reported by",
          "speaker": "Speaker", "speaker_role": "Role", "speaker_actor": "Speaks for", "quote": "Quote",
          "kind": "Kind", "verb": "Verb", "channel": "Channel", "targets": "About", "published": "Published",
          "title": "Title", "source": "Outlet", "url": "Address", "trigger": "Trigger", "sentence": "Sentence",
          "name": "Name", "canonical": "Place", "mentions": "Mentions", "type": "Type", "aliases": "Forms in the text",
          "role": "Role", "forms": "Forms in the text", "geonames_id": "GeoNames id", "start": "From", "end": "To",
          "quote_start": "Quote from", "quote_end": "Quote to", "locations": "Places named", "id": "Row",
          "date_source": "Date from", "corrected": "Corrected", "corrected_fields": "Corrected fields",
          "incident_id": "Incident", "admin1": "Region", "added": "Added by hand", "anchor": "Anchor",
          "fatalities_qualifier": "Toll", "actor1_from": "Actor from", "actor2_from": "Acted upon from",
          "location_from": "Place from"}


def blank(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns with missing values as empty strings (tables and headings never show None or nan)."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object:
            out[c] = out[c].map(lambda v: "" if v is None or (isinstance(v, float) and v != v) else v)
        elif pd.api.types.is_string_dtype(out[c].dtype):  # pandas' own string columns hold NA, shown as "nan"
            out[c] = out[c].fillna("")
    return out


def label(field: str) -> str:
    return LABELS.get(field, field.replace("_", " ").capitalize())


def marked_events(df: pd.DataFrame) -> pd.DataFrame:
    """Events with FROM_ARTICLE after each actor or place taken from the article rather than the sentence."""
    out = df.copy()
    for col in ("actor1", "actor2", "location"):
        src = f"{col}_from"
        if src in out.columns:
            hit = (out[src] == "article") & out[col].notna() & (out[col] != "")
            out.loc[hit, col] = out.loc[hit, col] + FROM_ARTICLE
    if "fatalities_qualifier" not in out.columns:
        out["fatalities_qualifier"] = None
    return out


def selectable(df: pd.DataFrame, columns: list[str], config: dict, key: str,
               height: int | None = None) -> pd.Series | None:
    """A read-only table whose single selected row is returned; by default it fills the window below the heading."""
    height = height or viewport.table_height()
    event = st.dataframe(df[columns], column_config=config, hide_index=True, width="stretch", height=height,
                         on_select="rerun", selection_mode="single-row", key=key, placeholder="")
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
    art = detail["article"]
    published = art.get("published")
    when = "no date" if published is None or pd.isna(published) else str(published)[:10]
    st.caption(f"From: {for_markdown(art.get('title') or 'untitled article')} · {for_markdown(when)} · "
               f"{for_markdown(art.get('source') or 'unknown outlet')}")
