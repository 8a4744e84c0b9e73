"""The Dask engine and the Parquet archive, on a LocalCluster of 2 worker processes on loopback."""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from core.archive import Archive, ingest_dask
from core.ingest import ingest_folder
from core.store import SCHEMA_VERSION, Store
from tests.conftest import FIXTURES, ROOT, SEEDS

TABLES = ("articles", "events", "statements", "places", "actors")
WIRE = ("en_wire.txt", "en_gaza_wire.txt", "nb_sudan_wire.txt", "nb_ukraina_wire.txt")  # a fixed set: counts below


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Our wire-style fixtures and the seed, a second copy of the seed under another name, and two bad files."""
    d = tmp_path_factory.mktemp("articles")
    for p in [*(FIXTURES / n for n in WIRE), SEEDS / "idlib_2020-02-28.txt"]:
        shutil.copy(p, d / p.name)
    shutil.copy(SEEDS / "index.json", d / "index.json")
    shutil.copy(SEEDS / "idlib_2020-02-28.txt", d / "zz_same_text.txt")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (d / "blank.md").write_text("   \n\n  ", encoding="utf-8")
    return d


def rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted; ``ingested_at`` (when) left out."""
    s = Store(db, read_only=True)
    try:
        return {t: sorted(map(repr, s.cursor().execute(f"SELECT * EXCLUDE (ingested_at) FROM {t}" if t == "articles"
                                                      else f"SELECT * FROM {t}").fetchall())) for t in TABLES}
    finally:
        s.close()


@pytest.fixture(scope="module")
def reference(folder, tmp_path_factory) -> dict[str, list[tuple]]:
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    report = ingest_folder(folder, workers=1, db=str(db), progress=False)
    assert (report.added, report.duplicates, report.failed) == (5, 1, 2)
    return rows(db)


def markers(archive: Path) -> int:
    """Finished partitions so far."""
    return len(list((archive / "_done").glob("*.json")))


def copied(archive: Path, db: Path) -> dict[str, int]:
    s = Store(db)
    try:
        return s.import_archive(archive)
    finally:
        s.close()


@pytest.mark.slow  # a cluster of 2 processes loading both pipelines: 20 s before the first task
def test_dask_ingest_gives_the_rows_of_a_single_process_ingest_and_reports_bad_files(client, folder, reference, tmp_path):
    archive, db = tmp_path / "archive", tmp_path / "store.duckdb"
    report = ingest_dask([folder], archive=archive, client=client, size=2, progress=False)
    assert report.partitions == 4 and report.failed == 2 and report.added + report.duplicates == 6
    assert sorted((Path(f).name, why.split(" (")[0]) for f, why in report.errors) == [
        ("binary.txt", "input is binary"), ("blank.md", "input is empty")]
    added = copied(archive, db)
    assert added["articles"] == 5 and rows(db) == reference
    s = Store(db)
    s.record_failures(report.errors, engine="dask")  # as the CLI does: the archive's rows are there already
    assert sorted(Path(f).name for (f,) in s.cursor().execute("SELECT file FROM ingest_failures").fetchall()) == [
        "binary.txt", "blank.md"]
    s.close()
    # a second run finds every file done, parses nothing, and the store adds nothing
    again = ingest_dask([folder], archive=archive, client=client, size=2, progress=False)
    assert (again.partitions, again.skipped, again.added) == (0, 8, 0)
    assert copied(archive, db) == dict.fromkeys(TABLES, 0) and rows(db) == reference


def in_process(folder: Path, archive: Path, size: int) -> None:
    """The archive a Dask run writes, made by calling the workers' task here (no cluster)."""
    from core.archive.layout import Archive, plan
    from core.archive.worker import parse_partition
    from core.ingest import collect
    arc = Archive(archive).create()
    for part in plan(collect([folder]), arc.done_signatures(), size)[0]:
        parse_partition(part, str(arc.root))


