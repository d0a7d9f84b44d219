"""Cleaning a search query before it reaches a database query.

Strips control characters (NUL included, which PostgreSQL refuses in text) and surrounding space,
collapses runs of white space, and answers "" for a query with fewer than MIN_MEANINGFUL letters
or digits: a one- or two-character search would match half the register and is refused instead.
"""

import unicodedata

MIN_MEANINGFUL = 3
MAX_LENGTH = 200


def clean_query(q: str | None) -> str:
    """The query without control characters and extra space, or "" when it has fewer than
    three letters or digits."""
    text = "".join(ch for ch in (q or "") if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split())[:MAX_LENGTH]
    meaningful = sum(1 for ch in text if ch.isalnum())
    return text if meaningful >= MIN_MEANINGFUL else ""
