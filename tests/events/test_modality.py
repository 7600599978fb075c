"""Modality scoped to the event's own clause, with the cue that set it."""

from datetime import date

import pytest

from factwire.models import Document

REF = date(2025, 11, 19)


def first(pipeline, text, etype):
    events = [e for e in pipeline(Document.from_text(text, published_at=REF)).events if e.type == etype]
    assert events, f"no {etype} in {text!r}"
    return events[0]


@pytest.mark.parametrize(
    ("text", "etype", "modality", "cue"),
    [
        # a hedge about the defect is no doubt about the recall
        ("Ford will recall 173,000 cars for a potentially defective power steering system.", "recall",
         "confirmed", ""),
        ("Ford could be required to recall 173,000 cars.", "recall", "expected", "could be"),
        ("People familiar with the matter said Stellantis is in talks to buy a stake in Leapmotor.",
         "merger_acquisition", "rumored", "People familiar"),
        ("Boeing said on Friday that it is considering layoffs of engineers.", "layoffs", "rumored", "considering"),
        ("BYD plans to cut jobs in Europe.", "layoffs", "expected", "plans to"),
        ("Tesla did not recall any cars in China this year.", "recall", "negated", "did not"),
        # what unnamed people say can be a negation
        ("People familiar with the matter said Google had no plans to settle the case.", "settlement",
         "negated", "no plans to"),
        ("Reuters reported that Xiaomi is in talks to buy a stake in Leapmotor.", "merger_acquisition",
         "rumored", "Reuters reported"),
        ("XPeng denied a report that it would cut jobs.", "layoffs", "denied", "denied"),
        # a cue in another clause is about something else
        ("NIO said it will cut 500 jobs, while analysts expect deliveries to fall.", "layoffs", "confirmed", ""),
        # the predicate of an event noun
        ("A lawsuit filed by dealers is scheduled for trial in June.", "lawsuit", "expected", "is scheduled"),
    ],
)
def test_modality_and_its_cue(pipeline, text, etype, modality, cue):
    event = first(pipeline, text, etype)
    assert (event.modality, event.modality_cue.text) == (modality, cue)
    if cue:
        assert text[event.modality_cue.start : event.modality_cue.end] == cue


def test_a_rumour_denial_is_itself_confirmed(pipeline):
    event = first(pipeline, "On November 17th, XPeng denied a report about its chairman's health.", "rumor_denial")
    assert event.modality == "confirmed" and event.modality_cue.text == ""
