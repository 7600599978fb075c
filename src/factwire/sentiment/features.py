"""Target-aware features of a sentence for the learned sentiment model, shared by training
(``scripts/train_sentiment.py``) and inference, so the two cannot drift apart.

The target entity's words become ``<t>``; every word is a feature, also marked by its side of the
target, by being within three words of it, by its exact place among the three words on each side
("<t> falls": ``R1:falls``) and by being in the target's clause ("X gains, Y falls"); the target's
own words ("funds", "stocks"); bigrams; and the rule scorer's positive and negative evidence over
the sentence, over the target's clause, and over that clause before and after the target.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .lexicon import Lexicon, SpanScore, score_span

_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:vs|while|but|as|whereas)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:\.\d+)?%?|[\u4e00-\u9fff]")
TARGET = "<t>"


def tokens_with_target(text: str, start: int, end: int) -> list[str]:
    """Lower-case tokens of ``text`` with the span ``start:end`` replaced by one target token."""
    if start < 0 or end <= start:
        return [_norm(t) for t in _WORD.findall(text.lower())]
    left = [_norm(t) for t in _WORD.findall(text[:start].lower())]
    right = [_norm(t) for t in _WORD.findall(text[end:].lower())]
    return [*left, TARGET, *right]


def _norm(token: str) -> str:
    return "<num>" if token[0].isdigit() else token


def featurize(
    text: str, start: int, end: int, lex: Lexicon, rules: SpanScore | None = None
) -> dict[str, float]:
    """``rules``: the rule score of the whole text, when the caller already has it."""
    toks = tokens_with_target(text, start, end)
    target = toks.index(TARGET) if TARGET in toks else -1
    feats: dict[str, float] = {}
    for i, tok in enumerate(toks):
        if tok == TARGET:
            continue
        feats[f"u:{tok}"] = 1.0
        if target >= 0:
            feats[f"{'L' if i < target else 'R'}:{tok}"] = 1.0
            if abs(i - target) <= 3:
                feats[f"N:{tok}"] = 1.0
                feats[f"{'L' if i < target else 'R'}{abs(i - target)}:{tok}"] = 1.0
    for a, b in pairwise(toks):
        feats[f"b:{a}_{b}"] = 1.0
    rules = rules or score_span(text, 0, len(text), lex)
    feats["lex:pos"] = min(rules.positive, 3.0)
    feats["lex:neg"] = min(rules.negative, 3.0)
    if start >= 0:
        a, b = clause_of(text, start)
        for tok in _WORD.findall(text[a:b].lower()):
            feats[f"C:{_norm(tok)}"] = 1.0
        clause = score_span(text, a, b, lex)
        feats["clex:pos"] = min(clause.positive, 3.0)
        feats["clex:neg"] = min(clause.negative, 3.0)
        for side, (x, y) in (("before", (a, start)), ("after", (end, b))):
            part = score_span(text, x, y, lex)
            feats[f"{side}:pos"] = min(part.positive, 3.0)
            feats[f"{side}:neg"] = min(part.negative, 3.0)
        for tok in _WORD.findall(text[start:end].lower()):
            feats[f"T:{_norm(tok)}"] = 1.0
    feats["bias"] = 1.0
    return feats


def clause_of(text: str, offset: int) -> tuple[int, int]:
    """The clause of ``text`` holding ``offset``, cut at commas, colons and 'but', 'while', 'vs'."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    for a, b in pairwise(bounds):
        if a <= offset < b:
            return a, b
    return 0, len(text)
