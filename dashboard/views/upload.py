"""Add articles: files, pasted text or a URL, parsed live by core and stored."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from core import InputError, parse_article
from core.errors import StoreError
from core.language import detect
from core.pipeline import ParseOptions
from core.text import MB, limit_text, max_bytes, read_text
from dashboard import state
from dashboard.components import highlight, tables
from dashboard.components import map as mapc
from dashboard.components.escape import for_markdown
from dashboard.fetch import FetchError, fetch_url

st.title("Upload")
st.caption("Add Norwegian or English articles. Each is parsed on this machine and stored; the new rows appear on "
           "every page at once. A file that cannot be read is reported and nothing of it is stored.")

MAX_PER_FILE = 30  # files listed one by one with their own date and outlet; beyond that the common ones apply
off = not state.writable()  # a read-only store: the banner explains, the form stays visible but off
with st.container(border=True):
    files = st.file_uploader("Files (.txt, .md, .html)", type=["txt", "md", "html", "htm"], accept_multiple_files=True,
                             max_upload_size=-(-max_bytes() // MB), disabled=off)  # the widget counts whole MB
    pasted = st.text_area("…or paste an article", height=160, placeholder="Title on the first line, then the text",
                          disabled=off)
    url = st.text_input("…or a web address", placeholder="https://…", disabled=off)
    c1, c2, c3 = st.columns(3)
    published = c1.date_input("Published", value=None, format="YYYY-MM-DD", key="upload_published", disabled=off,
                              help="Anchors 'fredag', 'i går', 'yesterday'. Empty: a date found in the article.")
    outlet = c2.text_input("Outlet", placeholder="e.g. NTB", disabled=off)
    lang = c3.selectbox("Language", ["auto", "nb", "nn", "en"], help="auto detects Bokmål, Nynorsk or English",
                        disabled=off)
    per_file: dict[str, tuple[object, str]] = {}
    if files and len(files) > 1:
        st.caption("Each file's own date and outlet (empty: the ones above, or what the article says).")
        for i, up in enumerate(files[:MAX_PER_FILE]):
            a, b, c = st.columns([3, 1, 1])
            a.markdown(for_markdown(up.name))  # escaped text (in a code span the escapes would show)
            d = b.date_input("Date", value=None, format="YYYY-MM-DD", key=f"file_date_{i}", label_visibility="collapsed")
            o = c.text_input("Outlet", key=f"file_outlet_{i}", placeholder="outlet", label_visibility="collapsed")
            per_file[up.name] = (d, o)
        if len(files) > MAX_PER_FILE:
            st.caption(f"The other {len(files) - MAX_PER_FILE} files take the date and outlet above.")
    submitted = st.button("Parse and store", type="primary", disabled=off)


def _options() -> ParseOptions:
    opts = ParseOptions()
    if state.setting("online_geocoding", "off") == "on":
        from core.geo_online import OnlineGeocoder
        opts.online_geocoder = OnlineGeocoder.from_env(cache=state.store())
    return opts


def _inputs() -> list[tuple[str, Callable[[], bytes | str], str | None]]:
    """(label, how to get its content, file name) of each input; a URL is fetched in the loop like any other."""
    items: list[tuple[str, Callable[[], bytes | str], str | None]] = [
        (f.name, f.getvalue, f.name) for f in files or []]
    if pasted.strip():
        items.append(("pasted text", lambda: pasted, None))
    if url.strip():
        items.append((url.strip(), lambda: fetch_url(url.strip()), "page.html"))
    return items


def _first_line_title(text: str) -> str | None:
    """A pasted or uploaded text's first line when it reads as a headline (short, no full stop at its end)."""
    first = text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 160 and "\n" in text.strip() and not first.endswith((".", ":")) else None


