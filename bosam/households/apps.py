from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "bosam.households"
    label = "households"
    verbose_name = "Personer och hushåll"
