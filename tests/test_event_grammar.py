"""Event grammar read from the parse (issue 12, event recall and stated tolls), in both languages: event nouns that a
verb says took place or that a light verb carries out, the sides of a fight, reciprocal accusations, an
organisation's people as victims, coordinated victims' tolls, distinct incidents with the same toll, and the common
news triggers added to the lexicon.

Sentences are our own, in the style of wire copy.
"""
from __future__ import annotations

import pytest

from core import parse_article

PUBLISHED = "2024-03-08"  # a Friday


def _events(text: str, lang: str):
    return parse_article(text, lang=lang, published=PUBLISHED).events


def _of(text: str, lang: str, etype: str = "ASSAULT"):
    return [e for e in _events(text, lang) if e.event_type == etype]


# -- event nouns a verb asserts ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang,text", [
    ("en", "Heavy fighting broke out on Tuesday in the city of Kharkiv."),
    ("nb", "Harde kamper brøt ut tirsdag i byen Kharkiv."),
])
def test_fighting_that_broke_out_somewhere_is_an_event_without_named_sides(lang, text):
    (e,) = _of(text, lang)
    assert (e.actor1, e.location, e.date) == (None, "Kharkiv", "2024-03-05")


@pytest.mark.parametrize("lang,text", [
    ("en", "Attacks on civilians are a breach of international law."),
    ("nb", "Angrep på sivile er et brudd på folkeretten."),
])
def test_a_general_remark_about_attacks_is_still_no_event(lang, text):
    assert _of(text, lang) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "The rebels launched an offensive on the city of Kharkiv on Monday."),
    ("nb", "Opprørerne startet en storstilt offensiv mot byen Kharkiv mandag."),
])
def test_the_subject_of_a_light_verb_carries_out_its_event_noun(lang, text):
    (e,) = _of(text, lang)
    assert "rebels" in (e.actor1 or "").lower() and e.actor1_from == "sentence" and e.location == "Kharkiv"


@pytest.mark.parametrize("lang,text", [
    ("en", "Gunmen attacked a school in Peshawar on Tuesday, killing 12 children.\n\n"
           "The attack took place in the morning."),
    ("nb", "Væpnede menn angrep en skole i Peshawar tirsdag og drepte 12 barn.\n\n"
           "Angrepet skjedde om morgenen."),
])
def test_the_attack_took_place_names_the_incident_already_told(lang, text):
    evs = _of(text, lang)
    assert [e.trigger for e in evs if e.trigger.lower() in ("attack", "angrepet")] == []
    assert [e.fatalities for e in evs if e.fatalities] == [12]


# -- who acts ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang,text", [
    ("en", "Afghan officials said an air strike killed 11 civilians in Kunduz."),
    ("nb", "Afghanske myndigheter sier et luftangrep drepte elleve sivile i Kunduz."),
])
def test_an_event_noun_subject_that_names_no_attacker_leaves_the_attacker_open(lang, text):
    (e,) = _of(text, lang)
    assert (e.actor1, e.fatalities) == (None, 11)  # not the officials who report it


@pytest.mark.parametrize("lang,text", [
    ("en", "The attack killed three children and two soldiers in Kharkiv on Tuesday, police said."),
    ("nb", "Angrepet drepte tre barn og to soldater i Kharkiv tirsdag, sier politiet."),
])
def test_a_definite_event_noun_opening_the_sentence_is_its_subject_not_a_participle(lang, text):
    (e,) = _of(text, lang)  # "Angrepet" is also the participle of "angripe"; the parse makes it the subject
    assert (e.actor1, e.actor2, e.fatalities) == (None, "Ukrainian military", 5)  # the soldiers do not attack


@pytest.mark.parametrize("lang,text", [
    ("en", "Provincial officials said a coalition drone strike killed 11 farmers near Herat."),
    ("nb", "Provinsmyndighetene sier et droneangrep fra koalisjonen drepte elleve bønder nær Herat."),
])
def test_a_coalition_strike_is_the_coalitions(lang, text):
    (e,) = _of(text, lang)
    assert (e.actor1, e.fatalities) == ("Coalition", 11)


