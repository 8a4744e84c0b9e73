"""Add articles: files, pasted text or a URL, parsed live by core and stored."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from core import InputError, parse_article
from core.language import detect
from core.pipeline import ParseOptions
from core.text import read_text
from dashboard import state
from dashboard.components import highlight
from dashboard.components import map as mapc
from dashboard.fetch import FetchError, fetch_url

st.title("Upload")
st.caption("Add Norwegian or English articles. Each is parsed on this machine and stored; the new rows appear on "
           "every page at once. A file that cannot be read is reported and nothing of it is stored.")

with st.form("upload_form", clear_on_submit=False, border=True):
    files = st.file_uploader("Files (.txt, .md, .html)", type=["txt", "md", "html", "htm"], accept_multiple_files=True)
    pasted = st.text_area("…or paste an article", height=160, placeholder="Title on the first line, then the text")
    url = st.text_input("…or a web address", placeholder="https://…")
    c1, c2, c3 = st.columns(3)
    published = c1.date_input("Published", value=None, format="YYYY-MM-DD", key="upload_published",
                              help="Anchors 'fredag', 'i går', 'yesterday'. Empty: a date found in the article.")
    outlet = c2.text_input("Outlet", placeholder="e.g. NTB")
    lang = c3.selectbox("Language", ["auto", "nb", "nn", "en"], help="auto detects Bokmål, Nynorsk or English")
    submitted = st.form_submit_button("Parse and store", type="primary")


def _options() -> ParseOptions:
    opts = ParseOptions()
    if state.setting("online_geocoding", "off") == "on":
        from core.geo_online import OnlineGeocoder
        opts.online_geocoder = OnlineGeocoder.from_env(cache=state.store())
    return opts


def _inputs() -> list[tuple[str, bytes | str, str | None]]:
    items: list[tuple[str, bytes | str, str | None]] = [(f.name, f.getvalue(), f.name) for f in files or []]
    if pasted.strip():
        items.append(("pasted text", pasted, None))
    return items


if submitted:
    state.pipelines()
    items = _inputs()
    if url.strip():
        try:
            with st.spinner(f"Fetching {url.strip()}…"):
                items.append((url.strip(), fetch_url(url.strip()), "page.html"))
        except FetchError as exc:
            st.error(f"**{url.strip()}**: {exc}")
    if not items and not url.strip():
        st.warning("Choose a file, paste text or give a web address first.")
    results = []
    options = _options()  # one geocoder (and its cache) for the whole batch
    with st.status(f"Parsing {len(items)} article(s)…", expanded=True) as status:
        bar = st.progress(0.0)
        for n, (label, data, filename) in enumerate(items, 1):
            try:
                raw = read_text(data, filename=filename)
                chosen = detect(raw.text) if lang == "auto" else lang
                parsed = parse_article(raw.text, lang=chosen, published=published or raw.published,
                                       source=outlet or raw.source, title=raw.title, url=raw.url, options=options)
                res = state.store().ingest(parsed)
                results.append((label, parsed, res.status, chosen))
                word = "added" if res.status == "added" else "already in the store: nothing changed"
                st.write(f"**{label}** ({chosen}): {len(parsed.events)} events, {len(parsed.statements)} statements, "
                         f"{len(parsed.places)} places — {word}")
            except InputError as exc:
                results.append((label, None, "failed", None))
                st.write(f"**{label}**: not stored — {exc}")
            except Exception as exc:  # one bad file must not stop the others
                results.append((label, None, "failed", None))
                st.write(f"**{label}**: not stored — internal error ({type(exc).__name__})")
            bar.progress(n / max(1, len(items)))
        failed = sum(1 for r in results if r[2] == "failed")
        added = sum(1 for r in results if r[2] == "added")
        status.update(label=f"{added} added, {len(results) - added - failed} already stored, {failed} failed",
                      state="error" if failed and not added else "complete", expanded=bool(failed))
    st.session_state["upload_results"] = [(label, p.to_dict(with_text=True) if p else None, s, lg)
                                          for label, p, s, lg in results]

for label, doc, status_, lg in st.session_state.get("upload_results", []):
    if doc is None:
        continue
    with st.expander(f"{label} — {doc['article'].get('title') or 'untitled'} ({status_}, detected {lg})", expanded=True):
        a, b, c, d = st.columns(4)
        a.metric("Events", len(doc["events"]))
        b.metric("Statements", len(doc["statements"]))
        c.metric("Places", len(doc["places"]))
        d.metric("Actors", len(doc["actors"]))
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
