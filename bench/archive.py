"""`python -m bench.archive` (part of `make bench`): the Dask engine and the dashboard on a 1,000,000-event archive.

1. Ingest rates: the same folder through `core ingest --workers N` (today's process pool) and
   `--engine dask` with 1 and 2 local workers, whole command, and the Dask parse phase alone
   (cluster up and pipelines warm), with each worker's peak memory.
2. The scale archive: the parsed folder's rows copied with fresh article ids and dates moved
   back a month per copy until it holds BENCH_ARCHIVE_EVENTS events (default 1,000,000).
   Generated once and cached in .build/bench/archive-1m; load only, never evidence of accuracy.
3. Every query the pages make, on the archive copied into a store and attached in place,
   and each page's script run (Streamlit AppTest).

Writes .build/bench/archive.md. BENCH_ARCHIVE_FILES sets the folder size (default 400), BENCH_ARCHIVE_RUNS
the timed runs per query (5); BENCH_ARCHIVE_SKIP_INGEST=1 reuses the last ingest's archive (parts 2 and 3 only),
or the one BENCH_ARCHIVE_BASE names.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.timing import page_runs, timed_ms

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".build" / "bench"
N_FILES = int(os.environ.get("BENCH_ARCHIVE_FILES", "400"))
N_EVENTS = int(os.environ.get("BENCH_ARCHIVE_EVENTS", "1000000"))
RUNS = int(os.environ.get("BENCH_ARCHIVE_RUNS", "5"))  # timed runs per query
SCALE = OUT / "archive-1m" if N_EVENTS == 1_000_000 else OUT / f"archive-{N_EVENTS}"
BASE = Path(os.environ.get("BENCH_ARCHIVE_BASE", OUT / "archive-dask-w2"))  # the parsed archive the copies are of
lines: list[str] = []


def say(s: str = "") -> None:
    print(s, flush=True)
    lines.append(s)


def load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def _fresh(*paths: Path) -> None:
    for p in paths:
        if p.is_dir():
            shutil.rmtree(p)
        for q in (p, p.with_name(p.name + ".wal")):
            if q.is_file():
                q.unlink()


def _cli(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "core", "ingest", *args, "--quiet"], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


# -- 1. ingest rates ----------------------------------------------------------------------
def ingest_rates() -> Path:
    from bench import corpus
    from core.archive import ingest_dask
    from core.archive.run import client_for
    from core.archive.worker import WarmPipelines
    folder = OUT / f"ingest{N_FILES}"
    if not (folder / "index.json").exists():
        corpus.write(folder, N_FILES)
    say(f"## Ingest on Dask ({N_FILES} articles, half Bokmål through the trained pipeline, half English)\n")
    say(f"Load average before: {load()} (2 cores shared with other sessions).\n")
    say("| engine | workers | whole command (s) | articles/s | cluster up + warm (s) | parse phase (s) | articles/s "
        "| peak RSS per worker (MB) |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    whole: dict[tuple[str, int], float] = {}
    phase: dict[int, float] = {}
    for w in (1, 2):
        db = OUT / f"archive-pool-w{w}.duckdb"
        _fresh(db)
        whole["processes", w] = _cli([str(folder), "--workers", str(w), "--db", str(db)])
        say(f"| processes (today) | {w} | {whole['processes', w]:.1f} | {N_FILES / whole['processes', w]:.1f} | | | | |")
    for w in (1, 2):
        db, arc = OUT / f"archive-dask-w{w}.duckdb", OUT / f"archive-dask-w{w}"
        _fresh(db, arc)
        whole["dask", w] = _cli([str(folder), "--engine", "dask", "--workers", str(w), "--db", str(db),
                                 "--archive", str(arc)])
        _fresh(arc)
        t0 = time.perf_counter()
        with client_for(None, w) as client:
            client.register_plugin(WarmPipelines())
            warm = time.perf_counter() - t0
            report = ingest_dask([folder], archive=arc, client=client, progress=False)
        phase[w] = report.seconds
        rss = ", ".join(f"{v:.0f}" for v in sorted(report.worker_peak_rss_mb.values()))
        say(f"| dask (LocalCluster) | {w} | {whole['dask', w]:.1f} | {N_FILES / whole['dask', w]:.1f} | "
            f"{warm:.1f} | {report.seconds:.1f} | **{N_FILES / report.seconds:.1f}** | {rss} |")
    say(f"\nLoad average after: {load()}.\n")
    say(f"- Dask speed-up, 1 → 2 workers: **{phase[1] / phase[2]:.2f}×** parse phase, "
        f"{whole['dask', 1] / whole['dask', 2]:.2f}× whole command "
        f"(process pool: {whole['processes', 1] / whole['processes', 2]:.2f}×).")
    say(f"- Dask overhead against the process pool, 2 workers, whole command: "
        f"{whole['dask', 2] - whole['processes', 2]:+.1f} s ({whole['dask', 2]:.1f} against "
        f"{whole['processes', 2]:.1f} s): starting the cluster and warming each worker, the Parquet files, "
        "and copying the archive into the store.")
    per_worker = N_FILES / phase[1]
    say(f"- Measured rate per worker: {per_worker:.1f} articles/s (this corpus: half Norwegian).\n")
    return OUT / "archive-dask-w2"


# -- 2. the 1,000,000-event archive -----------------------------------------------------------
def scale_archive(base: Path) -> Path:
    """Whole copies of the base archive's rows (new ids, dates a month earlier per copy): at least N_EVENTS events."""
    import duckdb

    from core.archive.layout import TABLES, Archive
    from core.archive.store_io import _columns
    if (SCALE / "_complete").exists():
        return SCALE
    _fresh(SCALE)
    arc = Archive(SCALE).create()
    con = duckdb.connect()
    src = {t: f"read_parquet('{Archive(base).root}/{t}/*.parquet')" for t in (*TABLES, "failures")}
    per_copy = con.execute(f"SELECT count(*) FROM {src['events']}").fetchone()[0]
    copies = -(-N_EVENTS // per_copy)
    t0 = time.perf_counter()
    for k in range(copies):
        name, shift = f"copy{k:04d}", f"INTERVAL {30 * k} DAY"
        new_id = f"sha256(id || '#{k}')"
        exprs = {"id": new_id, "article_id": f"sha256(article_id || '#{k}')", "published": f"(published - {shift})::DATE",
                 "date": f"(date - {shift})::DATE", "source_file": f"source_file || '#{k}'"}
        for t in TABLES:
            cols = _columns(t) + (["source_file"] if t == "articles" else [])
            sel = ", ".join(f'{exprs.get(c, chr(34) + c + chr(34))} AS "{c}"' for c in cols)
            con.execute(f"COPY (SELECT {sel} FROM {src[t]}) TO '{SCALE / t / name}.parquet' "
                        "(FORMAT parquet, COMPRESSION zstd)")
        con.execute(f"COPY (SELECT * FROM {src['failures']} LIMIT 0) TO '{SCALE}/failures/{name}.parquet' (FORMAT parquet)")
        (SCALE / "_done" / f"{name}.json").write_text(json.dumps({"partition": name, "files": [], "copy_of": str(base)}))
    arc.log_run({"started": datetime.now(UTC).isoformat(timespec="seconds"), "engine": "bench copies", "copies": copies,
                 "seconds": round(time.perf_counter() - t0, 1)})
    (SCALE / "_complete").write_text("")
    return SCALE


# -- 3. queries and pages -------------------------------------------------------------------
def page_queries(store: Any) -> dict[str, Callable[[], Any]]:
    """Every query a page makes (dashboard/state.py), unfiltered and with an actor + date filter."""
    from core import queries as q
    top = store.scalar("SELECT actor1 FROM events WHERE actor1 IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    lo, hi = q.date_bounds(store)
    narrow = q.Filters(actors=(top,), date_from=lo + (hi - lo) / 2, date_to=hi)
    out: dict[str, Callable[[], Any]] = {
        "sidebar: data version": lambda: q.data_version(store),
        "sidebar: actor options": lambda: q.actor_options(store),
        "sidebar: article options": lambda: q.article_options(store),
        "sidebar: date bounds": lambda: q.date_bounds(store),
    }
    for label, f in (("no filter", q.Filters()), (f"{top} + last half of the dates", narrow),
                     ("text 'drone'", q.Filters(text="drone"))):
        out |= {
            f"counts ({label})": lambda f=f: q.counts(store, f),
            f"located events count ({label})": lambda f=f: q.located_events(store, f),
            f"events, newest 5,000 ({label})": lambda f=f: q.events(store, f, 5000),
            f"map: newest 10,000 located events ({label})": lambda f=f: q.events(store, f, 10_000, located=True),
            f"statements, newest 5,000 ({label})": lambda f=f: q.statements(store, f, 5000),
            f"articles table, newest 5,000 ({label})": lambda f=f: q.articles(store, f, 5000),
            f"places ({label})": lambda f=f: q.places(store, f),
            f"events per day and type ({label})": lambda f=f: q.events_by_day_type(store, f),
            f"statements per day ({label})": lambda f=f: q.statements_by_day(store, f),
            f"top actors ({label})": lambda f=f: q.top_actors(store, f, 10),
            f"network edges ({label})": lambda f=f: q.network_edges(store, f),
        }
    return out


def time_queries(stores: dict[str, Path], runs: int = RUNS) -> None:
    from core.store import Store
    opened = {k: Store(p) for k, p in stores.items()}
    c = next(iter(opened.values())).counts()
    say(f"## Page queries on the archive ({c['events']:,} events, {c['statements']:,} statements, "
        f"{c['articles']:,} articles)\n")
    say(f"Median of {runs} runs after one untimed run, and the slowest run; load average {load()}.\n")
    say("| query | " + " | ".join(f"{k}: median ms | max ms" for k in opened) + " | rows |")
    say("|---|" + "---:|---:|" * len(opened) + "---:|")
    worst = dict.fromkeys(opened, 0.0)
    names = list(page_queries(next(iter(opened.values()))))
    fns = {k: page_queries(s) for k, s in opened.items()}
    for name in names:
        cells, n = [], ""
        for k in opened:
            res = fns[k][name]()
            ts = timed_ms(fns[k][name], runs, warm=False)
            worst[k] = max(worst[k], max(ts))
            cells.append(f"{statistics.median(ts):.0f} | {max(ts):.0f}")
            n = f"{len(res):,}" if hasattr(res, "__len__") and not isinstance(res, str) else ""
        say(f"| {name} | " + " | ".join(cells) + f" | {n} |")
    say("\nSlowest single run: " + ", ".join(f"{k} {v:.0f} ms" for k, v in worst.items()) + ".\n")
    for s in opened.values():
        s.close()


def pages(db: Path, label: str) -> None:
    say(f"## Dashboard script runs ({label})\n")
    page_runs(db, say)


def stores(archive: Path) -> dict[str, Path]:
    from core.store import Store
    copied, attached = OUT / "archive-1m-copied.duckdb", OUT / "archive-1m-attached.duckdb"
    if not copied.exists():
        s = Store(copied)
        t0 = time.perf_counter()
        added = s.import_archive(archive, group=False)
        say(f"Copying the archive into a store: **{time.perf_counter() - t0:.1f} s** for {added['events']:,} events "
            "(grouping them into incidents, core.incidents, not included: not run here).\n")
        s.close()
    _fresh(attached)
    s = Store(attached)
    t0 = time.perf_counter()
    s.attach_archive(archive)
    say(f"Attaching it in place: {time.perf_counter() - t0:.2f} s; archive {_mb(archive):,.0f} MB of Parquet, "
        f"store with the copy {copied.stat().st_size / 2**20:,.0f} MB.\n")
    s.close()
    return {"copied": copied, "attached": attached}


def _mb(p: Path) -> float:
    return sum(f.stat().st_size for f in p.rglob("*.parquet")) / 2**20


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    say(f"# EventDesk archive benchmark — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n")
    skip_ingest = os.environ.get("BENCH_ARCHIVE_SKIP_INGEST") and (BASE / "_done").exists()
    base = BASE if skip_ingest else ingest_rates()
    t0 = time.perf_counter()
    archive = scale_archive(base)
    print(f"scale archive ready in {timedelta(seconds=round(time.perf_counter() - t0))}")
    paths = stores(archive)
    time_queries(paths)
    for label, p in paths.items():
        pages(p, f"archive {label}")
    (OUT / "archive.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nReport written to {OUT / 'archive.md'}")


if __name__ == "__main__":
    main()
