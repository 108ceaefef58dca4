"""A small form behind our abuse protections, for tests/semaine/test_abuse.py."""

from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import FormView

from semaine.abuse import FormRateLimitMixin, HoneypotFormMixin, form_rate_limit
from semaine.forms import DsfrFormHelper
from semaine.urls import handler429, handler500  # noqa: F401
from semaine.urls import urlpatterns as site_urlpatterns

SAVED = []  # what form_valid "saved"

PAGE = engines["django"].from_string("{% load crispy_forms_tags %}<main>{% crispy form %}</main>")


class ClassForm(HoneypotFormMixin, forms.Form):
    class_name = forms.CharField(label="Nom de la classe", max_length=50)
    students = forms.IntegerField(label="Nombre d'élèves", min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = DsfrFormHelper(self, submit_label="Inscrire la classe")


class ClassFormView(FormRateLimitMixin, FormView):
    form_class = ClassForm
    rate_limit_scope = "test-class-registration"

    def render_to_response(self, context, **response_kwargs):
        html = PAGE.render(context, self.request)
        return HttpResponse(html, status=response_kwargs.get("status", 200))

    def form_valid(self, form):
        SAVED.append(form.cleaned_data)
        return HttpResponse("enregistré", status=201)


@form_rate_limit(scope="test-attachment-request")
def attachment_request(request):
    return HttpResponse("demande envoyée")


@method_decorator(form_rate_limit(scope="test-company-create"), name="post")
class CompanyCreateView(View):
    """A class-based view whose post() is limited (the onboarding views' shape)."""

    def get(self, request):
        return HttpResponse("formulaire")

    def post(self, request):
        return HttpResponse("entreprise créée", status=201)


urlpatterns = [
    path("test/entreprise/", CompanyCreateView.as_view()),
    path("test/inscription/", ClassFormView.as_view()),
    path("test/rattachement/", attachment_request),
    *site_urlpatterns,
]
