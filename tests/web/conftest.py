import pytest
from fastapi.testclient import TestClient

from factwire.ingest import read_paths
from factwire.store import Store
from factwire.web import create_app
from tests.conftest import SAMPLES

TOKEN = "s3cret"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        store.ingest(pipeline, read_paths([str(SAMPLES)]))
    return path


@pytest.fixture(scope="module")
def client(db_path, pipeline):
    app = create_app(db_path, token=TOKEN, max_body=64 * 1024, pipeline=pipeline)
    with TestClient(app) as c:
        yield c
    app.state.store.close()
