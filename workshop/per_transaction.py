"""State that lives exactly as long as one database transaction (one group commit's batch).

Several writes of a batch are collected and written together just before it commits (first
voters of a round, arrivals and leaves, the pending marks), and the vote locks a batch holds
live here too. What was collected belongs to the transaction that
collected it: a rolled-back batch, run again vote by vote, must not write its leftovers.
The owner is held by a weak reference: a strong one (session.info → transaction → session)
made every session a reference cycle that only the garbage collector could free, with its
connection and everything collected; under load those were most of each collection's work,
in pauses during which no socket was served.
"""

from __future__ import annotations

import weakref

from workshop.extensions import db


def collected(key: str) -> dict:
    """This transaction's collection under `key` (begun if need be), created empty."""
    session = db.session()
    session.connection()  # the batch's transaction (begun already): what is noted belongs to it
    transaction = session.get_transaction()
    state = _owned(session, key, transaction)
    if state is None:
        state = {}
        session.info[key] = (weakref.ref(transaction), state)
    return state


def current(session, key: str) -> dict | None:
    """What this transaction collected under `key`, or None (nothing, or noted in a
    transaction that was rolled back)."""
    return _owned(session, key, session.get_transaction())


def _owned(session, key: str, transaction) -> dict | None:
    """The state under `key` if `transaction` (not None) collected it."""
    owner, state = session.info.get(key, (None, None))
    if owner is None or transaction is None:
        return None
    return state if owner() is transaction else None


def take_collected(session, key: str) -> dict:
    """Remove and return what this transaction collected (empty if it collected nothing)."""
    state = current(session, key)
    session.info.pop(key, None)
    return state or {}
