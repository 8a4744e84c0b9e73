def _st(parse, text):
    return parse(text).statements


def test_dash_paragraph_with_trailing_attribution_and_channel(parse):
    sts = _st(parse, "Ministeren var i Brussel.\n\n– Vi vil aldri godta dette angrepet, sier Polens utenriksminister "
                     "Marek Kowal i en uttalelse.")
    assert len(sts) == 1
    s = sts[0]
    assert (s.speaker, s.kind, s.verb, s.channel, s.speaker_actor) == ("Marek Kowal", "direct", "sier", "statement", "Poland")
    assert s.quote == "Vi vil aldri godta dette angrepet"


def test_pronoun_speaker_is_the_previous_speaker(parse):
    sts = _st(parse, "– Situasjonen er alvorlig, sa Nato-sjef Jens Stoltenberg.\n\n– Vi følger den nøye, sa han videre.")
    assert [s.speaker for s in sts] == ["Jens Stoltenberg", "Jens Stoltenberg"]


def test_indirect_speech_with_that_clause(parse):
    sts = _st(parse, "Russland understreket samtidig at de ikke hadde noe med angrepet å gjøre.")
    assert sts[0].speaker == "Russia" and sts[0].kind == "indirect"
    assert sts[0].quote.startswith("de ikke hadde noe")


def test_accusation_names_the_target_and_the_relaying_agency(parse):
    sts = _st(parse, "En iransk militærkilde anklaget ifølge nyhetsbyrået IRNA Israel for å ha angrepet en flybase.")
    s = sts[0]
    assert s.speaker == "Iranian military source" and s.reported_by == "IRNA" and s.targets[0] == "Israel"


def test_according_to_a_person_with_outlet_as_relay(parse):
    sts = _st(parse, "Ifølge ordføreren i byen Mosul, som ligger nord i landet, ble tre skoler skadd, skriver Reuters.")
    s = sts[0]
    assert s.speaker == "Mayor of Mosul" and s.reported_by == "Reuters" and "tre skoler" in s.quote


def test_an_outlets_report_is_not_a_statement(parse):
    sts = _st(parse, "Kathimerini skriver at tåregass ble brukt mot rundt 500 personer.")
    assert sts == []


def test_inverted_attribution_after_the_clause(parse):
    sts = _st(parse, "Ukraina fikk full støtte fra alliansen, opplyste Nato-sjef Mark Rutte på en pressekonferanse.")
    s = sts[0]
    assert s.speaker == "Mark Rutte" and s.channel == "press conference" and s.quote.startswith("Ukraina fikk")


def test_unnamed_office_holder_takes_the_english_place_name(parse):
    s = _st(parse, "Ifølge ordføreren i Damaskus ble tre skoler stengt, skriver Sana.")[0]
    assert s.speaker == "Mayor of Damascus" and s.speaker_actor == "Syria"


def test_speech_verb_at_the_very_end_is_no_statement_and_no_crash(parse):
    assert _st(parse, "angrep Tyrkia sier at") == []
