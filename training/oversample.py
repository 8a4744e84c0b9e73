"""A training corpus with one standard repeated: ``python training/oversample.py .build/norne nn 2 OUT.spacy``
(every Bokmål document once, every Nynorsk one twice). Used for stage 4 of the both-standards runs (BENCHMARKS.md)."""
from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin


def main(data: Path, standard: str, times: int, out: Path) -> None:
    vocab = spacy.blank("nb").vocab
    merged = DocBin()
    for code in ("nb", "nn"):
        docs = list(DocBin().from_disk(data / f"train-{code}.spacy").get_docs(vocab))
        for _ in range(times if code == standard else 1):
            for doc in docs:
                merged.add(doc)
        print(f"{code}: {len(docs):,} documents x {times if code == standard else 1}")
    merged.to_disk(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]))
