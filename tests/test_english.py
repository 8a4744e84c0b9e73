"""English through the same engine: quotes, said-order, datelines, relative dates, a stub trained pipeline."""
from __future__ import annotations

import json
import sys

import pytest

from core import parse_article
from tests.conftest import FIXTURES
from tests.test_cli_seed import run_cli


def _en(text: str, published: str = "2024-03-21"):
    return parse_article(text, lang="en", published=published)


def test_quote_then_title_and_name_then_verb():
    sts = _en('"We will not retreat," Sudanese Defence Minister Yassin Ibrahim told reporters on Monday.').statements
    s = sts[0]
    assert (s.speaker, s.kind, s.speaker_role, s.speaker_actor) == ("Yassin Ibrahim", "direct", "Defence Minister", "Sudan")
    assert s.quote == '"We will not retreat,"' and s.date == "2024-03-18"


def test_split_quote_keeps_the_speaker():
    sts = _en('"The shelling went on all night," the mayor, Anna Kovac, said. "Nobody slept."\n\n'
              '"We need water," she added.').statements
    assert [s.speaker for s in sts if s.kind == "direct"][:2] == ["Anna Kovac", "Anna Kovac"]


def test_said_without_that_and_curly_quotes():
    doc = _en("The Israeli military said its jets had struck a weapons depot in southern Lebanon.\n\n"
              "\u201cThe strike was precise,\u201d spokesman Avi Levin said.")
    sts = doc.statements
    assert sts[0].speaker == "Israeli military" and sts[0].quote.startswith("its jets had struck")
    assert sts[1].speaker == "Avi Levin" and sts[1].kind == "direct"
    ev = next(e for e in doc.events if e.event_type == "ASSAULT")
    assert ev.actor1 == "Israeli military" and ev.country == "LB"


def test_dateline_gives_source_not_place():
    doc = _en("BEIRUT (Reuters) - Israeli air strikes killed four people in southern Lebanon on Tuesday, "
              "the health ministry said.")
    e = doc.events[0]
    assert (e.actor1, e.fatalities, e.reported_by, e.date) == ("Israel", 4, "Reuters", "2024-03-19")
    assert e.location != "Beirut"


def test_english_passive_and_according_to():
    e = _en("Three soldiers were killed by Houthi drones near Marib, according to the Yemeni army.").events[0]
    assert (e.actor1, e.fatalities) == ("Houthis", 3) and e.actor2 != "Houthis"  # the agent of "killed by", not the victim


def test_cli_on_english_fixture():
    meta = {m["file"]: m for m in json.loads((FIXTURES / "index.json").read_text())}["en_wire.txt"]
    res = run_cli("parse", str(FIXTURES / "en_wire.txt"), "--published", meta["published"])
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["article"]["language"] == "en"
    kill = next(e for e in doc["events"] if e["fatalities"] == 7)
    assert (kill["actor1"], kill["actor2"], kill["location"], kill["reported_by"]) == \
        ("Russia", "Civilians", "Kharkiv", "Reuters")
    speakers = {(s["speaker"], s["kind"]) for s in doc["statements"]}
    assert ("Dmytro Kuleba", "direct") in speakers and ("Oleh Synehubov", "indirect") in speakers
    assert ("Russian Ministry of Defence", "indirect") in speakers
    closing = next(e for e in doc["events"] if e["event_type"] == "SANCTION")
    assert closing["actor1"] == "Polish government" and closing["date"] == "2024-03-20"
    places = {p["canonical"] for p in doc["places"]}
    assert places >= {"Kharkiv", "Moscow", "Brussels"} and "Kyiv" not in places  # "Kyiv accused": the government


STUB = '''
import spacy

def load(**overrides):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Zorvan Taleek"}, {"label": "GPE", "pattern": "Qurnabad"}])
    nlp.meta["name"] = "stub_en"
    return nlp
'''


def test_an_installed_english_pipeline_is_used_when_present(tmp_path, monkeypatch):
    from core import nlp
    pkg = tmp_path / "stub_en_pipeline"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(STUB)
    monkeypatch.syspath_prepend(str(tmp_path))
    text = "Zorvan Taleek, a farmer, was killed in the village."
    monkeypatch.setenv("EVENTDESK_EN_MODEL", "none")
    nlp.get_pipeline.cache_clear()
    rule_only = _en(text)
    assert "Zorvan Taleek" not in {a.name for a in rule_only.actors}
    monkeypatch.setenv("EVENTDESK_EN_MODEL", "stub_en_pipeline")
    nlp.get_pipeline.cache_clear()
    try:
        assert "entity_ruler" in nlp.pipeline_name("en")
        with_model = _en(text)
        assert "Zorvan Taleek" in {a.name for a in with_model.actors}
    finally:
        nlp.get_pipeline.cache_clear()
        sys.modules.pop("stub_en_pipeline", None)


@pytest.mark.parametrize("text,expected", [
    ("Russland seier at åtaka vil halde fram. Ti soldatar vart drepne i går, ifølgje hæren.", "nn"),
])
def test_nynorsk_is_detected_and_parsed(text, expected):
    doc = parse_article(text, published="2024-03-21")
    assert doc.article.language == expected
    assert any(s.speaker == "Russia" for s in doc.statements)


def test_a_genitive_written_apart_gives_the_body_its_country():
    # "Russia's": the clitic is its own token; the ministry is Russia's, not the main country's (Ukraine here)
    res = _en("Ukrainian officials said the strikes hit Kherson overnight. Russian air defences shot down nine "
              "drones over Crimea, according to Russia's Defence Ministry.")
    (ministry,) = [s for s in res.statements if "Defence" in s.speaker]
    assert ministry.speaker == "Russian Ministry of Defence" and ministry.speaker_actor == "Russia"


def test_a_ministers_title_and_an_unnamed_body_keep_their_words():
    res = _en("Turkey's health minister said aid would continue. Somalia's disaster agency said 40 people had died.")
    minister, agency = res.statements
    assert (minister.speaker, minister.speaker_role) == ("Turkish Health Minister", "Health Minister")
    assert agency.speaker == "Somalia's disaster agency" and agency.speaker_actor == "Somalia"  # as written


def test_a_president_elect_is_a_title_and_the_surname_later_his():
    # whatever the small English recogniser makes of the name, the title before it names a person, and his
    # surname later is him
    res = _en("Moldova's president-elect Andrei Vulpe says the new cabinet will be named within a week. "
              "Vulpe said on Monday that he wants early talks with the opposition.")
    assert [(s.speaker, s.speaker_role) for s in res.statements] == [("Andrei Vulpe", "President-elect")] * 2
