"""Fetch a web page for the upload page, only when the analyst asks, as a hostile server may answer.

Every failure is a ``FetchError`` with a one-line message: an address that does not parse, a scheme other than
http(s), a host that resolves to a non-public address (loopback, private, link-local, cloud metadata, ...) unless
``EVENTDESK_FETCH_PRIVATE=1``, more than ``MAX_REDIRECTS`` redirects, a page over the input byte limit, an answer
that is not HTTP, and any fetch that takes longer than ``DEADLINE_S`` in all (a server trickling one byte a second
is cut off there). The address checked is the address connected to, so a name cannot resolve twice.
"""
from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import threading
import time
from urllib.parse import urljoin, urlsplit

from core.text import limit_text, max_bytes

DEADLINE_S = 30.0      # the whole fetch: connect, redirects, headers and body
READ_TIMEOUT_S = 15.0  # one silent read
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
PRIVATE_ENV = "EVENTDESK_FETCH_PRIVATE"
USER_AGENT = "EventDesk/0.1 (news analysis desk)"
REDIRECTS = {301, 302, 303, 307, 308}
OFFLINE_HINT = "this machine may be offline — save the page and upload the file instead"


class FetchError(RuntimeError):
    pass


def private_allowed() -> bool:
    return os.environ.get(PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def refused_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address is not fetched by default (None: a public address)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, test in (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
                       ("link-local (cloud metadata)", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if test:
            return kind
    return None if ip.is_global else "non-public"


def fetch_url(url: str, *, allow_private: bool | None = None, deadline_s: float = DEADLINE_S) -> bytes:
    """The body of the page at ``url`` (following up to MAX_REDIRECTS redirects), or a FetchError."""
    allow = private_allowed() if allow_private is None else allow_private
    watch = _Watchdog(deadline_s)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, reason, location, body = _get(url, allow, watch)
            if status in REDIRECTS:
                if not location:
                    raise FetchError(f"the server answered {status} {reason} without saying where to")
                url = urljoin(url, location)
                continue
            if status >= 400:
                raise FetchError(f"the server answered {status} {reason}")
            return body
        raise FetchError(f"more than {MAX_REDIRECTS} redirects; open the page in a browser, save it and upload it")
    except FetchError:
        raise
    except (http.client.HTTPException, ValueError) as exc:  # not HTTP (BadStatusLine, LineTooLong, ...)
        if watch.expired:
            raise FetchError(watch.message()) from None
        raise FetchError(f"the server's answer is not a web page ({type(exc).__name__})") from None
    except OSError as exc:
        if watch.expired:
            raise FetchError(watch.message()) from None
        if isinstance(exc, socket.gaierror):
            raise FetchError(f"the name could not be looked up; {OFFLINE_HINT}") from None
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise FetchError(f"could not reach it ({reason}); {OFFLINE_HINT}") from None
    finally:
        watch.cancel()


def _target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path?query) of an http(s) address, or a FetchError saying what is wrong with it."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        host = parts.hostname
    except ValueError as exc:  # "Invalid IPv6 URL", a port out of range or not a number
        raise FetchError(f"not a valid web address ({exc})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise FetchError("give a full http:// or https:// address")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path


def _get(url: str, allow: bool, watch: _Watchdog) -> tuple[int, str, str | None, bytes]:
    scheme, host, port, path = _target(url)
    cls = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    conn = cls(host, port, timeout=READ_TIMEOUT_S)
    conn._create_connection = _connector(host, allow, watch)  # type: ignore[attr-defined]  # check what we connect to
    try:
        conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                           "Accept": "text/html, text/plain;q=0.9, */*;q=0.5"})
        resp = conn.getresponse()
        if resp.status in REDIRECTS or resp.status >= 400:
            return resp.status, resp.reason, resp.getheader("Location"), b""
        return resp.status, resp.reason, None, _body(resp, watch)
    finally:
        conn.close()


def _body(resp: http.client.HTTPResponse, watch: _Watchdog) -> bytes:
    limit = max_bytes()
    declared = resp.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"the page is {limit_text(int(declared))}, over the {limit_text(limit)} limit")
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = resp.read1(CHUNK)
        if watch.expired:  # the watchdog shut the socket: what was read is cut short
            raise FetchError(watch.message())
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchError(f"the page is larger than the {limit_text(limit)} limit")
        chunks.append(chunk)


def _connector(host: str, allow: bool, watch: _Watchdog):
    """socket.create_connection for http.client that refuses non-public addresses and registers the socket."""
    def create(address, timeout=READ_TIMEOUT_S, source_address=None):
        _, port = address
        last: OSError | None = None
        for family, kind, proto, _, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
            ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
            why = None if allow else refused_kind(ip)
            if why:
                raise FetchError(f"{host} is a {why} address ({ip}); addresses inside this network are not "
                                 f"fetched (set {PRIVATE_ENV}=1 to allow them)")
            sock = socket.socket(family, kind, proto)
            watch.watch(sock)
            try:
                sock.settimeout(min(timeout or READ_TIMEOUT_S, watch.left()))
                sock.connect(sockaddr)
                sock.settimeout(timeout)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise last or OSError("no address")
    return create


class _Watchdog:
    """Shuts the fetch's sockets down when the deadline passes, whatever call is blocked on them."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._socks: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return max(0.01, self.end - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        self._socks.append(sock)

    def message(self) -> str:
        return f"the server took longer than {self.seconds:g} s; try again later or save the page and upload it"

    def _expire(self) -> None:
        self.expired = True
        for s in self._socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self._timer.cancel()
