import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from core.store import SCHEMA_VERSION, Store, StoreError
from tests.conftest import ROOT


def test_ingest_is_idempotent_and_complete(tmp_store, seed_parsed):
    first = tmp_store.ingest(seed_parsed)
    second = tmp_store.ingest(seed_parsed)
    assert (first.status, second.status) == ("added", "duplicate")
    c = tmp_store.counts()
    assert c["articles"] == 1 and c["events"] == len(seed_parsed.events) and c["statements"] == len(seed_parsed.statements)
    row = tmp_store.df("SELECT published, language FROM articles").iloc[0]
    assert str(row["published"])[:10] == "2020-02-28" and row["language"] == "nb"


def test_schema_version_is_recorded(tmp_store):
    assert tmp_store.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION) == "5"


def test_failed_ingest_leaves_nothing(tmp_store, seed_parsed):
    doc = seed_parsed.to_dict(with_text=True)
    doc["statements"][0]["start"] = "not a number"  # fails half-way, after the article row
    with pytest.raises(duckdb.Error):
        tmp_store.ingest(doc)
    assert tmp_store.counts()["articles"] == 0 and tmp_store.counts()["events"] == 0


def test_damaged_file_gives_clear_error_and_is_not_overwritten(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 100)
    before = bad.read_bytes()
    with pytest.raises(StoreError, match="damaged|cannot be opened"):
        Store(bad)
    assert bad.read_bytes() == before


def test_file_held_by_another_process_gives_clear_error(tmp_path):
    path = tmp_path / "held.duckdb"
    Store(path).close()
    script = f"import duckdb,time; c=duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", script],
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"ok"
        t0 = time.monotonic()
        with pytest.raises(StoreError, match="in use by another"):
            Store(path, lock_wait_s=1.0)
        assert 1.0 <= time.monotonic() - t0 < 5  # it waited for the other process, then gave up
    finally:
        holder.kill()
        holder.wait()


KILL_SCRIPT = """
import sys, time
from core import parse_article
from core.store import Store
s = Store(sys.argv[1])
text = open(sys.argv[2]).read()
i = 0
print("ready", flush=True)
while True:
    i += 1
    s.ingest(parse_article(text + f"\\n\\nTillegg nummer {i}.", lang="nb", published="2020-02-28"))
    print(f"stored {i}", flush=True)
"""


def test_kill_during_ingest_leaves_a_consistent_usable_store(tmp_path):
    path = tmp_path / "k.duckdb"
    seed = ROOT / "seeds" / "idlib_2020-02-28.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(path), str(seed)], stdout=subprocess.PIPE, env=env)
    assert proc.stdout.readline().strip() == b"ready"
    while proc.stdout.readline().strip() != b"stored 2":  # two whole articles in, the third under way
        assert proc.poll() is None, "the ingesting process died on its own"
    time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    s = Store(path)
    n = s.counts()["articles"]
    assert n >= 1
    # every stored article is whole: its events are there, and no rows belong to a missing article
    orphans = s.scalar("SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)")
    per_article = s.df("SELECT a.id, count(e.id) AS n FROM articles a LEFT JOIN events e ON e.article_id = a.id GROUP BY a.id")
    assert orphans == 0 and (per_article["n"] > 0).all()
    s.close()


def test_bulk_ingest_matches_single_ingest_and_skips_duplicates(tmp_path, seed_parsed, parse):
    from core.store import Store
    other = parse((ROOT / "tests" / "fixtures" / "nb_sudan_wire.txt").read_text(), published="2024-05-16")
    a = Store(tmp_path / "a.duckdb")
    b = Store(tmp_path / "b.duckdb")
    for p in (seed_parsed, other):
        a.ingest(p)
    docs = [p.to_dict(with_text=True) for p in (seed_parsed, other, seed_parsed)]
    res = b.ingest_many(docs)
    assert [r.status for r in res] == ["added", "added", "duplicate"]
    assert a.counts() == b.counts()
    q = "SELECT event_type, actor1, actor2, date, lat, fatalities, locations FROM events ORDER BY article_id, id"
    assert a.df(q).equals(b.df(q))
    q2 = "SELECT speaker, targets, date FROM statements ORDER BY article_id, id"
    assert a.df(q2).equals(b.df(q2))


