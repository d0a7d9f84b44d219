"""Forms for housing advice. Catalogue choices list active entries only."""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bosam.advice.models import (
    AdviceChannel,
    AdviceKind,
    AdviceOutcome,
    AdviceReason,
    AgeBand,
    DigitalHelpKind,
    HouseholdType,
    ReferralTarget,
)
from bosam.core.forms import SwedishDateInput


def _active(model: Any) -> Any:
    return model.objects.filter(active=True)


class IntakeForm(forms.Form):
    """The intake: a handful of fields, in the order an adviser asks, keyboard first."""

    channel = forms.ModelChoiceField(
        label=_("Kontaktväg"), queryset=_active(AdviceChannel), empty_label=None
    )
    personal_number = forms.CharField(
        label=_("Personnummer"),
        required=False,
        max_length=15,
        help_text=_("Lämna tomt om personen vill vara anonym."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    first_name = forms.CharField(
        label=_("Förnamn"),
        required=False,
        max_length=100,
        help_text=_("Bara om personen inte redan finns i registret."),
    )
    last_name = forms.CharField(label=_("Efternamn"), required=False, max_length=100)
    age_band = forms.ChoiceField(
        label=_("Åldersgrupp"),
        required=False,
        choices=[("", _("– Välj vid anonymt ärende –")), *AgeBand.choices],
    )
    household_type = forms.ChoiceField(
        label=_("Hushållstyp"),
        required=False,
        choices=[("", _("– Välj –")), *HouseholdType.choices],
    )
    reason = forms.ModelChoiceField(
        label=_("Anledning"), queryset=_active(AdviceReason), empty_label=None
    )
    notes = forms.CharField(
        label=_("Anteckningar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skriv inga namn eller personuppgifter i ett anonymt ärende."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The adviser lands in the first field and never needs the mouse.
        self.fields["channel"].widget.attrs["autofocus"] = True
        # A typed number shows who it is and their earlier cases while the adviser goes on.
        self.fields["personal_number"].widget.attrs.update(
            {
                "hx-get": reverse("advice:person_lookup"),
                "hx-trigger": "input changed delay:400ms, change",
                "hx-target": "#person-lookup",
                "hx-swap": "outerHTML",
            }
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("personal_number"):
            if not data.get("age_band"):
                self.add_error("age_band", _("Välj åldersgrupp när personen är anonym."))
            if not data.get("household_type"):
                self.add_error("household_type", _("Välj hushållstyp när personen är anonym."))
        return data


class CaseEditForm(forms.Form):
    """Corrections to the intake; the person of a case is not changed here."""

    channel = forms.ModelChoiceField(label=_("Kontaktväg"), queryset=AdviceChannel.objects.all())
    reason = forms.ModelChoiceField(label=_("Anledning"), queryset=AdviceReason.objects.all())
    age_band = forms.ChoiceField(label=_("Åldersgrupp"), choices=AgeBand.choices)
    household_type = forms.ChoiceField(label=_("Hushållstyp"), choices=HouseholdType.choices)
    notes = forms.CharField(
        label=_("Anteckningar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, anonymous: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not anonymous:
            # An identified case's age band follows the person's birth date.
            del self.fields["age_band"]


class ContactForm(forms.Form):
    """Work on a case: one meeting, call or session."""

    minutes = forms.IntegerField(label=_("Tid (minuter)"), min_value=1, max_value=480, initial=30)
    advice_kinds = forms.ModelMultipleChoiceField(
        label=_("Råd som getts"),
        queryset=_active(AdviceKind),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    digital_help_kinds = forms.ModelMultipleChoiceField(
        label=_("Digital hjälp"),
        queryset=_active(DigitalHelpKind),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Anteckningar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    contact_on = forms.DateField(label=_("Datum"), widget=SwedishDateInput())
    prefix = "contact"


class ReferralForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Hänvisa till"), queryset=_active(ReferralTarget), empty_label=_("– Välj –")
    )
    special_reasons = forms.CharField(
        label=_("Särskilda skäl"), widget=forms.Textarea(attrs={"rows": 2})
    )
    referred_on = forms.DateField(label=_("Datum"), widget=SwedishDateInput())
    prefix = "referral"


class CloseForm(forms.Form):
    outcome = forms.ModelChoiceField(
        label=_("Utfall"), queryset=_active(AdviceOutcome), empty_label=_("– Välj –")
    )
    closed_on = forms.DateField(label=_("Avslutat datum"), widget=SwedishDateInput())
    prefix = "close"


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alla")), ("open", _("Öppna")), ("closed", _("Avslutade"))],
    )
    mine = forms.BooleanField(label=_("Bara mina"), required=False)
    start = forms.DateField(label=_("Inkom från"), required=False, widget=SwedishDateInput())
    end = forms.DateField(label=_("Inkom till"), required=False, widget=SwedishDateInput())
    reference = forms.CharField(label=_("Ärendenummer"), required=False, max_length=12)
    query = forms.CharField(label=_("Namn eller personnummer"), required=False, max_length=100)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Från"), required=False, widget=SwedishDateInput())
    end = forms.DateField(label=_("Till"), required=False, widget=SwedishDateInput())


class CatalogueEntryForm(forms.Form):
    code = forms.SlugField(
        label=_("Kod"),
        max_length=60,
        help_text=_("Gemener, siffror och understreck. Kan inte ändras senare."),
    )
    name = forms.CharField(label=_("Namn"), max_length=200)
    sort_order = forms.IntegerField(label=_("Sorteringsordning"), min_value=0, initial=100)
    active = forms.BooleanField(label=_("Används"), required=False, initial=True)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # The code is fixed once an entry exists.
            del self.fields["code"]
