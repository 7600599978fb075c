"""Events on real Financial Times sentences: SentiFM, with our mapping (docs/evaluation.md).

    python bench/eval_events.py                  # both parts, aggregate figures
    python bench/eval_events.py --part dev --errors   # also each error of the development part

``../shared/data/sentifm-dev.jsonl`` holds 8,943 FT sentences, each with its gold SentiFM types
(``[]``: no event). Each sentence is analysed alone by the default pipeline (sentiment, novelty
and verify off) and its events are mapped onto SentiFM labels by ``data/events_sentifm.yaml``.

**Frozen part.** A sentence belongs to the frozen part when the first 8 hex digits of the
SHA-256 of its text (UTF-8, as stored) read as an integer are divisible by 3 (3,059 sentences);
the others (5,884) are the development part. The split was drawn before any rule was changed.
Errors of the frozen part are never printed: only its aggregate figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factwire.events.mapping import load_mapping  # noqa: E402
from factwire.models import Document  # noqa: E402
from factwire.pipeline import build_pipeline, load_config  # noqa: E402

SENTIFM = ROOT.parent / "shared" / "data" / "sentifm-dev.jsonl"
LABELS = ("Profit", "SalesVolume", "QuarterlyResults", "MergerAcquisition", "Turnover", "BuyRating",
          "Dividend", "TargetPrice", "Debt", "ShareRepurchase")
# The sentences carry no date; relative dates resolve against this one, and nothing is background.
REFERENCE = date(2010, 6, 30)


def part_of(text: str) -> str:
    """``frozen`` or ``dev``: the split rule above."""
    return "frozen" if int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % 3 == 0 else "dev"


_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]]|'s\b|'\s|n't\b|'re\b|'ve\b|'ll\b|'d\b)")
_SPACE_AFTER = re.compile(r"(?<=[(\[$£€]) ")
_CURRENCY_WORD = {"pound(s)": "£", "Pounds ": "£", "Dollars ": "$", "Euros ": "€"}


def detokenise(text: str) -> str:
    """Undo the corpus' tokenisation ("Tesco 's shares rose 2 per cent ." -> "Tesco's shares rose
    2 per cent."; "pound(s)3bn" and "Pounds 3bn" -> "£3bn"), so the sentence reads as published."""
    for word, symbol in _CURRENCY_WORD.items():
        text = text.replace(word, symbol)
    parts = text.split('"')
    if len(parts) % 2 == 1:  # balanced double quotes: pull them onto what they quote
        text = "".join(p if i % 2 == 0 else '"' + p.strip() + '"' for i, p in enumerate(parts))
    text = _SPACE_BEFORE.sub("", text)
    return _SPACE_AFTER.sub("", text).strip()


def load(part: str) -> list[tuple[str, set[str]]]:
    rows = []
    for line in SENTIFM.read_text("utf-8").splitlines():
        row = json.loads(line)
        if part_of(row["text"]) == part:
            rows.append((row["text"], set(row["types"])))
    return rows


def pipeline():
    config = load_config()
    config["components"]["events"]["max_age_days"] = 100_000  # a sentence alone has no background
    return build_pipeline(config, disable=["sentiment", "novelty", "verify"])


def evaluate(part: str, show_errors: bool = False) -> dict:
    if part == "frozen" and show_errors:
        raise ValueError("the frozen part's errors are never shown")
    nlp = pipeline()
    mapping = load_mapping("sentifm")
    tp, fp, fn = Counter(), Counter(), Counter()
    alarms = empty = 0
    errors = []
    rows = load(part)
    for text, gold in rows:
        events = nlp(Document.from_text(detokenise(text), published_at=REFERENCE)).events
        predicted = set().union(*(mapping.labels_of(e) for e in events)) if events else set()
        for label in predicted & gold:
            tp[label] += 1
        for label in predicted - gold:
            fp[label] += 1
        for label in gold - predicted:
            fn[label] += 1
        if not gold:
            empty += 1
            alarms += bool(predicted)
        if show_errors and predicted != gold:
            errors.append({"gold": sorted(gold), "predicted": sorted(predicted), "text": detokenise(text),
                           "events": [(e.type, e.modality, e.attributes.get("measures")) for e in events]})
    per_label = {}
    for label in LABELS:
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_label[label] = {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3),
                            "tp": tp[label], "fp": fp[label], "fn": fn[label]}
    return {
        "sentences": len(rows),
        "no-event sentences": empty,
        "macro F1": round(sum(v["F1"] for v in per_label.values()) / len(LABELS), 3),
        "false alarms on no-event sentences": round(alarms / empty, 3) if empty else None,
        "per label": per_label,
        "errors": errors,
    }


def report(parts: tuple[str, ...] = ("dev", "frozen")) -> dict:
    """Aggregate figures of each part (no errors), for ``bench/eval.py``."""
    if not SENTIFM.exists():
        return {"skipped": f"{SENTIFM} is absent"}
    out = {}
    for part in parts:
        result = evaluate(part)
        result.pop("errors")
        out[part] = result
    return out


def print_report(result: dict) -> None:
    print("\n=== SentiFM sentences (events mapped by data/events_sentifm.yaml) ===")
    if "skipped" in result:
        print(f"skipped: {result['skipped']}")
        return
    for part, r in result.items():
        print(f"{part}: {r['sentences']} sentences, macro-F1 {r['macro F1']:.3f}, false alarms "
              f"{r['false alarms on no-event sentences']:.3f} of {r['no-event sentences']} no-event sentences")
        for label, c in r["per label"].items():
            print(f"  {label:18s} P {c['P']:.2f} R {c['R']:.2f} F1 {c['F1']:.2f}"
                  f"  tp {c['tp']:4d} fp {c['fp']:4d} fn {c['fn']:4d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=["dev", "frozen"], action="append", help="only these parts")
    parser.add_argument("--errors", action="store_true", help="list each error of the development part")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    if not SENTIFM.exists():
        print(f"skipped: {SENTIFM} is absent")
        return 0
    parts = tuple(args.part or ["dev", "frozen"])
    if args.errors and "frozen" in parts and args.part:
        parser.error("the frozen part's errors are never shown")
    result = {}
    for part in parts:
        r = evaluate(part, show_errors=args.errors and part == "dev")
        errors = r.pop("errors")
        result[part] = r
        for e in errors:
            print(f"gold {e['gold']} predicted {e['predicted']} {e['events']}\n   {e['text']}")
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
