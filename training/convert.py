"""Write NorNE as spaCy DocBin files for training: ``python training/convert.py NORNE_DIR OUT_DIR``.

The pipeline reads both written standards, so ``train``/``dev`` hold the Bokmål and the
Nynorsk treebank together (our UPOS mapping, the treebank's own relations); ``dev`` picks
the best checkpoint. Each standard's own splits are written too, for evaluation:
``{dev,test}-{nb,nn}`` from the treebank (attachment) and ``ud-{dev,test}-{nb,nn}`` from
the UD files (gold UPOS, lemmas, entities).
"""
from __future__ import annotations

import sys
from pathlib import Path

import spacy
from norne import read_docs
from spacy.tokens import DocBin

STANDARDS = {"nb": "no_bokmaal", "nn": "no_nynorsk"}
# split -> (file suffix, with syntax)
PARTS = {
    "train": ("norne-ndt-train.conll", True),
    "dev": ("norne-ndt-dev.conll", True),
    "test": ("norne-ndt-test.conll", True),
    "ud-dev": ("ud-dev.conllu", False),
    "ud-test": ("ud-test.conllu", False),
}
COMBINED = ("train", "dev")


def write(docs: list, path: Path) -> None:
    db = DocBin(store_user_data=False)
    for doc in docs:
        db.add(doc)
    db.to_disk(path)
    print(f"{path.name}: {len(docs)} sentences")


def main(norne_dir: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("nb").vocab
    for split, (suffix, syntax) in PARTS.items():
        both = []
        for code, prefix in STANDARDS.items():
            docs = list(read_docs(vocab, norne_dir / f"{prefix}-{suffix}", with_syntax=syntax))
            write(docs, out_dir / f"{split}-{code}.spacy")
            both.extend(docs)
        if split in COMBINED:
            write(both, out_dir / f"{split}.spacy")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
