"""Place mentions -> coordinates, offline first, with the article as context.

An ambiguous name is settled by the countries the article speaks of and by the
distance (geopy) to its other places. When it cannot be settled, the place
falls back to its country (precision 3) or stays without a pin: a confident
wrong pin is worse than none.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from geopy.distance import EARTH_RADIUS

from core import gazetteer
from core.gazetteer import Candidate

PRECISION = {"macro-region": None, "city": 1, "border crossing": 1, "island": 2, "road": 2, "admin1": 2, "region": 2, "sea": 2,
             "country": 3, "other": 2}
CAPITAL_BONUS = 6  # a capital weighs as much as lying in a country the article speaks of (Damascus, not Damascus MD)
MIN_FOREIGN_POPULATION = 50_000  # a town outside the article's countries needs to be this large to be chosen
LOCAL_KINDS = {"camp": ("city", "other"), "district": ("city", "admin1", "other")}  # named with their kind word
NAMED_AFTER_KINDS = ("camp", "district", "facility")  # kinds whose name may be a town's elsewhere
LOCAL_RADIUS_KM = 150  # a camp or district among namesakes is the one this near the article's other places
OUTPUT_KIND = {"camp": "other", "district": "other", "facility": "other"}  # kinds of the contract
SKELETON_KINDS = {"admin1": ("admin1", "region"), "city": ("city",)}  # kinds a kind word admits for a respelt name
MIN_SKELETON = 4  # consonants a respelt name needs to be matched by its skeleton (three for a named province)


@dataclass
class Resolved:
    cand: Candidate | None
    kind: str
    precision: int | None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (geopy's formula and earth radius, without its Point objects: this runs per candidate)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS * math.asin(min(1.0, math.sqrt(h)))


def _score(c: Candidate, hint: str | None, context: Counter, anchors: list[tuple[float, float]]) -> float:
    s = math.log10(c.population + 10)
    if c.country and context.get(c.country):
        s += 6 + min(context[c.country], 5) * 0.3
    if c.curated:
        s += 10  # our own places file names the place the news means ("Middle East" is no town in Maryland)
    if c.kind == "city" and c.country and gazetteer.load().capitals.get(c.country) == c.canonical:
        s += CAPITAL_BONUS  # "U.S. officials met … in Damascus": Syria's capital, not the town in Maryland
    if hint:
        if c.kind == hint:
            s += 10  # the text says what kind of place it is
        elif hint == "admin1" and c.kind in ("region",):
            s += 3
        elif hint in ("border crossing", "road") and c.kind == "city":
            s += 2  # "Rafah-overgangen": the crossing at the town
    elif c.kind == "country":
        s += 8
    elif c.kind == "admin1":
        s -= 1  # a bare name is the city more often than the province
    if anchors:
        d = min(km(c.lat, c.lon, a[0], a[1]) for a in anchors)
        s += 2 if d < 300 else (1 if d < 1000 else 0)
    return s


def resolve_country(iso2: str) -> Resolved:
    """A country named in the text (any of its names): the country itself, at its own point."""
    cand = gazetteer.load().country(iso2)
    return Resolved(cand, "country", PRECISION["country"] if cand else None)


def _local(name: str, hint: str, cands: list[Candidate], context: Counter,
           anchors: list[tuple[float, float]]) -> Resolved:
    """A camp or district named with its kind word ("flyktningleiren Maghazi", "Qarabagh-distriktet"): a namesake
    in the article's countries near its other places (any one, when it names no larger place); never one
    elsewhere, in another country or across its own ("the Kassala camp near Nyala" is not in Kassala)."""
    kind = OUTPUT_KIND[hint]
    near = [c for c in cands if c.kind in LOCAL_KINDS[hint] and c.country and context.get(c.country)]
    if len(near) > 1 or anchors:  # one namesake far from the article's places is still a namesake elsewhere
        near = [c for c in near if anchors and min(km(c.lat, c.lon, a[0], a[1]) for a in anchors) < LOCAL_RADIUS_KM]
    if len(near) != 1:
        return Resolved(None, kind, None)
    return Resolved(near[0], kind, 1 if hint == "camp" else 2)


def _by_skeleton(name: str, hint: str | None, context: Counter) -> list[Candidate]:
    """A name the text gives as a place that no spelling of the index matches ("Wardak province"): the one place of
    the article's countries whose name has its consonant skeleton (GeoNames' Vardak); none when there are several
    or the skeleton is too short to tell places apart."""
    key = gazetteer.skeleton(name)
    if key is None:
        return []
    found = [c for c in gazetteer.load().by_skeleton(key) if c.country and context.get(c.country)]
    if hint:
        kinds = SKELETON_KINDS.get(hint, (hint,))
        found = [c for c in found if c.kind in kinds]
    if len(key) < MIN_SKELETON and not (hint == "admin1" and found):
        return []
    places = {(c.canonical, round(c.lat), round(c.lon)) for c in found}
    return found[:1] if len(places) == 1 else []


def resolve(name: str, hint: str | None, context: Counter, anchors: list[tuple[float, float]]) -> Resolved:
    gaz = gazetteer.load()
    cands = gaz.lookup(name)
    curated = [c for c in cands if c.curated]
    if hint == "facility":  # "Villa Kismayo", "a nuclear station named after its town": not the town it is named after
        return Resolved(curated[0], curated[0].kind, PRECISION.get(curated[0].kind, 2)) if curated else \
            Resolved(None, "other", None)
    if hint in LOCAL_KINDS and not curated:
        return _local(name, hint, cands, context, anchors)
    if not cands:
        cands = _by_skeleton(name, hint, context)
    if not cands:
        return Resolved(None, OUTPUT_KIND.get(hint or "", hint or "other"), None)
    region_by_city = hint == "admin1" and not any(c.kind in ("admin1", "region") for c in cands)
    if region_by_city:
        hint = "city" if any(c.kind == "city" for c in cands) else hint
    anchors = list(dict.fromkeys(anchors))[:8]
    if len(cands) > 30:  # many namesakes: score the likeliest by size and context first
        cands = sorted(cands, key=lambda c: -(math.log10(c.population + 10) + (6 if context.get(c.country or "") else 0)
                                             + (3 if c.curated else 0) + (5 if c.kind == hint else 0)))[:30]
    scores = [_score(c, hint, context, anchors) for c in cands]
    order = sorted(range(len(cands)), key=lambda i: -scores[i])  # stable: ties keep the gazetteer's order
    ranked = [cands[i] for i in order]
    best = ranked[0]
    in_context = bool(best.country and context.get(best.country)) or best.kind == "country" or best.curated
    if not in_context and best.population < MIN_FOREIGN_POPULATION:
        return Resolved(None, hint or best.kind, None)
    if len(ranked) > 1 and not in_context:
        rival = ranked[1]
        if rival.country != best.country and scores[order[0]] - scores[order[1]] < 1.0:
            # two countries are as likely: no pin
            return Resolved(None, hint or best.kind, None)
    kind = best.kind
    if hint in ("border crossing", "road") and best.kind == "city":
        kind = hint
    if region_by_city and best.kind == "city":
        return Resolved(best, "admin1", 2)  # "Krasnodar-regionen": the region, pinned at its namesake city
    return Resolved(best, kind, PRECISION.get(kind, 2))  # a continent or macro-region: known, never pinned
