"""Shared timing for the benchmarks: a call timed over several runs, and every dashboard page's script run."""
from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("overview", "timeline", "map", "statements", "events", "articles", "actors", "upload", "settings")


def timed_ms(fn: Callable[[], object], runs: int, warm: bool = True) -> list[float]:
    """Milliseconds of ``runs`` calls of ``fn``, after one untimed call (which fills caches and plans) when ``warm``."""
    if warm:
        fn()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(1000 * (time.perf_counter() - t0))
    return out


def query_table(checks: dict[str, Callable[[], object]], runs: int, say: Callable[[str], None],
                digits: int = 0) -> None:
    """A Markdown table of each query's median and slowest run."""
    say(f"| query | median ms ({runs} runs) | max ms |")
    say("|---|---:|---:|")
    for name, fn in checks.items():
        ts = timed_ms(fn, runs)
        say(f"| {name} | {statistics.median(ts):.{digits}f} | {max(ts):.{digits}f} |")
    say()


def page_runs(db: Path, say: Callable[[str], None] = print, runs: int = 3) -> dict[str, tuple[float, float]]:
    """Each page's script run through AppTest on the store: the first (its reads not cached yet) and the median
    of the next ``runs``. Pages are opened in the sidebar's order, in one session, as an analyst would."""
    from streamlit.testing.v1 import AppTest
    os.environ["EVENTDESK_DB"] = str(db)
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=600)
    at.run()
    out = {}
    say("| page | first run (s) | next runs, median (s) |")
    say("|---|---:|---:|")
    for page in PAGES:
        at.switch_page(f"views/{page}.py")
        t0 = time.perf_counter()
        at.run()
        first = time.perf_counter() - t0
        out[page] = (first, statistics.median(timed_ms(at.run, runs, warm=False)) / 1000)
        say(f"| {page}{' (error)' if at.exception else ''} | {first:.2f} | {out[page][1]:.2f} |")
    say()
    return out
