"""An archive folder: the store's tables as Parquet, one file per partition, and what is done.

    _archive.json                 format and the store schema version the files follow
    articles/<part>.parquet       (and events/, statements/, places/, actors/): the store's columns;
                                  articles add ``source_file``, the file each article was read from
    failures/<part>.parquet       one row per file that could not be parsed: file, reason
    _done/<part>.json             written last: the partition's files (path, size, mtime) and counts
    _runs.jsonl                   one line per ingest run (when, engine, files, added, failed, seconds)

A partition counts only once its ``_done`` marker exists, so a partition half-written by a
killed worker is invisible, and rewritten whole (same name) when Dask retries it. A file is
done when a marker lists it with the same size and modification time: a resumed run skips it.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.errors import InputError

TABLES = ("articles", "events", "statements", "places", "actors")
FORMAT = "eventdesk-archive"
TABLES_SINCE = 4  # the store schema that last changed the five tables' columns: archives from it on are read
Signature = tuple[str, int, int]  # path, size, mtime in ns


def signature(path: str) -> Signature:
    st = os.stat(path)
    return path, st.st_size, st.st_mtime_ns


@dataclass(frozen=True)
class Partition:
    """A batch of files parsed by one task; its name is a hash of the files' signatures."""
    files: tuple[tuple[str, dict[str, Any] | None], ...]
    signatures: tuple[Signature, ...]

    @property
    def name(self) -> str:
        h = hashlib.sha1("\n".join(f"{p}\t{s}\t{m}" for p, s, m in self.signatures).encode())
        return h.hexdigest()[:20]


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class Archive:
    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()

    def create(self) -> Archive:
        """Make the folder (or check an existing one is an archive of this schema)."""
        from core.store import SCHEMA_VERSION
        head = self.root / "_archive.json"
        if head.exists():
            self.check()
            return self
        if self.root.exists() and any(self.root.iterdir()):
            raise InputError(f"{self.root} is not empty and not an EventDesk archive; choose another --archive folder")
        for sub in (*TABLES, "failures", "_done"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        write_atomic(head, json.dumps({"format": FORMAT, "schema_version": SCHEMA_VERSION}).encode())
        return self

    def check(self) -> None:
        """A clear error unless this is an archive the store can read."""
        from core.store import SCHEMA_VERSION
        head = self.root / "_archive.json"
        try:
            info = json.loads(head.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise InputError(f"{self.root} is not an EventDesk archive (no readable _archive.json)") from None
        version = info.get("schema_version")
        if info.get("format") != FORMAT or not isinstance(version, int) or not TABLES_SINCE <= version <= SCHEMA_VERSION:
            raise InputError(f"{self.root} holds archive schema {version}; this EventDesk reads schemas "
                             f"{TABLES_SINCE} to {SCHEMA_VERSION} (re-ingest into a new --archive folder)")

    # -- what is done ------------------------------------------------------------
    def markers(self) -> dict[str, dict[str, Any]]:
        out = {}
        for p in sorted((self.root / "_done").glob("*.json")):
            try:
                out[p.stem] = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue  # an unreadable marker: that partition is simply done again
        return out

    def done_signatures(self) -> set[Signature]:
        return {(f[0], f[1], f[2]) for m in self.markers().values() for f in m["files"]}

    def files(self, table: str) -> list[str]:
        """The Parquet files of one table, finished partitions only."""
        return [str(self.root / table / f"{name}.parquet") for name in self.markers()]

    def mark_done(self, part: Partition, summary: dict[str, Any]) -> None:
        body = {**summary, "files": [list(s) for s in part.signatures]}
        write_atomic(self.root / "_done" / f"{part.name}.json", json.dumps(body).encode())

    # -- runs and size ---------------------------------------------------------------
    def log_run(self, record: dict[str, Any]) -> None:
        with open(self.root / "_runs.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")

    def last_run(self) -> dict[str, Any] | None:
        try:
            lines = (self.root / "_runs.jsonl").read_text(encoding="utf-8").splitlines()
        except OSError:
            return None
        return json.loads(lines[-1]) if lines else None

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.root.rglob("*.parquet"))


def plan(files: list[tuple[str, dict[str, Any] | None]], done: set[Signature], size: int) -> tuple[list[Partition], int]:
    """Partitions of ``size`` files for what is not done yet, and how many files were skipped as done."""
    todo, sigs = [], []
    for path, meta in files:
        sig = signature(path)
        if sig not in done:
            todo.append((path, meta))
            sigs.append(sig)
    parts = [Partition(tuple(todo[i:i + size]), tuple(sigs[i:i + size])) for i in range(0, len(todo), size)]
    return parts, len(files) - len(todo)
