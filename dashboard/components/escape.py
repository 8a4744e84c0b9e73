"""Untrusted text -> safe text for the places it is shown.

Article text can carry HTML, JavaScript and Markdown. The map gets HTML-escaped
strings with backtick, dollar and backslash as entities too (folium puts popup
text in JavaScript template literals); Markdown gets every ASCII punctuation
mark backslash-escaped, so no link, image, LaTeX or directive can form.
"""
from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&\"'=^%@/;,?])")


def for_map(text: object) -> str:
    s = html.escape("" if text is None else str(text), quote=True)
    return s.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;").replace("{", "&#123;").replace("}", "&#125;")


def for_markdown(text: object) -> str:
    s = "" if text is None else str(text)
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return s.replace("\n", "  \n")
