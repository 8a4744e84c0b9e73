"""English mentions: abbreviations, spellings and names the tagger splits, in sentences of our own."""
from __future__ import annotations

import pytest

from tests.test_places import english_pipeline  # noqa: F401 - the English rules read its entities and parse


def _actors(parse, text):
    return {a.name: a for a in parse(text, lang="en").actors}


def test_a_country_abbreviation_in_capitals_is_the_country(parse):
    doc = parse("Militiamen burned a market in CAR on Sunday, aid workers said.", lang="en")
    car = next(p for p in doc.places if p.name == "CAR")
    assert car.canonical == "Central African Republic" and car.kind == "country" and car.lat is not None


@pytest.mark.parametrize("text", [
    "Car bombs shook the capital overnight, witnesses said.",
    "Us and them, the minister in Kabul told reporters.",
])
def test_a_country_abbreviation_not_in_capitals_is_a_word(parse, text):
    doc = parse(text, lang="en")
    assert not any(p.kind == "country" for p in doc.places)
    assert not any(a.type == "state" and a.name in ("Central African Republic", "United States") for a in doc.actors)


def test_an_abbreviation_with_points_before_a_noun_is_the_organisation(parse):
    acts = _actors(parse, "U.N. monitors were fired on near the border, the mission said.")
    assert acts["United Nations"].type == "igo"


def test_a_given_name_in_two_parts_is_not_cut(parse):
    acts = _actors(parse, "North Korean leader Kim Jong-un said the launch was a success.")
    assert "Kim Jong-un" in acts and "Kim Jong" not in acts


def test_a_ministry_named_with_a_verb_like_word_is_no_person(parse):
    # "State" is also a speech verb ("state"): the word after it is no speaker's name
    acts = _actors(parse, "The State Department said the visa ban would stay in force.")
    assert acts["US State Department"].country == "USA"
    assert not any(a.type == "person" for a in acts.values())


@pytest.mark.parametrize("text,canonical", [
    ("Al-Shabab fighters stormed a police post in the south, officials said.", "al-Shabaab"),
    ("Shabaab gunmen stormed a police post in the south, officials said.", "al-Shabaab"),
    ("Al-Qaida fighters stormed a police post in the north, officials said.", "al-Qaeda"),
    ("Al Qaeda fighters stormed a police post in the north, officials said.", "al-Qaeda"),
])
def test_the_usual_spellings_of_a_group_are_one_actor(parse, text, canonical):
    assert _actors(parse, text)[canonical].type == "armed group"


@pytest.mark.parametrize("text,subject", [
    ("In a statement on Friday, the ministry backed the envoy, saying the Taliban are blocking aid to the north.",
     "Taliban"),
    ("In a statement Friday, the ministry joined the European Union in condemning the raid, saying Hamas is putting "
     "thousands of civilians at risk.", "Hamas"),
])
def test_the_subject_of_what_was_said_is_not_the_speaker(parse, text, subject):
    speakers = {s.speaker for s in parse(text, lang="en").statements}
    assert subject not in speakers and speakers


@pytest.mark.parametrize("text,force,owner", [
    ("U.N. peacekeepers were fired on near the airport, the mission said.", "United Nations peacekeepers",
     "United Nations"),
    ("NATO troops opened fire on a car near the base, officials said.", "NATO military", "NATO"),
])
def test_an_organisations_name_before_a_force_noun_makes_the_force_its_own(parse, text, force, owner):
    acts = _actors(parse, text)
    assert acts[force].parent == owner
    assert not any(a.type == "military" and a.country for a in acts.values())  # no country's army of its own
