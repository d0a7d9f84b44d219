from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bosam.core.forms import SwedishDateInput
from bosam.prevention import rules
from bosam.prevention.models import (
    LetterTemplate,
    Notification,
    OutreachAttempt,
    PreventionCase,
)
from bosam.prevention.selectors import kvarboende_types
from bosam.properties.models import Landlord


class AmountField(forms.CharField):
    """An amount typed the Swedish way ('12 345,50 kr')."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return rules.parse_debt_amount(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


def _today() -> Any:
    return timezone.localdate


class NotificationForm(forms.Form):
    source = forms.ChoiceField(label=_("Avsändare"), choices=Notification.Source.choices)
    kind = forms.ChoiceField(
        label=_("Typ av underrättelse"),
        choices=Notification.Kind.choices,
        initial=Notification.Kind.RENT_ARREARS_TERMINATION,
        help_text=_(
            "Bara uppsägning för hyresskuld och uppsägning av bostadsrätt har en återvinningsfrist."
        ),
    )
    cause = forms.ChoiceField(
        label=_("Orsak"),
        choices=Notification.Cause.choices,
        help_text=_("Används för ansökan om avhysning, avhysningsdatum och annat."),
    )
    received_on = forms.DateField(label=_("Mottagen"), widget=SwedishDateInput(), initial=_today())
    personal_number = forms.CharField(
        label=_("Hyresgästens personnummer"),
        max_length=15,
        help_text=_("ÅÅÅÅMMDD-NNNN. En känd person hittas på numret."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    first_name = forms.CharField(
        label=_("Förnamn"), required=False, max_length=100, help_text=_("Om personen är ny.")
    )
    last_name = forms.CharField(label=_("Efternamn"), required=False, max_length=100)
    co_tenant_personal_number = forms.CharField(
        label=_("Medhyresgästens personnummer"), required=False, max_length=15
    )
    co_tenant_first_name = forms.CharField(
        label=_("Medhyresgästens förnamn"), required=False, max_length=100
    )
    co_tenant_last_name = forms.CharField(
        label=_("Medhyresgästens efternamn"), required=False, max_length=100
    )
    landlord = forms.ModelChoiceField(
        label=_("Hyresvärd"), queryset=Landlord.objects.all(), required=False
    )
    landlord_org_number = forms.CharField(
        label=_("Ny hyresvärd: organisationsnummer"),
        required=False,
        max_length=11,
        help_text=_("Om hyresvärden inte finns i listan."),
    )
    landlord_name = forms.CharField(label=_("Ny hyresvärd: namn"), required=False, max_length=200)
    street_address = forms.CharField(label=_("Adress"), max_length=200)
    postcode = forms.CharField(label=_("Postnummer"), required=False, max_length=6)
    town = forms.CharField(label=_("Ort"), required=False, max_length=100)
    landlord_reference = forms.CharField(
        label=_("Hyresvärdens objektnummer"), required=False, max_length=40
    )
    debt_amount = AmountField(label=_("Hyresskuld"), required=False, help_text=_("T.ex. 12 345,50"))
    months_behind = forms.IntegerField(
        label=_("Antal månader efter"), required=False, min_value=0, max_value=120
    )
    notice_served_on = forms.DateField(
        label=_("Underrättelsen delgiven hyresgästen"),
        required=False,
        widget=SwedishDateInput(),
        help_text=_("Dagen då hyresgästen delgavs underrättelsen om att avtalet kan återvinnas."),
    )
    committee_notice_on = forms.DateField(
        label=_("Meddelandet till socialnämnden"),
        required=False,
        widget=SwedishDateInput(),
        help_text=_(
            "Dagen då hyresvärdens meddelande kom till socialnämnden. Återvinningsfristen "
            "räknas från den senare av de två dagarna."
        ),
    )
    eviction_date = forms.DateField(
        label=_("Avhysningsdatum"),
        required=False,
        widget=SwedishDateInput(),
        help_text=_("Som Kronofogden har meddelat det."),
    )
    note = forms.CharField(
        label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Det är en ny underrättelse, inte en dubblett"), required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("source") == Notification.Source.LANDLORD and not (
            data.get("landlord") or data.get("landlord_org_number")
        ):
            self.add_error("landlord", _("Välj hyresvärd eller ange en ny."))
        return data


class NoticesForm(forms.Form):
    """The two notices of 12 kap. 44 § JB, added or corrected as they become known."""

    notice_served_on = forms.DateField(
        label=_("Underrättelsen delgiven hyresgästen"), required=False, widget=SwedishDateInput()
    )
    committee_notice_on = forms.DateField(
        label=_("Meddelandet till socialnämnden"), required=False, widget=SwedishDateInput()
    )


class IllnessNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Sjukdom eller liknande hinder"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Om sjukdom eller en liknande oförutsedd omständighet hindrade hyresgästen att "
            "betala i tid. En anteckning till domstolen, ingen ny frist."
        ),
    )


class OutreachForm(forms.Form):
    method = forms.ChoiceField(label=_("Sätt"), choices=OutreachAttempt.Method.choices)
    made_on = forms.DateField(label=_("Datum"), widget=SwedishDateInput(), initial=_today())
    result = forms.ChoiceField(label=_("Resultat"), choices=OutreachAttempt.Result.choices)
    note = forms.CharField(
        label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InterventionForm(forms.Form):
    type_code = forms.ChoiceField(label=_("Kvarboendeinsats"))
    performed_on = forms.DateField(label=_("Datum"), widget=SwedishDateInput(), initial=_today())
    notes = forms.CharField(
        label=_("Anteckning"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type_code"].choices = [  # type: ignore[attr-defined]
            (t.code, t.name) for t in kvarboende_types()
        ]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Utfall"), choices=PreventionCase.Outcome.choices)
    stayed_because = forms.ChoiceField(
        label=_("Kvarboende genom"),
        required=False,
        choices=[("", "–"), *PreventionCase.StayedBecause.choices],
        help_text=_("När hushållet bor kvar."),
    )
    closed_on = forms.DateField(label=_("Avslutat"), widget=SwedishDateInput(), initial=_today())
    note = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class LetterForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Brevmall"), queryset=LetterTemplate.objects.filter(active=True)
    )


class LetterTemplateForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=100)
    subject = forms.CharField(label=_("Rubrik"), max_length=200)
    body = forms.CharField(
        label=_("Brevtext"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Platshållare: ")
        + ", ".join("{{ " + key + " }}" for key in rules.LETTER_PLACEHOLDERS),
    )
    active = forms.BooleanField(label=_("Aktiv"), required=False, initial=True)


class UploadForm(forms.Form):
    landlord = forms.ModelChoiceField(label=_("Hyresvärd"), queryset=Landlord.objects.all())
    period = forms.DateField(
        label=_("Listan avser månad"),
        widget=SwedishDateInput(),
        help_text=_("Vilken dag som helst i månaden."),
    )
    file = forms.FileField(label=_("Fil (CSV eller Excel)"))


class MappingForm(forms.Form):
    """One choice per field: which of the file's columns holds it."""

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("– ingen kolumn –")), *((h, h) for h in headers)]
        for fld in rules.IMPORT_FIELDS:
            self.fields[fld.key] = forms.ChoiceField(
                label=fld.label + (" *" if fld.required else ""),
                choices=choices,
                required=False,
            )
