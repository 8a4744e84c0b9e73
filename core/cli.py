"""Command line: ``python -m core parse PATH`` (the contract) and ``python -m core ingest DIR``."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from core.errors import InputError

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m core", description="EventDesk: news articles -> events and statements")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parse", help="parse one article (.txt, .md, .html, or - for stdin) to JSON, CSV or GeoJSON")
    p.add_argument("path")
    p.add_argument("--lang", default="auto", choices=["auto", "nb", "nn", "en"])
    p.add_argument("--published", help="publication date YYYY-MM-DD (anchors 'fredag', 'yesterday')")
    p.add_argument("--format", default="json", choices=["json", "csv", "geojson"])
    p.add_argument("--source", help="outlet, e.g. NTB")
    p.add_argument("--online", action="store_true", help="ask an online geocoder (Nominatim) for unknown places")
    i = sub.add_parser("ingest", help="parse every article in a folder into the store, in parallel")
    i.add_argument("folder")
    i.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 1)))
    i.add_argument("--db", help="store file (default: $EVENTDESK_DB or ~/.eventdesk/eventdesk.duckdb)")
    i.add_argument("--lang", default="auto", choices=["auto", "nb", "nn", "en"])
    i.add_argument("--quiet", action="store_true", help="no progress bar")
    return ap


def cmd_parse(args: argparse.Namespace) -> int:
    from core.export import render
    from core.pipeline import ParseOptions, parse_article
    from core.text import read_path, read_text

    if args.path == "-":
        data = sys.stdin.buffer.read()
        raw = read_text(data)
    else:
        raw = read_path(args.path)
    opts = ParseOptions()
    if args.online:
        from core.geo_online import OnlineGeocoder
        opts.online_geocoder = OnlineGeocoder.from_env()
    parsed = parse_article(raw.text, lang=args.lang, published=args.published or raw.published,
                           source=args.source or raw.source, title=raw.title, url=raw.url, options=opts)
    out = render(parsed, args.format)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from core.ingest import ingest_folder
    report = ingest_folder(Path(args.folder), workers=args.workers, db=args.db, lang=args.lang,
                           progress=not args.quiet)
    print(f"{report.added} added, {report.duplicates} already stored, {report.failed} failed "
          f"({report.seconds:.1f} s, {report.per_second:.1f} articles/s)", file=sys.stderr)
    for name, why in report.errors[:20]:
        print(f"  {name}: {why}", file=sys.stderr)
    return 0 if report.failed == 0 else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return cmd_parse(args) if args.cmd == "parse" else cmd_ingest(args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one line, never a traceback, unless asked for
        if os.environ.get("EVENTDESK_DEBUG"):
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); set EVENTDESK_DEBUG=1 for details",
              file=sys.stderr)
        return EXIT_INTERNAL
