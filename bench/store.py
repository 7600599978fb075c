"""The store and the company monitor at scale: ingest rate and the latency of the analytics the
dashboard calls, on a synthetic corpus of about 1,200 short stories (10 carmakers x 48 months:
deliveries, share moves, quarterly results and some recalls), written from templates in this file.

Baselines, same process, same data:
- ingest: the pipeline alone (analyse, no store) against analyse + store (one transaction per
  story, novelty index included), so the ratio is the store's overhead;
- queries: each analytics call against the same answer computed in pandas from the whole tables
  exported once to DataFrames (what a user does with `factwire export` and a notebook), timed
  without the export.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pandas as pd  # noqa: E402

from factwire import analytics  # noqa: E402
from factwire.models import Document  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402
from factwire.store import Store  # noqa: E402

COMPANIES = ["XPeng", "NIO", "Li Auto", "BYD", "Xiaomi", "Zeekr", "Leapmotor", "Tesla", "Geely", "Great Wall Motor"]
MONTHS = 48
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


def _month(i: int) -> tuple[int, int]:
    return 2022 + i // 12, i % 12 + 1


def corpus(seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    docs = []
    for c, company in enumerate(COMPANIES):
        base = rng.randint(8_000, 300_000)
        price = rng.uniform(20, 300)
        for i in range(MONTHS):
            year, month = _month(i)
            published = date(year, month, 1) + timedelta(days=31)
            published = published.replace(day=1 + c % 5)
            deliveries = int(base * (1 + 0.02 * i) * rng.uniform(0.85, 1.15))
            growth = rng.uniform(-30, 80)
            name = MONTH_NAMES[month - 1]
            docs.append(Document.from_text(
                f"{company} delivered {deliveries:,} vehicles in {name} {year}, "
                f"{'up' if growth >= 0 else 'down'} {abs(growth):.1f}% from a year earlier, the company said "
                f"on {published:%B} {published.day}. Deliveries reached a record as new models ramped up.",
                title=f"{company} {name} {year} deliveries", published_at=published))
            move = rng.uniform(-9, 9)
            price *= 1 + move / 100
            docs.append(Document.from_text(
                f"Shares of {company} {'rose' if move >= 0 else 'fell'} {abs(move):.1f}% to {price:.2f} "
                f"on {published:%B} {published.day + 1}, after the {name} delivery figures. Analysts said demand "
                f"{'remained solid' if move >= 0 else 'looked weaker than expected'}.",
                title=f"{company} shares after {name} deliveries", published_at=published + timedelta(days=1)))
            if month % 3 == 0:
                quarter = (month - 1) // 3 + 1
                ordinal = ["first", "second", "third", "fourth"][quarter - 1]
                margin = rng.uniform(5, 25)
                revenue = rng.uniform(5, 200)
                docs.append(Document.from_text(
                    f"{company} reported revenue of RMB {revenue:.1f} billion for the {ordinal} quarter of {year}, "
                    f"with a gross margin of {margin:.1f}%, in results "
                    f"published on {published:%B} {published.day + 10}.",
                    title=f"{company} Q{quarter} {year} results", published_at=published + timedelta(days=10)))
            if rng.random() < 0.08:
                recalled = rng.randint(1_000, 150_000)
                docs.append(Document.from_text(
                    f"{company} will recall {recalled:,} vehicles over a faulty brake sensor, according to a notice "
                    f"published by the market regulator on {published:%B} {published.day + 3}.",
                    title=f"{company} recalls {recalled:,} vehicles", published_at=published + timedelta(days=3)))
    return docs


def _timed(fn, repeat: int = 5) -> float:
    fn()  # warm-up
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def _pandas_baselines(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    facts, docs, events = tables["facts"], tables["documents"], tables["events"]
    joined = facts.merge(docs[["id", "published_at", "duplicate_of"]], left_on="doc_id", right_on="id")

    def series() -> pd.DataFrame:
        f = joined[(joined.entity_id == "xpeng") & (joined.metric == "deliveries") & joined.period.notna()
                   & joined.duplicate_of.isna()]
        f = f.sort_values(["period", "published_at"], ascending=[True, False])
        return f.groupby("period").head(1)

    def peers() -> pd.DataFrame:
        f = joined[joined.metric.isin(["deliveries", "sales_volume"]) & (joined.period == "2025-10")]
        return f.sort_values("published_at", ascending=False).groupby("entity_id").head(1).sort_values("value")

    def timeline() -> pd.DataFrame:
        ev = events.merge(docs[["id", "published_at", "title"]], left_on="doc_id", right_on="id")
        mask = ev.participants.map(lambda p: any(x.get("entity_id") == "xpeng" for x in json.loads(p or "[]")))
        return ev[mask].sort_values("date")

    return {"metric_series": series, "peer_table": peers, "timeline": timeline}


def report() -> dict[str, object]:
    docs = corpus()
    words = sum(len(d.text.split()) for d in docs)
    nlp = build_pipeline()
    out: dict[str, object] = {"documents": len(docs), "words": words}
    nlp(docs[0])
    start = time.perf_counter()
    for d in docs:
        nlp(d)
    alone = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with Store(db) as store:
            start = time.perf_counter()
            ingest = store.ingest(nlp, docs)
            stored = time.perf_counter() - start
            out["ingest"] = {
                "pipeline alone docs/s": round(len(docs) / alone, 1),
                "pipeline + store docs/s": round(len(docs) / stored, 1),
                "store overhead (ratio)": round(stored / alone, 2),
                "added": ingest.added,
            }
            counts = {t: store.query(f"SELECT count(*) FROM {t}").rows[0][0] for t in ("facts", "events", "mentions")}
            out["rows"] = counts
            calls = {
                "metric_series": lambda: analytics.metric_series(store, "xpeng", "deliveries"),
                "peer_table": lambda: analytics.peer_table(store, ["deliveries", "sales_volume"], "2025-10"),
                "timeline": lambda: analytics.timeline(store, "xpeng"),
                "sentiment_series": lambda: analytics.sentiment_series(store, "xpeng"),
                "event_series": lambda: analytics.event_series(store, "xpeng"),
                "fire_and_ice": lambda: analytics.fire_and_ice(store, "xpeng"),
                "alerts (all companies)": lambda: analytics.alerts(store),
            }
            start = time.perf_counter()
            tables = {t: store.con.execute(f"SELECT * FROM {t}").df() for t in ("facts", "documents", "events")}
            out["pandas baseline: loading the three tables once, ms"] = round((time.perf_counter() - start) * 1000, 1)
            baselines = _pandas_baselines(tables)
            latency = {}
            for name, fn in calls.items():
                ms = _timed(fn) * 1000
                entry: dict[str, object] = {"factwire ms": round(ms, 2)}
                if name in baselines:
                    base_ms = _timed(baselines[name]) * 1000
                    entry["pandas over exported tables ms"] = round(base_ms, 2)
                    entry["pandas / factwire (speed ratio)"] = round(base_ms / ms, 2)
                latency[name] = entry
            out["analytics latency"] = latency
        out["ingest"]["store MiB (after close)"] = round(db.stat().st_size / 2**20, 1)  # type: ignore[index]
    return out


if __name__ == "__main__":
    print(json.dumps(report(), indent=2))
