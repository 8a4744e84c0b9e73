"""Parse a folder of articles in parallel processes and write them to the store (one writer)."""
from __future__ import annotations

import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import InputError

SUFFIXES = {".txt", ".md", ".html", ".htm"}


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        n = self.added + self.duplicates + self.failed
        return n / self.seconds if self.seconds else 0.0


def read_index(folder: Path) -> dict[str, dict[str, Any]]:
    """Per-file metadata from an ``index.json`` beside the articles (file, language, published, source, title)."""
    path = folder / "index.json"
    if not path.exists():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path} is not valid JSON: {exc}") from None
    return {str(e["file"]): e for e in entries if isinstance(e, dict) and "file" in e}


def parse_file(path: str, lang: str = "auto", meta: dict[str, Any] | None = None
               ) -> tuple[str, dict[str, Any] | None, str | None]:
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


def _parse_many(paths: list[str], lang: str, index: dict[str, dict[str, Any]]
                ) -> list[tuple[str, dict[str, Any] | None, str | None]]:
    return [parse_file(p, lang, index.get(os.path.basename(p))) for p in paths]


def ingest_folder(folder: Path, *, workers: int = 1, db: str | None = None, lang: str = "auto",
                  progress: bool = True, chunk: int = 16) -> IngestReport:
    from core.store import Store
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder")
    files = sorted(str(p) for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    index = read_index(folder)
    store = Store(db)
    report = IngestReport()
    t0 = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=len(files), unit="article", desc="ingest")

    def take(results: list[tuple[str, dict[str, Any] | None, str | None]]) -> None:
        docs = []
        for name, doc, err in results:
            if doc is None:
                report.failed += 1
                report.errors.append((os.path.basename(name), err or "unknown"))
            else:
                docs.append(doc)
        for r in store.ingest_many(docs):  # one transaction per chunk: each article whole or absent
            if r.status == "added":
                report.added += 1
            else:
                report.duplicates += 1
        if bar is not None:
            bar.update(len(results))

    chunks = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    if workers <= 1:
        for c in chunks:
            take(_parse_many(c, lang, index))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for res in pool.map(_parse_many, chunks, [lang] * len(chunks), [index] * len(chunks)):
                take(res)
    if bar is not None:
        bar.close()
    report.seconds = time.perf_counter() - t0
    store.close()
    return report
