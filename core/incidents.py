"""One incident, many articles: events from different articles that report the same thing, grouped.

Two events from different articles are the same incident when all of these hold
(an analyst's rule of thumb, as ACLED codes one event per incident with all its sources):

- the same PLOVER type;
- dates at most ``DAYS`` apart (undated events are never grouped);
- places: both points within ``RADIUS_KM``, or the same first-level region (admin1)
  when one of them is only known to that region; a country alone is not enough;
- actors: they share an actor or an actor's country, or one of them names no actor.

Groups are the connected parts of that relation, with the analyst's corrections
on top: a *merge* joins two events' incidents, a *split* takes an event out.
``incident_members`` holds each event's incident and its admin1. Grouping is
incremental: ``regroup(store, articles)`` takes those articles' events and the
incidents they were in, and links them to everything else; an incident keeps
its id while it has members outside what is regrouped, else its id is a hash of
its first member, so ids stay put as long as membership does.

The toll (``fatalities``) follows ACLED's rule: each source's figure is the
largest its article states for the incident, and the incident takes the
smallest of those (the most conservative stated figure); every stated figure is
kept in ``tolls``, and ``toll_conflict`` says when sources disagree.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from core import regions

if TYPE_CHECKING:
    from core.store import Store

RADIUS_KM = 25.0
DAYS = 1

COLS = ("article_id, id, anchor, event_type, date, actor1, actor2, actor1_country, actor2_country, location, "
        "country, lat, lon, geo_precision")
# events with their seniority: the earliest-stored member names an incident (ingest time, then article and anchor)
SRC = ("(SELECT e.*, strftime(a.ingested_at, '%Y%m%d%H%M%S%f') || ':' || e.article_id || ':' || e.anchor AS senior "
       "FROM v_events e JOIN articles a ON a.id = e.article_id)")
SPLIT = "(SELECT article_id, anchor FROM corrections WHERE target = 'incident' AND action = 'split' AND undone_at IS NULL)"


EARTH_KM = 6371.0


class _Nodes:
    """The comparable form of a set of events, as arrays: codes for what must match, points for what must be near.

    ``codes`` is shared by the sets compared with each other, so that equal names get equal codes."""

    def __init__(self, df: pd.DataFrame, codes: dict[str, dict], node: np.ndarray, split: set[tuple[str, str]]):
        def code(col: str, values) -> np.ndarray:
            table = codes.setdefault(col, {})
            values = pd.Series(values, dtype="string")
            for v in values.dropna().unique():  # the distinct values only: a loop over hundreds, not 270,000
                table.setdefault(v, len(table))
            return pd.Index(list(table), dtype="string").get_indexer(values).astype(np.int64)
        n = len(df)
        self.node = node
        day = pd.to_datetime(df["date"]).to_numpy(dtype="datetime64[D]")
        ok = ~np.isnat(day)
        if split:
            ok &= ~pd.MultiIndex.from_arrays([df["article_id"], df["anchor"]]).isin(list(split))
        self.ok = ok
        self.day = np.where(ok, day.astype("int64", copy=False) if n else np.zeros(0, np.int64), 0).astype(np.float64)
        self.type = code("type", df["event_type"])
        self.article = code("article", df["article_id"])
        self.a1, self.a2 = code("actor", df["actor1"]), code("actor", df["actor2"])
        self.c1, self.c2 = code("cc", df["actor1_country"]), code("cc", df["actor2_country"])
        self.region = code("region", df["country"].astype("string") + "\t" + df["admin1"].astype("string"))
        self.p = pd.to_numeric(df["geo_precision"], errors="coerce").fillna(9).to_numpy(dtype=np.int64)
        lat = pd.to_numeric(df["lat"], errors="coerce").to_numpy(dtype=np.float64)
        lon = pd.to_numeric(df["lon"], errors="coerce").to_numpy(dtype=np.float64)
        self.lat, self.lon = np.radians(lat), np.radians(lon)
        self.point = ok & (self.p == 1) & ~np.isnan(lat) & ~np.isnan(lon)
        self.in_region = ok & np.isin(self.p, (1, 2)) & (self.region >= 0)

    def xyz(self, rows: np.ndarray) -> np.ndarray:
        """Points on the sphere in km and the day scaled to the radius: within RADIUS_KM in each coordinate and
        DAYS apart is a Chebyshev distance of RADIUS_KM, and the ball of RADIUS_KM lies inside that box."""
        cl = np.cos(self.lat[rows])
        return np.column_stack([self.day[rows] * (RADIUS_KM / DAYS), EARTH_KM * cl * np.cos(self.lon[rows]),
                                EARTH_KM * cl * np.sin(self.lon[rows]), EARTH_KM * np.sin(self.lat[rows])])


def _by_type(left: _Nodes, lrows: np.ndarray, right: _Nodes, rrows: np.ndarray, same: bool, coords, r: float):
    """Index pairs (into left, into right) at most ``r`` apart in every coordinate of ``coords``, type by type."""
    from scipy.spatial import cKDTree
    out_i, out_j = [np.empty(0, np.int64)], [np.empty(0, np.int64)]
    for t in np.unique(left.type[lrows]):
        li = lrows[left.type[lrows] == t]
        ri = li if same else rrows[right.type[rrows] == t]
        if not len(li) or not len(ri):
            continue
        tl = cKDTree(coords(left, li))
        if same:
            pq = tl.query_pairs(r, p=np.inf, output_type="ndarray")
            out_i.append(li[pq[:, 0]])
            out_j.append(li[pq[:, 1]])
        else:
            m = tl.sparse_distance_matrix(cKDTree(coords(right, ri)), r, p=np.inf, output_type="ndarray")
            out_i.append(li[m["i"]])
            out_j.append(ri[m["j"]])
    return np.concatenate(out_i), np.concatenate(out_j)


def _region_pairs(pins: _Nodes, prows: np.ndarray, other: _Nodes, orows: np.ndarray):
    """Pairs (pin, row) of the same type and region at most DAYS apart: a hash join on (type, region, day)."""
    if not len(prows) or not len(orows):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    left = pd.DataFrame({"t": pins.type[prows], "g": pins.region[prows], "d": pins.day[prows].astype(np.int64),
                         "i": prows})
    right = pd.DataFrame({"t": other.type[orows], "g": other.region[orows], "d": other.day[orows].astype(np.int64),
                          "j": orows})
    shifted = pd.concat([left.assign(d=left["d"] + k) for k in range(-DAYS, DAYS + 1)], ignore_index=True)
    m = shifted.merge(right, on=["t", "g", "d"])
    return m["i"].to_numpy(dtype=np.int64), m["j"].to_numpy(dtype=np.int64)


def _linked(left: _Nodes, right: _Nodes, same: bool) -> np.ndarray:
    """Node pairs of events that report one incident, between ``left`` and ``right`` (the same set when ``same``)."""
    i, j = _by_type(left, np.flatnonzero(left.point), right, np.flatnonzero(right.point), same, _Nodes.xyz, RADIUS_KM)
    near = _km(left, i, right, j) <= RADIUS_KM
    found = [(i[near], j[near])]
    # a region pin (precision 2) is the same place as a point or a pin in that region
    x, y = _region_pairs(left, np.flatnonzero(left.in_region & (left.p == 2)), right, np.flatnonzero(right.in_region))
    found.append((x, y))
    if not same:
        x, y = _region_pairs(right, np.flatnonzero(right.in_region & (right.p == 2)), left,
                             np.flatnonzero(left.in_region & (left.p == 1)))
        found.append((y, x))
    i = np.concatenate([f[0] for f in found])
    j = np.concatenate([f[1] for f in found])
    keep = (left.article[i] != right.article[j]) & _actors_match(left, i, right, j)
    a, b = left.node[i[keep]].astype(np.int64), right.node[j[keep]].astype(np.int64)
    if same:
        a, b = np.minimum(a, b), np.maximum(a, b)
    width = int(max(a.max(initial=0), b.max(initial=0))) + 1
    keys = np.unique(a * width + b)  # one number per pair: unique on pairs of columns is ten times slower
    a, b = keys // width, keys % width
    return np.column_stack([a, b])[a != b]


def _km(left: _Nodes, i: np.ndarray, right: _Nodes, j: np.ndarray) -> np.ndarray:
    dlat, dlon = right.lat[j] - left.lat[i], right.lon[j] - left.lon[i]
    h = np.sin(dlat / 2) ** 2 + np.cos(left.lat[i]) * np.cos(right.lat[j]) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def _actors_match(left: _Nodes, i: np.ndarray, right: _Nodes, j: np.ndarray) -> np.ndarray:
    """They share an actor or an actor's country, or one of them names no actor."""
    def share(x1, x2, y1, y2):
        return ((x1 >= 0) & ((x1 == y1) | (x1 == y2))) | ((x2 >= 0) & ((x2 == y1) | (x2 == y2)))
    la1, la2, ra1, ra2 = left.a1[i], left.a2[i], right.a1[j], right.a2[j]
    nobody = ((la1 < 0) & (la2 < 0)) | ((ra1 < 0) & (ra2 < 0))
    return nobody | share(la1, la2, ra1, ra2) | share(left.c1[i], left.c2[i], right.c1[j], right.c2[j])


