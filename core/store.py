"""The embedded store: one DuckDB file with articles, events, statements, places and actors.

Ingest is one transaction per article and idempotent by article id (a content
hash). The schema carries a version number so that later changes can migrate it;
version 2 added ``ingest_failures`` and the Parquet archive (``core.archive``): copied in
by article id, or attached as the views of an ``archive`` schema that the store's
cursors read first (writes name ``main`` tables, so uploads still land in the file).

Sharing and faults: DuckDB lets one process at a time open the file, so a store
holds its connection only while it is used and closes it after ``IDLE_CLOSE_S``
idle; an open waits up to ``LOCK_WAIT_S`` for another process (the dashboard and
``core ingest`` take turns). Before each write the file is checked (deleted or
replaced since it was opened: ``StoreError``, nothing written to a ghost); a full
disk and a read-only disk are one-line ``StoreError``s; a store that cannot be
written is opened read-only (``read_only_reason`` says why). A damaged file is
reported and never overwritten.
"""
from __future__ import annotations

import errno
import json
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from core.errors import StoreError
from core.model import ParsedArticle
from core.summaries import Upkeep

SCHEMA_VERSION = 5  # 2: ingest_failures; 3: corrections, incident_members and the corrected views;
                    # 4: actors' parent, events' actor1_parent/actor2_parent (ADDED_COLUMNS);
                    # 5: the count tables (core.summaries)
DB_ENV = "EVENTDESK_DB"
IDLE_CLOSE_S = 1.0  # close the file this long after its last use, so another process can open it
LOCK_WAIT_S = 10.0  # wait this long for another process to let go of the file

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, language VARCHAR, published DATE, source VARCHAR, url VARCHAR,
    text VARCHAR, n_chars INTEGER, ingested_at TIMESTAMP, pipeline VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR, id VARCHAR, event_type VARCHAR, mode VARCHAR, date DATE, date_precision VARCHAR,
    actor1 VARCHAR, actor2 VARCHAR, actor1_country VARCHAR, actor2_country VARCHAR, location VARCHAR,
    country VARCHAR, lat DOUBLE, lon DOUBLE, geo_precision INTEGER, fatalities INTEGER, reported_by VARCHAR,
    trigger VARCHAR, sentence VARCHAR, start INTEGER, "end" INTEGER, locations VARCHAR[], date_source VARCHAR,
    PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS statements (
    article_id VARCHAR, id VARCHAR, speaker VARCHAR, speaker_role VARCHAR, speaker_actor VARCHAR, quote VARCHAR,
    kind VARCHAR, verb VARCHAR, channel VARCHAR, targets VARCHAR[], reported_by VARCHAR, date DATE,
    start INTEGER, "end" INTEGER, quote_start INTEGER, quote_end INTEGER, PRIMARY KEY (article_id, id));
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR, name VARCHAR, canonical VARCHAR, kind VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR,
    geonames_id BIGINT, mentions INTEGER, forms VARCHAR[], spans VARCHAR, geo_precision INTEGER);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR, name VARCHAR, type VARCHAR, country VARCHAR, aliases VARCHAR[], role VARCHAR,
    mentions INTEGER, spans VARCHAR);
