"""One computation of a report calls the same module selector for many figures and committees
(the register's `head_leases_started_in(2022)` feeds five figures, four committees each). Within
`computing()` each distinct call runs once; outside it every call runs, so nothing goes stale
between requests."""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

_cache: ContextVar[dict[Hashable, object] | None] = ContextVar("report_memo", default=None)


@contextmanager
def computing() -> Iterator[None]:
    if _cache.get() is not None:
        yield  # already inside an outer computation: share its results
        return
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def memo[**P, R](fn: Callable[P, R]) -> Callable[P, R]:
    @wraps(fn)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        cache = _cache.get()
        if cache is None:
            return fn(*args, **kwargs)
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
        if key not in cache:
            cache[key] = fn(*args, **kwargs)
        return cache[key]  # type: ignore[return-value]

    return wrapped
