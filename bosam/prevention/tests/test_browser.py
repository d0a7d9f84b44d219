"""One caseworker's morning in a real browser: a landlord's list in, a tenant reached, a payment
plan agreed, the case closed as stayed."""

from datetime import date
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from bosam.accounts.models import User
from bosam.households.models import Intervention, InterventionType
from bosam.prevention.models import LetterTemplate, PreventionCase
from bosam.prevention.tests.factories import make_landlord, personal_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def catalogues(transactional_db: None) -> None:
    """The intervention catalogue and the letter template come from data migrations; an earlier
    transactional test's flush has emptied them, so they are seeded again as the migrations do."""
    if not InterventionType.objects.exists():
        households = import_module("bosam.households.migrations.0003_intervention_catalogue")
        households.add_catalogue(apps, None)
    if not LetterTemplate.objects.exists():
        import_module("bosam.prevention.migrations.0002_default_letter_template").add_template(
            apps, None
        )


AXE = Path(__file__).resolve().parents[3] / "tests" / "assets" / "axe-core-4.14.1.min.js"


def _axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    # Evaluated through the DevTools protocol: the page's CSP forbids inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
    )
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in result]


def test_import_a_list_contact_the_tenant_agree_a_payment_plan_and_close_as_stayed(
    page, login, prevention_caseworker: User, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    # given a landlord's monthly list with one tenant in arrears
    landlord = make_landlord("Hyresbolaget AB")
    number = personal_number(date(1986, 9, 9), 981)
    csv_file = tmp_path / "restlista.csv"
    text = f"Kund;Personnummer;Adress;Saldo;Mån\nBerg, Anna;{number};Storgatan 1;12 345,50 kr;2\n"
    csv_file.write_bytes(text.encode("cp1252"))
    today = timezone.localdate()
    login(page, prevention_caseworker)

    # when the caseworker uploads it, checks the preview and accepts it
    page.goto("/prevention/import/")
    page.get_by_label("Hyresvärd").select_option(label=landlord.name)
    page.get_by_label("Listan avser månad").fill(f"{today:%Y-%m-01}")
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(csv_file))
    page.get_by_role("button", name="Förhandsgranska").click()
    page.get_by_text("1 nya underrättelser").wait_for()
    assert _axe_violations(page) == []
    page.get_by_role("button", name="Godkänn och läs in").click()
    page.get_by_text("Listan är importerad: 1 nya").wait_for()

    # and opens the case from the work queue
    page.get_by_role("link", name="Arbetskö").click()
    assert _axe_violations(page) == []
    page.get_by_role("link", name="Hushåll Anna Berg").click()
    page.get_by_role("heading", level=1, name="Vräkningsförebyggande: Hushåll Anna Berg").wait_for()
    assert _axe_violations(page) == []

    # reaches the tenant by phone
    page.locator("#id_outreach-method").select_option(label="Telefon")
    page.locator("#id_outreach-result").select_option(label="Kontakt – vill ha stöd")
    page.get_by_role("button", name="Spara kontaktförsök").click()
    page.get_by_text("Kontaktförsöket är registrerat.").wait_for()

    # records the payment plan agreed with the landlord
    page.locator("#id_intervention-type_code").select_option(
        label="Avbetalningsplan med hyresvärden"
    )
    page.get_by_role("button", name="Spara insats").click()
    page.get_by_text("Insatsen är registrerad.").wait_for()

    # and closes the case: the household stays, through the payment plan
    page.locator("#id_close-outcome").select_option(label="Bor kvar")
    page.locator("#id_close-stayed_because").select_option(label="Avbetalningsplan")
    page.get_by_role("button", name="Avsluta ärendet").click()
    page.get_by_text("Ärendet är avslutat.").wait_for()

    # then
    case = PreventionCase.objects.get()
    assert (case.status, case.outcome, case.stayed_because) == (
        "closed",
        "kvarboende",
        "payment_plan",
    )
    assert case.first_contact_on == today
    assert str(case.debt_amount) == "12345.50"
    intervention = Intervention.objects.get()
    assert (intervention.intervention_type.code, intervention.source_id) == (
        "payment_plan",
        str(case.pk),
    )
