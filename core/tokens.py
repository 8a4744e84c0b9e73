"""One spaCy Doc per article, and the rules' index over its words.

``article_doc`` joins the pipeline's per-sentence Docs (sentence starts from ``core.segment``) into one
Doc whose text is the article's, character for character: the whitespace between sentences is kept as
space tokens, each sentence keeps its parse, entities and tags. ``Token._.lemma`` and ``Token._.lemmas``
hold the lexicon's lemmas (the Norsk Ordbank's or the lookup tables', the model's otherwise), and the
parser's mentions go into ``doc.spans["mentions"]`` (see ``core.pipeline``).

The rules read ``Tok``: one slotted record per word of the Doc (space tokens left out), with global
character offsets, the sentence index and the head as an index into the same list. Reading plain
attributes is what keeps the rules fast; ``Tok.doc_i`` is the word's token in the Doc.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, MORPH, ORTH, POS, SENT_START, SPACY, TAG
from spacy.tokens import Doc, Span, Token

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
    doc_i: int = -1   # the token in the article's Doc


_READ = [ORTH, IDX, POS, DEP, HEAD, ENT_TYPE, ENT_IOB, LEMMA]
_CARRIED = [POS, TAG, MORPH, LEMMA, ENT_IOB, ENT_TYPE]   # what each sentence's Doc hands on to the article's
_IOB = ("", "I", "O", "B")
_WRAP = 1 << 64
_BEFORE = _WRAP - 1    # HEAD -1: a space token hangs on the word before it
_OUTSIDE = 2           # ENT_IOB "O"

if not Token.has_extension("lemma"):
    Doc.set_extension("word_lemmas", default=None)   # per token: the lexicon's lemmas, main first; () for spaces
    Token.set_extension("lemma", getter=lambda t: (t.doc._.word_lemmas[t.i] or ("",))[0])
    Token.set_extension("lemmas", getter=lambda t: t.doc._.word_lemmas[t.i])
    Span.set_extension("mention", default=None)   # the core.mentions.Mention record
    Span.set_extension("actor", getter=lambda s: s._.mention.actor.name if s._.mention and s._.mention.actor else None)
    Span.set_extension("role", getter=lambda s: s._.mention.actor.role if s._.mention and s._.mention.actor else None)
    Span.set_extension("place", getter=lambda s: s._.mention.place.canonical if s._.mention and s._.mention.place
                       else None)


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


def article_doc(text: str, sents: list[Sentence], docs: list[Doc]) -> Doc:
    """The article as one Doc: the sentences' Docs in order, the text between them as space tokens.

    A parsed sentence keeps its tree (its space tokens hang on the word before them), so every sentence of
    ``sents`` starts a sentence of the Doc; unparsed ones get their starts from ``sents``. The Doc's text is
    ``text`` exactly (``text`` is normalised: it starts with its first sentence).
    """
    parsed = any(d.has_annotation("DEP") for d in docs)
    attrs = [*_CARRIED, HEAD, DEP] if parsed else [*_CARRIED, SENT_START]
    vocab = docs[0].vocab
    space_row = numpy.zeros((1, len(attrs)), dtype="uint64")
    space_row[0, _CARRIED.index(ENT_IOB)] = _OUTSIDE if any(d.has_annotation("ENT_IOB") for d in docs) else 0
    space_row[0, -2:] = (_BEFORE, vocab.strings.add("dep")) if parsed else (0, _BEFORE)
    words: list[str] = []
    spaces: list[bool] = []
    blocks: list[numpy.ndarray] = []
    reached = 0
    for s, d in zip([*sents, None], [*docs, None], strict=True):
        between = text[reached:s.start if s else len(text)]
        if between == " " and spaces and not spaces[-1]:
            spaces[-1] = True
        elif between:
            words.append(between)
            spaces.append(False)
            blocks.append(space_row)
        if s is None or d is None:
            break
        orth_space = d.to_array([ORTH, SPACY]).tolist()
        words.extend(vocab.strings[o] for o, _ in orth_space)
        spaces.extend(bool(sp) for _, sp in orth_space)
        block = d.to_array(attrs)
        if not parsed:
            block[:, -1] = _BEFORE   # SENT_START: -1 inside the sentence, 1 at its start
            block[0, -1] = 1
        blocks.append(block)
        reached = s.start + len(d.text)
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.from_array(attrs, numpy.concatenate(blocks).astype("uint64"))
    return doc


def build(doc: Doc, sents: list[Sentence], lang: str) -> tuple[list[Tok], list[tuple[int, int]]]:
    """The rules' view of an article Doc: its words (space tokens left out) and each sentence's (first, end) range.

    Reads the Doc as one integer array (no spaCy Token objects) and each word's strings once; sets
    ``doc._.word_lemmas``.
    """
    toks: list[Tok] = []
    ranges: list[tuple[int, int]] = [(0, 0)] * len(sents)
    strings = doc.vocab.strings
    has_dep = doc.has_annotation("DEP")
    view_of: dict[int, int] = {}
    heads: list[int] = []
    word_lemmas: list[tuple[str, ...]] = []
    si, first = -1, 0
    for n, (orth, idx, pos, dep, head, ent, iob, lem) in enumerate(doc.to_array(_READ).tolist()):
        text, lower, lemma, lemmas, is_cap, is_punct = _word(lang, orth, lem, strings)
        if text.isspace():
            word_lemmas.append(())
            continue
        word_lemmas.append(lemmas)
        while si + 1 < len(sents) and idx >= sents[si + 1].start:
            if si >= 0:
                ranges[si] = (first, len(toks))
            si, first = si + 1, len(toks)
        view_of[n] = len(toks)
        ent_label = strings[ent] if ent else ""
        toks.append(Tok(len(toks), text, lower, lemma, idx, idx + len(text), si, strings[pos] if pos else "",
                        strings[dep] if has_dep and dep else "", -1, ent_label,
                        _IOB[iob] if ent_label else "", lemmas, is_cap, is_punct, n))
        heads.append(n + (head - _WRAP if head >= _WRAP // 2 else head) if has_dep else -1)
    for rest in range(max(si, 0), len(sents)):
        ranges[rest] = (first, len(toks)) if rest == si else (len(toks), len(toks))
    for k, h in enumerate(heads):
        toks[k].head = view_of.get(h, k) if h >= 0 else k
    doc._.word_lemmas = word_lemmas
    return toks, ranges


def put_mentions(doc: Doc, toks: list[Tok], mentions: list) -> None:
    """The parser's mentions on the Doc, for whatever reads the Doc: ``doc.spans["mentions"]``, each span
    labelled with its kind and carrying ``Span._.actor`` (the canonical actor), ``_.role``, ``_.place`` (the
    canonical place it resolved to) and ``_.mention`` (the ``core.mentions.Mention`` record)."""
    spans = []
    for m in mentions:
        span = Span(doc, toks[m.a].doc_i, toks[m.b - 1].doc_i + 1, label=m.kind)
        span._.mention = m
        spans.append(span)
    doc.spans["mentions"] = spans
