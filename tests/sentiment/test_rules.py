from datetime import date

import pytest

from factwire.models import Document
from factwire.sentiment import load_lexicon, load_model, score_span


def rule(text):
    return score_span(text, 0, len(text), load_lexicon()).score


def test_finance_words_and_phrases():
    assert rule("Revenue hit a record high.") > 0.3
    assert rule("The company narrowed its loss in the quarter.") > 0.3
    assert rule("Results beat estimates.") > 0.3
    assert rule("Results were below expectations.") < -0.3
    assert rule("The carmaker issued a profit warning.") < -0.5
    assert rule("The fatal crash killed two people.") < -0.7
    assert rule("The company is based in Beijing.") == 0


def test_negation_intensity_hedges_and_contrast():
    assert rule("Sales were not weak.") > 0
    assert rule("Sales fell sharply.") < rule("Sales fell slightly.") < 0
    assert rule("The CEO might be replaced amid controversy.") > rule("The CEO faces controversy.")
    despite = rule("Despite the recall, deliveries rose to a record.")
    assert despite > 0, "the concessive clause counts less than the main one"
    assert rule("Deliveries rose, but the stock plunged.") < 0


def test_numbers_with_directions_count_through_facts(pipeline):
    def sentence_score(text):
        analysis = pipeline(Document.from_text(text, published_at=date(2025, 11, 19)))
        return next(s.score for s in analysis.sentiment if s.scope == "sentence")

    # "down 30%" of a stock price is bad news although no word of the lexicon says so
    assert sentence_score("Xiaomi's stock price was HK$40.78, down 30% from HK$61.45.") < -0.2
    assert sentence_score("Leapmotor's deliveries were up 84% year on year.") > 0.2
    assert sentence_score("NIO posted an operating loss of RMB 3 billion.") < -0.2


def test_model_probabilities_and_its_recorded_cross_validation():
    model = load_model()
    p = model.probabilities("Infosys shares surge after strong results", 0, 7, load_lexicon())
    assert abs(sum(p.values()) - 1) < 1e-9 and p["positive"] > p["negative"]
    assert model.cross_validation["accuracy"] >= 0.8


def test_target_matters_to_the_model():
    model, lex = load_model(), load_lexicon()
    text = "TCS gains while Wipro slumps on weak outlook"
    assert model.score(text, 0, 3, lex) > model.score(text, 16, 21, lex)


@pytest.mark.parametrize("model", [True, False])
def test_component_can_run_without_the_model(model):
    from factwire.pipeline import build_pipeline, load_config

    config = load_config()
    config["components"]["sentiment"]["model"] = model
    analysis = build_pipeline(config)(Document.from_text("BYD's profit jumped 30% to a record."))
    doc = next(s for s in analysis.sentiment if s.scope == "document")
    assert doc.label == "positive"
