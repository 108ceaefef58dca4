"""Onboarding under /espace/rattachement/: a signed-in person attaches to a school (UAI or
search) or a company (SIRET, or creates it), and a company's organizers decide who joins."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from semaine.abuse import form_rate_limit
from semaine.forms import form_add_service_error

from .directory import SCHOOL_SEARCH_LIMIT, company_directory, school_search
from .forms import (
    CompanyAttachForm,
    CompanyCreateForm,
    RefuseForm,
    SchoolAttachForm,
    SchoolSearchForm,
)
from .models import AttachmentRequest, CompanyMembership, SchoolMembership
from .roles import user_companies
from .services import (
    attachment_request_approve,
    attachment_request_create,
    attachment_request_refuse,
    company_register,
)
from .validators import siret_normalize

Status = AttachmentRequest.Status

STATUS_BADGES = {
    Status.PENDING: "fr-badge--info",
    Status.APPROVED: "fr-badge--success",
    Status.REFUSED: "fr-badge--error",
}


# /espace/ is the hub of the space (events), which routes each person by role.
SPACE_URL = "/espace/"


def _breadcrumb(*pages):
    return [(_("Mon espace"), SPACE_URL), *pages]


def _outcome_message(request, attachment_request) -> None:
    target = attachment_request.target.name
    if attachment_request.status == Status.APPROVED:
        messages.success(request, _("Vous êtes rattaché à « %(target)s ».") % {"target": target})
    else:
        messages.info(
            request,
            _(
                "Votre demande de rattachement à « %(target)s » est enregistrée : vous "
                "recevrez un courriel dès qu'elle sera validée."
            )
            % {"target": target},
        )


# Attachment requests are limited per person (FORM_RATE_LIMIT): a French 429 page beyond.
@method_decorator(form_rate_limit(scope="attachment-request"), name="post")
class OnboardingView(LoginRequiredMixin, TemplateView):
    """/espace/rattachement/: both paths side by side, my roles and my requests."""

    template_name = "academies/onboarding.html"

    def get(self, request, *args, **kwargs):
        return self.render(school_form=SchoolAttachForm(), company_form=CompanyAttachForm())

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "school":
            return self.post_school()
        if action == "company":
            return self.post_company()
        return redirect("academies:onboarding")

    def post_school(self):
        form = SchoolAttachForm(self.request.POST)
        if form.is_valid():
            try:
                attachment_request = attachment_request_create(
                    user=self.request.user, school=form.school, role=form.cleaned_data["role"]
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                _outcome_message(self.request, attachment_request)
                return redirect("academies:onboarding")
        return self.render(school_form=form, company_form=CompanyAttachForm(), status=400)

    def post_company(self):
        form = CompanyAttachForm(self.request.POST)
        if form.is_valid():
            siret = form.cleaned_data["siret"]
            record = company_directory().lookup(siret=siret)
            if record is None or record.company is None:
                url = reverse("academies:onboarding_company_create")
                return redirect(f"{url}?{urlencode({'siret': siret})}")
            try:
                attachment_request = attachment_request_create(
                    user=self.request.user,
                    company=record.company,
                    role=AttachmentRequest.Role.ORGANIZER,
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                _outcome_message(self.request, attachment_request)
                return redirect("academies:onboarding")
        return self.render(school_form=SchoolAttachForm(), company_form=form, status=400)

    def render(self, *, school_form, company_form, status=200):
        user = self.request.user
        search_form = SchoolSearchForm(self.request.GET if "q" in self.request.GET else None)
        results = None
        if search_form.is_bound and search_form.is_valid():
            results = school_search(query=search_form.cleaned_data["q"])
        requests = list(
            AttachmentRequest.objects.filter(user=user)
            .select_related("school", "company")
            .order_by("-created_at", "-pk")[:10]
        )
        for attachment_request in requests:
            attachment_request.badge_class = STATUS_BADGES[attachment_request.status]
        school_memberships = list(
            SchoolMembership.objects.filter(user=user).select_related("school").order_by("pk")
        )
        company_memberships = list(
            CompanyMembership.objects.filter(user=user).select_related("company").order_by("pk")
        )
        context = self.get_context_data(
            school_form=school_form,
            company_form=company_form,
            search_form=search_form,
            results=results[:SCHOOL_SEARCH_LIMIT] if results is not None else None,
            more_results=results is not None and len(results) > SCHOOL_SEARCH_LIMIT,
            role_choices=SchoolAttachForm.base_fields["role"].choices,
            requests=requests,
            school_memberships=school_memberships,
            company_memberships=company_memberships,
            has_role=bool(school_memberships or company_memberships),
            breadcrumb=_breadcrumb((_("Rattachement"), "")),
        )
        return self.render_to_response(context, status=status)


@method_decorator(form_rate_limit(scope="attachment-request"), name="post")
class CompanyCreateView(LoginRequiredMixin, View):
    """/espace/rattachement/entreprise/nouvelle/?siret=…: a company we do not know yet."""

    template_name = "academies/company_create.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        siret = siret_normalize(request.POST.get("siret") or request.GET.get("siret") or "")
        form = CompanyAttachForm({"siret": siret})
        if not form.is_valid():
            messages.error(request, " ".join(form.errors.get("siret", [])))
            return redirect("academies:onboarding")
        self.siret = form.cleaned_data["siret"]
        self.record = company_directory().lookup(siret=self.siret)
        if self.record is not None and self.record.company is not None:
            messages.info(
                request,
                _("Cette entreprise est déjà connue : demandez-y votre rattachement."),
            )
            return redirect("academies:onboarding")
        return super().dispatch(request, *args, **kwargs)

    @property
    def diffusion(self):
        return self.record.diffusion if self.record else "O"

    def get(self, request):
        initial = {"siret": self.siret}
        if self.record is not None:
            initial.update(
                name=self.record.name,
                address=self.record.address,
                postcode=self.record.postcode,
                city=self.record.city,
                naf_code=self.record.naf_code,
            )
        return self.render(CompanyCreateForm(initial=initial, diffusion=self.diffusion))

    def post(self, request):
        form = CompanyCreateForm(request.POST, diffusion=self.diffusion)
        if form.is_valid():
            data = form.cleaned_data
            try:
                attachment_request = company_register(
                    by=request.user,
                    siret=self.siret,
                    name=data["name"],
                    address=data.get("address", ""),
                    postcode=data["postcode"],
                    city=data["city"],
                    naf_code=data["naf_code"],
                    diffusion=self.diffusion,
                )
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                _outcome_message(request, attachment_request)
                return redirect("academies:onboarding")
        return self.render(form, status=400)

    def render(self, form, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "form": form,
                "siret": self.siret,
                "record": self.record,
                "breadcrumb": _breadcrumb((_("Créer votre entreprise"), "")),
            },
            status=status,
        )


def _decidable_requests(user):
    """Pending requests to join the companies `user` organizes for."""
    return (
        AttachmentRequest.objects.filter(
            status=Status.PENDING, company__in=user_companies(user=user)
        )
        .exclude(user=user)
        .select_related("user", "company")
        .order_by("created_at", "pk")
    )


class AttachmentRequestListView(LoginRequiredMixin, TemplateView):
    """/espace/rattachement/demandes/: who asks to join my companies; approve or refuse."""

    template_name = "academies/attachment_requests.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            pending=list(_decidable_requests(self.request.user)),
            refuse_form=RefuseForm(),
            breadcrumb=_breadcrumb((_("Demandes de rattachement"), "")),
            **kwargs,
        )


class AttachmentRequestDecideView(LoginRequiredMixin, View):
    """POST …/demandes/<pk>/accepter/ or …/refuser/ (with a reason)."""

    decision = "approve"

    def post(self, request, pk):
        attachment_request = AttachmentRequest.objects.filter(pk=pk).first()
        if attachment_request is None:
            raise Http404
        try:
            if self.decision == "approve":
                attachment_request_approve(attachment_request=attachment_request, by=request.user)
                messages.success(request, _("Demande acceptée."))
            else:
                attachment_request_refuse(
                    attachment_request=attachment_request,
                    by=request.user,
                    reason=request.POST.get("reason", ""),
                )
                messages.success(request, _("Demande refusée ; la personne est prévenue."))
        except PermissionDenied as error:
            return TemplateResponse(
                request,
                "academies/forbidden.html",
                {"message": " ".join(getattr(error, "messages", [])) or str(error)},
                status=403,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("academies:attachment_requests")
