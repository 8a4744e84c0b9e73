"""core.tokens on its own: one spaCy Doc per article, the rules' word view over it, and the mentions on it."""
from __future__ import annotations

import spacy

from core import segment, tokens
from core.nlp import get_pipeline
from core.pipeline import build_context
from core.text import normalise

WIRE_NB = ("OSLO (NTB): Russlands utenriksminister Sergej Lavrov møtte FN-sjefen i Genève mandag.\n\n"
           "– Samtalene var nyttige,  sa Lavrov etterpå. Tyrkiske soldater ble drept i Idlib. FN-rapporten kom fredag.")
WIRE_EN = "Syria's foreign minister met the U.N. envoy in Geneva.\n\nTwo soldiers were killed in Idlib, officials said."


def _doc(text: str, nlp) -> tuple[str, list[segment.Sentence], spacy.tokens.Doc]:
    text = normalise(text)
    sents = segment.sentences(text, segment.paragraphs(text))
    docs = list(nlp.pipe(text[s.start:s.end] for s in sents))
    return text, sents, tokens.article_doc(text, sents, docs)


def test_the_article_doc_holds_the_text_exactly_and_the_segment_sentences():
    text, sents, doc = _doc(WIRE_NB, get_pipeline("nb"))
    assert doc.text == text  # paragraph breaks and the double space kept, as space tokens
    assert any(t.is_space and "\n" in t.text for t in doc)
    starts = {s.start_char for s in doc.sents}
    assert all(s.start in starts for s in sents)
    assert doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")


def test_an_unparsed_doc_takes_its_sentence_starts_from_segment():
    text, sents, doc = _doc(WIRE_EN, spacy.blank("en"))
    assert doc.text == text
    assert [s.start_char for s in doc.sents] == [s.start for s in sents]


def test_the_word_view_points_into_the_doc_and_skips_spaces():
    text, sents, doc = _doc(WIRE_NB, get_pipeline("nb"))
    toks, ranges = tokens.build(doc, sents, "nb")
    assert all(doc[t.doc_i].idx == t.start and doc[t.doc_i].text == t.text for t in toks)
    assert not any(t.text.isspace() for t in toks)
    assert [toks[a].start for a, _ in ranges] == [s.start for s in sents]
    killed = next(t for t in toks if t.text == "drept")
    assert doc[killed.doc_i]._.lemma == "drepe" == killed.lemma  # the Ordbank's lemma on the Token


def test_lexicon_names_are_matched_with_their_genitives_and_hyphen_compounds():
    ctx, _ = build_context(normalise(WIRE_NB), "nb", None)
    by_text = {m.text: m for m in ctx.mentions}
    assert by_text["Russlands"].kind == "country" and by_text["Russlands"].genitive
    assert by_text["Russlands"].place_name == "Russland"
    assert by_text["FN-rapporten"].kind == "org" and by_text["FN-rapporten"].actor.name == "United Nations"
    # a role of an organisation followed by "i <place>" is the organisation's officer, not the place's
    assert by_text["FN-sjefen"].actor.name == "United Nations" and by_text["FN-sjefen"].actor.role
    en, _ = build_context(normalise(WIRE_EN), "en", None)
    syria = next(m for m in en.mentions if m.text == "Syria")
    assert syria.genitive and syria.kind == "country"  # "'s" as its own token


def test_mentions_are_on_the_doc_as_spans_with_their_actor_role_and_place():
    ctx, _ = build_context(normalise(WIRE_NB), "nb", None)
    spans = ctx.doc.spans["mentions"]
    assert len(spans) == len(ctx.mentions)
    lavrov = next(s for s in spans if s.text == "Sergej Lavrov")
    assert lavrov.label_ == "person" and lavrov._.actor == "Sergey Lavrov" and lavrov._.role == "Foreign Minister"
    idlib = next(s for s in spans if s.text == "Idlib")
    assert idlib.label_ == "place" and idlib._.place == "Idlib" and idlib._.mention.place.lat is not None


def test_a_nynorsk_indefinite_article_introduces_an_unnamed_outlet():
    # "eit" is Nynorsk's neuter article (lexicon rows, not a tuple in code): the agency is a new actor, not a
    # reference back to one named before
    ctx, _ = build_context(normalise("Eit russisk nyheitsbyrå melde at to soldatar vart drepne."), "nn", None)
    (agency,) = [m for m in ctx.mentions if m.text == "nyheitsbyrå"]
    assert agency.kind == "body" and agency.actor is not None and agency.actor.name == "Russian news agency"
