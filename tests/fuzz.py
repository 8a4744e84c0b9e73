"""A seeded fuzz run through the CLI contract (`core parse`) and `parse_article`: 0 crashes, every output schema-valid.

    python -m tests.fuzz --n 10000 --seed 15        (make fuzz)

Inputs: random Unicode (lone surrogates, controls, every plane), HTML fragments (scripts, handlers, comments,
unclosed tags, nesting around lxml's 255-level limit), encodings (UTF-8/16/32 with and without BOM, Windows-1252,
Latin-1, truncated sequences, random bytes, binary magic), sizes near every limit (the byte limit, set to
``LIMIT`` for the run so that limit - 1, limit and limit + 1 bytes stay fast; the 4,096-byte window of the encoding
sniffer; the 2,000-character HTML sniffer), wire-like word salad in nb/nn/en with quotes, and Markdown payloads;
with random --lang, --published (valid and invalid) and --format. A crash is an exit status other than 0 or 2, a
traceback, output on a refusal, more than one line of error, an exception from parse_article other than
InputError, or a JSON document that fails the contract's schema or its offsets.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

LIMIT = 6_000
EVENT_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
_NULL_STR = {"type": ["string", "null"]}
_OFFSETS = {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0}}
SCHEMA = {  # ../shared/docs/CONTRACT.md: required fields and their types (fields may be added, never dropped)
    "type": "object", "required": ["article", "events", "statements", "places", "actors"],
    "properties": {
        "article": {"type": "object", "required": ["id", "title", "language", "published", "source", "url", "n_chars"],
                    "properties": {"id": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "title": _NULL_STR,
                                   "language": {"enum": ["nb", "nn", "en"]},
                                   "published": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                                   "source": _NULL_STR, "url": _NULL_STR, "n_chars": {"type": "integer", "minimum": 1}}},
        "events": {"type": "array", "items": {
            "type": "object",
            "required": ["id", "event_type", "mode", "date", "date_precision", "actor1", "actor2", "actor1_country",
                         "actor2_country", "location", "country", "lat", "lon", "geo_precision", "fatalities",
                         "reported_by", "trigger", "sentence", "start", "end"],
            "properties": {"event_type": {"enum": EVENT_TYPES}, "mode": _NULL_STR,
                           "date": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"},
                           "date_precision": {"enum": ["day", "week", "month", "year", None]},
                           "actor1": _NULL_STR, "actor2": _NULL_STR, "location": _NULL_STR, "country": _NULL_STR,
                           "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
                           "lon": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
                           "geo_precision": {"enum": [1, 2, 3, None]},
                           "fatalities": {"type": ["integer", "null"], "minimum": 0},
                           "reported_by": _NULL_STR, "trigger": {"type": "string"}, "sentence": {"type": "string"},
                           **_OFFSETS}}},
        "statements": {"type": "array", "items": {
            "type": "object",
            "required": ["id", "speaker", "speaker_role", "speaker_actor", "quote", "kind", "verb", "channel", "targets",
                         "reported_by", "date", "start", "end"],
            "properties": {"speaker": {"type": "string", "minLength": 1}, "speaker_role": _NULL_STR,
                           "speaker_actor": _NULL_STR, "quote": {"type": "string"},
                           "kind": {"enum": ["direct", "indirect"]}, "verb": _NULL_STR, "channel": _NULL_STR,
                           "targets": {"type": "array", "items": {"type": "string"}}, "reported_by": _NULL_STR,
                           **_OFFSETS}}},
        "places": {"type": "array", "items": {
            "type": "object", "required": ["name", "canonical", "kind", "lat", "lon", "country", "geonames_id", "mentions"],
            "properties": {"name": {"type": "string"}, "lat": {"type": ["number", "null"]},
                           "geonames_id": {"type": ["integer", "null"]}, "mentions": {"type": "integer", "minimum": 1}}}},
        "actors": {"type": "array", "items": {
            "type": "object", "required": ["name", "type", "country", "aliases"],
            "properties": {"name": {"type": "string", "minLength": 1}, "aliases": {"type": "array"}}}},
    },
}

WORDS = {
    "nb": ["Tyrkia", "angrep", "drept", "sier", "sa", "–", "«", "»", "Idlib", "fredag", "20", "soldater", "ifølge",
           "Reuters", ".", ",", "\n\n", "Nato-sjef", "Jens", "Stoltenberg", "at", "ble", "i", "mot", "syriske",
           "grensen", "stengte", "Hellas", "tåregass", ":", "(", ")", "tre", "minst", "natt", "til", "i går"],
    "nn": ["Tyrkia", "seier", "ifølgje", "vart", "drepne", "åtak", "ikkje", "på", "grensa", "fredag", "«", "»", "."],
    "en": ["Turkey", "attack", "killed", "said", "–", '"', "Idlib", "Friday", "20", "soldiers", "according", "to",
           "Reuters", ".", ",", "\n\n", "the", "were", "in", "against", "Syrian", "border", "closed", "yesterday"],
}
TAGS = ["div", "p", "span", "article", "section", "b", "i", "a", "td", "li", "ul", "table", "tr", "h1", "blockquote"]
ACTIVE = ["<script>alert(1)</script>", "<style>p{x:y}</style>", "<img src=x onerror=alert(2)>", "<!-- c -->",
          "<iframe src='javascript:alert(3)'></iframe>", "<![CDATA[x]]>", "<svg onload=alert(4)>", "</p></div>",
          "<title>Breaking ![t](http://198.51.100.7/i.png) :red[ALERT]</title>", "<meta property='og:title' content='X'>",
          "&amp;&lt;&#x0;&#xD800;&unknown;", "<noscript>n</noscript>", "<template>t</template>"]
PAYLOADS = ["![t](http://198.51.100.7/i.png)", "[Read more](http://198.51.100.7/x)", ":red[ALERT]", "$x^2$",
            "${window.__pwned=1}", "`code`", "<b>bold</b>", "\u202ertl", "\u200b\u200d\u2060", "\ufeff", "\x00", "\r\n"]
MAGIC = [b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"PK\x03\x04", b"GIF89a", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b"]


def wire(rnd: random.Random, n: int) -> str:
    lang = rnd.choice(list(WORDS))
    return " ".join(rnd.choice(WORDS[lang]) for _ in range(n))


def unicode_text(rnd: random.Random, n: int) -> str:
    ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x400, 0x4FF), (0x600, 0x6FF), (0x0, 0x1F), (0x2000, 0x206F),
              (0x300, 0x36F), (0x4E00, 0x9FFF), (0xD800, 0xDFFF), (0xE000, 0xF8FF), (0x1F300, 0x1FAFF), (0xFFF0, 0xFFFF),
              (0x10000, 0x10FFFF)]
    out = []
    for _ in range(n):
        lo, hi = rnd.choice(ranges)
        out.append(chr(rnd.randint(lo, hi)))
    return "".join(out)


def html_doc(rnd: random.Random) -> str:
    depth = rnd.choice([0, 3, 40, 250, 254, 255, 256, 260, 600, 3000])
    tag = rnd.choice(TAGS)
    inner = wire(rnd, rnd.randint(0, 60)) + rnd.choice(ACTIVE) + rnd.choice(PAYLOADS)
    close = f"</{tag}>" * depth if rnd.random() < 0.7 else ""  # unclosed nesting too
    parts = [rnd.choice(["<!doctype html>", "", "<html>"]), rnd.choice(["<head><title>" + wire(rnd, 5) + "</title></head>",
                                                                          ""]),
             "<body>", f"<p>{wire(rnd, rnd.randint(0, 40))}</p>", f"<{tag}>" * depth, inner, close,
             f"<p>{wire(rnd, rnd.randint(0, 40))}</p>", rnd.choice(ACTIVE), rnd.choice(["</body></html>", ""])]
    return "".join(parts)


def encode(rnd: random.Random, text: str) -> bytes:
    enc = rnd.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1",
                      "truncated", "surrogates"])
    if enc == "truncated":
        b = text.encode("utf-8", "surrogatepass")
        return b[:max(0, len(b) - rnd.randint(1, 3))] + b"\xe2\x82"
    if enc == "surrogates":
        return text.encode("utf-8", "surrogatepass")
    return text.encode(enc, "replace" if enc in ("cp1252", "latin-1") else "surrogatepass")


def sized(rnd: random.Random, target: int) -> bytes:
    """Text bytes of exactly ``target`` length (wire-like, padded with spaces and words)."""
    base = (wire(rnd, 40) + "\n\n").encode()
    data = (base * (target // max(1, len(base)) + 1))[:target]
    return data[:-1] + b"." if target else b""


@dataclass
class Case:
    kind: str
    data: bytes
    suffix: str
    argv: list[str] = field(default_factory=list)


def generate(rnd: random.Random) -> Case:
    kind = rnd.choice(["unicode", "unicode", "html", "html", "encoded", "sized", "wire", "bytes", "payload"])
    suffix = rnd.choice([".txt", ".txt", ".md", ".html", ".htm"])
    if kind == "unicode":
        data = unicode_text(rnd, rnd.choice([0, 1, 5, 50, 400, 3000])).encode("utf-8", "surrogatepass")
    elif kind == "html":
        data, suffix = encode(rnd, html_doc(rnd)), rnd.choice([".html", ".htm", ".txt"])
    elif kind == "encoded":
        data = encode(rnd, rnd.choice([wire(rnd, rnd.randint(1, 200)), unicode_text(rnd, 200),
                                       "Мария Захарова сказала в пятницу, что Россия и Турция договорились."]))
    elif kind == "sized":
        target = rnd.choice([LIMIT - 1, LIMIT, LIMIT + 1, 4095, 4096, 4097, 1999, 2000, 2001, 1, 2, 3])
        data = sized(rnd, target)
        if rnd.random() < 0.3:
            data = data.decode("utf-8", "ignore").encode("utf-16-le")[:target]
    elif kind == "wire":
        data = wire(rnd, rnd.randint(0, 300)).encode()
    elif kind == "bytes":
        data = rnd.choice(MAGIC + [b""]) + bytes(rnd.randrange(256) for _ in range(rnd.choice([0, 1, 10, 500, 5000])))
    else:
        data = " ".join(rnd.choice(PAYLOADS + WORDS["nb"]) for _ in range(rnd.randint(1, 80))).encode("utf-8",
                                                                                                       "surrogatepass")
    argv = []
    if rnd.random() < 0.5:
        argv += ["--lang", rnd.choice(["auto", "nb", "nn", "en"])]
    if rnd.random() < 0.5:
        argv += ["--published", rnd.choice(["2020-02-28", "2024-05-16", "2020-02-30", "garbage", "1900-01-01"])]
    if rnd.random() < 0.15:
        argv += ["--format", rnd.choice(["csv", "geojson"])]
    return Case(kind, data, suffix, argv)


def run_cli(path: Path, argv: list[str]) -> tuple[int, str, str]:
    from core.cli import main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["parse", str(path), *argv])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def check_document(doc: dict, validator) -> str | None:
    errors = sorted(validator.iter_errors(doc), key=str)
    if errors:
        return f"schema: {errors[0].message} at {list(errors[0].absolute_path)}"
    n = doc["article"]["n_chars"]
    for e in doc["events"] + doc["statements"]:
        if not 0 <= e["start"] <= e["end"] <= n:
            return f"offsets {e['start']}..{e['end']} outside 0..{n}"
    for s in doc["statements"]:
        if s.get("quote_end") and not s["start"] <= s["quote_start"] < s["quote_end"] <= s["end"]:
            return "quote offsets outside the statement"
    return None


def check_case(case: Case, folder: Path, validator) -> str | None:
    """None if the case met the contract, else what went wrong."""
    from core import InputError, parse_article
    path = folder / f"case{case.suffix}"
    path.write_bytes(case.data)
    code, out, err = run_cli(path, case.argv)
    if "Traceback" in err or code not in (0, 2):
        return f"exit {code}: {err.strip()[:300]}"
    if code == 2:
        if out or len(err.strip().splitlines()) != 1 or not err.startswith("error: "):
            return f"refusal not one line / output written: {err[:300]!r}"
    elif "--format" not in case.argv:
        problem = check_document(json.loads(out), validator)
        if problem:
            return problem
    elif not out.strip():
        return "empty csv/geojson output"
    text = case.data.decode("utf-8", "surrogatepass") if case.kind in ("unicode", "payload") else None
    if text is not None:
        try:
            doc = parse_article(text, lang=None, published="2020-02-28").to_dict()
        except InputError:
            return None
        except Exception as exc:  # noqa: BLE001 - any other exception is the crash we look for
            return f"parse_article raised {type(exc).__name__}: {exc}"
        return check_document(doc, validator)
    return None


@contextlib.contextmanager
def _restore_env(key: str, value: str | None):
    try:
        yield
    finally:
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _run_range(args: tuple[int, int, int]) -> tuple[list[tuple[int, str, str]], dict[str, int]]:
    """Cases ``lo..hi`` of a run; case i comes from its own seeded generator, so any split gives the same cases."""
    import jsonschema
    lo, hi, seed = args
    before = os.environ.get("EVENTDESK_MAX_BYTES")
    os.environ["EVENTDESK_MAX_BYTES"] = str(LIMIT)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    crashes: list[tuple[int, str, str]] = []
    kinds: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp, _restore_env("EVENTDESK_MAX_BYTES", before):
        for i in range(lo, hi):
            kind = "?"
            try:
                case = generate(random.Random(seed * 1_000_003 + i))
                kind = case.kind
                kinds[kind] = kinds.get(kind, 0) + 1
                problem = check_case(case, Path(tmp), validator)
            except Exception as exc:  # noqa: BLE001 - the harness itself must not hide a case
                problem = f"harness: {type(exc).__name__}: {exc}"
            if problem:
                crashes.append((i, kind, problem))
    return crashes, kinds


def fuzz(n: int, seed: int, *, workers: int = 1, chunk: int = 250) -> dict:
    t0 = time.perf_counter()
    ranges = [(lo, min(n, lo + chunk), seed) for lo in range(0, n, chunk)]
    crashes: list[tuple[int, str, str]] = []
    kinds: dict[str, int] = {}
    if workers <= 1:
        results = map(_run_range, ranges)
    else:
        from concurrent.futures import ProcessPoolExecutor
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_run_range, ranges)
    done = 0
    for (c, k), (lo, hi, _) in zip(results, ranges, strict=True):
        crashes += c
        for key, v in k.items():
            kinds[key] = kinds.get(key, 0) + v
        done += hi - lo
        print(f"{done:,} inputs, {len(crashes)} crashes, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if workers > 1:
        pool.shutdown()
    return {"inputs": n, "seed": seed, "crashes": crashes, "seconds": time.perf_counter() - t0, "kinds": kinds}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    res = fuzz(args.n, args.seed, workers=args.workers)
    for i, kind, problem in res["crashes"][:30]:
        print(f"  #{i} ({kind}): {problem}", file=sys.stderr)
    print(f"{res['inputs']:,} inputs (seed {res['seed']}), {len(res['crashes'])} crashes, {res['seconds']:.0f} s "
          f"({res['inputs'] / res['seconds']:.0f} inputs/s); by kind: "
          + ", ".join(f"{k} {v:,}" for k, v in sorted(res["kinds"].items())))
    return 1 if res["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
