"""``PeriodValue``: a period string parsed once, with its bounds, granularity and neighbours.

Every stage writes periods as strings (``2025``, ``2025-H1``, ``2025-Q3``, ``2025-10``,
``2025-10-20`` or ``start/end``); this is the one place that reads them back. A fiscal period
("Apple's fiscal first quarter") is turned into calendar terms here too, from the company's
fiscal year end.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "month", "quarter", "half", "year", "range"]

_SINGLE = re.compile(
    r"(?P<y>\d{4})(?:-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01]))?))?"
)


@dataclass(frozen=True)
class PeriodValue:
    first: date  # first day covered
    last: date  # last day covered (inclusive)
    granularity: Granularity
    text: str  # the canonical string

    # --- construction -------------------------------------------------------------------------

    @classmethod
    def parse(cls, value: str) -> PeriodValue:
        """Parse a period string; ``ValueError`` names it when it is not one."""
        parts = value.split("/")
        if len(parts) == 2:
            a, b = cls._single(parts[0], value), cls._single(parts[1], value)
            if b.last < a.first:
                raise ValueError(f"period {value!r} ends before it starts")
            return cls(a.first, b.last, "range", value)
        if len(parts) == 1:
            return cls._single(value, value)
        raise ValueError(f"{value!r} is not a period")

    @classmethod
    def maybe(cls, value: str | None) -> PeriodValue | None:
        if not value:
            return None
        try:
            return cls.parse(value)
        except ValueError:
            return None

    @classmethod
    def _single(cls, part: str, whole: str) -> PeriodValue:
        m = _SINGLE.fullmatch(part)
        if not m:
            raise ValueError(f"{whole!r} is not a period")
        y = int(m["y"])
        if m["q"]:
            return cls.quarter(y, int(m["q"]))
        if m["h"]:
            return cls.half(y, int(m["h"]))
        if m["d"]:
            try:
                return cls.day(date(y, int(m["m"]), int(m["d"])))
            except ValueError as exc:
                raise ValueError(f"{whole!r} is not a valid date") from exc
        if m["m"]:
            return cls.month(y, int(m["m"]))
        return cls.year(y)

    @classmethod
    def year(cls, y: int) -> PeriodValue:
        return cls(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")

    @classmethod
    def half(cls, y: int, h: int) -> PeriodValue:
        return cls(date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half", f"{y:04d}-H{h}")

    @classmethod
    def quarter(cls, y: int, q: int) -> PeriodValue:
        return cls(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter", f"{y:04d}-Q{q}")

    @classmethod
    def month(cls, y: int, m: int) -> PeriodValue:
        return cls(date(y, m, 1), _month_end(y, m), "month", f"{y:04d}-{m:02d}")

    @classmethod
    def day(cls, d: date) -> PeriodValue:
        return cls(d, d, "day", d.isoformat())

    @classmethod
    def span(cls, first: date, last: date) -> PeriodValue:
        """The coarsest exact name for a span of days: a year, half, quarter or month when it is
        one, else a range of months when it runs from a month's start to a month's end, else a
        range of days."""
        if first == last:
            return cls.day(first)
        if first.day == 1 and last == _month_end(last.year, last.month):
            months = (last.year - first.year) * 12 + last.month - first.month + 1
            if months == 12 and first.month == 1:
                return cls.year(first.year)
            if months == 6 and first.month in (1, 7):
                return cls.half(first.year, 1 if first.month == 1 else 2)
            if months == 3 and first.month in (1, 4, 7, 10):
                return cls.quarter(first.year, (first.month + 2) // 3)
            if months == 1:
                return cls.month(first.year, first.month)
            return cls(first, last, "range", f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}")
        return cls(first, last, "range", f"{first.isoformat()}/{last.isoformat()}")

    @classmethod
    def ending(cls, last: date, months: int) -> PeriodValue:
        """The ``months`` months ending with the month of ``last``: "the quarter ended Jan. 31"."""
        y, m = last.year, last.month - months + 1
        while m < 1:
            y, m = y - 1, m + 12
        return cls.span(date(y, m, 1), _month_end(last.year, last.month))

    @classmethod
    def fiscal(
        cls, fiscal_year: int, fy_end_month: int, quarter: int | None = None, half: int | None = None
    ) -> PeriodValue:
        """A fiscal year (named by the calendar year it ends in), or one of its quarters or
        halves, in calendar terms: ``fiscal(2016, 9, quarter=1)`` is Oct-Dec 2015, ``2015-Q4``."""
        end_year = fiscal_year
        start_month = fy_end_month % 12 + 1
        start_year = end_year - 1 if fy_end_month != 12 else end_year
        first = date(start_year, start_month, 1)
        if quarter is None and half is None:
            return cls.span(first, _month_end(end_year, fy_end_month))
        size, index = (3, quarter) if quarter is not None else (6, half)
        assert index is not None
        y, m = first.year, first.month + size * (index - 1)
        while m > 12:
            y, m = y + 1, m - 12
        ly, lm = y, m + size - 1
        while lm > 12:
            ly, lm = ly + 1, lm - 12
        return cls.span(date(y, m, 1), _month_end(ly, lm))

    # --- reading ------------------------------------------------------------------------------

    def __str__(self) -> str:
        return self.text

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def middle(self) -> date:
        return self.first + timedelta(days=(self.last - self.first).days // 2)

    def contains(self, other: PeriodValue) -> bool:
        return self.first <= other.first and other.last <= self.last

    def overlaps(self, other: PeriodValue) -> bool:
        return self.first <= other.last and other.first <= self.last

    def shift_years(self, years: int) -> PeriodValue:
        """The same period ``years`` later (earlier when negative)."""
        if self.granularity == "range":
            a, b = (PeriodValue.parse(part).shift_years(years) for part in self.text.split("/"))
            return PeriodValue.parse(f"{a}/{b}")
        y = int(self.text[:4]) + years
        return PeriodValue.parse(f"{y:04d}{self.text[4:]}") if not self._is_leap_day() else PeriodValue.day(
            date(y, 2, 28)
        )

    def previous(self, basis: str) -> PeriodValue | None:
        """What a year-on-year ('yoy') or quarter-on-quarter ('qoq') change compares with."""
        if basis == "yoy":
            return self.shift_years(-1)
        if basis == "qoq" and self.granularity == "quarter":
            y, q = int(self.text[:4]), int(self.text[-1])
            return PeriodValue.quarter(y - 1, 4) if q == 1 else PeriodValue.quarter(y, q - 1)
        return None

    def _is_leap_day(self) -> bool:
        return self.granularity == "day" and self.first.month == 2 and self.first.day == 29


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def granularity(value: str) -> Granularity | None:
    """The granularity of a period string, or None if it is not one."""
    p = PeriodValue.maybe(value)
    return p.granularity if p else None


def previous(period: str, basis: str) -> str | None:
    """The period string a 'yoy' or 'qoq' change of ``period`` compares with, or None:
    ``previous('2025-Q3', 'yoy') == '2024-Q3'``, ``previous('2025-Q1', 'qoq') == '2024-Q4'``."""
    p = PeriodValue.maybe(period)
    prior = p.previous(basis) if p else None
    return str(prior) if prior else None
