"""Syntax-led speech: a speech verb's subject is the speaker, its clausal complement (or the clause it hangs on)
what was said.

Reads the dependency parse on the token view (``Tok.dep``/``Tok.head``) of a pipeline that has a parser; the
relation names per language are rows of ``lexicon/syntax.tsv`` (``Lexicon.relations``), so the same code reads
spaCy's English labels and the Norwegian treebank's. Sentences without a parse give nothing here: the surface
rules of ``core.statements`` read them.

    find_acts(ctx) -> list[SpeechAct]        what the parse says: verb, subject phrase, content tokens
    speaker_for(ctx, act, history) -> Mention | None
                                             the subject phrase as an actor: a mention inside it, a pronoun
                                             or a bare title resolved to an earlier speaker, or the phrase
                                             itself when it names an unnamed body ("local officials")
"""
from __future__ import annotations

from dataclasses import dataclass

from core.context import Context
from core.lexicon import compound_key, ends_with_key
from core.mentions import ActorRef, Mention
from core.tokens import Tok

MAX_SPEAKER_TOKENS = 10
QUOTE_CHARS = "\"“”«»"


@dataclass(frozen=True, slots=True)
class SpeechAct:
    verb: int                  # token index of the speech verb
    kind: str                  # say | deny | accuse | report (lexicon/speech_verbs.tsv)
    subject: tuple[int, int] | None  # token range [a, b) of the subject phrase
    subject_head: int | None   # the phrase's head token
    content: tuple[int, int]   # token range [a, b) of what was said
    sent: int


def children_of(toks: list[Tok]) -> list[list[int]]:
    """Each token's dependents, in order."""
    kids: list[list[int]] = [[] for _ in toks]
    for t in toks:
        if t.head != t.i:
            kids[t.head].append(t.i)
    return kids


def _subtree(kids: list[list[int]], i: int, cut: set[str], toks: list[Tok]) -> list[int]:
    out, todo = [], [i]
    while todo:
        k = todo.pop()
        out.append(k)
        todo.extend(c for c in kids[k] if toks[c].dep not in cut)
    return sorted(out)


def _span(kids: list[list[int]], i: int, toks: list[Tok], cut: frozenset[str] = frozenset()) -> tuple[int, int]:
    """The contiguous token range of i's subtree (without the branches whose relation is in cut)."""
    tree = _subtree(kids, i, set(cut), toks)
    a = i
    while a - 1 >= tree[0] and a - 1 in tree:
        a -= 1
    b = i + 1
    while b <= tree[-1] and b in tree:
        b += 1
    return a, b


def find_acts(ctx: Context, kinds: list[str | None]) -> list[SpeechAct]:
    """Every speech verb of a parsed sentence with its subject and content, as the parse gives them."""
    toks, lx = ctx.toks, ctx.lx
    if not any(t.dep for t in toks):
        return []
    kids = children_of(toks)
    rel = {r: lx.relations(r) for r in _RELATIONS}
    speech = {k for k, kind in enumerate(kinds) if kind is not None}
    acts = []
    for t in toks:
        if not t.dep:
            continue
        if t.lower in lx.words("according"):
            act = _according(ctx, t, kids, rel)
            if act is not None:
                acts.append(act)
            continue
        kind = kinds[t.i] or _two_word_kind(ctx, t, kids, rel)
        if kind is None or t.pos not in ("VERB", "AUX", ""):
            continue
        content = _content(ctx, t, kind, kids, rel, speech)
        if content is None or any(toks[c].lower in lx.words("neg") for c in kids[t.i]):
            continue  # "would not say how many had died": no claim
        subj = _subject(t, kids, rel, toks, lx.words("relative"))
        acts.append(SpeechAct(t.i, kind, _phrase_of(kids, subj, toks, rel), subj, content, t.sent))
    return acts


_RELATIONS = ("subject", "content", "parenthetical", "conj", "participle", "clause_cut", "particle", "oblique",
              "clausal_modifier", "relative_clause", "according_object")


