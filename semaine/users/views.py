"""« Mes données » (what we hold, its JSON export, deleting the account) and the admin's
sign-in page, which is allauth's."""

import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from .forms import AccountDeleteForm
from .selectors import user_personal_data
from .services import user_delete


def admin_login(request):
    """/admin/login/: the same throttled sign-in as everyone (allauth's, with its rate
    limits and two-factor step), then back to the admin page asked for."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    next_url = next_url or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        # Signed in without back-office access: sending them to the login page would loop.
        raise PermissionDenied(
            _("L'administration est réservée aux équipes académiques et nationale.")
        )
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


class MyDataView(LoginRequiredMixin, TemplateView):
    """/comptes/mes-donnees/: everything we hold about me."""

    template_name = "users/my_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(data=user_personal_data(user=self.request.user), **kwargs)


class MyDataExportView(LoginRequiredMixin, View):
    """The same, as a JSON file to download."""

    def get(self, request):
        data = user_personal_data(user=request.user)
        payload = {"exported_at": timezone.now(), **data}
        response = HttpResponse(
            json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"mes-donnees-semaine-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


@method_decorator(reauthentication_required, name="dispatch")
class AccountDeleteView(LoginRequiredMixin, FormView):
    """Delete my account: allauth asks for my password again (rate-limited, unless I just
    gave it), then I type a word; anonymised, the statistics kept."""

    form_class = AccountDeleteForm
    template_name = "users/account_delete.html"

    def get_context_data(self, **kwargs):
        data = user_personal_data(user=self.request.user)
        return super().get_context_data(data=data, **kwargs)

    def form_valid(self, form):
        user_delete(user=self.request.user)
        logout(self.request)
        messages.success(
            self.request,
            _(
                "Votre compte a été supprimé. Les inscriptions de vos classes restent comptées "
                "dans les statistiques, sans votre nom ni vos messages."
            ),
        )
        return redirect("home")
