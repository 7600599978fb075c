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


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"shared seed article not found at {SEED} (it sits beside the project in CI)")
    return SEED.read_text("utf-8")
