"""An event trigger's arguments from the dependency parse: who acts, who is acted upon, how many were killed, and
whether the sentence asserts the event at all.

Reads ``Tok.dep``/``Tok.head`` on the token view; the relation names per language are rows of
``lexicon/syntax.tsv`` and the words with a grammatical job rows of ``lexicon/function_words.tsv``, so the same
code reads spaCy's English labels and the Norwegian treebank's. A sentence without a parse (or a trigger the
parser did not read as a verb or noun) gives None, and ``core.events`` reads it with its surface rules.

    arguments(ctx, k, n, kill) -> Args | None
        verb  : agent = active subject or passive "by/av X"; patient = object, passive subject or "on/mot X"
        noun  : agent = possessor ("Israel's strikes"), demonym ("Israeli airstrikes", "saudi-ledede angrep"),
                "by/fra X"; patient = "on/against/mot/på X"
        a subject that is itself an event noun lends its agent ("Russian shelling killed two")
        dropped: negated | irrealis | question | denied | threatened  (the event did not happen as stated) |
                 attribute (an event noun naming a kind of thing: "aid agencies")
        toll   : the number in the victims' phrase, with its qualifier; cumulative tolls give none
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from core.context import Context
from core.lexicon import Lexicon, ends_with_key
from core.mentions import ActorRef, Mention, country_actor
from core.nlp import own_lemmas
from core.tokens import Tok

_RELATIONS = ("clausal_modifier", "subject", "passive_subject", "object", "agent", "verb_chain", "verb_adjunct", "noun_prep",
              "prep_object", "possessor", "modifier", "conj", "clause_cut", "relative_clause", "participle",
              "complement", "number", "passive_marker", "noun_compound", "controlled")
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
VERBAL = {"REQUEST", "ACCUSE", "SUPPORT", "THREATEN", "REJECT", "AGREE"}
DEPLOYED = {"MOBILIZE"}   # a deployment's forces name who deploys them ("delta med norske styrker")
MATERIAL = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "RETREAT", "AID", "CONCEDE", "PROTEST"}
PARTNERED = {"SUPPORT", "CONSULT", "COOPERATE", "AGREE"}  # a noun whose "with/med X" names the other side
RECIPIENT_TYPES = {"AID", "SUPPORT", "REQUEST", "CONCEDE", "AGREE", "CONSULT", "COOPERATE"}  # "støtta til X": X receives


@dataclass(frozen=True, slots=True)
class Args:
    agent: ActorRef | None
    patient: ActorRef | None
    passive: bool
    dropped: str | None = None       # why the sentence does not assert the event
    victims: bool = False            # the parse found the victims' phrase (so the toll below is the parse's)
    toll: int | None = None
    qualifier: str | None = None     # at least | more than | about | nearly | up to
    cumulative: bool = False         # a running total (since the war began), not one incident's toll
    agent_event: int | None = None   # the event noun the agent was read from ("killed in Israeli strikes")
    pronoun: bool = False            # the agent is what a pronoun subject stands for (weaker than a name in the clause)
    acted_on: int | None = None      # the passive subject's token ("the number of peacekeepers killed")
    subject: int | None = None       # the active verb's subject when it is an event noun ("a coalition strike killed")
    occurred: bool = False           # an event noun a verb says took place ("fighting raged in X")
    reciprocal: bool = False         # "X and Y accused each other": Y also acts on X


class Parse:
    """The parse of one article, read once: children lists and the relation sets of its language."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.toks = ctx.toks
        self.lx: Lexicon = ctx.lx
        self.kids: list[list[int]] = [[] for _ in ctx.toks]
        for t in ctx.toks:
            if t.head != t.i:
                self.kids[t.head].append(t.i)
        self.rel = {r: ctx.lx.relations(r) for r in _RELATIONS}
        self.sent_parsed = [any(ctx.toks[j].dep for j in range(a, b)) for a, b in ctx.ranges]

    @staticmethod
    def of(ctx: Context) -> Parse:
        if ctx.parse is None:
            ctx.parse = Parse(ctx)
        return ctx.parse

    def has(self, t: Tok, role: str) -> bool:
        return t.dep in self.rel[role]

    def children(self, i: int, role: str) -> list[int]:
        return [c for c in self.kids[i] if self.toks[c].dep in self.rel[role]]

    def phrase(self, i: int) -> list[int]:
        """i's subtree without clauses and prepositional phrases: the words that name the thing."""
        cut = self.rel["noun_prep"] | self.rel["verb_adjunct"]
        out, todo = [], [i]
        while todo:
            k = todo.pop()
            out.append(k)
            todo.extend(c for c in self.kids[k] if self.toks[c].dep not in self.rel["clause_cut"]
                        and not (self.toks[c].dep in cut and self.toks[c].pos == "ADP"))
        return sorted(out)

    def prep_object(self, prep: int) -> int | None:
        return next(iter(self.children(prep, "prep_object")), None)


