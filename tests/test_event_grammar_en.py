"""English event grammar on wire-style sentences (issue 12: English event recall and stated tolls): who acts when
a name, a place or a nationality stands in the sentence, which place and day an incident is given, and the
English triggers and toll phrases of the lexicon.

Sentences are our own, in the style of wire copy; names of people and small places are made up or chosen away
from the development set.
"""
from __future__ import annotations

import pytest

from core import parse_article

PUBLISHED = "2024-03-08"  # a Friday


def _events(text: str):
    return parse_article(text, lang="en", published=PUBLISHED).events


def _of(text: str, etype: str = "ASSAULT"):
    return [e for e in _events(text) if e.event_type == etype]


# -- who acts ---------------------------------------------------------------------------------------------------
def test_a_known_group_followed_by_its_verb_acts_and_is_no_attribute():
    (e,) = _of("On Monday members of the RSF attacked a market in the town of Kadugli.")
    assert e.actor1 == "Rapid Support Forces"


def test_a_person_named_with_a_genitive_is_a_person_and_later_his_surname_too():
    text = ("The government condemned the attacks by Hector Valdivia's militia on the capital.\n\n"
            "\"We call on Valdivia to stop the violence at once,\" the minister said.")
    (req,) = _of(text, "REQUEST")
    assert req.actor2 == "Hector Valdivia"


def test_a_country_after_a_locative_preposition_is_the_place_not_the_attacker():
    (e,) = _of("A car bomb in Ecuador exploded outside a market on Tuesday, killing seven people.")
    assert (e.actor1, e.fatalities, e.location) == (None, 7, "Ecuador")


@pytest.mark.parametrize("text,country", [
    ("Chadian troops drove the insurgents out of the town on Thursday.", "TCD"),
    ("Rwandan soldiers attacked the rebel camp on Thursday.", "RWA"),
    ("Cameroonian forces shelled the border village on Thursday.", "CMR"),
])
def test_the_demonyms_of_african_armies_name_their_country(text, country):
    (e,) = _of(text)
    assert e.actor1_country == country
