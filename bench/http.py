"""Logging in through the real login form, and single timed requests."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

LOGIN_PATH = "/konto/logga-in/"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass(frozen=True)
class Session:
    username: str
    cookie: str  # the Cookie header a logged-in browser sends


def login(base: str, username: str, password: str) -> Session:
    """One browser's login: GET the form (csrftoken), POST the credentials, keep the cookies."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    with opener.open(base + LOGIN_PATH, timeout=30) as response:
        match = CSRF_FIELD.search(response.read().decode())
    if not match:
        raise RuntimeError("the login page has no CSRF token")
    body = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1)}
    ).encode()
    request = urllib.request.Request(
        base + LOGIN_PATH, data=body, headers={"Referer": base + LOGIN_PATH}
    )
    try:
        opener.open(request, timeout=60)
    except urllib.error.HTTPError as exc:  # the 302 after a successful login lands here
        if exc.code != 302:
            raise
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        raise RuntimeError(f"{username} could not log in (wrong demo password, or locked out?)")
    return Session(username, "; ".join(f"{k}={v}" for k, v in cookies.items()))


def login_many(base: str, username: str, password: str, count: int) -> list[Session]:
    """`count` separate browser sessions for one user: concurrent requests of different users do
    not share a session row, so they must not share one here either."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda _i: login(base, username, password), range(count)))


@dataclass(frozen=True)
class Timed:
    status: int
    seconds: float
    size: int
    body: bytes


def get(base: str, path: str, session: Session | None, timeout: float = 300) -> Timed:
    headers = {"Cookie": session.cookie} if session else {}
    opener = urllib.request.build_opener(_NoRedirect)
    started = time.perf_counter()
    try:
        with opener.open(
            urllib.request.Request(base + path, headers=headers), timeout=timeout
        ) as r:
            body = r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        body = exc.read()
        status = exc.code
    return Timed(status, time.perf_counter() - started, len(body), body)


@dataclass(frozen=True)
class Posted:
    status: int
    location: str


def post(base: str, path: str, session: Session, data: dict[str, str] | None = None) -> Posted:
    """A form POST as the browser sends it: the CSRF token from the session's csrftoken cookie."""
    token = dict(
        part.strip().split("=", 1) for part in session.cookie.split(";") if "=" in part
    ).get("csrftoken", "")
    body = urllib.parse.urlencode({**(data or {}), "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(
        base + path,
        data=body,
        headers={"Cookie": session.cookie, "Referer": base + path, "X-CSRFToken": token},
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=300) as response:
            return Posted(response.status, response.headers.get("Location", ""))
    except urllib.error.HTTPError as exc:
        return Posted(exc.code, exc.headers.get("Location", ""))
