"""The records every stage passes around, and their JSON form (docs/CONTRACT.md)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.mentions import Mention


@dataclass(slots=True)
class Claim:
    """A statement as the speech stage finds it, before it becomes a ``Statement`` record: the speaker and the
    relaying outlet are mentions in the article, the quote a character span."""
    speaker: Mention
    kind: str                   # direct | indirect
    verb: str | None
    quote_start: int
    quote_end: int
    start: int
    end: int
    channel: str | None
    reported_by: Mention | None
    sent: int                   # sentence index
    targets: list[str]


@dataclass
class Article:
    id: str
    title: str | None
    language: str
    published: str | None
    source: str | None
    url: str | None
    n_chars: int
    text: str = ""


@dataclass
class Event:
    id: str
    event_type: str
    mode: str | None
    date: str | None
    date_precision: str | None
    actor1: str | None
    actor2: str | None
    actor1_country: str | None
    actor2_country: str | None
    location: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    fatalities: int | None
    reported_by: str | None
    trigger: str
    sentence: str
    start: int
    end: int
    # Added fields (the contract allows additions).
    locations: list[str] = field(default_factory=list)
    date_source: str | None = None  # "text" | "published" | None
    actor1_parent: str | None = None  # the state or organisation actor1 belongs to (Turkish military -> Turkey)
    actor2_parent: str | None = None
    fatalities_qualifier: str | None = None  # "at least" | "more than" | "about" | "nearly" | "up to" | None
    actor1_from: str | None = None    # "sentence" | "article" (filled from the article's main dyad) | None
    actor2_from: str | None = None
    location_from: str | None = None  # "sentence" | "article" (the article's focal place) | None


@dataclass
class Statement:
    id: str
    speaker: str
    speaker_role: str | None
    speaker_actor: str | None
    quote: str
    kind: str
    verb: str | None
    channel: str | None
    targets: list[str]
    reported_by: str | None
    date: str | None
    start: int
    end: int
    # Added fields.
    quote_start: int = 0
    quote_end: int = 0


@dataclass
class Place:
    name: str
    canonical: str
    kind: str
    lat: float | None
    lon: float | None
    country: str | None
    geonames_id: int | None
    mentions: int
    # Added fields.
    forms: list[str] = field(default_factory=list)
    spans: list[list[int]] = field(default_factory=list)
    geo_precision: int | None = None


@dataclass
class Actor:
    name: str
    type: str
    country: str | None
    aliases: list[str]
    # Added fields.
    role: str | None = None
    mentions: int = 0
    spans: list[list[int]] = field(default_factory=list)
    parent: str | None = None  # the state or organisation it belongs to (core.actors), None for a state


@dataclass
class ParsedArticle:
    article: Article
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        art = _plain(self.article)
        if not with_text:
            art.pop("text")
        return {
            "article": art,
            "events": [_plain(e) for e in self.events],
            "statements": [_plain(s) for s in self.statements],
            "places": [_plain(p) for p in self.places],
            "actors": [_plain(a) for a in self.actors],
        }


def _copy(value: Any) -> Any:
    return [_copy(v) for v in value] if isinstance(value, list | tuple) else value


@functools.lru_cache(maxsize=16)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(record: Any) -> dict[str, Any]:
    """A record as a dict of plain values; like dataclasses.asdict for these flat records, without its deepcopy."""
    out = {}
    for name in _field_names(type(record)):
        value = getattr(record, name)
        out[name] = _copy(value) if isinstance(value, list) else value
    return out
