"""Engines: where the per-document work of a build runs. An engine only schedules.

An engine takes a function of one item (a document folder, in a build) and the items, runs
the function on them where it can (this process, a pool of local processes, a Ray cluster)
and gives the results back **in the order of the items**, whatever order the work finishes
in. Everything a build writes is decided by that order, so the published files are the same
whatever the engine and the number of workers.

Only a bounded number of items is in flight at once (:data:`WINDOW_PER_WORKER` per worker),
so memory does not grow with the number of items. The function must not raise for a bad
item: a build's task returns a bad document's error as a value
(:class:`bicorpus.corpus_build.DocumentOutcome`), so that ``--on-error skip`` can go on. An
engine raises only for what breaks the engine itself: a worker that dies (E442), the engine
missing or unreachable (E445, E446).

* :class:`LocalEngine` — this process (one job) or a pool of ``jobs`` processes.
* :class:`RayEngine` — tasks on a Ray cluster: a local one started for the build, or an
  existing one at ``address``. Workers read the documents themselves, so on a cluster of
  several machines the sources must be at the same path on every machine (a shared file
  system); docs/scaling.md shows how.

Another engine (Dask, Spark) is another class with the same :meth:`Engine.map` and a name in
:data:`ENGINES`; nothing else changes.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import socket
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.process import BaseProcess
from typing import Any, Protocol, TypeVar

from bicorpus.errors import BicorpusError

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")

#: Items submitted ahead of the one being waited for, per worker: enough to keep every worker
#: busy while the oldest item is still running, few enough that the results held back for
#: ordering stay small.
WINDOW_PER_WORKER = 4

#: The names ``bicorpus build --engine`` accepts.
ENGINES = ("local", "ray")

#: Run once in each worker process, with the number of CPUs the worker may use.
WorkerInitializer = Callable[[int], None]


class Engine(Protocol):
    """Runs a function on items and yields the results in item order (see the module docstring)."""

    #: Worker processes the engine runs (for the window and for each worker's threads).
    workers: int

    def map(
        self, function: Callable[[_Item], _Result], items: Iterable[_Item], describe: Callable[[_Item], str]
    ) -> Generator[_Result, None, None]:
        """``function(item)`` for every item, in item order. ``describe(item)`` names an item
        in an error (the file of the document a dead worker was building)."""
        ...

    def close(self) -> None:
        """Release the engine's workers (and a cluster it started)."""
        ...


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: the parent reports it once and stops the workers,
    # which must not each print a KeyboardInterrupt traceback of their own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def worker_died(where: str, engine: str = "local") -> BicorpusError:
    """E442: a worker stopped abruptly while ``where`` was in flight."""
    fewer = "fewer --jobs (--jobs 1 names the document at fault)" if engine == "local" else "more memory per Ray worker"
    return BicorpusError(
        code="E442",
        file=where,
        message="a worker process stopped abruptly while this document or one built beside it was in flight "
        "(killed by a signal, or by the system for lack of memory)",
        hint=f"run the build again with --resume (finished documents are reused); if it recurs, give it more memory or {fewer}",
    )


def stop_pool(pool: ProcessPoolExecutor, workers: Callable[[], list[BaseProcess]]) -> None:
    """Cancel what has not started and end the workers now, rather than letting them finish
    items nobody will read (an error, Ctrl-C or a consumer that stopped reading)."""
    # The pool's own processes, read before shutdown() forgets them (an executor keeps no public
    # list), together with the children that appeared since the pool started.
    own = list((getattr(pool, "_processes", None) or {}).values())
    # Its manager thread likewise: shutdown() drops the executor's reference to it.
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    # The pool's manager thread may still start a worker while it shuts down: look again until
    # no worker of this pool is left.
    for _ in range(5):
        running = list(dict.fromkeys([*own, *workers()]))
        own = []
        running = [process for process in running if process.is_alive()]
        if not running:
            break
        for process in running:
            process.terminate()
        for process in running:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
    # The executor's manager thread reaps the same workers. Two threads waiting on one process
    # race (the loser's waitpid fails, and its is_alive() then says True of a dead worker), so
    # wait for that thread: after this returns, no worker of the pool looks alive.
    if manager is not None:
        manager.join(timeout=30)


