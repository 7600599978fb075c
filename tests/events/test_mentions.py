"""Each named mention rule alone, on candidates found in sentences we wrote."""

from factwire.events import load_taxonomy
from factwire.events.mentions import (
    Candidate,
    EntitySpan,
    SentenceView,
    bare_subjects,
    bylines,
    clause_vetoes,
    comparison_bases,
    excluded_words,
    find_candidates,
    find_mentions,
    first_of_each_type,
    habitual_sentences,
    hypothetical_sentences,
    quoted_triggers,
    required_words,
    statements_alone,
    suppressed_types,
)
from factwire.models import Sentence

TAXONOMY = load_taxonomy()


def view(text, entities=(), quotes=()):
    return SentenceView(text, Sentence(index=0, start=0, end=len(text), paragraph=0), tuple(entities), tuple(quotes))


def entity(text, name, kind="company"):
    start = text.index(name)
    return EntitySpan(name.lower(), kind, None, start, start + len(name))


def types(cands):
    return [c.type.name for c in cands]


def found(text, entities=()):
    v = view(text, entities)
    return find_candidates(v, TAXONOMY), v


def test_whole_sentences_that_tell_no_event():
    for rule, text in (
        (bylines, "Reported by Ann Lee; edited by Tom Hart, who covered the recall."),
        (habitual_sentences, "Wang Hua has frequently helped Xiaomi refute rumours of a recall."),
        (hypothetical_sentences, "If the regulator orders a recall, Ford will comply."),
    ):
        cands, v = found(text)
        assert "recall" in types(cands)
        assert rule(cands, v, TAXONOMY) == []


def test_quoted_triggers_count_only_for_speech():
    text = '"We will never recall these cars," Lei Jun said.'
    cands, _ = found(text)
    v = view(text, quotes=[(0, text.index(",") + 2)])
    assert "recall" not in types(quoted_triggers(cands, v, TAXONOMY))
    assert "statement" in types(quoted_triggers(cands, v, TAXONOMY))


def test_required_and_excluded_words():
    cands, v = found("NIO delivered 40,000 cars in October.")
    assert "deliveries_sales" not in types(required_words(cands, v, TAXONOMY))  # nobody said so
    cands, v = found("NIO said it delivered 40,000 cars in October.")
    assert "deliveries_sales" in types(required_words(cands, v, TAXONOMY))
    cands, v = found("The strike price of the options was $40.")
    assert "strike" not in types(excluded_words(cands, v, TAXONOMY))


def test_clause_vetoes():
    text = "Revenue fell 5 percent to $2 billion."
    cands, v = found(text)
    assert "stock_move" in types(cands)
    assert "stock_move" not in types(clause_vetoes(cands, v, TAXONOMY))


def test_bare_triggers_need_their_subject_even_across_an_aside():
    text = "Costco slipped 2.8 percent to $139.61."
    cands, v = found(text, [entity(text, "Costco")])
    assert types(bare_subjects(cands, v, TAXONOMY)) == ["stock_move"]
    text = "Shares of the company, which also reported a revenue miss, fell 4 percent on Monday."
    cands, v = found(text)
    assert "stock_move" in types(bare_subjects(cands, v, TAXONOMY))
    text = "The unit, which sells printers, fell 10 percent."
    cands, v = found(text)
    assert "stock_move" not in types(bare_subjects(cands, v, TAXONOMY))


def test_comparison_bases_are_not_news():
    text = "Profit rose to $5 billion, up from a profit of $3 billion a year earlier."
    cands, v = found(text)
    basis = text.index("up from")
    assert any(c.start > basis for c in cands if c.type.name == "earnings")
    kept = comparison_bases(cands, v, TAXONOMY)
    assert [c.start for c in kept if c.type.name == "earnings"] == [0]


def test_one_mention_per_type_keeps_later_triggers_to_date_it():
    text = "Activist investor Elliott, which owns 6 percent of Polestar, launched a proxy fight on November 4th."
    cands, v = found(text)
    first = [c for c in first_of_each_type(cands, v, TAXONOMY) if c.type.name == "activist_campaign"]
    assert len(first) == 1 and text[first[0].start : first[0].end] == "Activist investor"
    assert [text[a:b] for a, b in first[0].later] == ["proxy fight"]


def test_suppression_between_types():
    text = "NIO issued a profit warning and cut its forecast."
    cands, v = found(text)
    assert {"profit_warning", "guidance"} <= set(types(cands))
    assert "guidance" not in types(suppressed_types(cands, v, TAXONOMY))


def test_statements_count_only_alone_and_with_a_speaker():
    text = "Lei Jun said safety comes first."
    cands, v = found(text, [entity(text, "Lei Jun", "person")])
    assert types(statements_alone(cands, v, TAXONOMY)) == ["statement"]
    cands, v = found("It said safety comes first.")
    assert statements_alone(cands, v, TAXONOMY) == []


def test_find_mentions_applies_every_rule_in_order():
    text = "Tesla shares plunged 13 percent on Tuesday after revenue fell 5 percent."
    mentions = find_mentions(view(text, [entity(text, "Tesla")]), TAXONOMY)
    assert sorted(types(mentions)) == ["earnings", "stock_move"]
    assert all(isinstance(m, Candidate) for m in mentions)