def _phrase_of(kids: list[list[int]], head: int | None, toks: list[Tok],
               rel: dict[str, set[str]]) -> tuple[int, int] | None:
    """The subject's phrase: its subtree without clauses, at most MAX_SPEAKER_TOKENS up to the head."""
    if head is None:
        return None
    a, b = _span(kids, head, toks, frozenset(rel["clause_cut"]))
    if b - a > MAX_SPEAKER_TOKENS:
        a, b = max(a, head - MAX_SPEAKER_TOKENS + 1), min(b, head + 1)
    return a, b


def _two_word_kind(ctx: Context, t: Tok, kids: list[list[int]], rel: dict[str, set[str]]) -> str | None:
    """A speech verb of two words, the verb and its particle or preposition ("called on", "ba om")."""
    verbs = ctx.lx.speech_verbs
    for c in kids[t.i]:
        p = ctx.toks[c]
        if p.dep in rel["particle"]:
            for lemma in t.lemmas:  # every lemma the form may have: "regner" is also the verb "regne"
                kind = verbs.get(f"{lemma} {p.lower}")
                if kind is not None:
                    return kind
    return None


def _according(ctx: Context, t: Tok, kids: list[list[int]], rel: dict[str, set[str]]) -> SpeechAct | None:
    """"…, according to local officials" / "Ifølge myndighetene …": the source speaks the rest of the clause."""
    toks = ctx.toks
    source = _first_below(kids, t.i, toks, rel["according_object"], depth=2)
    if source is None:
        return None
    own_a, own_b = _span(kids, t.i, toks)
    a_s, b_s = ctx.ranges[t.sent]
    content = _trim(ctx, own_b, b_s) if own_a <= a_s + 1 else _trim(ctx, a_s, own_a)
    if content is None or _attribution_word(ctx, toks[content[0]]):
        return None  # the parse hung the claim under "ifølge"; what is left ("skriver avisen") is no claim
    return SpeechAct(t.i, "report", _phrase_of(kids, source, toks, rel), source, content, t.sent)


def _attribution_word(ctx: Context, t: Tok) -> bool:
    """A speech verb opening a stretch: an attribution ("skriver Kathimerini"), not what was said."""
    return any(lem in ctx.lx.speech_verbs for lem in (t.lower, *t.lemmas))


def _first_below(kids: list[list[int]], i: int, toks: list[Tok], deps: set[str], depth: int) -> int | None:
    """The first token under i (at most depth levels down) whose relation is one of deps."""
    level = [i]
    for _ in range(depth):
        level = [c for k in level for c in kids[k]]
        hit = next((c for c in level if toks[c].dep in deps), None)
        if hit is not None:
            return hit
    return None


def _subject(t: Tok, kids: list[list[int]], rel: dict[str, set[str]], toks: list[Tok],
             relative: set[str]) -> int | None:
    """The verb's own subject (for a relative pronoun, the noun its clause hangs on); else the subject of the
    verb it is coordinated with, or a participle of ("…, saying …"), or whose object a participle clause
    modifies ("released a statement condemning …")."""
    coordinated = False
    for _ in range(4):
        subj = next((c for c in kids[t.i] if toks[c].dep in rel["subject"]), None)
        if subj is not None:
            if toks[subj].lower in relative and t.dep in rel["relative_clause"] and t.head != t.i:
                return t.head  # "the ministry, which runs the camps, called on …"
            return subj
        if t.head == t.i:
            return None
        if t.dep in rel["conj"] | rel["participle"] or coordinated and toks[t.head].pos in ("VERB", "AUX"):
            coordinated = True  # "X anklaget Y for å … og sier at …": up to the verb that has the subject
            t = toks[t.head]
        elif t.dep in rel["clausal_modifier"] and toks[t.head].head != t.head:
            t = toks[toks[t.head].head]
        else:
            return None
    return None


