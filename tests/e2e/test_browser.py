"""The dashboard in a real browser: loads, map markers, timeline, actor filter, upload, no injection."""
from __future__ import annotations

import re
import urllib.parse

import pytest

from tests.conftest import FIXTURES
from tests.e2e.conftest import FIRST_PARSE_MS, open_page, shot

pytestmark = pytest.mark.slow
PAGES = ["overview", "timeline", "map", "statements", "events", "articles", "actors", "upload", "settings"]
MAP = 'iframe[title="streamlit_folium.st_folium"]'


def _url(server: str, name: str) -> str:
    return server + "/" if name == "overview" else f"{server}/{name}"  # the default page lives at the root


def _caption_count(pg, noun: str) -> int:
    txt = pg.locator(f'[data-testid="stCaptionContainer"]:has-text("{noun} ·")').first.inner_text()
    return int(re.search(r"([\d,]+) " + noun, txt).group(1).replace(",", ""))


def test_app_loads_on_the_seed(server, page):
    open_page(page, server + "/", wait_for='[data-testid="stMetric"]')
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert any(m.startswith("Articles") and m.strip().endswith("1") for m in metrics), metrics
    shot(page, "01-overview")


def test_map_shows_markers_and_borders_offline(server, page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, server + "/map", wait_for=MAP)
    frame = page.frame_locator(MAP)
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    frame.locator(".marker-cluster, path.leaflet-interactive").first.wait_for(timeout=30_000)
    inner = next(f for f in page.frames if "st_folium" in f.url)
    inner.wait_for_function("() => window.__eventdeskBorders > 0", timeout=30_000)  # borders arrive by fetch
    n_clusters = frame.locator(".marker-cluster").count()
    layers = inner.evaluate("() => [window.__eventdeskBorders, window.__eventdeskLayers]")
    assert n_clusters >= 2 and layers[0] > 200 and layers[1]["events"] >= 10, (n_clusters, layers)
    # the map's marker script is handed to its frame as an object URL of our own page (blob:<server>/…): no fetch
    outside = [u for u in requests if not u.startswith((server, "data:", "blob:" + server))]
    assert outside == [], outside  # nothing fetched from the internet
    shot(page, "03-map")


def test_timeline_chart_renders_points(server, page):
    open_page(page, server + "/timeline", wait_for=".js-plotly-plot")
    page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
    assert page.locator(".js-plotly-plot .scatterlayer .point").count() >= 20
    shot(page, "02-timeline")


def test_filtering_by_turkey_shrinks_the_statement_table(server, page):
    open_page(page, server + "/statements", wait_for='[data-testid="stDataFrame"]')
    before = _caption_count(page, "statements")
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.click()
    page.keyboard.type("Turkey")
    page.get_by_role("option", name="Turkey", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"f_actors=Turkey(&|$)"), timeout=20_000)  # the name alone: links stay valid
    page.wait_for_function(f"() => !document.body.innerText.includes('{before} statements ·')", timeout=30_000)
    after = _caption_count(page, "statements")
    assert 0 < after < before
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(1500)  # let the table repaint before the picture
    shot(page, "04-statements-turkey")
    # the filtered view is a link: opening it fresh gives the same rows
    open_page(page, page.url, wait_for='[data-testid="stDataFrame"]')
    assert _caption_count(page, "statements") == after


def test_clicking_an_actor_in_the_network_filters_every_page(server, page):
    open_page(page, server + "/actors", wait_for=".js-plotly-plot .scatterlayer .point")
    nodes = page.locator(".js-plotly-plot .scatterlayer .trace:last-child .point")
    assert nodes.count() >= 5
    nodes.nth(0).click(force=True)
    page.wait_for_url(re.compile(r"f_actors="), timeout=20_000)
    actor = re.search(r"f_actors=([^&]+)", page.url).group(1)
    open_page(page, page.url.replace("/actors", "/events"), wait_for='[data-testid="stDataFrame"]')
    chip = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.inner_text()
    assert urllib.parse.unquote_plus(actor) in chip, (actor, chip)
    shot(page, "08-actor-clicked")


def test_every_page_without_errors_and_screenshots(server, page):
    for n, name in enumerate(PAGES, 1):
        open_page(page, _url(server, name))
        assert page.locator('[data-testid="stException"]').count() == 0, name
        assert page.get_by_text("Page not found").count() == 0, name
        page.wait_for_timeout(1000)  # let charts and maps paint before the picture
        shot(page, f"10-{n:02d}-{name}")


