"""Train factwire's entity sentiment model on SEntFiN and write its weights into the package.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_sentiment.py [sentfin-dev.jsonl] [--no-pipeline]

SEntFiN 1.0 (Sinha et al., JASIST 2022; MIT licence) labels each entity of a financial headline
positive, neutral or negative. The model is a multinomial logistic regression over the
target-aware features of ``factwire.sentiment.features``. It is trained on the development part
of the project's split (``bench/sentfin.py``) only: the frozen fifth stays unseen, so that
``make eval`` can score it honestly.

Before fitting on the whole development part, the script reports 5-fold cross-validation with
folds grouped by headline (no headline is in both train and test):

- the model alone: accuracy and macro-F1 of its most probable label;
- end to end, unless ``--no-pipeline``: each held-out headline through the whole pipeline with its
  gold entity as a target (``factwire.sentiment.target_sentiment``), scored with that fold's model.

It writes ``src/factwire/data/sentiment_model.json``: feature weights rounded and pruned, about a
megabyte, read with plain Python at run time (no scikit-learn needed there).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import sentfin  # noqa: E402

from factwire.sentiment.features import featurize  # noqa: E402
from factwire.sentiment.lexicon import load_lexicon  # noqa: E402
from factwire.sentiment.model import SentimentModel  # noqa: E402

LABELS = list(sentfin.LABELS)
OUT = ROOT / "src" / "factwire" / "data" / "sentiment_model.json"
C = 1.0
PRUNE = 0.05
FOLDS = 5


def span_of(title: str, name: str) -> tuple[int, int]:
    start = title.lower().find(name.lower())
    return (start, start + len(name)) if start >= 0 else (-1, -1)


def examples(headlines: list[sentfin.Headline]) -> tuple[list[dict[str, float]], np.ndarray]:
    lex = load_lexicon()
    X, y = [], []
    for h in headlines:
        for name, label in h.entities.items():
            X.append(featurize(h.title, *span_of(h.title, name), lex))
            y.append(LABELS.index(label))
    return X, np.array(y)


def fit(X: list[dict[str, float]], y: np.ndarray) -> tuple[DictVectorizer, LogisticRegression]:
    vec = DictVectorizer()
    return vec, LogisticRegression(C=C, max_iter=3000).fit(vec.fit_transform(X), y)


def payload(vec: DictVectorizer, clf: LogisticRegression, prune: float = PRUNE) -> dict:
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        w = clf.coef_[:, j]
        if np.max(np.abs(w)) >= prune:
            weights[name] = [round(float(v), 3) for v in w]
    return {"labels": LABELS, "intercept": [round(float(v), 4) for v in clf.intercept_], "weights": weights}


def cross_validate(headlines: list[sentfin.Headline], pipeline: bool) -> dict[str, float]:
    """Grouped k-fold: the model alone, and (with ``pipeline``) end to end with the target given."""
    analyses = _analyses(headlines) if pipeline else None
    folds = GroupKFold(n_splits=FOLDS).split(headlines, groups=[h.group for h in headlines])
    accs, f1s, e2e_right, e2e_total = [], [], 0, 0
    for train, test in folds:
        X, y = examples([headlines[i] for i in train])
        vec, clf = fit(X, y)
        Xt, yt = examples([headlines[i] for i in test])
        pred = clf.predict(vec.transform(Xt))
        accs.append(accuracy_score(yt, pred))
        f1s.append(f1_score(yt, pred, average="macro"))
        if analyses is not None:
            right, total = _end_to_end([headlines[i] for i in test], [analyses[i] for i in test],
                                       SentimentModel(payload(vec, clf)))
            e2e_right, e2e_total = e2e_right + right, e2e_total + total
    out = {
        "folds": FOLDS,
        "grouped_by": "headline",
        "trained_on": "SEntFiN development part (bench/sentfin.py), frozen fifth held out",
        "accuracy": round(float(np.mean(accs)), 4),
        "accuracy_std": round(float(np.std(accs)), 4),
        "macro_f1": round(float(np.mean(f1s)), 4),
    }
    if e2e_total:
        out["end_to_end_target_accuracy"] = round(e2e_right / e2e_total, 4)
    return out


def _analyses(headlines: list[sentfin.Headline]) -> list:
    from factwire.models import Document
    from factwire.pipeline import build_pipeline

    nlp = build_pipeline()
    return [nlp(Document.from_text(h.title, source=f"sentfin:{h.id}"), disable=["sentiment"]) for h in headlines]


def _end_to_end(headlines: list[sentfin.Headline], analyses: list, model: SentimentModel) -> tuple[int, int]:
    from factwire.sentiment.targets import target_sentiment

    lex = load_lexicon()
    right = total = 0
    for h, analysis in zip(headlines, analyses, strict=True):
        records = target_sentiment(analysis, list(h.entities), lex, model)
        for gold, record in zip(h.entities.values(), records, strict=True):
            right += record.label == gold
            total += 1
    return right, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, default=sentfin.DATA)
    parser.add_argument("--no-pipeline", action="store_true", help="skip the end-to-end cross-validation")
    args = parser.parse_args()
    headlines = sentfin.load("dev", args.path)
    cv = cross_validate(headlines, pipeline=not args.no_pipeline)
    print(json.dumps({"headlines": len(headlines), **cv}))
    X, y = examples(headlines)
    data = payload(*fit(X, y))
    data = {"about": "factwire entity sentiment model: multinomial logistic regression on SEntFiN 1.0 (MIT), "
            "trained by scripts/train_sentiment.py", **data, "cross_validation": cv}
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(data['weights'])} features)")


if __name__ == "__main__":
    main()
