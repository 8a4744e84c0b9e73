"""Find actor and place mentions in an article's tokens.

Sources, in order of trust: lexicon names (organisations, public figures,
countries), trained entity spans (when the pipeline has NER), and patterns of
news prose: a role noun before a capitalised name ("forsvarsminister Anna
Berg"), a demonym before a force noun ("greske grensevakter"), a capitalised
name beside a speech verb ("sa Rutte"), and place-kind words
("provinsene Hama og Homs", "Rafah-overgangen").
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from babel import Locale
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from core import gazetteer
from core.geo import NAMED_AFTER_KINDS
from core.lexicon import Lexicon, compound_key, compound_keys, languages_of, phrase_starts, rows
from core.model import Place
from core.nlp import get_pipeline, is_adj_form, known_form, lemma_of
from core.tokens import Tok

# Entity labels of NorNE (our Norwegian pipeline) and of OntoNotes (spaCy's English pipelines)
PERSON_LABELS = {"PER", "PERSON"}
PLACE_LABELS = {"GPE_LOC", "LOC", "GPE", "FAC"}
LOCAL_ROLES = {"Governor", "Mayor"}
FORCE_OWNERS = {"igo", "armed group"}  # organisations whose name before a force noun makes the force theirs
MILITARY_ROLES = {"General", "Colonel", "Commander", "Army Chief", "Chief of Defence"}
BACKED = {"backed", "supported", "sponsored", "allied", "aligned"}
LARGE_PLACE = 50_000  # people in a town the gazetteer knows well enough to be a place on its name alone
TITLE_WORDS = 3  # words of four letters or more that make an all-capitalised sentence a title-case headline
MAX_NAME_WORDS = 4  # words of a place name an apposition is looked for on
NAME_PARTICLES = {"al", "al-", "el", "bin", "ibn", "von", "der", "van", "de", "da", "di", "le", "la", "abu", "abdel", "ben"}


@dataclass(slots=True)
class ActorRef:
    name: str
    type: str
    country: str | None = None      # ISO alpha-3
    role: str | None = None
    org: str | None = None          # organisation a person speaks for
    pending: str | None = None      # "main" = takes the article's main country later
    label: str | None = None        # force label before a country is given (rebels)


@dataclass(slots=True)
class Mention:
    a: int                 # token range [a, b)
    b: int
    start: int
    end: int
    text: str
    kind: str              # country | org | person | force | body | role | coref | capital | place
    actor: ActorRef | None = None
    place_name: str | None = None
    place_hint: str | None = None
    sent: int = 0
    genitive: bool = False          # "Syrias", "Syria's": the name in the genitive
    modifier: bool = False          # a name modifying a role or noun ("FNs talsperson"): not an actor of its own
    iso2: str | None = None         # a country's code
    sure: bool = True               # a place the text shows is one (False: the gazetteer alone says so)
    place_tokens: tuple[int, int] | None = None  # "the mayor of X": the token range of X
    types: frozenset[str] = frozenset()  # a referring noun's actor types ("the group", "landet")
    place: Place | None = None      # the place record it resolved to (core.places)


@functools.lru_cache(maxsize=4)
def _phrase_tables(lang: str) -> tuple[dict[tuple[str, ...], tuple[str, object]], PhraseMatcher]:
    """The lexicon's names: lowercase token tuples -> (kind, payload), tokenised like the text, and a
    PhraseMatcher on LOWER for them ("NAME") and for their genitives where the language writes one on the
    name itself ("NAME_GEN": "Russlands", "Forente nasjoners")."""
    from core.lexicon import load
    lx = load(lang)
    nlp = get_pipeline(lang)
    table: dict[tuple[str, ...], tuple[str, object]] = {}

    def put(phrase: str, kind: str, payload: object) -> None:
        # also as capitals: the tokenizer keeps "U.N." whole but splits "u.n." (the lexicon's lowercase key)
        for form in dict.fromkeys((phrase, phrase.upper())):
            key = tuple(t.text.lower() for t in nlp.tokenizer(form))
            if key and key not in table:
                table[key] = (kind, payload)

    for form, canon in lx.person_forms.items():
        put(form, "person", canon)
    for alias, payload in lx.organisations.items():
        put(alias, "org", payload)
    for iso2, name in _country_names(lang).items():
        put(iso2, "country", name)
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("NAME", [Doc(nlp.vocab, words=list(key)) for key in table])
    gen = lx.grammar.genitive_suffix
    if gen:
        matcher.add("NAME_GEN", [Doc(nlp.vocab, words=[*key[:-1], key[-1] + gen]) for key in table
                                 if len(key[-1]) + len(gen) > 2])
    return table, matcher


@functools.lru_cache(maxsize=4)
def _country_names(lang: str) -> dict[str, str]:
    """Country name (any of the language's and English forms) -> ISO2."""
    gaz = gazetteer.load()
    out: dict[str, str] = {}
    for loc in {"en", "nb" if lang in ("nb", "nn") else "en", lang if lang != "nn" else "nn"}:
        for code, name in Locale(loc).territories.items():
            if len(code) == 2 and code in gaz.iso3:
                out.setdefault(name, code)
    for code, name in gaz.country_names_en.items():
        out.setdefault(name, code)
    for forms, kind, *_, code, _ in rows("places.tsv"):
        if kind == "country":  # other names of countries (USA, Britain, Burma, Palestina)
            for alias in forms.split(";"):
                out.setdefault(alias, code)
    return out


def country_actor(iso2: str, lx: Lexicon) -> ActorRef:
    gaz = gazetteer.load()
    return ActorRef(gaz.country_names_en.get(iso2, iso2), "state", gaz.iso3.get(iso2))


def adjective(iso3: str | None, lx: Lexicon) -> str | None:
    if not iso3:
        return None
    return lx.country_adjective.get(gazetteer.iso2_of().get(iso3, ""), None)


class MentionFinder:
    def __init__(self, doc: Doc, toks: list[Tok], ranges: list[tuple[int, int]], lx: Lexicon, lang: str, text: str):
        self.toks, self.ranges, self.lx, self.lang, self.text = toks, ranges, lx, lang, text
        self.table, self.matcher = _phrase_tables(lang)
        self.doc = doc
        self.taken: set[int] = set()
        self.mentions: list[Mention] = []
        self.starting: dict[int, Mention] = {}   # first token -> mention
        self.ending: dict[int, Mention] = {}     # token after the last -> mention
        self.covering: dict[int, Mention] = {}   # every token of a mention -> mention
        self.place_names: set[str] = set()

    # -- helpers -------------------------------------------------------------
    def _add(self, a: int, b: int, kind: str, **kw) -> Mention:
        t0, t1 = self.toks[a], self.toks[b - 1]
        m = Mention(a, b, t0.start, t1.end, self.text[t0.start:t1.end], kind, sent=t0.sent, **kw)
        self.mentions.append(m)
        self.starting[a] = m
        self.ending[b] = m
        for k in range(a, b):
            self.covering[k] = m
        if kind == "place" and m.place_name:
            self.place_names.add(m.place_name)
        self.taken.update(range(a, b))
        return m

    def _sent_start(self, i: int) -> bool:
        t = self.toks[i]
        first = self.ranges[t.sent][0]
        j = first
        while j < i and (self.toks[j].is_punct or self.toks[j].text == "\u2013"):
            j += 1
        return j == i

    def _common_word(self, tok: Tok) -> bool:
        lw = tok.lower
        if lw in self.lx.common_words:
            return True
        return self.lx.grammar.tables_hold_no_names and (known_form(lw, self.lang) or lw in _function_words(self.lang))

    # -- passes --------------------------------------------------------------
    def find(self) -> list[Mention]:
        self._names()
        self._roles_and_people()
        self._forces_bodies_coref()
        self._ner_people()
        self._surnames()
        self._places()
        self.mentions.sort(key=lambda m: m.a)
        return self.mentions

    def _names(self) -> None:
        """Lexicon names where the PhraseMatcher finds them, the longest that fits at each word first."""
        toks = self.toks
        at = self._name_matches()
        i = 0
        while i < len(toks):
            hit = self._name_at(i, at.get(i, ()))
            if hit is None:
                i += 1
                continue
            n, (kind, payload), genitive = hit
            if kind == "person":
                self._person(i, i + n, str(payload))
            elif kind == "org":
                canon, typ, iso3 = payload  # type: ignore[misc]
                if iso3 == "@home":
                    iso3 = self._demonym_before(i) or self.lx.home_country
                    adj = adjective(iso3, self.lx)
                    canon = f"{adj} {canon}" if adj else canon
                self._add(i, i + n, "org", actor=ActorRef(canon, typ, iso3), genitive=genitive)
            elif kind == "country":
                written = " ".join(t.text for t in toks[i:i + n])
                gen = self.lx.grammar.genitive_suffix
                cut = genitive and bool(gen) and written.endswith(gen)  # "Syrias"; never "Syria" of "Syria's"
                self._add(i, i + n, "country", actor=country_actor(str(payload), self.lx),
                          place_name=written[:-1] if cut else written, genitive=genitive, iso2=payload)
            i += n

    def _name_matches(self) -> dict[int, list[tuple[int, bool]]]:
        """Word -> the lexicon names starting there as (length, written in the genitive), longest first."""
        view = {t.doc_i: t.i for t in self.toks}
        gen_id = self.doc.vocab.strings["NAME_GEN"]
        at: dict[int, list[tuple[int, bool]]] = {}
        for match_id, start, end in self.matcher(self.doc):
            a, last = view.get(start), view.get(end - 1)
            if a is not None and last is not None:
                at.setdefault(a, []).append((last + 1 - a, match_id == gen_id))
        for hits in at.values():
            hits.sort(key=lambda h: (-h[0], h[1]))
        return at

    def _name_at(self, i: int, matches: list[tuple[int, bool]]) -> tuple[int, tuple[str, object], bool] | None:
        """The name at word i that passes the checks of case and context: (length, (kind, payload), genitive)."""
        toks = self.toks
        tried = list(matches)
        if "-" in toks[i].lower and all(n > 1 for n, _ in tried):
            tried.append((1, False))  # "FN-sjefen", "Russland-vennlig": a hyphen compound of a one-word name
        for n, written_genitive in tried:
            if toks[i + n - 1].sent != toks[i].sent:
                continue
            words = [t.lower for t in toks[i:i + n]]
            entry = self.table.get(tuple(words))
            if written_genitive:
                gen = self.lx.grammar.genitive_suffix
                entry = self.table.get((*words[:-1], words[-1][:-len(gen)]))
            genitive = written_genitive or entry is not None and i + n < len(toks) and \
                toks[i + n].lower in self.lx.grammar.genitive_clitic
            if entry is None:
                head = self.table.get((words[0].split("-")[0],))
                if head and head[0] in ("org", "country") and not compound_key(lemma_of(words[0], self.lang), self.lx.roles):
                    entry = head
            if entry is not None and self._name_fits(i, n, entry):
                return n, entry, genitive
        return None

    def _name_fits(self, i: int, n: int, entry: tuple[str, object]) -> bool:
        t = self.toks[i]
        if not t.is_cap and entry[0] in ("person", "country") and not t.text[:1].isdigit():
            return False
        if entry[0] == "country" and n == 1 and t.lower in _abbreviations(self.lang) and not t.text.isupper():
            return False  # "CAR" is the Central African Republic, "Car bombs" are not
        short = _short_aliases(self.lang)
        if entry[0] == "org" and n == 1 and len(t.lower) <= 4 and t.text not in short and t.text[:-1] not in short:
            return False  # "Ap", "Is", "Un": short names count only as spelt in the lexicon
        if self._party_tag_at(i):
            return False
        return not (entry[0] == "org" and n == 1 and t.text.islower() and len(t.text) <= 3)  # "is", "ap", "un"

    def _person(self, a: int, b: int, canon: str, role: str | None = None, country: str | None = None,
                org: str | None = None) -> Mention:
        info = self.lx.persons.get(canon)
        if info:
            country = country or info[0]
            role = role or info[1]
            org = org or info[2]
        return self._add(a, b, "person", actor=ActorRef(canon, "person", country, role, org))

    def _name_after(self, i: int) -> int:
        """End of a capitalised personal name starting at token i (i itself when none)."""
        toks = self.toks
        j = i
        while j < len(toks) and toks[j].sent == toks[i].sent and j - i < 5 and j not in self.taken:
            t = toks[j]
            if t.is_cap and t.text.isalpha() or t.is_cap and "-" in t.text or (
                    t.lower in NAME_PARTICLES and j + 1 < len(toks) and toks[j + 1].is_cap and j > i):
                if t.lower in self.lx.months or t.lower in self.lx.weekdays:
                    break
                j += 1
            elif t.text[:3].lower() in ("al-", "el-") and j > i:
                j += 1
            elif t.lower in NAME_PARTICLES and j > i and j + 2 < len(toks) and toks[j + 1].text == "-" and \
                    toks[j + 2].is_cap and t.end == toks[j + 1].start and toks[j + 1].end == toks[j + 2].start:
                j += 3  # an article the tokenizer split off: "Abu al-Khaseeb", "Hassan al-Amiri"
            elif _initial(t.text) and j > i and j + 1 < len(toks) and toks[j + 1].is_cap:
                j += 1  # a middle initial: "Bernt G. Apeland"
            elif t.text == "-" and j > i and j + 1 < len(toks) and toks[j + 1].is_cap and \
                    toks[j - 1].end == t.start and t.end == toks[j + 1].start:
                j += 2  # a double name split by the tokenizer: "Hale-Morton"
            elif t.text == "-" and j > i and j + 1 < len(toks) and toks[j + 1].text.isalpha() and \
                    toks[j + 1].ent in PERSON_LABELS and toks[j + 1].ent_iob == "I" and \
                    toks[j - 1].end == t.start and t.end == toks[j + 1].start:
                j += 2  # a given name in two parts, the tagger's one person: "Kim Jong-un"
            else:
                break
        # a single capitalised word must not be a common word at sentence start
        return j

    def _roles_and_people(self) -> None:
        """A role word and the names after it ("forsvarsminister Anna Berg", "presidentene X og Y"), or the
        role alone ("ordføreren i Mosul", "the regional governor")."""
        for i, t in enumerate(self.toks):
            if i in self.taken or t.is_punct:
                continue
            found = self._role_at(i)
            if found is None:
                continue
            key, j = found
            role_en, org, state = self.lx.roles[key]
            org = org or self._org_before(i)
            country = self._country_before(i)  # "Tyrkias forsvarsminister", "the Turkish defence minister"
            known = self._known_people_after(j)
            names = [] if known else self._names_after_role(j)
            countries = self._countries_before_list(i) if len(known or names) > 1 else [country]
            for n, pm in enumerate(known):
                assert pm.actor is not None
                pm.actor.role = role_en if role_en != "Leader" or not pm.actor.role else pm.actor.role
                pm.actor.country = (countries[n] if n < len(countries) else country) or pm.actor.country
                pm.actor.org = org or pm.actor.org
            for n, (a, b) in enumerate(names):
                c = countries[n] if n < len(countries) else country
                canon = self._canonical_person(a, b)
                if state and c is None and org is None and role_en not in LOCAL_ROLES | MILITARY_ROLES:
                    home = self._party_tag(b) or (self.lx.grammar.home_titles and self._known_country(canon) is None)
                    c = self._known_country(canon) or (self.lx.home_country if home else None)
                self._person(a, b, canon, role=role_en, country=c, org=org)
            if known or names:
                self.taken.update(range(i, j))
            else:
                self._role_only(i, j, role_en, org, state, country)

    def _role_at(self, i: int) -> tuple[str, int] | None:
        """The role lexicon's key for the role word(s) at token i and the token after them."""
        toks, lx = self.toks, self.lx
        t = toks[i]
        if i + 2 < len(toks) and toks[i + 1].text == "-" and f"{t.lower}-{toks[i + 2].lower}" in lx.roles:
            return f"{t.lower}-{toks[i + 2].lower}", i + 3  # "Secretary-General", split by the tokenizer
        role_keys = compound_keys(lx.roles)
        key = role_keys[t.lemma] or role_keys[t.lower]
        if key is not None:
            return key, i + 1
        if t.lemma in phrase_starts(lx.roles) and i + 1 < len(toks) and f"{t.lemma} {toks[i + 1].lemma}" in lx.roles:
            return f"{t.lemma} {toks[i + 1].lemma}", i + 2
        if t.lower in phrase_starts(lx.roles) and i + 2 < len(toks):  # "Secretary of State"
            three = " ".join(x.lower for x in toks[i:i + 3])
            if three in lx.roles:
                return three, i + 3
        return None

    def _names_after_role(self, j: int) -> list[tuple[int, int]]:
        """The personal names right after a role, "og"/"and" between them; an appositive one ("the mayor, Anna
        Kovac, said") too."""
        toks, lx = self.toks, self.lx
        k = j
        if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].is_cap:
            e = self._name_after(k + 1)
            if e > k + 1 and e < len(toks) and toks[e].text == ",":
                k += 1
        names: list[tuple[int, int]] = []
        while True:
            e = self._name_after(k)
            if e <= k or e - k == 1 and toks[k].lower in lx.demonyms:
                return names
            names.append((k, e))
            if not (e + 1 < len(toks) and toks[e].lower in lx.words("conjunction") and toks[e + 1].is_cap):
                return names
            k = e + 1

    def _known_people_after(self, j: int) -> list[Mention]:
        """Person mentions found by name right after a role: "presidentene X og Y"."""
        out: list[Mention] = []
        k = j
        while True:
            pm = self.starting.get(k)
            if pm is None or pm.kind != "person":
                return out
            out.append(pm)
            if pm.b < len(self.toks) and self.toks[pm.b].lower in ("og", "and"):
                k = pm.b + 1
                continue
            return out

    def _party_tag_at(self, i: int) -> bool:
        """"(Ap)" right after a person's name is a party, not an organisation acting."""
        toks = self.toks
        return 0 < i < len(toks) - 1 and toks[i - 1].text == "(" and toks[i + 1].text == ")" and i >= 2 and \
            any(m.b == i - 1 and m.kind == "person" for m in self.mentions)

    def _party_tag(self, b: int) -> bool:
        toks = self.toks
        return b + 2 < len(toks) and toks[b].text == "(" and toks[b + 2].text == ")" and len(toks[b + 1].text) <= 4

    def _known_country(self, canon: str) -> str | None:
        info = self.lx.persons.get(canon)
        return info[0] if info else None

    def _canonical_person(self, a: int, b: int) -> str:
        name = self.text[self.toks[a].start:self.toks[b - 1].end]  # as written: "Hale-Morton", "G. Apeland"
        name = " ".join(name.split())
        return self.lx.person_forms.get(name.lower(), name)

    def _country_before(self, i: int) -> str | None:
        """ISO3 of a genitive country/demonym right before token i (skipping determiners and a genitive clitic)."""
        toks = self.toks
        k = i - 1
        skip = self.lx.words("determiner") | self.lx.words("possessive")
        while k >= 0 and toks[k].lower in skip and toks[k].sent == toks[i].sent:
            k -= 1
        if k > 0 and toks[k].lower in self.lx.grammar.genitive_clitic:
            k -= 1  # "Russia 's Defense Ministry": the genitive written as its own word
        if k < 0 or toks[k].sent != toks[i].sent:
            return None
        m = self.ending.get(k + 1)
        if m is not None and m.kind in ("country", "org") and m.actor and (m.genitive or m.kind == "country"):
            return m.actor.country if m.kind == "country" else None
        iso2 = self.lx.demonyms.get(toks[k].lower)
        if iso2:
            return gazetteer.load().iso3.get(iso2)
        return None

    def _org_before(self, i: int) -> str | None:
        """"FNs talsperson", "FN sin talsperson": the organisation in the genitive right before a role."""
        m = self.ending.get(i)
        if m is None and i > 0 and self.toks[i - 1].lower in self.lx.words("genitive_word"):
            m = self.ending.get(i - 1)  # the genitive as a word after the owner (Nynorsk "X sin/si/sitt/sine Y")
            if m is not None:
                m.genitive = True
        # "FNs talsperson", "NATO Secretary General", "Kremlin spokesman"
        if m is not None and m.kind == "org" and m.actor and (m.genitive or self.lx.grammar.attributive_names):
            m.modifier = True
            return m.actor.name
        return None

    def _countries_before_list(self, i: int) -> list[str | None]:
        """"Tyrkias og Russlands presidenter" -> [TUR, RUS]."""
        out: list[str | None] = []
        k = i - 1
        while k >= 0 and self.toks[k].sent == self.toks[i].sent:
            m = self.ending.get(k + 1)
            if m is not None and m.kind != "country":
                m = None
            if m is None:
                if self.toks[k].lower in ("og", "and", ","):
                    k -= 1
                    continue
                break
            out.insert(0, m.actor.country if m.actor else None)
            k = m.a - 1
        return out

    def _role_only(self, i: int, j: int, role_en: str, org: str | None, state: bool, country: str | None) -> None:
        toks = self.toks
        # "ordføreren i (byen) X" / "the mayor of X"; an organisation's officer is never a place's ("FN-sjefen i Genève")
        k = j
        if org is None and k < len(toks) and toks[k].lower in ("i", "for", "of", "in") and toks[k].sent == toks[i].sent:
            k += 1
            while k < len(toks) and (toks[k].lower in self.lx.place_kinds or toks[k].lower == "the"):
                k += 1
            e = self._name_after(k)
            if e == k + 1 and toks[k].lower in self.lx.words("determiner"):
                e = k  # "biskopane i Den norske kyrkja": a capitalised article opens a name, it is none
            if e > k:
                place = " ".join(t.text for t in toks[k:e])
                self._add(i, j, "role", actor=ActorRef(f"{role_en} of {place}", "person", None, role_en, org),
                          place_tokens=(k, e))
                return
        if org:
            self._add(i, j, "role", actor=ActorRef(org, "igo", None, role_en, org))
        elif country and role_en in LOCAL_ROLES:
            # "the Ukrainian mayor": a town's official, never an actor named "Ukrainian Mayor"
            self._add(i, j, "role", actor=ActorRef(role_en, "person", country, role_en, pending="role", label=role_en))
        elif country:
            adj = adjective(country, self.lx)
            self._add(i, j, "role", actor=ActorRef(f"{adj} {role_en}" if adj else role_en, "person", country, role_en))
        elif role_en in LOCAL_ROLES or state and self._definite(i):
            # "the regional governor", "utenriksministeren": the holder named elsewhere in the article, else the
            # main country's
            self._add(i, j, "role", actor=ActorRef(role_en, "person", None, role_en, pending="role", label=role_en))

    def _forces_bodies_coref(self) -> None:
        """Plural nationals ("palestinere"), bodies ("departementet"), forces ("regjeringsstyrkene") and
        referring nouns ("landet", "the group")."""
        toks, lx = self.toks, self.lx
        keys = {"body": compound_keys(lx.bodies), "force": compound_keys(lx.forces)}
        coref_keys = compound_keys(lx.coref_nouns)
        two_word_starts = phrase_starts(lx.bodies) | phrase_starts(lx.forces)
        force_country: dict[int, str | None] = {}   # last token of a force -> its country
        for i, t in enumerate(toks):
            if self._national_at(i):
                continue
            two = f"{t.lemma} {toks[i + 1].lemma}" if t.lemma in two_word_starts and i + 1 < len(toks) else ""
            two = two if two in lx.bodies or two in lx.forces else ""
            if i in self.taken or t.is_punct or t.is_cap and not self._sent_start(i) and t.lower not in lx.forces \
                    and not two:
                continue
            if not two and keys["body"][t.lemma] is None and keys["force"][t.lemma] is None and \
                    coref_keys[t.lemma] is None:
                continue  # no body, force or referring noun here
            if "-" in t.lower and t.lower.split("-")[0] in lx.demonyms:
                continue  # "tyrkisk-støttede": a backer, not the nationality of what follows
            if (i > 0 and toks[i - 1].lower in lx.words("infinitive") or self._adjective_use(i)) and not two:
                continue  # an infinitive ("å styrke"); an adjective before its noun ("militær makt", "sivile tap"),
                # unless the two make a force's name ("væpnede menn")
            if not self._body_or_force_at(i, two, keys, force_country) and coref_keys[t.lemma] is not None:
                self._referring_noun_at(i, coref_keys[t.lemma])

    def _national_at(self, i: int) -> bool:
        """"palestinere", "Palestinians": a plural of a nationality names the country's civilians."""
        t, lx = self.toks[i], self.lx
        if i in self.taken or t.lower not in lx.nationals or t.lower in lx.demonyms or \
                not t.is_cap and lx.grammar.capitalised_nationals:
            return False  # "Sudanese" is an adjective as often as a plural
        iso2 = lx.nationals[t.lower]
        name = _national_name(t, iso2, lx)
        self._add(i, i + 1, "force", actor=ActorRef(name, "civilians", gazetteer.load().iso3.get(iso2 or ""),
                                                       label=name.lower()))
        return True

    def _body_or_force_at(self, i: int, two: str, keys: dict, force_country: dict[int, str | None]) -> bool:
        toks, lx = self.toks, self.lx
        for kind, table in (("body", lx.bodies), ("force", lx.forces)):
            n = 2 if two in table else 1
            key = two if n == 2 else keys[kind][toks[i].lemma]
            if key is None:
                continue
            country = self._country_before(i) or self._demonym_before(i)
            if country is None and kind == "force" and i >= 2 and toks[i - 1].lower in lx.words("conjunction"):
                country = force_country.get(i - 2)  # "syriske soldater og militssoldater"
            owner = self.ending.get(i)
            if kind == "force" and owner is not None and owner.kind == "org" and owner.actor and \
                    owner.actor.type in FORCE_OWNERS and owner.sent == toks[i].sent:
                label, typ, _ = table[key]  # "U.N. peacekeepers", "NATO troops": the organisation's force
                owner.modifier = True
                actor = ActorRef(f"{owner.actor.name} {label}", typ, owner.actor.country, org=owner.actor.name,
                                 label=label)
            elif kind == "body":
                actor = self._body_actor(table[key], country)
            else:
                actor = self._force_actor(i, table[key], country)
                force_country[i + n - 1] = actor.country
            self._add(i, i + n, kind, actor=actor)
            return True
        return False

    def _body_actor(self, entry: tuple[str, str], country: str | None) -> ActorRef:
        name, typ = entry
        adj = adjective(country, self.lx)
        return ActorRef(f"{adj} {name}" if adj else name[:1].upper() + name[1:], typ, country,
                        pending=None if country else "main", label=name)

    def _force_actor(self, i: int, entry: tuple[str, str, str], country: str | None) -> ActorRef:
        label, typ, affiliation = entry
        if country is None and self._definite(i):
            prev = next((m for m in reversed(self.mentions) if m.kind == "force" and m.actor
                         and m.actor.label == label and m.actor.country), None)
            country = prev.actor.country if prev and prev.actor else None
        if country is None and affiliation == "state":
            country = self._country_in_clause(i)
        # a nationality names a force ("Turkish forces"); migrants, refugees and protesters keep it as
        # their country only: it often says where they are, not who they are ("Turkish migrants")
        adj = adjective(country, self.lx) if typ != "civilians" or label == "civilians" else None
        pending = country is None and affiliation in ("state", "nonstate") and typ != "civilians"
        return ActorRef(f"{adj} {label}" if adj else label.capitalize(), typ, country,
                        pending="main" if pending else None, label=label)

    def _referring_noun_at(self, i: int, key: str) -> None:
        """"landet", "the group": a referring noun (resolved later); "et nyhetsbyrå": an unnamed outlet."""
        toks, lx = self.toks, self.lx
        t = toks[i]
        if t.is_cap and not self._sent_start(i):
            return
        types, label = lx.coref_nouns[key]
        nxt = i + 1
        if nxt < len(toks) and (toks[nxt].is_cap or toks[nxt].text.isupper()) and toks[nxt].sent == t.sent:
            return  # apposition "nyhetsbyrået Sana": the name that follows is the mention
        indefinite = lx.words("indefinite")
        unnamed = i > 0 and toks[i - 1].lower in indefinite or \
            i > 1 and toks[i - 2].lower in indefinite and toks[i - 1].lower in lx.demonyms
        if unnamed and "media" in types:
            country = self._demonym_before(i)
            adj = adjective(country, lx)
            self._add(i, i + 1, "body", actor=ActorRef(f"{adj} {label}" if adj else label, sorted(types)[0], country))
        elif not unnamed and self._definite(i):
            self._add(i, i + 1, "coref", types=types)

    def _definite(self, i: int) -> bool:
        """"soldatene" / "the (militant) group": a definite noun refers back."""
        t = self.toks[i]
        grammar = self.lx.grammar
        if grammar.definite_article:
            return any(self.toks[j].lower in grammar.definite_article for j in range(max(0, i - 2), i))
        return t.lower.endswith(grammar.definite_suffix) and t.lower != t.lemma

    def _adjective_use(self, i: int) -> bool:
        toks = self.toks
        if not is_adj_form(toks[i].text, self.lang) or i + 1 >= len(toks) or toks[i + 1].sent != toks[i].sent:
            return False
        nxt = toks[i + 1]
        if not nxt.text.isalpha() or not nxt.text.islower():
            return False
        if toks[i].dep and toks[i].head != i + 1:
            return False  # the parse hangs it elsewhere: a noun ("the military also said", "militære sa")
        return not (nxt.lower in _function_words(self.lang) or nxt.lower in self.lx.weekdays
                    or nxt.lower in self.lx.months)

    def _country_in_clause(self, i: int) -> str | None:
        """ISO3 of the nearest country or demonym in the clause around token i (before first)."""
        toks = self.toks
        gaz = gazetteer.load()

        def at(k: int) -> str | None:
            w = toks[k].lower
            if w in self.lx.demonyms:
                return gaz.iso3.get(self.lx.demonyms[w])
            m = self.covering.get(k)
            return m.actor.country if m is not None and m.kind == "country" and m.actor else None

        def bound(k: int) -> bool:
            return toks[k].text in (",", ";", ":") or toks[k].lower in self.lx.words("clause")

        first, end = self.ranges[toks[i].sent]
        k = i - 1
        while k >= first and not bound(k):
            c = at(k)
            if c:
                return c
            k -= 1
        k = i + 1
        while k < end and not bound(k):
            c = at(k)
            if c:
                return c
            k += 1
        return None

    def _demonym_before(self, i: int) -> str | None:
        toks = self.toks
        k = i - 1
        steps = 0
        while k >= 0 and steps < 3 and toks[k].sent == toks[i].sent:
            w = toks[k].lower
            if w in BACKED and k >= 2 and toks[k - 1].text == "-":
                return None  # "Turkish-backed rebels"
            if w in self.lx.demonyms:
                return gazetteer.load().iso3.get(self.lx.demonyms[w])
            if toks[k].is_punct or w in ("og", "and") or toks[k].is_cap:
                return None
            k -= 1
            steps += 1
        return None

    def _ner_people(self) -> None:
        """Persons from trained entity spans, and capitalised names beside speech verbs."""
        toks, lx = self.toks, self.lx
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.ent in PERSON_LABELS and t.ent_iob == "B" and i not in self.taken:
                j = i + 1
                while j < len(toks) and toks[j].ent in PERSON_LABELS and toks[j].ent_iob == "I":
                    j += 1
                end = j
                while end - 1 > i and toks[end - 1].lower in lx.grammar.genitive_clitic:
                    end -= 1  # "Daniel Ortega 's": the span holds the genitive, the name ends before it
                if not any(k in self.taken for k in range(i, end)) and self._plausible_person(i, end):
                    self._person(i, end, self._canonical_person(i, end)).genitive = end < j
                i = j
                continue
            if t.is_cap and i not in self.taken and not self._sent_start(i) and t.text.isalpha():
                prev = toks[i - 1] if i > 0 else None
                said = prev is not None and any(lx.speech_verbs.get(x) in ("say", "deny", "accuse") for x in prev.lemmas) \
                    and prev.pos in ("VERB", "") and not (prev.is_cap and not self._sent_start(i - 1))  # "State Department"
                if said and prev is not None and prev.sent == t.sent:
                    j = self._name_after(i)
                    if j > i and not gazetteer.load().lookup(t.text) or j - i >= 2:
                        self._person(i, j, self._canonical_person(i, j))
                        i = j
                        continue
            i += 1

    def _plausible_person(self, i: int, j: int) -> bool:
        """A one-word PER span that is a known place, a common word or a code (M5) is not taken as a person."""
        name = " ".join(t.text for t in self.toks[i:j])
        if self._strong_place(name, i) or self._kind_after(j) or self._kind_word(i):
            return False  # "byen El Fasher", "Aleppo", "Myo Thit village": a place the tagger mistook
        if _place_cue(self.lang, self.toks[i].lower) == "facility" and j - i > 1:
            return False  # "Camp Kismayo", "Villa Kismayo": a base or building
        if j - i > 1:
            return all(t.text[:1].isupper() or t.lower in NAME_PARTICLES for t in self.toks[i:j])
        t = self.toks[i]
        if not t.text.isalpha() or gazetteer.load().lookup(t.text) or self._common_word(t):
            return False
        return True

    def _surnames(self) -> None:
        """A capitalised word that is the last name of a person named in full in this article."""
        last = {}
        for m in self.mentions:
            if m.kind == "person" and m.actor and m.b - m.a > 1:
                last.setdefault(self.toks[m.b - 1].text, m.actor)
                last.setdefault(m.actor.name.split()[-1], m.actor)
        for i, t in enumerate(self.toks):
            a = last.get(t.text) or (last.get(t.text[:-1]) if t.text.endswith("s") else None)
            if a is not None and i not in self.taken:
                self._add(i, i + 1, "person", actor=ActorRef(a.name, "person", a.country, a.role, a.org),
                          genitive=t.text not in last)

    def _places(self) -> None:
        toks, lx = self.toks, self.lx
        # countries already found are places too (their mention carries place_name)
        for m in self.mentions:
            if m.kind == "country":
                m.place_hint = "country"
        i = 0
        while i < len(toks):
            t = toks[i]
            if i in self.taken or not (t.is_cap or t.ent in PLACE_LABELS) or t.is_punct:
                i += 1
                continue
            if t.lower in lx.months or t.lower in lx.weekdays or t.lower in lx.channels:
                i += 1
                continue
            facility = self._facility_at(i)
            if facility is not None:
                i = facility
                continue
            found = self._gazetteer_name(i)
            if found is None:
                if _place_cue(self.lang, t.lower) == "direction":
                    i += 1  # "Southern" in "Southern Gaza": the name after it is looked up on its own
                    continue
                i = self._unknown_place(i)
                continue
            n, name, hint, cands = found
            if self._named_after(i + n):
                i += n  # "the Minsk agreements": the treaty, not the city
                continue
            if not self._evidence(i, n, name, hint, cands):
                i = self._unknown_place(i)  # no town of that name, but maybe a longer one: "Abu al-Khaseeb village"
                continue
            hint = hint or self._kind_word(i)
            end = self._facility_after(i + n)
            if end is not None:  # "Zaporizhzhia nuclear station": the plant, not the town
                self._add(i, end, "place", place_name=self.text[t.start:toks[end - 1].end], place_hint="facility")
                i = end
                continue
            sure = _has_entities(self.lang) or bool(hint or self._strong_place(name, i))
            b = i + n
            while b < len(toks) and b - i - n < 2 and toks[b].sent == t.sent and toks[b].is_cap and \
                    self._place_noun_any(b):
                b += 1  # its kind word, capitalised as part of the name: "Hamidiya Camp", "Kherson Oblast"
            if hint == "facility":
                name = " ".join(self.text[t.start:toks[b - 1].end].split())  # "Tahrir Square"
            m = self._add(i, b, "place", place_name=name, place_hint=hint, sure=sure)
            capital = self._capital_actor(m)
            if capital:
                m.kind = "capital"
                m.actor = capital
            i = b
        # coordinated names share a kind word: "provinsene Idlib og Aleppo"
        places = [m for m in self.mentions if m.kind in ("place", "capital")]
        for a, b in zip(places, places[1:], strict=False):
            if a.place_hint and not b.place_hint and b.a == a.b + 1 and toks[a.b].lower in ("og", "and", ","):
                b.place_hint = a.place_hint

    def _gazetteer_name(self, i: int) -> tuple[int, str, str | None, list] | None:
        """The longest name (up to three capitalised tokens) from token i the gazetteer knows: (n, name, hint, cands)."""
        toks, lx = self.toks, self.lx
        gaz = gazetteer.load()
        for n in range(3, 0, -1):
            if i + n > len(toks) or any(k in self.taken for k in range(i, i + n)) or toks[i + n - 1].sent != toks[i].sent:
                continue
            if n > 1 and not all(x.is_cap or x.lower in NAME_PARTICLES or x.text == "-" for x in toks[i:i + n]):
                continue
            name = " ".join(x.text for x in toks[i:i + n]).replace(" - ", "-")
            if n == 1 and _place_cue(self.lang, name.lower()) == "direction":
                continue  # a direction is never a place of its own ("Central", "Southern")
            hint = None
            name, cands = _with_direction(name, gaz.lookup(name), self.lang)
            if name.lower() in _abbreviations(self.lang) and not name.isupper():
                continue  # "Us", "Car": a country's abbreviation only in capitals
            if not cands and n == 1 and "-" in name:
                base, _, rest = name.partition("-")
                if _place_cue(self.lang, rest.lower()) == "named_after":
                    return None  # "Minsk-avtalen", "Dayton-avtalen"
                hint = lx.place_kinds.get(rest.lower())
                if hint or rest[:1].islower():
                    base, cands = _with_direction(base, gaz.lookup(base), self.lang)
                name = base if cands else name
            gen = self.lx.grammar.genitive_suffix
            if not cands and n == 1 and gen and name.endswith(gen) and len(name) > 3:
                cands = gaz.lookup(name[:-1])
                name = name[:-1] if cands else name
            if cands:
                return n, name, hint, cands
        return None

    def _evidence(self, i: int, n: int, name: str, hint: str | None, cands: list) -> bool:
        """Whether the text shows that a name the gazetteer knows is a place here, not a word or a name.

        With an entity recogniser: its place span, a place word beside the name, a row of our places file,
        a locative preposition before it, or an earlier sure mention of it; a one-word span it tags as a person
        or organisation counts only for a large place (taggers mistake "Goma", "Daraa"). Rules only: the name
        is no common word at a sentence start and no tagged person or organisation, unless the place is large.
        """
        toks = self.toks
        if self._title_case(toks[i].sent) and not any(c.kind in ("country", "admin1") or c.curated or
                                                      c.population >= LARGE_PLACE for c in cands):
            return False  # a headline: its capitals and its kind words ("Village") tell nothing of a small place
        span = toks[i:i + n]
        ner_place = any(x.ent in PLACE_LABELS for x in span)
        if ner_place or hint or self._kind_word(i) or any(c.curated for c in cands) or name in self.place_names:
            return True
        t = toks[i]
        if not _has_entities(self.lang):
            if n == 1 and self._sent_start(i) and self._common_word(t) and not self._strong_place(name, i):
                return False
            return not ((t.ent in PERSON_LABELS or t.ent == "ORG") and not self._strong_place(name, i))
        if n == 1 and t.pos and t.pos != "PROPN":
            return False  # "She", "Most", "Media", "Early", "Gazan": a pronoun, adjective or common noun
        if t.ent and self._entity_len(i) != n:
            return False  # part of a longer name: "Frank-Walter Steinmeier", "Rapid Support Forces", "CARE Norge"
        if self._locative_before(i):
            return True
        # a one-word span tagged as a person or organisation: a large place under its own name ("Goma", "Daraa");
        # only under its own name where the gazetteer's other names are no exonyms ("Gazan", listed for Jizan)
        return bool(t.ent) and self._strong_place(name, i) and (self.lx.grammar.alternate_names_are_exonyms or any(
            c.kind in ("country", "admin1") or c.curated or c.canonical.lower() == name.lower() for c in cands))

    def _entity_len(self, i: int) -> int:
        """Length of the entity span that token i is inside of."""
        toks = self.toks
        a = i
        while a > 0 and toks[a].ent_iob == "I" and toks[a - 1].ent == toks[i].ent:
            a -= 1
        b = i + 1
        while b < len(toks) and toks[b].ent_iob == "I" and toks[b].ent == toks[i].ent:
            b += 1
        return b - a

    def _locative_before(self, i: int) -> bool:
        """"in Goma", "near the town of", "i Kabul", "in southern Gaza": a preposition of place before the name."""
        toks = self.toks
        k = i - 1
        while k >= 0 and i - k <= 3 and toks[k].sent == toks[i].sent and (
                toks[k].lower in ("the", "den", "det") or _place_cue(self.lang, toks[k].lower) == "direction"):
            k -= 1
        return k >= 0 and toks[k].sent == toks[i].sent and _place_cue(self.lang, toks[k].lower) == "locative"

    def _facility_at(self, i: int) -> int | None:
        """"Villa Kismayo", "Camp Kismayo": a capitalised facility word and a name is a base or building, not the
        town it is named after; added as a place without a pin. Returns the token after it."""
        toks = self.toks
        if _place_cue(self.lang, toks[i].lower) != "facility" or i + 1 >= len(toks) or not toks[i + 1].is_cap:
            return None
        e = self._name_after(i + 1)
        if e <= i + 1 or toks[e - 1].sent != toks[i].sent:
            return None
        self._add(i, e, "place", place_name=" ".join(x.text for x in toks[i:e]), place_hint="facility")
        return e

    def _named_after(self, j: int) -> bool:
        """Whether an agreement or process named after the place starts at token j ("agreements", "avtalen")."""
        return j < len(self.toks) and self.toks[j].sent == self.toks[j - 1].sent and \
            _place_cue(self.lang, self.toks[j].lower) == "named_after"

    def _facility_after(self, j: int) -> int | None:
        """End of a facility phrase after a place name ("nuclear station", "atomkraftverk"), or None."""
        toks = self.toks
        for n in (3, 2, 1):
            if j + n <= len(toks) and _place_cue(self.lang, " ".join(x.lower for x in toks[j:j + n])) == "facility_after":
                return j + n
        return None

    def _unknown_place(self, i: int) -> int:
        """A name no offline source knows, but the text says it is a place ("landsbyen X", "the town of X",
        "Zamzam-leiren", an entity span of a place). Returns the token to go on from."""
        toks, lx = self.toks, self.lx
        t = toks[i]
        if "-" in t.text and t.text[:1].isupper():
            base, _, rest = t.text.partition("-")
            kind = lx.place_kinds.get(rest.lower())
            if kind and base.isalpha():
                self._add(i, i + 1, "place", place_name=base, place_hint=kind)
                return i + 1
        if t.lower in lx.demonyms or t.pos and t.pos != "PROPN":
            return i + 1  # "the Ukrainian city of": an adjective, whatever the tagger's entity label says
        if self._sent_start(i) or not t.text.isalpha() or not t.is_cap or self._title_case(t.sent):
            return i + 1  # in a headline in title case every word looks like a name ("Airstrike Kills At Least 15")
        a, e = self._particle_start(i), self._name_after(i)
        if e <= i:
            return i + 1
        last = e  # a kind word ending the name is its kind: "Abu Shouk Camp", "Rakhine State", "al-Orouba Square"
        while last - 1 > i and self._place_noun_any(last - 1):
            last -= 1
        hint = self._kind_word(a) or (self._place_noun_any(last) if last < e else None) or self._kind_after(e)
        if not hint and t.ent not in PLACE_LABELS:
            return i + 1
        if hint == "facility" or last == e:
            last = e  # a square or base is named with its word ("Tahrir Square"); a camp or town without it
        name = " ".join(self.text[toks[a].start:toks[last - 1].end].split())
        self._add(a, e, "place", place_name=name, place_hint=hint)
        return e

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one finder per article
    def _title_case(self, sent: int) -> bool:
        """Whether a sentence is written in title case: three or more words of four letters or more, all
        capitalised ("Refugees From Burned Village Say Army Trapped Them")."""
        a, b = self.ranges[sent]
        words = [t for t in self.toks[a:b] if t.text.isalpha() and len(t.text) > 3
                 and t.lower not in _function_words(self.lang)]  # "with", "from" stay lowercase in titles
        return len(words) >= TITLE_WORDS and all(t.text[:1].isupper() for t in words)

    def _particle_start(self, i: int) -> int:
        """The first word of a name whose word at i follows an article written with a hyphen ("al-Orouba", "Abu
        al-Khaseeb"): the article, or the name word before it."""
        toks = self.toks
        a = i
        if i >= 2 and toks[i - 1].text == "-" and toks[i - 2].lower in NAME_PARTICLES and \
                toks[i - 2].end == toks[i - 1].start and toks[i - 1].end == toks[i].start:
            a = i - 2
            if a >= 1 and toks[a - 1].is_cap and toks[a - 1].text.isalpha() and a - 1 not in self.taken and \
                    toks[a - 1].sent == toks[i].sent and not self._sent_start(a - 1):
                a -= 1
        return a

    def _place_noun_any(self, k: int) -> str | None:
        """The kind of the place word at token k, capitalised or not ("Camp", "camp", "State")."""
        t = self.toks[k]
        return self.lx.place_kinds.get(t.lower) or self.lx.place_kinds.get(t.lemma) if t.text.isalpha() else None

    def _kind_after(self, e: int) -> str | None:
        """A place word right after a name that ends before token e, where the language puts one there ("Maghazi
        refugee camp", "Tal Hamra village")."""
        toks, lx = self.toks, self.lx
        if lx.grammar.kind_words_after != 2 or e >= len(toks) or toks[e].sent != toks[e - 1].sent:
            return None
        if e + 1 < len(toks) and f"{toks[e].lower} {toks[e + 1].lower}" in lx.place_kinds:
            return lx.place_kinds[f"{toks[e].lower} {toks[e + 1].lower}"]
        return lx.place_kinds.get(toks[e].lower)

    def _strong_place(self, name: str, i: int) -> bool:
        """A name the gazetteer knows well (a country, a region of ours, a city of 50,000+) or after a place word."""
        if self._kind_before(i) or name in self.place_names:
            return True
        return any(c.kind in ("country", "admin1") or c.curated or c.population >= LARGE_PLACE
                   for c in gazetteer.load().lookup(name))

    def _kind_word(self, i: int) -> str | None:
        """The kind a place word beside token i gives it, "the town of X" and a place noun in apposition
        ("its largest city, X") included."""
        return self._kind_before(i) or self._kind_of(i) or self._apposed_kind(i)

    def _kind_of(self, i: int) -> str | None:
        """"the town of X", "the province of X": the kind of the place word before "of". A camp, district or
        neighbourhood "of X" is a part of X, which it leaves without a kind ("a neighbourhood of Gao")."""
        toks = self.toks
        if i < 2 or toks[i - 1].lower != "of" or toks[i - 2].sent != toks[i].sent:
            return None
        kind = self.lx.place_kinds.get(toks[i - 2].lower)
        return None if kind in NAMED_AFTER_KINDS else kind

    def _apposed_kind(self, i: int) -> str | None:
        """"its largest city, X", "the regional capital, X", "X, the provincial capital": the kind of a place noun
        in apposition to the name starting at token i, as the parse relates them or as commas set them off (a
        noun phrase of a determiner, adjectives and the place noun beside the name, the name closed by
        punctuation)."""
        toks, lx = self.toks, self.lx
        sent = toks[i].sent
        first, end = self.ranges[sent]
        e = i
        while e < end and e - i < MAX_NAME_WORDS and (toks[e].is_cap or toks[e].lower in NAME_PARTICLES
                                                       or toks[e].text == "-"):
            e += 1
        name = range(i, e)
        appos = lx.relations("apposition")
        for k in name:
            h = toks[k].head
            if toks[k].dep in appos and h not in name and first <= h < end and self._place_noun(h):
                return self._place_noun(h)  # the name hangs on the place noun: "its largest city, X"
        for j in range(first, end):
            if toks[j].dep in appos and toks[j].head in name and j not in name and self._place_noun(j):
                return self._place_noun(j)  # the place noun hangs on the name: "X, the provincial capital"
        closed = e >= end or toks[e].is_punct
        if closed and i - 2 >= first and toks[i - 1].text == "," and self._place_noun(i - 2) and \
                self._determined(i - 2, first):
            return self._place_noun(i - 2)
        if e + 2 < end and toks[e].text == ",":
            k = e + 1
            if toks[k].lower not in lx.words("determiner"):
                return None
            while k + 1 < end and not toks[k + 1].is_punct and k - e < MAX_NAME_WORDS:
                k += 1
            if (k + 1 >= end or toks[k + 1].is_punct) and self._place_noun(k):
                return self._place_noun(k)
        return None

    def _place_noun(self, k: int) -> str | None:
        """The kind a lowercase place noun at token k names ("city", "byen"), else None."""
        t = self.toks[k]
        if not t.text.islower() or t.pos and t.pos != "NOUN":
            return None
        return self.lx.place_kinds.get(t.lower) or self.lx.place_kinds.get(t.lemma)

    def _determined(self, k: int, first: int) -> bool:
        """Whether the noun at token k opens with a determiner or a genitive, adjectives between: "its largest
        city", "the regional capital", "den største byen"."""
        toks, lx = self.toks, self.lx
        j = k - 1
        while j >= first and k - j <= 3 and toks[j].text.islower() and toks[j].pos in ("ADJ", "ADV", "VERB", ""):
            j -= 1
        return j >= first and (toks[j].lower in lx.words("determiner") | lx.words("possessive")
                               or toks[j].lower in lx.grammar.genitive_clitic)

    def _kind_before(self, i: int) -> str | None:
        toks, lx = self.toks, self.lx
        if i > 0 and toks[i - 1].sent == toks[i].sent and toks[i - 1].lower in lx.place_kinds and \
                (not toks[i - 1].is_cap or self._sent_start(i - 1)):  # "of State Anna Ruiz": a title's word
            return lx.place_kinds[toks[i - 1].lower]
        after = self.lx.grammar.kind_words_after
        if i + 1 < len(toks) and after == 1 and toks[i + 1].sent == toks[i].sent and \
                lx.place_kinds.get(toks[i + 1].lower) == "city":
            return "city"  # "Gaza by", "Kuwait by"
        return self._kind_after(i + 1) if i + 1 < len(toks) else None

    def _capital_actor(self, m: Mention) -> ActorRef | None:
        """A capital used for its government: the subject of a speech or action verb."""
        gaz = gazetteer.load()
        cands = gaz.lookup(m.place_name or "")
        if not cands or cands[0].kind != "city" or cands[0].country is None:
            return None
        if gaz.capitals.get(cands[0].country) != cands[0].canonical:
            return None
        nxt = self.toks[m.b] if m.b < len(self.toks) else None
        prev = self.toks[m.a - 1] if m.a > 0 else None
        if prev is not None and m.a > 1 and prev.lower in self.lx.words("partner_prep") | self.lx.words("patient_prep"):
            prev = self.toks[m.a - 2]  # "talks with Moscow", "sanctions against Moscow": the event noun before
        for t in (nxt, prev):
            if t is not None and t.sent == m.sent and any(x in self.lx.speech_verbs or x in self.lx.triggers
                                                          for x in t.lemmas):
                return country_actor(cands[0].country, self.lx)
        return None


