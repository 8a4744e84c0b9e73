"""The article's places: its place mentions -> Place records, one per place, pinned only when an analyst can trust it.

Names are resolved with the article as context (core.geo). A country mention is the
country itself, at its own point. Continents and macro-regions are listed without a
pin; so is a dateline's place (where the story was filed) unless the text names it again.
A country or capital used as an attribute ("U.S. officials", "Britain-based"), or a capital
standing for its government ("Moscow annexed", "talks with Kyiv"), is no place mention.
"""
from __future__ import annotations

import functools
from collections import Counter

from core import gazetteer, geo, segment
from core.context import Context
from core.lexicon import compound_key, rows
from core.mentions import Mention
from core.model import Place
from core.nlp import lemma_of

ORG_LABELS = {"ORG"}  # the organisation label of the English (OntoNotes) and Norwegian (NorNE) recognisers
HEADER_LINES = 8  # heading lines an article or press statement opens with (title, kind, name, role, place, date)
INSIDE_WINDOW = 8  # tokens between a place and "in <town>" that still describe it ("…, a military base in")
INSIDE_STEPS = 2   # the preposition's head is the place, or a noun in apposition to it
APPOSITION = ("appos", "app")  # the apposition relation of the English (ClearNLP) and Norwegian (NDT) parsers
DEMONYM_KINDS = {"city", "region"}    # place words after a demonym that name places in its country
SUBJECT_DEPS = {"nsubj", "SUBJ"}     # the subject relation of the English (ClearNLP) and Norwegian (NDT) parsers
ATTRIBUTE_DEPS = {"compound", "flat", "FLAT"}  # a name modifying the noun after it ("U.S. officials"), or inside
                                               # a longer name ("CARE Norge")


def resolve_places(ctx: Context, online_geocoder: object | None = None) -> list[Place]:
    """Place records for the article's place mentions; sets each mention's ``place``."""
    filed = _dateline_spans(ctx)
    named = _named(ctx)
    cache = _resolve_all(named, _country_context(ctx), _anchors(ctx), filed, online_geocoder)
    by_key: dict[str, Place] = {}
    in_text: set[str] = set()  # places named outside a dateline
    for m, key in named:
        res = cache[key]
        c = res.cand
        if c is None and m.kind == "place" and (not m.sure or any(a <= m.start < b for a, b in filed)):
            continue  # a capitalised word only a faraway hamlet shares ("Det"), a filing place no source knows
        name = m.place_name if key[1] == "country" else key[0]
        written = name if m.kind == "country" and key[1] != "country" else m.text  # "Lake Chad", not "Chad"
        canonical = c.canonical if c else name
        kind = res.kind
        if kind == "border crossing" and c and c.kind == "city":
            canonical = f"{c.canonical} border crossing"
        pkey = f"{canonical}|{kind}"
        place = by_key.get(pkey)
        if place is None:
            pin = c is not None and res.precision is not None
            place = Place(name=written, canonical=canonical, kind=kind, lat=c.lat if pin and c else None,
                          lon=c.lon if pin and c else None, country=c.country if c else None,
                          geonames_id=c.geonames_id if c else None, mentions=0, geo_precision=res.precision)
            by_key[pkey] = place
        place.mentions += 1
        if written not in place.forms:
            place.forms.append(written)
        place.spans.append([m.start, m.end])
        m.place = place
        if not any(a <= m.start < b for a, b in filed):
            in_text.add(pkey)
    for pkey, place in by_key.items():
        if pkey not in in_text:  # only the dateline names it: where the story was filed, not where it happened
            place.lat = place.lon = place.geo_precision = None
    _pin_inside_towns(ctx, filed)
    return list(by_key.values()) + _countries_by_demonym(ctx, list(by_key.values()), filed)


Key = tuple[str, str | None]


