"""Forms of the register. Field checks here give the message on the field; the services check
again (the API and the import do not pass through these forms)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.core.forms import SwedishDateInput
from bosam.core.tabular import parse_swedish_decimal
from bosam.properties.models import EndReason, Landlord, RegisterImport, Usage
from bosam.properties.rules import (
    InvalidApartmentNumber,
    InvalidOrgNumber,
    format_org_number,
    parse_apartment_number,
    parse_org_number,
)


class SwedishDecimalField(forms.Field):
    """An amount or area as Swedes write it: "6 450,50", "6450.50", "6 450 kr"."""

    widget = forms.TextInput

    def __init__(self, *, min_value: Decimal | None = None, **kwargs: Any) -> None:
        self.min_value = min_value
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "maxlength": "20"})

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip()
        if not text:
            return None
        try:
            number = parse_swedish_decimal(text)
        except ValueError as exc:
            raise forms.ValidationError(_("Skriv ett tal, t.ex. 6 450,50.")) from exc
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(
                _("Värdet kan inte vara mindre än %(min)s.") % {"min": self.min_value}
            )
        return number


class LandlordForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    org_number = forms.CharField(
        label=_("Organisationsnummer"),
        max_length=13,
        help_text=_("Tio siffror, t.ex. 556677-8899."),
    )
    kind = forms.ChoiceField(label=_("Typ"), choices=Landlord.Kind.choices)
    street_address = forms.CharField(label=_("Postadress"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postnummer"), max_length=6, required=False)
    town = forms.CharField(label=_("Ort"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)
    notes = forms.CharField(label=_("Anteckningar"), required=False, widget=forms.Textarea)

    def clean_org_number(self) -> str:
        try:
            return format_org_number(parse_org_number(self.cleaned_data["org_number"]))
        except InvalidOrgNumber as exc:
            raise forms.ValidationError(str(exc)) from exc


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    title = forms.CharField(label=_("Roll"), max_length=100, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)


class ApartmentForm(forms.Form):
    landlord = forms.ModelChoiceField(label=_("Hyresvärd"), queryset=Landlord.objects.all())
    landlord_object_number = forms.CharField(label=_("Hyresvärdens objektnummer"), max_length=40)
    street_address = forms.CharField(label=_("Gatuadress"), max_length=200)
    apartment_number = forms.CharField(
        label=_("Lägenhetsnummer"),
        max_length=8,
        required=False,
        help_text=_("Fyra siffror, t.ex. 1102 (11 = en trappa upp, 02 = läge på våningen)."),
    )
    postcode = forms.CharField(label=_("Postnummer"), max_length=6, required=False)
    town = forms.CharField(label=_("Ort"), max_length=100)
    district = forms.CharField(label=_("Område"), max_length=100, required=False)
    rooms = forms.CharField(label=_("Storlek"), max_length=20, help_text=_("T.ex. 2 rok."))
    room_count = forms.IntegerField(label=_("Antal rum"), min_value=1, max_value=20)
    living_area = SwedishDecimalField(label=_("Boarea (m²)"), min_value=Decimal("1"))
    floor = forms.IntegerField(
        label=_("Våning"),
        required=False,
        min_value=-5,
        max_value=60,
        help_text=_("Lämna tomt så läses våningen ur lägenhetsnumret."),
    )
    has_lift = forms.BooleanField(label=_("Hiss"), required=False)
    wheelchair_accessible = forms.BooleanField(label=_("Tillgänglig för rullstol"), required=False)
    notes = forms.CharField(label=_("Anteckningar"), required=False, widget=forms.Textarea)

    def clean_apartment_number(self) -> str:
        try:
            return parse_apartment_number(self.cleaned_data["apartment_number"])
        except InvalidApartmentNumber as exc:
            raise forms.ValidationError(str(exc)) from exc


class HeadLeaseForm(forms.Form):
    number = forms.CharField(
        label=_("Avtalsnummer"),
        max_length=40,
        required=False,
        help_text=_("Lämna tomt för nästa lediga nummer (år-löpnummer)."),
    )
    start_date = forms.DateField(label=_("Startdatum"), widget=SwedishDateInput())
    end_date = forms.DateField(
        label=_("Slutdatum (tidsbestämt avtal)"),
        required=False,
        widget=SwedishDateInput(),
        help_text=_("Lämna tomt om avtalet gäller tills vidare."),
    )
    notice_period_months = forms.IntegerField(
        label=_("Uppsägningstid (månader)"), min_value=0, max_value=24, initial=3
    )
    security_of_tenure_waived = forms.BooleanField(
        label=_("Besittningsskyddet är avtalat bort"), required=False, initial=True
    )
    monthly_rent = SwedishDecimalField(label=_("Månadshyra (kr)"), min_value=Decimal("0"))
    committee = forms.ModelChoiceField(
        label=_("Betalande nämnd"), queryset=Committee.objects.filter(active=True)
    )
    usage = forms.ModelChoiceField(
        label=_("Användning"), queryset=Usage.objects.filter(active=True)
    )
    notes = forms.CharField(label=_("Anteckningar"), required=False, widget=forms.Textarea)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum kan inte ligga före startdatum."))
        return data


class HeadLeaseEndForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("Orsak"), queryset=EndReason.objects.filter(active=True)
    )
    notice_given_on = forms.DateField(
        label=_("Uppsagt den"),
        required=False,
        widget=SwedishDateInput(),
        help_text=_("Dagen uppsägningen lämnades. Slutdatum räknas fram om du lämnar det tomt."),
    )
    end_date = forms.DateField(
        label=_("Sista dag för avtalet"), required=False, widget=SwedishDateInput()
    )
    note = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("end_date") and not data.get("notice_given_on") and not self.errors:
            self.add_error("end_date", _("Ange sista dag eller den dag uppsägningen lämnades."))
        return data


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Filen innehåller"),
        choices=RegisterImport.Kind.choices,
        help_text=_("Importera i ordningen hyresvärdar, objekt, avtal."),
    )
    file = forms.FileField(
        label=_("Fil (xlsx eller csv)"),
        help_text=_("Högst 5 MB. Första raden ska vara kolumnrubriker."),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("Filen är större än 5 MB."))
        if not upload.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Välj en fil av typen xlsx eller csv."))
        return upload
