"""Score the parser on the development set (``../shared/devset``), per language, and write EVALUATION.md.

``make eval`` runs this. The scoring is the dev set's own ``score.py``; only its parse step is replaced by
an in-process call of the same contract (``python -m core parse PATH --published DATE``: read the file,
``parse_article``, render JSON), so the pipelines load once per language instead of once per article.
Languages run in parallel worker processes. The dev set's text never enters the repository: EVALUATION.md
holds figures and the scorer's miss lists (gold place names and event keys; missed statements are counted,
since the scorer shows them by their quoted words).

    python scripts/eval_devset.py [--devset DIR] [--out EVALUATION.md] [--json FILE] [--no-write]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEVSET = ROOT.parent / "shared" / "devset"
LANGS = ("en", "nb", "nn")
FIGURES = ("statement_recall", "statement_precision", "event_recall", "place_recall", "pin_precision",
           "fatality_precision")
START, END = "<!-- eval:start -->", "<!-- eval:end -->"


def devset_dir() -> Path:
    return Path(os.environ.get("EVENTDESK_DEVSET", DEFAULT_DEVSET))


def _scorer(devset: Path):
    spec = importlib.util.spec_from_file_location("devset_score", devset / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _parse_in_process(checkout: str, path: str, published: str | None) -> tuple[dict, float]:
    """The contract's parse (core.cli.cmd_parse) without a new interpreter per article."""
    from core.export import render
    from core.pipeline import parse_article
    from core.text import read_path

    t0 = time.perf_counter()
    raw = read_path(path)
    parsed = parse_article(raw.text, lang="auto", published=published or raw.published, source=raw.source,
                           title=raw.title, url=raw.url)
    return json.loads(render(parsed, "json")), time.perf_counter() - t0


def gold_files(devset: Path, lang: str) -> list[str]:
    out = []
    for path in sorted((devset / "gold").glob("*.json")):
        if json.loads(path.read_text(encoding="utf-8")).get("lang") == lang:
            out.append(str(path))
    return out


def score_language(devset: str, lang: str) -> dict:
    """Score one language's gold files; returns the scorer's summary and rows."""
    sys.path.insert(0, str(ROOT))
    scorer = _scorer(Path(devset))
    scorer.run_parse = _parse_in_process
    golds = gold_files(Path(devset), lang)
    if not golds:
        return {"summary": {}, "rows": [], "n": 0}
    import contextlib
    import io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        summary = scorer.main([str(ROOT), *golds, "--json"])
    rows = json.loads(buf.getvalue())["rows"]
    return {"summary": summary, "rows": rows, "n": len(golds)}


def run(devset: Path, workers: int = 2) -> dict[str, dict]:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {lang: pool.submit(score_language, str(devset), lang) for lang in LANGS}
        return {lang: f.result() for lang, f in futures.items()}


def figures_table(results: dict[str, dict]) -> str:
    head = "| language | articles | " + " | ".join(FIGURES) + " |"
    lines = [head, "|" + "---|" * (len(FIGURES) + 2)]
    for lang, res in results.items():
        s = res["summary"]
        if not s:
            continue
        lines.append(f"| {lang} | {res['n']} | " + " | ".join(f"{s[k]:.3f}" for k in FIGURES) + " |")
    return "\n".join(lines)


def misses(results: dict[str, dict]) -> str:
    out = []
    for res in results.values():
        for row in res["rows"]:
            out.append(f"- **{row[0]}** {row[1]}")
            if len(row) > 2:
                for key, items in row[2].items():
                    if items and key == "missed_statements":  # the scorer shows quote text: counted, not copied
                        out.append(f"  - missed statements: {len(items)}")
                    elif items:
                        shown = "; ".join(_short(x) for x in items)
                        out.append(f"  - {key.replace('_', ' ')}: {shown}")
    return "\n".join(out)


def _short(item: object) -> str:
    text = json.dumps(item, ensure_ascii=False) if not isinstance(item, str) else item
    text = text.replace("|", "/")
    return text if len(text) <= 160 else text[:157] + "..."


def read_floors(path: Path) -> dict[str, dict[str, float]]:
    """The recorded figures per language from EVALUATION.md's current table (the floors the test guards)."""
    text = path.read_text(encoding="utf-8")
    block = text.split(START, 1)[1].split(END, 1)[0] if START in text else ""
    floors: dict[str, dict[str, float]] = {}
    for line in block.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == len(FIGURES) + 2 and cells[0] in LANGS:
            floors[cells[0]] = {k: float(v) for k, v in zip(FIGURES, cells[2:], strict=True)}
    return floors


def write(path: Path, results: dict[str, dict], seconds: float) -> None:
    body = (f"{START}\nMeasured by `make eval` in {seconds:.0f} s (both cores, languages in parallel).\n\n"
            f"{figures_table(results)}\n\n### Misses per article\n\n{misses(results)}\n{END}")
    text = path.read_text(encoding="utf-8") if path.exists() else "# Evaluation\n\n"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _m: body, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n## Now\n\n" + body + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", type=Path, default=devset_dir())
    ap.add_argument("--out", type=Path, default=ROOT / "EVALUATION.md")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--no-write", action="store_true", help="print the table only")
    args = ap.parse_args(argv)
    if not (args.devset / "score.py").exists():
        print(f"no development set at {args.devset}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    results = run(args.devset)
    seconds = time.perf_counter() - t0
    print(figures_table(results))
    print(f"({seconds:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.no_write:
        write(args.out, results, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
