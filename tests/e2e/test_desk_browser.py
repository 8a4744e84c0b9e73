"""The analyst's desk in Chromium: incidents, correcting a row, setting a date; every page at 1280 and 1920 px."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import open_page, shot

pytestmark = pytest.mark.slow
PAGES = ["", "timeline", "map", "statements", "events", "articles", "actors", "upload", "settings"]


def _watch(page, server) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    return seen


def _outside(seen, server) -> list[str]:
    return [u for u in seen if not u.startswith(server) and not u.startswith(("data:", "blob:"))]


@pytest.mark.parametrize("width", [1280, 1920])
def test_every_page_at_two_widths(server, page, width):
    seen = _watch(page, server)
    page.set_viewport_size({"width": width, "height": 1000 if width == 1280 else 1080})
    open_page(page, server + "/", wait_for='[data-testid="stDataFrame"]', timeout=180_000)  # first start: the seed
    for n, name in enumerate(PAGES, 1):
        open_page(page, f"{server}/{name}")
        assert page.locator('[data-testid="stException"]').count() == 0, name
        page.wait_for_timeout(3000)  # charts, tables and maps paint
        body = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
        assert not re.search(r"\bNone\b|\bnan\b", body), (name, re.findall(r".{30}\b(?:None|nan)\b.{30}", body))
        shot(page, f"20-{width}-{n:02d}-{name or 'overview'}")
    assert _outside(seen, server) == []


def _select_first_row(page, table_index: int = 0) -> None:
    """Click the first row's selection box once the grid is laid out (the window's height, reported after the page
    opens, runs the page again and draws the table anew at its height)."""
    box = None
    for _ in range(20):
        grid = page.locator('[data-testid="stDataFrame"]').nth(table_index)
        grid.wait_for(state="visible", timeout=30_000)
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
        page.wait_for_timeout(500)
        box = grid.bounding_box()
        if box is not None and box == grid.bounding_box():
            break
    assert box is not None, "the table was never laid out"
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the selection box of the first row, below the header


def test_correcting_a_row_and_setting_a_date_in_the_browser(server, page):
    seen = _watch(page, server)
    open_page(page, server + "/events", wait_for='[data-testid="stDataFrame"]')
    page.get_by_text("Article rows", exact=True).first.click()
    page.wait_for_selector('text=/article rows · select a row/', timeout=30_000)
    _select_first_row(page)
    page.get_by_text("Correct this row").click()
    box = page.get_by_label("Acted upon", exact=True).first  # the row's form (the add form below has one too)
    box.fill("Corrected Target")
    page.get_by_role("button", name="Save corrections").click()
    page.wait_for_selector('text=/field\\(s\\) corrected/', timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(1500)
    shot(page, "21-corrected-row")
    # the corrected value is in the table (its cells are in the grid's accessible table)
    page.wait_for_selector('td:has-text("Corrected Target")', state="attached", timeout=30_000)
    open_page(page, server + "/articles", wait_for='[data-testid="stDataFrame"]')
    date_box = page.get_by_label("Published", exact=True).last  # a segmented date field: year, month, day
    date_box.locator('[role="spinbutton"]').first.click()
    page.keyboard.type("20200229")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Set date").click()
    page.wait_for_selector('text=/Date set to 2020-02-29/', timeout=120_000)
    shot(page, "22-date-set")
    assert _outside(seen, server) == []


def _idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def test_merging_two_incidents_and_undoing_it_in_the_browser(server, page):
    seen = _watch(page, server)
    open_page(page, server + "/events", wait_for='[data-testid="stDataFrame"]', timeout=180_000)
    first = page.locator("text=/\\d[\\d,]* incidents · told by/").inner_text()
    n_before = int(first.split()[0].replace(",", ""))
    _select_first_row(page)
    page.get_by_text("Merge with another incident").click()
    page.get_by_role("button", name="Merge the two").click()
    page.wait_for_selector("text=/Merged: one incident now/", timeout=60_000)
    _idle(page)
    after = page.locator("text=/\\d[\\d,]* incidents · told by/").inner_text()
    assert int(after.split()[0].replace(",", "")) == n_before - 1
    page.get_by_text("Merge with another incident").click()
    page.wait_for_timeout(500)
    shot(page, "23-merged-incident")
    page.get_by_role("button", name=re.compile("^Undo the merge")).click()
    page.wait_for_selector("text=/Merge undone/", timeout=60_000)
    _idle(page)
    again = page.locator("text=/\\d[\\d,]* incidents · told by/").inner_text()
    assert int(again.split()[0].replace(",", "")) == n_before
    assert _outside(seen, server) == []


HOSTILE = "<img src=x onerror=\"window.__pwned=1\">${window.__pwned=2}`x` :red[ALERT] [link](http://198.51.100.7/x)"


def test_adding_a_missed_event_in_the_browser_with_hostile_text(server, page):
    seen = _watch(page, server)
    open_page(page, server + "/events", wait_for='[data-testid="stDataFrame"]', timeout=180_000)
    page.get_by_text("Add a missed event").click()
    page.get_by_label("Actor", exact=True).last.fill(HOSTILE)
    page.get_by_label("Place", exact=True).last.fill("Idlib")
    page.get_by_label("Killed", exact=True).last.fill("3")
    page.get_by_role("button", name="Add this event").click()
    page.wait_for_selector("text=/added by hand/", timeout=60_000)
    _idle(page)
    open_page(page, server + "/events?f_text=onerror", wait_for='[data-testid="stDataFrame"]')  # it, on top
    page.get_by_text("Article rows", exact=True).first.click()
    page.wait_for_selector('text=/article rows · select a row/', timeout=30_000)
    _idle(page)
    page.wait_for_timeout(1500)
    shot(page, "24-added-row")
    # the hostile actor is text in the grid (its accessible table), and nothing of it ran or was fetched
    page.wait_for_selector('td:has-text("onerror")', state="attached", timeout=30_000)
    assert page.evaluate("() => window.__pwned") is None
    assert _outside(seen, server) == []


def test_tables_take_the_windows_height(server, page):
    heights = {}
    for h in (900, 1400):
        page.set_viewport_size({"width": 1280, "height": h})
        open_page(page, server + "/events", wait_for='[data-testid="stDataFrame"]', timeout=180_000)
        page.wait_for_timeout(1500)  # the window's height arrives, the page runs again
        _idle(page)
        heights[h] = page.locator('[data-testid="stDataFrame"]').first.bounding_box()["height"]
    assert heights[1400] - heights[900] > 350, heights


def test_the_actor_network_at_a_hundred_articles(tmp_path, browser, chromium_path):
    """A store of a hundred articles (our own records): the network's written labels do not overlap on screen."""
    from core.store import Store
    from tests.e2e.conftest import app_server
    from tests.many_articles import docs
    db = tmp_path / "hundred.duckdb"
    s = Store(db)
    s.ingest_many(docs(100))
    s.close()
    with app_server(db, tmp_path) as url:
        for width in (1280, 1920):
            ctx = browser.new_context(viewport={"width": width, "height": 1000})
            pg = ctx.new_page()
            seen = _watch(pg, url)
            open_page(pg, url + "/actors", wait_for=".js-plotly-plot", timeout=180_000)
            pg.wait_for_timeout(2000)
            boxes = pg.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot g.textpoint text')]
                .filter(t => t.textContent.trim()).map(t => { const b = t.getBoundingClientRect();
                  return [t.textContent, b.left, b.top, b.right, b.bottom]; })""")
            assert 8 <= len(boxes) <= 15, boxes
            plot = pg.locator(".js-plotly-plot").first.bounding_box()
            for i, a in enumerate(boxes):
                assert plot["x"] - 1 <= a[1] and a[3] <= plot["x"] + plot["width"] + 1, ("outside", a, plot)
                for b in boxes[i + 1:]:
                    assert not (a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]), (a, b)
            shot(pg, f"25-{width}-network-100-articles")
            assert _outside(seen, url) == []
            ctx.close()
