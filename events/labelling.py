"""The labelling criteria checked before submission and shown to the moderator."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Event
from .rules.editions import edition_window_error


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    met: bool
    detail: str = ""


def event_labelling_criteria(*, event: Event) -> list[Criterion]:
    """Free of charge, dated inside the accepted window, open to an audience, about industry."""
    sessions = list(event.sessions.all())
    window = event.edition.accepted_window()
    if not sessions:
        dated, dated_detail = False, _("Ajoutez au moins un créneau.")
    else:
        moments = [
            moment for session in sessions for moment in (session.starts_at, session.ends_at)
        ]
        window_error = edition_window_error(
            edition=event.edition, moments=moments, tz=event.academy.tzinfo
        )
        dated = window_error is None
        dated_detail = window_error or _("Entre le %(first)s et le %(last)s.") % {
            "first": f"{window[0]:%d/%m/%Y}",
            "last": f"{window[1]:%d/%m/%Y}",
        }
    return [
        Criterion("free", _("Gratuit pour les participants"), event.is_free),
        Criterion("dated", _("Daté dans la période de l'édition"), dated, dated_detail),
        Criterion("audience", _("Ouvert à au moins un public cible"), event.audiences.exists()),
        Criterion(
            "industry",
            _("Consacré à l'industrie et à ses métiers (thématique et type d'action)"),
            event.themes.exists() and event.action_types.exists(),
        ),
    ]


def event_unmet_criteria(*, event: Event) -> list[Criterion]:
    return [criterion for criterion in event_labelling_criteria(event=event) if not criterion.met]