def _content(ctx: Context, t: Tok, kind: str, kids: list[list[int]], rel: dict[str, set[str]],
             speech: set[int]) -> tuple[int, int] | None:
    """What was said: the verb's clausal complement, or, for a parenthetical verb, the clause it hangs on."""
    toks = ctx.toks
    a_s, b_s = ctx.ranges[t.sent]
    particles = [c for c in kids[t.i] if toks[c].dep in rel["particle"]]
    clause_deps = rel["content"] | rel["according_object"]
    for c in kids[t.i] + [g for p in particles for g in kids[p]]:  # "peker på at …": the clause on the particle
        ct = toks[c]
        if ct.dep in clause_deps and _is_clause(ct, kids, toks, rel):
            a, b = _span(kids, c, toks)
            return _trim(ctx, a, b)
    if t.dep in rel["parenthetical"] and t.head != t.i:
        verb_a, verb_b = _span(kids, t.i, toks)
        if verb_a > a_s + 1:
            return _trim(ctx, a_s, verb_a)
        if verb_b < b_s - 1:
            return _trim(ctx, verb_b, b_s)
        return None
    return _oblique(ctx, t, kind, kids, rel, speech)


def _span_without(kids: list[list[int]], i: int, toks: list[Tok], stop: set[int]) -> tuple[int, int]:
    """i's contiguous subtree span, not entering the tokens in stop (another speech verb and what it says)."""
    tree, todo = [], [i]
    while todo:
        k = todo.pop()
        tree.append(k)
        todo.extend(c for c in kids[k] if c not in stop)
    inside = set(tree)
    b = i + 1
    while b in inside:
        b += 1
    return min(inside), b


def _oblique(ctx: Context, t: Tok, kind: str, kids: list[list[int]], rel: dict[str, set[str]],
             speech: set[int]) -> tuple[int, int] | None:
    """A speech verb without a clause: what follows it in its own phrase ("urged both sides to show restraint",
    "accused the army of shelling", "called on X to surrender"), when it says enough to be a claim."""
    toks = ctx.toks
    after = [c for c in kids[t.i] if c > t.i and toks[c].dep in rel["oblique"]]
    if not after:
        return None
    b = max(_span_without(kids, c, toks, speech)[1] for c in after)
    span = _trim(ctx, t.i + 1, b)
    if span is None or span[1] - span[0] < 3:
        return None
    claims = kind in ("accuse", "deny", "appeal") or any(toks[k].pos in ("VERB", "AUX") for k in range(*span))
    described = any(toks[c].lower in ctx.lx.words("predicative") for c in after)  # "described Yemen as the worst …"
    return span if claims or described else None  # "announced the first transfer of …" reports a deed, not a claim


def _is_clause(t: Tok, kids: list[list[int]], toks: list[Tok], rel: dict[str, set[str]]) -> bool:
    """A clause, not a noun object: a verb, or a word with a complementiser or a subject of its own."""
    return t.pos in ("VERB", "AUX") or any(toks[g].pos == "SCONJ" or toks[g].dep in rel["subject"] for g in kids[t.i])


def _trim(ctx: Context, a: int, b: int) -> tuple[int, int] | None:
    """Without edge punctuation and the complementiser ("that", "at")."""
    toks, that = ctx.toks, ctx.lx.words("that")
    while a < b and (toks[a].is_punct or toks[a].lower in that):
        a += 1
    while b > a and toks[b - 1].is_punct and toks[b - 1].text not in QUOTE_CHARS:
        b -= 1
    return (a, b) if b - a >= 2 else None


def speaker_for(ctx: Context, act: SpeechAct, history: list[Mention]) -> Mention | None:
    """The actor behind the subject phrase, or None when the phrase names no one a reader could file."""
    if act.subject is None or act.subject_head is None:
        return None
    a, b = act.subject
    head = ctx.toks[act.subject_head]
    lx = ctx.lx
    if head.lower in lx.words("pronoun") | lx.words("pronoun_plural") | lx.words("pronoun_body"):
        return _antecedent(ctx, act, head, history)
    inside = _actors_in(ctx, a, b)
    own = ctx.actor_at.get(head.i)
    if own is not None and own.actor and own.actor.type == "person" and head.ent in lx.relations("org_entity"):
        own = None  # "the State Department said": the recogniser reads an organisation, not a surname
    if own is not None and _cut_name(ctx, own, a, head):
        return phrase_speaker(ctx, a, b, head, inside)
    if own is not None and not own.genitive:
        return own
    if own is not None and (titled := _person_after_genitive(ctx, own)) is not None:
        return titled  # "Leger Uten Grensers koordinator Kari Nygaard", however the parse splits it
    if speaker_noun(ctx, head, own):
        person = next((m for m in inside if m.actor and m.actor.type == "person" and not m.a <= head.i < m.b), None)
        if person is not None:
            return person  # "the mayor, Anna Kovac, said": the name in apposition
        titled = _titled_person(ctx, act, head, inside, history)
        return titled or _body_named_before(ctx, a, head, history) or phrase_speaker(ctx, a, b, head, inside)
    if inside and inside[-1].actor and inside[-1].actor.type == "person":
        return inside[-1]
    return _named_person(ctx, a, head)


