"""The store reads an archive: copy its finished partitions in by article id, or attach them as views.

An article id is a hash of the text, so the same article read from two files lands in two
partitions; the copy kept is the one from the file that sorts first (as ``core ingest`` keeps
the first of a sorted folder), and its rows come from that partition only.
"""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from core import summaries
from core.archive.layout import TABLES, Archive
from core.errors import InputError

if TYPE_CHECKING:
    from core.store import Store

_ORDER = {t: " ORDER BY x.date DESC NULLS LAST, x.article_id, x.start" for t in ("events", "statements")}
ARTICLE_COLS = ["id", "title", "language", "published", "source", "url", "text", "n_chars", "ingested_at", "pipeline"]


def _columns(table: str) -> list[str]:
    from core import store
    return {"articles": ARTICLE_COLS, "events": store.EVENT_COLS, "statements": store.STATEMENT_COLS,
            "places": store.PLACE_COLS, "actors": store.ACTOR_COLS}[table]


def _cols(table: str, alias: str = "x") -> str:
    return ", ".join(f'{alias}."{c}"' for c in _columns(table))


def _scan(files: list[str], *, filename: bool = False) -> str:
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    # union_by_name: a column's type is read from all the files, not the first (an archive written before
    # the partitions' columns were typed holds DOUBLE source_file columns where no article was added)
    return f"read_parquet([{listed}], union_by_name = true{', filename = true' if filename else ''})"


def _key(table: str) -> str:
    return "id" if table == "articles" else "article_id"


def _keep_sql(arc: Archive) -> str:
    """(id, part): for each article id, the partition whose copy is kept."""
    return (f"SELECT id, parse_filename(filename, true) AS part FROM {_scan(arc.files('articles'), filename=True)} "
            "QUALIFY row_number() OVER (PARTITION BY id ORDER BY source_file) = 1")


def import_archive(store: Store, root: Path, *, group: bool = True) -> dict[str, int]:
    """Insert the archive's articles the store lacks, with their rows, in one transaction; rows added per table."""
    if store.attached_archive():
        raise InputError("this store reads an attached archive; detach it before copying one in")
    arc = Archive(root)
    arc.check()
    added = dict.fromkeys(TABLES, 0)
    if not arc.markers():
        return added
    cur = store.con.cursor()
    cur.execute("BEGIN TRANSACTION")
    try:
        cur.execute(f"CREATE OR REPLACE TEMP TABLE _keep AS SELECT * FROM ({_keep_sql(arc)}) "
                    "WHERE id NOT IN (SELECT id FROM main.articles)")
        keep = summaries.Upkeep(cur, "SELECT id FROM _keep")
        for table in TABLES:
            cols = ", ".join(f'"{c}"' for c in _columns(table))
            cur.execute(f"INSERT INTO main.{table} ({cols}) SELECT {_cols(table)} "
                        f"FROM {_scan(arc.files(table), filename=True)} x SEMI JOIN _keep k "
                        f"ON x.{_key(table)} = k.id AND parse_filename(x.filename, true) = k.part{_ORDER.get(table, '')}")
            added[table] = int(cur.fetchone()[0])
        cur.execute(f"INSERT INTO main.ingest_failures SELECT DISTINCT f.file, f.reason, ?, 'dask' "
                    f"FROM {_scan(arc.files('failures'))} f WHERE NOT EXISTS (SELECT 1 FROM main.ingest_failures g "
                    "WHERE g.file = f.file AND g.reason = f.reason)", [datetime.now(UTC)])
        keep.done()
        _set_meta(cur, {"archive.path": str(arc.root), "archive.mode": "copied"})
        new_ids = [r[0] for r in cur.execute("SELECT id FROM _keep").fetchall()]
        cur.execute("DROP TABLE _keep")
        cur.execute("COMMIT")
    except Exception:
        cur.execute("ROLLBACK")
        raise
    if new_ids and group:
        store.group(new_ids)  # the new events into incidents, once for the whole archive
    return added


def attach_archive(store: Store, root: Path) -> None:
    """(Re)create the ``archive`` views: the store's own rows, then the archive's articles the store lacks."""
    arc = Archive(root)
    arc.check()
    cur = store.con.cursor()
    cur.execute("BEGIN TRANSACTION")
    try:
        cur.execute("CREATE SCHEMA IF NOT EXISTS archive")
        dupes = False
        if arc.markers():
            cur.execute(f"CREATE OR REPLACE TABLE archive._keep AS {_keep_sql(arc)}")
            n_rows = cur.execute(f"SELECT count(*) FROM {_scan(arc.files('articles'))}").fetchone()[0]
            dupes = n_rows > cur.execute("SELECT count(*) FROM archive._keep").fetchone()[0]
            if not dupes:
                cur.execute("DROP TABLE archive._keep")
        for table in TABLES:
            cur.execute(f"CREATE OR REPLACE VIEW archive.{table} AS {_view_sql(arc, table, dupes)}")
        _reading_views(cur)
        summaries.rebuild(cur, "archive")  # the count tables over the views: the archive's rows and the store's
        _set_meta(cur, {"archive.path": str(arc.root), "archive.mode": "attached", "archive.attached": str(arc.root)})
        cur.execute("COMMIT")
    except Exception:
        cur.execute("ROLLBACK")
        raise


def _view_sql(arc: Archive, table: str, dupes: bool) -> str:
    own = f"SELECT {_cols(table)} FROM main.{table} x"
    if not arc.markers():
        return own
    key = _key(table)
    scan = f"{_scan(arc.files(table), filename=dupes)} x"
    if dupes:
        scan += f" SEMI JOIN archive._keep k ON x.{key} = k.id AND parse_filename(x.filename, true) = k.part"
    return f"{own} UNION ALL SELECT {_cols(table)} FROM {scan} WHERE x.{key} NOT IN (SELECT id FROM main.articles)"


def _reading_views(cur) -> None:  # noqa: ANN001 - a DuckDB cursor
    """The corrected views (v_events, v_event_incidents, …) again in the archive schema, over its tables: a view
    reads the tables of its own schema first, so those of main would not see the archive."""
    from core.corrections import create_views
    from core.incidents import create_view
    cur.execute("SET schema = 'archive'")
    try:
        create_views(cur)
        create_view(cur)
    finally:
        cur.execute("SET schema = 'main'")


def detach_archive(store: Store) -> None:
    cur = store.con.cursor()
    cur.execute("DROP SCHEMA IF EXISTS archive CASCADE")
    summaries.forget(cur, "archive")
    cur.execute("DELETE FROM main.meta WHERE key IN ('archive.attached', 'archive.mode')")


def _set_meta(cur, values: dict[str, str]) -> None:  # noqa: ANN001 - a DuckDB cursor
    for k, v in values.items():
        cur.execute("INSERT OR REPLACE INTO main.meta VALUES (?, ?)", [k, v])
