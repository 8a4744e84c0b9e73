"""Paragraphs and sentences with offsets into the normalised text.

Norwegian and English news conventions: a paragraph that opens with a dash is
direct speech; a short line without final punctuation is a section heading and
is never glued to the next sentence; no sentence crosses a paragraph or an open
quotation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {
    "bl.a", "f.eks", "ca", "dvs", "osv", "mv", "mfl", "m.fl", "jf", "kl", "nr", "pst", "mill", "mrd", "st",
    "etc", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "rep", "sen", "gov", "u.s", "u.n", "no",
    "prof", "capt", "maj", "brig", "adm", "cmdr", "vs", "inc", "ltd", "co", "jr", "sr", "fig", "vol",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec", "des",
    "e.g", "i.e", "a.m", "p.m", "ifbm", "evt", "iflg", "tlf", "ref", "red", "sst",
}
_END = re.compile(r"[.!?]+[\"'»)]*")
_SPECIAL = re.compile(r"[«»\".!?]")  # the characters sentence splitting looks at
_WRAPPED_LINE = re.compile(r"[^.!?:»\"]$")


@dataclass
class Paragraph:
    start: int
    end: int
    heading: bool
    dash: bool  # opens with a speech dash


@dataclass
class Sentence:
    start: int
    end: int
    para: int
    heading: bool
    dash: bool  # first sentence of a dash paragraph, or a later one in it


def paragraphs(text: str) -> list[Paragraph]:
    out: list[Paragraph] = []
    pos = 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            out.extend(_block_paragraphs(text, pos, block))
        pos += len(block)
    return out


def _block_paragraphs(text: str, base: int, block: str) -> list[Paragraph]:
    lines = block.split("\n")
    # Hard-wrapped prose (every line but the last is long and ends mid-sentence) is one paragraph.
    wrapped = len(lines) > 1 and all(len(ln) > 40 and _WRAPPED_LINE.search(ln) and not ln.lstrip().startswith("\u2013")
                                     for ln in lines[:-1])
    spans: list[tuple[int, int]] = []
    if wrapped:
        spans.append((base, base + len(block)))
    else:
        pos = base
        for ln in lines:
            if ln.strip():
                lead = len(ln) - len(ln.lstrip())
                spans.append((pos + lead, pos + len(ln)))
            pos += len(ln) + 1
    out = []
    for s, e in spans:
        t = text[s:e]
        out.append(Paragraph(s, e, heading=_is_heading(t) or _is_caption(t), dash=t.startswith(("\u2013", "-"))))
    return out


def _is_caption(t: str) -> bool:
    """A photo caption with its credit ("… Foto: NN / NTB"): it repeats the text, so it is skipped like a heading."""
    return bool(re.search(r"\b(Foto|Photo|Illustrasjonsfoto|Bilde|Image|Video):\s", t))


def _is_heading(t: str) -> bool:
    t = t.strip()
    return (0 < len(t.split()) <= 12 and not t.startswith(("\u2013", "-", "«", '"'))
            and t[-1] not in ".!?:»\"',;" and t[0].isupper())


# "KYIV/MOSCOW (Reuters) -", "BEIRUT, March 3 (AP) —", "OSLO (NTB):", "AMMAN, Jordan —", "GAZA CITY –"
_DATELINE = re.compile(r"^(?P<place>[A-ZÆØÅ][A-ZÆØÅ.'/ -]{1,60}?)(?:,\s+[A-Z][A-Za-z.' ]{1,30}?)?"
                       r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*"
                       r"(?:\((?P<agency>[A-Za-z][A-Za-z .&-]{1,30})\)\s*)?(?P<dash>[-\u2013\u2014:]+)\s*")


def dateline(text: str, start: int = 0) -> tuple[int, int, str | None] | None:
    """(start, end, agency or None) of a wire dateline opening the text; its places are context, not events' places.

    Without an agency the place must be a word of three letters or more in capitals and a dash must follow
    ("AMMAN, Jordan —"), so a paragraph opening with an acronym and a colon is no dateline."""
    m = _DATELINE.match(text, start)
    if m is None or not m.group("place").replace("/", "").replace(" ", "").isupper():
        return None
    agency = m.group("agency")
    if agency is None and (":" in m.group("dash") or len(m.group("place").strip(" -")) < 3):
        return None
    return m.start(), m.end(), agency.strip() if agency else None


def sentences(text: str, paras: list[Paragraph] | None = None) -> list[Sentence]:
    paras = paragraphs(text) if paras is None else paras
    out: list[Sentence] = []
    for i, p in enumerate(paras):
        if p.heading:
            out.append(Sentence(p.start, p.end, i, True, False))
            continue
        start = p.start
        dl = dateline(text, p.start) if not out or all(x.heading for x in out) else None
        if dl is not None:
            out.append(Sentence(dl[0], dl[1], i, True, False))  # the dateline: context only
            start = dl[1]
        for s, e in _split(text, start, p.end):
            out.append(Sentence(s, e, i, False, p.dash))
    return out


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts: list[int] = []
    depth = 0  # inside «…» or "…"
    straight_open = False
    i = start
    while i < end:
        hit = _SPECIAL.search(text, i, end)
        if hit is None:
            break
        i = hit.start()
        c = text[i]
        if c == "«":
            depth += 1
        elif c == "»":
            depth = max(0, depth - 1)
        elif c == '"':
            straight_open = not straight_open
        elif c in ".!?":
            m = _END.match(text, i, end)
            j = m.end() if m else i + 1
            closes_quote = depth == 0 or text[i + 1:j].count("»") >= depth
            if closes_quote and not straight_open or text[j - 1:j] == '"':
                if _is_boundary(text, start, i, j, end):
                    if text[i + 1:j].count("»"):
                        depth = 0
                    if text[j - 1:j] == '"':
                        straight_open = False
                    cuts.append(j)
            i = j
            continue
        i += 1
    out = []
    s = start
    for c in cuts:
        if c > s and text[s:c].strip():
            out.append(_trim(text, s, c))
        s = c
    if text[s:end].strip():
        out.append(_trim(text, s, end))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _is_boundary(text: str, pstart: int, dot: int, after: int, pend: int) -> bool:
    if after >= pend:
        return False
    if not text[after:after + 1].isspace():
        return False
    k = after
    while k < pend and text[k].isspace():
        k += 1
    if k >= pend:
        return False
    nxt = text[k]
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\u2013-«\"'("):
        return False
    if text[dot] == ".":
        k = dot
        while k > pstart and not text[k - 1].isspace():
            k -= 1
        word = text[k:dot].lower().lstrip("(«\"")  # the word the dot ends
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
        if word.isdigit() and nxt.islower():
            return False
    return True
