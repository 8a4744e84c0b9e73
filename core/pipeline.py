"""``parse_article``: text in, ``ParsedArticle`` out. The one public entry of ``core``."""
from __future__ import annotations

import atexit
import functools
import gc
from dataclasses import dataclass
from datetime import date

from core import dates, event_frame, gazetteer, segment, tokens
from core.actors import parent_of
from core.context import Context
from core.errors import InputError
from core.events import EventFinder, date_for, place_for
from core.language import LANGUAGES, detect
from core.lexicon import load as load_lexicon
from core.mentions import Mention, find_mentions
from core.model import Actor, Article, Claim, Event, ParsedArticle, Place, Statement
from core.nlp import get_pipeline
from core.nlp import parse as nlp_parse
from core.places import main_country as places_main_country
from core.places import resolve_places
from core.resolve import resolve_actors
from core.statements import find_statements
from core.text import article_id, normalise

MAX_SENTENCE_CHARS = 2000  # longer "sentences" (tables, run-ons) are cut for the tagger

@dataclass
class ParseOptions:
    """Keyword options of ``parse_article`` gathered in one place."""
    online_geocoder: object | None = None   # a core.geo_online.OnlineGeocoder, or None (offline only)


def parse_article(text: str, *, lang: str | None = None, published: str | date | None = None,
                  source: str | None = None, title: str | None = None, url: str | None = None,
                  options: ParseOptions | None = None) -> ParsedArticle:
    """Parse one article. ``lang`` is nb, nn, en or None/"auto" (detect); ``published`` anchors relative dates."""
    if not isinstance(text, str):
        raise InputError("text must be a string")
    text = normalise(text)
    if not text:
        raise InputError("input is empty (no text)")
    if lang in (None, "", "auto"):
        lang = detect(text)
    if lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r}: use one of auto, {', '.join(LANGUAGES)}")
    lx = load_lexicon(lang)
    pub = published if isinstance(published, date) else dates.parse_iso(published)
    if published and pub is None:
        raise InputError(f"--published must be YYYY-MM-DD, not {published!r}")
    if pub is None:
        pub = dates.find_in_text(text, lx)
    opts = options or ParseOptions()
    ctx, places = build_context(text, lang, pub, opts)
    raw_statements = find_statements(ctx)
    raw_events = EventFinder(ctx, raw_statements).run()
    wire = _wire_reporter(ctx)
    if wire is not None:
        for ev in raw_events:
            ev.reporter = ev.reporter or wire
        for st in raw_statements:
            if st.reported_by is None and st.speaker is not wire:
                st.reported_by = wire

    art = Article(id=article_id(text), title=title or _title(text, ctx.paras), language=lang,
                  published=pub.isoformat() if pub else None, source=source, url=url, n_chars=len(text), text=text)
    result = ParsedArticle(article=art)
    result.places = places
    result.actors = _actors(ctx)
    result.statements = _statements(ctx, raw_statements)
    result.events = _events(ctx, raw_events)
    _settle_heap()
    return result


def build_context(text: str, lang: str, published: date | None,
                  options: ParseOptions | None = None) -> tuple[Context, list[Place]]:
    """What every extraction stage reads, for normalised text in a known language: segments, the pipeline's
    tokens, mentions with their actors and places resolved, and the article's places."""
    lx = load_lexicon(lang)
    paras = segment.paragraphs(text)
    sents = _bounded(segment.sentences(text, paras))
    nlp = get_pipeline(lang)
    docs = nlp_parse(nlp, [text[s.start:s.end] for s in sents], lang)
    doc = tokens.article_doc(text, sents, docs)
    toks, ranges = tokens.build(doc, sents, lang)
    mentions = find_mentions(doc, toks, ranges, lx, lang, text)
    ctx = Context(text, lang, lx, paras, sents, toks, ranges, mentions, published, doc)
    places = resolve_places(ctx, (options or ParseOptions()).online_geocoder)
    resolve_actors(ctx, places_main_country(places))
    ctx.index()
    tokens.put_mentions(doc, toks, ctx.mentions)
    return ctx, places


@functools.cache
def _settle_heap() -> None:
    """Once per process, after the first parse: the pipelines, lexicons and gazetteer it loaded live as long as
    the process, so they leave the cyclic collector's generations (gc.freeze). Its full passes then no longer
    walk them again and again: about a tenth of an English parse (BENCHMARKS.md). Garbage is collected first,
    so nothing dead is frozen; refcounting still frees frozen objects that are dropped later. At exit they are
    handed back, so the interpreter's shutdown collects them as usual (extension modules check for leaks then)."""
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)


def _wire_reporter(ctx: Context) -> Mention | None:
    """The agency of a dateline ("KYIV (Reuters) -"): it reports everything the article carries."""
    for s in ctx.sents[:3]:
        if s.heading and segment.dateline(ctx.text, s.start):
            return next((m for m in ctx.mentions if m.actor and m.actor.type == "media" and s.start <= m.start < s.end), None)
    return None


