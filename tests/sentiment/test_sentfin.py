"""SEntFiN (../shared, MIT): the project's split and target sentiment on real headlines.
Skips when the data is absent."""

import sys
from pathlib import Path

import pytest

from factwire.models import Document
from factwire.sentiment import target_sentiment

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import sentfin  # noqa: E402

pytestmark = pytest.mark.skipif(not sentfin.DATA.exists(), reason=f"{sentfin.DATA} is absent (../shared/data)")


def test_the_split_is_a_fifth_frozen_by_headline():
    all_ = sentfin.load()
    frozen = sentfin.load("frozen")
    assert 0.17 < len(frozen) / len(all_) < 0.23
    dev_groups = {h.group for h in sentfin.load("dev")}
    assert not dev_groups & {h.group for h in frozen}, "a headline on both sides"


def test_target_sentiment_on_unseen_headlines_beats_a_majority_guess_by_far(pipeline):
    headlines = sentfin.load("frozen")[:150]
    right = total = 0
    for h in headlines:
        analysis = pipeline(Document.from_text(h.title))
        for gold, record in zip(h.entities.values(), target_sentiment(analysis, list(h.entities)), strict=True):
            right += record.label == gold
            total += 1
    assert right / total > 0.7, f"{right} of {total}"
