"""A small HTTP server on 127.0.0.1 for tests of online paths (Nominatim, page fetch); nothing leaves the machine."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class Loopback:
    def __init__(self, places: dict[str, dict] | None = None, pages: dict[str, bytes] | None = None):
        self.places = places or {}
        self.pages = pages or {}
        self.requests: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - http.server's name
                outer.requests.append(self.path)
                url = urlparse(self.path)
                if url.path == "/search":
                    q = parse_qs(url.query).get("q", [""])[0]
                    hit = outer.places.get(q)
                    body = json.dumps([hit] if hit else []).encode()
                    self._send(200, body, "application/json")
                elif url.path in outer.pages:
                    self._send(200, outer.pages[url.path], "text/html; charset=utf-8")
                else:
                    self._send(404, b"not found", "text/plain")

            def _send(self, code, body, ctype):
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
