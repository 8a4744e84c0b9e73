"""Read NorNE / Norwegian Dependency Treebank files into spaCy ``Doc`` objects.

Two formats (see ``shared/data/norne/PROVENANCE.md``):

* ``*.conll``  NDT columns: ID FORM LEMMA TAG TAG FEATS HEAD DEPREL _ name=IOB2
* ``*.conllu`` UD CoNLL-U with ``name=IOB2`` and ``SpaceAfter=No`` in MISC

The treebank's own tags (``subst``, ``verb`` ...) are mapped to Universal POS by
``ndt_upos`` so spaCy's rule lemmatizer and the UD dev file can be used; the
treebank's own dependency relations (SUBJ, DOBJ ...) are kept as they are.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc
from spacy.training import biluo_tags_to_spans, iob_to_biluo
from spacy.vocab import Vocab

PUNCT_TAGS = {"clb", "<komma>", "<strek>", "<anf>", "<parentes-beg>", "<parentes-slutt>"}
SIMPLE_UPOS = {
    "adj": "ADJ", "prep": "ADP", "konj": "CCONJ", "sbu": "SCONJ", "adv": "ADV",
    "pron": "PRON", "inf-merke": "PART", "interj": "INTJ", "symb": "SYM", "ukjent": "X",
}
# Verbs the UD conversion of NDT tags AUX when they govern another verb (INFV)
# or a predicative (SPRED): auxiliaries, modals and the copula.
AUX_LEMMAS = {"være", "ha", "bli", "kunne", "skulle", "ville", "måtte", "burde", "få",
              "vere", "vilje"}  # the last two: Nynorsk (UD tags "verte" VERB)
NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "»", "%"}
NO_SPACE_AFTER = {"(", "«"}


@dataclass
class Row:
    form: str
    lemma: str
    tag: str
    feats: str
    head: int
    dep: str
    ner: str
    upos: str = ""
    space: bool = True
    children_deps: list[str] = field(default_factory=list)
    children_tags: set[str] = field(default_factory=set)


def ndt_upos(row: Row) -> str:
    """Universal POS for one NDT token (its children's relations are known)."""
    feats = set(row.feats.split("|"))
    if row.tag in PUNCT_TAGS:
        return "PUNCT"
    if row.tag == "subst":
        return "PROPN" if "prop" in feats else "NOUN"
    if row.tag == "verb":
        aux_deps = {"INFV"} if row.lemma == "bli" else {"INFV", "SPRED"}
        if row.lemma in AUX_LEMMAS and (aux_deps & set(row.children_deps)):
            return "AUX"
        return "VERB"
    if row.lemma == "som":
        if row.tag == "sbu":
            return "PRON"  # relative pronoun
        if row.tag == "prep" and row.dep.endswith("PRED"):
            return "SCONJ"  # "som" introducing a predicative
    if row.tag == "adv" and row.lemma in ("ikke", "ikkje"):
        return "PART"
    if row.tag == "prep":
        if row.lemma in LOCATIVE_ADVERBS:
            return "ADV"
        if row.children_tags & {"inf-merke", "verb", "sbu"}:
            return "SCONJ"  # a preposition that governs a clause
        return "ADP"
    if row.tag == "det":
        if "kvant" in feats and (row.form[:1].isdigit() or "<ordenstall>" not in feats and row.lemma not in QUANT_DET):
            return "NUM"
        if "poss" in feats:
            return "PRON"
        return "DET"
    return SIMPLE_UPOS.get(row.tag, "X")


LOCATIVE_ADVERBS = {"her", "der", "dit", "hit", "herfra", "derfra", "herunder", "heretter", "derpå",
                    "derfor", "dermed", "deretter", "hvor"}
# Quantifying determiners that UD keeps as DET (all, some, every, no, much, many ...).
QUANT_DET = {
    "all", "alle", "noen", "ingen", "hver", "hvert", "mange", "mye", "flere", "få",
    "begge", "enhver", "annen", "samtlige", "mest", "færre", "lite", "litt",
    "noe", "en", "ei", "et", "ingenting", "flest", "nok", "fleire", "somme",
    # Nynorsk
    "ein", "eit", "nokon", "noko", "nokre", "kvar", "kvart", "mykje", "inga", "inkje",
}


def _read_blocks(path: Path) -> Iterator[list[str]]:
    block: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if block:
                    yield block
                block = []
            elif not line.startswith("#"):
                block.append(line)
    if block:
        yield block


def read_sentences(path: Path) -> Iterator[list[Row]]:
    """Yield sentences as rows with UPOS filled in, for both formats."""
    is_conllu = path.suffix == ".conllu"
    for block in _read_blocks(path):
        rows: list[Row] = []
        for line in block:
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
            row = Row(form=cols[1], lemma=cols[2], tag=cols[3], feats=cols[5],
                      head=int(cols[6]), dep=cols[7], ner=misc.get("name", "O"))
            if is_conllu:
                row.upos = cols[3]
                row.space = misc.get("SpaceAfter") != "No"
            rows.append(row)
        if not is_conllu:
            for row in rows:
                if row.head:
                    rows[row.head - 1].children_deps.append(row.dep)
                    rows[row.head - 1].children_tags.add(row.tag)
            for i, row in enumerate(rows):
                row.upos = ndt_upos(row)
                nxt = rows[i + 1].form if i + 1 < len(rows) else ""
                row.space = row.form not in NO_SPACE_AFTER and nxt not in NO_SPACE_BEFORE
        yield rows


def rows_to_doc(vocab: Vocab, rows: list[Row], *, with_syntax: bool = True) -> Doc:
    words = [r.form for r in rows]
    heads = [(r.head - 1) if r.head else i for i, r in enumerate(rows)]
    deps = [("ROOT" if r.head == 0 else r.dep) for r in rows]
    iob = [r.ner if r.ner != "O" else "O" for r in rows]
    iob = [t.replace("B-", "B-", 1) for t in iob]
    doc = Doc(vocab, words=words, spaces=[r.space for r in rows],
              pos=[r.upos for r in rows], lemmas=[r.lemma for r in rows],
              tags=[r.tag for r in rows],
              heads=heads if with_syntax else None, deps=deps if with_syntax else None)
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(iob))
    return doc


def read_docs(vocab: Vocab, path: Path, *, with_syntax: bool = True) -> Iterator[Doc]:
    for rows in read_sentences(path):
        yield rows_to_doc(vocab, rows, with_syntax=with_syntax)
