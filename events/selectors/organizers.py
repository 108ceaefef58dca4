"""Reads of the organizer space: my events with their next action, the classes to decide,
the moderators' messages, one event's registrations. Bounded queries, no N+1."""

from dataclasses import dataclass

from django.db.models import Max, Min, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from academies.roles import organizer_companies, organizer_events_q, organizer_schools
from semaine.queries import subquery_count, subquery_sum

from ..models import ClassRegistration, Event, EventStatusChange, Session
from ..rules.booking import waitlist_rank_expression
from ..rules.capacity import sessions_with_places
from ..rules.editions import Phase, edition_current, edition_phase

Status = Event.Status


def organizer_structures(*, user) -> list[tuple[str, str, object]]:
    """The structures `user` declares events for: [(key, label, company or school)]."""
    structures = [
        (f"company:{company.pk}", company.name, company)
        for company in organizer_companies(user=user).select_related("department__academy")
    ]
    structures += [
        (f"school:{school.pk}", f"{school.name} ({school.city})", school)
        for school in organizer_schools(user=user).select_related("department__academy")
    ]
    return structures


def organizer_events(*, user) -> QuerySet[Event]:
    """The events I manage (my companies', my schools', those I declared), annotated with
    what the dashboard needs: sessions' first start and last end, classes pending, sessions
    past without attendance."""
    now = timezone.now()
    mine = Event.objects.filter(organizer_events_q(user=user)).values("pk")
    return (
        Event.objects.filter(pk__in=mine)
        .select_related("edition", "academy", "company", "school")
        .annotate(
            first_start=Min("sessions__starts_at"),
            last_end=Max("sessions__ends_at"),
            pending_classes=subquery_count(
                ClassRegistration.objects.filter(status=ClassRegistration.Status.PENDING),
                to="session__event",
            ),
            active_classes=subquery_count(
                ClassRegistration.objects.filter(status__in=ClassRegistration.ACTIVE_STATUSES),
                to="session__event",
            ),
            attendance_due=subquery_count(
                Session.objects.filter(starts_at__lte=now, attendance_reported_at__isnull=True),
                to="event",
            ),
        )
        .order_by("-edition__year", "first_start", "pk")
    )


@dataclass(frozen=True)
class NextAction:
    label: str
    url: str = ""
    level: str = "info"  # the DSFR badge: info, warning, success, error, new


def event_next_action(*, event: Event, now=None) -> NextAction:
    """What the organizer should do next on `event` (from the dashboard's annotations)."""
    now = now or timezone.now()
    edit_url = reverse("events:organizer_event_update", args=[event.pk])
    manage_url = reverse("events:organizer_event", args=[event.pk])
    over = edition_phase(edition=event.edition) == Phase.OVER
    if over and event.status in (Status.DRAFT, Status.CHANGES_REQUESTED, Status.SUBMITTED):
        return NextAction(_("Édition terminée, non labellisé"), manage_url, "")
    if event.status == Status.DRAFT:
        if not event.first_start:
            return NextAction(_("Ajouter un créneau"), edit_url, "warning")
        return NextAction(_("Compléter et soumettre à la labellisation"), manage_url, "warning")
    if event.status == Status.CHANGES_REQUESTED:
        return NextAction(_("Répondre au modérateur"), edit_url, "warning")
    if event.status == Status.SUBMITTED:
        return NextAction(_("En attente de labellisation"), manage_url, "info")
    if event.status == Status.REJECTED:
        return NextAction(_("Refusé : voir le motif"), manage_url, "error")
    if event.status == Status.CANCELLED:
        return NextAction(_("Annulé"), manage_url, "")
    # published
    registrations_url = reverse("events:organizer_registrations", args=[event.pk])
    if getattr(event, "pending_classes", 0):
        return NextAction(
            _("Décider des classes en attente (%(count)s)") % {"count": event.pending_classes},
            registrations_url,
            "warning",
        )
    if getattr(event, "attendance_due", 0):
        return NextAction(
            _("Présence à déclarer"),
            reverse("events:organizer_attendance", args=[event.pk]),
            "warning",
        )
    if event.last_end and event.last_end < now:
        return NextAction(_("Terminé"), manage_url, "success")
    return NextAction(_("Suivre les inscriptions"), registrations_url, "success")


