"""Relevance 0-100 of each entity to a document, in the spirit of RavenPack's entity relevance.

    score = 40 if named in the headline
          + 15 if named in the lead (the first two paragraphs after the headline)
          + 30 x (its mention weight / the heaviest entity's mention weight)
          + 15 x (share of the story's paragraphs that mention it)
    then x 0.3 for media (a source, not a subject) and x 0.5 for places, capped at 100.

A mention's weight is its ``Mention.relevance`` (headline 100, lead 70, body 40, halved for short
forms and references, 0 in a byline such as "Written by X"). Defined in docs/entities.md.
"""

from __future__ import annotations

from ..models import Entity, Mention, Sentence

HEADLINE, LEAD, BODY = 100.0, 70.0, 40.0
TYPE_FACTOR = {"media": 0.3, "place": 0.5}


def mention_weight(
    mention: Mention, sentences: list[Sentence], headline_paragraph: int | None, bylines: set[int]
) -> float:
    if mention.sentence in bylines:
        return 0.0  # "Written by X", "Produced by Y": the source of the story, not its subject
    if mention.sentence < 0:
        weight = BODY
    else:
        paragraph = sentences[mention.sentence].paragraph
        if headline_paragraph is not None and paragraph == headline_paragraph:
            weight = HEADLINE
        elif paragraph <= (headline_paragraph if headline_paragraph is not None else -1) + 2:
            weight = LEAD
        else:
            weight = BODY
    return weight / 2 if mention.via in ("short", "reference") else weight


def score_entities(
    entities: list[Entity],
    sentences: list[Sentence],
    headline_paragraph: int | None,
    bylines: set[int] | None = None,
) -> None:
    """Set ``relevance`` on every entity and mention in place. ``bylines``: sentence indexes of
    credit lines, whose mentions weigh nothing."""
    bylines = bylines or set()
    if not entities:
        return
    paragraphs = {s.paragraph for s in sentences} or {0}
    totals = {}
    for entity in entities:
        for m in entity.mentions:
            m.relevance = mention_weight(m, sentences, headline_paragraph, bylines)
        totals[entity.id] = sum(m.relevance for m in entity.mentions)
    heaviest = max(totals.values()) or 1.0
    for entity in entities:
        weights = [m.relevance for m in entity.mentions]
        in_paragraphs = {sentences[m.sentence].paragraph for m in entity.mentions if m.relevance > 0}
        score = 40.0 if HEADLINE in weights else 0.0
        score += 15.0 if LEAD in weights else 0.0
        score += 30.0 * totals[entity.id] / heaviest
        score += 15.0 * len(in_paragraphs) / len(paragraphs)
        score *= TYPE_FACTOR.get(entity.type, 1.0)
        entity.relevance = round(min(100.0, score), 1)
