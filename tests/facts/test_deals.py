"""The buyer owns a deal's figures, however far from the number the story names it."""

from __future__ import annotations

from .test_rules import run_until


def test_figures_next_to_the_company_bought_go_to_its_buyer(upstream):
    text = (
        "Acme Corp said on Thursday it would buy Chicago-based payments software maker Brixel Inc for "
        "$663 million in cash. The $26-per-share offer represents a premium of 30 percent to Brixel's close."
    )
    cands = run_until(upstream, text, "owner")
    assert [(str(c.metric), c.entity_id) for c in cands] == [
        ("offer_price", "new:acme"), ("premium", "new:acme"),
    ]


def test_passive_agent_is_the_buyer(upstream):
    text = "Founded in 1988 by Ross Perot, it was acquired by Acme Corp in 2009 for $3.9 billion."
    cands = run_until(upstream, text, "owner")
    assert [(str(c.metric), c.entity_id) for c in cands] == [("deal_value", "new:acme")]


def test_a_buyer_of_another_company_keeps_its_own_deal(upstream):
    """Brixel is bought by Acme, but in this sentence Brixel is itself the buyer."""
    text = (
        "Acme Corp agreed to buy Brixel Inc in March. Brixel's pending acquisition of Quorlin Systems Inc is a deal "
        "worth close to $60 billion."
    )
    cands = run_until(upstream, text, "owner")
    assert [c.entity_id for c in cands] == ["new:brixel"]


def test_paying_outside_a_deal_is_not_a_deal_value(upstream):
    cands = run_until(upstream, "Brixel Inc will pay Acme Corp a fee of $60 million, Acme said.", "name_metric")
    assert [c.metric for c in cands] == [None]
