"""An analyst's corrections: kept apart from the parsed rows and applied on read.

Every correction is one row of the ``corrections`` table: its target (event,
statement, article or incident), the article, an *anchor* that finds the row
again after a re-parse, the action (set a field, reject a row, add a row, merge
or split incidents), the field with its old and new value (JSON), when, and who
(the OS user). Undoing stamps ``undone_at``; nothing is deleted, so the log is
whole. The views ``v_events``, ``v_statements`` and ``v_articles`` are the
parsed tables with the live corrections applied; every read goes through them.

Anchors: an event is found by its sentence's start offset and its trigger
(lower case), a statement by its quote's start offset; both are offsets into
the article's normalised text, which a newer parser does not change (the
article id is its hash). A correction whose row a newer parser no longer finds
is listed as orphaned, never applied elsewhere.
"""
from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    from core.store import Store

# PLOVER's event types (the parser writes only these; a correction or an added row must be one of them)
EVENT_TYPES = ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST", "ACCUSE", "REJECT", "REQUEST",
               "CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT")
STATEMENT_KINDS = ("direct", "indirect")
MAX_TEXT = 2_000  # characters in one corrected or added text field (a quote or a sentence fits)
# the fields an analyst may correct, with their column type
EVENT_FIELDS = {"event_type": "VARCHAR", "mode": "VARCHAR", "date": "DATE", "date_precision": "VARCHAR",
                "actor1": "VARCHAR", "actor2": "VARCHAR", "actor1_country": "VARCHAR", "actor2_country": "VARCHAR",
                "location": "VARCHAR", "country": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE",
                "geo_precision": "INTEGER", "fatalities": "INTEGER", "reported_by": "VARCHAR"}
STATEMENT_FIELDS = {"speaker": "VARCHAR", "speaker_role": "VARCHAR", "speaker_actor": "VARCHAR", "quote": "VARCHAR",
                    "kind": "VARCHAR", "verb": "VARCHAR", "channel": "VARCHAR", "targets": "VARCHAR[]",
                    "reported_by": "VARCHAR", "date": "DATE"}
ARTICLE_FIELDS = {"title": "VARCHAR", "published": "DATE", "source": "VARCHAR", "url": "VARCHAR"}
# the rest of an added row's columns (besides the correctable fields)
_ADDED_EVENT_EXTRA = {"trigger": "VARCHAR", "sentence": "VARCHAR", "start": "INTEGER", "end": "INTEGER",
                      "locations": "VARCHAR[]", "date_source": "VARCHAR"}
_ADDED_STATEMENT_EXTRA = {"start": "INTEGER", "end": "INTEGER", "quote_start": "INTEGER", "quote_end": "INTEGER"}

EVENT_ANCHOR = "(CAST(b.start AS VARCHAR) || ':' || lower(coalesce(b.trigger, '')))"
STATEMENT_ANCHOR = "CAST(b.quote_start AS VARCHAR)"
LIVE = "undone_at IS NULL"


def _value(expr: str, typ: str) -> str:
    """SQL turning a JSON text ``expr`` into a value of ``typ``."""
    if typ.endswith("[]"):
        return f"from_json({expr}, '[\"VARCHAR\"]')"
    s = f"json_extract_string({expr}, '$')"
    return s if typ == "VARCHAR" else f"TRY_CAST({s} AS {typ})"


def _q(name: str) -> str:
    return f'"{name}"'


def _member(name: str) -> str:
    """SQL for one member of an added row's JSON object."""
    return "json_extract(c.new, '$." + _q(name) + "')"


