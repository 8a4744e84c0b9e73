"""Nynorsk read as well as Bokmål: two wire-style texts of our own (news and a government release),
and quotes in the other written standard."""
from __future__ import annotations

import pytest

from core import parse_article
from tests.conftest import FIXTURES

# A Nynorsk article quoting in Bokmål, and a Bokmål one quoting in Nynorsk (our own sentences).
NN_WITH_NB_QUOTE = (
    "Minst fire drepne i åtak i Kherson\n\n"
    "Minst fire menneske vart drepne i eit russisk rakettåtak på Kherson måndag, opplyser guvernør "
    "Oleksandr Prokudin.\n\n"
    "– Vi kommer ikke til å gi opp. Byen skal bygges opp igjen, seier Prokudin til NTB.\n\n"
    "«Dette er et angrep på sivile, og hele verden ser hva som skjer», skriv Prokudin på Telegram.\n"
)
NB_WITH_NN_QUOTE = (
    "Minst fire drept i angrep i Kherson\n\n"
    "Minst fire mennesker ble drept i et russisk rakettangrep på Kherson mandag, opplyser guvernør "
    "Oleksandr Prokudin.\n\n"
    "– Vi gir oss ikkje. Byen skal byggjast opp att, sier Prokudin til NTB.\n\n"
    "«Dei kjem ikkje til å knekke oss», skriver Prokudin på Telegram.\n"
)


@pytest.fixture(scope="module")
def kharkiv():
    return parse_article((FIXTURES / "nn_kharkiv_wire.txt").read_text(encoding="utf-8"), published="2024-06-05")


@pytest.fixture(scope="module")
def sudan():
    return parse_article((FIXTURES / "nn_sudan_release.txt").read_text(encoding="utf-8"), published="2024-06-06")


def _said(doc, speaker: str) -> list[str]:
    return [s.verb.lower() for s in doc.statements if s.speaker == speaker]


def _events(doc, **kw):
    return [e for e in doc.events if all(getattr(e, k) == v for k, v in kw.items())]


def test_both_texts_are_read_as_nynorsk(kharkiv, sudan):
    assert kharkiv.article.language == sudan.article.language == "nn"


def test_nynorsk_speech_verbs_find_their_speakers(kharkiv, sudan):
    assert _said(kharkiv, "Oleh Synjehubov") == ["seier", "seier"]   # indirect, then a dash quote
    assert "hevdar" in _said(kharkiv, "Russian Ministry of Defence")
    assert "fortel" in _said(kharkiv, "Red Cross")                    # Raudekrossen
    assert {"seier", "meiner"} <= set(_said(sudan, "Åsmund Aukrust"))
    assert "opplyser" in _said(sudan, "United Nations")


def test_killings_with_nynorsk_forms_and_day_words(kharkiv):
    # published on a Wednesday: "natt til tysdag" is the day before, "i førgårs" two days before
    assert _events(kharkiv, event_type="ASSAULT", fatalities=9, location="Kharkiv", date="2024-06-04")
    assert _events(kharkiv, event_type="ASSAULT", fatalities=2, location="Kherson", date="2024-06-03", mode="drone")


def test_release_killings_and_places(sudan):
    assert _events(sudan, event_type="ASSAULT", fatalities=12, location="Sudan")
    assert {p.name for p in sudan.places} >= {"Sudan", "Darfur", "El Fasher"}


@pytest.mark.parametrize("text,lang,quote", [
    (NN_WITH_NB_QUOTE, "nn", "Vi kommer ikke til å gi opp"),
    (NB_WITH_NN_QUOTE, "nb", "Vi gir oss ikkje"),
])
def test_a_quote_in_the_other_standard_is_speech(text, lang, quote):
    doc = parse_article(text, published="2024-06-04")
    assert doc.article.language == lang
    said = [s for s in doc.statements if s.quote.startswith(quote)]
    assert said and said[0].speaker == "Oleksandr Prokudin" and said[0].kind == "direct"
    assert any(s.kind == "direct" and s.verb.lower().startswith("skriv") for s in doc.statements)


