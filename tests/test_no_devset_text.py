"""The development set stays outside the repository: no tracked file shares a run of seven words with one of its
articles (a test sentence or comment copied from it, or a lexicon row taken from its text)."""
from __future__ import annotations

import os
import re
import subprocess

import pytest

from scripts.eval_devset import ROOT, devset_dir

RUN = 7  # words; shorter runs are common phrases ("the United Nations said on Monday")
SKIP = ("core/models/",)  # the trained pipelines' vocabularies hold words, not text


def runs_of(text: str) -> set[str]:
    words = re.findall(r"\w+", re.sub(r"\\[ntr]", " ", text).lower())  # "…\n\nThe army": "the", not "nthe"
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.fixture(scope="module")
def devset_runs() -> set[str]:
    articles = devset_dir() / "articles"
    if not articles.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the development set is missing at {devset_dir()}")
        pytest.skip(f"no development set at {devset_dir()}")
    return set().union(*(runs_of(p.read_text(encoding="utf-8", errors="ignore"))
                         for p in articles.iterdir() if p.is_file()))


def tracked_text_files() -> list[str]:
    """The files git tracks; outside a git checkout, every file but hidden folders' and build output."""
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True).stdout
        files = out.splitlines()
    except (OSError, subprocess.CalledProcessError):
        files = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                 if not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(ROOT).parts)]
    return [f for f in files if not f.startswith(SKIP) and (ROOT / f).is_file()]


def test_the_check_sees_a_copied_sentence(devset_runs):
    sample = next(iter(devset_runs))
    assert runs_of(f"A test that quotes it: {sample}.") & devset_runs
    first, rest = sample.split(" ", 1)
    assert runs_of(f'"Title\\n\\n{first} {rest}"') & devset_runs  # after a newline escape in a source string


def test_no_tracked_file_holds_dev_set_text(devset_runs):
    found = {}
    for f in tracked_text_files():
        try:
            text = (ROOT / f).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # a binary file
        if shared := runs_of(text) & devset_runs:
            found[f] = sorted(shared)[:2]
    assert not found, f"files sharing {RUN}-word runs with dev-set articles: {found}"
