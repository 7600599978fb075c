"""The lexicon's newer parts: gapped patterns, event polarities for investors, hedges of intent,
users' files extending them, and a model score whose label is the model's."""

import pytest

from factwire.errors import VocabularyError
from factwire.sentiment import load_lexicon, load_model, score_span
from factwire.sentiment.aggregate import label_of


def rule(text, lex=None):
    return score_span(text, 0, len(text), lex or load_lexicon()).score


def test_gapped_patterns_match_across_words():
    assert rule("The maker cut 1,200 jobs in its home market.") < -0.3
    assert rule("The bank laid off staff.") < -0.3
    assert rule("The maker cut prices.") >= rule("The maker cut 1,200 jobs.")


def test_hedges_of_intent_damp_and_are_reported():
    plain, hedged = (score_span(t, 0, len(t), load_lexicon()) for t in
                     ("Acme wins the contract.", "Acme is seeking to win the contract."))
    assert hedged.hedge < 1.0 == plain.hedge
    assert 0 < hedged.score < plain.score


def test_event_polarity_for_investors_overrides_the_taxonomy_default():
    lex = load_lexicon()
    assert lex.event_polarity["merger_acquisition"] > 0 > lex.event_polarity["layoffs"]
    assert lex.event_polarity["earnings"] == 0  # a report, neither good nor bad news by itself


def test_users_add_patterns_and_event_polarities(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("patterns:\n  '\\bgreenlit\\s+by\\b': 0.7\nevent_polarity:\n  layoffs: -0.9\n")
    lex = load_lexicon(str(mine))
    assert rule("The plan was greenlit by regulators.", lex) > 0.3
    assert lex.event_polarity["layoffs"] == -0.9


def test_a_bad_pattern_is_an_error_naming_the_lexicon(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("patterns:\n  '(unclosed': 0.5\n")
    with pytest.raises(VocabularyError, match="sentiment lexicon"):
        load_lexicon(str(bad))


@pytest.mark.parametrize("text", [
    "Infosys shares surge after strong results",
    "Wipro slumps on weak outlook",
    "TCS to hold board meeting on Friday",
    "Gold steady ahead of Fed meeting",
])
def test_the_model_score_label_is_its_most_probable_label(text):
    model, lex = load_model(), load_lexicon()
    p = model.probabilities(text, 0, len(text.split()[0]), lex)
    assert label_of(model.score(text, 0, len(text.split()[0]), lex)) == max(p, key=p.__getitem__)
