from django.apps import AppConfig


class SemaineConfig(AppConfig):
    name = "semaine"
    verbose_name = "Semaine de l'industrie"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
