"""PeriodValue: one parser for period strings, with bounds, neighbours and fiscal calendars."""

from datetime import date

import pytest

from factwire.periods.value import PeriodValue, granularity, previous


@pytest.mark.parametrize(
    ("text", "first", "last", "kind"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("2025-H2", date(2025, 7, 1), date(2025, 12, 31), "half"),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), "quarter"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2025-10-20", date(2025, 10, 20), date(2025, 10, 20), "day"),
        ("2025-10-20/2025-11-19", date(2025, 10, 20), date(2025, 11, 19), "range"),
        ("2015-11/2016-01", date(2015, 11, 1), date(2016, 1, 31), "range"),
    ],
)
def test_parse_bounds(text, first, last, kind):
    p = PeriodValue.parse(text)
    assert (p.first, p.last, p.granularity, str(p)) == (first, last, kind, text)


@pytest.mark.parametrize("bad", ["", "Q3", "2025-Q5", "2025-13", "2025-02-30", "2025/2024", "2025-10/x", "a/b/c"])
def test_parse_rejects(bad):
    with pytest.raises(ValueError):
        PeriodValue.parse(bad)
    assert PeriodValue.maybe(bad) is None


def test_previous_year_and_quarter():
    assert previous("2025-Q3", "yoy") == "2024-Q3"
    assert previous("2025-Q1", "qoq") == "2024-Q4"
    assert previous("2025-Q3", "qoq") == "2025-Q2"
    assert previous("2025-10", "qoq") is None
    assert previous("2024-02-29", "yoy") == "2023-02-28"
    assert previous("2025-04/2025-06", "yoy") == "2024-04/2024-06"
    assert previous("nonsense", "yoy") is None


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        (date(2015, 10, 1), date(2015, 12, 31), "2015-Q4"),
        (date(2015, 1, 1), date(2015, 12, 31), "2015"),
        (date(2016, 7, 1), date(2016, 12, 31), "2016-H2"),
        (date(2016, 3, 1), date(2016, 3, 31), "2016-03"),
        (date(2015, 11, 1), date(2016, 1, 31), "2015-11/2016-01"),
        (date(2015, 4, 1), date(2016, 3, 31), "2015-04/2016-03"),
        (date(2016, 1, 1), date(2016, 4, 18), "2016-01-01/2016-04-18"),
        (date(2016, 4, 18), date(2016, 4, 18), "2016-04-18"),
    ],
)
def test_span_takes_the_coarsest_exact_name(first, last, text):
    assert str(PeriodValue.span(first, last)) == text


def test_fiscal_periods_in_calendar_terms():
    # Apple: fiscal year ends in September; fiscal Q1 2016 is Oct-Dec 2015
    assert str(PeriodValue.fiscal(2016, 9, quarter=1)) == "2015-Q4"
    assert str(PeriodValue.fiscal(2016, 9)) == "2015-10/2016-09"
    # Salesforce: year ends in January; fiscal Q4 2016 is Nov 2015 - Jan 2016
    assert str(PeriodValue.fiscal(2016, 1, quarter=4)) == "2015-11/2016-01"
    # a Japanese company's year to March 2016, and its second half
    assert str(PeriodValue.fiscal(2016, 3)) == "2015-04/2016-03"
    assert str(PeriodValue.fiscal(2016, 3, half=2)) == "2015-10/2016-03"
    # a calendar fiscal year is the calendar year
    assert str(PeriodValue.fiscal(2016, 12, quarter=2)) == "2016-Q2"


def test_ending_months():
    assert str(PeriodValue.ending(date(2016, 1, 31), 3)) == "2015-11/2016-01"
    assert str(PeriodValue.ending(date(2016, 3, 31), 3)) == "2016-Q1"
    assert str(PeriodValue.ending(date(2016, 6, 30), 12)) == "2015-07/2016-06"


def test_relations():
    year, q3 = PeriodValue.parse("2025"), PeriodValue.parse("2025-Q3")
    assert year.contains(q3) and not q3.contains(year)
    assert q3.overlaps(PeriodValue.parse("2025-09-30/2025-10-02"))
    assert not q3.overlaps(PeriodValue.parse("2025-10"))
    assert q3.days == 92 and q3.middle == date(2025, 8, 15)
    assert granularity("2025-H1") == "half" and granularity("soon") is None
