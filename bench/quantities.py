"""Quantities and periods: accuracy and speed of factwire's quantity and period parsers against quantulum3 and
dateparser, measured on the same text in the same process. Run with ``make bench``
(all benchmarks) or ``python bench/quantities.py``.

1. quantulum3's own English fixtures (``../shared/data/quantulum3-fixtures``): precision, recall
   and F1 of values, and of value+unit, for factwire and for quantulum3 itself.
2. Throughput in words/s on one core over the seed article and the shipped sample corpus
   (repeated to about 50,000 words), and peak memory (tracemalloc) of each parser.
"""

from __future__ import annotations

import json
import math
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "src"))

from factwire.periods import find_periods  # noqa: E402
from factwire.quantities import parse_quantities  # noqa: E402

# quantulum3's unit names -> factwire's. Fixture units not listed here are compared by name
# after lower-casing and dropping a plural "s" (metre/metres, mile/miles, ...).
UNIT_MAP = {
    "pound sterling": "GBP",
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "yen": "JPY",
    "japanese yen": "JPY",
    "indian rupee": "INR",
    "percentage": "percent",
    "kilometre": "km",
    "kilometre per hour": "km/h",
    "mile per hour": "mph",
    "kilowatt hour": "kWh",
    "kilogram": "kg",
    "tonne": "tonne",
    "ton": "tonne",
    "gigabyte": "GB",
    "terabyte": "TB",
    "megawatt": "MW",
    "kilowatt": "kW",
    "gigawatt": "GW",
    "horsepower": "hp",
    "mile": "mile",
    "dimensionless": None,
}


def norm_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    low = unit.lower()
    if low in UNIT_MAP:
        return UNIT_MAP[low]
    return low[:-1] if low.endswith("s") else low


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match(pred: list[tuple[float, str | None]], gold: list[tuple[float, str | None]], with_unit: bool) -> int:
    remaining = list(gold)
    tp = 0
    for value, unit in pred:
        for i, (gv, gu) in enumerate(remaining):
            if math.isclose(value, gv, rel_tol=1e-6, abs_tol=1e-9) and (not with_unit or unit == gu):
                tp += 1
                del remaining[i]
                break
    return tp


def factwire_quantities(text: str) -> list[tuple[float, str | None]]:
    return [(q.value, q.unit) for q in parse_quantities(text)]


def quantulum_quantities(text: str) -> list[tuple[float, str | None]]:
    from quantulum3 import parser

    return [(float(q.value), norm_unit(q.unit.name)) for q in parser.parse(text)]


def evaluate_fixtures() -> dict[str, Any]:
    path = SHARED / "quantulum3-fixtures" / "quantities.json"
    if not path.exists():
        return {"skipped": f"{path} not found"}
    cases = json.loads(path.read_text())
    results: dict[str, Any] = {"cases": len(cases)}
    systems: dict[str, Callable[[str], list[tuple[float, str | None]]]] = {"factwire": factwire_quantities}
    try:
        import quantulum3  # noqa: F401

        systems["quantulum3"] = quantulum_quantities
    except ImportError:
        results["quantulum3"] = "not installed (pip install -e '.[bench]')"
    for name, system in systems.items():
        tp_v = tp_vu = n_pred = n_gold = 0
        for case in cases:
            gold = [(float(g["value"]), norm_unit(g["unit"])) for g in case["res"]]
            try:
                pred = system(case["req"])
            except Exception:  # a baseline crash counts as finding nothing
                pred = []
            n_pred += len(pred)
            n_gold += len(gold)
            tp_v += match(pred, gold, with_unit=False)
            tp_vu += match(pred, gold, with_unit=True)
        results[name] = {
            "value P/R/F1": [round(x, 3) for x in prf(tp_v, n_pred, n_gold)],
            "value+unit P/R/F1": [round(x, 3) for x in prf(tp_vu, n_pred, n_gold)],
        }
    return results


def corpus_text(target_words: int = 50_000) -> str:
    parts = []
    seed = SHARED / "seed" / "000_0994d68347797196.txt"
    if seed.exists():
        parts.append(seed.read_text("utf-8"))
    for line in (ROOT / "samples" / "corpus" / "wire.jsonl").read_text("utf-8").splitlines():
        parts.append(json.loads(line)["text"])
    base = "\n\n".join(parts)
    repeat = max(1, target_words // len(base.split()))
    return "\n\n".join([base] * repeat)


def measure(fn: Callable[[str], Any], paragraphs: list[str], words: int) -> dict[str, float]:
    fn(paragraphs[0])  # warm up caches and lazy imports outside the timing
    start = time.perf_counter()
    for p in paragraphs:
        fn(p)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    for p in paragraphs[:50]:
        fn(p)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "words/s": round(words / seconds),
        "seconds": round(seconds, 3),
        "peak MiB (50 paragraphs)": round(peak / 2**20, 2),
    }


def speed() -> dict[str, Any]:
    text = corpus_text()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    words = len(text.split())
    ref = datetime(2025, 11, 19)
    out: dict[str, Any] = {"words": words, "paragraphs": len(paragraphs)}
    out["factwire quantities"] = measure(parse_quantities, paragraphs, words)
    out["factwire periods"] = measure(lambda t: find_periods(t, ref.date()), paragraphs, words)
    try:
        from quantulum3 import parser

        out["quantulum3"] = measure(parser.parse, paragraphs, words)
    except ImportError:
        out["quantulum3"] = "not installed"
    try:
        from dateparser.search import search_dates

        settings = {"RELATIVE_BASE": ref}
        out["dateparser search_dates"] = measure(
            lambda t: search_dates(t, languages=["en"], settings=settings), paragraphs, words
        )
    except ImportError:
        out["dateparser search_dates"] = "not installed"
    fw = out["factwire quantities"]["words/s"]
    for baseline in ("quantulum3", "dateparser search_dates"):
        if isinstance(out[baseline], dict):
            out[f"factwire quantities / {baseline} (words/s ratio)"] = round(fw / out[baseline]["words/s"], 1)
    fp = out["factwire periods"]["words/s"]
    if isinstance(out["dateparser search_dates"], dict):
        out["factwire periods / dateparser (words/s ratio)"] = round(fp / out["dateparser search_dates"]["words/s"], 1)
    return out


def report() -> dict[str, Any]:
    warnings.filterwarnings("ignore")
    return {"quantulum3 fixtures": evaluate_fixtures(), "speed (one core)": speed()}


if __name__ == "__main__":
    print(json.dumps(report(), indent=2))
