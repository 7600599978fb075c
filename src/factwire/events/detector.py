"""Detect a story's events: find mentions sentence by sentence, resolve each, merge them.

For each sentence:

1. **Mentions** (``mentions.py``): trigger candidates of the taxonomy's types, settled by an
   ordered list of named rules (bylines, habitual and hypothetical sentences, quoted triggers,
   required and excluded words, clause vetoes, comparison bases, one mention per type,
   suppression between types, statements only alone).
2. **Main entity**: the speaker for speech; otherwise the first entity of the type's subject
   types named before the trigger (a product stands for its company, a person for theirs in
   personnel news; ``subject_after`` types take the first one after it); otherwise the previous
   event's company. A mention whose main entity is not corporate (a place, an index, an agency)
   or that has none in a story naming no company is no corporate event and is dropped.
3. **Date** (``dates.py``): the mention's own date, the day last named for "on the same day",
   or none (then the story's day, or in a story whose lead names no day the day last named); types with
   ``date_kinds`` need a date of those kinds ("shares have fallen 5 percent this year" is no
   share move). A reference back ("the accident") takes no date of its own.
4. **Modality** (``modality.py``): sentence cues, a media outlet as the source, then the clause
   cue nearest before the trigger; the cue is kept on the event.
5. **Attributes**: from the sentence's facts (fatalities, vehicles recalled, revenue...), flags
   such as ``fire``, the ``measures`` a results event speaks of (profit, revenue, sales...) and
   for reporting types the reporting or target period.

Mentions then merge into events (``story.py``).
"""

from __future__ import annotations

import re
from typing import Any

from ..entities.families import family_roots
from ..models import Analysis, Cue, Event, Evidence, Fact, Period, Sentence
from .clauses import quote_spans
from .dates import LEAD_SENTENCES, SAME_DAY, advance_story_time, distance, is_basis, mention_dates, story_day
from .mentions import Candidate, EntitySpan, SentenceView, find_mentions
from .modality import modality_of
from .story import Draft, finalize, fold_headlines, fold_parts, fold_rumours, fold_statements, fold_weak, merge
from .taxonomy import EventType, Taxonomy

SPEECH = {"statement", "rumor_denial"}
PERSONNEL = {"executive_change", "appointment", "resignation"}
CORPORATE = {"company", "person", "product", "other"}  # "other": a name of unknown kind may be a company
# "the accident", "this recall", "the police investigation", "the two traffic accidents": a
# reference back to a known event. Only determiners and a few modifiers may stand between
# ("that it delivered" and "the company appointed" are not references).
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:(?:two|three|both|same|fatal|deadly|severe|serious|traffic|police|"
    r"car|vehicle|safety|whole|entire|earlier|previous|above|aforementioned)\s+){0,2}$",
    re.I,
)


def detect_events(analysis: Analysis, taxonomy: Taxonomy, max_age_days: int = 365) -> list[Event]:
    text = analysis.document.text
    published = analysis.document.published_at
    entities = _entities(analysis)
    roots = family_roots(entities)
    types_of = {e.id: e.type for e in entities}
    employed = {e.id for e in entities if e.type == "person" and e.parent}
    # a single sentence (a headline, a quote) may leave its company unnamed; a story names it
    names_company = any(e.type in ("company", "product", "other") for e in entities) or len(analysis.sentences) < 2
    facts_by_sentence: dict[int, list[Fact]] = {}
    for f in analysis.facts:
        facts_by_sentence.setdefault(f.evidence.sentence, []).append(f)
    periods_by_sentence: dict[int, list[Period]] = {}
    for p in analysis.periods:
        periods_by_sentence.setdefault(p.sentence, []).append(p)
    subject = next((e.id for e in analysis.entities if e.type == "company"), None)
    headline = analysis.sentences[0].paragraph if analysis.document.title and analysis.sentences else None
    quotes = quote_spans(text)
    day, wire = story_day(text, analysis.sentences, periods_by_sentence, quotes, published,
                          analysis.document.body_offset)
    clock: str | None = None  # the last day the story named

    body = [s.index for s in analysis.sentences if s.start >= analysis.document.body_offset]
    lead_end = body[min(LEAD_SENTENCES, len(body)) - 1] + 1 if body else 0
    drafts: list[Draft] = []
    last_main = last_company = subject
    for sentence in analysis.sentences:
        s_entities = tuple(e for e in entities if sentence.start <= e.start < sentence.end)
        periods = periods_by_sentence.get(sentence.index, [])
        view = SentenceView(text, sentence, s_entities, tuple(quotes))
        for mention in find_mentions(view, taxonomy):
            etype = mention.type
            main = _main_entity(etype, (mention.trigger, *mention.later), s_entities,
                                last_main if etype.name in SPEECH else last_company)
            if not _corporate(main, types_of, names_company or main in employed):
                continue
            # "the accident", "the recall scope": a reference back, whatever the sentence's date
            anaphoric = _DEFINITE.search(text, max(sentence.start, mention.start - 30), mention.start) is not None and (
                re.match(r"\s+of\b", text[mention.end : mention.end + 4]) is None
            )
            media = tuple((e.start, e.end) for e in s_entities if e.type == "media")
            found = modality_of(text, etype, mention.trigger, view.bounds, mention.clause[0], quotes, taxonomy, media)
            cue_end = found.end if found is not None and found.modality == "denied" else -1
            dates: list[str] = []
            for anchor in () if anaphoric else (mention.trigger, *mention.later):
                dates = mention_dates(text, sentence, etype, anchor, periods, taxonomy, cue_end)
                if dates:
                    break
            # "this year" holding the story's time dates nothing the story's clock does not
            if etype.spec.date_kinds and dates and not all(_kind(d) in etype.spec.date_kinds for d in dates):
                continue  # "shares have fallen 5 percent this year" is no share move
            # "this year" holding the story's day dates nothing the story's day does not
            dates = [d for d in dates if not (len(d) == 4 and day and day.startswith(d))]
            modality = found.modality if found else (etype.spec.modality or "confirmed")
            cue = Cue(text=found.text, sentence=sentence.index, start=found.start, end=found.end) if found else Cue()
            trigger = Cue(text=text[mention.start : mention.end], sentence=sentence.index,
                          start=mention.start, end=mention.end)
            for when in dates or [None]:
                draft = Draft(
                    type=etype,
                    date=when,
                    story_time=_story_time(text, sentence, day, clock, wire),
                    modality=modality,
                    main=main,
                    family=roots.get(main or "", main),
                    trigger=trigger,
                    cue=cue,
                    participants=_participants(etype, s_entities, main, types_of),
                    attributes=_attributes(text, sentence, mention, facts_by_sentence.get(sentence.index, []),
                                           periods, main, roots, taxonomy, {e.id for e in s_entities}),
                    evidence=[Evidence(sentence=sentence.index, start=sentence.start, end=sentence.end,
                                       text=text[sentence.start : sentence.end])],
                    order=mention.start,
                    headline_only=headline is not None and sentence.paragraph == headline,
                    weak=mention.weak,
                    lead=sentence.index < lead_end,
                )
                if when is not None:
                    draft.primary = (modality, cue, trigger)
                merge(drafts, draft, anaphoric)
                last_main = main or last_main
                if main and types_of.get(main, "company") == "company":
                    last_company = main
        clock = advance_story_time(text, sentence, periods, quotes, clock)
    fold_weak(drafts)
    fold_parts(drafts)
    fold_rumours(drafts)
    fold_headlines(drafts)
    fold_statements(drafts, keep=taxonomy.emit_statements)
    return finalize(drafts, published, max_age_days)