@pytest.fixture(scope="module")
def gaza():
    return parse_article((FIXTURES / "nn_gaza_wire.txt").read_text(encoding="utf-8"), published="2024-06-05")


def test_nynorsk_verb_forms_make_statements_and_events(gaza):
    dujarric = next(s for s in gaza.statements if s.speaker == "Stéphane Dujarric")
    assert (dujarric.kind, dujarric.verb, dujarric.channel) == ("direct", "sa", "press conference")
    assert "oppmodar" in _said(gaza, "Espen Barth Eide")                      # oppmode: urge
    assert _events(gaza, event_type="REQUEST", actor1="Espen Barth Eide")
    assert _events(gaza, event_type="ACCUSE", actor1="Ismail Haniyeh", actor2="Israel")   # skuldar: accuses
    # "døydde i eit israelsk luftåtak ... tysdag": a killing, from the air, the day before publication
    assert _events(gaza, event_type="ASSAULT", fatalities=20, mode="aerial", date="2024-06-04")


def test_nynorsk_definite_plurals_are_a_grammar_row():
    from core.lexicon import load
    assert "ane" in load("nn").grammar.definite_suffix        # styrkane, soldatane
    assert "ane" not in load("nb").grammar.definite_suffix


def test_an_indefinite_nynorsk_article_introduces_an_unnamed_outlet():
    # "eit syrisk nyheitsbyrå": the indefinite article is a function-word row (ein/eit for nn), not code
    doc = parse_article("Tre drepne i Aleppo\n\nMinst tre menneske vart drepne i eit luftåtak mot Aleppo fredag, "
                        "melder eit syrisk nyheitsbyrå.\n", published="2024-06-07")
    assert [e.reported_by for e in doc.events if e.event_type == "ASSAULT"] == ["Syrian news agency"]


# Nynorsk verb forms the Bokmål tables read as other words or do not know (our own sentences)
NN_VERBS = (
    "FN ber om våpenkvile\n\n"
    "Generalsekretær António Guterres bed partane om å stanse kampane i Sudan straks.\n\n"
    "Utanriksminister Espen Barth Eide oppfordrar Israel til å opne grenseovergangane.\n\n"
    "Regjeringa i Kyiv åtvarar mot nye russiske åtak i dei austlege delane av landet.\n\n"
    "Hamas nektar å ha skote rakettar mot Tel Aviv, hevdar talspersonen.\n"
)


@pytest.fixture(scope="module")
def nn_verbs():
    return parse_article(NN_VERBS, published="2024-06-07")


@pytest.mark.parametrize("etype,actor1,trigger", [
    ("REQUEST", "António Guterres", "bed"),          # bed (om): asks; the tables read "bed" as a noun
    ("REQUEST", "Espen Barth Eide", "oppfordrar"),   # the -ar present of oppfordre
    ("THREATEN", None, "åtvarar"),                   # åtvare: warn
    ("REJECT", "Hamas", "nektar"),                   # nekte: refuse/deny; the tables read "nektar" as a noun
])
def test_nynorsk_verb_forms_are_event_triggers(nn_verbs, etype, actor1, trigger):
    found = [e for e in nn_verbs.events if e.event_type == etype and e.trigger.lower() == trigger]
    assert found and (actor1 is None or found[0].actor1 == actor1)


def test_bed_om_is_an_appeal_of_its_speaker(nn_verbs):
    assert _said(nn_verbs, "António Guterres") == ["bed"]


def test_a_nynorsk_threat_is_no_attack():
    # trugar med å …: a threat (THREATEN), and the attack it names has not happened (an intent row)
    doc = parse_article("Trugsmål mot Kyiv\n\nRussland trugar med å angripe Kyiv på nytt.\n", published="2024-06-07")
    assert [e.event_type for e in doc.events if e.actor1 == "Russia"] == ["THREATEN"]
