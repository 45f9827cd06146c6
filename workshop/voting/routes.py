"""Voting pages (filled in below)."""

from workshop.voting import bp  # noqa: F401
