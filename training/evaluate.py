"""Scores of the Norwegian pipeline per written standard: ``python training/evaluate.py core/models/nb_eventdesk .build/norne``.

For Bokmål (nb) and Nynorsk (nn): entities, UPOS and lemmas against NorNE's UD files (dev and
test); attachment scores against the treebank's own relations (the NDT dev and test files). Gold
tokenisation, as in spaCy's own evaluation of a corpus. Also words per second (on the Bokmål UD
dev text) and size on disk.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example

STANDARDS = ("nb", "nn")
SPLITS = ("dev", "test")


def examples(nlp, path: Path) -> list[Example]:
    out = []
    for gold in DocBin().from_disk(path).get_docs(nlp.vocab):
        pred = Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])
        out.append(Example(pred, gold))
    return out


def score(nlp, data: Path, code: str, split: str) -> dict:
    ud = nlp.evaluate(examples(nlp, data / f"ud-{split}-{code}.spacy"))
    ndt = nlp.evaluate(examples(nlp, data / f"{split}-{code}.spacy"))
    res = {"ents_f": ud["ents_f"], "ents_p": ud["ents_p"], "ents_r": ud["ents_r"], "pos_acc": ud["pos_acc"],
           "lemma_acc": ud["lemma_acc"], "dep_uas": ndt["dep_uas"], "dep_las": ndt["dep_las"]}
    res = {k: round(v * 100, 2) for k, v in res.items()}
    res["ents_per_type"] = {k: round(v["f"] * 100, 2) for k, v in ud["ents_per_type"].items()}
    return res


def score_through_bokmal(nlp, data: Path, code: str, split: str) -> dict | None:
    """The same scores with the standard read as the parser reads Nynorsk (``core.nlp.parse``): tags, lemmas and parse
    from its Bokmål forms (``lexicon/tagger_words.tsv``), entities from the standard's own recogniser when one is
    shipped (``core/models/nn_eventdesk_ner``); None for a standard without such rows."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from spacy.scorer import Scorer

    from core.nlp import _tagger_words, parse_tokens
    if not _tagger_words(code)[0]:
        return None

    def scored(path: Path) -> dict:
        gold = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        pred = parse_tokens(nlp, [Doc(nlp.vocab, words=[t.text for t in g], spaces=[bool(t.whitespace_) for t in g])
                                  for g in gold], code)
        return Scorer(nlp).score([Example(p, g) for p, g in zip(pred, gold, strict=True)])
    ud, ndt = scored(data / f"ud-{split}-{code}.spacy"), scored(data / f"{split}-{code}.spacy")
    res = {"ents_f": ud["ents_f"], "ents_p": ud["ents_p"], "ents_r": ud["ents_r"], "pos_acc": ud["pos_acc"],
           "lemma_acc": ud["lemma_acc"], "dep_uas": ndt["dep_uas"], "dep_las": ndt["dep_las"]}
    return {k: round(v * 100, 2) for k, v in res.items()}


def speed(nlp, data: Path) -> float:
    texts = [" ".join(t.text for t in d) for d in DocBin().from_disk(data / "ud-dev-nb.spacy").get_docs(nlp.vocab)]
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:200]))
    t0 = time.perf_counter()
    list(nlp.pipe(texts, batch_size=256))
    return words / (time.perf_counter() - t0)


def _size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def main(model: Path, data: Path) -> dict:
    nlp = spacy.load(model)
    res: dict = {code: {split: score(nlp, data, code, split) for split in SPLITS} for code in STANDARDS}
    for code in STANDARDS:
        through = {split: score_through_bokmal(nlp, data, code, split) for split in SPLITS}
        if all(through.values()):
            res[f"{code}_through_bokmal"] = through
    res["words_per_second"] = round(speed(nlp, data))
    res["size_mb"] = _size_mb(model)
    from core.nlp import own_recogniser_path
    for code in STANDARDS:
        if (own := own_recogniser_path(code)) is not None:
            res[f"{code}_recogniser"] = {"path": str(own), "size_mb": _size_mb(own)}
    print(json.dumps(res, indent=1))
    (model.parent / f"{model.name}.scores.json").write_text(json.dumps(res, indent=1))
    return res


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
