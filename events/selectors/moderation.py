"""The moderation queue: the submitted events a staff member labels, oldest first, with how
long each has waited in working days and its labelling checklist — in a fixed number of
queries whatever the number of events."""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from academies.roles import academies_for_staff, staff_scope_queryset

from ..labelling import Criterion, event_labelling_criteria
from ..models import Event, Session
from ..rules.working_days import working_days_overdue, working_days_waited


@dataclass(frozen=True)
class QueueFilters:
    edition_id: int | None = None
    action_type_id: int | None = None
    theme_id: int | None = None
    department_id: int | None = None
    organizer: str = ""

    def q(self) -> Q:
        condition = Q()
        if self.edition_id:
            condition &= Q(edition_id=self.edition_id)
        if self.action_type_id:
            condition &= Q(action_types__id=self.action_type_id)
        if self.theme_id:
            condition &= Q(themes__id=self.theme_id)
        if self.department_id:
            condition &= Q(department_id=self.department_id)
        organizer = self.organizer.strip()
        if organizer:
            condition &= (
                Q(company__name__icontains=organizer)
                | Q(company__siret__startswith=organizer.replace(" ", ""))
                | Q(school__name__icontains=organizer)
                | Q(school__uai__iexact=organizer)
                | Q(organizer_name__icontains=organizer)
            )
        return condition


def moderation_queue(*, user, filters: QueueFilters | None = None) -> QuerySet[Event]:
    """Submitted events of the académies `user` moderates (all for national staff), oldest
    submission first, with what the queue shows prefetched."""
    filters = filters or QueueFilters()
    queryset = Event.objects.filter(status=Event.Status.SUBMITTED).filter(filters.q())
    if filters.action_type_id or filters.theme_id:
        queryset = queryset.distinct()
    return (
        staff_scope_queryset(user=user, queryset=queryset, academy_lookups=("academy",))
        .select_related("edition", "academy", "department", "company", "school")
        .prefetch_related(
            "themes",
            "action_types",
            "audiences",
            Prefetch("sessions", Session.objects.order_by("starts_at")),
        )
        .order_by(F("submitted_at").asc(nulls_last=True), "pk")
    )


@dataclass
class QueueRow:
    event: Event
    days_waited: int
    overdue: bool
    criteria: list[Criterion]
    buttons: list[dict] = field(default_factory=list)

    @property
    def criteria_met(self) -> bool:
        return all(criterion.met for criterion in self.criteria)


def moderation_queue_rows(events, *, now=None) -> list[QueueRow]:
    """The queue's rows for a page of `moderation_queue` (no query beyond its prefetches)."""
    now = now or timezone.now()
    rows = []
    for event in events:
        since = event.submitted_at or event.created_at
        days = working_days_waited(since=since, academy=event.academy, now=now)
        rows.append(
            QueueRow(
                event=event,
                days_waited=days,
                overdue=working_days_overdue(days),
                criteria=event_labelling_criteria(event=event),
            )
        )
    return rows


def moderated_academy_ids(*, user) -> set[int] | None:
    """The académies whose events `user` moderates; None: every one (national staff)."""
    academies = academies_for_staff(user=user)
    if academies is None:
        return None
    if not user.is_staff:
        return set()
    return set(academies.values_list("pk", flat=True))
