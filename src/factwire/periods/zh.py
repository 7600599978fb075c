"""Chinese dates and periods, resolved against the publication date.

Chinese names a period before what happened in it ("2017年营收", "今年前三季度", "去年同期",
"12月以来"), and leaves the year out of dates within the story's year ("1月24日", "26日再跌").
The resolver reads sentence by sentence and keeps a little context:

- a month or day without a year takes the year of a date given with its year in the same sentence
  or the one before ("2014年3月 ..., 4月披露" is April 2014), else the publication year, or the year
  before when the month is well after the publication month (news reports the past);
- a bare day of the month ("26日", "5号") is of the month named last in its sentence, or in the
  last few sentences when that month is the publication month or the one before; else of the
  publication month (the month before when the day is after the publication day);
- 同期 / 去年同期 / 上年同期 is the period named last, a year earlier; 报告期(内) is the period the
  story reports on (the latest quarter, half or year named); 当日 the day named last;
- lists and spans of years ("2011、2012、2013年", "2012年-2016年") give one period per year and a
  range ``2012/2016``; 前三季度 is ``YYYY-01/YYYY-09``; 12月以来 runs from December 1st to the
  publication date; 上周 is last week's Monday to Friday.

Output values are those of the English resolver (``PeriodValue``): ``2017``, ``2017-H1``,
``2017-Q3``, ``2017-12``, ``2017-12-20`` and ``start/end``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..models import Period, Sentence
from .value import PeriodValue

_FULL = str.maketrans("０１２３４５６７８９", "0123456789")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
       "十一": 11, "十二": 12, "日": 7, "天": 7}
_REL_YEAR = {"今": 0, "本": 0, "去": -1, "上": -1, "明": 1, "前": -2}


@dataclass
class _Context:
    ref: date | None
    paragraph: int = -1
    sentence: int = -1
    anchor_year: int | None = None  # the year of a dated period given in this sentence or the last
    anchor_sentence: int = -1
    last_month: tuple[int, int] | None = None  # (year, month) of the month or day named last
    last_month_sentence: int = -1
    last_day: date | None = None
    last: PeriodValue | None = None  # the quarter, half, month, year or range named last
    reporting: PeriodValue | None = None  # the latest quarter, half or year named

    def anchor(self, year: int) -> None:
        self.anchor_year, self.anchor_sentence = year, self.sentence

    def year_for_month(self, month: int) -> int | None:
        if self.anchor_year is not None:
            return self.anchor_year
        if self.ref is None:
            return None
        return self.ref.year - 1 if month > self.ref.month + 1 else self.ref.year

    def rel_year(self, rel: str | None) -> int | None:
        if self.ref is None:
            return None
        return self.ref.year + _REL_YEAR.get(rel or "今", 0)


Resolver = Callable[[re.Match[str], _Context], list[tuple[PeriodValue, int, int]] | None]


def _int(s: str) -> int:
    return int(s) if s.isdigit() else _CN[s]


def _whole(m: re.Match[str], p: PeriodValue | None) -> list[tuple[PeriodValue, int, int]] | None:
    return [(p, m.start(), m.end())] if p is not None else None


def _day(y: int | None, mo: int, d: int) -> PeriodValue | None:
    if y is None:
        return None
    try:
        return PeriodValue.day(date(y, mo, d))
    except ValueError:
        return None


def _r_full_date(m: re.Match[str], ctx: _Context):
    y = int(m["y"])
    ctx.anchor(y)
    return _whole(m, _day(y, int(m["mo"]), int(m["d"])))


def _r_month_day(m: re.Match[str], ctx: _Context):
    mo = int(m["mo"])
    if not 1 <= mo <= 12:
        return None
    return _whole(m, _day(ctx.year_for_month(mo), mo, int(m["d"])))


def _r_month_range(m: re.Match[str], ctx: _Context):
    m1, m2 = int(m["m1"]), int(m["m2"])
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    y = int(m["y"]) if m["y"] else ctx.year_for_month(m2)
    if y is None:
        return None
    if m["y"]:
        ctx.anchor(y)
    y1 = y - 1 if m1 > m2 else y
    return _whole(m, PeriodValue.parse(f"{y1:04d}-{m1:02d}/{y:04d}-{m2:02d}"))


def _r_year_month(m: re.Match[str], ctx: _Context):
    y, mo = int(m["y"]), int(m["mo"])
    if not 1 <= mo <= 12:
        return None
    ctx.anchor(y)
    return _whole(m, PeriodValue.month(y, mo))


def _r_month(m: re.Match[str], ctx: _Context):
    mo = _int(m["mo"])
    if not 1 <= mo <= 12:
        return None
    y = ctx.year_for_month(mo)
    return _whole(m, PeriodValue.month(y, mo) if y is not None else None)


def _r_since_month(m: re.Match[str], ctx: _Context):
    """"12月以来": from the month's first day to the publication date."""
    mo = int(m["mo"])
    y = int(m["y"]) if m["y"] else ctx.year_for_month(mo)
    if y is None or ctx.ref is None or not 1 <= mo <= 12 or date(y, mo, 1) > ctx.ref:
        return None
    return _whole(m, PeriodValue.span(date(y, mo, 1), ctx.ref))


