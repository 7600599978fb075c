"""Dates and periods in text, resolved against the document's publication date.

One ordered list of patterns, each with a resolver; the first (longest) match at a position wins.
Relative expressions ("this year", "last April", "the same period last year") need the reference
date; without one they are skipped rather than guessed. Month names only count where they cannot
be a name: "Lei Jun" and "may" are never dates (an abbreviation or "May" needs a day, a year or a
preposition), and a year right after an acronym ("C-NCAP 2024") is a label.

Output values: ``YYYY``, ``YYYY-Hn``, ``YYYY-Qn``, ``YYYY-MM``, ``YYYY-MM-DD`` and ``start/end``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from ..models import Period
from .value import PeriodValue

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_FULL_MONTH = r"(?:January|February|March|April|June|July|August|September|October|November|December)"
_ANY_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_REL_YEAR = r"(?P<rel>this|last|next|the\s+same|the\s+previous|the\s+following)\s+year"
_YEAR_TAIL = rf"(?:,?\s+{_YEAR}\b|\s+(?:of\s+)?{_REL_YEAR})?"
_Q_WORD = r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)"
_PREP = r"(?:in|since|until|till|by|from|to|through|during|of|last|next|this|early|late|mid-?|end\s+of|before|after)"

Resolver = Callable[[re.Match[str], "Context"], tuple[str, ...] | None]


class Context:
    """Reference date and what came before, for relative expressions."""

    def __init__(self, ref: date | None) -> None:
        self.ref = ref
        self.last: Period | None = None  # latest quarter/half/month/range mentioned
        self.last_year: int | None = None  # year of the latest period of any kind
        self.story_quarter: str | None = None  # first quarter named in the latest year named
        self.last_fiscal_year: Period | None = None  # latest "business year" or 12-month span

    def year(self, m: re.Match[str], month: int | None = None) -> int | None:
        groups = m.groupdict()
        if groups.get("year"):
            return int(groups["year"])
        if self.ref is None:
            return None
        rel = (groups.get("rel") or "").split()[-1] if groups.get("rel") else ""
        if rel in ("last", "previous"):
            return self.ref.year - 1
        if rel == "following" and self.last_year is not None:
            return self.last_year + 1
        if rel == "next" or rel == "following":
            return self.ref.year + 1
        if rel == "same" and self.last is not None:
            return int(self.last.value[:4])
        if rel == "this" or month is None:
            return self.ref.year
        # a bare month: news reports the past, so a month well after the reference is last year's
        return self.ref.year - 1 if month > self.ref.month + 1 else self.ref.year


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _r_iso(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    return (_iso_day(y, mo, d), "day") if _valid(y, mo, d) else None


def _r_month_day(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    mo, d = _month(m["month"]), int(m["day"])
    y = ctx.year(m, mo)
    if y is None or not _valid(y, mo, d):
        return None
    return _iso_day(y, mo, d), "day"


def _r_month(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    mo = _month(m["month"])
    y = ctx.year(m, mo)
    return (f"{y:04d}-{mo:02d}", "month") if y is not None else None


def _r_month_range(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    m1, m2 = _month(m["m1"]), _month(m["m2"])
    y = ctx.year(m, m2)
    if y is None:
        return None
    y1 = y - 1 if m1 > m2 else y
    return f"{y1:04d}-{m1:02d}/{y:04d}-{m2:02d}", "range"


def _r_quarter(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    q = ORDINALS.get((m["q"] or "").lower()) or int(m["qn"])
    if m["yy"]:
        return f"{2000 + int(m['yy']):04d}-Q{q}", "quarter"
    y = ctx.year(m)
    return (f"{y:04d}-Q{q}", "quarter") if y is not None else None


def _r_quarter_range(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    q1, q2 = ORDINALS[m["q1"].lower()], ORDINALS[m["q"].lower()]
    y = ctx.year(m)
    return (f"{y:04d}-Q{q1}/{y:04d}-Q{q2}", "range") if y is not None else None


def _r_half(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    h = 1 if (m["h"] or "").lower() in ("first", "1") else 2
    y = ctx.year(m)
    return (f"{y:04d}-H{h}", "half") if y is not None else None


def _r_year(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    return m["year"], "year"


def _r_relative_year(m: re.Match[str], ctx: Context) -> tuple[str, ...] | None:
    rel = (m["rel"] or "").split()[-1].lower()
    last = ctx.last_fiscal_year
    if rel == "previous" and last is not None and last.fiscal and last.fiscal.startswith("FYC"):
        # "800,000 units this business year, from 3.26 million in the previous year": fiscal too
        shift = int(last.fiscal.partition("@")[2] or 0) - 1
        return f"{int(last.value[:4]) - 1:04d}", "year", f"FYC@{shift}"
    if rel == "previous" and last is not None and _twelve_months(last.value):
        return _shift_years(last.value, -1), last.kind
    y = ctx.year(m)
    return (f"{y:04d}", "year") if y is not None else None


def _twelve_months(value: str) -> bool:
    p = PeriodValue.maybe(value)
    return p is not None and "/" in value and 360 <= p.days <= 370


def _r_current_fiscal_year(m: re.Match[str], ctx: Context) -> tuple[str, ...] | None:
    """"this business year", "the previous fiscal year": the year under way (or the one before or
    after it); label ``FYC`` lets the facts put it in a company's own fiscal calendar."""
    if ctx.ref is None:
        return None
    rel = m["rel"].lower().split()[-1]
    shift = {"last": -1, "previous": -1, "prior": -1, "next": 1}.get(rel, 0)
    return f"{ctx.ref.year + shift:04d}", "year", f"FYC@{shift}" if shift else "FYC"