@pytest.mark.parametrize("lang,text", [
    ("en", "Heavy fighting between Armenia and Azerbaijan erupted on Tuesday near Kharkiv."),
    ("nb", "Harde kamper mellom Armenia og Aserbajdsjan brøt ut tirsdag ved Kharkiv."),
])
def test_the_two_sides_of_a_fight_between_them(lang, text):
    (e,) = _of(text, lang)
    assert (e.actor1, e.actor2, e.date) == ("Armenia", "Azerbaijan", "2024-03-05")


@pytest.mark.parametrize("lang,text", [
    ("en", "Twelve rebels were killed in fighting with government forces near Kharkiv."),
    ("nb", "Tolv opprørere ble drept i kamper med regjeringsstyrker ved Kharkiv."),
])
def test_killed_in_fighting_with_a_force_that_force_killed_them(lang, text):
    (e,) = _of(text, lang)
    assert "forces" in (e.actor1 or "").lower() and e.fatalities == 12


@pytest.mark.parametrize("lang,text", [
    ("en", "Azerbaijan and Armenia accused each other on Saturday of new attacks."),
    ("nb", "Aserbajdsjan og Armenia anklaget hverandre lørdag for nye angrep."),
])
def test_accusing_each_other_is_an_accusation_each_way(lang, text):
    pairs = {(e.actor1, e.actor2) for e in _of(text, lang, "ACCUSE")}
    assert pairs == {("Azerbaijan", "Armenia"), ("Armenia", "Azerbaijan")}


@pytest.mark.parametrize("lang,text,org", [
    ("en", "Five members of the UN peacekeeping mission were killed in an ambush on Sunday.", "United Nations"),
    ("nb", "Ni ansatte fra Leger Uten Grenser ble drept i angrepet søndag.", "Médecins Sans Frontières"),
])
def test_an_organisations_people_killed_are_the_organisation_acted_upon(lang, text, org):
    (e,) = _of(text, lang)
    assert e.actor2 == org and e.date == "2024-03-03"


@pytest.mark.parametrize("lang,text", [
    ("en", "Russian forces shelled Kharkiv on Monday, killing two civilians.\n\n"
           "The European Union condemned the new attacks on civilians in Kharkiv."),
])
def test_condemning_attacks_accuses_their_attacker(lang, text):
    (e,) = _of(text, lang, "ACCUSE")
    assert (e.actor1, e.actor2, e.actor2_from) == ("European Union", "Russian forces", "article")


@pytest.mark.parametrize("lang,text", [
    ("en", "Norway condemns Russia's annexation of Ukrainian territory."),
    ("nb", "Norge fordømmer Russlands annektering av ukrainsk territorium."),
])
def test_with_the_possessor_acting_of_names_what_is_taken(lang, text):
    (e,) = _of(text, lang)
    assert (e.actor1, e.actor2, e.mode) == ("Russia", "Ukraine", "capture")


# -- tolls ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang,text", [
    ("en", "A second attack killed two security officers and an international expert in Odesa."),
    ("nb", "Angrepet drepte to vektere og en utenlandsk ekspert i Odesa."),
])
def test_coordinated_victims_add_up(lang, text):
    assert [e.fatalities for e in _of(text, lang)] == [3]


@pytest.mark.parametrize("lang,text", [
    ("en", "One peacekeeper was killed in the rocket fire on Tuesday."),
    ("nb", "En fredsbevarende soldat ble drept i rakettangrepet tirsdag."),
])
def test_one_victim_is_a_toll_of_one(lang, text):
    assert [e.fatalities for e in _of(text, lang)] == [1]


