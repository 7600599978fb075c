"""The named rules that turn a sentence's numbers into facts, in the order they run.

Each rule takes the sentence's candidates and returns new ones (``Rule``); each is documented
here and tested alone in ``tests/facts/test_rules.py``. ``extractor.py`` runs them in order.

1. ``name_metric``      what the number measures: a counted noun, a metric word, an owner's type
2. ``respectively``     "X and Y delivered A and B, respectively"
3. ``carry_metric``     "Xiaomi shares fell 4.5%. BYD shed 2.1%.": the paragraph's last metric
4. ``comparisons``      "beating the estimate of $2.09": the metric of the figure compared with
5. ``per_share``        "earned $2.35 per share" is eps
6. ``movement``         "fell 4.6 percent": a growth (year on year unless said) or a change
7. ``basis``            "from $22.6 million a year earlier": the figure compared with
8. ``outlook``          analysts' estimates and the company's own guidance
9. ``adjusted``         "excluding items": non-GAAP
10. ``owner``           whose number it is
11. ``owner_metric``    a bare number of an index, commodity or currency
12. ``timing``          the period
13. ``future_flow``     a flow of a period not yet over is a forecast
14. ``canonical_unit``  deliveries in `vehicle`, job cuts in `job`
15. ``segment_product`` the business segment and product
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from ..models import Period, Quantity
from ..periods.value import PeriodValue, previous
from .candidate import OWNER_RANK, Candidate, Owner, Scope, State, Story
from .deals import buyer_of
from .metric_name import MetricName
from .vocabulary import AliasMatch, Vocabulary

Rule = Callable[[list[Candidate], Scope, Story, State], list[Candidate]]

# Counted nouns that are spans of time or scores, never a metric's count ("in 30 days").
_NOT_COUNTS = {"day", "week", "month", "year", "hour", "minute", "second", "time", "star", "percentage",
               "year_of_age", "country", "city", "model", "brand", "company", "patent", "vote"}


def unit_class(q: Quantity, vocab: Vocabulary) -> str:
    if q.unit is None:
        return "count"
    if q.unit in _NOT_COUNTS:
        return "duration"
    if q.unit in ("percent", "percentage_point", "rank", "basis_point", "point"):
        return "percentage_point" if q.unit == "basis_point" else q.unit
    if len(q.unit) == 3 and q.unit.isupper():
        return "currency"
    return q.unit if any(q.unit in m.units for m in vocab.metrics.values()) else "count"


# what a count metric may count: a count of people is never a count of cars
_GENERIC_COUNTS = {None, "unit", "vehicle", "aircraft", "delivery", "order", "shipment", "barrel", "tonne", "ounce"}
_COMPATIBLE = {
    "employee": {"employee", "person", "job"}, "job": {"job", "employee", "person"}, "person": {"person"},
    "subscriber": {"subscriber", "customer", "user", "member"}, "user": {"user", "subscriber", "member"},
    "customer": {"customer", "subscriber", "client", "user"}, "follower": {"follower"}, "store": {"store"},
    "share": {"share"}, "accident": {"accident"},
}


def fits(metric: str, unit_class: str, vocab: Vocabulary, count_unit: str | None = None) -> bool:
    spec = vocab.metrics[metric]
    units = spec.units
    if unit_class == "percentage_point":
        return "percent" in units  # a difference of a percentage is in points
    if unit_class not in units:
        return False
    if unit_class != "count" or count_unit is None:
        return True
    if spec.unit is None:
        return True  # a metric that names no unit counts whatever the story counts
    if spec.unit == "from_story":
        return count_unit in _GENERIC_COUNTS
    if spec.unit in ("job", "employee", "person") and re.fullmatch(r"[a-z]+(?:er|or|ist|ian|ant|ent)", count_unit):
        return True  # "hire 1,000 engineers", "lay off 200 technicians": people counted by their work
    return count_unit in _COMPATIBLE.get(spec.unit, {spec.unit})


# -- 1. name_metric ---------------------------------------------------------------------------

_ALIAS_WINDOW = 120  # characters: a metric word further back is another number's


def name_metric(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """A counted noun that names a metric decides it ("740,000 followers", "2,500 jobs" with a
    cut); else the nearest metric word of the number's clause whose units fit, before the number
    rather than after it; a percentage change may name any metric that can grow or change."""
    cands = _implied_currency(cands, scope, story)
    verbs = {a.start: True for a in scope.aliases if any(_is_direction(a, other, story.text) for other in cands)}
    for a in scope.aliases:
        if any(o.start <= a.start < o.end for o in scope.owners):
            verbs[a.start] = True  # "Wal-Mart Stores": part of a name
        if re.search(r"\bin\s+$", story.text[max(0, a.start - 4) : a.start]) and a.metric in ("cash", "stock_price"):
            verbs[a.start] = True  # "for $663 million in cash": how it is paid
        if _MARKET_WIDE.match(story.text, a.end):
            verbs[a.start] = True  # "Turnover on the main board": the market's, not a company's
    out = []
    for c in cands:
        if c.unit_class == "duration":
            out.append(c)
            continue
        digits = re.search(r"\d[\d.,]*", c.q.surface)
        d_start = c.q.start + (digits.start() if digits else 0)
        d_end = c.q.start + (digits.end() if digits else len(c.q.surface))
        if any(o.start < d_end and d_start < o.end for o in scope.owners):
            out.append(c.with_(unit_class="duration"))  # "S&P 500", "STOXX Europe 600": part of a name
            continue
        window = (max(scope.sentence.start, c.q.start - 80), c.q.end + 40)
        cut = "job_cuts" in story.vocab.metrics and _WORKFORCE_CUT.search(story.text, *window)
        if c.unit_class == "percent" and cut:
            # "cut about 15 percent of its workforce", "reduce its workforce by 10%"
            out.append(c.with_(metric=MetricName("job_cuts"), named=True, q=c.q.model_copy(update={"change": "="})))
            continue
        if c.unit_class == "count" and re.search(r"\b[Tt]he\s+$", story.text[max(0, c.q.start - 5) : c.q.start]):
            out.append(c.with_(unit_class="duration"))  # "the two traffic accidents": told before
            continue
        if _IMPACT_BEFORE.search(story.text, max(scope.sentence.start, c.q.start - 90), c.q.start):
            out.append(c.with_(unit_class="duration"))  # "cut its profit by $300 million": an effect, not a level
            continue
        noun = story.vocab.noun_metric.get(c.q.unit or "")
        if noun == "headcount" and _CUT_BEFORE.search(story.text, max(scope.sentence.start, c.q.start - 40), c.q.start):
            noun = "job_cuts"  # "laid off roughly 200 staff"
        if noun and fits(noun, c.unit_class, story.vocab):
            out.append(c.with_(metric=MetricName(noun), named=True))
            continue
        if re.match(r"\s+to\s+settle\b", story.text[c.q.end : c.q.end + 20]) and c.unit_class == "currency":
            out.append(c.with_(metric=MetricName("settlement"), named=True))
            continue
        best = _nearest_alias(c, [a for a in scope.aliases if not verbs.get(a.start)], scope, story.vocab)
        if best is not None:
            metric = best.metric
            if metric == "net_income" and story.bare_profit != metric and _bare_profit(best, story.text):
                metric = story.bare_profit  # the story calls this profit operating profit elsewhere
            out.append(c.with_(metric=MetricName(metric), alias=best, named=True))
        elif _company_move(c, out, scope, story):
            out.append(c.with_(metric=MetricName("stock_price"), named=True))
        else:
            out.append(c)
    return out


def _bare_profit(a: AliasMatch, text: str) -> bool:
    """"profit" or "loss" with no word before it that says which ("net", "operating", "pretax")."""
    word = text[a.start : a.end].lower()
    qualified = re.search(
        r"\b(?:net|operating|pretax|pre-tax|gross|core|attributable|recurring)\s+$",
        text[max(0, a.start - 20) : a.start],
        re.I,
    )
    return word in ("profit", "profits", "loss", "losses") and not qualified


def _implied_currency(cands: list[Candidate], scope: Scope, story: Story) -> list[Candidate]:
    """"The midpoint of that range, 6.85 billion, is below the 6.905 billion estimate": a number in
    millions or billions with no unit, in a story about amounts in one currency, is in it."""
    out = []
    for c in cands:
        if c.q.unit is None and re.search(r"\d\s*(?:million|billion|trillion|mln|bln|bn)\b", c.q.surface, re.I):
            before = [
                q for q in story.analysis.quantities
                if q.end <= c.q.start and q.unit and scope.sentence.start - 400 <= q.start
                and re.search(r"(?:million|billion|trillion|mln|bln|bn)\b", q.surface, re.I)
            ]
            if before and _iso(before[-1].unit or ""):
                q = c.q.model_copy(update={"unit": before[-1].unit})
                c = c.with_(q=q, unit_class="currency")
        out.append(c)
    return out


_MOVE_PRICE = re.compile(r"\s+(?:to|at)\s+$")


def _company_move(c: Candidate, earlier: list[Candidate], scope: Scope, story: Story) -> bool:
    """"Staples fell 1 percent to $8.20", "Lowe's was up 2.9 percent": a company that moves by a
    percentage with no metric named is its share price moving; the price after "to"/"at" is its level."""
    if c.unit_class == "percent" and c.q.change in ("up", "down"):
        lead = [o for o in scope.owners if c.clause[0] <= o.start < c.q.start]
        return bool(lead) and lead[-1].type == "company" and not re.search(
            r"\b(?:revenue|sales|profit|earnings|income|margin)\b", story.text[lead[-1].end : c.q.start], re.I
        )
    if c.unit_class == "currency" and earlier:
        prev = earlier[-1]
        return (prev.metric is not None and prev.metric.base == "stock_price" and prev.q.change in ("up", "down")
                and _MOVE_PRICE.fullmatch(story.text[prev.q.end : c.q.start]) is not None)
    return False


_CUT_BEFORE = re.compile(
    r"\b(?:cut|cuts|cutting|laid\s+off|lay\s+off|laying\s+off|eliminate|eliminating|shed|shedding|slash|slashing|axe|"
    r"axing|fire|fired|firing|dismiss|dismissed)\s+(?:about|around|roughly|some|nearly|almost|more\s+than|up\s+to)?\s*$",
    re.IGNORECASE,
)
_CHANGE_IN_AFTER = re.compile(
    r"\s*(?:rise|fall|drop|increase|decline|jump|gain|growth|slump|plunge|surge|decrease)\s+in\s+(?:its\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,3}?$",
    re.IGNORECASE,
)
_IMPACT_BEFORE = re.compile(
    r"\b(?:shav(?:e|ed|es|ing)(?:\s+off)?|knock(?:s|ed|ing)?(?:\s+off)?|reduc(?:e|ed|es|ing)|lower(?:s|ed|ing)?|hurt|"
    r"trim(?:s|med|ming)?|boost(?:s|ed|ing)?|weigh(?:s|ed)?\s+on|lift(?:s|ed)?|dent(?:s|ed)?)\b[^.;]{0,70}?\bby\s+"
    r"(?:about|around|roughly|nearly|some|more\s+than|over)?\s*$"
    r"|\b(?:shaved|knocked|wiped)\s+(?:off\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+)?$",
    re.IGNORECASE,
)
_OF_AFTER = re.compile(
    r"\s+(?:of|in|to)\s+(?:(?:new|its|the|annual|annualized|additional|total|operating|cost|\d+-year|\w+-year)\s+)*",
    re.IGNORECASE,
)
_WORKFORCE_CUT = re.compile(
    r"\b(?:cut|cuts|cutting|reduce|reduces|reducing|eliminate|eliminating|shed|shedding|slash|slashing|lay\s+off|"
    r"laying\s+off|trim|trimming)\s+(?:(?:its|their|the)\s+(?:workforce|staff|headcount|payroll|jobs)\s+by\s+"
    r"(?:about|around|roughly|some|nearly|almost)?\s*\d[\d.]*\s*(?:%|percent|per\s+cent)|"
    r"(?:about|around|roughly|some|nearly|almost)?\s*\d[\d.]*\s*(?:%|percent|per\s+cent)\s+(?:of\s+)?jobs\b|"
    r"(?:about|around|roughly|some|nearly|almost)?\s*\d[\d.]*\s*(?:%|percent|per\s+cent)\s+of\s+(?:its|their|the)\s+"
    r"(?:workforce|staff|employees|jobs|headcount))",
    re.IGNORECASE,
)


_MARKET_WIDE = re.compile(
    r"\s+(?:on|in|across)\s+(?:the\s+)?(?:main\s+board|market|markets|exchange|bourse|stock\s+market|"
    r"[A-Z][\w.]*\s+(?:exchange|bourse|market))\b",
)
_VERB_GAP = re.compile(
    r"\s+(?:by\s+)?(?:over|more\s+than|about|nearly|almost|around|some|roughly|as\s+much\s+as|up\s+to|just)?\s*"
)


def _is_direction(a: AliasMatch, c: Candidate, text: str) -> bool:
    """A metric word that is a number's own verb of change ("Li Auto lost 3.8%", "BYD shed
    2.1%") says it moved, not what moved."""
    moving = c.q.change in ("up", "down") and a.end <= c.q.start
    return moving and _VERB_GAP.fullmatch(text[a.end : c.q.start]) is not None


