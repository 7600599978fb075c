"""Chinese text through the whole pipeline against English, same process, one core: words/s, with
a Chinese "word" counted as 1.5 characters (issue #18: Chinese must run at no less than half the
English rate). Also what jieba's word boundaries (entities/segment_zh.py) cost.

English: the corpus of bench/whole_pipeline.py. Chinese: real news, the first 150 articles of
../shared/data/zh/news/eastmoney-sina-2018.jsonl (skipped with a reason when it is absent).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from whole_pipeline import corpus, timed  # noqa: E402

from factwire.models import Document  # noqa: E402
from factwire.pipeline import build_pipeline  # noqa: E402

ZH_NEWS = ROOT.parent / "shared" / "data" / "zh" / "news" / "eastmoney-sina-2018.jsonl"
CHARS_PER_WORD = 1.5


def chinese_corpus(n: int = 150) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in ZH_NEWS.read_text("utf-8").splitlines()[:n]]
    return [(r["text"], r.get("title") or "") for r in rows]


def report() -> dict[str, object]:
    if not ZH_NEWS.exists():
        return {"skipped": f"{ZH_NEWS} is absent (the real Chinese news sits beside the project)"}
    nlp = build_pipeline()
    english = corpus(50_000)
    en_words = sum(len(d.split()) for d in english)
    en_seconds = timed(lambda t: nlp(Document.from_text(t)), english)
    zh_docs = chinese_corpus()
    zh_chars = sum(len(t) for t, _ in zh_docs)
    zh_seconds = timed(lambda d: nlp(Document.from_text(d[0], title=d[1])), zh_docs)  # type: ignore[arg-type]
    en_rate = en_words / en_seconds
    zh_rate = zh_chars / CHARS_PER_WORD / zh_seconds

    from factwire.entities import segment_zh

    words = segment_zh.words
    spent = [0.0]

    def counted(text: str) -> list[tuple[str, str]]:
        start = time.perf_counter()
        try:
            return words(text)
        finally:
            spent[0] += time.perf_counter() - start

    segment_zh.words = counted
    try:
        total = timed(lambda d: nlp(Document.from_text(d[0], title=d[1])), zh_docs)  # type: ignore[arg-type]
    finally:
        segment_zh.words = words
    return {
        "English": {"documents": len(english), "words": en_words, "words/s": round(en_rate)},
        "Chinese": {"documents": len(zh_docs), "characters": zh_chars, "words/s (characters / 1.5)": round(zh_rate),
                    "characters/s": round(zh_chars / zh_seconds)},
        "Chinese / English (words/s ratio, target >= 0.5)": round(zh_rate / en_rate, 2),
        "share of the Chinese time spent in jieba (word boundaries of names)": round(spent[0] / total, 3),
    }


if __name__ == "__main__":
    print(json.dumps(report(), indent=2, ensure_ascii=False))
