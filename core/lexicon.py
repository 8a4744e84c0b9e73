"""Load the data files of ``core/lexicon/`` into one object per language.

Each file holds one concept (see the header comment of each). ``nn`` reads the
Bokmål rows plus its own; ``*`` rows belong to every language.
"""
from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicon"
HOME_COUNTRY = {"nb": "NOR", "nn": "NOR", "en": None}  # whose ministers an unqualified title means


def rows(name: str) -> list[list[str]]:
    out = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append([c.strip() for c in line.split("\t")])
    return out


def languages_of(lang: str) -> set[str]:
    return {"nb", "nn", "*"} if lang in ("nb", "nn") else {lang, "*"}


def lexicon_files() -> list[Path]:
    return sorted(LEXICON_DIR.glob("*.tsv"))


def ends_with_key(lemma: str, keys: dict | set | frozenset) -> str | None:
    """The key this lemma is or ends with (Norwegian compounds: opprørsstyrke -> styrke, hyphens: sør-sudan -> sudan)."""
    if lemma in keys:
        return lemma
    if "-" in lemma:
        tail = lemma.rsplit("-", 1)[1]
        if tail in keys:
            return tail
    for k in range(3, len(lemma) - 3):
        if lemma[k:] in keys:
            return lemma[k:]
    return None


class _CompoundKeys(dict):
    """lemma -> ends_with_key(lemma, table), filled on first use; a hit is one dict lookup."""

    def __init__(self, table: dict) -> None:
        super().__init__()
        self.table = table  # held, so the id it is registered under stays this table's

    def __missing__(self, lemma: str) -> str | None:
        if len(self) > 200_000:
            self.clear()
        found = self[lemma] = ends_with_key(lemma, self.table)
        return found


_COMPOUND_INDEXES: dict[int, _CompoundKeys] = {}


def compound_keys(table: dict) -> _CompoundKeys:
    """The memo of ``ends_with_key`` for one of a Lexicon's tables (long-lived; not for a temporary dict)."""
    index = _COMPOUND_INDEXES.get(id(table))
    if index is None or index.table is not table:
        index = _COMPOUND_INDEXES[id(table)] = _CompoundKeys(table)
    return index


def compound_key(lemma: str, table: dict) -> str | None:
    """The key of a Lexicon table this lemma is or ends with, memoised per table."""
    return compound_keys(table)[lemma]


_PHRASE_STARTS: dict[int, tuple[dict, frozenset[str]]] = {}


def phrase_starts(table: dict) -> frozenset[str]:
    """First words of a Lexicon table's multi-word keys, so a two-word key is built only after one of them."""
    hit = _PHRASE_STARTS.get(id(table))
    if hit is None or hit[0] is not table:
        hit = _PHRASE_STARTS[id(table)] = (table, frozenset(k.split(" ", 1)[0] for k in table if " " in k))
    return hit[1]


@dataclass
class Trigger:
    term: str
    event_type: str
    mode: str | None
    kill: bool
    head: bool
    verb_only: bool
    needs: frozenset[str]
    noun_only: bool = False
    deontic: bool = False       # "X må …" in a speaker's words: the speaker demands it (of X)
    target: bool = False        # only with someone it is aimed at, or said by a side in the conflict ("warn")


@dataclass(frozen=True, slots=True)
class Grammar:
    """Where a language's grammar differs from the others (lexicon/grammar.tsv)."""
    verb_second: bool = False
    zero_that: bool = False
    genitive_suffix: str = ""                   # "s": "Syrias"
    genitive_clitic: tuple[str, ...] = ()       # "'s", "'": "Syria 's"
    definite_suffix: tuple[str, ...] = ()       # "soldatene"
    definite_article: tuple[str, ...] = ()      # "the group"
    attributive_names: bool = False
    capitalised_nationals: bool = False
    kind_words_after: int = 1
    bare_quote_continues: bool = False
    home_titles: bool = False
    tables_hold_no_names: bool = False          # a word the lemma tables know is a common word, never a name
    alternate_names_are_exonyms: bool = False   # the gazetteer's other names of a place are the language's own
    compound_words: bool = False                # words join into one ("luftangrep"): a compound ends with its head
    passive_suffix: str = ""                    # "s": "drepes", the infinitive + s
    participle_like_definite: str = ""          # "et": "angrepet" is the attack or attacked


