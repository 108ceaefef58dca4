"""Who may do what with an event; one place for the rules views, admin and services share."""

from academies.models import AcademyStaff, CompanyMembership, SchoolMembership
from academies.selectors import staff_is_national

from .models import Event


def user_can_moderate(*, user, event: Event) -> bool:
    """National staff everywhere; académie staff on the events of their académie only."""
    if staff_is_national(user=user):
        return True
    if not (user and user.is_authenticated and user.is_staff):
        return False
    return AcademyStaff.objects.filter(user=user, academy_id=event.academy_id).exists()


def user_can_manage(*, user, event: Event) -> bool:
    """The organizer side: the declaring user, or a member of the organizing company/school."""
    if not (user and user.is_authenticated):
        return False
    if event.created_by_id == user.pk:
        return True
    if event.company_id:
        return CompanyMembership.objects.filter(user=user, company_id=event.company_id).exists()
    if event.school_id:
        return SchoolMembership.objects.filter(user=user, school_id=event.school_id).exists()
    return False