def regroup(store: Store, article_ids: list[str] | None = None) -> int:
    """Group these articles' events again (None: every event); returns how many events were grouped."""
    with store._lock:
        cur = store.cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            n = _regroup(cur, None if article_ids is None else sorted(set(article_ids)))
            cur.execute("COMMIT")
        except Exception:
            cur.execute("ROLLBACK")
            raise
    return n


def _regroup(cur, ids: list[str] | None) -> int:
    before: list[str] = []
    if ids is None:
        scope = _frame(cur.sql(f"SELECT {COLS}, senior FROM {SRC} ORDER BY article_id, id"))
    else:
        touched = ("SELECT DISTINCT incident_id FROM incident_members WHERE article_id IN (SELECT unnest(?))")
        before = [r[0] for r in cur.execute(touched, [ids]).fetchall()]
        scope = cur.execute(f"""SELECT {COLS}, senior FROM {SRC} e WHERE article_id IN (SELECT unnest(?))
            OR EXISTS (SELECT 1 FROM incident_members m WHERE m.article_id = e.article_id AND m.event_id = e.id
                       AND m.incident_id IN ({touched})) ORDER BY article_id, id""", [ids, ids]).df()
        cur.execute(f"DELETE FROM incident_members WHERE article_id IN (SELECT unnest(?)) OR incident_id IN ({touched})",
                    [ids, ids])
    if scope.empty:
        if ids is None:
            cur.execute("DELETE FROM incident_members")
        _refresh(cur, None if ids is None else before)
        return 0
    scope["admin1"] = regions.admin1(scope["lat"], scope["lon"], scope["geo_precision"], scope["location"],
                                     scope["country"])
    scope["node"] = np.arange(len(scope))
    split = {(x, y) for x, y in cur.execute(f"SELECT article_id, anchor FROM {SPLIT}").fetchall()}
    codes: dict[str, dict] = {}
    here = _Nodes(scope, codes, scope["node"].to_numpy(), split)
    pairs = [_linked(here, here, same=True)]
    rest = pd.DataFrame()
    if ids is not None:
        # only what could pair with the scope: the same type, a day or so apart
        cur.register("_scope", scope[["event_type", "date"]])
        try:
            rest = cur.execute(f"""SELECT e.{COLS.replace(', ', ', e.')}, e.senior, m.admin1, m.incident_id
                FROM {SRC} e JOIN incident_members m ON m.article_id = e.article_id AND m.event_id = e.id
                WHERE e.date BETWEEN (SELECT CAST(min(date) AS DATE) FROM _scope) - {DAYS}
                                 AND (SELECT CAST(max(date) AS DATE) FROM _scope) + {DAYS}
                  AND EXISTS (SELECT 1 FROM _scope s WHERE s.event_type = e.event_type
                              AND e.date BETWEEN CAST(s.date AS DATE) - {DAYS} AND CAST(s.date AS DATE) + {DAYS})
            """).df()
        finally:
            cur.unregister("_scope")
        if not rest.empty:
            inc = sorted(rest["incident_id"].unique())
            rest["node"] = len(scope) + pd.Index(inc).get_indexer(rest["incident_id"])
            pairs.append(_linked(here, _Nodes(rest, codes, rest["node"].to_numpy(), split), same=False))
    merges = _merge_edges(cur, scope, rest)
    edges = np.concatenate(pairs + [merges]).astype(np.int64)
    changed = _assign(cur, scope, rest, edges[:, 0], edges[:, 1], full=ids is None)
    _refresh(cur, None if ids is None else sorted(set(before) | changed))
    return len(scope)


