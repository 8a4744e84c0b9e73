"""Event arguments from the parse, the article's frame, and tolls (issue 12, items 1-3), in both languages.

Sentences are our own, in the style of wire copy.
"""
from __future__ import annotations

import pandas as pd
import pytest

from core import parse_article


def _events(text: str, lang: str, published: str = "2024-03-08"):
    return parse_article(text, lang=lang, published=published).events


def _one(text: str, lang: str, etype: str = "ASSAULT"):
    evs = [e for e in _events(text, lang) if e.event_type == etype]
    assert evs, f"no {etype} event in {text!r}"
    return evs[0]


# -- 1. who acts, who is acted upon ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang,text", [
    ("en", "Three soldiers were killed by Russian forces near Bakhmut on Tuesday."),
    ("nb", "Tre soldater ble drept av russiske styrker ved Bakhmut tirsdag."),
])
def test_passive_agent_acts_and_unnamed_victims_are_not_the_attackers_own(lang, text):
    e = _one(text, lang)
    assert (e.actor1, e.actor2, e.fatalities) == ("Russian forces", None, 3)  # not "Russian military" victims
    assert e.actor1_from == "sentence"


@pytest.mark.parametrize("lang,text", [
    ("en", "At least 14 civilians were killed in Russian missile strikes on Odesa overnight."),
    ("nb", "Minst 14 sivile ble drept i russiske rakettangrep mot Odesa i natt."),
])
def test_killed_in_demonym_strikes_the_demonym_acts(lang, text):
    e = _one(text, lang)
    assert (e.actor1, e.actor2, e.fatalities, e.fatalities_qualifier) == ("Russia", "Civilians", 14, "at least")


@pytest.mark.parametrize("lang,text", [
    ("en", "The Saudi-led coalition bombed the port of Aden on Monday."),
    ("nb", "Saudi-ledede styrker bombet havnen i Aden mandag."),
])
def test_the_leader_of_a_led_force_acts(lang, text):
    assert _one(text, lang).actor1 == "Saudi Arabia"


@pytest.mark.parametrize("lang,text", [
    ("en", "Russia's missile strikes killed nine people in Kharkiv."),
    ("nb", "Russlands rakettangrep drepte ni personer i Kharkiv."),
])
def test_possessor_of_an_event_noun_subject_acts(lang, text):
    e = _one(text, lang)
    assert (e.actor1, e.fatalities) == ("Russia", 9)


@pytest.mark.parametrize("lang,text", [
    ("en", "Russian forces did not attack the city of Kharkiv."),
    ("nb", "Russiske styrker angrep ikke byen Kharkiv."),
    ("en", "Russia could attack Kharkiv again, officials warned."),
    ("nb", "Russland kan angripe Kharkiv igjen."),
    ("en", "Did Israel bomb the hospital in Gaza?"),
    ("en", "No one was killed in the blast in Kherson."),
    ("nb", "Ingen ble drept i eksplosjonen i Kherson."),
])
def test_negated_possible_or_asked_events_are_not_attacks(lang, text):
    assert [e for e in _events(text, lang) if e.event_type == "ASSAULT"] == []


@pytest.mark.parametrize("lang,text,etype", [
    ("en", "Iran denied attacking the tanker in the Gulf of Oman.", "REJECT"),
    ("nb", "Iran benektet å ha angrepet tankskipet i Omanbukta.", "REJECT"),
    ("en", "Hamas threatened to attack Israeli towns near Gaza.", "THREATEN"),
    ("nb", "Hamas truet med å angripe israelske byer nær Gaza.", "THREATEN"),
])
def test_a_denied_or_threatened_attack_is_the_denial_or_threat_only(lang, text, etype):
    types = [e.event_type for e in _events(text, lang)]
    assert etype in types and "ASSAULT" not in types


@pytest.mark.parametrize("lang,text", [
    ("nb", "Kampene i Idlib har krevd flere menneskeliv, sier FN."),
    ("en", "The fighting in Idlib has claimed many lives, the U.N. said."),
])
def test_a_toll_phrase_is_not_a_request(lang, text):
    assert "REQUEST" not in [e.event_type for e in _events(text, lang)]


@pytest.mark.parametrize("lang,text,etype", [
    ("en", "Ukraine rejected the Russian proposal on Monday.", "REJECT"),
    ("nb", "Ukraina avviste det russiske forslaget mandag.", "REJECT"),
    ("en", "Germany will send 400 troops to Lithuania.", "MOBILIZE"),
    ("nb", "Norge sender 60 soldater til Litauen.", "MOBILIZE"),
    ("en", "Army officers in Niger seized power in a coup on Wednesday.", "COERCE"),
    ("nb", "Hæren i Niger tok makten ved et kupp onsdag.", "COERCE"),
])
def test_common_news_triggers_of_more_types(lang, text, etype):
    assert etype in [e.event_type for e in _events(text, lang)]


# -- 2. the article's frame ----------------------------------------------------------------------------------------
ARTICLE_EN = ("Israeli strikes hit Rafah\n\n"
              "Israeli airstrikes hit the southern city of Rafah on Friday, health officials said.\n\n"
              "At least 12 people were killed, among them four children, the officials said.\n\n"
              "Hamas said it had fired rockets at Ashkelon in response.")
