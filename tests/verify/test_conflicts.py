"""Conflicts between sources across the store."""

import json
from datetime import date

import pytest
from click.testing import CliRunner

from factwire.cli import cli
from factwire.models import Document
from factwire.store import Store
from factwire.verify.conflicts import find_conflicts

STORIES = [
    ("2025-11-01", "XPeng delivered 42,013 vehicles in October."),
    ("2025-11-02", "XPeng delivered 41,013 vehicles in October."),
    ("2025-11-02", "XPeng delivered about 42,000 vehicles in October, a record."),
    ("2025-11-01", "Li Auto delivered 31,767 vehicles in October, down 38.3% from a year earlier."),
    ("2024-11-01", "Li Auto delivered 51,443 vehicles in October."),
    ("2024-11-02", "Li Auto delivered 45,000 vehicles in October, its best month."),
]


@pytest.fixture
def store(tmp_path, pipeline):
    with Store(tmp_path / "f.duckdb") as s:
        docs = [
            Document.from_text(t, published_at=date.fromisoformat(d), source=f"s{i}")
            for i, (d, t) in enumerate(STORIES)
        ]
        s.ingest(pipeline, docs)
        yield s


def test_two_sources_disagreeing_beyond_rounding(store):
    found = [c for c in find_conflicts(store) if c.kind == "disagreement" and c.entity_id == "xpeng"]
    assert len(found) == 1  # 42,013 vs 41,013; "about 42,000" agrees with both
    [c] = found
    assert (c.metric, c.period, {c.value_a, c.value_b}) == ("deliveries", "2025-10", {42013, 41013})
    assert {c.source_a["source"], c.source_b["source"]} == {"s0", "s1"}


def test_implied_values_are_checked_against_stored_facts(store):
    implied = [c for c in find_conflicts(store) if c.kind == "implied"]
    # 31,767 at -38.3% implies about 51,486 for 2024-10: 51,443 fits, 45,000 does not
    assert [(c.entity_id, c.period, c.value_b) for c in implied] == [("li-auto", "2024-10", 45000)]
    assert round(implied[0].value_a) == 51486


def test_entity_filter(store):
    assert {c.entity_id for c in find_conflicts(store, ["li-auto"])} == {"li-auto"}


def test_conflicts_command(tmp_path, pipeline):
    db = str(tmp_path / "c.duckdb")
    lines = "\n".join(json.dumps({"text": t, "published_at": d}) for d, t in STORIES)
    assert CliRunner().invoke(cli, ["ingest", "-", "--db", db], input=lines).exit_code == 0
    result = CliRunner().invoke(cli, ["conflicts", "XPeng", "--db", db, "--format", "json"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["kind"], r["entity"], r["period"]) for r in rows] == [("disagreement", "xpeng", "2025-10")]
    missing = CliRunner().invoke(cli, ["conflicts", "Nobody Inc", "--db", db])
    assert missing.exit_code == 1
