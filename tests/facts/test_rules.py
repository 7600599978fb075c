"""Each named fact rule, on sentences written to need it.

``run_until(text, rule)`` runs the rules of ``facts/rules.py`` in order up to and including the
one named, and returns the sentence's candidates, so every test looks at what that rule decided.
"""

from __future__ import annotations

from datetime import date

from factwire.facts.candidate import Candidate, State, build_story
from factwire.facts.extractor import _scope
from factwire.facts.rules import RULES, unit_class
from factwire.facts.vocabulary import load_vocabulary
from factwire.models import Document

DAY = date(2016, 4, 19)  # a Tuesday


def run_until(upstream, text: str, rule: str, *, published: date = DAY, title: str | None = None,
              fiscal: dict[str, int] | None = None) -> list[Candidate]:
    """The candidates of the last sentence with numbers, after ``rule``."""
    vocab = load_vocabulary()
    analysis = upstream(Document.from_text(text, published_at=published, title=title))
    story = build_story(analysis, vocab, fiscal or {})
    state = State(entity=story.subject)
    names = [n for n, _ in RULES]
    assert rule in names, rule
    cands: list[Candidate] = []
    for sentence in analysis.sentences:
        qs = [(i, q) for i, q in enumerate(analysis.quantities) if q.sentence == sentence.index]
        periods = [p for p in analysis.periods if p.sentence == sentence.index]
        if not qs:
            continue
        scope = _scope(story, sentence, qs, periods)
        cands = [
            Candidate(index=i, q=q, clause=scope.clause_of(q.start), unit_class=unit_class(q, vocab),
                      value=q.value, value_max=q.value_max)
            for i, q in qs
        ]
        for _name, fn in RULES[: names.index(rule) + 1]:
            cands = fn(cands, scope, story, state)
    return cands


def metrics(cands: list[Candidate]) -> list[str | None]:
    return [str(c.metric) if c.metric else None for c in cands]


def test_name_metric_takes_the_nearest_word_before_and_counted_nouns(upstream):
    cands = run_until(upstream, "Acme Corp said revenue was $2.1 billion and it has 1,200 stores.", "name_metric")
    assert metrics(cands) == ["revenue", "stores"]


def test_name_metric_skips_numbers_inside_names_and_verbs_of_change(upstream):
    cands = run_until(upstream, "The S&P 500 index closed higher on Tuesday.", "name_metric")
    assert [c.unit_class for c in cands] == ["duration"]  # the 500 is part of a name, no figure
    cands = run_until(upstream, "BYD shed 2.1% and Geely lost 3%.", "name_metric")
    # "shed" and "lost" say how a number moved, not what moved (job cuts, a loss): a company's move
    assert metrics(cands) == ["stock_price", "stock_price"]


def test_name_metric_reads_a_workforce_cut(upstream):
    cands = run_until(upstream, "Acme Corp will cut about 15 percent of its workforce.", "name_metric")
    assert metrics(cands) == ["job_cuts"]


def test_name_metric_makes_a_company_move_a_share_price_move(upstream):
    cands = run_until(upstream, "Staples fell 1 percent to $8.20 on Tuesday.", "name_metric")
    assert metrics(cands) == ["stock_price", "stock_price"]


def test_respectively_pairs_entities_and_numbers(upstream):
    cands = run_until(upstream, "XPeng and NIO delivered 42,013 and 40,397 vehicles, respectively.", "respectively")
    assert [c.owner.entity_id if c.owner else None for c in cands] == ["xpeng", "nio"]


def test_carry_metric_from_the_paragraph(upstream):
    cands = run_until(upstream, "Xiaomi shares fell 4.5% on Tuesday. BYD dropped 2.1% to HK$96.50.", "carry_metric")
    assert metrics(cands) == ["stock_price", "stock_price"]


def test_comparisons_measure_the_same_thing(upstream):
    cands = run_until(upstream, "Excluding items, Acme Corp earned $2.35 per share, beating the estimate of $2.09.",
                      "per_share")
    assert metrics(cands) == ["eps", "eps"]


def test_per_share_of_a_profit_is_eps(upstream):
    cands = run_until(upstream, "Net income rose to $4.46 billion, or $4.59 per share.", "per_share")
    assert metrics(cands) == ["net_income", "eps"]


def test_basis_marks_what_a_figure_is_compared_with(upstream):
    cands = run_until(upstream, "Net loss narrowed to $10.7 million from $22.6 million a year earlier.", "basis")
    assert [c.basis for c in cands] == [None, "yoy"]


def test_movement_makes_a_results_growth_year_on_year_and_a_fall_negative(upstream):
    cands = run_until(upstream, "Acme Corp's revenue fell 4.6 percent to $18.68 billion.", "movement")
    assert metrics(cands) == ["revenue_growth_yoy", "revenue"]
    assert cands[0].value == -4.6


