"""A <select> written in Python is the same markup Django's templates write: escaping, selected
options, option groups, required and ARIA attributes included."""

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer, DjangoTemplates

from bosam.core.forms_renderer import BosamFormRenderer


class _Form(forms.Form):
    landlord = forms.ChoiceField(
        choices=[("", "Välj"), ("1", "Hyresbolaget <AB> & Co"), ("2", 'Bo "Bra"')],
        widget=forms.Select(attrs={"aria-describedby": "hint", "data-x": "a'b"}),
    )
    area = forms.ChoiceField(
        choices=[("Norr", [("n1", "Norr 1"), ("n2", "Norr 2")]), ("s", "Söder")],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)


def _render(renderer: BaseRenderer, data: dict[str, Any]) -> str:
    form = _Form(data=data, renderer=renderer)
    form.is_valid()
    return "".join(str(form[name]) for name in ("landlord", "area", "many"))


def test_the_select_markup_is_what_django_writes() -> None:
    cases: list[dict[str, Any]] = [
        {},
        {"landlord": "2", "area": "n2", "many": ["a", "b"]},
        {"landlord": "x"},
    ]
    for data in cases:
        assert _render(BosamFormRenderer(), data) == _render(DjangoTemplates(), data)


def test_a_large_select_is_still_complete() -> None:
    class Big(forms.Form):
        landlord = forms.ChoiceField(choices=[(str(i), f"Värd {i}") for i in range(2000)])

    html = str(Big(initial={"landlord": "1999"}, renderer=BosamFormRenderer())["landlord"])
    assert html.count("<option") == 2000
    assert '<option value="1999" selected>Värd 1999</option>' in html
