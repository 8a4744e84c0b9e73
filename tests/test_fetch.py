"""The upload page's URL fetch, against pages served on loopback."""
from __future__ import annotations

import pytest

from core.text import read_text
from dashboard.fetch import FetchError, fetch_url
from tests.loopback import Loopback

PAGE = ("<html><head><title>Grensen stengt</title></head><body><article><h1>Grensen stengt</h1>"
        "<p>Tyrkiske grensevakter stengte fredag grenseovergangen ved byen Kilis, melder Reuters.</p>"
        "<p>Tusenvis av flyktninger venter nå på syrisk side av grensen, ifølge FN.</p></article></body></html>")


def test_fetches_and_extracts_a_page():
    with Loopback(pages={"/story": PAGE.encode()}) as srv:
        data = fetch_url(srv.url + "/story")
    raw = read_text(data, filename="page.html")
    assert "grenseovergangen ved byen Kilis" in raw.text and "<p>" not in raw.text


@pytest.mark.parametrize("url,msg", [("ftp://example.org/a", "http"), ("not a url", "http")])
def test_bad_addresses_are_refused(url, msg):
    with pytest.raises(FetchError, match=msg):
        fetch_url(url)


def test_missing_page_and_offline_give_clear_messages():
    with Loopback() as srv:
        with pytest.raises(FetchError, match="404"):
            fetch_url(srv.url + "/nope")
    with pytest.raises(FetchError, match="offline"):
        fetch_url("http://127.0.0.1:9/unreachable")
