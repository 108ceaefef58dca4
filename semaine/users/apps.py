from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _site_sync(sender, using="default", apps=None, **kwargs):
    """After every migrate (and flush): the Site allauth names in its e-mails is ours."""
    from .services import site_sync

    site_sync(using=using, apps=apps)


class UsersConfig(AppConfig):
    name = "semaine.users"
    label = "users"
    verbose_name = _("Comptes")

    def ready(self):
        # Sent for each app in INSTALLED_APPS order: users comes after django.contrib.sites,
        # whose own handler creates the « example.com » row first.
        post_migrate.connect(_site_sync, sender=self, dispatch_uid="users_site_sync")