def _body_named_before(ctx: Context, a: int, head: Tok, history: list[Mention]) -> Mention | None:
    """ "The service said …" after "Ukraine's emergency service said …": a definite noun alone stands for the last
    speaking body whose name holds that noun."""
    lx = ctx.lx
    before = ctx.toks[a:head.i]
    if any(t.lower not in lx.words("determiner") or t.lower in lx.words("indefinite") for t in before) or \
            not before and head.lower == head.lemma:
        return None  # "a service", "Ukraine's service", or a bare noun with no definite form
    forms = {head.lower, head.lemma}
    return next((m for m in reversed(history) if m.actor and m.actor.type != "person"
                 and forms & {w.strip(".,'’").lower() for w in m.actor.name.split()}), None)


def _person_after_genitive(ctx: Context, own: Mention) -> Mention | None:
    """The person a name in the genitive introduces, a title at most between them ("FNs generalsekretær X")."""
    return next((m for m in ctx.mentions if own.b <= m.a <= own.b + 2 and m.sent == own.sent and m.actor
                 and m.actor.type == "person"), None)


def _cut_name(ctx: Context, own: Mention, a: int, head: Tok) -> bool:
    """A mention of a body that leaves out capitalised words of its own name ("the State Department" read as
    "Department"): the phrase names it better."""
    if own.actor is None or own.actor.type == "person" or own.a <= a:
        return False
    before = ctx.toks[own.a - 1]
    return before.is_cap and before.pos == "PROPN" and before.i not in ctx.any_at \
        and before.lower not in ctx.lx.demonyms and before.lower not in ctx.lx.words("determiner")


def _named_person(ctx: Context, a: int, head: Tok) -> Mention | None:
    """A person no lexicon knows, as the subject of a speech verb: a name the entity recogniser reads as a person,
    or a chain of two or more capitalised proper nouns it does not read as a body or place ("Koca said",
    "Colonel Peter Hale-Morton said"); a title before the name is its role, not its name."""
    toks, lx = ctx.toks, ctx.lx
    if not head.is_cap or head.ent in lx.relations("org_entity") | lx.relations("place_entity"):
        return None
    first = head.i
    while first - 1 >= a and _name_word(ctx, toks[first - 1], head):
        first -= 1
    if head.ent not in lx.relations("person_entity") and not (head.pos == "PROPN" and head.i - first >= 1):
        return None
    name = ctx.text[toks[first].start:head.end]
    title = compound_key(toks[first - 1].lemma, lx.roles) if first - 1 >= a else None
    role = lx.roles[title][0] if title else None
    return Mention(first, head.i + 1, toks[first].start, head.end, name, "person",
                   actor=ActorRef(name, "person", role=role), sent=head.sent)


def _name_word(ctx: Context, t: Tok, head: Tok) -> bool:
    if t.text == "-":
        return True
    return t.is_cap and t.pos == "PROPN" and t.ent == head.ent and compound_key(t.lemma, ctx.lx.roles) is None


def _actors_in(ctx: Context, a: int, b: int) -> list[Mention]:
    seen: list[Mention] = []
    for k in range(a, b):
        m = ctx.actor_at.get(k)
        if m is not None and m.actor is not None and (not seen or seen[-1] is not m):
            seen.append(m)
    return seen


def speaker_noun(ctx: Context, head: Tok, own: Mention | None = None) -> bool:
    """Whether a word heads an unnamed speaker: a speaker noun or a title ("officials", "biskopane", "ministeren")."""
    if head.pos == "PROPN" and own is not None:
        return False
    nouns = ctx.lx.speaker_nouns
    return any(ends_with_key(lem, nouns) for lem in (head.lemma, head.lower)) or \
        compound_key(head.lemma, ctx.lx.roles) is not None


