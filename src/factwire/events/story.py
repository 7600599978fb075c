"""From mentions to the story's events: merging, folding and the background cut-off.

- **Dated mentions**: a mention joins an earlier event of the same type about the same company
  family when their dates agree (equal, or one contains the other).
- **Undated mentions**: a reference back ("the accident") joins the latest such event, and so
  does any mention of a ``lasting`` type (a review, a probe, a lawsuit goes on); other
  undated mentions join an event within ``MERGE_WINDOW_DAYS`` of the story time; an undated
  mention followed within two sentences by a dated one is told by it.
- **Mentions in passing** (weak triggers: "revenue fell 5 percent") join the story's event of
  their type, whatever their date; with none, they make one when told in the lead, and are
  background otherwise.
- **Parts** (``part_of``): a defect joins the recall it causes.
- **Rumours before the fact** join the confirmed event of their type and company family.
- **Headlines** summarise: a headline-only event folds into the body's event of that type, the
  one about the same company family if there is one, else the first the body tells (headlines
  name companies loosely: "Sharp shares plunge after Foxconn puts deal on hold").
- **Denials**: a rumour denial of a typed happening is that happening, denied.
- **Statements** by a speaker on the day of that speaker's rumour denial fold into it; plain
  statements are not events of their own unless the taxonomy is loaded with ``emit_statements``.
- **Modality** of a merged event: that of its dated mention, else the most doubtful of its
  mentions; its cue goes with it.
- **Background**: events dated more than ``max_age_days`` before publication are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..models import Cue, Event, Evidence, Participant
from ..periods.value import PeriodValue
from .taxonomy import EventType

SPEECH = {"statement", "rumor_denial"}
MODALITY_ORDER = ["denied", "rumored", "expected", "negated", "confirmed"]
MERGE_WINDOW_DAYS = 14
REPORT_LAG_DAYS = 100


@dataclass
class Draft:
    """An event being assembled from its mentions."""

    type: EventType
    date: str | None  # explicit, from the sentence
    story_time: str | None  # fallback when no mention is ever dated
    modality: str
    main: str | None
    family: str | None
    trigger: Cue = field(default_factory=Cue)
    cue: Cue = field(default_factory=Cue)
    participants: dict[str, str] = field(default_factory=dict)  # entity id -> role
    attributes: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    order: int = 0  # last document position touched, for "the latest such event"
    headline_only: bool = False  # told only in the headline, which summarises the body
    window: int = MERGE_WINDOW_DAYS  # days an undated mention may lie from a dated one it joins
    weak: bool = False  # told only in passing ("sales rose"): joins the story's event of its type
    lead: bool = False  # told in the headline or the first sentences of the body
    primary: tuple[str, Cue, Cue] | None = None  # modality, its cue and trigger of the dated mention


def merge(drafts: list[Draft], new: Draft, definite: bool) -> None:
    """Add one mention to the story's drafts, joining the event it tells if there is one."""
    same = [d for d in drafts if d.type.name == new.type.name and d.weak == new.weak and _same_actors(d, new)]
    target = None
    if new.date is not None:
        exact = [d for d in same if d.date is not None and (
            _compatible(d.date, new.date)
            # a deal told over several days ("announced on Thursday ... put on hold on Friday")
            or ("counterparty" in d.type.spec.roles and _close(d.date, new.date))
        )]
        # an undated mention ("due to a recall") is told by the next dated one ("On September 19th,
        # ... announced the recall"), or by one close in time
        pending = [
            d for d in same if d.date is None
            and (_close(d.story_time, new.date, d.window) or new.evidence[0].sentence - d.evidence[-1].sentence <= 2)
        ]
        target = (exact or pending or [None])[-1]
        if target is not None:
            for other in pending:
                if other is not target:
                    absorb(target, other)
                    drafts.remove(other)
    elif same:
        if definite or new.type.spec.lasting:
            target = max(same, key=lambda d: d.order)
        else:
            near = [d for d in same if _close(d.date or d.story_time, new.story_time, new.window)]
            target = max(near, key=lambda d: d.order) if near else None
    if target is None:
        drafts.append(new)
        return
    absorb(target, new)


