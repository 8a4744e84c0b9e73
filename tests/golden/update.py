"""Rewrite the expected parses of the fixtures: ``python -m tests.golden.update`` (after a deliberate change,
with the diff read before it is committed)."""
from __future__ import annotations

import json
import sys

from tests.test_golden import GOLDEN, cases, parse_case


def main() -> int:
    for name, path, published in cases():
        doc = parse_case(path, published)
        (GOLDEN / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                             encoding="utf-8")
        print(f"wrote tests/golden/{name}.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
