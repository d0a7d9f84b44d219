"""`python -m bench.query_gaps`: list, queue and detail pages with no query-count test.

A page counts as covered when a test of the project names its URL (`"app:name"`, also through
its parametrize list or a module constant that list names) and asserts a query count
(`django_assert_max_num_queries` / `django_assert_num_queries`). This is a reviewer's aid, not
a test: it reads the source text and prints what it finds.
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

    tests = []
    for path in (ROOT / "bosam").rglob("test_*.py"):
        text = path.read_text()
        for chunk in re.split(r"\n\n\n", text):  # top-level definitions, with decorators
            if not any(name in chunk for name in ASSERTS):
                continue
            # Names held in a module constant the test is parametrized over count as named.
            for constant in set(re.findall(r"\b([A-Z][A-Z_]+)\b", chunk)):
                found = re.search(rf"^{constant} = \[.*?\]", text, re.MULTILINE | re.DOTALL)
                chunk += found.group(0) if found else ""
            tests.append(chunk)
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
