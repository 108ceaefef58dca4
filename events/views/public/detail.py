"""The public page of one event."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from academies.roles import user_is_teacher
from semaine.formats import utc_offset_label

from ...cache import public_cache_page
from ...models import Event
from ...rules.booking import session_registration_open
from ...selectors import public_event_detail
from ...selectors.public import event_cancellation_reason


def share_links(*, url: str, title: str) -> list[dict]:
    """Plain share links (no third-party script), in the DSFR share component's order."""
    return [
        {
            "kind": "facebook",
            "label": _("Partager sur Facebook"),
            "href": "https://www.facebook.com/sharer.php?" + urlencode({"u": url}),
        },
        {
            "kind": "twitter-x",
            "label": _("Partager sur X (anciennement Twitter)"),
            "href": "https://x.com/intent/tweet?" + urlencode({"url": url, "text": title}),
        },
        {
            "kind": "linkedin",
            "label": _("Partager sur LinkedIn"),
            "href": "https://www.linkedin.com/shareArticle?"
            + urlencode({"url": url, "title": title}),
        },
        {
            "kind": "mail",
            "label": _("Partager par courriel"),
            # mailto: wants %20 for spaces, not "+".
            "href": "mailto:?"
            + urlencode({"subject": title, "body": f"{title}\n{url}"}, quote_via=quote),
        },
    ]


@method_decorator(public_cache_page(), name="dispatch")
class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_object(self, queryset=None):
        try:
            return public_event_detail(pk=self.kwargs["pk"])
        except Event.DoesNotExist:
            raise Http404 from None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.path != self.object.get_absolute_url():  # old or mistyped slug
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        sessions = list(event.sessions.all())
        now = timezone.now()
        tz = event.academy.tzinfo
        url = self.request.build_absolute_uri(event.get_absolute_url())
        accepts_classes = event.accepts_class_registrations
        upcoming = [session for session in sessions if session.starts_at > now]
        registration_open = any(
            session_registration_open(session=session, now=now) for session in upcoming
        )
        context.update(
            {
                "sessions": sessions,
                "now": now,
                "time_zone_name": event.academy.time_zone,
                "is_overseas": event.academy.time_zone != settings.TIME_ZONE,
                "utc_offset": utc_offset_label(tz, at=sessions[0].starts_at if sessions else now),
                "accepts_classes": accepts_classes,
                "registration_open": registration_open,
                "is_over": bool(sessions) and not upcoming,
                "is_cancelled": event.status == Event.Status.CANCELLED,
                "cancellation_reason": event_cancellation_reason(event=event),
                "can_register_classes": registration_open
                and user_is_teacher(user=self.request.user),
                "registration_path": reverse("events:registration_create"),
                "login_url": reverse("account_login")
                + "?"
                + urlencode({"next": event.get_absolute_url()}),
                "share_links": share_links(url=url, title=event.title),
                "breadcrumb": [(_("Événements"), reverse("events:list"))],
            }
        )
        return context
