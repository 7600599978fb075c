"""``make eval``: strict accuracy on real text, development and frozen sets separately.

    python bench/eval.py                 # every section, both splits
    python bench/eval.py --errors dev    # also list each wrong and missed fact of the dev set
    python bench/eval.py --json out.json # the figures as JSON too

Sections: facts, events, entities and document sentiment on the real-article gold set
(docs/evaluation.md), SEntFiN entity sentiment end to end (bench/eval_sentiment.py), then the
Chinese gold set and CFSC-NER (bench/eval_zh.py). Only aggregate figures are printed for the
frozen set: its errors are never shown, so rules cannot be written against it.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE / "real"))

import eval_events  # noqa: E402
import eval_sentiment  # noqa: E402
import gold as goldset  # noqa: E402

from factwire.models import Analysis, Document  # noqa: E402
from factwire.periods.value import PeriodValue  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402

VALUE_TOLERANCE = 0.005
FIELDS = ("entity", "metric", "value", "unit", "period")


def fold(name: str) -> str:
    name = name.lower().replace("’", "'")
    name = re.sub(r"'s?$", "", name)
    return re.sub(r"[^\w&.+-]+", " ", name).strip()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> dict[str, float | int]:
        return {"P": round(self.precision, 3), "R": round(self.recall, 3), "F1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class SplitScore:
    articles: int = 0
    facts: Counts = field(default_factory=Counts)
    per_metric: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    error_classes: Counter = field(default_factory=Counter)
    control_facts: int = 0
    control_articles: int = 0
    events: Counts = field(default_factory=Counts)
    events_entity: Counts = field(default_factory=Counts)
    event_types: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    main_right: int = 0
    main_total: int = 0
    entity_recall: Counts = field(default_factory=Counts)
    discovered: Counts = field(default_factory=Counts)
    discovered_wrong: Counter = field(default_factory=Counter)
    sentiment_right: int = 0
    sentiment_total: int = 0
    sentiment_confusion: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0


def entity_map(analysis: Analysis, gold_entities: list[dict]) -> dict[str, tuple[str, str]]:
    """Predicted entity id -> (gold id, gold type), by folded names."""
    by_name: dict[str, tuple[str, str]] = {}
    for g in gold_entities:
        for n in [g["name"], *g.get("names", [])]:
            by_name.setdefault(fold(n), (g["id"], g["type"]))
    out = {}
    for e in analysis.entities:
        said = (m.text for m in e.mentions if m.via in ("name", "alias", "ticker", "discovered"))
        names = [e.name, *e.aliases, *said]
        for n in names:
            hit = by_name.get(fold(n))
            if hit:
                out[e.id] = hit
                break
    return out


def _value_equal(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return math.isclose(a, b, rel_tol=VALUE_TOLERANCE, abs_tol=1e-9)


def _quantity_span(analysis: Analysis, fact) -> tuple[int, int] | None:
    if fact.quantity is None or fact.quantity >= len(analysis.quantities):
        return None
    q = analysis.quantities[fact.quantity]
    return q.start, q.end


def _at_number(gold_fact: dict, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    at, end = gold_fact["at"], gold_fact["at"] + len(gold_fact["surface"])
    return span[0] < end and at < span[1]


def _key(f: dict) -> tuple:
    return (f["entity"], f["metric"], round(f["value"], 6), f.get("value_max"), f["unit"], f["period"])


def _distinct(facts: list[dict]) -> list[dict]:
    """A fact counts once however often the story repeats it (docs/evaluation.md)."""
    seen: set[tuple] = set()
    out = []
    for f in facts:
        if _key(f) not in seen:
            seen.add(_key(f))
            out.append(f)
    return out


def _period_equal(predicted: str | None, gold: str | None) -> bool:
    """Equal, or a level on the last day of the other's period ("as of Dec. 31" = 2015-Q4)."""
    if predicted == gold:
        return True
    a, b = PeriodValue.maybe(predicted), PeriodValue.maybe(gold)
    if a is None or b is None:
        return False
    return (a.granularity == "day" and a.first == b.last) or (b.granularity == "day" and b.first == a.last)


