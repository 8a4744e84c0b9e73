"""Direct and indirect speech: who said what, for whom, about whom, and where.

Direct: a paragraph opening with a dash, closed by an attribution (", sier X",
", sa han"); a quotation in «» or "" of four words or more with its attribution
before (X sier: «…») or after («…», sier X / "…," X said). Indirect: X VERB at/that
…; X anklaget Y for å …; …, opplyste X (the clause before); ifølge X, …
An outlet's own report (melder SOHR, skriver Kathimerini) is not a statement:
it gives reported_by to what the sentence carries.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from core.context import Context
from core.issuer import Issuer, find_issuer
from core.lexicon import compound_key, phrase_starts
from core.mentions import Mention
from core.model import Claim
from core.nlp import is_verb_form, own_lemmas
from core.speech import SpeechAct, find_acts, person_with_title, phrase_speaker, speaker_for, speaker_noun
from core.tokens import Tok

REPORTER_TYPES = {"media"}
MIN_ISSUED_WORDS = 6  # tokens: shorter body lines of a statement (a sign-off) are not claims
MONITOR_TYPES = {"media", "ngo"}
_QUOTE = re.compile(r"«([^«»]+)»|\"([^\"]+)\"")
SKIP_ADVERBS = {"også", "samtidig", "videre", "ikke", "blant", "annet", "nå", "først", "tidligere", "senere", "i",
                "dag", "går", "fredag", "mandag", "tirsdag", "onsdag", "torsdag", "lørdag", "søndag", "also",
                "on", "earlier", "later", "then", "again", "further", "in", "a", "an", "the", "statement", "had",
                "has", "have", "was", "is", "til", "det", "klart", "that"}


@dataclass
class Attribution:
    speaker: Mention | None
    pronoun: bool
    verb: Tok
    end: int  # token index after the attribution's speaker


def _closes(rest: str, opener: str) -> bool:
    return ("»" if opener == "«" else opener) in rest


def speech_kind(ctx: Context, tok: Tok) -> str | None:
    """The speech verb class of a token (say, deny, accuse, report …), or None."""
    return speech_kinds(ctx)[tok.i]


def speech_kinds(ctx: Context) -> list[str | None]:
    """Every token's speech verb class, computed once per article."""
    if ctx.speech_kind_at is None:
        ctx.speech_kind_at = [_speech_kind(ctx, t) for t in ctx.toks]
    return ctx.speech_kind_at


def _speech_kind(ctx: Context, tok: Tok) -> str | None:
    verbs = ctx.lx.speech_verbs
    for lem in (tok.lower, *tok.lemmas):
        if lem in verbs:
            if verbs[lem] == "accuse" and not is_verb_form(tok.text, ctx.lang):
                return None  # "anklagene" (the accusations) is not "anklaget" (accused)
            return verbs[lem]
    return None


def reporter_of_sentence(ctx: Context, si: int) -> Mention | None:
    """An outlet or monitor the sentence credits: "ifølge X", "melder X", "X skriver", "(Reuters)"."""
    if si not in ctx.reporter_of:
        ctx.reporter_of[si] = _reporter(ctx, si)
    return ctx.reporter_of[si]


def _reporter(ctx: Context, si: int) -> Mention | None:
    a, b = ctx.ranges[si]
    toks = ctx.toks
    report, kinds = ctx.lx.words("report"), speech_kinds(ctx)
    for k in range(a, b):
        t = toks[k]
        if t.lower in report or (t.lower == "according" and k + 1 < b and toks[k + 1].lower == "to"):
            m = _next_actor(ctx, k + (2 if t.lower == "according" else 1), b, max_gap=5)
            if m and m.actor and m.actor.type in MONITOR_TYPES:
                return m
        if kinds[k] == "report":
            m = _next_actor(ctx, k + 1, b, max_gap=3) or _prev_actor(ctx, k, a, max_gap=3)
            if m and m.actor and m.actor.type in MONITOR_TYPES:
                return m
    return None


def _next_actor(ctx: Context, k: int, b: int, max_gap: int) -> Mention | None:
    for j in range(k, min(b, k + max_gap + 1)):
        m = ctx.actor_at.get(j)
        if m is not None:
            return m
        if ctx.toks[j].text in (",", ".", ";", ":"):
            return None
    return None


def _prev_actor(ctx: Context, k: int, a: int, max_gap: int) -> Mention | None:
    for j in range(k - 1, max(a - 1, k - max_gap - 1), -1):
        m = ctx.actor_at.get(j)
        if m is not None:
            return m
        if ctx.toks[j].text in (",", ".", ";"):
            return None
    return None


