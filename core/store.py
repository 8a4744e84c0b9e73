"""The embedded store: one DuckDB file with articles, events, statements, places and actors.

Ingest is one transaction per article and idempotent by article id (a content
hash). The schema carries a version number so that later changes can migrate it;
version 2 added ``ingest_failures`` and the Parquet archive (``core.archive``): copied in
by article id, or attached as the views of an ``archive`` schema that the store's
cursors read first (writes name ``main`` tables, so uploads still land in the file).
Writes in one process go through a lock; another process holding the file gets a
clear ``StoreError``; a damaged file is reported and never overwritten.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from core.model import ParsedArticle

SCHEMA_VERSION = 4  # 2: ingest_failures; 3: corrections, incident_members and the corrected views;
                    # 4: actors' parent, events' actor1_parent/actor2_parent (ADDED_COLUMNS)
DB_ENV = "EVENTDESK_DB"

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
CREATE TABLE IF NOT EXISTS incident_members (
    article_id VARCHAR, event_id VARCHAR, incident_id VARCHAR, admin1 VARCHAR, PRIMARY KEY (article_id, event_id));
CREATE INDEX IF NOT EXISTS incident_members_incident ON incident_members(incident_id);
CREATE TABLE IF NOT EXISTS incidents (
    incident_id VARCHAR PRIMARY KEY, date DATE, date_to DATE, event_type VARCHAR, mode VARCHAR, actor1 VARCHAR,
    actor1_country VARCHAR, actor2 VARCHAR, actor2_country VARCHAR, location VARCHAR, country VARCHAR, admin1 VARCHAR,
    lat DOUBLE, lon DOUBLE, geo_precision INTEGER, reported_by VARCHAR, sentence VARCHAR, n_events INTEGER,
    corrected BOOLEAN, n_sources INTEGER, sources VARCHAR, fatalities INTEGER, tolls INTEGER[], toll_conflict BOOLEAN,
    article_ids VARCHAR[], updated_at TIMESTAMP);
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


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why, in one line."""


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
    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path else default_path()
        self._lock = threading.RLock()
        self.read_only = read_only
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            msg = str(exc).splitlines()[0]
            if "lock" in msg.lower():
                raise StoreError(f"the store {self.path} is in use by another EventDesk process "
                                 f"(close it, or set {DB_ENV} to another file)") from None
            raise StoreError(f"the store {self.path} cannot be opened: {msg}") from None
        except duckdb.Error as exc:
            raise StoreError(f"the store {self.path} is damaged or not a DuckDB file ({type(exc).__name__}); "
                             f"it was left untouched: move it away or set {DB_ENV}") from None
        except OSError as exc:
            raise StoreError(f"the store {self.path} cannot be opened: {exc.strerror or exc}") from None
        if not read_only:
            self._migrate()

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
            from core.corrections import create_views
            from core.incidents import create_view
            create_views(self.con)
            create_view(self.con)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        if row is not None and int(row[0]) < 3:
            self.group()  # a store from before incidents: group what it holds once

    def _has_meta(self) -> bool:
        return bool(self.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'")
                    .fetchone()[0])

    def close(self) -> None:
        self.con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cur = self.con.cursor()
        if self.attached_archive():
            cur.execute("SET search_path = 'archive,main'")  # an attached archive's views shadow the tables
        return cur

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
            with self._lock:
                cur = self.con.cursor()
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
        with self._lock:
            cur = self.cursor()
            if cur.execute("SELECT 1 FROM articles WHERE id = ?", [art["id"]]).fetchone():
                return IngestResult(art["id"], "duplicate")
            cur.execute("BEGIN TRANSACTION")
            try:
                self._write_article(cur, doc, pipeline)
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise
        if group:
            self.group([art["id"]])
        return IngestResult(art["id"], "added", len(doc["events"]), len(doc["statements"]))

    def group(self, article_ids: list[str] | None = None) -> None:
        """Group these articles' events into incidents again (None: all of them)."""
        from core.incidents import regroup
        regroup(self, article_ids)

    def replace(self, doc: dict[str, Any], *, pipeline: str | None = None) -> IngestResult:
        """Put a re-parsed article's rows in place of its old ones, in one transaction (its corrections stay)."""
        aid = doc["article"]["id"]
        with self._lock:
            cur = self.cursor()
            first = cur.execute("SELECT ingested_at FROM articles WHERE id = ?", [aid]).fetchone()
            cur.execute("BEGIN TRANSACTION")
            try:
                for t in ("events", "statements", "places", "actors"):
                    cur.execute(f"DELETE FROM main.{t} WHERE article_id = ?", [aid])
                cur.execute("DELETE FROM main.articles WHERE id = ?", [aid])
                self._write_article(cur, doc, pipeline, ingested_at=first[0] if first else None)
                cur.execute("INSERT OR REPLACE INTO meta VALUES ('reparsed_at', ?)", [datetime.now(UTC).isoformat()])
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise
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
        results: list[IngestResult] = []
        with self._lock:
            cur = self.cursor()
            ids = [d["article"]["id"] for d in docs]
            have = {r[0] for r in cur.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
            fresh, seen = [], set()
            for d in docs:
                aid = d["article"]["id"]
                if aid in have or aid in seen:
                    results.append(IngestResult(aid, "duplicate"))
                    continue
                seen.add(aid)
                fresh.append(d)
                results.append(IngestResult(aid, "added", len(d["events"]), len(d["statements"])))
            if not fresh:
                return results
            now = datetime.now(UTC)
            frames = {
                "articles": pd.DataFrame([{**{k: d["article"].get(k) for k in ("id", "title", "language", "published",
                                                                                 "source", "url")},
                                           "text": d["article"].get("text", ""), "n_chars": d["article"]["n_chars"],
                                           "ingested_at": now, "pipeline": pipeline} for d in fresh]),
                "events": pd.DataFrame([{"article_id": d["article"]["id"], **e} for d in fresh for e in d["events"]],
                                       columns=EVENT_COLS),
                "statements": pd.DataFrame([{"article_id": d["article"]["id"], **x} for d in fresh for x in d["statements"]],
                                           columns=STATEMENT_COLS),
                "places": pd.DataFrame([{"article_id": d["article"]["id"], **p, "spans": json.dumps(p.get("spans", []))}
                                        for d in fresh for p in d["places"]], columns=PLACE_COLS),
                "actors": pd.DataFrame([{"article_id": d["article"]["id"], **a, "spans": json.dumps(a.get("spans", []))}
                                        for d in fresh for a in d["actors"]], columns=ACTOR_COLS),
            }
            cur.execute("BEGIN TRANSACTION")
            try:
                for table, df in frames.items():
                    if df.empty:
                        continue
                    cols = list(df.columns)
                    cur.register("_batch", df)
                    cur.execute(f"INSERT INTO main.{table} ({_q(cols)}) SELECT {_q(cols)} FROM _batch")
                    cur.unregister("_batch")
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise
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
        with self._lock:
            self.cursor().execute("INSERT OR REPLACE INTO main.geocache VALUES (?,?,?,?,?,?,?)",
                                  [query, v.get("canonical"), v.get("kind"), v.get("lat"), v.get("lon"), v.get("country"),
                                   datetime.now(UTC)])
