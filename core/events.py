"""Events: a trigger word -> a PLOVER type, with actors, place, date, fatalities and source.

Triggers are matched on lemmas (and on the last part of Norwegian compounds for
nouns marked ``head``). Actors come from the trigger's clause: for a passive
("ble drept", "were killed") the subject is acted upon and "av/by X" acts; for a
noun ("tyrkiske angrep mot syriske stillinger") the demonym or "fra X" acts and
"mot/against X" is acted upon; for an active verb the nearest actor before acts
and the first after is acted upon (Norwegian verb-second: both may follow).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from core import dates, event_args
from core.context import Context
from core.lexicon import Trigger, compound_key, compound_keys, ends_with_key, phrase_starts
from core.mentions import ActorRef, Mention, country_actor, place_cue
from core.model import Claim
from core.nlp import is_adj_form, is_verb_form
from core.statements import reporter_of_sentence, speech_kinds
from core.tokens import Tok


@dataclass
class Hit:
    tok: Tok
    n: int                     # tokens in the trigger
    trig: Trigger


@dataclass
class _Around:
    """The actors around one trigger in its clause (``EventFinder._around``)."""
    before: list[Mention]
    after: list[Mention]
    agent: Mention | None
    patient: Mention | None
    partner: Mention | None
    is_verb: bool
    b: int                    # the clause's end, within the sentence


@dataclass
class RawEvent:
    type: str
    trigger: Tok
    trigger_text: str
    clause: tuple[int, int]
    sent: int
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    modes: list[str] = field(default_factory=list)
    fatalities: int | None = None
    location: Mention | None = None
    locations: list[Mention] = field(default_factory=list)
    reporter: Mention | None = None
    qualifier: str | None = None       # "at least", "more than" … on the toll
    cumulative: bool = False           # the sentence states a running total, not this incident's toll
    actor1_from: str | None = None     # "sentence" | "article"
    actor2_from: str | None = None
    location_from: str | None = None
    occurred: bool = False             # a verb of its sentence says it took place ("fighting raged in X")
    reciprocal: bool = False           # "X and Y accused each other": the mirror event is Y acting on X
    demand: bool = False               # "X må …" in a speaker's words: its infinitive is the demand itself


def _is_verb(ctx: Context, t: Tok) -> bool:
    """Whether a trigger is used as a verb: the tagger may confirm it; else its form and what stands around it."""
    entries = _single_triggers(t, ctx.lx.triggers)
    if entries and all(e.noun_only for e in entries):
        return False
    if t.pos in ("VERB", "AUX"):
        return True
    nxt = ctx.toks[t.i + 1] if t.i + 1 < len(ctx.toks) and ctx.toks[t.i + 1].sent == t.sent else None
    grammar = ctx.lx.grammar
    ending = grammar.participle_like_definite
    if ending and t.lower.endswith(ending) and t.lower != t.lemma and t.pos == "NOUN" and \
            t.dep in ctx.lx.relations("subject"):
        return False  # "Angrepet drepte tre …": the parse's subject noun is the attack, not the participle "attacked"
    auxiliaries = ctx.lx.words("auxiliary")
    if nxt is not None and nxt.lower in auxiliaries and grammar.definite_suffix and t.lower != t.lemma:
        return False  # "angrepet var rettet mot …": the attack, a subject
    prev = ctx.toks[t.i - 1] if t.i > 0 and ctx.toks[t.i - 1].sent == t.sent else None
    if ending and t.lower.endswith(ending) and t.lower != t.lemma and prev is not None and \
            prev.lower not in auxiliaries and prev.lower not in ctx.lx.words("auxiliary_nonfinite") and \
            is_verb_form(prev.text, ctx.lang) and not prev.is_cap:
        return False  # "fordømmer angrepet": after a verb, an -et form is the definite noun (the attack)
    if not is_verb_form(t.text, ctx.lang):
        return False
    if t.i > 0 and ctx.toks[t.i - 1].sent == t.sent:
        prev = ctx.toks[t.i - 1]
        if prev.lower in ctx.lx.words("passive"):
            return True  # "har vore fanga": the participle of a passive, whatever the tables call the auxiliary
        if prev.lower in ctx.lx.words("noun_signal") or prev.lower in ctx.lx.words("determiner") or \
                prev.lower in ctx.lx.demonyms \
                or prev.text[:1].isdigit() or (is_adj_form(prev.text, ctx.lang) and not is_verb_form(prev.text, ctx.lang)):
            return False
    return True


def _triggers_at(ctx: Context, k: int) -> list[Hit]:
    """The triggers starting at token k, found once per article (None: not looked at yet)."""
    if ctx.triggers_at is None:
        ctx.triggers_at = [None] * len(ctx.toks)
    hits = ctx.triggers_at[k]
    if hits is None:
        hits = ctx.triggers_at[k] = _find_triggers(ctx, k)
    return hits


def _find_triggers(ctx: Context, k: int) -> list[Hit]:
    toks = ctx.toks
    t = toks[k]
    lx = ctx.lx
    triggers = lx.triggers
    if t.lemma in phrase_starts(triggers) and k + 1 < len(toks) and toks[k + 1].sent == t.sent:
        two = triggers.get(f"{t.lemma} {toks[k + 1].lemma}")
        if two:
            return [Hit(t, 2, trig) for trig in two]
    cands = _single_triggers(t, triggers)
    if not cands and ctx.lx.grammar.compound_words:
        key = compound_key(t.lemma, triggers)
        if key:
            cands = [tr for tr in triggers[key] if tr.head]
    if not cands:
        return []
    return [Hit(t, 1, trig) for trig in cands if not trig.verb_only or _is_verb(ctx, t)]


def _single_triggers(t: Tok, triggers: dict[str, list[Trigger]]) -> list[Trigger] | None:
    """The triggers of the token's first lemma (or its form) that the table knows."""
    for x in t.lemmas:
        if x in triggers:
            return triggers[x]
    return triggers.get(t.lower)


