from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "bosam.administration"
    label = "administration"
