"""Filtered reads of the store: what every dashboard view and the benchmarks ask for."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

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
    """Events matching the filters, newest first; ``located``: only those with coordinates (what a map can draw)."""
    w, p = event_where(f)
    if located:
        w += (" AND " if w else " WHERE ") + LOCATED
    return _newest(store, "v_event_incidents", w, p, limit)


def statements(store: Store, f: Filters, limit: int | None = None) -> pd.DataFrame:
    w, p = statement_where(f)
    return _newest(store, "v_statements", w, p, limit)


NEWEST = "date DESC NULLS LAST, article_id, start"


def _newest(store: Store, view: str, where: str, params: list[Any], limit: int | None) -> pd.DataFrame:
    """Rows newest first with their article's title; the newest ``limit`` are picked before the title is joined."""
    lim = f" ORDER BY {NEWEST} LIMIT {int(limit)}" if limit else ""
    return store.df(f"SELECT x.*, a.title AS article_title FROM (SELECT * FROM {view}{where}{lim}) x "
                    f"LEFT JOIN v_articles a ON a.id = x.article_id ORDER BY x.{NEWEST.replace(', ', ', x.')}", params)


def articles(store: Store, f: Filters, limit: int | None = None) -> pd.DataFrame:
    """Articles matching the filters, newest first (the newest ``limit``), with their event and statement counts."""
    w, p = article_where(f)
    lim = f" LIMIT {int(limit)}" if limit else ""
    return store.df("WITH a AS (SELECT id, title, language, published, source, url, n_chars, ingested_at "
                    f"FROM v_articles{w} ORDER BY published DESC NULLS LAST, ingested_at DESC{lim}) "
                    "SELECT a.*, (SELECT count(*) FROM v_events e WHERE e.article_id = a.id) AS events, "
                    "(SELECT count(*) FROM v_statements s WHERE s.article_id = a.id) AS statements "
                    "FROM a ORDER BY published DESC NULLS LAST, ingested_at DESC", p)


def article_options(store: Store, limit: int = 2_000) -> pd.DataFrame:
    """The newest articles' ids and titles (for the article filter); texts are read for those only."""
    return store.df("SELECT a.id, coalesce(a.title, left(a.text, 60)) AS title, a.published FROM v_articles a "
                    "JOIN (SELECT id FROM v_articles ORDER BY published DESC NULLS LAST, id "
                    f"LIMIT {int(limit)}) n USING (id) ORDER BY a.published DESC NULLS LAST, a.id")


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    df = store.df("SELECT * FROM v_articles WHERE id = ?", [article_id])
    return None if df.empty else df.iloc[0].to_dict()


def article_rows(store: Store, article_id: str) -> dict[str, pd.DataFrame]:
    return {t: store.df(f"SELECT * FROM {view} WHERE article_id = ?", [article_id])
            for t, view in (("events", "v_events"), ("statements", "v_statements"), ("places", "places"),
                            ("actors", "actors"))}


def places(store: Store, f: Filters) -> pd.DataFrame:
    w, p = article_where(f)
    within = f" WHERE article_id IN (SELECT id FROM v_articles{w})" if w else ""
    return store.df("SELECT canonical, kind, any_value(lat) AS lat, any_value(lon) AS lon, any_value(country) AS country, "
                    "sum(mentions) AS mentions, count(DISTINCT article_id) AS articles, string_agg(DISTINCT name, ', ') AS forms "
                    f"FROM places{within} GROUP BY canonical, kind ORDER BY mentions DESC", p)


def actor_options(store: Store) -> pd.DataFrame:
    """Every canonical actor with how many events and statements involve it (for the filter)."""
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
    row = store.cursor().execute(
        f"SELECT (SELECT count(*) FROM v_articles{aw}), (SELECT count(*) FROM v_events{ew}), "
        f"(SELECT count(*) FROM v_statements{sw}), "
        f"(SELECT count(DISTINCT a) FROM (SELECT actor1 AS a FROM v_events{ew} UNION ALL SELECT actor2 FROM v_events{ew} "
        f"UNION ALL SELECT speaker FROM v_statements{sw}) WHERE a IS NOT NULL)",
        ap + ep + sp + ep + ep + sp).fetchone()
    n_inc, killed = store.cursor().execute(
        f"SELECT count(*), coalesce(sum(fatalities), 0) FROM incidents WHERE {_incident_hit(ew)}", ep).fetchone()
    out = dict(zip(("articles", "events", "statements", "actors"), (int(x or 0) for x in row), strict=False))
    return {**out, "incidents": int(n_inc or 0), "fatalities": int(killed or 0)}


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
                    "ORDER BY a.published NULLS LAST, x.article_id, x.start", [incident_id])