def event_renewable(*, event: Event, current) -> bool:
    """A labelled (or cancelled) event of an edition that is over may be renewed into the
    current edition."""
    return (
        current is not None
        and event.edition_id != current.pk
        and event.status in (Status.PUBLISHED, Status.CANCELLED)
        and edition_phase(edition=event.edition) == Phase.OVER
    )


def organizer_dashboard(*, user) -> dict:
    """Everything /espace/organisateur/ shows, in a bounded number of queries."""
    events = list(organizer_events(user=user))
    now = timezone.now()
    current = edition_current()
    editions: dict = {}
    for event in events:
        event.next_action = event_next_action(event=event, now=now)
        event.renewable = event_renewable(event=event, current=current)
        editions.setdefault(event.edition, []).append(event)
    event_ids = [event.pk for event in events]
    pending = list(
        ClassRegistration.objects.filter(
            session__event_id__in=event_ids, status=ClassRegistration.Status.PENDING
        )
        .select_related("school", "session__event__academy")
        .order_by("created_at", "pk")[:20]
    )
    messages = list(
        EventStatusChange.objects.filter(event_id__in=event_ids)
        .exclude(reason="")
        .filter(to_status__in=(Status.CHANGES_REQUESTED, Status.REJECTED, Status.PUBLISHED))
        .select_related("event")
        .order_by("-at", "-pk")[:5]
    )
    labels = dict(Status.choices)
    for change in messages:
        change.to_label = labels.get(change.to_status, change.to_status)
    return {
        "editions": sorted(editions.items(), key=lambda item: -item[0].year),
        "events": events,
        "pending": pending,
        "moderator_messages": messages,
        "current_edition": current,
        "counts": {
            "drafts": sum(e.status in (Status.DRAFT, Status.CHANGES_REQUESTED) for e in events),
            "published": sum(e.status == Status.PUBLISHED for e in events),
            "pending": sum(getattr(e, "pending_classes", 0) for e in events),
        },
    }


def organizer_event_sessions(*, event: Event) -> list[Session]:
    """An event's sessions, in time order, each with its places and its classes (rank of
    the waiting ones), for the registrations page: three queries whatever the size."""
    registrations = (
        ClassRegistration.objects.select_related("school", "teacher")
        .annotate(waitlist_rank=waitlist_rank_expression())
        .order_by("created_at", "pk")
    )
    sessions = list(
        sessions_with_places(Session.objects.filter(event=event), with_waitlist=True)
        .annotate(
            pending_students=subquery_sum(
                ClassRegistration.objects.filter(status=ClassRegistration.Status.PENDING),
                to="session",
                field="students",
            ),
        )
        .prefetch_related(Prefetch("registrations", registrations, to_attr="classes"))
    )
    for session in sessions:
        active = [r for r in session.classes if r.is_active]
        session.total_classes = len(active)
        session.total_students = sum(r.students for r in active)
        session.total_girls = sum(r.girls or 0 for r in active)
        session.total_adults = sum(r.accompanying_adults for r in active)
    return sessions


def organizer_event_history(*, event: Event) -> list[EventStatusChange]:
    """The event's last status changes, each with the label of its new status."""
    labels = dict(Status.choices)
    changes = list(event.status_changes.order_by("-at", "-pk")[:20])
    for change in changes:
        change.to_label = labels.get(change.to_status, change.to_status)
    return changes


def organizer_event_for(*, user, pk: int) -> Event | None:
    """The event `pk` if `user` manages it in the organizer space, else None."""
    return (
        Event.objects.filter(organizer_events_q(user=user), pk=pk)
        .select_related("edition", "academy", "department", "company", "school", "renewed_from")
        .first()
    )


def organizer_renewable_events(*, user) -> QuerySet[Event]:
    """My events of past editions (labelled or cancelled), most recent first."""
    current = edition_current()
    mine = Event.objects.filter(organizer_events_q(user=user)).values("pk")
    events = Event.objects.filter(
        pk__in=mine, status__in=(Status.PUBLISHED, Status.CANCELLED)
    ).select_related("edition")
    if current is not None:
        events = events.exclude(edition=current).filter(
            Q(edition__year__lt=current.year) | Q(edition__window_ends_on__lt=timezone.localdate())
        )
    return events.order_by("-edition__year", "title")