def _titled_person(ctx: Context, act: SpeechAct, head: Tok, inside: list[Mention],
                   history: list[Mention]) -> Mention | None:
    """"the minister said" / "ministeren sa": the last person named with that title."""
    if inside or act.subject is None or act.subject[1] - act.subject[0] > 2:
        return None
    return person_with_title(ctx, head, act.verb, history)


def person_with_title(ctx: Context, head: Tok, before: int, history: list[Mention]) -> Mention | None:
    """The last speaker, else the last person named before token ``before``, with the title ``head`` names."""
    key = compound_key(head.lemma, ctx.lx.roles)
    if key is None:
        return None
    role = ctx.lx.roles[key][0]
    for m in [*reversed(history), *reversed([m for m in ctx.mentions if m.b <= before])]:
        if m.actor and m.actor.type == "person" and m.actor.role and \
                (m.actor.role == role or m.actor.role.endswith(f" {role}")):
            return m  # "ministeren" after "utanriksminister X": X
    return None


def _antecedent(ctx: Context, act: SpeechAct, pron: Tok, history: list[Mention]) -> Mention | None:
    """A pronoun speaker: an earlier subject in the sentence, else the last speaker of the right kind."""
    lx = ctx.lx
    person = pron.lower in lx.words("pronoun")
    same = [m for m in history if m.sent == act.sent and m.b <= pron.i]
    if same and (not person or same[-1].actor and same[-1].actor.type == "person"):
        return same[-1]  # "X accused Y of … what it described as …": the speaker of the clause before
    a_s = ctx.ranges[act.sent][0]
    subjects = lx.relations("subject")
    for k in range(pron.i - 1, a_s - 1, -1):
        t = ctx.toks[k]
        m = ctx.actor_at.get(k)
        if m is not None and t.dep in subjects and m.actor and (m.actor.type == "person") == person:
            return m
    recent = [m for m in history if m.sent >= act.sent - 3]
    for m in reversed(recent):
        if m.actor and (m.actor.type == "person") == person:
            return m
    if person:
        for m in reversed(ctx.mentions):  # the last person named before, within three sentences
            if m.b <= pron.i and m.sent >= act.sent - 3 and m.actor and m.actor.type == "person":
                return m
    for m in reversed(history):
        if m.actor and (m.actor.type == "person") == person:
            return m
    return history[-1] if history and not person else None


def phrase_speaker(ctx: Context, a: int, b: int, head: Tok, inside: list[Mention]) -> Mention | None:
    """An unnamed body or group as the speaker, named by its phrase ("Somali officials", "the Gaza health
    ministry"); it speaks for the organisation or state a mention inside the phrase names."""
    toks, dets = ctx.toks, ctx.lx.words("determiner") | ctx.lx.words("genitive_word")
    while a < head.i and (toks[a].lower in dets or toks[a].is_punct):
        a += 1
    b = min(b, head.i + 1) if not inside or inside[-1].a <= head.i else b
    kept = [t for t in toks[a:b] if not t.is_punct or t.text in ("-", ".")]
    if not kept:
        return None
    name = "".join((" " if n and kept[n - 1].end < t.start else "") + t.text for n, t in enumerate(kept))
    name = name[:1].upper() + name[1:]  # as written: "Turkey's health minister", "the Hamas-run Gaza health ministry"
    owner = next((m.actor for m in reversed(inside) if m.actor and m.actor.type != "person"), None)
    typ = owner.type if owner is not None else "other"
    two = f"{toks[head.i - 1].lemma} {head.lemma}" if head.i > a else ""
    title = two if two in ctx.lx.roles else compound_key(head.lemma, ctx.lx.roles)  # "health minister": Health Minister
    actor = ActorRef(name, typ if typ in ("government", "military", "armed group", "igo", "ngo") else "other",
                     owner.country if owner else None, ctx.lx.roles[title][0] if title else None,
                     owner.name if owner else None)
    return Mention(a, b, toks[a].start, toks[b - 1].end, ctx.text[toks[a].start:toks[b - 1].end], "body", actor=actor,
                   sent=toks[a].sent)
