"""Detect events sentence by sentence and merge their mentions across the story.

For each sentence (bylines and habitual sentences such as "has frequently helped" are skipped):

1. Types: every type whose trigger occurs, whose ``requires`` words occur and whose ``excludes``
   do not. A plain ``statement`` only counts when no other type fired and a speaker (a person,
   company or organisation) is named before the verb.
2. Date: the nearest day in the sentence, else the nearest month, else any other period. Only
   periods before the verb count for speech. "As of" dates only stock moves. Reporting periods
   (a quarter for earnings) are the ``period`` attribute, not the date. "accidents in March and
   October" gives one mention per month. A sentence without a date leaves the mention undated;
   it takes the story time (the last day or month named before) only if it never meets a dated
   mention.
3. Participants: entities of the sentence in roles by type (company, counterparty, person,
   product, authority, platform). The main entity is the speaker for speech, else the company
   nearest the trigger (a product stands for its company), else the previous event's.
4. Attributes from the sentence's facts (fatalities, vehicles recalled, revenue...), flags such
   as ``fire``, and for reporting types the reporting or target period.
5. Modality: denied > rumored > expected > negated > confirmed. Rumour and denial cues count
   anywhere in the sentence outside quotes; expectation and negation only next to the trigger.
   Cues that are part of the trigger do not count.

Merging: a mention joins an earlier event of the same type about the same company family when
their dates agree (equal, or one contains the other). An undated mention joins the latest such
event if it refers back to it ("the accident", "the recall"), or if that event is within 14
days of the story time. Statements on the day of a rumour denial by the same speaker fold into
it. Events more than ``max_age_days`` before publication are background and dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..entities.families import family_roots
from ..models import Analysis, Event, Evidence, Fact, Participant, Period, Sentence
from ..periods.value import PeriodValue
from .taxonomy import EventType, Taxonomy

SPEECH = {"statement", "rumor_denial"}
PERSONNEL = {"executive_change", "appointment", "resignation"}
MODALITY_ORDER = ["denied", "rumored", "expected", "negated", "confirmed"]
MERGE_WINDOW_DAYS = 14
_BASIS_BEFORE = re.compile(r"(?:\bfrom|\bthan|\bcompared\s+(?:with|to)|\bsince|\buntil)\s+(?:the\s+)?$", re.I)
_AS_OF_BEFORE = re.compile(r"\bas\s+of\s+(?:the\s+)?$", re.I)
# "the accident", "this recall", "the police investigation", "the two traffic accidents": a
# reference back to a known event. Only determiners and a few modifiers may stand between
# ("that it delivered" and "the company appointed" are not references).
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:(?:two|three|both|same|fatal|deadly|severe|serious|traffic|police|"
    r"car|vehicle|safety|whole|entire|earlier|previous|above|aforementioned)\s+){0,2}$",
    re.I,
)
_FOLLOWING_GAP = re.compile(
    r"\s*(?:,\s*)?(?:in|on|at|during|of|from)?\s*(?:the\s+)?(?:(?:end|start|beginning|middle)\s+of\s+)?$", re.I
)
_SPEECH_DATE_GAP = re.compile(r"[^\"'“”‘’]{0,20}?\b(?:on|in)\s+(?:the\s+)?", re.I)
_BYLINE = re.compile(r"\b(?:Written|Edited|Produced|Reported|Compiled|Translated)\s+by\b")
_QUOTE_CHARS = "\"'“”‘’"
_OPENERS = " \t\n(,:;—-"


@dataclass
class _Entity:
    id: str
    type: str
    parent: str | None
    start: int
    end: int


@dataclass
class _Draft:
    type: EventType
    date: str | None  # explicit, from the sentence
    story_time: str | None  # fallback when no mention is ever dated
    modality: str
    main: str | None
    family: str | None
    participants: dict[str, str] = field(default_factory=dict)  # entity id -> role
    attributes: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    order: int = 0  # last document position touched, for "the latest such event"
    headline_only: bool = False  # told only in the headline, which summarises the body
    primary_modality: str | None = None  # modality of the mention that dates it


def detect_events(analysis: Analysis, taxonomy: Taxonomy, max_age_days: int = 365) -> list[Event]:
    text = analysis.document.text
    published = analysis.document.published_at
    entities = _entities(analysis)
    roots = family_roots(entities)
    facts_by_sentence: dict[int, list[Fact]] = {}
    for f in analysis.facts:
        facts_by_sentence.setdefault(f.evidence.sentence, []).append(f)
    periods_by_sentence: dict[int, list[Period]] = {}
    for p in analysis.periods:
        periods_by_sentence.setdefault(p.sentence, []).append(p)
    subject = next((e.id for e in analysis.entities if e.type == "company"), None)
    last_company = subject
    types_of = {e.id: e.type for e in entities}
    headline = analysis.sentences[0].paragraph if analysis.document.title and analysis.sentences else None
    quotes = quote_spans(text)
    story_time = published.isoformat() if published else None
    drafts: list[_Draft] = []
    last_main = subject
    for sentence in analysis.sentences:
        s_entities = [e for e in entities if sentence.start <= e.start < sentence.end]
        periods = periods_by_sentence.get(sentence.index, [])
        skip = (
            _BYLINE.search(text, sentence.start, min(sentence.end, sentence.start + 120))
            or (taxonomy.habitual_re is not None and taxonomy.habitual_re.search(text, sentence.start, sentence.end))
            or (taxonomy.hypothetical_re is not None and taxonomy.hypothetical_re.match(text, sentence.start))
        )
        if not skip:
            for etype, trigger in _types_in(text, sentence, s_entities, taxonomy, quotes):
                main = _main_entity(etype, trigger, s_entities, last_main if etype.name in SPEECH else last_company)
                # "the accident", "the recall scope": a reference back, whatever the sentence's date
                anaphoric = _DEFINITE.search(text, max(sentence.start, trigger[0] - 30), trigger[0]) is not None and (
                    re.match(r"\s+of\b", text[trigger[1] : trigger[1] + 4]) is None
                )
                dates = [] if anaphoric else _dates(text, sentence, etype, trigger, periods, taxonomy)
                for when in dates or [None]:
                    draft = _Draft(
                        type=etype,
                        date=when,
                        story_time=story_time,
                        modality=_modality(text, sentence, etype, trigger, quotes, taxonomy),
                        main=main,
                        family=roots.get(main or "", main),
                        participants=_participants(etype, s_entities, main, types_of),
                        attributes=_attributes(
                            text, sentence, etype, trigger, facts_by_sentence.get(sentence.index, []),
                            periods, main, roots, taxonomy, {e.id for e in s_entities},
                        ),
                        evidence=[Evidence(sentence=sentence.index, start=sentence.start, end=sentence.end,
                                           text=text[sentence.start : sentence.end])],
                        order=trigger[0],
                    )
                    if when is not None:
                        draft.primary_modality = draft.modality
                    draft.headline_only = headline is not None and sentence.paragraph == headline
                    _merge(drafts, draft, anaphoric)
                    last_main = main or last_main
                    if main and types_of.get(main, "company") == "company":
                        last_company = main
        story_time = _advance_story_time(text, sentence, periods, quotes, story_time)
    _fold_headlines(drafts)
    _fold_statements(drafts)
    return _finalize(drafts, published, max_age_days)


# -- per sentence --------------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Outermost quoted passages, which may run over several sentences. A quote mark opens after a
    space or punctuation and closes before one; an apostrophe between letters is neither."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch not in _QUOTE_CHARS:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # Xiaomi's, don't
        opening = ch in "“‘" or (ch not in "”’" and (before in _OPENERS or i == 0) and not after.isspace())
        if opening:
            if depth == 0:
                start = i
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
        if depth > 3:  # unbalanced marks: give up rather than swallow the story
            depth = 0
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _entities(analysis: Analysis) -> list[_Entity]:
    out = [
        _Entity(e.id, e.type, e.parent, m.start, m.end)
        for e in analysis.entities
        for m in e.mentions
    ]
    out.sort(key=lambda e: e.start)
    return out


def _types_in(
    text: str, sentence: Sentence, s_entities: list[_Entity], taxonomy: Taxonomy, quotes: list[tuple[int, int]]
) -> list[tuple[EventType, tuple[int, int]]]:
    found = []
    for etype in taxonomy.types.values():
        # words inside a quotation are what someone said, not what happened (except for speech,
        # where the quotation is the statement: "... smearing us")
        m = next((m for m in etype.trigger_re.finditer(text, sentence.start, sentence.end)
                  if etype.name in SPEECH or not _inside(m.start(), quotes)), None)
        if m is None:
            continue
        if etype.requires_re is not None and not etype.requires_re.search(text, sentence.start, sentence.end):
            continue
        if etype.excludes_re is not None and etype.excludes_re.search(text, sentence.start, sentence.end):
            continue
        found.append((etype, (m.start(), m.end())))
    suppressed = {name for etype, _ in found for name in etype.spec.suppresses}
    found = [f for f in found if f[0].name not in suppressed]
    others = [f for f in found if f[0].name != "statement"]
    if others:
        return others
    # a plain statement needs a speaker named before its verb
    return [
        (etype, trig) for etype, trig in found
        if any(e.end <= trig[0] and e.type in ("person", "company", "organisation") for e in s_entities)
    ]


def _dates(
    text: str, sentence: Sentence, etype: EventType, trigger: tuple[int, int], periods: list[Period], taxonomy: Taxonomy
) -> list[str]:
    usable = []
    for p in periods:
        before = text[max(sentence.start, p.start - 25) : p.start]
        if _BASIS_BEFORE.search(before):
            continue
        if _AS_OF_BEFORE.search(before) and etype.name not in taxonomy.as_of_types:
            continue
        if etype.name in taxonomy.reporting_types and p.kind in ("quarter", "half", "year", "range"):
            continue
        if etype.name in SPEECH and p.start > trigger[0] and not _SPEECH_DATE_GAP.fullmatch(text[trigger[1] : p.start]):
            continue  # "said that in April ..." dates what was said; "said on November 18th" dates the saying
        usable.append(p)
    if not usable:
        return []
    # "accidents in March and October": a plural trigger followed by periods joined by "and"
    following = [p for p in usable if p.start >= trigger[1] and _FOLLOWING_GAP.fullmatch(text[trigger[1] : p.start])]
    if following:
        chain = [following[0]]
        rest = [p for p in usable if p.start > following[0].end]
        for p in rest:
            if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[chain[-1].end : p.start]):
                chain.append(p)
            else:
                break
        if len(chain) > 1 and text[trigger[0] : trigger[1]].lower().endswith("s"):
            return [p.value for p in chain]
    for kind in ("day", "month"):
        pool = [p for p in usable if p.kind == kind]
        if pool:
            return [min(pool, key=lambda p: _distance(p, trigger)).value]
    return [min(usable, key=lambda p: _distance(p, trigger)).value]


def _distance(p: Period, trigger: tuple[int, int]) -> int:
    return trigger[0] - p.end if p.end <= trigger[0] else p.start - trigger[1]


def _main_entity(
    etype: EventType, trigger: tuple[int, int], s_entities: list[_Entity], fallback: str | None
) -> str | None:
    """The speaker for speech; else the first type of ``subject`` named (a product standing for
    its company, a person for theirs in personnel news), nearest the trigger; else ``fallback``."""
    if etype.name in SPEECH:
        speakers = [e for e in s_entities if e.end <= trigger[0] and e.type in ("person", "company", "organisation")]
        people = [e for e in speakers if e.type == "person"]
        return (people or speakers)[-1].id if (people or speakers) else fallback
    for kind in etype.spec.subject:
        pool = [e for e in s_entities if e.type == kind]
        if kind == "company":
            pool += [_Entity(p.parent, "company", None, p.start, p.end) for p in s_entities  # type: ignore[arg-type]
                     if p.type == "product" and p.parent]
            if etype.name in PERSONNEL:
                pool += [_Entity(p.parent, "company", None, p.start, p.end) for p in s_entities  # type: ignore[arg-type]
                         if p.type == "person" and p.parent]
        if pool:
            before = sorted((e for e in pool if e.end <= trigger[0]), key=lambda e: e.start)
            after = sorted((e for e in pool if e.start >= trigger[0]), key=lambda e: e.start)
            if etype.spec.subject_after and after:
                return after[0].id
            return (before[0] if before else after[0] if after else pool[0]).id
    return fallback


def _participants(
    etype: EventType, s_entities: list[_Entity], main: str | None, types_of: dict[str, str]
) -> dict[str, str]:
    roles: dict[str, str] = {}
    if main:  # the main entity comes first
        kind = types_of.get(main, "company")
        roles[main] = "authority" if kind == "organisation" else kind
    expected = set(etype.spec.roles)
    for e in s_entities:
        if e.id in roles:
            continue
        if e.type == "company":
            role = "company" if (e.id == main or "counterparty" not in expected or not roles) else "counterparty"
        elif e.type == "organisation":
            role = "authority" if "authority" in expected else "organisation"
        elif e.type in ("person", "product", "platform", "place", "index"):
            role = e.type
        else:
            continue  # media: the source, not a participant
        roles[e.id] = role
    return roles


def _attributes(
    text: str, sentence: Sentence, etype: EventType, trigger: tuple[int, int], facts: list[Fact],
    periods: list[Period], main: str | None, roots: dict[str, str], taxonomy: Taxonomy, named: set[str],
) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    family = roots.get(main or "", main)
    for f in facts:
        name = etype.spec.attributes.get(f.metric)
        about = f.entity_id is None or f.entity_id in named or roots.get(f.entity_id, f.entity_id) == family
        if name and about:
            attrs.setdefault(name, f.value)
            if f.product:
                attrs.setdefault("product", f.product)
    for flag, pattern in etype.flag_res.items():
        if pattern.search(text, sentence.start, sentence.end):
            attrs[flag] = True
    if etype.name in taxonomy.reporting_types:
        reporting = [p for p in periods if p.kind in ("quarter", "half", "year", "range", "month")
                     and not _BASIS_BEFORE.search(text, max(sentence.start, p.start - 25), p.start)]
        after = [p for p in reporting if p.start >= trigger[1]]
        if etype.name == "guidance" and after:
            attrs["target_period"] = after[0].value
        elif reporting:
            attrs["period"] = min(reporting, key=lambda p: _distance(p, trigger)).value
    return attrs


def _modality(
    text: str, sentence: Sentence, etype: EventType, trigger: tuple[int, int], quotes: list[tuple[int, int]],
    taxonomy: Taxonomy,
) -> str:
    found = set()
    windows = {
        "rumored": (sentence.start, sentence.end),
        "denied": (sentence.start, sentence.end),
        "expected": (max(sentence.start, trigger[0] - 40), min(sentence.end, trigger[1] + 10)),
        "negated": (max(sentence.start, trigger[0] - 25), trigger[0]),
    }
    for name, pattern in taxonomy.modality_res.items():
        if (etype.name in SPEECH and name == "denied") or (etype.name == "rumor_denial" and name == "rumored"):
            continue  # a rumour denial is itself a confirmed statement, whatever it denies
        start, end = windows.get(name, (sentence.start, sentence.end))
        for m in pattern.finditer(text, start, end):
            inside_trigger = m.start() < trigger[1] and trigger[0] < m.end()
            quoted = any(q0 <= m.start() < q1 for q0, q1 in quotes)
            if not inside_trigger and not quoted:
                found.add(name)
                break
    for name in MODALITY_ORDER:
        if name in found:
            return name
    return etype.spec.modality or "confirmed"


def _advance_story_time(
    text: str, sentence: Sentence, periods: list[Period], quotes: list[tuple[int, int]], current: str | None
) -> str | None:
    """The story's clock moves with the days it names ("On April 3rd"), not with months named in
    passing ("accidents in March and October") or quoted."""
    for p in periods:
        if p.kind != "day" or _inside(p.start, quotes):
            continue
        before = text[max(sentence.start, p.start - 25) : p.start]
        if _BASIS_BEFORE.search(before) or _AS_OF_BEFORE.search(before):
            continue
        current = p.value
    return current


# -- merging -------------------------------------------------------------------------------


def _compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    a0, b0 = a.split("/")[0], b.split("/")[0]
    return a0.startswith(b0) or b0.startswith(a0)


def _span(value: str | None) -> tuple[date, date] | None:
    """The first and last day a period string covers: '2025' -> Jan 1 - Dec 31."""
    p = PeriodValue.maybe(value)
    return (p.first, p.last) if p else None


def _close(a: str | None, b: str | None) -> bool:
    """Two periods within ``MERGE_WINDOW_DAYS`` of each other (a year is close to its days)."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return True
    gap = max((sb[0] - sa[1]).days, (sa[0] - sb[1]).days, 0)
    return gap <= MERGE_WINDOW_DAYS


