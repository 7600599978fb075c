"""Shared fixtures: the pipeline, small hand-written texts, and the optional shared seed data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factwire.pipeline import Pipeline, build_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEED = SHARED / "seed" / "000_0994d68347797196.txt"
SAMPLES = ROOT / "samples" / "corpus"
SEED_DATE = date(2025, 11, 19)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return build_pipeline()


def samples_store(path: Path, pipeline: Pipeline) -> Path:
    """A store at ``path`` holding the shipped demo corpus (each module makes its own, since
    some tests write to it)."""
    from factwire.ingest import read_paths
    from factwire.store import Store

    with Store(path) as store:
        report = store.ingest(pipeline, read_paths([str(SAMPLES)]))
    assert report.added == 7 and not report.errors, report
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"shared seed article not found at {SEED} (it sits beside the project in CI)")
    return SEED.read_text("utf-8")