@pytest.mark.parametrize("lang,text", [
    ("en", "The ministry said there were 48 dead and over 150 wounded after the blast in Mosul."),
    ("nb", "Helsedepartementet melder at det er 48 drepte og over 150 skadde i Mosul."),
])
def test_the_wounded_are_not_added_to_the_dead(lang, text):
    assert [e.fatalities for e in _of(text, lang) if e.fatalities] == [48]


@pytest.mark.parametrize("lang,text", [
    ("en", "On Sunday, five soldiers were killed in an ambush near Kharkiv.\n\n"
           "A similar ambush on Thursday killed five soldiers near Kharkiv."),
    ("nb", "Søndag ble fem soldater drept i et bakholdsangrep ved Kharkiv.\n\n"
           "Et lignende bakholdsangrep torsdag drepte fem soldater ved Kharkiv."),
])
def test_the_same_toll_on_two_named_days_is_two_incidents(lang, text):
    assert sorted((e.date, e.fatalities) for e in _of(text, lang)) == [("2024-03-03", 5), ("2024-03-07", 5)]


# -- the news triggers added ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang,text", [
    ("en", "Rebels took control of the town of Bunia on Tuesday."),
    ("nb", "Opprørerne tok kontroll over byen Bunia tirsdag."),
])
def test_taking_control_of_a_town_is_capture(lang, text):
    (e,) = _of(text, lang)  # unnamed rebels take the demonym of the article's country (Congolese rebels)
    assert (e.actor1.split()[-1].lower(), e.mode, e.location) == ("rebels", "capture", "Bunia")


@pytest.mark.parametrize("lang,text", [
    ("en", "Militia commander Ali Hassan has vowed to avenge his brother's killing."),
    ("nb", "Opprørslederen Ali Hassan har lovet å hevne drapet på nestkommanderende."),
])
def test_a_vow_of_revenge_is_a_threat_not_an_attack(lang, text):
    evs = _events(text, lang)
    assert [(e.event_type, e.actor1) for e in evs] == [("THREATEN", "Ali Hassan")]


def test_requesting_aid_is_a_request():  # Bokmål's "be om" / "anmode" were rows already
    assert [e.event_type for e in _events("The opposition leader Juan Perez requested the aid on Monday.", "en")] \
        == ["REQUEST"]


def test_restrictive_measures_are_a_sanction():  # Bokmål's name for sanctions
    (e,) = _of("EU innførte restriktive tiltak mot Russland mandag.", "nb", "SANCTION")
    assert (e.actor1, e.actor2) == ("European Union", "Russia")


# -- more of the parse (step 2) ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang,text", [
    ("en", "Three soldiers died in a Russian missile attack on Kharkiv on Tuesday."),
    ("nb", "Tre soldater døde i et russisk rakettangrep mot Kharkiv tirsdag."),
])
def test_those_who_died_are_not_who_killed_them(lang, text):
    (e,) = _of(text, lang)
    assert (e.actor1, e.fatalities) == ("Russia", 3)


@pytest.mark.parametrize("lang,text", [
    ("en", "Islamic State claimed responsibility for the attack on the checkpoint in Kirkuk."),
    ("nb", "IS har tatt på seg ansvaret for angrepet på kontrollposten i Kirkuk."),
])
def test_who_claims_responsibility_for_an_attack_carries_it_out(lang, text):
    (e,) = _of(text, lang)
    assert (e.actor1, e.location) == ("Islamic State", "Kirkuk")


@pytest.mark.parametrize("lang,text", [
    ("en", "During a donor conference in Kuwait on Wednesday, Norway pledged 210 million kroner."),
    ("nb", "Under en giverlandskonferanse i Kuwait onsdag lovet Norge mer bistand."),
])
def test_a_conference_that_times_another_event_took_place(lang, text):
    (e,) = _of(text, lang, "CONSULT")
    assert (e.location, e.date) == ("Kuwait", "2024-03-06")