def _r_since_year_start(m: re.Match[str], ctx: _Context):
    """"今年以来", "年初至今": from January 1st to the publication date."""
    if ctx.ref is None:
        return None
    return _whole(m, PeriodValue.span(date(ctx.ref.year, 1, 1), ctx.ref))


def _year_of(m: re.Match[str], ctx: _Context) -> int | None:
    groups = m.groupdict()
    if groups.get("y"):
        return int(groups["y"])
    return ctx.rel_year(groups.get("rel"))


def _r_quarter(m: re.Match[str], ctx: _Context):
    y = _year_of(m, ctx)
    if y is None:
        return None
    q = _int(m["q"])
    if m.groupdict().get("upto"):
        return _whole(m, PeriodValue.span(date(y, 1, 1), PeriodValue.quarter(y, q).last))
    return _whole(m, PeriodValue.quarter(y, q))


def _r_quarter_report(m: re.Match[str], ctx: _Context):
    """一季报 is the first quarter, 三季报 the first three quarters (reported together)."""
    y = _year_of(m, ctx)
    if y is None:
        return None
    q = _int(m["q"])
    return _whole(m, PeriodValue.span(date(y, 1, 1), PeriodValue.quarter(y, q).last))


def _r_half(m: re.Match[str], ctx: _Context):
    y = _year_of(m, ctx)
    if y is None:
        return None
    return _whole(m, PeriodValue.half(y, 2 if m.groupdict().get("h") == "下" else 1))


def _r_year(m: re.Match[str], ctx: _Context):
    return _whole(m, PeriodValue.year(int(m["y"])))


def _r_rel_year(m: re.Match[str], ctx: _Context):
    y = ctx.rel_year(m["rel"])
    return _whole(m, PeriodValue.year(y) if y is not None else None)


def _r_rel_year_whole(m: re.Match[str], ctx: _Context):
    """"全年", "今年全年": the publication year."""
    return _whole(m, PeriodValue.year(ctx.ref.year) if ctx.ref else None)


def _r_year_list(m: re.Match[str], ctx: _Context):
    """"2011、2012、2013年": one period per year, each at its own digits; "2016年度与2017年度累计"
    the span of them."""
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", m.group(0))]
    if re.match(r"\s*(?:累计|合计|共计|总计)", m.string[m.end() : m.end() + 4]) and years == sorted(years):
        return _whole(m, PeriodValue.parse(f"{years[0]:04d}/{years[-1]:04d}"))
    out = []
    for y in re.finditer(r"(?:19|20)\d\d", m.group(0)):
        out.append((PeriodValue.year(int(y.group(0))), m.start() + y.start(), m.start() + y.end()))
    return out or None


