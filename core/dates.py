"""Date cues in a sentence, anchored on the publication date.

"fredag" / "on Friday" = the latest such weekday on or before publication;
"natt til fredag" = that Friday; "i går" / "yesterday" = the day before;
"28. februar" / "Feb. 28" / "28 February 2020" = that day (the year of
publication when none is written, the year before when that would be later
than publication); "i 2016" = a year; "i februar" = a month.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from core.lexicon import Lexicon


@dataclass(frozen=True)
class DateCue:
    date: str
    precision: str  # day | week | month | year
    start: int      # offsets in the sentence string
    end: int
    text: str


def parse_iso(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def find(sentence: str, lx: Lexicon, published: date | None) -> list[DateCue]:
    """Every date cue in the sentence, in order (cached: events and statements ask for the same sentences)."""
    return list(_find(sentence, lx.lang, published))


@functools.lru_cache(maxsize=4096)
def _find(sentence: str, lang: str, published: date | None) -> tuple[DateCue, ...]:
    from core.lexicon import load
    return tuple(_find_uncached(sentence, load(lang), published))


def _find_uncached(sentence: str, lx: Lexicon, published: date | None) -> list[DateCue]:
    out: list[DateCue] = []
    low = sentence.lower()
    rx = _patterns(lx.lang)
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, d: date, precision: str) -> None:
        if any(a < m.end() and m.start() < b for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        out.append(DateCue(d.isoformat(), precision, m.start(), m.end(), sentence[m.start():m.end()]))

    # 28. februar 2020 / 28 February 2020 / February 28, 2020 / Feb. 28
    for m in rx.day_month.finditer(low):
        d = _day(int(m.group(3)) if m.group(3) else None, lx.months[m.group(2)], int(m.group(1)), published)
        if d:
            add(m, d, "day")
    for m in rx.month_day.finditer(low):
        d = _day(int(m.group(3)) if m.group(3) else None, lx.months[m.group(1)], int(m.group(2)), published)
        if d:
            add(m, d, "day")
    for m in _ISO.finditer(low):
        try:
            add(m, date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day")
        except ValueError:
            pass
    if published:
        for word_rx, delta in rx.relative:
            for m in word_rx.finditer(low):
                add(m, published + timedelta(days=delta), "day")
        for m in rx.weekday.finditer(low):
            wd = lx.weekdays[m.group(1)]
            back = (published.weekday() - wd) % 7
            if m.group(0).startswith(("last ", "forrige ", "sist ")) and back == 0:
                back = 7
            add(m, published - timedelta(days=back), "day")
        for m in rx.in_month.finditer(low):
            mo = lx.months[m.group(1)]
            year = published.year if mo <= published.month else published.year - 1
            add(m, date(year, mo, 1), "month")
        for m in _LAST_WEEK.finditer(low):
            add(m, published - timedelta(days=7), "week")
    for m in _IN_YEAR.finditer(low):
        add(m, date(int(m.group(1)), 1, 1), "year")
    out.sort(key=lambda c: c.start)
    return out


_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_LAST_WEEK = re.compile(r"\b(?:forrige uke|last week|i forrige uke)\b")
_IN_YEAR = re.compile(r"\b(?:i|in|siden|since|fra|from)\s+((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class _Patterns:
    day_month: re.Pattern
    month_day: re.Pattern
    relative: tuple[tuple[re.Pattern, int], ...]  # longest word first
    weekday: re.Pattern
    in_month: re.Pattern


@functools.lru_cache(maxsize=4)
def _patterns(lang: str) -> _Patterns:
    """One language's date patterns, compiled once."""
    from core.lexicon import load
    lx = load(lang)
    months = _alternation(lx.months)
    weekdays = _alternation(lx.weekdays)
    return _Patterns(
        re.compile(rf"\b(\d{{1,2}})\.?\s+({months})\.?(?:,?\s+(\d{{4}}))?\b"),
        re.compile(rf"\b({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"),
        tuple((re.compile(rf"(?<!\w){re.escape(word)}(?!\w)"), delta)
              for word, delta in sorted(lx.relative_days.items(), key=lambda kv: -len(kv[0]))),
        re.compile(rf"(?:natt til |night of |(?:on |last |sist |forrige )?)\b({weekdays})s?\b"),
        re.compile(rf"\b(?:i|in|i løpet av)\s+({months})\b(?!\s*\d)"))


def _alternation(words: dict[str, int]) -> str:
    """A regex alternation of the words, longest first."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _day(year: int | None, month: int, day: int, published: date | None) -> date | None:
    try:
        if year:
            return date(year, month, day)
        if published is None:
            return None
        d = date(published.year, month, day)
        return d if d <= published + timedelta(days=7) else date(published.year - 1, month, day)
    except ValueError:
        return None


def find_in_text(text: str, lx: Lexicon) -> date | None:
    """A publication date written in the article itself (a dateline such as "28. februar 2020")."""
    months = _alternation(lx.months)
    head = text[:600].lower()
    m = re.search(rf"\b(\d{{1,2}})\.?\s+({months})\.?,?\s+(\d{{4}})\b", head) or \
        re.search(rf"\b({months})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", head)
    if not m:
        m2 = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", head)
        return parse_iso(m2.group(0)) if m2 else None
    g = m.groups()
    try:
        if g[0].isdigit():
            return date(int(g[2]), lx.months[g[1]], int(g[0]))
        return date(int(g[2]), lx.months[g[0]], int(g[1]))
    except ValueError:
        return None
