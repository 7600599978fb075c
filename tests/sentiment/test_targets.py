"""Target sentiment: names the user gives, in or out of the knowledge base, through the Python API,
the CLI and the HTTP API."""

import json

from click.testing import CliRunner

import factwire
from factwire.cli import cli
from factwire.models import Document
from factwire.sentiment import target_sentiment

MARKET = "Sensex falls 300 points as banking stocks slide; Infosys gains after strong results"


def targets(analysis):
    return [s for s in analysis.sentiment if s.scope == "target"]


def test_topics_outside_the_kb_and_entities_get_one_record_each_in_order():
    analysis = factwire.analyze(MARKET, targets=["banking stocks", "Infosys", "Sensex"])
    records = targets(analysis)
    assert [r.target for r in records] == ["banking stocks", "Infosys", "Sensex"]
    assert [r.label for r in records] == ["negative", "positive", "negative"]
    assert all(r.scope == "target" for r in records)


def test_a_name_the_text_never_mentions_is_neutral_without_evidence(pipeline):
    analysis = pipeline(Document.from_text(MARKET))
    [record] = target_sentiment(analysis, ["Tata Motors"])
    assert (record.label, record.score, record.positive, record.negative) == ("neutral", 0.0, 0.0, 0.0)


def test_names_match_whole_words_in_any_case_and_spacing(pipeline):
    analysis = pipeline(Document.from_text("Shares of Acme Widgets plunged after a profit warning."))
    [spaced, partial] = target_sentiment(analysis, ["acme   WIDGETS", "Widge"])
    assert spaced.target == "acme WIDGETS" and spaced.label == "negative"
    assert partial.negative == partial.positive == 0.0


def test_an_entity_target_uses_its_references_events_and_facts(pipeline):
    analysis = pipeline(Document.from_text(
        "Netflix said on Monday it would raise prices.\n\nThe company's shares fell 13 percent after it "
        "missed subscriber estimates.",
        title="Netflix raises prices",
    ))
    [by_name] = target_sentiment(analysis, ["Netflix"])
    entity = next(s for s in analysis.sentiment if s.scope == "entity" and s.target == "netflix")
    assert (by_name.score, by_name.label) == (entity.score, entity.label)


def test_without_targets_there_are_no_target_records():
    assert targets(factwire.analyze(MARKET)) == []


def test_cli_target_option_is_repeatable(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(MARKET)
    result = CliRunner().invoke(cli, ["analyze", str(story), "--format", "json", "--target", "Sensex",
                                      "--target", "banking stocks"])
    assert result.exit_code == 0, result.output
    records = [s for s in json.loads(result.stdout.splitlines()[0])["sentiment"] if s["scope"] == "target"]
    assert [(r["target"], r["label"]) for r in records] == [("Sensex", "negative"), ("banking stocks", "negative")]


def test_http_analyze_takes_targets_and_ingest_does_not(tmp_path, pipeline):
    from fastapi.testclient import TestClient

    from factwire.web import create_app

    app = create_app(tmp_path / "t.duckdb", token="t", max_body=64 * 1024, pipeline=pipeline)
    auth = {"Authorization": "Bearer t"}
    with TestClient(app) as client:
        body = client.post("/api/analyze", json={"text": MARKET, "targets": ["banking stocks"]}, headers=auth).json()
        assert [(s["target"], s["label"]) for s in body["sentiment"] if s["scope"] == "target"] == [
            ("banking stocks", "negative")]
        plain = client.post("/api/analyze", json={"text": MARKET}, headers=auth).json()
        assert not [s for s in plain["sentiment"] if s["scope"] == "target"]
        refused = client.post("/api/ingest", json={"documents": [{"text": MARKET, "targets": ["x"]}]}, headers=auth)
        assert refused.status_code == 422
    app.state.store.close()
