from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee
from bosam.core.forms import SwedishDateInput
from bosam.properties.models import HeadLease
from bosam.tenancies.models import Condition, Damage, FollowUp, Sublet, SubletEndReason
from bosam.tenancies.services.takeover import Decision

STATUS_CHOICES = [("", _("Alla")), *Sublet.Status.choices]
KIND_CHOICES = [("", _("Alla")), *Sublet.Kind.choices]


class SubletFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Sök namn, personnummer, adress eller kontraktsnummer"), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    kind = forms.ChoiceField(label=_("Typ"), choices=KIND_CHOICES, required=False)
    committee = forms.ModelChoiceField(
        label=_("Betalande nämnd"), queryset=Committee.objects.all(), required=False
    )
    takeover_due = forms.BooleanField(label=_("Bara övertagande att bedöma"), required=False)


class HeadLeaseChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: HeadLease) -> str:
        return f"{obj.apartment} – {obj.usage} – {obj.committee.short_name or obj.committee}"


class SubletForm(forms.Form):
    personal_number = forms.CharField(
        label=_("Sökandens personnummer"),
        max_length=15,
        required=False,
        help_text=_("Hushållet där personen är sökande eller medlem nu."),
    )
    head_lease = HeadLeaseChoiceField(
        label=_("Objekt och avtal"), queryset=HeadLease.objects.none()
    )
    kind = forms.ChoiceField(
        label=_("Typ av kontrakt"),
        choices=[("", _("Enligt avtalets användning")), *Sublet.Kind.choices],
        required=False,
    )
    start_date = forms.DateField(label=_("Startdatum"), widget=SwedishDateInput())
    end_date = forms.DateField(
        label=_("Slutdatum"),
        widget=SwedishDateInput(),
        required=False,
        help_text=_("Lämna tomt om kontraktet gäller tills vidare."),
    )
    monthly_rent = forms.DecimalField(
        label=_("Månadshyra (kr)"), min_value=Decimal("0"), max_digits=10, decimal_places=2
    )
    conditions = forms.ModelMultipleChoiceField(
        label=_("Villkor"),
        queryset=Condition.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    conditions_text = forms.CharField(
        label=_("Övriga villkor"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class FollowUpPlanForm(forms.Form):
    planned_on = forms.DateField(label=_("Planerat datum"), widget=SwedishDateInput())
    kind = forms.ChoiceField(label=_("Typ"), choices=FollowUp.Kind.choices)


class FollowUpRecordForm(forms.Form):
    done_on = forms.DateField(label=_("Genomfört datum"), widget=SwedishDateInput())
    kind = forms.ChoiceField(label=_("Typ"), choices=FollowUp.Kind.choices)
    participants = forms.CharField(label=_("Deltagare"), max_length=300, required=False)
    notes = forms.CharField(label=_("Anteckningar"), widget=forms.Textarea(attrs={"rows": 5}))


class TakeoverForm(forms.Form):
    assessed_on = forms.DateField(label=_("Bedömningsdatum"), widget=SwedishDateInput())
    rent_paid_on_time = forms.BooleanField(label=_("Hyran är betald i tid"), required=False)
    conditions_kept = forms.BooleanField(label=_("Villkoren är följda"), required=False)
    no_disturbance = forms.BooleanField(label=_("Inga störningar"), required=False)
    landlord_consent = forms.BooleanField(label=_("Hyresvärden samtycker"), required=False)
    decision = forms.ChoiceField(
        label=_("Beslut"),
        widget=forms.RadioSelect,
        choices=[
            (Decision.TAKE_OVER, _("Hushållet tar över kontraktet")),
            (Decision.EXTEND, _("Förläng – nytt planerat datum")),
            (Decision.ASSESS_ONLY, _("Spara bara bedömningen")),
        ],
    )
    takeover_date = forms.DateField(
        label=_("Datum för övertagandet"),
        widget=SwedishDateInput(),
        required=False,
        help_text=_(
            "Sista dagen med andrahandskontraktet; avtalet med hyresvärden upphör samma dag."
        ),
    )
    new_planned_date = forms.DateField(
        label=_("Nytt planerat datum för övertagande"), widget=SwedishDateInput(), required=False
    )
    notes = forms.CharField(
        label=_("Motivering"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SubletEndForm(forms.Form):
    end_date = forms.DateField(label=_("Slutdatum"), widget=SwedishDateInput())
    reason = forms.ModelChoiceField(
        label=_("Orsak"), queryset=SubletEndReason.objects.filter(active=True)
    )
    note = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("Besiktningsdatum"), widget=SwedishDateInput())
    inspector = forms.CharField(label=_("Besiktningsman"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Anteckningar"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    returned_to_landlord = forms.BooleanField(
        label=_("Lämna tillbaka lägenheten till hyresvärden"), required=False
    )


class DamageForm(forms.Form):
    description = forms.CharField(label=_("Skada"), max_length=300, required=False)
    cost = forms.DecimalField(
        label=_("Kostnad (kr)"), min_value=Decimal("0"), required=False, decimal_places=2
    )
    payer = forms.ChoiceField(label=_("Betalas av"), choices=Damage.Payer.choices, required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("description") and data.get("cost") is None:
            self.add_error("cost", _("Ange kostnaden för skadan."))
        return data


DamageFormSet = forms.formset_factory(DamageForm, extra=3, max_num=10)


class RentChargeForm(forms.Form):
    month = forms.DateField(
        label=_("Månad"), widget=SwedishDateInput(), help_text=_("Valfri dag i månaden.")
    )


class RentPaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Belopp (kr)"), min_value=Decimal("0.01"), max_digits=10, decimal_places=2
    )
    paid_on = forms.DateField(label=_("Betalt den"), widget=SwedishDateInput())


class GoalTargetForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    target_percent = forms.DecimalField(
        label=_("Mål (%)"), min_value=Decimal("0"), max_value=Decimal("100"), decimal_places=1
    )


class TenancySettingsForm(forms.Form):
    months_to_takeover = forms.IntegerField(
        label=_("Månader från start till planerat övertagande"), min_value=1, max_value=60
    )
    follow_up_interval_months = forms.IntegerField(
        label=_("Månader mellan uppföljningar"), min_value=1, max_value=24
    )
    excluded_reasons = forms.ModelMultipleChoiceField(
        label=_("Avslutsorsaker som inte räknas i måluppfyllelsen"),
        queryset=SubletEndReason.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
