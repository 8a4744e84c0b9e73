"""The map page in headless Chromium on a large store: time to markers, then frame times while panning and zooming.

Run by `make bench` after the store at scale is built (or alone:
`python -m bench.map_browser STORE.duckdb`). Needs Debian's chromium; without it
the section says so and measures nothing. Frames are counted in the map's own
frame with requestAnimationFrame while the mouse drags the map and the wheel
zooms, as a person would.
"""
from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP = 'iframe[title="streamlit_folium.st_folium"]'
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

FRAME_PROBE = """() => {
    window.__frames = [];
    let last = performance.now();
    function tick(now) { window.__frames.push(now - last); last = now; window.__raf = requestAnimationFrame(tick); }
    window.__raf = requestAnimationFrame(tick);
}"""
FRAME_STOP = "() => { cancelAnimationFrame(window.__raf); return window.__frames; }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "EVENTDESK_DB": str(db), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start within 120 s")


def _open_map(page, url: str):
    """Open the map page; seconds until the event markers are in the map, and the map's frame."""
    t0 = time.perf_counter()
    page.goto(url + "/map", timeout=300_000)
    page.wait_for_selector(MAP, timeout=300_000)
    inner = None
    while inner is None and time.perf_counter() - t0 < 300:
        inner = next((f for f in page.frames if "st_folium" in f.url), None)
        time.sleep(0.1)
    inner.wait_for_function("() => window.__eventdeskLayers && window.__eventdeskLayers.events > 0", timeout=300_000)
    return time.perf_counter() - t0, inner


def _frames(page, inner, action) -> list[float]:
    inner.evaluate(FRAME_PROBE)
    action()
    return inner.evaluate(FRAME_STOP)[1:]


def measure(db: Path, shot: Path | None = None) -> list[str]:
    """Markdown lines: load time, markers, and frame times for a pan and a zoom."""
    if not Path(CHROMIUM).exists():
        return ["Skipped: no chromium on this machine (apt-get install chromium).\n"]
    from playwright.sync_api import sync_playwright
    proc, url = _serve(db)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--headless",
                "--disable-background-networking", "--disable-component-update", "--no-first-run"])
            page = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
            loaded, inner = _open_map(page, url)
            markers = inner.evaluate("() => window.__eventdeskLayers")
            clusters = page.frame_locator(MAP).locator(".marker-cluster").count()
            box = page.locator(MAP).bounding_box()
            cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

            def pan() -> None:
                for dx, dy in ((260, 0), (0, 180), (-260, 0), (0, -180)):
                    page.mouse.move(cx, cy)
                    page.mouse.down()
                    for k in range(1, 31):
                        page.mouse.move(cx + dx * k / 30, cy + dy * k / 30)
                        page.wait_for_timeout(16)
                    page.mouse.up()
                    page.wait_for_timeout(300)

            def zoom() -> None:
                page.mouse.move(cx, cy)
                for delta in (-120, -120, -120, 120, 120, 120):
                    page.mouse.wheel(0, delta)
                    page.wait_for_timeout(700)

            pan_frames = _frames(page, inner, pan)
            zoom_frames = _frames(page, inner, zoom)
            if shot is not None:
                page.screenshot(path=str(shot))
            reloaded, _ = _open_map(page, url)  # the server has run the page before: its queries are cached
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()

    def row(name: str, fr: list[float]) -> str:
        fps = 1000 * len(fr) / sum(fr) if fr else 0.0
        over = sum(1 for f in fr if f > 50)
        return (f"| {name} | {len(fr)} | {fps:.0f} | {statistics.median(fr):.1f} | "
                f"{sorted(fr)[int(0.95 * (len(fr) - 1))]:.1f} | {max(fr):.0f} | {over} |")

    return [f"Map page with {markers.get('events', 0):,} event markers ({markers.get('statements', 0):,} statement and "
            f"{markers.get('places', 0):,} place markers; {clusters} clusters in view): **{loaded:.1f} s** from "
            f"opening the page on a fresh server to the markers drawn, **{reloaded:.1f} s** when opened again.\n",
            "| interaction | frames | frames/s | median frame ms | 95th percentile ms | longest ms | frames > 50 ms |",
            "|---|---:|---:|---:|---:|---:|---:|",
            row("pan (4 mouse drags)", pan_frames), row("zoom (6 wheel steps)", zoom_frames), ""]


if __name__ == "__main__":
    print("\n".join(measure(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)))
