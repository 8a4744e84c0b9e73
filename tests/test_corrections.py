"""Corrections kept apart from parsed rows (core.corrections): applied on read, surviving a re-parse, undone."""
from __future__ import annotations

import copy

import pandas as pd
import pytest

from core import corrections as cx
from core import queries
from core.store import Store
from tests.wire_incidents import docs, store_with


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "cx.duckdb")
    store_with(s)
    yield s
    s.close()


def _event(store, key, eid="e1"):
    aid = docs()[key]["article"]["id"]
    return store.df("SELECT * FROM v_event_incidents WHERE article_id = ? AND id = ?", [aid, eid]).iloc[0]


def _target(row):
    return cx.Target("event", row["article_id"], row["anchor"])


def test_a_corrected_field_is_read_everywhere_and_logged(store):
    row = _event(store, "ntb")
    ids = cx.correct(store, _target(row), {"actor1": "Syrian Air Force", "fatalities": 34}, who="analyst")
    after = _event(store, "ntb")
    assert after["actor1"] == "Syrian Air Force" and after["fatalities"] == 34
    assert after["corrected"] and sorted(after["corrected_fields"]) == ["actor1", "fatalities"]
    log = cx.log(store)
    assert len(ids) == 2 and set(log["who"]) == {"analyst"} and set(log["field"]) == {"actor1", "fatalities"}
    assert '"Syrian military"' in set(log["old"]) and not log["orphaned"].any()
    assert cx.correct(store, _target(after), {"fatalities": 34}) == []  # no change, no correction
    assert "Syrian Air Force" in set(queries.actor_options(store)["name"])
    # the parsed row itself is untouched
    assert store.scalar("SELECT actor1 FROM events WHERE article_id = ? AND id = 'e1'", [row["article_id"]]) == \
        "Syrian military"


def test_who_is_the_os_user_by_default(store):
    import getpass
    cx.correct(store, _target(_event(store, "ntb")), {"mode": "aerial"})
    assert cx.log(store).iloc[0]["who"] == getpass.getuser()


def test_correction_survives_a_reparse_with_a_newer_parser(store):
    row = _event(store, "ntb")
    cx.correct(store, _target(row), {"actor1": "Syrian Air Force"})
    cx.reject(store, _target(_event(store, "ntb", "e2")))
    newer = copy.deepcopy(docs()["ntb"])
    # a newer parser numbers the rows differently and finds one more
    newer["events"] = [dict(newer["events"][1], id="e1"), dict(newer["events"][0], id="e2", mode="aerial"),
                       dict(newer["events"][0], id="e3", trigger="angrep", start=newer["events"][0]["start"],
                            event_type="COERCE", fatalities=None)]
    store.replace(newer)
    store.group([row["article_id"]])
    again = _event(store, "ntb", "e2")  # the same sentence and trigger, a new id
    assert again["actor1"] == "Syrian Air Force" and again["mode"] == "aerial" and again["corrected"]
    ids = set(store.df("SELECT id FROM v_events WHERE article_id = ?", [row["article_id"]])["id"])
    assert ids == {"e2", "e3"}  # the rejected phone call stays rejected under its new id
    assert not cx.log(store)["orphaned"].any()


def test_a_correction_whose_row_is_gone_is_orphaned_not_moved(store):
    row = _event(store, "gaza3")
    cx.correct(store, _target(row), {"fatalities": 3})
    newer = copy.deepcopy(docs()["gaza3"])
    newer["events"][0].update(trigger="targeted", start=newer["events"][0]["start"])
    store.replace(newer)
    assert cx.log(store).iloc[0]["orphaned"]
    assert pd.isna(_event(store, "gaza3")["fatalities"])  # the parsed (empty) toll, not the correction


def test_undo_restores_the_parsed_value(store):
    row = _event(store, "ntb")
    (cid,) = cx.correct(store, _target(row), {"location": "Taftanaz"})
    cx.undo(store, cid, who="analyst")
    after = _event(store, "ntb")
    assert after["location"] == "Saraqib" and not after["corrected"]
    log = cx.log(store)
    assert log.iloc[0]["undone_by"] == "analyst"
    with pytest.raises(ValueError):
        cx.undo(store, cid)


