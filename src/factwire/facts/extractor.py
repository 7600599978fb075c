"""Turn quantities into facts: entity · metric · value · unit · period · segment · product.

Find, then resolve: every number of a sentence is a ``Candidate``; the named rules of
``facts/rules.py`` run over the sentence's candidates in order, each returning new ones; the
candidates that end with a metric become facts. Then two passes over the whole story: an
analysts' estimate compared with an adjusted figure is adjusted too, and exact repeats go.
See docs/facts.md for each rule.
"""

from __future__ import annotations

import re
from datetime import timedelta

from ..models import Analysis, Evidence, Fact, Period
from ..periods.value import PeriodValue
from .candidate import CLAUSE_BREAK, Candidate, Scope, State, Story, build_story
from .metric_name import MetricName
from .rules import RULES, bind_periods, is_basis, unit_class
from .vocabulary import Vocabulary


def extract_facts(analysis: Analysis, vocab: Vocabulary, fiscal_ends: dict[str, int] | None = None) -> list[Fact]:
    story = build_story(analysis, vocab, fiscal_ends or {})
    text = story.text
    by_sentence_q: dict[int, list[int]] = {}
    for i, q in enumerate(analysis.quantities):
        by_sentence_q.setdefault(q.sentence, []).append(i)
    by_sentence_p: dict[int, list[Period]] = {}
    for p in analysis.periods:
        by_sentence_p.setdefault(p.sentence, []).append(p)
    state = State(entity=story.subject)
    facts: list[Fact] = []
    for sentence in analysis.sentences:
        q_indexes = by_sentence_q.get(sentence.index, [])
        periods = by_sentence_p.get(sentence.index, [])
        if q_indexes:
            scope = _scope(story, sentence, [(i, analysis.quantities[i]) for i in q_indexes], periods)
            cands = [
                Candidate(index=i, q=q, clause=scope.clause_of(q.start), unit_class=unit_class(q, vocab),
                          value=q.value, value_max=q.value_max)
                for i, q in scope.quantities
            ]
            for _name, rule in RULES:
                cands = rule(cands, scope, story, state)
            facts += [
                _fact(c.with_(periods=(period,)), sentence, text)
                for c in cands if c.metric is not None and c.unit_class != "duration"
                for period in (c.periods or (None,))
            ]
            _carry_period(scope, cands, state, text, story.day)
        elif periods:
            _carry_period(_scope(story, sentence, [], periods), [], state, text, story.day)
    headline = 0 if analysis.document.title and analysis.sentences else None
    facts = [f for f in facts if f.entity_id is not None]  # a number nobody owns is no fact
    if not _business(story):
        return []
    return _dedupe(_restated_headline(_estimates_follow_adjusted(facts), _headlines(analysis)), headline)


def _business(story: Story) -> bool:
    """Company news: a company, index, commodity or currency among the story's subjects (in its
    headline or lead). General news (politics, crime, science) gives no company facts."""
    return any(
        e.type in ("company", "index", "commodity", "currency") and e.relevance >= 15 and e.id not in story.reporters
        for e in story.analysis.entities
    )


def _restated_headline(facts: list[Fact], headlines: set[int]) -> list[Fact]:
    """A headline (or a subheading in title case) restates the story: a figure it gives that the
    body gives too is the body's."""
    if not headlines:
        return facts
    body = {(MetricName.parse(f.metric).base, round(f.value, 6)) for f in facts if f.evidence.sentence not in headlines}
    return [
        f for f in facts
        if f.evidence.sentence not in headlines or (MetricName.parse(f.metric).base, round(f.value, 6)) not in body
    ]


def _headlines(analysis: Analysis) -> set[int]:
    """The headline and the subheadings: sentences in title case."""
    text = analysis.document.text
    out = {0} if analysis.document.title and analysis.sentences else set()
    for s in analysis.sentences:
        words = [w for w in text[s.start : s.end].split() if w[:1].isalpha()]
        if len(words) >= 4 and sum(w[:1].isupper() for w in words) > 0.75 * len(words):
            out.add(s.index)
    return out


