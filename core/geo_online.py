"""Opt-in online geocoding with geopy's Nominatim, rate-limited, every answer cached in the store.

Off unless the user switches it on (dashboard Settings, or ``--online`` on the
command line). ``EVENTDESK_NOMINATIM`` points it at another Nominatim-compatible
server (``http://127.0.0.1:8089``), which is how the tests run it on loopback.
"""
from __future__ import annotations

import os
from collections import Counter
from typing import Any
from urllib.parse import urlparse

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from core.gazetteer import Candidate
from core.geo import PRECISION, Resolved

USER_AGENT = "EventDesk/0.1 (conflict news analysis desk; offline-first, opt-in geocoding)"
SERVER_ENV = "EVENTDESK_NOMINATIM"
KIND_OF = {"city": "city", "town": "city", "village": "city", "hamlet": "city", "suburb": "city",
           "administrative": "admin1", "state": "admin1", "province": "admin1", "region": "region",
           "country": "country", "island": "island", "sea": "sea", "road": "road", "motorway": "road"}


class OnlineGeocoder:
    def __init__(self, domain: str = "nominatim.openstreetmap.org", scheme: str = "https", *,
                 cache: Any = None, min_delay_seconds: float = 1.0, timeout: float = 10.0):
        self.geocoder = Nominatim(user_agent=USER_AGENT, domain=domain, scheme=scheme, timeout=timeout)
        self.geocode = RateLimiter(self.geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1,
                                   swallow_exceptions=False)
        self.cache = cache          # a core.store.Store (geocache table), or None for a per-run dict
        self.memory: dict[str, dict[str, Any] | None] = {}
        self.asked = 0

    @classmethod
    def from_env(cls, cache: Any = None) -> OnlineGeocoder:
        url = os.environ.get(SERVER_ENV)
        if url:
            u = urlparse(url)
            return cls(domain=u.netloc, scheme=u.scheme or "http", cache=cache,
                       min_delay_seconds=float(os.environ.get("EVENTDESK_NOMINATIM_DELAY", "1.0")))
        return cls(cache=cache)

    def _lookup(self, query: str, country_codes: list[str]) -> dict[str, Any] | None:
        key = f"{query}|{','.join(country_codes)}"
        if key in self.memory:
            return self.memory[key]
        if self.cache is not None:
            hit = self.cache.geocache_get(key)
            if hit is not None:
                value = hit if hit.get("lat") is not None else None
                self.memory[key] = value
                return value
        self.asked += 1
        try:
            loc = self.geocode(query, exactly_one=True, addressdetails=False, language="en",
                               country_codes=country_codes or None)
        except GeopyError:
            return None  # not cached: try again another time
        value = None
        if loc is not None:
            raw = loc.raw or {}
            value = {"canonical": (raw.get("name") or loc.address.split(",")[0]).strip(),
                     "kind": KIND_OF.get(raw.get("type") or raw.get("addresstype") or "", "other"),
                     "lat": float(loc.latitude), "lon": float(loc.longitude),
                     "country": (raw.get("address", {}) or {}).get("country_code", "").upper() or
                     (country_codes[0].upper() if len(country_codes) == 1 else None)}
        self.memory[key] = value
        if self.cache is not None:
            self.cache.geocache_put(key, value)
        return value

    def resolve(self, name: str, hint: str | None, context: Counter) -> Resolved:
        codes = [c.lower() for c, _ in context.most_common(3)]
        v = self._lookup(name, codes)
        if v is None:
            return Resolved(None, hint or "other", None)
        kind = hint or v["kind"]
        cand = Candidate(v["canonical"], kind, v["lat"], v["lon"], v["country"], None, 0)
        return Resolved(cand, kind, PRECISION.get(kind, 2))
