import io
import json
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from bosam.households.models import HouseholdMember
from bosam.households.tests.factories import make_household, make_person
from bosam.prevention.errors import PreventionError, PreventionErrorCode
from bosam.prevention.models import ImportMapping, LandlordImport, Notification, PreventionCase
from bosam.prevention.services import (
    import_mapping_save,
    landlord_import_accept,
    landlord_import_discard,
    landlord_import_preview,
    landlord_import_upload,
)
from bosam.prevention.tests.factories import make_landlord, personal_number

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2022")]

PNR_A = personal_number(date(1980, 1, 15), 981)
PNR_B = personal_number(date(1992, 7, 3), 982)
HEADER = "Kundnr;Hyresgäst;Pnr;Objektadress;Postnr;Skuld;Mån efter"


def _csv(*rows: str, encoding: str = "utf-8", bom: bool = False, sep: str = ";") -> bytes:
    text = "\n".join([HEADER, *rows]).replace(";", sep) + "\n"
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


GOOD = (
    f"1001;Andersson, Anna;{PNR_A};Storgatan 1;602 10;12 345,50 kr;2",
    f"1002;Björn Öberg;{PNR_B};Ågatan 5;603 20;8000;1",
)

MAPPING = {
    "personal_number": "Pnr",
    "name": "Hyresgäst",
    "street_address": "Objektadress",
    "postcode": "Postnr",
    "debt_amount": "Skuld",
    "months_behind": "Mån efter",
    "landlord_reference": "Kundnr",
}


@pytest.fixture
def landlord():  # type: ignore[no-untyped-def]
    landlord = make_landlord("Hyresbolaget AB")
    ImportMapping.objects.create(landlord=landlord, columns_json=json.dumps(MAPPING))
    return landlord


def _upload(user, landlord, content: bytes, name: str = "lista.csv") -> LandlordImport:  # type: ignore[no-untyped-def]
    return landlord_import_upload(
        landlord=landlord,
        filename=name,
        content=content,
        period=date(2022, 5, 15),
        uploaded_by=user,
    )


def _accept(user, batch) -> LandlordImport:  # type: ignore[no-untyped-def]
    return landlord_import_accept(landlord_import=batch, accepted_by=user, unit=user.unit)


@pytest.mark.parametrize(
    "content",
    [
        _csv(*GOOD),
        _csv(*GOOD, bom=True),
        _csv(*GOOD, encoding="cp1252"),
        _csv(
            *(
                r.replace("12 345,50 kr", '"12 345,50 kr"').replace(
                    "Andersson, Anna", '"Andersson, Anna"'
                )
                for r in GOOD
            ),
            sep=",",
        ),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252", "comma-separated"],
)
def test_a_list_is_read_in_any_of_the_encodings_and_separators_landlords_send(
    prevention_caseworker, landlord, content
) -> None:  # type: ignore[no-untyped-def]
    batch = _upload(prevention_caseworker, landlord, content)
    preview = landlord_import_preview(landlord_import=batch)
    assert preview.errors == []
    assert preview.count("new") == 2
    assert preview.rows[1].row.last_name == "Öberg"
    assert preview.rows[0].row.debt_amount == Decimal("12345.50")


def test_an_xlsx_list_is_read(prevention_caseworker, landlord) -> None:  # type: ignore[no-untyped-def]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(["1001", "Andersson, Anna", PNR_A, "Storgatan 1", "602 10", 12345.5, 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = _upload(prevention_caseworker, landlord, buffer.getvalue(), "lista.xlsx")
    preview = landlord_import_preview(landlord_import=batch)
    assert preview.errors == []
    assert preview.rows[0].row.debt_amount == Decimal("12345.50")


def test_nothing_is_written_until_the_list_is_accepted(prevention_caseworker, landlord) -> None:  # type: ignore[no-untyped-def]
    batch = _upload(prevention_caseworker, landlord, _csv(*GOOD))
    landlord_import_preview(landlord_import=batch)
    assert not Notification.objects.exists()
    assert not PreventionCase.objects.exists()
    # the file itself is kept, with its checksum
    assert bytes(batch.content) == _csv(*GOOD)
    assert len(batch.sha256) == 64


def test_accepting_creates_notifications_and_cases_and_keeps_the_counts(
    prevention_caseworker, landlord
) -> None:  # type: ignore[no-untyped-def]
    batch = _accept(prevention_caseworker, _upload(prevention_caseworker, landlord, _csv(*GOOD)))
    assert (batch.status, batch.created_count, batch.refused_count) == ("accepted", 2, 0)
    assert batch.accepted_at is not None
    notification = Notification.objects.get(tenants__personal_number=PNR_A)
    assert notification.stage == Notification.Stage.EARLY_SIGNAL
    assert notification.period == date(2022, 5, 1)
    assert notification.landlord_reference == "1001"
    assert notification.import_line == 2
    assert PreventionCase.objects.count() == 2


def test_re_importing_the_same_file_creates_nothing(prevention_caseworker, landlord) -> None:  # type: ignore[no-untyped-def]
    _accept(prevention_caseworker, _upload(prevention_caseworker, landlord, _csv(*GOOD)))
    with pytest.raises(PreventionError) as exc:
        _upload(prevention_caseworker, landlord, _csv(*GOOD))
    assert exc.value.code == PreventionErrorCode.IMPORT_ALREADY_DONE
    assert Notification.objects.count() == 2
    assert LandlordImport.objects.count() == 1


def test_the_same_rows_in_another_file_are_unchanged_and_new_amounts_update(
    prevention_caseworker, landlord
) -> None:  # type: ignore[no-untyped-def]
    _accept(prevention_caseworker, _upload(prevention_caseworker, landlord, _csv(*GOOD)))
    changed = GOOD[1].replace(";8000;1", ";9500;2")
    batch = _accept(
        prevention_caseworker,
        _upload(prevention_caseworker, landlord, _csv(GOOD[0] + " ", changed), "ny.csv"),
    )
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 1, 1)
    assert Notification.objects.count() == 2
    updated = Notification.objects.get(tenants__personal_number=PNR_B)
    assert (updated.debt_amount, updated.months_behind) == (Decimal("9500.00"), 2)
    assert updated.case.debt_amount == Decimal("9500.00")


