"""Grouping events of different articles into incidents (core.incidents), on our own wire-style records."""
from __future__ import annotations

import pytest

from core import incidents, queries
from core.store import Store
from tests.wire_incidents import docs, store_with


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "inc.duckdb")
    yield s
    s.close()


def _by_article(store):
    """{(article key, event id): incident id}."""
    ids = {d["article"]["id"]: k for k, d in docs().items()}
    rows = store.df("SELECT article_id, event_id, incident_id FROM incident_members")
    return {(ids[a], e): i for a, e, i in rows.itertuples(index=False)}


def test_two_incidents_told_three_ways_each_are_two_incidents(store):
    store_with(store)
    m = _by_article(store)
    soldiers = {m[("ntb", "e1")], m[("wire", "e1")], m[("follow", "e1")]}
    school = {m[("gaza1", "e1")], m[("gaza2", "e1")], m[("gaza3", "e1")]}
    assert len(soldiers) == 1 and len(school) == 1 and soldiers != school
    # a strike a week later, a phone call the same day and shelling 45 km away stay on their own
    others = {m[("wire", "e2")], m[("ntb", "e2")], m[("follow", "e2")]}
    assert len(others) == 3 and not others & (soldiers | school)


def test_sources_and_tolls_follow_acleds_rule(store):
    store_with(store)
    inc = queries.incidents(store, queries.Filters()).set_index("incident_id")
    m = _by_article(store)
    a, b = inc.loc[m[("ntb", "e1")]], inc.loc[m[("gaza1", "e1")]]
    assert a["n_sources"] == 3 and b["n_sources"] == 3
    assert a["fatalities"] == 33 and list(a["tolls"]) == [33, 34] and a["toll_conflict"]
    assert b["fatalities"] == 27 and list(b["tolls"]) == [27, 35] and b["toll_conflict"]
    assert "NTB, 2020-02-28" in a["sources"] and "Wire, 2020-02-28" in a["sources"] and "Desk, 2020-02-29" in a["sources"]
    assert str(a["date"])[:10] == "2020-02-27" and a["location"] == "Saraqib" and a["admin1"] == "Idlib"
    alone = inc.loc[m[("wire", "e2")]]
    assert alone["n_sources"] == 1 and not alone["toll_conflict"]


def test_totals_count_each_incident_once(store):
    store_with(store)
    c = queries.counts(store, queries.Filters())
    assert c["events"] == 9 and c["incidents"] == 5
    assert c["fatalities"] == 33 + 27 + 2 + 4  # not 33 + 34 + 33 + 27 + 35 + 2 + 4
    by_day = queries.incidents_by_day_type(store, queries.Filters())
    assert int(by_day["n"].sum()) == 5


def test_grouping_is_incremental_and_ids_are_stable(store):
    d = docs()
    store.ingest(d["ntb"])
    first = _by_article(store)[("ntb", "e1")]
    store.ingest(d["wire"])
    store.ingest(d["follow"])
    m = _by_article(store)
    assert m[("ntb", "e1")] == m[("wire", "e1")] == m[("follow", "e1")] == first
    store.group()  # recomputing everything gives the same ids
    assert _by_article(store) == m


def test_a_country_alone_or_an_undated_event_is_never_grouped(store):
    d = docs()
    for k in ("gaza1", "gaza2"):
        for e in d[k]["events"]:
            e.update(location="Palestine", lat=31.9, lon=35.2, geo_precision=3)
    d["gaza3"]["events"][0]["date"] = None
    for k in ("gaza1", "gaza2", "gaza3"):
        store.ingest(d[k])
    assert len(set(_by_article(store).values())) == 3


def test_the_radius_is_a_real_limit(store):
    d = docs()
    d["gaza2"]["events"][0].update(lat=31.45 + 0.3, lon=34.39, location="Somewhere north")  # ~33 km north
    for k in ("gaza1", "gaza2"):
        store.ingest(d[k])
    assert len(set(_by_article(store).values())) == 2
    assert incidents.RADIUS_KM == 25.0


def test_a_store_from_before_incidents_is_grouped_when_opened(tmp_path):
    path = tmp_path / "old.duckdb"
    s = Store(path)
    store_with(s)
    s.cursor().execute("DROP TABLE incident_members")
    s.cursor().execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    s.close()
    s = Store(path)
    assert s.scalar("SELECT count(DISTINCT incident_id) FROM incident_members") == 5
    assert s.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == "5"
    s.close()


def test_a_tie_between_reports_gives_the_same_incident_whichever_was_stored_first(tmp_path):
    """Two reports of one strike name its actor two ways (one each): the incident's actor is the same row
    whether the first or the second was ingested first (the earliest report's, then the article's id)."""
    picked = []
    for n, keys in enumerate((["gaza1", "gaza2"], ["gaza2", "gaza1"])):
        s = Store(tmp_path / f"tie{n}.duckdb")
        try:
            store_with(s, keys)
            inc = queries.incidents(s, queries.Filters())
            assert len(inc) == 1 and inc.iloc[0]["n_sources"] == 2
            picked.append((inc.iloc[0]["actor1"], inc.iloc[0]["sources"], inc.iloc[0]["sentence"]))
        finally:
            s.close()
    assert picked[0] == picked[1] and picked[0][0] in ("Israel", "Israeli military")
