import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class ChosenLanguageMiddleware:
    """Swedish unless the user chose another language in the header's language form.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a caseworker's
    English-language browser must not switch a Swedish municipality's system to English."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionActivityMiddleware:
    """Keeps a signed-in user's session alive while they work, writing it at most once a minute.

    The inactivity timeout (SESSION_COOKIE_AGE, 30 minutes by default) counts from the session's
    last save. Django's SESSION_SAVE_EVERY_REQUEST would write the session row, and commit, on
    every page a caseworker opens; refreshing it once SESSION_REFRESH_SECONDS have passed keeps
    the timeout within that margin for a fraction of the writes."""

    KEY = "_active_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            refresh_after = int(getattr(settings, "SESSION_REFRESH_SECONDS", 60))
            if now - int(session.get(self.KEY, 0)) >= refresh_after:
                session[self.KEY] = now  # marks the session modified: saved, expiry renewed
        return response


class NoStoreForSignedInMiddleware:
    """Nothing a signed-in user is shown is kept by a browser or proxy cache.

    Pages, API responses and exports show personal data; a shared office computer's cache or
    an intermediate proxy must not keep them after the user logs out. Every response to a
    signed-in user (by session or, for the API, by token) is marked `no-store`. Anonymous
    responses (the login page, static files, the health check) keep their own headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view: the API's token authentication has set request.user by now.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
