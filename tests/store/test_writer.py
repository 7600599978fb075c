"""The server's store: one writer thread, readers on their own cursors."""

import threading

from factwire.models import Document
from factwire.store import Store


def test_reads_go_on_while_a_write_transaction_is_open(tmp_path, pipeline):
    """A write that holds its transaction open until a read has finished: if readers waited on
    the writer, the read could never finish and the writer would time out."""
    with Store(tmp_path / "w.duckdb", writer_thread=True) as store:
        store.add(pipeline(Document.from_text("NIO delivered 40,397 vehicles in October.", source="a")))
        read_done = threading.Event()
        in_write = threading.Event()

        def slow_write(con):
            con.execute("BEGIN TRANSACTION")
            con.execute("DELETE FROM documents")
            in_write.set()
            finished = read_done.wait(timeout=20)
            con.execute("ROLLBACK")
            return finished

        pending = store.write_async(slow_write)
        assert in_write.wait(timeout=20)
        seen = []
        reader = threading.Thread(target=lambda: (seen.append(store.count_documents()), read_done.set()))
        reader.start()
        reader.join(timeout=20)
        assert pending.result(timeout=30) is True, "the read waited for the write"
        assert seen == [1]  # the last committed state, not the half-done write


def test_writes_from_many_threads_are_queued_one_at_a_time(tmp_path, pipeline):
    texts = [f"XPeng delivered {40_000 + i:,} vehicles in October." for i in range(6)]
    analyses = [pipeline(Document.from_text(t, source=f"s{i}")) for i, t in enumerate(texts)]
    with Store(tmp_path / "q.duckdb", writer_thread=True) as store:
        threads = [threading.Thread(target=store.add, args=(a,)) for a in analyses]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert store.count_documents() == 6
        assert store.query("SELECT count(DISTINCT doc_id) FROM facts").rows == [(6,)]
