import pytest

from factwire.store import Store
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory, pipeline):
    """The shipped demo corpus in a store."""
    from factwire.ingest import read_paths

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Store(path) as store:
        report = store.ingest(pipeline, read_paths([str(SAMPLES)]))
        assert report.added == 7
    with Store(path) as store:
        yield store