def _channel(ctx: Context, a: int, b: int) -> str | None:
    """The first channel word in tokens a..b ("pressekonferanse", "on Twitter", "twittermeldingen")."""
    if ctx.channel_at is None:
        ctx.channel_at = _channels_at(ctx)
    at = ctx.channel_at
    for k in range(a, b):
        hit = at[k]
        if hit is not None:
            one, two, compound = hit
            ch = one or (two if k + 1 < b else None) or compound
            if ch:
                return ch
    return None


def _channels_at(ctx: Context) -> list[tuple[str | None, str | None, str | None] | None]:
    """Per token: the channel its word names, the two words from it name, a compound it ends names."""
    channels = ctx.lx.channels
    long_keys, firsts = _long_channel_keys(ctx.lang), phrase_starts(channels)
    toks = ctx.toks
    out: list[tuple[str | None, str | None, str | None] | None] = []
    for k, t in enumerate(toks):
        one = channels.get(t.lower) or channels.get(t.lemma) or \
            (channels.get(t.lower.replace("-", "")) if "-" in t.lower else None)
        two = channels.get(f"{t.lemma} {toks[k + 1].lemma}") if t.lemma in firsts and k + 1 < len(toks) else None
        compound = next((channels[key] for key in long_keys if t.lemma.endswith(key)), None) \
            if t.lemma.endswith(long_keys) else None
        out.append((one, two, compound) if one or two or compound else None)
    return out


@functools.lru_cache(maxsize=4)
def _long_channel_keys(lang: str) -> tuple[str, ...]:
    """Channel words that may end a compound ("twittermeldingen", "tv-intervju")."""
    from core.lexicon import load
    return tuple(k for k in load(lang).channels if len(k) >= 6 and " " not in k)


def _attribution_after(ctx: Context, k: int, end: int, history: list[Mention]) -> Attribution | None:
    """", sier X" / ", sa han" / ", X said" / "said X" starting at token k."""
    toks = ctx.toks
    j = k
    while j < end and toks[j].text in (",", '"', "»", "'"):
        j += 1
    if j >= end:
        return None
    t = toks[j]
    if speech_kind(ctx, t):
        s = j + 1
        # skip articles, titles and their countries: "sa det russiske forsvarsdepartementet", "opplyste Nato-sjef X"
        while s < end and s - j <= 6 and s not in ctx.actor_at and (
                toks[s].lower in ("det", "den", "de", "the") or toks[s].lower in ctx.lx.demonyms
                or _role_word(ctx, toks[s]) or s in ctx.place_at
                or s in ctx.any_at and ctx.any_at[s].modifier or _title_modifier(ctx, s, end)):
            s += 1
        m = ctx.actor_at.get(s)
        if m is not None and m.b < end and toks[m.b].pos in ("VERB", "AUX"):
            return None  # "…, saying Hamas is holding …": the subject of what was said, not the speaker
        if m is not None:
            return Attribution(m, False, t, m.b)
        if s < end and toks[s].lower in ctx.lx.words("pronoun") | ctx.lx.words("pronoun_plural"):
            return Attribution(None, True, t, s + 1)
        return _unnamed_speaker(ctx, t, j + 1, s, end, history)
    s0 = j
    while s0 < end and s0 - j <= 6 and s0 not in ctx.actor_at:
        if s0 + 1 < end and f"{toks[s0].lemma} {toks[s0 + 1].lemma}" in ctx.lx.roles:
            s0 += 2  # "Foreign Minister"
        elif (toks[s0].lower in ("the", "a", "an", "det", "den", "de") or toks[s0].lower in ctx.lx.demonyms
              or _role_word(ctx, toks[s0])
              or toks[s0].lower in ("regional", "local", "senior", "deputy", "acting", "former")
              or s0 in ctx.any_at and ctx.any_at[s0].modifier):
            s0 += 1
        else:
            break
    m = ctx.actor_at.get(s0)
    if m is not None and m.b < end and speech_kind(ctx, toks[m.b]):
        return Attribution(m, False, toks[m.b], m.b + 1)
    # an appositive name: "the mayor, Anna Kovac, said"
    if s0 < end and toks[s0].text == ",":
        m = ctx.actor_at.get(s0 + 1)
        if m is not None and m.b + 1 < end and toks[m.b].text == "," and speech_kind(ctx, toks[m.b + 1]):
            return Attribution(m, False, toks[m.b + 1], m.b + 2)
    if t.lower in ctx.lx.words("pronoun") | ctx.lx.words("pronoun_plural") and j + 1 < end and speech_kind(ctx, toks[j + 1]):
        return Attribution(None, True, toks[j + 1], j + 2)
    return None


