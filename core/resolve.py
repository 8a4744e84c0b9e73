"""Who each mention is, once the whole article has been read.

Steps, in order: a surname alone takes the full name given earlier; a force or body waiting for a country takes
the article's main country; a bare "the governor" or a definite title ("utenriksministeren") takes the one holder
of that role named in the article (else a title is the home country's where titles mean it); local officials
belong to the main country; "the mayor of X" takes X's canonical name and country; a name in the genitive before
a role or a person, or used as an attribute, is a modifier, not an actor; a referring noun ("the group",
"landet") takes the nearest actor of a fitting type before it.
"""
from __future__ import annotations

from core import gazetteer
from core.context import Context
from core.lexicon import compound_key
from core.mentions import LOCAL_ROLES, MILITARY_ROLES, ActorRef, Mention, adjective


def resolve_actors(ctx: Context, main_country: str | None) -> None:
    persons = [m for m in ctx.mentions if m.kind == "person" and m.actor]
    _full_names(ctx, persons)
    _pending(ctx, persons, main_country)
    for m in persons:
        a = m.actor
        if a and a.country is None and a.org is None and a.role in LOCAL_ROLES | MILITARY_ROLES:
            a.country = main_country  # local officials belong to the country the article is about
    _officials_of_places(ctx)
    _modifiers(ctx)
    _referring_nouns(ctx)


def _full_names(ctx: Context, persons: list[Mention]) -> None:
    """"Berg" after "Anna Berg": the full name; a lone name the lexicon knows: its canonical person."""
    lx = ctx.lx
    by_surname: dict[str, ActorRef] = {}
    for m in persons:
        if m.actor and len(m.actor.name.split()) > 1:
            by_surname.setdefault(m.actor.name.split()[-1], m.actor)
    for m in persons:
        a = m.actor
        if a is None or len(a.name.split()) != 1:
            continue
        full = by_surname.get(a.name)
        if full is not None:
            m.actor = ActorRef(full.name, "person", full.country, full.role, full.org)
        elif a.name.lower() in lx.person_forms:
            canon = lx.person_forms[a.name.lower()]
            country, role, org = lx.persons[canon][:3]
            m.actor = ActorRef(canon, "person", country, role, org)


def _pending(ctx: Context, persons: list[Mention], main_country: str | None) -> None:
    for m in ctx.mentions:
        a = m.actor
        if a is None:
            continue
        if a.pending == "main":
            adj = adjective(main_country, ctx.lx)
            if adj and a.label:
                m.actor = ActorRef(f"{adj} {a.label}", a.type, main_country, a.role, a.org)
            a.pending = None
        elif a.pending == "role":
            holders = {p.actor.name: p.actor for p in persons if p.actor and p.actor.role and a.role and
                       (p.actor.role == a.role or p.actor.role.endswith(f" {a.role}"))}  # "ministeren": a minister
            if len(holders) == 1:
                m.actor = next(iter(holders.values()))
            elif a.role in LOCAL_ROLES:  # a town's official stays "Mayor"/"Governor": the nationality is its country
                m.actor = ActorRef(str(a.role), "person", a.country or main_country, a.role)
            else:  # "statsministeren" with no one named so: the home country's where titles mean it, else the main
                home = ctx.lx.home_country if ctx.lx.grammar.home_titles else None
                country = a.country or home or main_country
                adj = adjective(country, ctx.lx)
                m.actor = ActorRef(f"{adj} {a.role}" if adj else str(a.role), "person", country, a.role)


def _officials_of_places(ctx: Context) -> None:
    """"ordføreren i Damaskus" -> Mayor of Damascus, in Syria."""
    starting = {m.a: m for m in ctx.mentions if m.place is not None}
    for m in ctx.mentions:
        if m.kind != "role" or m.actor is None or m.place_tokens is None:
            continue
        pm = starting.get(m.place_tokens[0])
        if pm is not None and pm.place is not None:
            iso3 = gazetteer.load().iso3.get(pm.place.country or "")
            m.actor = ActorRef(f"{m.actor.role} of {pm.place.canonical}", "person", iso3, m.actor.role)


def _modifiers(ctx: Context) -> None:
    """Genitive names before a role or a person, or before "og" and a second one, and names used as attributes
    ("a Hamas command center") modify what follows: they are not actors of their own."""
    toks, lx = ctx.toks, ctx.lx
    joins = lx.words("conjunction")
    for i, m in enumerate(ctx.mentions):
        if m.kind in ("country", "org") and m.genitive and m.b < len(toks):
            later = [x for x in ctx.mentions[i + 1:i + 4] if x.a >= m.b]
            before_person = bool(later) and later[0].a == m.b and later[0].kind in ("person", "role")
            if toks[m.b].lower in joins or before_person or compound_key(toks[m.b].lemma, lx.roles) is not None:
                m.modifier = True
    if not lx.grammar.attributive_names:
        return
    articles, not_attribute, subjects = lx.words("article"), lx.words("not_attribute"), lx.relations("subject")
    modifiers = lx.relations("modifier")
    for m in ctx.mentions:
        if m.kind in ("org", "country") and 0 < m.a and m.b < len(toks) and toks[m.a - 1].lower in articles:
            nxt = toks[m.b]
            if toks[m.b - 1].dep in subjects:
                continue  # the parse reads the name as a subject: "the UN described …", not "a Hamas command center"
            if nxt.pos in ("VERB", "AUX") and nxt.dep not in modifiers:
                continue  # a verb follows the name: "members of the RSF attacked …" (the name names no attribute)
            if nxt.text.isalpha() and nxt.text.islower() and nxt.lower not in not_attribute:
                m.modifier = True


def _referring_nouns(ctx: Context) -> None:
    """"eksilgruppen", "landet", "the militant group": the nearest actor of a fitting type before."""
    last_of_type: dict[str, tuple[int, ActorRef]] = {}
    for m in ctx.mentions:
        if m.kind == "coref":
            fits = [last_of_type[t] for t in m.types if t in last_of_type]
            if fits:
                m.actor = max(fits, key=lambda seen: seen[0])[1]
        if m.actor is not None and (not m.modifier or m.kind == "org"):
            last_of_type[m.actor.type] = (m.a, m.actor)  # "a Hamas command center … the militant group"
    ctx.mentions[:] = [m for m in ctx.mentions if m.kind != "coref" or m.actor is not None]
