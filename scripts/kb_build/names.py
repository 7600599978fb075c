"""Company names: legal suffixes, short names, suffix abbreviations, slugs, tickers as news writes them."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

# Legal and holding-company words that news drops: "Apple Inc" -> "Apple". Longest first.
SUFFIXES = [
    "Public Limited Company", "Company Limited", "Co., Ltd.", "Co. Ltd.", "Co Ltd", "Co., Ltd", "Co.,Ltd.",
    "Holdings Limited", "Holdings Ltd", "Holdings Inc.", "Holdings Inc", "Holdings Corp",
    "Group Holding Ltd", "Group Holding", "Group Ltd", "Group plc", "Group PLC", "Group Inc", "Group AG",
    "Incorporated", "Corporation", "Limited", "Company", "Holdings", "Holding", "Group",
    "Inc.", "Inc", "Corp.", "Corp", "Co.", "Co", "Ltd.", "Ltd", "LLC", "L.P.", "LP", "LLP",
    "PLC", "Plc", "plc", "AG", "SA", "S.A.", "NV", "N.V.", "SE", "S.p.A.", "SpA", "ASA", "AB", "Oyj",
    "A/S", "KGaA", "& Co. KGaA", "GmbH", "K.K.", "Bhd", "Berhad", "Pte Ltd", "S.A.B. de C.V.", "SGPS",
]
# what Reuters writes for the long forms, both ways
ABBREVIATIONS = {"Corporation": "Corp", "Incorporated": "Inc", "Company": "Co", "Limited": "Ltd",
                 "Public Limited Company": "PLC"}
_SUFFIX_RE = re.compile(
    r"(?:,?\s+(?:" + "|".join(re.escape(s) for s in sorted(set(SUFFIXES), key=len, reverse=True)) + r"))+$"
)
_THE = re.compile(r"^The\s+")
# words that may not stand alone as a company's short name
GENERIC = {"general", "american", "united", "first", "national", "international", "global", "china",
           "japan", "new", "the", "bank", "group", "holdings", "capital", "energy", "systems"}


def strip_suffixes(name: str) -> str:
    """'Alibaba Group Holding Ltd' -> 'Alibaba', 'The Walt Disney Company' -> 'Walt Disney'."""
    short = _SUFFIX_RE.sub("", name.strip()).strip(" ,&")
    short = _THE.sub("", short)
    return short or name


def suffix_variants(name: str) -> list[str]:
    """The legal name as news writes it: the suffix abbreviated ('Target Corporation' -> 'Target
    Corp'), with and without its period, without commas ('Co., Ltd.' -> 'Co Ltd'), without 'The',
    and without accents ('Nestlé SA' -> 'Nestle SA')."""
    out = []
    for long, short in ABBREVIATIONS.items():
        if name.endswith(" " + long):
            out += [name[: -len(long)] + short, name[: -len(long)] + short + "."]
    for form in [name, *out]:
        if form.endswith("."):
            out.append(form[:-1])
        elif re.search(r"\b(?:Inc|Corp|Co|Ltd)$", form):
            out.append(form + ".")
    compact = re.sub(r"\b(Co|Ltd|Inc|Corp)\.?,?", r"\1", name).replace(",", "")
    out.append(re.sub(r"\s+", " ", compact))
    out += [_THE.sub("", form) for form in [name, *out]]
    out += [fold_accents(form) for form in [name, *out]]
    return [v for v in dict.fromkeys(out) if v != name]


# The legal forms companies of a country carry, as news appends them to the short name
# ("PepsiCo Inc", "Toshiba Corp", "Samsung Electronics Co Ltd", "Bayer AG"); DEFAULT when unknown.
LEGAL_FORMS = {
    "US": ["Inc", "Corp", "Co"], "CA": ["Inc", "Ltd"], "GB": ["Plc"], "IE": ["Plc"], "JE": ["Plc"],
    "DE": ["AG", "SE"], "AT": ["AG"], "CH": ["AG", "SA"], "FR": ["SA", "SE"], "ES": ["SA"], "BE": ["SA", "NV"],
    "LU": ["SA"], "NL": ["NV"], "IT": ["SpA"], "SE": ["AB"], "FI": ["Oyj"], "DK": ["A/S"], "NO": ["ASA"],
    "JP": ["Corp", "Co Ltd", "Inc"], "CN": ["Co Ltd", "Ltd"], "HK": ["Ltd"], "KY": ["Ltd", "Inc"],
    "BM": ["Ltd"], "TW": ["Co Ltd", "Corp"], "KR": ["Co Ltd", "Corp"], "IN": ["Ltd"], "AU": ["Ltd"],
}
DEFAULT_LEGAL_FORMS = ["Inc", "Corp", "Co", "Ltd", "Co Ltd"]
COUNTRY_OF_TICKER = {".HK": "HK", ".SS": "CN", ".SH": "CN", ".SZ": "CN", ".T": "JP", ".KS": "KR", ".TW": "TW",
                     ".NS": "IN", ".L": "GB", ".DE": "DE", ".PA": "FR", ".AS": "NL", ".MC": "ES", ".S": "CH",
                     ".ST": "SE", ".HE": "FI", ".AX": "AU", ".TO": "CA", ".N": "US", ".O": "US"}


_LEGAL_END = re.compile(
    r"\b(?:Inc|Corp|Corporation|Co|Company|Ltd|Limited|Plc|PLC|plc|AG|SA|S\.A|NV|N\.V|SE|LLC|LP|L\.P|LLP|SpA|"
    r"S\.p\.A|AB|Oyj|ASA|A/S|KGaA|GmbH|Bhd|Berhad)\.?$"
)


def has_legal_form(name: str) -> bool:
    """'Apple Inc', 'Bayer AG': a legal form ends the name ('Group' or 'Holdings' is no legal form)."""
    return bool(_LEGAL_END.search(name))


def legal_forms(short: str, country: str | None) -> list[str]:
    """'PepsiCo' -> 'PepsiCo Inc', 'PepsiCo Inc.', 'PepsiCo Corp', ... for a name without a suffix."""
    out = []
    for form in LEGAL_FORMS.get(country or "", DEFAULT_LEGAL_FORMS):
        out.append(f"{short} {form}")
        if form in ("Inc", "Corp", "Co", "Co Ltd", "Ltd"):
            out.append(f"{short} {form}.")
    return out


def fold_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("&", " and ").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@cache
def zipf(word: str) -> float:
    """How common a word is in English text (wordfreq's Zipf scale: 3 = once per million words).
    Brand names are frequent too ("microsoft" > 4), so frequency alone does not make a word."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Lower-case English dictionary words (Webster's Second, which lists no brands)."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False) if w.islower())


