"""The store, the seed, settings and cached queries shared by every page."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from core import queries
from core.store import Store, StoreError, default_path
from dashboard.components.escape import for_markdown as md

ROOT = Path(__file__).resolve().parent.parent
TABLE_ROWS = 5_000    # rows a table shows (newest first); downloads and counts use every row
MAP_POINTS = 10_000   # events drawn on a map (clustered in the browser)
TIMELINE_DOTS = 3_000  # above this, the timeline shows daily counts instead of one dot per event
SEEDS = ROOT / "seeds"


@st.cache_resource(show_spinner=False)
def _open_store(path: str) -> Store:
    return Store(path)


@st.cache_resource(show_spinner="Loading the language pipelines…")
def pipelines() -> dict[str, str]:
    """Load the spaCy pipelines once per server process (core keeps them; this warms them up front)."""
    from core.nlp import get_pipeline, pipeline_name
    for lang in ("nb", "en"):
        get_pipeline(lang)
    return {lang: pipeline_name(lang) for lang in ("nb", "en")}


def pipeline_labels() -> dict[str, str]:
    """What ``core.nlp.pipeline_name`` says of each pipeline, read from its meta.json without loading it
    (loading both takes seconds; the Settings page only names them)."""
    import importlib.util
    import os

    from core import nlp
    metas: dict[str, Path | None] = {"nb": None, "en": None}
    if (nb := nlp.nb_model_path()) is not None:
        metas["nb"] = nb / "meta.json"
    name = os.environ.get(nlp.EN_MODEL_ENV, nlp.EN_MODEL_DEFAULT)
    spec = importlib.util.find_spec(name.replace("-", "_")) if name.lower() != "none" else None
    if spec is not None and spec.submodule_search_locations:
        metas["en"] = Path(next(iter(spec.submodule_search_locations))) / "meta.json"
    out = {}
    for lang, meta_path in metas.items():
        if meta_path is None or not meta_path.exists():
            out[lang] = nlp.pipeline_label("blank", [])
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        pipes = [p for p in meta.get("pipeline", []) if p not in set(meta.get("disabled", []))]
        out[lang] = nlp.pipeline_label(meta.get("name", "blank"), pipes)
        own = nlp.own_recogniser_path("nn") if lang == "nb" else None
        if own is not None:  # Nynorsk: the Bokmål pipeline's tags and parse, its own entities
            own_name = json.loads((own / "meta.json").read_text(encoding="utf-8")).get("name", own.name)
            out["nn"] = nlp.pipeline_label(meta.get("name", "blank"), pipes, own_name)
    return out


def store() -> Store:
    """The store of this process (opened once, checked on every run); a clear message and a stop if it is unusable."""
    path = str(default_path())
    try:
        s = _open_store(path)
        s.check()
    except StoreError as exc:
        st.error(f"**The store cannot be used.** {md(exc)}")
        st.stop()
    if not s.read_only:
        ensure_seeded(s)
    return s


def banner() -> None:
    """Once per run, at the top of every page: the store is read-only."""
    s = store()
    if s.read_only:
        st.warning(f"**The store is read-only** ({md(s.read_only_reason)}): browse as usual; uploads and settings "
                   f"are off until {md(s.path)} can be written again.", icon=":material/lock:")


def writable() -> bool:
    return not store().read_only


def ensure_seeded(s: Store) -> None:
    """On first start, fill an empty store from seeds/ (with its index.json metadata)."""
    if s.scalar("SELECT count(*) FROM articles") or st.session_state.get("_seeded"):
        return
    with st.status("First start: setting up the desk…", expanded=True) as status:
        bar = st.progress(0.0, text="Loading the language pipelines (step 1 of 2, about a minute)…")
        pipelines()
        seed_into(s, lambda i, n, name: bar.progress(0.5 + 0.5 * i / max(1, n),
                                                     text=f"Parsing seed article {i:,} of {n:,} (step 2 of 2): {md(name)}"))
        status.update(label="Ready: the seed articles are stored", state="complete", expanded=False)
    st.session_state["_seeded"] = True


def seed_into(s: Store, progress=None) -> int:
    from core.ingest import parse_file, read_index
    index = read_index(SEEDS)
    n = 0
    for i, name in enumerate(sorted(index), 1):
        if progress is not None:
            progress(i - 1, len(index), name)
        path, doc, err = parse_file(str(SEEDS / name), meta=index[name])
        if doc is not None and s.ingest(doc).status == "added":
            n += 1
    return n


def version() -> str:
    return queries.data_version(store())


def setting(key: str, default: str) -> str:
    v = store().scalar("SELECT value FROM meta WHERE key = ?", [f"setting.{key}"])
    return default if v is None else str(v)


def set_setting(key: str, value: str) -> None:
    store().execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [f"setting.{key}", value])


# -- cached reads (keyed by the data version, so new articles show at once) ----
# The big tables (events, incidents, statements: up to 5,000 rows) are kept as they are (cache_resource): reading a
# pickled copy back took half a second a run. Pages treat them as read-only (tables.blank and .copy() copy first).
@st.cache_resource(show_spinner=False, max_entries=16)  # shared, never copied: callers copy
def events(v: str, f: queries.Filters, limit: int | None = None, located: bool = False) -> pd.DataFrame:
    return queries.events(store(), f, limit, located=located)


@st.cache_data(show_spinner=False, max_entries=16)
def event_layer(v: str, f: queries.Filters) -> Any:
    """The maps' event markers (``map.EventLayer``: JSON, escaped), built once per data version and filters; a
    string is read back from the cache at once, 10,000 rows of a table were not."""
    from dashboard.components.map import event_layer as build
    return build(events(v, f, MAP_POINTS, located=True), places(v, f))


@st.cache_resource(show_spinner=False, max_entries=16)  # shared, never copied: callers copy
def incidents(v: str, f: queries.Filters, limit: int | None = None) -> pd.DataFrame:
    return queries.incidents(store(), f, limit)


@st.cache_data(show_spinner=False, max_entries=64)
def incident_events(v: str, incident_id: str) -> pd.DataFrame:
    return queries.incident_events(store(), incident_id)


@st.cache_data(show_spinner=False, max_entries=64)
def located_events(v: str, f: queries.Filters) -> int:
    return queries.located_events(store(), f)


@st.cache_resource(show_spinner=False, max_entries=16)  # shared, never copied: callers copy
def statements(v: str, f: queries.Filters, limit: int | None = None) -> pd.DataFrame:
    return queries.statements(store(), f, limit)


@st.cache_data(show_spinner=False, max_entries=64)
def articles(v: str, f: queries.Filters) -> pd.DataFrame:
    return queries.articles(store(), f, TABLE_ROWS)


@st.cache_data(show_spinner=False, max_entries=64)
def places(v: str, f: queries.Filters) -> pd.DataFrame:
    return queries.places(store(), f)


@st.cache_data(show_spinner=False, max_entries=64)
def counts(v: str, f: queries.Filters) -> dict[str, int]:
    return queries.counts(store(), f)


@st.cache_data(show_spinner=False, max_entries=64)
def by_day(v: str, f: queries.Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    return queries.events_by_day_type(store(), f), queries.statements_by_day(store(), f)


@st.cache_data(show_spinner=False, max_entries=64)
def incidents_by_day(v: str, f: queries.Filters) -> pd.DataFrame:
    return queries.incidents_by_day_type(store(), f)


@st.cache_data(show_spinner=False, max_entries=64)
def top_actors(v: str, f: queries.Filters, n: int = 10) -> pd.DataFrame:
    return queries.top_actors(store(), f, n)


@st.cache_data(show_spinner=False, max_entries=64)
def network(v: str, f: queries.Filters) -> pd.DataFrame:
    return queries.network_edges(store(), f)


@st.cache_data(show_spinner=False, max_entries=8)
def actor_options(v: str) -> pd.DataFrame:
    return queries.actor_options(store())


@st.cache_data(show_spinner=False, max_entries=8)
def article_options(v: str) -> pd.DataFrame:
    return queries.article_options(store())


@st.cache_data(show_spinner=False, max_entries=8)
def date_bounds(v: str) -> tuple[Any, Any]:
    return queries.date_bounds(store())


@st.cache_data(show_spinner=False, max_entries=32)
def article_detail(v: str, article_id: str) -> tuple[dict[str, Any] | None, dict[str, pd.DataFrame]]:
    return queries.article(store(), article_id), queries.article_rows(store(), article_id)


def parsed_dict(article_id: str) -> dict[str, Any] | None:
    """An article's rows as plain dicts, shaped like the parse contract (for highlighting)."""
    art, rows = article_detail(version(), article_id)
    if art is None:
        return None
    out: dict[str, Any] = {"article": art}
    for k, df in rows.items():
        recs = df.to_dict("records")
        for r in recs:
            if "spans" in r and isinstance(r["spans"], str):
                r["spans"] = json.loads(r["spans"])
        out[k] = recs
    return out
