"""What every extraction stage reads: the article's text, tokens, sentences and mentions."""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc

from core.lexicon import Lexicon
from core.mentions import Mention
from core.segment import Paragraph, Sentence
from core.tokens import Tok

CLAUSE_PUNCT = {",", ";", ":", "\u2013", "(", ")"}


@dataclass
class Context:
    text: str
    lang: str
    lx: Lexicon
    paras: list[Paragraph]
    sents: list[Sentence]
    toks: list[Tok]
    ranges: list[tuple[int, int]]            # token range of each sentence
    mentions: list[Mention]
    published: date | None
    doc: Doc                                 # the article as one spaCy Doc (core.tokens.article_doc)
    actor_at: dict[int, Mention] = field(default_factory=dict)   # token -> actor mention
    place_at: dict[int, Mention] = field(default_factory=dict)   # token -> place mention
    any_at: dict[int, Mention] = field(default_factory=dict)     # token -> any mention, modifiers too
    quote_spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, speaker) of direct quotes
    places_in_order: list[Mention] = field(default_factory=list)  # place mentions by first token
    # worked out once per article by the stage that reads them (None: not yet)
    speech_kind_at: list[str | None] | None = None   # statements: each token's speech verb kind
    channel_at: list[str | None] | None = None       # statements: the channel word at each token
    reporter_of: dict[int, Mention | None] = field(default_factory=dict)  # statements: sentence -> credited outlet
    triggers_at: list[Any] | None = None             # events: the triggers starting at each token
    parse: Any = None                                # event_args.Parse: the dependency relations read once

    def index(self) -> None:
        self.actor_at.clear()
        self.place_at.clear()
        self.any_at.clear()
        for m in self.mentions:
            for k in range(m.a, m.b):
                self.any_at[k] = m
            if m.actor is not None and not m.modifier:
                for k in range(m.a, m.b):
                    self.actor_at[k] = m
            if m.place_name is not None:
                for k in range(m.a, m.b):
                    self.place_at[k] = m
        self.places_in_order = []
        for m in self.place_at.values():  # token order: a mention's tokens follow each other
            if not self.places_in_order or self.places_in_order[-1] is not m:
                self.places_in_order.append(m)
        self.__dict__.pop("_place_starts", None)

    def clause(self, i: int) -> tuple[int, int]:
        """Token range of the clause around token i: commas, semicolons and clause words bound it."""
        si = self.toks[i].sent
        first, end = self.ranges[si]
        opener = self.lx.words("clause")
        a = i
        while a > first:
            prev = self.toks[a - 1]
            if prev.text == ")" and a - 3 >= first and self.toks[a - 3].text == "(":
                a -= 3  # "(Ap)": a party tag inside the clause
                continue
            if prev.text in CLAUSE_PUNCT or prev.lower in opener and a - 1 != first and not self._in_name(a - 1):
                break
            if prev.lower == "at" and a - 2 >= first and self.toks[a - 2].lower in ("for", "etter", "fordi"):
                break
            a -= 1
        b = i + 1
        while b < end:
            t = self.toks[b]
            if t.text == "(" and b + 2 < end and self.toks[b + 2].text == ")":
                b += 3
                continue
            if t.text in CLAUSE_PUNCT or t.lower in opener and not self._in_name(b):
                break
            if t.lower in ("for", "etter") and b + 1 < end and self.toks[b + 1].lower == "at":
                break
            b += 1
        return a, b

    def coordinated_subject(self, k: int, a: int) -> Mention | None:
        """The subject of the first verb when verb k is joined to it by og/and ("Russland anklaget … og sier")."""
        toks = self.toks
        if k - 1 < a or toks[k - 1].lower not in ("og", "and"):
            return None
        j0 = k - 1
        while j0 > a and toks[j0 - 1].text != ";" and toks[j0 - 1].lower not in ("mens", "while", "men", "but"):
            j0 -= 1
        return next((self.actor_at[j] for j in range(j0, k) if j in self.actor_at
                     and not self.actor_at[j].genitive), None)

    def _in_name(self, k: int) -> bool:
        m = self.actor_at.get(k) or self.place_at.get(k)
        return m is not None and m.b - m.a > 1

    def tok_at_char(self, pos: int) -> int:
        """Index of the first token starting at or after a character offset."""
        return bisect.bisect_left(self._tok_starts, pos)

    @functools.cached_property
    def _tok_starts(self) -> list[int]:
        return [t.start for t in self.toks]

    @functools.cached_property
    def _place_starts(self) -> list[int]:
        return [m.a for m in self.places_in_order]

    @functools.cached_property
    def _sentences_of_para(self) -> dict[int, list[int]]:
        by_para: dict[int, list[int]] = {}
        for k, s in enumerate(self.sents):
            by_para.setdefault(s.para, []).append(k)
        return by_para

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """Mentions (modifiers too) lying inside a character span, in order, each once."""
        out: list[Mention] = []
        for k in range(self.tok_at_char(start), self.tok_at_char(end)):
            m = self.any_at.get(k)
            if m is not None and (not out or out[-1] is not m) and start <= m.start and m.end <= end:
                out.append(m)
        return out

    def places_starting_in(self, a: int, b: int) -> list[Mention]:
        """Place mentions whose first token lies in a..b, in order."""
        starts = self._place_starts
        return self.places_in_order[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]

    def actors_in(self, a: int, b: int) -> list[Mention]:
        seen: list[Mention] = []
        for k in range(a, b):
            m = self.actor_at.get(k)
            if m is not None and (not seen or seen[-1] is not m):
                seen.append(m)
        return seen

    def para_sentences(self, pi: int) -> list[int]:
        return self._sentences_of_para.get(pi, [])