def _grammar(lang: str) -> Grammar:
    """The language's rows; Nynorsk takes the Bokmål rows and then its own, which win."""
    values: dict[str, object] = {}
    kinds = {f.name: f.type for f in Grammar.__dataclass_fields__.values()}
    order = ["*", "nb", "nn"] if lang == "nn" else ["*", lang]
    for feature, lg, value in sorted(rows("grammar.tsv"), key=lambda r: order.index(r[1]) if r[1] in order else -1):
        if lg not in order:
            continue
        if feature not in kinds:
            raise KeyError(f"grammar.tsv: unknown feature {feature!r}")
        kind = str(kinds[feature])
        words = () if value == "-" else tuple(value.split())
        if kind == "bool":
            values[feature] = value == "yes"
        elif kind == "int":
            values[feature] = int(value)
        elif kind == "str":
            values[feature] = "" if value == "-" else value
        else:
            values[feature] = words
    return Grammar(**values)  # type: ignore[arg-type]


@dataclass
class Lexicon:
    lang: str
    demonyms: dict[str, str] = field(default_factory=dict)          # form -> ISO2
    country_adjective: dict[str, str] = field(default_factory=dict)  # ISO2 -> English adjective
    organisations: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    forces: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # label, type, state|nonstate|none
    roles: dict[str, tuple[str, str | None, bool]] = field(default_factory=dict)
    bodies: dict[str, tuple[str, str]] = field(default_factory=dict)
    persons: dict[str, tuple[str, str | None, str | None, str | None]] = field(default_factory=dict)
    person_forms: dict[str, str] = field(default_factory=dict)       # lower form -> canonical
    speech_verbs: dict[str, str] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    triggers: dict[str, list[Trigger]] = field(default_factory=dict)
    modes: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    months: dict[str, int] = field(default_factory=dict)
    relative_days: dict[str, int] = field(default_factory=dict)
    place_kinds: dict[str, str] = field(default_factory=dict)
    function: dict[str, set[str]] = field(default_factory=dict)     # role -> words
    syntax: dict[str, set[str]] = field(default_factory=dict)       # role -> dependency labels
    speaker_nouns: set[str] = field(default_factory=set)            # heads of unnamed speakers (officials)
    common_words: set[str] = field(default_factory=set)             # no names at a sentence start (common_words.tsv)
    coref_nouns: dict[str, tuple[frozenset[str], str]] = field(default_factory=dict)
    nationals: dict[str, str | None] = field(default_factory=dict)  # plural noun -> ISO2
    toll_qualifiers: dict[str, str] = field(default_factory=dict)   # "minst" -> "at least"
    home_country: str | None = None
    grammar: Grammar = field(default_factory=Grammar)

    def words(self, role: str) -> set[str]:
        """Function words with this grammatical role (lexicon/function_words.tsv); an unknown role raises."""
        if role not in _roles("function_words.tsv"):
            raise KeyError(f"no role {role!r} in function_words.tsv")
        return self.function.get(role, set())

    def relations(self, role: str) -> set[str]:
        """Dependency labels with this role in this language's parser (lexicon/syntax.tsv); an unknown role raises."""
        if role not in _roles("syntax.tsv"):
            raise KeyError(f"no role {role!r} in syntax.tsv")
        return self.syntax.get(role, set())


@functools.lru_cache(maxsize=8)
def load(lang: str) -> Lexicon:
    langs = languages_of(lang)
    lx = Lexicon(lang=lang, home_country=HOME_COUNTRY.get(lang), grammar=_grammar(lang))
    _load_actors(lx, langs)
    _load_events(lx, langs)
    _load_words(lx, langs)
    return lx


def _mine(name: str, langs: set[str], at: int = 1) -> Iterator[list[str]]:
    """The rows of a lexicon file whose language column (``at``) is one of ``langs``."""
    return (r for r in rows(name) if r[at] in langs)


def _opt(cell: str) -> str | None:
    return None if cell == "-" else cell


def _load_actors(lx: Lexicon, langs: set[str]) -> None:
    """Demonyms, organisations, forces, roles, bodies and persons."""
    for form, lg, iso2 in rows("demonyms.tsv"):
        if lg == "en":
            lx.country_adjective.setdefault(iso2, " ".join(w.capitalize() if w not in ("u.s.",) else "US" for w in form.split()))
        if lg in langs:
            lx.demonyms[form] = iso2
            if lg in ("nb", "nn"):
                lx.demonyms[form + "e"] = iso2
    lx.organisations.update({a.lower(): (c, t, _opt(i)) for a, c, t, i, _ in _mine("organisations.tsv", langs, 4)})
    lx.forces.update({noun: (label, typ, state) for noun, _, label, typ, state in _mine("forces.tsv", langs)})
    lx.roles.update({noun: (role, _opt(org), state == "state") for noun, _, role, org, state in _mine("roles.tsv", langs)})
    lx.bodies.update({noun: (name, typ) for noun, _, name, typ in _mine("bodies.tsv", langs)})
    for name, forms, iso3, role, org in rows("persons.tsv"):
        lx.persons[name] = (_opt(iso3), role, _opt(org), name)
        lx.person_forms[name.lower()] = name
        lx.person_forms.update({f.lower(): name for f in forms.split(";") if f and f != "-"})