def _same_actors(a: Draft, b: Draft) -> bool:
    """About the same company family; for types with a counterparty (a deal, a settlement), also
    when one's main participant takes part in the other ("Sharp and Foxconn are set to sign a
    takeover deal" and "Foxconn's offer for Sharp shares")."""
    if "counterparty" not in a.type.spec.roles:
        return a.family == b.family
    mains = {a.main, b.main}
    others_a = {e for e, role in a.participants.items() if e not in mains and role in ("company", "counterparty")}
    others_b = {e for e, role in b.participants.items() if e not in mains and role in ("company", "counterparty")}
    if a.family == b.family:
        # the same buyer with two different targets makes two deals ("is buying Anacor" and "in talks to
        # buy Medivation")
        return not (others_a and others_b and others_a.isdisjoint(others_b))
    return (a.main is not None and a.main in b.participants) or (b.main is not None and b.main in a.participants)


def absorb(target: Draft, new: Draft) -> None:
    """Fold one mention (or draft) into an event draft."""
    if new.date is not None and (target.date is None or len(new.date) > len(target.date)):
        target.date = new.date
        target.primary = new.primary  # the dated mention tells what happened
    if new.story_time and (target.story_time is None or new.story_time < target.story_time):
        target.story_time = new.story_time
    if MODALITY_ORDER.index(new.modality) < MODALITY_ORDER.index(target.modality):
        target.modality, target.cue, target.trigger = new.modality, new.cue, new.trigger
    for eid, role in new.participants.items():
        target.participants.setdefault(eid, role)
    # a rebuttal first told without its speaker ("... smearing us") is the speaker's once named
    if target.type.name in SPEECH and new.main and target.participants.get(new.main) == "person" and (
        target.participants.get(target.main or "") != "person"
    ):
        target.main = new.main
        target.participants = {new.main: "person", **target.participants}
    for key, value in new.attributes.items():
        if key == "measures":
            target.attributes["measures"] = sorted(set(target.attributes.get("measures", [])) | set(value))
        else:
            target.attributes.setdefault(key, value)
    target.evidence.extend(e for e in new.evidence if e not in target.evidence)
    target.order = max(target.order, new.order)
    if target.headline_only and not new.headline_only:
        target.headline_only = False
        target.main, target.family = new.main, new.family  # the body names the actors
        target.participants = {**new.participants, **target.participants}


def fold_weak(drafts: list[Draft], subject: str | None = None) -> None:
    """A mention in passing ("revenue fell 5 percent") belongs to the story's event of its type,
    the one about the same company family if there is one, else the first; its modality does not
    change it, and its date dates it only when it has none ("Logitech said late Wednesday its
    operating profit fell" and "The results beat forecasts"). With no such event it stands alone
    when told in the story's lead, dated to a day, or undated about the story's company, and is
    background otherwise ("its operating loss nearly doubled in fiscal 2015" in an IPO story)."""
    for d in [d for d in drafts if d.weak]:
        strong = [b for b in drafts if not b.weak and b.type.name == d.type.name]
        if not strong:
            if not (d.lead or (d.main == subject and d.date is None and _recent(d)) or (d.date and len(d.date) == 10)):
                drafts.remove(d)  # in passing, deep in a story about something else: background
            continue
        same = [b for b in strong if b.family == d.family]
        home = min(same or strong, key=lambda b: b.order)
        for eid, role in d.participants.items():
            home.participants.setdefault(eid, role)
        for key, value in d.attributes.items():
            home.attributes.setdefault(key, value)
        home.evidence.extend(e for e in d.evidence if e not in home.evidence)
        if home.date is None and d.date is not None:
            home.date, home.primary = d.date, (home.modality, home.cue, home.trigger)
        drafts.remove(d)


def _recent(d: Draft) -> bool:
    """A reporting period ending at most ``REPORT_LAG_DAYS`` before the story's day: results are
    reported within weeks of the period's end; last year's loss told in an IPO story is history."""
    period, day = _span(d.attributes.get("period")), _span(d.story_time)
    return period is None or day is None or (day[0] - period[1]).days <= REPORT_LAG_DAYS


