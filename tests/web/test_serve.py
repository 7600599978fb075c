"""`factwire serve` as a user starts it: a real process on a free port."""

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from factwire.ingest import read_paths
from factwire.store import Store
from tests.conftest import SAMPLES


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_and_guards_writes(tmp_path, pipeline):
    db = tmp_path / "serve.duckdb"
    with Store(db) as store:
        store.ingest(pipeline, read_paths([str(SAMPLES / "wire.jsonl")]))
    port = free_port()
    cmd = [sys.executable, "-m", "factwire", "serve", "--db", str(db), "--port", str(port), "--token", "t0k"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # a loaded CI machine may take a while to start Python
            try:
                health = json.load(urllib.request.urlopen(base + "/api/health", timeout=2))
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            raise AssertionError("factwire serve did not come up")
        assert health["documents"] == 6
        assert "Xiaomi" in json.load(urllib.request.urlopen(base + "/api/entities/xiaomi"))["name"]
        request = urllib.request.Request(base + "/api/ingest", data=b'{"text": "x"}', method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(request)
            raise AssertionError("ingest without the token was accepted")
        except urllib.error.HTTPError as err:
            assert err.code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=10)
