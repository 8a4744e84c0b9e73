"""Two more wire-style texts written for the tests (a Norwegian one on Ukraine, an English one on Gaza)."""
from __future__ import annotations

import pytest

from core import parse_article
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def ukraina():
    return parse_article((FIXTURES / "nb_ukraina_wire.txt").read_text(), lang="nb", published="2024-06-02")


@pytest.fixture(scope="module")
def gaza():
    return parse_article((FIXTURES / "en_gaza_wire.txt").read_text(), lang="en", published="2024-06-04")


def _ev(doc, **kw):
    return [e for e in doc.events if all(getattr(e, k) == v for k, v in kw.items())]


def test_weapon_subject_and_night_to_sunday(ukraina):
    e = _ev(ukraina, fatalities=8)[0]
    assert (e.actor1, e.location, e.date, e.mode) == ("Russia", "Odesa", "2024-06-02", "rocket")


def test_local_official_belongs_to_the_story_not_the_outlet(ukraina):
    gov = next(s for s in ukraina.statements if s.speaker == "Oleh Kiper")
    assert gov.speaker_role == "Governor" and gov.speaker_actor == "Ukraine"


def test_party_tag_does_not_cut_the_clause_and_the_attack_is_a_noun(ukraina):
    assert _ev(ukraina, event_type="ACCUSE", actor1="Espen Barth Eide")
    assert not _ev(ukraina, event_type="ASSAULT", actor1="Espen Barth Eide")


def test_channels_and_sentence_initial_words_are_not_places(ukraina):
    names = {p.name for p in ukraina.places}
    assert "Telegram" not in names and "Det" not in names
    region = next(p for p in ukraina.places if p.name == "Krasnodar-regionen")
    assert region.kind == "admin1" and region.country == "RU"


def test_nationality_plural_is_the_victim_and_the_count(gaza):
    e = _ev(gaza, event_type="ASSAULT", actor1="Israel")[0]
    assert (e.actor2, e.fatalities, e.location, e.reported_by) == ("Palestinians", 12, "Gaza Strip", "Associated Press")


def test_coreference_through_an_attributive_name(gaza):
    assert _ev(gaza, event_type="ACCUSE", actor1="Israeli military", actor2="Hamas")


def test_what_a_request_asks_for_is_not_an_event(gaza):
    assert _ev(gaza, event_type="REQUEST", actor1="António Guterres")
    assert not _ev(gaza, event_type="AGREE")


def test_body_without_country_takes_the_story_country(gaza):
    s = next(s for s in gaza.statements if "Ministry of Health" in s.speaker)
    assert s.speaker == "Palestinian Ministry of Health" and s.reported_by == "Associated Press"


def test_speech_without_that_and_the_speaker_is_not_the_content(gaza):
    mil = next(s for s in gaza.statements if s.speaker == "Israeli military")
    assert mil.quote.startswith("it had targeted")
    assert not any(s.quote.startswith("Mahmoud") for s in gaza.statements)