def _tok_at_char(ctx: Context, pos: int, a: int, b: int) -> int:
    for k in range(a, b):
        if ctx.toks[k].start >= pos:
            return k
    return b


class StatementFinder:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.out: list[Claim] = []
        self.last_speaker: Mention | None = None
        self.history: list[Mention] = []  # speakers in the order they spoke
        self.covered: list[tuple[int, int]] = []  # character spans already given to a statement

    def _emit(self, speaker: Mention, kind: str, verb: Tok | None, q0: int, q1: int, s0: int, s1: int,
              channel: str | None, reported_by: Mention | None, si: int, extra_targets: list[Mention] | None = None) -> None:
        text = self.ctx.text
        while q0 < q1 and (text[q0] in " ,–-" or text[q0] in "«\"" and not _closes(text[q0 + 1:q1], text[q0])):
            q0 += 1
        while q1 > q0 and text[q1 - 1] in " ,«":
            q1 -= 1
        if q1 - q0 < 3 or speaker.actor is None:
            return
        if any(_overlap(a, b, q0, q1) > 0.5 for a, b in self.covered):
            return  # the same words already went to a statement
        self.covered.append((q0, q1))
        targets = []
        for m in self.ctx.mentions_between(q0, q1):
            if m.actor and m.actor.name != speaker.actor.name and \
                    m.actor.type not in ("media",) and not m.modifier:
                if m.actor.name not in targets:
                    targets.append(m.actor.name)
        for m in extra_targets or []:
            if m.actor and m.actor.name not in targets and m.actor.name != speaker.actor.name:
                targets.insert(0, m.actor.name)
        self.out.append(Claim(speaker, kind, verb.text if verb else None, q0, q1, min(s0, q0), max(s1, q1), channel,
                              reported_by, si, targets))
        self.last_speaker = speaker
        self.history.append(speaker)
        if kind == "direct":
            self.ctx.quote_spans.append((q0, q1, speaker.actor.name))

    def run(self) -> list[Claim]:
        ctx = self.ctx
        acts: dict[int, list[SpeechAct]] = {}
        for act in find_acts(ctx, speech_kinds(ctx)):
            acts.setdefault(act.sent, []).append(act)
        for pi, p in enumerate(ctx.paras):
            if p.heading:
                continue
            sis = ctx.para_sentences(pi)
            if not sis:
                continue
            if p.dash:
                self._dash_paragraph(pi, sis)
            for si in sis:
                if ctx.sents[si].heading:
                    continue  # a dateline
                for act in acts.get(si, ()):
                    self._act(act)
                self._quotes(si)
                self._indirect(si)
        issuer = find_issuer(ctx)
        if issuer is not None:
            self._issued(issuer)
        return self.out

    def _issued(self, issuer: Issuer) -> None:
        """A press statement's body: each sentence no other statement covers is the issuer's own words."""
        ctx = self.ctx
        for si, s in enumerate(ctx.sents):
            a, b = ctx.ranges[si]
            if s.heading or ctx.paras[s.para].heading or b - a < MIN_ISSUED_WORDS:
                continue
            end = s.end
            while end > s.start and ctx.text[end - 1] in ".!? ":
                end -= 1
            self._emit(issuer.speaker, "direct", None, s.start, end, s.start, s.end, issuer.channel, None, si)

    # -- speech the parse shows ---------------------------------------------
    def _act(self, act: SpeechAct) -> None:
        ctx = self.ctx
        speaker = speaker_for(ctx, act, self.history)
        if speaker is None or speaker.actor is None:
            return
        rep = reporter_of_sentence(ctx, act.sent)
        if act.kind == "report" and speaker.actor.type in MONITOR_TYPES:
            return  # an outlet's report: reported_by, not a statement
        a, b = act.content
        q0, q1 = ctx.toks[a].start, ctx.toks[b - 1].end
        s = ctx.sents[act.sent]
        para = ctx.paras[s.para]
        sa, sb = ctx.ranges[act.sent]
        if para.dash and a <= sa + 1:
            q0 = para.start  # "– A. B, sier X.": the whole dash paragraph is X's
        elif a <= sa + 1:
            q0 = _open_quote_before(ctx.text, para.start, q0)  # a quotation that began sentences before
        quoted = _quoted(ctx.text, s.start, s.end, q0, q1)
        if quoted is not None:
            q0, q1 = quoted  # the words in quotation marks, the marks included
        kind = "direct" if para.dash or quoted or ctx.text[s.start] == "–" and a <= sa + 1 else "indirect"
        self._emit(speaker, kind, ctx.toks[act.verb], q0, q1, s.start, s.end, _channel(ctx, sa, sb),
                   rep if rep is not speaker else None, act.sent)

    # -- direct speech -----------------------------------------------------
    def _dash_paragraph(self, pi: int, sis: list[int]) -> None:
        ctx = self.ctx
        a, b = ctx.ranges[sis[0]][0], ctx.ranges[sis[-1]][1]
        p = ctx.paras[pi]
        # the attribution: the last ", VERB SPEAKER" in the paragraph
        for k in range(b - 1, a, -1):
            if ctx.toks[k].text != ",":
                continue
            att = _attribution_after(ctx, k, b, self.history)
            if att is None:
                continue
            speaker = att.speaker or (self.last_speaker if att.pronoun else None)
            if speaker is None:
                return
            si = ctx.toks[k].sent
            ch = _channel(ctx, att.end, ctx.ranges[si][1]) or _channel(ctx, k, b)
            rep = reporter_of_sentence(ctx, si)
            self._emit(speaker, "direct", att.verb, p.start, ctx.toks[k].start, p.start, ctx.sents[si].end,
                       ch, rep if rep is not speaker else None, si)
            # "…, sa han videre og understreket at …": a further indirect statement
            for j in range(att.end, ctx.ranges[si][1] - 1):
                if speech_kind(ctx, ctx.toks[j]) and ctx.toks[j + 1].lower in ctx.lx.words("that"):
                    q0 = ctx.toks[j + 2].start if j + 2 < b else ctx.toks[j + 1].end
                    self._emit(speaker, "indirect", ctx.toks[j], q0, ctx.sents[si].end, ctx.toks[j].start,
                               ctx.sents[si].end, None, None, si)
                    break
            return
        # no attribution: the speaker of the paragraph before, if it was speech or said something
        if self.last_speaker is not None and pi > 0 and (ctx.paras[pi - 1].dash or
                                                          ctx.text[ctx.paras[pi - 1].end - 1] == ":" or
                                                          ctx.sents[self.out[-1].sent].para == pi - 1):
            self._emit(self.last_speaker, "direct", None, p.start, p.end, p.start, p.end, None, None, sis[0])

    def _quotes(self, si: int) -> None:
        ctx = self.ctx
        s = ctx.sents[si]
        text = ctx.text[s.start:s.end]
        a, b = ctx.ranges[si]
        for qm in _QUOTE.finditer(text):
            q0, q1 = s.start + qm.start(), s.start + qm.end()
            inner = qm.group(1) or qm.group(2) or ""
            k_after = _tok_at_char(ctx, q1, a, b)
            att = _attribution_after(ctx, k_after, b, self.history)
            whole = q1 - q0 >= 0.8 * (s.end - s.start)
            if len(inner.split()) < 2 or len(inner.split()) < 4 and att is None and not whole:
                continue  # a scare quote («avskrekke»), not speech
            if att is None:
                # X sier: «…» / X said: "…"
                k0 = _tok_at_char(ctx, q0, a, b)
                j = k0 - 1
                while j >= a and ctx.toks[j].text in (":", ","):
                    j -= 1
                if j >= a and speech_kind(ctx, ctx.toks[j]):
                    m = _prev_actor(ctx, j, a, max_gap=4) or _next_actor(ctx, j + 1, k0, max_gap=2)
                    if m is not None:
                        att = Attribution(m, False, ctx.toks[j], j + 1)
            if att is None:
                if whole and self.last_speaker is not None and ctx.lx.grammar.bare_quote_continues and \
                        self.out and self.out[-1].sent >= si - 2 and not ctx.actors_in(a, _tok_at_char(ctx, q0, a, b)):
                    self._emit(self.last_speaker, "direct", None, q0, q1, q0, q1, None, None, si)
                continue
            speaker = att.speaker or (self.last_speaker if att.pronoun else None)
            if speaker is None:
                continue
            ch = _channel(ctx, a, b)
            self._emit(speaker, "direct", att.verb, q0, q1, s.start, s.end, ch, reporter_of_sentence(ctx, si), si)

    # -- indirect speech ---------------------------------------------------
    def _indirect(self, si: int) -> None:
        """Indirect speech in sentence si: "ifølge X, …", "X sier at …", "X accused Y of …", "…, he said"."""
        ctx = self.ctx
        a, b = ctx.ranges[si]
        toks = ctx.toks
        rep = reporter_of_sentence(ctx, si)
        report, neg, kinds = ctx.lx.words("report"), ctx.lx.words("neg"), speech_kinds(ctx)
        for k in range(a, b):
            t = toks[k]
            if t.lower in report or t.lower == "according" and k + 1 < b and toks[k + 1].lower == "to":
                self._according_to(si, k)
            elif not kinds[k] or any(toks[x].lower in neg for x in range(max(a, k - 2), k)):
                continue  # no speech verb, or a negated one ("did not say how many")
            elif self._that_clause(si, k, kinds[k], rep):
                continue
            elif kinds[k] == "accuse":
                self._accusation(si, k, rep)
            elif kinds[k] == "appeal":
                self._appeal(si, k, rep)
        self._attribution_clause(si, rep)

    def _that_clause(self, si: int, k: int, kind: str, rep: Mention | None) -> bool:
        """X VERB (adv) at/that CLAUSE, or the clause without "that" where the language drops it. Whether the
        verb takes a clause here (a statement is made only when its speaker is known)."""
        ctx, toks = self.ctx, self.ctx.toks
        a, b = ctx.ranges[si]
        that = ctx.lx.words("that")
        j = k + 1
        while j < b and toks[j].lower in SKIP_ADVERBS and toks[j].lower not in that:
            j += 1
        j0 = self._skip_time(k + 1, b)
        zero_that = ctx.lx.grammar.zero_that and kind in ("say", "deny") and j0 < b and self._clause_start(j0) \
            and toks[j].lower not in that and j0 not in ctx.actor_at or \
            j0 < b and toks[j0].lower not in that and self._clause_without_that(k, j0, b)
        if zero_that:
            j = j0
        if not (j < b and (toks[j].lower in that or zero_that)):
            return False
        speaker = self._subject(k, a)
        if speaker is None or speaker.actor is None or kind == "report" and speaker.actor.type in MONITOR_TYPES:
            return True  # an outlet's report: reported_by, not a statement
        first = j if zero_that and toks[j].lower not in that else j + 1
        if first < b:  # not "… sier at" with nothing after it
            q1 = self._clause_end(first, b)
            self._emit(speaker, "indirect", toks[k], toks[first].start, q1, toks[k].start, q1, _channel(ctx, a, b),
                       rep if rep is not speaker else None, si)
        return True

    def _accusation(self, si: int, k: int, rep: Mention | None) -> None:
        """X anklaget Y for å … / X accused Y of …"""
        ctx, toks = self.ctx, self.ctx.toks
        a, b = ctx.ranges[si]
        speaker = self._subject(k, a)
        tgt = self._accused(k + 1, b)
        if speaker is not None and tgt is not None and tgt is not speaker:
            q1 = self._clause_end(tgt.b, b, stop_at_og_verb=True)
            self._emit(speaker, "indirect", toks[k], tgt.start, q1, toks[k].start, q1, _channel(ctx, a, b),
                       rep if rep is not speaker else None, si, [tgt])

    def _appeal(self, si: int, k: int, rep: Mention | None) -> None:
        """X oppmodar Y til å … / X ber Y om å …: what X calls for, from the verb's object on, where the tagger did not
        read the verb as one (the parse reads the rest)."""
        ctx, toks = self.ctx, self.ctx.toks
        a, b = ctx.ranges[si]
        inf = ctx.lx.words("infinitive")
        if toks[k].pos in ("VERB", "AUX") or not any(toks[j].lower in inf for j in range(k + 1, min(b, k + 9))):
            return
        speaker = self._subject(k, a)
        if speaker is not None and k + 2 < b:
            q1 = self._clause_end(k + 1, b)
            self._emit(speaker, "indirect", toks[k], toks[k + 1].start, q1, toks[k].start, q1, _channel(ctx, a, b),
                       rep if rep is not speaker else None, si)

    def _attribution_clause(self, si: int, rep: Mention | None) -> None:
        """"…, opplyste X på en pressekonferanse." / "…, the governor said on Telegram." / "…, he added." """
        ctx, toks = self.ctx, self.ctx.toks
        s = ctx.sents[si]
        a, b = ctx.ranges[si]
        for c in range(a + 2, b - 1):
            if toks[c].text != ",":
                continue
            att = _attribution_after(ctx, c, b, self.history)
            if att is None or not self._ends_sentence(att.end, b):
                continue
            speaker = att.speaker or (self.last_speaker if att.pronoun else None)
            if speaker is None or speaker.actor is None or speaker.actor.type == "media":
                continue
            if speech_kind(ctx, att.verb) not in ("say", "deny", "accuse"):
                continue
            kind = "direct" if ctx.text[s.start] == "–" else "indirect"  # "… . – Vi ber om …, seier X."
            self._emit(speaker, kind, att.verb, s.start, toks[c].start, s.start, s.end,
                       _channel(ctx, att.end, b), rep if rep is not speaker else None, si)
            return

    def _clause_without_that(self, k: int, j: int, b: int) -> bool:
        """"X meiner våpenkvila må vere …": a verb of opinion (function_words.tsv) with a clause of its own right
        after it, its subject and then its finite verb, no "at" between."""
        ctx, toks = self.ctx, self.ctx.toks
        if not {toks[k].lemma, *toks[k].lemmas} & ctx.lx.words("opinion") or toks[j].pos in ("ADP", "ADV", "PUNCT"):
            return False
        for x in range(j + 1, min(b, j + 7)):
            t = toks[x]
            if t.is_punct or t.lower in ctx.lx.words("infinitive") or speech_kind(ctx, t):
                return False
            if t.pos in ("VERB", "AUX"):
                return x > j and toks[x - 1].pos != "ADP"
        return False

    def _skip_time(self, j: int, b: int) -> int:
        """Past "on Thursday", "i dag", "yesterday" between a speech verb and what was said."""
        ctx = self.ctx
        toks = ctx.toks
        while j < b:
            w = toks[j].lower
            if w in ("on", "i", "last", "this") and j + 1 < b and (toks[j + 1].lower in ctx.lx.weekdays
                                                                  or toks[j + 1].lower in ("dag", "går", "week", "uke")):
                j += 2
            elif w in ctx.lx.weekdays or w in ("yesterday", "today", "earlier", "later", "also", "again", "også"):
                j += 1
            else:
                return j
        return j

    def _clause_start(self, j: int) -> bool:
        """Whether token j can open reported content without "that" (English: "said its forces had …")."""
        t = self.ctx.toks[j]
        if t.is_punct or t.text in ('"', "'"):
            return False
        return t.lower not in ("to", "in", "at", "on", "by", "for", "with", "from", "of", "reporters", "journalists",
                               "in", "during", "after", "before", "when", "as", "and", "but", "so", "nothing",
                               "the") or t.lower == "the" and self._has_verb_after(j)

    def _has_verb_after(self, j: int) -> bool:
        ctx = self.ctx
        a, b = ctx.ranges[ctx.toks[j].sent]
        return any(ctx.toks[x].lower in ("had", "has", "have", "was", "were", "is", "are", "would", "will", "could")
                   for x in range(j, min(b, j + 8)))

    def _ends_sentence(self, k: int, b: int) -> bool:
        """Only adverbials (time, place, channel) follow an attribution that ends its sentence."""
        ctx = self.ctx
        for x in range(k, b):
            t = ctx.toks[x]
            if t.text == "," and x + 1 < b and ctx.toks[x + 1].lower in ("as", "while", "after", "mens", "da", "etter"):
                return True  # "…, the governor said, as Kyiv accused Moscow …"
            if speech_kind(ctx, t) or t.lower in ctx.lx.words("that") or t.text in (",", ";", '"', "«", "»"):
                return False
        return True

    def _accused(self, k: int, b: int) -> Mention | None:
        """The first actor after an accusation verb that is not a source ("ifølge det syriske nyhetsbyrået Sana")."""
        ctx = self.ctx
        skip_to = k
        for j in range(k, min(b, k + 12)):
            if j < skip_to:
                continue
            t = ctx.toks[j]
            if t.lower in ctx.lx.words("report") or t.lower == "according":
                m = _next_actor(ctx, j + 1, b, max_gap=5)
                skip_to = m.b if m else j + 1
                continue
            m = ctx.actor_at.get(j)
            if m is not None and m.actor and m.actor.type != "media":
                return m
            if t.text in (".", ";"):
                return None
        return None

    def _subject(self, k: int, a: int) -> Mention | None:
        """The speaker before a speech verb: nearest actor back to the clause start, or a pronoun."""
        ctx = self.ctx
        toks = ctx.toks
        first = ctx.coordinated_subject(k, a)  # "Russland anklaget … og sier at"
        if first is not None:
            return first
        j = k - 1
        while j >= a:
            t = toks[j]
            if t.text in (";",) or t.lower in ("mens", "while", "men", "but"):
                break
            if j == k - 1 and j not in ctx.actor_at and _subject_noun(ctx, t):
                break  # "… mellom Hamas og Israel, sjølv om partane seier at …": the noun says it, not Israel
            if j == k - 1 and j not in ctx.any_at and (t.text.islower() or j == a) and t.text.isalpha() \
                    and speaker_noun(ctx, t):
                # "Utanriksministeren meiner at …" where the tagger missed the verb: the one named with the title
                return person_with_title(ctx, t, k, self.history) or phrase_speaker(ctx, j, k, t, [])
            m = ctx.actor_at.get(j)
            if m is not None:
                if m.actor and m.actor.type in ("media",) and toks[m.a - 1].lower in ctx.lx.words("report") if m.a > 0 else False:
                    j = m.a - 1
                    continue
                if m.genitive:
                    j = m.a - 1
                    continue
                return _affiliated_person(ctx, m, a) or m
            if t.lower in ctx.lx.words("pronoun") and self.last_speaker is not None:
                return self.last_speaker
            if t.lower in ctx.lx.words("pronoun_plural") and self.last_speaker is not None and \
                    self.last_speaker.actor and self.last_speaker.actor.type != "person":
                return self.last_speaker
            j -= 1
        # verb-second: "…, sier X at" / "Senere sa X at": the subject right after the verb
        return ctx.actor_at.get(k + 1) if ctx.lx.grammar.verb_second else None

    def _clause_end(self, j: int, b: int, stop_at_og_verb: bool = False) -> int:
        """End (character offset) of reported content starting at token j."""
        ctx = self.ctx
        toks = ctx.toks
        if j >= b:
            return toks[b - 1].end
        for k in range(j, b):
            t = toks[k]
            if t.text in (";",) or t.text == "," and k + 1 < b and toks[k + 1].lower in ("mens", "while", "men", "but"):
                return toks[k].start
            if stop_at_og_verb and t.lower in ("og", "and") and k + 1 < b and speech_kind(ctx, toks[k + 1]):
                return toks[k].start
        end = toks[b - 1].end
        while end > toks[j].start and ctx.text[end - 1] in ".!?":
            end -= 1
        return end

    def _according_to(self, si: int, k: int) -> None:
        ctx = self.ctx
        s = ctx.sents[si]
        a, b = ctx.ranges[si]
        toks = ctx.toks
        first = k + (2 if toks[k].lower == "according" else 1)
        m = _next_actor(ctx, first, b, max_gap=4)
        if m is None or m.actor is None or m.actor.type in MONITOR_TYPES:
            return
        if any(toks[j].pos in ("VERB", "AUX") or toks[j].pos == "NOUN" and not speaker_noun(ctx, toks[j])
               for j in range(first, m.a)):
            return  # "Ifølgje det ukrainske luftvernet sende Russland …": the source is a noun no table knows
        # the content: the sentence without the "ifølge X" phrase, a relative clause after it, and ", skriver Y"
        segs: list[tuple[int, int]] = []
        start = a
        for j in range(a, b + 1):
            if j == b or toks[j].text == ",":
                if j > start:
                    segs.append((start, j))
                start = j + 1
        keep = []
        for sa, sb in segs:
            if sa <= k < sb or sa <= m.a < sb:
                continue
            if toks[sa].lower in ("som", "which", "who", "der", "where"):
                continue
            if speech_kind(ctx, toks[sa]) and ctx.actor_at.get(sa + 1):
                continue
            keep.append((sa, sb))
        if not keep:
            # "Ifølge hæren ble tre soldater drept": the rest of the sentence after the source
            if m.b >= b - 1:
                return
            keep = [(m.b, b)]
        q0 = toks[keep[0][0]].start
        q1 = toks[keep[-1][1] - 1].end
        while q1 > q0 and ctx.text[q1 - 1] in ".!?":
            q1 -= 1
        rep = reporter_of_sentence(ctx, si)
        self._emit(m, "indirect", toks[k], q0, q1, s.start, s.end, _channel(ctx, a, b), rep, si)


