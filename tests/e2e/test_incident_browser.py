"""One incident told by three articles (two English, one Norwegian) uploaded in Chromium: the overview counts its
dead once, and the map shows it where it happened. The articles are our own writing in the style of wire copy;
their dates and outlets come from the pages' HTML metadata."""
from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import FIRST_PARSE_MS, open_page, shot

pytestmark = pytest.mark.slow
MAP = 'iframe[title="streamlit_folium.st_folium"]'
DAY = "2025-03-14"


def _page(title: str, outlet: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.strip().split("\n\n"))
    return (f'<html><head><title>{title}</title><meta property="og:site_name" content="{outlet}">'
            f'<meta property="article:published_time" content="{DAY}T09:40:00Z"></head>'
            f"<body><article><h1>{title}</h1>{paras}</article></body></html>")


ARTICLES = {
    "sumy_desk_wire.html": _page("Drone strike on Sumy bus station kills nine", "Desk Wire", """
A Russian drone struck a crowded bus station in the northeastern Ukrainian city of Sumy on Friday morning, killing at
least nine people and wounding 31, regional governor Ivan Petrenko said.

Petrenko said two of the dead were children. Rescue crews were still searching the ruins of the waiting hall in the
afternoon.

"This was a deliberate strike on people waiting for a bus," Petrenko said in a statement.

Russia's Defence Ministry said its forces had hit a military target in the Sumy region. It gave no details.

Sumy lies about 30 kilometres from the Russian border and has come under fire almost daily this year."""),
    "sumy_frontline_post.html": _page("Nine killed as drone hits bus station in Sumy", "Frontline Post", """
Nine people were killed when a Russian drone hit the central bus station in Sumy on Friday, Ukraine's emergency
service said.

The service said 31 people were wounded, 12 of them seriously, and that the blast set two buses on fire.

Ukraine's foreign minister accused Russia of terror against civilians and called on the country's partners to send
more air defence systems."""),
    "sumy_desknytt.html": _page("Ni drept i droneangrep mot busstasjon i Sumy", "Desknytt", """
Minst ni mennesker ble drept da en russisk drone traff en busstasjon i den ukrainske byen Sumy fredag, opplyser
guvernør Ivan Petrenko.

Over 30 personer ble såret i angrepet, ifølge ukrainske myndigheter. To av de drepte var barn.

– Dette var et bevisst angrep på folk som ventet på bussen, sier Petrenko."""),
}


def test_one_incident_from_three_articles_counts_its_dead_once_and_is_on_the_map(server, page, tmp_path):
    paths = []
    for name, html in ARTICLES.items():
        (tmp_path / name).write_text(html, encoding="utf-8")
        paths.append(str(tmp_path / name))
    open_page(page, server + "/upload", wait_for='[data-testid="stFileUploader"]')
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(paths)
    page.wait_for_selector('text="sumy_desknytt.html"', timeout=20_000)
    page.get_by_role("button", name="Parse and store").click()
    page.wait_for_selector('text=/3 added/', timeout=FIRST_PARSE_MS)
    page.wait_for_timeout(1500)
    shot(page, "30-incident-upload")

    # the incident's day only (the seed of the first start is another day)
    open_page(page, f"{server}/?f_dates={DAY}&f_dates={DAY}", wait_for='[data-testid="stMetric"]')
    metrics = dict(re.match(r"(.+?)\s+([\d,]+)\s*$", m.replace("\n", " ")).groups()
                   for m in page.locator('[data-testid="stMetric"]').all_inner_texts())
    page.wait_for_timeout(2500)  # the small map and chart paint
    shot(page, "31-incident-overview")
    assert metrics["Articles"] == "3" and metrics["Reported killed"] == "9", metrics

    open_page(page, f"{server}/map?f_dates={DAY}&f_dates={DAY}", wait_for=MAP)
    frame = page.frame_locator(MAP)
    frame.locator(".leaflet-container").wait_for(timeout=30_000)
    frame.locator(".marker-cluster, path.leaflet-interactive").first.wait_for(timeout=30_000)
    page.wait_for_timeout(2500)
    shot(page, "32-incident-map")
    caption = page.locator('[data-testid="stCaptionContainer"]:has-text("have a place")').first.inner_text()
    located, total = (int(x.replace(",", "")) for x in re.search(r"([\d,]+) of ([\d,]+) events", caption).groups())
    assert located >= len(ARTICLES), caption  # each article's ASSAULT row is at Sumy (the appeals have no place)
