"""Numbers in Chinese text as Quantities: value with its scale, unit, range, qualifier and change.

The same shape as the English parser, with Chinese grammar: a numeric core (half- or full-width
digits, "1，200" with a full-width thousands comma, Chinese numerals "九成", "五倍") grows to the
right through a scale (万, 亿, 万亿, "5个亿", "100多亿"), a unit (%, 个百分点, 点, 元, 港元, 美元,
升, 倍, a counted noun 股/辆/家) and a range ("1.21亿–3.63亿", "85%-95%", "30.80%至47.37%"), and
to the left through a currency (人民币, HK$), "每股" (per share), a qualifier (约, 逾, 超过, 不到)
and a word of change (同比下降, 跌幅为, 重挫). Words after it qualify it too (以上, 左右, 多). Dates
(2018年1月5日, 1-5月, 5日), stock codes ((600401), 002141.SZ), ordinals (第4天) and bonus-share
ratios (10转25) are not quantities, but an ordinal after a word of ranking is a rank ("位列第五").
The vocabulary is data (``data/quantities_zh.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import merge_extending, shipped_yaml, user_yaml
from ..errors import VocabularyError
from ..models import Quantity, Sentence
from ..text.spans import overlaps
from .parser import chinese_numeral

_FULL = str.maketrans("０１２３４５６７８９．，－％", "0123456789.,-%")
_D = r"[0-9０-９]"
_CORE = re.compile(
    rf"(?<![A-Za-z0-9０-９._/])(?P<neg>[-－−](?={_D}))?"
    rf"(?P<num>{_D}{{1,3}}(?:[,，]{_D}{{3}})+(?![0-9０-９])(?:[.．]{_D}+)?|{_D}+(?:[.．]{_D}+)?)"
    r"|(?P<cn>(?<![零〇一二两三四五六七八九十百千第])[零〇一二两三四五六七八九十百千]+)"
)
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_BLOCKED = re.compile(
    rf"""
    {_D}{{4}}\s*年度?(?:\s*{_D}{{1,2}}\s*月份?(?:\s*{_D}{{1,2}}\s*[日号])?)?
    | (?:19|20){_D}{{2}}\s*年?度?\s*(?:[-–—~～至到、和及与]\s*(?:19|20){_D}{{2}}\s*年?度?)+
    | {_D}{{1,2}}\s*[-–—~～至到、]\s*{_D}{{1,2}}\s*月份?
    | {_D}{{1,2}}\s*月份?(?:\s*{_D}{{1,2}}\s*[日号])?
    | {_D}{{1,2}}\s*[日号](?![元股])
    | {_D}{{1,2}}\s*[:：]\s*{_D}{{2}}
    | [(（]\s*{_D}{{5,6}}(?:\.[A-Z]{{2}})?\s*[)）]
    | {_D}{{4,6}}\.(?:SH|SZ|SS|HK|sh|sz|hk)
    | 第\s*(?:{_D}+|[一二三四五六七八九十百]+)
    | {_D}+\s*[转送]\s*{_D}+
    | (?:周|星期|礼拜)[一二三四五六日天]
    | [一二三四]季度 | [上下]半年
    """,
    re.VERBOSE,
)
_RANGE = re.compile(r"\s*(?:[-–—~～]|至|到)\s*")
_PER_SHARE_BEFORE = re.compile(r"每股\s*$")
_STOCKS_MOVING = re.compile(r"跌停|涨停|飘红|翻红|翻绿|红盘|绿盘|下跌|上涨|收涨|收跌|大涨|大跌")
_BEFORE_ONE = set("了有和及共约近逾超这那每为是达于将再又仅只")
_NEG_BEFORE_BLOCK = set("0123456789０１２３４５６７８９万亿千百元%％点股")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class ZhLexicon:
    scales: dict[str, float]
    unit_of: dict[str, str]  # unit words after a number -> unit
    count_of: dict[str, str]
    currency_prefix: dict[str, str]
    qualifier_before: dict[str, str]
    qualifier_after: dict[str, str]
    direction_before: dict[str, str]
    direction_after: dict[str, str]
    special: dict[str, tuple[float, str, str]]
    re_scale: re.Pattern[str]
    re_unit: re.Pattern[str]
    re_count: re.Pattern[str]
    re_currency_prefix: re.Pattern[str]
    re_qualifier_before: re.Pattern[str]
    re_qualifier_after: re.Pattern[str]
    re_direction_before: re.Pattern[str]
    re_direction_after: re.Pattern[str]
    re_special: re.Pattern[str]


def build_zh_lexicon(data: dict[str, Any], currencies: dict[str, Any]) -> ZhLexicon:
    try:
        scales = {k: float(v) for k, v in data["scales"].items()}
        unit_of: dict[str, str] = {}
        for w in data["percent"]:
            unit_of[w] = "percent"
        for w in data.get("tenths", []):
            unit_of[w] = "tenths"
        for w in data["percentage_point"]:
            unit_of[w] = "percentage_point"
        for w in data["point"]:
            unit_of[w] = "point"
        currency_prefix: dict[str, str] = {}
        for iso, spec in currencies["currencies"].items():
            for w in spec.get("words", []):
                if re.search(r"[\u4e00-\u9fff]", w):
                    unit_of.setdefault(w, iso)
            for c in spec.get("codes", []):
                unit_of.setdefault(c, iso)
            for s in [*spec.get("symbols", []), *spec.get("prefix_words", []), *spec.get("codes", [])]:
                currency_prefix.setdefault(s, iso)
        unit_of.update({str(k): str(v) for k, v in data["units"].items()})
        count_of = {str(k): str(v) for k, v in data["count_nouns"].items()}
        q_before = {p: q for q, ps in data["qualifiers_before"].items() for p in ps}
        q_after = {p: q for q, ps in data["qualifiers_after"].items() for p in ps}
        d_before = {p: d for d, spec in data["directions"].items() for p in spec["before"]}
        d_after = {p: d for d, spec in data["directions"].items() for p in spec["after"]}
        fillers = list(data.get("direction_fillers", []))
        special = {
            k: (float(v["value"]), str(v["unit"]), str(v["change"])) for k, v in data.get("special", {}).items()
        }
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise VocabularyError(f"Chinese quantity vocabulary is missing or has a bad entry: {exc}") from exc
    filler_alt = _alternation(fillers) if fillers else "(?!)"
    return ZhLexicon(
        scales=scales,
        unit_of=unit_of,
        count_of=count_of,
        currency_prefix=currency_prefix,
        qualifier_before=q_before,
        qualifier_after=q_after,
        direction_before=d_before,
        direction_after=d_after,
        special=special,
        re_scale=re.compile(rf"\s*(?P<mod>多|余|个)?(?P<scale>{_alternation(scales)})"),
        re_unit=re.compile(rf"\s*(?P<mod>多)?(?P<unit>{_alternation(unit_of)})(?![A-Za-z])"),
        re_count=re.compile(rf"\s*(?P<mod>多|余)?(?P<noun>{_alternation(count_of)})"),
        re_currency_prefix=re.compile(rf"(?:{_alternation(currency_prefix)})\s*$"),
        re_qualifier_before=re.compile(rf"({_alternation(q_before)})\s*$"),
        re_qualifier_after=re.compile(rf"\s*({_alternation(q_after)})"),
        re_direction_before=re.compile(
            rf"({_alternation(d_before)})(?:{filler_alt})?\s*$"
        ),
        re_direction_after=re.compile(rf"\s*({_alternation(d_after)})"),
        re_special=re.compile(_alternation(special)) if special else re.compile("(?!)"),
    )


@lru_cache(maxsize=8)
def load_zh_lexicon(user_file: str | None = None) -> ZhLexicon:
    data = shipped_yaml("quantities_zh.yaml")
    if user_file:
        merge_extending(data, user_yaml(user_file, "Chinese quantity vocabulary"))
    return build_zh_lexicon(data, shipped_yaml("currencies.yaml"))


@dataclass
class _Number:
    """A number with what follows it: value (scaled), unit, where it ends."""

    value: float
    unit: str | None
    per: str | None
    end: int
    scale: float
    bound: str | None  # qualifier written with it: "100多亿" (>)


def parse_quantities_zh(
    text: str, lexicon: ZhLexicon | None = None, spans: Iterable[tuple[int, int]] | None = None
) -> list[Quantity]:
    """The quantities of ``text`` (only inside ``spans`` when given), in order of position."""
    lex = lexicon or load_zh_lexicon()
    windows = sorted(spans) if spans is not None else [(0, len(text))]
    out: list[Quantity] = []
    for w_start, w_end in windows:
        blocked = [(m.start(), m.end()) for m in _BLOCKED.finditer(text, w_start, w_end)]
        consumed = -1
        for m in _CORE.finditer(text, w_start, w_end):
            if m.start() < consumed or overlaps(m.start(), m.end(), blocked):
                continue
            q = _grow(text, m, lex, w_start, w_end)
            if q is not None:
                out.append(q)
                consumed = q.end
        for m in lex.re_special.finditer(text, w_start, w_end):
            if not any(q.start <= m.start() < q.end for q in out):
                value, unit, change = lex.special[m.group(0)]
                out.append(Quantity(value=value, unit=unit, surface=m.group(0), start=m.start(), end=m.end(),
                                    change=change))  # type: ignore[arg-type]
        for m in _RANK.finditer(text, w_start, w_end):
            value = float(m.group("n")) if m.group("n").isdigit() else chinese_numeral(m.group("n"))
            if value is not None and not any(q.start <= m.start("ord") < q.end for q in out):
                out.append(Quantity(value=value, unit="rank", surface=m.group("ord"), start=m.start("ord"),
                                    end=m.end("ord")))
    out.sort(key=lambda q: q.start)
    return out


_RANK = re.compile(
    r"(?:排名|位列|排在|位居|名列|排行)\s*(?P<ord>第\s*(?P<n>\d{1,3}|[一二三四五六七八九十百]+)\s*(?:位|名)?)"
)


def _core_value(m: re.Match[str], text: str) -> tuple[float, str] | None:
    if m.group("num"):
        raw = m.group("num").translate(_FULL).replace(",", "")
        value = float(raw)
        neg = m.group("neg")
        if neg and (m.start() == 0 or text[m.start() - 1] not in _NEG_BEFORE_BLOCK):
            value = -value
        return value, "digits"
    value = chinese_numeral(m.group("cn"))
    return (value, "chinese") if value is not None else None


def _number_after(text: str, pos: int, value: float, lex: ZhLexicon, end: int) -> _Number:
    """Scale, unit and counted noun after a core ending at ``pos``."""
    scale, bound, per = 1.0, None, None
    unit: str | None = None
    sm = lex.re_scale.match(text, pos, end)
    if sm and not (sm.group("mod") == "个" and sm.group("scale") not in ("亿", "万")):
        scale = lex.scales[sm.group("scale")]
        bound = ">" if sm.group("mod") in ("多", "余") else None
        pos = sm.end()
    um = lex.re_unit.match(text, pos, end)
    cm = lex.re_count.match(text, pos, end)
    if um and (cm is None or um.end() >= cm.end()):
        unit = lex.unit_of[um.group("unit")]
        if um.group("mod") or "多" in um.group("unit"):
            bound = ">"  # "17点多", "2个多百分点"
        pos = um.end()
        if unit == "per_share":
            unit, per = "CNY", "share"
        elif text.startswith(("/股", "每股"), pos):
            per, pos = "share", pos + 2
    elif cm:
        unit = lex.count_of[cm.group("noun")]
        if unit == "share" and _STOCKS_MOVING.match(text, cm.end()):
            unit = "stock"  # "百股跌停", "400只股跌停": stocks counted, not shares
        if cm.group("mod"):
            bound = ">"
        pos = cm.end()
    if unit == "tenths":
        unit, value = "percent", value * 10
    return _Number(value * scale, unit, per, pos, scale, bound)


def _grow(text: str, m: re.Match[str], lex: ZhLexicon, w_start: int, w_end: int) -> Quantity | None:
    core = _core_value(m, text)
    if core is None:
        return None
    value, kind = core
    start = m.start()
    if kind == "chinese" and m.group("cn") == "一" and start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" \
            and text[start - 1] not in _BEFORE_ONE:
        return None  # "统一", "唯一", "之一": a word, not the number one
    first = _number_after(text, m.end(), value, lex, w_end)
    if kind == "chinese" and first.unit is None and first.scale == 1.0:
        return None  # a bare numeral is part of a word (一些, 统一): kept only with a unit or scale
    digits = m.group("num") or ""
    if kind == "digits" and _YEAR_LIKE.fullmatch(digits) and first.unit is None and first.scale == 1.0:
        return None  # a year standing alone
    number, value_max = first, None
    # a range: "2.5亿-3亿元", "23.7亿元-28.4亿元", "85%-95%", "30.80%至47.37%"
    rng = _RANGE.match(text, first.end, w_end)
    if rng:
        second = _CORE.match(text, rng.end(), w_end)
        if second and second.group("num"):
            v2 = float(second.group("num").translate(_FULL).replace(",", ""))
            after = _number_after(text, second.end(), v2, lex, w_end)
            compatible = first.unit is None or after.unit is None or after.unit == first.unit
            low = first.value
            if first.scale == 1.0 and after.scale != 1.0:
                low = first.value * after.scale  # "5-6亿元": the scale written once serves both
            scaled = first.scale != 1.0 and after.scale != 1.0  # "5900万-12470万"
            if compatible and after.value >= low and ((first.unit or after.unit) is not None or scaled):
                number = _Number(low, first.unit or after.unit, first.per or after.per, after.end,
                                 after.scale, first.bound or after.bound)
                value_max = after.value
    unit, per, pos = number.unit, number.per, number.end
    # a currency written before: "人民币5亿元", "HK$40.78"
    prefix = lex.re_currency_prefix.search(text, max(w_start, start - 4), start)
    if prefix and (unit is None or unit == lex.currency_prefix[prefix.group(0).strip()]):
        unit = lex.currency_prefix[prefix.group(0).strip()]
        start = prefix.start()
    if _PER_SHARE_BEFORE.search(text, max(w_start, start - 3), start) and unit is not None and len(unit) == 3:
        per = "share"
    qualifier = number.bound or "="
    qa = lex.re_qualifier_after.match(text, pos, w_end)
    if qa and qualifier == "=":
        qualifier = lex.qualifier_after[qa.group(1)]
    before_end = start
    qb = lex.re_qualifier_before.search(text, max(w_start, start - 6), start)
    if qb:
        if qualifier == "=":
            qualifier = lex.qualifier_before[qb.group(1)]
        before_end = qb.start()
    direction: str | None = None
    db = lex.re_direction_before.search(text, max(w_start, before_end - 8), before_end)
    if db:
        direction = lex.direction_before[db.group(1)]
    else:
        da = lex.re_direction_after.match(text, pos, w_end)
        if da and unit in ("percent", "percentage_point", "point"):
            direction = lex.direction_after[da.group(1)]
    return Quantity(
        value=_tidy(number.value),
        value_max=_tidy(value_max) if value_max is not None else None,
        unit=unit,
        per=per,
        precision=_precision(digits, kind, number.scale),
        surface=text[start:pos],
        start=start,
        end=pos,
        qualifier=qualifier,  # type: ignore[arg-type]
        change=direction or qualifier,  # type: ignore[arg-type]
    )


def _tidy(value: float) -> float:
    """33.23 x 1e4 is 332299.99999999994 in floating point: 12 significant digits are plenty."""
    return float(f"{value:.12g}")


def _precision(digits: str, kind: str, scale: float) -> float:
    """Half the rounding step the written number implies ('1.21亿' -> 0.005e8)."""
    if kind != "digits":
        return 0.5 * scale
    raw = digits.translate(_FULL).replace(",", "")
    if "." in raw:
        return 0.5 * 10 ** -len(raw.split(".", 1)[1]) * scale
    return 0.5 * scale


def language_windows(sentences: Iterable[Sentence], language: str) -> list[tuple[int, int]]:
    """The spans of consecutive sentences in ``language``, merged."""
    out: list[tuple[int, int]] = []
    last = -2
    for s in sentences:
        if s.language != language:
            continue
        if out and s.index == last + 1:
            out[-1] = (out[-1][0], s.end)
        else:
            out.append((s.start, s.end))
        last = s.index
    return out
