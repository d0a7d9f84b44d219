import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from bosam.audit.models import AuditEvent
from bosam.properties.models import Apartment, HeadLease, Landlord, RegisterImport
from bosam.properties.register_import import (
    register_import_apply,
    register_import_check,
    run_import,
)
from bosam.properties.selectors import head_leases_started_in
from bosam.properties.tests.factories import (
    make_apartment,
    make_head_lease,
    make_landlord,
    org_number,
)

pytestmark = pytest.mark.django_db

K = RegisterImport.Kind
ORG_A = org_number("556677889")  # 5566778899
ORG_B = org_number("769012345")


def csv_bytes(rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    return "\r\n".join(delimiter.join(row) for row in rows).encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)  # type: ignore[union-attr]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


LANDLORDS = [
    ["Organisationsnummer", "Namn", "Typ", "Ort"],
    [
        f"{ORG_A[:6]}-{ORG_A[6:]}",
        "Hyresbostäder i Norrköping AB",
        "Kommunalt bostadsbolag",
        "Norrköping",
    ],
    [ORG_B, "Brf Örnen", "Bostadsrättsförening", "Norrköping"],
]


def _check(kind: str, content: bytes, user, filename: str = "fil.csv") -> RegisterImport:  # type: ignore[no-untyped-def]
    return register_import_check(by=user, kind=kind, filename=filename, content=content)


def test_a_good_landlord_file_is_previewed_then_applied(coordinator) -> None:  # type: ignore[no-untyped-def]
    record = _check(K.LANDLORDS, csv_bytes(LANDLORDS), coordinator)
    assert record.status == RegisterImport.Status.PREVIEWED
    assert (record.created_count, record.error_count) == (2, 0)
    assert not Landlord.objects.exists()  # the check writes nothing
    applied = register_import_apply(register_import=record, by=coordinator)
    assert applied.status == RegisterImport.Status.APPLIED
    municipal = Landlord.objects.get(org_number=ORG_A)
    assert municipal.kind == Landlord.Kind.MUNICIPAL_COMPANY
    assert Landlord.objects.get(org_number=ORG_B).kind == Landlord.Kind.COOPERATIVE


def test_importing_the_same_file_twice_changes_nothing(coordinator) -> None:  # type: ignore[no-untyped-def]
    content = csv_bytes(LANDLORDS)
    register_import_apply(register_import=_check(K.LANDLORDS, content, coordinator), by=coordinator)
    before = (
        list(Landlord.objects.values()),
        AuditEvent.objects.filter(object_type="properties.landlord").count(),
    )
    again = register_import_apply(
        register_import=_check(K.LANDLORDS, content, coordinator), by=coordinator
    )
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    after = (
        list(Landlord.objects.values()),
        AuditEvent.objects.filter(object_type="properties.landlord").count(),
    )
    assert after == before


def test_a_changed_row_updates_only_that_landlord(coordinator) -> None:  # type: ignore[no-untyped-def]
    register_import_apply(
        register_import=_check(K.LANDLORDS, csv_bytes(LANDLORDS), coordinator), by=coordinator
    )
    changed = [row[:] for row in LANDLORDS]
    changed[2][3] = "Söderköping"
    record = register_import_apply(
        register_import=_check(K.LANDLORDS, csv_bytes(changed), coordinator), by=coordinator
    )
    assert (record.updated_count, record.unchanged_count) == (1, 1)
    assert Landlord.objects.get(org_number=ORG_B).town == "Söderköping"


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8-sig"), (";", "utf-8"), (",", "utf-8-sig"), (",", "cp1252"), (";", "cp1252")],
)
def test_csv_in_every_encoding_and_delimiter_excel_writes(coordinator, delimiter, encoding) -> None:  # type: ignore[no-untyped-def]
    content = csv_bytes(LANDLORDS, delimiter=delimiter, encoding=encoding)
    result = run_import(
        kind=K.LANDLORDS, content=content, filename="f.csv", by=coordinator, apply=True
    )
    assert result.errors == []
    assert set(Landlord.objects.values_list("name", flat=True)) == {
        "Hyresbostäder i Norrköping AB",
        "Brf Örnen",
    }


