import pytest

from core.errors import InputError
from core.text import decode, normalise, read_text


def test_utf8_with_bom_and_utf16_and_cp1252_decode_to_the_same_text():
    s = "Grensevakter brukte tåregass – «avskrekke»."
    assert decode(b"\xef\xbb\xbf" + s.encode("utf-8")) == s
    assert decode(s.encode("utf-16")) == s
    assert decode(s.encode("cp1252")) == s


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00", b"%PDF-1.7\n", b"PK\x03\x04rest", b"\x00\x01\x02\x03" * 100])
def test_binary_input_is_refused(data):
    with pytest.raises(InputError):
        decode(data)


def test_too_large_input_is_refused(monkeypatch):
    monkeypatch.setenv("EVENTDESK_MAX_BYTES", "100")
    with pytest.raises(InputError, match="too large"):
        decode(b"a" * 101)


def test_normalise_unifies_dashes_quotes_and_spaces():
    out = normalise("\u2014 Hei,\u00a0sa \u201chan\u201d.\r\n\r\n\r\n\r\nNeste")
    assert out == '\u2013 Hei, sa "han".\n\nNeste'


def test_html_scripts_and_handlers_never_reach_the_text():
    html = ("<html><head><title>T</title><script>alert(1)</script></head><body><article>"
            "<p onclick='x()'>Tyrkia stengte grensen mot Syria fredag etter nye angrep i Idlib-provinsen.</p>"
            "<iframe src='javascript:alert(2)'></iframe><p>Tusenvis av flyktninger venter ved grensen.</p>"
            "</article></body></html>")
    raw = read_text(html.encode(), filename="a.html")
    assert "Tyrkia stengte grensen" in raw.text
    assert "alert" not in raw.text and "<" not in raw.text


def test_empty_and_whitespace_inputs_are_refused():
    for data in (b"", b"   \n\t  "):
        with pytest.raises(InputError, match="empty"):
            read_text(data)
