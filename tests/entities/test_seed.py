"""The seed article: every company, person, product and platform resolves, and nothing else does."""

import pytest

from factwire.models import Document
from tests.conftest import SEED_DATE

EXPECTED = {
    "xiaomi": "company", "xiaomi-auto": "company", "lei-jun": "person", "wang-hua": "person",
    "wang-xiang": "person", "xiaomi-su7": "product", "xiaomi-yu7": "product", "xpeng": "company",
    "nio": "company", "li-auto": "company", "weibo": "platform", "douyin": "platform",
    "tianyancha": "platform", "huituan": "platform", "hurun-rich-list": "product", "cpca": "organisation",
    "cada": "organisation", "leida-finance": "media", "hkex": "organisation",
}


@pytest.fixture(scope="module")
def entities(pipeline, seed_text):
    analysis = pipeline(Document.from_text(seed_text, published_at=SEED_DATE, title=seed_text.split("\n")[0]))
    return {e.id: e for e in analysis.entities}


def test_every_expected_entity_with_its_type(entities):
    for eid, etype in EXPECTED.items():
        assert eid in entities, eid
        assert entities[eid].type == etype


def test_mention_counts(entities):
    def count(eid, via=("name", "alias", "ticker")):
        return sum(m.via in via for m in entities[eid].mentions)

    assert count("lei-jun") == 20
    assert count("wang-hua") == 12
    assert count("xiaomi") == 37  # 31 "Xiaomi" + 6 "Xiaomi Group"
    assert count("xiaomi-auto") == 20
    assert count("xpeng") == 8 and count("nio") == 7 and count("weibo") == 6


def test_no_false_hits(entities):
    surfaces = {m.text for e in entities.values() for m in e.mentions}
    assert "Xiaomi" not in {m.text for m in entities["lei-jun"].mentions}
    for wrong in ("HK$40.78", "UNION", "June", "Standard Edition"):
        assert wrong not in surfaces
    people = {e.id for e in entities.values() if e.type == "person"}
    assert "xiaomi" not in people and "tianyancha" not in people


def test_xiaomi_is_the_most_relevant_and_leida_finance_is_a_source(entities):
    ranked = sorted(entities.values(), key=lambda e: -e.relevance)
    assert ranked[0].id == "xiaomi"
    assert ranked[1].id == "lei-jun"
    assert entities["leida-finance"].type == "media"
    assert entities["leida-finance"].relevance < 10
