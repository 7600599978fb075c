"""Facts of short real sentences: for sentences of real wire stories, the extractor gives exactly
the facts the development gold set records there (no fewer, no more).

The sentences are named by article and offset in ``real_sentences.json``; their text is read from
``../shared/data/real-news`` and the expected facts from ``bench/real/dev`` (docs/evaluation.md), so
nothing of the articles is copied here. The whole article is analysed (a sentence's facts depend on
the story: its subject, its day), and the facts found in the sentence are compared with the gold's.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from factwire.models import Document

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT.parent / "shared" / "data" / "real-news" / "reuters-2016-dev.jsonl"
GOLD = ROOT / "bench" / "real" / "dev"
CASES = json.loads((Path(__file__).parent / "real_sentences.json").read_text())["sentences"]


@lru_cache(maxsize=1)
def articles() -> dict[str, dict]:
    wanted = {c["article"] for c in CASES}
    out = {}
    with ARTICLES.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["id"] in wanted:
                out[record["id"]] = record
    return out


def fold(name: str) -> str:
    name = re.sub(r"'s?$", "", name.lower().replace("’", "'"))
    return re.sub(r"[^\w&.+-]+", " ", name).strip()


@pytest.mark.skipif(not ARTICLES.exists(), reason=f"real news not found at {ARTICLES} (it sits beside the project)")
@pytest.mark.parametrize("case", CASES, ids=[f"{c['article'][:50]}@{c['sentence_at']}" for c in CASES])
def test_real_sentence_facts(pipeline, case):
    record = articles()[case["article"]]
    gold = json.loads((GOLD / f"{case['article']}.json").read_text())
    doc = Document.from_text(record["text"], title=record["title"], published_at=record["published_at"][:10])
    analysis = pipeline(doc)
    offset = analysis.document.body_offset
    sentence = next(s for s in analysis.sentences if s.start == case["sentence_at"] + offset)

    names = {fold(n): g["id"] for g in gold["entities"] for n in [g["name"], *g.get("names", [])]}
    gold_id = {}
    for e in analysis.entities:
        for n in [e.name, *e.aliases, *(m.text for m in e.mentions)]:
            if fold(n) in names:
                gold_id[e.id] = names[fold(n)]
                break

    expected = sorted(
        (g["entity"], g["metric"], round(g["value"], 4), g.get("value_max"), g["unit"], g["period"])
        for g in gold["facts"]
        if sentence.start <= g["at"] + offset < sentence.end
    )
    got = sorted(
        (gold_id.get(f.entity_id, f.entity_id), f.metric, round(f.value, 4), f.value_max, f.unit, f.period)
        for f in analysis.facts
        if sentence.start <= f.evidence.start < sentence.end
    )
    assert sorted(set(got)) == sorted(set(expected)), analysis.document.text[sentence.start : sentence.end]