def arguments(ctx: Context, k: int, n: int, event_type: str, kill: bool, is_event_noun, *,
              s_passive: bool = False) -> Args | None:
    """The arguments of the trigger at token k (n tokens); None when its sentence has no usable parse.
    is_event_noun(i) tells whether token i is a trigger; s_passive that the trigger's form is a passive
    ("drepes", which the parser does not mark)."""
    p = Parse.of(ctx)
    t = ctx.toks[k + n - 1] if n > 1 and ctx.toks[k].pos != "VERB" else ctx.toks[k]  # "air strike"; "seize control"
    if not p.sent_parsed[t.sent] or t.pos not in ("VERB", "NOUN", "ADJ", "PROPN", "AUX") or \
            t.dep in p.rel["modifier"] and t.pos in ("VERB", "ADJ"):
        return None
    if t.pos == "PROPN" and t.i in ctx.actor_at:
        return None  # a name the parser read as a trigger ("Israel angrep Rafah" parsed as one name)
    if t.pos == "NOUN" and t.i > 0 and ctx.toks[t.i - 1].lower in p.lx.words("passive") and \
            ctx.toks[t.i - 1].sent == t.sent:
        return None  # "har vore fanga": a participle after a passive auxiliary the tagger read as a noun
    if t.pos == "NOUN" and not kill and t.dep in p.rel["noun_compound"] and t.head != t.i and \
            p.toks[t.head].pos == "NOUN" and not is_event_noun(t.head):
        return Args(None, None, False, "attribute")  # "aid agencies", "protest leaders": a kind of thing, no event
    dropped = _dropped(p, t, event_type)
    gerund = t.pos == "VERB" and t.dep in p.rel["subject"] | p.rel["prep_object"] and not p.children(t.i, "subject")
    if t.pos in ("VERB", "AUX") and not gerund or t.pos == "ADJ" and p.children(t.i, "subject"):
        args = _verb_args(p, t, event_type, kill, is_event_noun, s_passive)
    else:
        args = _noun_args(p, t, kill, event_type)
        support = _support_verb(p, t)
        if support is not None:
            dropped = dropped or _dropped(p, p.toks[support[0]], event_type)  # "did not carry out the attack"
    if dropped:
        return Args(args.agent, args.patient, args.passive, dropped)
    if event_type == "REQUEST" and args.patient is None:
        args = replace(args, patient=_asked(p, t))
    return args


def _asked(p: Parse, t: Tok) -> ActorRef | None:
    """Who a demand is put to when it is a that-clause: "kravet om at Russland stanser angrepet", "demanded that
    Russia withdraw": the clause's subject."""
    toks, that = p.toks, p.lx.words("that")
    todo = [(c, 1) for c in p.kids[t.i]]
    while todo:
        k, depth = todo.pop(0)
        tk = toks[k]
        if tk.pos in ("VERB", "AUX") and (any(toks[c].lower in that for c in p.kids[k]) or toks[tk.head].lower in that):
            subj = next((c for c in p.kids[k] if toks[c].dep in p.rel["subject"]), None)
            found = _actor(p, subj, lambda _i: False, as_agent=False) if subj is not None else None
            if found is not None:
                return found
        if depth < 3:
            todo.extend((c, depth + 1) for c in p.kids[k])
    return None


def governs(ctx: Context, k: int, i: int) -> bool:
    """Whether token i lies in the dependency subtree of trigger k's clause (the trigger and its auxiliaries)."""
    p = Parse.of(ctx)
    top = _chain(p, ctx.toks[k])[-1]
    j, steps = i, 0
    while steps < 12:
        if j == top or j == k:
            return True
        t = ctx.toks[j]
        if t.head == j:
            return False
        j, steps = t.head, steps + 1
    return False


def within(ctx: Context, i: int, top: int) -> bool:
    """Whether token i lies in the dependency subtree of token top."""
    j = i
    for _ in range(12):
        if j == top:
            return True
        if ctx.toks[j].head == j:
            return False
        j = ctx.toks[j].head
    return False


# -- whether the event is asserted ------------------------------------------------------------------------------
def _chain(p: Parse, t: Tok) -> list[int]:
    """The verb and the auxiliaries it hangs on (Norwegian: the participle is the auxiliary's INFV)."""
    chain = [t.i]
    cur = t
    while cur.dep in p.rel["verb_chain"] and cur.head != cur.i and len(chain) < 4:
        cur = p.toks[cur.head]
        chain.append(cur.i)
    return chain


def _dropped(p: Parse, t: Tok, event_type: str) -> str | None:
    lx, toks = p.lx, p.toks
    chain = _chain(p, t)
    around = [c for i in chain for c in p.kids[i]]
    if any(toks[c].lower in lx.words("neg") for c in around):
        return "negated"
    if any(toks[c].lower in lx.words("modal") for c in around + chain[1:]):
        return "irrealis"
    subj = next((c for c in around if toks[c].dep in p.rel["subject"] | p.rel["passive_subject"]), None)
    if subj is not None and (toks[subj].lower in lx.words("nobody") or
                             any(toks[c].lower in lx.words("nobody") for c in p.kids[subj])):
        return "negated"  # "no one was killed", "ingen ble drept"
    a, b = p.ctx.ranges[t.sent]
    if toks[b - 1].text == "?" or b - 2 >= a and toks[b - 2].text == "?":
        return "question"
    top = toks[chain[-1]]
    for _ in range(2):  # "denied carrying out the strikes", "threatened to attack", "planla å angripe"
        if top.head == top.i or top.dep not in p.rel["complement"] | p.rel["object"]:
            break
        top = toks[top.head]
        if top.lemma in lx.words("deny") or top.lower in lx.words("deny"):
            return "denied"
        if event_type in MATERIAL and (top.lemma in lx.words("intent") or top.lower in lx.words("intent")):
            return "threatened"
    return None


