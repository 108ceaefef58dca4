"""Reads about accounts: « Mes données », everything we hold about a person."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q

from .models import User


def user_personal_data(*, user: User) -> dict:
    """What we hold about `user`, as plain values (dates as datetimes): their account and
    addresses, roles, class registrations (with the counts of students and girls and the
    needs they typed), the events they declared or are the contact of, and the moderation
    decisions they took. The page and the JSON export show the same. A fixed number of
    queries, whatever the number of rows."""
    from academies.models import AcademyStaff, CompanyMembership, SchoolMembership
    from events.models import ClassRegistration, Event, EventStatusChange

    account = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_staff": user.is_staff,
        "is_national_staff": user.is_national_staff,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "two_factor": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
    }
    roles = {
        "schools": [
            {
                "uai": m.school.uai,
                "name": m.school.name,
                "city": m.school.city,
                "role": m.get_role_display(),
                "since": m.created_at,
            }
            for m in SchoolMembership.objects.filter(user=user).select_related("school")
        ],
        "companies": [
            {
                "siret": m.company.siret,
                "name": m.company.name,
                "role": m.get_role_display(),
                "since": m.created_at,
            }
            for m in CompanyMembership.objects.filter(user=user).select_related("company")
        ],
        "academies": [
            {"code": m.academy.code, "name": m.academy.name, "since": m.created_at}
            for m in AcademyStaff.objects.filter(user=user).select_related("academy")
        ],
    }
    registrations = [
        {
            "event": r.session.event.title,
            "session_starts_at": r.session.starts_at,
            "school": r.school.name,
            "class_name": r.class_name,
            "class_level": r.get_class_level_display(),
            "students": r.students,
            "girls": r.girls,
            "accompanying_adults": r.accompanying_adults,
            "needs": r.needs,
            "status": r.get_status_display(),
            "created_at": r.created_at,
        }
        for r in ClassRegistration.objects.filter(teacher=user)
        .select_related("session__event", "school")
        .order_by("-created_at", "-pk")
    ]
    addresses = [a["email"] for a in account["email_addresses"]] or [user.email]
    contact = Q()
    for address in addresses:
        contact |= Q(contact_email__iexact=address)
    events = [
        {
            "title": e.title,
            "edition": e.edition.year,
            "status": e.get_status_display(),
            "declared_by_me": e.created_by_id == user.pk,
            "contact_name": e.contact_name,
            "contact_email": e.contact_email,
            "contact_phone": e.contact_phone,
            "created_at": e.created_at,
        }
        for e in Event.objects.filter(Q(created_by=user) | contact)
        .select_related("edition")
        .order_by("-created_at", "-pk")
    ]
    labels = dict(Event.Status.choices)
    moderation = [
        {
            "event": change.event.title,
            "at": change.at,
            "from_status": change.from_status,
            "to_status": change.to_status,
            "from_label": str(labels.get(change.from_status, change.from_status)),
            "to_label": str(labels.get(change.to_status, change.to_status)),
            "reason": change.reason,
        }
        for change in EventStatusChange.objects.filter(by=user)
        .select_related("event")
        .order_by("-at", "-pk")
    ]
    return {
        "account": account,
        "roles": roles,
        "class_registrations": registrations,
        "events": events,
        "moderation_history": moderation,
    }
