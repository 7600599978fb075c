"""The real-article gold set: loading, validation, and a viewer for annotators.

    python bench/real/gold.py show ARTICLE_ID     # the text with offsets and every number listed
    python bench/real/gold.py check [FILE ...]    # validate gold files (all of them by default)

English articles are in real-news/reuters-2016-dev.jsonl and their gold in bench/real/{frozen,dev};
Chinese articles in zh/news/eastmoney-sina-2018.jsonl and their gold in bench/real/zh/{frozen,dev}.

The format is defined in docs/evaluation.md. Article texts are read from ../shared and never
copied here.
"""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared" / "data"
ARTICLES = SHARED / "real-news" / "reuters-2016-dev.jsonl"
SOURCES = {"en": ARTICLES, "zh": SHARED / "zh" / "news" / "eastmoney-sina-2018.jsonl"}
FOLDERS = {"en": HERE, "zh": HERE / "zh"}

BASE_METRICS = {
    "revenue", "net_income", "operating_income", "pretax_income", "gross_profit", "ebitda", "bookings",
    "operating_expenses", "capex", "operating_cash_flow", "free_cash_flow", "cost_savings", "impairment",
    "eps", "dividend_per_share", "book_value_per_share",
    "gross_margin", "operating_margin", "net_margin", "ebitda_margin",
    "cash", "debt", "book_value", "backlog",
    "deliveries", "sales_volume", "shipments", "production", "orders", "production_rate",
    "subscribers", "users", "customers", "followers", "stores",
    "headcount", "job_cuts", "job_additions", "fatalities", "injuries",
    "stock_price", "market_value", "price_target", "index_level", "price", "exchange_rate", "trading_volume",
    "deal_value", "offer_price", "premium", "stake", "stake_value", "shares_bought", "funding", "valuation",
    "ipo_size", "buyback", "debt_issued", "investment",
    "fine", "settlement", "damages",
    "recall_volume", "market_share", "revenue_share", "rank",
    "compensation",
    "shares_pledged", "shares_sold", "pe_ratio", "trading_value", "net_worth", "shares_held",
}
CHANGES = ("growth_yoy", "growth_qoq", "change", "difference")
OUTLOOKS = ("guidance", "estimate")
ENTITY_TYPES = {
    "company", "person", "organisation", "product", "index", "media", "place", "commodity", "currency", "platform",
}
COUNT_UNITS = {
    "vehicle", "aircraft", "person", "employee", "job", "share", "subscriber", "user", "customer", "follower",
    "store", "barrel", "tonne", "ounce", "unit",
}
OTHER_UNITS = {"percent", "percentage_point", "point", "rank", "ratio"}
QUALIFIERS = {"=", "~", ">", "<", ">=", "<="}
MODALITIES = {"confirmed", "rumored", "expected", "denied", "negated"}
SENTIMENTS = {"positive", "negative", "neutral"}
EVENT_TYPES_ADDED = {
    "strategic_review", "activist_campaign", "spin_off", "price_target_change", "debt_issuance", "settlement",
    "donation",
}
_PERIOD = re.compile(
    r"\d{4}(?:-(?:Q[1-4]|H[12]|(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?))?"
)


def parse_metric(name: str) -> tuple[str, bool, str | None, str | None] | None:
    """``eps_adjusted_growth_yoy_estimate`` -> ("eps", True, "growth_yoy", "estimate"); None if invalid."""
    outlook = next((o for o in OUTLOOKS if name.endswith("_" + o)), None)
    if outlook:
        name = name[: -len(outlook) - 1]
    change = next((c for c in CHANGES if name.endswith("_" + c)), None)
    if change:
        name = name[: -len(change) - 1]
    adjusted = name.endswith("_adjusted")
    if adjusted:
        name = name[: -len("_adjusted")]
    if name not in BASE_METRICS:
        return None
    return name, adjusted, change, outlook


def valid_period(value: str) -> bool:
    parts = value.split("/")
    if len(parts) > 2:
        return False
    return all(_PERIOD.fullmatch(p) for p in parts)


def event_types() -> set[str]:
    import yaml

    data = yaml.safe_load((ROOT / "src" / "factwire" / "data" / "events.yaml").read_text("utf-8"))
    return set(data["events"]) | EVENT_TYPES_ADDED


@dataclass
class Article:
    id: str
    title: str
    text: str
    published_at: date


def load_articles(lang: str | None = None) -> dict[str, Article]:
    """Articles by id, of one language or of all."""
    out = {}
    for code, path in SOURCES.items():
        if lang not in (None, code) or not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                title = html.unescape(r["title"] or "").strip()
                if len(title) > 1 and title[0] == title[-1] == "'":
                    title = title[1:-1]
                published = r.get("published_at")
                out[r["id"]] = Article(
                    r["id"], title, r["text"], date.fromisoformat(published[:10]) if published else date(2018, 1, 1)
                )
    return out


def selection(lang: str = "en") -> list[dict]:
    return json.loads((FOLDERS[lang] / "articles.json").read_text("utf-8"))["articles"]


def gold_path(entry: dict, lang: str = "en") -> Path:
    return FOLDERS[lang] / entry["split"] / f"{entry['id']}.json"


