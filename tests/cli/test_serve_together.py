"""One store, many users: `factwire serve`, CLI ingests, CLI queries and API reads at once.

These run real processes, as a team would: the server owns the store, and the other commands
find it from the owner file beside the store."""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pytest

from factwire.ingest import read_paths
from factwire.store import Store
from factwire.store.owner import Lease, owner_path, read_owner
from tests.conftest import SAMPLES

FACTWIRE = [sys.executable, "-m", "factwire"]


def factwire(*args, timeout=300, **kwargs):
    return subprocess.run([*FACTWIRE, *map(str, args)], capture_output=True, text=True, timeout=timeout, **kwargs)


def feed(path: Path, n: int, offset: int = 0) -> Path:
    lines = [json.dumps({"text": f"BYD sold {200_000 + offset + i:,} vehicles in October, up {i % 9 + 1}% from "
                                 f"September, the company said on November {i % 28 + 1}.",
                         "published_at": "2025-11-01"}) for i in range(n)]
    path.write_text("\n".join(lines) + "\n")
    return path


class Server:
    def __init__(self, db, *args):
        self.db = db
        self.log = Path(f"{db}.serve.log")
        with self.log.open("w") as log:  # a file, not a pipe: a full pipe would stall the server
            self.proc = subprocess.Popen([*FACTWIRE, "serve", "--db", str(db), "--port", "0", "--workers", "1",
                                          *args], stdout=log, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            owner = read_owner(owner_path(db))
            if owner is not None and owner.url:
                self.url, self.token = owner.url, owner.token
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited: {self.log.read_text()}")
            time.sleep(0.1)
        self.stop()
        raise AssertionError("factwire serve did not come up")

    def get(self, path, headers=None):
        request = urllib.request.Request(self.url + path, headers=headers or {})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def post(self, path, body, headers=None):
        request = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", **(headers or {})})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.log.read_text()


@pytest.fixture
def store_with_wire(tmp_path, pipeline):
    db = tmp_path / "team.duckdb"
    with Store(db) as store:
        store.ingest(pipeline, read_paths([str(SAMPLES / "wire.jsonl")]))
    return db


def test_serve_cli_ingests_cli_query_and_api_reads_on_one_store_at_once(store_with_wire, tmp_path):
    server = Server(store_with_wire)
    reads, failures, stop = [], [], threading.Event()

    def read_loop():
        paths = ["/api/health", "/api/entities?limit=5", "/api/entities/xiaomi/facts?limit=5", "/api/peers?"
                 "metric=deliveries,sales_volume&period=2025-10"]
        while not stop.is_set():
            for path in paths:
                try:
                    reads.append(server.get(path))
                except Exception as exc:  # any failure is the test's failure
                    failures.append(f"{path}: {exc}")

    try:
        readers = [threading.Thread(target=read_loop) for _ in range(3)]
        for r in readers:
            r.start()
        env = {**os.environ, "COLUMNS": "200"}
        ingests = [subprocess.Popen([*FACTWIRE, "ingest", str(feed(tmp_path / f"feed{k}.jsonl", 15, 100 * k)),
                                     "--db", str(store_with_wire)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, env=env) for k in range(2)]
        corpus = subprocess.Popen([*FACTWIRE, "ingest", str(SAMPLES), "--db", str(store_with_wire)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        queries = [factwire("query", "--db", store_with_wire, "--format", "json",
                            "SELECT count(*) AS n FROM documents", timeout=120) for _ in range(3)]
        entity = factwire("entity", "Xiaomi", "--db", store_with_wire, "--format", "json")
        outs = [(p.wait(timeout=300), *p.communicate()) for p in [*ingests, corpus]]
    finally:
        stop.set()
        for r in readers:
            r.join(timeout=60)
        log = server.stop()
    for code, _out, err in outs:
        assert code == 0, err
        assert "lock" not in err.lower() and "through factwire serve" in err
    for _code, _out, err in outs[:2]:  # the summary line of each batch
        summary = err.strip().splitlines()[-1]
        assert summary.startswith("factwire: 15 added") and "0 duplicates (already stored), 0 errors" in summary
    assert "1 added (0 reprints), 6 duplicates" in outs[2][2]
    for q in queries:
        assert q.returncode == 0, q.stderr
        assert 6 <= json.loads(q.stdout)["n"] <= 37
    assert entity.returncode == 0 and json.loads(entity.stdout.splitlines()[0])["id"] == "xiaomi"
    assert not failures, failures[:5]
    assert len(reads) > 10 and "Traceback" not in log
    with Store(store_with_wire, read_only=True) as store:  # the server is gone: the file is free
        assert store.count_documents() == 37


def test_two_ingests_without_a_server_queue(tmp_path):
    db = tmp_path / "queue.duckdb"
    procs = [subprocess.Popen([*FACTWIRE, "ingest", str(feed(tmp_path / f"f{k}.jsonl", 8, 50 * k)), "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(2)]
    results = [(p.wait(timeout=300), p.communicate()[1]) for p in procs]
    for code, err in results:
        assert code == 0, err
        assert "8 added" in err and "lock" not in err.lower()
    with Store(db, read_only=True) as store:
        assert store.count_documents() == 16


def test_a_read_while_a_command_writes_is_a_clear_message(store_with_wire):
    lease = Lease(store_with_wire, exclusive=True, command="ingest")
    assert lease.acquire(wait=False)
    try:
        result = factwire("query", "--db", store_with_wire, "SELECT 1")
    finally:
        lease.release()
    assert result.returncode == 1
    assert "being written by 'factwire ingest'" in result.stderr and "Could not set lock" not in result.stderr


def test_a_store_held_by_another_program_is_a_clear_message(store_with_wire):
    con = duckdb.connect(str(store_with_wire))  # not factwire: no owner file, only DuckDB's lock
    try:
        result = factwire("query", "--db", store_with_wire, "SELECT 1")
    finally:
        con.close()
    assert result.returncode == 1
    assert "is open by" in result.stderr and f"pid {os.getpid()}" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_naming_a_data_file_stores_nothing_and_says_why(tmp_path):
    csv = tmp_path / "facts.csv"
    csv.write_text("a,b\n1,2\n")
    result = factwire("ingest", SAMPLES, "--db", csv)
    assert result.returncode == 1
    assert "not a factwire store (a CSV file" in result.stderr and "added" not in result.stderr
    assert csv.read_text() == "a,b\n1,2\n"


def test_a_bad_document_does_not_stop_the_batch_and_the_summary_counts_it(tmp_path):
    (tmp_path / "a_deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "b_dated.jsonl").write_text('{"text": "NIO rose 5%.", "published_at": "9999-12-31"}\n'
                                            '{"text": "XPeng rose 3% on Monday.", "published_at": "2025-11-17"}\n')
    result = factwire("ingest", tmp_path, "--db", tmp_path / "b.duckdb")
    assert result.returncode == 1
    assert "a_deep.json: invalid JSON: nested more than" in result.stderr
    assert "b_dated.jsonl:1: published_at 9999-12-31 is outside the plausible window" in result.stderr
    assert "factwire: 1 added (0 reprints), 0 duplicates (already stored), 2 errors" in result.stderr
    assert "Traceback" not in result.stderr
    analyze = factwire("analyze", "-", "--published", "9999-12-31", input="NIO rose 5%.")
    assert analyze.returncode == 2 and "outside the plausible window" in analyze.stderr


def test_serve_beyond_loopback_generates_a_token_and_checks_hosts(store_with_wire):
    server = Server(store_with_wire, "--host", "0.0.0.0")  # we only ever connect to 127.0.0.1
    try:
        assert server.token and len(server.token) >= 20
        assert server.get("/api/health")["documents"] == 6
        body = {"documents": [{"text": "NIO shares rose 5% on Monday, November 17th."}]}
        with pytest.raises(urllib.error.HTTPError) as denied:
            server.post("/api/ingest", body)
        assert denied.value.code == 401
        with pytest.raises(urllib.error.HTTPError) as analyze:
            server.post("/api/analyze", {"text": "NIO rose."})
        assert analyze.value.code == 401
        assert server.post("/api/ingest", body, {"Authorization": f"Bearer {server.token}"})["added"] == 1
        with pytest.raises(urllib.error.HTTPError) as rebinding:
            server.get("/api/health", {"Host": "attacker.example:8000"})
        assert rebinding.value.code == 400
        # CLI commands find the server and its token in the owner file
        result = factwire("query", "--db", store_with_wire, "--format", "json", "SELECT count(*) AS n FROM documents")
        assert result.returncode == 0 and json.loads(result.stdout)["n"] == 7
        out = store_with_wire.parent / "facts.parquet"
        exported = factwire("export", "facts", "--to", out, "--db", store_with_wire)
        assert exported.returncode == 0, exported.stderr
        assert duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall()[0][0] > 10
        prices = store_with_wire.parent / "prices.csv"
        prices.write_text("date,close\n2025-11-17,41.9\n2025-11-18,40.78\n")
        imported = factwire("import-series", prices, "--entity", "Xiaomi", "--db", store_with_wire)
        assert imported.returncode == 0 and "2 rows" in imported.stderr, imported.stderr
        served = factwire("query", "--db", store_with_wire, "--format", "json", "SELECT count(*) AS n FROM series")
        assert json.loads(served.stdout)["n"] == 2
    finally:
        log = server.stop()
    assert "generated:" in log


def test_serve_refuses_an_empty_token(store_with_wire):
    result = factwire("serve", "--db", store_with_wire, "--token", "", "--port", "0", timeout=60)
    assert result.returncode == 1 and "empty token" in result.stderr