def _run(items: list[tuple[str, Callable[[], bytes | str], str | None]]) -> list[tuple]:
    """Read, parse and store each input; one line per input, and a bad one never stops the others."""
    results = []
    options = _options()  # one geocoder (and its cache) for the whole batch
    with st.status(f"Parsing {len(items)} article(s)…", expanded=True) as status:
        bar = st.progress(0.0)
        for n, (label, load, filename) in enumerate(items, 1):
            try:
                with st.spinner(f"Reading {for_markdown(label)}…"):
                    data = load()
                raw = read_text(data, filename=filename)
                chosen = detect(raw.text) if lang == "auto" else lang
                own_date, own_outlet = per_file.get(label, (None, ""))
                parsed = parse_article(raw.text, lang=chosen, published=own_date or published or raw.published,
                                       source=own_outlet or outlet or raw.source,
                                       title=raw.title or _first_line_title(raw.text), url=raw.url, options=options)
                res = state.store().ingest(parsed)
                results.append((label, parsed, res.status, chosen))
                word = "added" if res.status == "added" else "already in the store: nothing changed"
                when = parsed.article.published or "no date: set one on the Articles page"
                st.write(f"**{for_markdown(label)}** ({for_markdown(chosen)}, {for_markdown(when)}): "
                         f"{len(parsed.events)} events, {len(parsed.statements)} statements, {len(parsed.places)} places "
                         f"— {for_markdown(word)}")
            except (InputError, FetchError, StoreError) as exc:
                results.append((label, None, "failed", None))
                st.write(f"**{for_markdown(label)}**: not stored — {for_markdown(exc)}")
            except Exception as exc:  # one bad file must not stop the others
                results.append((label, None, "failed", None))
                st.write(f"**{for_markdown(label)}**: not stored — internal error ({for_markdown(type(exc).__name__)})")
            bar.progress(n / max(1, len(items)))
        failed = sum(1 for r in results if r[2] == "failed")
        added = sum(1 for r in results if r[2] == "added")
        status.update(label=f"{added:,} added, {len(results) - added - failed:,} already stored, {failed:,} failed",
                      state="error" if failed and not added else "complete", expanded=bool(failed))
    return [(label, p.to_dict(with_text=True) if p else None, s, lg) for label, p, s, lg in results]



if submitted:
    state.pipelines()
    items = _inputs()
    if items:
        st.session_state["upload_results"] = _run(items)
    else:
        st.warning(f"Nothing to parse: choose a file (up to {for_markdown(limit_text(max_bytes()))} each), paste "
                   "text or give a web address.")

for label, doc, status_, lg in st.session_state.get("upload_results", []):
    if doc is None:
        continue
    art = doc["article"]
    title = for_markdown(art.get("title") or "untitled")
    with st.expander(f"{for_markdown(label)} — {title} ({for_markdown(status_)}, detected {for_markdown(lg)})",
                     expanded=True):
        a, b, c, d, e = st.columns(5)
        a.metric("Date", for_markdown(art.get("published") or "none"))
        b.metric("Events", len(doc["events"]))
        c.metric("Statements", len(doc["statements"]))
        d.metric("Places", len(doc["places"]))
        e.metric("Actors", len(doc["actors"]))
        if not art.get("published"):
            st.warning("This article has no date, so its events have none: set it on the Articles page.")
        st.markdown(f"[Open it on the Articles page](/articles?f_articles={for_markdown(art['id'])}) · its rows are on "
                    "every page")
        if doc["events"]:
            st.dataframe(tables.blank(pd.DataFrame(doc["events"]))[tables.UPLOAD_EVENT_COLUMNS], placeholder="",
                         column_config=tables.EVENT_CONFIG, hide_index=True, width="stretch")
        left, right = st.columns([3, 2])
        with left:
            st.markdown(highlight.legend())
            with st.container(border=True, height=420):
                st.markdown(highlight.markdown(doc["article"]["text"], highlight.spans(doc)))
        with right:
            places = pd.DataFrame(doc["places"])
            if not places.empty:
                m = mapc.build(pd.DataFrame(doc["events"]) if doc["events"] else pd.DataFrame(
                    columns=["lat", "lon", "geo_precision", "event_type"]), places, layers=("places", "events"))
                mapc.show(m, height=420, key=f"upload_map_{doc['article']['id'][:10]}")
            else:
                st.caption("No places found.")