def is_english_word(word: str) -> bool:
    lower = word.lower()
    return lower in _dictionary() or (lower.endswith("s") and lower[:-1] in _dictionary())


def is_common_word(alias: str, threshold: float = 3.5) -> bool:
    """A one-word alias that is also an everyday English word ('Target', 'Gap', 'Ball'), not a
    brand ('Nintendo', 'Amazon': Webster's writes those with a capital, if at all)."""
    if " " in alias or not alias.isalpha() or alias.isupper():
        return False  # an all-capital alias matches only in capitals: "SAP", not "sap"
    return alias.lower() in GENERIC or (is_english_word(alias) and zipf(alias.lower()) >= threshold)


def usable_short_name(short: str, full: str) -> bool:
    if short == full or len(short) < 3 or short.lower() in GENERIC:
        return False
    return not short[:1].isdigit() or len(short) > 3


# Google Finance exchange prefix -> Reuters RIC suffix
RIC_SUFFIX = {"NASDAQ": ".O", "NYSE": ".N", "LON": ".L", "ETR": ".DE", "EPA": ".PA", "TYO": ".T",
              "AMS": ".AS", "BME": ".MC", "STO": ".ST", "EBR": ".BR", "HEL": ".HE", "SWX": ".S"}
# Yahoo suffixes that are already Reuters' ones
YAHOO_AS_RIC = {"L", "DE", "PA", "T", "AS", "MC", "ST", "BR", "HE", "HK", "SZ", "SS", "KS", "TW", "MI", "NS", "BO"}


def bare_ticker_ok(ticker: str, names: list[str]) -> bool:
    """A bare ticker is an alias unless it is also an English word ('NOW', 'KEY', 'ALL')."""
    if len(ticker) < 2 or not re.fullmatch(r"[A-Z][A-Z0-9.]*", ticker):
        return False
    if any(ticker == n for n in names):
        return True
    return not (ticker.isalpha() and (is_english_word(ticker) or zipf(ticker.lower()) >= 3.0))
