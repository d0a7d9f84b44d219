from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "bosam.scheduling"
    label = "scheduling"