# -- verbs ------------------------------------------------------------------------------------------------------
def _marked_passive(p: Parse, t: Tok, chain: list[int], subj: int | None) -> bool:
    """A passive by its marker, its auxiliary ("ble drept", "was killed", "er drept") or its subject's relation."""
    toks, lx = p.toks, p.lx
    return any(toks[c].dep in p.rel["passive_marker"] for c in p.kids[t.i]) or \
        any(toks[i].lower in lx.words("passive") | lx.words("state_passive") for i in chain[1:]) or \
        (subj is not None and toks[subj].dep in p.rel["passive_subject"] and toks[subj].head in chain)


def _passive_sides(p: Parse, agent_tok: int | None, subj: int | None, adjuncts: list[int],
                   is_event_noun) -> tuple[ActorRef | None, ActorRef | None, int | None]:
    """A passive's agent ("by X"; else the agent of the event noun it happened in: "were killed in Israeli
    airstrikes", "ble drept i de tyrkiske angrepene"), its patient (the subject) and that event noun."""
    agent = _actor(p, agent_tok, is_event_noun) if agent_tok is not None else None
    patient = _actor(p, subj, is_event_noun, as_agent=False) if subj is not None else None
    agent_event = None
    if agent is None:
        for c in adjuncts:
            noun = p.prep_object(c)
            if noun is not None and is_event_noun(noun):
                agent = _noun_agent(p, noun)
                agent_event = noun
                if agent is not None:
                    break
    return agent, patient, agent_event


def _active_sides(p: Parse, event_type: str, subj: int | None, obj: int | None, patient_tok: int | None,
                  adjuncts: list[int], is_event_noun) -> tuple[ActorRef | None, ActorRef | None, int | None]:
    """An active verb's agent (the subject; for a deployment, who contributes), its patient (the object; for a
    verbal act on an event noun, that event's agent: "condemned the attacks by X") and the subject if an event."""
    agent = _actor(p, subj, is_event_noun) if subj is not None else None
    patient = _actor(p, patient_tok, is_event_noun, as_agent=False) if patient_tok is not None else None
    agent_event = subj if subj is not None and is_event_noun(subj) else None
    if event_type in VERBAL and obj is not None and is_event_noun(obj):
        patient = _noun_agent(p, obj)
    if agent is None and event_type in DEPLOYED:
        agent = _contributor(p, adjuncts)
    return agent, patient, agent_event


def _verb_args(p: Parse, t: Tok, event_type: str, kill: bool, is_event_noun, s_passive: bool) -> Args:
    toks, lx = p.toks, p.lx
    chain = _chain(p, t)
    around = [c for i in chain for c in p.kids[i]]
    subj = _subject(p, chain)
    obj = next((c for c in p.kids[t.i] if toks[c].dep in p.rel["object"]), None)
    unaccusative = bool({t.lemma, *t.lemmas} & lx.words("unaccusative"))
    if unaccusative and obj is not None:
        subj, obj = obj, None  # a death verb has no object: what the parser took for one is who died
    passive = s_passive or unaccusative or _marked_passive(p, t, chain, subj)
    agent_tok = next((p.prep_object(c) for c in p.kids[t.i] if toks[c].dep in p.rel["agent"]), None)
    adjuncts = [c for c in p.kids[t.i] if toks[c].dep in p.rel["verb_adjunct"]]
    if agent_tok is None and passive:
        agent_tok = next((p.prep_object(c) for c in adjuncts if toks[c].lower in lx.words("agent_prep")), None)
    patient_tok = obj
    if patient_tok is None and not passive:
        patient_tok = next((p.prep_object(c) for c in adjuncts if toks[c].lower in lx.words("patient_prep")), None)
    if subj is None and t.dep in p.rel["clausal_modifier"] and t.head != t.i and toks[t.head].pos in ("NOUN", "PROPN"):
        # "the people killed in the bombing": the noun is acted upon; "strikes killing 12 people": it acts; a speech
        # act with no "by" is the noun's own, misread as a participle ("The EU, which …, called on X")
        subj = t.head
        passive = obj is None and (event_type not in VERBAL or agent_tok is not None or t.head not in p.ctx.actor_at)
    if kill and not passive and obj is None and t.lower != t.lemma and \
            any((o := p.prep_object(c)) is not None and is_event_noun(o) for c in adjuncts):
        passive = True  # "an official killed in an airstrike", read by the parser as an active verb
    if passive:
        agent, patient, agent_event = _passive_sides(p, agent_tok, subj, adjuncts, is_event_noun)
        victims = subj
    else:
        agent, patient, agent_event = _active_sides(p, event_type, subj, obj, patient_tok, adjuncts, is_event_noun)
        victims = obj
    reciprocal = False
    if event_type in SYMMETRIC:
        agent, patient = _sides(p, [agent, *_conjuncts(p, subj, is_event_noun), patient,
                                    *_conjuncts(p, patient_tok, is_event_noun), _partner(p, adjuncts, is_event_noun)])
    elif not passive and obj is not None and _reciprocal(p, obj):
        # "Azerbaijan and Armenia accused each other": the first acts on the second (and the second on the first)
        agent, patient = _sides(p, [agent, *_conjuncts(p, subj, is_event_noun)])
        reciprocal = patient is not None
    subject = subj if not passive and subj is not None and is_event_noun(subj) else None
    pronoun = not passive and subj is not None and toks[subj].pos == "PRON" and agent is not None
    base = Args(agent, patient, passive, agent_event=agent_event, subject=subject, reciprocal=reciprocal,
                pronoun=pronoun, acted_on=subj if passive else None)
    if not kill:
        return base
    if victims is None and t.pos == "ADJ":
        victims = subj  # "four people were dead", "five are dead"
    return _with_toll(p, base, t, victims, around)


