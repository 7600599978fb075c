"""Document sentiment reads the story for its subject's investors: headline and lead first, the
subject's facts and events, neutral for general news; and every entity of the story gets its own."""

from factwire.models import Document
from factwire.sentiment.aggregate import GROUP_SHARE, Tally, sentence_positions
from factwire.sentiment.document import subject_of

MISS = (
    "Acme Widgets Corp shares fell 13 percent on Tuesday after its quarterly profit missed analysts' estimates "
    "and the company cut its full-year forecast.\n\n"
    "The maker of industrial widgets said net income fell to $20 million from $35 million a year earlier.\n\n"
    "Analysts had expected more.\n\n"
    "Chief Executive Jane Roe said orders in Europe were steady.\n\n"
    "The company reported record revenue in its Asian business, which grew strongly, and said its new "
    "plant was a success that would boost growth."
)


def document(analysis):
    return next(s for s in analysis.sentiment if s.scope == "document")


def test_a_miss_and_a_share_plunge_outweigh_record_revenue_in_paragraph_five(pipeline):
    analysis = pipeline(Document.from_text(MISS, title="Acme Widgets shares plunge as profit misses estimates"))
    doc = document(analysis)
    assert doc.label == "negative"
    assert doc.positive > 0  # the good news in the body is still evidence, it just weighs less
    fifth = max(s.index for s in analysis.sentences)
    assert next(s for s in analysis.sentiment if s.scope == "sentence" and s.target == str(fifth)).label == "positive"


def test_the_same_body_under_a_beat_headline_reads_better(pipeline):
    beat = pipeline(Document.from_text(MISS, title="Acme Widgets profit beats estimates, record revenue in Asia"))
    miss = pipeline(Document.from_text(MISS, title="Acme Widgets shares plunge as profit misses estimates"))
    assert document(beat).score > document(miss).score


def test_general_news_reads_neutral_for_investors_however_grim(pipeline):
    analysis = pipeline(Document.from_text(
        "A storm killed three people and destroyed dozens of homes in the coastal town on Sunday, officials "
        "said.\n\nRescue teams searched for survivors after the deadly floods.",
        title="Storm kills three in coastal town",
    ))
    doc = document(analysis)
    assert (doc.label, doc.score) == ("neutral", 0.0)
    assert any(s.scope == "sentence" and s.label == "negative" for s in analysis.sentiment)


def test_every_entity_of_the_story_gets_its_own_sentiment(pipeline):
    analysis = pipeline(Document.from_text(
        "Infosys shares rose 5 percent after strong results, while Wipro shares fell 4 percent on weak "
        "guidance.\n\nInfosys raised its forecast. Wipro cut its forecast.",
        title="Infosys gains, Wipro slides after results",
    ))
    labels = {s.target: s.label for s in analysis.sentiment if s.scope == "entity"}
    assert labels.get("infosys") == "positive" and labels.get("wipro") == "negative", labels
    assert subject_of(analysis.entities).id == "infosys"


def test_sentence_positions_follow_the_headline_and_the_two_lead_paragraphs(pipeline):
    analysis = pipeline(Document.from_text("One.\n\nTwo.\n\nThree.\n\nFour.", title="Head"))
    assert sentence_positions(analysis) == ["headline", "lead", "lead", "body", "body"]
    untitled = pipeline(Document.from_text("One.\n\nTwo.\n\nThree."))
    assert sentence_positions(untitled) == ["lead", "lead", "body"]


def test_a_long_body_cannot_outvote_the_headline():
    tally = Tally()
    tally.add(-0.8, 1.0, group="headline")
    for _ in range(30):
        tally.add(0.5, 1.0, group="body")
    head, body = GROUP_SHARE["headline"], GROUP_SHARE["body"]
    expected = (head * -0.8 + body * 0.5) / (head + body)
    assert abs(tally.score - expected) < 1e-9 and tally.score < 0
    assert tally.pos == 15.0 and tally.neg == 0.8