def fold_parts(drafts: list[Draft]) -> None:
    """An event of a type that is ``part_of`` another joins the story's event of that type about
    the same company family ("a defective air bag control module" in the story of the recall)."""
    for d in list(drafts):
        home = next((h for h in drafts if h is not d and h.type.name in d.type.spec.part_of and h.family == d.family),
                    None)
        if home is not None:
            home.evidence.extend(e for e in d.evidence if e not in home.evidence)
            for key, value in d.attributes.items():
                home.attributes.setdefault(key, value)
            drafts.remove(d)


def fold_rumours(drafts: list[Draft]) -> None:
    """A rumour before the fact is the same happening: a rumoured event joins the confirmed event
    of its type and company family told on the same day or later ("Reuters had reported on Feb.
    12 that NTT Data was in talks to buy..." in the story of the deal's announcement)."""
    for d in [d for d in drafts if (d.primary[0] if d.primary else d.modality) == "rumored"]:
        when = d.date or d.story_time
        home = next(
            (c for c in drafts if c is not d and c.type.name == d.type.name and c.family == d.family
             and _same_actors(c, d)
             and (c.primary[0] if c.primary else c.modality) == "confirmed"
             and (when is None or (c.date or c.story_time or "") >= when)),
            None,
        )
        if home is not None:
            home.evidence.extend(e for e in d.evidence if e not in home.evidence)
            for key, value in d.attributes.items():
                home.attributes.setdefault(key, value)
            drafts.remove(d)


def fold_headlines(drafts: list[Draft]) -> None:
    """A headline summarises events the body tells: fold each headline-only draft into the
    body's event of that type, of the same company family if there is one, else the first."""
    for d in [d for d in drafts if d.headline_only]:
        body = [b for b in drafts if not b.headline_only and b.type.name == d.type.name]
        if not body:
            continue
        same = [b for b in body if b.family == d.family]
        home = min(same or body, key=lambda b: b.order)
        home.evidence[:0] = [e for e in d.evidence if e not in home.evidence]
        drafts.remove(d)


def fold_denials(drafts: list[Draft]) -> None:
    """A denial of a happening that has a type of its own is that happening, denied: the rumour
    denial told in the same sentence goes ("XPeng denied a report that it would cut jobs" is
    layoffs, denied). A rumour denial stays for reports of nothing typed ("denied reports about
    the chairman's health")."""
    denied = {e.sentence for d in drafts if d.type.name not in SPEECH and d.modality == "denied" for e in d.evidence}
    for d in [d for d in drafts if d.type.name == "rumor_denial"]:
        if {e.sentence for e in d.evidence} <= denied:
            drafts.remove(d)


def fold_statements(drafts: list[Draft], keep: bool) -> None:
    """Statements by a speaker on the day of that speaker's rumour denial are part of it; other
    statements stay events only when ``keep``."""
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
        elif not keep:
            drafts.remove(d)


def finalize(drafts: list[Draft], published: date | None, max_age_days: int) -> list[Event]:
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
        modality, cue, trigger = d.primary or (d.modality, d.cue, d.trigger)
        events.append(
            Event(
                type=d.type.name,
                group=spec.group,
                topic=spec.topic,
                date=when,
                modality=modality,  # type: ignore[arg-type]
                polarity=polarity,
                participants=[Participant(entity_id=eid, role=role) for eid, role in d.participants.items()],
                attributes=d.attributes,
                evidence=d.evidence,
                trigger=trigger,
                modality_cue=cue,
            )
        )
    events.sort(key=lambda e: (e.date or "9999", e.type))
    return events


def _compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    a0, b0 = a.split("/")[0], b.split("/")[0]
    return a0.startswith(b0) or b0.startswith(a0)


def _span(value: str | None) -> tuple[date, date] | None:
    """The first and last day a period string covers: '2025' -> Jan 1 - Dec 31."""
    p = PeriodValue.maybe(value)
    return (p.first, p.last) if p else None


def _close(a: str | None, b: str | None, window: int = MERGE_WINDOW_DAYS) -> bool:
    """Two periods within ``window`` days of each other (a year is close to its days)."""
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return True
    gap = max((sb[0] - sa[1]).days, (sa[0] - sb[1]).days, 0)
    return gap <= window