def test_reject_and_add_rows_change_incidents(store):
    soldiers = _event(store, "ntb")["incident_id"]
    cid = cx.reject(store, _target(_event(store, "wire")))
    inc = queries.incidents(store, queries.Filters()).set_index("incident_id")
    assert inc.loc[soldiers, "n_sources"] == 2 and list(inc.loc[soldiers, "tolls"]) == [33]
    assert len(store.df("SELECT * FROM v_events WHERE article_id = ?", [_event(store, "ntb")["article_id"]])) == 2
    cx.undo(store, cid)
    assert queries.incidents(store, queries.Filters()).set_index("incident_id").loc[soldiers, "n_sources"] == 3
    gaza3 = docs()["gaza3"]["article"]["id"]
    added = cx.add_row(store, "event", gaza3, {"event_type": "ASSAULT", "date": "2024-06-06", "actor1": "Israel",
                                                "location": "Nuseirat", "country": "PS", "lat": 31.45, "lon": 34.39,
                                                "geo_precision": 1, "fatalities": 30, "trigger": "hit",
                                                "sentence": "added by hand"})
    row = store.df("SELECT * FROM v_event_incidents WHERE id = ?", [f"c{added}"]).iloc[0]
    assert row["added"] and row["corrected"] and row["fatalities"] == 30
    school = _event(store, "gaza1")["incident_id"]
    assert row["incident_id"] == school
    with pytest.raises(ValueError):
        cx.add_row(store, "event", gaza3, {"actor1": "no type"})


def test_merge_and_split_incidents(store):
    a, b = _event(store, "wire", "e2"), _event(store, "ntb")
    assert a["incident_id"] != b["incident_id"]
    cid = cx.merge_incidents(store, (a["article_id"], a["anchor"]), (b["article_id"], b["anchor"]))
    assert _event(store, "wire", "e2")["incident_id"] == _event(store, "ntb")["incident_id"]
    cx.undo(store, cid)
    assert _event(store, "wire", "e2")["incident_id"] != _event(store, "ntb")["incident_id"]
    f = _event(store, "follow")
    cx.split_event(store, (f["article_id"], f["anchor"]))
    assert _event(store, "follow")["incident_id"] != _event(store, "ntb")["incident_id"]
    assert _event(store, "wire")["incident_id"] == _event(store, "ntb")["incident_id"]


def test_a_statement_can_be_corrected(store):
    aid = docs()["ntb"]["article"]["id"]
    st = store.df("SELECT * FROM v_statements WHERE article_id = ?", [aid]).iloc[0]
    cx.correct(store, cx.Target("statement", aid, st["anchor"]), {"targets": ["Syria", "Russia"], "channel": "TV"})
    after = store.df("SELECT * FROM v_statements WHERE article_id = ?", [aid]).iloc[0]
    assert list(after["targets"]) == ["Syria", "Russia"] and after["channel"] == "TV" and after["corrected"]
    with pytest.raises(ValueError, match="cannot be corrected"):
        cx.correct(store, cx.Target("statement", aid, st["anchor"]), {"start": 3})


UNDATED = ("Strike hits shelter in Khan Younis\n\nKHAN YOUNIS (Desk) - An Israeli air strike on a shelter in "
           "Khan Younis killed 12 people on Thursday, medics said.")


def test_setting_an_articles_date_re_dates_its_events(tmp_path):
    from core import parse_article
    s = Store(tmp_path / "date.duckdb")
    parsed = parse_article(UNDATED, lang="en")
    assert parsed.article.published is None and parsed.events
    s.ingest(parsed)
    aid = parsed.article.id
    assert s.scalar("SELECT count(date) FROM v_events WHERE article_id = ?", [aid]) == 0
    cid = cx.set_article_date(s, aid, "2024-06-07")
    assert str(s.scalar("SELECT published FROM v_articles WHERE id = ?", [aid])) == "2024-06-07"
    dates = {str(d)[:10] for d in s.df("SELECT date FROM v_events WHERE article_id = ?", [aid])["date"]}
    assert dates == {"2024-06-06"}  # Thursday before Friday 7 June
    assert s.scalar("SELECT published FROM articles WHERE id = ?", [aid]) is None  # the parsed row is kept
    cx.undo(s, cid)
    assert s.scalar("SELECT count(date) FROM v_events WHERE article_id = ?", [aid]) == 0
    s.close()