def _view(name: str, table: str, target: str, fields: dict[str, str], anchor: str, key: str,
          added: dict[str, str] | None, *, own: str = "article_id", split: bool = True) -> str:
    """The corrected view of ``table``; ``own`` is its column naming the article.

    ``split``: the rows of articles with no live set/reject correction are read as they are (most rows, so
    a large store reads its table, not a join per row); only the corrected articles' rows and the added
    rows go through the corrections. ``split=False`` is the plain definition (the same rows; tests).
    """
    pivot = ", ".join(f"max(new) FILTER (field = '{f}') AS \"{f}\"" for f in fields)
    replace = ", ".join(f"CASE WHEN list_contains(px.fields, '{f}') THEN {_value('px.' + _q(f), t)} "
                        f"ELSE b.{_q(f)} END AS {_q(f)}" for f, t in fields.items())
    mine = f"target = '{target}' AND {LIVE}"
    base = f"SELECT b.*, {anchor} AS anchor, false AS added FROM {table} b"
    if split:
        base += f" SEMI JOIN touched t ON t.article_id = b.{own}"
    if added is not None:
        cols = {**fields, **added}
        got = ", ".join(f"{_value(_member(f), t)} AS {_q(f)}" for f, t in cols.items())
        base += (f" UNION ALL BY NAME SELECT c.article_id, 'c' || c.id AS {key}, {got}, 'add:' || c.id AS anchor, "
                 f"true AS added FROM corrections c WHERE c.target = '{target}' AND c.action = 'add' AND c.{LIVE}")
    corrected = f"""SELECT b.* REPLACE ({replace}), coalesce(px.fields, []) AS corrected_fields,
       (px.fields IS NOT NULL OR b.added) AS corrected
FROM base b LEFT JOIN px ON px.article_id = b.{own} AND px.anchor = b.anchor
WHERE NOT EXISTS (SELECT 1 FROM corrections r WHERE r.{mine} AND r.action = 'reject'
                  AND r.article_id = b.{own} AND r.anchor = b.anchor)"""
    ctes = f"""base AS ({base}),
fx AS (SELECT article_id, anchor, field, arg_max(new, id) AS new FROM corrections
       WHERE {mine} AND action = 'set' GROUP BY ALL),
px AS (SELECT article_id, anchor, list(field ORDER BY field) AS fields, {pivot} FROM fx GROUP BY ALL)"""
    if not split:
        return f"CREATE OR REPLACE VIEW {name} AS\nWITH {ctes}\n{corrected}\n"
    plain = (f"SELECT b.*, {anchor} AS anchor, false AS added, CAST([] AS VARCHAR[]) AS corrected_fields, "
             f"false AS corrected FROM {table} b ANTI JOIN touched t ON t.article_id = b.{own}")
    return f"""CREATE OR REPLACE VIEW {name} AS
WITH touched AS NOT MATERIALIZED (  -- a materialised CTE would make every read fetch every column
    SELECT DISTINCT article_id FROM corrections WHERE {mine} AND action IN ('set', 'reject')),
{ctes}
{plain}
UNION ALL BY NAME
{corrected}
"""


def create_views(con: duckdb.DuckDBPyConnection, *, split: bool = True) -> None:
    """``v_events``, ``v_statements``, ``v_articles``: the parsed rows with the live corrections applied."""
    con.execute(_view("v_events", "events", "event", EVENT_FIELDS, EVENT_ANCHOR, "id", _ADDED_EVENT_EXTRA,
                      split=split))
    con.execute(_view("v_statements", "statements", "statement", STATEMENT_FIELDS, STATEMENT_ANCHOR, "id",
                      _ADDED_STATEMENT_EXTRA, split=split))
    # an article is its own anchor, and corrections name it in article_id
    con.execute(_view("v_articles", "articles", "article", ARTICLE_FIELDS, "b.id", "id", None, own="id",
                      split=split))


# -- writing corrections ------------------------------------------------------
@dataclass(frozen=True)
class Target:
    """A row to correct: ``kind`` event | statement | article; ``anchor`` from the corrected view's row."""
    kind: str
    article_id: str
    anchor: str


def user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers)
        return "unknown"


def _json(v: Any) -> str:
    if isinstance(v, date | datetime):
        v = v.isoformat()[:10]
    elif hasattr(v, "tolist"):  # numpy arrays and scalars
        v = v.tolist()
    return json.dumps(v, ensure_ascii=False)


def _fields(kind: str) -> dict[str, str]:
    return {"event": EVENT_FIELDS, "statement": STATEMENT_FIELDS, "article": ARTICLE_FIELDS}[kind]


def _record(store: Store, target: str, article_id: str, anchor: str, action: str, field: str | None = None,
            old: Any = None, new: Any = None, who: str | None = None) -> int:
    with store._lock:
        cid = int(store.scalar("SELECT nextval('correction_ids')"))
        store.cursor().execute("INSERT INTO corrections VALUES (?,?,?,?,?,?,?,?,?,?,NULL,NULL)",
                               [cid, target, article_id, anchor, action, field,
                                None if old is None and action != "set" else _json(old),
                                None if new is None and action != "set" else _json(new),
                                datetime.now(UTC), who or user()])
    return cid


