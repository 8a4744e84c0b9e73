"""Tell Bokmål, Nynorsk and English apart by the words only one of them writes (no downloads).

``lexicon/language_markers.tsv`` lists them: Nynorsk/Bokmål pairs (ikkje/ikke, frå/fra,
seier/sier ...) and endings (-ane, -leg / -lig ...), English words, and words both
standards share (``no``), which tell Norwegian from English but never one standard
from the other.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

from core.lexicon import rows

LANGUAGES = ("nb", "nn", "en")
SAMPLE_CHARS = 5000  # enough for a verdict; a long article is not read to the end
MIN_STEM = 3  # an ending counts on a word at least this much longer than the ending
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NORDIC = re.compile(r"[æøå]", re.I)
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")
_DASH_LINE = re.compile(r"^\s*[–—-]\s")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@functools.lru_cache(maxsize=1)
def _markers() -> tuple[dict[str, str], dict[str, str]]:
    """(word -> class, ending -> class), the endings longest first."""
    words: dict[str, str] = {}
    endings: dict[str, str] = {}
    for marker, lang in rows("language_markers.tsv"):
        if marker.startswith("-"):
            endings[marker[1:]] = lang
        else:
            words[marker] = lang
    return words, dict(sorted(endings.items(), key=lambda kv: -len(kv[0])))


def _ending_class(word: str, endings: dict[str, str]) -> str | None:
    for ending, lang in endings.items():
        if len(word) >= len(ending) + MIN_STEM and word.endswith(ending):
            return lang
    return None


def marker_counts(text: str) -> Counter[str]:
    """Marker words per class (nn, nb, en, no) at the start of ``text``; endings as ``nn-end``/``nb-end``."""
    words, endings = _markers()
    counts: Counter[str] = Counter()
    for word in map(str.lower, _WORD.findall(text[:SAMPLE_CHARS])):
        lang = words.get(word)
        if lang is None:
            ending = _ending_class(word, endings)
            lang = f"{ending}-end" if ending else None
        if lang:
            counts[lang] += 1
    return counts


def narration(text: str) -> str:
    """The reporter's own words: quotes in «», “” or "" left out, and of a paragraph that opens with a
    dash (a direct quote) only what follows the first comma of its last sentence (", seier ho til NTB.")."""
    kept = []
    for line in _QUOTED.sub(" ", text).splitlines():
        if _DASH_LINE.match(line):
            line = _SENTENCE_END.split(line.strip())[-1].partition(", ")[2]
        kept.append(line)
    return "\n".join(kept)


def detect(text: str) -> str:
    """'nb', 'nn' or 'en': English against Norwegian by their own words, then Nynorsk against Bokmål
    by their own words and endings. A text with no marker word at all is Bokmål when it has æ/ø/å,
    else English; one with nothing that tells the standards apart is Bokmål.
    """
    n = marker_counts(text)
    norwegian = n["nn"] + n["nb"] + n["no"]
    if n["en"] > norwegian or not norwegian and not _NORDIC.search(text[:SAMPLE_CHARS]):
        return "en"
    own = marker_counts(narration(text))  # a quote in the other standard does not turn the article
    if own["nn"] + own["nn-end"] + own["nb"] + own["nb-end"]:
        n = own
    return "nn" if n["nn"] + n["nn-end"] > n["nb"] + n["nb-end"] else "nb"