def _frame(rel) -> pd.DataFrame:
    """A DuckDB relation as the frame ``.df()`` gives, through Arrow: five times faster on 270,000 events' strings
    (``.df()`` builds each string column element by element); dates as datetime64[us], as ``.df()`` has them."""
    frame = rel.to_arrow_table().to_pandas(date_as_object=False)
    for col in frame.columns:
        if str(frame[col].dtype).startswith("datetime64"):
            frame[col] = frame[col].astype("datetime64[us]")
    return frame


def _merge_edges(cur, scope: pd.DataFrame, rest: pd.DataFrame) -> np.ndarray:
    """The analyst's merges as edges between nodes (an event of the scope, or the incident of one outside it)."""
    m = cur.execute("SELECT article_id, anchor, new FROM corrections WHERE target = 'incident' AND action = 'merge' "
                    "AND undone_at IS NULL").fetchall()
    if not m:
        return np.empty((0, 2), dtype=np.int64)
    import json
    ends = [((x, y), tuple(json.loads(z))) for x, y, z in m]
    wanted = {k for pair in ends for k in pair}
    where: dict[tuple[str, str], int] = {}
    for df in (scope, rest):
        if not df.empty:
            where.update({k: int(n) for k, n in zip(zip(df["article_id"], df["anchor"], strict=True), df["node"],
                                                    strict=True) if k in wanted})
    edges = [(where[x], where[y]) for x, y in ends if x in where and y in where]
    return np.array(edges, dtype=np.int64).reshape(-1, 2)