def _landlord_and_apartments(coordinator) -> None:  # type: ignore[no-untyped-def]
    run_import(
        kind=K.LANDLORDS, content=csv_bytes(LANDLORDS), filename="l.csv", by=coordinator, apply=True
    )
    apartments = xlsx_bytes(
        [
            [
                "Hyresvärdens organisationsnummer",
                "Objektnummer",
                "Gatuadress",
                "Lägenhetsnummer",
                "Ort",
                "Område",
                "Storlek",
                "Boarea",
                "Hiss",
            ],
            [ORG_A, "101-1", "Hagebygatan 3", "1102", "Norrköping", "Hageby", "2 rok", 54.5, "ja"],
            [
                ORG_A,
                "101-2",
                "Hagebygatan 3",
                "1201",
                "Norrköping",
                "Hageby",
                "1 rok",
                "36,0",
                "nej",
            ],
        ]
    )
    result = run_import(
        kind=K.APARTMENTS, content=apartments, filename="a.xlsx", by=coordinator, apply=True
    )
    assert result.errors == []


def test_apartments_from_xlsx_take_rooms_and_floor_from_the_text(coordinator) -> None:  # type: ignore[no-untyped-def]
    _landlord_and_apartments(coordinator)
    apartment = Apartment.objects.get(landlord_object_number="101-1")
    assert (apartment.room_count, apartment.floor, apartment.has_lift) == (2, 1, True)
    assert apartment.living_area == Decimal("54.5")


LEASES_HEADER = [
    "Avtalsnummer",
    "Hyresvärdens organisationsnummer",
    "Objektnummer",
    "Startdatum",
    "Slutdatum",
    "Månadshyra",
    "Nämnd",
    "Användning",
    "Avslutsorsak",
]


def test_head_leases_bring_their_history_and_the_split_follows(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    _landlord_and_apartments(coordinator)
    leases = csv_bytes(
        [
            LEASES_HEADER,
            [
                "H-1",
                ORG_A,
                "101-1",
                "2019-02-01",
                "2021-12-31",
                "6 200,00",
                "SN",
                "Stödlägenhet",
                "returned_to_landlord",
            ],
            [
                "H-2",
                ORG_A,
                "101-1",
                "2022-03-01",
                "",
                "6 800",
                "Socialnämnden",
                "supported_housing",
                "",
            ],
            ["H-3", ORG_A, "101-2", "20220401", "", "5900", "VON", "emergency", ""],
        ]
    )
    result = run_import(
        kind=K.HEAD_LEASES, content=leases, filename="h.csv", by=coordinator, apply=True
    )
    assert result.errors == []
    ended = HeadLease.objects.get(number="H-1")
    assert ended.end_reason is not None
    assert ended.end_reason.code == "returned_to_landlord"
    figures = head_leases_started_in(2022)
    assert figures.on_reused_objects.count == 1
    assert figures.on_new_objects.count == 1


def _errors(kind: str, rows: list[list[str]], user) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    result = run_import(kind=kind, content=csv_bytes(rows), filename="f.csv", by=user, apply=False)
    return [(e.line, e.field, e.message) for e in result.errors]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (["556677-8898", "X AB", "", ""], "Organisationsnummer", "kontrollsiffra"),
        (["", "X AB", "", ""], "Organisationsnummer", "saknas"),
        ([ORG_A, "", "", ""], "Namn", "saknas"),
        ([ORG_A, "X AB", "kommunal?", ""], "Typ", "Skriv kommunalt"),
    ],
)
def test_each_bad_landlord_row_is_named_by_line_and_column(
    coordinator, row, field, message
) -> None:  # type: ignore[no-untyped-def]
    errors = _errors(K.LANDLORDS, [LANDLORDS[0], LANDLORDS[2], row], coordinator)
    assert len(errors) == 1
    line, column, text = errors[0]
    assert (line, column) == (3, field)
    assert message in text
    assert not Landlord.objects.exists()