def _needs_ok(ctx: Context, trig: Trigger, a: int, b: int) -> bool:
    if not trig.needs:
        return True
    for k in range(max(a, 0), b):
        t = ctx.toks[k]
        if t.lemma in trig.needs or t.lower in trig.needs or ends_with_key(t.lemma, trig.needs):
            return True
    return False


def _negated(ctx: Context, k: int, a: int, b: int) -> bool:
    neg = ctx.lx.words("neg")
    return any(ctx.toks[j].lower in neg for j in range(max(a, k - 3), min(b, k + 3)))


def _passive(ctx: Context, k: int, a: int) -> int | None:
    """Index of a passive auxiliary before the trigger in its clause (ble drept / ble også tre soldater drept)."""
    pas = ctx.lx.words("passive")
    for j in range(k - 1, max(a - 1, k - 7), -1):
        if ctx.toks[j].lower in pas:
            return j
    t = ctx.toks[k]
    suffix = ctx.lx.grammar.passive_suffix
    if suffix and t.lower.endswith(suffix) and t.lower[:-len(suffix)] in t.lemmas:
        return k  # the s-passive: "drepes", "angripes" (the form is the infinitive + s)
    return None


def _speaker_of_object(ctx: Context, k: int) -> ActorRef | None:
    """The subject's actor of the verb of condemning or denying whose object the event noun at k is ("X condemns
    attacks on civilians", "fordømmer angrepet"); a clause as the object is what was said, its own subject acting."""
    t = ctx.toks[k]
    if t.pos != "NOUN" or t.head == k or t.dep not in ctx.lx.relations("object") or \
            speech_kinds(ctx)[t.head] not in ("accuse", "deny"):
        return None  # who announces sanctions or promises aid gives them ("EU-kommisjonen varslet nye sanksjoner")
    a, b = ctx.ranges[t.sent]
    verbal, subjects = ctx.lx.relations("subject") | ctx.lx.relations("object"), ctx.lx.relations("subject")
    that = ctx.lx.words("that")
    if any(ctx.toks[j].head == k and (ctx.toks[j].dep in verbal or ctx.toks[j].lower in that) for j in range(a, b)):
        return None  # a verb the tagger took for a noun: "at ukrainske droner angrep et …"
    subj = next((j for j in range(a, b) if ctx.toks[j].head == t.head and ctx.toks[j].dep in subjects), None)
    m = ctx.actor_at.get(subj) if subj is not None else None
    return m.actor if m is not None else None


def _modifier_actor(ctx: Context, k: int, a: int) -> ActorRef | None:
    """A demonym or genitive country right before a trigger noun: "tyrkiske angrep", "Russlands luftangrep"."""
    toks = ctx.toks
    j = k - 1
    while j >= a and toks[j].lower in ("de", "den", "det", "the", "sine", "sin", "sitt", "nye", "new", "massive"):
        j -= 1
    if j < a:
        return None
    w = toks[j].lower
    prefixes = ctx.lx.words("against_prefix")
    if w.split("-", 1)[0] in prefixes and "-" in w or j >= 2 and toks[j - 1].text == "-" and toks[j - 2].lower in prefixes:
        return None  # "anti-Israeli protests": Israel is what they are against
    if w in ctx.lx.demonyms:
        return country_actor(ctx.lx.demonyms[w], ctx.lx)
    if "-" in w and w.split("-")[0] in ctx.lx.demonyms and not w.endswith(("støttede", "backed")):
        return country_actor(ctx.lx.demonyms[w.split("-")[0]], ctx.lx)
    m = ctx.actor_at.get(j)
    if m is not None and m.genitive and m.actor:
        return m.actor
    return None


def _prep_actor(ctx: Context, k: int, b: int, role: str) -> Mention | None:
    words = ctx.lx.words(role)
    for j in range(k + 1, b):
        if ctx.toks[j].lower in words:
            for x in range(j + 1, min(ctx.ranges[ctx.toks[k].sent][1], j + 5)):
                if ctx.toks[x].text in (",", ";", ":", "\u2013"):
                    break  # "sendes til Herat, sier X": the phrase ends at the comma
                m = ctx.actor_at.get(x)
                if m is not None:
                    return m
    return None


def _people_number(ctx: Context, a: int, b: int, k: int) -> tuple[int, int] | None:
    """The number of people tied to a killing in this clause, if stated: (its token, its value)."""
    toks = ctx.toks
    best: tuple[int, int] | None = None
    for j in range(a, b):
        val = _number(ctx, j)
        if val is None:
            continue
        nxt = toks[j + 1].lower if j + 1 < b else ""
        if nxt in ctx.lx.words("unit") or nxt in ctx.lx.words("million") and val < 100:
            continue
        if _YEAR.fullmatch(toks[j].text) or _proportion(ctx, j):
            continue
        # what follows the number must be people (a force or civilians mention, a people noun) or the trigger
        ok = False
        for x in range(j + 1, min(b, j + 5)):
            m = ctx.actor_at.get(x)
            if m is not None and m.actor and m.actor.type in ("military", "armed group", "civilians", "person", "government"):
                ok = True
                break
            if toks[x].lower in ctx.lx.words("people_noun") or x == k:
                ok = True
                break
        if j == k + 1 or j == k - 1:
            ok = True
        if ok and (best is None or abs(j - k) < abs(best[0] - k)):
            best = (j, val)
    return best


