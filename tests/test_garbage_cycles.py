"""What the live path leaves for the garbage collector: nothing it could free by itself.

A young-generation collection stops every socket of the process. Under a 10-workshop load the
collections that freed socket events' request contexts and the sessions of vote batches took
30–160 ms each, one every second or two per process; these tests keep those cycles from
coming back.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

from flask.ctx import RequestContext
from flask.testing import EnvironBuilder

from workshop.extensions import db
from workshop.per_transaction import collected, current


@contextmanager
def collector_paused():
    """Collect what is pending (until a pass finds nothing: freeing garbage can make more),
    then keep the collector off until the block ends."""
    for _ in range(10):
        if not gc.collect():
            break
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _socket_event(app, context_class=None) -> None:
    environ = EnvironBuilder(app, path="/socket.io/").get_environ()
    context = app.request_context(environ) if context_class is None \
        else context_class(app, environ)
    with context:
        pass


def test_a_socket_events_context_leaves_no_cycle(app):
    """Flask's own context for the socket path keeps a NotFound and its traceback (a cycle)."""
    _socket_event(app)  # the first one also fills the app's lazy caches (the URL map, Babel)
    _socket_event(app, RequestContext)
    with collector_paused():
        _socket_event(app)
        assert gc.collect() == 0
        _socket_event(app, RequestContext)
        assert gc.collect() > 0  # what the app's context class avoids


def test_a_page_request_still_finds_its_route(app):
    from flask import request

    with app.test_request_context("/healthz"):
        assert request.url_rule is not None
        assert request.routing_exception is None


def test_a_transactions_collection_leaves_no_cycle(app):
    """Collected state names its transaction weakly: the session dies by reference count."""
    def batch() -> None:
        collected("batch")["votes"] = [1, 2]
        db.session.remove()

    with app.app_context():
        batch()  # the first one also fills caches of the engine and the mappers
        with collector_paused():
            batch()
            assert gc.collect() == 0


def test_a_collection_belongs_to_its_transaction_only(app):
    with app.app_context():
        collected("batch")["votes"] = [1]
        assert current(db.session(), "batch") == {"votes": [1]}
        db.session.rollback()
        assert current(db.session(), "batch") is None  # a rolled-back batch leaves nothing
        assert collected("batch") == {}
