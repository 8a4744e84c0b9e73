"""Parse folders of articles in parallel processes and write them to the store (one writer).

This is the embedded engine (``core ingest --workers N``); ``core.archive`` runs the same
``parse_file`` on Dask and writes a Parquet archive instead.
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import InputError

SUFFIXES = {".txt", ".md", ".html", ".htm"}
Meta = dict[str, Any]


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0  # files a resumed run found already done
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        n = self.added + self.duplicates + self.failed
        return n / self.seconds if self.seconds else 0.0


def read_index(folder: Path) -> dict[str, Meta]:
    """Per-file metadata from an ``index.json`` beside the articles (file, language, published, source, title)."""
    path = folder / "index.json"
    if not path.exists():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path} is not valid JSON: {exc}") from None
    return {str(e["file"]): e for e in entries if isinstance(e, dict) and "file" in e}


def collect(paths: Iterable[Path]) -> list[tuple[str, Meta | None]]:
    """Every article file under the given folders (or the files themselves), sorted, with its index.json entry."""
    out: dict[str, Meta | None] = {}
    for root in paths:
        root = root.resolve()
        if root.is_file():
            out[str(root)] = read_index(root.parent).get(root.name)
            continue
        if not root.is_dir():
            raise InputError(f"{root} is neither a folder nor a file")
        indexes: dict[Path, dict[str, Meta]] = {}
        for p in root.rglob("*"):
            if p.suffix.lower() in SUFFIXES and p.is_file():
                index = indexes.setdefault(p.parent, read_index(p.parent))
                out[str(p)] = index.get(p.name)
    return sorted(out.items())


def parse_file(path: str, lang: str = "auto", meta: Meta | None = None) -> tuple[str, dict[str, Any] | None, str | None]:
    """(file name, parsed document with text, or None and the reason)."""
    from core.pipeline import parse_article
    from core.text import read_path
    meta = meta or {}
    try:
        raw = read_path(path)
        parsed = parse_article(raw.text, lang=meta.get("language") or lang,
                               published=meta.get("published") or raw.published,
                               source=meta.get("source") or raw.source, title=meta.get("title") or raw.title,
                               url=meta.get("url") or raw.url)
        return path, parsed.to_dict(with_text=True), None
    except InputError as exc:
        return path, None, str(exc)
    except Exception as exc:  # one bad file must not stop a batch
        return path, None, f"internal error: {type(exc).__name__}: {exc}"


def warm_up() -> None:
    """Load both pipelines, the lexicons and the gazetteer in this process (once; later parses reuse them)."""
    from core.pipeline import parse_article
    parse_article("Oslo (NTB): Forsvarsministeren sa torsdag at Norge sender soldater til Litauen.", lang="nb")
    parse_article("KYIV (Reuters) - Russian forces shelled Kharkiv on Monday, officials said.", lang="en")


def _parse_many(items: list[tuple[str, Meta | None]], lang: str) -> list[tuple[str, dict[str, Any] | None, str | None]]:
    return [parse_file(p, lang, m) for p, m in items]


def ingest_folder(folder: Path | list[Path], *, workers: int = 1, db: str | None = None, lang: str = "auto",
                  progress: bool = True, chunk: int = 16) -> IngestReport:
    from core.store import Store
    files = collect(folder if isinstance(folder, list) else [folder])
    store = Store(db)
    report = IngestReport()
    t0 = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=len(files), unit="file", desc="ingest", postfix={"failed": 0})

    added: list[str] = []

    def take(results: list[tuple[str, dict[str, Any] | None, str | None]]) -> None:
        docs = []
        for name, doc, err in results:
            if doc is None:
                report.failed += 1
                report.errors.append((name, err or "unknown"))
            else:
                docs.append(doc)
        for r in store.ingest_many(docs, group=False):  # one transaction per chunk: each article whole or absent
            if r.status == "added":
                report.added += 1
                added.append(r.article_id)
            else:
                report.duplicates += 1
        if bar is not None:
            bar.update(len(results))
            bar.set_postfix(failed=report.failed, refresh=False)

    chunks = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    try:
        if workers <= 1:
            for c in chunks:
                take(_parse_many(c, lang))
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for res in pool.map(_parse_many, chunks, [lang] * len(chunks)):
                    take(res)
    finally:
        if bar is not None:
            bar.close()
        store.record_failures(report.errors, engine="processes")
        if added:
            store.group(added)  # the new events into incidents, once for the whole folder
        store.close()
    report.seconds = time.perf_counter() - t0
    return report