def _same_fact(p: dict, g: dict) -> bool:
    return (p["entity"] == g["entity"] and p["metric"] == g["metric"] and p["unit"] == g["unit"]
            and _period_equal(p["period"], g["period"]) and _value_equal(p["value"], g["value"])
            and _value_equal(p["value_max"], g.get("value_max")))


def score_facts(analysis: Analysis, gold: dict, emap: dict, score: SplitScore, show_errors: bool) -> None:
    text = analysis.document.text
    offset = getattr(analysis.document, "body_offset", 0)
    gold_facts = [dict(g, at=g["at"] + offset) for g in _distinct(gold.get("facts", []))]
    matched_gold: set[int] = set()
    predicted = _distinct([
        {
            "entity": emap.get(f.entity_id, (f"?{f.entity_id}", ""))[0] if f.entity_id else None,
            "metric": f.metric, "value": f.value, "value_max": f.value_max, "unit": f.unit,
            "period": f.period, "span": _quantity_span(analysis, f),
        }
        for f in analysis.facts
    ])
    right = [False] * len(predicted)
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold_facts):
            if j not in matched_gold and _same_fact(p, g):
                matched_gold.add(j)
                right[i] = True
                break
    counts = Counts(tp=sum(right), fp=right.count(False), fn=len(gold_facts) - len(matched_gold))
    score.facts.add(counts)
    for i, p in enumerate(predicted):
        score.per_metric[p["metric"]].tp += right[i]
        score.per_metric[p["metric"]].fp += not right[i]
    for j, g in enumerate(gold_facts):
        if j not in matched_gold:
            score.per_metric[g["metric"]].fn += 1
    explained: set[int] = set()
    for i, p in enumerate(predicted):
        if right[i]:
            continue
        at_gold = [j for j, g in enumerate(gold_facts) if j not in matched_gold and _at_number(g, p["span"])]
        if not at_gold:
            cls = "spurious"
            g = None
        else:
            j = at_gold[0]
            explained.add(j)
            g = gold_facts[j]
            cls = next((k for k in FIELDS if not _field_equal(k, p, g)), "value")
        score.error_classes[cls] += 1
        if show_errors:
            span = p["span"]
            context = text[max(0, span[0] - 70) : span[1] + 30].replace("\n", " ") if span else ""
            score.errors.append({"article": gold["id"], "class": cls, "predicted": _brief(p),
                                 "gold": _brief(g) if g else None, "context": context})
    for j, g in enumerate(gold_facts):
        if j in matched_gold or j in explained:
            continue
        score.error_classes["missed"] += 1
        if show_errors:
            context = text[max(0, g["at"] - 70) : g["at"] + len(g["surface"]) + 30].replace("\n", " ")
            score.errors.append({"article": gold["id"], "class": "missed", "predicted": None,
                                 "gold": _brief(g), "context": context})


def _field_equal(k: str, p: dict, g: dict) -> bool:
    if k == "value":
        return _value_equal(p["value"], g["value"]) and _value_equal(p["value_max"], g.get("value_max"))
    if k == "period":
        return _period_equal(p["period"], g["period"])
    return p[k] == g[k]


def _brief(f: dict) -> str:
    vmax = f"–{f['value_max']:g}" if f.get("value_max") is not None else ""
    return f"{f['entity']} · {f['metric']} · {f['value']:g}{vmax} · {f['unit']} · {f['period']}"


