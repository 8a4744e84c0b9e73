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
    grid = page.locator('[data-testid="stDataFrame"]').nth(table_index)
    grid.wait_for(state="visible", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the selection box of the first row, below the header


def test_correcting_a_row_and_setting_a_date_in_the_browser(server, page):
    seen = _watch(page, server)
    open_page(page, server + "/events", wait_for='[data-testid="stDataFrame"]')
    page.get_by_text("Article rows", exact=True).first.click()
    page.wait_for_selector('text=/article rows · select a row/', timeout=30_000)
    _select_first_row(page)
    page.get_by_text("Correct this row").click()
    box = page.get_by_label("Acted upon", exact=True)
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
