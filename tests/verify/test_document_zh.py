"""The verify stage on Chinese: the Chinese seed's arithmetic is checked as the English seed's is."""

from pathlib import Path

import pytest

from factwire.models import Document
from tests.conftest import SEED_DATE

SEED_ZH = Path(__file__).parents[1] / "facts" / "articles_zh" / "seed_zh.txt"


@pytest.fixture(scope="module")
def checks(pipeline):
    text = SEED_ZH.read_text("utf-8")
    return pipeline(Document.from_text(text, published_at=SEED_DATE, title=text.split("\n")[0])).checks


def test_the_chinese_seeds_arithmetic_is_checked(checks):
    got = sorted((c.kind, c.verdict) for c in checks)
    assert got == [
        ("difference", "consistent"),  # 48654 - 42013 against "6000多辆"
        ("growth_base", "unverifiable"),  # 290亿元, up 199.2%: the year-earlier figure is not given
        ("percent_change", "consistent"),  # 较年内高点61.45港元 … 40.78港元: "下跌超过30%"
        ("ratio", "consistent"),  # 56亿元 / 213亿元 against "毛利率为26.4%"
    ]


def test_a_percent_change_reads_chinese_cues(checks):
    check = next(c for c in checks if c.kind == "percent_change")
    assert check.inputs == {"from": 61.45, "to": 40.78}