def _merge(drafts: list[_Draft], new: _Draft, definite: bool) -> None:
    same = [d for d in drafts if d.type.name == new.type.name and d.family == new.family]
    target = None
    if new.date is not None:
        exact = [d for d in same if d.date is not None and _compatible(d.date, new.date)]
        # an undated mention ("due to a recall") is told by the next dated one ("On September 19th,
        # ... announced the recall"), or by one close in time
        pending = [
            d for d in same if d.date is None
            and (_close(d.story_time, new.date) or new.evidence[0].sentence - d.evidence[-1].sentence <= 2)
        ]
        target = (exact or pending or [None])[-1]
        if target is not None:
            for other in pending:
                if other is not target:
                    _absorb(target, other)
                    drafts.remove(other)
    elif same:
        if definite:
            target = max(same, key=lambda d: d.order)
        else:
            near = [d for d in same if _close(d.date or d.story_time, new.story_time)]
            target = max(near, key=lambda d: d.order) if near else None
    if target is None:
        drafts.append(new)
        return
    _absorb(target, new)


def _absorb(target: _Draft, new: _Draft) -> None:
    """Fold one mention (or draft) into an event draft."""
    if new.date is not None and (target.date is None or len(new.date) > len(target.date)):
        target.date = new.date
        target.primary_modality = new.primary_modality  # the dated mention tells what happened
    if new.story_time and (target.story_time is None or new.story_time < target.story_time):
        target.story_time = new.story_time
    target.modality = min(target.modality, new.modality, key=MODALITY_ORDER.index)
    for eid, role in new.participants.items():
        target.participants.setdefault(eid, role)
    # a rebuttal first told without its speaker ("... smearing us") is the speaker's once named
    if target.type.name in SPEECH and new.main and target.participants.get(new.main) == "person" and (
        target.participants.get(target.main or "") != "person"
    ):
        target.main = new.main
        target.participants = {new.main: "person", **target.participants}
    for key, value in new.attributes.items():
        target.attributes.setdefault(key, value)
    target.evidence.extend(e for e in new.evidence if e not in target.evidence)
    target.order = max(target.order, new.order)
    if target.headline_only and not new.headline_only:
        target.headline_only = False
        target.main, target.family = new.main, new.family  # the body names the actors
        target.participants = {**new.participants, **target.participants}