def _r_year_range(m: re.Match[str], ctx: _Context):
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 <= y1:
        return None
    return _whole(m, PeriodValue.parse(f"{y1:04d}/{y2:04d}"))


def _r_same_period(m: re.Match[str], ctx: _Context):
    """"去年同期" is the period named last, a year earlier; "同期" alone is that period itself
    ("第二季度小鹏亏损约5亿元，蔚来同期亏损…")."""
    if ctx.last is None:
        return None
    return _whole(m, ctx.last.shift_years(-1) if len(m.group(0)) > 2 else ctx.last)


def _r_this_quarter(m: re.Match[str], ctx: _Context):
    """"本季度", "当季": the quarter named last."""
    return _whole(m, ctx.last if ctx.last is not None and ctx.last.granularity == "quarter" else None)


def _r_past(m: re.Match[str], ctx: _Context):
    """"过去一个月", "近30天": the span ending on the publication date (a month is 30 days)."""
    if ctx.ref is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else _CN.get(m["n"])
    if not n:
        return None  # "近五六个月": no exact span
    days = {"天": 1, "日": 1, "周": 7, "个月": 30, "月": 30}.get(m["unit"])
    if days is None:  # years
        try:
            start = ctx.ref.replace(year=ctx.ref.year - n)
        except ValueError:
            start = ctx.ref.replace(year=ctx.ref.year - n, day=28)
    else:
        start = ctx.ref - timedelta(days=days * n - (1 if days == 1 else 0))
    return _whole(m, PeriodValue.span(start, ctx.ref))


def _r_rel_month_range(m: re.Match[str], ctx: _Context):
    """"今年4月至6月"."""
    y = ctx.rel_year(m["rel"])
    m1, m2 = int(m["m1"]), int(m["m2"])
    if y is None or not (1 <= m1 <= m2 <= 12):
        return None
    return _whole(m, PeriodValue.parse(f"{y:04d}-{m1:02d}/{y:04d}-{m2:02d}"))


def _r_rel_month(m: re.Match[str], ctx: _Context):
    """"今年3月", "去年12月31日"."""
    y = ctx.rel_year(m["rel"])
    if y is None:
        return None
    mo = int(m["mo"])
    if not 1 <= mo <= 12:
        return None
    ctx.anchor(y)
    if m["d"]:
        return _whole(m, _day(y, mo, int(m["d"])))
    return _whole(m, PeriodValue.month(y, mo))


def _r_reporting(m: re.Match[str], ctx: _Context):
    return _whole(m, ctx.reporting)


def _r_day_word(m: re.Match[str], ctx: _Context):
    word = m.group(0)
    if word in ("当日", "当天"):
        return _whole(m, PeriodValue.day(ctx.last_day) if ctx.last_day else None)
    if word in ("次日", "翌日", "第二天"):
        return _whole(m, PeriodValue.day(ctx.last_day + timedelta(days=1)) if ctx.last_day else None)
    if ctx.ref is None:
        return None
    shift = {"今日": 0, "今天": 0, "昨日": -1, "昨天": -1, "明日": 1, "明天": 1, "前天": -2}[word]
    return _whole(m, PeriodValue.day(ctx.ref + timedelta(days=shift)))


def _r_day_of_month(m: re.Match[str], ctx: _Context):
    d = int(m["d"])
    recent = ctx.last_month is not None and (
        ctx.sentence == ctx.last_month_sentence
        or (ctx.sentence - ctx.last_month_sentence <= 3 and ctx.ref is not None
            and (ctx.ref.year * 12 + ctx.ref.month) - (ctx.last_month[0] * 12 + ctx.last_month[1]) <= 1)
    )
    if recent and ctx.last_month is not None:
        y, mo = ctx.last_month
    elif ctx.ref is not None:
        y, mo = ctx.ref.year, ctx.ref.month
        if d > ctx.ref.day:
            y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
    else:
        return None
    return _whole(m, _day(y, mo, d))


