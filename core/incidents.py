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
CELL_DEG = 0.5  # grid cell for the point search; 25 km fits in one cell's width up to 63° of latitude

COLS = ("article_id, id, anchor, event_type, date, actor1, actor2, actor1_country, actor2_country, location, "
        "country, lat, lon, geo_precision")
# events with their seniority: the earliest-stored member names an incident (ingest time, then article and anchor)
SRC = ("(SELECT e.*, strftime(a.ingested_at, '%Y%m%d%H%M%S%f') || ':' || e.article_id || ':' || e.anchor AS senior "
       "FROM v_events e JOIN articles a ON a.id = e.article_id)")
SPLIT = "(SELECT article_id, anchor FROM corrections WHERE target = 'incident' AND action = 'split' AND undone_at IS NULL)"


def _prepared(name: str, src: str) -> str:
    """SQL for the comparable form of a set of events (``src`` must give ``node`` and the COLS)."""
    return f"""{name} AS (
        SELECT node, article_id, event_type, CAST(date AS DATE) - DATE '1970-01-01' AS day, lat, lon,
               geo_precision AS p, admin1, country,
               list_filter([actor1, actor2], lambda x: x IS NOT NULL) AS names,
               list_filter([actor1_country, actor2_country], lambda x: x IS NOT NULL) AS ccs,
               CAST(floor(lat / {CELL_DEG}) AS INTEGER) AS cy, CAST(floor(lon / {CELL_DEG}) AS INTEGER) AS cx
        FROM {src} s
        WHERE date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {SPLIT} x WHERE x.article_id = s.article_id
                                               AND x.anchor = s.anchor))"""


ACTORS_MATCH = ("(len(l.names) = 0 OR len(r.names) = 0 OR list_has_any(l.names, r.names) "
                "OR list_has_any(l.ccs, r.ccs))")
SHIFTS = "(SELECT unnest(range(-1, 2)) AS d)"
DAY_SHIFTS = f"(SELECT unnest(range(-{DAYS}, {DAYS} + 1)) AS d)"


def _pairs_sql(right: str, ordered: bool) -> str:
    """Linked pairs (a, b) between the scope ``l`` and ``right`` (the scope itself when ``ordered``)."""
    order = "AND l.node < r.node" if ordered else ""
    return f"""
    WITH {_prepared('l', '_scope')}, {_prepared('r', right)},
    rx AS (SELECT r.*, r.day + dd.d AS kday, r.cx + dx.d AS kcx, r.cy + dy.d AS kcy
           FROM r, {DAY_SHIFTS} dd, {SHIFTS} dx, {SHIFTS} dy WHERE r.p = 1),
    ra AS (SELECT r.*, r.day + dd.d AS kday FROM r, {DAY_SHIFTS} dd WHERE r.p IN (1, 2) AND r.admin1 IS NOT NULL)
    -- the join keys are plain columns: DuckDB hashes on them (on expressions it compared every pair, 300x slower)
    SELECT l.node AS a, r.node AS b FROM l JOIN rx r
        ON l.event_type = r.event_type AND l.day = r.kday AND l.cx = r.kcx AND l.cy = r.kcy
    WHERE l.p = 1 AND l.article_id <> r.article_id {order} AND {ACTORS_MATCH}
      AND 2 * 6371 * asin(sqrt(pow(sin(radians(r.lat - l.lat) / 2), 2) + cos(radians(l.lat)) * cos(radians(r.lat))
          * pow(sin(radians(r.lon - l.lon) / 2), 2))) <= {RADIUS_KM}
    UNION
    SELECT l.node, r.node FROM l JOIN ra r
        ON l.event_type = r.event_type AND l.day = r.kday AND l.admin1 = r.admin1 AND l.country = r.country
    WHERE l.p IN (1, 2) AND (l.p = 2 OR r.p = 2) AND l.article_id <> r.article_id {order} AND {ACTORS_MATCH}
    """


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
        cur.execute("DELETE FROM incident_members")
        scope = cur.execute(f"SELECT {COLS}, senior FROM {SRC} ORDER BY article_id, id").df()
    else:
        touched = ("SELECT DISTINCT incident_id FROM incident_members WHERE article_id IN (SELECT unnest(?))")
        before = [r[0] for r in cur.execute(touched, [ids]).fetchall()]
        scope = cur.execute(f"""SELECT {COLS}, senior FROM {SRC} e WHERE article_id IN (SELECT unnest(?))
            OR EXISTS (SELECT 1 FROM incident_members m WHERE m.article_id = e.article_id AND m.event_id = e.id
                       AND m.incident_id IN ({touched})) ORDER BY article_id, id""", [ids, ids]).df()
        cur.execute(f"DELETE FROM incident_members WHERE article_id IN (SELECT unnest(?)) OR incident_id IN ({touched})",
                    [ids, ids])
    if scope.empty:
        _refresh(cur, None if ids is None else before)
        return 0
    scope["admin1"] = regions.admin1(scope["lat"], scope["lon"], scope["geo_precision"], scope["location"],
                                     scope["country"])
    scope["node"] = np.arange(len(scope))
    cur.register("_scope", scope)
    try:
        pairs = [cur.execute(_pairs_sql("_scope", True)).fetchnumpy()]
        rest = pd.DataFrame()
        if ids is not None:
            # only what could pair with the scope: the same type, a day or so apart
            rest = cur.execute(f"""SELECT e.{COLS.replace(', ', ', e.')}, e.senior, m.admin1, m.incident_id
                FROM {SRC} e JOIN incident_members m ON m.article_id = e.article_id AND m.event_id = e.id
                WHERE e.date BETWEEN (SELECT CAST(min(date) AS DATE) FROM _scope) - {DAYS}
                                 AND (SELECT CAST(max(date) AS DATE) FROM _scope) + {DAYS}
                  AND EXISTS (SELECT 1 FROM _scope s WHERE s.event_type = e.event_type
                              AND e.date BETWEEN CAST(s.date AS DATE) - {DAYS} AND CAST(s.date AS DATE) + {DAYS})
            """).df()
            if not rest.empty:
                inc = sorted(rest["incident_id"].unique())
                rest["node"] = len(scope) + pd.Index(inc).get_indexer(rest["incident_id"])
                cur.register("_rest", rest)
                pairs.append(cur.execute(_pairs_sql("_rest", False)).fetchnumpy())
                cur.unregister("_rest")
        merges = _merge_edges(cur, scope, rest)
    finally:
        cur.unregister("_scope")
    a = np.concatenate([p["a"] for p in pairs] + [merges[:, 0]]).astype(np.int64)
    b = np.concatenate([p["b"] for p in pairs] + [merges[:, 1]]).astype(np.int64)
    changed = _assign(cur, scope, rest, a, b)
    _refresh(cur, None if ids is None else sorted(set(before) | changed))
    return len(scope)


