"""The article's frame, computed once per article from its events: who attacks whom in the lead (the main
dyad) and where it happens (the focal place). An event whose own sentence names no attacker or no place takes
them from the frame, marked ``actor1_from`` / ``location_from`` = "article"; what the sentence names is never
replaced. The focal place is lent only where it fits (not to a third state's forces, not to a sentence whose
paragraph names places elsewhere); "the incident took place in X" places the event told just before it; killed
staff with no organisation named are the people of the organisation the article names; a protest by no one named
is by protesters. One incident's death toll is counted once per article: a repeated toll merges into its first event
(unless the two name different places or days), and a definite "the attack took place in X" into the first of
its type.

    frame_of(ctx, events) -> Frame
    both_sides(ctx, events, frame) -> None   ("each side blamed the other": the dyad's two rows)
    fill(ctx, events, frame) -> None
    count_once(ctx, events) -> list[RawEvent]
    distinct(ctx, events) -> list[RawEvent]
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from core import gazetteer
from core.context import Context
from core.events import RawEvent, date_for, is_definite, places_in
from core.lexicon import ends_with_key
from core.mentions import ActorRef, Mention
from core.tokens import Tok

LEAD_SENTENCES = 3                # the lead: the first body sentences (after title and dateline)
ON_THE_GROUND = {"ASSAULT", "COERCE"}   # types whose missing attacker and place the frame supplies
PARTIES = {"state", "military", "armed group", "government"}  # who can be an article's attacker
PLACED = {"ASSAULT", "COERCE", "PROTEST"}
PROTESTS = {"PROTEST"}
INCIDENT_REACH = 3                # sentences back that "the incident took place in X" may refer to
VERBAL = {"ACCUSE", "REQUEST", "REJECT", "THREATEN"}  # what one side may say to both
CONDEMNING = {"ACCUSE"}           # whose missing accused is the attacker of the attack they name


@dataclass
class Frame:
    attacker: ActorRef | None = None
    target: ActorRef | None = None
    places: list[Mention] = field(default_factory=list)   # focal places, the likeliest first


def frame_of(ctx: Context, events: list[RawEvent]) -> Frame:
    """The lead's first attack with a named attacker; else the attacker most events name (twice at least)."""
    body = [i for i, s in enumerate(ctx.sents) if not s.heading]
    lead = set(body[:LEAD_SENTENCES])
    attacks = [e for e in events if e.type in ON_THE_GROUND and e.actor1 is not None and not e.cumulative
               and e.actor1.type in PARTIES]
    first = next((e for e in attacks if e.sent in lead), None)
    frame = Frame()
    if first is not None:
        frame.attacker, frame.target = first.actor1, first.actor2
    else:
        counts = Counter(e.actor1.name for e in attacks if e.actor1 is not None)
        if counts and counts.most_common(1)[0][1] >= 2:
            name = counts.most_common(1)[0][0]
            top = next(e for e in attacks if e.actor1 is not None and e.actor1.name == name)
            frame.attacker, frame.target = top.actor1, top.actor2
    frame.places = _focal_places(ctx, events, first)
    return frame


def _focal_places(ctx: Context, events: list[RawEvent], first: RawEvent | None) -> list[Mention]:
    """The lead attack's place, then the events' places on the ground by how often they are named."""
    out: list[Mention] = []
    if first is not None and first.location is not None:
        out.append(first.location)
    counts: Counter = Counter()
    by_name: dict[str, Mention] = {}
    for e in events:
        if e.type in PLACED and e.location is not None and e.location_from == "sentence":
            name = e.location.place.canonical if e.location.place else None
            if name is not None:
                counts[name] += 1
                by_name.setdefault(name, e.location)
    for name, _n in counts.most_common():
        if all(m.place is not by_name[name].place for m in out):
            out.append(by_name[name])
    return out


