"""Writes the bad upload files the security tests feed to Bosam's imports (issue 21, item 3).

Run `python tests/assets/bad_uploads/make.py` to regenerate them; the bytes are committed, so the
tests need nothing but the files. Each file is one way a real file goes wrong.
"""

from pathlib import Path

HERE = Path(__file__).parent

# Valid Swedish personal numbers (Luhn checked), born 1980-01-15 and 1992-07-03.
PNR_A = "198001159816"
PNR_B = "199207039828"

ARREARS_HEADER = "Personnummer;Namn;Adress;Postnummer;Skuld;Antal månader"
APARTMENTS_HEADER = (
    "Hyresvärdens organisationsnummer;Objektnummer;Gatuadress;Ort;Storlek;Antal rum;Boarea;Våning"
)
ORG = "556677-8899"


def _luhn_ok(pnr: str) -> bool:
    digits = [int(d) for d in pnr[2:]]
    total = 0
    for index, digit in enumerate(digits):
        value = digit * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _lines(*lines: str) -> str:
    return "\r\n".join(lines) + "\r\n"


def files() -> dict[str, bytes]:
    assert _luhn_ok(PNR_A)
    assert _luhn_ok(PNR_B)
    return {
        # A DOS program's export: code page 850 and 437 put "ü" at 0x81, which Windows-1252
        # does not have (the decoder used to fail with a 500).
        "arrears_cp850.csv": _lines(
            ARREARS_HEADER, f"{PNR_A};Müller, Hans;Storgatan 1;602 10;4 500;2"
        ).encode("cp850"),
        "arrears_cp437.csv": _lines(
            ARREARS_HEADER, f"{PNR_B};Öberg, Åsa;Ågatan 5;603 20;8 000;1"
        ).encode("cp437"),
        # Excel's "Unicode text": UTF-16 with a byte order mark, tabs between columns.
        "arrears_utf16.txt": _lines(
            ARREARS_HEADER.replace(";", "\t"),
            f"{PNR_A}\tMüller, Hans\tStorgatan 1\t602 10\t4500\t2",
        ).encode("utf-16"),
        # A Windows program renamed to .csv: "MZ", the DOS stub and zero bytes.
        "program_renamed.csv": (
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
            + b"\x00" * 48
            + b"This program cannot be run in DOS mode.\r\r\n$"
            + bytes(range(256)) * 4
        ),
        # A debt of 10^30 kronor (the decimal arithmetic used to raise, not say the row).
        "arrears_amount_1e30.csv": _lines(
            ARREARS_HEADER, f"{PNR_A};Müller, Hans;Storgatan 1;602 10;1E+30;2"
        ).encode("utf-8"),
        # Only the header row: nothing to import, which must be said, not a silent empty import.
        "arrears_header_only.csv": _lines(ARREARS_HEADER).encode("utf-8"),
        "apartments_header_only.csv": _lines(APARTMENTS_HEADER).encode("utf-8"),
        # A room count of 5,000 digits (Python refuses to convert it: a 500 before).
        "apartments_room_count_5000_digits.csv": _lines(
            APARTMENTS_HEADER, f"{ORG};A-1;Storgatan 1;Norrköping;2 rok;{'9' * 5000};54,5;2"
        ).encode("utf-8"),
        # Register values no apartment has.
        "apartments_floor_99999999999.csv": _lines(
            APARTMENTS_HEADER, f"{ORG};A-1;Storgatan 1;Norrköping;2 rok;2;54,5;99999999999"
        ).encode("utf-8"),
        "apartments_negative_living_area.csv": _lines(
            APARTMENTS_HEADER, f"{ORG};A-1;Storgatan 1;Norrköping;2 rok;2;-54,5;2"
        ).encode("utf-8"),
    }


def main() -> None:
    for name, content in files().items():
        (HERE / name).write_bytes(content)
        print(f"{name}: {len(content)} bytes")  # noqa: T201


if __name__ == "__main__":
    main()
