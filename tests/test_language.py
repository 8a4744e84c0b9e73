"""Language detection: Bokmål, Nynorsk and English apart, on short sentences and on the dev set's articles."""
from __future__ import annotations

import json
import os

import pytest

from core.language import detect, marker_counts, narration
from core.lexicon import rows
from scripts.eval_devset import devset_dir

# Sentences of our own, in the style of wire copy; many are one short clause.
NYNORSK = [
    "Tyrkia seier at åtaka mot dei syriske styrkane vil halde fram, ifølgje presidenten.",
    "Det er ikkje kjent kva som skjer.",
    "Minst fem menneske vart drepne i eit åtak på ein marknad i går.",
    "Ho meiner at regjeringa må gjere meir.",
    "Politiet fekk melding om skyting medan folk var på veg heim.",
    "Eg trur ikkje at dei kjem fram i dag.",
    "Soldatane drog frå byen tysdag.",
    "Kven som står bak, er framleis uklart.",
    "Han seier at fleire hus er øydelagde.",
    "Det blei skote mot bilen, fortel vitne.",
    "Hjelpearbeidarane har berre fått tilgang til nokre av leirane.",
    "Statsråden hevdar at avtalen ikkje er broten.",
]
BOKMAAL = [
    "Tyrkia sier at angrepene mot de syriske styrkene vil fortsette, ifølge presidenten.",
    "Det er ikke kjent hva som skjer.",
    "Minst fem mennesker ble drept i et angrep på et marked i går.",
    "Hun mener at regjeringen må gjøre mer.",
    "Politiet fikk melding om skyting mens folk var på vei hjem.",
    "Jeg tror ikke at de kommer fram i dag.",
    "Soldatene dro fra byen tirsdag.",
    "Hvem som står bak, er fremdeles uklart.",
    "Han sier at flere hus er ødelagt.",
    "Det ble skutt mot bilen, forteller vitner.",
    "Hjelpearbeiderne har bare fått tilgang til noen av leirene.",
    "Statsråden hevder at avtalen ikke er brutt.",
]
ENGLISH = [
    "Turkey said on Friday that the strikes against Syrian forces would continue, according to the president.",
    "At least five people were killed in an attack on a market.",
    "Police said the gunmen fled after the attack.",
    "The minister says the deal has not been broken.",
    "Aid workers in Tromsø and Bodø were told to leave.",
]


@pytest.mark.parametrize("text", NYNORSK)
def test_nynorsk_sentences(text):
    assert detect(text) == "nn", marker_counts(text)


@pytest.mark.parametrize("text", BOKMAAL)
def test_bokmaal_sentences(text):
    assert detect(text) == "nb", marker_counts(text)


@pytest.mark.parametrize("text", ENGLISH)
def test_english_sentences(text):
    assert detect(text) == "en", marker_counts(text)


def test_a_quote_in_the_other_standard_does_not_turn_the_article():
    # Each quote alone holds more marker words of the other standard than the narration of its own.
    nynorsk = (NYNORSK[2] + "\n\n– Vi vet ikke hva som skjer, og vi har ikke fått noen svar fra myndighetene, "
               "seier han til NTB.\n\n«Hun kommer ikke hjem, og ingen vet hvor hun er», skriv avisa.")
    bokmaal = (BOKMAAL[2] + "\n\n– Vi veit ikkje kva som skjer, og vi har ikkje fått noko svar frå styresmaktene, "
               "sier han til NTB.\n\n«Ho kjem ikkje heim, og ingen veit kvar ho er», skriver avisen.")
    assert marker_counts(nynorsk)["nb"] > marker_counts(nynorsk)["nn"]
    assert marker_counts(bokmaal)["nn"] > marker_counts(bokmaal)["nb"]
    assert detect(nynorsk) == "nn"
    assert detect(bokmaal) == "nb"


def test_narration_leaves_quotes_out_but_keeps_the_attribution():
    text = "– Vi gir ikke opp. Byen skal bygges opp igjen, seier ho til NTB.\n«Aldri», skriv han."
    assert narration(text).split() == ["seier", "ho", "til", "NTB.", ",", "skriv", "han."]


def test_shared_words_do_not_decide_the_standard():
    # Only words both standards write: Norwegian, and Bokmål as the default.
    assert detect("Han sa at det var to som skal ha vært der.") == "nb"
    assert marker_counts("Han sa at det blei kaldt også i år.")["nn"] == 0
    assert detect("Det skjedde 28. februar ved grensen, opplyser kommentatoren.") == "nb"  # -ar is no ending of nn


def test_no_marker_is_listed_for_two_languages():
    seen: dict[str, str] = {}
    for word, lang in rows("language_markers.tsv"):
        assert lang in ("nn", "nb", "en", "no"), word
        assert seen.setdefault(word, lang) == lang, f"{word} is listed as {seen[word]} and {lang}"


def _devset_articles():
    base = devset_dir()
    if not (base / "gold").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the development set is missing at {base} (CI needs ../shared/devset)")
        pytest.skip(f"no development set at {base}: detection on real articles needs ../shared/devset")
    for gold in sorted((base / "gold").glob("*.json")):
        article = base / "articles" / f"{gold.stem}.txt"
        if article.exists():
            yield article, json.loads(gold.read_text(encoding="utf-8"))["lang"]


def test_every_devset_article_is_detected_right():
    items = list(_devset_articles())
    assert {lang for _, lang in items} == {"nb", "nn", "en"}
    wrong = {p.name: (lang, detect(p.read_text(encoding="utf-8"))) for p, lang in items
             if detect(p.read_text(encoding="utf-8")) != lang}
    assert not wrong, f"(gold, detected): {wrong}"


@pytest.mark.parametrize("text,lang", [
    # short news sentences whose only telling words are news words of one standard (our own sentences)
    ("Fredag starta ei våpenkvile i Jemen, opplyser styresmaktene i Sanaa.", "nn"),
    ("Noreg gir 40 millionar kroner til sjukehus i Sanaa.", "nn"),
    ("Norge gir 40 millioner kroner til sykehus i Sanaa.", "nb"),
])
def test_news_words_tell_the_standards_apart(text, lang):
    assert detect(text) == lang