def score_events(analysis: Analysis, gold: dict, emap: dict, score: SplitScore, show_errors: bool) -> None:
    gold_events = gold.get("events", [])
    predicted = [
        (e.type, e.date, e.modality, emap.get(e.participants[0].entity_id, ("?", ""))[0] if e.participants else None)
        for e in analysis.events
    ]
    for with_entity, counts in ((False, score.events), (True, score.events_entity)):
        used: set[int] = set()
        tp = 0
        for p in predicted:
            for j, g in enumerate(gold_events):
                if j in used:
                    continue
                same = (p[0], p[1], p[2]) == (g["type"], g["date"], g["modality"])
                if same and (not with_entity or p[3] == g["entity"]):
                    used.add(j)
                    tp += 1
                    if not with_entity:
                        score.event_types[p[0]].tp += 1
                    break
            else:
                if not with_entity:
                    score.event_types[p[0]].fp += 1
                    if show_errors:
                        score.errors.append({"article": gold["id"], "class": "event:spurious",
                                             "predicted": " · ".join(map(str, p)), "gold": None, "context": ""})
        counts.add(Counts(tp=tp, fp=len(predicted) - tp, fn=len(gold_events) - len(used)))
        if not with_entity:
            for j, g in enumerate(gold_events):
                if j not in used:
                    score.event_types[g["type"]].fn += 1
                    if show_errors:
                        score.errors.append({"article": gold["id"], "class": "event:missed", "predicted": None,
                                             "gold": f"{g['type']} · {g['date']} · {g['modality']} · {g['entity']}",
                                             "context": ""})


def score_entities(analysis: Analysis, gold: dict, emap: dict, score: SplitScore) -> None:
    gold_entities = gold.get("entities", [])
    mains = {g["id"] for g in gold_entities if g.get("main")}
    if mains and analysis.entities:
        top = max(analysis.entities, key=lambda e: e.relevance)
        score.main_total += 1
        score.main_right += emap.get(top.id, ("", ""))[0] in mains
    elif mains:
        score.main_total += 1
    found = {gid for gid, _ in emap.values()}
    for g in gold_entities:
        if g["type"] in ("company", "person", "organisation"):
            if g["id"] in found:
                score.entity_recall.tp += 1
            else:
                score.entity_recall.fn += 1
    for e in analysis.entities:
        if e.known:
            continue
        hit = emap.get(e.id)
        if hit and hit[1] == e.type:
            score.discovered.tp += 1
        else:
            score.discovered.fp += 1
            score.discovered_wrong[f"{e.name} ({e.type})"] += 1


def score_sentiment(analysis: Analysis, gold: dict, score: SplitScore) -> None:
    doc = next((s for s in analysis.sentiment if s.scope == "document"), None)
    label = doc.label if doc else "neutral"
    score.sentiment_total += 1
    score.sentiment_right += label == gold["sentiment"]
    score.sentiment_confusion[f"{gold['sentiment']}->{label}"] += 1


def evaluate(split: str, show_errors: bool = False) -> SplitScore:
    articles = goldset.load_articles()
    nlp = build_pipeline()
    score = SplitScore()
    for entry, gold in goldset.load_gold(split):
        a = articles[entry["id"]]
        start = time.perf_counter()
        analysis = nlp(Document.from_text(a.text, title=a.title, published_at=a.published_at, source=a.id))
        score.seconds += time.perf_counter() - start
        score.articles += 1
        emap = entity_map(analysis, gold.get("entities", []))
        if entry["kind"] == "control":
            score.control_articles += 1
            score.control_facts += len(analysis.facts)
            if show_errors:
                for f in analysis.facts:
                    score.errors.append({"article": gold["id"], "class": "control", "predicted":
                                         f"{f.entity_id} · {f.metric} · {f.value:g} · {f.unit} · {f.period}",
                                         "gold": None, "context": f.evidence.text[:160]})
        score_facts(analysis, gold, emap, score, show_errors)
        score_events(analysis, gold, emap, score, show_errors)
        score_entities(analysis, gold, emap, score)
        score_sentiment(analysis, gold, score)
    return score