def fill(ctx: Context, events: list[RawEvent], frame: Frame) -> None:
    """Give attacks without an attacker or a place the frame's, when their sentence names none."""
    _incident_places(ctx, events)
    protesters = _protesters(ctx)
    for e in events:
        if e.type in PROTESTS and e.actor1 is None and protesters is not None:
            e.actor1, e.actor1_from = protesters, "sentence"  # "a peaceful demonstration in X": by protesters
        if e.type not in ON_THE_GROUND or e.cumulative:
            continue
        if e.actor2 is None and e.fatalities is not None:
            employer = _employer(ctx, e)
            if employer is not None and employer is not e.actor1:
                e.actor2, e.actor2_from = employer, "article"
        if e.actor1 is None and frame.attacker is not None:
            attacker = _attacker_for(e, frame)
            if attacker is not None:
                e.actor1, e.actor1_from = attacker, "article"
                if e.actor2 is None and frame.target is not None and attacker is frame.attacker:
                    e.actor2, e.actor2_from = frame.target, "article"
        if e.location is None and e.type in PLACED:
            focal = next((m for m in frame.places if _lendable(ctx, e, m, frame)), None)
            if focal is not None:
                e.location, e.locations, e.location_from = focal, [focal], "article"
    for e in events:
        if e.type in CONDEMNING and e.actor2 is None:
            attack = _condemned(e, events)
            if attack is not None and attack.actor1 is not e.actor1:
                e.actor2, e.actor2_from = attack.actor1, attack.actor1_from


def both_sides(ctx: Context, events: list[RawEvent], frame: Frame) -> None:
    """ "Each side blamed the other", "urged both sides to show restraint": the sides are the article's main dyad.
    Before the trigger they act (and, with "the other" after it, act on each other: two rows); after it they are
    acted upon (the frame's attacker stands for both)."""
    if frame.attacker is None or frame.target is None or frame.attacker.name == frame.target.name:
        return
    sides, other = ctx.lx.words("both_sides"), ctx.lx.words("the_other")
    for e in list(events):
        a, b = ctx.ranges[e.sent]
        words = [t.lower for t in ctx.toks[a:b]]
        at = _phrase_at(words, sides)
        k = e.trigger.i - a
        if at is None or ctx.toks[a + at + _phrase_len(words, at, sides) - 1].head != e.trigger.i:
            continue  # the sides must be the trigger's own subject or object in the parse
        if at < k and e.actor1 is None:
            e.actor1, e.actor1_from = frame.attacker, "article"
            if e.actor2 is None and _phrase_at(words[k + 1:], other) is not None:
                e.actor2, e.actor2_from = frame.target, "article"
                events.append(replace(e, actor1=frame.target, actor2=frame.attacker, modes=list(e.modes)))
        elif at > k and e.actor2 is None and e.actor1 is not None and e.type in VERBAL:
            e.actor2, e.actor2_from = frame.attacker, "article"


def _phrase_len(words: list[str], at: int, phrases: set[str]) -> int:
    return max(len(ph.split()) for ph in phrases if words[at:at + len(ph.split())] == ph.split())


def _phrase_at(words: list[str], phrases: set[str]) -> int | None:
    """Where the first of these (one- or more-word) phrases starts in a list of lowercase words."""
    for i in range(len(words)):
        for ph in phrases:
            parts = ph.split()
            if words[i:i + len(parts)] == parts:
                return i
    return None


def _employer(ctx: Context, e: RawEvent) -> ActorRef | None:
    """ "Fire medarbeidere ble drept", "three staff were killed": an organisation's people with no organisation
    named in their clause are the people of the organisation the article last names as having them ("X's staff",
    "X's secretary general"), in their paragraph or before it."""
    a, b = e.clause
    member = ctx.lx.words("member")
    if not any(ends_with_key(x, member) for t in ctx.toks[a:b] for x in (t.lemmas or (t.lemma,))) or \
            any(m.kind == "org" for m in ctx.actors_in(a, b)):
        return None
    para = ctx.para_sentences(ctx.sents[e.sent].para)
    end = ctx.ranges[para[-1]][1] if para else b
    owners = [m for m in ctx.mentions if m.kind == "org" and m.genitive and m.actor is not None and m.a < end
              and not ctx.sents[m.sent].heading]
    return owners[-1].actor if owners else None