def load_gold(split: str | None = None, lang: str = "en") -> list[tuple[dict, dict]]:
    """(selection entry, gold) for every annotated article of a split (or all)."""
    out = []
    for entry in selection(lang):
        if split and entry["split"] != split:
            continue
        path = gold_path(entry, lang)
        if path.exists():
            out.append((entry, json.loads(path.read_text("utf-8"))))
    return out


def check(path: Path, articles: dict[str, Article], types: set[str]) -> list[str]:
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"{path.name}: {msg}")

    try:
        gold = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{path.name}: invalid JSON: {exc}"]
    article = articles.get(gold.get("id", ""))
    if article is None or gold["id"] != path.stem:
        return [f"{path.name}: id {gold.get('id')!r} is not the file's article"]
    text = article.text
    if gold.get("published_at") not in (article.published_at.isoformat(), None):
        bad(f"published_at should be {article.published_at.isoformat()}")
    ids = set()
    for e in gold.get("entities", []):
        if e.get("type") not in ENTITY_TYPES:
            bad(f"entity {e.get('id')}: bad type {e.get('type')!r}")
        if not e.get("names"):
            bad(f"entity {e.get('id')}: no names")
        for n in e.get("names", []):
            if n not in text and n not in article.title:
                bad(f"entity {e['id']}: name {n!r} is not in the text")
        if e.get("id") in ids:
            bad(f"entity id {e.get('id')} twice")
        ids.add(e.get("id"))
    for i, f in enumerate(gold.get("facts", [])):
        where = f"fact {i} ({f.get('surface')!r})"
        if f.get("entity") not in ids:
            bad(f"{where}: entity {f.get('entity')!r} is not listed")
        if not isinstance(f.get("metric"), str) or parse_metric(f["metric"]) is None:
            bad(f"{where}: metric {f.get('metric')!r} is not a base metric with derivations")
        if not isinstance(f.get("value"), (int, float)):
            bad(f"{where}: value must be a number")
        if f.get("value_max") is not None and not isinstance(f["value_max"], (int, float)):
            bad(f"{where}: value_max must be a number or null")
        unit = f.get("unit")
        iso = isinstance(unit, str) and re.fullmatch(r"[A-Z]{3}", unit)
        if not (unit in COUNT_UNITS or unit in OTHER_UNITS or iso):
            bad(f"{where}: unit {unit!r} is not an ISO code, percent/percentage_point/point/rank or a count unit")
        if f.get("period") is not None and not valid_period(str(f["period"])):
            bad(f"{where}: period {f.get('period')!r} is malformed")
        if f.get("qualifier", "=") not in QUALIFIERS:
            bad(f"{where}: qualifier {f.get('qualifier')!r}")
        at, surface = f.get("at"), f.get("surface", "")
        if not isinstance(at, int) or text[at : at + len(surface)] != surface or not surface:
            bad(f"{where}: text at {at} is {text[at:at + len(surface)]!r}, not the surface")
        if f.get("product") is not None and f["product"] not in ids:
            bad(f"{where}: product {f['product']!r} is not listed")
    for i, ev in enumerate(gold.get("events", [])):
        where = f"event {i} ({ev.get('type')})"
        if ev.get("type") not in types:
            bad(f"{where}: unknown type")
        if ev.get("modality") not in MODALITIES:
            bad(f"{where}: bad modality {ev.get('modality')!r}")
        if ev.get("date") is not None and not valid_period(str(ev["date"])):
            bad(f"{where}: date {ev.get('date')!r} is malformed")
        if ev.get("entity") not in ids:
            bad(f"{where}: entity {ev.get('entity')!r} is not listed")
        if not isinstance(ev.get("at"), int) or not 0 <= ev["at"] < len(text):
            bad(f"{where}: at {ev.get('at')!r} is outside the text")
    if gold.get("sentiment") not in SENTIMENTS:
        bad(f"sentiment {gold.get('sentiment')!r}")
    return problems


_NUMBER = re.compile(
    r"(?:[$€£¥]|C\$|HK\$|A\$|US\$)?[\d０-９][\d０-９,.．]*"
    r"(?:\s*(?:%|％|percent|per cent|million|billion|trillion|bln|mln|万亿|亿|万|千|百)"
    r"(?:元|美元|港元|股|手|点|个百分点)?)?"
    r"|[一二三四五六七八九十百千万亿两]+(?:亿|万)(?:元)?",
    re.IGNORECASE,
)


def show(article_id: str) -> None:
    articles = load_articles()
    a = articles[article_id]
    print(f"id: {a.id}\npublished_at: {a.published_at}\ntitle: {a.title}\n")
    pos = 0
    for para in a.text.split("\n\n"):
        start = a.text.index(para, pos)
        print(f"[{start}] {para}\n")
        pos = start + len(para)
    print("== numbers (offset: surface | context) ==")
    for m in _NUMBER.finditer(a.text):
        ctx = a.text[max(0, m.start() - 60) : m.end() + 40].replace("\n", " ")
        print(f"{m.start():6d}: {m.group(0)!r:24s} | …{ctx}…")


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "show":
        show(argv[1])
        return 0
    if argv and argv[0] == "check":
        articles = load_articles()
        types = event_types()
        paths = [Path(p) for p in argv[1:]] or sorted([*HERE.glob("*/*.json"), *HERE.glob("zh/*/*.json")])
        paths = [p for p in paths if p.name != "articles.json"]
        problems = [p for path in paths for p in check(path, articles, types)]
        for p in problems:
            print(p)
        print(f"{len(paths)} files, {len(problems)} problems")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
