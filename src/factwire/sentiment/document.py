"""Document sentiment: how the story reads for its subject's investors (docs/sentiment.md).

The subject is the most relevant entity when it is a company, index, commodity, currency,
product or platform, else the most relevant of those types if it is still a main player
(relevance at least ``SUBJECT_MIN``). The document's evidence is the subject's own (its sentences,
weighted to the headline and lead, its events and facts), plus the headline and lead sentences
that do not name it ("Shares plunge after ..."). A story without such a subject, general news,
reads neutral for investors however grim it is: its score is 0.
"""

from __future__ import annotations

from ..models import Entity, Sentiment
from .aggregate import POSITION_WEIGHT, Scorer, Tally

INVESTABLE = ("company", "index", "commodity", "currency", "product", "platform")
SUBJECT_MIN = 50.0
UNNAMED_WEIGHT = {"headline": 1.0, "lead": 0.5}  # of a headline or lead sentence without the subject


def subject_of(entities: list[Entity]) -> Entity | None:
    if not entities:
        return None
    top = max(entities, key=lambda e: e.relevance)
    if top.type in INVESTABLE:
        return top
    ranked = [e for e in entities if e.type in INVESTABLE and e.relevance >= SUBJECT_MIN]
    return max(ranked, key=lambda e: e.relevance, default=None)


def document_sentiment(scorer: Scorer) -> Sentiment:
    analysis = scorer.analysis
    subject = subject_of(analysis.entities)
    if subject is None:
        return Tally().record("document", analysis.document.id)
    tally = scorer.entity_tally(subject)
    named = {m.sentence for m in subject.mentions}
    for s in analysis.sentences:
        where = scorer.position(s.index)
        if where in UNNAMED_WEIGHT and s.index not in named:
            tally.add(scorer.sentence(s.index), POSITION_WEIGHT[where] * UNNAMED_WEIGHT[where], group=where)
    return tally.record("document", analysis.document.id)