def _subject_noun(ctx: Context, t: Tok) -> bool:
    """A common noun right before a speech verb, its subject, that names no speaker the rules could file (a noun
    by the tagger, or by a Nynorsk ending the tagger does not know: "partane")."""
    noun = t.pos == "NOUN" or any(cls == "noun" for _, cls in own_lemmas(t.text, ctx.lang))
    return noun and t.text.isalpha() and t.text.islower() and not speaker_noun(ctx, t) and t.i not in ctx.any_at


def _affiliated_person(ctx: Context, m: Mention, a: int) -> Mention | None:
    """"Generalsekretær X i Flyktninghjelpa meiner …": the person whose organisation follows, not the organisation."""
    k = m.a - 1
    if m.actor is None or m.actor.type == "person" or k - 1 < a or ctx.toks[k].lower not in ctx.lx.words("affiliation"):
        return None
    person = ctx.actor_at.get(k - 1)
    return person if person is not None and person.actor and person.actor.type == "person" else None


def _title_modifier(ctx: Context, s: int, end: int) -> bool:
    """A lowercase adjective before a title ("leiande biskop", "avtroppande president"), by the tagger's word, or a
    lowercase word right before a person's name: a title the lexicon does not know ("seier preses Kari Nordmann")."""
    toks = ctx.toks
    if s + 1 >= end or not toks[s].text.isalpha() or not toks[s].text.islower():
        return False
    person = ctx.actor_at.get(s + 1)
    return toks[s].pos == "ADJ" and _role_word(ctx, toks[s + 1]) is not None or \
        person is not None and person.a == s + 1 and person.actor is not None and person.actor.type == "person"


