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
    """The organizer side: the declaring user, a member of the organizing company, or the
    staff of the organizing school (its teachers register classes, they do not organize)."""
    if not _signed_in(user):
        return False
    if event.created_by_id == user.pk:
        return True
    if event.company_id:
        return CompanyMembership.objects.filter(user=user, company_id=event.company_id).exists()
    if event.school_id:
        return SchoolMembership.objects.filter(
            user=user, school_id=event.school_id, role=SchoolMembership.Role.STAFF
        ).exists()
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


# --- the organizer space ------------------------------------------------------------------


def organizer_companies(*, user) -> QuerySet:
    """The companies for which `user` organizes events (organizer or account manager)."""
    from .models import Company

    if not _signed_in(user):
        return Company.objects.none()
    return Company.objects.filter(members__user_id=user.pk).order_by("name", "pk")


def organizer_schools(*, user) -> QuerySet[School]:
    """The schools whose staff `user` belongs to: they declare the school's own actions."""
    if not _signed_in(user):
        return School.objects.none()
    return School.objects.filter(
        members__user_id=user.pk, members__role=SchoolMembership.Role.STAFF
    ).order_by("name", "pk")


def user_is_organizer(*, user) -> bool:
    """Whether `user` declares events for a company or a school (two queries at most)."""
    if not _signed_in(user):
        return False
    return (
        CompanyMembership.objects.filter(user_id=user.pk).exists()
        or SchoolMembership.objects.filter(
            user_id=user.pk, role=SchoolMembership.Role.STAFF
        ).exists()
    )


def organizer_events_q(*, user) -> Q:
    """The events `user` manages in the organizer space, as a condition on Event: those of
    their companies and schools (staff), and those they declared themselves."""
    if not _signed_in(user):
        return Q(pk__in=[])
    return (
        Q(company__members__user_id=user.pk)
        | Q(
            school__members__user_id=user.pk,
            school__members__role=SchoolMembership.Role.STAFF,
        )
        | Q(created_by_id=user.pk)
    )


def user_may_declare_for(*, user, company_id=None, school_id=None, academy_id=None) -> bool:
    """Who may declare a new event: a member of the organizing company, the staff of the
    organizing school, or the académie's moderators."""
    if not _signed_in(user):
        return False
    if company_id and CompanyMembership.objects.filter(user=user, company_id=company_id).exists():
        return True
    if (
        school_id
        and SchoolMembership.objects.filter(
            user=user, school_id=school_id, role=SchoolMembership.Role.STAFF
        ).exists()
    ):
        return True
    return academy_id is not None and user_moderates_academy(user=user, academy_id=academy_id)


def academy_moderator_addresses(*, academy_id) -> list[str]:
    """The e-mail addresses of the académie's moderators (its AcademyStaff users)."""
    addresses = AcademyStaff.objects.filter(
        academy_id=academy_id, user__is_active=True, user__is_staff=True
    ).values_list("user__email", flat=True)
    return sorted({address for address in addresses if address})


# --- onboarding: attachment requests ------------------------------------------------------

# The académies' e-mail domains, by Ministry code (Normandie kept its former two as well).
ACADEMIC_DOMAINS: dict[str, tuple[str, ...]] = {
    "01": ("ac-paris.fr",),
    "02": ("ac-aix-marseille.fr",),
    "03": ("ac-besancon.fr",),
    "04": ("ac-bordeaux.fr",),
    "06": ("ac-clermont.fr",),
    "07": ("ac-dijon.fr",),
    "08": ("ac-grenoble.fr",),
    "09": ("ac-lille.fr",),
    "10": ("ac-lyon.fr",),
    "11": ("ac-montpellier.fr",),
    "12": ("ac-nancy-metz.fr",),
    "13": ("ac-poitiers.fr",),
    "14": ("ac-rennes.fr",),
    "15": ("ac-strasbourg.fr",),
    "16": ("ac-toulouse.fr",),
    "17": ("ac-nantes.fr",),
    "18": ("ac-orleans-tours.fr",),
    "19": ("ac-reims.fr",),
    "20": ("ac-amiens.fr",),
    "22": ("ac-limoges.fr",),
    "23": ("ac-nice.fr",),
    "24": ("ac-creteil.fr",),
    "25": ("ac-versailles.fr",),
    "27": ("ac-corse.fr",),
    "28": ("ac-reunion.fr",),
    "31": ("ac-martinique.fr",),
    "32": ("ac-guadeloupe.fr",),
    "33": ("ac-guyane.fr",),
    "43": ("ac-mayotte.fr",),
    "70": ("ac-normandie.fr", "ac-caen.fr", "ac-rouen.fr"),
}
NATIONAL_EDUCATION_DOMAIN = "education.gouv.fr"


def email_is_academic_for(*, email: str, academy) -> bool:
    """An address of `academy`'s own domain (`@ac-grenoble.fr`…) or of the Ministry."""
    domain = (email or "").rpartition("@")[2].strip().lower()
    if not domain:
        return False
    return domain == NATIONAL_EDUCATION_DOMAIN or domain in ACADEMIC_DOMAINS.get(academy.code, ())


def user_email_verified(*, user) -> bool:
    """Whether the user's sign-in address is verified (allauth), which an academic
    attachment needs: anyone can type an address, only its owner confirms it."""
    if not _signed_in(user):
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(
        user_id=user.pk, email__iexact=user.email, verified=True
    ).exists()


def user_manages_company(*, user, company_id) -> bool:
    """A member (organizer) of the company: may act for it and decide who joins it."""
    if not _signed_in(user) or company_id is None:
        return False
    return CompanyMembership.objects.filter(user_id=user.pk, company_id=company_id).exists()


def user_companies(*, user) -> QuerySet:
    """The companies `user` organizes for (lazy)."""
    from .models import Company

    if not _signed_in(user):
        return Company.objects.none()
    return Company.objects.filter(members__user_id=user.pk)


def user_has_role(*, user) -> bool:
    """Whether `user` acts for a school or a company (else /espace/ sends them to attach)."""
    if not _signed_in(user):
        return False
    return (
        SchoolMembership.objects.filter(user_id=user.pk).exists()
        or CompanyMembership.objects.filter(user_id=user.pk).exists()
    )


def user_decides_attachment(*, user, attachment_request) -> bool:
    """Who confirms or refuses a request: the académie's staff (national staff anywhere)
    and, for a company, its organizers; never the person asking."""
    if not _signed_in(user) or user.pk == attachment_request.user_id:
        return False
    if attachment_request.company_id and user_manages_company(
        user=user, company_id=attachment_request.company_id
    ):
        return True
    academy_id = attachment_request.academy_id
    if academy_id is None:
        return staff_is_national(user=user)
    return user_moderates_academy(user=user, academy_id=academy_id)


def attachment_deciders(*, attachment_request) -> list:
    """The people told of a pending request: its company's organizers and the académie's
    active staff (users, by e-mail)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()  # noqa: N806
    condition = Q()
    if attachment_request.company_id:
        condition |= Q(company_memberships__company_id=attachment_request.company_id)
    academy_id = attachment_request.academy_id
    if academy_id is not None:
        condition |= Q(academy_roles__academy_id=academy_id, is_staff=True)
    if not condition:
        return []
    return list(
        User.objects.filter(condition, is_active=True)
        .exclude(pk=attachment_request.user_id)
        .distinct()
        .order_by("email")
    )
