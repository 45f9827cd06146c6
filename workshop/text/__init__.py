"""User text: cleaning (stored as typed), validation, derived keys, the direction rule."""

from workshop.text.direction import direction, display_text
from workshop.text.normalize import (
    clean_input,
    compact_key,
    fold,
    match_key,
    validate_http_url,
    validate_int,
    validate_text,
)

__all__ = [
    "clean_input",
    "compact_key",
    "direction",
    "display_text",
    "fold",
    "match_key",
    "validate_http_url",
    "validate_int",
    "validate_text",
]
