def _places(parse, text):
    return {p.canonical: p for p in parse(text).places}


def test_norwegian_exonyms_resolve_to_english_names(parse):
    ps = _places(parse, "Flyktninger fra Damaskus kom til Hellas og Lesvos, mens Tyrkia stengte grensen.")
    assert ps["Damascus"].country == "SY" and abs(ps["Damascus"].lat - 33.51) < 0.1
    assert ps["Greece"].kind == "country" and ps["Lesbos"].kind == "island"
    assert ps["Turkey"].country == "TR"


def test_enumerated_provinces_are_both_admin1(parse):
    ps = _places(parse, "Kampene fortsatte i provinsene Hama og Idlib, ifølge overvåkerne.")
    assert ps["Hama"].kind == "admin1" and ps["Idlib"].kind == "admin1"


def test_compound_with_kind_word(parse):
    ps = _places(parse, "Hellas stengte Kastanies-overgangen etter uroen ved grensen til Tyrkia.")
    crossing = ps["Kastanies border crossing"]
    assert crossing.kind == "border crossing" and crossing.country == "GR"


def test_article_context_picks_the_right_namesake(parse):
    # Tripoli is in Libya and in Lebanon; the article is about Libya.
    ps = _places(parse, "Libyske styrker rykket fram mot Tripoli. Kampene i Libya har drevet tusenvis på flukt.")
    assert ps["Tripoli"].country == "LY"


def test_unknown_name_gets_no_pin(parse):
    ps = parse("Opprørerne holdt fortsatt landsbyen Qzxwvbar i nord.").places
    assert all(p.lat is None for p in ps if p.name == "Qzxwvbar")
