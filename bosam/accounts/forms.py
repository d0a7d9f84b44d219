from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Fel användarnamn eller lösenord. Efter flera misslyckade försök spärras kontot "
            "en stund."
        ),
        "inactive": _("Kontot är inaktiverat. Kontakta systemförvaltaren."),
    }
