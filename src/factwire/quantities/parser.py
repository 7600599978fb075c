"""Every number in running text as a Quantity: value with its scale, unit, range and qualifier.

The parser finds numeric cores (digits, English number words, Chinese numerals) and grows each one
outwards with anchored look-ups in the vocabulary: to the right a range, a scale ("million", "亿",
"5bn"), a unit (currency word or code, percent, points, physical unit), "per share" and a counted
noun; to the left a currency symbol or code, a qualifier ("over", "nearly") and a direction ("down",
"rose by"). Cores that are dates, times, phone numbers, tickers, years, or labels ("SU7", "Q3",
"Section 427") are dropped. Every step is a compiled regex or a dict look-up, so one pass is linear
in the text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..models import Quantity
from ..text.spans import overlaps
from .lexicon import Lexicon, load_lexicon

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# Spans that look numeric but are dates, times, phone numbers, tickers or period labels.
_BLOCKED = re.compile(
    rf"""
    \b\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}\b
    | \b\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\b
    | \b\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?
    | \b\d{{1,2}}\s*(?:[ap]\.m\.|[ap]m)\b
    | \b[0-2]\d[0-5]\d\s+(?:GMT|ET|EST|EDT|BST|CET|UTC|JST|HKT)\b
    | \+\d{{1,3}}[\s-]?\(?\d{{1,4}}\)?(?:[\s-]?\d{{2,4}}){{2,4}}
    | \(?\b\d{{3}}\)?[-.]\d{{3}}[-.]\d{{4}}\b
    | \b\d{{3,4}}-\d{{3,4}}-\d{{3,4}}\b
    | \b\d{{3,6}}\.(?:HK|SZ|SS|SH|T|KS|TW|L|NS|BO|US)\b
    | \b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|million|billion))
    | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?![a-z])
    | \d{{4}}\s?年(?:\s?\d{{1,2}}\s?月)?(?:\s?\d{{1,2}}\s?[日号])?
    | \d{{1,2}}\s?月(?:\s?\d{{1,2}}\s?[日号])?
    | \d{{1,2}}\s?[日号](?=[，,。\s])
    | \b[Qq][1-4]\b | \b[Hh][12]\b | \bFY\s?\d{{2,4}}\b
    """,
    re.VERBOSE,
)
_DIGITS = re.compile(r"(?<![A-Za-z0-9_.,])(?<!\d[-–])([-−](?=\d))?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)")
_SECOND_DIGITS = re.compile(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")
_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
    "dozen": 12,
    "a dozen": 12,
}
_WORDS = re.compile(r"\b(" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = re.compile(r"(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+")
_ORDINAL = re.compile(r"(st|nd|rd|th)\b")
_RANK_BEFORE = re.compile(r"(?:\brank(?:ed|s|ing)?|\bNo\.|\bnumber|\bplaced|\bfinished)\s+(?:at\s+|as\s+)?$", re.I)
_RANGE_DASH = re.compile(r"\s?[-–—~]\s?(?=[\d.$€£¥])")
_RANGE_AND = re.compile(r"\s+(?:and|to)\s+")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"(?<!ranging\s)(?<!ranged\s)(?<!range\s)\bfrom\s+(?:about\s+|around\s+)?[$€£¥]?$", re.IGNORECASE)
_COMPOUND_ADJECTIVE = re.compile(r"-(?!(?:million|billion|trillion|per-share|a-share)\b)[a-z]+(?:-[a-z]+)*\b")
_RANGE_TO = re.compile(r"\s+to\s+(?=[$€£¥]?\d)")
_PER = re.compile(r"[\s-]?(?:per|a|each|/)[\s-]?([A-Za-z][A-Za-z-]*|[\u4e00-\u9fff])")
_TIME_AGO = re.compile(r"\s+(?:earlier|ago|before|later|prior|previously)\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([A-Za-z][A-Za-z0-9-]*)")
_ENUM_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|to\s+)$")
_CN_CLASSIFIER = re.compile(r"\s?([\u4e00-\u9fff]{1,2})")
_NOT_PLURAL = frozenset(
    [
        "across",
        "always",
        "analysis",
        "as",
        "basis",
        "besides",
        "bus",
        "crisis",
        "famous",
        "gas",
        "has",
        "is",
        "its",
        "less",
        "means",
        "news",
        "perhaps",
        "plus",
        "previous",
        "process",
        "sales",
        "series",
        "serious",
        "status",
        "this",
        "thus",
        "us",
        "various",
        "was",
        "whereas",
        "yes",
    ]
)
_CNY_CONTEXT = re.compile(r"RMB|CNY|yuan|China|Chinese|[\u4e00-\u9fff]")


@dataclass
class _Core:
    start: int
    end: int
    value: float
    kind: str  # digits | word | chinese


def parse_quantities(text: str, lexicon: Lexicon | None = None) -> list[Quantity]:
    """All quantities in ``text``, in order of position."""
    lex = lexicon or load_lexicon()
    blocked = [(m.start(), m.end()) for m in _BLOCKED.finditer(text)]
    cny_context = bool(_CNY_CONTEXT.search(text))
    out: list[Quantity] = []
    consumed_until = -1
    for core in _cores(text):
        if core.start < consumed_until or overlaps(core.start, core.end, blocked):
            continue
        q = _grow(text, core, lex, cny_context)
        if q is not None:
            out.append(q)
            consumed_until = q.end
    _share_enumerated_units(text, out)
    return out


def _share_enumerated_units(text: str, quantities: list[Quantity]) -> None:
    """ "42,013 and 40,397 vehicles": a bare number listed before a counted one takes its unit."""
    for i in range(len(quantities) - 2, -1, -1):
        q, nxt = quantities[i], quantities[i + 1]
        if q.unit is None and nxt.unit is not None and _ENUM_GAP.fullmatch(text[q.end : nxt.start]):
            q.unit = nxt.unit


_MAX_DIGITS = 24


def _cores(text: str) -> list[_Core]:
    cores = []
    for m in _DIGITS.finditer(text):
        raw = m.group(2).replace(",", "")
        if len(raw) > _MAX_DIGITS:
            continue  # a run of 1,000 zeros is noise, not an amount (and overflows a float's scale)
        value = float(raw)
        if m.group(1):
            value = -value
        cores.append(_Core(m.start(), m.end(), value, "digits"))
    for m in _WORDS.finditer(text):
        cores.append(_Core(m.start(), m.end(), float(_WORD_NUMBERS[m.group(1).lower()]), "word"))
    for m in _CN_NUMERAL.finditer(text):
        value = chinese_numeral(m.group(0))
        if value is not None:
            cores.append(_Core(m.start(), m.end(), value, "chinese"))
    cores.sort(key=lambda c: c.start)
    return cores


def chinese_numeral(s: str) -> float | None:
    """'三千五百' -> 3500, '十二' -> 12, '二〇二五' -> 2025 (digit by digit)."""
    if all(ch in _CN_DIGITS for ch in s):
        return float("".join(str(_CN_DIGITS[ch]) for ch in s)) if len(s) > 1 else float(_CN_DIGITS[s])
    total, digit = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        else:
            return None
    return float(total + digit)


def _grow(text: str, core: _Core, lex: Lexicon, cny_context: bool) -> Quantity | None:
    start, pos = core.start, core.end
    value = core.value
    value_max: float | None = None
    unit: str | None = None
    per: str | None = None
    direction: str | None = None
    is_year_like = core.kind == "digits" and re.fullmatch(r"(19|20)\d\d", text[core.start : core.end])

    # A letter glued to the digits: an ordinal, an attached scale/unit, or a name such as "3G+".
    glued = pos < len(text) and text[pos].isascii() and text[pos].isalpha()
    if core.kind == "digits" and glued:
        ordinal = _ORDINAL.match(text, pos)
        if ordinal:
            if not _RANK_BEFORE.search(text[max(0, start - 30) : start]):
                return None
            return Quantity(
                value=value, unit="rank", surface=text[start : ordinal.end()], start=start, end=ordinal.end()
            )
        if not (lex.re_attached_scale.match(text, pos) or lex.re_suffix.match(text, pos)):
            return None
    if core.kind == "digits" and _LABEL_BEFORE(text, start, lex):
        return None
    if core.kind in ("digits", "word") and _COMPOUND_ADJECTIVE.match(text, pos):
        return None  # "30-year bonds", "a 17-year-old driver", "12-inch wafers", "790-foot ship"

    # Currency written before the number.
    prefix = lex.re_prefix_currency.search(text, max(0, start - 12), start)
    if prefix and prefix.end() == start:
        unit = _currency_of(prefix.group(0).strip(), lex, cny_context)
        start = prefix.start()

    # Scale ("million", "5bn", "亿").
    scale, pos = _scale(text, pos, lex)
    value *= scale

    # Range: "25,000 and 30,000" after "between", or "25-30k".
    left = text[max(0, start - 20) : start]
    connector = _RANGE_DASH.match(text, pos)
    if connector is None and _BETWEEN.search(left):
        connector = _RANGE_AND.match(text, pos)
    elif connector is None and not _FROM.search(left):
        connector = _RANGE_TO.match(text, pos)  # "$3.60 billion to $3.65 billion", "740 to 745 planes"
    if connector:
        second = _second_number(text, connector.end(), lex, cny_context)
        if second is not None:
            second_value, second_scale, second_end = second
            low = value * (second_scale if scale == 1.0 and second_scale != 1.0 else 1.0)
            plausible = second_value >= low and (connector.group(0).strip() not in ("to",) or second_value <= low * 10)
            if plausible:
                if scale == 1.0 and second_scale != 1.0:
                    scale = second_scale  # "$7.0-7.3 billion": the scale written once serves both
                value, value_max, pos = low, second_value, second_end
            elif core.kind == "digits" and not unit and second_scale == 1.0 and _RANGE_DASH.match(text, pos):
                return None  # "747-8", "2014-15": a model number or a label, not a range

    # Unit after the number: currency word/code, percent, points, physical unit.
    suffix = lex.re_suffix.match(text, pos)
    if suffix:
        kind = _suffix_unit(suffix.group(1), lex, cny_context)
        if kind is not None and (unit is None or kind == unit or _is_currency(kind, lex)):
            unit = kind
            pos = suffix.end()
            if suffix.group(1).lower() in lex.currency_subunit and scale == 1.0:
                # "17 cents": a hundredth of the currency
                value, scale = value / 100, 0.01
                value_max = value_max / 100 if value_max is not None else None
    if unit is not None and value_max is None:
        pos, value_max = _unit_range(text, pos, left, value, unit, lex, cny_context)
    if core.kind == "chinese" and unit is None and scale == 1.0:
        # a bare Chinese numeral is usually part of a word (一些, 统一): keep it only with a classifier
        cls = _CN_CLASSIFIER.match(text, pos)
        if not cls or cls.group(1)[:1] not in lex.count_nouns:
            return None

    # "per share", "a month".
    if unit is not None:
        per_match = _PER.match(text, pos)
        if per_match and _TIME_AGO.match(text, per_match.end()):
            per_match = None  # "$633 million a year earlier": when, not a rate
        if per_match and _noun_unit(per_match.group(1), lex, loose=False):
            per = _noun_unit(per_match.group(1), lex, loose=False)
            pos = per_match.end()

    # Counted noun ("48,654 electric vehicles", "4.8万辆").
    if unit is None:
        noun = None if is_year_like else _counted_noun(text, pos, lex, strict=core.kind == "word")
        if noun is not None:
            unit, pos = noun

    if core.kind == "word" and unit is None and scale == 1.0:
        return None
    if core.kind == "digits" and unit is None and scale == 1.0 and value_max is None and _NAME_BEFORE(text, start):
        return None  # "Xbox 360", "PlayStation 4", "Boeing 747": part of a product's name
    if is_year_like and unit is None and scale == 1.0 and value_max is None:
        return None

    # Qualifier and direction before the number.
    qualifier = "="
    before = text[max(0, start - 40) : start]
    q = lex.re_qualifier_before.search(before)
    if q:
        qualifier = lex.qualifier_of[q.group(1).lower()]
        before = before[: q.start()]
    d = lex.re_direction_before.search(before)
    if d:
        direction = lex.direction_before[d.group(1).lower()]
    elif unit in ("percent", "percentage_point", "basis_point"):
        after = lex.re_direction_after.match(text, pos)
        if after:
            direction = lex.direction_after[after.group(1).lower()]

    return Quantity(
        value=value,
        value_max=value_max,
        unit=unit,
        per=per,
        precision=_precision(text[core.start : core.end], core.kind, scale),
        surface=text[start:pos],
        start=start,
        end=pos,
        qualifier=qualifier,
        change=direction or qualifier,
    )


def _precision(digits: str, kind: str, scale: float) -> float:
    """Half the rounding step a written number implies: '5.6' billion -> 0.05e9; '42,013' or '30'
    -> 0.5. A round number of four digits or more is taken as precise to one digit more than it
    shows: '50,000' -> 500, '6,000' -> 50 (writers round, but not by a tenth of the number)."""
    if kind != "digits":
        return 0.5 * scale
    raw = digits.replace(",", "").lstrip("-−")
    if "." in raw:
        return 0.5 * 10 ** -len(raw.split(".", 1)[1]) * scale
    if len(raw) >= 4:
        zeros = len(raw) - len(raw.rstrip("0"))
        return 0.5 * 10 ** max(zeros - 1, 0) * scale
    return 0.5 * scale


_NAME_WORD = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+[A-Z]?[A-Za-z]*|[a-z]+[A-Z][A-Za-z]*)\s$")
_NOT_NAMES = frozenset(
    [*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept", *calendar.day_name]
)


def _NAME_BEFORE(text: str, start: int) -> bool:
    m = _NAME_WORD.search(text[max(0, start - 25) : start])
    return bool(m) and m.group(1) not in _NOT_NAMES


def _LABEL_BEFORE(text: str, start: int, lex: Lexicon) -> bool:
    m = re.search(r"([A-Za-z.]+)\s+$", text[max(0, start - 20) : start])
    if not m:
        return False
    word = m.group(1)
    return word.lower() in lex.label_words and word[:1].isupper()


def _scale(text: str, pos: int, lex: Lexicon) -> tuple[float, int]:
    m = lex.re_attached_scale.match(text, pos)
    if m and not lex.re_suffix.match(text, pos):
        return lex.attached_scales[m.group(1)], m.end()
    m = lex.re_scale.match(text, pos)
    if m:
        return lex.scales[m.group(1).lower()], m.end()
    m = lex.re_chinese_scale.match(text, pos)
    if m:
        return lex.chinese_scales[m.group(1)], m.end()
    return 1.0, pos


_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|fell|climbed|gained|lost|jumped|dropped|slipped|declined|increased|decreased|grew|raised|cut|"
    r"lifted|lowered|boosted|up|down)\s+(?:by\s+)?(?:about\s+|around\s+|nearly\s+)?[$€£¥]?$",
    re.IGNORECASE,
)


def _unit_range(
    text: str, pos: int, left: str, value: float, unit: str, lex: Lexicon, cny_context: bool
) -> tuple[int, float | None]:
    """"between 54.66 billion rupees and 70.71 billion rupees", "25 percent to 35 percent": a
    range with the unit written twice. Not "rose 5 percent to 7 percent" (a change to a level)."""
    if _BETWEEN.search(left):
        connector = _RANGE_AND.match(text, pos)
    elif _FROM.search(left) or _CHANGE_BEFORE.search(left):
        return pos, None
    else:
        connector = _RANGE_TO.match(text, pos)
    if connector is None:
        return pos, None
    second = _second_number(text, connector.end(), lex, cny_context)
    if second is None:
        return pos, None
    second_value, _, second_end = second
    suffix = lex.re_suffix.match(text, second_end)
    prefix = lex.re_prefix_currency_at.match(text, connector.end())
    if suffix and _suffix_unit(suffix.group(1), lex, cny_context) == unit:
        end = suffix.end()
    elif prefix and _currency_of(prefix.group(0).strip(), lex, cny_context) == unit:
        end = second_end
    else:
        return pos, None
    if not value <= second_value <= value * 10:
        return pos, None
    return end, second_value


def _second_number(text: str, pos: int, lex: Lexicon, cny_context: bool) -> tuple[float, float, int] | None:
    prefix = lex.re_prefix_currency_at.match(text, pos)
    if prefix:
        pos = prefix.end()
    m = _SECOND_DIGITS.match(text, pos)
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    scale, end = _scale(text, m.end(), lex)
    return value * scale, scale, end


def _is_currency(unit: str, lex: Lexicon) -> bool:
    return unit in lex.currency_code.values()


def _currency_of(surface: str, lex: Lexicon, cny_context: bool) -> str:
    code = (
        lex.currency_symbol.get(surface)
        or lex.currency_code.get(surface)
        or lex.currency_prefix_word.get(surface)
        or "USD"
    )
    if surface in ("¥", "￥") and cny_context:
        return "CNY"  # "¥" is the yuan in Chinese stories, the yen elsewhere
    return code


def _suffix_unit(surface: str, lex: Lexicon, cny_context: bool) -> str | None:
    low = surface.lower()
    if surface in lex.currency_code:
        return lex.currency_code[surface]
    if low in lex.currency_subunit:
        return lex.currency_subunit[low]
    if low in lex.currency_word:
        code = lex.currency_word[low]
        return "CNY" if code == "JPY" and low in ("¥",) and cny_context else code
    if low in (w.lower() for w in lex.percent_words):
        return "percent"
    if low in (w.lower() for w in lex.point_words):
        return "percentage_point"
    if low in (w.lower() for w in lex.bp_words):
        return "basis_point"
    if surface in lex.units:
        return lex.units[surface]
    for key, unit in lex.units.items():
        if key.lower() == low:
            return unit
    return None


def _noun_unit(word: str, lex: Lexicon, *, loose: bool) -> str | None:
    if word in lex.count_nouns:
        return lex.count_nouns[word]
    low = word.lower()
    if low in lex.count_nouns:
        return lex.count_nouns[low]
    if low in (
        "share",
        "unit",
        "vehicle",
        "car",
        "month",
        "year",
        "day",
        "week",
        "person",
        "kwh",
        "tonne",
        "barrel",
        "user",
        "employee",
        "store",
    ):
        return "kWh" if low == "kwh" else ("vehicle" if low == "car" else low)
    if loose and word.islower() and len(word) > 3 and word.endswith("s") and low not in _NOT_PLURAL:
        return singular(low)
    return None


def _counted_noun(text: str, pos: int, lex: Lexicon, *, strict: bool) -> tuple[str, int] | None:
    cls = _CN_CLASSIFIER.match(text, pos)
    if cls:
        for n in (2, 1):
            word = cls.group(1)[:n]
            if len(word) == n and word in lex.count_nouns:
                return lex.count_nouns[word], cls.start(1) + n
    cursor = pos
    for hop in range(3):
        m = _NEXT_WORD.match(text, cursor)
        if not m:
            return None
        word = m.group(1)
        # two-word nouns first ("charging stations")
        two = _NEXT_WORD.match(text, m.end())
        if two and f"{word} {two.group(1)}" in lex.count_nouns:
            return lex.count_nouns[f"{word} {two.group(1)}"], two.end()
        unit = _noun_unit(word, lex, loose=hop == 0 and not strict)
        if unit is not None:
            return unit, m.end()
        # skip modifiers and product names ("117,000 Xiaomi SU7 vehicles"), nothing else
        if word.lower() not in lex.count_modifiers and not word[:1].isupper():
            return None
        cursor = m.end()
    return None


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