def _r_weekday(m: re.Match[str], ctx: _Context):
    if ctx.ref is None:
        return None
    wd = _int(m["wd"]) - 1
    ref = ctx.ref
    if m["rel"] in ("上", "上个"):
        monday = ref - timedelta(days=ref.weekday() + 7)
        return _whole(m, PeriodValue.day(monday + timedelta(days=wd)))
    back = (ref.weekday() - wd) % 7
    return _whole(m, PeriodValue.day(ref - timedelta(days=back)))


def _r_week(m: re.Match[str], ctx: _Context):
    if ctx.ref is None:
        return None
    monday = ctx.ref - timedelta(days=ctx.ref.weekday())
    if m["rel"] in ("上", "上个", "上一"):
        monday -= timedelta(days=7)
    return _whole(m, PeriodValue.span(monday, monday + timedelta(days=4)))


_Y = r"(?P<y>(?:19|20)\d\d)"
_REL = r"(?P<rel>今|本|去|上|明|前)"
_YEAR_OF = rf"(?:{_Y}\s*年(?:度)?\s*|{_REL}年(?:度)?\s*)?"
_CNM = r"十[一二]|[一二三四五六七八九十]"

# (pattern, resolver), most specific first; at each position the longest match wins.
_PATTERNS: list[tuple[str, Resolver]] = [
    (rf"{_Y}\s*年\s*(?P<mo>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*[日号]", _r_full_date),
    (rf"(?:{_Y}\s*年\s*)?(?P<m1>[01]?\d)\s*(?:月份?)?\s*(?:[-–—~～]|至|到)\s*(?P<m2>[01]?\d)\s*月份?", _r_month_range),
    (rf"(?:{_Y}\s*年\s*)?(?P<mo>[01]?\d)\s*月份?(?:初)?以来", _r_since_month),
    (r"(?:今年|年初)(?:以来|至今)|今年迄今", _r_since_year_start),
    (r"(?<![\d年])(?P<mo>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*[日号]", _r_month_day),
    (r"(?<![\d年])(?P<mo>1[0-2]|0?[1-9])\s*月\s*(?P<d>[12]\d|3[01]|0?[1-9])(?![\d日号%.点元万亿股])", _r_month_day),
    (rf"{_Y}\s*年\s*(?P<mo>[01]?\d)\s*月份?", _r_year_month),
    (r"(?P<rel>今|去|明|前)年\s*(?P<m1>[01]?\d)\s*(?:月份?)?\s*(?:[-–—~～]|至|到)\s*(?P<m2>[01]?\d)\s*月份?",
     _r_rel_month_range),
    (r"(?P<rel>今|去|明|前)年\s*(?P<mo>[01]?\d)\s*月份?(?:\s*(?P<d>[0-3]?\d)\s*[日号])?",
     _r_rel_month),
    (r"(?:过去|近|最近)\s*(?P<n>\d{1,3}|[一二两三四五六七八九十]+)\s*(?P<unit>个月|天|日|周|年)(?:来|以来|内|里)?",
     _r_past),
    (r"(?:本|该|当|这一?)季度|当季", _r_this_quarter),
    (rf"{_YEAR_OF}(?P<upto>前)?第?(?P<q>[一二三四1-4])季度", _r_quarter),
    (rf"(?:{_Y}\s*年?\s*|{_REL}年\s*)?(?P<q>[一三])季报", _r_quarter_report),
    (rf"(?:{_Y}\s*年?\s*)?(?<![A-Za-z])Q(?P<q>[1-4])(?![\d])", _r_quarter),
    (rf"(?:{_Y}\s*年(?:度)?\s*|{_REL}年\s*)?(?P<h>上|下)半年(?:度)?", _r_half),
    (rf"(?:{_Y}\s*年?\s*|{_REL}年\s*)(?:中报|半年报|半年度报告)", _r_half),
    (rf"{_Y}\s*年(?:度)?\s*(?:年报|年度报告)", _r_year),
    (r"(?P<y1>(?:19|20)\d\d)\s*(?:年度?)?\s*(?:[-–—~～]|至|到)\s*(?P<y2>(?:19|20)\d\d)\s*年度?", _r_year_range),
    (r"(?:19|20)\d\d(?:\s*年度?)?(?:\s*(?:[、，,]|和|及|与)\s*(?:19|20)\d\d(?:\s*年度?)?)+(?<=[年度])", _r_year_list),
    (rf"{_Y}(?:\s*年(?:度)?(?!\s*\d)|(?=[一三]季报|中报|半年报))", _r_year),
    (r"(?P<rel>今|本|去|上|明|前)(?:一)?年(?:度)?(?!前|第|上半|下半|[一二三四]季|同期|以来|初|迄)", _r_rel_year),
    (r"(?:去年|上年|上一年)?同期", _r_same_period),
    (r"报告期(?:内)?", _r_reporting),
    (r"今日|今天|昨日|昨天|明日|明天|前天|当日|当天|次日|翌日|第二天", _r_day_word),
    (rf"{_Y}\s*年(?:度)?\s*全年", _r_year),
    (r"(?:今年)?全年", _r_rel_year_whole),
    (r"(?<![\d月第个])(?P<d>[12]\d|3[01]|0?[1-9])\s*[日号](?![线均元股])", _r_day_of_month),
    (rf"(?<![\d年])(?P<mo>{_CNM})月份?(?!\d)", _r_month),
    (r"(?<![\d年./])(?P<mo>1[0-2]|0?[1-9])\s*月份?(?![\d日号])", _r_month),
    (r"(?P<rel>上个|上|本|这|下)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])", _r_weekday),
    (r"(?P<rel>上一|上个|上|本|这)(?:周|星期)(?![一二三四五六日天])", _r_week),
]
_COMPILED = [(re.compile(p), r) for p, r in _PATTERNS]