def _story_time(text: str, sentence: Sentence, day: str | None, clock: str | None, wire: bool) -> str | None:
    """When an undated mention happened: the day last named for "on the same day"; else the story's
    day in a story whose lead names it, else the day last named."""
    if clock and SAME_DAY.search(text, sentence.start, sentence.end):
        return clock
    return day if wire or clock is None else clock


def _kind(value: str) -> str:
    if "/" in value:
        return "range"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "quarter" if "Q" in value else "half")


def _corporate(main: str | None, types_of: dict[str, str], names_company: bool) -> bool:
    """Corporate events only: the main participant is a company, or a person or product of
    one (a person counts when the story names a company, or the person is known to work for one);
    with none named, the story must name a company (a lone sentence need not)."""
    if main is None:
        return names_company or not types_of
    kind = types_of.get(main, "company")
    if kind == "person":
        return names_company
    return kind in CORPORATE


def _entities(analysis: Analysis) -> list[EntitySpan]:
    out = [EntitySpan(e.id, e.type, e.parent, m.start, m.end) for e in analysis.entities for m in e.mentions]
    out.sort(key=lambda e: e.start)
    return out


def _main_entity(
    etype: EventType, triggers: tuple[tuple[int, int], ...], s_entities: tuple[EntitySpan, ...], fallback: str | None
) -> str | None:
    """The speaker for speech; else the first type of ``subject`` named (a product standing for
    its company, a person for theirs in personnel news), nearest the trigger; for ``subject_after``
    types the first named after the last trigger that has one after it ("Activist investor X,
    which owns 6 percent of Y, launched a proxy fight at Y": Y); else ``fallback``."""
    trigger = triggers[0]
    if etype.name in SPEECH:
        speakers = [e for e in s_entities if e.end <= trigger[0] and e.type in ("person", "company", "organisation")]
        people = [e for e in speakers if e.type == "person"]
        return (people or speakers)[-1].id if (people or speakers) else fallback
    for kind in etype.spec.subject:
        pool = [e for e in s_entities if e.type == kind]
        if kind == "company":
            pool += [EntitySpan(p.parent, "company", None, p.start, p.end) for p in s_entities
                     if p.type == "product" and p.parent]
            if etype.name in PERSONNEL:
                pool += [EntitySpan(p.parent, "company", None, p.start, p.end) for p in s_entities
                         if p.type == "person" and p.parent]
        if not pool:
            continue
        pool.sort(key=lambda e: e.start)
        if etype.spec.subject_after:
            for start, _ in reversed(triggers):
                after = [e for e in pool if e.start >= start]
                if after:
                    return after[0].id
        before = [e for e in pool if e.end <= trigger[0]]
        return (before or pool)[0].id
    return fallback


def _participants(
    etype: EventType, s_entities: tuple[EntitySpan, ...], main: str | None, types_of: dict[str, str]
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
    text: str, sentence: Sentence, mention: Candidate, facts: list[Fact], periods: list[Period],
    main: str | None, roots: dict[str, str], taxonomy: Taxonomy, named: set[str],
) -> dict[str, Any]:
    etype = mention.type
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
    if etype.name in taxonomy.measured_types:
        measures = sorted(m for m, pattern in taxonomy.measures.items()
                          if pattern.search(text, sentence.start, sentence.end))
        if measures:
            attrs["measures"] = measures
    if etype.name in taxonomy.reporting_types:
        reporting = [p for p in periods if p.kind in ("quarter", "half", "year", "range", "month")
                     and not is_basis(text, sentence.start, p)]
        after = [p for p in reporting if p.start >= mention.end]
        if etype.name == "guidance" and after:
            attrs["target_period"] = after[0].value
        elif reporting:
            attrs["period"] = min(reporting, key=lambda p: distance(p, mention.trigger)).value
    return attrs
