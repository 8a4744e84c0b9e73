"""The analyst's desk through AppTest: incidents, correcting a row, setting a date, a batch upload's dates."""
from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from core.store import Store
from tests.conftest import ROOT
from tests.wire_incidents import TEXTS, docs, store_with

APP = str(ROOT / "dashboard" / "app.py")
UNDATED = ("Shelling hits market in Kharkiv\n\nKHARKIV (Desk) - Russian shelling of a market in Kharkiv killed "
           "seven people on Thursday, the regional governor said.")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "desk.duckdb"
    s = Store(path)
    store_with(s)
    s.close()
    return path


def _app(db, monkeypatch, page: str) -> AppTest:
    monkeypatch.setenv("EVENTDESK_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _select(at: AppTest, key: str, row: int) -> AppTest:
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_events_show_incidents_by_default_with_their_sources(db, monkeypatch):
    at = _app(db, monkeypatch, "events")
    table = at.dataframe[0].value
    assert len(table) == 5 and set(table.columns) >= {"n_sources", "fatalities", "sources"}
    assert sorted(table["n_sources"].tolist()) == [1, 1, 1, 3, 3]
    metrics = {m.label: m.value for m in _app(db, monkeypatch, "overview").metric}
    assert metrics["Incidents"] == "5" and metrics["Article rows"] == "9" and metrics["Reported killed"] == "66"


def test_correcting_a_row_in_the_table(db, monkeypatch):
    at = _app(db, monkeypatch, "events")
    at.session_state["events_view"] = "Article rows"
    at.run()
    rows = at.dataframe[0].value
    i = rows.index[rows["location"] == "Saraqib"][0]
    at = _select(at, "events_table", int(i))
    next(t for t in at.text_input if (t.key or "").startswith("fix_actor1_")).set_value("Syrian Air Force")
    next(b for b in at.button if b.label == "Save corrections").click().run()
    assert not at.exception
    assert any("corrected" in s.value for s in at.success)
    s = Store(db)
    assert s.scalar("SELECT actor1 FROM v_events WHERE location = 'Saraqib'") == "Syrian Air Force"
    assert s.scalar("SELECT count(*) FROM corrections WHERE field = 'actor1'") == 1
    s.close()
    rows = at.dataframe[0].value
    assert rows.loc[rows["location"] == "Saraqib", "corrected"].all()
    undo = next(b for b in at.button if b.label.startswith("Undo"))
    undo.click().run()
    s = Store(db)
    assert s.scalar("SELECT actor1 FROM v_events WHERE location = 'Saraqib'") == "Syrian military"
    s.close()


def test_setting_an_undated_articles_date_in_the_app(tmp_path, monkeypatch):
    from core import parse_article
    path = tmp_path / "undated.duckdb"
    s = Store(path)
    parsed = parse_article(UNDATED, lang="en")
    s.ingest(parsed)
    s.close()
    at = _app(path, monkeypatch, "articles")
    assert any("no date" in w.value for w in at.warning)
    assert at.dataframe[0].value["undated"].tolist() == [True]
    next(d for d in at.date_input if (d.key or "").startswith("set_date_")).set_value(date(2024, 5, 17))
    next(b for b in at.button if b.label == "Set date").click().run()
    assert not at.exception, [e.value for e in at.exception]
    s = Store(path)
    assert str(s.scalar("SELECT published FROM v_articles"))[:10] == "2024-05-17"
    assert {str(d)[:10] for d in s.df("SELECT date FROM v_events")["date"]} == {"2024-05-16"}  # that Thursday
    s.close()
    at = _app(path, monkeypatch, "timeline")
    assert not any("no date" in c.value for c in at.caption)  # the timeline has them now


def test_a_batch_upload_gives_each_file_its_own_date_and_outlet(tmp_path, monkeypatch):
    path = tmp_path / "batch.duckdb"
    Store(path).close()
    at = _app(path, monkeypatch, "upload")
    at.file_uploader[0].upload("one.txt", UNDATED.encode(), "text/plain")
    at.file_uploader[0].upload("two.txt", TEXTS["gaza3"].encode(), "text/plain")
    at.run()
    at.date_input(key="file_date_0").set_value(date(2024, 5, 17))
    at.date_input(key="file_date_1").set_value(date(2024, 6, 7))
    at.text_input(key="file_outlet_1").set_value("Wire")
    next(b for b in at.button if b.label == "Parse and store").click().run()
    assert not at.exception, [e.value for e in at.exception]
    s = Store(path)
    got = dict(s.df("SELECT title, strftime(published, '%Y-%m-%d') || ' ' || coalesce(source, '') AS d "
                    "FROM v_articles").itertuples(index=False))
    s.close()
    assert got["Shelling hits market in Kharkiv"] == "2024-05-17 "  # (the seed was stored on first start too)
    assert got["Israel says it targeted militants in school compound"] == "2024-06-07 Wire"


def _incident_row(at: AppTest, **match) -> int:
    table = at.dataframe[0].value
    hit = table
    for k, v in match.items():
        hit = hit[hit[k] == v]
    assert len(hit) == 1, (match, table[list(match)])
    return int(hit.index[0])


def test_merging_two_incidents_in_the_app_and_undoing_it(db, monkeypatch):
    at = _app(db, monkeypatch, "events")
    at = _select(at, "incidents_table", _incident_row(at, location="Saraqib"))
    pick = next(s for s in at.selectbox if (s.key or "").startswith("merge_pick_"))
    assert "Aleppo" in pick.options[0] and "km away" in pick.options[0]  # the same type, nearest first
    next(b for b in at.button if b.label == "Merge the two").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Merged" in s.value for s in at.success)
    s = Store(db)
    assert s.scalar("SELECT count(*) FROM incidents") == 4
    assert s.scalar("SELECT n_events FROM incidents WHERE location = 'Saraqib'") == 4
    assert s.scalar("SELECT count(*) FROM corrections WHERE action = 'merge' AND undone_at IS NULL") == 1
    s.close()
    # the merged incident stays in view (the table's selection is cleared), with its undo
    assert any(h.value.startswith("ASSAULT") and "Saraqib" in h.value for h in at.subheader)
    assert not any(re.search(r"\bnan\b|\bNone\b", h.value) for h in at.subheader)  # an empty side is named
    next(b for b in at.button if b.label.startswith("Undo the merge")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    s = Store(db)
    assert s.scalar("SELECT count(*) FROM incidents") == 5
    assert s.scalar("SELECT count(*) FROM corrections WHERE action = 'merge' AND undone_at IS NULL") == 0
    s.close()


def test_adding_a_missed_event_in_the_app(db, monkeypatch):
    at = _app(db, monkeypatch, "events")
    gaza3 = TEXTS["gaza3"]
    at.selectbox(key="add_event_article").set_value(docs()["gaza3"]["article"]["id"]).run()
    at.selectbox(key="add_event_type").set_value("ASSAULT")
    at.date_input(key="add_event_date").set_value(date(2024, 6, 6))
    at.number_input(key="add_event_killed").set_value(30)
    at.text_input(key="add_event_actor1").set_value("Israeli military")
    at.text_input(key="add_event_place").set_value("Xyzzy Nowhereville")
    sentence = gaza3.split("\n\n")[1]
    at.text_area(key="add_event_sentence").set_value(sentence)
    next(b for b in at.button if b.label == "Add this event").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Nothing was added" in e.value and "gazetteer" in e.value for e in at.error)
    assert at.text_area(key="add_event_sentence").value == sentence  # nothing the analyst typed is lost
    s = Store(db)
    assert s.scalar("SELECT count(*) FROM corrections") == 0
    s.close()
    at.text_input(key="add_event_place").set_value("Nuseirat")
    next(b for b in at.button if b.label == "Add this event").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("added by hand" in x.value for x in at.success), ([e.value for e in at.error], [x.value for x in at.success])
    s = Store(db)
    row = s.df("SELECT * FROM v_event_incidents WHERE added").iloc[0]
    school = s.scalar("SELECT incident_id FROM v_event_incidents WHERE location = 'Deir al-Balah'")
    s.close()
    assert row["location"] == "Nuseirat" and row["fatalities"] == 30 and abs(row["lat"] - 31.45) < 0.1
    assert (row["start"], row["end"]) == (gaza3.index(sentence), gaza3.index(sentence) + len(sentence))
    assert row["incident_id"] == school  # grouped with the school strike at once
    # undone from the corrections log (the newest live correction is offered first)
    assert "event add" in at.selectbox(key="undo_pick").options[0]
    next(b for b in at.button if b.label == "Undo it").click().run()
    s = Store(db)
    assert s.scalar("SELECT count(*) FROM v_events WHERE added") == 0
    s.close()


def test_adding_a_missed_statement_in_the_app(db, monkeypatch):
    at = _app(db, monkeypatch, "statements")
    key = "add_statement_article"
    at.selectbox(key=key).set_value(docs()["wire"]["article"]["id"]).run()
    next(b for b in at.button if b.label == "Add this statement").click().run()
    assert any("needs speaker and quote" in e.value for e in at.error)  # the empty form is refused, plainly
    at.text_input(key="add_st_speaker").set_value("Turkish officials")
    at.text_area(key="add_st_quote").set_value("Thirty-four Turkish soldiers were killed")
    at.selectbox(key="add_st_kind").set_value("indirect")
    next(b for b in at.button if b.label == "Add this statement").click().run()
    assert not at.exception, [e.value for e in at.exception]
    s = Store(db)
    row = s.df("SELECT * FROM v_statements WHERE added").iloc[0]
    s.close()
    assert row["speaker"] == "Turkish officials" and row["kind"] == "indirect" and row["corrected"]
    assert TEXTS["wire"][row["quote_start"]:row["quote_end"]] == "Thirty-four Turkish soldiers were killed"
