"""The fast reads (core.summaries, the split corrected views) give exactly the rows of the plain reads.

Every query a page makes is run twice on the same store: as the dashboard runs it (the count tables
and the views that read uncorrected articles as they are) and the reference way (the corrected views
joined for every row, no count tables); the results must be equal, on a store with corrections and
incidents, after an undo, a re-parse, an import and an upload, and with an archive attached.
"""
from __future__ import annotations

import copy
import hashlib
import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from core import corrections as cx
from core import queries as q
from core import summaries
from core.archive.layout import TABLES, Archive
from core.store import Store
from tests.wire_incidents import docs

FILTERS = {
    "none": q.Filters(),
    "dates": q.Filters(date_from=date(2020, 2, 28), date_to=date(2024, 6, 6)),
    "english": q.Filters(languages=("en",)),
    "assaults in 2020": q.Filters(event_types=("ASSAULT",), date_to=date(2020, 12, 31)),
    "an actor": q.Filters(actors=("Turkish military",)),  # the rows are read: the count tables cannot answer it
}


def _with_statements(d: dict) -> dict:
    """Statements of several shapes on two articles: targets, a speaker for a body, one with no speaker."""
    d = copy.deepcopy(d)
    t = d["wire"]["article"]["text"]
    d["wire"]["statements"] = [
        {"id": "s1", "speaker": "Turkish officials", "speaker_role": None, "speaker_actor": "Turkey",
         "quote": "Thirty-four Turkish soldiers were killed", "kind": "indirect", "verb": "said", "channel": None,
         "targets": ["Syrian government forces", "Turkish officials"], "reported_by": "Wire", "date": "2020-02-28",
         "start": t.find("Thirty"), "end": t.find("Friday") + 6, "quote_start": t.find("Thirty"),
         "quote_end": t.find("Idlib province") + 14},
        {"id": "s2", "speaker": None, "speaker_role": None, "speaker_actor": None, "quote": "another strike",
         "kind": "indirect", "verb": None, "channel": None, "targets": [], "reported_by": None, "date": "2020-03-05",
         "start": t.find("A week"), "end": len(t), "quote_start": t.find("another"), "quote_end": len(t)}]
    d["ntb"]["places"] = [_place("Saraqib", "Saraqib", 35.8623, 36.8006, 2), _place("Saraqeb", "Saraqib", 35.8623, 36.8006, 1),
                          _place("Idlib", "Idlib", 35.93, 36.63, 1, kind="region")]
    d["wire"]["places"] = [_place("Idlib", "Idlib", 35.93, 36.63, 3, kind="region")]
    d["gaza2"]["places"] = [_place("Deir al-Balah", "Deir al-Balah", 31.4189, 34.3517, 1, country="PS")]
    g = d["gaza2"]["article"]["text"]
    d["gaza2"]["statements"] = [
        {"id": "s1", "speaker": "medics", "speaker_role": None, "speaker_actor": "medics", "quote": "killing 35",
         "kind": "indirect", "verb": "said", "channel": None, "targets": ["Israeli military"], "reported_by": "Wire",
         "date": "2024-06-06", "start": g.find("Israeli aircraft"), "end": len(g),
         "quote_start": g.find("killing"), "quote_end": g.find("Palestinians") + 12}]
    return d


def _place(name: str, canonical: str, lat: float, lon: float, mentions: int, *, kind: str = "town",
           country: str = "SY") -> dict:
    return {"name": name, "canonical": canonical, "kind": kind, "lat": lat, "lon": lon, "country": country,
            "geonames_id": None, "mentions": mentions, "forms": [name], "spans": [], "geo_precision": 1}


def _renamed(doc: dict, tag: str) -> dict:
    """The same rows under a new article id (a copy read from another file)."""
    doc = copy.deepcopy(doc)
    doc["article"]["text"] += f"\n\n({tag})"
    doc["article"]["id"] = hashlib.sha256(doc["article"]["text"].encode()).hexdigest()
    doc["article"]["n_chars"] = len(doc["article"]["text"])
    return doc


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "fast.duckdb")
    for doc in _with_statements(docs()).values():
        s.ingest(doc)
    yield s
    s.close()


def _row(store, kind: str, key: str, rid: str) -> cx.Target:
    aid = docs()[key]["article"]["id"]
    view = "v_events" if kind == "event" else "v_statements"
    anchor = store.scalar(f"SELECT anchor FROM {view} WHERE article_id = ? AND id = ?", [aid, rid])
    return cx.Target(kind, aid, anchor)


