"""The Dask engine: plan partitions of what is not done, parse them on a cluster, report as they finish."""
from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.archive.layout import Archive, Partition, plan
from core.ingest import IngestReport, collect

TASK_RETRIES = 2  # a task raising (say, the archive's disk full for a moment) is tried again; a lost worker is not counted


@dataclass
class ArchiveReport(IngestReport):
    archive: str = ""
    partitions: int = 0
    workers: int = 0
    worker_peak_rss_mb: dict[int, float] = field(default_factory=dict)


def partition_size(n_files: int, n_workers: int) -> int:
    """About eight tasks per worker (even load, a fine progress bar), 8 to 256 files each."""
    return max(8, min(256, -(-n_files // max(1, 8 * n_workers))))


@contextlib.contextmanager
def client_for(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client on the cluster at ``scheduler``, or on a LocalCluster of worker processes on loopback."""
    from distributed import Client, LocalCluster
    if scheduler:
        with Client(scheduler, timeout="30s") as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def ingest_dask(paths: list[Path], *, archive: str | Path, scheduler: str | None = None, client: Any = None,
                workers: int = 2, lang: str = "auto", progress: bool = True, size: int | None = None) -> ArchiveReport:
    """Parse every article file under ``paths`` into the archive on Dask; files already done are skipped."""
    arc = Archive(archive).create()
    files = collect(paths)
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(client_for(scheduler, workers))
        n_workers = len(client.scheduler_info(n_workers=-1)["workers"]) or workers
        parts, skipped = plan(files, arc.done_signatures(), size or partition_size(len(files), n_workers))
        report = ArchiveReport(archive=str(arc.root), partitions=len(parts), workers=n_workers, skipped=skipped)
        started = datetime.now(UTC)
        t0 = time.perf_counter()
        _run(client, parts, arc, lang, report, progress)
        report.seconds = time.perf_counter() - t0
    arc.log_run({"started": started.isoformat(timespec="seconds"), "engine": "dask", "scheduler": scheduler or "local",
                 "workers": n_workers, "files": len(files), "skipped": skipped, "added": report.added,
                 "duplicates": report.duplicates, "failed": report.failed, "seconds": round(report.seconds, 1)})
    return report


def _run(client: Any, parts: list[Partition], arc: Archive, lang: str, report: ArchiveReport, progress: bool) -> None:
    from distributed import as_completed

    from core.archive.worker import WarmPipelines, parse_partition
    if not parts:
        return
    client.register_plugin(WarmPipelines())
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=sum(len(p.files) for p in parts), unit="file", desc="ingest (dask)",
                   postfix={"failed": 0}, smoothing=0.1)
    by_key = {f"eventdesk-parse-{p.name}": p for p in parts}
    futures = client.map(parse_partition, parts, root=str(arc.root), lang=lang, key=list(by_key),
                         retries=TASK_RETRIES)
    try:
        for fut in as_completed(futures):
            part = by_key[fut.key]
            try:
                s = fut.result()
            except Exception as exc:  # the task kept failing, or kept killing its worker: its files are not done
                why = f"not parsed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}".rstrip(": ")
                s = {"articles": 0, "duplicates": 0, "failed": len(part.files),
                     "failures": [(path, why) for path, _ in part.files]}
            report.added += s["articles"]
            report.duplicates += s["duplicates"]
            report.failed += s["failed"]
            report.errors.extend(tuple(f) for f in s["failures"])
            if "worker_pid" in s:
                pid = s["worker_pid"]
                report.worker_peak_rss_mb[pid] = max(report.worker_peak_rss_mb.get(pid, 0.0), s["worker_peak_rss_mb"])
            if bar is not None:
                bar.update(len(part.files))
                bar.set_postfix(failed=report.failed, refresh=False)
    finally:
        client.cancel(futures)
        if bar is not None:
            bar.close()