def _scope(story: Story, sentence, quantities, periods: list[Period]) -> Scope:
    text = story.text
    cuts = [sentence.start]
    for m in CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        cuts.append(m.end())
    cuts.append(sentence.end)
    clauses = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    bound = bind_periods(text, quantities, periods)
    taken = {(p.start, p.end) for ps in bound.values() for p in ps}
    bases = [p for p in periods if is_basis(text, p, sentence.start)]
    free = [p for p in periods if not any(s <= p.start and p.end <= e for s, e in taken) and p not in bases]
    return Scope(
        sentence=sentence,
        clauses=clauses,
        aliases=story.vocab.aliases_in(text, sentence.start, sentence.end),
        owners=story.owners_between(sentence.start, sentence.end),
        periods=periods,
        bound=bound,
        bases=bases,
        free=free,
        quantities=quantities,
        text=text,
    )


# "in the same quarter last year Apple sold 61.2 million": a period to compare with, not one to carry on
_COMPARISON_PERIOD = re.compile(
    r"\bsame\s+(?:period|quarter|month|half)|\ba\s+year\s+(?:ago|earlier)|\bprevious\b", re.I
)


def _ahead(p: Period, day) -> bool:
    value = PeriodValue.maybe(p.value)
    return day is not None and value is not None and value.last > day + timedelta(days=7)


def _carry_period(scope: Scope, cands: list[Candidate], state: State, text: str, story_day=None) -> None:
    """The period later sentences inherit: the sentence's own quarter, month or half (free, or
    of a number that is not a comparison basis); a year only when nothing finer is given."""
    basis_q = {c.index for c in cands if c.basis}
    owner_of = {(p.start, p.end): qi for qi, ps in scope.bound.items() for p in ps}
    usable = [
        p for p in scope.periods
        if p.kind != "day" and p not in scope.bases and owner_of.get((p.start, p.end)) not in basis_q
        and not _ahead(p, story_day) and not _COMPARISON_PERIOD.search(p.surface)
    ]
    finer = [p for p in usable if p.kind != "year"]
    free_finer = [p for p in finer if (p.start, p.end) not in owner_of]
    for group in (free_finer, finer, usable):
        if group:
            state.period, state.fiscal = group[0].value, group[0].fiscal
            return


def _fact(c: Candidate, sentence, text: str) -> Fact:
    assert c.metric is not None
    confidence = 0.4 + 0.2 * c.named + 0.2 * (c.owner is not None) + 0.2 * c.period_stated
    return Fact(
        entity_id=c.entity_id,
        metric=str(c.metric),
        value=c.value,
        value_max=c.value_max,
        unit=c.q.unit,
        precision=c.q.precision,
        period=c.periods[0] if c.periods else None,
        segment=c.segment,
        product=c.product,
        comparison=c.comparison or ({"growth_yoy": "yoy", "growth_qoq": "qoq"}.get(c.metric.change or "")),
        qualifier=c.q.qualifier,
        confidence=round(min(confidence, 1.0), 2),
        quantity=c.index,
        evidence=Evidence(sentence=sentence.index, start=sentence.start, end=sentence.end,
                          text=text[sentence.start : sentence.end]),
    )


def _estimates_follow_adjusted(facts: list[Fact]) -> list[Fact]:
    """Analysts' estimates are of the figure the story compares them with: when the story's
    reported figure of that metric and period is adjusted (and no plain one is given), so is the
    estimate ("Excluding items, it earned $1.16 per share. Analysts had expected $1.09")."""
    reported: dict[tuple, set[bool]] = {}
    for f in facts:
        name = MetricName.parse(f.metric)
        if name.outlook is None and name.change is None:
            reported.setdefault((f.entity_id, name.base, f.period), set()).add(name.adjusted)
    out = []
    for f in facts:
        name = MetricName.parse(f.metric)
        kinds = reported.get((f.entity_id, name.base, f.period), set())
        if name.outlook == "estimate" and not name.adjusted and True in kinds:
            f = f.model_copy(update={"metric": str(name.with_(adjusted=True))})
        out.append(f)
    return out


def _dedupe(facts: list[Fact], headline: int | None = None) -> list[Fact]:
    """Keep one of each fact, the body's telling rather than the headline's; a headline's undated
    copy of a dated fact goes."""
    dated = {(f.entity_id, f.metric, f.value) for f in facts if f.period}
    kept: dict[tuple, int] = {}
    out: list[Fact] = []
    for f in facts:
        key = (f.entity_id, f.metric, f.value, f.value_max, f.unit, f.period)
        if f.period is None and key[:3] in dated:
            continue
        if key in kept:
            i = kept[key]
            if headline is not None and out[i].evidence.sentence == headline and f.evidence.sentence != headline:
                out[i] = f  # the body says it with its qualifiers
            continue
        kept[key] = len(out)
        out.append(f)
    return out
