"""The Norwegian pipeline trained here (core/models/nb_eventdesk): it loads, it helps, and no row gets worse."""
from __future__ import annotations

import pytest

from core import nlp, parse_article
from tests.conftest import FIXTURES, SEEDS


@pytest.fixture
def rules_only(monkeypatch):
    def run(text: str, published: str):
        monkeypatch.setenv("EVENTDESK_NB_MODEL", "none")
        nlp.get_pipeline.cache_clear()
        try:
            return parse_article(text, lang="nb", published=published)
        finally:
            monkeypatch.delenv("EVENTDESK_NB_MODEL")
            nlp.get_pipeline.cache_clear()
    return run


def test_the_trained_pipeline_is_shipped_and_used_for_norwegian():
    assert nlp.nb_model_path() is not None
    name = nlp.pipeline_name("nb")
    assert all(p in name for p in ("ner", "parser", "morphologizer", "trainable_lemmatizer"))
    doc = nlp.get_pipeline("nb")("Statsminister Erna Solberg møtte Frankrikes president i Paris.")
    assert {e.label_ for e in doc.ents} >= {"PER", "GPE_LOC"}
    assert doc[2].pos_ == "PROPN" and doc.has_annotation("DEP")


def test_bokmal_and_nynorsk_share_one_loaded_pipeline():
    nlp.get_pipeline.cache_clear()
    assert nlp.get_pipeline("nb") is nlp.get_pipeline("nn")   # one model path, loaded once


def test_nynorsk_takes_its_entities_from_its_own_recogniser_on_its_own_words():
    main = nlp.get_pipeline("nn")
    own = nlp.own_recogniser(main, "nn")
    assert own is not None and own.pipe_names == ["ner"] and nlp.own_recogniser(main, "nb") is None
    assert "nn_eventdesk_ner" in nlp.pipeline_name("nn") and "nn_eventdesk_ner" not in nlp.pipeline_name("nb")
    text = "Minst tolv menneske vart drepne då israelske styrkar angreip ein skule i Khan Younis, opplyser politiet."
    doc = nlp.parse(main, [text], "nn")[0]
    alone = own(main.make_doc(text))
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in alone.ents]
    assert {e.label_ for e in doc.ents if e.text == "Khan Younis"} <= {"LOC", "GPE_LOC"}   # the Bokmål path: PER
    assert any(e.text == "Khan Younis" for e in doc.ents)
    assert doc.has_annotation("DEP") and doc[3].lemma_   # the tags and parse still come from the Bokmål pipeline


def test_it_finds_people_no_lexicon_knows(rules_only):
    text = "Aktivisten Samira Haddad ble pågrepet av politiet i Beirut fredag."
    with_model = parse_article(text, lang="nb", published="2024-05-17")
    without = rules_only(text, "2024-05-17")
    arrest = next(e for e in with_model.events if e.event_type == "COERCE")
    assert (arrest.actor1, arrest.actor2) == ("Lebanese police", "Samira Haddad")
    assert "Samira Haddad" not in {a.name for a in without.actors}


def _rows(doc):
    return ({(e.event_type, e.actor1, e.actor2, e.fatalities, e.location, e.date) for e in doc.events},
            {(s.speaker, s.kind, s.quote) for s in doc.statements},
            {(p.canonical, p.country) for p in doc.places if p.lat is not None})


@pytest.mark.parametrize("path,published", [(SEEDS / "idlib_2020-02-28.txt", "2020-02-28"),
                                            (FIXTURES / "nb_sudan_wire.txt", "2024-05-16")])
def test_no_row_of_the_rule_path_is_lost_with_the_model(rules_only, path, published):
    text = path.read_text(encoding="utf-8")
    ev_m, st_m, pl_m = _rows(parse_article(text, lang="nb", published=published))
    ev_r, st_r, pl_r = _rows(rules_only(text, published))
    assert ev_r <= ev_m and st_r <= st_m and pl_r <= pl_m
