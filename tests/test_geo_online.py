"""The opt-in online geocoder against a Nominatim-compatible server on loopback; answers cached in the store."""
from __future__ import annotations

from core import ParseOptions, parse_article
from core.geo_online import OnlineGeocoder
from tests.loopback import Loopback

TEXT = "Opprørerne tok landsbyen Zarqaweel nord for Aleppo i Syria, melder Reuters."
ZARQ = {"place_id": 1, "lat": "36.4100", "lon": "37.1500", "display_name": "Zarqaweel, Aleppo, Syria",
        "name": "Zarqaweel", "type": "village", "address": {"country_code": "sy"}}


def test_offline_by_default_the_unknown_village_has_no_pin():
    doc = parse_article(TEXT, published="2024-01-05")
    z = next(p for p in doc.places if p.name == "Zarqaweel")
    assert z.lat is None


def test_online_geocoder_on_loopback_pins_it_and_caches_in_the_store(tmp_store, monkeypatch):
    monkeypatch.setenv("EVENTDESK_NOMINATIM_DELAY", "0")
    with Loopback(places={"Zarqaweel": ZARQ}) as srv:
        monkeypatch.setenv("EVENTDESK_NOMINATIM", srv.url)
        geo = OnlineGeocoder.from_env(cache=tmp_store)
        doc = parse_article(TEXT, published="2024-01-05", options=ParseOptions(online_geocoder=geo))
        z = next(p for p in doc.places if p.name == "Zarqaweel")
        assert (round(z.lat, 2), round(z.lon, 2), z.country, z.kind) == (36.41, 37.15, "SY", "city")
        asked = len([r for r in srv.requests if r.startswith("/search")])
        assert asked == 1 and "countrycodes=sy" in srv.requests[0]
        # a second geocoder (a new session) asks nothing: the answer is in the store
        geo2 = OnlineGeocoder.from_env(cache=tmp_store)
        parse_article(TEXT + " ", published="2024-01-05", options=ParseOptions(online_geocoder=geo2))
        assert len([r for r in srv.requests if r.startswith("/search")]) == 1 and geo2.asked == 0
    assert tmp_store.geocache_get("Zarqaweel|sy")["lat"] == 36.41


def test_unreachable_server_leaves_the_place_unpinned(monkeypatch):
    monkeypatch.setenv("EVENTDESK_NOMINATIM", "http://127.0.0.1:9")  # nothing listens on the discard port
    monkeypatch.setenv("EVENTDESK_NOMINATIM_DELAY", "0")
    geo = OnlineGeocoder.from_env()
    doc = parse_article(TEXT, published="2024-01-05", options=ParseOptions(online_geocoder=geo))
    assert next(p for p in doc.places if p.name == "Zarqaweel").lat is None
