"""core.speech on its own: what the parse says (verb, subject phrase, content) and who the speaker is."""
from __future__ import annotations

import pytest

from core.pipeline import build_context
from core.speech import find_acts, speaker_for
from core.statements import speech_kinds
from core.text import normalise
from tests.conftest import ROOT


def _acts(text: str, lang: str):
    ctx, _ = build_context(normalise(text), lang, None)
    acts = find_acts(ctx, speech_kinds(ctx))
    words = lambda span: " ".join(t.text for t in ctx.toks[span[0]:span[1]]) if span else None  # noqa: E731
    return ctx, acts, words


def test_subject_and_clausal_complement_en():
    ctx, acts, words = _acts("Regional governor Oleh Kiper said on Monday that two drones hit a depot.", "en")
    (act,) = acts
    assert ctx.toks[act.verb].text == "said" and act.kind == "say"
    assert words(act.subject) == "Regional governor Oleh Kiper"
    assert words(act.content) == "two drones hit a depot"


def test_quote_before_the_verb_and_pronoun_subject_en():
    ctx, acts, words = _acts('"We will not retreat," he told reporters.', "en")
    (act,) = acts
    assert words(act.subject) == "he" and "We will not retreat" in words(act.content)


def test_parenthetical_speech_verb_nb():
    ctx, acts, words = _acts("– Vi vil ikke trekke oss tilbake, sier forsvarsminister Hulusi Akar.", "nb")
    (act,) = acts
    assert ctx.toks[act.verb].text == "sier"
    assert words(act.content) == "Vi vil ikke trekke oss tilbake"
    assert "Akar" in words(act.subject)


def test_at_clause_nb():
    ctx, acts, words = _acts("Regjeringen opplyser at flere hundre er drept.", "nb")
    (act,) = acts
    assert words(act.subject) == "Regjeringen" and words(act.content) == "flere hundre er drept"


def test_negated_speech_gives_no_act():
    _, acts, _ = _acts("The governor would not say how many people had died.", "en")
    assert acts == []


def test_according_to_gives_the_source_and_the_rest_of_the_clause():
    ctx, acts, words = _acts("Two civilians were killed overnight, according to local authorities.", "en")
    (act,) = acts
    assert act.kind == "report" and words(act.subject) == "local authorities"
    assert words(act.content) == "Two civilians were killed overnight"


@pytest.mark.parametrize(("text", "lang", "speaker"), [
    ("Somali officials said a bomb exploded near the port.", "en", "Somali officials"),
    ("The State Department said the convoy carried only food and medicine.", "en", "US State Department"),
    ("The mayor, Anna Kovac, said the shelling went on all night.", "en", "Anna Kovac"),
    ('"Our aim is to keep the roads open," Colonel Peter Hale-Morton said.', "en", "Peter Hale-Morton"),
])
def test_speaker_from_the_subject_phrase(text, lang, speaker):
    ctx, acts, _ = _acts(text, lang)
    assert speaker_for(ctx, acts[0], []).actor.name == speaker


def test_pronoun_takes_the_last_speaker_of_its_kind():
    ctx, acts, _ = _acts("Foreign Minister Anna Berg said talks would resume. The ministry said it had no comment. "
                         "She said the border stays closed.", "en")
    first = speaker_for(ctx, acts[0], [])
    body = speaker_for(ctx, acts[1], [first])
    assert speaker_for(ctx, acts[2], [first, body]).actor.name == "Anna Berg"


def test_relative_pronoun_speaks_for_the_noun_its_clause_hangs_on():
    ctx, acts, words = _acts("The plan pleases Foreign Minister Sergei Lavrov, who says an opening must not be lost.", "en")
    act = next(a for a in acts if ctx.toks[a.verb].text == "says")
    assert speaker_for(ctx, act, []).actor.name == "Sergey Lavrov"  # the lexicon's canonical spelling


def test_according_to_with_only_an_attribution_left_gives_no_act():
    seed = (ROOT / "seeds" / "idlib_2020-02-28.txt").read_text(encoding="utf-8")  # the shipped seed's own line
    line = next(ln for ln in seed.splitlines() if ln.startswith("Ifølge ordføreren"))
    ctx, acts, words = _acts(line, "nb")
    assert not any(words(a.content).startswith("skriver") for a in acts)


def test_a_two_word_verb_whose_form_is_also_a_noun_nb():
    # "regner" is also a noun's form ("regner": a calculator); the verb "regne med" is found through every lemma
    from core import parse_article
    (st,) = parse_article("FN regner med at tallet på flyktninger vil øke før sommeren.", lang="nb").statements
    assert st.speaker == "United Nations" and st.quote.startswith("tallet på flyktninger")


def test_a_person_after_an_organisation_in_the_genitive_speaks_nb():
    # however the parse splits "Leger Uten Grensers koordinator Kari Nygaard", the person speaks, not a fragment
    from core import parse_article
    text = "Klinikken ble beskutt igjen natt til lørdag, forteller Leger Uten Grensers koordinator Kari Nygaard."
    (st,) = parse_article(text, lang="nb").statements
    assert st.speaker == "Kari Nygaard"


@pytest.mark.parametrize("text, lang, speaker, quote", [
    ("The UN described Haiti as a country on the edge of famine.", "en", "United Nations",
     "Haiti as a country on the edge of famine"),
    ("FN betegner Haiti som et land på randen av hungersnød.", "nb", "United Nations",
     "Haiti som et land på randen av hungersnød"),
])
def test_describing_something_as_something_is_a_claim(text, lang, speaker, quote):
    # "the UN described …": a name as the parse's subject is no attribute, whatever word follows it
    from core import parse_article
    (st,) = parse_article(text, lang=lang).statements
    assert (st.speaker, st.quote) == (speaker, quote)


def test_describing_without_a_predicate_is_no_claim():
    from core import parse_article
    assert not parse_article("The minister described the plan in detail on Monday.", lang="en").statements


def test_a_definite_body_noun_alone_is_the_body_named_before():
    from core import parse_article
    text = ("Nine killed at bus station\n\nNine people were killed when a drone hit the bus station in Sumy on "
            "Friday, Ukraine's emergency service said.\n\nThe service said 31 people were wounded.\n\n"
            "A service spokesman said rescue work would go on overnight.")
    speakers = [s.speaker for s in parse_article(text, lang="en").statements]
    assert speakers[:2] == ["Ukraine's emergency service"] * 2
