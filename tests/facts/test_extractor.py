from datetime import date

from factwire.facts import load_vocabulary
from factwire.models import Document


def facts(pipeline, text, published=date(2025, 11, 19)):
    analysis = pipeline(Document.from_text(text, published_at=published))
    return [(f.entity_id, f.metric, f.value, f.unit, f.period) for f in analysis.facts]


def test_losses_are_negative_income(pipeline):
    got = facts(pipeline, "In the second quarter, NIO posted an operating loss of RMB 2.9 billion.")
    assert got == [("nio", "operating_income", -2.9e9, "CNY", "2025-Q2")]


def test_direction_makes_changes_and_growth(pipeline):
    got = facts(pipeline, "Tesla's revenue rose 12% year on year to $28.1 billion in the third quarter.")
    assert ("tesla", "revenue_growth_yoy", 12, "percent", "2025-Q3") in got
    assert ("tesla", "revenue", 28.1e9, "USD", "2025-Q3") in got
    got = facts(pipeline, "BYD's market value evaporated by HK$80 billion on Monday, November 17th.")
    assert got == [("byd", "market_value_change", -80e9, "HKD", "2025-11-17")]


def test_respectively_pairs_entities_and_metrics(pipeline):
    text = "In October, XPeng and NIO delivered 42,013 and 40,397 vehicles, respectively."
    assert facts(pipeline, text) == [
        ("xpeng", "deliveries", 42013, "vehicle", "2025-10"),
        ("nio", "deliveries", 40397, "vehicle", "2025-10"),
    ]


def test_parenthesised_numbers_belong_to_the_entity_before_them(pipeline):
    text = "Leapmotor sold 70,289 cars in October, ahead of XPeng (42,013 units) by 28,276 units."
    got = facts(pipeline, text)
    assert ("xpeng", "sales_volume", 42013, "vehicle", "2025-10") in got
    assert ("leapmotor", "sales_volume_difference", 28276, "vehicle", "2025-10") in got


def test_sentences_without_a_name_carry_the_previous_entity_and_period(pipeline):
    text = (
        "Li Auto reported third-quarter results on Thursday. In the third quarter, revenue was RMB "
        "27.4 billion. The net loss was RMB 624 million."
    )
    got = facts(pipeline, text)
    assert ("li-auto", "revenue", 27.4e9, "CNY", "2025-Q3") in got
    assert ("li-auto", "net_income", -624e6, "CNY", "2025-Q3") in got


def test_guidance_and_comparison_periods(pipeline):
    text = "NIO expects to deliver between 87,000 and 91,000 vehicles in the fourth quarter of 2025."
    [(entity, metric, value, _unit, period)] = facts(pipeline, text)
    assert (entity, metric, value, period) == ("nio", "deliveries_guidance", 87000, "2025-Q4")
    text = "XPeng's revenue was RMB 20.4 billion in Q3, up 102% from the third quarter of 2024."
    assert ("xpeng", "revenue_growth_yoy", 102, "percent", "2025-Q3") in facts(pipeline, text)


def test_numbers_without_a_metric_make_no_fact(pipeline):
    assert facts(pipeline, "The article was viewed 522 times in 30 days.") == []


def test_user_metrics_extend_the_vocabulary(tmp_path, pipeline):
    from factwire.facts import extract_facts
    from factwire.models import Analysis

    extra = tmp_path / "metrics.yaml"
    extra.write_text("metrics:\n  charging_stations:\n    aliases: [charging stations, chargers]\n"
                     "    units: [count]\n    kind: level\n")
    vocab = load_vocabulary(str(extra))
    analysis: Analysis = pipeline(Document.from_text("NIO now runs 3,500 chargers across China."))
    [fact] = extract_facts(analysis, vocab)
    assert (fact.entity_id, fact.metric, fact.value) == ("nio", "charging_stations", 3500)
    assert fact.confidence >= 0.8  # named by an alias, with its entity in the sentence
