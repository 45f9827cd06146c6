"""State that lives exactly as long as one database transaction (one group commit's batch).

Several writes of a batch are collected and written together just before it commits (first
voters of a round, arrivals and leaves, the pending marks), and the vote locks a batch holds
live here too. What was collected belongs to the transaction that
collected it: a rolled-back batch, run again vote by vote, must not write its leftovers.
"""

from __future__ import annotations

from workshop.extensions import db


def collected(key: str) -> dict:
    """This transaction's collection under `key` (begun if need be), created empty."""
    session = db.session()
    session.connection()  # the batch's transaction (begun already): what is noted belongs to it
    transaction = session.get_transaction()
    owner, state = session.info.get(key, (None, None))
    if owner is not transaction:
        state = {}
        session.info[key] = (transaction, state)
    return state


def current(session, key: str) -> dict | None:
    """What this transaction collected under `key`, or None (nothing, or noted in a
    transaction that was rolled back)."""
    owner, state = session.info.get(key, (None, None))
    return state if state is not None and owner is session.get_transaction() else None


def take_collected(session, key: str) -> dict:
    """Remove and return what this transaction collected (empty if it collected nothing)."""
    state = current(session, key)
    session.info.pop(key, None)
    return state or {}
