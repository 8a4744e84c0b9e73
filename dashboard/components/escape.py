"""Untrusted text -> safe text for the places it is shown.

Article text can carry HTML, JavaScript and Markdown. The map gets HTML-escaped
strings with backtick, dollar and backslash as entities too (folium puts popup
text in JavaScript template literals); Markdown gets every ASCII punctuation
mark backslash-escaped, so no link, image, LaTeX or directive can form.
"""
from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&\"'=^%@/;,?])")


_MAP_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",  # html.escape's five
                 "`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}
_MAP_SPECIAL = re.compile("[" + re.escape("".join(_MAP_ENTITIES)) + "]")


def for_map(text: object) -> str:
    """HTML-escaped (as html.escape with quote=True), plus the characters a JavaScript template literal reads."""
    return _MAP_SPECIAL.sub(lambda m: _MAP_ENTITIES[m.group()], "" if text is None else str(text))


def for_markdown(text: object) -> str:
    s = "" if text is None else str(text)
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return s.replace("\n", "  \n")
