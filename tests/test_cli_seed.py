"""The command line on the seed article, checked against what the brief says the seed must yield."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS

CONTRACT_KEYS = {
    "article": {"id", "title", "language", "published", "source", "url", "n_chars"},
    "events": {"id", "event_type", "mode", "date", "date_precision", "actor1", "actor2", "actor1_country",
               "actor2_country", "location", "country", "lat", "lon", "geo_precision", "fatalities", "reported_by",
               "trigger", "sentence", "start", "end"},
    "statements": {"id", "speaker", "speaker_role", "speaker_actor", "quote", "kind", "verb", "channel", "targets",
                   "reported_by", "date", "start", "end"},
    "places": {"name", "canonical", "kind", "lat", "lon", "country", "geonames_id", "mentions"},
    "actors": {"name", "type", "country", "aliases"},
}
# Coordinates of the seed's places (GeoNames), with a tolerance that still rules out the wrong country.
EXPECTED_PLACES = {
    "Idlib": (35.93, 36.63, "SY"), "Aleppo": (36.20, 37.16, "SY"), "Saraqib": (35.86, 36.81, "SY"),
    "Damascus": (33.51, 36.29, "SY"), "Kastanies": (41.65, 26.48, "GR"), "Orestiada": (41.50, 26.53, "GR"),
    "Lesbos": (39.17, 26.33, "GR"), "Turkey": (39.0, 35.0, "TR"), "Greece": (39.0, 22.5, "GR"),
    "Syria": (35.0, 38.0, "SY"), "Russia": (60.0, 100.0, "RU"), "Norway": (61.0, 9.0, "NO"),  # countries: their own point
}


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "core", *args], input=stdin, capture_output=True, env=env,
                          cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def seed_doc() -> dict:
    meta = json.loads((SEEDS / "index.json").read_text())[0]
    res = run_cli("parse", str(SEEDS / meta["file"]), "--published", meta["published"], "--source", meta["source"])
    assert res.returncode == 0, res.stderr.decode()
    assert res.stderr == b""
    return json.loads(res.stdout)


def test_output_follows_the_contract(seed_doc):
    for key, fields in CONTRACT_KEYS.items():
        items = [seed_doc[key]] if key == "article" else seed_doc[key]
        assert items, key
        for item in items:
            assert fields <= set(item), (key, fields - set(item))
    text = (SEEDS / "idlib_2020-02-28.txt").read_text()
    for row in seed_doc["events"] + seed_doc["statements"]:
        assert 0 <= row["start"] < row["end"] <= seed_doc["article"]["n_chars"]
    assert seed_doc["article"]["language"] == "nb" and seed_doc["article"]["n_chars"] <= len(text)


def test_seed_places_with_coordinates(seed_doc):
    by_name = {}
    for p in seed_doc["places"]:
        by_name.setdefault(p["canonical"], p)
    for name, (lat, lon, cc) in EXPECTED_PLACES.items():
        p = by_name.get(name)
        assert p is not None, name
        assert p["country"] == cc, name
        tol = 4.0 if p["kind"] == "country" else 0.3
        assert abs(p["lat"] - lat) < tol and abs(p["lon"] - lon) < tol * 2, (name, p["lat"], p["lon"])


def _statement(doc, speaker, kind, **more):
    for s in doc["statements"]:
        if s["speaker"] == speaker and s["kind"] == kind and all(s.get(k) == v for k, v in more.items()):
            return s
    raise AssertionError(f"no {kind} statement by {speaker} {more}")


def test_seed_direct_quotes(seed_doc):
    direct = [s for s in seed_doc["statements"] if s["kind"] == "direct"]
    assert len(direct) == 6
    assert _statement(seed_doc, "Russian Ministry of Defence", "direct")["quote"].startswith("De tyrkiske soldatene")
    assert _statement(seed_doc, "Sergey Lavrov", "direct")["channel"] == "statement"
    assert len([s for s in direct if s["speaker"] == "Jens Stoltenberg"]) == 2
    assert _statement(seed_doc, "Ine Eriksen Søreide", "direct")["channel"] == "Twitter"
    ud = _statement(seed_doc, "Norwegian Ministry of Foreign Affairs", "direct")
    assert ud["channel"] == "press release" and ud["speaker_actor"] == "Norway"


def test_seed_indirect_statements(seed_doc):
    src = _statement(seed_doc, "Syrian military source", "indirect")
    assert src["reported_by"] == "SANA" and src["targets"][0] == "Turkey"
    russia = [s for s in seed_doc["statements"] if s["speaker"] == "Russia" and s["kind"] == "indirect"]
    assert any(s["verb"] == "anklaget" for s in russia) and any("ikke hadde noe" in s["quote"] for s in russia)
    akar = _statement(seed_doc, "Hulusi Akar", "indirect")
    assert akar["speaker_actor"] == "Turkey" and akar["speaker_role"] == "Defence Minister"
    sto = _statement(seed_doc, "Jens Stoltenberg", "indirect", channel="press conference")
    assert sto["speaker_actor"] == "NATO"
    mayor = _statement(seed_doc, "Mayor of Orestiada", "indirect")
    assert mayor["reported_by"] == "Kathimerini"
    # monitors' and outlets' own reports are not statements
    assert not any(s["speaker"] in ("Syrian Observatory for Human Rights", "Kathimerini", "ERT") for s in seed_doc["statements"])


def _event(doc, etype, **more):
    for e in doc["events"]:
        if e["event_type"] == etype and all(e.get(k) == v for k, v in more.items()):
            return e
    raise AssertionError(f"no {etype} event with {more}")


def test_seed_events(seed_doc):
    strikes = _event(seed_doc, "ASSAULT", fatalities=20)
    assert (strikes["actor1"], strikes["actor2"], strikes["reported_by"]) == \
        ("Turkey", "Syrian military", "Syrian Observatory for Human Rights")
    assert strikes["location"] == "Idlib" and strikes["country"] == "SY"
    drones = _event(seed_doc, "ASSAULT", actor1="Turkey", mode="drone, artillery")
    assert drones["reported_by"] == "Syrian Observatory for Human Rights"
    assert _event(seed_doc, "ASSAULT", fatalities=33)["actor2"] == "Turkish military"
    assert _event(seed_doc, "ASSAULT", mode="capture", location="Saraqib")["actor1"] == "Syrian rebels"
    _event(seed_doc, "ACCUSE", actor1="Syrian military source", actor2="Turkey", reported_by="SANA")
    _event(seed_doc, "ACCUSE", actor1="Russia", actor2="Turkey")
    call = _event(seed_doc, "CONSULT", mode="phone call")
    assert (call["actor1"], call["actor2"], call["date"], call["date_precision"]) == \
        ("Recep Tayyip Erdoğan", "Vladimir Putin", "2020-02-28", "day")
    assert _event(seed_doc, "AGREE")["date"] == "2020-02-28"
    meeting = _event(seed_doc, "CONSULT", actor1="NATO")
    assert meeting["date"] == "2020-02-28" and "emergency meeting" in meeting["mode"]
    _event(seed_doc, "SUPPORT", actor1="NATO", actor2="Turkey")
    _event(seed_doc, "CONCEDE", actor1="Turkey")
    closing = _event(seed_doc, "SANCTION", actor1="Greek government")
    assert closing["location"].startswith("Kastanies") and closing["date"] == "2020-02-28"
    _event(seed_doc, "COERCE", actor1="Greek border guards", mode="tear gas")
    _event(seed_doc, "REQUEST", actor1="Jens Stoltenberg")
    _event(seed_doc, "REQUEST", actor1="Ine Eriksen Søreide")


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_other_formats(fmt):
    res = run_cli("parse", str(SEEDS / "idlib_2020-02-28.txt"), "--published", "2020-02-28", "--format", fmt)
    assert res.returncode == 0
    out = res.stdout.decode()
    if fmt == "csv":
        lines = out.strip().splitlines()
        assert lines[0].startswith("article_id,id,event_type") and len(lines) > 10
    else:
        gj = json.loads(out)
        kinds = {f["properties"]["feature"] for f in gj["features"]}
        assert gj["type"] == "FeatureCollection" and kinds == {"event", "place"}


def test_same_input_same_output():
    a = run_cli("parse", str(SEEDS / "idlib_2020-02-28.txt"), "--published", "2020-02-28")
    b = run_cli("parse", "-", "--published", "2020-02-28", stdin=(SEEDS / "idlib_2020-02-28.txt").read_bytes())
    assert a.stdout == b.stdout and a.returncode == 0


@pytest.mark.parametrize("content,name,needle", [
    (b"", "empty.txt", "empty"),
    (b"  \n\n ", "blank.txt", "empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image.txt", "binary"),
    (b"%PDF-1.4\n%\xe2\xe3", "doc.txt", "binary"),
    (b"\xff\xfe\xfd" * 5 + b"\x81\x8d\x8f\x90\x9d" * 20, "bad.txt", "decod"),
])
def test_bad_input_gives_one_clear_line_and_nonzero_exit(tmp_path, content, name, needle):
    f = tmp_path / name
    f.write_bytes(content)
    res = run_cli("parse", str(f))
    err = res.stderr.decode()
    assert res.returncode != 0 and res.stdout == b""
    assert len(err.strip().splitlines()) == 1 and needle in err and "Traceback" not in err


def test_missing_file_and_bad_date(tmp_path):
    res = run_cli("parse", str(tmp_path / "nope.txt"))
    assert res.returncode == 2 and b"no such file" in res.stderr
    f = tmp_path / "a.txt"
    f.write_text("Tyrkia stengte grensen.")
    res = run_cli("parse", str(f), "--published", "28.02.2020")
    assert res.returncode == 2 and b"YYYY-MM-DD" in res.stderr