def _load_events(lx: Lexicon, langs: set[str]) -> None:
    """Speech verbs, channels, event triggers, modes, tolls' qualifiers."""
    lx.speech_verbs.update({lemma: kind for lemma, _, kind in _mine("speech_verbs.tsv", langs)})
    lx.channels.update({term: channel for term, _, channel in _mine("channels.tsv", langs)})
    for term, _, etype, mode, flags in _mine("triggers.tsv", langs):
        fl = set() if flags == "-" else set(flags.split(","))
        needs = next((f[6:] for f in fl if f.startswith("needs=")), "")
        lx.triggers.setdefault(term, []).append(Trigger(
            term, etype, _opt(mode), "kill" in fl, "head" in fl, "verb" in fl,
            frozenset(needs.split("|")) if needs else frozenset(), "noun" in fl, "deontic" in fl,
            "target" in fl))
    lx.modes.update({word: mode for word, _, mode in _mine("modes.tsv", langs)})
    lx.toll_qualifiers.update({phrase: q for phrase, _, q in _mine("toll_qualifiers.tsv", langs)})


def _load_words(lx: Lexicon, langs: set[str]) -> None:
    """Numbers, dates, place kinds, coreferring nouns, nationals, function and common words, syntax roles."""
    lx.numbers.update({word: int(value) for word, _, value in _mine("numbers.tsv", langs)})
    for word, _, kind, value in _mine("dates.tsv", langs):
        {"weekday": lx.weekdays, "month": lx.months, "relative": lx.relative_days}[kind][word] = int(value)
    lx.place_kinds.update({word: kind for word, _, kind in _mine("place_kinds.tsv", langs)})
    lx.coref_nouns.update({noun: (frozenset(types.split("|")), label)
                           for noun, _, types, label in _mine("coref_nouns.tsv", langs)})
    lx.nationals.update({word: _opt(iso2) for word, _, iso2 in _mine("nationals.tsv", langs)})
    for word, _, role in _mine("function_words.tsv", langs):
        lx.function.setdefault(role, set()).add(word)
    lx.common_words.update(word for word, _ in _mine("common_words.tsv", langs))
    lx.speaker_nouns.update(noun for noun, _ in _mine("speaker_nouns.tsv", langs))
    for rel, _, role in _mine("syntax.tsv", langs):
        lx.syntax.setdefault(role, set()).add(rel)


@functools.cache
def inflections(lang: str) -> tuple[tuple[str, str, str], ...]:
    """The standard's own endings (lexicon/inflections.tsv): (ending, replacement, word class), in file order."""
    return tuple((ending, "" if rep == "-" else rep, cls) for ending, lg, rep, cls in rows("inflections.tsv")
                 if lg == lang)


@functools.cache
def own_forms(lang: str) -> dict[str, tuple[str, str]]:
    """The standard's own word forms (lexicon/forms.tsv): form -> (lemma, word class)."""
    return {form: (lemma, cls) for form, lg, lemma, cls in rows("forms.tsv") if lg == lang}


OWN_WORD_CLASS = {"speech_verbs.tsv": "verb", "triggers.tsv": "any", "speaker_nouns.tsv": "noun",
                  "roles.tsv": "noun", "bodies.tsv": "noun", "forces.tsv": "noun", "coref_nouns.tsv": "noun"}


@functools.cache
def own_words(lang: str) -> dict[str, str]:
    """Single-word keys of the rows tagged with this language alone, with their word class (verb, noun, any):
    lemmas the Ordbank may lack (Nynorsk "leiar", "kjelde")."""
    out: dict[str, str] = {}
    for name, word_class in OWN_WORD_CLASS.items():
        for row in rows(name):
            if len(row) > 1 and row[1] == lang and " " not in row[0]:
                out[row[0]] = "any" if out.get(row[0], word_class) != word_class else word_class
    return out


@functools.cache
def _roles(name: str) -> frozenset[str]:
    """Every role a role-tagged file names, in any language (a role a language lacks is empty, not unknown)."""
    return frozenset(r[2] for r in rows(name))
