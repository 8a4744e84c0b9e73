"""The upload page's URL fetch against servers on loopback, hostile ones included: every failure is one line."""
from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core.text import read_text
from dashboard.fetch import MAX_REDIRECTS, PRIVATE_ENV, FetchError, fetch_url
from tests.loopback import Loopback

PAGE = ("<html><head><title>Grensen stengt</title></head><body><article><h1>Grensen stengt</h1>"
        "<p>Tyrkiske grensevakter stengte fredag grenseovergangen ved byen Kilis, melder Reuters.</p>"
        "<p>Tusenvis av flyktninger venter nå på syrisk side av grensen, ifølge FN.</p></article></body></html>")


@pytest.fixture
def allow_loopback(monkeypatch):
    monkeypatch.setenv(PRIVATE_ENV, "1")


class RawServer:
    """A TCP server on 127.0.0.1 whose every connection is handed to ``handle(conn)`` (for non-HTTP answers)."""

    def __init__(self, handle):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.handle = handle
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn):
        try:
            conn.recv(4096)
            self.handle(conn, self.stop)
        except OSError:
            pass
        finally:
            conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.sock.close()


def _one_line(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert msg and "\n" not in msg and "Traceback" not in msg
    return msg


def test_fetches_and_extracts_a_page(allow_loopback):
    with Loopback(pages={"/story": PAGE.encode()}) as srv:
        data = fetch_url(srv.url + "/story")
    raw = read_text(data, filename="page.html")
    assert "grenseovergangen ved byen Kilis" in raw.text and "<p>" not in raw.text


@pytest.mark.parametrize("url,msg", [
    ("ftp://example.org/a", "http"), ("not a url", "http"), ("http://[::1", "not a valid web address"),
    ("http://example.org:99999/", "not a valid web address"), ("http://example.org:abc/", "not a valid web address"),
    ("http:///nohost", "http"), ("javascript:alert(1)", "http"), ("file:///etc/passwd", "http")])
def test_bad_addresses_are_one_line_errors(url, msg):
    with pytest.raises(FetchError) as exc:
        fetch_url(url)
    assert msg in _one_line(exc)


@pytest.mark.parametrize("url,kind", [
    ("http://127.0.0.1:9/", "loopback"), ("http://localhost:9/", "loopback"), ("http://[::1]:9/", "loopback"),
    ("http://[::ffff:127.0.0.1]:9/", "loopback"), ("http://10.1.2.3/", "private"), ("http://192.168.0.1/", "private"),
    ("http://172.16.5.5/", "private"), ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"), ("http://[fd00:ec2::254]/", "private"), ("http://0.0.0.0:9/", "unspecified"),
    ("http://100.64.0.1/", "non-public"), ("http://2130706433/", "loopback")])
def test_non_public_addresses_are_refused_by_default(url, kind, monkeypatch):
    monkeypatch.delenv(PRIVATE_ENV, raising=False)
    with pytest.raises(FetchError) as exc:
        fetch_url(url)
    msg = _one_line(exc)
    assert kind in msg and PRIVATE_ENV in msg


def test_the_setting_allows_loopback(monkeypatch):
    with Loopback(pages={"/story": PAGE.encode()}) as srv:
        monkeypatch.delenv(PRIVATE_ENV, raising=False)
        with pytest.raises(FetchError, match="loopback"):
            fetch_url(srv.url + "/story")
        assert srv.requests == []  # refused before connecting
        monkeypatch.setenv(PRIVATE_ENV, "1")
        assert b"Kilis" in fetch_url(srv.url + "/story")


def test_missing_page_and_offline_give_clear_messages(allow_loopback):
    with Loopback() as srv:
        with pytest.raises(FetchError, match="404"):
            fetch_url(srv.url + "/nope")
    with pytest.raises(FetchError, match="offline") as exc:
        fetch_url("http://127.0.0.1:9/unreachable")
    _one_line(exc)


@pytest.mark.parametrize("answer", [b"\x00\x01\x02garbage\r\n\r\n", b"SSH-2.0-OpenSSH_9.2\r\n", b"HTTP/1.1 abc\r\n\r\n",
                                    b"HTTP/1.1 200 OK\r\n" + b"X: " + b"a" * 70_000 + b"\r\n\r\n", b""])
def test_a_server_answering_non_http_is_one_line(answer, allow_loopback):
    with RawServer(lambda conn, stop: conn.sendall(answer)) as srv:
        with pytest.raises(FetchError) as exc:
            fetch_url(srv.url + "/")
    _one_line(exc)


def _trickle_body(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>")
    while not stop.is_set():
        conn.sendall(b"a")
        time.sleep(0.05)


def _trickle_headers(conn, stop):
    while not stop.is_set():
        conn.sendall(b"H")
        time.sleep(0.05)


@pytest.mark.parametrize("handler", [_trickle_body, _trickle_headers])
def test_a_trickling_server_is_cut_off_at_the_deadline(handler, allow_loopback):
    with RawServer(handler) as srv:
        t0 = time.monotonic()
        with pytest.raises(FetchError, match="longer than") as exc:
            fetch_url(srv.url + "/", deadline_s=1.0)
        assert time.monotonic() - t0 < 3
    _one_line(exc)


def test_a_page_over_the_byte_limit_is_refused(allow_loopback, monkeypatch):
    monkeypatch.setenv("EVENTDESK_MAX_BYTES", "20000")
    with Loopback(pages={"/big": b"<p>" + b"a" * 30_000 + b"</p>"}) as srv:
        with pytest.raises(FetchError, match=r"over the 0.02 MB \(20,000 bytes\) limit"):
            fetch_url(srv.url + "/big")  # Content-Length says so

    def no_length(conn, stop):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
        while not stop.is_set():
            conn.sendall(b"a" * 8192)

    with RawServer(no_length) as srv:
        with pytest.raises(FetchError, match=r"larger than the 0.02 MB \(20,000 bytes\) limit"):
            fetch_url(srv.url + "/")


class _Redirecting(BaseHTTPRequestHandler):
    hops: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        self.hops.append(self.path)
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", f"/loop{len(self.hops)}")
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/story")
        elif self.path == "/nowhere":
            self.send_response(302)
        else:
            self.send_response(200)
            self.send_header("Content-Length", str(len(PAGE.encode())))
            self.end_headers()
            self.wfile.write(PAGE.encode())
            return
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_redirects_are_followed_and_capped(allow_loopback):
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Redirecting)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    try:
        assert b"Kilis" in fetch_url(base + "/moved")
        _Redirecting.hops.clear()
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetch_url(base + "/loop")
        assert len(_Redirecting.hops) == MAX_REDIRECTS + 1
        with pytest.raises(FetchError, match="without saying where"):
            fetch_url(base + "/nowhere")
    finally:
        srv.shutdown()
        srv.server_close()


def test_a_redirect_to_a_private_address_is_refused(monkeypatch):
    """A public page may not send the fetcher inside the network: each hop's address is checked."""
    from dashboard import fetch
    monkeypatch.delenv(PRIVATE_ENV, raising=False)
    calls = []

    def fake_get(url, allow, watch):
        calls.append(url)
        if len(calls) == 1:
            return 302, "Found", "http://169.254.169.254/latest/meta-data/", b""
        return real_get(url, allow, watch)

    real_get = fetch._get
    monkeypatch.setattr(fetch, "_get", fake_get)
    with pytest.raises(FetchError, match="link-local"):
        fetch_url("http://example.org/story")
    assert calls[1].startswith("http://169.254.169.254")
