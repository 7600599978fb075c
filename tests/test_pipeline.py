import pytest

from factwire.errors import ComponentError, ConfigError
from factwire.models import Analysis, Document
from factwire.pipeline import build_pipeline, component, load_config, registered


def test_default_pipeline_runs_components_in_order(pipeline):
    assert pipeline.names == load_config()["pipeline"]["components"]
    assert pipeline.names[:4] == ["sentences", "entities", "quantities", "periods"]
    analysis = pipeline.analyze_text("Sales rose 5% in Q3 2025. Profit was $2 billion.")
    assert len(analysis.sentences) == 2
    assert [q.surface for q in analysis.quantities] == ["5%", "$2 billion"]
    assert [q.sentence for q in analysis.quantities] == [0, 1]
    assert [p.value for p in analysis.periods] == ["2025-Q3"]


def test_components_can_be_disabled_by_call_or_config(pipeline):
    doc = Document.from_text("Profit was $2 billion in 2024.")
    assert pipeline(doc, disable=["quantities"]).quantities == []
    config = load_config()
    config["pipeline"]["disabled"] = ["periods"]
    assert "periods" not in build_pipeline(config).names
    assert build_pipeline(config).names == [n for n in config["pipeline"]["components"] if n != "periods"]


def test_unknown_names_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="unknown component"):
        build_pipeline(disable=["nope"])
    config = load_config()
    config["components"]["quantities"] = {"factory": "no_such_factory"}
    with pytest.raises(ConfigError, match="unknown factory 'no_such_factory'"):
        build_pipeline(config)
    bad = tmp_path / "bad.toml"
    bad.write_text("[pipeline\ncomponents = 1")
    with pytest.raises(ConfigError, match="invalid TOML"):
        build_pipeline(bad)


@component("test_upper_title")
def make_upper_title(suffix: str = "!"):
    def upper(analysis: Analysis) -> Analysis:
        analysis.document.title = (analysis.document.title or "").upper() + suffix
        return analysis

    return upper


def test_a_component_can_be_replaced_from_a_toml_file(tmp_path):
    assert "test_upper_title" in registered()
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        '[pipeline]\ncomponents = ["sentences", "periods"]\n'
        '[components.periods]\nfactory = "tests.test_pipeline:make_upper_title"\nsuffix = "?"\n'
    )
    nlp = build_pipeline(cfg)
    analysis = nlp(Document.from_text("x", title="hello"))
    assert analysis.document.title == "HELLO?"
    assert analysis.periods == []


def test_a_component_that_breaks_its_contract_is_named():
    config = load_config()
    config["pipeline"]["components"] = ["sentences", "bad"]
    config["components"]["bad"] = {"factory": "tests.test_pipeline:make_bad"}
    nlp = build_pipeline(config)
    with pytest.raises(ComponentError, match="component 'bad': returned dict"):
        nlp(Document.from_text("text"))
    config["components"]["bad"] = {"factory": "tests.test_pipeline:make_crashing"}
    with pytest.raises(ComponentError, match="component 'bad': ZeroDivisionError"):
        build_pipeline(config)(Document.from_text("text"))


def make_bad():
    return lambda analysis: {"not": "an analysis"}


def make_crashing():
    return lambda analysis: 1 / 0


def test_pipe_goes_on_past_errors(pipeline):
    from factwire.errors import EmptyInputError

    items = [Document.from_text("Up 5%."), EmptyInputError("a.txt", "empty"), Document.from_text("$3")]
    results = list(pipeline.pipe(items))
    assert [r.error is None for r in results] == [True, False, True]
    assert results[1].source == "a.txt"
