from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "bosam.advice"
    label = "advice"
