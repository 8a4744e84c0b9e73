"""Any text gives schema-valid output with offsets inside the text, and the same output twice."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import InputError, parse_article
from core.text import normalise

WORDS_NB = ["Tyrkia", "angrep", "drept", "sier", "sa", "–", "«", "»", '"', "Idlib", "fredag", "20", "soldater",
            "ifølge", "Reuters", ".", ",", "\n\n", "Nato-sjef", "Jens", "Stoltenberg", "at", "ble", "i", "mot",
            "syriske", "grensen", "stengte", "Hellas", "tåregass", ":", "(", ")", "tre", "minst"]
WORDS_EN = ["Turkey", "attack", "killed", "said", "–", '"', "Idlib", "Friday", "20", "soldiers", "according", "to",
            "Reuters", ".", ",", "\n\n", "the", "were", "in", "against", "Syrian", "border", "closed", "Greece"]
EVENT_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def check(doc: dict, text: str) -> None:
    n = doc["article"]["n_chars"]
    assert n == len(normalise(text))
    assert doc["article"]["language"] in ("nb", "nn", "en")
    for e in doc["events"]:
        assert e["event_type"] in EVENT_TYPES
        assert 0 <= e["start"] < e["end"] <= n
        assert e["fatalities"] is None or (isinstance(e["fatalities"], int) and e["fatalities"] >= 0)
        assert (e["lat"] is None) == (e["lon"] is None)
        assert e["date_precision"] in (None, "day", "week", "month", "year")
    for s in doc["statements"]:
        assert s["kind"] in ("direct", "indirect") and s["speaker"]
        assert 0 <= s["start"] <= s["quote_start"] < s["quote_end"] <= s["end"] <= n
        assert isinstance(s["targets"], list)
    for p in doc["places"]:
        assert p["mentions"] >= 1
        assert p["lat"] is None or -90 <= p["lat"] <= 90


def parse_or_refuse(text: str, lang: str | None) -> dict | None:
    try:
        return parse_article(text, lang=lang, published="2020-02-28").to_dict()
    except InputError:
        assert not normalise(text)  # only empty text may be refused
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_unicode_never_raises(text):
    doc = parse_or_refuse(text, None)
    if doc is not None:
        check(doc, text)


@pytest.mark.parametrize("lang,words", [("nb", WORDS_NB), ("en", WORDS_EN)])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_news_like_word_salad_is_schema_valid_and_deterministic(lang, words, data):
    toks = data.draw(st.lists(st.sampled_from(words), max_size=80))
    text = " ".join(toks)
    a = parse_or_refuse(text, lang)
    b = parse_or_refuse(text, lang)
    assert a == b
    if a is not None:
        check(a, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("–-«»\"'.,:;!?()[]{}<>`$\\ \n\tabcÆØÅ1😀ضЖ")), max_size=300))
def test_adversarial_punctuation(text):
    doc = parse_or_refuse(text, "nb")
    if doc is not None:
        check(doc, text)