def summary(score: SplitScore) -> dict:
    metrics = {m: c.row() for m, c in sorted(score.per_metric.items(), key=lambda kv: -(kv[1].tp + kv[1].fn))}
    return {
        "articles": score.articles,
        "facts": score.facts.row(),
        "fact error classes": dict(score.error_classes.most_common()),
        "facts per metric": metrics,
        "facts on controls": f"{score.control_facts} on {score.control_articles} control articles",
        "events (type, date, modality)": score.events.row(),
        "events with main entity": score.events_entity.row(),
        "events per type": {t: c.row() for t, c in sorted(score.event_types.items())},
        "main entity accuracy": round(score.main_right / score.main_total, 3) if score.main_total else None,
        "entity recall (company, person, organisation)": score.entity_recall.row()["R"],
        "discovered-name precision": score.discovered.row()["P"],
        "discovered names": score.discovered.tp + score.discovered.fp,
        "document sentiment agreement": round(score.sentiment_right / score.sentiment_total, 3)
        if score.sentiment_total else None,
        "sentiment confusion (gold->predicted)": dict(score.sentiment_confusion.most_common()),
        "seconds in the pipeline": round(score.seconds, 2),
    }


def print_summary(split: str, s: dict, detail: bool = True) -> None:
    print(f"\n=== {split}: {s['articles']} articles ===")
    f = s["facts"]
    print(f"facts      P {f['P']:.3f}  R {f['R']:.3f}  F1 {f['F1']:.3f}   (tp {f['tp']}, fp {f['fp']}, fn {f['fn']})")
    print(f"           error classes: {s['fact error classes']}")
    print(f"           on controls: {s['facts on controls']}")
    e = s["events (type, date, modality)"]
    ee = s["events with main entity"]
    print(f"events     P {e['P']:.3f}  R {e['R']:.3f}  F1 {e['F1']:.3f}"
          f"   with main entity: P {ee['P']:.3f} R {ee['R']:.3f}")
    print(f"entities   main {s['main entity accuracy']}  recall {s['entity recall (company, person, organisation)']}"
          f"  discovered precision {s['discovered-name precision']} of {s['discovered names']}")
    print(f"sentiment  document agreement {s['document sentiment agreement']}"
          f"  {s['sentiment confusion (gold->predicted)']}")
    if not detail:
        return  # the frozen set: headline figures only, nothing to write rules against
    print("per metric (gold count ≥ 1 or predicted):")
    for m, c in list(s["facts per metric"].items())[:40]:
        print(f"  {m:34s} P {c['P']:.2f} R {c['R']:.2f}  tp {c['tp']:3d} fp {c['fp']:3d} fn {c['fn']:3d}")
    print("events per type:")
    for t, c in s["events per type"].items():
        print(f"  {t:24s} P {c['P']:.2f} R {c['R']:.2f}  tp {c['tp']:3d} fp {c['fp']:3d} fn {c['fn']:3d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", choices=["dev"], help="list each error of the development set")
    parser.add_argument("--split", choices=["dev", "frozen"], action="append", help="only these splits")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--detail", action="store_true", help="per-metric and per-type tables for the frozen set too")
    args = parser.parse_args()
    if not goldset.ARTICLES.exists():
        print(f"skipped: {goldset.ARTICLES} is absent (../shared/data is needed for the real-text evaluation)")
        return 0
    report = {}
    for split in args.split or ["dev", "frozen"]:
        score = evaluate(split, show_errors=args.errors == split)
        report[split] = summary(score)
        print_summary(split, report[split], detail=split == "dev" or args.detail)
        if score.errors:
            print(f"\n--- {split} errors ---")
            for err in score.errors:
                print(f"[{err['class']}] {err['article'][:60]}\n   predicted: {err['predicted']}\n"
                      f"   gold:      {err['gold']}\n   context:   …{err['context']}…")
    report["sentifm"] = eval_events.report(tuple(args.split or ["dev", "frozen"]))
    eval_events.print_report(report["sentifm"])
    report["sentfin"] = eval_sentiment.report(args.split)
    eval_sentiment.print_report(report["sentfin"])
    import eval_zh  # the Chinese gold set and CFSC-NER (docs/chinese.md)

    report["zh"] = eval_zh.run(args.split or ["dev", "frozen"], args.errors, args.detail)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
