"""Sentiment per sentence, per entity in a document, and per document.

- Sentence: the rule score (lexicon, plus the sentence's facts: "down 30%" on a stock price, a
  loss, fatalities), blended with the learned model's sentence score (weights below).
- Entity: the weighted mean of
  - its sentences, scored with the entity as the model's target and its own facts, weighted by
    the mention's position;
  - its events' default polarities, weighted by modality (a rumour counts half);
  - its facts' directions (a record, a first profit and growth are positive; a loss, a fatal
    accident and a price fall are negative).
  Each contribution also feeds its aspect (safety, market, fundamentals, reputation).
- Document: the weighted mean of its sentences and events.

Scores are in [-1, 1]; the label is positive above 0.1, negative below -0.1, neutral between.
``mixed`` flags an entity or document whose positive and negative evidence both carry at least
30% of the total: Xiaomi in the seed story, up on deliveries and profit, down on safety and market
value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..facts.metric_name import MetricName
from ..models import Analysis, Fact, Sentiment
from .lexicon import Lexicon, score_span, squash
from .model import SentimentModel

RULE_WEIGHT, MODEL_WEIGHT = 0.6, 0.4  # news sentences are longer than the model's headlines
THRESHOLD = 0.1
MIXED_SHARE = 0.3
EVENT_WEIGHT = 1.0
FACT_WEIGHT = 0.6


@dataclass
class _Tally:
    total: float = 0.0
    weight: float = 0.0
    pos: float = 0.0
    neg: float = 0.0
    aspects: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0.0]))

    def add(self, value: float, weight: float, aspect: str | None = None) -> None:
        if weight <= 0:
            return
        self.total += value * weight
        self.weight += weight
        self.pos += max(value, 0.0) * weight
        self.neg += max(-value, 0.0) * weight
        if aspect:
            self.aspects[aspect][0] += value * weight
            self.aspects[aspect][1] += weight

    def record(self, scope: str, target: str) -> Sentiment:
        score = self.total / self.weight if self.weight else 0.0
        score = max(-1.0, min(1.0, score))
        evidence = self.pos + self.neg
        mixed = evidence > 0 and min(self.pos, self.neg) / evidence >= MIXED_SHARE
        return Sentiment(
            scope=scope,  # type: ignore[arg-type]
            target=target,
            score=round(score, 4),
            label=label_of(score),
            positive=round(self.pos, 4),
            negative=round(self.neg, 4),
            mixed=mixed,
            aspects={a: round(v / w, 4) for a, (v, w) in sorted(self.aspects.items()) if w},
        )


def label_of(score: float) -> str:
    return "positive" if score > THRESHOLD else "negative" if score < -THRESHOLD else "neutral"


def fact_value(f: Fact, lex: Lexicon) -> float | None:
    """How good a fact is for its entity, in [-1, 1], or None when a level says nothing."""
    name = MetricName.parse(f.metric)
    base = name.base
    direction = lex.metric_direction.get(base)
    if direction is None:
        return None
    if name.change not in (None, "difference"):  # a change: its sign says it
        return 0.6 * direction * (1 if f.value > 0 else -1 if f.value < 0 else 0)
    if direction < 0:  # counted harm: fatalities, recalled vehicles
        return 0.6 * direction if f.value > 0 else None
    if base in ("operating_income", "net_income"):  # a profit or a loss
        return 0.5 if f.value > 0 else -0.5 if f.value < 0 else None
    return None


def analyse(analysis: Analysis, lex: Lexicon, model: SentimentModel | None) -> list[Sentiment]:
    text = analysis.document.text
    facts_by_sentence: dict[int, list[Fact]] = defaultdict(list)
    for f in analysis.facts:
        facts_by_sentence[f.evidence.sentence].append(f)
    document = _Tally()
    out: list[Sentiment] = []
    for s in analysis.sentences:
        facts = facts_by_sentence.get(s.index, [])
        score = _sentence_score(text, s.start, s.end, facts, lex, model)
        out.append(_single("sentence", str(s.index), score))
        document.add(score, weight=max(1.0, (s.end - s.start) / 80))
    per_entity: dict[str, _Tally] = defaultdict(_Tally)
    for entity in analysis.entities:
        if entity.type in ("media", "place"):
            continue
        tally = per_entity[entity.id]
        for m in entity.mentions:
            if m.sentence < 0 or m.relevance <= 0:
                continue
            s = analysis.sentences[m.sentence]
            own = [f for f in facts_by_sentence.get(m.sentence, []) if f.entity_id == entity.id]
            rules = score_span(text, s.start, s.end, lex)
            rule_score = squash(_rule_total(rules.positive - rules.negative, own, lex))
            value = rule_score
            if model is not None:
                value = RULE_WEIGHT * rule_score + MODEL_WEIGHT * model.score(
                    text[s.start : s.end], m.start - s.start, m.end - s.start, lex, rules
                )
            tally.add(value, weight=m.relevance / 100)
    for event in analysis.events:
        weight = EVENT_WEIGHT * lex.modality_weight.get(event.modality, 0.5)
        aspect = lex.aspect_of_event.get(event.type)
        document.add(event.polarity, weight * 0.5)
        for p in event.participants:
            if p.role in ("company", "person", "product") and p.entity_id in per_entity:
                per_entity[p.entity_id].add(event.polarity, weight, aspect)
    for f in analysis.facts:
        value = fact_value(f, lex)
        if value is not None and f.entity_id in per_entity:
            base = f.metric.split("_growth")[0].removesuffix("_difference")
            aspect = lex.aspect_of_metric.get(base, lex.aspect_of_metric.get(f.metric))
            per_entity[f.entity_id].add(value, FACT_WEIGHT, aspect)
    for eid, tally in per_entity.items():
        if tally.weight:
            out.append(tally.record("entity", eid))
    out.append(document.record("document", analysis.document.id))
    return out


def _single(scope: str, target: str, score: float) -> Sentiment:
    return Sentiment(
        scope=scope,  # type: ignore[arg-type]
        target=target,
        score=round(max(-1.0, min(1.0, score)), 4),
        label=label_of(score),  # type: ignore[arg-type]
        positive=round(max(score, 0.0), 4),
        negative=round(max(-score, 0.0), 4),
    )


def _rule_total(lexical: float, facts: list[Fact], lex: Lexicon) -> float:
    return lexical + sum(v for f in facts if (v := fact_value(f, lex)) is not None)


def _sentence_score(
    text: str, start: int, end: int, facts: list[Fact], lex: Lexicon, model: SentimentModel | None
) -> float:
    rules = score_span(text, start, end, lex)
    rule_score = squash(_rule_total(rules.positive - rules.negative, facts, lex))
    if model is None:
        return rule_score
    return RULE_WEIGHT * rule_score + MODEL_WEIGHT * model.score(text[start:end], -1, -1, lex, rules)
