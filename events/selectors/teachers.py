"""Reads of the teachers' pages."""

from django.db.models import Count, QuerySet

from ..models import ClassRegistration
from ..rules.booking import (
    cancellation_deadline,
    teacher_may_cancel,
    teacher_may_change,
    waitlist_rank_expression,
)


def teacher_registrations(*, user) -> QuerySet[ClassRegistration]:
    """Every registration `user` made, in session order, ready for the list (one query);
    waiting classes carry their `waitlist_rank`."""
    return (
        ClassRegistration.objects.filter(teacher_id=user.pk)
        .annotate(waitlist_rank=waitlist_rank_expression())
        .select_related("session__event__academy", "school")
        .order_by("session__starts_at", "created_at", "pk")
    )


# The audience a class of each level belongs to (the list's `public` filter).
LEVEL_AUDIENCES = {
    "6e": "collegiens",
    "5e": "collegiens",
    "4e": "collegiens",
    "3e": "collegiens",
    "2nde": "lyceens",
    "1re": "lyceens",
    "terminale": "lyceens",
    "cap": "lyceens",
    "bts": "etudiants",
    "superieur": "etudiants",
}
KIND_AUDIENCES = (
    ("cfa", "apprentis"),
    ("apprenti", "apprentis"),
    ("lycée", "lyceens"),
    ("lycee", "lyceens"),
    ("collège", "collegiens"),
    ("college", "collegiens"),
)
NEARBY_RADIUS_KM = 30
NEARBY_COUNT = 6


def teacher_usual_audience(*, user, school) -> str | None:
    """The audience to preselect for `user`'s classes at `school`: apprentices for a CFA,
    else the level they register most often, else what the school is (collège, lycée)."""
    kind = (school.kind or "").casefold()
    if "cfa" in kind or "apprenti" in kind:
        return "apprentis"
    levels = (
        ClassRegistration.objects.filter(teacher_id=user.pk, school=school)
        .values("class_level")
        .annotate(n=Count("pk"))
        .order_by("-n", "class_level")
        .values_list("class_level", flat=True)
    )
    for level in levels:
        if level in LEVEL_AUDIENCES:
            return LEVEL_AUDIENCES[level]
    return next((audience for word, audience in KIND_AUDIENCES if word in kind), None)


def teacher_nearby_query(*, school, audience: str | None, radius_km: int) -> dict:
    """The event list's query for « événements près de mon établissement »: events open to
    class registrations, around the school, nearest first."""
    query = {
        "pres_de": school.uai,
        "rayon": str(radius_km),
        "ouvert": "1",
        "tri": "distance",
        "edition": "toutes",  # open sessions are what counts, whatever the edition flag says
    }
    if audience:
        query["public"] = audience
    return query


def registration_actions(*, registration) -> dict:
    """What the teacher may still do with their class, and until when (the booking rules)."""
    session = registration.session
    can_cancel = teacher_may_cancel(registration=registration)
    return {
        "can_change": teacher_may_change(registration=registration),
        "can_cancel": can_cancel,
        "cancellation_deadline": cancellation_deadline(session=session),
        # after the deadline, the organizer's contact replaces the button
        "show_contact": registration.is_active and not can_cancel,
    }


def registration_outcome(*, session) -> dict:
    """What registering now would give, said before the form is sent: needs a session of
    `sessions_with_places(with_waitlist=True)`."""
    if session.event.registration_mode == "approval":
        return {"kind": "approval"}
    if session.places_left is None:
        return {"kind": "unlimited"}
    return {
        "kind": "automatic",
        "places_left": session.places_left,
        "waitlist_rank": getattr(session, "waitlisted_classes", 0) + 1,
    }
