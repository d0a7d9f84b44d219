from django import forms
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Unit
from bosam.core.forms import SwedishDateInput
from bosam.households.models import HouseholdMember


class PersonForm(forms.Form):
    personal_number = forms.CharField(
        label=_("Personnummer eller samordningsnummer"),
        required=False,
        max_length=15,
        help_text=_("ÅÅÅÅMMDD-NNNN. Lämna tomt om personen saknar svenskt nummer."),
    )
    first_name = forms.CharField(label=_("Förnamn"), max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), max_length=100)
    birth_date = forms.DateField(
        label=_("Födelsedatum"),
        required=False,
        widget=SwedishDateInput(),
        help_text=_("Krävs om personnummer saknas."),
    )
    no_number_reason = forms.CharField(
        label=_("Skäl till att nummer saknas"), required=False, max_length=200
    )
    confirm_new_person = forms.BooleanField(
        label=_("Det är inte samma person – registrera en ny"), required=False
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("personal_number"):
            if not data.get("birth_date"):
                self.add_error("birth_date", _("Ange födelsedatum när personnummer saknas."))
            if not data.get("no_number_reason"):
                self.add_error("no_number_reason", _("Ange varför personen saknar svenskt nummer."))
        return data


class HouseholdForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Ansvarig enhet"), queryset=Unit.objects.filter(active=True)
    )
    care_of = forms.CharField(label=_("c/o"), required=False, max_length=100)
    street_address = forms.CharField(label=_("Gatuadress"), required=False, max_length=200)
    postcode = forms.CharField(label=_("Postnummer"), required=False, max_length=6)
    town = forms.CharField(label=_("Ort"), required=False, max_length=100)
    phone = forms.CharField(label=_("Telefon"), required=False, max_length=40)
    email = forms.EmailField(label=_("E-post"), required=False)
    notes = forms.CharField(label=_("Anteckningar"), required=False, widget=forms.Textarea)


class MemberAddForm(forms.Form):
    personal_number = forms.CharField(
        label=_("Personnummer"),
        required=False,
        max_length=15,
        help_text=_("En befintlig person hittas på numret; annars registreras en ny."),
    )
    first_name = forms.CharField(label=_("Förnamn"), max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), max_length=100)
    birth_date = forms.DateField(label=_("Födelsedatum"), required=False, widget=SwedishDateInput())
    no_number_reason = forms.CharField(
        label=_("Skäl till att nummer saknas"), required=False, max_length=200
    )
    relation = forms.ChoiceField(label=_("Relation"), choices=HouseholdMember.Relation.choices)


class MergeForm(forms.Form):
    duplicate_number = forms.CharField(
        label=_("Dubblettens id eller personnummer"),
        help_text=_("Posten som ska slås ihop med den här och sedan bara finnas som historik."),
    )
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}))
