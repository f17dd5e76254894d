"""Where ``factcheck index`` does its reading, splitting, extraction and embedding.

    local   this process, one batch of files after another (the default)
    dask    a Dask cluster: batches go to its workers, results come back to this
            process, which alone writes the SQLite file

With ``--scheduler ADDRESS`` the work goes to a running cluster (``tcp://host:8786``);
its workers must see the files at the same paths (a shared disk) and have factcheck and
the model installed. Without one, a LocalCluster with a worker process per CPU core is
started for the run and stopped after it. Dask is an optional extra, imported only here
and only when asked for: ``pip install 'factcheck[dask]'``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from factcheck.embed import Embedder
from factcheck.errors import ConfigError
from factcheck.index import Engine, FileAnalysis, LocalEngine, analyse_files

ENGINES = ("local", "dask")


class DaskEngine:
    """Batches of files analysed on a Dask cluster's workers, in whatever order they finish."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None) -> None:
        self.scheduler = scheduler
        self.workers = workers or os.cpu_count() or 1

    def analyse(self, batches: list[list[tuple[str, str | None]]], embedder: Embedder
                ) -> Iterator[list[FileAnalysis]]:
        distributed = _distributed()
        with self._client(distributed) as client:
            # One copy of the embedder per worker, kept there for every batch it runs,
            # so a model loads once per worker rather than once per batch.
            shared = client.scatter(embedder, broadcast=True)
            futures = client.map(analyse_files, batches, embedder=shared, pure=False)
            for future in distributed.as_completed(futures, loop=client.loop):
                yield future.result()

    @contextmanager
    def _client(self, distributed: Any) -> Iterator[Any]:
        if self.scheduler:
            try:
                client = distributed.Client(self.scheduler, timeout="20s",
                                            set_as_default=False)
            except (OSError, TimeoutError, ValueError) as error:
                raise ConfigError(f"--scheduler {self.scheduler}: no Dask scheduler answers "
                                  f"there ({error})") from error
            with client:
                yield client
            return
        # A worker per core, each with one thread: torch would otherwise start a thread
        # per core in every worker and they would fight over the same cores.
        single = {name: "1" for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")}
        with distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                      processes=True, dashboard_address=None,
                                      env=single) as cluster, \
                distributed.Client(cluster, set_as_default=False) as client:
            yield client


def engine_for(name: str, scheduler: str | None = None) -> Engine:
    """The engine ``--engine NAME`` asks for."""
    if name == "dask":
        return DaskEngine(scheduler)
    if scheduler:
        raise ConfigError("--scheduler needs --engine dask")
    return LocalEngine()


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as error:
        raise ConfigError("--engine dask needs Dask: pip install 'factcheck[dask]'") from error
    return distributed
