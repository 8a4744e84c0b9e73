"""Count tables kept at ingest: per day (and language) events, statements, actors and edges, for the big reads.

The overview, timeline, actors page and sidebar add up millions of rows when the store is large; these
tables hold the same sums by day, language and a few keys (thousands of rows): ``s_event_days`` (events
by type, their tolls and how many have a point), ``s_statement_days``, ``s_actor_days`` (an actor in a
role: acts, acted upon, speaks, speaks for) and ``s_edges`` (the network: who acts on whom, who speaks
of whom). They are kept over the *parsed* tables: every write of parsed rows (ingest, re-parse, an
archive copied in or attached) adds its rows' counts, and a re-parse first takes the old ones away, so
a key can have several rows and readers sum them. The analyst's corrections are applied on read
(``adjusted``): the parsed counts of the few corrected articles are taken away and their corrected
rows' counts added, so a correction or an undo needs no upkeep and reads stay exact.

A table is used only when its stamp (the rows counted when it was last kept) matches the store's:
a write that went around ``Store`` leaves them unused (the queries then read the rows) until
``rebuild``. Only the filters these keys can answer use them: dates and languages (and event types
for the event counts); an actor, a text search or chosen articles read the rows.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import duckdb

# the articles whose counts a live correction changes: its rows corrected, or the article itself rejected
_REJECTED = "(target = 'article' AND action = 'reject')"
EVENT_TOUCHED = f"SELECT article_id FROM corrections WHERE undone_at IS NULL AND (target = 'event' OR {_REJECTED})"
STATEMENT_TOUCHED = f"SELECT article_id FROM corrections WHERE undone_at IS NULL AND (target = 'statement' OR {_REJECTED})"
ANY_TOUCHED = ("SELECT article_id FROM corrections WHERE undone_at IS NULL "
               f"AND (target IN ('event', 'statement') OR {_REJECTED})")


@dataclass(frozen=True)
class Summary:
    """A count table: its keys and summed values, and the rows it counts (one per contribution) as SQL over
    ``{events}``, ``{statements}`` and ``{articles}``, restricted by ``{only}`` (a condition on ``x.article_id``)."""
    name: str
    keys: tuple[tuple[str, str], ...]   # (column, type)
    values: tuple[str, ...]             # BIGINT sums
    rows: str
    touched: str | None                 # the articles whose corrections change these counts (None: none do)

    def ddl(self, schema: str) -> str:
        cols = ", ".join([f'"{k}" {t}' for k, t in self.keys] + [f'"{v}" BIGINT' for v in self.values])
        return f"CREATE TABLE IF NOT EXISTS {schema}.{self.name} ({cols})"

    def grouped(self, *, schema: str = "", events: str = "", statements: str = "", articles: str = "",
                only: str, sign: int = 1) -> str:
        """The counts of the rows ``only`` picks, times ``sign``; tables of ``schema``, or as named."""
        at = f"{schema}." if schema else ""
        keys = ", ".join(k for k, _ in self.keys)
        sums = ", ".join(f"{sign} * sum({v}) AS {v}" for v in self.values)
        body = self.rows.format(events=events or f"{at}events", statements=statements or f"{at}statements",
                                articles=articles or f"{at}articles", places=f"{at}places", only=only)
        return f"SELECT {keys}, {sums} FROM ({body}) GROUP BY ALL"


_LANG = "LEFT JOIN {articles} a ON a.id = x.article_id"
_ACTOR_ROWS = (
    f"SELECT x.date, a.language, 'acts' AS role, x.actor1 AS actor, 1 AS n FROM {{events}} x {_LANG} WHERE {{only}} "
    f"UNION ALL SELECT x.date, a.language, 'acted upon', x.actor2, 1 FROM {{events}} x {_LANG} WHERE {{only}} "
    f"UNION ALL SELECT x.date, a.language, 'speaks', x.speaker, 1 FROM {{statements}} x {_LANG} WHERE {{only}} "
    f"UNION ALL SELECT x.date, a.language, 'speaks for', x.speaker_actor, 1 FROM {{statements}} x {_LANG} "
    "WHERE {only} AND x.speaker_actor IS NOT NULL AND x.speaker_actor <> x.speaker")
_EDGE_ROWS = (
    f"SELECT x.date, a.language, x.actor1 AS source, x.actor2 AS target, x.event_type AS kind, 1 AS n "
    f"FROM {{events}} x {_LANG} WHERE {{only}} AND x.actor1 IS NOT NULL AND x.actor2 IS NOT NULL "
    "UNION ALL SELECT x.date, a.language, x.speaker, x.target, 'STATEMENT', 1 FROM "
    "(SELECT article_id, date, speaker, unnest(targets) AS target FROM {statements} x WHERE {only}) x "
    f"{_LANG} WHERE x.target <> x.speaker")
_ACTOR = (("role", "VARCHAR"), ("actor", "VARCHAR"))
_EDGE = (("source", "VARCHAR"), ("target", "VARCHAR"), ("kind", "VARCHAR"))
_DAY = (("date", "DATE"), ("language", "VARCHAR"))
SUMMARIES = (
    Summary("s_event_days", (*_DAY, ("event_type", "VARCHAR")),
            ("n", "fatalities", "located"),
            "SELECT x.date, a.language, x.event_type, 1 AS n, x.fatalities, "
            "CAST(x.lat IS NOT NULL AND x.lon IS NOT NULL AS INTEGER) AS located "
            f"FROM {{events}} x {_LANG} WHERE {{only}}", EVENT_TOUCHED),
    Summary("s_statement_days", _DAY, ("n",),
            f"SELECT x.date, a.language, 1 AS n FROM {{statements}} x {_LANG} WHERE {{only}}", STATEMENT_TOUCHED),
    # actors and edges by day, and over all days (what an unfiltered page reads: far fewer rows)
    Summary("s_actor_days", _DAY + _ACTOR, ("n",), _ACTOR_ROWS, ANY_TOUCHED),
    Summary("s_actors", (("language", "VARCHAR"), *_ACTOR), ("n",), _ACTOR_ROWS, ANY_TOUCHED),
    Summary("s_edges", _DAY + _EDGE, ("n",), _EDGE_ROWS, ANY_TOUCHED),
    Summary("s_edge_totals", (("language", "VARCHAR"), *_EDGE), ("n",), _EDGE_ROWS, ANY_TOUCHED),
    # places over all articles: each name and point with its mentions, and how many articles name the place
    # (an article counts once per place: articles are only ever added or taken away whole)
    Summary("s_place_forms", (("canonical", "VARCHAR"), ("kind", "VARCHAR"), ("name", "VARCHAR"), ("lat", "DOUBLE"),
                              ("lon", "DOUBLE"), ("country", "VARCHAR")), ("mentions", "n"),
            "SELECT x.canonical, x.kind, x.name, x.lat, x.lon, x.country, x.mentions, 1 AS n FROM {places} x "
            "WHERE {only}", None),
    Summary("s_place_articles", (("canonical", "VARCHAR"), ("kind", "VARCHAR")), ("articles",),
            "SELECT DISTINCT x.article_id, x.canonical, x.kind, 1 AS articles FROM {places} x WHERE {only}", None),
)
BY_NAME = {s.name: s for s in SUMMARIES}
# part of the stamp: tables kept under other definitions are counted again
DEFINITION = hashlib.sha1(repr(SUMMARIES).encode()).hexdigest()[:12]


def _ids(ids_sql: str) -> str:
    return f"x.article_id IN ({ids_sql})"


def _schemas(cur: Any) -> list[str]:
    """The schemas whose tables are read: main, and the attached archive's when there is one."""
    have = cur.execute("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'archive'").fetchall()[0][0]
    return ["main", "archive"] if have else ["main"]


