"""Committed events sent through a message queue leave in commit order, from one task."""

from __future__ import annotations

import threading
import time

from workshop.realtime.emitter import OrderedEmitter


class Event:
    def __init__(self, name, sent, gate=None, fails=False):
        self.name, self.sent, self.gate, self.fails = name, sent, gate, fails

    def run(self):
        if self.gate is not None:
            self.gate.wait(5)
        if self.fails:
            raise RuntimeError("redis went away")
        self.sent.append((self.name, threading.get_ident()))


def _settle(emitter, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not emitter.idle():
        assert time.monotonic() < deadline, "the emitter never went idle"
        time.sleep(0.002)


def test_events_leave_in_order_from_one_task_and_a_failure_stops_nothing(app):
    emitter, sent, gate = OrderedEmitter(), [], threading.Event()
    emitter.put(Event("first", sent, gate))  # the sender waits here while more are queued
    for name in ("second", "broken", "third"):
        emitter.put(Event(name, sent, fails=name == "broken"))
    assert not emitter.idle()
    gate.set()
    _settle(emitter)
    assert [name for name, _ in sent] == ["first", "second", "third"]
    assert len({thread for _, thread in sent}) == 1  # one sender, never two at once
    emitter.put(Event("later", sent))  # an idle emitter starts again
    _settle(emitter)
    assert sent[-1][0] == "later"


def test_work_that_must_follow_waits_until_the_earlier_events_left(app):
    emitter, sent, gate = OrderedEmitter(), [], threading.Event()
    emitter.put(Event("removed", sent, gate))
    followed = []
    waiter = threading.Thread(target=lambda: (emitter.wait_sent(), followed.append(list(sent))))
    waiter.start()
    time.sleep(0.05)
    assert followed == []  # still waiting for `removed`
    gate.set()
    waiter.join(5)
    assert [name for name, _ in followed[0]] == ["removed"]
    emitter.wait_sent()  # nothing queued: returns at once
