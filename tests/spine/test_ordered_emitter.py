"""Committed events sent through a message queue leave in commit order, from one task."""

from __future__ import annotations

import threading
import time

from workshop.realtime import emitter as emitter_module
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


def test_a_stalled_queue_keeps_the_newest_events_and_bounded_memory(app, monkeypatch):
    warnings = []
    monkeypatch.setattr(emitter_module.log, "warning", lambda *args: warnings.append(args))
    emitter, sent, gate = OrderedEmitter(limit=3), [], threading.Event()
    emitter.put(Event("stalled", sent, gate))  # being sent: the message queue hangs
    deadline = time.monotonic() + 5
    while emitter._waiting:  # the sender has taken it
        assert time.monotonic() < deadline
        time.sleep(0.002)
    for index in range(6):
        emitter.put(Event(f"e{index}", sent))
    assert emitter.dropped == 3
    assert [args[1] for args in warnings] == [1]  # logged once per thousand dropped
    gate.set()
    emitter.wait_sent()  # dropped events count as sent: nothing waits on them forever
    _settle(emitter)
    assert [name for name, _ in sent] == ["stalled", "e3", "e4", "e5"]