@pytest.mark.parametrize(("field", "value", "words"), [
    ("date", "2024-13-40", "not a date"), ("fatalities", -3, "not between"), ("fatalities", 2.5, "whole number"),
    ("lat", 95, "not between"), ("event_type", "BOMBING", "not a PLOVER type"), ("fatalities", "many", "not a number"),
    ("actor1", "x" * 3000, "longer than")])
def test_a_bad_value_is_refused_with_a_plain_reason_and_nothing_is_stored(store, field, value, words):
    row = _event(store, "ntb")
    with pytest.raises(ValueError, match=words):
        cx.correct(store, _target(row), {field: value})
    with pytest.raises(ValueError, match=words):
        cx.add_row(store, "event", row["article_id"], {"event_type": "ASSAULT", field: value})
    assert cx.log(store).empty


def test_an_added_row_needs_its_article_and_its_key_fields(store):
    aid = docs()["gaza3"]["article"]["id"]
    with pytest.raises(ValueError, match="no article"):
        cx.add_row(store, "event", "0" * 64, {"event_type": "ASSAULT"})
    with pytest.raises(ValueError, match="needs speaker and quote"):
        cx.add_row(store, "statement", aid, {"kind": "direct"})
    with pytest.raises(ValueError, match="no field 'colour'"):
        cx.add_row(store, "event", aid, {"event_type": "ASSAULT", "colour": "red"})
    assert cx.log(store).empty


def test_merging_rows_of_one_incident_or_a_missing_row_is_refused(store):
    a, b = _event(store, "ntb"), _event(store, "wire")  # one incident already
    with pytest.raises(ValueError, match="one incident already"):
        cx.merge_incidents(store, (a["article_id"], a["anchor"]), (b["article_id"], b["anchor"]))
    with pytest.raises(ValueError, match="no event"):
        cx.merge_incidents(store, (a["article_id"], a["anchor"]), (b["article_id"], "999:gone"))
    assert cx.log(store).empty


def test_merge_candidates_are_near_in_time_same_type_first(store):
    from core import incidents
    soldiers = _event(store, "ntb")["incident_id"]
    cands = incidents.merge_candidates(store, soldiers)
    assert cands.iloc[0]["location"] == "Aleppo" and 40 < cands.iloc[0]["km"] < 55  # ASSAULT, the same day
    assert set(cands["event_type"]) == {"ASSAULT", "CONSULT"}  # the strike a week later is too far in time
    assert soldiers not in set(cands["incident_id"])


def test_a_typed_place_is_the_articles_own_or_the_gazetteers(store):
    aid = docs()["gaza1"]["article"]["id"]
    store.cursor().execute("INSERT INTO places (article_id, name, canonical, kind, lat, lon, country, mentions, forms, "
                           "geo_precision) VALUES (?, 'Nuseirat', 'Nuseirat camp', 'other', 31.44, 34.38, 'PS', 1, "
                           "['Nuseirat', 'Nuseirat-leiren'], 1)", [aid])
    own = cx.locate(store, aid, "nuseirat-leiren")
    assert own["location"] == "Nuseirat camp" and own["lat"] == 31.44
    other = cx.locate(store, aid, "Khan Younis")
    assert other is not None and other["country"] == "PS" and abs(other["lat"] - 31.34) < 0.2
    assert cx.locate(store, aid, "Xyzzy Nowhereville") is None
    sentence = docs()["gaza1"]["article"]["text"].split("\n\n")[1]
    assert cx.find_span(store, aid, "  " + sentence.replace(" ", "  ") + " ") == (
        docs()["gaza1"]["article"]["text"].index(sentence), docs()["gaza1"]["article"]["text"].index(sentence) + len(sentence))
