"""MetricName: base + derivations, parsed and written in one place."""

import pytest

from factwire.facts.metric_name import MetricName


@pytest.mark.parametrize(
    ("name", "base", "adjusted", "change", "outlook"),
    [
        ("revenue", "revenue", False, None, None),
        ("revenue_growth_yoy", "revenue", False, "growth_yoy", None),
        ("eps_adjusted_estimate", "eps", True, None, "estimate"),
        ("eps_adjusted_growth_qoq_guidance", "eps", True, "growth_qoq", "guidance"),
        ("stock_price_change", "stock_price", False, "change", None),
        ("index_level_change", "index_level", False, "change", None),
        ("sales_volume_difference", "sales_volume", False, "difference", None),
        ("net_income_adjusted", "net_income", True, None, None),
    ],
)
def test_round_trip(name, base, adjusted, change, outlook):
    m = MetricName.parse(name)
    assert (m.base, m.adjusted, m.change, m.outlook) == (base, adjusted, change, outlook)
    assert str(m) == name


def test_derived_views():
    m = MetricName.parse("revenue_growth_yoy_guidance")
    assert str(m.level) == "revenue_guidance"
    assert m.is_growth and m.is_move and m.basis == "yoy"
    assert not MetricName.parse("sales_volume_difference").is_move
    assert str(MetricName("eps").with_(outlook="estimate", adjusted=True)) == "eps_adjusted_estimate"
