from django.apps import AppConfig


class TenanciesConfig(AppConfig):
    name = "bosam.tenancies"
    label = "tenancies"
