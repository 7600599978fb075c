"""The seed article's eleven events, and none from its background sentences."""

import pytest

from factwire.models import Document
from tests.conftest import SEED_DATE

EXPECTED = [
    # type, date, main entity (first participant), modality
    ("accident", "2025-03-29", "xiaomi-auto", "confirmed"),
    ("investigation", "2025-04-03", "xiaomi", "confirmed"),
    ("recall", "2025-09-19", "xiaomi-auto", "confirmed"),
    ("accident", "2025-10-13", "xiaomi-auto", "confirmed"),
    ("rumor_denial", "2025-11-16", "lei-jun", "confirmed"),
    ("executive_change", "2025-11-16", "xiaomi", "rumored"),
    ("earnings", "2025-11-18", "xiaomi", "confirmed"),
    ("deliveries_sales", "2025-11-01", "xiaomi-auto", "confirmed"),
    ("product_launch", "2025-06", "xiaomi", "confirmed"),
    ("guidance", "2025-06", "xiaomi", "expected"),
    ("ranking_award", None, "lei-jun", "confirmed"),
]


@pytest.fixture(scope="module")
def events(pipeline, seed_text):
    doc = Document.from_text(seed_text, published_at=SEED_DATE, title=seed_text.split("\n")[0])
    return pipeline(doc).events


@pytest.mark.parametrize(("etype", "when", "main", "modality"), EXPECTED)
def test_seed_event(events, etype, when, main, modality):
    found = [e for e in events if e.type == etype and (when is None or e.date == when)]
    assert found, f"no {etype} on {when}: {[(e.type, e.date) for e in events]}"
    event = found[0]
    assert event.participants[0].entity_id == main
    assert event.modality == modality


def test_attributes_come_from_nearby_facts(events):
    first_crash = next(e for e in events if e.type == "accident" and e.date == "2025-03-29")
    assert first_crash.attributes["fatalities"] == 3
    assert first_crash.attributes["speed_kmh"] == 116  # "at 116km/h before the accident", a later sentence
    assert {p.entity_id for p in first_crash.participants} >= {"xiaomi-auto", "xiaomi-su7"}
    recall = next(e for e in events if e.type == "recall")
    assert recall.attributes["vehicles_recalled"] == 117000 and recall.attributes["product"] == "xiaomi-su7"
    second_crash = next(e for e in events if e.type == "accident" and e.date == "2025-10-13")
    assert second_crash.attributes["fire"] is True
    guidance = next(e for e in events if e.type == "guidance")
    assert guidance.attributes["target_period"] == "2025-Q3/2025-Q4"
    earnings = next(e for e in events if e.type == "earnings")
    assert earnings.attributes["period"] == "2025-Q3" and earnings.attributes["revenue"] == 29e9
    ranking = next(e for e in events if e.type == "ranking_award")
    assert ranking.attributes["rank"] == 5


def test_mentions_across_sentences_merge_into_one_event(events):
    wang_hua = [e for e in events if e.type == "executive_change"]
    assert len(wang_hua) == 1 and len(wang_hua[0].evidence) >= 4
    assert "wang-hua" in {p.entity_id for p in wang_hua[0].participants}
    assert len([e for e in events if e.type == "recall"]) == 1
    assert len([e for e in events if e.type == "accident"]) == 2


def test_no_event_from_background_sentences(events):
    evidence = " ".join(x.text for e in events for x in e.evidence)
    for background in (
        "successfully listed on the Hong Kong Stock Exchange",  # 2018
        "was reassigned to the Group's PR Department",  # 2019
        "promoted to Deputy General Manager",  # 2020
        "helped Xiaomi refute rumors",  # habitual
        "attended Xiaomi's earnings call",  # habitual
        "If the driver does not intervene",  # hypothetical
    ):
        assert background not in evidence, background
    assert not [e for e in events if e.type == "ipo_listing"]
    assert all(e.date is None or e.date >= "2024-11" for e in events)


def test_events_are_ordered_by_date(events):
    dates = [e.date for e in events if e.date]
    assert dates == sorted(dates)
