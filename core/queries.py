"""Filtered reads of the store: what every dashboard view and the benchmarks ask for."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from core import summaries
from core.store import Store


@dataclass(frozen=True)
class Filters:
    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    languages: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    text: str = ""


def _in(col: str, values: tuple[str, ...]) -> str:
    """``col IN (?, ?, …)`` for the values' parameters."""
    return f"{col} IN ({', '.join('?' * len(values))})"


def _common(f: Filters, *, date_col: str, text_cols: tuple[str, ...]) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.date_from:
        where.append(f"{date_col} >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append(f"{date_col} <= ?")
        params.append(f.date_to)
    if f.languages:
        where.append(f"article_id IN (SELECT id FROM v_articles WHERE {_in('language', f.languages)})")
        params.extend(f.languages)
    if f.articles:
        where.append(_in("article_id", f.articles))
        params.extend(f.articles)
    if f.text.strip():
        like = "%" + f.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in text_cols) + ")")
        params.extend([like] * len(text_cols))
    return where, params


LOCATED = "lat IS NOT NULL AND lon IS NOT NULL"


def event_where(f: Filters) -> tuple[str, list[Any]]:
    where, params = _common(f, date_col="date", text_cols=("sentence", "actor1", "actor2", "location"))
    if f.actors:
        ph = ", ".join("?" * len(f.actors))
        # an actor and everything under it: "Turkey" finds the Turkish military's rows too (core.actors)
        where.append(f"(actor1 IN ({ph}) OR actor2 IN ({ph}) OR actor1_parent IN ({ph}) OR actor2_parent IN ({ph}))")
        params.extend(list(f.actors) * 4)
    if f.event_types:
        where.append(_in("event_type", f.event_types))
        params.extend(f.event_types)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def statement_where(f: Filters) -> tuple[str, list[Any]]:
    where, params = _common(f, date_col="date", text_cols=("quote", "speaker"))
    if f.actors:
        ph = ", ".join("?" * len(f.actors))
        where.append(f"(speaker IN ({ph}) OR speaker_actor IN ({ph}) OR list_has_any(targets, [{ph}]))")
        params.extend(list(f.actors) * 3)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def article_where(f: Filters) -> tuple[str, list[Any]]:
    """Articles that have a matching event or statement (or match the article-level filters when no row filters)."""
    where: list[str] = []
    params: list[Any] = []
    if f.languages:
        where.append(_in("language", f.languages))
        params.extend(f.languages)
    if f.articles:
        where.append(_in("id", f.articles))
        params.extend(f.articles)
    if f.actors or f.event_types or f.date_from or f.date_to or f.text.strip():
        ew, ep = event_where(f)
        if f.event_types:  # a type filter asks for events: statements do not qualify an article
            where.append(f"id IN (SELECT article_id FROM v_events{ew})")
            params.extend(ep)
        else:
            sw, sp = statement_where(f)
            where.append(f"(id IN (SELECT article_id FROM v_events{ew}) OR id IN (SELECT article_id FROM v_statements{sw}))")
            params.extend(ep + sp)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def events(store: Store, f: Filters, limit: int | None = None, *, located: bool = False) -> pd.DataFrame:
    """Events matching the filters, newest first, with their incident (core.incidents) and article title;
    ``located``: only those with coordinates (what a map can draw)."""
    w, p = event_where(f)
    if located:
        w += (" AND " if w else " WHERE ") + LOCATED
    from core.incidents import incident_of
    return _newest(store, "v_events", w, p, limit, extra=f"{incident_of('x')} AS incident_id, m.admin1",
                   join="LEFT JOIN incident_members m ON m.article_id = x.article_id AND m.event_id = x.id")


def statements(store: Store, f: Filters, limit: int | None = None) -> pd.DataFrame:
    w, p = statement_where(f)
    return _newest(store, "v_statements", w, p, limit)


NEWEST = "date DESC NULLS LAST, article_id, start, id"


