import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factwire.quantities import chinese_numeral, parse_quantities


def one(text):
    found = parse_quantities(text)
    assert len(found) == 1, [q.surface for q in found]
    return found[0]


def summary(text):
    return [(q.surface, q.value, q.value_max, q.unit, q.change) for q in parse_quantities(text)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("revenue of RMB 700 million", 700e6, "CNY"),
        ("700 million RMB", 700e6, "CNY"),
        ("RMB¥5.6 billion", 5.6e9, "CNY"),
        ("a profit of 3.2 billion yuan", 3.2e9, "CNY"),
        ("HK$500 billion", 500e9, "HKD"),
        ("US$1.2 trillion", 1.2e12, "USD"),
        ("$5.2bn", 5.2e9, "USD"),
        ("€3.4 billion", 3.4e9, "EUR"),
        ("£250m", 250e6, "GBP"),
        ("Rs 5 crore", 5e7, "INR"),
        ("Rs. 20 lakh", 2e6, "INR"),
        ("₹1,200 crore", 1.2e10, "INR"),
        ("5 billion US dollars", 5e9, "USD"),
        ("290亿元", 2.9e10, "CNY"),
        ("人民币7亿元", 7e8, "CNY"),
        ("4.8万辆", 48000, "vehicle"),
        ("30%", 30, "percent"),
        ("3.5 per cent", 3.5, "percent"),
        ("5 percentage points", 5, "percentage_point"),
        ("25 basis points", 25, "basis_point"),
        ("at 116km/h", 116, "km/h"),
        ("a 100 kWh battery", 100, "kWh"),
        ("48,654 electric vehicles", 48654, "vehicle"),
        ("740,000 followers", 740000, "follower"),
        ("three fatalities", 3, "person"),
        ("1,200 employees", 1200, "employee"),
        ("nearly 117,000 Xiaomi SU7 vehicles", 117000, "vehicle"),
    ],
)
def test_values_units_and_scales(text, value, unit):
    q = one(text)
    assert math.isclose(q.value, value)
    assert q.unit == unit
    assert text[q.start : q.end] == q.surface


def test_yen_symbol_depends_on_context():
    assert one("Sony earned ¥500 billion.").unit == "JPY"
    assert one("小米净利润￥500亿").unit == "CNY"
    assert parse_quantities("BYD, a Chinese carmaker, earned ¥50 billion")[0].unit == "CNY"


@pytest.mark.parametrize(
    ("text", "qualifier", "change"),
    [
        ("down over 30%", ">", "down"),
        ("evaporated by over HK$500 billion", ">", "down"),
        ("a year-on-year increase of 199.2%", "=", "up"),
        ("nearly 5 percentage points higher", "~", "up"),
        ("approached RMB 5 billion", "~", "~"),
        ("exceeding 30,000 units", ">", ">"),
        ("less than 10%", "<", "<"),
        ("at least 20 stores", ">=", ">="),
        ("up to 30%", "<=", "<="),
        ("sales fell 12.1%", "=", "down"),
        ("12.1% fewer cars", "=", "down"),
        ("revenue rose by 9%", "=", "up"),
    ],
)
def test_qualifiers_and_directions(text, qualifier, change):
    q = one(text)
    assert (q.qualifier, q.change) == (qualifier, change)


def test_ranges():
    assert summary("between 25,000 and 30,000 units") == [
        ("25,000 and 30,000 units", 25000, 30000, "unit", "=")
    ]
    assert summary("25–30k units")[0][1:4] == (25000, 30000, "unit")
    assert summary("RMB 5-6 billion")[0][1:4] == (5e9, 6e9, "CNY")


def test_per_share_prices():
    q = one("closed at HK$40.78 per share")
    assert (q.value, q.unit, q.per) == (40.78, "HKD", "share")


def test_enumerations_share_the_counted_noun():
    found = parse_quantities("XPeng and NIO delivered 42,013 and 40,397 vehicles respectively")
    assert [(q.value, q.unit) for q in found] == [(42013, "vehicle"), (40397, "vehicle")]


@pytest.mark.parametrize(
    "text",
    [
        "the SU7 and the YU7",
        "Q3 results",
        "under Section 427 of the law",
        "a C-IASI 3G+ rating",
        "the C-NCAP 2024 version",
        "in 2018 it listed",
        "call +86 10 1234 5678",
        "call 400-100-5678",
        "on 11/19 at 10:30 am",
        "on November 18th",
        "on 29 March",
        "shares of 1810.HK",
        "2025年11月18日",
        "一些人统一了意见",
        "L2 driving",
    ],
)
def test_names_dates_times_phones_and_years_are_not_quantities(text):
    assert parse_quantities(text) == []


def test_ordinals_are_ranks_only_after_rank_words():
    assert summary("Lei Jun ranked 5th on the list") == [("5th", 5, None, "rank", "=")]
    assert parse_quantities("his 10th year at the company") == []


def test_chinese_numerals():
    assert chinese_numeral("三千五百") == 3500
    assert chinese_numeral("十二") == 12
    assert chinese_numeral("二〇二五") == 2025
    assert summary("事故造成三人死亡") == [("三人", 3, None, "person", "=")]


def test_negative_numbers():
    assert one("margin of -5.2%").value == -5.2


def test_user_vocabulary_extends_the_shipped_one(tmp_path):
    from factwire.quantities import load_lexicon

    extra = tmp_path / "units.yaml"
    extra.write_text("count_nouns:\n  robotaxis: robotaxi\ncurrencies:\n  VND:\n    codes: [VND]\n    words: [dong]\n")
    lex = load_lexicon(str(extra))
    assert [(q.value, q.unit) for q in parse_quantities("It runs 500 robotaxis and earned 20 billion dong", lex)] == [
        (500, "robotaxi"), (20e9, "VND"),
    ]


@given(st.text())
def test_any_text_never_raises_and_spans_index_the_text(text):
    for q in parse_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.surface
        assert math.isfinite(q.value)


@given(st.text(alphabet="0123456789.,%$ kmbRMBHK万亿元-–andbetween", max_size=40))
def test_number_heavy_text_never_raises(text):
    for q in parse_quantities(text):
        assert text[q.start : q.end] == q.surface


def test_range_with_the_unit_written_twice():
    text = (
        "The price will vary between 54.66 billion rupees and 70.71 billion rupees, "
        "a premium of 25 percent to 35 percent."
    )
    got = [(q.value, q.value_max, q.unit) for q in parse_quantities(text)]
    assert got == [(54.66e9, 70.71e9, "INR"), (25.0, 35.0, "percent")]


def test_a_change_to_a_level_is_not_a_range():
    got = [(q.value, q.value_max) for q in parse_quantities("Its margin rose 5 percent to 7 percent.")]
    assert got == [(5.0, None), (7.0, None)]


def test_a_number_in_a_product_name_is_not_a_quantity():
    text = "Sales lagged those of the PlayStation 4 and the Xbox 360, while Acme sold 375 shares on March 31."
    assert [q.surface for q in parse_quantities(text)] == ["375 shares"]


def test_a_run_of_a_thousand_digits_is_no_quantity():
    assert parse_quantities("0" * 1000 + " and 5 cars") == parse_quantities(" " * 1000 + " and 5 cars")
