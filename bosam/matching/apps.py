from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "bosam.matching"
    label = "matching"
