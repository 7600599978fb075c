"""Loads the quantity vocabularies (``data/quantities.yaml``, ``data/currencies.yaml``) into the
compiled regular expressions the parser uses. Users can pass their own files with the same keys;
their entries are added to the shipped ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import merge_extending, shipped_yaml, user_yaml
from ..errors import VocabularyError


def _alternation(words: list[str]) -> str:
    """A regex alternation, longest first so that 'more than' beats 'more'."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    scales: dict[str, float]
    attached_scales: dict[str, float]
    chinese_scales: dict[str, float]
    units: dict[str, str]
    count_nouns: dict[str, str]
    count_modifiers: frozenset[str]
    label_words: frozenset[str]
    currency_symbol: dict[str, str]  # surface -> ISO code
    currency_code: dict[str, str]
    currency_word: dict[str, str]
    currency_prefix_word: dict[str, str]
    currency_subunit: dict[str, str]  # "cents" -> USD: a hundredth of it
    qualifier_of: dict[str, str]  # lower-case phrase -> qualifier
    direction_before: dict[str, str]
    direction_after: dict[str, str]
    percent_words: tuple[str, ...]
    point_words: tuple[str, ...]
    bp_words: tuple[str, ...]
    # compiled
    re_prefix_currency: re.Pattern[str]
    re_prefix_currency_at: re.Pattern[str]  # the same, matched where a second number starts
    re_scale: re.Pattern[str]
    re_attached_scale: re.Pattern[str]
    re_chinese_scale: re.Pattern[str]
    re_suffix: re.Pattern[str]
    re_qualifier_before: re.Pattern[str]
    re_direction_before: re.Pattern[str]
    re_direction_after: re.Pattern[str]


def build_lexicon(quantities: dict[str, Any], currencies: dict[str, Any]) -> Lexicon:
    try:
        symbol, code, word, prefix_word, subunit = {}, {}, {}, {}, {}
        for iso, spec in currencies["currencies"].items():
            for s in spec.get("subunits", []):
                subunit[s.lower()] = iso
            for s in spec.get("symbols", []):
                symbol.setdefault(s, iso)
            for c in spec.get("codes", []):
                code[c] = iso
            for w in spec.get("words", []):
                word[w.lower()] = iso
            for w in spec.get("prefix_words", []):
                prefix_word[w] = iso
        qualifier_of = {
            phrase.lower(): q for q, phrases in quantities["qualifiers"].items() for phrase in phrases
        }
        direction_before = {
            p.lower(): d for d, spec in quantities["directions"].items() for p in spec["before"]
        }
        direction_after = {
            p.lower(): d for d, spec in quantities["directions"].items() for p in spec["after"]
        }
        scales = {k.lower(): float(v) for k, v in quantities["scales"].items()}
        attached = {k: float(v) for k, v in quantities["attached_scales"].items()}
        chinese = {k: float(v) for k, v in quantities["chinese_scales"].items()}
        units = dict(quantities["units"])
        count_nouns = dict(quantities["count_nouns"])
        percent = tuple(quantities["percent"])
        points = tuple(quantities["percentage_point"])
        bps = tuple(quantities["basis_point"])
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise VocabularyError(f"quantity vocabulary is missing or has a bad entry: {exc}") from exc

    prefix_alts = _alternation(list(symbol)) + "|" + _alternation(list(prefix_word))
    codes_alt = _alternation(list(code))
    # Suffix units after the number (and scale): currency codes/words, percent, points, units,
    # counted nouns. Matched case-insensitively except where case matters (handled by lookups).
    suffix_words = [*code, *word, *subunit, *percent, *points, *bps, *units]
    suffix_alt = _alternation(suffix_words)
    return Lexicon(
        scales=scales,
        attached_scales=attached,
        chinese_scales=chinese,
        units=units,
        count_nouns=count_nouns,
        count_modifiers=frozenset(w.lower() for w in quantities.get("count_modifiers", [])),
        label_words=frozenset(w.lower() for w in quantities.get("label_words", [])),
        currency_symbol=symbol,
        currency_code=code,
        currency_word=word,
        currency_prefix_word=prefix_word,
        currency_subunit=subunit,
        qualifier_of=qualifier_of,
        direction_before=direction_before,
        direction_after=direction_after,
        percent_words=percent,
        point_words=points,
        bp_words=bps,
        re_prefix_currency=re.compile(
            rf"(?:(?<![A-Za-z])(?:{codes_alt})\s?|(?:{prefix_alts})\s?)$"
        ),
        re_prefix_currency_at=re.compile(rf"(?:(?:{codes_alt})\s?|(?:{prefix_alts})\s?)"),
        re_scale=re.compile(rf"[\s-]?({_alternation(list(scales))})(?![A-Za-z])", re.IGNORECASE),
        re_attached_scale=re.compile(rf"({_alternation(list(attached))})(?![A-Za-z])"),
        re_chinese_scale=re.compile(rf"({_alternation(list(chinese))})"),
        re_suffix=re.compile(rf"\s?({suffix_alt})(?![A-Za-z])", re.IGNORECASE),
        re_qualifier_before=re.compile(
            rf"(?<![A-Za-z])({_alternation(list(qualifier_of))})\s*$", re.IGNORECASE
        ),
        re_direction_before=re.compile(
            rf"(?<![A-Za-z])({_alternation(list(direction_before))})(?:\s+by)?\s*$", re.IGNORECASE
        ),
        re_direction_after=re.compile(
            rf"\s*({_alternation(list(direction_after))})(?![A-Za-z])", re.IGNORECASE
        ),
    )


@lru_cache(maxsize=8)
def load_lexicon(user_file: str | None = None) -> Lexicon:
    quantities = shipped_yaml("quantities.yaml")
    currencies = shipped_yaml("currencies.yaml")
    if user_file:
        extra = user_yaml(user_file, "quantity vocabulary")
        if "currencies" in extra:
            merge_extending(currencies, {"currencies": extra.pop("currencies")})
        merge_extending(quantities, extra)
    return build_lexicon(quantities, currencies)