def test_every_bad_row_is_named_with_its_line_and_field_and_only_good_rows_are_written(
    prevention_caseworker, landlord
) -> None:  # type: ignore[no-untyped-def]
    content = _csv(
        GOOD[0],
        "1003;Carl Berg;19800115-1234;Storgatan 9;602 10;500;1",  # bad check digit
        f"1004;Dana Ek;{personal_number(date(1970, 2, 2), 983)};;602 10;abc;1",  # address, amount
        GOOD[0].replace("1001", "1005"),  # the same tenant twice in the file
    )
    batch = _upload(prevention_caseworker, landlord, content)
    preview = landlord_import_preview(landlord_import=batch)
    assert preview.errors == [
        "Rad 3, Personnummer: Kontrollsiffran stämmer inte.",
        "Rad 4, Adress: värde saknas.",
        "Rad 4, Skuld: 'abc' är inte ett belopp.",
        "Rad 5, Personnummer: samma hyresgäst som på rad 2.",
    ]
    batch = _accept(prevention_caseworker, batch)
    assert (batch.created_count, batch.refused_count) == (1, 3)
    assert len(batch.refused_rows) == 4
    assert Notification.objects.count() == 1


def test_a_mapping_that_misses_a_required_column_is_refused(
    prevention_caseworker, landlord
) -> None:  # type: ignore[no-untyped-def]
    import_mapping_save(
        landlord=landlord,
        columns={**MAPPING, "debt_amount": ""},
        saved_by=prevention_caseworker,
    )
    batch = _upload(prevention_caseworker, landlord, _csv(*GOOD))
    preview = landlord_import_preview(landlord_import=batch)
    assert preview.mapping_errors == ["Välj vilken kolumn som innehåller skuld."]
    with pytest.raises(PreventionError):
        _accept(prevention_caseworker, batch)
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "Filen är tom."), (b"PK\x03\x04broken", "Excel")],
    ids=["empty", "damaged xlsx"],
)
def test_an_unreadable_file_is_refused(prevention_caseworker, landlord, content, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PreventionError, match=message):
        _upload(prevention_caseworker, landlord, content, "lista.xlsx")


def test_a_known_tenant_is_matched_to_their_household(org, prevention_caseworker, landlord) -> None:  # type: ignore[no-untyped-def]
    person = make_person("Anna", "Andersson", personal_number=PNR_A, birth_date=date(1980, 1, 15))
    household = make_household(org.unit_a, (person, HouseholdMember.Relation.APPLICANT))
    batch = _upload(prevention_caseworker, landlord, _csv(GOOD[0]))
    preview = landlord_import_preview(landlord_import=batch)
    assert preview.rows[0].person == person
    assert preview.rows[0].household_id == household.pk
    _accept(prevention_caseworker, batch)
    assert PreventionCase.objects.get().household == household


def test_a_discarded_file_writes_nothing_and_cannot_be_accepted(
    prevention_caseworker, landlord
) -> None:  # type: ignore[no-untyped-def]
    batch = _upload(prevention_caseworker, landlord, _csv(*GOOD))
    landlord_import_discard(landlord_import=batch, discarded_by=prevention_caseworker)
    with pytest.raises(PreventionError):
        _accept(prevention_caseworker, batch)
    assert not Notification.objects.exists()
    # the same file may be uploaded again later: it was never imported
    _upload(prevention_caseworker, landlord, _csv(*GOOD))


def test_a_listed_tenant_with_an_open_case_joins_it(org, prevention_caseworker, landlord) -> None:  # type: ignore[no-untyped-def]
    from bosam.prevention.tests.factories import register

    person = make_person("Anna", "Andersson", personal_number=PNR_A, birth_date=date(1980, 1, 15))
    make_household(org.unit_a, (person, HouseholdMember.Relation.APPLICANT))
    case = register(prevention_caseworker, person, received_on=date(2022, 4, 4)).case
    _accept(prevention_caseworker, _upload(prevention_caseworker, landlord, _csv(GOOD[0])))
    case.refresh_from_db()
    assert case.notifications.count() == 2
    assert case.debt_amount == Decimal("12345.50")  # the latest notification's
    assert PreventionCase.objects.count() == 1


def test_two_listed_tenants_of_one_household_share_one_new_case(
    org, prevention_caseworker, landlord
) -> None:  # type: ignore[no-untyped-def]
    a = make_person("Anna", "Andersson", personal_number=PNR_A, birth_date=date(1980, 1, 15))
    b = make_person("Björn", "Öberg", personal_number=PNR_B, birth_date=date(1992, 7, 3))
    make_household(
        org.unit_a, (a, HouseholdMember.Relation.APPLICANT), (b, HouseholdMember.Relation.PARTNER)
    )
    _accept(prevention_caseworker, _upload(prevention_caseworker, landlord, _csv(*GOOD)))
    case = PreventionCase.objects.get()
    assert case.notifications.count() == 2
    assert case.opened_on == date(2022, 6, 1)
