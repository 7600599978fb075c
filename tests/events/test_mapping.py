"""Our event types onto another scheme's labels (SentiFM), as data."""

import pytest

from factwire.errors import VocabularyError
from factwire.events import load_mapping, load_taxonomy
from factwire.models import Event


def event(etype, **attributes):
    return Event(type=etype, group="g", attributes=attributes)


def test_the_shipped_mapping_names_only_types_of_the_taxonomy():
    mapping = load_mapping("sentifm")
    assert mapping.types() <= set(load_taxonomy().types)
    assert set(mapping.labels) == {"Profit", "SalesVolume", "QuarterlyResults", "MergerAcquisition", "Turnover",
                                   "BuyRating", "Dividend", "TargetPrice", "Debt", "ShareRepurchase"}


def test_labels_by_measure_attribute_and_period():
    mapping = load_mapping("sentifm")
    assert mapping.labels_of(event("earnings", measures=["profit", "sales"])) == {"Profit", "SalesVolume"}
    assert mapping.labels_of(event("earnings", revenue=5e9)) == {"Turnover"}
    assert mapping.labels_of(event("earnings", period="2025-Q3")) == {"QuarterlyResults"}
    assert mapping.labels_of(event("earnings", period="2025")) == set()
    assert mapping.labels_of(event("price_target_change")) == {"TargetPrice"}
    assert mapping.labels_of(event("recall")) == set()


def test_a_user_scheme(tmp_path):
    path = tmp_path / "scheme.yaml"
    path.write_text("scheme: mine\nlabels:\n  Safety:\n    - {type: recall}\n    - {type: accident}\n")
    mapping = load_mapping(str(path))
    assert mapping.scheme == "mine" and mapping.labels_of(event("accident")) == {"Safety"}
    bad = tmp_path / "bad.yaml"
    bad.write_text("scheme: mine\nlabels:\n  Safety:\n    - {kind: recall}\n")
    with pytest.raises(VocabularyError, match=r"bad\.yaml"):
        load_mapping(str(bad))
