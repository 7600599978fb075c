"""Checks of a story's arithmetic against its own numbers.

Each check turns the stated number and its inputs into intervals (see ``intervals.py``): the
rounding their written precision implies, widened or opened by their qualifier. A claim is
``consistent`` when the stated interval meets the computed one, ``inconsistent`` when it does
not, and ``unverifiable`` when the story does not give the inputs.

- percent_change: "down over 30% from HK$61.45 to HK$40.78"
- difference: "surpassing XPeng (42,013 units) by over 6,000 units", against both facts
- ratio: a stated margin against profit / revenue of the same entity, period and segment
- share: a segment's stated share against segment / total
- sum: a total against its parts ("a total of 50,000, of which 32,000 ... and 23,000 ...")
- growth_base: "RMB 29 billion, up 199.2% year-on-year" implies the year-earlier figure
- ranking: "the highest among NIO, XPeng and Li Auto" against those entities' figures
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import shipped_yaml
from ..facts.metric_name import MetricName
from ..models import Analysis, Check, Fact, Quantity, Sentence
from ..periods.value import previous
from .intervals import Interval, difference, ratio, scale, shift, stated, total


def _cue_before(words: list[str], gap: str) -> re.Pattern[str]:
    """A word (Latin with word boundaries, Chinese anywhere) followed by ``gap`` up to the number."""
    latin = [re.escape(w) for w in words if w.isascii()]
    cjk = [re.escape(w) for w in words if not w.isascii()]
    parts = [rf"\b(?:{'|'.join(latin)})\b{gap}$"] if latin else []
    parts += [rf"(?:{'|'.join(cjk)}){gap}$"] if cjk else []
    return re.compile("|".join(parts), re.IGNORECASE)


def _plain(metric: str) -> bool:
    """A level or flow as reported: no change, difference or outlook."""
    name = MetricName.parse(metric)
    return name.change is None and name.outlook is None


@dataclass(frozen=True)
class Rules:
    ratios: dict[str, tuple[str, str]]
    shares: dict[str, str]
    comparable: dict[str, frozenset[str]]
    rank_words: dict[str, str]
    change_from: re.Pattern[str]
    change_to: re.Pattern[str]
    sum_equal: tuple[str, ...]
    sum_at_most: tuple[str, ...]


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    data = shipped_yaml("verify.yaml")
    comparable: dict[str, frozenset[str]] = {}
    for group in data["comparable"]:
        for metric in group:
            comparable[metric] = frozenset(group)
    return Rules(
        ratios={k: (v["numerator"], v["denominator"]) for k, v in data["ratios"].items()},
        shares=dict(data["shares"]),
        comparable=comparable,
        rank_words=dict(data["rank_words"]),
        change_from=_cue_before(data.get("change_from", ["from"]), r"[^,;，；]{0,40}"),
        change_to=_cue_before(data.get("change_to", ["to"]), r"\s*"),
        sum_equal=tuple(data["sum_cues"]["equal"]),
        sum_at_most=tuple(data["sum_cues"]["at_most"]),
    )


def check_document(analysis: Analysis, rules: Rules | None = None) -> list[Check]:
    rules = rules or load_rules()
    checks: list[Check] = []
    for make in (_percent_changes, _differences, _ratios, _shares, _sums, _growth_bases, _rankings):
        checks.extend(make(analysis, rules))
    return checks


# -- helpers -------------------------------------------------------------------------------


def _fmt(x: float) -> str:
    if abs(x) >= 1e9:
        return f"{x / 1e9:,.2f}bn"
    if abs(x) >= 1e6:
        return f"{x / 1e6:,.2f}m"
    return f"{x:,.4g}" if abs(x) < 1e4 else f"{x:,.0f}"


def _verdict(stated_i: Interval, computed_i: Interval | None) -> str:
    if computed_i is None:
        return "unverifiable"
    return "consistent" if stated_i.meets(computed_i) else "inconsistent"


def _tolerance(stated_i: Interval, computed_i: Interval | None) -> float | None:
    widths = [stated_i.half_width] + ([computed_i.half_width] if computed_i is not None else [])
    finite = [w for w in widths if w != float("inf")]
    return round(sum(finite), 6) if finite else None


def _fact_interval(f: Fact) -> Interval:
    return stated(f.value, f.precision, f.qualifier)


def _q_interval(q: Quantity) -> Interval:
    return stated(q.value, q.precision, q.qualifier)


def _check(
    kind: str, analysis: Analysis, sentence: int, span: tuple[int, int], stated_i: Interval,
    stated_value: float, computed_i: Interval | None, inputs: dict[str, float], detail: str,
) -> Check:
    return Check(
        kind=kind,  # type: ignore[arg-type]
        claim=analysis.sentence_text(sentence) if sentence >= 0 else "",
        start=span[0],
        end=span[1],
        inputs=inputs,
        computed=None if computed_i is None else round(computed_i.mid, 6),
        stated=stated_value,
        tolerance=_tolerance(stated_i, computed_i),
        verdict=_verdict(stated_i, computed_i),  # type: ignore[arg-type]
        detail=detail,
    )


def _span(analysis: Analysis, f: Fact) -> tuple[int, int]:
    if f.quantity is not None:
        q = analysis.quantities[f.quantity]
        return q.start, q.end
    return f.evidence.start, f.evidence.end


def _find(
    facts: list[Fact],
    entity: str | None,
    metrics: frozenset[str] | set[str] | list[str],
    period: str | None,
    segment: str | None = None,
    any_segment: bool = False,
) -> Fact | None:
    """The fact of the entity, one of the metrics and the period (and segment); an exact figure
    before a bounded one ("48,654" before "over 40,000"), then in the order of ``metrics``."""
    order = list(metrics) if isinstance(metrics, list) else sorted(metrics)
    found = [
        f for f in facts
        if f.entity_id == entity and f.metric in metrics and f.period == period
        and (any_segment or f.segment == segment)
    ]
    found.sort(key=lambda f: (f.qualifier != "=", order.index(f.metric)))
    return found[0] if found else None


# -- the checks ----------------------------------------------------------------------------


def _percent_changes(analysis: Analysis, rules: Rules) -> Iterator[Check]:
    """"down over 30% from the year's high of HK$61.45" with HK$40.78 in the same sentence."""
    text = analysis.document.text
    metrics_of: dict[int, set[str]] = {}
    for fact in analysis.facts:
        if fact.quantity is not None:
            metrics_of.setdefault(fact.quantity, set()).add(fact.metric)
    for f in analysis.facts:
        if f.unit != "percent" or not MetricName.parse(f.metric).is_move or f.quantity is None:
            continue
        pct = analysis.quantities[f.quantity]
        sentence: Sentence = analysis.sentences[pct.sentence]
        base = re.sub(r"_(?:change|growth(?:_yoy|_qoq)?)$", "", f.metric)
        family = rules.comparable.get(base, frozenset({base}))
        # the two levels must be of the changing metric: not "net loss from RMB 6.8 billion"
        # next to "deliveries rose 25.6%"
        levels = [
            q for i, q in enumerate(analysis.quantities)
            if q.sentence == pct.sentence and q is not pct and q.unit not in ("percent", "percentage_point")
            and q.change not in ("up", "down") and metrics_of.get(i, set()) & family
        ]
        old = next(
            (q for q in levels if rules.change_from.search(text, max(sentence.start, q.start - 45), q.start)), None
        )
        if old is None:
            continue
        others = [q for q in levels if q is not old and q.unit == old.unit]
        if not others:
            continue
        to_new = [q for q in others if rules.change_to.search(text, max(sentence.start, q.start - 5), q.start)]
        new = to_new[0] if to_new else min(others, key=lambda q: abs(q.start - pct.start))
        computed = ratio(_q_interval(new), _q_interval(old))
        computed = shift(scale(computed, 100.0), -100.0) if computed is not None else None
        stated_i = _fact_interval(f)
        yield _check(
            "percent_change", analysis, pct.sentence, (pct.start, pct.end), stated_i, f.value, computed,
            {"from": old.value, "to": new.value},
            f"({_fmt(new.value)} - {_fmt(old.value)}) / {_fmt(old.value)} = "
            f"{(new.value / old.value - 1) * 100:+.1f}%; stated {pct.surface!r}",
        )


def _differences(analysis: Analysis, rules: Rules) -> Iterator[Check]:
    """"by over 6,000 units" against the two entities' own figures."""
    for f in analysis.facts:
        if not f.metric.endswith("_difference") or not (f.comparison or "").startswith("vs:"):
            continue
        base = f.metric.removesuffix("_difference")
        if f.unit == "percentage_point":
            continue  # a margin gap to something the story does not quantify
        other_id = f.comparison[3:]  # type: ignore[index]
        family = [base, *sorted(rules.comparable.get(base, frozenset()) - {base})]
        mine = _find(analysis.facts, f.entity_id, family, f.period, any_segment=True)
        theirs = _find(analysis.facts, other_id, family, f.period, any_segment=True)
        stated_i = _fact_interval(f)
        span = _span(analysis, f)
        if mine is None or theirs is None:
            yield _check("difference", analysis, f.evidence.sentence, span, stated_i, f.value, None, {},
                         f"no {base} of {f.entity_id if mine is None else other_id} for {f.period} in the story")
            continue
        computed = difference(_fact_interval(mine), _fact_interval(theirs))
        yield _check(
            "difference", analysis, f.evidence.sentence, span, stated_i, f.value, computed,
            {f.entity_id or "subject": mine.value, other_id: theirs.value},
            f"{_fmt(mine.value)} - {_fmt(theirs.value)} = {_fmt(mine.value - theirs.value)}",
        )


