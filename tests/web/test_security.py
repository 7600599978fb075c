"""Secure defaults of the app: tokens, Host allow-list, the analysis pool's bounds, local docs."""

import threading
import time

import pytest
from fastapi.testclient import TestClient

from factwire.errors import ConfigError
from factwire.web import create_app
from tests.conftest import samples_store

TOKEN = "t0ken"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = {"text": "XPeng delivered 42,013 vehicles in October.", "published_at": "2025-11-01"}


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    return samples_store(tmp_path_factory.mktemp("sec") / "sec.duckdb", pipeline)


class Gate:
    """The real pipeline, held at a gate until the test opens it (a slow analysis on demand)."""

    def __init__(self, pipeline):
        self.pipeline, self.open = pipeline, threading.Event()

    def __call__(self, document):
        assert self.open.wait(timeout=30)
        return self.pipeline(document)


def client_for(db, pipeline, **kwargs):
    return TestClient(create_app(db, pipeline=pipeline, **kwargs), base_url="http://127.0.0.1")


def test_empty_tokens_are_refused(db, pipeline):
    for empty in ("", "   "):
        with pytest.raises(ConfigError, match="empty token"):
            create_app(db, token=empty, pipeline=pipeline)


def test_writes_analyses_and_sql_need_the_token_when_one_is_set(db, pipeline):
    with client_for(db, pipeline, token=TOKEN) as c:
        for path, body in (("/api/analyze", STORY), ("/api/ingest", {"documents": [STORY]}),
                           ("/api/query", {"sql": "SELECT 1"}), ("/api/analyses", {"analyses": []}),
                           ("/api/series", {"entity": "x", "series": "close", "rows": [["2025-11-03", 1.0]]})):
            assert c.post(path, json=body).status_code == 401, path
            assert c.post(path, json=body, headers={"Authorization": "Bearer "}).status_code == 401, path
        assert c.post("/api/analyze", json=STORY, headers=AUTH).status_code == 200
        assert c.get("/api/health").status_code == 200  # reads stay open


def test_a_foreign_host_header_is_refused(db, pipeline):
    with client_for(db, pipeline) as c:
        evil = c.get("/api/health", headers={"Host": "attacker.example"})
        assert evil.status_code == 400 and "attacker.example" in evil.json()["error"]["message"]
        for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
            assert c.get("/api/health", headers={"Host": host}).status_code == 200, host
        ok = c.get("/api/health")
        assert ok.headers["x-content-type-options"] == "nosniff" and ok.headers["x-frame-options"] == "DENY"


def test_a_full_analysis_pool_answers_503_with_retry_after(db, pipeline):
    gate = Gate(pipeline)
    with client_for(db, gate, workers=1, queue=0) as c:
        first = []
        t = threading.Thread(target=lambda: first.append(c.post("/api/analyze", json=STORY)))
        t.start()
        pool = c.app.state.pool
        deadline = time.monotonic() + 20
        while pool.in_flight < 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        busy = c.post("/api/analyze", json=STORY)
        assert busy.status_code == 503 and int(busy.headers["retry-after"]) >= 1
        assert "analysis pool is full" in busy.json()["error"]["message"]
        health = c.get("/api/health")  # reads do not wait for analyses
        assert health.status_code == 200
        gate.open.set()
        t.join(timeout=30)
        assert first[0].status_code == 200


def test_reads_answer_while_an_ingest_is_analysing(db, pipeline, tmp_path):
    gate = Gate(pipeline)
    with client_for(samples_store(tmp_path / "i.duckdb", pipeline), gate, workers=1) as c:
        docs = [{"text": f"BYD sold {300_000 + i:,} vehicles in October.", "published_at": "2025-11-01"}
                for i in range(5)]
        done = []
        t = threading.Thread(target=lambda: done.append(c.post("/api/ingest", json={"documents": docs})))
        t.start()
        deadline = time.monotonic() + 20
        while c.app.state.pool.in_flight < 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert c.get("/api/health").json()["documents"] == 7  # answered while the ingest waits
        assert c.get("/api/entities", params={"limit": 1}).status_code == 200
        gate.open.set()
        t.join(timeout=60)
        assert done[0].json()["added"] == 5
        assert c.get("/api/health").json()["documents"] == 12