def _correct(store) -> list[int]:
    """Corrections of every kind: fields set, rows rejected and added, a statement's speaker, an article's title."""
    ids = cx.correct(store, _row(store, "event", "ntb", "e1"), {"actor1": "Syrian Air Force", "fatalities": 40,
                                                                "date": "2020-02-26"})
    ids.append(cx.reject(store, _row(store, "event", "follow", "e2")))
    ids.append(cx.add_row(store, "event", docs()["gaza3"]["article"]["id"],
                          {"event_type": "ASSAULT", "date": "2024-06-06", "actor1": "Hamas", "actor2": "Israel",
                           "lat": 31.42, "lon": 34.36, "fatalities": 2, "start": 0, "trigger": "added"}))
    ids += cx.correct(store, _row(store, "statement", "wire", "s1"), {"speaker": "Turkish defence ministry"})
    ids.append(cx.reject(store, _row(store, "statement", "gaza2", "s1")))
    ids += cx.correct(store, cx.Target("article", docs()["gaza1"]["article"]["id"], docs()["gaza1"]["article"]["id"]),
                      {"title": "A corrected title"})
    return ids


def _plain(v):
    if isinstance(v, np.ndarray | list | tuple):
        return tuple(_plain(x) for x in v)
    return v


def _frame(df: pd.DataFrame) -> pd.DataFrame:
    return df.reset_index(drop=True).map(_plain) if len(df) else df.reset_index(drop=True)


def results(store) -> dict[str, object]:
    """Every query of the pages, under every filter."""
    out: dict[str, object] = {"actor options": q.actor_options(store), "date bounds": q.date_bounds(store),
                              "article options": q.article_options(store)}
    for name, f in FILTERS.items():
        out |= {f"counts {name}": q.counts(store, f), f"located {name}": q.located_events(store, f),
                f"events {name}": q.events(store, f, 3), f"map {name}": q.events(store, f, 5, located=True),
                f"statements {name}": q.statements(store, f, 2), f"articles {name}": q.articles(store, f, 4),
                f"places {name}": q.places(store, f), f"by day {name}": q.events_by_day_type(store, f),
                f"statements by day {name}": q.statements_by_day(store, f),
                f"top actors {name}": q.top_actors(store, f, 3), f"network {name}": q.network_edges(store, f),
                f"incidents {name}": q.incidents(store, f), f"incidents by day {name}": q.incidents_by_day_type(store, f)}
    return out


def reference(store, monkeypatch) -> dict[str, object]:
    """The same queries through the plain definitions: corrected views joined for every row, no count tables."""
    with monkeypatch.context() as m:
        m.setattr(summaries, "readable", lambda _store: False)
        cur = store.cursor()
        schemas = ["archive", "main"] if store.attached_archive() else ["main"]
        for schema in schemas:
            cur.execute(f"SET schema = '{schema}'")
            cx.create_views(cur, split=False)
        try:
            return results(store)
        finally:
            for schema in schemas:
                cur.execute(f"SET schema = '{schema}'")
                cx.create_views(cur)
            cur.execute("SET schema = 'main'")


def assert_same(store, monkeypatch) -> None:
    assert summaries.readable(store), "the count tables are not in use: the comparison would prove nothing"
    fast, ref = results(store), reference(store, monkeypatch)
    assert fast.keys() == ref.keys()
    for k in fast:
        a, b = fast[k], ref[k]
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(_frame(a), _frame(b), obj=k)
        else:
            assert a == b, k


def test_fast_reads_equal_the_plain_ones_with_corrections_and_incidents(store, monkeypatch):
    _correct(store)
    assert store.scalar("SELECT count(DISTINCT incident_id) FROM incident_members") < \
        store.scalar("SELECT count(*) FROM incident_members")  # incidents of several articles
    assert q.counts(store, q.Filters())["events"] == 9 - 1 + 1  # nine parsed, one rejected, one added
    assert "Syrian Air Force" in set(q.actor_options(store)["name"])
    assert "Turkish defence ministry" in set(q.top_actors(store, q.Filters(), 20)["actor"])
    saraqib = q.places(store, q.Filters()).set_index("canonical").loc["Saraqib"]
    assert (saraqib["mentions"], saraqib["articles"], saraqib["forms"]) == (3, 1, "Saraqeb, Saraqib")
    assert_same(store, monkeypatch)