@pytest.mark.parametrize("lang,text", [
    ("en", "The conference on Libya, which begins on Thursday in Berlin, gathers 80 donors."),
    ("nb", "Kari Nordmann deltar på giverkonferansen om Libya som begynner torsdag i Berlin."),
])
def test_a_conference_a_relative_clause_says_begins_somewhere_takes_place(lang, text):
    (e,) = _of(text, lang, "CONSULT")
    assert (e.location, e.date) == ("Berlin", "2024-03-07")


@pytest.mark.parametrize("lang,text", [
    ("en", "Sweden strongly condemns Russia's annexation of the Ukrainian peninsula of Crimea."),
    ("nb", "Sverige fordømmer på det sterkeste Russlands annektering av den ukrainske halvøya Krim."),
])
def test_the_country_whose_region_is_annexed_is_acted_upon(lang, text):
    (e,) = _of(text, lang)
    assert (e.actor1, e.actor2, e.location) == ("Russia", "Ukraine", "Crimea")


@pytest.mark.parametrize("lang,text", [
    ("en", "– We join the EU in the demand that Russia stop the shelling at once, Foreign Minister "
           "Anna Berg said."),
    ("nb", "– Vi slutter oss til EU i kravet om at Russland straks stanser beskytningen, sier utenriksminister "
           "Anna Berg."),
])
def test_a_demand_that_x_stops_is_put_to_x(lang, text):
    (e,) = _of(text, lang, "REQUEST")
    assert e.actor2 == "Russia"


# -- step 3: the place a definite place noun stands for; what an "anti-" modifier names --------------------------
@pytest.mark.parametrize("lang,text", [
    ("en", "Protesters blocked the main roads of Latakia on Monday.\n\nThe army deployed tanks in the city on Sunday."),
    ("nb", "Demonstranter satte opp barrikader i Latakia mandag.\n\nRegjeringen sendte soldater til byen søndag."),
])
def test_the_city_is_the_town_the_article_named_last(lang, text):
    (e,) = _of(text, lang, "MOBILIZE")
    assert (e.location, e.date) == ("Latakia", "2024-03-03")


def test_a_capital_that_acts_is_not_the_city_meant():
    text = ("Russian strikes hit the Ukrainian city of Kharkiv overnight, as Kyiv accused Moscow of targeting energy "
            "facilities.\n\nTwo more people died in a drone attack on the city's outskirts.")
    assert [e.location for e in _of(text, "en") if e.fatalities == 2] == ["Kharkiv"]


@pytest.mark.parametrize("lang,text", [
    ("en", "Thousands joined anti-Israeli demonstrations in Oslo on Sunday."),
    ("nb", "Tusenvis deltok i anti-israelske demonstrasjoner i Oslo søndag."),
])
def test_an_anti_modifier_names_the_target_not_the_actor(lang, text):
    (e,) = _of(text, lang, "PROTEST")
    assert (e.actor1, e.actor2) == ("Protesters", "Israel")  # by protesters (no one named), against Israel


@pytest.mark.parametrize("lang,text", [
    ("en", "A large demonstration against the government took place in Herat on Sunday."),
    ("nb", "En stor demonstrasjon mot regjeringen fant sted i Herat søndag."),
])
def test_a_protest_whose_sentence_names_no_one_is_by_protesters(lang, text):
    (e,) = _of(text, lang, "PROTEST")
    assert (e.actor1, e.actor1_from, e.location) == ("Protesters", "sentence", "Herat")


def test_a_deployment_without_a_subject_is_made_by_the_state_of_the_forces_it_takes_part_with():
    text = "Parlamentet ga torsdag forsvarsministeren fullmakt til å delta med nederlandske kampfly i operasjonen i Jordan."
    (e,) = _of(text, "nb", "MOBILIZE")
    assert (e.actor1, e.location) == ("The Netherlands", "Jordan")


def test_taking_part_in_a_meeting_is_no_deployment():
    assert _of("Utenriksministeren skal delta på et møte i Brussel torsdag.", "nb", "MOBILIZE") == []