def _named(ctx: Context) -> list[tuple[Mention, Key]]:
    """The mentions used as places, each with the name and kind word it is looked up by: a country as itself
    ("@NO"), unless its name is part of a longer place name ("Lake Chad"), whose other words then name no place
    of their own."""
    out: list[tuple[Mention, Key]] = []
    inside_longer: set[int] = set()
    for m in ctx.mentions:
        if m.place_name is None or _use(ctx, m) != "place":
            continue
        key: Key = (m.place_name, m.place_hint)
        if m.kind == "country" and m.iso2:
            longer = _country_in_longer_name(ctx, m)
            key = (longer[0], None) if longer else (f"@{m.iso2}", "country")
            if longer:
                inside_longer.update(range(m.a - longer[1], m.a))
        out.append((m, key))
    return [(m, key) for m, key in out if not (m.kind != "country" and set(range(m.a, m.b)) <= inside_longer)]


def _resolve_all(named: list[tuple[Mention, Key]], context: Counter, anchors: list[tuple[float, float]],
                 filed: list[tuple[int, int]], online_geocoder: object | None) -> dict[Key, geo.Resolved]:
    """Each name resolved once. The country where most of the article's places lie counts as one of its
    countries (Bangassou makes it the Central African Republic, so its province Mbomou is the one there): when
    the text does not name it, the names are resolved again with it. The online geocoder answers what is left."""
    def offline(ctx_countries: Counter) -> dict[Key, geo.Resolved]:
        out: dict[Key, geo.Resolved] = {}
        for _m, key in named:
            if key not in out:
                out[key] = geo.resolve_country(key[0][1:]) if key[1] == "country" else \
                    geo.resolve(key[0], key[1], ctx_countries, anchors)
        return out

    cache = offline(context)
    lying: Counter = Counter(cache[key].cand.country for m, key in named  # type: ignore[union-attr]
                             if key[1] != "country" and cache[key].cand is not None and cache[key].precision
                             and cache[key].cand.country and not any(a <= m.start < b for a, b in filed))
    main = lying.most_common(1)[0][0] if lying else None
    if main and not context.get(main):
        cache = offline(context + Counter({main: 1}))
    if online_geocoder is not None:
        for _m, key in named:
            if cache[key].cand is None and key[1] != "country":
                cache[key] = online_geocoder.resolve(key[0], key[1], context)  # type: ignore[attr-defined]
    return cache


def _country_in_longer_name(ctx: Context, m: Mention) -> tuple[str, int] | None:
    """A country's name inside the name of another place of our places file ("Lake Chad", "Gulf of Guinea";
    "Tsjadsjøen" is one word): that place's name and how many words before the country it starts, else None."""
    toks = ctx.toks
    gaz = gazetteer.load()
    before = []
    if m.a >= 1 and toks[m.a - 1].is_cap and toks[m.a - 1].sent == m.sent:
        before.append((f"{toks[m.a - 1].text} {m.place_name}", 1))
    if m.a >= 2 and toks[m.a - 1].lower == "of" and toks[m.a - 2].is_cap and toks[m.a - 2].sent == m.sent:
        before.append((f"{toks[m.a - 2].text} of {m.place_name}", 2))
    return next((found for found in before if any(c.curated and c.kind != "country" for c in gaz.lookup(found[0]))),
                None)


def _pin_inside_towns(ctx: Context, filed: list[tuple[int, int]]) -> None:
    """A place no source knows that the text puts inside a town ("Villa Kismayo, a military base in central
    Mogadishu", "Øst-Ghouta i Damaskus"): pinned at the town, as near it (precision 2). Inside a province or a
    country it stays without a pin ("Abu Shouk Camp in North Darfur")."""
    toks = ctx.toks
    inside = _inside_words(ctx.lang)
    places = sorted((m for m in ctx.mentions if m.place is not None), key=lambda m: m.a)
    for town_m, m in zip(places, places[1:], strict=False):
        if _in_town_by_genitive(ctx, town_m, m, filed):  # "Aden's al-Orouba Square", "Kabuls Shar-e Naw-park"
            _pin_at(m.place, town_m.place)
    for m, nxt in zip(places, places[1:], strict=False):
        place, town = m.place, nxt.place
        if place is None or town is None or place.lat is not None or place.kind in ("macro-region", "country"):
            continue
        if not _pinned_town(town) or nxt.sent != m.sent or any(a <= m.start < b for a, b in filed):
            continue
        k = nxt.a - 1
        while k >= m.b and (toks[k].lower in ctx.lx.words("determiner") or toks[k].lower in _directions(ctx.lang)):
            k -= 1  # "in central Mogadishu", "in the capital's"
        if k < m.b or toks[k].lower not in inside or nxt.a - m.b > INSIDE_WINDOW or not _describes(ctx, k, m):
            continue
        _pin_at(place, town)


