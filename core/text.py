"""Read bytes or files into normalised article text, with HTML and metadata.

Every offset the parser reports points into the string ``normalise`` returns.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from core.errors import InputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # matches .streamlit/config.toml maxUploadSize (MB)
MAX_BYTES_ENV = "EVENTDESK_MAX_BYTES"

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


def decode(data: bytes) -> str:
    """Bytes in any common encoding -> str; binary or undecodable -> InputError."""
    if len(data) > max_bytes():
        raise InputError(f"input is too large: {len(data):,} bytes (limit {max_bytes():,}; "
                         f"set {MAX_BYTES_ENV} to change it)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith(_BINARY_MAGIC):
        raise InputError("input is a binary file (image, PDF or archive), not text")
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM: mostly-Latin text has a NUL in every other byte, on one side only.
        head = data[:4096]
        even = head[0::2].count(0) / max(1, len(head[0::2]))
        odd = head[1::2].count(0) / max(1, len(head[1::2]))
        enc = "utf-16-le" if odd > 0.3 and even < 0.02 else "utf-16-be" if even > 0.3 and odd < 0.02 else None
        if enc is not None:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                text = ""
            if text and _looks_like_text(text):
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
    text = text.replace("\t", " ")
    lines = [ln.rstrip() for ln in text.split("\n")]
    text = "\n".join(lines)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or bool(re.search(r"<(p|div|article|body)[\s>]", head))


def from_html(html: str, *, url: str | None = None) -> RawArticle:
    """Main text and metadata of an HTML page (trafilatura); scripts are never kept."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                      with_metadata=True, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        # Fall back to the page's visible text without markup.
        from lxml import html as lxml_html
        try:
            tree = lxml_html.fromstring(html)
            for bad in tree.xpath("//script|//style|//noscript|//iframe|//template"):
                bad.drop_tree()
            body = tree.text_content()
        except Exception:  # lxml raises several types on garbage input
            body = re.sub(r"<[^>]+>", " ", html)
        return RawArticle(text=body)
    return RawArticle(text=body, title=doc.title, published=doc.date, source=doc.sitename, url=doc.url or url)


def read_text(data: bytes | str, *, filename: str | None = None) -> RawArticle:
    """Decode, strip HTML when the input is HTML, and normalise."""
    text = decode(data) if isinstance(data, bytes) else data
    is_html = (filename or "").lower().endswith((".html", ".htm")) or looks_like_html(text)
    raw = from_html(text) if is_html else RawArticle(text=text)
    if filename and filename.lower().endswith(".md"):
        raw.text = _strip_markdown(raw.text)
    raw.text = normalise(raw.text)
    if not raw.text.strip():
        raise InputError("input is empty (no text after reading it)")
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
        raise InputError(f"input is too large: {size:,} bytes (limit {max_bytes():,}; set {MAX_BYTES_ENV} to change it)")
    return read_text(p.read_bytes(), filename=p.name)
