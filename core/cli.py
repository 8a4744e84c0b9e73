"""Command line: ``python -m core parse PATH`` (the contract), ``ingest PATH ...``, ``archive ACTION`` and
``export {events,incidents,statements}``."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from core.errors import InputError, StoreError

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
ARCHIVE_ENV = "EVENTDESK_ARCHIVE"


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
    i = sub.add_parser("ingest", help="parse every article in folders (or files) into the store, in parallel")
    i.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    i.add_argument("--engine", default="processes", choices=["processes", "dask"],
                   help="processes: a pool on this machine, straight into the store (default); "
                        "dask: a Dask cluster writes a Parquet archive, which the store then reads")
    i.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 1)),
                   help="processes (or, for dask without --scheduler, local worker processes)")
    i.add_argument("--scheduler", metavar="ADDRESS", help="dask: a running scheduler, e.g. tcp://10.0.0.5:8786 "
                                                          "(default: a LocalCluster on this machine)")
    i.add_argument("--archive", metavar="DIR", type=Path,
                   help=f"dask: the archive folder (default: ${ARCHIVE_ENV} or 'archive' beside the store)")
    i.add_argument("--store", dest="into", default="copy", choices=["copy", "attach", "none"],
                   help="dask: copy the archive into the store (default), attach it in place (too large to "
                        "copy), or only write the archive")
    i.add_argument("--db", help="store file (default: $EVENTDESK_DB or ~/.eventdesk/eventdesk.duckdb)")
    i.add_argument("--lang", default="auto", choices=["auto", "nb", "nn", "en"])
    i.add_argument("--quiet", action="store_true", help="no progress bar")
    a = sub.add_parser("archive", help="the store and a Parquet archive: import, attach, detach, failures, info")
    a.add_argument("action", choices=["import", "attach", "detach", "failures", "info"])
    a.add_argument("dir", nargs="?", type=Path, help="the archive folder (default: the one the store last read)")
    a.add_argument("--db", help="store file (default: $EVENTDESK_DB or ~/.eventdesk/eventdesk.duckdb)")
    x = sub.add_parser("export", help="events, incidents or statements of the store as CSV, Excel, GeoJSON or "
                                      "an ACLED-shaped CSV (corrections applied)")
    x.add_argument("table", choices=["events", "incidents", "statements"])
    x.add_argument("--format", default="csv", choices=["csv", "xlsx", "geojson", "acled"])
    x.add_argument("--db", help="store file (default: $EVENTDESK_DB or ~/.eventdesk/eventdesk.duckdb)")
    x.add_argument("--out", help="write to this file (default: standard output)")
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


def default_archive(db: str | None) -> Path:
    from core.store import default_path
    env = os.environ.get(ARCHIVE_ENV)
    return Path(env).expanduser() if env else (Path(db) if db else default_path()).parent / "archive"


def cmd_ingest(args: argparse.Namespace) -> int:
    from core.store import Store
    if args.engine == "processes":
        from core.ingest import ingest_folder
        report = ingest_folder(list(args.paths), workers=args.workers, db=args.db, lang=args.lang,
                               progress=not args.quiet)
    else:
        from core.archive import ingest_dask
        archive = args.archive or default_archive(args.db)
        report = ingest_dask(list(args.paths), archive=archive, scheduler=args.scheduler, workers=args.workers,
                             lang=args.lang, progress=not args.quiet)
        print(f"archive {report.archive}: {report.partitions} partitions on {report.workers} workers, "
              f"{report.skipped} files already done", file=sys.stderr)
        if args.into != "none":
            store = Store(args.db)
            try:
                if args.into == "copy":
                    added = store.import_archive(archive)
                    print(f"store {store.path}: {added['articles']} articles and {added['events']} events copied in",
                          file=sys.stderr)
                else:
                    store.attach_archive(archive)
                    print(f"store {store.path}: reads the archive in place", file=sys.stderr)
                store.record_failures(report.errors, engine="dask")
            finally:
                store.close()
    print(f"{report.added} added, {report.duplicates} duplicates, {report.failed} failed "
          f"({report.seconds:.1f} s, {report.per_second:.1f} articles/s)", file=sys.stderr)
    _print_failures(report.errors)
    return 0 if report.failed == 0 else 1


def _print_failures(errors: list[tuple[str, str]], limit: int = 20) -> None:
    for name, why in errors[:limit]:
        print(f"  failed: {name}: {why}", file=sys.stderr)
    if len(errors) > limit:
        print(f"  … and {len(errors) - limit} more: python -m core archive failures", file=sys.stderr)


def cmd_archive(args: argparse.Namespace) -> int:
    from core.archive import Archive, summary
    from core.store import Store
    store = Store(args.db)
    try:
        folder = args.dir or store.scalar("SELECT value FROM meta WHERE key = 'archive.path'")
        if args.action == "failures":
            df = store.df("SELECT file, reason, failed_at, engine FROM ingest_failures ORDER BY failed_at, file")
            sys.stdout.write(df.to_csv(index=False))
        elif args.action == "detach":
            store.detach_archive()
        elif folder is None:
            raise InputError("no archive folder given, and the store has read none")
        elif args.action == "import":
            added = store.import_archive(folder)
            print(", ".join(f"{v} {k}" for k, v in added.items()) + " added", file=sys.stderr)
        elif args.action == "attach":
            store.attach_archive(folder)
        else:
            Archive(folder).check()
            print(json.dumps({**(summary(str(folder)) or {}), "store": str(store.path),
                              "mode": store.scalar("SELECT value FROM meta WHERE key = 'archive.mode'")}, indent=1))
    finally:
        store.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from core.export import export
    from core.store import SCHEMA_VERSION, Store, StoreError, default_path
    path = Path(args.db) if args.db else default_path()
    if not path.exists():
        raise InputError(f"no store at {path} (ingest articles first, or give --db)")
    try:
        store = Store(path, read_only=True)
        if store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") != str(SCHEMA_VERSION):
            store.close()
            store = Store(path)  # an older store: bring it up to date first
    except StoreError as exc:
        raise InputError(str(exc)) from None
    try:
        data = export(store, args.table, args.format)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    finally:
        store.close()
    if args.out:
        Path(args.out).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"parse": cmd_parse, "ingest": cmd_ingest, "archive": cmd_archive, "export": cmd_export}[args.cmd](args)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except StoreError as exc:  # in use, gone, full or read-only: the message says which
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INTERNAL
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # one line, never a traceback, unless asked for
        if os.environ.get("EVENTDESK_DEBUG"):
            raise
        print(f"error: internal error ({type(exc).__name__}: {exc}); set EVENTDESK_DEBUG=1 for details",
              file=sys.stderr)
        return EXIT_INTERNAL
