"""Archive scale: ingest on Dask into a Parquet archive, which the store copies in or attaches.

``ingest_dask`` (run.py) plans partitions of what is not done and parses them on a cluster;
each worker (worker.py) writes the store's tables as Parquet (layout.py says where);
``Store.import_archive`` / ``Store.attach_archive`` (store_io.py) read them back.
"""
from core.archive.layout import Archive
from core.archive.run import ArchiveReport, ingest_dask

__all__ = ["Archive", "ArchiveReport", "ingest_dask", "summary"]


def summary(path: str | None) -> dict | None:
    """Size and last ingest of the archive at ``path`` (for the Settings page), or None if there is none."""
    if not path:
        return None
    arc = Archive(path)
    if not (arc.root / "_archive.json").exists():
        return None
    return {"path": str(arc.root), "bytes": arc.size_bytes(), "partitions": len(arc.markers()), "last_run": arc.last_run()}