def _fold_headlines(drafts: list[_Draft]) -> None:
    """A headline ("crashes, launches, price cuts and a bankruptcy") summarises events the body
    tells: fold each headline-only draft into the body's event of that type (of the same company
    when the headline names one)."""
    for d in [d for d in drafts if d.headline_only]:
        named = any(role != "company" or eid != d.main for eid, role in d.participants.items()) or bool(d.participants)
        body = [b for b in drafts if not b.headline_only and b.type.name == d.type.name
                and (b.family == d.family or not named)]
        if body:
            home = min(body, key=lambda b: b.order)
            home.evidence[:0] = [e for e in d.evidence if e not in home.evidence]
            drafts.remove(d)


def _fold_statements(drafts: list[_Draft]) -> None:
    """Statements by a speaker on the day of that speaker's rumour denial are part of it."""
    denials = [d for d in drafts if d.type.name == "rumor_denial"]
    for d in list(drafts):
        if d.type.name != "statement":
            continue
        home = next(
            (r for r in denials if r.family == d.family
             and _compatible(r.date or r.story_time, d.date or d.story_time)),
            None,
        )
        if home is not None:
            home.evidence.extend(e for e in d.evidence if e not in home.evidence)
            for key, value in d.attributes.items():
                home.attributes.setdefault(key, value)
            if home.date is None and d.date is not None:
                home.date = d.date
            drafts.remove(d)


def _finalize(drafts: list[_Draft], published: date | None, max_age_days: int) -> list[Event]:
    events = []
    for d in drafts:
        when = d.date or d.story_time
        if d.date and len(d.date) == 4 and d.story_time and d.story_time.startswith(d.date):
            when = d.story_time  # "this year ... might be reassigned": the story's day is sharper
        span = _span(when)
        if published is not None and span is not None and span[1] < published - timedelta(days=max_age_days):
            continue  # background: "In 2018, Xiaomi listed in Hong Kong"
        spec = d.type.spec
        polarity = spec.polarity
        income = d.attributes.get("net_income", d.attributes.get("operating_income"))
        if d.type.name == "earnings" and isinstance(income, int | float):
            polarity = 0.5 if income > 0 else -0.5
        events.append(
            Event(
                type=d.type.name,
                group=spec.group,
                topic=spec.topic,
                date=when,
                modality=d.primary_modality or d.modality,  # type: ignore[arg-type]
                polarity=polarity,
                participants=[Participant(entity_id=eid, role=role) for eid, role in d.participants.items()],
                attributes=d.attributes,
                evidence=d.evidence,
            )
        )
    events.sort(key=lambda e: (e.date or "9999", e.type))
    return events