def _newest(store: Store, view: str, where: str, params: list[Any], limit: int | None, *, extra: str = "",
            join: str = "") -> pd.DataFrame:
    """Rows newest first with their article's title (and ``extra`` columns from ``join``); the newest ``limit``
    are picked before anything is joined."""
    lim = f" ORDER BY {NEWEST} LIMIT {int(limit)}" if limit else ""
    if limit:  # the newest ``limit`` are on or after the limit-th newest date: read those rows only
        cut = store.cursor().execute(f"SELECT date FROM {view}{where} ORDER BY date DESC NULLS LAST "
                                     f"LIMIT 1 OFFSET {int(limit) - 1}", params).fetchall()
        if cut and cut[0][0] is not None:
            where, params = _and(where, "date >= ?"), [*params, cut[0][0]]
    more = f"{extra}, " if extra else ""
    return store.df(f"SELECT x.*, {more}a.title AS article_title FROM (SELECT * FROM {view}{where}{lim}) x {join} "
                    f"LEFT JOIN v_articles a ON a.id = x.article_id ORDER BY x.{NEWEST.replace(', ', ', x.')}", params)


def articles(store: Store, f: Filters, limit: int | None = None) -> pd.DataFrame:
    """Articles matching the filters, newest first (the newest ``limit``), with their event and statement counts."""
    w, p = article_where(f)
    lim = f" LIMIT {int(limit)}" if limit else ""
    order = "published DESC NULLS LAST, ingested_at DESC, id"
    return store.df("WITH a AS (SELECT id, title, language, published, source, url, n_chars, ingested_at "
                    f"FROM v_articles{w} ORDER BY {order}{lim}), "
                    "e AS (SELECT article_id, count(*) AS n FROM v_events SEMI JOIN a ON a.id = article_id GROUP BY 1), "
                    "s AS (SELECT article_id, count(*) AS n FROM v_statements SEMI JOIN a ON a.id = article_id "
                    "GROUP BY 1) "
                    "SELECT a.*, coalesce(e.n, 0) AS events, coalesce(s.n, 0) AS statements "
                    "FROM a LEFT JOIN e ON e.article_id = a.id LEFT JOIN s ON s.article_id = a.id "
                    f"ORDER BY {order}", p)


def article_options(store: Store, limit: int = 2_000) -> pd.DataFrame:
    """The newest articles' ids and titles (for the article filter); an untitled one is named by its text's start,
    read for those only."""
    df = store.df("SELECT id, title, published FROM v_articles ORDER BY published DESC NULLS LAST, id "
                  f"LIMIT {int(limit)}")
    untitled = df.loc[df["title"].isna(), "id"].tolist()
    if untitled:
        starts = dict(store.cursor().execute(f"SELECT id, left(text, 60) FROM articles WHERE {_in('id', tuple(untitled))}",
                                             untitled).fetchall())
        df["title"] = df["title"].fillna(df["id"].map(starts))
    return df


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    df = store.df("SELECT * FROM v_articles WHERE id = ?", [article_id])
    return None if df.empty else df.iloc[0].to_dict()


def article_rows(store: Store, article_id: str) -> dict[str, pd.DataFrame]:
    return {t: store.df(f"SELECT * FROM {view} WHERE article_id = ?", [article_id])
            for t, view in (("events", "v_events"), ("statements", "v_statements"), ("places", "places"),
                            ("actors", "actors"))}


PLACE_ORDER = "ORDER BY mentions DESC, canonical, kind"


def places(store: Store, f: Filters) -> pd.DataFrame:
    """Every place the matching articles name: its point (the least, when its rows disagree), mentions, articles
    and the names it is written as."""
    w, p = article_where(f)
    point = "min({'lat': lat, 'lon': lon, 'country': country}) AS pt"
    forms = "string_agg(DISTINCT name, ', ' ORDER BY name) AS forms"
    if not w and summaries.readable(store):
        return store.df(f"""WITH r AS (SELECT canonical, kind, name, lat, lon, country, sum(mentions) AS mentions
                                       FROM s_place_forms GROUP BY ALL HAVING sum(n) > 0),
            f AS (SELECT canonical, kind, {point}, CAST(sum(mentions) AS BIGINT) AS mentions, {forms}
                  FROM r GROUP BY canonical, kind)
            SELECT canonical, kind, pt.lat AS lat, pt.lon AS lon, pt.country AS country, mentions,
                   CAST(a.articles AS BIGINT) AS articles, forms
            FROM f JOIN (SELECT canonical, kind, sum(articles) AS articles FROM s_place_articles
                         GROUP BY canonical, kind HAVING sum(articles) > 0) a USING (canonical, kind) {PLACE_ORDER}""")
    within = f" WHERE article_id IN (SELECT id FROM v_articles{w})" if w else ""
    return store.df(f"""SELECT canonical, kind, pt.lat AS lat, pt.lon AS lon, pt.country AS country, mentions, articles, forms
        FROM (SELECT canonical, kind, {point}, CAST(sum(mentions) AS BIGINT) AS mentions,
                     count(DISTINCT article_id) AS articles, {forms}
              FROM places{within} GROUP BY canonical, kind) {PLACE_ORDER}""", p)


