"""One flat token list per article, built from spaCy Docs (one Doc per sentence).

The rules read this view: global character offsets, lowercase lemma, and what a
trained pipeline adds (UPOS, dependency head and relation, entity label) when it
is there. Blank pipelines leave those empty and the rules fall back on lexicons.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from core.nlp import lemma_candidates
from core.segment import Sentence


@dataclass
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

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_punct(self) -> bool:
        return not any(ch.isalnum() for ch in self.text)


def build(sents: list[Sentence], docs: list[Doc], lang: str) -> tuple[list[Tok], list[tuple[int, int]]]:
    """Flatten per-sentence Docs; returns tokens and each sentence's (first, end) token range."""
    toks: list[Tok] = []
    ranges: list[tuple[int, int]] = []
    for si, (s, doc) in enumerate(zip(sents, docs)):
        first = len(toks)
        for t in doc:
            if t.is_space:
                continue
            toks.append(Tok(
                i=len(toks), text=t.text, lower=t.text.lower(), lemma=t.lemma_.lower() or t.text.lower(),
                start=s.start + t.idx, end=s.start + t.idx + len(t.text), sent=si, pos=t.pos_,
                dep=t.dep_ if doc.has_annotation("DEP") else "", head=-1 if not doc.has_annotation("DEP") else t.head.i,
                ent=t.ent_type_, ent_iob=t.ent_iob_ if t.ent_type_ else ""))
            tok = toks[-1]
            cands = lemma_candidates(t.text, lang)
            tok.lemmas = (tok.lemma, *[c for c in cands if c != tok.lemma])
        # Heads were doc-local; make them global.
        by_local = {n: first + k for k, n in enumerate(n for n, t in enumerate(doc) if not t.is_space)}
        for k in range(first, len(toks)):
            h = toks[k].head
            toks[k].head = by_local.get(h, k) if h >= 0 else k
        ranges.append((first, len(toks)))
    return toks, ranges
