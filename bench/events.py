"""Events: per-type precision and recall on a labelled set of sentences we wrote
(``bench/data/events_labelled.tsv``), each analysed alone with a reference date of 2025-11-19."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factwire.models import Document  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402

DEV = ROOT / "bench" / "data" / "events_labelled.tsv"  # used while writing the rules
HELDOUT = ROOT / "bench" / "data" / "events_heldout.tsv"  # written after, never used to tune
REFERENCE = date(2025, 11, 19)


def load(path: Path) -> list[tuple[set[str], str]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        labels, sentence = line.split("\t", 1)
        rows.append((set() if labels == "-" else set(labels.split(",")), sentence))
    return rows


def evaluate(path: Path = DEV) -> dict[str, object]:
    from factwire.pipeline import load_config

    config = load_config()
    # each sentence is judged alone: without a story around it nothing is "background"
    config["components"]["events"]["max_age_days"] = 100_000
    config["components"]["events"]["statements"] = True  # the sets label plain statements too
    nlp = build_pipeline(config, disable=["verify"])
    rows = load(path)
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    start = time.perf_counter()
    for gold, sentence in rows:
        predicted = {e.type for e in nlp(Document.from_text(sentence, published_at=REFERENCE)).events}
        for t in predicted & gold:
            tp[t] += 1
        for t in predicted - gold:
            fp[t] += 1
        for t in gold - predicted:
            fn[t] += 1
        if predicted != gold:
            errors.append({"sentence": sentence, "gold": sorted(gold), "predicted": sorted(predicted)})
    seconds = time.perf_counter() - start
    types = sorted(set(tp) | set(fp) | set(fn))
    per_type = {}
    for t in types:
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_type[t] = {"P": round(p, 2), "R": round(r, 2), "F1": round(f, 2), "gold": tp[t] + fn[t]}
    TP, FP, FN = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro_p, micro_r = TP / (TP + FP), TP / (TP + FN)
    return {
        "sentences": len(rows),
        "labelled events": TP + FN,
        "micro P": round(micro_p, 3),
        "micro R": round(micro_r, 3),
        "micro F1": round(2 * micro_p * micro_r / (micro_p + micro_r), 3),
        "exact sentence accuracy": round(1 - len(errors) / len(rows), 3),
        "sentences/s": round(len(rows) / seconds, 1),
        "per type": per_type,
        "errors": errors,
    }


REAL_NEWS = ROOT.parent / "shared" / "data" / "real-news" / "reuters-2016-dev.jsonl"


def stage_share(limit: int = 300) -> dict[str, object]:
    """Seconds in the events component and its share of the whole pipeline, on real articles
    (the first ``limit`` of ../shared's Reuters set) or, without them, on the sample stories."""
    from factwire.models import Analysis

    if REAL_NEWS.exists():
        rows = [json.loads(line) for line in REAL_NEWS.read_text("utf-8").splitlines()[:limit]]
        docs = [Document.from_text(r["text"], title=r.get("title"), published_at=(r.get("published_at") or "")[:10]
                                   or None) for r in rows]
    else:
        lines = (ROOT / "samples" / "corpus" / "wire.jsonl").read_text("utf-8").splitlines()
        docs = [Document.from_text(json.loads(line)["text"]) for line in lines]
    nlp = build_pipeline()
    nlp(docs[0])  # warm-up: data files load once
    seconds: dict[str, float] = {}
    for doc in docs:
        analysis = Analysis(document=doc)
        for name, component in nlp.components:
            start = time.perf_counter()
            analysis = component(analysis)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
    total = sum(seconds.values())
    return {"documents": len(docs), "events seconds": round(seconds["events"], 2),
            "events ms/document": round(1000 * seconds["events"] / len(docs), 1),
            "events share of the pipeline": round(seconds["events"] / total, 3)}


def report() -> dict[str, object]:
    out: dict[str, object] = {}
    for name, path in (("development set", DEV), ("held-out set", HELDOUT)):
        result = evaluate(path)
        result.pop("errors")
        out[name] = result
    out["events stage on real news"] = stage_share()
    return out


if __name__ == "__main__":
    if "--errors" in sys.argv:
        for path in (DEV, HELDOUT):
            for e in evaluate(path)["errors"]:  # type: ignore[union-attr]
                print(path.stem, e["gold"], e["predicted"], e["sentence"], sep=" | ")
    else:
        print(json.dumps(report(), indent=1))
