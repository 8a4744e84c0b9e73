"""Copy a trained pipeline into the project: ``python training/package.py .build/model/model-best core/models/nb_eventdesk``
(the pipeline is named after its folder; ``core/models/nn_eventdesk_ner`` is the Nynorsk entity recogniser)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import spacy

DESCRIPTIONS = {
    "nb_eventdesk": "Norwegian Bokmål pipeline trained on NorNE (entities) and the Norwegian Dependency Treebank "
                    "(UPOS mapped from the treebank's tags, lemmas, the treebank's own dependency relations) "
                    "for EventDesk. Config: training/config.cfg.",
    "nn_eventdesk_ner": "Norwegian Nynorsk entity recogniser: nb_eventdesk's recogniser with its own copy of the "
                        "token encoder, trained on NorNE's Nynorsk part for EventDesk. Config: training/ner_nn.cfg.",
}


def main(src: Path, dst: Path) -> None:
    nlp = spacy.load(src)
    nlp.meta.update({
        "name": dst.name, "version": "1.0.0", "lang": "nb", "description": DESCRIPTIONS[dst.name],
        "sources": [{"name": "NorNE", "url": "https://github.com/ltgoslo/norne", "license": "CC0 (annotations)"}],
        "license": "CC0-1.0 (annotations); the model holds no text",
    })
    if dst.exists():
        shutil.rmtree(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(dst)
    size = sum(p.stat().st_size for p in dst.rglob("*") if p.is_file())
    print(f"{dst}: {size / 2**20:.1f} MB, pipeline {nlp.pipe_names}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
