"""Articles we wrote that together hold every event type of the taxonomy. Each test compares the
story's whole event list (type, date, main entity, modality), so an extra wrong event fails."""

from pathlib import Path

import pytest
import yaml

from factwire.events import load_taxonomy
from factwire.models import Document

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))


def expected(path):
    return yaml.safe_load(path.with_suffix(".yaml").read_text("utf-8"))


def key(type_, date, main, modality):
    return (type_, None if date is None else str(date), main, modality)


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_events(pipeline, path):
    spec = expected(path)
    text = path.read_text("utf-8")
    events = pipeline(Document.from_text(text, published_at=spec["published"], title=text.split("\n")[0])).events
    got = sorted(key(e.type, e.date, e.participants[0].entity_id if e.participants else None, e.modality)
                 for e in events)
    want = sorted(key(w["type"], w["date"], w["main"], w["modality"]) for w in spec["events"])
    assert got == want


def test_every_event_carries_its_trigger_and_evidence(pipeline):
    for path in ARTICLES:
        text = path.read_text("utf-8")
        spec = expected(path)
        for e in pipeline(Document.from_text(text, published_at=spec["published"])).events:
            assert e.trigger.text and text[e.trigger.start : e.trigger.end] == e.trigger.text
            assert e.trigger.sentence in {ev.sentence for ev in e.evidence}
            if e.modality_cue.text:
                assert text[e.modality_cue.start : e.modality_cue.end] == e.modality_cue.text


def test_every_type_of_the_taxonomy_is_covered():
    covered = {e["type"] for p in ARTICLES for e in expected(p)["events"]}
    # plain statements are events only on request: tests/events/test_detector.py covers them
    assert covered | {"statement"} == set(load_taxonomy().types), set(load_taxonomy().types) - covered
