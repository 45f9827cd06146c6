"""Join codes and participant tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app

# No 0/O, 1/I/L, 5/S, 2/Z: codes are read off a projector and typed on phones.
JOIN_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
# 27**10 ≈ 2·10**14 codes: with wrong guesses limited per device and per address (see
# docs/joining.md) finding an open workshop by guessing takes millions of years.
JOIN_CODE_LENGTH = 10


def new_join_code() -> str:
    """A code that is easy to read aloud and to type, long enough that guessing is hopeless."""
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str:
    """Accept lower case, spaces, dashes and Persian digits in a typed code."""
    from workshop.text.normalize import clean_input

    return "".join(ch for ch in clean_input(text or "").upper() if ch.isalnum())


def new_token() -> str:
    """A participant token: 256 random bits, shown only to the phone that holds it."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Only this digest of a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def invite_token(participant_id: int) -> str:
    """The personal join link secret for a roster invitee; derived, so it can be re-shown."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"invite:{participant_id}".encode(), hashlib.sha256).hexdigest()[:32]
