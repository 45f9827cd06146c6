"""A bounded pool of niced worker processes for PDF builds (minutes, previews, plans, dossiers).

Under gevent (run.py) a build is seconds of CPU work: on the hub it would stall every socket,
and in a thread it would hold the GIL each vote needs. So builds run in long-lived child
processes (pool_worker.py) at a lower priority, at most `PDF_WORKERS` at once; further builds
wait for a free worker. Talking to a worker is cooperative I/O, so the hub keeps serving while
it waits. Each worker gets the owning app's config when it starts, so builders that read the
database (previews, dossiers) collect in the worker and the server sends only a few ids.
Builds with the same inputs share one result: a build already under way is joined rather than
repeated, and the pool keeps recent PDFs of pure builders by the SHA-256 of their inputs (a
database builder's result depends on the data at the time, so it is never cached by its args).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
import sys
import threading
import weakref
from dataclasses import dataclass, field

from workshop import ROOT_DIR
from workshop.lru import BoundedCache

from .pool_worker import BUILDERS, frame, read_frame


class BuildFailed(Exception):
    """A worker answered with an error, died or ran out of time."""


@dataclass(frozen=True)
class Built:
    """A worker's answer: what the builder reports (e.g. the content digest) and the PDF."""

    meta: dict
    body: bytes


class Worker:
    """One worker process and the pipe protocol to it."""

    def __init__(self, config: dict | None = None):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workshop.pdfkit.pool_worker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, cwd=str(ROOT_DIR))
        try:
            self._send(json.dumps(config or {}).encode("utf-8"))
        except OSError as error:
            self.stop()
            raise BuildFailed("the PDF worker did not start") from error

    def _send(self, body: bytes) -> None:
        """One frame down the pipe (the config first, then jobs)."""
        self.process.stdin.write(frame(body))
        self.process.stdin.flush()

    def run(self, job: bytes, timeout: float) -> Built:
        """Send a job, wait for its answer; a worker past its time is killed."""
        timer = threading.Timer(timeout, self.process.kill)
        timer.start()
        try:
            self._send(job)
            status = self.process.stdout.read(1)
            meta, body = read_frame(self.process.stdout), read_frame(self.process.stdout)
        except OSError as error:
            raise BuildFailed("the PDF worker stopped") from error
        finally:
            timer.cancel()
        if status not in (b"+", b"-") or meta is None or body is None:
            raise BuildFailed("the PDF worker stopped")
        meta = json.loads(meta)
        if status != b"+":
            raise BuildFailed(meta.get("error", "the PDF build failed"))
        return Built(meta, body)

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        """Close its pipes (a waiting worker then exits) and reap it."""
        for pipe in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):  # a dead worker's pipe may refuse the flush
                pipe.close()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class _Flight:
    done: threading.Event = field(default_factory=threading.Event)
    built: Built | None = None
    error: Exception | None = None


class BuildPool:
    """At most `size` builds at once, each in a reused worker process."""

    def __init__(self, size: int, cached: int = 8, config: dict | None = None):
        self.size, self.config = size, config or {}
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[Worker] = []
        self._lock = threading.Lock()
        self._flights: dict[str, _Flight] = {}
        self.results = BoundedCache(cached)

    def build(self, builder: str, *args, key: str | None = None) -> bytes:
        """The PDF for these inputs: from the cache, from a build under way, or built now.

        `key` names the inputs when the caller already hashed them (a final version knows
        its content hash): the server then encodes the job once and hashes nothing more.
        """
        return self.run(builder, *args, key=key).body

    def run(self, builder: str, *args, key: str | None = None) -> Built:
        """Like build(), with what the builder reports besides the PDF."""
        spec = BUILDERS[builder]  # an unknown builder fails here, in the server
        job = json.dumps({"builder": builder, "args": args}, ensure_ascii=False,
                         sort_keys=key is None).encode("utf-8")
        key = f"{builder}:{key}" if key else hashlib.sha256(job).hexdigest()
        cached = None if spec.reads_database else self.results.get(key)
        if cached is not None:
            return cached
        with self._lock:
            flight, leader = self._flights.get(key), False
            if flight is None:
                flight, leader = self._flights.setdefault(key, _Flight()), True
        if leader:
            self._lead(key, job, flight, spec)
        flight.done.wait()
        if flight.error is not None:
            raise flight.error
        return flight.built

    def _lead(self, key: str, job: bytes, flight: _Flight, spec) -> None:
        try:
            flight.built = self._run(job, spec.timeout)
            if not spec.reads_database:
                self.results.put(key, flight.built)
        except Exception as error:
            flight.error = error if isinstance(error, BuildFailed) else BuildFailed(str(error))
        finally:
            with self._lock:
                self._flights.pop(key, None)
            flight.done.set()

    def _run(self, job: bytes, timeout: float) -> Built:
        with self._slots:
            worker = self._checkout()
            try:
                built = worker.run(job, timeout)
            except BuildFailed:
                if not worker.alive():
                    worker.stop()
                    raise
                self._checkin(worker)
                raise
            self._checkin(worker)
            return built

    def _checkout(self) -> Worker:
        found, dead = None, []
        with self._lock:
            while self._idle and found is None:
                worker = self._idle.pop()
                found = worker if worker.alive() else dead.append(worker)
        for worker in dead:
            worker.stop()
        return found or Worker(self.config)

    def _checkin(self, worker: Worker) -> None:
        with self._lock:
            self._idle.append(worker)

    def close(self) -> None:
        """Stop the idle workers (at shutdown, and when a test's app is done)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


_POOLS_LOCK = threading.Lock()


def worker_config(app) -> dict:
    """The app's settings a worker can receive (JSON values): its database, secret, options."""
    config = {}
    for name, value in app.config.items():
        if name.isupper():
            with contextlib.suppress(TypeError, ValueError):
                json.dumps(value)
                config[name] = value
    return config


def pool_for(app) -> BuildPool:
    """This app's build pool (created on first use, sized by PDF_WORKERS)."""
    with _POOLS_LOCK:
        pool = app.extensions.get("pdf_pool")
        if pool is None:
            pool = BuildPool(max(1, int(app.config.get("PDF_WORKERS", 1))),
                             config=worker_config(app))
            app.extensions["pdf_pool"] = pool
            weakref.finalize(app, pool.close)  # no worker outlives its app
        return pool


def close_pool(app) -> None:
    """Stop the app's idle workers, if it ever started any."""
    pool = app.extensions.get("pdf_pool")
    if pool is not None:
        pool.close()
