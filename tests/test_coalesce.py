"""Coalesced refreshes: the leading and trailing edge, and what forgetting pending ones does."""

from __future__ import annotations

import threading
import time

from workshop.realtime.coalesce import Coalescer

WINDOW = 0.3


class Counter:
    """An emit function that counts its calls and can be waited on."""

    def __init__(self):
        self.calls = 0
        self.changed = threading.Condition()

    def __call__(self) -> None:
        with self.changed:
            self.calls += 1
            self.changed.notify_all()

    def wait_for(self, calls: int, timeout: float = 5.0) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.calls >= calls, timeout)


def test_changes_inside_a_window_are_sent_once_at_its_end(app):
    sent, coalescer = Counter(), Coalescer(WINDOW)
    with app.app_context():
        coalescer.touch("k", sent)
        assert sent.wait_for(1)
        coalescer.touch("k", sent)
        coalescer.touch("k", sent)
    assert sent.wait_for(2)
    time.sleep(WINDOW * 2)
    assert sent.calls == 2


def test_a_forgotten_change_is_never_sent_and_the_key_is_free_again(app):
    """Forgetting drops the trailing refresh; the next change is sent at once, and the old
    cycle, waking later, neither sends nor disturbs the new one's trailing refresh."""
    sent, coalescer = Counter(), Coalescer(WINDOW)
    with app.app_context():
        coalescer.touch("k", sent)
        assert sent.wait_for(1)
        coalescer.touch("k", sent)  # pending for the end of the window
        coalescer.forget()
        coalescer.touch("k", sent)  # a new cycle: sent at once
        assert sent.wait_for(2)
        coalescer.touch("k", sent)  # pending in the new cycle's window
    time.sleep(WINDOW * 3)
    assert sent.calls == 3
    assert not coalescer.sending()
