"""Train factwire's entity sentiment model on SEntFiN and write its weights into the package.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/train_sentiment.py ../shared/data/sentfin-dev/sentfin-dev.jsonl

SEntFiN 1.0 (Sinha et al., JASIST 2022; MIT licence) labels each entity of a financial headline
positive, neutral or negative. The model is a multinomial logistic regression over the
target-aware features of ``factwire.sentiment.features``. The script reports 5-fold
cross-validated accuracy and macro-F1 (folds grouped by headline, so no headline is in both
train and test), then fits on all data. It writes ``src/factwire/data/sentiment_model.json``:
feature weights rounded and pruned, about a megabyte, read with plain Python at run time.
"""

from __future__ import annotations

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

from factwire.sentiment.features import featurize  # noqa: E402
from factwire.sentiment.lexicon import load_lexicon  # noqa: E402

LABELS = ["negative", "neutral", "positive"]
OUT = ROOT / "src" / "factwire" / "data" / "sentiment_model.json"
C = 1.0
PRUNE = 0.05


def examples(path: Path) -> tuple[list[dict[str, float]], list[int], list[int]]:
    lex = load_lexicon()
    X, y, groups = [], [], []
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        title = row["title"]
        for name, label in row["entities"].items():
            start = title.lower().find(name.lower())
            end = start + len(name) if start >= 0 else -1
            X.append(featurize(title, start, end, lex))
            y.append(LABELS.index(label))
            groups.append(row["id"])
    return X, y, groups


def model() -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=2000)


def cross_validate(X: list[dict[str, float]], y: list[int], groups: list[int]) -> dict[str, float]:
    y_arr = np.array(y)
    accs, f1s = [], []
    for train, test in GroupKFold(n_splits=5).split(X, y_arr, groups):
        vec = DictVectorizer()
        Xtr = vec.fit_transform([X[i] for i in train])
        clf = model().fit(Xtr, y_arr[train])
        pred = clf.predict(vec.transform([X[i] for i in test]))
        accs.append(accuracy_score(y_arr[test], pred))
        f1s.append(f1_score(y_arr[test], pred, average="macro"))
    return {
        "accuracy": round(float(np.mean(accs)), 4),
        "accuracy_std": round(float(np.std(accs)), 4),
        "macro_f1": round(float(np.mean(f1s)), 4),
    }


def export(X: list[dict[str, float]], y: list[int], cv: dict[str, float]) -> None:
    vec = DictVectorizer()
    clf = model().fit(vec.fit_transform(X), np.array(y))
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        w = clf.coef_[:, j]
        if np.max(np.abs(w)) >= PRUNE:
            weights[name] = [round(float(v), 3) for v in w]
    payload = {
        "about": "factwire entity sentiment model: multinomial logistic regression on SEntFiN 1.0 (MIT), "
        "trained by scripts/train_sentiment.py",
        "labels": LABELS,
        "intercept": [round(float(v), 4) for v in clf.intercept_],
        "cross_validation": cv,
        "weights": weights,
    }
    OUT.write_text(json.dumps(payload, separators=(",", ":"), ensure_ascii=False))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(weights)} features)")


def main() -> None:
    default = ROOT.parent / "shared" / "data" / "sentfin-dev" / "sentfin-dev.jsonl"
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    X, y, groups = examples(path)
    cv = cross_validate(X, y, groups)
    print(json.dumps({"examples": len(y), **cv}))
    export(X, y, cv)


if __name__ == "__main__":
    main()
