from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "bosam.reporting"
    label = "reporting"