def _initial(text: str) -> bool:
    """An initial: "G." or "G"."""
    return len(text) <= 2 and text[:1].isupper() and text[1:] in ("", ".")


def _national_name(t: Tok, iso2: str | None, lx: Lexicon) -> str:
    """"Palestinians" for palestinere / Palestinians: the English plural of the nationality."""
    if lx.grammar.capitalised_nationals:
        return t.text[:1].upper() + t.text[1:]
    for word, lg, code in rows("nationals.tsv"):
        if lg == "en" and code == (iso2 or "-"):
            return word.capitalize()
    return t.text.capitalize()


@functools.lru_cache(maxsize=4)
def _place_cues(lang: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """lexicon/place_cues.tsv for a language: word -> (cue, English forms of a direction)."""
    langs = languages_of(lang)
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for row in rows("place_cues.tsv"):
        if row[1] in langs:
            out[row[0]] = (row[2], tuple(row[3].split("|")) if len(row) > 3 else ())
    return out


def _place_cue(lang: str, word: str) -> str | None:
    hit = _place_cues(lang).get(word)
    return hit[0] if hit else None


def place_cue(lang: str, word: str) -> str | None:
    """What a word says about the name after it (lexicon/place_cues.tsv): locative, direction, facility …"""
    return _place_cue(lang, word)


def _with_direction(name: str, cands: list, lang: str) -> tuple[str, list]:
    """A name starting with a direction the gazetteer spells otherwise: "South Darfur" -> Southern Darfur,
    "Nord-Darfur" -> North/Northern Darfur; else the place the direction is in ("Nord-Gaza", "Southern Gaza" ->
    Gaza). Returns the name found and its candidates (the name itself when it is known)."""
    if cands:
        return name, cands
    head, sep, rest = name.partition(" ") if " " in name else name.partition("-")
    cue = _place_cues(lang).get(head.lower())
    if not rest or cue is None or cue[0] != "direction":
        return name, cands
    gaz = gazetteer.load()
    for form in cue[1]:
        found = gaz.lookup(f"{form} {rest}")
        if found:
            return f"{form} {rest}", found
    found = gaz.lookup(rest)
    return (rest, found) if found else (name, cands)


def _has_entities(lang: str) -> bool:
    """Whether the language's pipeline tags entities (a trained recogniser or an entity ruler)."""
    names = get_pipeline(lang).pipe_names
    return "ner" in names or "entity_ruler" in names


@functools.lru_cache(maxsize=4)
def _abbreviations(lang: str) -> frozenset[str]:
    """Country names written in capitals ("CAR", "DRC", "U.S."), lowercase: names only as written."""
    return frozenset(name.lower() for name in _country_names(lang) if name.isupper() and len(name) > 1)


@functools.lru_cache(maxsize=4)
def _short_aliases(lang: str) -> frozenset[str]:
    langs = languages_of(lang)
    return frozenset(r[0] for r in rows("organisations.tsv") if r[4] in langs and len(r[0]) <= 4)


@functools.lru_cache(maxsize=4)
def _function_words(lang: str) -> frozenset[str]:
    langs = languages_of(lang) - {"*"}
    words = {w for w, lg in rows("stopwords.tsv") if lg in langs}
    words |= {w for w, lg, _ in rows("function_words.tsv") if lg in langs}
    return frozenset(words)


def find_mentions(doc: Doc, toks: list[Tok], ranges: list[tuple[int, int]], lx: Lexicon, lang: str,
                  text: str) -> list[Mention]:
    return MentionFinder(doc, toks, ranges, lx, lang, text).find()
