def _actors(parse, text):
    return {a.name: a for a in parse(text).actors}


def test_demonym_and_force_noun_give_a_national_force(parse):
    acts = _actors(parse, "Greske grensevakter brukte tåregass mot migrantene.")
    assert acts["Greek border guards"].country == "GRC" and acts["Greek border guards"].type == "military"


def test_backed_by_is_not_the_nationality(parse):
    acts = _actors(parse, "Kampene i Idlib fortsatte. Tyrkisk-støttede opprørere tok byen Saraqeb.")
    assert "Turkish rebels" not in acts and "Syrian rebels" in acts


def test_unknown_person_after_a_role_and_genitive_country(parse):
    acts = _actors(parse, "Polens forsvarsminister Kasimir Nowakowski sa at grensen blir stengt.")
    p = acts["Kasimir Nowakowski"]
    assert p.type == "person" and p.country == "POL" and p.role == "Defence Minister"


def test_genitive_countries_and_coordinated_presidents(parse):
    acts = _actors(parse, "Fredag snakket Frankrikes og Tysklands presidenter Jean Dupont og Karl Weber sammen.")
    assert acts["Jean Dupont"].country == "FRA" and acts["Karl Weber"].country == "DEU"


def test_generic_noun_refers_back_to_the_monitor(parse):
    acts = _actors(parse, "Ti ble drept, melder Syrian Observatory for Human Rights. Gruppen har kilder i hele landet.")
    assert "Gruppen" in acts["Syrian Observatory for Human Rights"].aliases


def test_party_tag_is_not_an_organisation(parse):
    acts = _actors(parse, "Statsminister Kari Berg (Ap) sa at Norge vil bidra.")
    assert "Associated Press" not in acts and acts["Kari Berg"].country == "NOR"


def test_an_adjective_form_the_parse_uses_as_a_noun_is_a_force():
    # "military" / "militære" can be adjectives ("military equipment", "militære styrker"); where the parse hangs
    # them on the verb, not on the next word, they are the forces themselves
    from core import parse_article
    from core.pipeline import build_context
    from core.text import normalise
    res = parse_article("The Israeli military also said its jets struck a tunnel in Khan Younis.", lang="en")
    (st,) = res.statements
    assert st.speaker == "Israeli military" and st.speaker_actor == "Israel"
    ctx, _ = build_context(normalise("I februar tok de militære i Myanmar makten i et kupp."), "nb", None)
    assert [(m.text, m.actor.name) for m in ctx.mentions if m.kind == "force"] == [("militære", "Burmese military")]
    ctx, _ = build_context(normalise("Hæren sendte militære kjøretøy til grensen."), "nb", None)
    assert not [m for m in ctx.mentions if m.text == "militære"]  # an adjective before its noun stays one
