"""Read bytes or files into normalised article text, with HTML and metadata.

Every offset the parser reports points into the string ``normalise`` returns.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from core.errors import InputError

# One limit for every way in (file, paste, URL, CLI). Streamlit's upload widget counts in decimal megabytes
# (maxUploadSize = 5 refuses 5,000,001 bytes), so the default is 5 MB = 5,000,000 bytes and the widget's limit is
# set from max_bytes() (dashboard/views/upload.py); messages give the limit in the widget's unit, MB.
DEFAULT_MAX_BYTES = 5_000_000
MAX_BYTES_ENV = "EVENTDESK_MAX_BYTES"
MB = 1_000_000

_DASHES = "\u2012\u2013\u2014\u2015\u2212"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032"
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003"
_TRANSLATE = str.maketrans(
    {**{c: "\u2013" for c in _DASHES}, **{c: '"' for c in _DOUBLE_QUOTES},
     **{c: "'" for c in _SINGLE_QUOTES}, **{c: " " for c in _SPACES},
     "\u00ad": "", "\u200b": "", "\ufeff": "", "\r": "\n"})
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(c)) for c in _TRANSLATE) + "]")  # str.translate is slow on long text
_BLANK_LINES = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # lone surrogates (a str from Python, never from decoding) cannot be stored
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x7fELF",
                 b"\x1f\x8b", b"BZh", b"7z\xbc\xaf", b"Rar!", b"\x00\x00\x01\x00")


@dataclass
class RawArticle:
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


def max_bytes() -> int:
    try:
        return int(os.environ.get(MAX_BYTES_ENV, DEFAULT_MAX_BYTES))
    except ValueError:
        return DEFAULT_MAX_BYTES


def limit_text(n: int) -> str:
    """A byte count in the upload widget's unit: '5 MB (5,000,000 bytes)' (small counts in bytes alone)."""
    return f"{n:,} bytes" if n < 10_000 else f"{n / MB:.3g} MB ({n:,} bytes)"


def too_large(size: int) -> InputError:
    return InputError(f"input is too large: {limit_text(size)}, over the {limit_text(max_bytes())} limit "
                      f"(set {MAX_BYTES_ENV} to change it)")


def decode(data: bytes) -> str:
    """Bytes in any common encoding -> str; binary or undecodable -> InputError."""
    if len(data) > max_bytes():
        raise too_large(len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", "replace")  # a lone surrogate or an odd last byte becomes U+FFFD
        if text.count("\ufffd") > max(1, len(text) // 100):
            raise InputError("input could not be decoded as UTF-16 (it starts with a UTF-16 byte-order mark)")
        return text
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith(_BINARY_MAGIC):
        raise InputError("input is a binary file (image, PDF or archive), not text")
    if b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise InputError("input is binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("input could not be decoded as UTF-8, UTF-16 or Windows-1252") from None
    if not _looks_like_text(text):
        raise InputError("input is not text in a known encoding")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM, in any script, or None.

    Every character's high byte sits on one side (odd bytes for little-endian). Text in one script uses a few high
    bytes only (0x00 for spaces, digits and Latin; 0x04 for Cyrillic, 0x06 for Arabic ...), and its spaces put NULs
    on that side; the low side almost never holds a NUL. Binary data fails one of these.
    """
    head = data[:4096 - 4096 % 2]
    for enc, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        if not high or high.count(0) / len(high) < 0.05 or low.count(0) / len(low) > 0.02 or len(set(high)) > 12:
            continue
        try:
            text = data[:len(data) - len(data) % 2].decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    return None


def _looks_like_text(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return True
    bad = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r\t\f")
    return bad / len(sample) < 0.01


def normalise(text: str) -> str:
    """NFC, one dash and one quote form, plain spaces, LF line ends, no trailing blanks."""
    text = _TRANSLATED.sub(lambda m: _TRANSLATE[ord(m.group())], unicodedata.normalize("NFC", text))
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\t", " ")
    lines = [ln.rstrip() for ln in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


_INVISIBLE_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800")  # fillers that render as blanks


def _visible(c: str) -> bool:
    """Does this character show? (not a space, a format character such as U+200B-U+200F, or a lone mark)"""
    return not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc", "Mn", "Me") and c not in _INVISIBLE_LETTERS


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or bool(re.search(r"<(p|div|article|body)[\s>]", head))


def from_html(html: str, *, url: str | None = None) -> RawArticle:
    """Main text and metadata of an HTML page (trafilatura); scripts are never kept.

    A page nested deeper than lxml's limit (255 elements) or one trafilatura finds no text in is read by the
    tokenizer fallback instead, which has no depth limit and keeps the text after the nesting.
    """
    import trafilatura

    if _too_deep(html):
        return visible_text(html)
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                      with_metadata=True, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        return visible_text(html)
    return RawArticle(text=body, title=doc.title, published=doc.date, source=doc.sitename, url=doc.url or url)


def _too_deep(html: str) -> bool:
    """Does lxml (under trafilatura) cut this page off at its depth limit?"""
    from lxml import etree
    parser = etree.HTMLParser()
    try:
        etree.fromstring(html, parser)
    except (etree.LxmlError, ValueError):
        return False
    return any("excessive depth" in str(e.message).lower() for e in parser.error_log)


_SKIPPED = {"script", "style", "noscript", "iframe", "template", "svg", "math", "object", "head"}
_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "blockquote",
           "header", "footer", "figcaption", "pre", "table", "ul", "ol", "dd", "dt", "hr", "main", "aside"}


class _VisibleText(HTMLParser):
    """The text a reader sees (and the <title>), from a tokenizer: no tree, so no depth limit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIPPED:
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def visible_text(html: str) -> RawArticle:
    p = _VisibleText()
    p.feed(html)
    p.close()
    paras = (ln.strip() for ln in "".join(p.parts).split("\n\n"))
    title = " ".join("".join(p.title).split()) or None
    return RawArticle(text="\n\n".join(x for x in paras if x), title=title)


def read_text(data: bytes | str, *, filename: str | None = None) -> RawArticle:
    """Decode, strip HTML when the input is HTML, and normalise."""
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))  # pasted text meets the same limit as a file
        if size > max_bytes():
            raise too_large(size)
    text = decode(data) if isinstance(data, bytes) else data
    is_html = (filename or "").lower().endswith((".html", ".htm")) or looks_like_html(text)
    raw = from_html(text) if is_html else RawArticle(text=text)
    if filename and filename.lower().endswith(".md"):
        raw.text = _strip_markdown(raw.text)
    raw.text = normalise(raw.text)
    if not any(_visible(c) for c in raw.text):
        raise InputError("input is empty (no visible text after reading it)")
    if raw.published:
        raw.published = raw.published[:10]
    return raw


def _strip_markdown(text: str) -> str:
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.*?)\1", r"\2", text)
    return text


def read_path(path: str | Path) -> RawArticle:
    p = Path(path)
    if not p.exists():
        raise InputError(f"no such file: {p}")
    if p.is_dir():
        raise InputError(f"{p} is a folder, not a file")
    size = p.stat().st_size
    if size > max_bytes():
        raise too_large(size)
    return read_text(p.read_bytes(), filename=p.name)