def _pinned_town(place: Place | None) -> bool:
    return place is not None and place.kind == "city" and place.geo_precision == geo.PRECISION["city"] and \
        place.lat is not None


def _pin_at(place: Place | None, town: Place | None) -> None:
    """Pin a place inside a town at the town, as near it (precision 2)."""
    if place is not None and town is not None:
        place.lat, place.lon, place.country, place.geo_precision = town.lat, town.lon, town.country, 2


def _in_town_by_genitive(ctx: Context, town_m: Mention, m: Mention, filed: list[tuple[int, int]]) -> bool:
    """Whether a place without a pin of its own follows a town in the genitive ("Aden's al-Orouba Square"):
    the town's square, camp or district, inside it."""
    place = m.place
    if place is None or place.lat is not None or place.kind in ("macro-region", "country", "city") or \
            not _pinned_town(town_m.place) or town_m.sent != m.sent or any(a <= m.start < b for a, b in filed):
        return False
    between = [t.lower for t in ctx.toks[town_m.b:m.a]]
    return between == [] and town_m.genitive or len(between) == 1 and between[0] in ctx.lx.grammar.genitive_clitic


def _describes(ctx: Context, k: int, m: Mention) -> bool:
    """Whether the phrase at token k ("in Mogadishu") hangs on the place mention m in the parse, directly or
    through a noun in apposition ("Villa Kismayo, a military base in …"), not on a verb or another noun of the
    clause ("Wardak province, the ministry in Khartoum said")."""
    toks = ctx.toks
    j = k
    for _ in range(INSIDE_STEPS):
        j = toks[j].head
        if m.a <= j < m.b:
            return True
        if toks[j].pos in ("VERB", "AUX") or toks[j].head == j or not toks[j].dep.lower().startswith(APPOSITION):
            return False
    return False


@functools.lru_cache(maxsize=4)
def _inside_words(lang: str) -> frozenset[str]:
    """lexicon/place_inside.tsv: the prepositions that put a place inside a town ("in", "i")."""
    langs = {"nb", "nn", "*"} if lang in ("nb", "nn") else {lang, "*"}
    return frozenset(r[0] for r in rows("place_inside.tsv") if r[1] in langs)


@functools.lru_cache(maxsize=4)
def _directions(lang: str) -> frozenset[str]:
    """Direction words of place_cues.tsv ("central", "nordlige"): they describe a place, never are one."""
    langs = {"nb", "nn", "*"} if lang in ("nb", "nn") else {lang, "*"}
    return frozenset(r[0] for r in rows("place_cues.tsv") if r[2] == "direction" and r[1] in langs)


