"""`python -m bench.query_gaps`: list, queue and detail pages with no query-count test.

A page counts as covered when some test function of the project names its URL (`"app:name"`)
and asserts a query count (`django_assert_max_num_queries` / `django_assert_num_queries`). This is a
reviewer's aid, not a test: it reads the source text and prints what it finds.
"""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE_NAME = re.compile(r"(_list|_queue|_detail|figures|_index|^home)$")
ASSERTS = ("django_assert_max_num_queries", "django_assert_num_queries")


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from django.urls import get_resolver

    from bench.pages import APPS, _walk

    tests = [
        chunk
        for path in (ROOT / "bosam").rglob("test_*.py")
        for chunk in re.split(r"\n(?=def |@)", path.read_text())
        if any(name in chunk for name in ASSERTS)
    ]
    gaps = []
    covered = []
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace not in APPS or not pattern.name or not PAGE_NAME.search(pattern.name):
            continue
        name = f"{namespace}:{pattern.name}"
        if any(f'"{name}"' in text for text in tests):
            covered.append(name)
        else:
            gaps.append(name)
    sys.stdout.write("covered: " + ", ".join(sorted(covered)) + "\n")
    sys.stdout.write("no query-count test: " + (", ".join(sorted(gaps)) or "none") + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
