"""Facts from Chinese sentences: find, then resolve, with the named rules of ``facts/rules_zh.py``.

Every number of a Chinese sentence is a ``Candidate`` (the same value as the English extractor's);
the rules run over the sentence's candidates in order, each returning new ones; those that end
with a metric and an owner become facts. Chinese names the period first ("2017年营收…"), puts the
company before what it did ("蓉胜超微持股30%"), lists with 分别 ("分别为1406万、-1161万"), and
tells a forecast by 预计/业绩预告; docs/chinese.md lists the rules with examples.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..models import Analysis, Evidence, Fact, Period, Quantity, Sentence
from .candidate import OWNER_RANK, Candidate, Owner
from .vocabulary import AliasMatch
from .vocabulary_zh import ZhVocabulary

CLAUSE_END = re.compile(r"[，,；;：:]")
_REPORTERS = re.compile(r"Wind|万得|同花顺|东方财富Choice|Choice|新华社|证券时报|澎湃新闻|CNBC")


@dataclass
class ZhStory:
    """What the rules need to know about the whole story, computed once."""

    analysis: Analysis
    zh: ZhVocabulary
    text: str
    owners: list[Owner]
    owner_starts: list[int]
    subject: str | None
    published: date | None
    types: dict[str, str]
    currency: str = "CNY"  # what amounts without a unit are in, unless the paragraph says otherwise

    @property
    def vocab(self):
        return self.zh.vocab

    def owners_between(self, start: int, end: int) -> list[Owner]:
        i = bisect_left(self.owner_starts, start)
        out = []
        while i < len(self.owners) and self.owners[i].start < end:
            out.append(self.owners[i])
            i += 1
        return out

    def market_day(self, entity: str | None = None) -> date | None:
        """The trading day of the story: its date, or the Friday before a weekend; for a market
        that trades while China sleeps (New York), the trading day before."""
        if self.published is None:
            return None
        day = self.published
        if entity in self.zh.overnight:
            day -= timedelta(days=1)
        return day - timedelta(days={5: 1, 6: 2}.get(day.weekday(), 0))


@dataclass
class ZhScope:
    """One sentence, with what the rules look up in it."""

    sentence: Sentence
    clauses: list[tuple[int, int]]
    aliases: list[AliasMatch]
    owners: list[Owner]
    periods: list[Period]
    quantities: list[tuple[int, Quantity]]
    text: str

    def clause_of(self, pos: int) -> tuple[int, int]:
        return next((c for c in self.clauses if c[0] <= pos < c[1]), self.clauses[-1])


@dataclass
class ZhState:
    """What carries from one sentence to the next within a paragraph."""

    paragraph: int = -1
    entity: str | None = None
    alias: AliasMatch | None = None
    flow_period: str | None = None
    flow_paragraph: int = -1
    event_period: str | None = None
    event_paragraph: int = -1
    dated: list[str] = field(default_factory=list)
    guidance: bool = False  # the last sentence, ended by "；", was a forecast or commitment
    listed_metrics: list[AliasMatch] = field(default_factory=list)  # metric words listed with 分别
    segment: str | None = None  # the business segment named last ("智能电动汽车及AI等创新业务分部")
    segment_entity: str | None = None
    segment_sentence: int = -2  # the last sentence that spoke of the segment
    clause_continues: bool = False  # the last sentence ended with "；": this one goes on with it


def build_zh_story(analysis: Analysis, zh: ZhVocabulary) -> ZhStory:
    reporters = {e.id for e in analysis.entities if e.type == "media" or _REPORTERS.search(e.name)}
    owners = sorted(
        (Owner(e.id, e.type, e.parent, m.start, m.end)
         for e in analysis.entities if e.type in OWNER_RANK and e.id not in reporters
         for m in e.mentions if m.via != "ticker"),  # "(600401)" is a name's code, not another owner
        key=lambda o: o.start,
    )
    return ZhStory(
        analysis=analysis,
        zh=zh,
        text=analysis.document.text,
        owners=owners,
        owner_starts=[o.start for o in owners],
        subject=_subject(analysis, reporters),
        published=analysis.document.published_at,
        types={e.id: e.type for e in analysis.entities},
    )


def _subject(analysis: Analysis, reporters: set[str]) -> str | None:
    for kinds in (("company",), ("index", "person", "organisation")):
        ranked = [e for e in analysis.entities if e.type in kinds and e.id not in reporters]
        if ranked:
            return max(ranked, key=lambda e: e.relevance).id
    return None


def extract_facts_zh(analysis: Analysis, zh: ZhVocabulary) -> list[Fact]:
    """The facts of the story's Chinese sentences."""
    from .rules_zh import RULES

    story = build_zh_story(analysis, zh)
    text = story.text
    by_q: dict[int, list[int]] = {}
    for i, q in enumerate(analysis.quantities):
        by_q.setdefault(q.sentence, []).append(i)
    by_p: dict[int, list[Period]] = {}
    for p in analysis.periods:
        by_p.setdefault(p.sentence, []).append(p)
    state = ZhState()
    facts: list[Fact] = []
    title = analysis.sentences[0].paragraph if analysis.document.body_offset and analysis.sentences else None
    for sentence in analysis.sentences:
        if sentence.language != "zh" or sentence.paragraph == title:
            continue  # a title given apart repeats the story; its figures are the body's
        if sentence.paragraph != state.paragraph:
            recent = state.event_paragraph >= sentence.paragraph - 1  # the paragraph before at most
            state = ZhState(paragraph=sentence.paragraph, flow_period=state.flow_period,
                            flow_paragraph=state.flow_paragraph, event_period=state.event_period if recent else None,
                            event_paragraph=state.event_paragraph, segment=state.segment,
                            segment_entity=state.segment_entity)
        scope = _scope(story, sentence, [(i, analysis.quantities[i]) for i in by_q.get(sentence.index, [])],
                       by_p.get(sentence.index, []))
        cands = [Candidate(index=i, q=q, clause=scope.clause_of(q.start), unit_class=unit_class(q),
                           value=q.value, value_max=q.value_max) for i, q in scope.quantities]
        for _name, rule in RULES:
            cands = rule(cands, scope, story, state)
        clause_end = text[sentence.end - 1 : sentence.end] in "；;"
        state.clause_continues = clause_end
        cue = bool(story.vocab.guidance_cues.search(text, sentence.start, sentence.end))
        state.guidance = clause_end and (cue or state.guidance)
        facts += [_fact(c, period, sentence, text) for c in cands
                  if c.metric is not None and c.entity_id is not None and not _undated_flow(c, zh)
                  for period in (c.periods or (None,))]
        _remember(scope, state, text)
    return _dedupe(facts)


