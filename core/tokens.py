"""One flat token list per article, built from spaCy Docs (one Doc per sentence).

The rules read this view: global character offsets, lowercase lemma, and what a
trained pipeline adds (UPOS, dependency head and relation, entity label) when it
is there. Blank pipelines leave those empty and the rules fall back on lexicons.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, ORTH, POS
from spacy.tokens import Doc

from core.nlp import known_form, lemma_candidates, lemma_of
from core.segment import Sentence


@dataclass(slots=True)
class Tok:
    i: int            # index in the article's token list
    text: str
    lower: str
    lemma: str
    start: int        # character offsets into the normalised text
    end: int
    sent: int         # sentence index
    pos: str          # UPOS or ""
    dep: str          # relation or ""
    head: int         # index of the head token (itself when unknown or root)
    ent: str          # entity label or ""
    ent_iob: str      # B, I or ""
    lemmas: tuple[str, ...] = ()  # every lemma the form may have, the main one first
    is_cap: bool = False
    is_punct: bool = False


_ATTRS = [ORTH, IDX, POS, DEP, HEAD, ENT_TYPE, ENT_IOB, LEMMA]
_IOB = ("", "I", "O", "B")
_WRAP = 1 << 64


_WORDS: dict[tuple[str, int, int], tuple[str, str, str, tuple[str, ...], bool, bool]] = {}


def _word(lang: str, orth: int, lem: int, strings) -> tuple[str, str, str, tuple[str, ...], bool, bool]:
    """What a word form (and the model's lemma for it) gives every token of it, memoised by string ids:
    text, lower, lemma, lemma candidates, capitalised, punctuation.

    The tables' lemma for forms they know (and compounds of them); the model's for the rest.
    """
    key = (lang, orth, lem)
    info = _WORDS.get(key)
    if info is None:
        if len(_WORDS) > 200_000:
            _WORDS.clear()
        text = strings[orth]
        model = strings[lem].lower() if lem else ""
        rule = lemma_of(text, lang)
        lemma = rule if not model or known_form(text, lang) else model
        cands = (*lemma_candidates(text, lang), *((model,) if model else ()))
        info = _WORDS[key] = (text, text.lower(), lemma, (lemma, *[c for c in cands if c != lemma]),
                              text[:1].isupper(), not any(ch.isalnum() for ch in text))
    return info


def build(sents: list[Sentence], docs: list[Doc], lang: str) -> tuple[list[Tok], list[tuple[int, int]]]:
    """Flatten per-sentence Docs; returns tokens and each sentence's (first, end) token range.

    Reads each Doc as one integer array (no spaCy Token objects) and each word's strings once.
    """
    toks: list[Tok] = []
    ranges: list[tuple[int, int]] = []
    for si, (s, doc) in enumerate(zip(sents, docs, strict=False)):
        first = len(toks)
        strings = doc.vocab.strings
        has_dep = doc.has_annotation("DEP")
        local_to_global: dict[int, int] = {}
        heads: list[int] = []
        rows = doc.to_array(_ATTRS).tolist()  # unsigned: HEAD (a relative offset) wraps below zero
        for n, (orth, idx, pos, dep, head, ent, iob, lem) in enumerate(rows):
            text, lower, lemma, lemmas, is_cap, is_punct = _word(lang, orth, lem, strings)
            if text.isspace():
                continue
            local_to_global[n] = len(toks)
            start = s.start + idx
            ent_label = strings[ent] if ent else ""
            toks.append(Tok(len(toks), text, lower, lemma, start, start + len(text), si, strings[pos] if pos else "",
                            strings[dep] if has_dep and dep else "", -1, ent_label,
                            _IOB[iob] if ent_label else "", lemmas, is_cap, is_punct))
            heads.append(n + (head - _WRAP if head >= _WRAP // 2 else head) if has_dep else -1)
        for k, h in zip(range(first, len(toks)), heads, strict=False):
            toks[k].head = local_to_global.get(h, k) if h >= 0 else k
        ranges.append((first, len(toks)))
    return toks, ranges
