"""The taxonomy's phrase language, its lead-word filter and users' taxonomies."""

import pytest

from factwire.errors import VocabularyError
from factwire.events import load_taxonomy
from factwire.events.taxonomy import ANY, Grammar, PhraseIndex, build_taxonomy, sentence_words, tokens

GRAMMAR = Grammar(
    {"rise": ["rose", "jumped", "edged up"], "approx": ["about", "more than"], "move": ["{rise}", "was flat"]},
    {"num": r"\d+(?:\.\d+)?"},
)


def matches(phrase, text):
    m = GRAMMAR.compile([phrase]).search(text)
    return m.group(0) if m else None


def test_classes_patterns_and_gaps():
    assert matches("shares {rise}", "Tesla shares jumped on Monday") == "shares jumped"
    assert matches("{move} {num} percent", "it edged up 2.5 percent") == "edged up 2.5 percent"
    assert matches("cut * staff", "NIO cut 10% of its staff") == "cut 10% of its staff"
    assert matches("cut * staff", "cut the price of cars sold to its staff") is None  # more than four words


def test_an_optional_class_may_be_absent():
    assert matches("{rise} {approx?} {num} percent", "rose more than 10 percent") == "rose more than 10 percent"
    assert matches("{rise} {approx?} {num} percent", "rose 10 percent") == "rose 10 percent"


def test_whole_words_only():
    assert matches("recall", "recalls") is None
    assert matches("recall", "a recall of cars") == "recall"


def test_lead_words_follow_classes():
    assert GRAMMAR.lead_words("{move} {num} percent") == {"rose", "jumped", "edged", "was"}
    assert GRAMMAR.lead_words("{num} deliveries") == {ANY}
    assert "pre-tax" in sentence_words("Pre-tax profit rose")


def test_the_longest_phrase_at_a_position_wins():
    index = PhraseIndex.build(GRAMMAR, ["shares {rise}", "shares {rise} {num} percent", "recall"])
    text = "Tesla shares rose 5 percent and a recall followed"
    hits = index.matches(text, 0, len(text), tokens(text, 0, len(text)))
    assert [text[a:b] for a, b in hits] == ["shares rose 5 percent", "recall"]


def test_only_types_whose_triggers_can_start_in_a_sentence_are_tried():
    taxonomy = load_taxonomy()
    names = {t.name for t in taxonomy.candidates(sentence_words("Ford will recall 10,000 cars"))}
    assert "recall" in names and "dividend" not in names and "bankruptcy" not in names


def test_an_unknown_class_is_an_error_naming_the_phrase():
    data = {"events": {"x": {"topic": "t", "group": "g", "triggers": ["{nothing} fell"], "polarity": 0}}}
    with pytest.raises(VocabularyError, match="nothing"):
        build_taxonomy(data)


def test_unknown_types_in_suppresses_or_part_of_are_errors():
    data = {"events": {"x": {"topic": "t", "group": "g", "triggers": ["a"], "polarity": 0, "part_of": ["nope"]}}}
    with pytest.raises(VocabularyError, match="nope"):
        build_taxonomy(data)


def test_a_user_file_extends_classes_and_cues(tmp_path):
    extra = tmp_path / "events.yaml"
    extra.write_text(
        "classes:\n  rise: [skyrocketed]\n"
        "modality:\n  rumored:\n    sentence: [whispers say]\n"
        "events:\n  plant_opening:\n    topic: business\n    group: operations\n"
        "    triggers: [opened a plant]\n    polarity: 0.3\n"
    )
    taxonomy = load_taxonomy(str(extra))
    assert {"plant_opening", "recall"} <= set(taxonomy.types)
    assert taxonomy.types["stock_move"].triggers.search("Tesla shares skyrocketed")
    assert taxonomy.cues["rumored"].sentence.search("whispers say BYD will buy it")