_MARKET_FLOWS = {"trading_value", "trading_volume"}


def _undated_flow(c, zh: ZhVocabulary) -> bool:
    """A result with no period at all ("业绩暴跌九成"): a figure no table can hold."""
    spec = zh.vocab.metrics[c.metric.base]
    return spec.kind == "flow" and c.metric.base not in _MARKET_FLOWS and not any(c.periods)


def _scope(
    story: ZhStory, sentence: Sentence, quantities: list[tuple[int, Quantity]], periods: list[Period]
) -> ZhScope:
    text = story.text
    cuts = [sentence.start] + [m.end() for m in CLAUSE_END.finditer(text, sentence.start, sentence.end)]
    cuts.append(sentence.end)
    clauses = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i] < cuts[i + 1]] or [
        (sentence.start, sentence.end)
    ]
    return ZhScope(
        sentence=sentence,
        clauses=clauses,
        aliases=story.vocab.aliases_in(text, sentence.start, sentence.end),
        owners=story.owners_between(sentence.start, sentence.end),
        periods=periods,
        quantities=quantities,
        text=text,
    )


def _remember(scope: ZhScope, state: ZhState, text: str) -> None:
    """The periods later sentences of the paragraph inherit."""
    for p in scope.periods:
        if not sentence_time(p, scope.sentence, text):
            continue
        months = p.kind == "range" and re.fullmatch(r"\d{4}-\d\d/\d{4}-\d\d", p.value)
        if p.kind in ("year", "half", "quarter") or months:
            state.flow_period, state.flow_paragraph = p.value, scope.sentence.paragraph
        if p.kind in ("day", "month"):
            state.event_period, state.event_paragraph = p.value, scope.sentence.paragraph


_MODIFIER = re.compile(r"[^，。；：,;:]{0,8}?(?:的(?!净利|营收|收入|股)|后(?=，|,)|以后|之后|之前|以前)")


def sentence_time(p: Period, sentence: Sentence, text: str) -> bool:
    """Whether a period is the time of the sentence's figures: not a modifier of a noun ("2008年计提
    的存货跌价") nor the start of a clause of time ("2015年定增获批后，"), nor a comparison basis."""
    before = text[max(sentence.start, p.start - 4) : p.start]
    if re.search(r"(?:较|相比|比|同比|相较于?|与)\s*$", before):
        return False
    if p.kind in ("day", "month"):
        return True  # "12月26日的收盘价": a date is the time of what it modifies
    m = _MODIFIER.match(text, p.end, sentence.end)
    return m is None or bool(re.search(r"\d", m.group(0)))


_NOT_COUNTS = {"day", "week", "month", "year", "quarter", "hour", "minute", "second", "time", "round", "item",
               "stock", "company", "lot", "household", "transaction", "model", "year_of_age"}


def unit_class(q: Quantity) -> str:
    if q.unit is None:
        return "count"
    if q.unit in _NOT_COUNTS:
        return "duration"
    if q.unit in ("percent", "percentage_point", "point", "ratio", "rank"):
        return q.unit
    if len(q.unit) == 3 and q.unit.isupper():
        return "currency"
    if q.unit in ("share", "vehicle", "unit", "aircraft", "employee", "follower", "store", "person", "accident"):
        return "count"
    return q.unit


def _fact(c: Candidate, period: str | None, sentence: Sentence, text: str) -> Fact:
    assert c.metric is not None
    confidence = 0.4 + 0.2 * c.named + 0.2 * (c.owner is not None) + 0.2 * c.period_stated
    return Fact(
        entity_id=c.entity_id,
        metric=str(c.metric),
        value=c.value,
        value_max=c.value_max,
        unit=c.q.unit,
        precision=c.q.precision,
        period=period,
        segment=c.segment,
        product=c.product,
        comparison=c.comparison or c.metric.basis,
        qualifier=c.q.qualifier,
        confidence=round(min(confidence, 1.0), 2),
        quantity=c.index,
        evidence=Evidence(sentence=sentence.index, start=sentence.start, end=sentence.end,
                          text=text[sentence.start : sentence.end]),
    )


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.entity_id, f.metric, f.value, f.value_max, f.unit, f.period)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
