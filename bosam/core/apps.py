from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bosam.core"
    label = "core"
    verbose_name = "Bosam"
