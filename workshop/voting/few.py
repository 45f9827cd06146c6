"""Fixed-arity parameters for reads about a phone's newest rounds (at most FEW of them).

An `IN` with an expanding parameter is re-rendered by SQLAlchemy on every execution; on a
reconnect storm that cost more than the query. These statements take exactly FEW numbered
parameters instead, padded with a value that matches no row, so one compiled statement
serves any count up to FEW.
"""

from __future__ import annotations

import sqlalchemy as sa

FEW = 5  # voting/snapshot.py RESULT_ROUNDS: the rounds whose results travel with a snapshot


def few_binds(name: str) -> list:
    """FEW bound parameters `name0` … `name4`."""
    return [sa.bindparam(f"{name}{i}") for i in range(FEW)]


def few_values(name: str, values: list, filler) -> dict:
    """`values` as the parameters of `few_binds(name)`, padded with `filler`."""
    if len(values) > FEW:
        raise ValueError(f"at most {FEW} values, got {len(values)}")
    padded = [*values, *[filler] * (FEW - len(values))]
    return {f"{name}{i}": value for i, value in enumerate(padded)}