def _ratios(analysis: Analysis, rules: Rules) -> Iterator[Check]:
    """A stated margin against profit / revenue."""
    for f in analysis.facts:
        if f.metric not in rules.ratios:
            continue
        num_metric, den_metric = rules.ratios[f.metric]
        num = _find(analysis.facts, f.entity_id, {num_metric}, f.period, f.segment)
        den = _find(analysis.facts, f.entity_id, {den_metric}, f.period, f.segment)
        if num is None or den is None:
            continue
        computed = ratio(_fact_interval(num), _fact_interval(den))
        computed = scale(computed, 100.0) if computed is not None else None
        yield _check(
            "ratio", analysis, f.evidence.sentence, _span(analysis, f), _fact_interval(f), f.value, computed,
            {num_metric: num.value, den_metric: den.value},
            f"{_fmt(num.value)} / {_fmt(den.value)} = {num.value / den.value * 100:.2f}%",
        )


def _shares(analysis: Analysis, rules: Rules) -> Iterator[Check]:
    """A segment's stated share of the total."""
    for f in analysis.facts:
        if f.metric not in rules.shares:
            continue
        metric = rules.shares[f.metric]
        part = _find(analysis.facts, f.entity_id, {metric}, f.period, f.segment)
        whole = _find(analysis.facts, f.entity_id, {metric}, f.period, None)
        if part is None or whole is None or part is whole:
            continue
        computed = ratio(_fact_interval(part), _fact_interval(whole))
        computed = scale(computed, 100.0) if computed is not None else None
        yield _check(
            "share", analysis, f.evidence.sentence, _span(analysis, f), _fact_interval(f), f.value, computed,
            {"part": part.value, "total": whole.value},
            f"{_fmt(part.value)} / {_fmt(whole.value)} = {part.value / whole.value * 100:.2f}%",
        )