APARTMENT_HEADER = [
    "Hyresvärdens organisationsnummer",
    "Objektnummer",
    "Gatuadress",
    "Lägenhetsnummer",
    "Ort",
    "Storlek",
    "Boarea",
    "Hiss",
]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            [ORG_B, "1", "Gata 1", "1102", "Ort", "2 rok", "50", ""],
            "Hyresvärdens organisationsnummer",
            "Importera hyresvärdarna först",
        ),
        (
            [ORG_A, "1", "Gata 1", "112", "Ort", "2 rok", "50", ""],
            "Lägenhetsnummer",
            "fyra siffror",
        ),
        ([ORG_A, "1", "Gata 1", "1102", "Ort", "2 rok", "femtio", ""], "Boarea", "inte ett belopp"),
        ([ORG_A, "1", "Gata 1", "1102", "Ort", "2 rok", "50", "kanske"], "Hiss", "ja eller nej"),
        ([ORG_A, "1", "Gata 1", "1102", "Ort", "etta", "50", ""], "Antal rum", "antal rum"),
        ([ORG_A, "", "Gata 1", "1102", "Ort", "2 rok", "50", ""], "Objektnummer", "saknas"),
    ],
)
def test_each_bad_apartment_row_is_named_by_line_and_column(
    coordinator, row, field, message
) -> None:  # type: ignore[no-untyped-def]
    make_landlord(org_number=ORG_A)
    errors = _errors(K.APARTMENTS, [APARTMENT_HEADER, row], coordinator)
    assert [(line, column) for line, column, _text in errors] == [(2, field)]
    assert message in errors[0][2]
    assert not Apartment.objects.exists()


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            ["H-9", ORG_A, "404", "2022-01-01", "", "5000", "SN", "emergency", ""],
            "Objektnummer",
            "finns inte i registret",
        ),
        (
            ["H-9", ORG_A, "O-1", "2022-13-01", "", "5000", "SN", "emergency", ""],
            "Startdatum",
            "inte ett datum",
        ),
        (
            ["H-9", ORG_A, "O-1", "2022-01-01", "", "5000", "Kulturnämnden", "emergency", ""],
            "Nämnd",
            "finns inte i katalogen",
        ),
        (
            ["H-9", ORG_A, "O-1", "2022-01-01", "", "5000", "SN", "sommarstuga", ""],
            "Användning",
            "finns inte i katalogen",
        ),
        (
            ["H-9", ORG_A, "O-1", "2022-01-01", "", "5000", "SN", "emergency", "need_ended"],
            "Slutdatum",
            "behöver slutdatum",
        ),
        (
            ["H-9", ORG_A, "O-1", "2022-01-01", "2021-01-01", "5000", "SN", "emergency", ""],
            "Slutdatum",
            "före startdatum",
        ),
    ],
)
def test_each_bad_head_lease_row_is_named_by_line_and_column(
    coordinator, org, row, field, message
) -> None:  # type: ignore[no-untyped-def]
    make_apartment(make_landlord(org_number=ORG_A), landlord_object_number="O-1")
    errors = _errors(K.HEAD_LEASES, [LEASES_HEADER, row], coordinator)
    assert [(line, column) for line, column, _text in errors] == [(2, field)]
    assert message in errors[0][2]
    assert not HeadLease.objects.exists()