def _contributor(p: Parse, adjuncts: list[int]) -> ActorRef | None:
    """ "å delta med norske militære bidrag", "take part with Danish jets": a deployment without a subject is made
    by the state whose demonym is on what it takes part with."""
    for c in adjuncts:
        obj = p.prep_object(c) if p.toks[c].lower in p.lx.words("partner_prep") else None
        found = _noun_agent(p, obj) if obj is not None else None
        if found is not None:
            return found
    return None


def _reciprocal(p: Parse, i: int) -> bool:
    """ "each other", "one another", "hverandre": the object is the subjects themselves."""
    words = p.lx.words("reciprocal")
    phrase = " ".join(p.toks[k].lower for k in p.phrase(i) if k <= i)  # up to its head: "each other, further …"
    return phrase in words or p.toks[i].lower in words


def _verb_is(p: Parse, v: int, role: str) -> bool:
    """Whether verb v is one of a role's words: its lemma, or its lemma and particle or object ("break out",
    "take place", "bryte ut", "sette i gang")."""
    t = p.toks[v]
    words = p.lx.words(role)
    lemmas = {t.lemma, *t.lemmas}
    if lemmas & words:
        return True
    near = {p.toks[c].lower for c in p.kids[v]} | {p.toks[g].lower for c in p.kids[v] for g in p.kids[c]}
    return any(w.split()[0] in lemmas and set(w.split()[1:]) <= near for w in words if " " in w)


def _verb_by_form(p: Parse, t: Tok) -> bool:
    """A verb by the tagger, or by a form the standard's own rows read only as a verb (Nynorsk "gjekk")."""
    own = own_lemmas(t.text, p.ctx.lang)
    return t.pos in ("VERB", "AUX") or bool(own) and all(cls == "verb" for _, cls in own)


def _support_verb(p: Parse, t: Tok) -> tuple[int, str] | None:
    """The verb an event noun is the object of when that verb only carries it out ("launched an attack": light),
    or the subject of when that verb says it took place ("fighting erupted": occur)."""
    if t.head == t.i:
        return None
    head = p.toks[t.head]
    if head.pos == "ADP" and t.dep in p.rel["prep_object"] and head.head != head.i:
        verb = p.toks[head.head]  # "gjekk til åtak", "gikk til angrep": the verb with its preposition
        if _verb_by_form(p, verb) and {f"{lem} {head.lower}" for lem in (verb.lemma, *verb.lemmas)} & \
                p.lx.words("light_verb"):
            return verb.i, "light"
    if head.pos not in ("VERB", "AUX"):
        return None
    if t.dep in p.rel["object"] and _verb_is(p, head.i, "light_verb"):
        return head.i, "light"
    if t.dep in p.rel["subject"] | p.rel["passive_subject"] and _verb_is(p, head.i, "occur"):
        return head.i, "occur"
    return None


def subject_of(ctx: Context, k: int) -> int | None:
    """The subject of the verb at token k (shared with the verb it is coordinated with), if the parse has one."""
    p = Parse.of(ctx)
    return _subject(p, _chain(p, ctx.toks[k])) if p.sent_parsed[ctx.toks[k].sent] else None


def main_clause(ctx: Context, k: int) -> bool:
    """Whether the verb at token k heads its sentence, or is coordinated with the verb that does (False without a
    parse: nothing then tells a main clause from a that-clause)."""
    p, t = Parse.of(ctx), ctx.toks[k]
    if not p.sent_parsed[t.sent]:
        return False
    return t.head == t.i or t.dep in p.rel["conj"] and ctx.toks[t.head].head == t.head


def _subject(p: Parse, chain: list[int]) -> int | None:
    """The subject of the verb or its auxiliaries; a relative pronoun stands for its noun; a coordinated or
    participle verb without one shares the subject of the verb it hangs on."""
    toks, lx = p.toks, p.lx
    for _ in range(3):
        for i in chain:
            s = next((c for c in p.kids[i] if toks[c].dep in p.rel["subject"] | p.rel["passive_subject"]), None)
            if s is not None:
                top = toks[chain[-1]]
                if toks[s].lower in lx.words("relative") and top.dep in p.rel["relative_clause"] and top.head != top.i:
                    return top.head
                return s
        top = toks[chain[-1]]
        if top.head == top.i or top.dep not in p.rel["conj"] | p.rel["participle"] | p.rel["controlled"]:
            return None
        chain = _chain(p, toks[top.head])
    return None


def _sides(p: Parse, found: list[ActorRef | None]) -> tuple[ActorRef | None, ActorRef | None]:
    """The first two different actors of a meeting or agreement."""
    out: list[ActorRef] = []
    for a in found:
        if a is not None and all(a.name != b.name for b in out):
            out.append(a)
    return (out[0] if out else None), (out[1] if len(out) > 1 else None)


def _conjuncts(p: Parse, i: int | None, is_event_noun) -> list[ActorRef | None]:
    """The actors coordinated with a phrase ("X and Y met", "snakket X og Y sammen")."""
    if i is None:
        return []
    return [_actor(p, c, is_event_noun) for c in p.kids[i] if p.toks[c].dep in p.rel["conj"]]


def _partner(p: Parse, adjuncts: list[int], is_event_noun) -> ActorRef | None:
    """The other side named by "with Y" / "med Y"."""
    toks = p.toks
    for c in adjuncts:
        if toks[c].lower in p.lx.words("partner_prep"):
            obj = p.prep_object(c)
            if obj is not None:
                return _actor(p, obj, is_event_noun)
    return None


