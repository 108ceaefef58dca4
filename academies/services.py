"""Writes of the territory's participants: attaching a person to a school or a company.

Every function has the shape of `semaine.audit`: lock the rows, check the rule (roles
from `academies.roles`), write, append the history row with `change_record`, e-mail after
the commit. Asking twice, or approving twice, never makes a second request or membership.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from semaine.audit import change_record, lock

from .directory import department_for_postcode
from .models import (
    AttachmentRequest,
    AttachmentRequestChange,
    Company,
    CompanyMembership,
    School,
    SchoolMembership,
)
from .roles import (
    _signed_in,
    email_is_academic_for,
    user_decides_attachment,
    user_email_verified,
)
from .tasks import attachment_request_notify
from .validators import siret_normalize, validate_siret

Role = AttachmentRequest.Role
Status = AttachmentRequest.Status

NAF_PATTERN = re.compile(r"^(\d{2})\.?(\d{2})([A-Z])$")


def _requests():
    return AttachmentRequest.objects.select_related(
        "user", "school__department__academy", "company__department__academy"
    )


def _log(attachment_request, *, from_status: str, by, reason: str = "") -> None:
    change_record(
        change=AttachmentRequestChange(
            request=attachment_request,
            from_status=from_status,
            to_status=attachment_request.status,
            by=by,
            reason=reason,
        ),
        notify=attachment_request_notify,
    )


def _membership_grant(attachment_request) -> None:
    """The role asked for, once (the memberships' unique constraints back this up)."""
    if attachment_request.school_id:
        role = (
            SchoolMembership.Role.STAFF
            if attachment_request.role == Role.SCHOOL_STAFF
            else SchoolMembership.Role.TEACHER
        )
        exists = SchoolMembership.objects.filter(
            user_id=attachment_request.user_id, school_id=attachment_request.school_id
        ).exists()
        if not exists:
            membership = SchoolMembership(
                user_id=attachment_request.user_id,
                school_id=attachment_request.school_id,
                role=role,
            )
            membership.full_clean(validate_unique=False)
            membership.save()
        return
    exists = CompanyMembership.objects.filter(
        user_id=attachment_request.user_id, company_id=attachment_request.company_id
    ).exists()
    if not exists:
        membership = CompanyMembership(
            user_id=attachment_request.user_id,
            company_id=attachment_request.company_id,
            role=CompanyMembership.Role.ORGANIZER,
        )
        membership.full_clean(validate_unique=False)
        membership.save()


@transaction.atomic
def attachment_request_create(
    *, user, role: str, school: School | None = None, company: Company | None = None
) -> AttachmentRequest:
    """Ask to act for `school` (role teacher or staff) or `company` (role organizer).

    Approved at once for a verified academic address of the school's académie (or
    @education.gouv.fr), and for the first organizer of a company; otherwise pending until
    the académie's staff (or the company's organizers) decide. Refused when the person is
    already attached there or already waiting.
    """
    if not _signed_in(user):
        raise PermissionDenied(_("Connectez-vous pour demander un rattachement."))
    if (school is None) == (company is None):
        raise ValidationError(_("Choisissez un établissement ou une entreprise."))
    if school is not None and role not in AttachmentRequest.SCHOOL_ROLES:
        raise ValidationError({"role": _("Choisissez votre rôle dans l'établissement.")})
    if company is not None and role != Role.ORGANIZER:
        raise ValidationError({"role": _("Une entreprise accueille des organisateurs.")})

    if school is not None:
        # One attachment at a time per school: the lock serialises concurrent requests.
        school = lock(School.objects.select_related("department__academy"), school.pk)
        if not school.is_open:
            raise ValidationError(
                _("Cet établissement est fermé : il n'accepte plus de rattachement.")
            )
        if SchoolMembership.objects.filter(user_id=user.pk, school_id=school.pk).exists():
            raise ValidationError(_("Vous êtes déjà rattaché à cet établissement."))
        pending = AttachmentRequest.objects.filter(user_id=user.pk, school_id=school.pk)
        immediate = email_is_academic_for(
            email=user.email, academy=school.department.academy
        ) and user_email_verified(user=user)
        reason = _("Adresse académique vérifiée.") if immediate else ""
    else:
        company = lock(Company.objects.select_related("department__academy"), company.pk)
        if CompanyMembership.objects.filter(user_id=user.pk, company_id=company.pk).exists():
            raise ValidationError(_("Vous êtes déjà organisateur pour cette entreprise."))
        pending = AttachmentRequest.objects.filter(user_id=user.pk, company_id=company.pk)
        immediate = not CompanyMembership.objects.filter(company_id=company.pk).exists()
        reason = _("Premier organisateur de l'entreprise.") if immediate else ""
    if pending.filter(status=Status.PENDING).exists():
        raise ValidationError(_("Votre demande est déjà en attente de validation."))

    attachment_request = AttachmentRequest(
        user=user,
        school=school,
        company=company,
        role=role,
        status=Status.APPROVED if immediate else Status.PENDING,
        decided_at=timezone.now() if immediate else None,
        reason=reason,
    )
    attachment_request.full_clean()
    try:
        with transaction.atomic():
            attachment_request.save()
    except IntegrityError:  # the same request, a moment earlier, from another tab
        raise ValidationError(_("Votre demande est déjà en attente de validation.")) from None
    if immediate:
        _membership_grant(attachment_request)
    _log(attachment_request, from_status="", by=user, reason=reason)
    return attachment_request


def _decision_lock(attachment_request, by) -> AttachmentRequest:
    locked = lock(_requests(), attachment_request.pk)
    if not user_decides_attachment(user=by, attachment_request=locked):
        raise PermissionDenied(_("Vous ne pouvez pas décider de cette demande de rattachement."))
    return locked


@transaction.atomic
def attachment_request_approve(*, attachment_request, by) -> AttachmentRequest:
    """Grant the role asked for; approving an approved request changes nothing."""
    locked = _decision_lock(attachment_request, by)
    if locked.status == Status.APPROVED:
        return locked
    if locked.status == Status.REFUSED:
        raise ValidationError(_("Cette demande a déjà été refusée."))
    locked.status = Status.APPROVED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.full_clean()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    _membership_grant(locked)
    _log(locked, from_status=Status.PENDING, by=by)
    return locked


@transaction.atomic
def attachment_request_refuse(*, attachment_request, by, reason: str) -> AttachmentRequest:
    """Refuse with a reason, sent to the person; refusing twice changes nothing."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif du refus : il sera transmis.")})
    locked = _decision_lock(attachment_request, by)
    if locked.status == Status.REFUSED:
        return locked
    if locked.status == Status.APPROVED:
        raise ValidationError(_("Cette demande a déjà été acceptée."))
    locked.status = Status.REFUSED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.reason = reason
    locked.full_clean()
    locked.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _log(locked, from_status=Status.PENDING, by=by, reason=reason)
    return locked


def naf_normalize(value: str) -> str:
    """« 2562A », « 25.62a » → « 25.62A »; raises ValidationError otherwise."""
    match = NAF_PATTERN.match((value or "").strip().upper().replace(" ", ""))
    if not match:
        raise ValidationError(
            {"naf_code": _("Code NAF attendu sous la forme 25.62A (4 chiffres et une lettre).")}
        )
    return f"{match[1]}.{match[2]}{match[3]}"


@transaction.atomic
def company_register(
    *,
    by,
    siret: str,
    name: str,
    postcode: str,
    city: str,
    naf_code: str,
    address: str = "",
    diffusion: str = Company.Diffusion.FULL,
) -> AttachmentRequest:
    """Create a company we did not know, its département (hence académie) from the
    postcode, and make `by` its first organizer. A partially diffused establishment keeps
    its commune only, never its street."""
    if not _signed_in(by):
        raise PermissionDenied(_("Connectez-vous pour déclarer votre entreprise."))
    siret = siret_normalize(siret)
    validate_siret(siret)
    errors = {}
    department = department_for_postcode(postcode)
    if department is None:
        errors["postcode"] = _("Code postal inconnu : 5 chiffres d'une commune française.")
    try:
        naf_code = naf_normalize(naf_code)
    except ValidationError as error:
        errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)
    if Company.objects.filter(siret=siret).exists():
        raise ValidationError(
            {"siret": _("Cette entreprise est déjà connue : demandez-y votre rattachement.")}
        )
    partial = diffusion == Company.Diffusion.PARTIAL
    company = Company(
        siret=siret,
        name=(name or "").strip(),
        address="" if partial else (address or "").strip(),
        postcode=postcode.strip(),
        city=(city or "").strip(),
        naf_code=naf_code,
        department=department,
        diffusion=Company.Diffusion.PARTIAL if partial else Company.Diffusion.FULL,
    )
    company.full_clean()
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:  # created a moment earlier by someone else
        raise ValidationError(
            {"siret": _("Cette entreprise est déjà connue : demandez-y votre rattachement.")}
        ) from None
    return attachment_request_create(user=by, company=company, role=Role.ORGANIZER)
