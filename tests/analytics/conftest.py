import pytest

from factwire.store import Store
from tests.conftest import samples_store


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, pipeline):
    """The shipped demo corpus in a store."""
    path = samples_store(tmp_path_factory.mktemp("demo") / "demo.duckdb", pipeline)
    with Store(path) as store:
        yield store
