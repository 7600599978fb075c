"""Entities: recall on SEntFiN headlines; the KB's load time and memory; the matcher's build time
and speed on real news; the whole entities component's speed.

Recall of SEntFiN's gold entity names by factwire's entity mentions:

SEntFiN (../shared/data/sentfin-dev) gives, for each financial headline, the entity names that
carry sentiment. Most are Indian companies the shipped KB does not list, so this measures
discovery as much as the KB. A gold name counts as found exactly when a mention's text equals it
(case-insensitive), partially when a mention overlaps its first occurrence in the headline.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factwire.models import Document  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "sentfin-dev" / "sentfin-dev.jsonl"
REAL_NEWS = ROOT.parent / "shared" / "data" / "real-news" / "reuters-2016-dev.jsonl"

# Run in a fresh interpreter, so that nothing loaded before counts: wall time of load_kb(), peak
# Python allocations during it (tracemalloc, a second load), and the process's resident memory
# (RSS) before and after.
_LOAD_PROBE = """
import json, time, tracemalloc
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
from factwire.entities.kb import load_kb
before = rss()
t0 = time.perf_counter(); kb = load_kb(); seconds = time.perf_counter() - t0
after = rss()
load_kb.cache_clear(); tracemalloc.start(); load_kb(); peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({"entries": len(kb), "seconds": seconds, "rss_before": before, "rss_after": after,
                  "peak": peak / 2**20}))
"""


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


def kb_load() -> dict[str, object]:
    """Load time and memory of the shipped KB, best of three fresh processes."""
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, check=True,
                             env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
        runs.append(json.loads(out.stdout))
    best = min(runs, key=lambda r: r["seconds"])
    return {
        "kb entities": best["entries"],
        "kb load seconds (best of 3 fresh processes)": round(best["seconds"], 3),
        "kb load seconds (worst)": round(max(r["seconds"] for r in runs), 3),
        "kb load peak Python allocations MiB (tracemalloc)": round(best["peak"], 1),
        "process RSS before / after kb load MiB": [round(best["rss_before"], 1), round(best["rss_after"], 1)],
        "kb load RSS increase MiB": round(best["rss_after"] - best["rss_before"], 1),
    }


def matcher_speed(max_words: int = 1_000_000) -> dict[str, object]:
    """Matcher build time, then words/s of the alias matcher alone on real Reuters stories."""
    from factwire.entities import load_kb
    from factwire.entities.matcher import AliasMatcher

    kb = load_kb()
    t0 = time.perf_counter()
    matcher = AliasMatcher(kb)
    build_seconds = time.perf_counter() - t0
    out: dict[str, object] = {"aliases (distinct lower-cased forms)": matcher.size,
                              "matcher build seconds": round(build_seconds, 3)}
    if not REAL_NEWS.exists():
        return {**out, "real-news speed": f"skipped: {REAL_NEWS} not found"}
    texts, words = [], 0
    for line in REAL_NEWS.read_text("utf-8").splitlines():
        text = json.loads(line)["text"]
        texts.append(text)
        words += len(text.split())
        if words >= max_words:
            break
    t0 = time.perf_counter()
    hits = sum(len(matcher.find(t)) for t in texts)
    seconds = time.perf_counter() - t0
    return {**out, "real-news stories": len(texts), "real-news words": words, "matches": hits,
            "alias matcher words/s (reuters-2016-dev)": round(words / seconds)}


def speed() -> dict[str, object]:
    """Mentions/s of the whole entities component (matching, discovery, linking, relevance) on one
    core over about 200,000 words of news text."""
    from factwire.entities import load_kb
    from factwire.entities.matcher import AliasMatcher

    kb = load_kb()
    matcher = AliasMatcher(kb)
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
        "documents": len(docs),
        "words": words,
        "pipeline (sentences+entities) mentions/s": round(mentions / seconds),
        "pipeline words/s": round(words / seconds),
        "alias matcher alone mentions/s": round(raw_hits / match_seconds),
        "alias matcher alone words/s": round(words / match_seconds),
    }


def report() -> dict[str, object]:
    return {"SEntFiN recall": evaluate(), "knowledge base load": kb_load(), "alias matcher": matcher_speed(),
            "speed (one core)": speed()}


if __name__ == "__main__":
    if sys.argv[1:] == ["--kb"]:  # only the KB and matcher figures, without the slower sections
        print(json.dumps({"knowledge base load": kb_load(), "alias matcher": matcher_speed()}, indent=2))
    else:
        print(json.dumps(report(), indent=2))
