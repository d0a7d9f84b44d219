"""What a typed search term may be. One rule for every search in Bosam (pages and API), so no
search can be made to list the whole population: control characters and NUL are removed, runs
of white space become one space, and a term with fewer than three letters or digits is no
search at all. Pure: no Django, no database."""

import unicodedata

MIN_MEANINGFUL_CHARACTERS = 3
MAX_LENGTH = 100  # longer than any name or number; a longer text is cut, not searched whole
SEARCH_PAGE_SIZE = 50  # a search answers with one page; more matches need a narrower term


def _is_control(ch: str) -> bool:
    # Cc (control, NUL included), Cf (format: zero-width spaces, direction marks), Cs, Co, Cn.
    return unicodedata.category(ch).startswith("C")


def clean_query(text: str | None) -> str:
    """The search term to use for what the user typed, or "" when it is no search.

    "" means "search for nothing": a caller shows no results (and may ask for a longer term);
    it never means "everything"."""
    if not text:
        return ""
    # Tabs and line breaks separate words; every other control character is dropped.
    visible = "".join(ch for ch in text if ch.isspace() or not _is_control(ch))
    cleaned = " ".join(visible.split())[:MAX_LENGTH].strip()
    meaningful = sum(1 for ch in cleaned if ch.isalnum())
    if meaningful < MIN_MEANINGFUL_CHARACTERS:
        return ""
    return cleaned