def _assign(cur, scope: pd.DataFrame, rest: pd.DataFrame, a: np.ndarray, b: np.ndarray, *, full: bool) -> set[str]:
    """Write the scope's memberships (``full``: the whole table anew); returns every incident id whose members
    changed."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    inc = sorted(rest["incident_id"].unique()) if not rest.empty else []
    n = len(scope) + len(inc)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    scope_label = label[: len(scope)]
    # each part is named by its earliest-stored member: the incident that member was in, or a hash of it
    senior = scope["senior"].to_numpy(dtype=object)
    rank = np.empty(len(scope), dtype=np.int64)
    rank[scope["senior"].argsort().to_numpy()] = np.arange(len(scope))  # a string sort in Arrow, not in numpy
    order = np.lexsort((rank, scope_label))  # by part, then seniority
    first_of = np.ones(len(order), dtype=bool)
    first_of[1:] = scope_label[order][1:] != scope_label[order][:-1]
    firsts = dict(zip(scope_label[order][first_of].tolist(), senior[order][first_of].tolist(), strict=True))
    ids: dict[int, str] = {lab: "I" + hashlib.sha1(key.encode()).hexdigest()[:11] for lab, key in firsts.items()}
    changed: set[str] = set()
    if inc:
        rest_lab = label[len(scope):][rest["node"].to_numpy() - len(scope)]
        by = rest.assign(lab=rest_lab)
        by = by[by["lab"].isin(list(firsts))].sort_values("senior").drop_duplicates("incident_id")
        for lab, group in by.groupby("lab"):  # only the incidents the scope joined
            lab = int(lab)
            older = group.iloc[0]
            if older["senior"] < firsts[lab]:
                ids[lab] = older["incident_id"]
            for gone in group["incident_id"]:
                changed.add(gone)
                if gone != ids.get(lab, gone):
                    cur.execute("UPDATE incident_members SET incident_id = ? WHERE incident_id = ?", [ids[lab], gone])
    names = np.array([ids.get(lab, "") for lab in range(int(scope_label.max()) + 1)], dtype=object)
    rows = pd.DataFrame({"article_id": scope["article_id"], "event_id": scope["id"],
                         "incident_id": names[scope_label], "admin1": scope["admin1"]})
    cur.register("_members", rows)
    try:
        select = "SELECT article_id, event_id, incident_id, admin1 FROM _members"
        if full:  # a table written anew commits at once; deleting and inserting 270,000 rows took 10 s to commit
            _rebuild(cur, "incident_members", select)
        else:
            cur.execute(f"INSERT INTO incident_members {select}")
    finally:
        cur.unregister("_members")
    return changed | set(ids.values())


MEMBERS_DDL = "(article_id VARCHAR, event_id VARCHAR, incident_id VARCHAR, admin1 VARCHAR)"
INCIDENTS_DDL = """(
    incident_id VARCHAR, date DATE, date_to DATE, event_type VARCHAR, mode VARCHAR, actor1 VARCHAR,
    actor1_country VARCHAR, actor2 VARCHAR, actor2_country VARCHAR, location VARCHAR, country VARCHAR, admin1 VARCHAR,
    lat DOUBLE, lon DOUBLE, geo_precision INTEGER, reported_by VARCHAR, sentence VARCHAR, n_events INTEGER,
    corrected BOOLEAN, n_sources INTEGER, sources VARCHAR, fatalities INTEGER, tolls INTEGER[], toll_conflict BOOLEAN,
    article_ids VARCHAR[], updated_at TIMESTAMP)"""


def create_tables(con) -> None:
    """The derived tables (no keys: they are written whole or by incident, and keys made commits 10 s slower)."""
    con.execute(f"CREATE TABLE IF NOT EXISTS incident_members {MEMBERS_DDL}")
    con.execute(f"CREATE TABLE IF NOT EXISTS incidents {INCIDENTS_DDL}")


def _rebuild(cur, table: str, *selects: str) -> None:
    """Replace a derived table by the rows of ``selects`` (in the caller's transaction)."""
    ddl = MEMBERS_DDL if table == "incident_members" else INCIDENTS_DDL
    cur.execute(f"DROP TABLE IF EXISTS main.{table}_new")
    cur.execute(f"CREATE TABLE main.{table}_new {ddl}")
    for sql in selects:
        cur.execute(f"INSERT INTO main.{table}_new {sql}")
    cur.execute(f"DROP TABLE main.{table}")
    cur.execute(f"ALTER TABLE main.{table}_new RENAME TO {table}")


# -- reading ------------------------------------------------------------------
def incident_of(e: str) -> str:
    """SQL for the incident of event ``e`` (``m``: its incident_members row); one not grouped yet is its own."""
    return f"coalesce(m.incident_id, 'E' || {e}.article_id[:12] || '-' || {e}.id)"


def create_view(con) -> None:
    """``v_event_incidents``: every corrected event with its incident (an event not grouped yet is its own)."""
    con.execute(f"""CREATE OR REPLACE VIEW v_event_incidents AS
        SELECT e.*, {incident_of('e')} AS incident_id, m.admin1
        FROM v_events e LEFT JOIN incident_members m ON m.article_id = e.article_id AND m.event_id = e.id""")


INCIDENT_COLS = ["incident_id", "date", "date_to", "event_type", "mode", "actor1", "actor1_country", "actor2",
                 "actor2_country", "location", "country", "admin1", "lat", "lon", "geo_precision", "reported_by",
                 "sentence", "n_events", "corrected", "n_sources", "sources", "fatalities", "tolls", "toll_conflict",
                 "article_ids", "updated_at"]
_SOURCE = ("coalesce(outlet, 'unknown outlet') || ', ' || coalesce(strftime(article_date, '%Y-%m-%d'), 'undated') "
           "|| ': ' || coalesce(article_title, 'untitled') || coalesce(' (' || toll || ' killed)', '')")


def _members_sql(only: str) -> str:
    return f"""cnt AS (SELECT incident_id, count(*) AS n FROM incident_members {only} GROUP BY incident_id),
    mem AS MATERIALIZED (SELECT x.*, m.incident_id, m.admin1, cnt.n, a.title AS article_title, a.source AS outlet,
                   a.published AS article_date, a.ingested_at
            FROM cnt JOIN incident_members m USING (incident_id)
            JOIN v_events x ON x.article_id = m.article_id AND x.id = m.event_id
            JOIN v_articles a ON a.id = x.article_id)"""


def _with_members(only: str, made: str | None) -> str:
    """The WITH head that gives ``mem``: computed here, or read from a table a full rebuild made once."""
    return f"WITH mem AS (SELECT * FROM {made})" if made else f"WITH {_members_sql(only)}"


def _single_sql(only: str, made: str | None = None) -> str:
    """Incidents of one event (most of them): that event's row, no aggregation."""
    return f"""{_with_members(only, made)}
    SELECT incident_id, date, date AS date_to, event_type, mode, actor1, actor1_country, actor2, actor2_country,
           location, country, admin1, lat, lon, geo_precision, reported_by, sentence, 1 AS n_events, corrected,
           1 AS n_sources, {_SOURCE.replace('toll', 'fatalities')} AS sources, fatalities,
           CASE WHEN fatalities IS NULL THEN [] ELSE [fatalities] END AS tolls, false AS toll_conflict,
           [article_id] AS article_ids, ingested_at AS updated_at
    FROM mem WHERE n = 1"""


def _multi_sql(only: str, made: str | None = None) -> str:
    """Incidents of several events: sources, the ACLED toll, the most precise place."""
    # the most precise place, then the earliest date, then the article: one row's place, the same every time
    best = "{'p': coalesce(m.geo_precision, 9), 'd': m.date, 'a': m.article_id, 'i': m.id}"
    # the most common value of a column (list_aggregate over the group's list: faster than mode() here); a tie
    # goes to the earliest report's value, so the same members give the same incident every time
    first = "m.date, m.article_id, m.id"
    common = {c: f"list_aggregate(list(m.{c} ORDER BY {first}), 'mode') AS {c}" for c in
              ("event_type", "mode", "actor1", "actor1_country", "actor2", "actor2_country", "admin1", "reported_by")}
    return f"""{_with_members(only, made)},
    src AS (SELECT incident_id, article_id, any_value(outlet) AS outlet, any_value(article_date) AS article_date,
                   any_value(article_title) AS article_title, max(fatalities) AS toll
            FROM mem WHERE n > 1 GROUP BY incident_id, article_id),
    agg AS (SELECT incident_id, count(*) AS n_sources, min(toll) AS fatalities,
                   coalesce(list(DISTINCT toll ORDER BY toll) FILTER (toll IS NOT NULL), []) AS tolls,
                   string_agg({_SOURCE}, '; ' ORDER BY article_date, outlet, article_id) AS sources,
                   list(article_id ORDER BY article_date, article_id) AS article_ids
            FROM src GROUP BY incident_id),
    one AS (SELECT m.incident_id, min(m.date) AS date, max(m.date) AS date_to, {common['event_type']},
           {common['mode']}, {common['actor1']}, {common['actor1_country']}, {common['actor2']},
           {common['actor2_country']},
           arg_min(m.location, {best}) FILTER (m.location IS NOT NULL) AS location,
           arg_min(m.country, {best}) FILTER (m.country IS NOT NULL) AS country, {common['admin1']},
           arg_min([m.lat, m.lon], {best}) FILTER (m.lat IS NOT NULL AND m.lon IS NOT NULL) AS point,
           min(m.geo_precision) AS geo_precision, {common['reported_by']},
           arg_min(m.sentence, {{'d': m.date, 'a': m.article_id, 'i': m.id}}) AS sentence, count(*) AS n_events,
           bool_or(m.corrected) AS corrected,
           max(m.ingested_at) AS updated_at
           FROM mem m WHERE n > 1 GROUP BY m.incident_id)
    SELECT one.incident_id, date, date_to, event_type, mode, actor1, actor1_country, actor2, actor2_country,
           location, country, admin1, point[1] AS lat, point[2] AS lon, geo_precision, reported_by, sentence,
           n_events, corrected, n_sources, sources, fatalities, tolls, len(tolls) > 1 AS toll_conflict,
           article_ids, updated_at
    FROM one JOIN agg USING (incident_id)"""


def _refresh(cur, ids: list[str] | None) -> None:
    """Recompute the ``incidents`` rows of these incident ids (None: all) from their members."""
    cols = ", ".join(INCIDENT_COLS)
    if ids is None:  # the members with their events and articles joined once, for both kinds of incident
        cur.execute(f"CREATE OR REPLACE TEMP TABLE _members_joined AS WITH {_members_sql('')} SELECT * FROM mem")
        try:
            _rebuild(cur, "incidents", *(f"SELECT {cols} FROM ({sql})" for sql in
                                          (_single_sql("", "_members_joined"), _multi_sql("", "_members_joined"))))
        finally:
            cur.execute("DROP TABLE IF EXISTS _members_joined")
        return
    if not ids:
        return
    cur.register("_changed", pd.DataFrame({"incident_id": list(ids)}))
    try:
        cur.execute("DELETE FROM incidents WHERE incident_id IN (SELECT incident_id FROM _changed)")
        only = "WHERE incident_id IN (SELECT incident_id FROM _changed)"
        for sql in (_single_sql(only), _multi_sql(only)):
            cur.execute(f"INSERT INTO incidents ({cols}) SELECT {cols} FROM ({sql})")
    finally:
        cur.unregister("_changed")


def summary_select(where: str) -> str:
    """The incidents that have an event matching ``where`` (a WHERE clause over v_events' columns), newest first."""
    hit = f"WHERE incident_id IN (SELECT incident_id FROM v_event_incidents{where})" if where else ""
    return f"SELECT * FROM incidents {hit} ORDER BY date DESC NULLS LAST, incident_id"


def merge_candidates(store: Store, incident_id: str, days: int = 3, limit: int = 50) -> pd.DataFrame:
    """Incidents an analyst may mean to merge with this one: dated within ``days`` of it, the same type first,
    then the nearest (``km`` between their places, None when either has no point), then the closest in time."""
    return store.df(f"""
        WITH t AS (SELECT * FROM incidents WHERE incident_id = ?)
        SELECT i.*, CASE WHEN i.lat IS NULL OR t.lat IS NULL THEN NULL ELSE
                   round(2 * 6371 * asin(sqrt(pow(sin(radians(i.lat - t.lat) / 2), 2) + cos(radians(t.lat))
                   * cos(radians(i.lat)) * pow(sin(radians(i.lon - t.lon) / 2), 2))), 1) END AS km,
               abs(date_diff('day', i.date, t.date)) AS days_apart
        FROM incidents i, t
        WHERE i.incident_id <> t.incident_id AND i.date BETWEEN t.date - {int(days)} AND t.date_to + {int(days)}
        ORDER BY i.event_type <> t.event_type, km NULLS LAST, days_apart, i.incident_id LIMIT {int(limit)}""",
                    [incident_id])


def first_member(store: Store, incident_id: str) -> tuple[str, str] | None:
    """One event of an incident (article id, anchor): the one a merge names."""
    row = store.cursor().execute("SELECT article_id, anchor FROM v_event_incidents WHERE incident_id = ? "
                                 "ORDER BY article_id, start LIMIT 1", [incident_id]).fetchone()
    return (row[0], row[1]) if row else None
