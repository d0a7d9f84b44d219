from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee


class ReportFilterForm(forms.Form):
    """Which committee's part of the report to show; empty is the whole municipality."""

    committee = forms.ModelChoiceField(
        queryset=Committee.objects.filter(active=True).order_by("name"),
        required=False,
        empty_label=_("Hela kommunen (alla nämnder)"),
        label=_("Nämnd"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].widget.attrs["id"] = "committee"


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Jag har granskat siffrorna och vill publicera årsrapporten"), required=True
    )