class LocalEngine:
    """This process when ``jobs`` is 1, else a pool of ``jobs`` worker processes.

    ``initializer(cpus)`` runs once in each worker process with the CPUs the worker may use
    (this machine's CPUs shared out among the workers; a build sets the encoder's threads).
    ``died(item)`` is the error raised when a worker stops abruptly (default: a build's E442).
    """

    def __init__(
        self,
        jobs: int = 1,
        initializer: WorkerInitializer | None = None,
        died: Callable[[str], BicorpusError] = worker_died,
    ) -> None:
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, not {jobs}")
        self.workers = jobs
        self._initializer = initializer
        self._died = died

    def map(
        self, function: Callable[[_Item], _Result], items: Iterable[_Item], describe: Callable[[_Item], str]
    ) -> Generator[_Result, None, None]:
        """See :meth:`Engine.map`. Never more processes than items: the first window of items
        is read before the pool starts, and one item is run in this process."""
        source = iter(items)
        window = self.workers * WINDOW_PER_WORKER
        first = list(itertools.islice(source, window))
        workers = min(self.workers, len(first))
        if workers <= 1:
            yield from (function(item) for item in itertools.chain(first, source))
            return
        before = set(multiprocessing.active_children())

        def started() -> list[BaseProcess]:
            return [process for process in multiprocessing.active_children() if process not in before]

        cpus = max(1, (os.cpu_count() or 1) // workers)
        pool = ProcessPoolExecutor(
            max_workers=workers, initializer=_local_worker_start, initargs=(self._initializer, cpus)
        )
        pending: deque[tuple[_Item, Future[_Result]]] = deque()
        try:
            for item in itertools.chain(first, source):
                pending.append((item, pool.submit(function, item)))
                if len(pending) >= window:
                    yield pending[0][1].result()
                    pending.popleft()
            while pending:
                yield pending[0][1].result()
                pending.popleft()
        except BrokenProcessPool:
            stop_pool(pool, started)
            raise self._died(describe(pending[0][0]) if pending else "build") from None
        except BaseException:
            stop_pool(pool, started)
            raise
        pool.shutdown()

    def close(self) -> None:
        """Nothing to release: a pool lives only while its :meth:`map` is read."""


def _local_worker_start(initializer: WorkerInitializer | None, cpus: int) -> None:
    _ignore_interrupts()
    if initializer is not None:
        initializer(cpus)


class RayEngine:
    """Tasks on a Ray cluster: the one at ``address``, or a local cluster of ``jobs`` CPUs
    started for the build (and stopped by :meth:`close`).

    Each task takes one CPU (``initializer(1)`` runs once in each Ray worker process); Ray
    reuses its worker processes, so a worker loads the encoder once. Ray's usage statistics
    are switched off (a build sends nothing anywhere) and so is its dashboard.
    """

    def __init__(self, address: str | None = None, jobs: int = 1, initializer: WorkerInitializer | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise BicorpusError(
                code="E445", file="--engine ray", message="Ray is not installed",
                hint="pip install 'bicorpus[ray]', or build with --engine local",
            ) from None
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        self._ray = ray
        self._started = not ray.is_initialized()
        if self._started:
            if address is not None:
                _check_reachable(address)
            try:
                if address is None:
                    ray.init(num_cpus=jobs, include_dashboard=False, logging_level="WARNING", log_to_driver=False)
                else:
                    ray.init(address=address, include_dashboard=False, logging_level="WARNING", log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise BicorpusError(
                    code="E446", file=f"--address {address}" if address else "--engine ray",
                    message=f"cannot start or reach the Ray cluster: {str(error).splitlines()[0] if str(error) else error!r}",
                    hint="check the address (ray status on the head node prints it); a cluster with token "
                    "authentication needs RAY_AUTH_MODE=token and its token (RAY_AUTH_TOKEN or ~/.ray/auth_token) here "
                    "too; or build with --engine local",
                ) from None
        self.workers = max(1, int(ray.cluster_resources().get("CPU", jobs)))
        self._initializer = initializer

    def map(
        self, function: Callable[[_Item], _Result], items: Iterable[_Item], describe: Callable[[_Item], str]
    ) -> Generator[_Result, None, None]:
        """See :meth:`Engine.map`."""
        ray = self._ray
        remote = ray.remote(num_cpus=1, max_retries=0)(_ray_task)
        window = self.workers * WINDOW_PER_WORKER
        pending: deque[tuple[_Item, Any]] = deque()
        try:
            for item in items:
                pending.append((item, remote.remote(function, item, self._initializer)))
                if len(pending) >= window:
                    yield self._get(*pending.popleft(), describe)
            while pending:
                yield self._get(*pending.popleft(), describe)
        finally:
            for _, reference in pending:
                ray.cancel(reference, force=True)

    def _get(self, item: _Item, reference: Any, describe: Callable[[_Item], str]) -> Any:
        ray = self._ray
        try:
            return ray.get(reference)
        except (ray.exceptions.WorkerCrashedError, ray.exceptions.NodeDiedError, ray.exceptions.OutOfMemoryError):
            raise worker_died(describe(item), engine="ray") from None
        except ray.exceptions.RayError as error:
            # Anything else the cluster reports (a task that could not be run or sent back):
            # one line naming the document, not Ray's multi-line traceback.
            cause = getattr(error, "cause", None)
            reason = f"{type(cause).__name__}: {cause}" if cause is not None else type(error).__name__
            raise BicorpusError(
                code="E447", file=describe(item), message=f"the Ray cluster failed on this document: {reason}",
                hint="read the cluster's logs (ray logs on the head node); run the build again with --resume",
            ) from None

    def close(self) -> None:
        """Stop the local cluster if this engine started it; an existing cluster is left running."""
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()


#: How long to wait for a Ray head to accept a connection before giving up.
CONNECT_TIMEOUT_SECONDS = 10


def _check_reachable(address: str) -> None:
    """E446 at once when ``HOST:PORT`` (or ``ray://HOST:PORT``) accepts no connection: Ray
    itself retries an unreachable head for minutes before it fails."""
    if address == "auto":
        return  # Ray finds the running cluster of this node, or fails at once
    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_SECONDS):
            pass
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise BicorpusError(
            code="E446", file=f"--address {address}", message=f"no Ray cluster answers there ({reason})",
            hint="give auto on a node of the cluster, or the head's HOST:PORT (ray status on the head prints it); "
            "or build with --engine local",
        ) from None


#: The worker-process initializers that already ran in this Ray worker process.
_INITIALIZED: set[WorkerInitializer] = set()


def _ray_task(function: Callable[[Any], Any], item: Any, initializer: WorkerInitializer | None) -> Any:
    if initializer is not None and initializer not in _INITIALIZED:
        initializer(1)  # a task is given one CPU
        _INITIALIZED.add(initializer)
    return function(item)


def make_engine(name: str, jobs: int, address: str | None, initializer: WorkerInitializer | None = None) -> Engine:
    """The engine ``bicorpus build --engine NAME`` runs: ``local`` (``jobs`` processes) or ``ray``
    (the cluster at ``address``, or a local one of ``jobs`` CPUs)."""
    if name == "local":
        return LocalEngine(jobs, initializer)
    if name == "ray":
        return RayEngine(address, jobs, initializer)
    raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
