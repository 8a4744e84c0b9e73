"""One flat token list per article, built from spaCy Docs (one Doc per sentence).

The rules read this view: global character offsets, lowercase lemma, and what a
trained pipeline adds (UPOS, dependency head and relation, entity label) when it
is there. Blank pipelines leave those empty and the rules fall back on lexicons.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

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


@functools.lru_cache(maxsize=65536)
def _is_punct(text: str) -> bool:
    return not any(ch.isalnum() for ch in text)


def build(sents: list[Sentence], docs: list[Doc], lang: str) -> tuple[list[Tok], list[tuple[int, int]]]:
    """Flatten per-sentence Docs; returns tokens and each sentence's (first, end) token range."""
    toks: list[Tok] = []
    ranges: list[tuple[int, int]] = []
    for si, (s, doc) in enumerate(zip(sents, docs, strict=False)):
        first = len(toks)
        has_dep = doc.has_annotation("DEP")
        local_to_global: dict[int, int] = {}
        heads: list[int] = []
        for n, t in enumerate(doc):
            if t.is_space:
                continue
            local_to_global[n] = len(toks)
            text = t.text
            # the tables' lemma for forms they know (and compounds of them); the model's for the rest
            rule = lemma_of(text, lang)
            model = t.lemma_.lower() if t.lemma_ else ""
            lemma = rule if not model or known_form(text, lang) else model
            start = s.start + t.idx
            ent = t.ent_type_
            cands = (*lemma_candidates(text, lang), *((model,) if model else ()))
            toks.append(Tok(len(toks), text, text.lower(), lemma, start, start + len(text), si, t.pos_,
                            t.dep_ if has_dep else "", -1, ent, t.ent_iob_ if ent else "",
                            (lemma, *[c for c in cands if c != lemma]), text[:1].isupper(), _is_punct(text)))
            heads.append(t.head.i if has_dep else -1)
        for k, h in zip(range(first, len(toks)), heads, strict=False):
            toks[k].head = local_to_global.get(h, k) if h >= 0 else k
        ranges.append((first, len(toks)))
    return toks, ranges