def incidents_by_day_type(store: Store, f: Filters) -> pd.DataFrame:
    """Incidents per day and type (an incident counted once, on its first date), with their tolls."""
    ew, ep = event_where(f)
    return store.df(f"SELECT date, event_type, count(*) AS n, coalesce(sum(fatalities), 0) AS fatalities "
                    f"FROM incidents WHERE {_incident_hit(ew)} GROUP BY date, event_type ORDER BY date", ep)


def located_events(store: Store, f: Filters) -> int:
    """How many events matching the filters have coordinates."""
    w, p = event_where(f)
    return int(store.cursor().execute(f"SELECT count(*) FROM v_events{w}{' AND ' if w else ' WHERE '}{LOCATED}", p)
               .fetchone()[0])


def events_by_day_type(store: Store, f: Filters) -> pd.DataFrame:
    w, p = event_where(f)
    return store.df(f"SELECT date, event_type, count(*) AS n, coalesce(sum(fatalities), 0) AS fatalities "
                    f"FROM v_events{w} GROUP BY date, event_type ORDER BY date", p)


def statements_by_day(store: Store, f: Filters) -> pd.DataFrame:
    w, p = statement_where(f)
    return store.df(f"SELECT date, count(*) AS n FROM v_statements{w} GROUP BY date ORDER BY date", p)


def top_actors(store: Store, f: Filters, n: int = 10) -> pd.DataFrame:
    ew, ep = event_where(f)
    sw, sp = statement_where(f)
    return store.df(f"""
        WITH x AS (SELECT actor1 AS actor, 'acts' AS role FROM v_events{ew}
                   UNION ALL SELECT actor2, 'acted upon' FROM v_events{ew}
                   UNION ALL SELECT speaker, 'speaks' FROM v_statements{sw})
        SELECT actor, count(*) AS total, count(*) FILTER (role = 'acts') AS acts,
               count(*) FILTER (role = 'acted upon') AS acted_upon, count(*) FILTER (role = 'speaks') AS speaks
        FROM x WHERE actor IS NOT NULL GROUP BY actor ORDER BY total DESC, actor LIMIT {int(n)}""", ep + ep + sp)


def network_edges(store: Store, f: Filters) -> pd.DataFrame:
    """Who acts on whom (events) and who speaks about whom (statements), with counts."""
    ew, ep = event_where(f)
    sw, sp = statement_where(f)
    return store.df(f"""
        SELECT actor1 AS source, actor2 AS target, event_type AS kind, count(*) AS n
        FROM v_events{ew} {'AND' if ew else 'WHERE'} actor1 IS NOT NULL AND actor2 IS NOT NULL
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT speaker, t.target, 'STATEMENT', count(*)
        FROM (SELECT speaker, unnest(targets) AS target FROM v_statements{sw}) t
        WHERE t.target <> speaker GROUP BY 1, 2, 3""", ep + sp)


def date_bounds(store: Store) -> tuple[date | None, date | None]:
    row = store.cursor().execute("SELECT min(d), max(d) FROM (SELECT date AS d FROM v_events UNION ALL "
                                 "SELECT date FROM v_statements)").fetchone()
    return (row[0], row[1]) if row else (None, None)


def data_version(store: Store) -> str:
    """Changes whenever articles are added, re-parsed or removed, or a correction is made or undone (cache key)."""
    row = store.cursor().execute("SELECT count(*), max(ingested_at), (SELECT max(id) FROM corrections), "
                                 "(SELECT count(undone_at) FROM corrections), "
                                 "(SELECT value FROM meta WHERE key = 'reparsed_at') FROM articles").fetchone()
    return "-".join(str(x) for x in row)
