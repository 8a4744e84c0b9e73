"""The actor hierarchy: each actor's parent state or organisation, so that filtering by one finds all under it.

A state has no parent. A force, body or official of a state ("Turkish military", "Russian Ministry of Defence",
"Turkish Defence Minister") has that state; a person who speaks for an organisation has the organisation; a
wing or branch of an organisation has the organisation (``lexicon/actor_parents.tsv``: "Qassam Brigades" ->
Hamas), and so does a force named as its ("Hamas's armed wing"). Civilians and armed groups named only by a
nationality ("Syrian rebels") are no part of the state.
"""
from __future__ import annotations

import functools

from core import gazetteer
from core.lexicon import rows
from core.mentions import ActorRef

STATE_TYPES = {"military", "government"}  # a state's own forces and bodies


@functools.lru_cache(maxsize=1)
def _parents() -> dict[str, str]:
    return {child: parent for child, parent in rows("actor_parents.tsv")}


def country_name(iso3: str | None) -> str | None:
    """The English name of a country by ISO alpha-3 (the canonical name of the state as an actor)."""
    if not iso3:
        return None
    gaz = gazetteer.load()
    return gaz.country_names_en.get(gazetteer.iso2_of().get(iso3, ""))


def parent_of(a: ActorRef) -> str | None:
    """The state or organisation an actor belongs to (the top of its hierarchy), or None for a top actor."""
    if a.type == "state":
        return None
    parent = _parents().get(a.name)
    if parent is None and a.org and a.org != a.name:
        parent = a.org  # a person speaking for an organisation, a force named as an organisation's
    if parent is None and (a.type in STATE_TYPES or a.type == "person"):
        parent = country_name(a.country)
    if parent is None or parent == a.name:
        return None
    return _parents().get(parent, parent)  # a wing's organisation, itself a branch of another: the top
