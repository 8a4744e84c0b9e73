"""An article's text with places, actors, quotes and event triggers marked, as escaped Markdown.

Markdown (not HTML) carries the marks: every character of the article is
escaped, and only our own ``:color-background[...]`` directives are added.
"""
from __future__ import annotations

from typing import Any

from dashboard.components.escape import for_markdown

# coloured text, not backgrounds (Streamlit pads a background, which reads as a space before "," or ")");
# blue, orange and violet stay apart for colour-blind readers (no red against green), triggers are bold too,
# and quotes are grey italics
COLOURS = {"quote": "gray", "place": "blue", "actor": "orange", "trigger": "violet"}
STYLE = {"trigger": "**", "quote": "*"}
PRIORITY = {"trigger": 0, "actor": 1, "place": 2, "quote": 3}


def spans(doc: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of what to mark, from a parse-contract document (or the store's rows)."""
    out: list[tuple[int, int, str]] = []
    for p in doc.get("places", []):
        for s, e in p.get("spans") or []:
            out.append((int(s), int(e), "place"))
    for a in doc.get("actors", []):
        for s, e in a.get("spans") or []:
            out.append((int(s), int(e), "actor"))
    for st in doc.get("statements", []):
        if st.get("quote_end"):
            out.append((int(st["quote_start"]), int(st["quote_end"]), "quote"))
    text = doc["article"].get("text", "")
    for ev in doc.get("events", []):
        trig = ev.get("trigger") or ""
        s0, s1 = int(ev["start"]), int(ev["end"])
        k = text.find(trig, s0, s1) if trig else -1
        if k >= 0:
            out.append((k, k + len(trig), "trigger"))
    return out


def markdown(text: str, marks: list[tuple[int, int, str]]) -> str:
    """Escaped Markdown of ``text`` with inner marks (triggers, names) cut out of quotes."""
    n = len(text)
    kind_at: list[str | None] = [None] * n
    for s, e, k in sorted(marks, key=lambda m: -PRIORITY[m[2]]):
        for i in range(max(0, s), min(n, e)):
            kind_at[i] = k
    parts: list[str] = []
    i = 0
    while i < n:
        k = kind_at[i]
        j = i
        while j < n and kind_at[j] == k and text[j] != "\n":
            j += 1
        if j == i:  # a newline
            parts.append("  \n" if text[i] == "\n" else for_markdown(text[i]))
            i += 1
            continue
        parts.append(_mark(text[i:j], k) if k else for_markdown(text[i:j]))
        i = j
    return "".join(parts)


def _mark(seg: str, kind: str) -> str:
    """One marked run; its outer spaces stay outside the marks (Markdown emphasis must hug its text)."""
    core = seg.strip()
    if not core:
        return for_markdown(seg)
    lead, trail = seg[: len(seg) - len(seg.lstrip())], seg[len(seg.rstrip()):]
    style = STYLE.get(kind, "")
    return f"{for_markdown(lead)}:{COLOURS[kind]}[{style}{for_markdown(core)}{style}]{for_markdown(trail)}"


def legend() -> str:
    return "  ".join(_mark(k, k) for k in COLOURS)
