from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factwire.periods import find_periods

REF = date(2025, 11, 19)


def values(text, ref=REF):
    return [(p.surface, p.value) for p in find_periods(text, ref)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("On November 18th, results came", "November 18th", "2025-11-18"),
        ("on Nov. 18, 2024 it said", "Nov. 18, 2024", "2024-11-18"),
        ("on 29 March it crashed", "29 March", "2025-03-29"),
        ("the evening of March 29th this year", "March 29th this year", "2025-03-29"),
        ("published 2025-11-18 at noon", "2025-11-18", "2025-11-18"),
        ("11/19 2025", "11/19 2025", "2025-11-19"),
        ("in the third quarter of this year", "the third quarter of this year", "2025-Q3"),
        ("In the second quarter, margins", "the second quarter", "2025-Q2"),
        ("the fourth quarter of 2024", "the fourth quarter of 2024", "2024-Q4"),
        ("Q3 2025 results", "Q3 2025", "2025-Q3"),
        ("3Q24 results", "3Q24", "2024-Q3"),
        ("in H1 2025", "H1 2025", "2025-H1"),
        ("in the first half of this year", "the first half of this year", "2025-H1"),
        ("in fiscal 2024", "fiscal 2024", "2024"),
        ("FY2023 revenue", "FY2023", "2023"),
        ("from April to June this year", "from April to June this year", "2025-04/2025-06"),
        ("the third to fourth quarter of this year", "the third to fourth quarter of this year", "2025-Q3/2025-Q4"),
        ("this year", "this year", "2025"),
        ("last year", "last year", "2024"),
        ("in October", "October", "2025-10"),
        ("in December", "December", "2025-12"),  # next month: upcoming, not last year
        ("in May 2024", "May 2024", "2024-05"),
        ("last April", "last April", "2025-04"),
        ("in the past month", "the past month", "2025-10-20/2025-11-19"),
        ("yesterday", "yesterday", "2025-11-18"),
        ("last quarter", "last quarter", "2025-Q3"),
        ("last month", "last month", "2025-10"),
        ("in 2018 it listed", "2018", "2018"),
        ("2025年11月18日发布", "2025年11月18日", "2025-11-18"),
        ("今年第三季度", "今年第三季度", "2025-Q3"),
        ("2025年前三季度", "2025年前三季度", "2025-Q1/2025-Q3"),
        ("今年上半年", "今年上半年", "2025-H1"),
        ("去年", "去年", "2024"),
    ],
)
def test_periods_resolve_against_the_publication_date(text, surface, value):
    assert (surface, value) in values(text)


def test_same_period_last_year_follows_the_period_before_it():
    text = "In the second quarter of this year, the share rose from 7.2% in the same period last year."
    assert values(text) == [
        ("the second quarter of this year", "2025-Q2"),
        ("the same period last year", "2024-Q2"),
    ]


def test_this_quarter_in_a_story_about_q3_is_q3():
    assert values("In the third quarter it made a profit; this quarter it also") [-1] == ("this quarter", "2025-Q3")


@pytest.mark.parametrize(
    "text",
    ["Lei Jun spoke", "Lei Jun may resign", "Xiaomi SU7 and YU7", "the C-NCAP 2024 version",
     "we march on", "RMB 2025 million", "2,019 cars"],
)
def test_names_models_and_numbers_are_not_periods(text):
    assert values(text) == []


def test_a_bare_month_well_after_the_reference_is_last_years():
    assert values("in November", ref=date(2025, 3, 1)) == [("November", "2024-11")]
    assert values("in April", ref=date(2025, 3, 1)) == [("April", "2025-04")]


def test_relative_periods_need_a_reference_date():
    assert values("last year and Q3 and in October", ref=None) == []
    assert values("in 2018 and Q3 2024", ref=None) == [("2018", "2018"), ("Q3 2024", "2024-Q3")]


@given(st.text(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 1, 1)))
def test_any_text_never_raises_and_spans_index_the_text(text, ref):
    for p in find_periods(text, ref):
        assert text[p.start : p.end] == p.surface


def test_seed_periods(seed_text):
    found = values(seed_text)
    for expected in [
        ("the third quarter of this year", "2025-Q3"),
        ("from April to June this year", "2025-04/2025-06"),
        ("November 18th", "2025-11-18"),
        ("the second quarter", "2025-Q2"),
        ("the same period last year", "2024-Q2"),
        ("September 19th", "2025-09-19"),
        ("March 29th this year", "2025-03-29"),
        ("the third to fourth quarter of this year", "2025-Q3/2025-Q4"),
    ]:
        assert expected in found
    surfaces = {s for s, _ in found}
    assert not surfaces & {"Jun", "SU7", "YU7", "2024 version"}


def test_weekdays_resolve_to_the_latest_such_day():
    assert values("the regulator said on Friday", ref=date(2025, 9, 19)) == [("Friday", "2025-09-19")]
    assert values("shares fell on Tuesday", ref=date(2025, 10, 14)) == [("Tuesday", "2025-10-14")]
    assert values("said on Monday", ref=date(2025, 9, 3)) == [("Monday", "2025-09-01")]
    # a weekday followed by its date is left to the date
    assert values("on Tuesday, November 18, 2025") == [("November 18, 2025", "2025-11-18")]


def test_the_quarter_is_the_story_quarter():
    text = (
        "Revenue rose in the third quarter of 2025. Margins fell from the second quarter. "
        "Xiaomi delivered 108,796 vehicles in the quarter."
    )
    assert values(text)[-1] == ("the quarter", "2025-Q3")


def test_month_ranges_with_years_and_quarterly_is_not_a_quarter():
    assert values("cars built between February 2024 and August 2025") == [
        ("between February 2024 and August 2025", "2024-02/2025-08")
    ]
    assert values("from March 2024 to June") == [("from March 2024 to June", "2024-03/2024-06")]
    assert values("its first quarterly operating profit") == []


def test_a_year_ending_in_a_month_is_the_one_under_way_and_ended_the_one_before():
    got = values("profit for the year ending in March, against the year ended in March", date(2016, 4, 27))
    assert got == [("the year ending in March", "2016-04/2017-03"), ("the year ended in March", "2015-04/2016-03")]


def test_this_business_year_is_labelled_for_the_fiscal_calendar_and_the_previous_one_follows_it():
    text = "800,000 units this business year, from 3.26 million in the previous year"
    periods = find_periods(text, date(2016, 4, 27))
    assert [(p.value, p.fiscal) for p in periods] == [("2016", "FYC"), ("2015", "FYC@-1")]