def test_fast_reads_follow_an_undo_and_a_reparse(store, monkeypatch):
    ids = _correct(store)
    cx.undo(store, ids[0])  # the corrected actor
    cx.undo(store, ids[-2])  # the rejected statement
    assert "Syrian Air Force" not in set(q.actor_options(store)["name"])
    assert_same(store, monkeypatch)
    newer = copy.deepcopy(_with_statements(docs())["wire"])
    newer["events"][1].update(event_type="COERCE", fatalities=5)
    newer["statements"][0]["targets"] = ["Russia"]
    newer["places"] = [_place("Idlib", "Idlib", 35.93, 36.63, 1, kind="region"), _place("Ankara", "Ankara", 39.93, 32.86, 1,
                                                                                        country="TR")]
    store.replace(newer)
    assert q.counts(store, q.Filters(event_types=("COERCE",)))["events"] == 1
    assert q.places(store, q.Filters()).set_index("canonical").loc["Idlib", "mentions"] == 1 + 1
    assert_same(store, monkeypatch)


def write_archive(root, rows: list[dict]) -> None:
    """An archive of one partition holding these parsed documents (the layout core.archive writes)."""
    arc = Archive(root).create()
    mem = Store(":memory:")
    mem.ingest_many(rows, group=False)
    cur = mem.con.cursor()
    name = "p0"
    cur.execute(f"COPY (SELECT *, 'file-' || id AS source_file FROM articles) TO '{arc.root}/articles/{name}.parquet'")
    for t in TABLES[1:]:
        cur.execute(f"COPY (SELECT * FROM {t}) TO '{arc.root}/{t}/{name}.parquet'")
    cur.execute(f"COPY (SELECT 'x' AS file, 'y' AS reason LIMIT 0) TO '{arc.root}/failures/{name}.parquet'")
    mem.close()
    (arc.root / "_done" / f"{name}.json").write_text(json.dumps({"partition": name, "files": []}))


def test_fast_reads_follow_an_import_and_an_upload(store, monkeypatch, tmp_path):
    _correct(store)
    more = [_renamed(d, "copy") for d in _with_statements(docs()).values()]
    write_archive(tmp_path / "archive", more)
    before = q.counts(store, q.Filters())
    assert store.import_archive(tmp_path / "archive")["events"] == 9
    assert q.counts(store, q.Filters())["events"] == before["events"] + 9
    assert_same(store, monkeypatch)
    store.ingest(_renamed(docs()["gaza1"], "upload"))
    assert_same(store, monkeypatch)


def test_an_attached_archive_is_counted_with_the_stores_own_rows(tmp_path, monkeypatch):
    write_archive(tmp_path / "archive", list(_with_statements(docs()).values()))
    s = Store(tmp_path / "attached.duckdb")
    s.ingest(_renamed(docs()["ntb"], "own"))
    s.attach_archive(tmp_path / "archive")
    s.group()
    try:
        assert q.counts(s, q.Filters())["events"] == 9 + 2
        _correct(s)
        assert_same(s, monkeypatch)
        s.ingest(_renamed(docs()["gaza2"], "upload"))  # an upload lands in the store's own tables
        assert q.counts(s, q.Filters())["events"] == 9 + 2 + 1
        assert_same(s, monkeypatch)
        s.detach_archive()
        assert q.counts(s, q.Filters())["events"] == 2 + 1 + 1  # and the analyst's added event (a correction)
        assert_same(s, monkeypatch)
    finally:
        s.close()


def test_a_write_around_the_store_leaves_the_count_tables_unused_until_counted_again(store, monkeypatch, tmp_path):
    aid = docs()["gaza1"]["article"]["id"]
    store.cursor().execute("INSERT INTO main.events (article_id, id, event_type, date, actor1) "
                           "VALUES (?, 'e9', 'PROTEST', DATE '2024-06-07', 'Students')", [aid])
    assert not summaries.readable(store)  # the rows the tables counted are not the store's any more
    assert q.counts(store, q.Filters())["events"] == 10 and "Students" in set(q.actor_options(store)["name"])
    path = store.path
    store.close()
    again = Store(path)  # opening for writing counts them again
    try:
        assert summaries.readable(again)
        assert q.events_by_day_type(again, q.Filters(event_types=("PROTEST",)))["n"].tolist() == [1]
        assert_same(again, monkeypatch)
    finally:
        again.close()


def test_the_views_read_uncorrected_articles_as_they_are(store):
    sql = store.scalar("SELECT sql FROM duckdb_views() WHERE view_name = 'v_events' AND schema_name = 'main'")
    assert "ANTI JOIN" in sql
    _correct(store)
    plain = store.df("SELECT * FROM v_events WHERE NOT corrected ORDER BY article_id, id")
    rows = store.df("SELECT * FROM events ORDER BY article_id, id")
    assert len(plain) == len(rows) - 2  # the corrected event and the rejected one