def test_two_rows_overlapping_on_one_apartment_are_refused(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    make_apartment(make_landlord(org_number=ORG_A), landlord_object_number="O-1")
    errors = _errors(
        K.HEAD_LEASES,
        [
            LEASES_HEADER,
            ["H-1", ORG_A, "O-1", "2022-01-01", "", "5000", "SN", "emergency", ""],
            ["H-2", ORG_A, "O-1", "2023-01-01", "", "5000", "SN", "emergency", ""],
        ],
        coordinator,
    )
    assert errors[0][:2] == (3, "Startdatum")
    assert "H-1" in errors[0][2]


def test_the_same_landlord_twice_in_a_file_is_refused(coordinator) -> None:  # type: ignore[no-untyped-def]
    errors = _errors(K.LANDLORDS, [*LANDLORDS, LANDLORDS[1]], coordinator)
    assert errors == [(4, "", "Samma post finns redan på rad 2.")]


def test_a_missing_required_column_is_named(coordinator) -> None:  # type: ignore[no-untyped-def]
    errors = _errors(
        K.LANDLORDS, [["Organisationsnummer", "Ort"], [ORG_A, "Norrköping"]], coordinator
    )
    assert errors == [(1, "Namn", "Kolumnen saknas i filen.")]


def test_one_bad_row_keeps_the_whole_file_out(coordinator) -> None:  # type: ignore[no-untyped-def]
    rows = [*LANDLORDS, ["123", "Trasig AB", "", ""]]
    record = _check(K.LANDLORDS, csv_bytes(rows), coordinator)
    assert record.status == RegisterImport.Status.REJECTED
    with pytest.raises(Exception, match="bara när filen är utan fel"):
        register_import_apply(register_import=record, by=coordinator)
    assert not Landlord.objects.exists()


def test_a_file_that_went_bad_since_the_check_writes_nothing(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    # given: a checked file with two good leases
    landlord = make_landlord(org_number=ORG_A)
    make_apartment(landlord, landlord_object_number="O-1")
    apartment = make_apartment(landlord, landlord_object_number="O-2")
    rows = [
        LEASES_HEADER,
        ["H-1", ORG_A, "O-1", "2022-01-01", "", "5000", "SN", "emergency", ""],
        ["H-2", ORG_A, "O-2", "2022-01-01", "", "5000", "SN", "emergency", ""],
    ]
    record = _check(K.HEAD_LEASES, csv_bytes(rows), coordinator)
    assert record.status == RegisterImport.Status.PREVIEWED
    # when: meanwhile someone registers a lease on the second apartment, and the file is run
    make_head_lease(apartment, org.committee, date(2021, 6, 1))
    applied = register_import_apply(register_import=record, by=coordinator)
    # then: the second row now overlaps, so not even the first row is written
    assert applied.status == RegisterImport.Status.REJECTED
    assert [(e.line, e.field) for e in applied.errors.all()] == [(3, "Startdatum")]
    assert not HeadLease.objects.filter(number__in=["H-1", "H-2"]).exists()


def test_the_original_file_is_kept_with_its_checksum(coordinator) -> None:  # type: ignore[no-untyped-def]
    content = csv_bytes(LANDLORDS)
    record = _check(K.LANDLORDS, content, coordinator)
    record.refresh_from_db()
    assert bytes(record.content) == content
    import hashlib

    assert record.sha256 == hashlib.sha256(content).hexdigest()


def test_upload_preview_and_apply_through_the_pages(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    upload = SimpleUploadedFile("hyresvardar.csv", csv_bytes(LANDLORDS), content_type="text/csv")
    response = client.post(
        reverse("properties:import_upload"), {"kind": K.LANDLORDS, "file": upload}
    )
    record = RegisterImport.objects.get()
    assert response["Location"] == reverse("properties:import_preview", args=[record.pk])
    preview = client.get(response["Location"]).content.decode()
    assert "Genomför importen" in preview
    client.post(reverse("properties:import_apply", args=[record.pk]))
    assert Landlord.objects.count() == 2
    history = client.get(reverse("properties:import_history")).content.decode()
    assert "hyresvardar.csv" in history
    assert client.get(reverse("properties:import_file", args=[record.pk])).content == csv_bytes(
        LANDLORDS
    )


def test_bad_rows_are_listed_on_the_preview(client, coordinator) -> None:  # type: ignore[no-untyped-def]
    client.force_login(coordinator)
    rows = [*LANDLORDS, ["556677-8898", "Trasig AB", "", ""]]
    upload = SimpleUploadedFile("h.csv", csv_bytes(rows), content_type="text/csv")
    response = client.post(
        reverse("properties:import_upload"), {"kind": K.LANDLORDS, "file": upload}, follow=True
    )
    body = response.content.decode()
    assert "ingenting har sparats" in body
    assert "<td>4</td><td>Organisationsnummer</td>" in body
    assert "Genomför importen" not in body


@pytest.mark.parametrize(
    "persona", ["manager", "finance", "prevention_caseworker", "social_worker_a"]
)
def test_only_the_coordinator_imports(client, request, persona) -> None:  # type: ignore[no-untyped-def]
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("properties:import_upload")).status_code == 403
    assert client.get(reverse("properties:import_history")).status_code == 403


def test_an_import_of_ended_leases_keeps_the_end_date(coordinator, org) -> None:  # type: ignore[no-untyped-def]
    make_apartment(make_landlord(org_number=ORG_A), landlord_object_number="O-1")
    rows = [
        LEASES_HEADER,
        [
            "H-1",
            ORG_A,
            "O-1",
            "2019-01-01",
            "2020-06-30",
            "5000",
            "SN",
            "emergency",
            "Behovet upphörde",
        ],
    ]
    run_import(
        kind=K.HEAD_LEASES, content=csv_bytes(rows), filename="f.csv", by=coordinator, apply=True
    )
    lease = HeadLease.objects.get()
    assert lease.end_date == date(2020, 6, 30)
    again = run_import(
        kind=K.HEAD_LEASES, content=csv_bytes(rows), filename="f.csv", by=coordinator, apply=True
    )
    assert (again.unchanged, again.updated, again.errors) == (1, 0, [])