# -- nouns ------------------------------------------------------------------------------------------------------
def _noun_args(p: Parse, t: Tok, kill: bool, event_type: str) -> Args:
    agent = _noun_agent(p, t.i)
    owner = None if agent is not None or event_type in RECIPIENT_TYPES else _possessive_prep(p, t)
    agent = agent or (owner[1] if owner else None)
    patient = None
    for c in _noun_preps(p, t.i):
        if owner is not None and c == owner[0]:
            continue
        if p.toks[c].lower in p.lx.words("patient_prep"):
            obj = p.prep_object(c)
            if obj is not None:
                patient = _actor(p, obj, lambda _i: False, as_agent=False)
                if patient is not None:
                    break
    if patient is None and event_type in PARTNERED:  # "solidaritet med det ukrainske folk", "talks with X"
        patient = _partner(p, _noun_preps(p, t.i), lambda _i: False)
    head = p.toks[t.head] if t.head != t.i else None
    if patient is None and head is not None and t.dep in p.rel["object"] and head.lemma in p.lx.words("receive"):
        patient = _actor(p, _subject(p, _chain(p, head)), lambda _i: False, as_agent=False)  # "X fikk støtte fra Y"
    if agent is not None and patient is None:
        # "Russlands annektering av Krim", "Russia's annexation of Crimea": with the possessor acting, "av/of" is
        # what is acted upon
        for c in p.children(t.i, "noun_prep"):
            obj = p.prep_object(c) if p.toks[c].lower in p.lx.words("object_prep") else None
            found = _actor(p, obj, lambda _i: False) if obj is not None else None  # "av ukrainske Krim": Ukraine
            if found is not None and found.name != agent.name:
                patient = found
                break
    if agent is None:
        sides = _between(p, t.i)  # "fighting between X and Y"
        if sides[0] is not None:
            agent, patient = sides[0], patient or sides[1]
    support = _support_verb(p, t)
    occurred = support is not None and support[1] == "occur" or _occurs_in_relative(p, t.i) or _during(p, t)
    if support is not None and support[1] == "light":
        sv = p.toks[support[0]]
        if agent is None:  # "Israel carried out strikes", "RSF startet en bakkeoffensiv"
            agent = _actor(p, _subject(p, _chain(p, sv)), lambda _i: False)
        if patient is None:  # "X held talks with Y", "X hadde møte med Y"
            patient = _partner(p, p.children(sv.i, "verb_adjunct"), lambda _i: False)
    if patient is None:  # "anti-government protests", "anti-israelske demonstrasjoner": against them
        patient = next((a for c in p.kids[t.i] if _against(p, c) and (a := _against_whom(p, c)) is not None), None)
    if agent is None:
        agent = _claimer(p, t)  # "X claimed responsibility for the attack", "X har tatt på seg ansvaret for angrepet"
    args = Args(agent, patient, False, occurred=occurred)
    if not kill:
        return args
    if head is not None and t.dep in p.rel["prep_object"] and head.lower in p.lx.words("among"):
        return Args(agent, patient, False, victims=True, cumulative=True)  # "6,000 women among the dead"
    return _with_toll(p, args, t, t.i, p.kids[t.i])


def _claimer(p: Parse, t: Tok) -> ActorRef | None:
    """Who claims responsibility for the event noun: the subject of the verb whose responsibility it is."""
    toks, words = p.toks, p.lx.words("responsibility")
    if t.dep not in p.rel["prep_object"] or t.head == t.i:
        return None
    prep = toks[t.head]
    up = toks[prep.head]
    verb = None
    if up.lemma in words and up.head != up.i:
        verb = toks[up.head]
    elif up.pos in ("VERB", "AUX") and any(toks[c].lemma in words for c in p.kids[up.i]):
        verb = up
    if verb is None or verb.pos not in ("VERB", "AUX"):
        return None
    return _actor(p, _subject(p, _chain(p, verb)), lambda _i: False)


def _between(p: Parse, i: int) -> tuple[ActorRef | None, ActorRef | None]:
    """The two sides of "fighting between X and Y" / "kamper mellom X og Y" (on the noun, or on the verb that
    says it broke out: "fighting erupted between rivals X and Y")."""
    support = _support_verb(p, p.toks[i])
    for c in [*p.kids[i], *(p.kids[support[0]] if support is not None else [])]:
        if p.toks[c].lower in p.lx.words("between"):
            obj = p.prep_object(c)
            if obj is not None:
                return _sides(p, _actors_under(p, obj))
    return None, None


def _actors_under(p: Parse, i: int) -> list[ActorRef | None]:
    """The actors named in a phrase and what is coordinated or set beside it, in text order."""
    out, todo = [], [i]
    while todo:
        k = todo.pop()
        out.append(k)
        todo.extend(c for c in p.kids[k] if p.toks[c].dep not in p.rel["clause_cut"] - p.rel["conj"])
    found: list[ActorRef | None] = []
    for k in sorted(out):
        m = p.ctx.actor_at.get(k)
        if m is not None and m.actor is not None and (not found or found[-1] is not m.actor):
            found.append(m.actor)
    return found


def _during(p: Parse, t: Tok) -> bool:
    """ "During a donor conference in Kuwait, Norway pledged …": the noun that times another event took place (one
    named with its article: "lidd under terrorangrep" is a kind of event, not one that happened)."""
    return t.dep in p.rel["prep_object"] and t.head != t.i and p.toks[t.head].lower in p.lx.words("during") and \
        any(p.toks[c].pos == "DET" or p.toks[c].lower in p.lx.words("determiner") for c in p.kids[t.i])


