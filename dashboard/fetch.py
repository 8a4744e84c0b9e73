"""Fetch a web page for the upload page (only when the user asks, with a clear message offline)."""
from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlparse

from core.text import max_bytes

TIMEOUT_S = 15
USER_AGENT = "EventDesk/0.1 (news analysis desk)"


class FetchError(RuntimeError):
    pass


def fetch_url(url: str) -> bytes:
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError("give a full http:// or https:// address")
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:  # noqa: S310 - scheme checked above
            data = resp.read(max_bytes() + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"could not reach it ({reason}); this machine may be offline — "
                         "save the page and upload the file instead") from None
    if len(data) > max_bytes():
        raise FetchError(f"the page is larger than the {max_bytes():,}-byte limit")
    return data
