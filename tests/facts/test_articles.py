"""Five stories we wrote in other styles, each with the facts it must yield (articles/*.yaml)."""

import math
from pathlib import Path

import pytest
import yaml

from factwire.models import Document

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_facts(pipeline, path):
    expected = yaml.safe_load(path.with_suffix(".yaml").read_text("utf-8"))
    text = path.read_text("utf-8")
    analysis = pipeline(Document.from_text(text, published_at=expected["published"], title=text.split("\n")[0]))
    for want in expected["facts"]:
        found = [
            f for f in analysis.facts
            if f.entity_id == want["entity"] and f.metric == want["metric"]
            and math.isclose(f.value, float(want["value"])) and f.period == str(want["period"])
        ]
        assert found, f"{path.name}: missing {want}"
        fact = found[0]
        if "unit" in want:
            assert fact.unit == want["unit"], want
        if "value_max" in want:
            assert fact.value_max == float(want["value_max"]), want
        if "qualifier" in want:
            assert fact.qualifier == want["qualifier"], want


def test_there_are_five_styles():
    assert {p.stem for p in ARTICLES} == {
        "earnings_release", "delivery_report", "market_wrap", "rumour_denial", "chinese_news",
    }