def _countries_by_demonym(ctx: Context, places: list[Place], filed: list[tuple[int, int]]) -> list[Place]:
    """A country named by its demonym before a place word ("other Syrian cities", "fra hviterussisk territorium"),
    or by any demonym when it is the country the article's towns lie in ("the Syrian regime's offensive in
    Idlib"): the country is a place of the article too, when it is not named otherwise."""
    gaz = gazetteer.load()
    named = {p.country for p in places if p.kind == "country"}
    main = gazetteer.iso2_of().get(main_country(places) or "")
    if any(p.country == main and p.kind in ("admin1", "region") for p in places):
        main = None  # a province or region of it already gives the story its area ("Gaza Strip", "Idlib province")
    out: dict[str, Place] = {}
    toks = ctx.toks
    # a word of an organisation's name ("Norsk Hydro", "the Arab Organisation for Human Rights")
    in_names = {k for m in ctx.mentions if m.kind == "org" for k in range(m.a, m.b)} | \
        {t.i for t in toks if t.ent in ORG_LABELS}
    for t, nxt in zip(toks, toks[1:], strict=False):
        iso2 = ctx.lx.demonyms.get(t.lower)
        if iso2 is None or iso2 in named or nxt.sent != t.sent or t.i in in_names or \
                any(a <= t.start < b for a, b in filed):
            continue
        if iso2 != main and \
                DEMONYM_KINDS.isdisjoint({ctx.lx.place_kinds.get(nxt.lower), ctx.lx.place_kinds.get(nxt.lemma)}):
            continue  # "Syrian cities", "hviterussisk territorium"; not "Egyptian state media" of a story elsewhere
        place = out.get(iso2)
        if place is None:
            c = gaz.country(iso2)
            if c is None:
                continue
            place = out[iso2] = Place(name=t.text, canonical=c.canonical, kind="country", lat=c.lat, lon=c.lon,
                                      country=iso2, geonames_id=c.geonames_id, mentions=0,
                                      geo_precision=geo.PRECISION["country"])
        place.mentions += 1
        if t.text not in place.forms:
            place.forms.append(t.text)
        place.spans.append([t.start, t.end])
    return list(out.values())


def _dateline_spans(ctx: Context) -> list[tuple[int, int]]:
    """Character spans of the article's dateline ("BEIRUT (Reuters) -", "AMMAN, Jordan —"), and of a heading
    line of the opening block that is only a place ("Washington, DC" under a press statement's title)."""
    out = []
    for s in ctx.sents[:3]:
        if s.heading:
            dl = segment.dateline(ctx.text, s.start)
            if dl is not None:
                out.append((dl[0], dl[1]))
    for si, s in enumerate(ctx.sents[:HEADER_LINES]):
        if not s.heading:
            break
        if si > 0 and _place_line(ctx, si):
            out.append((s.start, s.end))
    return out


def _place_line(ctx: Context, si: int) -> bool:
    """Whether sentence si is only a place's name, its region or country after a comma ("Geneva, Switzerland")."""
    a, b = ctx.ranges[si]
    words = [t for t in ctx.toks[a:b] if t.text not in (",", ".")]
    if not words or len(words) > 4 or not all(t.is_cap or t.text.isupper() for t in words):
        return False
    return any(m.place_name and m.kind in ("place", "country", "capital") for m in ctx.mentions if m.sent == si)


def _use(ctx: Context, m: Mention) -> str:
    """How a place mention is used: "place", "attribute" (a country or capital modifying a noun: "U.S. officials",
    "Britain-based", "Syria-konflikten") or "actor" (a capital standing for its government: the subject of a
    verb, or after "with"/"med": "Moscow annexed", "talks with Kyiv"). A country as a subject stays a place
    ("Norge fordømmer" still names Norway). Other places are always places."""
    toks = ctx.toks
    nxt = toks[m.b] if m.b < len(toks) and toks[m.b].sent == toks[m.a].sent else None
    if nxt is not None and not m.genitive and _role_at(ctx, m.b) or _role_tail(ctx, m):
        return "attribute"  # "U.S. Secretary of State", "Kordofan Governor", "Kordofan-guvernør": the title's
    if m.kind not in ("country", "capital") and not _is_capital(m):
        return "place"
    if m.b - m.a == 1 and "-" in toks[m.a].text:
        tail = toks[m.a].text.rpartition("-")[2]
        if not tail or tail[:1].islower() and tail not in ctx.lx.place_kinds:
            return "attribute"
    if nxt is not None and not m.genitive:
        if nxt.text == "-" and m.b + 1 < len(toks) and toks[m.b + 1].text[:1].islower():
            return "attribute"  # "Britain-based", "U.S.-led", "USA- og russiskstøttede"
        if nxt.lower in (",", "and", "og") and m.b + 1 < len(toks) and toks[m.b + 1].lower in ctx.lx.demonyms:
            return "attribute"  # "U.S., Syrian and Russian jets": one of a list of nationalities
    head = next((k for k in range(m.a, m.b) if not m.a <= toks[k].head < m.b or toks[k].head == k), m.b - 1)
    h = toks[head]
    if h.dep in ATTRIBUTE_DEPS and h.head != head:
        gov = toks[h.head]
        if gov.pos in ("NOUN", "PROPN") and gov.lower not in ctx.lx.place_kinds:
            return "attribute"
    if m.kind != "country" and (h.dep in SUBJECT_DEPS or m.a > 0 and toks[m.a - 1].lower in ctx.lx.words("partner_prep")):
        return "actor"
    return "place"