@dataclass(frozen=True)
class _Summed:
    where: str
    params: list[Any]
    dated: bool  # a date filter: the tables by day, not the totals
    corrected: bool  # a correction is live: it is applied to the counts

    def table(self, by_day: str, total: str | None = None) -> str:
        return summaries.adjusted(by_day if self.dated or total is None else total, self.corrected)


def _summed(store: Store, f: Filters, *, types: bool = False) -> _Summed | None:
    """The WHERE clause over a count table (core.summaries) for these filters, or None when the count tables
    cannot answer them (an actor, a text, chosen articles; event types unless ``types``) or are not up to date."""
    if f.actors or f.text.strip() or f.articles or (f.event_types and not types):
        return None
    cur = store.cursor()
    if not summaries.readable(store):
        return None
    where, params = [], []
    if f.date_from:
        where.append("date >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append("date <= ?")
        params.append(f.date_to)
    if f.languages:
        where.append(_in("language", f.languages))
        params.extend(f.languages)
    if types and f.event_types:
        where.append(_in("event_type", f.event_types))
        params.extend(f.event_types)
    return _Summed((" WHERE " + " AND ".join(where)) if where else "", params, bool(f.date_from or f.date_to),
                   summaries.corrected(cur))


def _and(where: str, cond: str) -> str:
    return f"{where} AND {cond}" if where else f" WHERE {cond}"


ROLES = "role IN ('acts', 'acted upon', 'speaks')"  # who acts, is acted upon or speaks (not on whose behalf)


def actor_options(store: Store) -> pd.DataFrame:
    """Every canonical actor with how many events and statements involve it (for the filter)."""
    summed = _summed(store, Filters())
    if summed is not None:
        return store.df(f"""SELECT actor AS name, CAST(sum(n) AS BIGINT) AS n FROM {summed.table('s_actors')}
            WHERE role IN ('speaks', 'speaks for') OR actor IS NOT NULL GROUP BY actor HAVING sum(n) > 0
            ORDER BY n DESC, name""")
    return store.df("""
        WITH x AS (
            SELECT actor1 AS name FROM v_events WHERE actor1 IS NOT NULL
            UNION ALL SELECT actor2 FROM v_events WHERE actor2 IS NOT NULL
            UNION ALL SELECT speaker FROM v_statements
            UNION ALL SELECT speaker_actor FROM v_statements WHERE speaker_actor IS NOT NULL AND speaker_actor <> speaker)
        SELECT name, count(*) AS n FROM x GROUP BY name ORDER BY n DESC, name""")


def counts(store: Store, f: Filters) -> dict[str, int]:
    """Articles, events (article rows), incidents, statements, people killed (each incident once) and actors."""
    ew, ep = event_where(f)
    sw, sp = statement_where(f)
    aw, ap = article_where(f)
    cur = store.cursor()
    out = {"articles": _sum(cur, f"SELECT count(*) FROM v_articles{aw}", ap)}
    typed, plain = _summed(store, f, types=True), _summed(store, f)
    if typed is not None:
        out["events"] = _sum(cur, f"SELECT sum(n) FROM {typed.table('s_event_days')} s{typed.where}",
                             typed.params)
    else:
        out["events"] = _sum(cur, f"SELECT count(*) FROM v_events{ew}", ep)
    if plain is not None:
        w, p = plain.where, plain.params
        out["statements"] = _sum(cur, f"SELECT sum(n) FROM {plain.table('s_statement_days')} s{w}", p)
        out["actors"] = _sum(cur, f"SELECT count(*) FROM (SELECT actor FROM {plain.table('s_actor_days', 's_actors')} "
                                  f"s{_and(w, ROLES + ' AND actor IS NOT NULL')} GROUP BY actor HAVING sum(n) > 0)", p)
    else:
        out["statements"] = _sum(cur, f"SELECT count(*) FROM v_statements{sw}", sp)
        out["actors"] = _sum(cur, f"SELECT count(DISTINCT a) FROM (SELECT actor1 AS a FROM v_events{ew} UNION ALL "
                                  f"SELECT actor2 FROM v_events{ew} UNION ALL SELECT speaker FROM v_statements{sw}) "
                                  "WHERE a IS NOT NULL", ep + ep + sp)
    n_inc, killed = cur.execute(
        f"SELECT count(*), coalesce(sum(fatalities), 0) FROM incidents WHERE {_incident_hit(ew)}", ep).fetchone()
    return {**out, "incidents": int(n_inc or 0), "fatalities": int(killed or 0)}


def _sum(cur: Any, sql: str, params: list[Any]) -> int:
    return int(cur.execute(sql, params).fetchone()[0] or 0)


def _incident_hit(ew: str) -> str:
    """The incidents (core.incidents) with an event matching the event filter ``ew``."""
    return f"incident_id IN (SELECT incident_id FROM v_event_incidents{ew})" if ew else "true"


def incidents(store: Store, f: Filters, limit: int | None = None) -> pd.DataFrame:
    """One row per incident with a matching event (core.incidents), newest first."""
    from core.incidents import summary_select
    w, p = event_where(f)
    lim = f" LIMIT {int(limit)}" if limit else ""
    return store.df(summary_select(w) + lim, p)


def incident_events(store: Store, incident_id: str) -> pd.DataFrame:
    """The article rows of one incident, with their article's title, outlet and date."""
    return store.df("SELECT x.*, a.title AS article_title, a.source AS outlet, a.published AS article_date "
                    "FROM v_event_incidents x JOIN v_articles a ON a.id = x.article_id WHERE x.incident_id = ? "
                    "ORDER BY a.published NULLS LAST, x.article_id, x.start, x.id", [incident_id])


def incidents_by_day_type(store: Store, f: Filters) -> pd.DataFrame:
    """Incidents per day and type (an incident counted once, on its first date), with their tolls."""
    ew, ep = event_where(f)
    return store.df(f"SELECT date, event_type, count(*) AS n, coalesce(sum(fatalities), 0) AS fatalities "
                    f"FROM incidents WHERE {_incident_hit(ew)} GROUP BY date, event_type ORDER BY date, event_type", ep)


def located_events(store: Store, f: Filters) -> int:
    """How many events matching the filters have coordinates."""
    summed = _summed(store, f, types=True)
    if summed is not None:
        return _sum(store.cursor(), f"SELECT sum(located) FROM {summed.table('s_event_days')} s{summed.where}",
                    summed.params)
    w, p = event_where(f)
    return _sum(store.cursor(), f"SELECT count(*) FROM v_events{_and(w, LOCATED)}", p)


def events_by_day_type(store: Store, f: Filters) -> pd.DataFrame:
    summed = _summed(store, f, types=True)
    if summed is not None:
        return store.df(f"SELECT date, event_type, CAST(sum(n) AS BIGINT) AS n, "
                        f"CAST(coalesce(sum(fatalities), 0) AS HUGEINT) AS fatalities "
                        f"FROM {summed.table('s_event_days')} s{summed.where} GROUP BY date, event_type "
                        "HAVING sum(n) > 0 ORDER BY date, event_type", summed.params)
    w, p = event_where(f)
    return store.df(f"SELECT date, event_type, count(*) AS n, coalesce(sum(fatalities), 0) AS fatalities "
                    f"FROM v_events{w} GROUP BY date, event_type ORDER BY date, event_type", p)


def statements_by_day(store: Store, f: Filters) -> pd.DataFrame:
    summed = _summed(store, f)
    if summed is not None:
        return store.df(f"SELECT date, CAST(sum(n) AS BIGINT) AS n FROM {summed.table('s_statement_days')} "
                        f"s{summed.where} GROUP BY date HAVING sum(n) > 0 ORDER BY date", summed.params)
    w, p = statement_where(f)
    return store.df(f"SELECT date, count(*) AS n FROM v_statements{w} GROUP BY date ORDER BY date", p)


def top_actors(store: Store, f: Filters, n: int = 10) -> pd.DataFrame:
    summed = _summed(store, f)
    if summed is not None:
        by = ", ".join(f"CAST(coalesce(sum(n) FILTER (role = '{r}'), 0) AS BIGINT) AS {c}"
                       for r, c in (("acts", "acts"), ("acted upon", "acted_upon"), ("speaks", "speaks")))
        return store.df(f"SELECT actor, CAST(sum(n) AS BIGINT) AS total, {by} "
                        f"FROM {summed.table('s_actor_days', 's_actors')} "
                        f"s{_and(summed.where, ROLES + ' AND actor IS NOT NULL')} "
                        f"GROUP BY actor HAVING sum(n) > 0 ORDER BY total DESC, actor LIMIT {int(n)}", summed.params)
    ew, ep = event_where(f)
    sw, sp = statement_where(f)
    return store.df(f"""
        WITH x AS (SELECT actor1 AS actor, 'acts' AS role FROM v_events{ew}
                   UNION ALL SELECT actor2, 'acted upon' FROM v_events{ew}
                   UNION ALL SELECT speaker, 'speaks' FROM v_statements{sw})
        SELECT actor, count(*) AS total, count(*) FILTER (role = 'acts') AS acts,
               count(*) FILTER (role = 'acted upon') AS acted_upon, count(*) FILTER (role = 'speaks') AS speaks
        FROM x WHERE actor IS NOT NULL GROUP BY actor ORDER BY total DESC, actor LIMIT {int(n)}""", ep + ep + sp)


EDGE_ORDER = "ORDER BY n DESC, source, target, kind"


def network_edges(store: Store, f: Filters) -> pd.DataFrame:
    """Who acts on whom (events) and who speaks about whom (statements), with counts, the most frequent first."""
    summed = _summed(store, f)
    if summed is not None:
        return store.df(f"SELECT source, target, kind, CAST(sum(n) AS BIGINT) AS n "
                        f"FROM {summed.table('s_edges', 's_edge_totals')} s{summed.where} "
                        f"GROUP BY source, target, kind HAVING sum(n) > 0 {EDGE_ORDER}", summed.params)
    ew, ep = event_where(f)
    sw, sp = statement_where(f)
    return store.df(f"""
        SELECT * FROM (
        SELECT actor1 AS source, actor2 AS target, event_type AS kind, count(*) AS n
        FROM v_events{_and(ew, 'actor1 IS NOT NULL AND actor2 IS NOT NULL')}
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT speaker, t.target, 'STATEMENT', count(*)
        FROM (SELECT speaker, unnest(targets) AS target FROM v_statements{sw}) t
        WHERE t.target <> speaker GROUP BY 1, 2, 3) {EDGE_ORDER}""", ep + sp)


def date_bounds(store: Store) -> tuple[date | None, date | None]:
    """The first and last date of any event or statement."""
    summed = _summed(store, Filters())
    if summed is not None:
        days = " UNION ALL ".join(f"SELECT date FROM {summed.table(t)} s GROUP BY date HAVING sum(n) > 0"
                                  for t in ("s_event_days", "s_statement_days"))
        row = store.cursor().execute(f"SELECT min(date), max(date) FROM ({days})").fetchone()
    else:
        row = store.cursor().execute("SELECT min(d), max(d) FROM (SELECT date AS d FROM v_events UNION ALL "
                                     "SELECT date FROM v_statements)").fetchone()
    return (row[0], row[1]) if row else (None, None)


def data_version(store: Store) -> str:
    """Changes whenever articles are added, re-parsed or removed, or a correction is made or undone (cache key)."""
    row = store.cursor().execute("SELECT count(*), max(ingested_at), (SELECT max(id) FROM corrections), "
                                 "(SELECT count(undone_at) FROM corrections), "
                                 "(SELECT value FROM meta WHERE key = 'reparsed_at') FROM articles").fetchone()
    return "-".join(str(x) for x in row)