def _proportion(ctx: Context, j: int) -> bool:
    """"ni av ti drepte", "nine of ten killed": a share, not a count."""
    toks, ratio = ctx.toks, ctx.lx.words("ratio")
    return j + 2 < len(toks) and toks[j + 1].lower in ratio and _number(ctx, j + 2) is not None or \
        j >= 2 and toks[j - 1].lower in ratio and _number(ctx, j - 2) is not None


_YEAR = re.compile(r"(19|20)\d\d")
_DIGITS = re.compile(r"\d{1,3}(?:[ .,]\d{3})+|\d+")  # 12, 1200, 1 200, 1.200, 1,200
_DECIMAL = re.compile(r"\d+,\d+")


def _number(ctx: Context, j: int) -> int | None:
    toks, words = ctx.toks, ctx.lx.words
    t = toks[j]
    if j > 0 and toks[j - 1].lower in words("vague_quantity"):
        return None
    txt = t.text.replace("\u00a0", "")
    val: float | None = None
    if _DIGITS.fullmatch(txt):
        val = float(txt.replace(" ", "").replace(".", "").replace(",", ""))
    elif _DECIMAL.fullmatch(txt):
        val = float(txt.replace(",", "."))
    elif t.lower in ctx.lx.numbers and t.lower not in words("indefinite") and \
            t.lower not in words("number_or_pronoun") or \
            t.lower in words("number_or_pronoun") and j + 1 < len(toks) and toks[j + 1].lower in words("people_noun"):
        val = float(ctx.lx.numbers[t.lower])
    if val is None:
        return None
    if j + 1 < len(toks) and toks[j + 1].lower in words("million"):
        val *= 1_000_000
    elif j + 1 < len(toks) and toks[j + 1].lower in words("thousand"):
        val *= 1000
    return int(val)


MEETING_MODES = {"phone call", "meeting", "video call", "emergency meeting", "summit"}
MAX_OBJECT_GAP = 7  # tokens between a verb and the actor it acts upon (past that, it is another phrase's)
OWN_SIDE_TYPES = {"military", "civilians", "armed group", "government"}
WARNING_TYPES = {"ngo", "igo", "media", "civilians"}  # who warns of a danger but threatens no one
PARTY_TYPES = {"state", "military", "armed group", "government"}  # the sides of a conflict


def located(ctx: Context, m: Mention) -> bool:
    """A country or town named after a locative preposition ("a bomb in Afghanistan", "in eastern Syria") is where
    something happens, not who acts."""
    if m.place is None or m.kind not in ("country", "capital", "place"):
        return False
    k = m.a - 1
    while k >= 0 and (ctx.toks[k].lower in ctx.lx.words("direction") or ctx.toks[k].lower in ctx.lx.words("determiner")):
        k -= 1
    return k >= 0 and ctx.toks[k].sent == ctx.toks[m.a].sent and place_cue(ctx.lang, ctx.toks[k].lower) == "locative"


def is_definite(ctx: Context, t: Tok) -> bool:
    """"the attack", "this attack", "angrepet": a definite noun (lexicon/grammar.tsv: by a word before it or its
    ending) names an event already known."""
    grammar = ctx.lx.grammar
    if grammar.definite_article:
        return any(ctx.toks[j].lower in grammar.definite_article for j in range(max(0, t.i - 2), t.i))
    return t.lower != t.lemma and t.lower.endswith(grammar.definite_suffix)


def _coordination_head(ctx: Context, before: list[Mention]) -> Mention | None:
    """The first of coordinated actors ending the list ("20 syriske soldater og militssoldater")."""
    if not before:
        return None
    m = before[-1]
    k = len(before) - 1
    while k > 0 and before[k - 1].b + 1 == before[k].a and ctx.toks[before[k - 1].b].lower in ("og", "and", ","):
        k -= 1
        m = before[k]
    return m


