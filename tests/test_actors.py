"""The actor hierarchy: every actor's parent state or organisation, and the actor filter that follows it."""
from __future__ import annotations

import duckdb
import pytest

from core import parse_article, queries
from core.store import Store


def _parents(text: str, lang: str) -> dict[str, str | None]:
    return {a.name: a.parent for a in parse_article(text, lang=lang, published="2024-05-02").actors}


@pytest.mark.parametrize("text,lang", [
    ("Turkish forces shelled positions near Idlib, Turkish Defence Minister Hulusi Akar said. "
     "The Russian Defence Ministry denied it.", "en"),
    ("Tyrkiske styrker beskjøt stillinger nær Idlib, sier Tyrkias forsvarsminister Hulusi Akar. "
     "Det russiske forsvarsdepartementet avviser det.", "nb"),
])
def test_forces_bodies_and_officials_belong_to_their_state(text, lang):
    ps = _parents(text, lang)
    assert ps["Turkish forces"] == "Turkey" and ps["Hulusi Akar"] == "Turkey"
    assert ps["Russian Ministry of Defence"] == "Russia"
    assert all(parent is None for name, parent in ps.items() if name in ("Turkey", "Russia"))


@pytest.mark.parametrize("text,lang", [
    ("The Qassam Brigades fired rockets at Ashkelon, Hamas spokesman Abu Obeida said.", "en"),
    ("Qassam-brigadene skjøt raketter mot Ashkelon, sier Hamas-talsmann Abu Obeida.", "nb"),
])
def test_a_wing_and_a_spokesman_belong_to_their_organisation(text, lang):
    doc = parse_article(text, lang=lang, published="2024-05-02")
    ps = {a.name: a.parent for a in doc.actors}
    assert ps["Qassam Brigades"] == "Hamas" and ps.get("Hamas") is None
    ev = next(e for e in doc.events if e.actor1 == "Qassam Brigades")
    assert ev.actor1_parent == "Hamas"


def test_events_carry_the_parents_of_both_actors():
    ev = parse_article("Tyrkiske soldater angrep syriske regjeringsstyrker i Idlib.", lang="nb",
                       published="2024-05-02").events[0]
    assert (ev.actor1_parent, ev.actor2_parent) == ("Turkey", "Syria")


def test_the_actor_filter_finds_everything_under_the_actor(tmp_store):
    doc = parse_article("Turkish troops shelled Syrian army positions near Idlib on Monday.", lang="en",
                        published="2024-05-02")
    assert doc.events[0].actor1 != "Turkey"
    tmp_store.ingest(doc)
    hits = queries.events(tmp_store, queries.Filters(actors=("Turkey",)))
    assert list(hits["actor1"]) == [doc.events[0].actor1]
    assert queries.events(tmp_store, queries.Filters(actors=("Greece",))).empty


def test_an_older_store_gains_the_parent_columns(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE actors (article_id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR, "
                "aliases VARCHAR[], role VARCHAR, mentions INTEGER, spans VARCHAR)")
    con.close()
    s = Store(path)
    try:
        cols = {r[0] for r in s.cursor().execute("DESCRIBE actors").fetchall()}
        assert "parent" in cols
        assert {"actor1_parent", "actor2_parent"} <= {r[0] for r in s.cursor().execute("DESCRIBE events").fetchall()}
    finally:
        s.close()


@pytest.mark.parametrize("text,lang", [
    ("Turkish migrants waited at the border, the Ukrainian mayor said.", "en"),
    ("Tyrkiske migranter ventet ved grensen, sier den ukrainske ordføreren.", "nb"),
])
def test_no_actor_is_a_nationality_and_a_noun_that_is_no_force_or_body(text, lang):
    names = set(_parents(text, lang))
    assert not any(n in names for n in ("Turkish migrants", "Ukrainian Mayor"))
    assert {"Migrants", "Mayor"} <= names


@pytest.mark.parametrize("text,lang", [
    ("Syria's army and Turkey's forces clashed near Idlib.", "en"),
    ("Syrias hær og Tyrkias styrker kjempet nær Idlib.", "nb"),
])
def test_names_are_never_cut(text, lang):
    doc = parse_article(text, lang=lang, published="2024-05-02")
    names = {p.canonical for p in doc.places} | {a.name for a in doc.actors}
    assert {"Syria", "Turkey"} <= names and not any(n in names for n in ("Syri", "Turke", "Tyrki"))