def _stamp(cur: Any) -> str:
    """What the count tables must have counted: the store's own rows and its last re-parse. An attached
    archive's files are fixed when it is attached, so its views change only with the store's own rows."""
    row = cur.execute("SELECT (SELECT count(*) FROM main.articles), (SELECT count(*) FROM main.events), "
                      "(SELECT count(*) FROM main.statements), "
                      "(SELECT value FROM main.meta WHERE key = 'reparsed_at')").fetchall()[0]
    return "|".join([DEFINITION, *(str(x) for x in row)])


def _set_stamp(cur: Any, schema: str) -> None:
    cur.execute("INSERT OR REPLACE INTO main.meta VALUES (?, ?)", [f"summaries.{schema}", _stamp(cur)]).fetchall()


def forget(cur: Any, schema: str) -> None:
    cur.execute("DELETE FROM main.meta WHERE key = ?", [f"summaries.{schema}"]).fetchall()


def create(cur: Any, schema: str = "main") -> None:
    for s in SUMMARIES:
        cur.execute(s.ddl(schema))


def rebuild(cur: Any, schema: str = "main") -> None:
    """Count every row of ``schema`` again (a new or migrated store, an archive attached)."""
    create(cur, schema)
    for s in SUMMARIES:
        cur.execute(f"DELETE FROM {schema}.{s.name}").fetchall()
        cur.execute(f"INSERT INTO {schema}.{s.name} " + s.grouped(schema=schema, only="true")).fetchall()
    _set_stamp(cur, schema)


