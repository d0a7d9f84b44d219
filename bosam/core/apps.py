from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bosam.core"
    label = "core"
    verbose_name = "Bosam"

    def ready(self) -> None:
        from bosam.core import checks  # noqa: F401 - registers the deploy checks