def test_text_over_the_limit_is_refused(db, pipeline):
    with client_for(db, pipeline, max_text=100) as c:
        long = c.post("/api/analyze", json={"text": "NIO rose. " * 20})
        assert long.status_code == 422 and "--max-text" in long.json()["error"]["message"]
        batch = c.post("/api/ingest", json={"documents": [{"text": "NIO rose. " * 20},
                                                          {"text": "XPeng rose 3% on Monday."}]}).json()
        assert batch["added"] == 1 and "over this server's limit" in batch["errors"][0]


def test_analyze_is_stateless_and_judged_against_the_store(db, pipeline):
    with client_for(db, pipeline) as c:
        stored = c.get("/api/query", params={}).status_code  # GET is not a route
        assert stored == 405
        longest = "SELECT id, text FROM documents ORDER BY length(text) DESC LIMIT 1"
        row = c.post("/api/query", json={"sql": longest}).json()
        doc_id, text = row["rows"][0]
        reprint = text + "\n\nThis story first appeared on a partner site."
        again = c.post("/api/analyze", json={"text": reprint}).json()
        assert again["novelty"]["duplicate_of"] == doc_id  # judged against the store
        fresh = {"text": "Li Auto delivered 33,181 vehicles in October, the company said on Saturday."}
        for _ in range(2):  # the second call does not remember the first
            assert c.post("/api/analyze", json=fresh).json()["novelty"]["duplicate_of"] is None


def test_swagger_ui_is_served_locally(db, pipeline):
    with client_for(db, pipeline) as c:
        page = c.get("/docs")
        assert page.status_code == 200 and "/vendor/swagger-ui/swagger-ui-bundle.js" in page.text
        assert "cdn" not in page.text.lower() and "https://" not in page.text
        assert c.get("/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
        assert c.get("/vendor/swagger-ui/swagger-ui.css").status_code == 200
        assert c.get("/redoc").status_code == 404  # ReDoc would load from a CDN


def test_huge_paging_integers_are_422_naming_the_parameter(db, pipeline):
    with client_for(db, pipeline) as c:
        for params in ({"offset": 9223372036854775808}, {"offset": -1}, {"limit": 10**30}):
            r = c.get("/api/entities", params=params)
            assert r.status_code == 422, params
            assert next(iter(params)) in r.json()["error"]["message"]
        r = c.get("/api/entities/xiaomi/facts", params={"offset": 9223372036854775808})
        assert r.status_code == 422 and "offset" in r.json()["error"]["message"]


def test_api_query_is_read_only(db, pipeline, tmp_path):
    with client_for(db, pipeline) as c:
        before = c.get("/api/health").json()["documents"]
        for sql, why in (("SELECT * FROM read_text('/etc/shadow')", "reach nothing outside the store"),
                         (f"COPY documents TO '{tmp_path / 'x.csv'}'", "COPY statements are not allowed"),
                         ("INSTALL httpfs", "extensions cannot be installed"),
                         (f"ATTACH '{tmp_path / 'y.duckdb'}'", "ATTACH statements are not allowed"),
                         ("DELETE FROM documents", "read-only")):
            r = c.post("/api/query", json={"sql": sql})
            assert r.status_code == 422 and why in r.json()["error"]["message"], sql
            assert r.json()["error"]["kind"] == "QueryError"
        assert c.get("/api/health").json()["documents"] == before
        dated = c.post("/api/query", json={"sql": "SELECT count(*) FROM documents WHERE published_at >= ?",
                                           "params": [{"$date": "2025-11-01"}]}).json()
        assert dated["types"] == ["BIGINT"] and dated["rows"][0][0] > 0
