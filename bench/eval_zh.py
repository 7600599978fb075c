"""The Chinese section of ``make eval``: the Chinese gold set and CFSC-NER, development and frozen
parts separately (docs/evaluation.md, docs/chinese.md).

    python bench/eval_zh.py                  # both parts of both sets
    python bench/eval_zh.py --errors dev     # also list each wrong and missed fact of the dev part

- **Gold set**: the articles of ``bench/real/zh/`` scored exactly as the English gold set (the
  scoring functions of ``bench/eval.py``), plus whether every main company was found.
- **CFSC-NER** (``../shared/data/zh/entities/cfsc-ner.jsonl``): recall and precision of company and
  index names on the dataset's Corporate and Stock names. A third of the sentences is frozen: those
  whose SHA-256 of the UTF-8 text, read as a number, is divisible by 3 (``cfsc_split``). A name
  counts once per sentence. A predicted name that the dataset labels Market or Economy in the same
  sentence (an industry, a market, an indicator) is neither right nor wrong. Many records label
  only markets and indicators (a market wrap naming 沪指 with only its sectors labelled), so
  precision is counted on the records that label at least one company or stock.

For the frozen parts only aggregate figures are printed: never their errors.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE / "real"))
sys.path.insert(0, str(HERE))

import eval as en  # noqa: E402  (the English scorer: the same scoring functions)
import gold as goldset  # noqa: E402

from factwire.models import Document  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402

CFSC_NER = goldset.SHARED / "zh" / "entities" / "cfsc-ner.jsonl"
CFSC_TYPES = {"Corporate", "Stock"}
PREDICTED_TYPES = {"company", "index"}
NAMED_VIA = {"name", "alias", "ticker", "discovered"}


@dataclass
class GoldScore:
    score: en.SplitScore = field(default_factory=en.SplitScore)
    main_companies: int = 0
    main_found: int = 0
    missed_mains: list[str] = field(default_factory=list)


def evaluate_gold(split: str, show_errors: bool = False) -> GoldScore:
    articles = goldset.load_articles("zh")
    nlp = build_pipeline()
    out = GoldScore()
    score = out.score
    for entry, gold in goldset.load_gold(split, "zh"):
        a = articles[entry["id"]]
        start = time.perf_counter()
        analysis = nlp(Document.from_text(a.text, title=a.title, published_at=a.published_at, source=a.id))
        score.seconds += time.perf_counter() - start
        score.articles += 1
        emap = en.entity_map(analysis, gold.get("entities", []))
        en.score_facts(analysis, gold, emap, score, show_errors)
        en.score_events(analysis, gold, emap, score, show_errors)
        en.score_entities(analysis, gold, emap, score)
        en.score_sentiment(analysis, gold, score)
        found = {gid for gid, _ in emap.values()}
        for g in gold.get("entities", []):
            if g.get("main") and g["type"] == "company":
                out.main_companies += 1
                out.main_found += g["id"] in found
                if g["id"] not in found and show_errors:
                    out.missed_mains.append(f"{gold['id']}: {g['name']}")
    return out


def cfsc_split(text: str) -> str:
    """'frozen' for a third of the sentences, fixed by their text alone."""
    return "frozen" if int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "dev"


@dataclass
class NerScore:
    sentences: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0
    seconds: float = 0.0
    missed: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def evaluate_cfsc(split: str, show_errors: bool = False) -> NerScore | None:
    if not CFSC_NER.exists():
        return None
    nlp = build_pipeline({"pipeline": {"components": ["sentences", "entities"]}})
    out = NerScore()
    for line in CFSC_NER.read_text("utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        if cfsc_split(text) != split:
            continue
        out.sentences += 1
        gold = {e["text"] for e in record["entities"] if e["type"] in CFSC_TYPES}
        other = {e["text"] for e in record["entities"] if e["type"] not in CFSC_TYPES}
        start = time.perf_counter()
        analysis = nlp(Document.from_text(text))
        out.seconds += time.perf_counter() - start
        predicted = {
            m.text for e in analysis.entities if e.type in PREDICTED_TYPES for m in e.mentions if m.via in NAMED_VIA
        } - {m.text for e in analysis.entities for m in e.mentions if m.via == "ticker"}
        for name in predicted:
            if name in gold:
                out.tp += 1
            elif name in other or not gold:
                out.ignored += 1
            else:
                out.fp += 1
                if show_errors:
                    out.wrong[name] += 1
        for name in gold - predicted:
            out.fn += 1
            if show_errors:
                out.missed[name] += 1
    return out


def print_gold(split: str, g: GoldScore, detail: bool) -> None:
    s = en.summary(g.score)
    en.print_summary(f"zh {split}", s, detail=detail)
    print(f"main companies found: {g.main_found} of {g.main_companies}")
    if detail and g.score.discovered_wrong and g.missed_mains is not None and g.score.errors:
        print("  wrong discovered names: " + ", ".join(f"{k} {v}" for k, v in g.score.discovered_wrong.most_common(80)))
    if g.missed_mains:
        print("  missed: " + "; ".join(g.missed_mains))


def print_cfsc(split: str, n: NerScore | None, detail: bool) -> None:
    if n is None:
        print(f"\nCFSC-NER {split}: skipped ({CFSC_NER} is absent)")
        return
    print(f"\n=== CFSC-NER {split}: {n.sentences} sentences, Corporate/Stock names ===")
    print(f"names      P {n.precision:.3f}  R {n.recall:.3f}   (tp {n.tp}, fp {n.fp}, fn {n.fn}; "
          f"{n.ignored} not counted: labelled Market/Economy, or in records labelling no company) {n.seconds:.2f} s")
    if detail and (n.missed or n.wrong):
        print("  most missed: " + ", ".join(f"{k} {v}" for k, v in n.missed.most_common(60)))
        print("  most wrong:  " + ", ".join(f"{k} {v}" for k, v in n.wrong.most_common(60)))


def run(splits: list[str], errors: str | None = None, detail: bool = False) -> dict:
    """Score both sets on the given parts and print them; the figures as a dict."""
    if not goldset.SOURCES["zh"].exists():
        print(f"\nChinese: skipped ({goldset.SOURCES['zh']} is absent)")
        return {}
    report: dict = {}
    for split in splits:
        show = errors == split and split == "dev"
        g = evaluate_gold(split, show_errors=show)
        print_gold(split, g, detail=split == "dev" or detail)
        if g.score.errors:
            print(f"\n--- zh {split} errors ---")
            for err in g.score.errors:
                print(f"[{err['class']}] {err['article']}\n   predicted: {err['predicted']}\n"
                      f"   gold:      {err['gold']}\n   context:   …{err['context']}…")
        n = evaluate_cfsc(split, show_errors=show)
        print_cfsc(split, n, detail=show)
        report[split] = {
            "gold": en.summary(g.score),
            "main companies found": [g.main_found, g.main_companies],
            "cfsc-ner": None if n is None else {"P": round(n.precision, 3), "R": round(n.recall, 3),
                                                "tp": n.tp, "fp": n.fp, "fn": n.fn},
        }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", choices=["dev"], help="list each error of the development part")
    parser.add_argument("--split", choices=["dev", "frozen"], action="append", help="only these parts")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    report = run(args.split or ["dev", "frozen"], args.errors)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
