"""User text: one place for cleaning, validation and near-duplicate matching."""

from workshop.text.normalize import (
    clean_input,
    compact_key,
    match_key,
    validate_http_url,
    validate_int,
    validate_text,
)

__all__ = [
    "clean_input",
    "compact_key",
    "match_key",
    "validate_http_url",
    "validate_int",
    "validate_text",
]
