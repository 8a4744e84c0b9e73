"""The dev set's figures may not drop more than 0.02 below those recorded in EVALUATION.md (make eval)."""
from __future__ import annotations

import os

import pytest

from scripts.eval_devset import FIGURES, ROOT, devset_dir, read_floors, run

TOLERANCE = 0.02


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    if not (devset_dir() / "score.py").exists():
        if os.environ.get("CI"):
            pytest.fail(f"the development set is missing at {devset_dir()} (CI needs ../shared/devset)")
        pytest.skip(f"no development set at {devset_dir()}: the floor test needs ../shared/devset")
    return run(devset_dir())


def test_floors_are_recorded():
    floors = read_floors(ROOT / "EVALUATION.md")
    assert set(floors) == {"en", "nb", "nn"}
    assert all(set(f) == set(FIGURES) for f in floors.values())


@pytest.mark.parametrize("lang", ["en", "nb", "nn"])
def test_no_figure_drops_below_its_floor(results, lang):
    floors = read_floors(ROOT / "EVALUATION.md")[lang]
    got = results[lang]["summary"]
    dropped = {k: (got[k], floors[k]) for k in FIGURES if got[k] < floors[k] - TOLERANCE}
    assert not dropped, f"{lang}: figures below their floor - {TOLERANCE} (got, floor): {dropped}"