def test_map_query_takes_only_located_events_and_counts_them(tmp_store, seed_parsed):
    from core import queries
    tmp_store.ingest(seed_parsed)
    every = queries.events(tmp_store, queries.Filters())
    located = queries.events(tmp_store, queries.Filters(), located=True)
    assert 0 < len(located) < len(every)  # the seed has events with and without a place
    assert located["lat"].notna().all() and located["lon"].notna().all()
    assert queries.located_events(tmp_store, queries.Filters()) == len(located)
    limited = queries.events(tmp_store, queries.Filters(), 3, located=True)
    assert limited["lat"].notna().all() and len(limited) == 3


def test_an_idle_store_lets_another_process_write_and_then_sees_its_rows(tmp_path, seed_parsed):
    path = tmp_path / "shared.duckdb"
    app = Store(path, idle_close_s=0.2)
    assert app.counts()["articles"] == 0
    time.sleep(0.6)  # idle: the file is let go
    code = ("import sys; from core import parse_article; from core.store import Store; s = Store(sys.argv[1]); "
            "s.ingest(parse_article('Tyrkia stengte grensen mot Syria fredag, sier ministeren.', lang='nb')); s.close()")
    res = subprocess.run([sys.executable, "-c", code, str(path)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                         capture_output=True, timeout=120)
    assert res.returncode == 0, res.stderr.decode()
    assert app.counts()["articles"] == 1  # the next read opens the file again and sees the new row
    assert app.ingest(seed_parsed).status == "added"
    app.close()


def test_a_deleted_store_refuses_to_write_and_says_so(tmp_path, seed_parsed):
    path = tmp_path / "gone" / "s.duckdb"
    s = Store(path)
    s.counts()
    import shutil
    shutil.rmtree(path.parent)
    with pytest.raises(StoreError, match="is gone"):
        s.ingest(seed_parsed)
    with pytest.raises(StoreError, match="is gone"):
        s.check()
    assert not path.exists()  # no new empty file in its place


def test_a_replaced_store_refuses_to_write(tmp_path, seed_parsed):
    path = tmp_path / "s.duckdb"
    s = Store(path, idle_close_s=0.1)
    time.sleep(0.4)
    path.unlink()
    Store(path).close()  # another file under the same name
    with pytest.raises(StoreError, match="replaced"):
        s.ingest(seed_parsed)


def _mount_tmpfs(where, size: str) -> None:
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                      capture_output=True).returncode:
        pytest.skip("mounting a tmpfs is not permitted here")


def test_a_full_disk_is_a_plain_message_and_stores_nothing(tmp_path, seed_parsed):
    mnt = tmp_path / "small"
    _mount_tmpfs(mnt, "3m")
    try:
        s = Store(mnt / "s.duckdb")
        err, stored = None, 0
        for i in range(100):  # articles of incompressible text until the disk is full
            doc = seed_parsed.to_dict(with_text=True)
            doc["article"] = {**doc["article"], "id": f"full-{i}", "text": os.urandom(150_000).hex()}
            try:
                s.ingest(doc)
                stored += 1
            except StoreError as exc:
                err = str(exc)
                break
        assert err is not None and "the disk is full" in err and "\n" not in err, err
        n = s.counts()["articles"]  # the failed article left nothing, or (when only its grouping failed) is whole
        assert stored >= 1 and (n == stored or n == stored + 1 and "incidents not yet grouped" in err), (n, err)
        s.close()
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_read_only_store_opens_for_reading_and_refuses_writes(tmp_path, seed_parsed):
    mnt = tmp_path / "ro"
    _mount_tmpfs(mnt, "64m")
    try:
        s = Store(mnt / "s.duckdb")
        s.ingest(seed_parsed)
        s.close()
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        ro = Store(mnt / "s.duckdb")
        assert ro.read_only and "read-only" in ro.read_only_reason
        assert ro.counts()["articles"] == 1
        with pytest.raises(StoreError, match="read-only"):
            ro.ingest(seed_parsed)
        ro.close()
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
