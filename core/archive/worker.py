"""What a Dask worker runs: warm the pipelines once, then parse a partition of files into Parquet."""
from __future__ import annotations

import os
import resource
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from distributed import WorkerPlugin

from core.archive.layout import TABLES, Archive, Partition


class WarmPipelines(WorkerPlugin):
    """Loads the spaCy pipelines, lexicons and gazetteer when a worker starts (and again if it is restarted)."""
    name = "eventdesk-pipelines"

    def setup(self, worker: Any) -> None:
        from core.ingest import warm_up
        warm_up()


def _copy(cur: duckdb.DuckDBPyConnection, sql: str, path: Path) -> None:
    """COPY a query to Parquet under a temporary name, then rename: a reader never sees half a file."""
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.parquet")
    cur.execute(f"COPY ({sql}) TO '{tmp}' (FORMAT parquet, COMPRESSION zstd)")
    os.replace(tmp, path)


def parse_partition(part: Partition, root: str, lang: str = "auto") -> dict[str, Any]:
    """Parse the partition's files and write its five tables and its failures; idempotent (same name, same files)."""
    from core.ingest import parse_file
    from core.store import Store
    t0 = time.perf_counter()
    arc = Archive(root)
    docs, files, failures = [], [], []
    for path, meta in part.files:
        _, doc, err = parse_file(path, lang, meta)
        if doc is None:
            failures.append((path, err or "unknown"))
        else:
            docs.append(doc)
            files.append(path)
    mem = Store(":memory:")  # the store's own schema and insert path, so the files hold exactly its rows
    try:
        results = mem.ingest_many(docs, group=False)  # incidents are grouped by the store that reads it
        first_file = {}
        for r, f in zip(results, files, strict=True):
            if r.status == "added":
                first_file[r.article_id] = f
        cur = mem.con.cursor()
        # typed: a partition that adds no article (all failed, or all duplicates) would give DOUBLE columns
        cur.register("_files", pd.DataFrame({"id": list(first_file), "source_file": list(first_file.values())},
                                            dtype="string"))
        cur.register("_failures", pd.DataFrame(failures, columns=["file", "reason"]).astype("string"))
        _copy(cur, "SELECT a.*, f.source_file FROM articles a JOIN _files f USING (id) ORDER BY f.source_file",
              arc.root / "articles" / f"{part.name}.parquet")
        for table in TABLES[1:]:
            _copy(cur, f"SELECT * FROM {table}", arc.root / table / f"{part.name}.parquet")
        _copy(cur, "SELECT file, reason FROM _failures", arc.root / "failures" / f"{part.name}.parquet")
    finally:
        mem.close()
    summary = {"partition": part.name, "files": len(part.files), "articles": len(first_file),
               "duplicates": len(docs) - len(first_file), "failed": len(failures),
               "seconds": round(time.perf_counter() - t0, 3), "worker_pid": os.getpid(),
               "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    arc.mark_done(part, summary)  # last: the partition now counts
    return {**summary, "failures": failures}
