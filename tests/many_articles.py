"""A hundred short wire-style articles of our own writing, as parsed records (no parser involved).

For the desk at a hundred articles: the actor network (many actors, a few very active),
tables and pages. Each article is a headline and three to six sentences built from
templates; every event's sentence and every statement's quote is found in its text at
the offsets given, so the reader marks them. Deterministic (seeded).
"""
from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from typing import Any

ACTORS = [  # (name, ISO alpha-3) -- a few sides that act often, many that appear now and then
    ("Israeli military", "ISR"), ("Hamas", "PSE"), ("Syrian military", "SYR"), ("Turkish military", "TUR"),
    ("Russian military", "RUS"), ("Ukrainian military", "UKR"), ("Rapid Support Forces", "SDN"),
    ("Sudanese Armed Forces", "SDN"), ("Houthis", "YEM"), ("Hezbollah", "LBN"), ("Islamic Jihad", "PSE"),
    ("Kurdish-led Syrian Democratic Forces", "SYR"), ("Hayat Tahrir al-Sham", "SYR"), ("Wagner Group", "RUS"),
    ("Iraqi police", "IRQ"), ("Lebanese army", "LBN"), ("Yemeni government forces", "YEM"),
    ("Saudi-led coalition", "SAU"), ("Al-Shabaab", "SOM"), ("Somali National Army", "SOM"),
    ("Malian army", "MLI"), ("JNIM", "MLI"), ("M23 rebels", "COD"), ("Congolese army", "COD"),
    ("Palestinian Authority", "PSE"), ("Egyptian army", "EGY"), ("Libyan National Army", "LBY"),
    ("Government of National Unity", "LBY"), ("Civilians", None), ("Aid workers", None), ("Journalists", None),
    ("Protesters", None), ("Police", None), ("Local officials", None)]
SPEAKERS = [("United Nations", None), ("Turkey", "TUR"), ("Russia", "RUS"), ("Israel", "ISR"), ("Iran", "IRN"),
            ("United States", "USA"), ("European Union", None), ("Egypt", "EGY"), ("Qatar", "QAT"),
            ("Norway", "NOR"), ("African Union", None), ("Red Cross", None)]
PLACES = [("Idlib", "SY", 35.93, 36.63), ("Aleppo", "SY", 36.20, 37.13), ("Gaza City", "PS", 31.50, 34.47),
          ("Rafah", "PS", 31.30, 34.25), ("Kharkiv", "UA", 49.99, 36.23), ("Kherson", "UA", 46.64, 32.61),
          ("El Fasher", "SD", 13.63, 25.35), ("Khartoum", "SD", 15.50, 32.56), ("Sanaa", "YE", 15.35, 44.21),
          ("Tyre", "LB", 33.27, 35.20), ("Mosul", "IQ", 36.34, 43.13), ("Mogadishu", "SO", 2.04, 45.34),
          ("Gao", "ML", 16.27, -0.04), ("Goma", "CD", -1.68, 29.22), ("Tripoli", "LY", 32.89, 13.19)]
VERBS = {"ASSAULT": "attacked", "COERCE": "detained members of", "PROTEST": "marched against",
         "ACCUSE": "accused", "MOBILIZE": "sent reinforcements against", "THREATEN": "threatened"}


def _weighted_actor(rnd: random.Random) -> tuple[str, str | None]:
    # the first ten act far more often than the rest: a network with a core and a long tail
    return ACTORS[min(int(rnd.expovariate(1 / 6)), len(ACTORS) - 1)]


def docs(n: int = 100, seed: int = 11) -> list[dict[str, Any]]:
    rnd = random.Random(seed)
    day0 = date(2024, 3, 1)
    out = []
    for i in range(n):
        published = day0 + timedelta(days=rnd.randrange(60))
        place, cc, lat, lon = rnd.choice(PLACES)
        head = f"Fighting near {place} as talks stall ({i + 1})"
        parts, events, statements = [head], [], []
        pos = len(head) + 2
        for j in range(rnd.randint(3, 6)):
            a1, a2 = _weighted_actor(rnd), _weighted_actor(rnd)
            if a1 == a2:
                a2 = ACTORS[(ACTORS.index(a1) + 7) % len(ACTORS)]
            if j % 3 == 2:
                who, who_cc = rnd.choice(SPEAKERS)
                quote = f"We call on {a1[0]} and {a2[0]} to stop at once"
                sentence = f"\u201c{quote},\u201d a spokesperson for {who} said."
                q0 = pos + 1
                statements.append({
                    "id": f"s{j + 1}", "speaker": who, "speaker_role": "Spokesperson", "speaker_actor": who,
                    "quote": quote, "kind": "direct", "verb": "said", "channel": None, "targets": [a1[0], a2[0]],
                    "reported_by": None, "date": published.isoformat(), "start": pos, "end": pos + len(sentence),
                    "quote_start": q0, "quote_end": q0 + len(quote)})
            else:
                type_ = rnd.choice(list(VERBS))
                killed = rnd.choice([None, None, 2, 5, 11]) if type_ == "ASSAULT" else None
                toll = f", killing {killed} people" if killed else ""
                sentence = f"{a1[0]} {VERBS[type_]} {a2[0]} in {place} on Tuesday{toll}."
                events.append({
                    "id": f"e{j + 1}", "event_type": type_, "mode": None,
                    "date": (published - timedelta(days=1)).isoformat(), "date_precision": "day",
                    "actor1": a1[0], "actor2": a2[0], "actor1_country": a1[1], "actor2_country": a2[1],
                    "location": place, "country": cc, "lat": lat + rnd.uniform(-0.02, 0.02),
                    "lon": lon + rnd.uniform(-0.02, 0.02), "geo_precision": 1, "fatalities": killed,
                    "reported_by": None, "trigger": VERBS[type_].split()[0], "sentence": sentence, "start": pos,
                    "end": pos + len(sentence), "locations": [place], "date_source": "text"})
            parts.append(sentence)
            pos += len(sentence) + 2
        text = "\n\n".join(parts)
        aid = hashlib.sha256(text.encode()).hexdigest()
        out.append({"article": {"id": aid, "title": head, "language": "en", "published": published.isoformat(),
                                "source": rnd.choice(["Wire", "Desk", "Agency"]), "url": None,
                                "n_chars": len(text), "text": text},
                    "events": events, "statements": statements,
                    "places": [{"name": place, "canonical": place, "kind": "city", "lat": lat, "lon": lon,
                                "country": cc, "geonames_id": None, "mentions": 2, "forms": [place], "spans": [],
                                "geo_precision": 1}],
                    "actors": []})
    return out
