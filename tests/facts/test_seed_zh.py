"""A Chinese version of the seed story, written by us from its facts (articles_zh/seed_zh.txt):
it must give exactly the facts the English seed gives (tests/facts/test_seed.py)."""

import math
from pathlib import Path

import pytest

from factwire.models import Document
from tests.conftest import SEED_DATE
from tests.facts.test_seed import EXPECTED, KNOWN_DEVIATIONS

SEED_ZH = Path(__file__).parent / "articles_zh" / "seed_zh.txt"


@pytest.fixture(scope="module")
def analysis(pipeline):
    text = SEED_ZH.read_text("utf-8")
    return pipeline(Document.from_text(text, published_at=SEED_DATE, title=text.split("\n")[0]))


def test_the_story_is_read_as_chinese(analysis):
    assert analysis.document.language == "zh"
    assert {s.language for s in analysis.sentences} == {"zh"}


def test_the_chinese_seed_gives_exactly_the_english_seeds_facts(analysis):
    """Golden: the whole fact list, so an extra wrong fact fails."""
    got = sorted((f.entity_id, f.metric, round(f.value, 4), f.unit, f.period) for f in analysis.facts)
    want = sorted((e, m, round(float(v), 4), u, p) for e, m, v, u, p in EXPECTED + KNOWN_DEVIATIONS)
    assert got == want


def test_qualifiers_ranges_products_segments_and_comparisons(analysis):
    def one(metric, value):
        return next(f for f in analysis.facts if f.metric == metric and math.isclose(f.value, value))

    assert one("market_value_change", -500e9).qualifier == ">"
    assert one("recall_volume", 117000).qualifier == "~"
    assert one("recall_volume", 117000).product == "xiaomi-su7"
    assert one("sales_volume", 33662).product == "xiaomi-yu7"
    assert one("deliveries", 25000).value_max == 30000
    assert one("revenue", 29e9).segment == "智能电动汽车及AI等创新"
    assert one("sales_volume_difference", 6000).comparison == "vs:xpeng"
    assert one("sales_volume_difference", 6000).qualifier == ">"
    assert one("revenue_growth_yoy", 199.2).comparison == "yoy"
    assert one("gross_margin", 17.3).segment is None  # XPeng's margin is not Xiaomi's segment


def test_every_fact_carries_its_evidence(analysis):
    text = analysis.document.text
    for f in analysis.facts:
        assert text[f.evidence.start : f.evidence.end] == f.evidence.text
        assert analysis.sentences[f.evidence.sentence].language == "zh"