def test_movement_lends_a_direction_to_a_figure_given_with_or(upstream):
    cands = run_until(upstream, "The S&P 500 index rose 30.66 points, or 1.64 percent, to 1,895.44.", "owner_metric")
    cands = [c for c in cands if c.unit_class != "duration"]
    assert metrics(cands) == ["index_level_change", "index_level_change", "index_level"]
    assert [c.value for c in cands] == [30.66, 1.64, 1895.44]


def test_outlook_tells_estimates_from_guidance(upstream):
    text = "Acme Corp forecast revenue of $3 billion. Analysts had expected revenue of $3.2 billion."
    cands = run_until(upstream, text, "outlook")
    assert metrics(cands) == ["revenue_estimate"]
    cands = run_until(upstream, "Acme Corp forecast 2016 revenue of $3 billion.", "outlook")
    assert metrics(cands) == ["revenue_guidance"]


def test_adjusted_reads_an_exclusion_earlier_in_the_sentence(upstream):
    cands = run_until(upstream, "Excluding items, Acme Corp's operating profit rose to $1.10 billion.", "adjusted")
    assert metrics(cands) == ["operating_income_adjusted"]


def test_owner_is_the_buyer_not_the_company_bought(upstream):
    cands = run_until(upstream, "Microsoft agreed to buy LinkedIn for $26.2 billion.", "owner")
    assert [c.entity_id for c in cands] == ["microsoft"]


def test_owner_is_the_company_before_the_metric_word(upstream):
    cands = run_until(upstream, "Microsoft said LinkedIn's shares rose 48 percent.", "owner")
    assert [c.entity_id for c in cands] == ["linkedin"]


def test_owner_metric_for_indexes_and_commodities(upstream):
    cands = run_until(upstream, "Brent crude fell 54 cents to $28.76 a barrel.", "owner_metric")
    assert metrics(cands) == ["price_change", "price"]


def test_timing_spans_a_move_up_to_a_close(upstream):
    text = "Up to Monday's close, Acme Corp's shares had fallen 18.5 percent in the past 12 months."
    cands = run_until(upstream, text, "timing")
    assert cands[0].periods == ("2015-04-18/2016-04-18",)


def test_timing_reads_a_fiscal_quarter_in_calendar_terms(upstream):
    text = "Acme Corp said its revenue rose 5 percent to $2 billion in its fiscal first quarter."
    cands = run_until(upstream, text, "timing", published=date(2016, 1, 26), fiscal={"new:acme": 9})
    assert cands[-1].entity_id == "new:acme" and cands[-1].periods == ("2015-Q4",)


def test_future_flow_is_guidance(upstream):
    cands = run_until(upstream, "Acme Corp said it would sell 50,000 vehicles in 2017.", "future_flow")
    assert metrics(cands) == ["sales_volume_guidance"]


def test_canonical_unit_counts_cars_as_vehicles_and_people_cut_as_jobs(upstream):
    cands = run_until(upstream, "Acme Motors delivered 42,013 units in October. It laid off 200 staff.",
                      "canonical_unit", published=date(2016, 11, 2))
    assert [(str(c.metric), c.q.unit) for c in cands] == [("job_cuts", "job")]
    cands = run_until(upstream, "Acme Motors, a carmaker, delivered 42,013 units in October.", "canonical_unit",
                      published=date(2016, 11, 2))
    assert [c.q.unit for c in cands] == ["vehicle"]


def test_name_metric_reads_a_bare_profit_as_the_operating_profit_the_story_leads_on(upstream):
    text = "Acme Corp's operating profit likely rose in April-June. Acme said April-June profit was $5 billion."
    cands = run_until(upstream, text, "name_metric", title="Acme second-quarter operating profit rises")
    assert metrics(cands) == ["operating_income"]


def test_outlook_reads_an_analysts_figure_named_after_the_number(upstream):
    text = "Acme Corp's revenue rose to $20.26 billion, below the $20.37 billion analyst consensus."
    cands = run_until(upstream, text, "outlook")
    assert metrics(cands) == ["revenue", "revenue_estimate"]


def test_outlook_reads_a_company_that_estimates_its_own_profit_as_guidance(upstream):
    text = "Acme Corp estimates operating profit to grow to $45 million in the year to March."
    cands = run_until(upstream, text, "outlook")
    assert metrics(cands) == ["operating_income_guidance"]


def test_owner_gives_no_company_figure_to_an_organisation_the_story_is_about(upstream):
    text = "In a report released on Wednesday, the World Health Organization says diabetes caused 1.5 million deaths."
    cands = run_until(upstream, text, "owner")
    assert [(str(c.metric), c.entity_id) for c in cands] == [("fatalities", None)]
