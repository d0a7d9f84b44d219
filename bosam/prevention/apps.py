from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "bosam.prevention"
    label = "prevention"