def _nearest_alias(c: Candidate, aliases: list[AliasMatch], scope: Scope, vocab: Vocabulary) -> AliasMatch | None:
    q = c.q
    best: tuple[float, AliasMatch] | None = None
    moving = q.change in ("up", "down") and c.unit_class in ("percent", "percentage_point")
    for a in aliases:
        spec = vocab.metrics[a.metric]
        if not (fits(a.metric, c.unit_class, vocab, q.unit) or (moving and (spec.growth or spec.kind == "level"))):
            continue
        in_clause = c.clause[0] <= a.start < c.clause[1]
        if a.end <= q.start:
            distance = q.start - a.end
            if distance > _ALIAS_WINDOW:
                distance += 100  # far back: another number's, unless nothing nearer names one
        elif a.start >= q.end:
            gap = scope.text[q.end : a.start]
            if _CHANGE_IN_AFTER.fullmatch(gap) or _OF_AFTER.fullmatch(gap):
                distance = 0  # "an 8.5 percent fall in fourth-quarter revenue", "$1 billion of bonds"
            else:
                # after the number only when its clause names nothing before it
                distance = (a.start - q.end) * 2 + 10 + 300
                if a.start - q.end > 40:
                    continue
        elif q.start < a.start and c.unit_class == "count":
            distance = 0  # the counted noun is the metric: "3,500 chargers"
        else:
            continue
        if not in_clause:
            distance += 200
        # a longer phrase at the same place is the better name ("operating profit" over "profit")
        distance -= (a.end - a.start) / 100
        if best is None or distance < best[0]:
            best = (distance, a)
    return best[1] if best else None


# -- 2. respectively --------------------------------------------------------------------------