def _unnamed_speaker(ctx: Context, verb: Tok, a: int, s: int, end: int, history: list[Mention]) -> Attribution | None:
    """", sier lederne" / ", seier biskopane" / ", said officials": after the verb, a noun that heads unnamed
    speakers (the title words skipped before it included) and ends the attribution, as its own phrase."""
    toks = ctx.toks
    head = s if s < end and toks[s].text.isalpha() else s - 1
    if head < a or not toks[head].text.islower() or head in ctx.any_at:
        return None
    after = toks[head + 1] if head + 1 < end else None
    named = ctx.actor_at.get(head + 2) if after is not None and after.text == "," else None
    if named is not None and named.actor is not None:  # "sier generalsekretær, Jan Egeland": the name in apposition
        key = _role_word(ctx, toks[head])
        if key and named.actor.type == "person" and named.actor.role is None:
            named.actor.role = ctx.lx.roles[key][0]
        return Attribution(named, False, verb, named.b)
    if after is not None and not after.is_punct and after.pos != "ADP":
        return None
    if not speaker_noun(ctx, toks[head]):
        return None
    m = person_with_title(ctx, toks[head], verb.i, history) if head == a else None  # "sa ministeren": the one named
    m = m or phrase_speaker(ctx, a, head + 1, toks[head], [])
    return Attribution(m, False, verb, head + 1) if m is not None else None


