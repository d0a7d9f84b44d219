from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.core.forms import SwedishDateInput
from bosam.households.models import Household
from bosam.matching.models import DeclineReason, HousingRequest, MatchingSettings
from bosam.properties.models import Usage


class DistrictsField(forms.CharField):
    """District names separated by commas, as a list."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value


class RequestForm(forms.Form):
    household: "forms.ModelChoiceField[Household]" = forms.ModelChoiceField(
        label=_("Hushåll"), queryset=Household.objects.none()
    )
    usage_category = forms.ChoiceField(label=_("Avsedd användning"), choices=Usage.Category.choices)
    committee = forms.ModelChoiceField(
        label=_("Betalande nämnd"), queryset=Committee.objects.filter(active=True)
    )
    household_size = forms.IntegerField(label=_("Antal personer i hushållet"), min_value=1)
    rooms_wanted = forms.IntegerField(label=_("Önskat antal rum"), min_value=1, max_value=10)
    needs_wheelchair_access = forms.BooleanField(
        label=_("Behöver tillgänglighet för rullstol"), required=False
    )
    needs_ground_floor_or_lift = forms.BooleanField(
        label=_("Behöver bottenvåning eller hiss"), required=False
    )
    districts_preferred = DistrictsField(
        label=_("Önskade områden"),
        required=False,
        help_text=_("Skilj flera områden med kommatecken."),
    )
    districts_avoided = DistrictsField(
        label=_("Områden att undvika"),
        required=False,
        help_text=_("Föreslås aldrig, t.ex. av säkerhetsskäl. Skilj med kommatecken."),
    )
    other_needs = forms.CharField(
        label=_("Övriga behov"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    urgency = forms.ChoiceField(label=_("Brådska"), choices=HousingRequest.Urgency.choices)
    urgency_reason = forms.CharField(
        label=_("Skäl till brådska"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Krävs vid hög eller akut brådska."),
    )
    needed_by = forms.DateField(label=_("Behövs senast"), required=False, widget=SwedishDateInput())

    def __init__(self, *args: Any, households: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["household"]
        field.queryset = households  # type: ignore[attr-defined]
        field.label_from_instance = lambda h: f"{h} ({h.unit})"  # type: ignore[attr-defined]


class RequestWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl till återkallelse"), widget=forms.Textarea(attrs={"rows": 2})
    )


class OfferMakeForm(forms.Form):
    request = forms.UUIDField(widget=forms.HiddenInput)
    head_lease = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Anteckning"), required=False)
    override_reason = forms.CharField(
        label=_("Skäl att erbjuda trots reglerna"),
        required=False,
        help_text=_("Bara om reglerna utesluter objektet för beställningen."),
    )


class OfferAcceptForm(forms.Form):
    move_in = forms.DateField(label=_("Inflyttning"), widget=SwedishDateInput())
    monthly_rent = forms.DecimalField(
        label=_("Månadshyra för hushållet (kr)"), max_digits=10, decimal_places=2, min_value=0
    )
    note = forms.CharField(label=_("Kommentar"), required=False)


class OfferDeclineForm(forms.Form):
    decline_reason = forms.ModelChoiceField(
        label=_("Orsak till nej"), queryset=DeclineReason.objects.filter(active=True)
    )
    note = forms.CharField(label=_("Kommentar"), required=False)


class OfferWithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Skäl att ta tillbaka erbjudandet"))


class WhyNotForm(forms.Form):
    """The object asked about, typed as the coordinator knows it: the head lease number, the
    landlord's object number or the address. Not a select: at the size of a large municipality
    that would be thousands of options to send and scroll. `head_lease` is set when the
    coordinator picks one of several matches (and by the API's clients)."""

    lease = forms.CharField(
        label=_("Objekt"),
        max_length=200,
        required=False,
        help_text=_("Avtalsnummer, hyresvärdens objektnummer eller adress."),
    )
    head_lease = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("head_lease") and not (cleaned.get("lease") or "").strip():
            self.add_error("lease", _("Skriv avtalsnummer, objektnummer eller adress."))
        return cleaned


class SettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MatchingSettings
        fields = [
            "max_persons_per_room",
            "weight_urgency",
            "weight_waiting",
            "weight_district",
            "weight_size",
            "offer_answer_days",
        ]
