"""django-allauth's public forms, with our honeypot and our way of telling clients apart.

allauth limits its own forms (ACCOUNT_RATE_LIMITS' defaults: sign-ups, logins, failed logins,
password resets) in the shared cache and answers with templates/429.html. Its sign-up form
already has a honeypot (ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD): a robot that fills it is told the
account was created while nothing was; here the input is ours, which the CSP lets us hide
(allauth hides its own with a style="" attribute the CSP blocks).
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.account.forms import SignupForm as AllauthSignupForm

from .abuse import HONEYPOT_FIELD, HoneypotField, HoneypotFormMixin
from .throttle import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The client as semaine.throttle sees it: the address the trusted proxy saw
        (settings.TRUSTED_PROXY_COUNT), never a forged X-Forwarded-For entry."""
        return client_address(request)


class SignupForm(AllauthSignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if HONEYPOT_FIELD in self.fields:  # set by allauth from the setting
            self.fields[HONEYPOT_FIELD] = HoneypotField()


class ResetPasswordForm(HoneypotFormMixin, AllauthResetPasswordForm):
    pass
