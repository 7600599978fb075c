"""The analysis worker pool: analysis runs here, never in a request thread or under a store lock.

``factwire serve`` runs analyses in worker processes (spawned, each building the pipeline once),
so that a burst of analyses does not take the server's interpreter from the readers. An app made
with a ``Pipeline`` object (tests, scripts) runs them in threads instead. Admission is bounded:
``workers`` running plus ``queue`` waiting; past that ``/api/analyze`` answers 503 with
Retry-After, while an ingest waits its turn.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import numpy as np

from ..errors import BusyError
from ..models import Analysis, Document
from ..novelty import signature
from ..pipeline import Pipeline, build_pipeline

_worker_pipeline: Pipeline | None = None


def _init_worker(config: dict[str, Any] | None) -> None:
    global _worker_pipeline
    _worker_pipeline = build_pipeline(config)


def _analyze_in_worker(document: Document) -> tuple[Analysis, np.ndarray]:
    assert _worker_pipeline is not None
    return _analyzed(_worker_pipeline, document)


def _analyzed(pipeline: Any, document: Document) -> tuple[Analysis, np.ndarray]:
    """The analysis and the story's MinHash signature: both CPU work, both done here, so that
    the server's process (its readers, its writer) does not spend its interpreter on them."""
    analysis = pipeline(document)
    return analysis, signature(document.text)


def _warm() -> bool:
    return _worker_pipeline is not None


class AnalysisPool:
    def __init__(self, *, workers: int, queue: int, pipeline: Pipeline | None = None,
                 config: dict[str, Any] | None = None) -> None:
        self.workers = max(1, workers)
        self.capacity = self.workers + max(0, queue)
        self.pipeline = pipeline
        self.config = config
        self._lock = threading.Lock()
        self.in_flight = 0
        self.executor = self._make_executor()

    def _make_executor(self) -> Executor:
        if self.pipeline is not None:
            return ThreadPoolExecutor(self.workers, thread_name_prefix="factwire-analysis")
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.config,))

    def warm_up(self) -> None:
        """Start the worker processes now, in the background, rather than on the first request
        (the server listens meanwhile: building a pipeline takes seconds)."""
        if self.pipeline is None:
            for _ in range(self.workers):
                self.executor.submit(_warm)

    @property
    def full(self) -> bool:
        return self.in_flight >= self.capacity

    def _submit(self, document: Document) -> Future[tuple[Analysis, np.ndarray]]:
        with self._lock:
            if self.in_flight >= self.capacity:
                raise BusyError(
                    f"the analysis pool is full ({self.workers} running, {self.capacity - self.workers} waiting): "
                    "try again shortly", retry_after=1 + self.in_flight // self.workers)
            self.in_flight += 1
        try:
            if self.pipeline is not None:
                future = self.executor.submit(_analyzed, self.pipeline, document)
            else:
                future = self.executor.submit(_analyze_in_worker, document)
        except BaseException:
            self._done(None)
            raise
        future.add_done_callback(self._done)
        return future

    def _done(self, _future: Any) -> None:
        with self._lock:
            self.in_flight -= 1

    async def analyse(self, document: Document, *, wait: bool = False) -> tuple[Analysis, np.ndarray]:
        """The analysis of one document and its signature; BusyError when the pool is full,
        unless ``wait``."""
        while wait and self.full:
            await asyncio.sleep(0.02)
        future = self._submit(document)
        try:
            return await asyncio.wrap_future(future)
        except BrokenProcessPool as exc:  # a worker died (killed, out of memory): start afresh
            with self._lock:
                broken, self.executor = self.executor, self._make_executor()
            broken.shutdown(wait=False, cancel_futures=True)
            raise BusyError("an analysis worker stopped; try again", retry_after=2) from exc

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
