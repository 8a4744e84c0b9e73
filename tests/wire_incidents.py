"""Six wire-style articles of our own writing: two incidents, each told three ways, plus rows that must stay apart.

Incident A: Turkish soldiers killed in an air strike near Saraqib, Idlib (27-28 February 2020),
told by a Norwegian agency (a point, 33 killed), an English wire (only the province, 34 killed)
and a follow-up a day later (the next town, "at least 33").
Incident B: a strike on a school in central Gaza (6 June 2024), told at Nuseirat (27 killed),
at Deir al-Balah 5 km away (35 killed) and in a report that gives no toll.
Also: a strike in Idlib a week later, a phone call between Ankara and Moscow the same day,
and a strike in Aleppo 45 km away the same day: none of them belongs to either incident.

The parsed records are written out by hand (the parser is being improved meanwhile),
so these tests measure the grouping, not the parser.
"""
from __future__ import annotations

import hashlib
from typing import Any

TEXTS = {
    "ntb": ("Minst 33 tyrkiske soldater drept i Idlib\n\nSARAQIB (NTB): Minst 33 tyrkiske soldater ble drept da "
            "syriske fly angrep en kolonne nær Saraqib torsdag kveld.\n\nTyrkias president kalte inn til krisemøte. "
            "Samme dag snakket Erdogan med Putin på telefon."),
    "wire": ("Turkey says 34 soldiers killed in Syrian strike\n\nANKARA, Feb 28 (Wire) - Thirty-four Turkish "
             "soldiers were killed in an air strike by Syrian government forces in Idlib province, Turkish "
             "officials said on Friday.\n\nA week later, another strike in Idlib killed two soldiers."),
    "follow": ("Turkey buries soldiers killed near Saraqib\n\nISTANBUL (Desk) - Funerals were held on Saturday for "
               "at least 33 soldiers killed when Syrian aircraft bombed their convoy outside Taftanaz.\n\n"
               "In Aleppo, shelling killed four civilians the same day."),
    "gaza1": ("Strike on Gaza school kills 27\n\nNUSEIRAT, Gaza Strip (Agency) - An Israeli strike on a school "
              "sheltering displaced families in Nuseirat killed 27 people on Thursday, hospital officials said."),
    "gaza2": ("35 killed as Israel hits UN school in central Gaza\n\nDEIR AL-BALAH (Wire) - Israeli aircraft struck "
              "a school run by the United Nations, killing 35 Palestinians, medics in Deir al-Balah said."),
    "gaza3": ("Israel says it targeted militants in school compound\n\nJERUSALEM (Desk) - The Israeli military said "
              "its jets hit a Hamas compound inside a school in central Gaza on Thursday."),
}

SARAQIB = (35.8623, 36.8006)
TAFTANAZ = (35.9984, 36.7847)
IDLIB = (35.93, 36.63)
ALEPPO = (36.2021, 37.1343)
NUSEIRAT = (31.45, 34.39)
DEIR_AL_BALAH = (31.4189, 34.3517)
GAZA = (31.42, 34.36)


def _event(n: int, text: str, trigger: str, *, type_: str = "ASSAULT", date: str, actor1: str | None,
           actor2: str | None, c1: str | None, c2: str | None, location: str | None, country: str | None,
           at: tuple[float, float] | None, precision: int | None, fatalities: int | None) -> dict[str, Any]:
    start = text.find(trigger, text.find("\n\n"))  # in the body, not the headline
    s0 = text.rfind("\n\n", 0, start)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = text.find("\n\n", start)
    s1 = len(text) if s1 < 0 else s1
    return {"id": f"e{n}", "event_type": type_, "mode": None, "date": date, "date_precision": "day",
            "actor1": actor1, "actor2": actor2, "actor1_country": c1, "actor2_country": c2, "location": location,
            "country": country, "lat": at[0] if at else None, "lon": at[1] if at else None,
            "geo_precision": precision, "fatalities": fatalities, "reported_by": None, "trigger": trigger,
            "sentence": text[s0:s1], "start": s0, "end": s1, "locations": [location] if location else [],
            "date_source": "text"}


