"""Index constituents from pytickersymbols (MIT): one record per company, deduplicated by ISIN."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from .names import RIC_SUFFIX, YAHOO_AS_RIC, bare_ticker_ok

# how much an index's membership says about how often news names the company
INDEX_WEIGHT = {"S&P 500": 3, "DOW JONES": 3, "NASDAQ 100": 3, "S&P 100": 3, "FTSE 100": 3, "DAX": 3,
                "CAC_40": 3, "EURO STOXX 50": 3, "NIKKEI 225": 3, "Switzerland 20": 3, "AEX": 2, "IBEX 35": 2,
                "BEL 20": 2, "OMX Stockholm 30": 2, "OMX Helsinki 25": 2, "MDAX": 2, "TecDAX": 2,
                "CAC Mid 60": 1, "S&P 600": 1, "SDAX": 1}
SECTORS = {
    "Information Technology": "Information Technology", "Technology": "Information Technology",
    "Financials": "Financials", "Financial services": "Financials", "Financial Services": "Financials",
    "Industrials": "Industrials", "Industrial Goods": "Industrials",
    "Consumer Discretionary": "Consumer Discretionary", "Consumer Cyclicals": "Consumer Discretionary",
    "Consumer Staples": "Consumer Staples", "Consumer Non-Cyclicals": "Consumer Staples",
    "Health Care": "Health Care", "Healthcare": "Health Care", "Real Estate": "Real Estate",
    "Energy": "Energy", "Utilities": "Utilities", "Materials": "Materials", "Basic Materials": "Materials",
    "Communication Services": "Communication Services", "Telecommunications": "Communication Services",
}
COUNTRIES = {"United States": "US", "Japan": "JP", "Germany": "DE", "United Kingdom": "GB", "France": "FR",
             "Netherlands": "NL", "Spain": "ES", "Finland": "FI", "Switzerland": "CH", "Sweden": "SE",
             "Belgium": "BE", "Luxembourg": "LU", "Ireland": "IE", "Italy": "IT", "Russian Federation": "RU",
             "Australia": "AU", "Isle of Man": "IM", "Mexico": "MX", "Guernsey": "GG", "Argentina": "AR",
             "China": "CN"}
_PERSON = re.compile(r"([A-Z][^(),]*?)\s*\(\s*([^()]*?)\s*\)")
_CEO = re.compile(r"\bCEO\b|chief executive", re.I)


@dataclass
class Listed:
    name: str
    isin: str | None
    indexes: list[str]
    tickers: list[str]  # as news writes them: bare US tickers, then RICs and exchange forms
    wiki_title: str | None
    industry: str | None
    country: str | None
    ceo: tuple[str, str] | None  # (name, role)
    extra_names: list[str] = field(default_factory=list)
    raw_tickers: list[str] = field(default_factory=list)  # before dropping those that are words

    @property
    def weight(self) -> int:
        return max(INDEX_WEIGHT.get(i, 1) for i in self.indexes)


def _tickers(company: dict) -> list[str]:
    out: list[str] = []
    for sym in company.get("symbols") or []:
        google, yahoo = sym.get("google") or "", sym.get("yahoo") or ""
        exchange, _, code = google.partition(":")
        if exchange in ("NASDAQ", "NYSE") and code:
            out += [code, code + RIC_SUFFIX[exchange]]
        elif (exchange in RIC_SUFFIX and code and not code[:1].isdigit()) or exchange == "TYO":
            out.append(code + RIC_SUFFIX[exchange])
            if "." in yahoo and yahoo.rsplit(".", 1)[1] in YAHOO_AS_RIC:
                out.append(yahoo)
    primary = company.get("symbol") or ""
    if primary.count(".") == 1 and primary.rsplit(".", 1)[1] in YAHOO_AS_RIC | {"SW"}:
        out.append(primary)
        if primary.endswith(".SW"):
            out.append(primary[:-3] + ".S")  # Reuters writes SIX listings ".S"
    elif primary and "." not in primary and not out:
        out.append(primary)  # S&P 600 rows carry no exchange; the symbol is the US ticker
    return list(dict.fromkeys(out))


def _ceo(company: dict) -> tuple[str, str] | None:
    people = ((company.get("metadata") or {}).get("key_people") or "").replace("\n", " ")
    for name, role in _PERSON.findall(people):
        name = re.sub(r"^(?:Dr\.?|Sir|Prof\.?|Mr\.?|Ms\.?)\s+", "", name.strip(" ,;"))
        if _CEO.search(role) and not re.search(r"former|deputy|vice|division|\bof\b.*\bof\b", role, re.I) and (
            2 <= len(name.split()) <= 4 and all(w[:1].isupper() for w in name.split())
        ):
            return name, re.sub(r"\s+", " ", role).strip(" ,")
    return None


def _wiki_title(company: dict) -> str | None:
    url = (company.get("metadata") or {}).get("wikipedia_url") or ""
    if "/wiki/" not in url:
        return None
    title = unquote(url.rsplit("/wiki/", 1)[1]).replace("_", " ")
    return re.sub(r"\s*\([^)]*\)$", "", title) or None


def _country(company: dict, isin: str | None) -> str | None:
    if isin and isin[:2].isalpha() and isin[:2] != "XS":
        return isin[:2]  # the issuer's country, more reliable than the rows' "country"
    raw = company.get("country") or ""
    if raw in COUNTRIES:
        return COUNTRIES[raw]
    return "US" if "," in raw else None  # S&P rows give the head office's city and state


def read_listed() -> tuple[str, list[Listed]]:
    """(source version, companies) from pytickersymbols, merged across indexes."""
    import pytickersymbols
    from pytickersymbols.indices_data import INDICES

    by_key: dict[str, Listed] = {}
    for index_name in sorted(INDICES):
        for company in INDICES[index_name]["companies"]:
            isins = sorted(company.get("isins") or [])
            isin = isins[0] if isins else None
            tickers = _tickers(company)
            key = isin or (tickers[0] if tickers else company["name"])
            industry = next((SECTORS[i] for i in company.get("industries") or [] if i in SECTORS), None)
            known = by_key.get(key)
            if known is None:
                by_key[key] = Listed(company["name"].strip(), isin, [index_name], tickers, _wiki_title(company),
                                     industry, _country(company, isin), _ceo(company))
                continue
            known.indexes.append(index_name)
            known.tickers = list(dict.fromkeys(known.tickers + tickers))
            if company["name"].strip() != known.name:
                known.extra_names.append(company["name"].strip())
            known.industry = known.industry or industry
            known.ceo = known.ceo or _ceo(company)
    companies = [c for c in by_key.values() if c.tickers or c.isin]
    for c in companies:
        names = [c.name, *c.extra_names]
        c.raw_tickers = list(c.tickers)
        c.tickers = [t for t in c.tickers if "." in t or bare_ticker_ok(t, names)]
    return pytickersymbols.__version__, sorted(companies, key=lambda c: (c.name.lower(), c.isin or ""))
