"""Untrusted text -> safe text for the places it is shown.

Every article-derived string (text, titles, outlets, file names, speakers, places,
actors, a fetched server's messages) is untrusted: it can carry HTML, JavaScript and
Markdown. Three contexts, one helper each:

- Markdown (subheaders, captions, ``st.markdown``/``st.write``, expander, metric,
  tab and status labels, messages): ``for_markdown`` backslash-escapes every ASCII
  punctuation mark, so no image, link, autolink, LaTeX or ``:colour[...]`` directive
  can form. ``tests/test_escape_lint.py`` fails on any ``st.*`` call that takes a
  value not passed through it.
- The map: ``for_map`` HTML-escapes with backtick, dollar and backslash as entities
  too (folium puts popup text in JavaScript template literals).
- Plotly text (node labels, hover text): ``for_plotly`` turns ``<`` and ``>`` into
  entities, so plotly's own markup (``<a href>``, ``<br>``, ``<b>``) cannot form.
"""
from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&\"'=^%@/;,?])")
# GFM turns bare addresses into links after escapes are read (on the text itself); it only does so where the
# address follows a space or punctuation, so an invisible word joiner goes before "http:", "www." and "@"
_AUTOLINK_START = re.compile(r"(?i)(?=https?:|www\.|@)")
_WORD_JOINER = "\u2060"


_MAP_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",  # html.escape's five
                 "`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}
_MAP_SPECIAL = re.compile("[" + re.escape("".join(_MAP_ENTITIES)) + "]")
_PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def for_map(text: object) -> str:
    """HTML-escaped (as html.escape with quote=True), plus the characters a JavaScript template literal reads."""
    return _MAP_SPECIAL.sub(lambda m: _MAP_ENTITIES[m.group()], "" if text is None else str(text))


def for_map_series(col):  # noqa: ANN001, ANN201 - a pandas Series in and out (pandas is not imported here)
    """``for_map`` over a whole column at once (Arrow's replace, ``&`` first: the same text as one pass per value;
    no entity holds another special character); missing values are empty strings."""
    out = col.astype("string").fillna("")
    for ch in ["&"] + [c for c in _MAP_ENTITIES if c != "&"]:
        out = out.str.replace(ch, _MAP_ENTITIES[ch], regex=False)
    return out


def for_markdown(text: object) -> str:
    """Text shown literally by Streamlit's Markdown (None is the empty string); a newline stays a line break."""
    s = _AUTOLINK_START.sub(_WORD_JOINER, "" if text is None else str(text))
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return s.replace("\n", "  \n")


def for_plotly(text: object) -> str:
    """Text shown literally in plotly's text and hover labels (which read a small HTML subset, links included)."""
    s = "" if text is None else str(text)
    return re.sub("[&<>]", lambda m: _PLOTLY_ENTITIES[m.group()], s)
