"""In-document checks: the seed's claims, stories with deliberate errors, and correct stories."""

from datetime import date
from pathlib import Path

import pytest

from factwire.models import Document
from tests.conftest import SAMPLES, SEED_DATE

ARTICLES = Path(__file__).parent / "articles"
FACT_ARTICLES = Path(__file__).parents[1] / "facts" / "articles"


def checks(pipeline, text, published=date(2025, 11, 19)):
    return pipeline(Document.from_text(text, published_at=published, title=text.split("\n")[0])).checks


def by_kind(found, kind):
    return [c for c in found if c.kind == kind]


def test_seed_claims_have_the_right_verdicts(pipeline, seed_text):
    found = checks(pipeline, seed_text, SEED_DATE)
    [pct] = by_kind(found, "percent_change")
    assert pct.verdict == "consistent" and round(pct.computed, 1) == -33.6 and pct.stated == -30
    [diff] = by_kind(found, "difference")
    assert diff.verdict == "consistent" and diff.computed == 6641 and diff.stated == 6000
    [margin] = by_kind(found, "ratio")
    assert margin.verdict == "consistent" and round(margin.computed, 1) == 26.3 and margin.stated == 26.4
    [growth] = by_kind(found, "growth_base")
    assert growth.verdict == "unverifiable" and round(growth.inputs["implied_prior"] / 1e9, 2) == 9.69
    [rank] = by_kind(found, "ranking")
    assert rank.verdict == "consistent"
    assert not [c for c in found if c.verdict == "inconsistent"]


@pytest.mark.parametrize(
    ("name", "kind", "computed"),
    [
        ("wrong_percentage", "percent_change", -10.0),
        ("bad_margin", "ratio", 14.87),
        ("bad_total", "sum", 55000),
        ("bad_difference", "difference", 28276),
        ("bad_ranking", "ranking", 42013),
    ],
)
def test_deliberate_errors_are_caught(pipeline, name, kind, computed):
    found = checks(pipeline, (ARTICLES / f"{name}.txt").read_text("utf-8"))
    wrong = [c for c in found if c.verdict == "inconsistent"]
    assert [c.kind for c in wrong] == [kind], found
    assert round(wrong[0].computed, 2) == computed
    assert wrong[0].claim and wrong[0].detail


def test_a_story_with_correct_claims_has_no_false_alarm(pipeline):
    found = checks(pipeline, (ARTICLES / "correct_claims.txt").read_text("utf-8"))
    assert {c.kind for c in found if c.verdict == "consistent"} >= {
        "ratio", "sum", "percent_change", "difference", "ranking",
    }
    assert not [c for c in found if c.verdict == "inconsistent"]


@pytest.mark.parametrize(
    "path", [*sorted(FACT_ARTICLES.glob("*.txt")), *sorted(SAMPLES.glob("*.html"))], ids=lambda p: p.stem
)
def test_our_other_stories_raise_no_false_alarm(pipeline, path):
    from factwire.ingest import ReadOptions, read_paths

    [doc] = list(read_paths([str(path)], ReadOptions(published_at=date(2025, 11, 18))))
    assert not [c for c in pipeline(doc).checks if c.verdict == "inconsistent"]


def test_checks_come_inconsistent_first(pipeline):
    text = (ARTICLES / "wrong_percentage.txt").read_text() + (
        "\nBYD's revenue was RMB 200 billion and its gross profit RMB 40 billion, a gross margin of 20%."
    )
    found = checks(pipeline, text)
    assert found[0].verdict == "inconsistent"
