"""Entities: recall on SEntFiN headlines, and speed and memory of the matcher with the full KB.

Recall of SEntFiN's gold entity names by factwire's entity mentions:

SEntFiN (../shared/data/sentfin-dev) gives, for each financial headline, the entity names that
carry sentiment. Most are Indian companies the shipped KB does not list, so this measures
discovery as much as the KB. A gold name counts as found exactly when a mention's text equals it
(case-insensitive), partially when a mention overlaps its first occurrence in the headline.
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factwire.models import Document  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "sentfin-dev" / "sentfin-dev.jsonl"


def evaluate(limit: int | None = None) -> dict[str, object]:
    if not DATA.exists():
        return {"skipped": f"{DATA} not found"}
    nlp = build_pipeline(disable=["quantities", "periods"])
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines()][:limit]
    gold_total = exact = partial = 0
    by_origin = {"kb": 0, "discovered": 0}
    for row in rows:
        title = row["title"]
        analysis = nlp(Document.from_text(title))
        mentions = [(m.start, m.end, m.text.lower(), e.known) for e in analysis.entities for m in e.mentions]
        for name in row["entities"]:
            gold_total += 1
            start = title.lower().find(name.lower())
            end = start + len(name)
            hit = [m for m in mentions if m[2] == name.lower()]
            if hit:
                exact += 1
                by_origin["kb" if hit[0][3] else "discovered"] += 1
            if start >= 0 and any(s < end and start < e for s, e, _, _ in mentions):
                partial += 1
    return {
        "headlines": len(rows),
        "gold entities": gold_total,
        "exact recall": round(exact / gold_total, 3),
        "partial recall": round(partial / gold_total, 3),
        "exact hits from the KB": by_origin["kb"],
        "exact hits from discovery": by_origin["discovered"],
    }


def speed() -> dict[str, object]:
    """KB load time, then mentions/s of the whole entities component (matching, discovery,
    linking, relevance) on one core over about 200,000 words of news text."""
    from factwire.entities import load_kb
    from factwire.entities.matcher import AliasMatcher

    load_kb.cache_clear()
    tracemalloc.start()
    t0 = time.perf_counter()
    kb = load_kb()
    matcher = AliasMatcher(kb)
    load_seconds = time.perf_counter() - t0
    _, kb_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    wire = (ROOT / "samples" / "corpus" / "wire.jsonl").read_text("utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in wire]
    seed = ROOT.parent / "shared" / "data" / "seed" / "000_0994d68347797196.txt"
    if seed.exists():
        texts.append(seed.read_text("utf-8"))
    if DATA.exists():
        texts += [json.loads(line)["title"] for line in DATA.read_text("utf-8").splitlines()[:2000]]
    words_once = sum(len(t.split()) for t in texts)
    docs = texts * max(1, 200_000 // words_once)
    words = sum(len(t.split()) for t in docs)
    nlp = build_pipeline(disable=["quantities", "periods"])
    t0 = time.perf_counter()
    mentions = sum(len(e.mentions) for t in docs for e in nlp(Document.from_text(t)).entities)
    seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    raw_hits = sum(len(matcher.find(t)) for t in docs)
    match_seconds = time.perf_counter() - t0
    return {
        "kb entities": len(kb),
        "aliases": matcher.size,
        "kb load seconds": round(load_seconds, 3),
        "kb load peak MiB": round(kb_peak / 2**20, 1),
        "documents": len(docs),
        "words": words,
        "pipeline (sentences+entities) mentions/s": round(mentions / seconds),
        "pipeline words/s": round(words / seconds),
        "alias matcher alone mentions/s": round(raw_hits / match_seconds),
        "alias matcher alone words/s": round(words / match_seconds),
    }


def report() -> dict[str, object]:
    return {"SEntFiN recall": evaluate(), "speed (one core)": speed()}


if __name__ == "__main__":
    print(json.dumps(report(), indent=2))
