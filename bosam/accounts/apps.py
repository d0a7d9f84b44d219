from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bosam.accounts"
    label = "accounts"
    verbose_name = "Organisation och användare"