def test_upload_adds_its_rows_everywhere(server, page):
    open_page(page, server + "/upload", wait_for='[data-testid="stFileUploader"]')
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        str(FIXTURES / "nb_sudan_wire.txt"))
    page.wait_for_selector('text="nb_sudan_wire.txt"', timeout=20_000)
    page.get_by_role("button", name="Parse and store").click()
    page.wait_for_selector('text=/1 added/', timeout=FIRST_PARSE_MS)
    page.wait_for_selector(MAP, timeout=30_000)  # the upload's own map of places
    shot(page, "05-upload")
    open_page(page, server + "/", wait_for='[data-testid="stMetric"]')
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert any(m.startswith("Articles") and m.strip().endswith("2") for m in metrics), metrics


def test_hostile_article_runs_nothing_and_shows_literally(server, page):
    open_page(page, server + "/upload", wait_for='[data-testid="stFileUploader"]')
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(FIXTURES / "hostile_nb.html"))
    page.wait_for_selector('text="hostile_nb.html"', timeout=20_000)
    page.get_by_role("button", name="Parse and store").click()
    page.wait_for_selector('text=/1 added/', timeout=FIRST_PARSE_MS)
    for name in PAGES:
        open_page(page, _url(server, name))
        page.wait_for_timeout(800)
        flags = [page.evaluate("() => window.__pwned || null")]
        for fr in page.frames:
            try:
                flags.append(fr.evaluate("() => window.__pwned || null"))
            except Exception:  # a frame that went away while we looked
                pass
        assert set(flags) == {None}, (name, flags)
    # the reader shows the payload as text
    open_page(page, server + "/articles?f_text=Kilis", wait_for='[data-testid="stDataFrame"]')
    body = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "Grensen stengt etter uro" in body
    assert "${window.__pwned=4}" in body and "[lenke](javascript:window.__pwned=7)" in body and "$x^2$" in body
    shot(page, "06-hostile-reader")


MARKER_POINT = """(layer) => {
    const map = window[Object.keys(window).find(k => k.startsWith("map_"))];
    let found = null;
    map.eachLayer(l => { if (!found && l instanceof L.CircleMarker && l.options.layer === layer) found = l; });
    if (!found) return null;
    const p = map.latLngToContainerPoint(found.getLatLng());
    return [p.x, p.y];
}"""


def test_map_popup_and_tooltip_open_on_demand_and_show_text_literally(server, page):
    # after the hostile upload above: its article's event at Kilis
    open_page(page, server + "/map?f_text=Kilis", wait_for=MAP)
    inner = None
    for _ in range(100):
        inner = next((f for f in page.frames if "st_folium" in f.url), None)
        if inner is not None:
            break
        page.wait_for_timeout(200)
    inner.wait_for_function("() => window.__eventdeskLayers && window.__eventdeskLayers.events > 0", timeout=30_000)
    assert inner.locator(".leaflet-popup, .leaflet-tooltip").count() == 0  # none made up front
    xy = inner.evaluate(MARKER_POINT, "events")
    assert xy is not None
    box = page.locator(MAP).bounding_box()
    page.mouse.move(box["x"] + xy[0], box["y"] + xy[1])
    inner.locator(".leaflet-tooltip").wait_for(timeout=10_000)
    page.mouse.click(box["x"] + xy[0], box["y"] + xy[1])
    popup = inner.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "Kilis" in text and "Tyrkiske grensevakter stengte" in text, text
    tags = inner.evaluate("() => [...document.querySelectorAll('.leaflet-popup-content *')].map(e => e.tagName)")
    assert set(tags) <= {"B", "BR", "I"}, tags  # the text is text: no element of the article's own
    assert inner.evaluate("() => window.__pwned || null") is None and page.evaluate("() => window.__pwned || null") is None
    shot(page, "07-map-popup")


def test_date_range_and_type_are_in_the_link(server, page):
    open_page(page, server + "/events?f_types=ASSAULT&f_dates=2020-02-28&f_dates=2020-02-28",
              wait_for='[data-testid="stDataFrame"]')
    n = _caption_count(page, "incidents")
    open_page(page, server + "/events", wait_for='[data-testid="stDataFrame"]')
    assert 0 < n < _caption_count(page, "incidents")
    open_page(page, server + "/events?f_dates=2019-01-01&f_dates=2019-01-02")
    page.wait_for_selector('text=/No events match these filters/', timeout=20_000)


def test_event_downloads_hold_the_filtered_rows(server, page):
    open_page(page, server + "/events?f_types=ASSAULT", wait_for='[data-testid="stDataFrame"]')
    n = _caption_count(page, "incidents")
    with page.expect_download(timeout=30_000) as dl:
        page.get_by_role("button", name="CSV", exact=True).click()
    lines = open(dl.value.path(), encoding="utf-8").read().strip().splitlines()
    assert lines[0].startswith("incident_id,n_sources,sources") and len(lines) == n + 1
    assert all(",ASSAULT," in ln for ln in lines[1:])