def _protesters(ctx: Context) -> ActorRef | None:
    """The actor of a protest whose sentence names no one (an analyst codes it "Protesters", as ACLED does)."""
    for w in sorted(ctx.lx.words("protest_actor")):
        if w in ctx.lx.forces:
            label, typ, _ = ctx.lx.forces[w]
            return ActorRef(label.capitalize(), typ, None, label=label)
    return None


def _incident_places(ctx: Context, events: list[RawEvent]) -> None:
    """ "Hendelsen skjedde ved grenseovergangen i X", "the incident took place in X": a sentence saying where the
    incident happened places the last event told before it (within INCIDENT_REACH sentences), when that event's
    own sentence and paragraph name no place."""
    incident, occur = ctx.lx.words("incident"), ctx.lx.words("occur")
    verbs = {w.split()[0] for w in occur}
    for si, s in enumerate(ctx.sents):
        a, b = ctx.ranges[si]
        toks = ctx.toks[a:b]
        if s.heading or not any(_is_one(t, incident) and is_definite(ctx, t) for t in toks) or \
                not any(_is_one(t, verbs) for t in toks):
            continue
        where = places_in(ctx, a, b)
        told = [e for e in events if si - INCIDENT_REACH <= e.sent < si and e.type in PLACED]
        if where and told and told[-1].location is None:
            told[-1].location, told[-1].locations, told[-1].location_from = where[0], where, "article"


def _is_one(t: Tok, words: set[str]) -> bool:
    return t.lemma in words or t.lower in words or any(x in words for x in t.lemmas)


def _lendable(ctx: Context, e: RawEvent, focal: Mention, frame: Frame) -> bool:
    """Whether an article's focal place fits an event whose sentence names no place: not when the side acting
    belongs to a state that is neither the place's nor one of the article's main dyad ("Greek border guards" in an
    article on Idlib), nor when its sentence and the paragraph before it name places, all of them elsewhere
    ("fired tear gas at migrants crossing from Turkey to Greece")."""
    country = focal.place.country if focal.place is not None else None
    if country is None:
        return True
    iso2 = gazetteer.iso2_of()
    acting = next((a for a in (e.actor1, e.actor2) if a is not None and a.type in PARTIES), None)  # refugees' or
    # civilians' nationality says where they come from, not whose state acts
    sides = {iso2.get(a.country) for a in (frame.attacker, frame.target) if a is not None and a.country}
    if acting is not None and acting.country and iso2.get(acting.country) not in sides | {country}:
        return False
    own = {iso2.get(a.country) for a in (e.actor1, e.actor2) if a is not None and a.country}
    named = {m.place.country for m in _context_places(ctx, e)} - own
    return not named or country in named


def _context_places(ctx: Context, e: RawEvent) -> list[Mention]:
    """The places named in the event's sentence and the paragraph's sentences before it; a country counts only
    where it is a place one is in, comes from or goes to ("fra Tyrkia til Hellas"), not where it acts ("Tyrkia
    kaller") or only bounds a place ("near the borders of X")."""
    para = ctx.para_sentences(ctx.sents[e.sent].para)
    lo, hi = ctx.ranges[para[0]][0] if para else ctx.ranges[e.sent][0], ctx.ranges[e.sent][1]
    out, preps = [], ctx.lx.words("place_prep")
    for m in ctx.places_starting_in(lo, hi):
        if m.place is None or m.place.country is None or ctx.sents[m.sent].heading:
            continue
        if m.kind == "country" and not (m.a > 0 and ctx.toks[m.a - 1].lower in preps):
            continue
        out.append(m)
    return out


def _condemned(e: RawEvent, events: list[RawEvent]) -> RawEvent | None:
    """The attack a condemnation names as its object ("condemns attacks on civilians"), with an attacker."""
    a, b = e.clause
    return next((x for x in events if x is not e and x.sent == e.sent and x.type in ON_THE_GROUND and
                 x.actor1 is not None and e.trigger.i < x.trigger.i < max(b, e.trigger.i + 4)), None)


