"""Who is who: who teaches where, who organizes for which company or school, who moderates
which académie, who is national staff. Views, admin, services and selectors ask here.

Every question takes the user first and answers for an anonymous or inactive user too
(always "no"). Functions returning querysets stay lazy, so that `academy__in=...` costs a
subquery, not a query.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import Academy, AcademyStaff, CompanyMembership, School, SchoolMembership


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# --- back office --------------------------------------------------------------------------


def staff_is_national(*, user) -> bool:
    """Superusers and the national team see and manage every académie."""
    return _signed_in(user) and (user.is_superuser or getattr(user, "is_national_staff", False))


def academies_for_staff(*, user) -> QuerySet[Academy] | None:
    """The académies `user` administers; None means every académie (national staff)."""
    if staff_is_national(user=user):
        return None
    if not _signed_in(user):
        return Academy.objects.none()
    return Academy.objects.filter(staff__user_id=user.pk)


def staff_scope_queryset(*, user, queryset: QuerySet, academy_lookups: Iterable[str]) -> QuerySet:
    """Keep the rows of `queryset` tied to one of the user's académies.

    `academy_lookups` are ORM paths from the queryset's model to `Academy` (`"academy"`,
    `"department__academy"`, `"pk"` for `Academy` itself…); a row is kept when any of them
    leads to one of the user's académies. National staff keep everything; a user without
    académie keeps nothing.
    """
    academies = academies_for_staff(user=user)
    if academies is None:
        return queryset
    condition = Q()
    for lookup in academy_lookups:
        condition |= Q(**{f"{lookup}__in": academies})
    if not condition:
        return queryset.none()
    return queryset.filter(condition)


def user_moderates_academy(*, user, academy_id) -> bool:
    """National staff everywhere; académie staff (with back-office access) in theirs only."""
    if staff_is_national(user=user):
        return True
    if not (_signed_in(user) and user.is_staff):
        return False
    return AcademyStaff.objects.filter(user=user, academy_id=academy_id).exists()


def user_moderates_event(*, user, event) -> bool:
    return user_moderates_academy(user=user, academy_id=event.academy_id)


# --- organizers ---------------------------------------------------------------------------


def user_organizes_event(*, user, event) -> bool:
    """The organizer side: the declaring user, or a member of the organizing company/school."""
    if not _signed_in(user):
        return False
    if event.created_by_id == user.pk:
        return True
    if event.company_id:
        return CompanyMembership.objects.filter(user=user, company_id=event.company_id).exists()
    if event.school_id:
        return SchoolMembership.objects.filter(user=user, school_id=event.school_id).exists()
    return False


def user_handles_event(*, user, event) -> bool:
    """Organizers of the event and its académie's moderators: who handles its registrations."""
    return user_organizes_event(user=user, event=event) or user_moderates_event(
        user=user, event=event
    )


# --- teachers -----------------------------------------------------------------------------


def teacher_schools(*, user) -> QuerySet[School]:
    """The schools where `user` teaches, by name."""
    if not _signed_in(user):
        return School.objects.none()
    return School.objects.filter(
        members__user_id=user.pk, members__role=SchoolMembership.Role.TEACHER
    ).order_by("name", "pk")


def user_is_teacher(*, user) -> bool:
    """Whether `user` teaches in a school, hence may register a class (one query at most)."""
    if not _signed_in(user):
        return False
    return SchoolMembership.objects.filter(
        user_id=user.pk, role=SchoolMembership.Role.TEACHER
    ).exists()


def user_teaches_at(*, user, school) -> bool:
    if not _signed_in(user):
        return False
    return SchoolMembership.objects.filter(
        user=user, school=school, role=SchoolMembership.Role.TEACHER
    ).exists()
