"""/espace/: the hub of the signed-in person's space, routed by role.

One role leads straight to its home (teacher, organizer); several roles get a short page to
choose; no role yet leads to the attachment page (`SPACE_ONBOARDING_URL_NAME`, built by the
onboarding; until it exists, a placeholder page says what to do).
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from academies.roles import user_is_organizer, user_is_teacher

# The one place to switch the page people without a role are sent to.
SPACE_ONBOARDING_URL_NAME = "academies:onboarding"


def onboarding_url() -> str | None:
    try:
        return reverse(SPACE_ONBOARDING_URL_NAME)
    except NoReverseMatch:
        return None


def space_roles(*, user) -> list[dict]:
    """The homes `user` may open in their space, in a stable order."""
    roles = []
    if user_is_teacher(user=user):
        roles.append(
            {
                "key": "teacher",
                "label": _("Espace enseignant"),
                "description": _("Inscrire mes classes, suivre mes inscriptions."),
                "url": reverse("events:teacher_home"),
                "icon": "fr-icon-book-2-line",
            }
        )
    if user_is_organizer(user=user):
        roles.append(
            {
                "key": "organizer",
                "label": _("Espace organisateur"),
                "description": _(
                    "Déclarer mes événements, les soumettre à la labellisation, suivre les "
                    "classes inscrites."
                ),
                "url": reverse("events:organizer_home"),
                "icon": "fr-icon-building-line",
            }
        )
    return roles


class SpaceHubView(LoginRequiredMixin, TemplateView):
    template_name = "events/space/choose.html"

    def get(self, request, *args, **kwargs):
        roles = space_roles(user=request.user)
        if len(roles) == 1:
            return redirect(roles[0]["url"])
        if not roles:
            target = onboarding_url()
            if target and target != request.path:
                return redirect(target)
            self.template_name = "events/space/no_role.html"
        return self.render_to_response(
            self.get_context_data(roles=roles, breadcrumb=[(_("Mon espace"), "")])
        )