def _role_at(ctx: Context, k: int) -> bool:
    """Whether a title starts at token k ("minister", "Secretary of State", "forsvarsminister")."""
    toks = ctx.toks
    if compound_key(toks[k].lemma, ctx.lx.roles) is not None:
        return True
    words = [t.lower for t in toks[k:k + 3]]
    return any(" ".join(words[:n]) in ctx.lx.roles for n in (2, 3))


def _role_tail(ctx: Context, m: Mention) -> bool:
    """"Darfur-guvernør", "Nato-generalsekretær": a one-token compound of a name and a title."""
    t = ctx.toks[m.a]
    if m.b - m.a != 1 or "-" not in t.text:
        return False
    tail = t.text.rpartition("-")[2].lower()
    return bool(tail) and compound_key(lemma_of(tail, ctx.lang), ctx.lx.roles) is not None


def _is_capital(m: Mention) -> bool:
    gaz = gazetteer.load()
    cands = gaz.lookup(m.place_name or "")
    return bool(cands) and cands[0].kind == "city" and cands[0].country is not None and \
        gaz.capitals.get(cands[0].country) == cands[0].canonical


def _country_context(ctx: Context) -> Counter:
    """ISO2 -> how much the article speaks of that country (its names, its actors, its demonyms)."""
    context: Counter = Counter()
    for m in ctx.mentions:
        if m.kind == "country" and m.iso2:
            context[m.iso2] += 1
        elif m.actor and m.actor.country and m.actor.type not in ("media", "ngo"):
            iso2 = gazetteer.iso2_of().get(m.actor.country)
            if iso2:
                context[iso2] += 0.5
    for t in ctx.toks:
        if t.lower in ctx.lx.demonyms:
            context[ctx.lx.demonyms[t.lower]] += 0.5
    return context


def _anchors(ctx: Context) -> list[tuple[float, float]]:
    """Points of the article's unambiguous larger places: a namesake near them is the likelier one."""
    gaz = gazetteer.load()
    anchors = []
    for m in ctx.mentions:
        if m.place_name and m.kind != "country" and m.place_hint not in geo.NAMED_AFTER_KINDS:
            cands = gaz.lookup(m.place_name)  # (a camp's namesake town says nothing of where the camp is)
            if len({c.country for c in cands}) == 1 and cands[0].population > 50_000:
                anchors.append((cands[0].lat, cands[0].lon))
    return anchors


def main_country(places: list[Place]) -> str | None:
    """ISO3 of the country where the article's places lie (sub-country places count)."""
    gaz = gazetteer.load()
    counts: Counter = Counter()
    for p in places:
        if p.country and p.kind != "country" and p.lat is not None:
            counts[p.country] += p.mentions
    if not counts:
        for p in places:
            if p.country and p.kind == "country":
                counts[p.country] += p.mentions
    if not counts:
        return None
    return gaz.iso3.get(counts.most_common(1)[0][0])
