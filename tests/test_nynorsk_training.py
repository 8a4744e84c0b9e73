"""The treebank's Nynorsk tags map to the same Universal POS as the UD Nynorsk files (training/norne.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
from norne import Row, ndt_upos  # noqa: E402


@pytest.mark.parametrize("form,lemma,tag,feats,children,upos", [
    ("var", "vere", "verb", "pret", ["INFV"], "AUX"),      # the Nynorsk copula/auxiliary
    ("var", "vere", "verb", "pret", ["ADV"], "VERB"),      # ... only when it governs a verb or predicative
    ("vil", "vilje", "verb", "pres", ["INFV"], "AUX"),
    ("vart", "verte", "verb", "pret", ["INFV"], "VERB"),   # UD Nynorsk keeps "verte" a verb
    ("ikkje", "ikkje", "adv", "_", [], "PART"),
    ("eit", "ein", "det", "kvant|nøyt|eint", [], "DET"),
    ("nokre", "nokon", "det", "kvant|fl", [], "DET"),
    ("tre", "tre", "det", "kvant|fl", [], "NUM"),
])
def test_nynorsk_tags(form, lemma, tag, feats, children, upos):
    row = Row(form=form, lemma=lemma, tag=tag, feats=feats, head=0, dep="FINV", ner="O", children_deps=children)
    assert ndt_upos(row) == upos