def test_archive_partitions_copy_in_to_the_rows_of_a_single_process_ingest(folder, reference, tmp_path):
    archive, db = tmp_path / "archive", tmp_path / "store.duckdb"
    in_process(folder, archive, size=3)
    assert copied(archive, db)["articles"] == 5 and rows(db) == reference
    assert copied(archive, db) == dict.fromkeys(TABLES, 0) and rows(db) == reference


def test_a_partition_that_adds_no_article_keeps_the_columns_typed_and_copies_in(folder, reference, tmp_path):
    """Size 2 puts the two bad files in a partition of their own: no article, yet source_file stays text, so
    the copy-in reads the same types whichever partition's file DuckDB opens first."""
    import duckdb
    archive, db = tmp_path / "archive", tmp_path / "store.duckdb"
    in_process(folder, archive, size=2)
    empty = [f for f in (archive / "articles").glob("*.parquet")
             if duckdb.sql(f"SELECT count(*) FROM '{f}'").fetchall()[0][0] == 0]
    assert len(empty) == 1
    assert {r[0]: r[1] for r in duckdb.sql(f"DESCRIBE SELECT * FROM '{empty[0]}'").fetchall()}["source_file"] == "VARCHAR"
    # an archive written before the columns were typed: the empty partition's source_file as DOUBLE
    duckdb.sql(f"COPY (SELECT * REPLACE (NULL::DOUBLE AS source_file) FROM '{empty[0]}') TO '{empty[0]}' "
               "(FORMAT parquet)")
    assert copied(archive, db)["articles"] == 5 and rows(db) == reference


def test_attached_archive_reads_in_place_and_takes_uploads(folder, reference, tmp_path, seed_parsed):
    archive, db = tmp_path / "archive", tmp_path / "store.duckdb"
    in_process(folder, archive, size=3)
    s = Store(db)
    s.attach_archive(archive)
    assert s.counts()["articles"] == 5 and s.scalar("SELECT count(*) FROM main.articles") == 0
    assert s.ingest(seed_parsed).status == "duplicate"  # already in the archive
    s.close()
    assert rows(db) == reference  # a fresh open reads the views too
    s = Store(db)
    s.detach_archive()
    assert s.counts()["articles"] == 0
    s.close()


@pytest.mark.slow
def test_killing_a_worker_midway_loses_and_duplicates_nothing(client, tmp_path):
    from bench import corpus
    folder = corpus.write(tmp_path / "corpus", 40, lang="nb", words=300)
    ingest_folder(folder, workers=1, db=str(tmp_path / "ref.duckdb"), progress=False)
    archive = tmp_path / "archive"
    done: dict = {}
    run = threading.Thread(target=lambda: done.update(r=ingest_dask([folder], archive=archive, client=client, size=1,
                                                                    progress=False)))
    run.start()
    while not markers(archive):
        time.sleep(0.01)
    busy = [w for w, tasks in client.processing().items() if tasks]
    pid = client.run(os.getpid, workers=busy[:1])[busy[0]]
    finished_before = markers(archive)
    os.kill(pid, signal.SIGKILL)
    run.join(timeout=300)
    report = done["r"]
    assert finished_before < 40 and report.failed == 0 and report.added == 40
    assert markers(archive) == 40
    copied(archive, tmp_path / "store.duckdb")
    assert rows(tmp_path / "store.duckdb") == rows(tmp_path / "ref.duckdb")