class EventFinder:
    def __init__(self, ctx: Context, statements: list[Claim]):
        self.ctx = ctx
        self.statements = statements

    def _speaker_at(self, pos: int) -> str | None:
        for q0, q1, name in self.ctx.quote_spans:
            if q0 <= pos < q1:
                return name
        return None

    def run(self) -> list[RawEvent]:
        ctx = self.ctx
        out: list[RawEvent] = []
        for si, s in enumerate(ctx.sents):
            if s.heading:
                continue
            a, b = ctx.ranges[si]
            rep = reporter_of_sentence(ctx, si)
            by_clause: dict[tuple[tuple[int, int], str], RawEvent] = {}
            in_sentence: list[RawEvent] = []
            k = a
            while k < b:
                hits = _triggers_at(ctx, k)
                if not hits or k in ctx.actor_at and ctx.actor_at[k].kind != "force":
                    k += 1
                    continue
                ca, cb = ctx.clause(k)
                req = next((e.trigger.i for e in in_sentence if e.type == "REQUEST" and not e.demand), None)
                asked = ctx.lx.words("infinitive") | ctx.lx.words("asked_for")
                if req is not None and req < k and any(ctx.toks[j].lower in asked for j in range(req + 1, k)):
                    k += 1
                    continue  # "urged both sides to agree to a ceasefire": what a request asks for
                for hit in hits:
                    if not _needs_ok(ctx, hit.trig, ca, cb):
                        continue
                    ev = self._event(hit, k, ca, cb, si, rep)
                    if ev is None:
                        break  # the sentence does not assert it (negated, only possible, denied, a question)
                    key = ((ca, cb), ev.type)
                    prev = by_clause.get(key) or (self._same_demand(ev, in_sentence) if ev.demand else None)
                    if prev is None:
                        by_clause[key] = ev
                        out.append(ev)
                        in_sentence.append(ev)
                        if ev.reciprocal and ev.actor1 is not None and ev.actor2 is not None:
                            out.append(replace(ev, actor1=ev.actor2, actor2=ev.actor1, modes=list(ev.modes),
                                               reciprocal=False))
                    else:
                        self._merge(prev, ev)
                    break
                k += max(1, hits[0].n)
            self._join_kill_with_attack(in_sentence, out)
            self._disputed(si, in_sentence)
        return out

    def _disputed(self, si: int, in_sentence: list[RawEvent]) -> None:
        """ "State TV gave a death toll of over 50, while another channel said 38 had been killed": two
        sources' figures set against each other; the event keeps the lowest (ACLED's rule), at least that many."""
        ctx = self.ctx
        a, b = ctx.ranges[si]
        if not any(ctx.toks[j].lower in ctx.lx.words("contrast") for j in range(a, b)):
            return
        figures = {e.fatalities for e in in_sentence if e.fatalities is not None}
        toll_nouns = ctx.lx.words("toll_noun")
        for j in range(a, b):
            if ctx.toks[j].lemma in toll_nouns or ctx.toks[j].lower in toll_nouns:
                figures |= {v for x in range(j + 1, min(b, j + 6)) if (v := _number(ctx, x)) is not None}
        if len(figures) > 1:
            for e in in_sentence:
                if e.fatalities is not None:
                    e.fatalities, e.qualifier = min(figures), "at least"

    @staticmethod
    def _join_kill_with_attack(in_sentence: list[RawEvent], out: list[RawEvent]) -> None:
        """"14 sivile ble drept da RSF angrep leiren": the attack's actor killed them; one event."""
        kills = [e for e in in_sentence if e.type == "ASSAULT" and e.fatalities is not None and e.actor1 is None]
        for kill in kills:
            attack = next((e for e in in_sentence if e is not kill and e.type == "ASSAULT" and e.actor1 is not None
                           and e.fatalities is None), None)
            if attack is not None:
                kill.actor1 = attack.actor1
                kill.actor2 = kill.actor2 or attack.actor2
                kill.modes += [m for m in attack.modes if m not in kill.modes]
                if attack in out:  # two tolls in one sentence may join the same attack
                    out.remove(attack)

    def _merge(self, a: RawEvent, b: RawEvent) -> None:
        if b.fatalities is not None and a.fatalities is None:
            a.fatalities, a.qualifier = b.fatalities, b.qualifier
            a.trigger, a.trigger_text = b.trigger, b.trigger_text
        a.actor1 = a.actor1 or b.actor1
        a.actor2 = a.actor2 or b.actor2
        for m in b.modes:
            if m not in a.modes:
                a.modes.append(m)

    def _event(self, hit: Hit, k: int, a: int, b: int, si: int, rep: Mention | None) -> RawEvent | None:
        ctx = self.ctx
        t = hit.tok
        if hit.trig.kill and k > a and ctx.toks[k - 1].lower in ctx.lx.words("determiner") and t.lower != t.lemma:
            return None  # "fleire av dei drepne", "de drepte": the dead, named by the participle, are no new killing
        args = event_args.arguments(ctx, k, hit.n, hit.trig.event_type, hit.trig.kill,
                                    lambda i: bool(_triggers_at(ctx, i)), s_passive=_passive(ctx, k, k) == k)
        if hit.trig.deontic:
            return self._demand(hit, a, b, si, rep, args)
        if args is not None and args.dropped or args is None and _negated(ctx, k, a, b):
            return None
        ev = RawEvent(hit.trig.event_type, t, ctx.text[t.start:ctx.toks[k + hit.n - 1].end], (a, b), si, reporter=rep)
        self._modes(ev, hit, a, b)
        self._actors(ev, hit, k, a, b, rep)
        if ev.actor1 is None and ev.type in event_args.VERBAL:
            name = self._speaker_at(t.start)
            st = next((st for st in self.statements if st.speaker.actor and st.speaker.actor.name == name), None)
            if st is not None:
                ev.actor1 = st.speaker.actor  # "Kampene må stanse" in a minister's quote: the minister asks
        if args is not None:
            self._with_parse(ev, args, k, a, b)
        if ev.type in event_args.MATERIAL and ev.actor1 is not None and ev.actor2 is not None and \
                self._own_side_by_default(ev):
            ev.actor2 = None  # "Tre soldater ble drept av russiske styrker": the soldiers are not Russian
        if hit.trig.kill:
            self._toll(ev, args, k, a, b)
        if ev.type == "THREATEN" and ev.actor1 is not None and ev.actor1.type in WARNING_TYPES or \
                hit.trig.target and ev.actor2 is None and (ev.actor1 is None or ev.actor1.type not in PARTY_TYPES):
            return None  # "aid groups warned that shortages could close hospitals": a warning of danger, no threat
        if ev.actor1 is not None:
            ev.actor1_from = "sentence"
        if ev.actor2 is not None:
            ev.actor2_from = "sentence"
        return ev

    def _modes(self, ev: RawEvent, hit: Hit, a: int, b: int) -> None:
        """How it was done: the trigger's own mode and, for an attack, an arrest or a meeting, the mode words of its
        clause ("med droner", "by video link")."""
        ctx = self.ctx
        if hit.trig.mode:
            ev.modes.append(hit.trig.mode)
        modes = ctx.lx.modes
        mode_keys = compound_keys(modes) if ctx.lx.grammar.compound_words else None
        for j in range(a, b):
            w = ctx.toks[j]
            mode = modes.get(w.lemma) or modes.get(w.lower) or \
                (modes.get(mode_keys[w.lemma] or "") if mode_keys is not None else None)
            if mode and mode not in ev.modes and (ev.type in ("ASSAULT", "COERCE") or mode in MEETING_MODES):
                ev.modes.append(mode)

    def _with_parse(self, ev: RawEvent, args: event_args.Args, k: int, a: int, b: int) -> None:
        """The parse's agent and patient (event_args) over the surface rule's actors, where the parse says more."""
        ctx = self.ctx
        surface1, surface2 = ev.actor1, ev.actor2
        ev.actor1 = (ev.actor1 if args.pronoun else None) or args.agent or ev.actor1  # a name before "de skjøt"
        if args.agent is None and ev.actor1 is not None and ev.actor1 is _speaker_of_object(ctx, k):
            ev.actor1 = None  # "X condemns attacks on civilians": X speaks of the attacks, it did not make them
        if args.agent is None and surface1 is not None and args.acted_on is not None and \
                self._in_subject(surface1, args.acted_on, a, k):
            ev.actor1 = None  # "the number of peacekeepers killed …": the passive's subject is acted upon
        if args.agent is None and surface1 is not None and args.subject is not None and \
                ctx.toks[args.subject].pos != "PRON" and not self._in_subject(surface1, args.subject, a, k):
            ev.actor1 = None  # "police said a roadside bomb killed four": the parse's subject acts
        ev.actor2 = args.patient
        if args.agent is None and ev.actor1 is not None and args.patient is not None and \
                ev.actor1.name == args.patient.name:
            ev.actor1 = None  # the parse's patient is not also the surface rule's actor ("anti-government")
        if ev.actor2 is None and surface2 is not None and surface2 is not ev.actor1 and \
                (args.agent is None or ev.type in event_args.SYMMETRIC or self._attached(surface2, k, a, b)):
            ev.actor2 = surface2  # the surface rule's victim, when the parse hangs it on this event
        ev.occurred, ev.reciprocal = args.occurred, args.reciprocal

    def _toll(self, ev: RawEvent, args: event_args.Args | None, k: int, a: int, b: int) -> None:
        """A killing's toll: the parse's victims, else a number of people in its clause."""
        if args is not None and (args.victims or args.cumulative):
            ev.fatalities, ev.qualifier, ev.cumulative = args.toll, args.qualifier, args.cumulative
            return
        at = _people_number(self.ctx, a, b, k)
        if at is not None:
            ev.fatalities, ev.qualifier = at[1], event_args.qualifier(self.ctx, at[0])

    def _demand(self, hit: Hit, a: int, b: int, si: int, rep: Mention | None,
                args: event_args.Args | None) -> RawEvent | None:
        """ "Russland må trekke seg ut", "Det må sendes mer nødhjelp" in a speaker's words: the speaker demands it, of
        the subject when that is an actor; not of the speaker's own side ("vi må"), not of people ("mange må flykte":
        a hardship), not in a subordinate clause ("frykter at de må flykte")."""
        ctx, t = self.ctx, hit.tok
        speaker = self._speaker_actor(t.start)
        subj = event_args.subject_of(ctx, t.i)
        if speaker is None or not event_args.main_clause(ctx, t.i) or \
                args is not None and args.dropped not in (None, "negated"):
            return None
        s = ctx.toks[subj] if subj is not None else None  # none: an impersonal passive
        m = ctx.actor_at.get(subj) if subj is not None else None
        not_demanded = ("first_person", "people_noun", "vague_quantity")  # "vi må", "mange må flykte"
        if s is not None and (any(s.lower in ctx.lx.words(role) for role in not_demanded) or
                              s.pos == "PRON" and s.lower not in ctx.lx.words("expletive")) or \
                m is not None and m.actor is not None and m.actor.type == "civilians":
            return None
        chain = ctx.lx.relations("verb_chain")
        verb = next((c.i for c in ctx.toks[t.i + 1:min(b, t.i + 4)] if c.head == t.i and c.dep in chain), t.i)
        ev = RawEvent(hit.trig.event_type, t, ctx.text[t.start:ctx.toks[verb].end], (a, b), si, reporter=rep,
                      actor1=speaker, actor1_from="sentence", demand=True)  # "må stanse", "må raskt sendes"
        if m is not None and m.actor is not None and m.actor is not speaker:
            ev.actor2, ev.actor2_from = m.actor, "sentence"
        return ev

    @staticmethod
    def _same_demand(ev: RawEvent, in_sentence: list[RawEvent]) -> RawEvent | None:
        """ "Kampene må stanse, hjelpen må komme fram, sier X": one speaker's demands in one sentence are one."""
        return next((e for e in in_sentence if e.type == ev.type and e.actor1 is ev.actor1 and e.actor2 is ev.actor2),
                    None)

    def _speaker_actor(self, pos: int) -> ActorRef | None:
        """Whose words the character position lies in: a statement's quote, or a direct quote's speaker."""
        for st in self.statements:
            if st.quote_start <= pos < st.quote_end and st.speaker.actor is not None:
                return st.speaker.actor
        name = self._speaker_at(pos)
        return next((st.speaker.actor for st in self.statements if st.speaker.actor and st.speaker.actor.name == name),
                    None) if name else None

    def _own_side_by_default(self, ev: RawEvent) -> bool:
        """Victims given the attacker's country only because the article is about it: their mention names no
        country ("soldiers", "positions"), yet the article's main country made them the attacker's own."""
        a1, a2 = ev.actor1, ev.actor2
        assert a1 is not None and a2 is not None
        if not a1.country or a2.country != a1.country or a2.name == a1.name or a2.type not in OWN_SIDE_TYPES:
            return False
        ctx = self.ctx
        sa, sb = ctx.ranges[ev.sent]
        m = next((m for m in ctx.actors_in(sa, sb) if m.actor is a2), None)
        return m is not None and not any(ctx.toks[j].lower in ctx.lx.demonyms or ctx.toks[j].lower.split("-")[0]
                                         in ctx.lx.demonyms or m.kind in ("country", "org") for j in range(m.a, m.b))

    def _in_subject(self, actor: ActorRef, subject: int, a: int, k: int) -> bool:
        """Whether the clause's mention of this actor lies in the subject's phrase (in the parse)."""
        ctx = self.ctx
        sa = ctx.ranges[ctx.toks[k].sent][0]
        m = next((m for m in ctx.actors_in(min(a, sa), k) if m.actor is actor), None)
        return m is not None and event_args.within(ctx, m.b - 1, subject)

    def _attached(self, actor: ActorRef, k: int, a: int, b: int) -> bool:
        """Whether the clause's mention of this actor hangs (in the parse) on the trigger at k."""
        ctx = self.ctx
        m = next((m for m in ctx.actors_in(a, ctx.ranges[ctx.toks[k].sent][1]) if m.actor is actor), None)
        return m is not None and event_args.governs(ctx, k, m.b - 1)

    def _usable(self, m: Mention, rep: Mention | None) -> bool:
        if m is rep or m.actor is None:
            return False
        toks = self.ctx.toks
        if m.a > 0 and toks[m.a - 1].lower in self.ctx.lx.words("report"):
            return False
        return not located(self.ctx, m)

    def _after_preposition(self, m: Mention) -> bool:
        ctx = self.ctx
        k = m.a - 1
        skip = {"de", "den", "det", "the", "a", "an"}
        while k >= 0 and (ctx.toks[k].lower in skip or ctx.toks[k].lower in ctx.lx.demonyms):
            k -= 1
        return k >= 0 and ctx.toks[k].lower in ctx.lx.words("preposition")

    def _behind_trigger(self, lo: int, hi: int, prep_role: str) -> bool:
        """Whether an actor stands behind another event noun and its victim preposition
        ("fordømmer angrepene på sivile": the civilians are the attacks' victims, not the accused)."""
        ctx = self.ctx
        preps = ctx.lx.words(prep_role)
        saw_trigger = any(_triggers_at(ctx, j) for j in range(lo, hi))
        return saw_trigger and hi > 0 and ctx.toks[hi - 1].lower in preps

    def _before_relative(self, a: int) -> Mention | None:
        """The actor a clause's verb belongs to when a relative clause set off by commas stands between them
        ("X, which procured the aid, called on Y"): the mention right before ", which"."""
        ctx = self.ctx
        sa = ctx.ranges[ctx.toks[a].sent][0] if a < len(ctx.toks) else 0
        if a - 1 <= sa or ctx.toks[a - 1].text != ",":
            return None
        for j in range(a - 2, sa, -1):
            if ctx.toks[j].text == ",":
                if j + 1 < a and ctx.toks[j + 1].lower in ctx.lx.words("relative"):
                    return ctx.actor_at.get(j - 1)
                return None
        return None

    def _resolve_pronoun(self, j: int) -> ActorRef | None:
        t = self.ctx.toks[j]
        if t.lower in ("jeg", "vi", "i", "we", "eg"):
            name = self._speaker_at(t.start)
            if name:
                for st in self.statements:
                    if st.speaker.actor and st.speaker.actor.name == name:
                        return st.speaker.actor
        return None

    def _actors(self, ev: RawEvent, hit: Hit, k: int, a: int, b: int, rep: Mention | None) -> None:
        """Who did it to whom: by the trigger's voice (passive verb, event noun, active verb)."""
        ctx = self.ctx
        around = self._around(ev, hit, k, a, b, rep)
        if len(around.before) >= 2 and not around.after and ev.type in event_args.SYMMETRIC:
            ev.actor1, ev.actor2 = around.before[-2].actor, around.before[-1].actor
            return
        if around.is_verb and _passive(ctx, k, a) is not None:
            self._passive_actors(ev, k, around)
        elif not around.is_verb:
            self._noun_actors(ev, hit, k, a, around)
        else:
            self._verb_actors(ev, hit, k, a, around, rep)

    def _around(self, ev: RawEvent, hit: Hit, k: int, a: int, b: int, rep: Mention | None) -> _Around:
        """The actors before and after the trigger in its clause, and those behind its agent, patient and partner
        prepositions; a relative pronoun's antecedent stands before it."""
        ctx = self.ctx
        before = [m for m in ctx.actors_in(a, k) if self._usable(m, rep)]
        after = [m for m in ctx.actors_in(k + hit.n, b) if self._usable(m, rep)]
        in_compound = hit.trig.head and ends_with_key(hit.tok.lemma, {hit.trig.term}) != hit.tok.lemma
        is_verb = _is_verb(ctx, hit.tok) and not in_compound
        b = min(b, ctx.ranges[ctx.toks[k].sent][1])
        reach = b if is_verb else min(b, k + hit.n + 3)  # "angrep mot X", not "attack as a massacre and called on X"
        if not before and ctx.toks[a].lower in ctx.lx.words("relative") and a - 1 >= 0:
            ante = ctx.actor_at.get(a - 1) or (ctx.actor_at.get(a - 2) if ctx.toks[a - 1].text == "," else None)
            if ante is not None and self._usable(ante, rep):
                before = [ante]
        if not before and ev.type in event_args.VERBAL:
            ante = self._before_relative(a)
            if ante is not None and self._usable(ante, rep):
                before = [ante]  # "The ministry, which sent the aid, called on X": the ministry calls
        last = k + hit.n - 1
        return _Around(before, after, _prep_actor(ctx, last, reach, "agent_prep"),
                       _prep_actor(ctx, last, reach, "patient_prep"), _prep_actor(ctx, last, reach, "partner_prep"),
                       is_verb, b)

    def _passive_actors(self, ev: RawEvent, k: int, around: _Around) -> None:
        """A passive verb: its subject suffers it, its agent does it."""
        ctx = self.ctx
        subj = _coordination_head(ctx, around.before)
        ev.actor2 = subj.actor if subj else None
        if around.agent is not None:
            ev.actor1 = around.agent.actor
            return
        # "ble drept i de tyrkiske angrepene": the demonym on another trigger noun in the clause
        for j in range(k + 1, around.b):
            if _triggers_at(ctx, j):
                ev.actor1 = _modifier_actor(ctx, j, k + 1)
                if ev.actor1:
                    break

    def _noun_actors(self, ev: RawEvent, hit: Hit, k: int, a: int, around: _Around) -> None:
        """An event noun: its demonym or agent does it, its patient or partner (or the next actor) suffers it."""
        ctx = self.ctx
        before, after, agent = around.before, around.after, around.agent
        ev.actor1 = _modifier_actor(ctx, k, a) or (agent.actor if agent else None)
        if ev.actor1 is None and before and ev.type != "ASSAULT" and not is_definite(ctx, hit.tok):
            # "grensevakter brukte tåregass", "X holdt et hastemøte"; but a definite noun names a known
            # event: "X kaller pågripelsen ulovlig" arrests no one
            ev.actor1 = before[-1].actor
        with_partner = around.partner is not None and ev.type in ("CONSULT", "SUPPORT", "AGREE")
        ev.actor2 = around.patient.actor if around.patient else (around.partner.actor if with_partner else None)
        if ev.actor2 is None and after and ev.actor1 is not None and after[0].actor is not ev.actor1 and \
                after[0] is not agent:
            ev.actor2 = after[0].actor
        if ev.actor1 is None and ev.type == "SUPPORT" and agent is not None:
            ev.actor1 = agent.actor
        if ev.type == "SUPPORT" and agent is not None and before:
            ev.actor1, ev.actor2 = agent.actor, before[-1].actor  # "X fikk støtte fra Y"

    def _verb_actors(self, ev: RawEvent, hit: Hit, k: int, a: int, around: _Around, rep: Mention | None) -> None:
        """An active verb: its subject (shared with a coordinated verb, a demonym on the event noun before it, the
        speaker's "vi", or the subject after it in verb-second order) does it; its object suffers it."""
        ctx = self.ctx
        before, after = around.before, list(around.after)
        obj_from = k + hit.n
        shared = ctx.coordinated_subject(k, ctx.ranges[ctx.toks[k].sent][0])
        if shared is not None and self._usable(shared, rep):
            before = [shared]  # "… sa at … og anklaget gruppen": the first verb's subject acts
        if before:
            ev.actor1 = before[-1].actor
        else:
            ev.actor1 = self._modifier_subject(a, k)  # "Russian drone and missile strikes killed …"
            pron = next((self._resolve_pronoun(j) for j in range(a, k) if self._resolve_pronoun(j)), None)
            if pron and ev.type not in ("ASSAULT", "COERCE"):
                ev.actor1 = pron  # "Vi ber …" in a quote: the speaker asks (but the speaker's "vi" kills no one)
        if ev.actor1 is None and after and ctx.toks[a].lower not in ctx.lx.words("relative") and \
                ctx.lx.grammar.verb_second:
            # verb-second: "Senere fredag snakket X og Y sammen" (a possessive is never the subject)
            first = next((m for m in after if not m.genitive and not self._after_preposition(m)
                          and not self._behind_trigger(k + hit.n, m.a, "patient_prep")), None)
            if first is not None:
                after.remove(first)
                ev.actor1 = first.actor
                obj_from = first.b  # the object is counted from after the inverted subject
        b = around.b
        obj_noun = next((j for j in range(k + hit.n, min(b, k + hit.n + 3)) if _triggers_at(ctx, j)), None)
        if obj_noun is not None and ev.type in event_args.VERBAL:
            # "condemned the attacks (by X)": the attacks' agent, if named, is the one accused
            agent_of = _prep_actor(ctx, obj_noun, min(b, obj_noun + 6), "agent_prep")
            ev.actor2 = agent_of.actor if agent_of is not None and agent_of.actor is not ev.actor1 else None
            return
        near = [m for m in after if m.a - max(k + hit.n, obj_from) <= MAX_OBJECT_GAP]
        patient = around.patient
        if patient is not None and patient.actor is not ev.actor1 and \
                not self._behind_trigger(k + hit.n, patient.a, "patient_prep"):
            ev.actor2 = patient.actor
        elif near and not self._behind_trigger(k + hit.n, near[0].a, "patient_prep"):
            ev.actor2 = near[0].actor
        elif around.partner is not None:
            ev.actor2 = around.partner.actor

    def _modifier_subject(self, a: int, k: int) -> ActorRef | None:
        """The demonym or name on an event or mode noun before the verb ("Russian drone and missile strikes")."""
        ctx = self.ctx
        for j in range(a, k):
            w = ctx.toks[j]
            if _triggers_at(ctx, j) or w.lemma in ctx.lx.modes or w.lower in ctx.lx.modes:
                mod = _modifier_actor(ctx, j, a) or next(
                    (_modifier_actor(ctx, x, a) for x in range(a, j) if _modifier_actor(ctx, x, a)), None)
                if mod is not None:
                    return mod
        return None

