"""The seed article: every money amount, percentage, count and per-share price pinned."""

import pytest

from factwire.quantities import parse_quantities

MONEY = [
    ("HK$500 billion", 500e9, "HKD"),
    ("RMB 700 million", 700e6, "CNY"),
    ("RMB 326 billion", 326e9, "CNY"),
    ("HK$500 Billion", 500e9, "HKD"),
    ("HK$40.78 per share", 40.78, "HKD"),
    ("HK$61.45 per share", 61.45, "HKD"),
    ("HK$500 billion", 500e9, "HKD"),
    ("RMB 21.3 billion", 21.3e9, "CNY"),
    ("RMB 5.6 billion", 5.6e9, "CNY"),
    ("RMB 300 million", 300e6, "CNY"),
    ("RMB 29 billion", 29e9, "CNY"),
    ("RMB 700 million", 700e6, "CNY"),
    ("RMB 500 million", 500e6, "CNY"),
    ("RMB 5 billion", 5e9, "CNY"),
]
PERCENTS = [30, 7.2, 18.3, 26.4, 199.2, 25.5, 17.3, 14.3, 10, 10.3]
COUNTS = [
    (2, "accident"), (700000, "follower"), (3, "person"), (117000, "vehicle"), (2, "accident"),
    (740000, "follower"), (30000, "unit"), (40000, "delivery"), (40000, "unit"), (48654, "vehicle"),
    (42013, "unit"), (6000, "unit"), (33662, "unit"), (42013, "vehicle"), (40397, "vehicle"),
]


@pytest.fixture(scope="module")
def found(seed_text):
    return parse_quantities(seed_text)


def test_every_money_amount_with_currency_and_scale(found):
    money = [(q.surface, q.value, q.unit) for q in found if q.unit in ("CNY", "HKD")]
    assert money == MONEY


def test_every_percentage(found):
    assert [q.value for q in found if q.unit == "percent"] == PERCENTS


def test_counts_with_their_nouns(found):
    counts = [(q.value, q.unit) for q in found if q.unit not in ("CNY", "HKD", "percent")
              and q.unit not in (None, "rank", "day", "km/h", "percentage_point")
              and q.value_max is None]
    assert counts == COUNTS


def test_qualified_and_changing_amounts(found):
    by_surface = {}
    for q in found:
        by_surface.setdefault(q.surface, q)
    assert (by_surface["30%"].qualifier, by_surface["30%"].change) == (">", "down")
    assert by_surface["117,000 Xiaomi SU7 vehicles"].qualifier == "~"
    assert by_surface["199.2%"].change == "up"
    assert by_surface["740,000 followers"].change == "down"
    assert by_surface["RMB 5 billion"].qualifier == "~"
    assert by_surface["HK$40.78 per share"].per == "share"
    delivery_range = by_surface["25,000 and 30,000 units"]
    assert (delivery_range.value, delivery_range.value_max) == (25000, 30000)
    assert by_surface["5th"].unit == "rank"
    assert by_surface["116km/h"].unit == "km/h"
    assert by_surface["5 percentage points"].unit == "percentage_point"


def test_no_names_or_dates_read_as_numbers(seed_text, found):
    surfaces = {q.surface for q in found}
    for name in ("SU7", "YU7", "Q3", "11/19", "2025", "2024", "3G+", "1979", "L2"):
        assert not any(s == name or s.startswith(name + " ") for s in surfaces), name
