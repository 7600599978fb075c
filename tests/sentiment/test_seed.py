"""The seed article: Xiaomi mixed (down on safety and market value, up on fundamentals)."""

import pytest

from factwire.models import Document
from tests.conftest import SEED_DATE


@pytest.fixture(scope="module")
def analysis(pipeline, seed_text):
    return pipeline(Document.from_text(seed_text, published_at=SEED_DATE, title=seed_text.split("\n")[0]))


def sentence_label(analysis, fragment):
    index = next(s.index for s in analysis.sentences if fragment in analysis.sentence_text(s.index))
    return next(s for s in analysis.sentiment if s.scope == "sentence" and s.target == str(index))


def test_xiaomi_is_mixed_negative_on_safety_and_market_positive_on_fundamentals(analysis):
    xiaomi = next(s for s in analysis.sentiment if s.scope == "entity" and s.target == "xiaomi")
    assert xiaomi.mixed
    assert xiaomi.positive > 0 and xiaomi.negative > 0
    assert xiaomi.aspects["safety"] < -0.3
    assert xiaomi.aspects["market"] < -0.2
    assert xiaomi.aspects["fundamentals"] > 0.2


@pytest.mark.parametrize(
    "fragment",
    [
        "was involved in a severe traffic accident",
        "announced the recall of nearly 117,000",
        "a Xiaomi Auto caught fire after a collision",
        "stock price was HK$40.78 per share, down over 30%",
        "market value has evaporated by over HK$500 billion from",
    ],
)
def test_accident_recall_and_stock_fall_sentences_are_negative(analysis, fragment):
    assert sentence_label(analysis, fragment).label == "negative"


@pytest.mark.parametrize(
    "fragment",
    [
        "achieved single-quarter operating profit for the first time, recording",
        "achieved revenue of RMB 29 billion, a record high",
        "still maintaining strong growth momentum",
    ],
)
def test_profit_and_record_revenue_sentences_are_positive(analysis, fragment):
    assert sentence_label(analysis, fragment).label == "positive"


def test_one_document_score_and_one_per_entity(analysis):
    scopes = [s.scope for s in analysis.sentiment]
    assert scopes.count("document") == 1
    entity_targets = [s.target for s in analysis.sentiment if s.scope == "entity"]
    assert len(entity_targets) == len(set(entity_targets))
    assert "leida-finance" not in entity_targets  # media are sources, not subjects
