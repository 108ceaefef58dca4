"""The back office's groups, created with their permissions by a data migration
(`academies/migrations/0009_staff_groups.py`): a group grants Django permissions, and the
role (`academies.roles`: académie staff, national staff) scopes them to the académies.

- moderator: moderates the events of its académies, confirms attachments, manages schools
  and companies, sees and handles class registrations;
- académie manager: a moderator who also manages the académie's staff accounts and
  settings (« remodérer un événement labellisé modifié »);
- national staff: every académie, editions, themes, action types, audiences, reference
  data and importers.
"""

from django.utils.translation import gettext_lazy as _

MODERATOR = "Modération académique"
ACADEMY_MANAGER = "Responsable académique"
NATIONAL_STAFF = "Équipe nationale"

LABELS = {
    MODERATOR: _("Modération académique"),
    ACADEMY_MANAGER: _("Responsable académique"),
    NATIONAL_STAFF: _("Équipe nationale"),
}


def user_in_group(user, name: str) -> bool:
    """Whether `user` belongs to the group (cached on the user for the request)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    cache = getattr(user, "_semaine_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._semaine_groups = cache
    return name in cache
