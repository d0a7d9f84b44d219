import pytest

from bosam.core.demo import STREETS

pytestmark = pytest.mark.nodb


def test_the_demo_street_names_are_whole() -> None:
    assert "Södra Promenaden" in STREETS
    assert "Breda vägen" in STREETS
    assert not {"Södra", "Östra", "Promenaden", "Gamla", "Breda", "vägen"} & set(STREETS)