def _r_full_year(m: re.Match[str], ctx: Context) -> tuple[str, ...] | None:
    """"full-year": the current year, or for a company with another fiscal year, its current one;
    "full-year 2015" that year."""
    y = ctx.year(m)
    if y is None:
        return None
    return f"{y:04d}", "year", f"FY/{y}" if m.groupdict().get("year") else "FY"


def _r_same_period(m: re.Match[str], ctx: Context) -> tuple[str, ...] | None:
    """"the same quarter last year": the story's period a year earlier (and, when that period is
    a fiscal label, the same label a year earlier: ``Q2@-1``)."""
    if ctx.last is None:
        return None
    fiscal = f"{ctx.last.fiscal}@-1" if ctx.last.fiscal and "@" not in ctx.last.fiscal else None
    return _shift_years(ctx.last.value, -1), ctx.last.kind, fiscal


def _r_relative_quarter(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    y, q = ctx.ref.year, (ctx.ref.month - 1) // 3 + 1
    rel = m["rel"].lower().split()[-1]
    if rel == "this" and ctx.story_quarter:
        return ctx.story_quarter, "quarter"  # "this quarter" in a story about Q3 results is Q3
    if rel in ("last", "previous"):
        y, q = (y - 1, 4) if q == 1 else (y, q - 1)
    elif rel == "next":
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return f"{y:04d}-Q{q}", "quarter"


def _r_relative_month(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    y, mo = ctx.ref.year, ctx.ref.month
    if m["rel"].lower() == "last":
        y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
    elif m["rel"].lower() == "next":
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return f"{y:04d}-{mo:02d}", "month"


def _r_past(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    n = int(m["n"]) if m["n"] and m["n"].isdigit() else _WORD_COUNT.get((m["n"] or "one").lower(), 1)
    unit = m["unit"].lower()
    if unit == "year" or (unit == "month" and n % 12 == 0):
        years = n if unit == "year" else n // 12
        try:
            start = ctx.ref.replace(year=ctx.ref.year - years)
        except ValueError:  # February 29th
            start = ctx.ref.replace(year=ctx.ref.year - years, day=28)
    elif unit == "day":
        start = ctx.ref - timedelta(days=n - 1)  # "the past two days": yesterday and today
    else:
        start = ctx.ref - timedelta(days={"week": 7, "month": 30}[unit] * n)
    return f"{start.isoformat()}/{ctx.ref.isoformat()}", "range"


WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}


def _r_weekday(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    """"said on Friday": the latest such weekday on or before the reference date."""
    if ctx.ref is None:
        return None
    back = (ctx.ref.weekday() - WEEKDAYS[m["weekday"].lower()]) % 7
    return (ctx.ref - timedelta(days=back)).isoformat(), "day"


def _r_the_quarter(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    """"in the quarter": the quarter the story is about."""
    return (ctx.story_quarter, "quarter") if ctx.story_quarter else None


def _r_month_year_range(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    m1, m2 = _month(m["m1"]), _month(m["m2"])
    y1 = int(m["y1"])
    y2 = int(m["year"]) if m["year"] else (y1 if m2 >= m1 else y1 + 1)
    return f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}", "range"


def _r_day_word(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    shift = {"today": 0, "yesterday": -1, "tomorrow": 1, "今天": 0, "昨天": -1, "明天": 1}
    return (ctx.ref + timedelta(days=shift[m[0].lower()])).isoformat(), "day"


def _r_cn_date(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    y = int(m["y"]) if m["y"] else (ctx.ref.year if ctx.ref else None)
    if y is None:
        return None
    mo = int(m["mo"])
    if m["d"]:
        d = int(m["d"])
        return (_iso_day(y, mo, d), "day") if _valid(y, mo, d) else None
    return (f"{y:04d}-{mo:02d}", "month") if 1 <= mo <= 12 else None


def _r_cn_quarter(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    y = _cn_year(m, ctx)
    if y is None:
        return None
    q = CN_DIGIT[m["q"]]
    if m["upto"]:
        return f"{y:04d}-Q1/{y:04d}-Q{q}", "range"
    return f"{y:04d}-Q{q}", "quarter"


def _r_cn_half(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    y = _cn_year(m, ctx)
    return (f"{y:04d}-H{1 if m['h'] == '上' else 2}", "half") if y is not None else None


def _r_cn_year(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    y = _cn_year(m, ctx)
    return (f"{y:04d}", "year") if y is not None else None


def _cn_year(m: re.Match[str], ctx: Context) -> int | None:
    if m["y"]:
        return int(m["y"])
    if ctx.ref is None:
        return None
    return ctx.ref.year + {"今": 0, "本": 0, "去": -1, "明": 1, "": 0}[m["rel"] or ""]


def _r_quarter_named(m: re.Match[str], ctx: Context) -> tuple[str, ...] | None:
    q = ORDINALS[m["q"].lower()]
    if not (m["year"] or m["rel"]) and ctx.ref is not None:
        # "fourth-quarter profit" in a late-January story is last year's fourth quarter: a bare
        # quarter is the one of that number nearest the story (the one just reported, or the
        # current one)
        y = nearest_quarter_year(q, ctx.ref)
        return f"{y:04d}-Q{q}", "quarter", f"Q{q}F" if m["fy"] else f"Q{q}"
    y = ctx.year(m)
    if y is None:
        return None
    fiscal = f"Q{q}/{y}" if m["fy"] else None
    return f"{y:04d}-Q{q}", "quarter", fiscal


def nearest_quarter_year(q: int, ref: date) -> int:
    """The year whose quarter ``q`` has its middle nearest ``ref``, a quarter ahead counting
    double: news reports what happened more than what is coming."""

    def distance(y: int) -> int:
        days = (PeriodValue.quarter(y, q).middle - ref).days
        return 2 * days if days > 0 else -days

    return min((ref.year - 1, ref.year, ref.year + 1), key=distance)


def _r_quarter_ended(m: re.Match[str], ctx: Context) -> tuple[str, ...] | None:
    """"the (fiscal third) quarter ended Dec. 31", "the three months to March": the quarter (or
    year, or nine months) ending that month, in calendar terms."""
    mo = _month(m["month"])
    under_way = m["conn"].lower() == "ending" and ctx.ref is not None and not m["year"]
    if under_way:  # "the year ending in March" said in April: the year that ends next March
        y: int | None = ctx.ref.year if mo >= ctx.ref.month else ctx.ref.year + 1  # type: ignore[union-attr]
    else:
        y = int(m["year"]) if m["year"] else _last_month_end_year(mo, ctx.ref)
    if y is None:
        return None
    months = {"quarter": 3, "three months": 3, "six months": 6, "half": 6, "nine months": 9, "year": 12,
              "fiscal year": 12, "twelve months": 12, "12 months": 12}[re.sub(r"\s+", " ", m["span"].lower())]
    p = PeriodValue.ending(date(y, mo, 1), months)
    kind = {"quarter": "quarter", "half": "half", "year": "year", "month": "month"}.get(p.granularity, "range")
    return p.text, kind


def _last_month_end_year(month: int, ref: date | None) -> int | None:
    """The year of the latest end of ``month`` on or before a few weeks after ``ref`` (a period
    that ended is reported; a few weeks' slack for previews)."""
    if ref is None:
        return None
    return ref.year if (month, 1) <= (ref.month + 1, 1) else ref.year - 1


def _r_month_quarter(m: re.Match[str], ctx: Context) -> tuple[str, ...] | None:
    """"the January-March quarter", "the December quarter", "April-June": a calendar quarter by its months."""
    m2 = _month(m["m2"])
    if m["m1"]:
        m1 = _month(m["m1"])
        if (m2 - m1) % 12 != 2:
            return None
    elif m2 % 3:
        return None
    rel = m.groupdict().get("rel")
    if m["year"] or rel:
        y = int(m["year"]) if m["year"] else ctx.year(m, m2)
    else:
        y = nearest_quarter_year((m2 + 2) // 3, ctx.ref) if ctx.ref else None
    if y is None:
        return None
    return PeriodValue.ending(date(y, m2, 1), 3).text, "quarter"


def _r_fiscal_year(m: re.Match[str], ctx: Context) -> tuple[str, ...] | None:
    """"fiscal 2016", "fiscal year 2016", "FY2016": the fiscal year named by the year it ends in."""
    y = int(m["year"])
    y = (2000 + y) if y < 100 else y
    return f"{y:04d}", "year", f"FY/{y}"


def _r_quarter_code(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    q = int(m["qn"] or m["qn2"])
    yy = m["yy"] or m["yy2"]
    if m["year"]:
        y: int | None = int(m["year"])
    elif yy:
        y = 2000 + int(yy)
    else:
        y = ctx.year(m)
    return (f"{y:04d}-Q{q}", "quarter") if y is not None else None


def _r_slash_year(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    y = m["y"] or m["y2"]
    mo, d = int(m["mo"]), int(m["d"])
    year = int(y) if y else (ctx.ref.year if ctx.ref else None)
    if year is not None and year < 100:
        year += 2000
    if year is None or not _valid(year, mo, d):
        return None
    return _iso_day(year, mo, d), "day"


def _r_last_month_name(m: re.Match[str], ctx: Context) -> tuple[str, str] | None:
    if ctx.ref is None:
        return None
    mo = _month(m["month"])
    y = ctx.ref.year - 1 if mo >= ctx.ref.month else ctx.ref.year
    return f"{y:04d}-{mo:02d}", "month"


_WORD_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12, "a": 1}

# (pattern, resolver), most specific first. Alternatives are tried at each position in this order.
_PATTERNS: list[tuple[str, Resolver]] = [
    (r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b", _r_iso),
    (r"(?<![\d/])(?P<mo>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)(?:/(?P<y>\d{2,4})|\s+(?P<y2>(?:19|20)\d\d))?(?![\d/])",
     _r_slash_year),
    (r"(?:(?P<y>(?:19|20)\d\d)\s?年\s?)?(?P<mo>1[0-2]|0?[1-9])\s?月(?:\s?(?P<d>[0-3]?\d)\s?[日号])?", _r_cn_date),
    (r"(?:(?P<y>(?:19|20)\d\d)\s?年|(?P<rel>[今本去明])年)?(?P<upto>前)?第?(?P<q>[一二三四1-4])季度", _r_cn_quarter),
    (r"(?:(?P<y>(?:19|20)\d\d)\s?年|(?P<rel>[今本去明])年)?(?P<h>[上下])半年", _r_cn_half),
    (r"(?P<y>(?:19|20)\d\d)\s?年(?!\s?\d)|(?P<rel>[今去明])年(?![第上下前\d一二三四])", _r_cn_year),
    (r"今天|昨天|明天", _r_day_word),
    (r"(?:今年)?全年|\b(?:the\s+)?full[\s-]year(?:\s+(?P<year>(?:19|20)\d\d)\b)?", _r_full_year),
    (rf"\b(?:the\s+)?(?:(?:fiscal|financial)\s+)?(?:{_Q_WORD}[\s-]+)?(?P<span>quarter|three\s+months|six\s+months|nine\s+months|twelve\s+months|12\s+months|half|fiscal\s+year|year),?\s+(?P<conn>ended|ending|to|through)(?:\s+(?:on|in))?\s+(?P<month>{_ANY_MONTH})(?:\s+[0-3]?\d(?:st|nd|rd|th)?)?(?:,?\s+{_YEAR})?\b", _r_quarter_ended),
    (rf"\b(?:the\s+)?(?:(?P<m1>{_ANY_MONTH})\s*(?:-|–|to|through)\s*)?(?P<m2>{_ANY_MONTH})(?:\s+{_YEAR})?\s+quarter\b", _r_month_quarter),
    (rf"\b(?:the\s+)?(?P<m1>January|April|July|October)\s*(?:-|–)\s*(?P<m2>March|June|September|December)(?:\s+{_YEAR}|\s+(?P<rel>this|last)\s+year)?\b", _r_month_quarter),
    (rf"\b(?:the\s+)?(?P<fy>(?:fiscal|financial)\s+)?{_Q_WORD}[\s-]+quarter(?!ly)(?:(?:\s+of)?\s+(?:(?:fiscal\s+)?{_YEAR}\b|{_REL_YEAR}))?", _r_quarter_named),
    (rf"\bthe\s+(?P<q1>first|second|third)\s+(?:to|and|-)\s+(?:the\s+)?{_Q_WORD}\s+quarters?(?:\s+of\s+(?:{_YEAR}|{_REL_YEAR}))?", _r_quarter_range),
    (rf"\b(?:Q(?P<qn>[1-4])|(?P<qn2>[1-4])Q)(?:\s*(?:{_YEAR}|'?(?P<yy>\d\d)\b)|(?P<yy2>\d\d)\b)?(?![\w])", _r_quarter_code),
    (rf"\b(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+(?:{_YEAR}|{_REL_YEAR}|the\s+year))?", _r_half),
    (rf"\bH(?P<h>[12])\s*{_YEAR}?\b", _r_half),
    (r"\b(?:the\s+)?same\s+(?:period|month|quarter|half)\s+(?:of\s+)?(?:last|the\s+previous)\s+year\b|\ba\s+year\s+(?:earlier|ago)\b", _r_same_period),
    (rf"\b(?:from\s+|between\s+)?(?P<m1>{_FULL_MONTH})\s+(?P<y1>(?:19|20)\d\d)\s+(?:to|through|until|and|-|–)\s+(?P<m2>{_FULL_MONTH})(?:\s+{_YEAR})?\b", _r_month_year_range),
    (rf"\b(?:from\s+)?(?P<m1>{_FULL_MONTH})\s+(?:to|through|until|-|–)\s+(?P<m2>{_FULL_MONTH}){_YEAR_TAIL}", _r_month_range),
    (rf"\b(?P<month>{_ANY_MONTH})\s+{_DAY}(?![\d%])(?:,?\s+{_YEAR}\b|\s+(?:of\s+)?{_REL_YEAR})?", _r_month_day),
    (rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_ANY_MONTH})(?:,?\s+{_YEAR}\b|\s+{_REL_YEAR})?", _r_month_day),
    (rf"\b(?P<month>{_ANY_MONTH})\s+{_YEAR}\b", _r_month),
    (rf"\blast\s+(?P<month>{_FULL_MONTH}|May)\b", _r_last_month_name),
    (rf"\b(?P<lead>{_PREP}\s+)(?P<month>{_ANY_MONTH}|May)(?:,?\s+{_YEAR}\b|\s+{_REL_YEAR})?\b", _r_month),
    (rf"\b(?P<month>{_FULL_MONTH})(?:\s+{_REL_YEAR})?\b", _r_month),
    (r"\b(?:FY\s?|fiscal\s+(?:year\s+)?|financial\s+year\s+)(?P<year>(?:19|20)\d\d|\d\d)\b", _r_fiscal_year),
    (r"\b(?P<rel>this|the\s+current|current|last|the\s+previous|previous|the\s+prior|prior|next)\s+"
     r"(?:business|fiscal|financial)\s+year\b", _r_current_fiscal_year),
    (rf"\b{_REL_YEAR}\b", _r_relative_year),
    (r"\b(?P<rel>this|last|next|the\s+current|the\s+previous)\s+quarter\b", _r_relative_quarter),
    (r"\b(?P<rel>this|last|next)\s+month\b", _r_relative_month),
    (r"\b(?:the\s+)?(?:past|last|previous)\s+(?:(?P<n>\d+|one|two|three|four|six|twelve)\s+)?(?P<unit>day|week|month|year)s?\b", _r_past),
    (r"\b(?:today|yesterday|tomorrow)\b", _r_day_word),
    (rf"(?<=\bon\s)(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!,?\s+(?:{_ANY_MONTH}|\d))", _r_weekday),
    (r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday)(?=['’]s\s+(?:close|closing|session|trading|high|low|level))", _r_weekday),
    (r"(?<=\bin\s)the\s+quarter\b|(?<=\bduring\s)the\s+quarter\b", _r_the_quarter),
    (rf"(?<!(?-i:[A-Z]{{2}})\s)(?<![\w$€£¥.,/-]){_YEAR}(?![\d%]|[,.]\d|\s*(?:million|billion|units|vehicles|yuan|km))", _r_year),
]


_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in _PATTERNS]


def find_periods(text: str, published_at: date | None = None) -> list[Period]:
    """Periods in ``text`` in order of position, resolved against ``published_at``."""
    ctx = Context(published_at)
    candidates: list[tuple[int, int, int, re.Match[str]]] = []
    for index, (pattern, _) in enumerate(_COMPILED):
        for m in pattern.finditer(text):
            if m.end() > m.start() and _month_case_ok(m):
                # a leading preposition ("in", "since") is context, not part of the period
                core = m.end("lead") if "lead" in m.re.groupindex else m.start()
                candidates.append((core, -m.end(), index, m))
    candidates.sort(key=lambda c: c[:3])  # by position, then longest, then most specific
    out: list[Period] = []
    taken_until = 0
    for start, neg_end, index, m in candidates:
        if start < taken_until:
            continue
        resolved = _COMPILED[index][1](m, ctx)
        if resolved is None:
            continue
        value, kind = resolved[0], resolved[1]
        fiscal = resolved[2] if len(resolved) > 2 else None
        out.append(
            Period(value=value, kind=kind, fiscal=fiscal, surface=text[start:-neg_end], start=start, end=-neg_end)  # type: ignore[arg-type]
        )
        ctx.last_year = int(value[:4])
        if (fiscal or "").startswith("FYC") or _twelve_months(value):
            ctx.last_fiscal_year = out[-1]
        if kind == "quarter" and (ctx.story_quarter is None or value[:4] > ctx.story_quarter[:4]):
            ctx.story_quarter = value
        # "the same period last year" refers to the story's own quarter, half or month, not to a
        # comparison period mentioned in passing ("compared with 11.9% in Q3 2024")
        if kind not in ("day", "year") and (ctx.last is None or value[:4] >= ctx.last.value[:4]):
            ctx.last = out[-1]
        taken_until = -neg_end
    return out


def _month_case_ok(m: re.Match[str]) -> bool:
    """Month names must be capitalised ('may' and 'march' are verbs in lower case)."""
    month = m.groupdict().get("month") or m.groupdict().get("m1")
    return month is None or month[:1].isupper()


def _shift_years(value: str, years: int) -> str:
    if "/" in value:
        return "/".join(_shift_years(v, years) for v in value.split("/"))
    return f"{int(value[:4]) + years:04d}{value[4:]}"


def _iso_day(y: int, mo: int, d: int) -> str:
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _valid(y: int, mo: int, d: int) -> bool:
    try:
        date(y, mo, d)
    except ValueError:
        return False
    return True