def place_for(ctx: Context, ev: RawEvent, actor_mentions: set[int]) -> None:
    """The event's place: places in its clause, else the sentence, else the paragraph."""
    a, b = ev.clause
    sa, sb = ctx.ranges[ev.sent]
    para = ctx.sents[ev.sent].para
    p_sents = ctx.para_sentences(para)
    pa, pb = ctx.ranges[p_sents[0]][0], sb  # the sentences before, not after
    for lo, hi in ((a, b), (sa, sb), (pa, pb)):
        found = places_in(ctx, lo, hi, actor_mentions)
        if found:
            found.sort(key=lambda m: (m.place is not None and m.place.kind == "country", _attribute_place(ctx, m), m.a))
            ev.location = found[0]
            ev.locations = found
            ev.location_from = "sentence"
            return
    named = _named_before(ctx, ev)
    if named is not None:
        ev.location, ev.locations, ev.location_from = named, [named], "sentence"


def _attribute_place(ctx: Context, m: Mention) -> bool:
    """A place named as the attribute of a noun in the parse is where that thing belongs, not where the event is:
    "the Gaza health ministry" (an actor's name), "the northern Tigray city of Mekelle" (the city is Mekelle)."""
    last = ctx.toks[m.b - 1]
    if last.dep not in ctx.lx.relations("noun_compound") or last.head == last.i or m.a <= last.head < m.b:
        return False
    head = ctx.toks[last.head]
    if head.i in ctx.actor_at:
        return True
    return head.lower in ctx.lx.place_kinds and any(
        ctx.toks[c].head == head.i and ctx.toks[c].lower == "of" and c + 1 < len(ctx.toks) and c + 1 in ctx.place_at
        for c in range(head.i + 1, min(head.i + 3, len(ctx.toks))))


