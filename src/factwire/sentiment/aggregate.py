"""Sentiment per sentence, per entity in a document, and per document.

- Sentence: the rule score (lexicon, plus the sentence's facts: "down 30%" on a stock price, a
  loss, fatalities), blended with the learned model's sentence score (weights below).
- Entity: the weighted mean of
  - the sentences that name it, each scored with the entity as the model's target and with its
    own facts, weighted by where the sentence is: the headline counts most, then the lead;
  - its events' polarities for its investors, weighted by modality (a rumour counts half) and
    by where the event is told;
  - its facts' directions (a record, a first profit and growth are positive; a loss, a fatal
    accident and a price fall are negative).
  Each contribution also feeds its aspect (safety, market, fundamentals, reputation).
- Document: how the story reads for its subject's investors (``document.py``): the subject's
  entity evidence plus the headline and lead; neutral when no company, index, commodity or
  currency is its subject.

Scores are in [-1, 1]; the label is positive above 0.1, negative below -0.1, neutral between.
``mixed`` flags an entity or document whose positive and negative evidence both carry at least
30% of the total: Xiaomi in the seed story, up on deliveries and profit, down on safety and market
value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..facts.metric_name import MetricName
from ..models import Analysis, Entity, Fact, Sentiment
from .lexicon import Lexicon, SpanScore, score_span, squash
from .model import SentimentModel

RULE_WEIGHT, MODEL_WEIGHT = 0.6, 0.4  # news sentences are longer than the model's headlines
HEADLINE_MODEL_WEIGHT = 0.6  # a headline is what the model was trained on
ALONE_FACT_WEIGHT = 0.5  # a text of one sentence reads like the model's headlines: see Scorer.sentence
THRESHOLD = 0.1
MIXED_SHARE = 0.3
FACT_WEIGHT = 0.6
# how much a sentence, event or fact counts for an entity by where the story tells it
POSITION_WEIGHT = {"headline": 1.0, "lead": 1.0, "body": 1.0}
EVENT_WEIGHT = 1.0
# each part's share of an entity's or document's score: a long body cannot outvote the headline
GROUP_SHARE = {"headline": 0.7, "lead": 0.2, "body": 0.1}


@dataclass
class Tally:
    """Weighted evidence for or against one target. Evidence comes in groups by where the story
    tells it (headline, lead, body): each group's weighted mean counts by ``GROUP_SHARE``, so a
    long body cannot outvote the headline and lead."""

    groups: dict[str, list[float]] = field(default_factory=dict)  # group -> [sum of value x weight, weight]
    pos: float = 0.0
    neg: float = 0.0
    aspects: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0.0]))

    def add(self, value: float, weight: float, aspect: str | None = None, group: str = "body") -> None:
        if weight <= 0:
            return
        g = self.groups.setdefault(group, [0.0, 0.0])
        g[0] += value * weight
        g[1] += weight
        self.pos += max(value, 0.0) * weight
        self.neg += max(-value, 0.0) * weight
        if aspect:
            self.aspects[aspect][0] += value * weight
            self.aspects[aspect][1] += weight

    @property
    def weight(self) -> float:
        return sum(w for _, w in self.groups.values())

    @property
    def score(self) -> float:
        shares = {g: GROUP_SHARE.get(g, 1.0) for g, (_, w) in self.groups.items() if w > 0}
        if not shares:
            return 0.0
        total = sum(shares[g] * v / w for g, (v, w) in self.groups.items() if g in shares)
        return max(-1.0, min(1.0, total / sum(shares.values())))

    def record(self, scope: str, target: str) -> Sentiment:
        score = self.score
        evidence = self.pos + self.neg
        mixed = evidence > 0 and min(self.pos, self.neg) / evidence >= MIXED_SHARE
        return Sentiment(
            scope=scope,  # type: ignore[arg-type]
            target=target,
            score=round(score, 4),
            label=label_of(score),  # type: ignore[arg-type]
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


class Scorer:
    """One document's sentences, facts and events, scored once and shared by the entity, target
    and document sentiment."""

    def __init__(self, analysis: Analysis, lex: Lexicon, model: SentimentModel | None) -> None:
        self.analysis, self.lex, self.model = analysis, lex, model
        self.text = analysis.document.text
        self.positions = sentence_positions(analysis)
        self.facts_by_sentence: dict[int, list[Fact]] = defaultdict(list)
        for f in analysis.facts:
            self.facts_by_sentence[f.evidence.sentence].append(f)
        self._rules: dict[int, SpanScore] = {}
        self._scores: dict[tuple[int, int, int, str | None], float] = {}  # the entity and the document share them
        # a text of one sentence is what the model was trained on; its events and facts are in it
        self.alone = len(analysis.sentences) == 1

    def rules(self, index: int) -> SpanScore:
        if index not in self._rules:
            s = self.analysis.sentences[index]
            self._rules[index] = score_span(self.text, s.start, s.end, self.lex)
        return self._rules[index]

    def position(self, index: int) -> str:
        return self.positions[index] if 0 <= index < len(self.positions) else "body"

    def sentence(self, index: int, start: int = -1, end: int = -1, entity_id: str | None = None) -> float:
        """The sentence's score, toward the target at ``start:end`` (document offsets) when given:
        rules with the facts (only the target's own when it is given), blended with the model."""
        key = (index, start, end, entity_id)
        if key not in self._scores:
            self._scores[key] = self._sentence(index, start, end, entity_id)
        return self._scores[key]

    def _sentence(self, index: int, start: int, end: int, entity_id: str | None) -> float:
        s = self.analysis.sentences[index]
        rules = self.rules(index)
        facts = self.facts_by_sentence.get(index, [])
        if entity_id is not None:
            facts = [f for f in facts if f.entity_id == entity_id]
        from_facts = sum(v for f in facts if (v := fact_value(f, self.lex)) is not None)
        rule_score = squash(rules.positive - rules.negative + from_facts)
        if self.model is None:
            return rule_score
        a, b = (start - s.start, end - s.start) if start >= 0 else (-1, -1)
        model_score = self.model.score(self.text[s.start : s.end], a, b, self.lex, rules)
        if self.alone:  # headline-like: the model judges the words, the facts add what numbers say
            return max(-1.0, min(1.0, model_score + ALONE_FACT_WEIGHT * from_facts))
        mw = HEADLINE_MODEL_WEIGHT if self.position(index) == "headline" else MODEL_WEIGHT
        # a hedge ("plans to", "might") damps the model's verdict as it damps the rules'
        return (1 - mw) * rule_score + mw * model_score * rules.hedge

    def entity_tally(self, entity: Entity) -> Tally:
        """Everything the story says for or against one entity."""
        tally = Tally()
        seen: set[int] = set()
        for m in entity.mentions:
            if m.sentence < 0 or m.relevance <= 0 or m.sentence in seen:
                continue
            seen.add(m.sentence)
            where = self.position(m.sentence)
            tally.add(self.sentence(m.sentence, m.start, m.end, entity.id), POSITION_WEIGHT[where], group=where)
        for event in self.analysis.events:
            if any(p.entity_id == entity.id and p.role in ("company", "person", "product") for p in event.participants):
                self.add_event(tally, event)
        for f in self.analysis.facts:
            if f.entity_id == entity.id:
                self.add_fact(tally, f)
        return tally

    def add_event(self, tally: Tally, event) -> None:
        if self.alone:
            return
        polarity = self.lex.event_polarity.get(event.type, event.polarity)
        if abs(polarity) < 0.05:
            return  # an event that is neither good nor bad news is no evidence either way
        where = self.position(event.evidence[0].sentence) if event.evidence else "body"
        weight = EVENT_WEIGHT * self.lex.modality_weight.get(event.modality, 0.5)
        tally.add(polarity, weight, self.lex.aspect_of_event.get(event.type), group=where)

    def add_fact(self, tally: Tally, f: Fact) -> None:
        if self.alone:
            return
        value = fact_value(f, self.lex)
        if value is None:
            return
        name = MetricName.parse(f.metric)
        aspect = self.lex.aspect_of_metric.get(name.base, self.lex.aspect_of_metric.get(f.metric))
        tally.add(value, FACT_WEIGHT, aspect, group=self.position(f.evidence.sentence))


def sentence_positions(analysis: Analysis) -> list[str]:
    """Each sentence's place in the story: "headline" (the title's paragraph, when the document has
    a title), "lead" (the two paragraphs after it, or the first two without a title) or "body"."""
    sentences = analysis.sentences
    if not sentences:
        return []
    headline = sentences[0].paragraph if analysis.document.title else None
    last_lead = (headline if headline is not None else -1) + 2
    return [
        "headline" if s.paragraph == headline else "lead" if s.paragraph <= last_lead else "body"
        for s in sentences
    ]


def analyse(analysis: Analysis, lex: Lexicon, model: SentimentModel | None) -> list[Sentiment]:
    from .document import document_sentiment  # the document reads the entity evidence

    scorer = Scorer(analysis, lex, model)
    out = [_single("sentence", str(s.index), scorer.sentence(s.index)) for s in analysis.sentences]
    for entity in analysis.entities:
        if entity.type in ("media", "place"):
            continue
        tally = scorer.entity_tally(entity)
        if tally.weight:
            out.append(tally.record("entity", entity.id))
    out.append(document_sentiment(scorer))
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