def _merge_edges(cur, scope: pd.DataFrame, rest: pd.DataFrame) -> np.ndarray:
    """The analyst's merges as edges between nodes (an event of the scope, or the incident of one outside it)."""
    m = cur.execute("SELECT article_id, anchor, new FROM corrections WHERE target = 'incident' AND action = 'merge' "
                    "AND undone_at IS NULL").fetchall()
    if not m:
        return np.empty((0, 2), dtype=np.int64)
    import json
    where = {(r.article_id, r.anchor): int(r.node) for r in scope.itertuples()}
    if not rest.empty:
        where.update({(r.article_id, r.anchor): int(r.node) for r in rest.itertuples()})
    edges = [(where[(x, y)], where[tuple(json.loads(z))]) for x, y, z in m
             if (x, y) in where and tuple(json.loads(z)) in where]
    return np.array(edges, dtype=np.int64).reshape(-1, 2)


def _assign(cur, scope: pd.DataFrame, rest: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> set[str]:
    """Write the scope's memberships; returns every incident id whose members changed."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    inc = sorted(rest["incident_id"].unique()) if not rest.empty else []
    n = len(scope) + len(inc)
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    scope_label = label[: len(scope)]
    # each part is named by its earliest-stored member: the incident that member was in, or a hash of it
    firsts = scope.groupby(scope_label)["senior"].min()
    ids: dict[int, str] = {int(lab): "I" + hashlib.sha1(key.encode()).hexdigest()[:11] for lab, key in firsts.items()}
    changed: set[str] = set()
    if inc:
        rest_lab = label[len(scope):][rest["node"].to_numpy() - len(scope)]
        by = rest.assign(lab=rest_lab)
        by = by[by["lab"].isin(firsts.index)].sort_values("senior").drop_duplicates("incident_id")
        for lab, group in by.groupby("lab"):  # only the incidents the scope joined
            lab = int(lab)
            older = group.iloc[0]
            if older["senior"] < firsts[lab]:
                ids[lab] = older["incident_id"]
            for gone in group["incident_id"]:
                changed.add(gone)
                if gone != ids.get(lab, gone):
                    cur.execute("UPDATE incident_members SET incident_id = ? WHERE incident_id = ?", [ids[lab], gone])
    rows = pd.DataFrame({"article_id": scope["article_id"], "event_id": scope["id"],
                         "incident_id": [ids[int(x)] for x in scope_label], "admin1": scope["admin1"]})
    cur.register("_members", rows)
    cur.execute("INSERT INTO incident_members SELECT article_id, event_id, incident_id, admin1 FROM _members")
    cur.unregister("_members")
    return changed | set(ids.values())


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
    mem AS (SELECT x.*, m.incident_id, m.admin1, cnt.n, a.title AS article_title, a.source AS outlet,
                   a.published AS article_date, a.ingested_at
            FROM cnt JOIN incident_members m USING (incident_id)
            JOIN v_events x ON x.article_id = m.article_id AND x.id = m.event_id
            JOIN v_articles a ON a.id = x.article_id)"""


def _single_sql(only: str) -> str:
    """Incidents of one event (most of them): that event's row, no aggregation."""
    return f"""WITH {_members_sql(only)}
    SELECT incident_id, date, date AS date_to, event_type, mode, actor1, actor1_country, actor2, actor2_country,
           location, country, admin1, lat, lon, geo_precision, reported_by, sentence, 1 AS n_events, corrected,
           1 AS n_sources, {_SOURCE.replace('toll', 'fatalities')} AS sources, fatalities,
           CASE WHEN fatalities IS NULL THEN [] ELSE [fatalities] END AS tolls, false AS toll_conflict,
           [article_id] AS article_ids, ingested_at AS updated_at
    FROM mem WHERE n = 1"""


def _multi_sql(only: str) -> str:
    """Incidents of several events: sources, the ACLED toll, the most precise place."""
    # the most precise place, then the earliest date, then the article: one row's place, the same every time
    best = ("CAST(coalesce(m.geo_precision, 9) AS VARCHAR) || coalesce(strftime(m.date, '%Y%m%d'), '99999999') "
            "|| m.article_id || m.id")
    return f"""WITH {_members_sql(only)},
    src AS (SELECT incident_id, article_id, any_value(outlet) AS outlet, any_value(article_date) AS article_date,
                   any_value(article_title) AS article_title, max(fatalities) AS toll
            FROM mem WHERE n > 1 GROUP BY incident_id, article_id),
    agg AS (SELECT incident_id, count(*) AS n_sources, min(toll) AS fatalities,
                   coalesce(list(DISTINCT toll ORDER BY toll) FILTER (toll IS NOT NULL), []) AS tolls,
                   string_agg({_SOURCE}, '; ' ORDER BY article_date, outlet) AS sources,
                   list(article_id ORDER BY article_date, article_id) AS article_ids
            FROM src GROUP BY incident_id),
    one AS (SELECT m.incident_id, min(m.date) AS date, max(m.date) AS date_to, mode(m.event_type) AS event_type,
           mode(m.mode) AS mode, mode(m.actor1) AS actor1, mode(m.actor1_country) AS actor1_country,
           mode(m.actor2) AS actor2, mode(m.actor2_country) AS actor2_country,
           arg_min(m.location, {best}) FILTER (m.location IS NOT NULL) AS location,
           arg_min(m.country, {best}) FILTER (m.country IS NOT NULL) AS country, mode(m.admin1) AS admin1,
           arg_min([m.lat, m.lon], {best}) FILTER (m.lat IS NOT NULL AND m.lon IS NOT NULL) AS point,
           min(m.geo_precision) AS geo_precision, mode(m.reported_by) AS reported_by,
           arg_min(m.sentence, m.date) AS sentence, count(*) AS n_events, bool_or(m.corrected) AS corrected,
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
    if ids is None:
        cur.execute("DELETE FROM incidents")
        only = ""
    else:
        if not ids:
            return
        cur.register("_changed", pd.DataFrame({"incident_id": list(ids)}))
        cur.execute("DELETE FROM incidents WHERE incident_id IN (SELECT incident_id FROM _changed)")
        only = "WHERE incident_id IN (SELECT incident_id FROM _changed)"
    try:
        for sql in (_single_sql(only), _multi_sql(only)):
            cur.execute(f"INSERT INTO incidents ({cols}) SELECT {cols} FROM ({sql})")
    finally:
        if ids is not None:
            cur.unregister("_changed")


def summary_select(where: str) -> str:
    """The incidents that have an event matching ``where`` (a WHERE clause over v_events' columns), newest first."""
    hit = f"WHERE incident_id IN (SELECT incident_id FROM v_event_incidents{where})" if where else ""
    return f"SELECT * FROM incidents {hit} ORDER BY date DESC NULLS LAST, incident_id"