def places_in(ctx: Context, lo: int, hi: int, actor_mentions: set[int] = frozenset()) -> list[Mention]:
    """The places named in tokens lo..hi where something can happen: pinned, not a heading's, not a continent, a
    country only after a locative preposition ("i Syria", "in southern Lebanon")."""
    found: list[Mention] = []
    for m in ctx.places_starting_in(lo, hi):
        place = m.place
        if place is None or ctx.sents[m.sent].heading:
            continue  # a heading's or a dateline's place is not where the event happened
        if place.kind == "macro-region" or place.lat is None:
            continue  # "til Europa": a destination continent, not a place to pin an event
        if m.kind == "country":
            k = m.a - 1
            if k > 0 and ctx.toks[k].lower in ctx.lx.words("direction"):
                k -= 1
            if k < 0 or ctx.toks[k].lower not in ctx.lx.words("locative"):
                continue
        if m.kind == "capital" and id(m) in actor_mentions:
            continue
        found.append(m)
    return found


def _named_before(ctx: Context, ev: RawEvent) -> Mention | None:
    """ "The army sent tanks into the city on Friday": a definite place noun of the clause that names
    no place itself stands for the last town (or province) of the article before it."""
    a, b = ev.clause
    kinds = {ctx.lx.place_kinds[t.lower] for t in ctx.toks[a:b] if t.lower in ctx.lx.place_kinds and
             t.i not in ctx.place_at and is_definite(ctx, t)} & {"city", "admin1"}
    if not kinds:
        return None
    for m in reversed(ctx.places_starting_in(0, a)):
        if m.place is not None and m.place.lat is not None and m.place.kind in kinds and m.actor is None and \
                not ctx.sents[m.sent].heading:  # "accused Moscow": a capital that acts is no place named
            return m
    return None


def date_for(ctx: Context, ev: RawEvent) -> tuple[str | None, str | None, str | None]:
    """(date, precision, source) from the clause, the sentence, or the nearest sentence before it in its paragraph
    (a later sentence tells what came after: "Clashes broke out. The fighting followed a call on Friday"); else the
    publication date."""
    si = ev.sent
    s = ctx.sents[si]
    sent_text = ctx.text[s.start:s.end]
    cues = dates.find(sent_text, ctx.lx, ctx.published)
    if cues:
        c0 = ctx.toks[ev.clause[0]].start - s.start
        c1 = ctx.toks[ev.clause[1] - 1].end - s.start
        inside = [c for c in cues if c0 <= c.start < c1]
        elsewhere = [c for c in cues if c.precision == "day"]
        if inside or elsewhere:
            c = (inside or elsewhere)[0]
            return c.date, c.precision, "text"
    for other in sorted((x for x in ctx.para_sentences(s.para) if x < si), reverse=True):
        o = ctx.sents[other]
        cues = dates.find(ctx.text[o.start:o.end], ctx.lx, ctx.published)
        if cues:
            return cues[0].date, cues[0].precision, "text"
    if ctx.published:
        return ctx.published.isoformat(), "week", "published"
    return None, None, None
