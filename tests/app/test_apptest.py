"""Every page through Streamlit's AppTest on a temporary store holding the seed."""
from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import FIXTURES, ROOT

APP = str(ROOT / "dashboard" / "app.py")
PAGES = ["overview", "timeline", "map", "statements", "events", "articles", "actors", "upload", "settings"]


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory, seed_parsed):
    from core.store import Store
    path = tmp_path_factory.mktemp("store") / "app.duckdb"
    s = Store(path)
    s.ingest(seed_parsed)
    s.close()
    return path


@pytest.fixture
def app(seeded_db, monkeypatch):
    monkeypatch.setenv("EVENTDESK_DB", str(seeded_db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _open(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(app, page):
    at = _open(app, page)
    assert at.title[0].value.lower() == page


def test_overview_counts_the_seed(app):
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Articles"] == "1" and int(metrics["Article rows"]) >= 20 and int(metrics["Statements"]) >= 10
    assert int(metrics["Incidents"]) == int(metrics["Article rows"])  # one article: each row its own incident


def test_actor_filter_shrinks_the_statement_table(app):
    at = _open(app, "statements")
    before = len(at.dataframe[0].value)
    at.multiselect(key="f_actors").set_value(["Turkey"]).run()
    after = len(at.dataframe[0].value)
    assert 0 < after < before
    assert all("Turkey" in (r.speaker, r.speaker_actor) or "Turkey" in list(r.targets)
               for r in at.dataframe[0].value.itertuples())


def test_event_type_filter_changes_counts_everywhere(app):
    at = _open(app, "overview")
    all_events = int({m.label: m.value for m in at.metric}["Incidents"])
    at = _open(at, "events")
    at.multiselect(key="f_types").set_value(["ASSAULT"]).run()
    assaults = at.dataframe[0].value  # the incidents view
    assert set(assaults["event_type"]) == {"ASSAULT"}
    at = _open(at, "overview")
    assert int({m.label: m.value for m in at.metric}["Incidents"]) == len(assaults) < all_events


def _components(node) -> list[str]:
    """The protos of custom components (st_folium) anywhere below a node, fragments included."""
    out = []
    for ch in getattr(node, "children", {}).values():
        if type(ch).__name__ == "UnknownElement":
            out.append(str(ch.proto))
        out.extend(_components(ch))
    return out


def test_map_page_sends_a_map_with_local_assets_and_the_seed_points(app):
    at = _open(app, "map")
    blob = " ".join(_components(at.main))
    assert "/app/static/vendor/leaflet/leaflet.js" in blob and "cdn.jsdelivr" not in blob
    assert "Idlib" in blob and "Kastanies" in blob


def test_upload_of_a_file_stores_a_new_article(app):
    at = _open(app, "upload")
    at.file_uploader[0].upload("nb_sudan_wire.txt", (FIXTURES / "nb_sudan_wire.txt").read_bytes(), "text/plain")
    at.date_input(key="upload_published").set_value(date(2024, 5, 16))
    at.button[0].click().run()
    assert not at.exception
    texts = " ".join(str(m.value) for m in at.markdown)
    assert "nb\\_sudan\\_wire\\.txt" in texts and "added" in texts  # file names are escaped Markdown
    at = _open(at, "overview")
    assert {m.label: m.value for m in at.metric}["Articles"] == "2"
    # the same file again is recognised as a duplicate
    at = _open(at, "upload")
    at.file_uploader[0].upload("again.txt", (FIXTURES / "nb_sudan_wire.txt").read_bytes(), "text/plain")
    at.date_input(key="upload_published").set_value(date(2024, 5, 16))
    at.button[0].click().run()
    assert "already in the store" in " ".join(str(m.value) for m in at.markdown)


def test_bad_upload_says_why_and_stores_nothing(app):
    at = _open(app, "upload")
    at.file_uploader[0].upload("picture.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "text/plain")
    at.button[0].click().run()
    assert not at.exception
    assert "binary" in " ".join(str(m.value) for m in at.markdown)
    at = _open(at, "overview")
    assert {m.label: m.value for m in at.metric}["Articles"] in ("1", "2")



@pytest.fixture
def two_dates_app(tmp_path, monkeypatch, seed_parsed, parse):
    """The app on a store with the seed (2020-02-28) and a wire article of 2024-05-16."""
    from core.store import Store
    path = tmp_path / "two-dates.duckdb"
    s = Store(path)
    s.ingest(seed_parsed)
    s.ingest(parse((FIXTURES / "nb_sudan_wire.txt").read_text(encoding="utf-8"), published="2024-05-16"))
    s.close()
    monkeypatch.setenv("EVENTDESK_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    return at


def _events_metric(at: AppTest) -> int:
    return int({m.label: m.value for m in at.metric}["Article rows"])


def test_date_filter_is_a_range_picker_over_the_data(two_dates_app):
    at = two_dates_app
    picker = at.date_input(key="f_dates")
    assert picker.proto.is_range  # with value=None Streamlit draws a one-date picker showing the first date
    assert picker.value[0] <= date(2020, 2, 28) and picker.value[1] >= date(2024, 5, 16)
    every = _events_metric(at)
    picker.set_value((date(2024, 5, 1), date(2024, 5, 31))).run()
    assert not at.exception
    assert 0 < _events_metric(at) < every


def test_clear_filters_also_restores_the_whole_date_range(two_dates_app):
    at = two_dates_app
    every = _events_metric(at)
    at.date_input(key="f_dates").set_value((date(2024, 5, 1), date(2024, 5, 31))).run()
    assert _events_metric(at) < every
    next(b for b in at.button if b.label == "Clear filters").click().run()
    assert not at.exception
    assert _events_metric(at) == every
