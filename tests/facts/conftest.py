"""Fixtures of the fact tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def upstream(pipeline):
    from factwire.pipeline import Pipeline

    wanted = ("sentences", "entities", "quantities", "periods")
    return Pipeline(components=[(n, c) for n, c in pipeline.components if n in wanted])
