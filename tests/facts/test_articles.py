"""Five stories we wrote in other styles, each with every fact it must yield and nothing else
(articles/*.yaml): golden tests, so an extra wrong fact fails as surely as a missing one."""

import math
from pathlib import Path

import pytest
import yaml

from factwire.models import Document

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))


def _key(entity, metric, value, value_max, unit, period):
    return (entity, metric, round(float(value), 4), None if value_max is None else round(float(value_max), 4),
            unit, None if period is None else str(period))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_facts(pipeline, path):
    expected = yaml.safe_load(path.with_suffix(".yaml").read_text("utf-8"))
    text = path.read_text("utf-8")
    analysis = pipeline(Document.from_text(text, published_at=expected["published"], title=text.split("\n")[0]))
    got = sorted(_key(f.entity_id, f.metric, f.value, f.value_max, f.unit, f.period) for f in analysis.facts)
    want = sorted(
        _key(w["entity"], w["metric"], w["value"], w.get("value_max"), w.get("unit"), w.get("period"))
        for w in expected["facts"]
    )
    assert got == want
    for w in expected["facts"]:
        if "qualifier" in w:
            fact = next(
                f for f in analysis.facts if f.metric == w["metric"] and math.isclose(f.value, float(w["value"]))
            )
            assert fact.qualifier == w["qualifier"], w


def test_there_are_five_styles():
    assert {p.stem for p in ARTICLES} == {
        "earnings_release", "delivery_report", "market_wrap", "rumour_denial", "chinese_news",
    }
