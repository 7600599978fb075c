from datetime import date

from factwire.events import load_taxonomy
from factwire.events.detector import quote_spans
from factwire.models import Document

REF = date(2025, 11, 19)


def events(pipeline, text, published=REF):
    return [(e.type, e.date, e.modality) for e in pipeline(Document.from_text(text, published_at=published)).events]


def test_modality(pipeline):
    assert events(pipeline, "Reports said NIO might cut 10% of its staff.") == [("layoffs", "2025-11-19", "rumored")]
    assert events(pipeline, "BYD plans to cut jobs in Europe.") == [("layoffs", "2025-11-19", "expected")]
    # a denied happening with a type of its own is that happening, denied
    got = events(pipeline, "On Monday, November 17th, XPeng denied a report that it would cut jobs.")
    assert got == [("layoffs", "2025-11-17", "denied")]
    got = events(pipeline, "On Monday, November 17th, XPeng denied a report about its chairman's health.")
    assert got == [("rumor_denial", "2025-11-17", "confirmed")]
    assert events(pipeline, "Tesla did not recall any cars in China this year.")[0][2] == "negated"


def test_an_event_takes_its_own_date_not_the_publication_date(pipeline):
    assert events(pipeline, "On March 29th, an SU7 crashed on a highway in Anhui.") == [
        ("accident", "2025-03-29", "confirmed")
    ]


def test_statements_are_events_only_on_request(pipeline):
    from factwire.pipeline import build_pipeline, load_config

    text = "Lei Jun said on November 16th that the car was designed in 2023."
    assert events(pipeline, text) == []
    config = load_config()
    config["components"]["events"]["statements"] = True
    # "said on ... that" dates the statement; a date inside what was said does not
    assert events(build_pipeline(config), text) == [("statement", "2025-11-16", "confirmed")]


def test_background_hypothetical_and_habitual_sentences_make_no_event(pipeline):
    assert events(pipeline, "In 2018, Xiaomi listed on the Hong Kong Stock Exchange.") == []
    assert events(pipeline, "If the driver does not intervene, a collision may follow.") == []
    assert events(pipeline, "Wang Hua has frequently helped Xiaomi refute rumors.") == []


def test_references_merge_with_the_event_they_point_to(pipeline):
    text = (
        "A Xiaomi SU7 crashed in Anhui on March 29th, killing three people. "
        "On April 1st, Xiaomi said the car was in assisted-driving mode before the accident. "
        "Police opened an investigation on April 3rd."
    )
    got = events(pipeline, text)
    assert [t for t, _, _ in got].count("accident") == 1
    assert ("investigation", "2025-04-03", "confirmed") in got


def test_plural_events_with_several_dates(pipeline):
    got = events(pipeline, "Two accidents in March and October hurt Xiaomi Auto's reputation.")
    assert got == [("accident", "2025-03", "confirmed"), ("accident", "2025-10", "confirmed")]


def test_quotes_span_sentences_and_skip_apostrophes():
    text = "He said, 'No matter what. We will cooperate.' Xiaomi's cars sold well. “Fine,” she said."
    spans = [text[a:b] for a, b in quote_spans(text)]
    assert spans == ["'No matter what. We will cooperate.'", "“Fine,”"]


def test_user_taxonomy_adds_types(tmp_path):
    extra = tmp_path / "events.yaml"
    extra.write_text(
        "events:\n  plant_opening:\n    topic: business\n    group: operations\n"
        "    triggers: [opened a plant, opened a factory]\n    polarity: 0.3\n"
    )
    taxonomy = load_taxonomy(str(extra))
    assert "plant_opening" in taxonomy.types and "recall" in taxonomy.types