def _attacker_for(e: RawEvent, frame: Frame) -> ActorRef | None:
    """The frame's attacker, unless the victims are its own side: then the side it fights, if a party."""
    assert frame.attacker is not None
    if e.actor2 is None or not _same_side(e.actor2, frame.attacker):
        return frame.attacker
    target = frame.target
    if target is not None and target.type in ("state", "military", "armed group", "government") and \
            not _same_side(e.actor2, target):
        return target
    return None


def _same_side(a: ActorRef, b: ActorRef) -> bool:
    return a.name == b.name or a.country is not None and a.country == b.country


def count_once(ctx: Context, events: list[RawEvent]) -> list[RawEvent]:
    """A toll repeated later in the article ("the 33 soldiers killed on Thursday") is the same incident: its
    event merges into the first one (filling what the first lacks) unless the two name different places."""
    first_of: dict[tuple[str, int], RawEvent] = {}
    out = []
    for e in events:
        if e.fatalities is None or e.type != "ASSAULT":
            out.append(e)
            continue
        key = (e.type, e.fatalities)
        first = first_of.get(key)
        if first is None or _different_places(ctx, first, e):
            first_of.setdefault(key, e)
            out.append(e)
            continue
        if first.actor1 is None and e.actor1 is not None:
            first.actor1, first.actor1_from = e.actor1, e.actor1_from
        if first.actor2 is None and e.actor2 is not None:
            first.actor2, first.actor2_from = e.actor2, e.actor2_from
        if first.location is None and e.location is not None:
            first.location, first.locations, first.location_from = e.location, e.locations, e.location_from
        first.qualifier = first.qualifier or e.qualifier
    return _merge_references(ctx, out)


def _merge_references(ctx: Context, events: list[RawEvent]) -> list[RawEvent]:
    """ "Angrepet skjedde kl. 9", "the attack took place at night": a definite event noun that only says it took
    place names an incident the article has told already; it lends that one its place instead of a new row."""
    out: list[RawEvent] = []
    for e in events:
        first = next((x for x in out if x.type == e.type), None) if e.occurred else None
        if first is not None and e.actor1_from != "sentence" and e.actor2 is None and e.fatalities is None and \
                is_definite(ctx, e.trigger):
            if e.location is not None and e.location_from == "sentence" and \
                    (first.location_from != "sentence" or _finer(e.location, first.location)):
                first.location, first.locations, first.location_from = e.location, e.locations, "sentence"
            continue
        out.append(e)
    return out


def _finer(m: Mention, than: Mention | None) -> bool:
    """Whether a place lies inside the country another mention names ("a bomb in Afghanistan … the blast occurred
    in Wardak province"): the reference then tells where in it."""
    a, b = m.place, than.place if than is not None else None
    return a is not None and b is not None and b.kind == "country" and a.kind != "country" and a.country == b.country


def distinct(ctx: Context, events: list[RawEvent]) -> list[RawEvent]:
    """No repeats: an event with the same type, actors and toll as one before is dropped when it has a toll or
    both actors, unless an actor of one of them is the frame's and not the sentence's, or their sentences name
    two different days."""
    out: list[RawEvent] = []
    days: dict[tuple, list[str | None]] = {}
    for ev in events:
        key = (ev.type, ev.actor1.name if ev.actor1 else None, ev.actor2.name if ev.actor2 else None, ev.fatalities,
               ev.actor1_from)
        d, precision, source = date_for(ctx, ev)
        day = d if (precision, source) == ("day", "text") else None
        seen = days.get(key)
        if seen is not None and (ev.fatalities is not None or ev.actor1 and ev.actor2) and \
                (day is None or None in seen or day in seen):
            continue
        days.setdefault(key, []).append(day)
        out.append(ev)
    return out


def _different_places(ctx: Context, a: RawEvent, b: RawEvent) -> bool:
    """Two tolls are two incidents when their places differ, or the days their sentences name."""
    da, db = date_for(ctx, a), date_for(ctx, b)
    if da[2] == db[2] == "text" and da[1] == db[1] == "day" and da[0] != db[0]:
        return True  # "five peacekeepers were killed on Sunday" / "an ambush on Friday killed five soldiers"
    if a.location is None or b.location is None:
        return False
    return a.location.place is not b.location.place
