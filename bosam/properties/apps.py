from django.apps import AppConfig


class PropertiesConfig(AppConfig):
    name = "bosam.properties"
    label = "properties"
