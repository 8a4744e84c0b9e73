def _ev(parse, text, published="2020-02-28"):
    return parse(text, published=published).events


def test_passive_killing_with_attackers_demonym_and_count(parse):
    evs = _ev(parse, "12 irakiske soldater ble drept i de iranske rakettangrepene i provinsen Basra, melder Reuters.")
    e = evs[0]
    assert (e.event_type, e.actor1, e.actor2, e.fatalities) == ("ASSAULT", "Iran", "Iraqi military", 12)
    assert e.reported_by == "Reuters" and e.location == "Basra"


def test_number_words_and_inverted_passive(parse):
    evs = _ev(parse, "Ifølge hæren ble også tre soldater drept i kampene ved Kharkiv.")
    assert evs[0].fatalities == 3


def test_number_from_another_clause_is_not_a_death_toll(parse):
    evs = _ev(parse, "Over 3000 mennesker har flyktet fra byen, og to soldater ble drept fredag.")
    kills = [e for e in evs if e.fatalities is not None]
    assert [e.fatalities for e in kills] == [2]


def test_noun_attack_with_demonym_and_target(parse):
    evs = _ev(parse, "Overvåkerne meldte om russiske angrep med droner mot ukrainske stillinger.")
    e = evs[0]
    assert (e.event_type, e.actor1, e.actor2) == ("ASSAULT", "Russia", "Ukrainian military")
    assert "drone" in (e.mode or "")


def test_border_closure_and_tear_gas_and_phone_call(parse):
    evs = _ev(parse, "Ungarske myndigheter stengte grenseovergangen fredag.\n\n"
                     "Ungarsk politi har brukt tåregass mot demonstrantene.\n\n"
                     "Senere fredag snakket presidentene Emmanuel Macron og Olaf Scholz sammen på telefon.")
    types = [(e.event_type, e.actor1, e.mode, e.date) for e in evs]
    assert ("SANCTION", "Hungarian government", None, "2020-02-28") in types
    assert ("COERCE", "Hungarian police", "tear gas", "2020-02-28") in [(t, a, m, types[1][3]) for t, a, m, _ in types]
    consult = next(e for e in evs if e.event_type == "CONSULT")
    assert (consult.actor1, consult.actor2, consult.mode) == ("Emmanuel Macron", "Olaf Scholz", "phone call")


def test_negated_event_is_not_an_event(parse):
    assert _ev(parse, "Hellas vil ikke stenge grensen mot Tyrkia.") == []


def test_event_without_date_cue_takes_publication_date_with_week_precision(parse):
    e = _ev(parse, "Opprørerne gjenerobret byen Saraqeb.")[0]
    assert (e.date, e.date_precision, e.date_source) == ("2020-02-28", "week", "published")


def test_norwegian_s_passive(parse):
    # "drepes" is a passive: the soldiers are acted upon, not the ones who kill
    e = _ev(parse, "Tre soldater drepes i angrepene ved Kharkiv hver uke, ifølge hæren.")[0]
    assert (e.event_type, e.actor1, e.actor2, e.fatalities) == ("ASSAULT", None, "Ukrainian military", 3)


def test_who_condemns_attacks_did_not_make_them():
    from core import parse_article
    res = parse_article("Washington said it was dismayed. The United States firmly condemns the attacks on aid "
                        "convoys in Yemen.", lang="en", published="2014-03-08")
    assert not [e for e in res.events if e.event_type == "ASSAULT" and e.actor1 == "United States"]
    assert [e.actor1 for e in res.events if e.event_type == "ACCUSE"] == ["United States"]
