"""The values the fact rules pass along: a candidate fact per number, the story, the sentence.

Rules (``facts/rules.py``) take a sentence's candidates and return new ones; nothing else is
shared between them but the story (read once) and a small state carried from sentence to
sentence (the entity, metric, period and segment in play).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from ..models import Analysis, Entity, Period, Quantity, Sentence
from ..periods.value import PeriodValue
from .deals import deal_buyers
from .metric_name import MetricName
from .vocabulary import AliasMatch, Vocabulary

# entity types that can own a number, best first
OWNER_RANK = {"company": 0, "product": 0, "index": 1, "commodity": 1, "currency": 1, "person": 2,
              "organisation": 3, "platform": 4, "media": 5}
CLAUSE_BREAK = re.compile(
    r";|,\s+(?:while|whereas|but|although|compared\s+with|compared\s+to|sending|pushing|driving|helping|making|"
    r"which|after|as)\s+|\s+while\s+"
)
# data providers and news agencies report numbers; they do not own them
_REPORTERS = re.compile(r"I/B/E/S|FactSet|StreetAccount|Thomson Reuters|Refinitiv|Bloomberg|Reuters|StarMine", re.I)


@dataclass(frozen=True)
class Owner:
    """An entity mention that may own a number."""

    entity_id: str
    type: str
    parent: str | None
    start: int
    end: int

    def company(self) -> tuple[str, str | None]:
        """(entity, product): a product stands for its company."""
        if self.type == "product" and self.parent:
            return self.parent, self.entity_id
        return self.entity_id, None


@dataclass(frozen=True)
class Candidate:
    """One number on its way to becoming a fact; rules return changed copies."""

    index: int  # into analysis.quantities
    q: Quantity
    clause: tuple[int, int]
    unit_class: str
    value: float
    value_max: float | None
    metric: MetricName | None = None
    alias: AliasMatch | None = None
    named: bool = False  # the metric is named in the sentence (not carried over)
    basis: str | None = None  # "yoy", "qoq" or "previous": the number is what another is compared with
    owner: Owner | None = None
    entity_id: str | None = None
    product: str | None = None
    segment: str | None = None
    comparison: str | None = None
    periods: tuple[str | None, ...] = ()
    period_stated: bool = False
    fiscal: str | None = None  # fiscal label of the period it was given ("Q3", "FY")

    def with_(self, **changes: object) -> Candidate:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass
class State:
    """What carries from one sentence to the next."""

    entity: str | None = None
    entity_paragraph: int = -1
    period: str | None = None
    fiscal: str | None = None
    segment: str | None = None
    segment_entity: str | None = None
    segment_paragraph: int = -1
    aliases: list[AliasMatch] = field(default_factory=list)
    aliases_paragraph: int = -1
    resp_metrics: list[str] = field(default_factory=list)


@dataclass
class Story:
    """What the rules need to know about the whole document, computed once."""

    analysis: Analysis
    vocab: Vocabulary
    text: str
    owners: list[Owner]
    owner_starts: list[int]
    subject: str | None
    published: date | None
    day: date | None  # the story's day: when its main news happened
    reporting: Period | None  # the period the story reports on, when it names one
    count_unit: str  # what the story counts: "vehicle", "aircraft", else "unit"
    fiscal_ends: dict[str, int]  # entity id -> month its fiscal year ends in (not December)
    types: dict[str, str]
    reporters: set[str]
    buyers: dict[str, str] = field(default_factory=dict)  # company bought -> its buyer
    bare_profit: str = "net_income"  # what a bare "profit" is in this story

    def owners_between(self, start: int, end: int) -> list[Owner]:
        i = bisect_left(self.owner_starts, start)
        out = []
        while i < len(self.owners) and self.owners[i].start < end:
            out.append(self.owners[i])
            i += 1
        return out

    def market_day(self) -> date | None:
        """The trading day of the story: its day, or the Friday before a weekend."""
        if self.day is None:
            return None
        back = {5: 1, 6: 2}.get(self.day.weekday(), 0)
        return self.day - timedelta(days=back)


@dataclass
class Scope:
    """One sentence, with what the rules look up in it."""

    sentence: Sentence
    clauses: list[tuple[int, int]]
    aliases: list[AliasMatch]
    owners: list[Owner]
    periods: list[Period]
    bound: dict[int, list[Period]]  # quantity index -> periods written right after it
    bases: list[Period]  # periods a number is compared with ("from 7.2% in Q3 2024")
    free: list[Period]  # periods not bound to a number and not a basis
    quantities: list[tuple[int, Quantity]]
    text: str = ""  # the document's text

    def clause_of(self, pos: int) -> tuple[int, int]:
        return next((c for c in self.clauses if c[0] <= pos < c[1]), self.clauses[-1])


def build_story(analysis: Analysis, vocab: Vocabulary, fiscal_ends: dict[str, int]) -> Story:
    text = analysis.document.text
    owners = sorted(
        (
            Owner(e.id, e.type, e.parent, m.start, m.end)
            for e in analysis.entities
            for m in e.mentions
            if e.type in OWNER_RANK
        ),
        key=lambda o: o.start,
    )
    reporters = {e.id for e in analysis.entities if _reporter(e)}
    amounts = sorted((q.start, q.end) for q in analysis.quantities)
    # "1.10 billion euros": a currency named as the unit of an amount does not own it
    owners = [o for o in owners if o.entity_id not in reporters and not _in_amount(o, amounts)]
    subject = _subject(analysis.entities, reporters)
    published = analysis.document.published_at
    return Story(
        analysis=analysis,
        vocab=vocab,
        text=text,
        owners=owners,
        owner_starts=[o.start for o in owners],
        subject=subject,
        published=published,
        day=_story_day(analysis, published),
        reporting=_reporting_period(analysis, _story_day(analysis, published)),
        count_unit=_count_unit(analysis),
        fiscal_ends=fiscal_ends,
        types={e.id: e.type for e in analysis.entities},
        reporters=reporters,
        buyers=deal_buyers(text, [(s.start, s.end) for s in analysis.sentences], owners),
        bare_profit=_bare_profit(analysis),
    )


def _bare_profit(analysis: Analysis) -> str:
    """A bare "profit" is net income, unless the story leads on operating profit and never says
    net: then it is the operating profit again ("second-quarter operating profit likely at a
    two-year high ... April-June profit was likely 585 billion won")."""
    text = analysis.document.text
    lead = [s for s in analysis.sentences if s.start < analysis.document.body_offset or s.index < 3]
    end = lead[-1].end if lead else 0
    if re.search(r"\boperating\s+(?:profit|income|loss)", text[:end], re.I) and not re.search(
        r"\bnet\s+(?:profit|income|loss|earnings)|\bnet\b", text, re.I
    ):
        return "operating_income"
    return "net_income"


def _in_amount(o: Owner, amounts: list[tuple[int, int]]) -> bool:
    if o.type != "currency":
        return False
    i = bisect_left(amounts, (o.start + 1, 0)) - 1
    return i >= 0 and amounts[i][0] <= o.start and o.end <= amounts[i][1]


def _reporter(e: Entity) -> bool:
    return e.type == "media" or bool(_REPORTERS.search(e.name))


def _subject(entities: list[Entity], reporters: set[str]) -> str | None:
    """The story's main company (or person): the most relevant one."""
    for kinds in (("company",), ("person", "organisation", "index", "commodity")):
        ranked = [e for e in entities if e.type in kinds and e.id not in reporters]
        if ranked:
            top = max(ranked, key=lambda e: e.relevance)
            return top.parent if top.type == "product" and top.parent else top.id
    return None


_SAID_ON = re.compile(r"\b(?:said|says|reported|announced|posted|told|disclosed|filed)\b[^.]{0,60}$", re.I)


_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day", re.I)
_AHEAD = re.compile(r"\b(?:will|next|expected|due|plans?|until|by|starting|from)\b", re.I)


def _story_day(analysis: Analysis, published: date | None) -> date | None:
    """The day of the story's main news: a day named in the lead ("said on Tuesday"), else the
    publication date."""
    body = [s for s in analysis.sentences if s.start >= analysis.document.body_offset][:2]
    text = analysis.document.text
    for s in body:
        for p in analysis.periods:
            if p.sentence == s.index and p.kind == "day":
                day = PeriodValue.maybe(p.value)
                said = (
                    _SAID_ON.search(text, s.start, p.start)
                    or re.search(r"\bon\s*$", text[s.start : p.start])
                    # "lost almost half his fortune on paper Friday": a weekday the lead tells of
                    or (_WEEKDAY.fullmatch(p.surface) and not _AHEAD.search(text, s.start, s.end))
                )
                if day and said and published and timedelta(0) <= published - day.first <= timedelta(days=7):
                    return day.first
    return published


def _reporting_period(analysis: Analysis, day: date | None) -> Period | None:
    """The quarter (else half) the story first names that is over by the story's day and is not a
    comparison: what a results story reports on."""
    text = analysis.document.text
    for kind in ("quarter", "half"):
        for p in analysis.periods:
            before = text[max(0, p.start - 30) : p.start]
            value = PeriodValue.maybe(p.value)
            ahead = day is not None and value is not None and value.last > day + timedelta(days=7)
            if p.kind == kind and not ahead and not re.search(
                r"\b(?:from|than|compared\s+with|versus|since)\s+(?:the\s+)?$", before
            ):
                return p
    return None


def _count_unit(analysis: Analysis) -> str:
    counts: dict[str, int] = {}
    for q in analysis.quantities:
        if q.unit in ("vehicle", "aircraft"):
            counts[q.unit] = counts.get(q.unit, 0) + 1
    text = analysis.document.text
    if not counts:
        if re.search(r"\b(?:cars|vehicles|carmaker|automaker|SUVs)\b", text):
            return "vehicle"
        if re.search(r"\b(?:planes|jets|aircraft|airliners|planemaker)\b", text):
            return "aircraft"
        return "unit"
    return max(counts, key=lambda k: counts[k])
