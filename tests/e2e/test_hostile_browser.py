"""Hostile sources in a real browser: Markdown planted in titles, outlets and file names renders as text.

The payload is what a hostile source would put in its first line, its HTML <title> or its outlet name: an image
and a link to a server of its own (here a loopback server that counts requests) and a Streamlit colour directive.
Every page where titles, outlets and file names appear is opened; no request may reach that server and no
element may link to it.
"""
from __future__ import annotations

import pytest

from tests.e2e.conftest import FIRST_PARSE_MS, open_page, shot
from tests.loopback import Loopback

pytestmark = pytest.mark.slow
BODY = ("Tyrkiske grensevakter stengte fredag grenseovergangen ved Kilis, sier talsperson Ayse Demir til NTB.\n\n"
        "«Vi slipper ingen gjennom før situasjonen er avklart», sa Demir til avisen.\n\n"
        "Syriske styrker angrep natt til fredag landsbyen Saraqeb i Idlib, melder Reuters.")


@pytest.fixture(scope="module")
def planted():
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")  # enough to be fetched
    with Loopback(pages={"/i.png": png, "/x": b"<p>planted</p>"}) as srv:
        yield srv


def payload(srv: Loopback, tag: str) -> str:
    return f"Breaking {tag} ![t]({srv.url}/i.png) [Read more]({srv.url}/x) :red[ALERT]"


def _no_planted_links(pg, srv: Loopback) -> list[str]:
    """Every element of the page (and its frames) that links to or loads from the planted server, with its text."""
    found = []
    for fr in pg.frames:
        try:
            found += fr.evaluate("(u) => [...document.querySelectorAll('[href], [src]')]"
                                 ".filter(e => (e.href || e.src || '').startsWith(u))"
                                 ".map(e => (e.href || e.src) + ' in: ' + (e.parentElement.innerText || '').slice(0, 200))",
                                 srv.url)
        except Exception:  # a frame that went away while we looked
            pass
    return found


def _select_first_row(pg, table_key: str) -> None:
    """Click the row marker of the table's first row (the grid is a canvas)."""
    box = None
    for _ in range(20):  # the window's height, reported after the page opens, draws the table anew
        grid = pg.locator(f".st-key-{table_key} [data-testid='stDataFrame']")
        grid.wait_for(timeout=30_000)
        pg.wait_for_timeout(500)
        box = grid.bounding_box()
        if box is not None and box == grid.bounding_box():
            break
    assert box is not None
    pg.mouse.click(box["x"] + 18, box["y"] + 35 + 17)


def test_planted_markdown_in_title_outlet_and_file_name_is_text(server, page, planted):
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url))
    title_line = payload(planted, "TXT")
    html = (f"<html><head><title>{payload(planted, 'HTML')}</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in BODY.replace("Kilis", "Kilis-grensen").split("\n\n"))
            + "</article></body></html>")
    open_page(page, server + "/upload", wait_for='[data-testid="stFileUploader"]', timeout=180_000)  # first run seeds
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([
        {"name": payload(planted, "FILE") + ".txt", "mimeType": "text/plain",
         "buffer": (title_line + "\n\n" + BODY).encode()},
        {"name": "page.html", "mimeType": "text/html", "buffer": html.encode()}])
    page.wait_for_selector('text="page.html"', timeout=20_000)
    page.get_by_label("Outlet").first.fill(payload(planted, "OUTLET"))  # the common one (each file has its own too)
    page.keyboard.press("Tab")
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.get_by_role("button", name="Parse and store").click()
    page.wait_for_selector('text=/2 added/', timeout=FIRST_PARSE_MS)
    page.wait_for_timeout(1500)
    body = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "[Read more](" in body and ":red[ALERT]" in body and "Breaking FILE" in body, body[:2000]
    shot(page, "20-hostile-upload")
    assert _no_planted_links(page, planted) == []

    views = {"articles": None, "statements": "statements_table", "events": None}  # events: incidents first
    for name, table in views.items():
        open_page(page, f"{server}/{name}?f_text=Demir", wait_for='[data-testid="stDataFrame"]')
        if table:
            _select_first_row(page, table)
            page.wait_for_selector('text=/From: Breaking/', timeout=20_000)
        page.wait_for_timeout(1000)
        text = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
        if name != "events":
            assert "[Read more](" in text and ":red[ALERT]" in text, (name, text[:1500])
        assert _no_planted_links(page, planted) == [], (name, _no_planted_links(page, planted))
        shot(page, f"21-hostile-{name}")
    # the sidebar's article filter lists the titles on every page
    for name in ["overview", "timeline", "map", "actors", "settings"]:
        open_page(page, server + ("/" if name == "overview" else f"/{name}"))
        page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(3).click()
        page.wait_for_timeout(800)
        assert _no_planted_links(page, planted) == [], (name, _no_planted_links(page, planted))
        page.keyboard.press("Escape")
    shot(page, "22-hostile-sidebar")
    assert planted.requests == [], planted.requests  # no image fetched, no link followed
    assert [u for u in sent if u.startswith(planted.url)] == []
