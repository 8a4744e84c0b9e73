"""`make bench`: parse throughput, length scaling, parallel ingest, memory over a stream, store and pages at scale.

Prints a Markdown report and writes it to .build/bench/report.md. Sizes come from
the environment: BENCH_ARTICLES (scale corpus, default 10000), BENCH_PARSE (articles
timed per language, default 150). The scale corpus is for load only.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

from bench.stream import parse_part
from bench.timing import page_runs, query_table

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".build" / "bench"
N_SCALE = int(os.environ.get("BENCH_ARTICLES", "10000"))
N_PARSE = int(os.environ.get("BENCH_PARSE", "150"))
N_WARM = 50  # articles parsed before the timed ones (not the same texts)
ROUNDS = 3   # timed rounds of the parse floors and the whole parse; the best of each is reported
lines: list[str] = []


def say(s: str = "") -> None:
    print(s, flush=True)
    lines.append(s)


def _pin_one_core() -> None:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass


# -- 1. parse throughput on one core -----------------------------------------------
def parse_throughput() -> None:
    from bench import corpus
    from core import parse_article
    from core.nlp import get_pipeline, pipeline_name
    from core.pipeline import _bounded
    from core.segment import sentences
    from core.text import normalise

    say("## Parse throughput (one core, ~800-word articles)\n")
    say(f"Best of {ROUNDS} alternating rounds over the same {N_PARSE} articles (each round in brackets), after "
        f"{N_WARM} other articles warmed the caches; CPU seconds of the process (pinned to one core), so other "
        f"processes on the machine count only through the caches they share. Load average {os.getloadavg()[0]:.1f}.\n")
    say("| language | pipeline | tokenizer only | bare spaCy pipeline | whole parse (read → JSON) | words/s (whole) "
        "| our layer on top of spaCy |")
    say("|---|---|---:|---:|---:|---:|---:|")
    for lang in ("en", "nb"):
        texts = [corpus.article(i, lang)[0] for i in range(N_PARSE)]
        words = sum(len(t.split()) for t in texts)
        nlp = get_pipeline(lang)
        for i in range(N_PARSE, N_PARSE + N_WARM):  # steady state: other articles fill the per-word caches first
            parse_article(corpus.article(i, lang)[0], lang=lang, published="2020-01-01")
        t0 = time.perf_counter()
        for t in texts:
            nlp.tokenizer(t)
        tok = time.perf_counter() - t0
        bares, fulls = [], []
        for _ in range(ROUNDS):  # alternating, so a slow spell of the machine hits both
            t0 = time.process_time()  # CPU seconds of this process: other processes on the core do not count
            for t in texts:
                n = normalise(t)
                list(nlp.pipe(n[s.start:s.end] for s in _bounded(sentences(n))))
            bares.append(time.process_time() - t0)
            t0 = time.process_time()
            for t in texts:
                json.dumps(parse_article(t, lang=lang, published="2020-01-01").to_dict(), ensure_ascii=False)
            fulls.append(time.process_time() - t0)
        bare, full = min(bares), min(fulls)
        layers = sorted(100 * (f - b) / b for b, f in zip(bares, fulls, strict=True))
        say(f"| {lang} | {pipeline_name(lang)} | {len(texts) / tok:,.0f} art/s | {len(texts) / bare:,.0f} art/s | "
            f"**{len(texts) / full:,.1f} art/s** ({', '.join(f'{len(texts) / x:,.1f}' for x in fulls)}) | "
            f"{words / full:,.0f} | **{100 * (full - bare) / bare:,.0f}%** "
            f"({', '.join(f'{x:,.0f}%' for x in layers)}) |")
    say()


def length_scaling() -> None:
    from bench import corpus
    from core import parse_article

    say("## Cost against length (one core, English)\n")
    say("| article | words | ms per article | µs per word |")
    say("|---|---:|---:|---:|")
    base = [corpus.article(i, "en")[0] for i in range(16)]
    for mult in (1, 4, 16):
        texts = ["\n\n".join(base[(i + k) % 16] for k in range(mult)) for i in range(max(2, 32 // mult))]
        parse_article(texts[0], lang="en", published="2020-01-01")
        w = statistics.mean(len(t.split()) for t in texts)
        t0 = time.perf_counter()
        for t in texts:
            parse_article(t, lang="en", published="2020-01-01")
        ms = 1000 * (time.perf_counter() - t0) / len(texts)
        say(f"| {mult}× | {w:,.0f} | {ms:,.1f} | {1000 * ms / w:,.1f} |")
    say()


# -- 2. parallel ingest through the CLI --------------------------------------------
def parallel_ingest() -> None:
    from bench import corpus
    folder = corpus.write(OUT / "ingest400", 400)
    say("## `python -m core ingest DIR --workers N` (400 articles, whole command)\n")
    say("| workers | seconds | articles/s | speed-up |")
    say("|---:|---:|---:|---:|")
    base = None
    for w in (1, 2):
        db = OUT / f"ingest-w{w}.duckdb"
        for p in (db, db.with_suffix(".duckdb.wal")):
            if p.exists():
                p.unlink()
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "core", "ingest", str(folder), "--workers", str(w), "--db", str(db),
                        "--quiet"], check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                       stderr=subprocess.DEVNULL)
        sec = time.perf_counter() - t0
        base = base or sec
        say(f"| {w} | {sec:.1f} | {400 / sec:.1f} | {base / sec:.2f}× |")
    say()


# -- 3. a 10,000-article stream: memory, then the store ------------------------------
def stream_and_store() -> Path:
    from core import queries
    from core.store import Store

    OUT.mkdir(parents=True, exist_ok=True)
    half = N_SCALE // 2
    parts = [(0, half, str(OUT / "docs-0.jsonl")), (half, N_SCALE, str(OUT / "docs-1.jsonl"))]
    say(f"## A stream of {N_SCALE:,} articles (2 processes, half each)\n")
    t0 = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(parse_part, parts))
    sec = time.perf_counter() - t0
    say(f"Parsed {N_SCALE:,} articles in {sec:.0f} s ({N_SCALE / sec:.0f} articles/s on 2 cores).\n")
    say("| articles parsed by one process | RSS (MB), process 1 | RSS (MB), process 2 |")
    say("|---:|---:|---:|")
    for (n, a), (_, b) in zip(results[0][0], results[1][0], strict=False):
        say(f"| {n:,} | {a:.0f} | {b:.0f} |")
    say(f"\nPeak RSS: {max(r[1] for r in results):.0f} MB per process.\n")

    db = OUT / "scale.duckdb"
    for p in (db, db.with_suffix(".duckdb.wal")):
        if p.exists():
            p.unlink()
    store = Store(db)
    ingest_s = 0.0
    for _, _, path in parts:
        with open(path, encoding="utf-8") as fh:
            batch = []
            for line in fh:
                batch.append(json.loads(line))
                if len(batch) == 500:
                    t0 = time.perf_counter()
                    store.ingest_many(batch, group=False)  # grouped into incidents once, below
                    ingest_s += time.perf_counter() - t0
                    batch = []
            if batch:
                t0 = time.perf_counter()
                store.ingest_many(batch, group=False)
                ingest_s += time.perf_counter() - t0
    t0 = time.perf_counter()
    store.group()
    group_s = time.perf_counter() - t0
    c = store.counts()
    say("## Store at scale\n")
    say(f"Ingest of {c['articles']:,} parsed articles ({c['events']:,} events, {c['statements']:,} statements, "
        f"{c['places']:,} place rows, {c['actors']:,} actor rows): **{ingest_s:.1f} s** (batches of 500, one "
        f"transaction each); grouping their events into incidents: **{group_s:.1f} s**.\n")
    top = store.df("SELECT actor1 FROM events WHERE actor1 IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").iloc[0, 0]
    lo, hi = queries.date_bounds(store)
    mid = lo + (hi - lo) / 2
    f = queries.Filters(actors=(top,), date_from=lo, date_to=mid)
    checks = {
        f"events, actor = {top} + date range": lambda: queries.events(store, f, 5000),
        "counts for the overview (same filter)": lambda: queries.counts(store, f),
        "events per day and type (same filter)": lambda: queries.events_by_day_type(store, f),
        "events per day and type (no filter)": lambda: queries.events_by_day_type(store, queries.Filters()),
        "statements, actor filter (lists too)": lambda: queries.statements(store, queries.Filters(actors=(top,)), 5000),
        "actor options with counts": lambda: queries.actor_options(store),
        "network edges (no filter)": lambda: queries.network_edges(store, queries.Filters()),
    }
    query_table(checks, 20, say, digits=1)
    store.close()
    return db


# -- 4. dashboard pages at scale --------------------------------------------------------
def pages(db: Path, label: str) -> None:
    say(f"## Dashboard script runs ({label})\n")
    page_runs(db, say)


def map_in_browser(db: Path) -> None:
    from bench.map_browser import measure
    say(f"## The map in headless Chromium ({N_SCALE:,} articles)\n")
    for line in measure(db, OUT / "map-at-scale.png"):
        say(line)


def profile() -> None:
    from pyinstrument import Profiler

    from bench import corpus
    from core import parse_article
    texts = [corpus.article(i, "en")[0] for i in range(80)]
    parse_article(texts[0], lang="en", published="2020-01-01")
    prof = Profiler(interval=0.0005)
    prof.start()
    for t in texts:
        parse_article(t, lang="en", published="2020-01-01")
    prof.stop()
    (OUT / "profile.txt").write_text(prof.output_text(unicode=False, color=False, show_all=False))
    say(f"Profile of 80 English parses written to {OUT / 'profile.txt'}.\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    say(f"# EventDesk benchmark — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n")
    say(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}\n")
    pid_cores = os.sched_getaffinity(0)
    _pin_one_core()
    parse_throughput()
    length_scaling()
    profile()
    os.sched_setaffinity(0, pid_cores)
    parallel_ingest()
    seed_db = OUT / "seed.duckdb"
    if not seed_db.exists():
        from core import parse_article
        from core.store import Store
        s = Store(seed_db)
        s.ingest(parse_article((ROOT / "seeds" / "idlib_2020-02-28.txt").read_text(), lang="nb",
                               published=date(2020, 2, 28), source="NTB"))
        s.close()
    pages(seed_db, "the seed")
    db = stream_and_store()
    map_in_browser(db)  # before the pages: their AppTest keeps the store open, and DuckDB allows one writer process
    pages(db, f"{N_SCALE:,} articles")
    from bench import incidents
    incidents.run(N_SCALE, say=say)
    (OUT / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nReport written to {OUT / 'report.md'}")


if __name__ == "__main__":
    main()
