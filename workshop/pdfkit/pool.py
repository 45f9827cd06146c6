"""A bounded pool of niced worker processes for PDF builds (minutes, later dossiers).

Under gevent (run.py) a build is seconds of CPU work: on the hub it would stall every socket,
and in a thread it would hold the GIL each vote needs. So builds run in long-lived child
processes (pool_worker.py) at a lower priority, at most `PDF_WORKERS` at once; further builds
wait for a free worker. Talking to a worker is cooperative I/O, so the hub keeps serving while
it waits. Builds with the same inputs share one result: the pool keeps recent PDFs by the
SHA-256 of their inputs, and a build already under way is joined rather than repeated.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
import sys
import threading
from dataclasses import dataclass, field

from workshop import ROOT_DIR
from workshop.lru import BoundedCache

from .pool_worker import HEADER, read_exactly

BUILD_TIMEOUT = 120


class BuildFailed(Exception):
    """A worker answered with an error, died or ran out of time."""


class Worker:
    """One worker process and the pipe protocol to it."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workshop.pdfkit.pool_worker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, cwd=str(ROOT_DIR))

    def run(self, job: bytes, timeout: float) -> bytes:
        """Send a job, wait for its answer; a worker past its time is killed."""
        timer = threading.Timer(timeout, self.process.kill)
        timer.start()
        try:
            self.process.stdin.write(HEADER.pack(len(job)) + job)
            self.process.stdin.flush()
            status = read_exactly(self.process.stdout, 1 + HEADER.size)
            if len(status) < 1 + HEADER.size:
                raise BuildFailed("the PDF worker stopped")
            body = read_exactly(self.process.stdout, HEADER.unpack(status[1:])[0])
        except OSError as error:
            raise BuildFailed("the PDF worker stopped") from error
        finally:
            timer.cancel()
        if status[:1] != b"+":
            raise BuildFailed(body.decode("utf-8", "replace"))
        return body

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
    body: bytes | None = None
    error: Exception | None = None


class BuildPool:
    """At most `size` builds at once, each in a reused worker process."""

    def __init__(self, size: int, cached: int = 8):
        self.size = size
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[Worker] = []
        self._lock = threading.Lock()
        self._flights: dict[str, _Flight] = {}
        self.results = BoundedCache(cached)

    def build(self, builder: str, *args, key: str | None = None) -> bytes:
        """The PDF for these inputs: from the cache, from a build under way, or built now.

        `key` names the inputs when the caller already hashed them (a preview knows its
        content hash): the server then encodes the job once and hashes nothing more.
        """
        job = json.dumps({"builder": builder, "args": args}, ensure_ascii=False,
                         sort_keys=key is None).encode("utf-8")
        key = f"{builder}:{key}" if key else hashlib.sha256(job).hexdigest()
        cached = self.results.get(key)
        if cached is not None:
            return cached
        with self._lock:
            flight, leader = self._flights.get(key), False
            if flight is None:
                flight, leader = self._flights.setdefault(key, _Flight()), True
        if leader:
            self._lead(key, job, flight)
        flight.done.wait()
        if flight.error is not None:
            raise flight.error
        return flight.body

    def _lead(self, key: str, job: bytes, flight: _Flight) -> None:
        try:
            flight.body = self._run(job)
            self.results.put(key, flight.body)
        except Exception as error:
            flight.error = error if isinstance(error, BuildFailed) else BuildFailed(str(error))
        finally:
            with self._lock:
                self._flights.pop(key, None)
            flight.done.set()

    def _run(self, job: bytes) -> bytes:
        with self._slots:
            worker = self._checkout()
            try:
                body = worker.run(job, BUILD_TIMEOUT)
            except BuildFailed:
                if not worker.alive():
                    worker.stop()
                    raise
                self._checkin(worker)
                raise
            self._checkin(worker)
            return body

    def _checkout(self) -> Worker:
        found, dead = None, []
        with self._lock:
            while self._idle and found is None:
                worker = self._idle.pop()
                found = worker if worker.alive() else dead.append(worker)
        for worker in dead:
            worker.stop()
        return found or Worker()

    def _checkin(self, worker: Worker) -> None:
        with self._lock:
            self._idle.append(worker)

    def close(self) -> None:
        """Stop the idle workers (at shutdown)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


_POOLS_LOCK = threading.Lock()


def pool_for(app) -> BuildPool:
    """This app's build pool (created on first use, sized by PDF_WORKERS)."""
    with _POOLS_LOCK:
        return app.extensions.setdefault(
            "pdf_pool", BuildPool(max(1, int(app.config.get("PDF_WORKERS", 1)))))
