"""Write NorNE as spaCy DocBin files for training: ``python training/convert.py NORNE_DIR OUT_DIR``.

train/dev come from the treebank (*.conll: our UPOS mapping, the treebank's own
relations); ud-dev/ud-test come from the UD files (gold UPOS, entities) and are
used only for evaluation.
"""
from __future__ import annotations

import sys
from pathlib import Path

import spacy
from norne import read_docs
from spacy.tokens import DocBin

SPLITS = {
    "train": ("no_bokmaal-norne-ndt-train.conll", True),
    "dev": ("no_bokmaal-norne-ndt-dev.conll", True),
    "test": ("no_bokmaal-norne-ndt-test.conll", True),
    "ud-dev": ("no_bokmaal-ud-dev.conllu", False),
    "ud-test": ("no_bokmaal-ud-test.conllu", False),
}


def main(norne_dir: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("nb").vocab
    for name, (fname, syntax) in SPLITS.items():
        db = DocBin(store_user_data=False)
        n = 0
        for doc in read_docs(vocab, norne_dir / fname, with_syntax=syntax):
            db.add(doc)
            n += 1
        db.to_disk(out_dir / f"{name}.spacy")
        print(f"{name}: {n} sentences -> {out_dir / (name + '.spacy')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