def _sums(analysis: Analysis, rules: Rules) -> Iterator[Check]:
    """"a total of 50,000 vehicles, of which 32,000 ... and 23,000 ..." : parts against the total."""
    text = analysis.document.text
    cues = [(c, "equal") for c in rules.sum_equal] + [(c, "at_most") for c in rules.sum_at_most]
    for sentence in analysis.sentences:
        chunk = text[sentence.start : sentence.end]
        for cue, mode in cues:
            m = re.search(rf"(?<![\w]){re.escape(cue)}(?![\w])", chunk, re.IGNORECASE)
            if m is None:
                continue
            at = sentence.start + m.start()
            in_sentence = [q for q in analysis.quantities if q.sentence == sentence.index]
            before = [q for q in in_sentence if q.end <= at]
            if not before:
                continue
            whole = before[-1]
            parts = [q for q in in_sentence if q.start >= at + len(cue) and _comparable_units(q, whole)]
            if len(parts) < (2 if mode == "equal" else 1):
                continue
            stated_i = _q_interval(whole)
            summed = total([_q_interval(p) for p in parts])
            if mode == "equal":
                computed: Interval | None = summed
                verdict_i = summed
            else:  # the listed parts may be only some of the total: they must not exceed it
                computed = summed
                verdict_i = Interval(summed.lo, float("inf"))
            check = _check(
                "sum", analysis, sentence.index, (whole.start, whole.end), stated_i, whole.value, computed,
                {f"part {i + 1}": p.value for i, p in enumerate(parts)},
                " + ".join(_fmt(p.value) for p in parts) + f" = {_fmt(sum(p.value for p in parts))}"
                + (f" (parts after {cue!r} may be incomplete)" if mode == "at_most" else ""),
            )
            check.verdict = _verdict(stated_i, verdict_i)  # type: ignore[assignment]
            yield check
            break