def respectively(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """"XPeng and NIO delivered 42,013 and 40,397 vehicles, respectively": the n-th entity (and
    the n-th metric, when as many are listed) takes the n-th number."""
    text = story.text
    out = {c.index: c for c in cands}
    for clause_start, end in scope.clauses:
        if not re.search(r"\brespectively\b", text[clause_start:end]):
            continue
        listed = [c for c in cands if clause_start <= c.q.start < end and c.unit_class != "duration"]
        if len(listed) < 2:
            continue
        first = listed[0].q.start
        entities = _listed_owners(scope, clause_start, first)
        if not entities:
            # the names may stand before a relative clause: "X and Y, which ..., delivered A and B"
            entities = _listed_owners(scope, scope.sentence.start, first)
        metrics: list[str] = []
        for a in scope.aliases:
            fitting = fits(a.metric, listed[0].unit_class, story.vocab)
            if clause_start <= a.start < first and fitting and a.metric not in metrics:
                metrics.append(a.metric)
        if len(metrics) == len(listed):
            state.resp_metrics = metrics
        elif not metrics and len(state.resp_metrics) == len(listed):
            metrics = state.resp_metrics
        # numbers listed together share the period written after the last one
        last = listed[-1].index
        if last in scope.bound:
            for c in listed:
                scope.bound.setdefault(c.index, scope.bound[last])
        for n, c in enumerate(listed):
            changes: dict = {}
            if len(entities) == len(listed):
                changes["owner"] = entities[n]
            elif len(entities) == 1:
                changes["owner"] = entities[0]
            if len(metrics) == len(listed):
                changes["metric"] = MetricName(metrics[n])
                changes["named"] = True
            out[c.index] = c.with_(**changes)
    return [out[c.index] for c in cands]


def _listed_owners(scope: Scope, start: int, end: int) -> list[Owner]:
    out: list[Owner] = []
    for o in scope.owners:
        if start <= o.start < end and OWNER_RANK.get(o.type, 9) == 0 and o.entity_id not in {e.entity_id for e in out}:
            out.append(o)
    return out


# -- 3. carry_metric --------------------------------------------------------------------------


def carry_metric(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """A sentence that names no metric carries the one named last in its paragraph ("Xiaomi
    shares fell 4.5%. BYD shed 2.1% to HK$96.50.")."""
    carried = state.aliases[-1:] if state.aliases_paragraph == scope.sentence.paragraph else []
    used = [c.alias for c in cands if c.alias is not None]
    if used:
        state.aliases, state.aliases_paragraph = used, scope.sentence.paragraph
    if not carried:
        return cands
    out = []
    for c in cands:
        if c.metric is None and c.unit_class != "duration":
            a = carried[0]
            moving = c.q.change in ("up", "down") and c.unit_class == "percent"
            spec = story.vocab.metrics[a.metric]
            fitting = fits(a.metric, c.unit_class, story.vocab, c.q.unit)
            if fitting or (moving and (spec.growth or spec.kind == "level")):
                c = c.with_(metric=MetricName(a.metric), alias=None)
        out.append(c)
    return out


# -- 4. comparisons ---------------------------------------------------------------------------

_COMPARED_CUE = re.compile(
    r"\b(?:beating|beat|beats|topping|topped|missing|missed|misses|short\s+of|shy\s+of|below|above|"
    r"compared\s+(?:with|to)|versus|vs\.?|against|ahead\s+of|in\s+line\s+with|matching|exceeding)\b",
    re.IGNORECASE,
)


def comparisons(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """"earned $2.35 per share, beating the average analyst estimate of $2.09": a number that a
    comparison word puts against an earlier one, with no metric word of its own in between,
    measures the same thing (and, for a per-share figure, is per share too)."""
    out: list[Candidate] = []
    for c in cands:
        earlier = [o for o in out if o.metric is not None and o.q.end <= c.q.start and o.unit_class == c.unit_class]
        if earlier:
            prev = earlier[-1]
            gap = story.text[prev.q.end : c.q.start]
            own_alias = any(prev.q.end <= a.start and a.end <= c.q.start for a in scope.aliases)
            if _COMPARED_CUE.search(gap) and not own_alias:
                q = c.q if c.q.per or not prev.q.per else c.q.model_copy(update={"per": prev.q.per})
                c = c.with_(metric=prev.metric, alias=prev.alias, named=True, q=q)
        out.append(c)
    return out


# -- 5. per_share -----------------------------------------------------------------------------


def per_share(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """A money figure per share of a profit metric is earnings per share ("earned $2.35 per
    share", "net income of $4.46 billion, or $4.59 per share")."""
    out = []
    for c in cands:
        cents = re.search(r"\b(?:cents?|pence|p)\b", c.q.surface) is not None
        if c.metric is not None and (c.q.per == "share" or cents) and c.unit_class == "currency":
            spec = story.vocab.metrics.get(c.metric.base)
            if spec is not None and spec.per_share:
                c = c.with_(metric=c.metric.with_(base=spec.per_share))
        out.append(c)
    return out


# -- 6. movement ------------------------------------------------------------------------------


def movement(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """A number that goes up or down is a change: a percentage change of a metric that grows is
    its growth, year on year unless the text says quarter on quarter (a results story's bare "rose
    12 percent" is year on year); any other change is ``_change``. A fall is negative. "Rose
    220.44 points, or 1.38 percent": the second figure moved the same way."""
    text = story.text
    vocab = story.vocab
    out = []
    for i, c in enumerate(cands):
        prev = cands[i - 1] if i else None
        if prev is not None and c.q.change == "=" and prev.q.change in ("up", "down") and _SAME_MOVE.fullmatch(
            text[prev.q.end : c.q.start]
        ) and prev.unit_class in ("percent", "point") and c.unit_class in ("percent", "point"):
            c = c.with_(q=c.q.model_copy(update={"change": prev.q.change}))
        still = c.metric is None or c.q.change not in ("up", "down") or c.basis
        if still or vocab.metrics[c.metric.base].kind == "event":  # type: ignore[union-attr]
            out.append(_sign(c, vocab))  # "plans to cut 2,000 jobs": the cut is the event, not a change of it
            continue
        if c.unit_class == "percentage_point" and _THAN.match(text, c.q.end, scope.sentence.end):
            out.append(c)  # "5 percentage points higher than X": a difference, see ``owner``
            continue
        if c.unit_class == "percent" and _TRADING_AFTER.match(text, c.q.end) and c.metric.base not in _MARKET_METRICS:
            c = c.with_(metric=MetricName("stock_price"), alias=None)  # "fell 3 percent in extended trading"
        spec = vocab.metrics[c.metric.base]
        window = text[max(scope.sentence.start, c.q.start - 90) : min(scope.sentence.end, c.q.end + 90)]
        if c.unit_class in ("percent",) and spec.growth and spec.kind != "level":
            change = "growth_qoq" if vocab.qoq_cues.search(window) else "growth_yoy"
        elif c.unit_class == "percent" and spec.growth and vocab.yoy_cues.search(window):
            change = "growth_yoy"
        elif c.unit_class == "percentage_point" and c.metric.base in ("stake",):
            change = "change"
        else:
            change = "change"
        value, value_max = c.value, c.value_max
        if c.q.change == "down":
            value, value_max = -abs(value), (-abs(value_max) if value_max is not None else None)
            if value_max is not None:
                value, value_max = value_max, value
        out.append(c.with_(metric=c.metric.with_(change=change), value=value, value_max=value_max))
    return out


def _sign(c: Candidate, vocab: Vocabulary) -> Candidate:
    """A loss is a negative profit: "operating loss of RMB 300 million"."""
    if c.metric is None or c.alias is None or not c.alias.negative or c.metric.base != c.alias.metric:
        return c
    value = -abs(c.value)
    value_max = -abs(c.value_max) if c.value_max is not None else None
    if value_max is not None:
        value, value_max = value_max, value  # numerically ordered: -250m to -50m
    return c.with_(value=value, value_max=value_max)


_TRADING_AFTER = re.compile(
    r"\s+(?:in|during)\s+(?:(?:extended|after-hours|premarket|pre-market|early|late|morning|afternoon|heavy|"
    r"light|midday|Monday|Tuesday|Wednesday|Thursday|Friday)\s+)*trading\b",
    re.IGNORECASE,
)


# "rose 220.44 points, or 1.38 percent", "down 25 percent in 2016 and more than 45 percent year-over-year"
_SAME_MOVE = re.compile(
    r",?\s+(?:or|and)\s+(?:(?:by\s+)?(?:about|around|more\s+than|over|nearly|some|roughly|almost|just\s+over)\s+)?"
    r"|,?\s+(?:in|during|so\s+far\s+this)\s+[\w\s-]{1,25}?\s+and\s+(?:(?:about|more\s+than|over|nearly)\s+)?",
    re.IGNORECASE,
)


# -- 7. basis ---------------------------------------------------------------------------------

_FROM_BEFORE = re.compile(
    r"(?:\bfrom|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bagainst|\bup\s+from|\bdown\s+from)\s+"
    r"(?:(?:a|an|the)\s+)?(?:(?:year-earlier|year-ago|prior|previous|revised|earlier)\s+)?"
    r"(?:(?:about|around|nearly|roughly|some|over|more\s+than)\s+)?$",
    re.IGNORECASE,
)
_ALSO_BASIS = re.compile(r"^,?\s+or\s+$")  # "from $22.6 million, or 37 cents per share"
_QOQ_AFTER = re.compile(r"\b(?:previous|prior|preceding|last|sequential|third|second|first|fourth)\s+quarter\b", re.I)


def basis(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """"rose to $18.7 billion from $16.5 billion a year earlier": the number after "from" is what
    the first is compared with: the same metric, a year (or a quarter) before, unless a period
    written after it says when. A comparison of guidance or a target is the earlier figure."""
    text = story.text
    out: list[Candidate] = []
    for c in cands:
        before = text[max(scope.sentence.start, c.q.start - 60) : c.q.start]
        prev = out[-1] if out else None
        is_basis = _FROM_BEFORE.search(before) is not None
        if not is_basis and prev is not None and prev.basis and _ALSO_BASIS.match(text[prev.q.end : c.q.start]):
            is_basis = True
        if is_basis and c.metric is not None and c.q.change == "=":
            after = text[c.q.end : min(scope.sentence.end, c.q.end + 60)]
            kind = "qoq" if _QOQ_AFTER.search(after) else "yoy"
            c = c.with_(basis=kind)
        out.append(c)
    return out


# -- 8. outlook -------------------------------------------------------------------------------

_OWN_ESTIMATE = re.compile(
    r"\b(?:its|their|the\s+company's|own|earlier|previous|preliminary)\s+(?:\w+\s+)?(?:estimate|forecast)s?\b", re.I
)
_ESTIMATE_AFTER = re.compile(
    r"^\s*(?:(?:that\s+)?(?:analysts?|Wall\s+Street|the\s+Street)\s+(?:had\s+|were\s+)?"
    r"(?:expected|estimated|forecast|predicted|anticipated|expecting)|(?:from|by|of)\s+(?:\w+\s+)?analysts"
    # "the $20.37 billion analyst consensus", "6.905 billion mean estimate", "tipped in the ... poll"
    r"|(?:analysts?'?\s+|average\s+|mean\s+|consensus\s+)(?:consensus|estimate|forecast)"
    r"|(?:tipped|forecast|expected|estimated)\s+(?:in|by)\s+(?:a\s+|the\s+)?(?:Thomson|Reuters|I/B/E/S|FactSet|analysts)"
    r"|(?:from|in)\s+(?:a|the)\s+(?:Thomson\s+Reuters|Reuters|I/B/E/S|FactSet)\b)",
    re.I,
)
_STOCK_FORECAST = re.compile(
    r"\b(?:could|may|might|would|will|expected\s+to|seen)\s+(?:rise|fall|gain|drop|climb|jump)\s*$", re.I
)


def outlook(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """Analysts' expectations are ``_estimate``: an analyst cue between the start of the number's
    clause and the number ("Analysts on average had expected ...", "beat analysts' average estimate
    of"), or right after it ("the $28.33 billion analysts expected"). The company's own forecast is
    ``_guidance``: a forecast cue in the same place ("forecast 2016 operating profit ... would be",
    "its earlier estimate of")."""
    text = story.text
    vocab = story.vocab
    out = []
    for c in cands:
        if c.metric is None or c.metric.outlook or (c.basis and c.index in scope.bound):
            out.append(c)
            continue
        lead = text[c.clause[0] : c.q.start]
        if c.metric.base in _MARKET_METRICS or c.metric.base == "price_target":
            if c.metric.base != "price_target" and _STOCK_FORECAST.search(lead[-60:]):
                c = c.with_(metric=c.metric.with_(outlook="estimate"))  # "shares could rise 25 percent"
            out.append(c)
            continue
        after = text[c.q.end : c.q.end + 60]
        if _OWN_ESTIMATE.search(lead) and not re.search(r"\banalysts?'?", lead[-80:], re.I):
            c = c.with_(metric=c.metric.with_(outlook="guidance"))
        elif _company_estimates(lead, c, scope):
            c = c.with_(metric=c.metric.with_(outlook="guidance"))  # "Nintendo estimates operating profit"
        elif vocab.estimate_cues.search(lead) or _ESTIMATE_AFTER.match(after):
            c = c.with_(metric=c.metric.with_(outlook="estimate"))
        elif vocab.guidance_cues.search(lead) and _can_guide(c.metric.base, vocab):
            c = c.with_(metric=c.metric.with_(outlook="guidance"))
        out.append(c)
    return out


_ESTIMATES_VERB = re.compile(r"\b(?:estimates|estimated|projects|projected)\s+(?:that\s+)?(?:its\s+)?", re.I)


def _company_estimates(lead: str, c: Candidate, scope: Scope) -> bool:
    """A company that estimates its own figure gives guidance; analysts who do give estimates."""
    verb = _ESTIMATES_VERB.search(lead)
    if verb is None or re.search(r"\banalysts?\b", lead, re.I):
        return False
    at = c.clause[0] + verb.start()
    return any(o.type == "company" and 0 <= at - o.end <= 2 for o in scope.owners)


def _can_guide(base: str, vocab: Vocabulary) -> bool:
    """Companies forecast their results and volumes, not deal values, stakes or share prices."""
    spec = vocab.metrics[base]
    return spec.kind in ("flow", "level") and base not in _MARKET_METRICS | {"stake", "headcount", "net_worth"}


# -- 9. adjusted ------------------------------------------------------------------------------


def adjusted(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """A non-GAAP figure: an adjustment cue ("excluding items", "adjusted", "non-GAAP") earlier
    in the sentence, for the results metrics it can apply to."""
    text = story.text
    out = []
    for c in cands:
        if c.metric is not None and not c.metric.adjusted and c.metric.base in _ADJUSTABLE:
            lead = text[scope.sentence.start : c.q.start]
            cue = None
            for m in story.vocab.adjusted_cues.finditer(lead):
                cue = m
            # the cue is about this figure unless another metric word comes between them
            # ("adjusted EPS rose; revenue fell 3%")
            if cue is not None and not _other_metric_between(scope, cue.end() + scope.sentence.start, c):
                c = c.with_(metric=c.metric.with_(adjusted=True))
        out.append(c)
    return out


_ADJUSTABLE = {"revenue", "net_income", "operating_income", "pretax_income", "eps", "ebitda", "gross_margin",
               "operating_margin", "gross_profit", "revenue_share", "net_margin", "ebitda_margin", "operating_expenses"}


def _other_metric_between(scope: Scope, cue_end: int, c: Candidate) -> bool:
    for a in scope.aliases:
        other = c.metric is not None and a.metric != c.metric.base and (c.alias is None or a.start != c.alias.start)
        if cue_end <= a.start < c.q.start and other:
            return a.metric in _ADJUSTABLE and a.start < (c.alias.start if c.alias else c.q.start)
    return False


# -- 10. owner --------------------------------------------------------------------------------

_PAREN_BEFORE = re.compile(r"\(\s*$")
_SHARES_OF = re.compile(r"\b(?:shares|stock|stake)\s+(?:in|of)\s+$", re.I)
_OBJECT_BEFORE = re.compile(
    r"\b(?:than|among|versus|vs\.?|compared\s+with|compared\s+to|rival|rivals|peer|peers|behind|compatriot|"
    r"such\s+as|(?:maker|owner|parent|operator|producer)\s+of)\s+['\"‘“]?(?:[\w.&-]+,?\s+){0,3}$",
    re.IGNORECASE,
)
_COMPARE_VERB = re.compile(
    r"\b(?:surpass(?:ing|ed|es)?|outs(?:old|elling|ell)|overt(?:aking|ook|ake)|beat(?:ing)?|ahead\s+of|"
    r"exceed(?:ing|ed|s)?)\s+",
    re.IGNORECASE,
)
_BY_BEFORE = re.compile(r"\bby\s+(?:over|more\s+than|about|nearly|almost|around|some|roughly|at\s+least)?\s*$", re.I)
_THAN = re.compile(r"\s*(?:higher|lower|more|less|greater|above|below|better|worse)?\s*than\s+([^,.;]{3,80})", re.I)
_BROKER_CONTEXT = re.compile(
    r"\b(?:analysts?|brokerage|rating|raised|cut|lowered|upgraded|downgraded|target|note)\b", re.I
)
_ADJACENT_OWNER = re.compile(r"^(?:['’]s)?\s*(?:\([^)]{1,20}\)\s*)?(?:[a-z-]+\s+){0,2}$")


def owner(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """Whose number it is, first rule that applies:
    - an entity right before a number in brackets ("XPeng Motors (42,013 units)"), or assigned
      by "respectively";
    - in a comparison ("surpassing X ... by 6,000"), the sentence's subject, not X;
    - the entity right before the metric word ("Anacor shares", "IBM's revenue", "shares of X");
    - the nearest entity before the number in its clause, then in its sentence (not one it is
      compared with: "than X", "rivals X"), then after it in the clause;
    - the entity of the paragraph's previous fact, else the story's main company.
    A product stands for its company and fills ``product``. Analysts' firms, data providers and
    news agencies never own a figure; a person owns only a person's figures (pay, wealth, stakes)."""
    text = story.text
    out = []
    for c in cands:
        if c.metric is None:
            out.append(c)
            continue
        chosen = c.owner or _owner_of(c, scope, story)
        diff = _difference_target(text, scope, c, story)
        if diff is not None and c.owner is None:
            subject = next((o for o in scope.owners if o.entity_id != diff and OWNER_RANK.get(o.type, 9) == 0), None)
            chosen = subject or chosen
        if chosen is None:
            same_paragraph = state.entity_paragraph == scope.sentence.paragraph
            entity_id = (state.entity if same_paragraph else None) or story.subject
            if entity_id and not _may_own(story.types.get(entity_id, "company"), c, story):
                entity_id = None  # "WHO says diabetes caused 1.5 million deaths": not the WHO's
            c = c.with_(entity_id=entity_id)
        else:
            entity_id, product = chosen.company()
            c = c.with_(owner=chosen, entity_id=entity_id, product=product)
        if c.entity_id and c.metric.base in _BUYER_METRICS:
            s = scope.sentence
            buyer = buyer_of(c.entity_id, text, s.start, s.end, scope.owners, story.buyers)
            if buyer != c.entity_id:
                c = c.with_(entity_id=buyer, product=None)
        if diff is not None:
            c = c.with_(metric=c.metric.with_(change="difference"), comparison=f"vs:{diff}")  # type: ignore[union-attr]
        elif c.unit_class == "percentage_point" and c.metric is not None and not c.metric.change:
            than = _THAN.match(text, c.q.end, scope.sentence.end)
            if than:
                c = c.with_(metric=c.metric.with_(change="difference"), comparison=f"vs:{than.group(1).strip()}")
        if c.entity_id:
            state.entity, state.entity_paragraph = c.entity_id, scope.sentence.paragraph
        out.append(c)
    return out


def _eligible(o: Owner, c: Candidate, story: Story) -> bool:
    """Whether the entity may own the number: a metric says which types own it (a person owns a
    net worth, not revenue); an index, commodity or currency owns its level, price or rate."""
    metric = story.vocab.metrics.get(c.metric.base) if c.metric else None
    if o.type == "product" and not o.parent and not (metric and "product" in metric.owners):
        return False  # a product of no known company ("NOA") owns no company figure
    if o.type in ("index", "commodity", "currency"):
        return metric is None or o.type in metric.owners or metric.name in ("stock_price", "market_value")
    if metric is None:
        return o.type in ("company", "product")
    allowed = set(metric.owned_by) | set(metric.owners)
    # a product stands for its company; a social network is a company too ("LinkedIn's shares")
    return o.type in allowed or (o.type in ("product", "platform") and "company" in allowed)


def _may_own(entity_type: str, c: Candidate, story: Story) -> bool:
    metric = story.vocab.metrics.get(c.metric.base) if c.metric else None
    if metric is None or entity_type in ("company", "product", "platform"):
        return True
    return entity_type in metric.owned_by or entity_type in metric.owners


def _preference(o: Owner, c: Candidate, story: Story) -> int:
    """How good an owner of this metric the entity is: 0 best."""
    metric = story.vocab.metrics.get(c.metric.base) if c.metric else None
    if metric is None:
        return OWNER_RANK.get(o.type, 9)
    kinds = [*metric.owners, *metric.owned_by]
    kind = "company" if o.type in ("product", "platform") and o.type not in kinds else o.type
    return kinds.index(kind) if kind in kinds else 9


def _owner_of(c: Candidate, scope: Scope, story: Story) -> Owner | None:
    text = story.text
    q = c.q
    before_q = text[scope.sentence.start : q.start].rstrip()
    if before_q.endswith("("):
        named = [o for o in scope.owners if o.end <= q.start and text[o.end : q.start].strip() == "("]
        if named:
            return named[-1]
    objects = {
        id(o) for o in scope.owners if _OBJECT_BEFORE.search(text, max(scope.sentence.start, o.start - 40), o.start)
    }
    if c.metric is not None and c.metric.base in _DEAL_METRICS:
        # "Tesla offers to buy SolarCity for $2.8 billion", "owns 22 percent of SolarCity": the
        # company bought or held is the object; the buyer or holder owns the figure
        objects |= {
            id(o) for o in scope.owners if _TARGET_BEFORE.search(text, max(scope.sentence.start, o.start - 40), o.start)
        }
    if c.metric is not None and c.metric.base == "price_target":
        covered = [
            o for o in scope.owners if _COVERED_BEFORE.search(text, max(scope.sentence.start, o.start - 12), o.start)
        ]
        if covered:
            return covered[-1]  # "which has a buy rating on Amazon, raised its price target"
        return None  # the story's company, not the broker who set the target
    estimate = c.metric is not None and c.metric.outlook == "estimate"
    pool = [
        o for o in scope.owners
        if id(o) not in objects and _eligible(o, c, story)
        and not (estimate and _broker(o, text, scope))
    ]
    subject = _appositive_subject(pool, c, scope, text)
    if subject is not None:
        return subject
    moved = _CHANGE_OF_AFTER.match(text, c.q.end)
    if moved:
        named = [o for o in pool if o.start == moved.end()]
        if named:
            return named[0]  # "compared with the 2.46 percent gain in the S&P 500"
    # the entity right before the metric word
    if c.alias is not None:
        for o in pool:
            if o.end <= c.alias.start and _ADJACENT_OWNER.match(text[o.end : c.alias.start]):
                return o
            if c.alias.end <= o.start < q.start and _SHARES_OF.search(text, max(0, o.start - 20), o.start):
                return o
    for rank in (0, 1, 2, 3):
        in_clause = [o for o in pool if c.clause[0] <= o.start < q.start and _preference(o, c, story) <= rank]
        if in_clause:
            return in_clause[-1]
    earlier = [o for o in pool if o.start < q.start and _preference(o, c, story) <= 1]
    if earlier:
        return earlier[0] if _is_subject(earlier[0], scope, text) else earlier[-1]
    later = [o for o in pool if q.end <= o.start < c.clause[1] and _preference(o, c, story) <= 1]
    return later[0] if later else None


_CHANGE_OF_AFTER = re.compile(
    r"\s+(?:gain|rise|fall|drop|decline|jump|slide|increase|decrease|climb|loss)\s+(?:in|for|of|by)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_BUYER_METRICS = {"deal_value", "offer_price", "premium"}
_DEAL_METRICS = {"deal_value", "offer_price", "premium", "stake", "stake_value", "shares_bought"}
_TARGET_BEFORE = re.compile(
    r"\b(?:buy|buys|bought|buying|acquire|acquires|acquired|acquiring|acquisition\s+of|purchase\s+of|purchase|"
    r"takeover\s+of|take\s+over|bid\s+for|offer\s+for|merge\s+with|stake\s+in|holding\s+in|interest\s+in|"
    r"percent\s+of|%\s+of|shares\s+(?:in|of)|of\s+its\s+stake\s+in|sell\s+(?:its\s+)?\w*\s*to|from)\s+"
    r"(?:the\s+)?(?:[\w.&'-]+\s+){0,4}$",
    re.IGNORECASE,
)
_COVERED_BEFORE = re.compile(r"\b(?:on|for|of)\s+(?:the\s+)?$|^$", re.IGNORECASE)
_REPORT_VERB = re.compile(r"\b(?:said|says|reported|reports|posted|posts|announced|forecast|expects|warned)\b", re.I)


def _appositive_subject(pool: list[Owner], c: Candidate, scope: Scope, text: str) -> Owner | None:
    """"United Technologies Corp, maker of Pratt & Whitney jet engines, said net income rose":
    the figure is the subject's, not that of a name in its description."""
    lead = text[scope.sentence.start : c.q.start]
    verb = None
    for m in _REPORT_VERB.finditer(lead):
        verb = m
        break
    if verb is None:
        return None
    before = [o for o in pool if o.start < scope.sentence.start + verb.start() and OWNER_RANK.get(o.type, 9) == 0]
    if len(before) < 2:
        return None
    first = before[0]
    between = text[first.end : scope.sentence.start + verb.start()]
    if between.lstrip().startswith((",", "(")) and re.match(r"^(?:['’]s)?\s*(?:\([^)]*\)\s*)?,", between):
        return first
    return None


def _is_subject(o: Owner, scope: Scope, text: str) -> bool:
    """The sentence's grammatical subject, roughly: its first name, before any verb."""
    lead = text[scope.sentence.start : o.start]
    return not re.search(r"\b(?:said|says|reported|posted|announced|to|of|for|with|by|at|on|in)\b", lead)


def _broker(o: Owner, text: str, scope: Scope) -> bool:
    """An analysts' firm in a sentence about estimates or targets ("Goldman raised its target")."""
    around = text[max(scope.sentence.start, o.start - 40) : min(scope.sentence.end, o.end + 40)]
    return o.type == "company" and bool(_BROKER_CONTEXT.search(around)) and bool(
        re.search(r"\b(?:analysts?|brokerage|raised|cut|lowered|rating|upgraded|downgraded)\b", around, re.I)
    )


def _difference_target(text: str, scope: Scope, c: Candidate, story: Story) -> str | None:
    """"surpassing XPeng Motors (42,013 units) by over 6,000 units": the entity compared with."""
    if not _BY_BEFORE.search(text, scope.sentence.start, c.q.start):
        return None
    verb = None
    for m in _COMPARE_VERB.finditer(text, scope.sentence.start, c.q.start):
        verb = m
    if verb is None:
        return None
    after = [o for o in scope.owners if verb.end() <= o.start < c.q.start and OWNER_RANK.get(o.type, 9) == 0]
    return after[0].entity_id if after else None


# -- 11. owner_metric -------------------------------------------------------------------------


def owner_metric(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """A number of an index, commodity or currency is its level, price or rate ("the Nasdaq fell
    1.2 percent to 4,500.2", "Brent fell 54 cents to $28.76 a barrel") whatever word the story
    uses; a bare number right after such an entity with no metric of its own is one too."""
    out = []
    for c in cands:
        o = c.owner
        if o is None and c.metric is None and c.unit_class != "duration":
            near = [
                x for x in scope.owners
                if c.clause[0] <= x.start < c.q.start and x.type in ("index", "commodity", "currency")
            ]
            o = near[-1] if near else None
            if o is not None:
                c = c.with_(owner=o, entity_id=o.entity_id)
        if o is not None and o.type in ("index", "commodity", "currency"):
            base = story.vocab.owner_metric(o.type)
            if base and (c.metric is None or c.metric.base in ("stock_price", "index_level", "price", "exchange_rate",
                                                                 "market_value")):
                metric = c.metric.with_(base=base) if c.metric else MetricName(base)
                if c.q.change in ("up", "down") and not metric.change:
                    metric = metric.with_(change="change")
                    if c.q.change == "down":
                        c = c.with_(value=-abs(c.value))
                c = c.with_(metric=metric, named=True)
        out.append(c)
    return out


_IPO = re.compile(r"\b(?:IPO|initial\s+public\s+offering|listing|flotation|float)\b", re.I)
_MARKET_VALUE_CUE = re.compile(r"\b(?:at\s+current\s+prices|market|shares|stock)\b", re.I)


def listed_values(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """"At current prices, Amazon is valued at $317 billion": a listed company's value is its market
    value; money raised in an IPO is the IPO's size."""
    text = story.text[scope.sentence.start : scope.sentence.end]
    out = []
    for c in cands:
        listed = _MARKET_VALUE_CUE.search(text) and not _IPO.search(text)
        if c.metric is not None and c.metric.base == "valuation" and listed:
            c = c.with_(metric=c.metric.with_(base="market_value"))
        elif c.metric is not None and c.metric.base == "funding" and _IPO.search(text):
            c = c.with_(metric=c.metric.with_(base="ipo_size"))
        out.append(c)
    return out


# -- 12. timing -------------------------------------------------------------------------------

PERIOD_GAP = re.compile(
    r"[\s,]*(?:again\s+)?(?:for\s+(?:two|three|four|five|six|\d+)\s+consecutive\s+months\s+)?"
    r"(?:(?:in|for|during|of|as\s+of|on|at|over|since)\s+)?(?:the\s+)?(?:end\s+of\s+)?",
    re.IGNORECASE,
)
_SPREAD_CUES = re.compile(r"\b(?:consecutive|each|both|respectively)\b", re.IGNORECASE)
BASIS_BEFORE = re.compile(
    r"(?:\bfrom|\bthan|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bover|\bsince|\buntil|\bbefore|\bafter|\babove|\bbelow)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_YEARS_HIGH = re.compile(r"\byear'?s?\s+(?:high|low)\b", re.IGNORECASE)
_YEAR_TO_DATE = re.compile(
    r"\b(?:this\s+year|so\s+far\s+this\s+year|year\s+to\s+date|year-to-date|"
    r"since\s+the\s+start\s+of\s+the\s+year|in\s+20\d\d)\b",
    re.I,
)
_TWELVE_MONTHS = re.compile(
    r"\b(?:(?:in|over)\s+the\s+(?:past|last)\s+(?:12|twelve)\s+months|(?:in|over)\s+the\s+(?:past|last)\s+year|"
    r"year-over-year|year\s+on\s+year|from\s+a\s+year\s+(?:ago|earlier))\b",
    re.I,
)
_CLOSE_DAY = re.compile(
    r"\b(?:up\s+to|as\s+of|through|until|to)\s+(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday)['’]s\s+close", re.I
)
_MARKET_METRICS = {"stock_price", "market_value", "index_level", "price", "exchange_rate", "trading_volume"}


def bind_periods(text: str, quantities: list[tuple[int, Quantity]], periods: list[Period]) -> dict[int, list[Period]]:
    """Periods written right after a number belong to it ("7.2% in the same period last year")."""
    bound: dict[int, list[Period]] = {}
    for qi, q in quantities:
        for pi, p in enumerate(periods):
            if p.start < q.end:
                continue
            gap = PERIOD_GAP.match(text, q.end, p.start)
            if gap is None or gap.end() != p.start:
                break
            chosen = [p]
            # "in July and August" with "consecutive"/"each": one fact per period
            if pi + 1 < len(periods) and re.fullmatch(r"\s+and\s+", text[p.end : periods[pi + 1].start]):
                nxt = periods[pi + 1]
                context = text[max(0, q.start - 120) : nxt.end + 40]
                if _SPREAD_CUES.search(context) and nxt.kind == p.kind:
                    chosen.append(nxt)
                elif nxt.kind == p.kind:
                    chosen = [Period(value=f"{p.value}/{nxt.value}", kind="range", surface=p.surface,
                                     start=p.start, end=nxt.end, sentence=p.sentence)]
            bound[qi] = chosen
            break
    return bound


def is_basis(text: str, p: Period, sentence_start: int) -> bool:
    return BASIS_BEFORE.search(text, max(sentence_start, p.start - 25), p.start) is not None


def timing(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """The period of each fact:
    - a period written right after the number ("7.2% in the same period last year");
    - a comparison basis ("from $22.6 million a year earlier") is the year (or quarter) before
      the period of the figure it is compared with;
    - a change of a market level over "this year" or "the past 12 months" spans those days, to
      the close the story names ("Up to Monday's close");
    - else the sentence's own period (a flow skips days: "said on Tuesday" is not when revenue
      was earned; a level or event prefers a day);
    - else the time of the sentence's other numbers, then the period the story is about for a
      flow, and the story's day (the trading day for market data) for a level or event;
    and a quarter, half or year that a company with another fiscal calendar names by number
    ("its fiscal first quarter") in calendar terms."""
    text = story.text
    out: list[Candidate] = []
    for c in cands:
        if c.metric is None:
            out.append(c)
            continue
        kind = story.vocab.metrics[c.metric.base].kind
        if c.metric.outlook == "estimate" or c.metric.outlook == "guidance":
            kind = "flow" if kind == "flow" else kind
        periods, stated, fiscal = _periods_for(c, kind, scope, story, state, out)
        high = c.metric.base in ("stock_price_high", "stock_price_low")
        if high or _YEARS_HIGH.search(text, max(0, c.q.start - 20), c.q.start):
            periods = [p[:4] if p else p for p in periods]
        c = c.with_(periods=tuple(periods), period_stated=stated, fiscal=fiscal)
        c = _fiscal(c, story)
        out.append(c.with_(periods=tuple(_quarter_if_months(p, c, scope) if p else p for p in c.periods)))
    return out


def _periods_for(
    c: Candidate, kind: str, scope: Scope, story: Story, state: State, earlier: list[Candidate]
) -> tuple[list[str | None], bool, str | None]:
    metric = c.metric
    assert metric is not None
    bound = scope.bound.get(c.index)
    market = metric.base in _MARKET_METRICS
    if c.basis and not bound:
        same = [e for e in earlier if e.metric and e.metric.base == metric.base and not e.basis and e.periods]
        ref = same[-1] if same else None
        if ref is None:
            ref = next((e for e in reversed(earlier) if e.periods and not e.basis), None)
        if metric.outlook or metric.base == "price_target":
            return ([ref.periods[0]] if ref and metric.outlook else [None]), False, None
        if ref is not None and ref.periods[0]:
            if kind == "level" or market:
                return [None], False, None
            return [previous(ref.periods[0], c.basis) if c.basis in ("yoy", "qoq") else None], False, ref.fiscal
    # a change of a market level over a span
    if market and metric.change:
        span = _market_span(c, scope, story)
        if span:
            return [span], True, None
    if not bound:
        bound = _listed_period(c, scope, text=story.text)
    if bound:
        values = [_quarter_if_months(p.value, c, scope) for p in bound]
        return values, True, bound[0].fiscal
    free = _main_period(scope.free, kind, market, c.q, bool(metric.change), story.text)
    if free is not None:
        return [_quarter_if_months(free.value, c, scope)], True, free.fiscal
    near = [o for o in earlier if o.period_stated and o.periods and not o.basis]
    if near and kind != "level":
        return [near[-1].periods[0]], True, near[-1].fiscal
    days = [ps[0].value for qi, ps in scope.bound.items() if qi != c.index and ps[0].kind == "day"]
    if kind == "level" and days:
        return [days[0]], True, None  # "closed at $27.12 on Tuesday, while Comcast ended at $61.05"
    if kind == "flow":
        if state.period:
            return [state.period], False, state.fiscal
        if story.reporting is not None:
            return [story.reporting.value], False, story.reporting.fiscal
        return [None], False, None
    day = story.market_day() if market else story.day
    return [day.isoformat() if day else None], False, None


def _listed_period(c: Candidate, scope: Scope, text: str) -> list[Period] | None:
    """"net income fell to $747 million, or $1.61 per share, in 2015": the figure given first
    takes the period written after the one that restates it."""
    later = [(qi, q) for qi, q in scope.quantities if q.start >= c.q.end]
    if not later:
        return None
    qi, q = later[0]
    if re.fullmatch(r",?\s+or\s+", text[c.q.end : q.start]) and qi in scope.bound:
        return scope.bound[qi]
    return None


def _main_period(periods: list[Period], kind: str, market: bool, q: Quantity, change: bool, text: str) -> Period | None:
    """The sentence's period for a number: for a flow the nearest that is not a day ("On November
    18th, ... revenue in the third quarter": the day is the report's); for a change of a level the
    span it is over ("in the past month ... lost 740,000 followers"); for a level or an event a day
    ("recall of 117,000 cars built in 2024, said on Friday"), else the nearest period that is not
    when something was said ("said in February" is not when a stake was held)."""

    def distance(p: Period) -> int:
        return q.start - p.end if p.end <= q.start else p.start - q.end

    if kind == "flow":
        spans = [p for p in periods if p.kind != "day"]
        return min(spans, key=distance) if spans else None
    if change:
        spans = [p for p in periods if p.kind == "range"]
        if spans:
            return min(spans, key=distance)
    days = [p for p in periods if p.kind == "day"]
    if days:
        return min(days, key=distance)
    if market:
        return None
    if kind == "event":
        return min(periods, key=distance) if periods else None
    unsaid = [p for p in periods if not _SAID_BEFORE.search(text, max(0, p.start - 25), p.start)]
    return min(unsaid, key=distance) if unsaid else None


_SAID_BEFORE = re.compile(
    r"\b(?:said|says|announced|reported|told|disclosed|added|filed)\s+(?:\w+\s+)?(?:in|on|at)?\s*$", re.I
)


def _quarter_if_months(value: str, c: Candidate, scope: Scope) -> str:
    """"From January through March, Netflix added 6.7 million": a range of months that is a
    calendar quarter (half, year) is that quarter; "monthly deliveries from April to June" stays
    a range of months, each month's figure."""
    p = PeriodValue.maybe(value)
    if p is None or p.granularity != "range" or "monthly" in scope.text[c.clause[0] : c.q.start].lower():
        return value
    canonical = PeriodValue.span(p.first, p.last)
    return str(canonical) if canonical.granularity in ("quarter", "half", "year") else value


def _market_span(c: Candidate, scope: Scope, story: Story) -> str | None:
    text = story.text
    window = text[scope.sentence.start : scope.sentence.end]
    end = story.market_day()
    close = _CLOSE_DAY.search(window)
    if close and story.day is not None:
        wd = ["monday", "tuesday", "wednesday", "thursday", "friday"].index(close.group("day").lower())
        end = story.day - timedelta(days=(story.day.weekday() - wd) % 7)
    if end is None:
        return None
    rest = text[c.q.end : scope.sentence.end]
    lead = text[max(scope.sentence.start, c.q.start - 80) : c.q.start]
    since = re.match(r"\s+since\s+", rest)
    if since:
        start = next((p for p in scope.periods if p.start == c.q.end + since.end() and p.kind == "day"), None)
        if start is not None:
            return f"{start.value}/{end.isoformat()}"  # "fallen about 16 percent since April 29"
    twelve = _TWELVE_MONTHS.search(rest[:60])
    ytd = _YEAR_TO_DATE.search(rest[:40])
    if (twelve and (not ytd or twelve.start() < ytd.start())) or (not ytd and _TWELVE_MONTHS.search(lead)):
        start = _year_before(end)
        return f"{start.isoformat()}/{end.isoformat()}"
    if ytd or _YEAR_TO_DATE.search(lead[-40:]):
        return f"{end.year:04d}-01-01/{end.isoformat()}"
    return None


def _year_before(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


def _fiscal(c: Candidate, story: Story) -> Candidate:
    """A period named by number ("first quarter", "full-year", "fiscal 2016") of a company whose
    fiscal year ends in another month than December, in calendar terms. A bare quarter or half is
    read the way that puts it nearer the story (Apple's "fiscal first quarter" in January is
    October-December; its "fourth quarter" in the same story is the calendar one, just ended);
    a year named as a fiscal one ("fiscal 2016", "full-year") is always the fiscal year."""
    end_month = story.fiscal_ends.get(c.entity_id or "")
    if not end_month or not c.fiscal or not c.periods or c.periods[0] is None or story.published is None:
        return c
    label, _, shift = c.fiscal.partition("@")
    explicit = label.endswith("F")  # "fiscal first quarter": the company's calendar, whatever is nearer
    label = label.rstrip("F")
    year: int | None = None
    if "/" in label:
        label, y = label.split("/")
        year = int(y)
    quarter = int(label[1]) if label.startswith("Q") else None
    half = int(label[1]) if label.startswith("H") else None
    ref = story.published

    def distance(p: PeriodValue) -> int:
        days = (p.middle - ref).days
        return 2 * days if days > 0 else -days

    if label == "FYC":  # "this business year": the fiscal year under way
        year = next(y for y in (ref.year, ref.year + 1) if PeriodValue.fiscal(y, end_month).last >= ref)
    elif year is None:
        year = min((ref.year - 1, ref.year, ref.year + 1, ref.year + 2),
                   key=lambda y: distance(PeriodValue.fiscal(y, end_month, quarter, half)))
    fiscal = PeriodValue.fiscal(year, end_month, quarter, half)
    calendar = PeriodValue.maybe(c.periods[0])
    named_by_number = label != "FY" and not c.fiscal.startswith("FY") and "/" not in c.fiscal and not explicit
    if named_by_number and calendar is not None:
        reading = calendar.shift_years(int(shift or 0) + 1) if shift else calendar
        if distance(reading) < distance(fiscal):
            return c  # the calendar reading is the nearer one
    if shift:
        fiscal = fiscal.shift_years(int(shift))
    return c.with_(periods=(str(fiscal),))


# -- 13. future_flow --------------------------------------------------------------------------


def future_flow(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """A flow of a period that has not ended by the story's day (this year's revenue, next
    quarter's sales) can only be a forecast: the company's guidance unless analysts' estimate."""
    if story.day is None:
        return cands
    out = []
    for c in cands:
        if c.metric is not None and not c.metric.outlook and c.periods and c.periods[0] and c.period_stated:
            spec = story.vocab.metrics[c.metric.base]
            p = PeriodValue.maybe(c.periods[0])
            ahead = p is not None and p.last > story.day + timedelta(days=7) and p.granularity != "day"
            if spec.kind == "flow" and ahead:
                c = c.with_(metric=c.metric.with_(outlook="guidance"))
        out.append(c)
    return out


# -- 14. canonical_unit -----------------------------------------------------------------------


def canonical_unit(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """One unit per kind of thing: a count metric's own unit (jobs cut are `job`, followers
    `follower`), the kind of thing the story counts for volumes (a car story's "units" are
    `vehicle`), points for an index, and the unit as written otherwise."""
    out = []
    for c in cands:
        if c.metric is not None:
            spec = story.vocab.metrics[c.metric.base]
            unit = c.q.unit
            if c.unit_class == "count" or (unit and unit not in ("percent", "percentage_point") and not _iso(unit)
                                           and c.unit_class not in ("currency", "rank")):
                if spec.unit == "from_story":
                    kept = unit in ("vehicle", "aircraft", "share", "barrel", "tonne", "ounce")
                    unit = unit if kept else story.count_unit
                elif spec.unit:
                    unit = spec.unit
                elif c.metric.base == "index_level":
                    unit = "point"
            if c.unit_class == "percentage_point":
                unit = "percentage_point"
            c = c.with_(q=c.q.model_copy(update={"unit": unit}))
        out.append(c)
    return out


def _iso(unit: str) -> bool:
    return len(unit) == 3 and unit.isupper()


# -- 15. segment_product ----------------------------------------------------------------------

_SEGMENT = re.compile(
    r"(?:'s|\bthe|\bthis|\bits)\s+(?P<seg>(?:(?!\bthe\b)[^,.;'])*?)\s*business\s+segments?\b", re.IGNORECASE
)
_THIS_SEGMENT = re.compile(r"\bth(?:is|e)\s+(?:business\s+)?segment\b", re.IGNORECASE)
_PRODUCT_CUE = re.compile(
    r"(?:relying\s+(?:solely\s+|only\s+)?on|(?:solely|only|entirely)\s+(?:on|from)|driven\s+by|thanks\s+to|"
    r"sales\s+of|deliveries\s+of|recall(?:ed|ing)?(?:\s+of)?)\s+(?:the\s+)?(?:[\d,.]+\s+)?$",
    re.IGNORECASE,
)


def segment_product(cands: list[Candidate], scope: Scope, story: Story, state: State) -> list[Candidate]:
    """"X's <segment> business segment(s)" sets the segment, carried by "this segment" and by
    later facts of the same entity in the paragraph; a product named inside the number or after a
    cue ("relying solely on the YU7") is the fact's product."""
    text = story.text
    segment = _segment(text, scope, state)
    out = []
    for c in cands:
        if c.metric is None:
            out.append(c)
            continue
        seg = segment if segment and (c.entity_id == state.segment_entity or c.owner is None) else None
        product = c.product
        if product is None:
            for o in scope.owners:
                if o.type != "product" or o.entity_id == c.entity_id or not (c.clause[0] <= o.start < c.clause[1]):
                    continue
                inside = c.q.start <= o.start < c.q.end
                if inside or _PRODUCT_CUE.search(text, max(c.clause[0], o.start - 45), o.start):
                    product = o.entity_id
                    break
        out.append(c.with_(segment=seg, product=product))
    return out


def _segment(text: str, scope: Scope, state: State) -> str | None:
    s = scope.sentence
    found = None
    for m in _SEGMENT.finditer(text, s.start, s.end):
        seg = m.group("seg").strip()
        if seg and not seg.lower().startswith(("largest", "smallest", "other", "this", "that")):
            found = seg
            break
    if found:
        first = next((o for o in scope.owners if OWNER_RANK.get(o.type, 9) == 0), None)
        state.segment, state.segment_paragraph = found, s.paragraph
        state.segment_entity = first.company()[0] if first else state.entity
        return found
    if state.segment and (_THIS_SEGMENT.search(text, s.start, s.end) or state.segment_paragraph == s.paragraph):
        state.segment_paragraph = s.paragraph
        return state.segment
    return None


RULES: list[tuple[str, Rule]] = [
    ("name_metric", name_metric),
    ("respectively", respectively),
    ("carry_metric", carry_metric),
    ("comparisons", comparisons),
    ("per_share", per_share),
    ("basis", basis),
    ("movement", movement),
    ("outlook", outlook),
    ("adjusted", adjusted),
    ("owner", owner),
    ("owner_metric", owner_metric),
    ("listed_values", listed_values),
    ("timing", timing),
    ("future_flow", future_flow),
    ("canonical_unit", canonical_unit),
    ("segment_product", segment_product),
]
