"""Shared fixtures: the organisation and one persona per role (see bosam/testing.py)."""

import os

import pytest

from bosam.accounts.models import User
from bosam.accounts.roles import Role
from bosam.testing import Org, make_org, make_user, seed_catalogues

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# ORM calls from it. Only the test process sets this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _catalogues_seeded(request: pytest.FixtureRequest) -> None:
    """Every database test starts with the catalogues the data migrations seed, even after a
    transactional test's flush emptied them (see `bosam.testing.seed_catalogues`)."""
    marker = request.node.get_closest_marker("django_db")
    wants_db = marker is not None or {"db", "transactional_db"} & set(request.fixturenames)
    if not wants_db:
        return
    transactional = "transactional_db" in request.fixturenames or bool(
        marker and marker.kwargs.get("transaction")
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from bosam.households.models import InterventionType

    if not InterventionType.objects.exists():
        seed_catalogues()


@pytest.fixture
def org(db: None) -> Org:
    return make_org()


@pytest.fixture
def coordinator(org: Org) -> User:
    return make_user("alice", Role.HOUSING_COORDINATOR, org.housing_unit)


@pytest.fixture
def prevention_caseworker(org: Org) -> User:
    return make_user("vera", Role.PREVENTION_CASEWORKER, org.housing_unit)


@pytest.fixture
def adviser(org: Org) -> User:
    return make_user("rut", Role.HOUSING_ADVISER, org.housing_unit)


@pytest.fixture
def social_worker_a(org: Org) -> User:
    return make_user("bob", Role.SOCIAL_WORKER, org.unit_a)


@pytest.fixture
def social_worker_b(org: Org) -> User:
    return make_user("charlie", Role.SOCIAL_WORKER, org.unit_b)


@pytest.fixture
def manager(org: Org) -> User:
    return make_user("maja", Role.MANAGER, org.housing_unit)


@pytest.fixture
def finance(org: Org) -> User:
    return make_user("fred", Role.FINANCE, org.housing_unit)


@pytest.fixture
def sysadmin(org: Org) -> User:
    return make_user("sam", Role.SYSTEM_ADMINISTRATOR, org.housing_unit)


@pytest.fixture
def committee_reader(org: Org) -> User:
    return make_user("nina", Role.COMMITTEE_READER, None)


@pytest.fixture
def all_personas(
    coordinator: User,
    prevention_caseworker: User,
    adviser: User,
    social_worker_a: User,
    manager: User,
    finance: User,
    sysadmin: User,
    committee_reader: User,
) -> dict[str, User]:
    return {
        Role.HOUSING_COORDINATOR: coordinator,
        Role.PREVENTION_CASEWORKER: prevention_caseworker,
        Role.HOUSING_ADVISER: adviser,
        Role.SOCIAL_WORKER: social_worker_a,
        Role.MANAGER: manager,
        Role.FINANCE: finance,
        Role.SYSTEM_ADMINISTRATOR: sysadmin,
        Role.COMMITTEE_READER: committee_reader,
    }


# --- Browser tests: Playwright driving Debian's chromium against the live test server. ---

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium_browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Browser tests need Debian's chromium at /usr/bin/chromium (./dev test installs it)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser, live_server):  # type: ignore[no-untyped-def]
    context = chromium_browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def browser_login(page, user: User) -> None:  # type: ignore[no-untyped-def]
    """Log in through the real login form, as a person would."""
    from bosam.testing import PASSWORD

    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/")


@pytest.fixture
def login():  # type: ignore[no-untyped-def]
    return browser_login
