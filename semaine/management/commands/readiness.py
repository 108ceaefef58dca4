"""`manage.py readiness`: exit 0 when the database and the cache answer (the task workers'
health check in docker-compose.yml), 1 otherwise, saying which one does not."""

from django.core.management.base import BaseCommand, CommandError

from semaine.health import readiness_problems


class Command(BaseCommand):
    help = "Vérifie que la base de données et le cache répondent."
    requires_system_checks = []

    def handle(self, *args, **options):
        problems = readiness_problems()
        if problems:
            details = ", ".join(f"{name} ({kind})" for name, kind in problems.items())
            raise CommandError(f"Indisponible : {details}.")
        self.stdout.write("ok")
