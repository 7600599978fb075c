"""Sentiment on real text: SEntFiN headlines end to end, and a development-set listing of the
real-article document sentiment.

    python bench/eval_sentiment.py                    # the SEntFiN section alone, both parts
    python bench/eval_sentiment.py --documents dev    # each dev article whose document label is wrong

SEntFiN (bench/sentfin.py) labels each entity of a headline. Two figures per part:

- **target given**: the headline through the whole pipeline with the gold entity as a target
  (``factwire.analyze(title, targets=[entity])``), its ``target`` record's label against the gold;
- **entities found by factwire**: the headline through the pipeline alone; a gold entity counts as
  found when an entity's name, alias or mention text equals it (folded), and its ``entity`` record's
  label is compared (an unfound entity is an error; accuracy on the found ones is given too).

The shipped model is trained on the development part only, so the frozen part is unseen by every
rule and weight; its development figure is in-sample and the grouped cross-validation recorded by
``scripts/train_sentiment.py`` (folds by headline) is the honest one for that part.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

import sentfin  # noqa: E402

from factwire.models import Analysis, Document  # noqa: E402
from factwire.pipeline import Pipeline, build_pipeline  # noqa: E402
from factwire.sentiment import add_targets, load_model  # noqa: E402

LABELS = sentfin.LABELS


def fold(name: str) -> str:
    name = name.lower().replace("’", "'")
    name = re.sub(r"'s?$", "", name)
    return " ".join(re.sub(r"[^\w&.+-]+", " ", name).split())


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    f1s = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in pairs)
        fp = sum(p == label != g for g, p in pairs)
        fn = sum(g == label != p for g, p in pairs)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def _figures(pairs: list[tuple[str, str]]) -> dict[str, float | int]:
    if not pairs:
        return {"pairs": 0}
    return {"pairs": len(pairs), "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
            "macro_f1": round(macro_f1(pairs), 4)}


def found_entity(analysis: Analysis, name: str) -> str | None:
    """The id of the entity factwire found for a gold name, by folded name, alias or mention."""
    wanted = fold(name)
    for e in analysis.entities:
        names = [e.name, *e.aliases, *(m.text for m in e.mentions)]
        if any(fold(n) == wanted for n in names):
            return e.id
    return None


def score_split(nlp: Pipeline, split: str) -> dict[str, object]:
    given: list[tuple[str, str]] = []
    alone: list[tuple[str, str]] = []
    found: list[tuple[str, str]] = []
    start = time.perf_counter()
    headlines = sentfin.load(split)
    for h in headlines:
        analysis = nlp(Document.from_text(h.title, source=f"sentfin:{h.id}"))
        entity_labels = {s.target: s.label for s in analysis.sentiment if s.scope == "entity"}
        for name, gold in h.entities.items():
            eid = found_entity(analysis, name)
            if eid is not None:
                label = entity_labels.get(eid, "neutral")
                found.append((gold, label))
                alone.append((gold, label))
            else:
                alone.append((gold, "missed"))
        add_targets(analysis, list(h.entities), nlp)
        targets = [s for s in analysis.sentiment if s.scope == "target"]
        given += [(gold, t.label) for gold, t in zip(h.entities.values(), targets, strict=True)]
    return {
        "headlines": len(headlines),
        "target given": _figures(given),
        "entities found by factwire": {**_figures(alone), "found": round(len(found) / max(1, len(alone)), 4),
                                       "accuracy on found": _figures(found).get("accuracy")},
        "confusion, target given (gold->predicted)": dict(Counter(f"{g}->{p}" for g, p in given).most_common()),
        "seconds": round(time.perf_counter() - start, 1),
    }


def report(splits: list[str] | None = None) -> dict[str, object]:
    if not sentfin.DATA.exists():
        return {"skipped": f"{sentfin.DATA} is absent"}
    nlp = build_pipeline()
    out: dict[str, object] = {"model cross-validation (recorded at training)": load_model().cross_validation}
    for split in splits or ["dev", "frozen"]:
        out[split] = score_split(nlp, split)
    return out


def print_report(out: dict[str, object]) -> None:
    print("\n=== SEntFiN entity sentiment, end to end ===")
    if "skipped" in out:
        print(f"skipped: {out['skipped']}")
        return
    cv = out["model cross-validation (recorded at training)"]
    if isinstance(cv, dict) and cv:
        print(f"dev part, 5-fold cross-validation grouped by headline (scripts/train_sentiment.py): model alone "
              f"accuracy {cv.get('accuracy')} macro-F1 {cv.get('macro_f1')}; end to end with the target given "
              f"{cv.get('end_to_end_target_accuracy')}")
    for split in ("dev", "frozen"):
        s = out.get(split)
        if not isinstance(s, dict):
            continue
        g, a = s["target given"], s["entities found by factwire"]
        note = "  (in-sample: the model is trained on this part)" if split == "dev" else ""
        print(f"{split:6s} {s['headlines']} headlines{note}\n"
              f"       target given: accuracy {g['accuracy']:.3f} macro-F1 {g['macro_f1']:.3f} ({g['pairs']} pairs)\n"
              f"       entities found by factwire: accuracy {a['accuracy']:.3f} (found {a['found']:.3f}, "
              f"accuracy on found {a['accuracy on found']:.3f})")


def list_document_errors(split: str) -> None:
    """Dev-set articles whose document label disagrees with the gold (never the frozen set)."""
    if split != "dev":
        raise SystemExit("only the development set's errors may be listed")
    sys.path.insert(0, str(HERE / "real"))
    import gold as goldset

    from factwire.sentiment.document import subject_of

    articles = goldset.load_articles()
    nlp = build_pipeline()
    wrong = total = 0
    for entry, gold in goldset.load_gold("dev"):
        a = articles[entry["id"]]
        analysis = nlp(Document.from_text(a.text, title=a.title, published_at=a.published_at, source=a.id))
        doc = next(s for s in analysis.sentiment if s.scope == "document")
        total += 1
        if doc.label != gold["sentiment"]:
            wrong += 1
            subject = subject_of(analysis.entities)
            print(f"[{gold['sentiment']} -> {doc.label} {doc.score:+.2f}] {a.title}\n"
                  f"   subject: {subject.name if subject else None}  evidence +{doc.positive:.2f} -{doc.negative:.2f}")
    print(f"{wrong} of {total} dev articles disagree")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", choices=["dev"], help="list the dev articles whose document label is wrong")
    parser.add_argument("--split", choices=["dev", "frozen"], action="append", help="only these SEntFiN parts")
    args = parser.parse_args()
    if args.documents:
        list_document_errors(args.documents)
        return 0
    print_report(report(args.split))
    return 0


if __name__ == "__main__":
    sys.exit(main())
