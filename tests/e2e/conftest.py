"""Start `streamlit run` once per module on a temporary store, and a headless Chromium (Debian's)."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# A first upload on a fresh server loads both pipelines and the gazetteer, parses and groups incidents: on a
# loaded 2-core machine that took over 60 s once in a full run, so the tests wait for it up to three minutes.
FIRST_PARSE_MS = 180_000
ARTIFACTS = ROOT / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install Debian's chromium")
        pytest.skip("browser tests need Debian's chromium (apt-get install chromium); skipped on this machine")
    return CHROMIUM


@contextlib.contextmanager
def app_server(db: Path, log_dir: Path, **env: str):
    """`streamlit run` on ``db`` with extra environment (fetching from loopback is allowed: the tests' servers)."""
    port = _free_port()
    full_env = {**os.environ, "EVENTDESK_DB": str(db), "PYTHONPATH": str(ROOT), "EVENTDESK_FETCH_PRIVATE": "1", **env}
    log = open(log_dir / "streamlit.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1"],
                            cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start within 60 s")
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, chromium_path):
    with app_server(tmp_path_factory.mktemp("e2e") / "e2e.duckdb", tmp_path_factory.mktemp("log")) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=[
            "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--headless",
            "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1500, "height": 1000})
    pg = ctx.new_page()
    yield pg
    ctx.close()


def open_page(pg, url: str, wait_for: str | None = None, timeout: float = 120_000):
    pg.goto(url, wait_until="domcontentloaded")
    pg.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    pg.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=timeout)
    if wait_for:
        pg.wait_for_selector(wait_for, timeout=timeout)
    # wait until the script run is over (no "running" indicator)
    pg.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    return pg


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
