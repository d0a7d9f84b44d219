from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from bosam.accounts.models import Committee, Office, Unit, User
from bosam.accounts.roles import Role
from bosam.audit.models import AuditAction
from bosam.core.forms import SwedishDateInput


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Namn eller användarnamn"), required=False)
    role = forms.ChoiceField(
        label=_("Roll"), required=False, choices=[("", _("Alla"))] + list(Role.choices)
    )
    unit = forms.ModelChoiceField(
        label=_("Enhet"), required=False, queryset=Unit.objects.all(), empty_label=_("Alla")
    )
    inactive = forms.BooleanField(label=_("Visa även inaktiverade"), required=False)


class UserEditForm(forms.Form):
    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-post"), required=False)
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)
    unit = forms.ModelChoiceField(
        label=_("Enhet"),
        required=False,
        queryset=Unit.objects.filter(active=True),
        help_text=_("Socialsekreterare ser bara sin egen enhets hushåll."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == Role.SOCIAL_WORKER and not data.get("unit"):
            self.add_error("unit", _("En socialsekreterare måste tillhöra en enhet."))
        return data


class UserCreateForm(UserEditForm):
    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    is_service_account = forms.BooleanField(
        label=_("Tjänstekonto (integration)"),
        required=False,
        help_text=_("Loggar inte in med lösenord; använder en API-nyckel."),
    )
    password1 = forms.CharField(
        label=_("Lösenord"), required=False, widget=forms.PasswordInput(render_value=False)
    )
    password2 = forms.CharField(
        label=_("Lösenord igen"), required=False, widget=forms.PasswordInput(render_value=False)
    )

    field_order = ["username", "first_name", "last_name", "email", "role", "unit"]

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"]).strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Användarnamnet är redan upptaget."))
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("is_service_account"):
            if not data.get("password1"):
                self.add_error("password1", _("Ange ett lösenord."))
            elif data.get("password1") != data.get("password2"):
                self.add_error("password2", _("Lösenorden är inte lika."))
        return data


class PasswordForm(forms.Form):
    password1 = forms.CharField(label=_("Nytt lösenord"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Nytt lösenord igen"), widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Lösenorden är inte lika."))
        return data


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Namn på nyckeln"),
        max_length=100,
        required=False,
        help_text=_("Till exempel integrationens namn, så att nyckeln känns igen i listan."),
    )
    days = forms.IntegerField(
        label=_("Giltig i dagar"), min_value=1, required=False, help_text=_("Högst %(days)s dagar.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.BOSAM_API_TOKEN_DAYS
        days = self.fields["days"]
        days.widget.attrs["max"] = limit
        days.validators.append(MaxValueValidator(limit))
        days.initial = limit
        days.help_text = days.help_text % {"days": limit}


class CommitteeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Committee
        fields = ["name", "short_name", "active"]


class OfficeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Office
        fields = ["name", "committee", "active"]


class UnitForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Unit
        fields = ["name", "office", "is_housing_coordination", "active"]


class AuditFollowUpForm(forms.Form):
    personal_number = forms.CharField(
        label=_("Vem har läst om personen (personnummer)"), required=False, max_length=15
    )
    actor = forms.ModelChoiceField(
        label=_("Vem har användaren läst om"),
        required=False,
        queryset=User.objects.order_by("username"),
        empty_label=_("Alla användare"),
    )
    actor_role = forms.ChoiceField(
        label=_("Användarens roll"), required=False, choices=[("", _("Alla"))] + list(Role.choices)
    )
    outside_own_unit = forms.BooleanField(
        label=_("Bara åtkomst utanför egen enhet"),
        required=False,
        help_text=_(
            "Poster som tillhör en annan enhet än användarens. Välj t.ex. rollen "
            "socialsekreterare för att se försök att nå andra enheters klienter."
        ),
    )
    action = forms.ChoiceField(
        label=_("Händelse"), required=False, choices=[("", _("Alla"))] + list(AuditAction.choices)
    )
    date_from = forms.DateField(label=_("Från och med"), required=False, widget=SwedishDateInput())
    date_to = forms.DateField(label=_("Till och med"), required=False, widget=SwedishDateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Slutdatum kan inte ligga före startdatum."))
        return data
