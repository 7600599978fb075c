"""Turn quantities into facts: entity · metric · value · unit · period · segment · product.

For each quantity, sentence by sentence:

- metric: a counted noun that names one ("740,000 followers"), else the nearest metric alias in
  the same clause whose units fit the number (before it preferred to after it). A negative alias
  ("operating loss") negates the value; a direction ("down 30%", "evaporated by") turns a level
  into its change metric and a percentage into <metric>_growth_yoy/_qoq; "by 6,000 units" after
  "surpassing X" is a <metric>_difference against X; a forecast cue makes it <metric>_guidance.
- entity: an entity named right before a parenthesised number ("XPeng Motors (42,013 units)");
  with "respectively", the n-th entity listed; else the nearest company, person or product named
  before the number in its clause, then in its sentence, then after it; else the entity of the
  previous fact ("The operating loss was RMB 300 million."). A product stands for its company and
  fills ``product``.
- period: one written right after the number ("7.2% in the same period last year", "this
  quarter", "in October") binds to it; other numbers take the sentence's first free period (a
  flow skips event dates such as "On November 18th"); without one, the paragraph's last period;
  a level with none is as of the publication date.
- segment: "X's <segment> business segment(s)", carried by "this segment" and by later facts of
  the same entity in the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Analysis, Entity, Evidence, Fact, Period, Quantity, Sentence
from ..periods.value import previous
from .vocabulary import AliasMatch, Vocabulary

SUBJECT_TYPES = {"company": 0, "person": 0, "product": 0, "organisation": 1, "platform": 2, "media": 3, "index": 3}
_CLAUSE_BREAK = re.compile(r";|,\s+(?:while|whereas|but|although)\s+|\s+while\s+")
_PERIOD_GAP = re.compile(
    r"[\s,]*(?:again\s+)?(?:for\s+(?:two|three|four|five|six|\d+)\s+consecutive\s+months\s+)?"
    r"(?:(?:in|for|during|of|as\s+of|on|at|over)\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
_SPREAD_CUES = re.compile(r"\b(?:consecutive|each|both|respectively)\b", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:over|more\s+than|about|nearly|almost|around|some|roughly|at\s+least)?\s*$", re.I)
_COMPARE_VERB = re.compile(
    r"\b(?:surpass(?:ing|ed|es)?|outs(?:old|elling|ell)|overt(?:aking|ook|ake)|beat(?:ing)?|ahead\s+of|"
    r"exceed(?:ing|ed|s)?)\s+",
    re.IGNORECASE,
)
_THAN = re.compile(r"\s*(?:higher|lower|more|less|greater|above|below|better|worse)?\s*than\s+([^,.;]{3,80})", re.I)
_SEGMENT = re.compile(
    r"(?:'s|\bthe|\bthis|\bits)\s+(?P<seg>(?:(?!\bthe\b)[^,.;'])*?)\s*business\s+segments?\b", re.IGNORECASE
)
_THIS_SEGMENT = re.compile(r"\bth(?:is|e)\s+(?:business\s+)?segment\b", re.IGNORECASE)
_PRODUCT_CUE = re.compile(
    r"(?:relying\s+(?:solely\s+|only\s+)?on|(?:solely|only|entirely)\s+(?:on|from)|driven\s+by|thanks\s+to|"
    r"sales\s+of|deliveries\s+of|recall(?:ed|ing)?(?:\s+of)?)\s+(?:the\s+)?(?:[\d,.]+\s+)?$",
    re.IGNORECASE,
)
# Counted nouns that are spans of time or scores, never a metric's count ("in 30 days").
_NOT_COUNTS = {"day", "week", "month", "year", "hour", "minute", "second", "time", "point", "star", "percentage"}
_OBJECT_BEFORE = re.compile(
    r"\b(?:than|among|versus|vs\.?|compared\s+with|compared\s+to)\s+['\"‘“]?(?:[\w.&-]+,?\s+){0,3}$"
)
# A period after one of these is what a number is compared with, not when it happened.
_BASIS_BEFORE = re.compile(
    r"(?:\bfrom|\bthan|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bover|\bsince|\buntil|\bbefore|\bafter)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_YEARS_HIGH = re.compile(r"\byear'?s?\s+(?:high|low)\b", re.IGNORECASE)


@dataclass
class _Mention:
    entity_id: str
    type: str
    parent: str | None
    start: int
    end: int


@dataclass
class _State:
    entity: str | None = None
    segment: str | None = None
    segment_entity: str | None = None
    segment_paragraph: int = -1
    period: str | None = None
    resp_metrics: list[str] = field(default_factory=list)
    aliases: list[AliasMatch] = field(default_factory=list)  # metric words of the paragraph so far
    aliases_paragraph: int = -1


def extract_facts(analysis: Analysis, vocab: Vocabulary) -> list[Fact]:
    text = analysis.document.text
    by_sentence_q: dict[int, list[int]] = {}
    for i, q in enumerate(analysis.quantities):
        by_sentence_q.setdefault(q.sentence, []).append(i)
    by_sentence_p: dict[int, list[Period]] = {}
    for p in analysis.periods:
        by_sentence_p.setdefault(p.sentence, []).append(p)
    mentions = _mentions(analysis.entities)
    # without any other clue, a number is about the story's main company or person
    subject = next((e.id for e in analysis.entities if e.type in ("company", "person")), None)
    state = _State(entity=subject)
    facts: list[Fact] = []
    published = analysis.document.published_at.isoformat() if analysis.document.published_at else None
    for sentence in analysis.sentences:
        q_indexes = by_sentence_q.get(sentence.index, [])
        periods = by_sentence_p.get(sentence.index, [])
        if q_indexes:
            facts += _sentence_facts(
                text, sentence, [(i, analysis.quantities[i]) for i in q_indexes], periods,
                [m for m in mentions if sentence.start <= m.start < sentence.end], vocab, state, published,
            )
        current = _current_period(text, sentence, periods, by_sentence_q, analysis.quantities)
        if current is not None:
            state.period = current
    return _dedupe(facts)


def _current_period(
    text: str, sentence: Sentence, periods: list[Period], by_sentence_q: dict[int, list[int]],
    quantities: list[Quantity],
) -> str | None:
    """The period later sentences inherit: the sentence's own quarter, month or half (free, or
    tied to a number that is not a comparison basis); a year only when nothing finer is given."""
    spans = [p for p in periods if p.kind != "day" and not _is_basis(text, p, sentence)]
    if not spans:
        return None
    qs = [(i, quantities[i]) for i in by_sentence_q.get(sentence.index, [])]
    bound = _bind_periods(text, qs, periods)
    owner = {(p.start, p.end): qi for qi, ps in bound.items() for p in ps}
    by_number = {qi: q for qi, q in qs}

    def compared(p: Period) -> bool:
        qi = owner.get((p.start, p.end))
        if qi is None:
            return False
        q = by_number[qi]
        return _BASIS_BEFORE.search(text, max(sentence.start, q.start - 25), q.start) is not None

    usable = [p for p in spans if not compared(p)]
    finer = [p for p in usable if p.kind != "year"]
    free_finer = [p for p in finer if (p.start, p.end) not in owner]
    for group in (free_finer, finer, usable):
        if group:
            return group[0].value
    return None


def _is_basis(text: str, p: Period, sentence: Sentence) -> bool:
    return _BASIS_BEFORE.search(text, max(sentence.start, p.start - 25), p.start) is not None


def _mentions(entities: list[Entity]) -> list[_Mention]:
    out = [
        _Mention(e.id, e.type, e.parent, m.start, m.end)
        for e in entities
        for m in e.mentions
        if e.type in SUBJECT_TYPES
    ]
    out.sort(key=lambda m: m.start)
    return out


def _clauses(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    cuts = [sentence.start]
    for m in _CLAUSE_BREAK.finditer(text, sentence.start, sentence.end):
        cuts.append(m.end())
    cuts.append(sentence.end)
    return [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]


def _unit_class(q: Quantity, vocab: Vocabulary) -> str:
    if q.unit is None:
        return "count"
    if q.unit in _NOT_COUNTS:
        return "duration"
    if q.unit in ("percent", "percentage_point", "rank", "basis_point"):
        return "percentage_point" if q.unit == "basis_point" else q.unit
    if len(q.unit) == 3 and q.unit.isupper():
        return "currency"
    return q.unit if any(q.unit in m.units for m in vocab.metrics.values()) else "count"


def _fits(metric: str, unit_class: str, vocab: Vocabulary) -> bool:
    units = vocab.metrics[metric].units
    if unit_class == "percentage_point":
        return "percent" in units  # a difference of a percentage is in points
    return unit_class in units


def _sentence_facts(
    text: str,
    sentence: Sentence,
    quantities: list[tuple[int, Quantity]],
    periods: list[Period],
    mentions: list[_Mention],
    vocab: Vocabulary,
    state: _State,
    published: str | None,
) -> list[Fact]:
    clauses = _clauses(text, sentence)
    aliases = vocab.aliases_in(text, sentence.start, sentence.end)
    # "Xiaomi shares fell 4.5%. BYD shed 2.1% to HK$96.50.": the metric named last in the
    # paragraph carries over to sentences that name none
    carried = state.aliases if state.aliases_paragraph == sentence.paragraph else []
    if aliases:
        state.aliases, state.aliases_paragraph = aliases, sentence.paragraph
    bound = _bind_periods(text, quantities, periods)
    taken = {(p.start, p.end) for ps in bound.values() for p in ps}
    bases = [p for p in periods if _is_basis(text, p, sentence)]
    free_periods = [
        p for p in periods
        if not any(s <= p.start and p.end <= e for s, e in taken) and p not in bases
    ]
    segment = _segment(text, sentence, state, mentions)
    evidence = Evidence(sentence=sentence.index, start=sentence.start, end=sentence.end,
                        text=text[sentence.start : sentence.end])
    respectively, groups = _respectively(text, clauses, quantities, mentions, aliases, vocab, state)
    for group in groups:  # numbers listed together share the period written after the last one
        for qi in group:
            if group[-1] in bound:
                bound.setdefault(qi, bound[group[-1]])
    facts: list[Fact] = []
    for qi, q in quantities:
        clause = next((c for c in clauses if c[0] <= q.start < c[1]), clauses[-1])
        unit_class = _unit_class(q, vocab)
        assigned = respectively.get(qi, {})
        metric, negative, alias_found = _metric(text, q, unit_class, aliases, clause, vocab, assigned.get("metric"))
        if metric is None and carried:
            metric, negative, _ = _metric(text, q, unit_class, carried[-1:], (0, 0), vocab, None)
            alias_found = False
        if metric is None:
            continue
        value, value_max = q.value, q.value_max
        comparison = None
        basis = None
        name = metric
        diff_target = _difference_target(text, sentence, q, mentions)
        than = _THAN.match(text, q.end, sentence.end)
        if diff_target is not None:
            name, comparison = f"{metric}_difference", f"vs:{diff_target}"
        elif unit_class == "percentage_point" and than:
            name, comparison = f"{metric}_difference", f"vs:{than.group(1).strip()}"
        elif q.change in ("up", "down"):
            name, comparison = _changed(metric, unit_class, text, sentence, q, vocab)
            basis = next((p for p in bases if q.end <= p.start < clause[1]), None)
            if q.change == "down":
                value, value_max = -value, (-value_max if value_max is not None else None)
        if negative and not name.endswith(("_growth_yoy", "_growth_qoq", "_growth", "_change")):
            value, value_max = -abs(value), (-abs(value_max) if value_max is not None else None)
        if _is_guidance(text, clause, q, vocab):
            name = f"{name}_guidance"
        entity = assigned.get("entity") or _entity(text, q, clause, sentence, mentions, diff_target)
        if entity is None:
            entity_id, product = state.entity, None
        else:
            entity_id, product = _company_of(entity)
        if product is None:
            product = _product_for(text, q, mentions, clause, exclude=entity_id)
        kind = vocab.metrics[metric].kind
        values, explicit = _periods_for(text, sentence, qi, quantities, kind, bound, free_periods, state, published)
        if name in ("stock_price_high", "stock_price_low") or _YEARS_HIGH.search(text, q.start - 20, q.start):
            values = [v[:4] if v else v for v in values]  # "the year's high of HK$61.45"
        seg = segment if segment and (entity_id == state.segment_entity or entity is None) else None
        confidence = 0.4 + 0.2 * alias_found + 0.2 * (entity is not None or bool(assigned)) + 0.2 * explicit
        if q.change in ("up", "down") and diff_target is None and basis is not None and values[0]:
            name, comparison = _growth_against(name, metric, values[0], basis.value, vocab)
        for period in values:
            facts.append(
                Fact(
                    entity_id=entity_id, metric=name, value=value, value_max=value_max, unit=q.unit,
                    precision=q.precision, period=period, segment=seg, product=product, comparison=comparison,
                    qualifier=q.qualifier, confidence=round(min(confidence, 1.0), 2), quantity=qi,
                    evidence=evidence,
                )
            )
        if entity_id:
            state.entity = entity_id
    return facts


def _periods_for(
    text: str,
    sentence: Sentence,
    qi: int,
    quantities: list[tuple[int, Quantity]],
    kind: str,
    bound: dict[int, list[Period]],
    free_periods: list[Period],
    state: _State,
    published: str | None,
) -> tuple[list[str | None], bool]:
    """The period value(s) of one number, and whether the sentence states them."""
    periods = bound.get(qi) or []
    if not periods:
        main = _main_period(free_periods, kind)
        if main is not None:
            periods = [main]
        else:
            # "... in October, surpassing XPeng Motors (42,013 units)": the time of the sentence's
            # other numbers, but not of a number it is compared with ("compared with 11.9% in Q3 2024")
            near = sorted(
                (
                    j for j, other in quantities
                    if j in bound and not _BASIS_BEFORE.search(text, max(sentence.start, other.start - 25), other.start)
                ),
                key=lambda j: (j > qi, abs(j - qi)),
            )
            periods = bound[near[0]] if near else []
    if periods:
        return [p.value for p in periods], True
    if state.period and kind == "flow":
        return [state.period], False
    if kind == "level" and published:
        return [published], False  # a level with no date is as of publication
    return [None], False


def _metric(
    text: str,
    q: Quantity,
    unit_class: str,
    aliases: list[AliasMatch],
    clause: tuple[int, int],
    vocab: Vocabulary,
    forced: str | None,
) -> tuple[str | None, bool, bool]:
    """(metric, negative, named by an alias) for a quantity."""
    if forced:
        return forced, _negative_near(forced, aliases, q), True
    if q.unit and q.unit in vocab.noun_metric:
        return vocab.noun_metric[q.unit], False, True
    best: tuple[float, AliasMatch] | None = None
    directional = q.change in ("up", "down") and unit_class == "percent"
    for a in aliases:
        spec = vocab.metrics[a.metric]
        # "revenue ... up 199.2%": a percentage change of a metric counted in money or units
        if not (_fits(a.metric, unit_class, vocab) or (directional and (spec.growth or spec.change))):
            continue
        if a.end <= q.start:
            distance = q.start - a.end
        elif a.start >= q.end:
            distance = (a.start - q.end) * 2 + 10
        elif q.start < a.start:
            distance = 0  # the counted noun is the metric: "3,500 chargers"
        else:
            continue
        if not (clause[0] <= a.start < clause[1]):
            distance += 200
        if best is None or distance < best[0]:
            best = (distance, a)
    if best is None:
        return None, False, False
    return best[1].metric, best[1].negative, True


def _negative_near(metric: str, aliases: list[AliasMatch], q: Quantity) -> bool:
    before = [a for a in aliases if a.metric == metric and a.end <= q.start]
    return bool(before) and before[-1].negative


def _changed(
    metric: str, unit_class: str, text: str, sentence: Sentence, q: Quantity, vocab: Vocabulary
) -> tuple[str, str | None]:
    spec = vocab.metrics[metric]
    window = text[max(sentence.start, q.start - 80) : min(sentence.end, q.end + 80)]
    if unit_class == "percent" and spec.growth:
        if vocab.qoq_cues.search(window):
            return f"{metric}_growth_qoq", "qoq"
        if vocab.yoy_cues.search(window):
            return f"{metric}_growth_yoy", "yoy"
        return f"{metric}_growth", None
    if spec.change:
        return spec.change, None
    return f"{metric}_change", None


def _growth_against(name: str, metric: str, period: str, basis: str, vocab: Vocabulary) -> tuple[str, str]:
    """"up 37.1% from the third quarter of 2024" in a 2025-Q3 story is year-on-year growth."""
    if not vocab.metrics[metric].growth or "/" in period or "/" in basis:
        return name, f"vs:{basis}"
    for growth in ("yoy", "qoq"):
        if previous(period, growth) == basis:
            return f"{metric}_growth_{growth}", growth
    return name, f"vs:{basis}"


def _is_guidance(text: str, clause: tuple[int, int], q: Quantity, vocab: Vocabulary) -> bool:
    return vocab.guidance_cues.search(text, clause[0], q.start) is not None


def _difference_target(text: str, sentence: Sentence, q: Quantity, mentions: list[_Mention]) -> str | None:
    """"surpassing XPeng Motors (42,013 units) by over 6,000 units": the entity compared with."""
    if not _BY_BEFORE.search(text, sentence.start, q.start):
        return None
    verb = None
    for m in _COMPARE_VERB.finditer(text, sentence.start, q.start):
        verb = m
    if verb is None:
        return None
    after = [m for m in mentions if verb.end() <= m.start < q.start and SUBJECT_TYPES[m.type] == 0]
    return after[0].entity_id if after else None


def _entity(
    text: str,
    q: Quantity,
    clause: tuple[int, int],
    sentence: Sentence,
    mentions: list[_Mention],
    diff_target: str | None,
) -> _Mention | None:
    # "XPeng Motors (42,013 units)"
    before = text[sentence.start : q.start].rstrip()
    if before.endswith("("):
        named = [m for m in mentions if m.end <= q.start and text[m.end : q.start].strip() == "("]
        if named:
            return named[-1]
    if diff_target is not None:
        # the subject of a comparison is the first entity of the sentence that is not its object
        for m in mentions:
            if m.entity_id != diff_target and SUBJECT_TYPES[m.type] == 0:
                return m
    objects = _comparison_objects(text, sentence, mentions)
    candidates = [m for m in mentions if id(m) not in objects]
    for rank in (0, 1):
        in_clause = [m for m in candidates if clause[0] <= m.start < q.start and SUBJECT_TYPES[m.type] <= rank]
        if in_clause:
            return in_clause[-1]
    earlier = [m for m in candidates if m.start < q.start and SUBJECT_TYPES[m.type] == 0]
    if earlier:
        return earlier[-1]
    later = [m for m in candidates if q.end <= m.start < clause[1] and SUBJECT_TYPES[m.type] == 0]
    return later[0] if later else None


def _comparison_objects(text: str, sentence: Sentence, mentions: list[_Mention]) -> set[int]:
    """Mentions that are compared with, not talked about: "than Xiaomi", "among NIO, XPeng"."""
    out = set()
    for m in mentions:
        if _OBJECT_BEFORE.search(text, max(sentence.start, m.start - 30), m.start):
            out.add(id(m))
    return out


def _company_of(m: _Mention) -> tuple[str, str | None]:
    if m.type == "product" and m.parent:
        return m.parent, m.entity_id
    return m.entity_id, None


def _product_for(
    text: str, q: Quantity, mentions: list[_Mention], clause: tuple[int, int], exclude: str | None
) -> str | None:
    """A product the number is about: named inside it ("117,000 Xiaomi SU7 vehicles") or after a
    cue ("relying solely on the Xiaomi YU7 model")."""
    for m in mentions:
        if m.type != "product" or m.entity_id == exclude or not (clause[0] <= m.start < clause[1]):
            continue
        inside = q.start <= m.start < q.end
        if inside or _PRODUCT_CUE.search(text, max(clause[0], m.start - 45), m.start):
            return m.entity_id
    return None


def _bind_periods(
    text: str, quantities: list[tuple[int, Quantity]], periods: list[Period]
) -> dict[int, list[Period]]:
    """Periods written right after a number belong to it ("7.2% in the same period last year")."""
    bound: dict[int, list[Period]] = {}
    for qi, q in quantities:
        for pi, p in enumerate(periods):
            if p.start < q.end:
                continue
            gap = _PERIOD_GAP.match(text, q.end, p.start)
            if gap is None or gap.end() != p.start:
                break
            chosen = [p]
            # "in July and August" with "consecutive"/"each": one fact per period
            if pi + 1 < len(periods) and re.fullmatch(r"\s+and\s+", text[p.end : periods[pi + 1].start]):
                nxt = periods[pi + 1]
                sentence_text = text[max(0, q.start - 120) : nxt.end + 40]
                if _SPREAD_CUES.search(sentence_text) and nxt.kind == p.kind:
                    chosen.append(nxt)
                elif nxt.kind == p.kind:
                    chosen = [Period(value=f"{p.value}/{nxt.value}", kind="range", surface=p.surface,
                                     start=p.start, end=nxt.end, sentence=p.sentence)]
            bound[qi] = chosen
            break
    return bound


def _main_period(periods: list[Period], kind: str) -> Period | None:
    if kind == "flow":
        # "On November 18th, ... revenue in the third quarter": the day is the report's
        return next((p for p in periods if p.kind != "day"), None)
    # a level or an event happens on a day: "recall of 117,000 cars built in 2024, said on Friday"
    return next((p for p in periods if p.kind == "day"), periods[0] if periods else None)


def _segment(text: str, sentence: Sentence, state: _State, mentions: list[_Mention]) -> str | None:
    found = None
    for m in _SEGMENT.finditer(text, sentence.start, sentence.end):
        seg = m.group("seg").strip()
        if seg and not seg.lower().startswith(("largest", "smallest", "other", "this", "that")):
            found = seg
            break
    if found:
        owner = _first_subject(mentions)
        state.segment, state.segment_paragraph = found, sentence.paragraph
        state.segment_entity = owner or state.entity
        return found
    if state.segment and (
        _THIS_SEGMENT.search(text, sentence.start, sentence.end) or state.segment_paragraph == sentence.paragraph
    ):
        state.segment_paragraph = sentence.paragraph
        return state.segment
    return None


def _first_subject(mentions: list[_Mention]) -> str | None:
    for m in mentions:
        if SUBJECT_TYPES[m.type] == 0:
            return _company_of(m)[0]
    return None


def _respectively(
    text: str,
    clauses: list[tuple[int, int]],
    quantities: list[tuple[int, Quantity]],
    mentions: list[_Mention],
    aliases: list[AliasMatch],
    vocab: Vocabulary,
    state: _State,
) -> tuple[dict[int, dict], list[list[int]]]:
    """"XPeng and NIO delivered 42,013 and 40,397 vehicles, respectively": pair them in order.
    Returns the entity/metric assigned to each number and the groups of numbers listed together."""
    out: dict[int, dict] = {}
    groups: list[list[int]] = []
    for start, end in clauses:
        if not re.search(r"\brespectively\b", text[start:end]):
            continue
        qs = [(qi, q) for qi, q in quantities if start <= q.start < end]
        if len(qs) < 2:
            continue
        first = qs[0][1].start
        entities: list[_Mention] = []
        for m in mentions:
            listed = {e.entity_id for e in entities}
            if start <= m.start < first and SUBJECT_TYPES[m.type] == 0 and m.entity_id not in listed:
                entities.append(m)
        unit_class = _unit_class(qs[0][1], vocab)
        metrics: list[str] = []
        for a in aliases:
            if start <= a.start < first and _fits(a.metric, unit_class, vocab) and a.metric not in metrics:
                metrics.append(a.metric)
        groups.append([qi for qi, _ in qs])
        if len(metrics) == len(qs):
            state.resp_metrics = metrics
        elif not metrics and len(state.resp_metrics) == len(qs):
            metrics = state.resp_metrics
        for n, (qi, _q) in enumerate(qs):
            assigned: dict = {}
            if len(entities) == len(qs):
                assigned["entity"] = entities[n]
            elif len(entities) == 1:
                assigned["entity"] = entities[0]
            if len(metrics) == len(qs):
                assigned["metric"] = metrics[n]
            out[qi] = assigned
    return out, groups


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """Keep one of each fact; a headline's undated copy of a dated fact goes."""
    dated = {(f.entity_id, f.metric, f.value) for f in facts if f.period}
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.entity_id, f.metric, f.value, f.unit, f.period)
        if key in seen or (f.period is None and key[:3] in dated):
            continue
        seen.add(key)
        out.append(f)
    return out