@pytest.mark.parametrize("text", ["Væpnede menn angrep en skole i Herat tirsdag.",
                                  "Bevæpnede menn skjøt mot en buss i Herat tirsdag."])
def test_armed_men_are_gunmen(text):
    (e,) = _of(text, "nb")
    assert (e.actor1, e.location) == ("Gunmen", "Herat")


def test_sending_weapons_is_aid_and_reacting_strongly_to_it_is_an_accusation():
    evs = _events("Amnesty reagerer sterkt på nyheten om at Frankrike sender klaseammunisjon til Jordan.", "nb")
    assert ("AID", "France", "Jordan") in [(e.event_type, e.actor1, e.actor2) for e in evs]
    assert ("ACCUSE", "Amnesty International", "France") in [(e.event_type, e.actor1, e.actor2) for e in evs]


def test_a_when_clause_is_its_own_clause():
    evs = _events("Situasjonen i Herat er kritisk. Amnesty mener at når landsbyer bombes, rammes nesten alltid sivile.", "nb")
    assert [e for e in evs if e.actor2 == "Amnesty International"] == []


# -- "X må …" in a speaker's words: a demand -------------------------------------------------------------------
@pytest.mark.parametrize("text,asked,place", [
    ("– Eritrea må nå trekke sine styrker tilbake fra grensen, sier utenriksminister Ola Nordmann.", "Eritrea", None),
    ("– Det må raskt sendes mer nødhjelp til Herat, sier utenriksminister Ola Nordmann.", None, "Herat"),
])
def test_must_in_a_speakers_words_is_the_speakers_demand(text, asked, place):
    (e,) = _of(text, "nb", "REQUEST")
    assert (e.actor1, e.actor2, e.location) == ("Ola Nordmann", asked, place)


@pytest.mark.parametrize("text", [
    "– Vi må hjelpe dem så godt vi kan, sier utenriksminister Ola Nordmann.",
    "– Mange må gå i timevis for å hente vann, sier utenriksminister Ola Nordmann.",
    "– Vi frykter at de må flykte igjen, sier utenriksminister Ola Nordmann.",
    "Eritrea må nå trekke sine styrker tilbake fra grensen.",
])
def test_must_of_the_speakers_own_side_of_people_or_in_no_ones_words_is_no_demand(text):
    assert _of(text, "nb", "REQUEST") == []


@pytest.mark.parametrize("text,actor", [
    ("Utenriksminister Kari Nordmann reiste til Herat onsdag.\n\n"
     "Utenriksministeren hadde et møte med den afghanske ambassadøren torsdag.", "Kari Nordmann"),
    ("Statsministeren hadde et møte med den afghanske ambassadøren torsdag.", "Norwegian Prime Minister"),
])
def test_a_definite_title_alone_is_the_one_holder_named_in_the_article_else_the_home_countrys(text, actor):
    (e,) = _of(text, "nb", "CONSULT")
    assert e.actor1 == actor


def test_solidarity_with_a_people_supports_its_country():
    (e,) = _of("Utenriksminister Kari Nordmann uttrykte torsdag full solidaritet med det eritreiske folk.", "nb",
               "SUPPORT")
    assert (e.actor1, e.actor2) == ("Kari Nordmann", "Eritrea")


@pytest.mark.parametrize("text,etype", [
    ("– Jeg advarer regjeringen i Eritrea mot å gå videre med offensiven, sier utenriksminister Kari Nordmann.",
     "REQUEST"),
    ("– Jeg gjentar min advarsel til eritreiske myndigheter om å avstå fra nye angrep, sier utenriksminister Kari "
     "Nordmann.", "REQUEST"),
    ("Eritrea advarte torsdag om at landet vil svare med makt.", "THREATEN"),
])
def test_a_warning_to_someone_to_do_or_not_do_something_is_a_demand_else_a_threat(text, etype):
    assert [e.event_type for e in _events(text, "nb") if e.event_type in ("REQUEST", "THREATEN")] == [etype]
