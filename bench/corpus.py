"""A scale corpus for load tests: distinct articles made by recombining paragraphs of the real texts.

Paragraphs of ``seeds/`` and the test fixtures are shuffled together, and their
places, people, numbers and dates are swapped for others of the same kind, so
every article is different text of realistic shape. For load only: never
evidence of accuracy.
"""
from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {"nb": [ROOT / "seeds" / "idlib_2020-02-28.txt", ROOT / "tests" / "fixtures" / "nb_sudan_wire.txt"],
           "en": [ROOT / "tests" / "fixtures" / "en_wire.txt"]}
SWAPS = {
    "place": ["Idlib", "Aleppo", "Saraqeb", "Kharkiv", "Mosul", "Raqqa", "Homs", "Hama", "Gaza", "Rafah", "Khartoum",
              "El Fasher", "Donetsk", "Kherson", "Odesa", "Beirut", "Tripoli", "Benghazi", "Sanaa", "Aden", "Kabul",
              "Mogadishu", "Goma", "Bamako", "Kilis", "Kastanies", "Lesvos", "Medyka", "Brussels", "Ankara"],
    "person": ["Jens Stoltenberg", "Hulusi Akar", "Mark Rutte", "Dmytro Kuleba", "Ine Eriksen Søreide",
               "Oleh Synehubov", "Stéphane Dujarric", "Ali Youssef", "Anna Kovac", "Yassin Ibrahim"],
    "country": ["Tyrkia", "Russland", "Syria", "Hellas", "Norge", "Ukraina", "Sudan", "Libanon", "Israel", "Iran"],
    "country_en": ["Turkey", "Russia", "Syria", "Greece", "Norway", "Ukraine", "Sudan", "Lebanon", "Israel", "Iran"],
    "weekday": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"],
    "weekday_en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
}


def _paragraphs(lang: str) -> list[str]:
    out = []
    for p in SOURCES[lang]:
        out += [x.strip() for x in p.read_text(encoding="utf-8").split("\n\n") if len(x.strip()) > 40]
    return out


def _swap(text: str, rng: random.Random, lang: str) -> str:
    for name in SWAPS["place"] + SWAPS["person"]:
        if name in text:
            pool = SWAPS["person"] if name in SWAPS["person"] else SWAPS["place"]
            text = text.replace(name, rng.choice(pool))
    countries = SWAPS["country"] if lang == "nb" else SWAPS["country_en"]
    for c in countries:
        if c in text and rng.random() < 0.5:
            text = text.replace(c, rng.choice(countries))
    days = SWAPS["weekday"] if lang == "nb" else SWAPS["weekday_en"]
    for d in days:
        text = text.replace(d, rng.choice(days))
    return re.sub(r"\b\d{1,3}\b", lambda m: str(rng.randint(2, 400)), text)


def article(i: int, lang: str, words: int = 800, seed: int = 2020) -> tuple[str, str]:
    """(text, published date) of the i-th article: about ``words`` words."""
    rng = random.Random(seed * 100_003 + i)
    paras = _paragraphs(lang)
    out: list[str] = []
    n = 0
    while n < words:
        p = _swap(rng.choice(paras), rng, lang)
        out.append(p)
        n += len(p.split())
    day = 1 + rng.randrange(0, 28)
    month = 1 + rng.randrange(0, 12)
    return "\n\n".join(out) + f"\n\n(Løpenummer {i}.)" if lang == "nb" else "\n\n".join(out) + f"\n\n(Serial {i}.)", \
        f"20{rng.randint(18, 25)}-{month:02d}-{day:02d}"


def articles(n: int, lang: str = "mixed", words: int = 800) -> Iterator[tuple[str, str, str]]:
    """(language, text, published) for n distinct articles; "mixed" alternates nb and en."""
    for i in range(n):
        lg = lang if lang != "mixed" else ("nb" if i % 2 == 0 else "en")
        text, pub = article(i, lg, words)
        yield lg, text, pub


def write(folder: Path, n: int, lang: str = "mixed", words: int = 800) -> Path:
    """Write n articles as .txt files with an index.json (language, published) for `core ingest`."""
    folder.mkdir(parents=True, exist_ok=True)
    index = []
    for i, (lg, text, pub) in enumerate(articles(n, lang, words)):
        name = f"a{i:06d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        index.append({"file": name, "language": lg, "published": pub, "source": "scale corpus"})
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return folder
