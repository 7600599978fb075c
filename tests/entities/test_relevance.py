"""Relevance puts the story's subject first: the headline's subject, a person its company only
qualifies, a market report's index, a company told by its acronym, and its facts and events."""

import pytest

from factwire.entities.relevance import load_vocabulary, rescore
from factwire.errors import VocabularyError
from factwire.models import Document


def top(pipeline, title, body):
    analysis = pipeline(Document.from_text(body, title=title, published_at=None))
    assert analysis.entities, "no entity found"
    return analysis, analysis.entities[0]


def test_a_person_after_a_company_and_a_role_is_the_headline_subject(pipeline):
    analysis, first = top(
        pipeline,
        "Apple CEO Cook sells shares worth $10 million",
        "Apple Chief Executive Tim Cook sold 100,000 shares of the company on Tuesday, a filing showed.\n\n"
        "The sale was part of a plan agreed last year. Apple said it did not comment on filings.",
    )
    assert first.id == "tim-cook"
    apple = next(e for e in analysis.entities if e.id == "apple")
    assert apple.relevance < first.relevance


def test_without_the_role_the_company_first_in_the_headline_leads(pipeline):
    _, first = top(
        pipeline,
        "Apple sells bonds as Cook looks on",
        "Apple sold $1 billion of bonds on Tuesday. Chief Executive Tim Cook said demand was strong.\n\n"
        "Tim Cook spoke at a conference. Tim Cook said the company would invest.",
    )
    assert first.id == "apple"


def test_a_market_report_is_about_the_index_it_names_most(pipeline):
    analysis, first = top(
        pipeline,
        "Stocks slip as oil slides",
        "NEW YORK U.S. stocks fell on Tuesday as energy shares dragged the S&P 500 lower and the Dow Jones "
        "industrial average slipped 0.5 percent.\n\nOil prices dropped 3 percent.\n\n"
        "The S&P 500 lost 0.6 percent and the Nasdaq Composite lost 0.8 percent.",
    )
    assert first.type == "index" and first.id == "spx", [(e.id, e.relevance) for e in analysis.entities]


def test_a_company_headline_with_a_market_word_is_no_market_report(pipeline):
    _, first = top(
        pipeline,
        "Netflix shares slide as subscriber growth slows",
        "Netflix shares fell 8 percent on Tuesday, dragging the S&P 500 lower.\n\n"
        "The S&P 500 fell 0.3 percent. The S&P 500 ended lower.",
    )
    assert first.id == "netflix"


def test_a_company_named_by_its_acronym_in_the_headline_counts_as_named_there(pipeline):
    analysis, first = top(
        pipeline,
        "LG Elec says profit rose on TV sales",
        "SEOUL South Korea's LG Electronics Inc said on Tuesday its profit rose 27 percent, beating "
        "Samsung Electronics Co Ltd, whose profit fell.\n\nSamsung Electronics Co Ltd said its sales fell.",
    )
    assert first.id == "lg-electronics", [(e.id, e.relevance) for e in analysis.entities]


def test_the_first_pass_is_kept_without_a_headline(pipeline):
    """Without a title there is no headline subject: relevance comes from positions, facts and events."""
    analysis = pipeline(Document.from_text("Tesla delivered 50,000 cars in the quarter. Ford also sold cars."))
    assert analysis.entities[0].id == "tesla"
    assert all(0 <= e.relevance <= 100 for e in analysis.entities)


def test_rescore_leaves_an_empty_analysis_alone(pipeline):
    analysis = pipeline(Document.from_text("Nothing to see here."))
    rescore(analysis, load_vocabulary())
    assert analysis.entities == []


def test_users_extend_the_vocabulary_and_bad_files_fail_naming_the_problem(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("roles: [managing partner]\nmarket_words: [bourses]\n")
    vocab = load_vocabulary(str(mine))
    assert vocab.roles.match("managing partner") and vocab.roles.match("CEO")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n")
    with pytest.raises(VocabularyError, match=r"bad\.yaml"):
        load_vocabulary(str(bad))