def _occurs_in_relative(p: Parse, i: int) -> bool:
    """ "the conference, which starts on Tuesday in Brussels": a relative clause that says the noun takes place."""
    for c in p.children(i, "relative_clause"):
        if p.toks[c].pos in ("VERB", "AUX") and _verb_is(p, c, "occur") and \
                any(p.toks[s].lower in p.lx.words("relative") and s < c for s in p.kids[c]):
            return True
    return False


def _noun_preps(p: Parse, i: int) -> list[int]:
    """The prepositions on a noun, and on the nouns of its instrument phrases ("angrep med droner mot X": the
    parser may hang "mot X" on the drones)."""
    out = []
    for c in p.children(i, "noun_prep"):
        out.append(c)
        obj = p.prep_object(c)
        if obj is not None and p.toks[c].lower in p.lx.words("partner_prep"):
            out.extend(p.children(obj, "noun_prep"))
    return out


def _possessive_prep(p: Parse, t: Tok) -> tuple[int, ActorRef] | None:
    """"offensiven til regimet", "åtaka til opprørarane": on a definite event noun, the possessive preposition
    names whose act it is (the preposition and the actor)."""
    if not (p.lx.grammar.definite_suffix and t.lower.endswith(p.lx.grammar.definite_suffix) and t.lower != t.lemma):
        return None
    for c in p.children(t.i, "noun_prep"):
        if c > t.i and p.toks[c].lower in p.lx.words("possessive_prep"):
            obj = p.prep_object(c)
            found = _actor(p, obj, lambda _i: False) if obj is not None else None
            return (c, found) if found is not None else None
    return None


def _noun_agent(p: Parse, i: int) -> ActorRef | None:
    """Who carries out an event noun: its possessor, a demonym or name on it, or "by/fra X"."""
    toks, lx, ctx = p.toks, p.lx, p.ctx
    mods = p.rel["possessor"] | p.rel["modifier"]
    for c in p.kids[i]:
        if toks[c].dep in mods:  # "Russian strikes", or "Russian missile strikes" with Russian on missile
            found = _modifier_actor(p, c) or next(
                (a for g in p.kids[c] if toks[g].dep in mods and (a := _modifier_actor(p, g)) is not None), None)
            if found is not None:
                return found
    for c in p.children(i, "noun_prep"):
        if toks[c].lower in lx.words("agent_prep"):
            obj = p.prep_object(c)
            m = ctx.actor_at.get(obj) if obj is not None else None
            if m is not None and m.actor is not None:
                return m.actor
            if obj is not None:
                found = _modifier_actor(p, obj)
                if found is not None:
                    return found
    if _is_one_of(toks[i], lx.words("fight")):
        # "killed in fighting with Ukrainian forces": the other side of the fight
        for c in p.children(i, "noun_prep"):
            obj = p.prep_object(c) if toks[c].lower in lx.words("partner_prep") else None
            found = _actor(p, obj, lambda _i: False) if obj is not None else None
            if found is not None:
                return found
    return None


def _modifier_actor(p: Parse, c: int) -> ActorRef | None:
    """A modifier that names an actor: a demonym ("israelske", "Russian"), a name or genitive ("Israel's",
    "Russlands"), a hyphen compound led by one ("Saudi-led", "saudi-ledede"); "X-backed" names a supporter."""
    toks, lx, ctx = p.toks, p.lx, p.ctx
    ct = toks[c]
    w = ct.lower
    if _against(p, c):
        return None  # "anti-government protests": the government is what they are against
    if "-" in w:
        first, rest = w.split("-", 1)
        if any(rest.startswith(s) for s in lx.words("led")) and first in lx.demonyms:
            return country_actor(lx.demonyms[first], lx)
        if any(rest.startswith(s) for s in lx.words("backed")):
            return None
    if w in lx.demonyms:
        return country_actor(lx.demonyms[w], lx)
    m: Mention | None = ctx.actor_at.get(c) or ctx.any_at.get(c)
    if m is not None and m.actor is not None:
        return m.actor
    if ct.lemma in lx.words("led") or w in lx.words("led"):  # "Israeli-led" split: the leader hangs on "led"
        for g in p.kids[c]:
            found = _modifier_actor(p, g)
            if found is not None:
                return found
    return None


def _against(p: Parse, c: int) -> bool:
    """ "anti-government", "anti-Russian" (one token or three): a modifier naming what the noun is against."""
    toks, prefixes = p.toks, p.lx.words("against_prefix")
    if "-" in toks[c].lower and toks[c].lower.split("-", 1)[0] in prefixes:
        return True
    return c >= 2 and toks[c - 1].text == "-" and toks[c - 2].lower in prefixes


def _against_whom(p: Parse, c: int) -> ActorRef | None:
    """The actor an "anti-" modifier names: a mention, or the demonym after the prefix."""
    m = p.ctx.actor_at.get(c)
    if m is not None and m.actor is not None:
        return m.actor
    w = p.toks[c].lower.split("-", 1)[-1]
    return country_actor(p.lx.demonyms[w], p.lx) if w in p.lx.demonyms else None


