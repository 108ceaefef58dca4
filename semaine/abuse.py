"""Our forms against robots and floods: per-person rate limits and a honeypot field.

    class RegistrationCreateView(FormRateLimitMixin, FormView):
        rate_limit_scope = "class-registration"     # counted apart from the other forms

    class ClassRegistrationForm(HoneypotFormMixin, forms.Form): ...

    @form_rate_limit(scope="attachment-request")   # a function view: a DSFR 429 page
    def attachment_request(request): ...

Submissions (POST) are counted per person and per form, in the shared cache, at the rate of
settings.FORM_RATE_LIMIT ("10/m"; blank: no limit): a signed-in user by their account, a
visitor by their address (semaine.throttle.client_address). Over the limit, a FormView
shows the form again as it was sent, with a French message saying when to try again and the
429 status; nothing is saved. A limiter that cannot reach its cache lets the submission
through (and logs it): it never turns a submission into a 500.

The honeypot is a text input people never meet (off-screen, aria-hidden, out of the tab
order) and robots that fill every input fill: such a submission gets a plain error and
nothing is saved.
"""

import logging
from functools import wraps

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, gettext_lazy, ngettext

from .throttle import client_address, rate_parse, throttle_hit

logger = logging.getLogger("semaine.abuse")

HONEYPOT_FIELD = "site_internet"
DEFAULT_SETTING = "FORM_RATE_LIMIT"


# --- Rate limits ----------------------------------------------------------------------------


def form_client(request) -> str:
    """Who a submission counts for: the account when signed in, else the address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{client_address(request)}"


def form_limit_hit(*, request, scope: str, setting: str = DEFAULT_SETTING) -> int | None:
    """Count one submission of `scope`: None while within the limit, else the seconds to
    wait. The cache out of reach: None (logged), the submission goes through."""
    rate = rate_parse(getattr(settings, setting))
    if rate is None:
        return None
    try:
        return throttle_hit(request=request, scope=scope, rate=rate, client=form_client(request))
    except Exception:  # Redis down or slow: the limit is lifted, the form still works
        logger.warning("rate limit of %s not counted: cache unavailable", scope, exc_info=True)
        return None


def delay_label(seconds: int) -> str:
    """ "45 secondes", "1 minute", "3 minutes": the wait, rounded up to the minute past 90 s."""
    if seconds <= 90:
        return ngettext("%(count)d seconde", "%(count)d secondes", seconds) % {"count": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def rate_limit_message(*, retry_after: int) -> str:
    return gettext(
        "Vous avez envoyé ce formulaire trop de fois en peu de temps. Rien n'a été "
        "enregistré : réessayez dans %(delay)s."
    ) % {"delay": delay_label(retry_after)}


def _limited(response, *, retry_after: int):
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class FormRateLimitMixin:
    """A FormView whose submissions are limited per person (see the module's docstring).

    Put it after the mixins that check who may post and before FormView: the view's own
    `post` (which may load objects for the page first) runs before the count."""

    rate_limit_scope: str = ""
    rate_limit_setting: str = DEFAULT_SETTING

    def post(self, request, *args, **kwargs):
        if not self.rate_limit_scope:
            raise TypeError(f"{type(self).__name__}.rate_limit_scope is not set")
        retry_after = form_limit_hit(
            request=request, scope=self.rate_limit_scope, setting=self.rate_limit_setting
        )
        if retry_after is None:
            return super().post(request, *args, **kwargs)
        return self.form_rate_limited(retry_after=retry_after)

    def form_rate_limited(self, *, retry_after: int):
        """The form as sent, with the message on top, status 429; nothing is saved."""
        form = self.get_form()
        form.is_valid()  # field errors too, so the person corrects everything at once
        form.add_error(None, rate_limit_message(retry_after=retry_after))
        response = self.render_to_response(self.get_context_data(form=form), status=429)
        return _limited(response, retry_after=retry_after)


def too_many_requests(request, *, retry_after: int | None = None, message: str | None = None):
    """The DSFR 429 page (templates/429.html), also allauth's when its limits trigger."""
    context = {"message": message, "retry_after": retry_after}
    if retry_after is not None and message is None:
        context["message"] = rate_limit_message(retry_after=retry_after)
    response = TemplateResponse(request, "429.html", context, status=429)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


def form_rate_limit(*, scope: str, setting: str = DEFAULT_SETTING):
    """A function view's submissions (POST) limited per person; over the limit the DSFR 429
    page answers instead of the view."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                retry_after = form_limit_hit(request=request, scope=scope, setting=setting)
                if retry_after is not None:
                    return too_many_requests(request, retry_after=retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# --- Honeypot -------------------------------------------------------------------------------


class HoneypotField(forms.CharField):
    """The honeypot input; the dsfr_crispy pack renders it off-screen and hidden from
    assistive technologies (templates/dsfr_crispy/layout/honeypot.html)."""

    is_honeypot = True

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Ne remplissez pas ce champ"))
        attrs = {"tabindex": "-1", "autocomplete": "off"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)


def honeypot_filled(form) -> bool:
    return bool(str(form.data.get(form.add_prefix(HONEYPOT_FIELD), "")).strip())


class HoneypotFormMixin:
    """Adds the honeypot to a form; a submission that fills it is invalid (a non-field
    error) and is logged, so nothing is saved."""

    honeypot_message = gettext_lazy(
        "Votre envoi n'a pas pu être accepté. Rechargez la page, puis envoyez le formulaire "
        "à nouveau."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = HoneypotField()

    def clean(self):
        cleaned_data = super().clean()
        if honeypot_filled(self):
            logger.info("honeypot filled in %s", type(self).__name__)
            raise ValidationError(self.honeypot_message, code="honeypot")
        return cleaned_data
