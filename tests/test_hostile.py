"""Hostile and broken input: a correct parse or one clear error, never a traceback; concurrent writers both land."""
from __future__ import annotations

import threading
import time

import pytest

from core import InputError, parse_article
from core.store import Store
from core.text import read_text
from tests.test_cli_seed import run_cli

GOOD = "Tyrkia stengte grensen mot Syria fredag, sier utenriksminister Kari Berg."
CASES = {
    "utf16_bom": ("a.txt", GOOD.encode("utf-16"), "parse"),
    "utf16_le_no_bom": ("a.txt", GOOD.encode("utf-16-le"), "parse"),
    "cp1252": ("a.txt", GOOD.encode("cp1252"), "parse"),
    "invalid_utf8": ("a.txt", b"Tyrkia stengte grensen \xc3\x28 mot Syria fredag.", "parse"),
    "html_script_iframe_handlers": ("a.html", (
        "<html><body onload='x()'><script>alert(1)</script><iframe src='javascript:alert(2)'></iframe>"
        f"<article><p onclick='y()'>{GOOD}</p><p>Mer tekst om grensen og flyktningene ved Kilis i Tyrkia.</p>"
        "</article></body></html>").encode(), "parse"),
    "one_100k_line": ("a.txt", (GOOD + " ") * 1350, "parse"),
    "no_sentence": ("a.txt", b"ord ord ord ord ord ord ord ord ord ord", "parse"),
    "only_quotes": ("a.txt", "«»«»\"\"''«»".encode(), "parse"),
    "unbalanced_quotes_and_dashes": ("a.txt", "– «Vi går ikke, sa han.\n\n– – «\n\n\"Hei".encode(), "parse"),
    "emoji_arabic_cyrillic": ("a.txt", "😀 Мария Захарова sa at بشار الأسد 🇸🇾 møtte Лавров i Damaskus fredag.".encode(),
                              "parse"),
    "cyrillic_utf16_le_no_bom": ("a.txt", "Мария Захарова сказала в пятницу, что Россия и Турция договорились о "
                                          "прекращении огня в Идлибе.".encode("utf-16-le"), "parse"),
    "cyrillic_utf16_be_no_bom": ("a.txt", "Мария Захарова сказала в пятницу, что Россия и Турция договорились о "
                                          "прекращении огня в Идлибе.".encode("utf-16-be"), "parse"),
    "arabic_utf16_le_no_bom": ("a.txt", "قال المتحدث باسم الجيش إن القوات سيطرت على البلدة يوم الجمعة."
                                        .encode("utf-16-le"), "parse"),
    "deep_nesting_300_divs": ("a.html", ("<html><body><p>Tyrkia stengte grensen mot Syria fredag.</p>" + "<div>" * 300
                                         + "<p>Inne i nestingen.</p>" + "</div>" * 300
                                         + "<p>Etter nestingen sier FN at flyktningene venter.</p></body></html>")
                              .encode(), "parse"),
    "zero_width_only": ("a.txt", "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f \n\u2063\u00ad".encode(), "empty"),
    "zero_width_only_html": ("a.html", "<html><body><p>\u200b\u200d</p><p>\u2060</p></body></html>".encode(), "empty"),
    "empty": ("a.txt", b"", "empty"),
    "whitespace": ("a.txt", b" \n\t \r\n ", "empty"),
    "png": ("a.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    "pdf": ("a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    "zip": ("a.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(300), "binary"),
    "nul_bytes": ("a.txt", b"abc\x00\x01\x02\x00\xff" * 100, "binary"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_on_hostile_files(tmp_path, name):
    fname, data, expect = CASES[name]
    if isinstance(data, str):
        data = data.encode()
    f = tmp_path / fname
    f.write_bytes(data)
    t0 = time.perf_counter()
    res = run_cli("parse", str(f), "--published", "2020-02-28")
    err = res.stderr.decode()
    assert "Traceback" not in err and time.perf_counter() - t0 < 60
    if expect == "parse":
        assert res.returncode == 0, err
        assert res.stdout.startswith(b"{")
    else:
        assert res.returncode == 2 and res.stdout == b"" and expect in err and len(err.strip().splitlines()) == 1


def test_oversize_limit_is_configurable_and_matches_streamlit(tmp_path, monkeypatch):
    import tomllib

    from core.text import DEFAULT_MAX_BYTES
    from tests.conftest import ROOT
    conf = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert conf["server"]["maxUploadSize"] * 1_000_000 == DEFAULT_MAX_BYTES  # the widget counts decimal MB
    f = tmp_path / "big.txt"
    f.write_bytes(b"a" * 2000)
    monkeypatch.setenv("EVENTDESK_MAX_BYTES", "1000")
    res = run_cli("parse", str(f))
    assert res.returncode == 2 and b"too large" in res.stderr and b"EVENTDESK_MAX_BYTES" in res.stderr


def test_parse_article_rejects_non_text_types():
    with pytest.raises(InputError):
        parse_article(b"bytes are not text")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        parse_article("Tekst.", lang="de")


def test_html_keeps_text_and_drops_active_content():
    raw = read_text(CASES["html_script_iframe_handlers"][1], filename="a.html")
    assert "Tyrkia stengte grensen" in raw.text and "alert" not in raw.text and "javascript" not in raw.text


def test_two_writers_at_once_both_land(tmp_path, parse):
    s = Store(tmp_path / "c.duckdb")
    docs = [parse(f"Tyrkia stengte grensen mot Syria fredag. Melding nummer {i}.") for i in range(12)]
    errors: list[Exception] = []

    def write(part):
        try:
            for d in part:
                s.ingest(d)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(docs[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and s.counts()["articles"] == 12
    s.close()


@pytest.mark.parametrize("depth", [254, 256, 300, 3000])
def test_deep_nesting_keeps_the_text_after_it(depth):
    html = ("<html><head><title>Grensen stengt</title></head><body><p>Tyrkia stengte grensen fredag.</p>"
            + "<div>" * depth + "<p>Inne i nestingen.</p>" + "</div>" * depth
            + "<p>Etter nestingen sier FN at flyktningene venter.</p><script>alert(1)</script></body></html>")
    raw = read_text(html.encode(), filename="a.html")
    assert "Tyrkia stengte grensen" in raw.text and "Etter nestingen sier FN" in raw.text, raw.text
    assert "alert" not in raw.text


def test_pasted_text_meets_the_same_limit(monkeypatch):
    monkeypatch.setenv("EVENTDESK_MAX_BYTES", "20000")
    read_text("a" * 20_000)
    with pytest.raises(InputError, match=r"over the 0.02 MB \(20,000 bytes\) limit"):
        read_text("å" * 10_001)  # 20,002 bytes in UTF-8


def test_binary_with_nul_bytes_is_not_taken_for_utf16():
    import random
    rnd = random.Random(7)
    for _ in range(200):
        data = bytes(rnd.randrange(256) for _ in range(600)) + b"\x00"
        try:
            read_text(data)
        except InputError:
            continue
        raise AssertionError(data[:40])


def test_two_tolls_joined_with_one_attack_do_not_crash():
    """Found by the fuzz run (make fuzz): two kill events and one attack in a sentence removed the attack twice."""
    from core.events import EventFinder, RawEvent
    attack = RawEvent("ASSAULT", None, "attack", (0, 1), 0, actor1="Turkey", modes=["drone"])  # type: ignore[arg-type]
    kills = [RawEvent("ASSAULT", None, "killed", (0, 1), 0, fatalities=n) for n in (3, 5)]  # type: ignore[arg-type]
    out = [attack, *kills]
    EventFinder._join_kill_with_attack([attack, *kills], out)
    assert out == kills and all(k.actor1 == "Turkey" and k.modes == ["drone"] for k in kills)


@pytest.mark.slow
def test_a_small_fuzz_run_has_no_crash():
    """300 of the generated inputs of `make fuzz` (10,000 there): every one meets the CLI contract."""
    from tests.fuzz import _run_range
    crashes, kinds = _run_range((0, 300, 15))
    assert crashes == [] and sum(kinds.values()) == 300 and len(kinds) >= 6
