"""Group commit for votes: votes waiting at the same moment share one transaction.

A packed room taps at once. On its own transaction each vote paid for a session, a connection
checkout, the SQLite write lock and a durable commit (an fsync, during which the whole gevent
process waits). The writer takes every vote waiting, runs them in the order they arrived in
one transaction, commits once, and only then answers them: an ack still means the vote is
durable. A vote refused by a check has written nothing and does not disturb the others. If the
database refuses a write (its triggers guard budgets too) the whole batch rolls back and each
vote runs again alone, so no answer ever depends on a rolled-back neighbour.

Attendance (a phone connecting or leaving) rides in the same batches (`write_together`): when
the venue's Wi-Fi comes back, a thousand arrivals share a few commits instead of paying one
fsync each.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app, g

from workshop.errors import WorkshopError
from workshop.extensions import socketio
from workshop.transaction import commit, rollback
from workshop.voting.prefetch import VotePlan, prepare

log = logging.getLogger(__name__)
BATCH_LIMIT = 64


class WriteRefused(Exception):  # noqa: N818 - a refusal, not a programming error
    """The database refused a vote's write; the batch must not commit around it."""

    def __init__(self, refusal: Exception):
        super().__init__(str(refusal))
        self.refusal = refusal


@dataclass
class VoteJob:
    """One vote waiting for the writer: what to run, in which context, and its answer."""

    decide: Callable[[], dict]
    op_id: str | None
    sender_sid: str | None
    op_digest: str | None = None  # the payload's digest: a resend must match it
    plan: VotePlan | None = None  # what it will read, so that its batch reads it for it
    done: threading.Event = field(default_factory=threading.Event)
    state: dict | None = None
    error: BaseException | None = None

    def finish(self, state: dict | None = None, error: BaseException | None = None) -> None:
        self.state, self.error = state, error
        self.done.set()

    def result(self) -> dict:
        """Wait for the commit; the vote's state, or its refusal raised here."""
        self.done.wait()
        if self.error is not None:
            raise self.error
        return self.state


class VoteWriter:
    """Runs submitted votes in batches; one writer runs while votes are waiting."""

    def __init__(self):
        self._lock = threading.Lock()
        self._waiting: list[VoteJob] = []
        self._running = False

    def submit(self, job: VoteJob) -> dict:
        """Queue a vote and wait until it is committed (or refused).

        The caller's own transaction (it wrote nothing) ends first, so a waiting request never
        holds a pooled connection the writer needs.
        """
        rollback()
        self.enqueue(job)
        return job.result()

    def enqueue(self, job: VoteJob) -> None:
        """Queue a job for the next batch without waiting for it (the writer starts if idle)."""
        app = current_app._get_current_object()
        with self._lock:
            self._waiting.append(job)
            start, self._running = not self._running, True
        if start:
            socketio.start_background_task(self._drain, app)

    def idle(self) -> bool:
        """Nothing waiting and nothing being written (a graceful stop waits for this)."""
        with self._lock:
            return not self._running and not self._waiting

    def _drain(self, app) -> None:
        while True:
            with self._lock:
                batch = self._waiting[:BATCH_LIMIT]
                del self._waiting[:BATCH_LIMIT]
                if not batch:
                    self._running = False
                    return
            with app.app_context():
                g.own_connections = True  # never in line behind the requests' pool
                self._write(batch)
            socketio.sleep(0)  # let sockets that are ready hand in their votes

    def _write(self, batch: list[VoteJob]) -> None:
        if len(batch) > 1:
            try:
                self._commit_together(batch)
                return
            except Exception:
                rollback()
        for job in batch:  # alone, a failure is this vote's own
            try:
                self._commit_together([job])
            except WriteRefused as refused:
                rollback()
                job.finish(error=refused.refusal)
            except Exception as error:
                rollback()
                log.exception("vote failed")
                job.finish(error=error)

    @staticmethod
    def _commit_together(batch: list[VoteJob]) -> None:
        prepare([job.plan for job in batch])
        outcomes = [_attempt(job) for job in batch]
        commit()
        for job, (state, refusal) in zip(batch, outcomes, strict=True):
            job.finish(state, refusal)


def _attempt(job: VoteJob) -> tuple[dict | None, WorkshopError | None]:
    """Run one vote inside the batch's transaction; a checked refusal has written nothing."""
    g.operation_id, g.sender_sid = job.op_id, job.sender_sid
    g.operation_digest = job.op_digest
    try:
        return job.decide(), None
    except WorkshopError as refusal:
        return None, refusal
    finally:
        g.pop("operation_id", None)
        g.pop("operation_digest", None)
        g.pop("sender_sid", None)


def write_together(decide: Callable[[], dict | None], sender_sid: str | None = None):
    """Run a small write in the next group commit and wait until it is durable."""
    return writer().submit(VoteJob(decide, None, sender_sid))


def write_soon(decide: Callable[[], dict | None]) -> None:
    """Queue a small write for the next group commit and go on (nothing waits on its answer).

    The caller keeps its transaction and loaded rows: a connect must not pay for reloading
    them, and no answer depends on this write (attendance, not votes).
    """
    writer().enqueue(VoteJob(decide, None, None))


_CREATE_LOCK = threading.Lock()


def writer() -> VoteWriter:
    """This app's vote writer (each app has its own database)."""
    app = current_app._get_current_object()
    with _CREATE_LOCK:
        return app.extensions.setdefault("vote_writer", VoteWriter())
