import pytest

from core.language import detect


@pytest.mark.parametrize("text,lang", [
    ("Tyrkia sier at angrepene mot de syriske styrkene vil fortsette, ifølge presidenten.", "nb"),
    ("Tyrkia seier at åtaka mot dei syriske styrkane vil halde fram, ifølgje presidenten. "
     "Det er ikkje kjent kva som skjer.", "nn"),
    ("Turkey said on Friday that the strikes against Syrian forces would continue, according to the president.", "en"),
])
def test_detects_bokmaal_nynorsk_and_english(text, lang):
    assert detect(text) == lang
