"""« Verified before declaring or registering », in one place.

    from semaine.users.verification import VerifiedEmailRequiredMixin, email_verification_pending

    class EventCreateView(LoginRequiredMixin, VerifiedEmailRequiredMixin, ...): ...

    if email_verification_pending(user=request.user): ...   # services or function views

With ACCOUNT_EMAIL_VERIFICATION = "mandatory" (every settings module but the tests'), a
signed-in person whose address is not confirmed is shown a French page with a button that
sends the confirmation link again (allauth's e-mail management, rate-limited by allauth).
"""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.template.response import TemplateResponse


def email_verification_pending(*, user) -> bool:
    """True when `user` must confirm their e-mail address before declaring an event or
    registering a class: verification is mandatory and none of their addresses is verified.
    Anonymous users: False (signing in comes first). One query."""
    if settings.ACCOUNT_EMAIL_VERIFICATION != "mandatory":
        return False
    if user is None or not user.is_authenticated:
        return False
    return not EmailAddress.objects.filter(user=user, verified=True).exists()


def email_verification_required_response(request):
    """The page saying why and offering to send the link again (status 403)."""
    address = EmailAddress.objects.filter(user=request.user).order_by("-primary", "pk").first()
    return TemplateResponse(
        request,
        "users/email_verification_required.html",
        {"address": address, "email": address.email if address else request.user.email},
        status=403,
    )


class VerifiedEmailRequiredMixin:
    """A view that declares or registers something: a confirmed address first. Put it after
    the mixin that requires signing in."""

    def dispatch(self, request, *args, **kwargs):
        if email_verification_pending(user=request.user):
            return email_verification_required_response(request)
        return super().dispatch(request, *args, **kwargs)
