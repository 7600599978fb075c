"""Sentiment: SEntFiN entity-level accuracy and macro-F1, and speed against VADER.

- The learned model's figures are 5-fold cross-validated, folds grouped by headline, as recorded
  by ``scripts/train_sentiment.py`` when it trained the shipped weights. Accuracy on the
  training data itself would be meaningless.
- For comparison, on the same 10,140 (headline, entity) pairs and on the frozen part alone
  (``bench/sentfin.py``, never trained on): factwire's lexicon and rules alone (the target's
  clause), VADER's compound score of the headline (thresholds ±0.05, its documented defaults),
  and on the frozen part factwire's model with the entity as its target.
- Speed: words/s of sentence sentiment (rules + model) on one core against VADER's
  ``polarity_scores`` on the same sentences, in the same run.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT / "bench"))

import sentfin  # noqa: E402

from factwire.sentiment import label_of, load_lexicon, load_model, score_span  # noqa: E402
from factwire.sentiment.features import clause_of  # noqa: E402

DATA = sentfin.DATA
LABELS = ["negative", "neutral", "positive"]


def _macro_f1(gold: list[str], pred: list[str]) -> float:
    f1s = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s)


def _figures(gold: list[str], pred: list[str]) -> dict[str, float]:
    return {"accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4),
            "macro_f1": round(_macro_f1(gold, pred), 4)}


def sentfin_scores() -> dict[str, object]:
    if not DATA.exists():
        return {"skipped": f"{DATA} not found"}
    lex, model = load_lexicon(), load_model()
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
    except ImportError:
        analyzer = None
    rows: dict[str, dict[str, list[str]]] = {part: {"gold": [], "rules": [], "vader": [], "model": []}
                                             for part in ("all", "frozen")}
    for h in sentfin.load(path=DATA):
        title = h.title
        compound = analyzer.polarity_scores(title)["compound"] if analyzer else None
        for name, label in h.entities.items():
            start = title.lower().find(name.lower())
            a, b = clause_of(title, start) if start >= 0 else (0, len(title))
            rule = label_of(score_span(title, a, b, lex).score)
            vader = "" if compound is None else (
                "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral")
            for part in ("all", "frozen") if h.split == "frozen" else ("all",):
                r = rows[part]
                r["gold"].append(label)
                r["rules"].append(rule)
                r["vader"].append(vader)
                if part == "frozen":
                    end = start + len(name) if start >= 0 else -1
                    p = model.probabilities(title, start, end, lex)
                    r["model"].append(max(p, key=p.__getitem__))
    out: dict[str, object] = {
        "pairs": len(rows["all"]["gold"]),
        "factwire model (5-fold CV on the development part, grouped by headline)": model.cross_validation,
    }
    for part, r in rows.items():
        name = "all pairs" if part == "all" else "frozen part"
        out[f"factwire lexicon and rules alone, {name}"] = _figures(r["gold"], r["rules"])
        if analyzer is not None:
            out[f"VADER compound of the headline, {name}"] = _figures(r["gold"], r["vader"])
    out["factwire model with the entity as target, frozen part"] = _figures(rows["frozen"]["gold"],
                                                                           rows["frozen"]["model"])
    return out


def speed() -> dict[str, object]:
    sentences = []
    for path in sorted((ROOT / "tests" / "facts" / "articles").glob("*.txt")):
        sentences += [s for s in path.read_text("utf-8").replace("\n", " ").split(". ") if s.strip()]
    seed = ROOT.parent / "shared" / "data" / "seed" / "000_0994d68347797196.txt"
    if seed.exists():
        sentences += [s for s in seed.read_text("utf-8").replace("\n", " ").split(". ") if s.strip()]
    sentences = sentences * max(1, 50_000 // max(1, sum(len(s.split()) for s in sentences)))
    words = sum(len(s.split()) for s in sentences)
    lex, model = load_lexicon(), load_model()

    def ours(s: str) -> float:
        rules = score_span(s, 0, len(s), lex)
        return 0.6 * rules.score + 0.4 * model.score(s, -1, -1, lex, rules)

    out: dict[str, object] = {"sentences": len(sentences), "words": words}
    start = time.perf_counter()
    for s in sentences:
        ours(s)
    seconds = time.perf_counter() - start
    out["factwire rules + model"] = {"words/s": round(words / seconds)}
    start = time.perf_counter()
    for s in sentences:
        score_span(s, 0, len(s), lex)
    out["factwire rules alone"] = {"words/s": round(words / (time.perf_counter() - start))}
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        start = time.perf_counter()
        for s in sentences:
            analyzer.polarity_scores(s)
        vader_seconds = time.perf_counter() - start
        out["VADER"] = {"words/s": round(words / vader_seconds)}
        out["factwire / VADER (speed ratio)"] = round(vader_seconds / seconds, 2)
    except ImportError:
        out["VADER"] = "not installed (pip install -e '.[bench]')"
    return out


def report() -> dict[str, object]:
    return {"SEntFiN entity sentiment": sentfin_scores(), "speed (one core)": speed()}


if __name__ == "__main__":
    print(json.dumps(report(), indent=1))
