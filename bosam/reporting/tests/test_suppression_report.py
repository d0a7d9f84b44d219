"""A share is suppressed together with its numerator and denominator on the report page."""

import pytest

from bosam.reporting.figures import REGISTRY
from bosam.reporting.report import _breakdown_lines, _line, _protect

pytestmark = pytest.mark.nodb


def _takeover_line(took_over: int, ended_otherwise: int, threshold: int | None):  # type: ignore[no-untyped-def]
    fig = REGISTRY["takeover_goal_fulfilment"]
    rows = [
        ("took_over", "Tog över", took_over),
        ("ended_otherwise", "Utan övertagande", ended_otherwise),
        ("excluded", "Undantagna", 0),
    ]
    breakdown, hidden = _breakdown_lines(fig, rows, rows, threshold)
    total = took_over + ended_otherwise
    line = _line(
        fig,
        value=round(100 * took_over / total),
        previous=round(100 * took_over / total),
        note=f"{took_over} av {total} avslutade kontrakt; målet för året: 80 %",
        record_count=total,
        breakdown=breakdown,
    )
    return _protect(line, hidden, threshold)


def test_a_share_whose_parts_are_suppressed_is_hidden_with_its_numerator_and_denominator() -> None:
    # given 16 of 18 ended sublets taken over: the 2 that were not is a small number
    line = _takeover_line(16, 2, threshold=5)
    # then neither the share, nor "16 av 18", nor the change gives the 2 away
    assert line.display == ".."
    assert line.note == ".. av .. avslutade kontrakt; målet för året: 80 %"
    assert line.change_display == ".."
    assert line.record_count is None
    assert [b.display for b in line.breakdown] == ["..", "<5", "0"]


def test_a_share_of_large_parts_is_shown_as_it_is() -> None:
    line = _takeover_line(40, 10, threshold=5)
    assert line.display != ".."
    assert line.note.startswith("40 av 50")


def test_staff_see_the_share_unsuppressed() -> None:
    line = _takeover_line(16, 2, threshold=None)
    assert "16 av 18" in line.note
