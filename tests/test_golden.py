"""Every fixture's whole parse against its expected JSON (tests/golden/), field by field.

A change of the parser that changes a fixture's rows fails here with the fields that moved; after reading
them, ``python -m tests.golden.update`` records the new expectation (the diff is then part of the commit).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
VOLATILE = {"text"}  # nothing in a parse depends on the clock; the article text is the input itself


def cases() -> list[tuple[str, Path, str | None]]:
    meta = {m["file"]: m for m in json.loads((FIXTURES / "index.json").read_text(encoding="utf-8"))}
    out = []
    for path in sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.html")):
        out.append((path.stem, path, meta.get(path.name, {}).get("published")))
    seed = ROOT / "seeds" / "idlib_2020-02-28.txt"
    out.append(("seed_idlib", seed, "2020-02-28"))
    return out


def parse_case(path: Path, published: str | None) -> dict:
    from core.export import render
    from core.pipeline import parse_article
    from core.text import read_path
    raw = read_path(str(path))
    parsed = parse_article(raw.text, published=published or raw.published, source=raw.source, title=raw.title,
                           url=raw.url)
    return json.loads(render(parsed, "json"))


def _differences(want: object, got: object, where: str = "") -> list[str]:
    if isinstance(want, dict) and isinstance(got, dict):
        out = []
        for k in sorted(set(want) | set(got)):
            if k in VOLATILE:
                continue
            if k not in got or k not in want:
                out.append(f"{where}.{k}: {'missing' if k not in got else 'new'}")
            else:
                out.extend(_differences(want[k], got[k], f"{where}.{k}"))
        return out
    if isinstance(want, list) and isinstance(got, list) and all(isinstance(x, dict) for x in want + got):
        out = [f"{where}: {len(want)} rows expected, {len(got)} parsed"] if len(want) != len(got) else []
        for n, (w, g) in enumerate(zip(want, got, strict=False)):
            out.extend(_differences(w, g, f"{where}[{n}]"))
        return out
    return [] if want == got else [f"{where}: expected {want!r}, parsed {got!r}"]


@pytest.mark.parametrize(("name", "path", "published"), cases(), ids=[c[0] for c in cases()])
def test_fixture_parses_as_recorded(name, path, published):
    expected = GOLDEN / f"{name}.json"
    assert expected.exists(), f"no expected parse for {name}: run python -m tests.golden.update"
    diffs = _differences(json.loads(expected.read_text(encoding="utf-8")), parse_case(path, published))
    assert not diffs, f"{name}: {len(diffs)} fields differ (python -m tests.golden.update records them):\n" + \
        "\n".join(diffs[:40])