def _bounded(sents: list[segment.Sentence]) -> list[segment.Sentence]:
    out = []
    for s in sents:
        start = s.start
        while s.end - start > MAX_SENTENCE_CHARS:
            out.append(segment.Sentence(start, start + MAX_SENTENCE_CHARS, s.para, s.heading, s.dash))
            start += MAX_SENTENCE_CHARS
        out.append(segment.Sentence(start, s.end, s.para, s.heading, s.dash))
    return out


def _title(text: str, paras: list[segment.Paragraph]) -> str | None:
    if paras and paras[0].heading:
        return text[paras[0].start:paras[0].end]
    return None


# -- actors ------------------------------------------------------------------
def _actors(ctx: Context) -> list[Actor]:
    out: dict[str, Actor] = {}
    for m in ctx.mentions:
        a = m.actor
        if a is None:
            continue
        act = out.get(a.name)
        if act is None:
            act = Actor(name=a.name, type=a.type, country=a.country, aliases=[], role=a.role, parent=parent_of(a))
            out[a.name] = act
        act.mentions += 1
        if m.text not in act.aliases:
            act.aliases.append(m.text)
        act.spans.append([m.start, m.end])
    return list(out.values())


# -- records -----------------------------------------------------------------
def _statements(ctx: Context, raw: list[Claim]) -> list[Statement]:
    out = []
    for n, r in enumerate(sorted(raw, key=lambda r: r.quote_start), 1):
        sp: Mention = r.speaker
        a = sp.actor
        assert a is not None
        speaker_actor = a.org or (_country_name(a.country) if a.type == "person" else a.name)
        if a.type != "person" and a.country and a.type in ("government", "military"):
            speaker_actor = _country_name(a.country) or a.name
        s = ctx.sents[r.sent]
        d = dates.find(ctx.text[s.start:s.end], ctx.lx, ctx.published)
        date_ = d[0].date if d else (ctx.published.isoformat() if ctx.published else None)
        out.append(Statement(
            id=f"s{n}", speaker=a.name, speaker_role=a.role, speaker_actor=speaker_actor,
            quote=ctx.text[r.quote_start:r.quote_end], kind=r.kind, verb=r.verb, channel=r.channel,
            targets=r.targets,
            reported_by=r.reported_by.actor.name if r.reported_by and r.reported_by.actor else None,
            date=date_, start=r.start, end=r.end, quote_start=r.quote_start, quote_end=r.quote_end))
    return out


def _country_name(iso3: str | None) -> str | None:
    if not iso3:
        return None
    return gazetteer.load().country_names_en.get(gazetteer.iso2_of().get(iso3, ""))


def _says_enough(ev) -> bool:
    """An event its own sentence tells: an actor, a count, a victim and a place, or a place where a verb says it
    took place ("fighting raged near X"; "Angrep på sivile er brudd på folkeretten" is a general remark, not an
    event)."""
    return ev.actor1 is not None or ev.fatalities is not None or \
        (ev.actor2 is not None or ev.occurred) and ev.location is not None


def _keep(ctx: Context, raw: list) -> list:
    """The events that say enough, with the article's frame filling what their sentence leaves out, each
    incident's toll once, and no repeats."""
    frame = event_frame.frame_of(ctx, [ev for ev in raw if _says_enough(ev)])
    event_frame.both_sides(ctx, raw, frame)  # "each side blamed the other": the frame's dyad says enough
    raw = [ev for ev in raw if _says_enough(ev)]
    event_frame.fill(ctx, raw, frame)
    return event_frame.distinct(ctx, event_frame.count_once(ctx, raw))


def _events(ctx: Context, raw: list) -> list[Event]:
    out = []
    actor_mentions: set[int] = set()
    for ev in raw:
        place_for(ctx, ev, actor_mentions)
    for n, ev in enumerate(_keep(ctx, raw), 1):
        d, prec, dsrc = date_for(ctx, ev)
        s = ctx.sents[ev.sent]
        place = ev.location.place if ev.location else None
        locs = []
        for m in ev.locations:
            p = m.place
            if p is not None and p.canonical not in locs:
                locs.append(p.canonical)
        a1, a2 = ev.actor1, ev.actor2
        if a1 is not None and a2 is not None and a1.name == a2.name:
            a2 = None
        out.append(Event(
            id=f"e{n}", event_type=ev.type, mode=", ".join(ev.modes) or None, date=d, date_precision=prec,
            actor1=a1.name if a1 else None, actor2=a2.name if a2 else None,
            actor1_country=a1.country if a1 else None, actor2_country=a2.country if a2 else None,
            actor1_parent=parent_of(a1) if a1 else None, actor2_parent=parent_of(a2) if a2 else None,
            location=place.canonical if place else None, country=place.country if place else None,
            lat=place.lat if place else None, lon=place.lon if place else None,
            geo_precision=place.geo_precision if place else None, fatalities=ev.fatalities,
            reported_by=ev.reporter.actor.name if ev.reporter and ev.reporter.actor else None,
            trigger=ev.trigger_text, sentence=ctx.text[s.start:s.end], start=s.start, end=s.end,
            locations=locs, date_source=dsrc, fatalities_qualifier=ev.qualifier if ev.fatalities is not None else None,
            actor1_from=ev.actor1_from if a1 else None, actor2_from=ev.actor2_from if a2 else None,
            location_from=ev.location_from if place else None))
    return out
