"""A statement document's issuer: a press statement is its issuer's own words, sentence by sentence.

The document names its genre in a heading line ("Press Statement", "Uttalelse": ``lexicon/document_kinds.tsv``)
and its issuer in the heading lines after it: a person's name, then their role. Body sentences that no other
statement covers are then the issuer's direct speech.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from core.context import Context
from core.lexicon import ends_with_key, rows
from core.mentions import ActorRef, Mention

MAX_NAME_WORDS = 5


@dataclass(frozen=True, slots=True)
class Issuer:
    speaker: Mention
    channel: str


@functools.lru_cache(maxsize=4)
def _kinds(lang: str) -> dict[str, str]:
    langs = {"nb", "nn", "*"} if lang in ("nb", "nn") else {lang, "*"}
    return {kind: channel for kind, lg, channel in rows("document_kinds.tsv") if lg in langs}


def find_issuer(ctx: Context) -> Issuer | None:
    """The issuer named under a genre heading at the top of the document, or None."""
    heads = [p for p in ctx.paras[:8] if p.heading]
    lines = [ctx.text[p.start:p.end].strip() for p in heads]
    kinds = _kinds(ctx.lang)
    for n, line in enumerate(lines[:-1]):
        channel = kinds.get(line.lower())
        if channel is None:
            continue
        name_para, name = heads[n + 1], lines[n + 1]
        words = name.split()
        if not 2 <= len(words) <= MAX_NAME_WORDS or not all(w[:1].isupper() for w in words):
            return None
        role = lines[n + 2] if n + 2 < len(lines) and _is_role(ctx, lines[n + 2]) else None
        k = ctx.tok_at_char(name_para.start)
        mention = Mention(k, k + len(words), name_para.start, name_para.start + len(name), name, "person",
                          actor=ActorRef(name, "person", role=role), sent=ctx.toks[k].sent if k < len(ctx.toks) else 0)
        return Issuer(mention, channel)
    return None


def _is_role(ctx: Context, line: str) -> bool:
    words = line.lower().split()
    return 0 < len(words) <= 4 and any(ends_with_key(w, ctx.lx.roles) or w in ctx.lx.speaker_nouns for w in words)