def _role_word(ctx: Context, t: Tok) -> str | None:
    """The role a title word names, by its lemma or, where the lemmatiser slipped (Nynorsk forms), its form."""
    return compound_key(t.lemma, ctx.lx.roles) or compound_key(t.lower, ctx.lx.roles)


def _overlap(a: int, b: int, c: int, d: int) -> float:
    """How much two character spans share, as a share of the shorter."""
    shared = min(b, d) - max(a, c)
    return shared / max(1, min(b - a, d - c)) if shared > 0 else 0.0


def _open_quote_before(text: str, para_start: int, pos: int) -> int:
    """Where a quotation still open at pos began in its paragraph ("A. B," he said: from A), else pos."""
    depth_start = None
    for k in range(para_start, pos):
        ch = text[k]
        if ch in "«“" or ch == '"' and depth_start is None:
            depth_start = k
        elif ch in "»”" or ch == '"':
            depth_start = None
    return depth_start if depth_start is not None else pos


def _quoted(text: str, s0: int, s1: int, q0: int, q1: int) -> tuple[int, int] | None:
    """The quotations of the sentence that hold most of the content (their outer span), or None."""
    inside, span = 0, None
    for qm in _QUOTE_ANY.finditer(text, s0, s1):
        shared = min(q1, qm.end()) - max(q0, qm.start())
        if shared > 0:
            inside += shared
            span = (qm.start(), qm.end()) if span is None else (span[0], qm.end())
    return span if inside >= 0.6 * (q1 - q0) else None


_QUOTE_ANY = re.compile(r"«[^«»]+»|\"[^\"]+\"|“[^“”]+”")


def find_statements(ctx: Context) -> list[Claim]:
    return StatementFinder(ctx).run()
