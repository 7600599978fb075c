"""Sentiment toward names the user gives: a company, product or topic that need not be in the
knowledge base ("oil", "banking stocks", "Sensex").

A target is found where the text names it (case-insensitive, whole words, any spacing) and, when
it is the name, an alias, a ticker or the id of an entity of the analysis, at that entity's
mentions too (so "the company" and short forms count). Each sentence that names it is scored
with the target as the learned model's target, weighted by where the sentence is (headline, lead,
body) as for entities; an entity's own events and facts count as for its entity sentiment.
The result is one ``Sentiment`` with scope ``target`` per name, in the order given; a name the
text never mentions gets a neutral record with no evidence (positive and negative 0).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Analysis, Entity, Sentiment
from .aggregate import POSITION_WEIGHT, Scorer, Tally
from .lexicon import Lexicon, load_lexicon
from .model import SentimentModel, load_model


def target_sentiment(
    analysis: Analysis,
    targets: Iterable[str],
    lex: Lexicon | None = None,
    model: SentimentModel | bool | None = True,
) -> list[Sentiment]:
    """One ``target`` record per name. ``model``: True for the shipped model, None or False for
    the rules alone, or a loaded model."""
    lex = lex or load_lexicon()
    learned = load_model() if model is True else (model or None)
    scorer = Scorer(analysis, lex, learned)  # type: ignore[arg-type]
    out = []
    for name in targets:
        name = " ".join(str(name).split())
        if name:
            out.append(_tally(scorer, name).record("target", name))
    return out


def add_targets(analysis: Analysis, targets: Iterable[str], pipeline=None) -> Analysis:
    """Append target records to ``analysis.sentiment``, scored with the lexicon and model of the
    pipeline's ``sentiment`` component when it has one, else the shipped ones."""
    targets = [t for t in targets if str(t).strip()]
    if not targets:
        return analysis
    lex, model = None, True
    if pipeline is not None and "sentiment" in pipeline.names:
        component = pipeline.get("sentiment")
        lex, model = getattr(component, "lexicon", None), getattr(component, "model", True)
    analysis.sentiment.extend(target_sentiment(analysis, targets, lex, model))
    return analysis


def _tally(scorer: Scorer, name: str) -> Tally:
    analysis = scorer.analysis
    entity = _entity_named(analysis.entities, name)
    spans: dict[int, tuple[int, int]] = {}  # sentence -> the first span naming the target there
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w-])", re.IGNORECASE)
    for m in pattern.finditer(scorer.text):
        index = analysis.sentence_at(m.start())
        if index >= 0:
            spans.setdefault(index, (m.start(), m.end()))
    if entity is not None:
        for m in entity.mentions:
            if m.sentence >= 0 and m.relevance > 0:
                spans.setdefault(m.sentence, (m.start, m.end))
    tally = Tally()
    for index, (start, end) in sorted(spans.items()):
        where = scorer.position(index)
        tally.add(scorer.sentence(index, start, end, entity.id if entity else ""), POSITION_WEIGHT[where],
                  group=where)
    if entity is not None and spans:  # its events and facts, as for its entity sentiment
        for event in analysis.events:
            if any(p.entity_id == entity.id and p.role in ("company", "person", "product") for p in event.participants):
                scorer.add_event(tally, event)
        for f in analysis.facts:
            if f.entity_id == entity.id:
                scorer.add_fact(tally, f)
    return tally


def _entity_named(entities: list[Entity], name: str) -> Entity | None:
    folded = name.casefold()
    for e in entities:
        if folded in {e.id.casefold(), e.name.casefold(), *(a.casefold() for a in e.aliases)}:
            return e
    return None
