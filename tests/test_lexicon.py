import gc

from core.lexicon import compound_key, ends_with_key, load


def test_compound_key_finds_the_last_part_of_a_compound():
    roles = load("nb").roles
    assert compound_key("forsvarsminister", roles) == "forsvarsminister"  # a key itself
    assert compound_key("landbruksminister", roles) == "minister"         # ends with one
    assert compound_key("sør-sudan", {"sudan": 1}) == "sudan"
    assert compound_key("bil", roles) is None


def test_memo_of_one_table_never_answers_for_another():
    # the old memo was keyed by id(table): a freed table's id handed to a new one gave the old table's answers
    answers = []
    for term in ("styrke", "angrep", "styrke"):
        answers.append(ends_with_key("opprørsstyrke", {term}))
        gc.collect()
    assert answers == ["styrke", None, "styrke"]
    first, second = {"styrke": 1}, {"angrep": 1}
    assert compound_key("opprørsstyrke", first) == "styrke"
    assert compound_key("opprørsstyrke", second) is None


def test_grammar_differences_are_rows_of_grammar_tsv():
    from core.lexicon import load
    en, nb, nn = load("en").grammar, load("nb").grammar, load("nn").grammar
    assert (en.verb_second, en.zero_that, en.genitive_clitic, en.definite_article) == \
        (False, True, ("'s", "'"), ("the", "this", "these", "those"))
    assert (nb.verb_second, nb.zero_that, nb.genitive_suffix, nb.home_titles) == (True, False, "s", True)
    assert "ane" in nn.definite_suffix and "ane" not in nb.definite_suffix  # soldatane: Nynorsk's own row
    assert (nb.compound_words, nb.passive_suffix, nb.participle_like_definite) == (True, "s", "et")  # luftangrep, drepes
    assert (en.compound_words, en.passive_suffix, en.participle_like_definite) == (False, "", "")
    assert nn.passive_suffix == "s"   # Nynorsk reads the Bokmål rows


def test_unknown_roles_raise():
    import pytest

    from core.lexicon import load
    lx = load("en")
    with pytest.raises(KeyError):
        lx.words("no_such_role")
    with pytest.raises(KeyError):
        lx.relations("no_such_role")


def test_sentence_start_words_and_name_tables_are_data_per_language():
    from core.lexicon import load
    en, nb = load("en"), load("nb")
    assert "meanwhile" in en.common_words and not nb.common_words  # Norwegian asks the Ordbank instead
    assert nb.grammar.tables_hold_no_names and not en.grammar.tables_hold_no_names
    assert nb.grammar.alternate_names_are_exonyms and not en.grammar.alternate_names_are_exonyms
    assert load("nn").grammar.tables_hold_no_names  # Nynorsk takes the Bokmål rows