def current_row(store: Store, t: Target) -> dict[str, Any] | None:
    view = {"event": "v_events", "statement": "v_statements", "article": "v_articles"}[t.kind]
    key = "id" if t.kind == "article" else "article_id"
    df = store.df(f"SELECT * FROM {view} WHERE {key} = ? AND anchor = ?", [t.article_id, t.anchor])
    return None if df.empty else df.iloc[0].to_dict()


def set_field(store: Store, t: Target, field: str, value: Any, *, who: str | None = None) -> int | None:
    """Correct one field of a row; returns the correction's id, or None when the value is unchanged."""
    if field not in _fields(t.kind):
        raise ValueError(f"{field!r} cannot be corrected on a {t.kind} (one of {', '.join(_fields(t.kind))})")
    row = current_row(store, t)
    if row is None:
        raise ValueError(f"no {t.kind} {t.anchor!r} in article {t.article_id[:12]}")
    old = _plain(row.get(field))
    new = check(t.kind, field, value)
    if old == new:
        return None
    return _record(store, t.kind, t.article_id, t.anchor, "set", field, old, new, who)


def correct(store: Store, t: Target, changes: dict[str, Any], *, who: str | None = None) -> list[int]:
    """Several fields of one row at once; then the incidents of its article are grouped again."""
    ids = [c for f, v in changes.items() if (c := set_field(store, t, f, v, who=who)) is not None]
    if ids and t.kind in ("event", "article"):  # an article's title or outlet is in its incidents' sources
        _regroup(store, [t.article_id])
    return ids


def reject(store: Store, t: Target, *, who: str | None = None) -> int:
    cid = _record(store, t.kind, t.article_id, t.anchor, "reject", who=who)
    if t.kind == "event":
        _regroup(store, [t.article_id])
    return cid


def add_row(store: Store, kind: str, article_id: str, row: dict[str, Any], *, who: str | None = None) -> int:
    """A row the parser missed; its id in the views is ``c<correction id>``. Every value is checked first
    (a ValueError names the first one that is wrong, and nothing is stored)."""
    if kind not in ("event", "statement"):
        raise ValueError(f"rows can be added to events or statements, not to {kind!r}")
    if not store.scalar("SELECT count(*) FROM articles WHERE id = ?", [article_id]):
        raise ValueError(f"no article {article_id[:12]} in the store")
    extra = _ADDED_EVENT_EXTRA if kind == "event" else _ADDED_STATEMENT_EXTRA
    unknown = sorted(set(row) - set(_fields(kind)) - set(extra))
    if unknown:
        raise ValueError(f"an added {kind} has no field {unknown[0]!r}")
    clean = {k: check(kind, k, v) for k, v in row.items()}
    clean = {k: v for k, v in clean.items() if v is not None}
    needed = ("event_type",) if kind == "event" else ("speaker", "quote")
    missing = [label for label in needed if not clean.get(label)]
    if missing:
        raise ValueError(f"an added {kind} needs {' and '.join(m.replace('_', ' ') for m in missing)}")
    with store._lock:
        cid = int(store.scalar("SELECT nextval('correction_ids')"))
        store.cursor().execute("INSERT INTO corrections VALUES (?,?,?,?,?,?,NULL,?,?,?,NULL,NULL)",
                               [cid, kind, article_id, f"add:{cid}", "add", None, _json(clean), datetime.now(UTC),
                                who or user()])
    if kind == "event":
        _regroup(store, [article_id])
    return cid


def set_article_date(store: Store, article_id: str, day: date | str | None, *, who: str | None = None,
                     reparse: bool = True) -> int | None:
    """Set an article's publication date (issue 12 and 14): a correction, then a re-parse that re-dates its events."""
    cid = set_field(store, Target("article", article_id, article_id), "published",
                    day.isoformat() if isinstance(day, date) else day, who=who)
    if cid is not None and reparse:
        reparse_article(store, article_id)
    return cid


def merge_incidents(store: Store, a: tuple[str, str], b: tuple[str, str], *, who: str | None = None) -> int:
    """Put the incidents of events ``a`` and ``b`` (article id, event anchor) together."""
    got = {}
    for ev in (a, b):
        row = store.cursor().execute("SELECT incident_id FROM v_event_incidents WHERE article_id = ? AND anchor = ?",
                                     list(ev)).fetchone()
        if row is None:
            raise ValueError(f"no event {ev[1]!r} in article {ev[0][:12]} (rejected, or gone after a re-parse)")
        got[ev] = row[0]
    if got[a] == got[b]:
        raise ValueError("these rows are one incident already")
    cid = _record(store, "incident", a[0], a[1], "merge", "with", None, list(b), who)
    _regroup(store, [a[0], b[0]])
    return cid