def readable(store: Any) -> bool:
    """Whether the count tables the store's reads see are up to date."""
    return ready(store.cursor(), "archive" if store.attached_archive() else "main")


def ready(cur: Any, schema: str) -> bool:
    try:
        rows = cur.execute("SELECT value FROM main.meta WHERE key = ?", [f"summaries.{schema}"]).fetchall()
        return bool(rows) and rows[0][0] == _stamp(cur)
    except duckdb.CatalogException:  # a read-only store from before the count tables
        return False


def keep_up(cur: Any) -> None:
    """Count again whatever is not up to date (a store opened for writing)."""
    for schema in _schemas(cur):
        if not ready(cur, schema):
            rebuild(cur, schema)


class Upkeep:
    """Keep the count tables through one write of parsed rows, inside its transaction::

        keep = Upkeep(cur, ids)   # before: a re-parse takes the old rows' counts away (``replacing=True``)
        ... write the rows ...
        keep.done()               # after: the new rows' counts are added, the stamps renewed

    Tables that were not up to date before the write are counted again whole instead.
    """

    def __init__(self, cur: Any, article_ids: list[str] | str, *, replacing: bool = False):
        self.cur = cur
        self.ids = article_ids
        self.schemas = _schemas(cur)
        self.fresh = {s: ready(cur, s) for s in self.schemas}
        if replacing:
            self._add(-1)

    def _only(self) -> tuple[str, list[Any]]:
        if isinstance(self.ids, str):  # SQL naming the ids (a temporary table)
            return _ids(self.ids), []
        return "list_contains(?, x.article_id)", [list(self.ids)]

    def _add(self, sign: int) -> None:
        only, params = self._only()
        for schema in self.schemas:
            if not self.fresh[schema]:
                continue
            for s in SUMMARIES:
                sql = s.grouped(schema=schema, only=only, sign=sign)
                n_only = s.rows.count("{only}")
                self.cur.execute(f"INSERT INTO {schema}.{s.name} {sql}", params * n_only).fetchall()

    def done(self) -> None:
        self._add(1)
        for schema in self.schemas:
            if self.fresh[schema]:
                _set_stamp(self.cur, schema)
            else:
                rebuild(self.cur, schema)


def corrected(cur: Any) -> bool:
    """Whether any correction is live (else the count tables are read as they are)."""
    return bool(cur.execute("SELECT count(*) FROM main.corrections WHERE undone_at IS NULL").fetchall()[0][0])


def adjusted(name: str, corrections: bool = True) -> str:
    """SQL for a count table with the live corrections applied: its rows, minus the parsed counts of the
    corrected articles, plus the counts of their corrected rows (views ``v_events``, ``v_statements``).
    Unqualified names: the schema read first (an attached archive's) is the one counted. ``corrections=False``:
    none is live, the table as it is."""
    s = BY_NAME[name]
    if s.touched is None or not corrections:
        return name
    only = _ids(s.touched)
    minus = s.grouped(only=only, sign=-1)
    plus = s.grouped(events="v_events", statements="v_statements", articles="v_articles", only=only)
    return f"(SELECT * FROM {name} UNION ALL {minus} UNION ALL {plus})"
