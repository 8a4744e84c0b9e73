from core.segment import paragraphs, sentences
from core.text import normalise


def _sents(text):
    text = normalise(text)
    return [(text[s.start:s.end], s.heading, s.dash) for s in sentences(text)]


def test_heading_without_full_stop_is_its_own_sentence():
    out = _sents("Første avsnitt slutter her.\n\nKritikk fra Moskva\n\nRussland sier at angrepet var ulovlig.")
    assert out[1] == ("Kritikk fra Moskva", True, False)
    assert out[2][0].startswith("Russland")


def test_dash_paragraph_is_marked_as_speech():
    out = _sents("Innledning.\n\n– Vi kommer ikke til å trekke oss, sa generalen.")
    assert out[1][2] is True


def test_ordinals_abbreviations_and_quotes_do_not_split_sentences():
    text = "Det skjedde 28. februar 2020 ved grensen, bl.a. i byen. Han sa «Vi går. Ikke stans» til pressen. Ferdig."
    out = [s for s, _, _ in _sents(text)]
    assert out == ["Det skjedde 28. februar 2020 ved grensen, bl.a. i byen.",
                   "Han sa «Vi går. Ikke stans» til pressen.", "Ferdig."]


def test_photo_caption_is_skipped_like_a_heading():
    paras = paragraphs("Ministeren er bekymret. Foto: Ola Nordmann / NTB\n\nTekst.")
    assert paras[0].heading is True