def _actor(p: Parse, i: int | None, is_event_noun, *, as_agent: bool = True) -> ActorRef | None:
    """The actor a phrase names: a mention at its head or in its naming words; an event noun as a subject lends
    its own agent ("Israeli airstrikes killed …")."""
    if i is None:
        return None
    ctx, toks = p.ctx, p.toks
    m = ctx.actor_at.get(i)
    if m is not None and m.actor is not None:
        if m.kind != "force":
            return m.actor
        led = next((a for c in p.kids[i] if ("-" in toks[c].lower or toks[c].lemma in p.lx.words("led"))
                    and (a := _modifier_actor(p, c)) is not None), None)
        demonym = any(toks[k].lower in p.lx.demonyms for k in p.phrase(i))
        named = _named_in(p, i, m) if m.actor.country is None or not demonym else None
        owner = _possessive_owner(p, i) or _group_of(p, i) if m.actor.country is None or not demonym else None
        return led or named or owner or m.actor  # "Saudi-ledede styrker", "Boko Haram militants", "its forces"
    if toks[i].pos == "PRON":
        return _antecedent(p, i)
    if as_agent and is_event_noun(i):
        return _noun_agent(p, i)
    if _is_one_of(toks[i], p.lx.words("member")):
        # "five members of the U.N. mission", "ni ansatte fra Mercy Corps": the organisation's people
        for c in p.children(i, "noun_prep"):
            obj = p.prep_object(c)
            found = _actor(p, obj, is_event_noun, as_agent=as_agent) if obj is not None else None
            if found is not None:
                return found
    phrase = p.phrase(i)
    for k in sorted(phrase, key=lambda k: abs(k - i)):
        if k == i:
            continue
        m = ctx.actor_at.get(k)
        if m is not None and m.actor is not None and not m.genitive:
            return m.actor
    for k in phrase:
        if k != i and toks[k].dep in p.rel["possessor"] | p.rel["modifier"]:
            found = _modifier_actor(p, k)
            if found is not None and (as_agent or toks[i].pos != "PROPN"):
                return found
    return _issuer(p, i) if as_agent else None


def _issuer(p: Parse, i: int) -> ActorRef | None:
    """Who issued the statement a phrase hangs in: "X issued statements voicing alarm that called for restraint",
    "a letter … that urged": the subject of the verb whose object the statement is."""
    toks, channels = p.toks, p.lx.channels
    k = i
    for _ in range(3):
        t = toks[k]
        if t.lemma in channels or t.lower in channels:
            if t.dep in p.rel["object"] and t.head != t.i and toks[t.head].pos in ("VERB", "AUX"):
                subj = _subject(p, _chain(p, toks[t.head]))
                return _actor(p, subj, lambda _i: False) if subj is not None else None
            return None
        if t.head == t.i:
            return None
        k = t.head
    return None


def _antecedent(p: Parse, i: int) -> ActorRef | None:
    """Who a third-person pronoun subject stands for: a subject named before it in its sentence, else the subject
    of the sentence before ("Haftar's forces refuse … They started a campaign"); he/she a person,
    they/it not."""
    toks, lx, ctx = p.toks, p.lx, p.ctx
    w = toks[i].lower
    if w not in lx.words("pronoun") | lx.words("pronoun_plural") | lx.words("pronoun_body"):
        return None
    person = w in lx.words("pronoun")
    si = toks[i].sent
    subjects = p.rel["subject"] | p.rel["passive_subject"]
    for s in range(si, max(si - 2, -1), -1):
        a, b = ctx.ranges[s]
        for k in range(min(b, i) - 1, a - 1, -1):
            m = ctx.actor_at.get(k)
            if m is not None and m.actor is not None and toks[k].dep in subjects and \
                    (m.actor.type == "person") == person and m.actor.type not in ("media",):
                return _actor(p, k, lambda _i: False) or m.actor  # "Haftar's forces … They": Haftar's
    return None


def _group_of(p: Parse, i: int) -> ActorRef | None:
    """The named group or leader whose people a generic force noun names: "soldiers from the rebel group M23",
    "fighters of Hamas", "Haftar's forces"."""
    toks, ctx = p.toks, p.ctx
    for c in p.children(i, "possessor"):
        m = ctx.any_at.get(c)
        if m is not None and m.actor is not None and m.kind in ("org", "person"):
            return m.actor
    for c in p.children(i, "noun_prep"):
        if toks[c].lower not in p.lx.words("object_prep") | p.lx.words("agent_prep"):
            continue
        obj = p.prep_object(c)
        for k in ([obj, *p.phrase(obj)] if obj is not None else []):
            m = ctx.any_at.get(k)
            if m is not None and m.actor is not None and m.kind == "org" and m.actor.type == "armed group":
                return m.actor
    return None


def _possessive_owner(p: Parse, i: int) -> ActorRef | None:
    """ "Kenya said its troops had retaken the town": the troops of the one "its" stands for (a state or group)."""
    poss = next((c for c in p.children(i, "possessor") if p.toks[c].pos == "PRON"), None)
    if poss is None or p.toks[poss].lower not in p.lx.words("possessive") | {"its", "their"}:
        return None
    toks, ctx = p.toks, p.ctx
    a = ctx.ranges[toks[i].sent][0]
    subjects = p.rel["subject"]
    for k in range(poss - 1, a - 1, -1):
        m = ctx.actor_at.get(k)
        if m is not None and m.actor is not None and toks[k].dep in subjects and m.actor.type in ("state", "armed group"):
            return m.actor
    return None


def _is_one_of(t: Tok, words: set[str]) -> bool:
    """Whether one of the token's lemmas is, or ends in (a compound), one of these words."""
    return any(ends_with_key(lem, words) for lem in (t.lemmas or (t.lemma,)))


def _named_in(p: Parse, i: int, own: Mention) -> ActorRef | None:
    """A named group or state among the naming words of a generic force noun ("Boko Haram militants")."""
    for k in p.phrase(i):
        m = p.ctx.any_at.get(k)
        if m is not None and m is not own and m.actor is not None and m.kind in ("org", "country"):
            return m.actor
    return None