CREATE TABLE IF NOT EXISTS geocache (
    query VARCHAR PRIMARY KEY, canonical VARCHAR, kind VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR,
    fetched_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS ingest_failures (file VARCHAR, reason VARCHAR, failed_at TIMESTAMP, engine VARCHAR);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS statements_date ON statements(date);
CREATE SEQUENCE IF NOT EXISTS correction_ids;
CREATE TABLE IF NOT EXISTS corrections (
    id BIGINT PRIMARY KEY, target VARCHAR, article_id VARCHAR, anchor VARCHAR, action VARCHAR, field VARCHAR,
    old VARCHAR, new VARCHAR, made_at TIMESTAMP, who VARCHAR, undone_at TIMESTAMP, undone_by VARCHAR);
"""

# columns added to the tables after schema 3; an older store gains them on opening
ADDED_COLUMNS = {"events": [("actor1_parent", "VARCHAR"), ("actor2_parent", "VARCHAR"), ("fatalities_qualifier", "VARCHAR"),
                            ("actor1_from", "VARCHAR"), ("actor2_from", "VARCHAR"), ("location_from", "VARCHAR")],
                 "actors": [("parent", "VARCHAR")]}
EVENT_COLS = ["article_id", "id", "event_type", "mode", "date", "date_precision", "actor1", "actor2", "actor1_country",
              "actor2_country", "location", "country", "lat", "lon", "geo_precision", "fatalities", "reported_by",
              "trigger", "sentence", "start", "end", "locations", "date_source", "actor1_parent", "actor2_parent",
              "fatalities_qualifier", "actor1_from", "actor2_from", "location_from"]
STATEMENT_COLS = ["article_id", "id", "speaker", "speaker_role", "speaker_actor", "quote", "kind", "verb", "channel",
                  "targets", "reported_by", "date", "start", "end", "quote_start", "quote_end"]
PLACE_COLS = ["article_id", "name", "canonical", "kind", "lat", "lon", "country", "geonames_id", "mentions", "forms",
              "spans", "geo_precision"]
ACTOR_COLS = ["article_id", "name", "type", "country", "aliases", "role", "mentions", "spans", "parent"]


def default_path() -> Path:
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".eventdesk" / "eventdesk.duckdb"


@dataclass
class IngestResult:
    article_id: str
    status: str  # "added" | "duplicate"
    events: int = 0
    statements: int = 0


def _q(cols: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in cols)


class Store:
    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 idle_close_s: float | None = IDLE_CLOSE_S, lock_wait_s: float = LOCK_WAIT_S):
        self.path = Path(path) if path else default_path()
        self.in_memory = str(path) == ":memory:"
        self._lock = threading.RLock()
        self.read_only = read_only
        self.read_only_reason: str | None = "opened read-only" if read_only else None
        self.lock_wait_s = lock_wait_s
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last = time.monotonic()
        self._inode: int | None = None
        self._closed = False
        self._uid: str | None = None  # meta 'store_uid': tells this file from another put in its place
        with self._lock:
            self._open(create=True)
            if not self.read_only:
                self._migrate()
            self._uid = self._read_uid() or (None if self.read_only else self._new_uid())
        if idle_close_s is not None and not self.in_memory:  # closing a memory store would lose it
            threading.Thread(target=_close_when_idle, args=(weakref.ref(self), idle_close_s), daemon=True,
                             name=f"store-idle-{self.path.name}").start()

    # -- the file: open, share, check ------------------------------------------
    def _open(self, *, create: bool) -> None:
        """Connect (the first time creating the file if need be); wait while another process holds it."""
        if self.in_memory:
            self._con = duckdb.connect(":memory:")
            return
        if not create and not self.path.exists():
            raise StoreError(self._gone_message())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"the store's folder {self.path.parent} cannot be created: {exc.strerror or exc}") from None
        if not self.read_only and self.path.exists() and not os.access(self.path, os.W_OK):
            on_ro_disk = bool(os.statvfs(self.path).f_flag & os.ST_RDONLY)
            self._fall_back_to_read_only("the disk is read-only" if on_ro_disk else "this user may not write the file")
        deadline = time.monotonic() + self.lock_wait_s
        while True:
            try:
                self._con = duckdb.connect(str(self.path), read_only=self.read_only)
                break
            except duckdb.IOException as exc:
                msg = str(exc).splitlines()[0]
                if "lock" in msg.lower():
                    if time.monotonic() < deadline:
                        time.sleep(0.2)
                        continue
                    raise StoreError(f"the store {self.path} is in use by another EventDesk process that did not let "
                                     f"go of it within {self.lock_wait_s:g} s (close it, or set {DB_ENV} to another "
                                     "file)") from None
                if not self.read_only and self.path.exists() and _is_read_only_error(msg):
                    self._fall_back_to_read_only(_fault_words(msg))
                    continue
                raise StoreError(f"the store {self.path} cannot be opened: {msg}") from None
            except duckdb.Error as exc:
                raise StoreError(f"the store {self.path} is damaged or not a DuckDB file ({type(exc).__name__}); "
                                 f"it was left untouched: move it away or set {DB_ENV}") from None
            except OSError as exc:
                raise StoreError(f"the store {self.path} cannot be opened: {exc.strerror or exc}") from None
        self._inode = self._inode or os.stat(self.path).st_ino
        if self._uid is not None and self._read_uid() != self._uid:
            self._con.close()
            self._con = None
            raise StoreError(self._replaced_message())

    def _read_uid(self) -> str | None:
        try:
            row = self._con.execute("SELECT value FROM meta WHERE key = 'store_uid'").fetchone()  # type: ignore[union-attr]
        except duckdb.Error:  # a store from before the uid, or no meta table yet
            return None
        return row[0] if row else None

    def _new_uid(self) -> str:
        import uuid
        uid = uuid.uuid4().hex
        self._con.execute("INSERT OR REPLACE INTO meta VALUES ('store_uid', ?)", [uid])  # type: ignore[union-attr]
        return uid

    def _replaced_message(self) -> str:
        return (f"the store file {self.path} was replaced by another file while EventDesk was running; nothing was "
                "written — restart EventDesk to use the new file")

    def _fall_back_to_read_only(self, why: str) -> None:
        self.read_only = True
        self.read_only_reason = why

    def _gone_message(self) -> str:
        return (f"the store file {self.path} is gone (deleted or moved while EventDesk was running); nothing was "
                "written — restore the file, or restart EventDesk to begin a new store there")

    def check(self) -> None:
        """Raise StoreError if the file was deleted or replaced since this store opened it."""
        if self.in_memory:
            return
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError:
            self._drop()
            raise StoreError(self._gone_message()) from None
        if self._inode is not None and inode != self._inode:
            self._drop()
            raise StoreError(self._replaced_message())

    def _drop(self) -> None:
        with self._lock:
            if self._con is not None and self._users == 0:
                self._con.close()
                self._con = None

    @contextmanager
    def _use(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            if self._closed:
                raise StoreError(f"the store {self.path} was closed")
            if self._con is None:
                self._open(create=False)
            self._users += 1
            con = self._con
        try:
            yield con  # type: ignore[misc]
        finally:
            self._release()

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            self._last = time.monotonic()

    def _close_if_idle(self, idle_s: float) -> None:
        if not self._lock.acquire(blocking=False):  # a write or an archive operation is under way
            return
        try:
            if self._con is not None and self._users == 0 and time.monotonic() - self._last >= idle_s:
                self._con.close()
                self._con = None
        finally:
            self._lock.release()

    @contextmanager
    def _writing(self, lost: str = "nothing of it was stored") -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one write, after checking the file; disk faults become one-line StoreErrors."""
        if self.read_only:
            raise StoreError(f"the store {self.path} is read-only ({self.read_only_reason}); nothing was written")
        self.check()
        with self._use() as con:
            try:
                yield con
            except duckdb.Error as exc:
                fault = _chain_fault(exc)
                if fault:
                    raise StoreError(f"the store {self.path} could not be written: {fault}; {lost}") from None
                raise

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection (opened if need be); prefer df/scalar/cursor, which keep the file open while used."""
        with self._use() as con:
            return con  # _use marks it used now: the idle closer leaves it open for IDLE_CLOSE_S at least

    def _migrate(self) -> None:
        with self._lock:
            row = (self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                   if self._has_meta() else None)
            if row is not None and int(row[0]) > SCHEMA_VERSION:
                raise StoreError(f"the store {self.path} was written by a newer EventDesk (schema {row[0]})")
            self.con.execute(SCHEMA)  # every table is IF NOT EXISTS: an older store gains the new ones
            for table, cols in ADDED_COLUMNS.items():
                for col, typ in cols:
                    self.con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {col} {typ}")
            from core import summaries
            from core.corrections import create_views
            from core.incidents import create_tables, create_view
            create_tables(self.con)  # incident_members and incidents (derived, core.incidents)
            create_views(self.con)
            create_view(self.con)
            summaries.create(self.con)
            summaries.keep_up(self.con)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        if row is not None and int(row[0]) < 3:
            self.group()  # a store from before incidents: group what it holds once

    def _has_meta(self) -> bool:
        return bool(self.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'")
                    .fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._con is not None:
                self._con.close()
                self._con = None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor; the file stays open until the cursor is dropped."""
        with self._lock:
            with self._use() as con:
                cur = con.cursor()
                self._users += 1
            weakref.finalize(cur, self._release)
            if self.attached_archive():
                cur.execute("SET search_path = 'archive,main'")  # an attached archive's views shadow the tables
        return cur

    def execute(self, sql: str, params: list[Any] | None = None) -> None:
        """One write statement (settings, caches), checked like every write."""
        with self._lock, self._writing():
            self.cursor().execute(sql, params or [])

    # -- the Parquet archive (core.archive) -------------------------------------
    def attached_archive(self) -> str | None:
        """The folder of the archive attached in place (its views read it), or None."""
        if not hasattr(self, "_attached"):
            try:
                row = self.con.execute("SELECT value FROM meta WHERE key = 'archive.attached'").fetchone()
            except duckdb.CatalogException:  # a read-only file that never had a meta table
                row = None
            self._attached = row[0] if row else None
        return self._attached

    def import_archive(self, root: str | Path, *, group: bool = True) -> dict[str, int]:
        """Copy an archive's finished partitions into the store, idempotently by article id (rows added per table);
        with ``group`` the new events are then grouped into incidents."""
        from core.archive.store_io import import_archive
        with self._lock:
            return import_archive(self, Path(root), group=group)

    def attach_archive(self, root: str | Path) -> None:
        """Read an archive in place (too large to copy): views over its Parquet files and the store's own rows."""
        from core.archive.store_io import attach_archive
        with self._lock:
            attach_archive(self, Path(root))
            self.__dict__.pop("_attached", None)

    def detach_archive(self) -> None:
        from core.archive.store_io import detach_archive
        with self._lock:
            detach_archive(self)
            self.__dict__.pop("_attached", None)

    def record_failures(self, failures: list[tuple[str, str]], *, engine: str) -> None:
        """One row per file that could not be parsed (``ingest_failures``), queryable after the run; a file
        failing again for the same reason is not recorded twice."""
        if failures:
            with self._lock, self._writing():
                cur = self.cursor()
                cur.register("_failed", pd.DataFrame(failures, columns=["file", "reason"]).astype("string"))
                cur.execute("INSERT INTO main.ingest_failures SELECT DISTINCT file, reason, ?, ? FROM _failed f "
                            "WHERE NOT EXISTS (SELECT 1 FROM main.ingest_failures g WHERE g.file = f.file "
                            "AND g.reason = f.reason)", [datetime.now(UTC), engine])

    # -- writing -------------------------------------------------------------
    def ingest(self, parsed: ParsedArticle | dict[str, Any], *, pipeline: str | None = None,
               group: bool = True) -> IngestResult:
        """Store one parsed article in one transaction; an article already stored is left as it is.

        With ``group`` its events are then grouped into incidents with what is stored (core.incidents).
        """
        doc = parsed.to_dict(with_text=True) if isinstance(parsed, ParsedArticle) else parsed
        art = doc["article"]
        with self._lock, self._writing():
            cur = self.cursor()
            if cur.execute("SELECT 1 FROM articles WHERE id = ?", [art["id"]]).fetchone():
                return IngestResult(art["id"], "duplicate")
            with _transaction(cur, [art["id"]]):
                self._write_article(cur, doc, pipeline)
        if group:
            self.group([art["id"]])
        return IngestResult(art["id"], "added", len(doc["events"]), len(doc["statements"]))

    def group(self, article_ids: list[str] | None = None) -> None:
        """Group these articles' events into incidents again (None: all of them)."""
        from core.incidents import regroup
        with self._lock, self._writing("the articles are stored, their incidents not yet grouped"):
            regroup(self, article_ids)

    def replace(self, doc: dict[str, Any], *, pipeline: str | None = None) -> IngestResult:
        """Put a re-parsed article's rows in place of its old ones, in one transaction (its corrections stay)."""
        aid = doc["article"]["id"]
        with self._lock, self._writing():
            cur = self.cursor()
            first = cur.execute("SELECT ingested_at FROM articles WHERE id = ?", [aid]).fetchone()
            with _transaction(cur, [aid], replacing=True):
                for t in ("events", "statements", "places", "actors"):
                    cur.execute(f"DELETE FROM main.{t} WHERE article_id = ?", [aid])
                cur.execute("DELETE FROM main.articles WHERE id = ?", [aid])
                self._write_article(cur, doc, pipeline, ingested_at=first[0] if first else None)
                cur.execute("INSERT OR REPLACE INTO main.meta VALUES ('reparsed_at', ?)", [datetime.now(UTC).isoformat()])
        return IngestResult(aid, "added", len(doc["events"]), len(doc["statements"]))

    def _write_article(self, cur: duckdb.DuckDBPyConnection, doc: dict[str, Any], pipeline: str | None,
                       ingested_at: datetime | None = None) -> None:
        art = doc["article"]
        cur.execute("INSERT INTO main.articles VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [art["id"], art.get("title"), art["language"], art.get("published"), art.get("source"),
                     art.get("url"), art.get("text", ""), art["n_chars"], ingested_at or datetime.now(UTC), pipeline])
        self._insert(cur, "events", EVENT_COLS, [{"article_id": art["id"], **e} for e in doc["events"]])
        self._insert(cur, "statements", STATEMENT_COLS, [{"article_id": art["id"], **s} for s in doc["statements"]])
        self._insert(cur, "places", PLACE_COLS, [{"article_id": art["id"], **p, "spans": json.dumps(p.get("spans", []))}
                                                for p in doc["places"]])
        self._insert(cur, "actors", ACTOR_COLS, [{"article_id": art["id"], **a, "spans": json.dumps(a.get("spans", []))}
                                                for a in doc["actors"]])

    def ingest_many(self, docs: list[dict[str, Any]], *, pipeline: str | None = None,
                    group: bool = True) -> list[IngestResult]:
        """Store a batch of parsed documents in one transaction (bulk loads): all of it or none of it.

        Articles already stored, or repeated in the batch, are skipped as duplicates. With ``group`` the
        new events are grouped into incidents afterwards; bulk loads pass False and call ``group`` once.
        """
        with self._lock, self._writing():
            cur = self.cursor()
            fresh, results = _fresh(cur, docs)
            if not fresh:
                return results
            frames = _frames(fresh, pipeline)
            with _transaction(cur, [d["article"]["id"] for d in fresh]):
                for table, df in frames.items():
                    if df.empty:
                        continue
                    cols = list(df.columns)
                    cur.register("_batch", df)
                    cur.execute(f"INSERT INTO main.{table} ({_q(cols)}) SELECT {_q(cols)} FROM _batch")
                    cur.unregister("_batch")
        if group:
            self.group([d["article"]["id"] for d in fresh])
        return results

    @staticmethod
    def _insert(cur: duckdb.DuckDBPyConnection, table: str, cols: list[str], rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        ph = ", ".join("?" for _ in cols)
        cur.executemany(f"INSERT INTO main.{table} ({_q(cols)}) VALUES ({ph})", [[r.get(c) for c in cols] for r in rows])

    # -- reading -------------------------------------------------------------
    def df(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        return self.cursor().execute(sql, params or []).df()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.cursor().execute(sql, params or []).fetchone()
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        tables = ("articles", "events", "statements", "places", "actors")
        return {t: int(self.scalar(f"SELECT count(*) FROM {t}")) for t in tables}

    # -- geocoder cache --------------------------------------------------------
    def geocache_get(self, query: str) -> dict[str, Any] | None:
        row = self.cursor().execute("SELECT canonical, kind, lat, lon, country FROM geocache WHERE query = ?", [query]).fetchone()
        if row is None:
            return None
        return dict(zip(("canonical", "kind", "lat", "lon", "country"), row, strict=False))

    def geocache_put(self, query: str, value: dict[str, Any] | None) -> None:
        v = value or {}
        self.execute("INSERT OR REPLACE INTO main.geocache VALUES (?,?,?,?,?,?,?)",
                     [query, v.get("canonical"), v.get("kind"), v.get("lat"), v.get("lon"), v.get("country"),
                      datetime.now(UTC)])


@contextmanager
def _transaction(cur: duckdb.DuckDBPyConnection, ids: list[str], replacing: bool = False) -> Iterator[None]:
    """One transaction that writes these articles' rows, with their count tables kept up (core.summaries):
    committed whole, or rolled back whole."""
    cur.execute("BEGIN TRANSACTION")
    try:
        keep = Upkeep(cur, ids, replacing=replacing)
        yield
        keep.done()
        cur.execute("COMMIT")
    except Exception:
        _rollback(cur)
        raise


def _fresh(cur: duckdb.DuckDBPyConnection, docs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[IngestResult]]:
    """The documents not stored yet and not repeated in the batch, and every document's result."""
    ids = [d["article"]["id"] for d in docs]
    have = {r[0] for r in cur.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
    fresh, seen, results = [], set(), []
    for d in docs:
        aid = d["article"]["id"]
        if aid in have or aid in seen:
            results.append(IngestResult(aid, "duplicate"))
            continue
        seen.add(aid)
        fresh.append(d)
        results.append(IngestResult(aid, "added", len(d["events"]), len(d["statements"])))
    return fresh, results


def _frames(fresh: list[dict[str, Any]], pipeline: str | None) -> dict[str, pd.DataFrame]:
    """The batch's rows, a frame per table."""
    now = datetime.now(UTC)

    def rows(key: str, cols: list[str], spans: bool = False) -> pd.DataFrame:
        return pd.DataFrame([{"article_id": d["article"]["id"], **r, **({"spans": json.dumps(r.get("spans", []))}
                                                                          if spans else {})}
                             for d in fresh for r in d[key]], columns=cols)

    articles = pd.DataFrame([{**{k: d["article"].get(k) for k in ("id", "title", "language", "published", "source",
                                                                   "url")},
                              "text": d["article"].get("text", ""), "n_chars": d["article"]["n_chars"],
                              "ingested_at": now, "pipeline": pipeline} for d in fresh])
    return {"articles": articles, "events": rows("events", EVENT_COLS), "statements": rows("statements", STATEMENT_COLS),
            "places": rows("places", PLACE_COLS, spans=True), "actors": rows("actors", ACTOR_COLS, spans=True)}


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    try:
        cur.execute("ROLLBACK")
    except duckdb.Error:  # a failed commit (a full disk) has rolled back already
        pass


_FAULTS = {errno.ENOSPC: "the disk is full (free some space and try again)",
           errno.EROFS: "the disk is read-only", errno.EACCES: "permission denied", errno.EDQUOT: "the disk quota is used up",
           errno.EIO: "the disk reported an input/output error", errno.EFBIG: "the file is too large for the disk"}


def _fault_words(msg: str) -> str | None:
    """The plain words for a disk fault in a DuckDB message (None: not a disk fault)."""
    low = msg.lower()
    for code, words in _FAULTS.items():
        if os.strerror(code).lower() in low:
            return words
    return None


def _chain_fault(exc: BaseException) -> str | None:
    """A disk fault anywhere in the chain (a failed commit, then a failed rollback of it)."""
    seen: BaseException | None = exc
    while seen is not None:
        fault = _fault_words(str(seen))
        if fault:
            return fault
        seen = seen.__context__ or seen.__cause__
    return None


def _is_read_only_error(msg: str) -> bool:
    low = msg.lower()
    return any(os.strerror(c).lower() in low for c in (errno.EROFS, errno.EACCES, errno.EPERM))


def _close_when_idle(ref: weakref.ref, idle_s: float) -> None:
    """Close a store's file once it has been idle for ``idle_s`` (until the store is closed or gone)."""
    while True:
        time.sleep(min(0.25, idle_s))
        store = ref()
        if store is None or store._closed:
            return
        store._close_if_idle(idle_s)
        del store