def split_event(store: Store, ev: tuple[str, str], *, who: str | None = None) -> int:
    """Take event ``ev`` (article id, anchor) out of its incident: it stands alone from then on."""
    cid = _record(store, "incident", ev[0], ev[1], "split", who=who)
    _regroup(store, [ev[0]])
    return cid


def undo(store: Store, correction_id: int, *, who: str | None = None) -> None:
    row = store.df("SELECT target, article_id, action, field, new FROM corrections WHERE id = ? AND undone_at IS NULL",
                   [correction_id])
    if row.empty:
        raise ValueError(f"no live correction {correction_id}")
    with store._lock:
        store.cursor().execute("UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ?",
                               [datetime.now(UTC), who or user(), correction_id])
    r = row.iloc[0]
    if r["target"] == "article" and r["field"] == "published":
        reparse_article(store, r["article_id"])
    elif r["target"] in ("event", "incident", "article"):
        arts = [r["article_id"]]
        if r["action"] == "merge":
            arts.append(json.loads(r["new"])[0])
        _regroup(store, arts)


def log(store: Store, article_id: str | None = None) -> Any:
    """Every correction, newest first, with whether it still finds its row (``orphaned``)."""
    where = "WHERE c.article_id = ?" if article_id else ""
    return store.df(f"""
        SELECT c.*, CASE
            WHEN c.target = 'event' AND c.action IN ('set', 'reject')
                THEN NOT EXISTS (SELECT 1 FROM events b WHERE b.article_id = c.article_id AND {EVENT_ANCHOR} = c.anchor)
            WHEN c.target = 'statement' AND c.action IN ('set', 'reject')
                THEN NOT EXISTS (SELECT 1 FROM statements b WHERE b.article_id = c.article_id
                                 AND {STATEMENT_ANCHOR} = c.anchor)
            ELSE false END AS orphaned
        FROM corrections c {where} ORDER BY c.id DESC""", [article_id] if article_id else [])


def _type(kind: str, field: str) -> str:
    extra = _ADDED_EVENT_EXTRA if kind == "event" else _ADDED_STATEMENT_EXTRA if kind == "statement" else {}
    return {**_fields(kind), **extra}[field]


def check(kind: str, field: str, value: Any) -> Any:
    """A corrected or added value as it is stored (None for empty), or a ValueError that says what is wrong."""
    v = _plain(value)
    if isinstance(v, str):
        v = v.strip() or None
    if v is None:
        return None
    name = field.replace("_", " ")
    typ = _type(kind, field)
    if typ == "DATE":
        try:
            return datetime.fromisoformat(str(v)).date().isoformat()
        except ValueError:
            raise ValueError(f"{name}: {str(v)[:40]!r} is not a date (YYYY-MM-DD)") from None
    if typ in ("INTEGER", "DOUBLE"):
        try:
            num = float(v)
        except (TypeError, ValueError):
            raise ValueError(f"{name}: {str(v)[:40]!r} is not a number") from None
        if num != num or num in (float("inf"), float("-inf")):
            raise ValueError(f"{name}: not a number")
        if typ == "INTEGER":
            if num != int(num):
                raise ValueError(f"{name}: {v} is not a whole number")
            num = int(num)
        low, high = _RANGES.get(field, (float("-inf"), None))
        if num < low or (high is not None and num > high):
            raise ValueError(f"{name}: {v} is not between {low:,} and {high:,}" if high is not None
                             else f"{name}: {v} is below {low}")
        return num
    if typ.endswith("[]"):
        items = v if isinstance(v, list) else [v]
        out = [str(x).strip() for x in items if str(x).strip()]
        if any(len(x) > MAX_TEXT for x in out):
            raise ValueError(f"{name}: an item is longer than {MAX_TEXT:,} characters")
        return out
    v = str(v)
    if len(v) > MAX_TEXT:
        raise ValueError(f"{name}: longer than {MAX_TEXT:,} characters ({len(v):,})")
    if field == "event_type" and v not in EVENT_TYPES:
        raise ValueError(f"event type: {v[:40]!r} is not a PLOVER type ({', '.join(EVENT_TYPES)})")
    if field == "kind" and kind == "statement" and v not in STATEMENT_KINDS:
        raise ValueError(f"kind: {v[:40]!r} is not direct or indirect")
    return v


