import pytest

from factwire.datafiles import merge_extending, shipped_yaml, user_yaml
from factwire.errors import VocabularyError


def test_shipped_files_load():
    assert "events" in shipped_yaml("events.yaml")


@pytest.mark.parametrize(("text", "message"), [("- a\n- b\n", "expected a mapping"), ("", "expected a mapping"),
                                               ("a: [1,\n", "cannot load event taxonomy")])
def test_user_files_that_are_not_a_mapping_are_errors_naming_the_file(tmp_path, text, message):
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    with pytest.raises(VocabularyError, match=message) as err:
        user_yaml(path, "event taxonomy")
    assert "mine.yaml" in str(err.value)


def test_missing_user_file_is_an_error(tmp_path):
    with pytest.raises(VocabularyError, match=r"nope\.yaml"):
        user_yaml(tmp_path / "nope.yaml", "sentiment lexicon")


def test_merge_extends_lists_merges_mappings_and_replaces_the_rest():
    base = {"metrics": {"revenue": {"aliases": ["sales"], "unit": "money"}}, "cues": ["yoy"], "n": 1}
    merge_extending(base, {"metrics": {"revenue": {"aliases": ["turnover"]}, "eps": {}}, "cues": ["y/y"], "n": 2})
    assert base == {"metrics": {"revenue": {"aliases": ["sales", "turnover"], "unit": "money"}, "eps": {}},
                    "cues": ["yoy", "y/y"], "n": 2}
