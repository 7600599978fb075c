"""Every endpoint of the HTTP API, and bad requests."""

import json

import pytest

from tests.web.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}

STORY = {"text": "XPeng delivered 42,013 vehicles in October, up 76% year on year.", "published_at": "2025-11-01"}


def test_health_and_openapi(client):
    assert client.get("/api/health").json() == {"status": "ok", "documents": 7}
    spec = client.get("/openapi.json").json()
    for path in ("/api/analyze", "/api/ingest", "/api/entities", "/api/entities/{name}/facts", "/api/peers",
                 "/api/conflicts", "/api/alerts", "/api/entities/{name}/fire-and-ice"):
        assert path in spec["paths"], path


def test_analyze_returns_the_analysis(client):
    body = client.post("/api/analyze", json=STORY, headers=AUTH).json()
    assert body["facts"][0]["entity_id"] == "xpeng" and body["facts"][0]["value"] == 42013
    assert {"document", "entities", "facts", "events", "sentiment", "checks"} <= set(body)


def test_ingest_requires_the_token(client):
    payload = {"documents": [{"text": "NIO shares rose 5% on Monday, November 17th.", "published_at": "2025-11-17"}]}
    assert client.post("/api/ingest", json=payload).status_code == 401
    wrong = client.post("/api/ingest", json=payload, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "Bearer" in wrong.json()["error"]["message"]
    ok = client.post("/api/ingest", json=payload, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and ok.json()["added"] == 1
    again = client.post("/api/ingest", json=payload, headers={"Authorization": f"Bearer {TOKEN}"})
    assert again.json()["duplicates"] == 1


def test_entities_search_and_pagination(client):
    page = client.get("/api/entities", params={"limit": 2, "offset": 0}).json()
    assert page["limit"] == 2 and len(page["items"]) == 2 and page["total"] > 2
    second = client.get("/api/entities", params={"limit": 2, "offset": 2}).json()
    assert page["items"][0]["id"] != second["items"][0]["id"]
    found = client.get("/api/entities", params={"q": "xpe"}).json()["items"]
    assert [e["id"] for e in found] == ["xpeng"]
    assert client.get("/api/entities", params={"q": "XPE"}).json()["total"] == 1
    past_the_end = client.get("/api/entities", params={"offset": 10_000}).json()
    assert past_the_end["items"] == [] and past_the_end["total"] == page["total"]


def test_entity_views(client):
    xiaomi = client.get("/api/entities/Xiaomi").json()
    assert xiaomi["id"] == "xiaomi" and xiaomi["fire_and_ice"]["alerts"][0]["kind"] == "fire_and_ice"
    facts = client.get("/api/entities/xiaomi/facts", params={"metric": "gross_margin"}).json()
    assert {f["period"] for f in facts["items"]} == {"2025-Q2", "2025-Q3"}
    assert all(f["evidence_text"] for f in facts["items"])
    events = client.get("/api/entities/xiaomi/events").json()["items"]
    assert "recall" in {e["type"] for e in events}
    series = client.get("/api/entities/xiaomi/series/gross_margin").json()["items"]
    assert [s["value"] for s in series] == [26.4, 25.5]
    sentiment = client.get("/api/entities/xiaomi/sentiment", params={"freq": "W"}).json()
    assert sentiment["sentiment"] and sentiment["events"]
    assert client.get("/api/entities/xiaomi/fire-and-ice").json()["gap"] > 0.5


def test_peers_periods_conflicts_alerts_documents(client):
    peers = client.get("/api/peers", params={"metric": "deliveries,sales_volume", "period": "2025-10"}).json()
    assert [p["company"] for p in peers["items"]][:2] == ["byd", "xpeng"]
    periods = client.get("/api/periods", params={"metric": "deliveries"}).json()["items"]
    assert periods[0]["period"] == "2025-10"
    assert client.get("/api/conflicts").status_code == 200
    assert any(a["kind"] == "fire_and_ice" for a in client.get("/api/alerts").json()["items"])
    doc_id = client.get("/api/entities/xiaomi/facts").json()["items"][0]["doc_id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["id"] == doc_id and doc["text"]


def test_dashboard_and_plotly_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "plotly.min.js" in page.text
    assert client.get("/vendor/plotly.min.js").status_code == 200
    assert client.get("/static/app.js").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "message"),
    [
        ("get", "/api/entities/Nobody%20Motors", {}, 404, "no entity named"),
        ("get", "/api/entities/x'%3B%20DROP%20TABLE%20documents%3B%20--", {}, 404, "no entity named"),
        ("get", "/api/entities/xiaomi/facts", {"params": {"metric": "' OR 1=1 --"}}, 200, None),
        (
            "get",
            "/api/peers",
            {"params": {"metric": "deliveries", "period": "2025'; DROP TABLE facts;--"}},
            422,
            "period",
        ),
        ("get", "/api/entities", {"params": {"limit": 100000}}, 422, "limit"),
        ("get", "/api/entities/xiaomi/sentiment", {"params": {"freq": "Y"}}, 422, "freq"),
        ("get", "/api/documents/nope", {}, 404, "no document"),
        (
            "post",
            "/api/analyze",
            {"content": b"{not json", "headers": {"Content-Type": "application/json", **AUTH}},
            400,
            "JSON",
        ),
        ("post", "/api/analyze", {"json": {"text": ""}, "headers": AUTH}, 422, "text"),
        ("post", "/api/analyze", {"json": {"text": "x", "unexpected": 1}, "headers": AUTH}, 422, "unexpected"),
        ("post", "/api/analyze", {"json": {"text": "x" * 70_000}, "headers": AUTH}, 413, "over the limit"),
    ],
)
def test_bad_requests_get_clear_4xx(client, method, path, kwargs, status, message):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status, response.text
    if message:
        assert message in response.json()["error"]["message"]
    # whatever was sent, the store is intact
    assert client.get("/api/health").json()["documents"] >= 7


def test_oversized_chunked_body_is_refused(client):
    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    response = client.post("/api/analyze", content=chunks(), headers={"Content-Type": "application/json", **AUTH})
    assert response.status_code == 413


def test_undecodable_body_and_unknown_route_answer_in_the_error_shape(client):
    bad = client.post("/api/analyze", content=b"\n\xff\xfegx", headers={"Content-Type": "application/json", **AUTH})
    assert bad.status_code == 400 and bad.json()["error"]["status"] == 400
    missing = client.get("/api/no-such-thing")
    assert missing.status_code == 404 and "error" in missing.json()
    wrong_method = client.delete("/api/entities")
    assert wrong_method.status_code == 405 and "error" in wrong_method.json()
    assert wrong_method.headers["allow"] == "GET"


def test_published_at_must_be_an_iso_date(client):
    assert client.post("/api/analyze", json={"text": "x", "published_at": 0}, headers=AUTH).status_code == 422
    ok = client.post("/api/analyze", json={"text": "Xiaomi rose 2%.", "published_at": "2025-11-19"}, headers=AUTH)
    assert ok.status_code == 200


def test_peers_with_an_unknown_company_is_404(client):
    params = {"metric": "deliveries", "period": "2025-10", "entities": "xpeng,Nobody"}
    response = client.get("/api/peers", params=params)
    assert response.status_code == 404 and "Nobody" in response.json()["error"]["message"]


def test_json_errors_are_json(client):
    body = client.get("/api/entities/nobody").json()
    assert json.dumps(body)  # serialisable
    assert set(body) == {"error"} and body["error"]["status"] == 404