def _doc(key: str, published: str, source: str, lang: str, events: list[dict[str, Any]],
         statements: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    text = TEXTS[key]
    return {"article": {"id": hashlib.sha256(text.encode()).hexdigest(), "title": text.split("\n")[0],
                        "language": lang, "published": published, "source": source,
                        "url": f"https://news.example/{key}", "n_chars": len(text), "text": text},
            "events": events, "statements": statements or [], "places": [], "actors": []}


def docs() -> dict[str, dict[str, Any]]:
    t = TEXTS
    syr, tur = ("Syrian military", "SYR"), ("Turkish military", "TUR")
    return {
        "ntb": _doc("ntb", "2020-02-28", "NTB", "nb", [
            _event(1, t["ntb"], "drept", date="2020-02-27", actor1=syr[0], actor2=tur[0], c1="SYR", c2="TUR",
                   location="Saraqib", country="SY", at=SARAQIB, precision=1, fatalities=33),
            _event(2, t["ntb"], "snakket", type_="CONSULT", date="2020-02-27", actor1="Recep Tayyip Erdogan",
                   actor2="Vladimir Putin", c1="TUR", c2="RUS", location=None, country=None, at=None, precision=None,
                   fatalities=None)],
            [{"id": "s1", "speaker": "Recep Tayyip Erdogan", "speaker_role": "president", "speaker_actor": "Turkey",
              "quote": "kalte inn til krisemøte", "kind": "indirect", "verb": "kalte", "channel": None,
              "targets": ["Syria"], "reported_by": "NTB", "date": "2020-02-28",
              "start": t["ntb"].find("Tyrkias"), "end": t["ntb"].find("krisemøte.") + 10,
              "quote_start": t["ntb"].find("kalte"), "quote_end": t["ntb"].find("krisemøte.") + 9}]),
        "wire": _doc("wire", "2020-02-28", "Wire", "en", [
            _event(1, t["wire"], "killed", date="2020-02-27", actor1="Syrian government forces", actor2=tur[0],
                   c1="SYR", c2="TUR", location="Idlib", country="SY", at=IDLIB, precision=2, fatalities=34),
            _event(2, t["wire"], "strike in Idlib killed", date="2020-03-05", actor1=None, actor2=tur[0], c1=None,
                   c2="TUR", location="Idlib", country="SY", at=IDLIB, precision=2, fatalities=2)]),
        "follow": _doc("follow", "2020-02-29", "Desk", "en", [
            _event(1, t["follow"], "bombed", date="2020-02-28", actor1=syr[0], actor2=tur[0], c1="SYR", c2="TUR",
                   location="Taftanaz", country="SY", at=TAFTANAZ, precision=1, fatalities=33),
            _event(2, t["follow"], "shelling killed", date="2020-02-28", actor1=None, actor2="Civilians (Syria)",
                   c1=None, c2="SYR", location="Aleppo", country="SY", at=ALEPPO, precision=1, fatalities=4)]),
        "gaza1": _doc("gaza1", "2024-06-06", "Agency", "en", [
            _event(1, t["gaza1"], "killed", date="2024-06-06", actor1="Israel", actor2="Palestinians", c1="ISR",
                   c2="PSE", location="Nuseirat", country="PS", at=NUSEIRAT, precision=1, fatalities=27)]),
        "gaza2": _doc("gaza2", "2024-06-06", "Wire", "en", [
            _event(1, t["gaza2"], "struck", date="2024-06-06", actor1="Israeli military", actor2="United Nations",
                   c1="ISR", c2=None, location="Deir al-Balah", country="PS", at=DEIR_AL_BALAH, precision=1,
                   fatalities=35)]),
        "gaza3": _doc("gaza3", "2024-06-07", "Desk", "en", [
            _event(1, t["gaza3"], "hit", date="2024-06-06", actor1="Israeli military", actor2="Hamas", c1="ISR",
                   c2="PSE", location="Gaza Strip", country="PS", at=GAZA, precision=2, fatalities=None)]),
    }


def store_with(store, keys: list[str] | None = None):
    """Ingest the chosen articles (all by default) into ``store``; returns the docs by key."""
    d = docs()
    for k in keys or list(d):
        store.ingest(d[k])
    return d