ARTICLE_NB = ("Israelske angrep mot Rafah\n\n"
              "Israelske luftangrep rammet byen Rafah fredag, opplyser helsemyndighetene.\n\n"
              "Minst 12 mennesker ble drept, blant dem fire barn, ifølge myndighetene.\n\n"
              "Hamas sier at de skjøt raketter mot Ashkelon som svar.")


@pytest.mark.parametrize("lang,text", [("en", ARTICLE_EN), ("nb", ARTICLE_NB)])
def test_the_leads_attacker_and_place_fill_a_toll_sentence_that_names_neither(lang, text):
    toll = next(e for e in _events(text, lang, "2024-05-10") if e.fatalities == 12)
    assert (toll.actor1, toll.actor1_from) == ("Israel", "article")
    assert (toll.location, toll.location_from) == ("Rafah", "article")
    assert toll.fatalities_qualifier == "at least"


@pytest.mark.parametrize("lang,text", [("en", ARTICLE_EN), ("nb", ARTICLE_NB)])
def test_a_sentence_that_names_its_own_attacker_keeps_it(lang, text):
    lead = next(e for e in _events(text, lang, "2024-05-10") if e.actor1 == "Israel" and e.fatalities is None)
    assert (lead.actor1_from, lead.location_from) == ("sentence", "sentence")
    hamas = [e for e in _events(text, lang, "2024-05-10") if "Hamas" in e.sentence]
    assert hamas and all(e.actor1 == "Hamas" and e.actor1_from == "sentence" for e in hamas)


@pytest.mark.parametrize("lang,text", [
    ("en", "Turkish drones struck Syrian army positions near Saraqib on Thursday.\n\n"
           "Later, 17 Turkish soldiers were killed in the province, the ministry said."),
    ("nb", "Tyrkiske droner angrep syriske regjeringsstyrker ved Saraqib torsdag.\n\n"
           "Senere ble 17 tyrkiske soldater drept i provinsen, opplyser departementet."),
])
def test_the_attackers_own_dead_are_credited_to_the_other_side(lang, text):
    dead = next(e for e in _events(text, lang) if e.fatalities == 17)
    assert dead.actor2 == "Turkish military" and dead.actor1 != "Turkey"
    assert dead.actor1 is None or dead.actor1_from == "article"


# the focal place is lent only where it fits: a third state's forces, a sentence naming places elsewhere
LEAD_NB = ("Etiopiske styrker angrep Mekelle\n\n"
           "Etiopiske regjeringsstyrker angrep opprørernes stillinger i byen Mekelle torsdag, melder et nyhetsbyrå.\n\n"
           "Minst 14 opprørere ble drept, ifølge hæren.\n\n")
LEAD_EN = ("Ethiopian forces attack Mekelle\n\n"
           "Ethiopian government forces attacked rebel positions in the city of Mekelle on Thursday, an agency said.\n\n"
           "At least 14 rebels were killed, the army said.\n\n")


@pytest.mark.parametrize("lang,text", [
    ("nb", LEAD_NB + "Eritreiske grensevakter har brukt tåregass mot flyktninger som prøver å ta seg over grensen."),
    ("en", LEAD_EN + "Eritrean border guards have fired tear gas at refugees trying to cross the border."),
    ("nb", LEAD_NB + "Grensevakter har brukt tåregass mot flyktninger som prøver å ta seg fra Eritrea til Djibouti."),
    ("en", LEAD_EN + "Border guards have fired tear gas at refugees trying to cross from Eritrea into Djibouti."),
])
def test_the_focal_place_is_not_lent_to_a_third_states_forces_or_a_sentence_about_elsewhere(lang, text):
    evs = _events(text, lang)
    (gas,) = [e for e in evs if e.event_type == "COERCE"]
    assert gas.location is None
    assert next(e for e in evs if e.fatalities == 14).location_from == "article"  # the lead's own side still has it


@pytest.mark.parametrize("lang,text", [
    ("nb", LEAD_NB + "Eritreiske flyktninger ved grensen ble spredt med tåregass fredag."),
    ("en", LEAD_EN + "Eritrean refugees at the border were dispersed with tear gas on Friday."),
])
def test_refugees_nationality_does_not_keep_the_focal_place_from_their_event(lang, text):
    (gas,) = [e for e in _events(text, lang) if e.event_type == "COERCE"]
    assert (gas.location, gas.location_from) == ("Mek'ele", "article")


@pytest.mark.parametrize("lang,text", [
    ("nb", LEAD_NB + "Fem soldater ble drept i et område nær grensen mot Eritrea, opplyser hæren."),
    ("en", LEAD_EN + "Five soldiers were killed in an area near the border of Eritrea, the army said."),
])
def test_a_country_that_only_bounds_the_area_leaves_the_focal_place_lendable(lang, text):
    five = next(e for e in _events(text, lang) if e.fatalities == 5)
    assert (five.location, five.location_from) == ("Mek'ele", "article")


