"""Shared fixtures: the seed, a parse helper, and a store in a temporary folder."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_meta() -> dict:
    return json.loads((SEEDS / "index.json").read_text(encoding="utf-8"))[0]


@pytest.fixture(scope="session")
def seed_text(seed_meta) -> str:
    return (SEEDS / seed_meta["file"]).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_parsed(seed_text, seed_meta):
    from core import parse_article
    return parse_article(seed_text, lang="nb", published=seed_meta["published"], source=seed_meta["source"])


@pytest.fixture
def parse():
    from core import parse_article

    def _parse(text: str, published: str | None = "2024-05-16", lang: str | None = None):
        return parse_article(text, published=published, lang=lang)
    return _parse


@pytest.fixture
def tmp_store(tmp_path, monkeypatch):
    from core.store import Store
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("EVENTDESK_DB", str(path))
    s = Store(path)
    yield s
    s.close()


def pytest_configure(config):
    # The gazetteer and lemma caches live in the user's cache folder; tests may share it.
    os.environ.setdefault("EVENTDESK_CACHE", str(Path.home() / ".cache" / "eventdesk"))