def _comparable_units(a: Quantity, b: Quantity) -> bool:
    if a.unit == b.unit:
        return True
    counts = {None, "vehicle", "unit", "delivery", "car"}
    return a.unit in counts and b.unit in counts


def _growth_bases(analysis: Analysis, rules: Rules) -> Iterator[Check]:
    """"RMB 29 billion, up 199.2% year-on-year": the implied year-earlier figure, checked against
    the story's own figure for that period when it gives one."""
    for f in analysis.facts:
        name = MetricName.parse(f.metric)
        if name.basis is None or not f.period or "/" in f.period:
            continue
        base = str(name.level)
        current = _find(analysis.facts, f.entity_id, {base}, f.period, f.segment)
        if current is None or current.evidence.sentence != f.evidence.sentence:
            continue
        prior_period = previous(f.period, name.basis)
        if prior_period is None:
            continue
        growth = _fact_interval(f)
        prior = _find(analysis.facts, f.entity_id, {base}, prior_period, f.segment)
        implied_value = current.value / (1 + f.value / 100)
        detail = f"{_fmt(current.value)} / (1 {f.value:+.1f}%) = {_fmt(implied_value)} for {prior_period}"
        span = _span(analysis, f)
        if prior is None:
            yield _check("growth_base", analysis, f.evidence.sentence, span, growth, f.value, None,
                         {"current": current.value, "implied_prior": round(implied_value, 6)},
                         detail + " (not in the story; checked against the store)")
            continue
        computed = ratio(_fact_interval(current), _fact_interval(prior))
        computed = shift(scale(computed, 100.0), -100.0) if computed is not None else None
        yield _check("growth_base", analysis, f.evidence.sentence, span, growth, f.value, computed,
                     {"current": current.value, "prior": prior.value}, detail)


def _rankings(analysis: Analysis, rules: Rules) -> Iterator[Check]:
    """"XPeng Motors (42,013 units), the highest among NIO, XPeng, and Li Auto"."""
    text = analysis.document.text
    words = "|".join(rules.rank_words)
    pattern = re.compile(rf"\bthe\s+({words})\s+among\s+", re.IGNORECASE)
    mentions = sorted(
        ((m.start, m.end, e.id) for e in analysis.entities for m in e.mentions), key=lambda t: t[0]
    )
    for m in pattern.finditer(text):
        sentence = analysis.sentence_at(m.start())
        facts_here = [
            f for f in analysis.facts
            if f.evidence.sentence == sentence and f.quantity is not None and _plain(f.metric)
            and analysis.quantities[f.quantity].end <= m.start()
        ]
        if not facts_here:
            continue
        # ", the highest among" right after "XPeng Motors (42,013 units)" describes XPeng;
        # "... and the highest among" describes the sentence's subject
        last_q = analysis.quantities[facts_here[-1].quantity]  # type: ignore[index]
        appositive = re.fullmatch(r"[^,;]{0,12}\)?\s*,\s*", text[last_q.end : m.start()]) is not None
        subject = facts_here[-1] if appositive else facts_here[0]
        family = [subject.metric, *sorted(rules.comparable.get(subject.metric, frozenset()) - {subject.metric})]
        sentence_end = analysis.sentences[sentence].end
        listed = []
        for start, _end, eid in mentions:
            if m.end() <= start < min(sentence_end, m.end() + 80) and eid != subject.entity_id and eid not in listed:
                listed.append(eid)
        known = {}
        for eid in listed:
            other = _find(analysis.facts, eid, family, subject.period, any_segment=True)
            if other is not None:
                known[eid] = other.value
        direction = rules.rank_words[m.group(1).lower()]
        span = _span(analysis, subject)
        stated_i = _fact_interval(subject)
        if not known:
            yield _check("ranking", analysis, sentence, span, stated_i, subject.value, None, {},
                         f"no {subject.metric} for {', '.join(listed)} in {subject.period}")
            continue
        best = max(known.values()) if direction == "max" else min(known.values())
        holds = subject.value >= best if direction == "max" else subject.value <= best
        missing = [eid for eid in listed if eid not in known]
        check = _check(
            "ranking", analysis, sentence, span, stated_i, subject.value,
            Interval(best, best), {subject.entity_id or "subject": subject.value, **known},
            f"{subject.entity_id} {_fmt(subject.value)} vs " + ", ".join(f"{k} {_fmt(v)}" for k, v in known.items())
            + (f"; no figure for {', '.join(missing)}" if missing else ""),
        )
        check.verdict = "consistent" if holds else "inconsistent"
        check.computed = best
        yield check