@pytest.mark.slow
def test_interrupted_run_resumes_and_skips_what_is_done(client, tmp_path):
    from bench import corpus
    folder = corpus.write(tmp_path / "corpus", 60, lang="nb", words=300)
    archive = tmp_path / "archive"
    cmd = [sys.executable, "-m", "core", "ingest", str(folder), "--engine", "dask", "--workers", "1",
           "--archive", str(archive), "--store", "none", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and not markers(archive):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)  # as Ctrl-C: the run stops, its local cluster is closed
    assert proc.wait(timeout=60) == 130, proc.stderr.read().decode()
    done_files = sum(len(json.loads(p.read_text())["files"]) for p in (archive / "_done").glob("*.json"))
    assert 0 < done_files < 60
    report = ingest_dask([folder], archive=archive, client=client, progress=False)
    assert report.skipped == done_files and report.added == 60 - done_files
    ingest_folder(folder, workers=1, db=str(tmp_path / "ref.duckdb"), progress=False)
    copied(archive, tmp_path / "store.duckdb")
    assert rows(tmp_path / "store.duckdb") == rows(tmp_path / "ref.duckdb")


def test_archive_of_another_schema_is_refused_with_a_clear_message(tmp_path):
    from core.errors import InputError
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "_archive.json").write_text(json.dumps({"format": "eventdesk-archive", "schema_version": 1}))
    s = Store(tmp_path / "s.duckdb")
    from core.archive.layout import TABLES_SINCE
    with pytest.raises(InputError, match=f"archive schema 1; this EventDesk reads schemas {TABLES_SINCE} to {SCHEMA_VERSION}"):
        s.import_archive(tmp_path / "old")
    s.close()


def test_a_schema_1_store_is_migrated(tmp_path):
    s = Store(tmp_path / "s.duckdb")
    s.con.execute("DROP TABLE ingest_failures")
    s.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    s.close()
    s = Store(tmp_path / "s.duckdb")
    assert s.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION) == "5"
    assert s.scalar("SELECT count(*) FROM ingest_failures") == 0
    s.close()


def test_dashboard_opens_on_an_attached_archive_and_settings_shows_it(folder, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest
    archive, db = tmp_path / "archive", tmp_path / "store.duckdb"
    in_process(folder, archive, size=3)
    Archive(archive).log_run({"started": "2026-12-01T20:00:00+00:00", "engine": "dask", "workers": 2, "files": 8,
                              "added": 5, "skipped": 0, "failed": 2, "seconds": 12.5})
    s = Store(db)
    s.attach_archive(archive)
    s.record_failures([(str(folder / "binary.txt"), "input is binary")], engine="dask")
    s.close()
    monkeypatch.setenv("EVENTDESK_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60)
    at.run()
    assert {m.label: m.value for m in at.metric}["Articles"] == "5"  # the archive's, and no seed parsed in
    at.switch_page("views/settings.py").run()
    assert not at.exception
    text = " ".join(e.value for e in [*at.markdown, *at.caption])
    text = re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")  # as shown: the page escapes its Markdown
    assert str(archive) in text and "read in place (attached)" in text and "partitions" in text
    assert "Last ingest 2026-12-01 20:00:00 UTC (dask on 2 workers): 8 files, 5 added, 0 skipped, 2 failed" in text
    assert "1 file could not be parsed" in text and at.dataframe[0].value["file"].tolist() == [str(folder / "binary.txt")]


def test_archive_commands_copy_report_and_list_failures(folder, reference, tmp_path, capsys):
    from core.cli import main
    archive, db = tmp_path / "archive", tmp_path / "store.duckdb"
    in_process(folder, archive, size=4)
    assert main(["archive", "import", str(archive), "--db", str(db)]) == 0
    assert "5 articles" in capsys.readouterr().err and rows(db) == reference
    assert main(["archive", "info", "--db", str(db)]) == 0  # the store remembers the archive it read
    info = json.loads(capsys.readouterr().out)
    assert info["path"] == str(archive) and info["partitions"] == 2 and info["mode"] == "copied" and info["bytes"] > 0
    assert main(["archive", "failures", "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "file,reason,failed_at,engine" and sorted(Path(x.split(",")[0]).name for x in out[1:]) == [
        "binary.txt", "blank.md"]
    assert main(["archive", "import", str(tmp_path), "--db", str(db)]) == 2  # not an archive: one clear line
    assert "not an EventDesk archive" in capsys.readouterr().err
