from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "bosam.audit"
    label = "audit"
    verbose_name = _("Loggning")

    def ready(self) -> None:
        # Authentication events come from Django's auth signals: the login views are Django's
        # own, and this keeps the accounts app free of any dependency on the audit trail.
        from bosam.audit import auth_events, checks  # noqa: F401