# -- tolls ------------------------------------------------------------------------------------------------------
def _with_toll(p: Parse, args: Args, t: Tok, victims: int | None, around: list[int]) -> Args:
    """The killed count from the victims' phrase (or a number on the kill noun itself: "61 drepte"); coordinated
    victims add up ("two security officers and an international expert": three)."""
    toks = p.toks
    cumulative = _cumulative(p, t, victims)
    where = p.phrase(victims) if victims is not None else [c for c in around if toks[c].pos == "NUM"]
    if victims is not None and toks[victims].pos in ("ADJ", "ADV", "ADP"):  # "Mer enn 60.000 er drept"
        where = [*where, *(g for c in p.kids[victims] for g in p.kids[c] if toks[g].pos == "NUM")]
    ref = victims if victims is not None else t.i
    best = _count(p, where, ref, victims)
    ranged = best is not None and _range_low(p, best[0])
    if ranged:
        best = ranged  # "30 to 35 killed": the lower estimate (ACLED's rule), at least that many
    if best is None:
        return replace(args, victims=victims is not None, cumulative=cumulative)
    total = best[1]
    if victims is not None and victims != t.i and toks[victims].pos in ("NOUN", "PROPN"):
        for c in (c for c in p.children(victims, "conj") if toks[c].pos in ("NOUN", "PROPN")):
            more = _count(p, p.phrase(c), c, c)
            if more is None:
                break  # "nine people and a bus": what is coordinated must be counted people too
            total += more[1]
    hedge = qualifier(p.ctx, best[0]) or ("at least" if ranged else None)
    return replace(args, victims=True, toll=None if cumulative else total, qualifier=hedge, cumulative=cumulative)


def _count(p: Parse, where: list[int], ref: int, head: int | None) -> tuple[int, int] | None:
    """The number nearest ref among the words of a phrase: (its token, its value). "One" and the Norwegian
    article on the victims' noun itself count one ("one peacekeeper", "en soldat", "an expert")."""
    from core.events import _number  # the number reader (digits, words, thousands) is shared with the surface rule
    toks, lx = p.toks, p.lx
    best = None
    for j in where:
        val = _number(p.ctx, j) if toks[j].pos in ("NUM", "") or toks[j].lower in lx.numbers else None
        if val is None and toks[j].lower in lx.words("one") and head is not None and \
                (toks[j].head == head and j < head or j == head) and toks[head].lemma not in lx.words("quantity"):
            val = 1
        if val is None or _ratio(p, j) or _YEARISH(toks[j].text):
            continue
        if best is None or abs(j - ref) < abs(best[0] - ref):
            best = (j, val)
    return best


def _YEARISH(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in ("19", "20")


def _ratio(p: Parse, j: int) -> bool:
    """"ni av ti drepte", "one in four": a proportion, not a count."""
    toks, ratio = p.toks, p.lx.words("ratio")
    return j + 2 < len(toks) and toks[j + 1].lower in ratio and toks[j + 2].pos == "NUM" or \
        j >= 2 and toks[j - 1].lower in ratio and toks[j - 2].pos == "NUM"


def _range_low(p: Parse, j: int) -> tuple[int, int] | None:
    """ "about 30 to 35 separatists", "30 til 35 drepte": a range of estimates; its lower end (token, value)."""
    from core.events import _number
    toks, words = p.toks, p.lx.words("range")
    for lo, hi in ((j, j + 2), (j - 2, j)):
        if 0 <= lo and hi < len(toks) and toks[lo + 1].lower in words and toks[lo].pos == toks[hi].pos == "NUM":
            low, high = _number(p.ctx, lo), _number(p.ctx, hi)
            if low is not None and high is not None and low < high:
                return lo, low
    return None


def _cumulative(p: Parse, t: Tok, victims: int | None) -> bool:
    """A running total: "since the war began", "siden konflikten startet", or killed by a war or campaign
    ("the army's offensive has killed more than 4,100")."""
    toks, lx = p.toks, p.lx
    chain = _chain(p, t)
    top = chain[-1]
    todo = [top]
    seen = set()
    while todo:
        k = todo.pop()
        if k in seen:
            continue
        seen.add(k)
        if toks[k].lower in lx.words("since"):
            return True
        todo.extend(c for c in p.kids[k] if toks[c].dep not in p.rel["relative_clause"] or c == t.i)
    subj = _subject(p, chain)
    if subj is not None and subj != victims and toks[subj].lemma in lx.words("campaign") | _campaign_heads(p, subj):
        return True
    return any(toks[c].lemma in lx.words("total_verb") for c in (top, toks[top].head))


def _campaign_heads(p: Parse, i: int) -> set[str]:
    """A campaign noun as the head of a compound ("motoffensiven", "krigen")."""
    lem = p.toks[i].lemma
    return {lem} if any(lem.endswith(w) for w in p.lx.words("campaign")) else set()


def qualifier(ctx: Context, j: int) -> str | None:
    """The hedge before a count: "at least" / "minst" / "more than" / "over" / "about" (lexicon/toll_qualifiers.tsv)."""
    quals = ctx.lx.toll_qualifiers
    toks = ctx.toks
    for n in (2, 1):
        if j - n < 0 or toks[j - n].sent != toks[j].sent:
            continue
        phrase = " ".join(toks[x].lower for x in range(j - n, j))
        if phrase in quals:
            return quals[phrase]
    return None