_RANGES = {"lat": (-90, 90), "lon": (-180, 180), "fatalities": (0, 1_000_000), "geo_precision": (1, 3),
           "start": (0, None), "end": (0, None), "quote_start": (0, None), "quote_end": (0, None)}


def _plain(v: Any) -> Any:
    """A value as JSON would hold it: None for every kind of missing, dates as YYYY-MM-DD, lists as lists."""
    import pandas as pd
    if hasattr(v, "tolist") and not isinstance(v, pd.Timestamp):
        v = v.tolist()
    if v is None or (not isinstance(v, list | str) and pd.isna(v)):
        return None
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, tuple):
        return list(v)
    return v


def locate(store: Store, article_id: str, name: str) -> dict[str, Any] | None:
    """A place an analyst types for a row: one of the article's own places when it is one (by any of its forms),
    else the offline gazetteer with the article's places and events as context (the typed name kept); None when
    neither knows it."""
    from collections import Counter

    import pandas as pd

    from core import geo
    key = name.strip().lower()
    if not key:
        return None
    own = store.df("SELECT name, canonical, lat, lon, country, geo_precision, forms FROM places WHERE article_id = ?",
                   [article_id])
    for p in own.itertuples(index=False):
        forms = {str(x).lower() for x in [p.name, p.canonical, *list(p.forms if p.forms is not None else [])] if x}
        if key in forms and pd.notna(p.lat) and pd.notna(p.lon):
            return {"location": p.canonical, "country": p.country, "lat": float(p.lat), "lon": float(p.lon),
                    "geo_precision": int(p.geo_precision) if pd.notna(p.geo_precision) else None}
    # the article as context: the countries and points of its places and of its events
    rows = store.df("SELECT country, lat, lon FROM places WHERE article_id = ? UNION ALL "
                    "SELECT country, lat, lon FROM v_events WHERE article_id = ?", [article_id, article_id])
    context = Counter(c for c in rows["country"] if isinstance(c, str))
    anchors = [(float(a), float(b)) for a, b in zip(rows["lat"], rows["lon"], strict=True) if pd.notna(a) and pd.notna(b)]
    res = geo.resolve(name.strip(), None, context, anchors)
    if res.cand is None or res.precision is None:
        return None
    c = res.cand  # the point is the gazetteer's; the name stays as the analyst wrote it
    return {"location": name.strip(), "country": c.country, "lat": c.lat, "lon": c.lon, "geo_precision": res.precision}


def find_span(store: Store, article_id: str, text: str) -> tuple[int, int] | None:
    """Where a pasted sentence or quote stands in the article's text (offsets), or None."""
    t = " ".join(text.split())
    if len(t) < 8:
        return None
    body = store.scalar("SELECT text FROM articles WHERE id = ?", [article_id]) or ""
    i = body.find(t)
    return None if i < 0 else (i, i + len(t))


# -- consequences -------------------------------------------------------------
def _regroup(store: Store, article_ids: list[str]) -> None:
    from core import incidents
    incidents.regroup(store, article_ids)


def reparse_article(store: Store, article_id: str) -> None:
    """Parse a stored article again (its corrected date, language, outlet, title) and replace its parsed rows."""
    from core.pipeline import parse_article
    art = store.df("SELECT v.*, a.text FROM v_articles v JOIN articles a ON a.id = v.id WHERE v.id = ?", [article_id])
    if art.empty:
        raise ValueError(f"no article {article_id[:12]}")
    a = art.iloc[0]
    published = _plain(a["published"])
    parsed = parse_article(a["text"], lang=a["language"], published=published, source=_plain(a["source"]),
                           title=_plain(a["title"]), url=_plain(a["url"]))
    doc = parsed.to_dict(with_text=True)
    orig = store.df("SELECT title, published, source, url FROM articles WHERE id = ?", [article_id]).iloc[0]
    for k in ("title", "published", "source", "url"):  # the stored article keeps what was parsed first
        doc["article"][k] = _plain(orig[k])
    store.replace(doc)
    _regroup(store, [article_id])