def find_periods_zh(text: str, published_at: date | None, sentences: Iterable[Sentence]) -> list[Period]:
    """The periods of the given (Chinese) sentences of ``text``, in order of position."""
    norm = text.translate(_FULL)  # full-width digits read as digits; offsets are unchanged
    ctx = _Context(published_at)
    out: list[Period] = []
    for s in sentences:
        if s.index > ctx.anchor_sentence + 1:
            ctx.anchor_year = None
        ctx.paragraph, ctx.sentence = s.paragraph, s.index
        candidates = []
        for index, (pattern, _) in enumerate(_COMPILED):
            for m in pattern.finditer(norm, s.start, s.end):
                if m.end() > m.start():
                    candidates.append((m.start(), -m.end(), index, m))
        candidates.sort(key=lambda c: c[:3])
        taken_until = s.start
        for start, neg_end, index, m in candidates:
            if start < taken_until:
                continue
            resolved = _COMPILED[index][1](m, ctx)
            if not resolved:
                continue
            for value, p_start, p_end in resolved:
                out.append(Period(value=value.text, kind=_kind(value), surface=text[p_start:p_end],
                                  start=p_start, end=p_end, sentence=s.index))
                if _COMPILED[index][1] is not _r_same_period:
                    _remember(ctx, value)  # "去年同期" is compared with, not what the story is about
            taken_until = -neg_end
    return out


def _kind(p: PeriodValue) -> str:
    return p.granularity


def _remember(ctx: _Context, p: PeriodValue) -> None:
    if p.granularity == "day":
        ctx.last_day = p.first
        ctx.last_month, ctx.last_month_sentence = (p.first.year, p.first.month), ctx.sentence
        return
    if p.granularity == "month":
        ctx.last_month, ctx.last_month_sentence = (p.first.year, p.first.month), ctx.sentence
    ctx.last = p
    if p.granularity in ("quarter", "half", "year") or (p.granularity == "range" and p.first.day == 1):
        ctx.reporting = p