@pytest.mark.parametrize("lang,text", [
    ("nb", LEAD_NB + "Eritreiske grensevakter har brukt tåregass mot flyktninger som prøver å ta seg over grensen.\n\n"
                     "Hendelsen skjedde ved en grenseovergang nær byen Keren, skriver en avis."),
    ("en", LEAD_EN + "Eritrean border guards have fired tear gas at refugees trying to cross the border.\n\n"
                     "The incident took place at a crossing near the town of Keren, a newspaper said."),
])
def test_the_incident_took_place_in_x_places_the_event_told_just_before(lang, text):
    (gas,) = [e for e in _events(text, lang) if e.event_type == "COERCE"]
    assert (gas.location, gas.location_from) == ("Keren", "article")


@pytest.mark.parametrize("lang,text", [
    ("nb", "Unicefs landdirektør sier at organisasjonen er i sjokk.\n\n"
           "Tre medarbeidere ble drept da en bombe eksploderte ved et lager i byen Herat fredag."),
    ("en", "UNICEF's country director said the agency was in shock.\n\n"
           "Three staff members were killed when a bomb exploded at a warehouse in the city of Herat on Friday."),
])
def test_staff_killed_without_their_organisation_are_the_organisation_the_article_names(lang, text):
    (e,) = [e for e in _events(text, lang) if e.fatalities == 3]
    assert (e.actor2, e.actor2_from) == ("UNICEF", "article")


def test_staff_whose_organisation_is_named_keep_it():
    text = ("UNICEF's country director said the agency was in shock.\n\n"
            "Three staff members of the Red Cross were killed in a bomb blast in the city of Herat on Friday.")
    (e,) = [e for e in _events(text, "en") if e.fatalities == 3]
    assert (e.actor2, e.actor2_from) == ("Red Cross", "sentence")


# -- 3. tolls ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang,text", [
    ("en", "The war has killed more than 12,000 people in the region since it began."),
    ("nb", "Mer enn 12.000 mennesker er drept i regionen siden krigen startet."),
    ("en", "The ministry says the counteroffensive has killed more than 8,000 fighters."),
    ("en", "More than 900 children are among the dead, the ministry said."),
    ("nb", "Over 900 barn er blant de drepte, opplyser departementet."),
])
def test_running_totals_are_no_incidents_toll(lang, text):
    assert [e.fatalities for e in _events(text, lang) if e.fatalities] == []


@pytest.mark.parametrize("lang,text", [
    ("en", "Shelling killed 23 people in Donetsk on Monday.\n\n"
           "The 23 people killed on Monday included five children, officials said.\n\n"
           "Rebels said 23 people had died in the shelling of the market."),
    ("nb", "Granatangrep drepte 23 mennesker i Donetsk mandag.\n\n"
           "Blant de 23 som ble drept mandag, var fem barn, sier myndighetene.\n\n"
           "Opprørerne sier at 23 mennesker ble drept i angrepet på markedet."),
])
def test_one_incidents_toll_is_counted_once_per_article(lang, text):
    assert [e.fatalities for e in _events(text, lang) if e.fatalities] == [23]


@pytest.mark.parametrize("lang,text,qualifier", [
    ("en", "More than 30 people were killed in the attack on the market in Goma.", "more than"),
    ("nb", "Over 30 mennesker ble drept i angrepet på markedet i Goma.", "more than"),
    ("en", "Nearly 40 soldiers died in the ambush near Gao.", "nearly"),
    ("nb", "Minst 40 soldater ble drept i bakholdsangrepet ved Gao.", "at least"),
])
def test_the_hedge_of_a_toll_is_kept(lang, text, qualifier):
    e = next(e for e in _events(text, lang) if e.fatalities)
    assert e.fatalities_qualifier == qualifier


@pytest.mark.parametrize("lang,text", [
    ("en", "Nine of ten people killed in the bombing of towns are civilians, the group says."),
    ("nb", "Ni av ti drepte i bombing av byer er sivile, sier organisasjonen."),
])
def test_a_proportion_is_no_toll(lang, text):
    assert [e.fatalities for e in _events(text, lang) if e.fatalities] == []


# -- the new fields in the store and the dashboard --------------------------------------------------------------
def test_the_new_fields_reach_the_store(tmp_path):
    from core.store import Store
    store = Store(tmp_path / "s.duckdb")
    store.ingest(parse_article(ARTICLE_EN, lang="en", published="2024-05-10"))
    rows = store.df("SELECT fatalities, fatalities_qualifier, actor1_from, location_from FROM v_events "
                    "WHERE fatalities = 12")
    assert rows.to_dict("records") == [{"fatalities": 12, "fatalities_qualifier": "at least",
                                        "actor1_from": "article", "location_from": "article"}]


def test_the_events_table_marks_what_came_from_the_article():
    from dashboard.components.tables import FROM_ARTICLE, marked_events
    df = pd.DataFrame([{"actor1": "Israel", "actor1_from": "article", "actor2": None, "actor2_from": None,
                        "location": "Rafah", "location_from": "sentence"}])
    out = marked_events(df).iloc[0]
    assert out["actor1"] == "Israel" + FROM_ARTICLE and out["location"] == "Rafah" and out["actor2"] is None
