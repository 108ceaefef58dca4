"""The teachers' pages (/espace/inscriptions/): register a class, list and cancel."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from academies.roles import teacher_schools
from semaine.forms import form_add_service_error

from ..forms import ClassRegistrationForm
from ..models import ClassRegistration, Event
from ..rules.booking import session_registration_open, waitlist_rank
from ..rules.capacity import sessions_with_places
from ..selectors.teachers import teacher_registrations
from ..services.registrations import registration_cancel, registration_create

Status = ClassRegistration.Status

# DSFR badge variant per status (cancelled: the default grey badge).
STATUS_BADGES = {
    Status.CONFIRMED: "fr-badge--success",
    Status.PENDING: "fr-badge--info",
    Status.WAITLISTED: "fr-badge--warning",
    Status.DECLINED: "fr-badge--error",
    Status.CANCELLED: "",
}


def forbidden(request, message: str) -> TemplateResponse:
    return TemplateResponse(
        request, "events/teachers/forbidden.html", {"message": message}, status=403
    )


class TeacherRequiredMixin(LoginRequiredMixin):
    """Signed-in users who teach in a school; others get a French 403 page."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()  # redirect to the login page
        self.schools = list(teacher_schools(user=request.user))
        if not self.schools:
            return forbidden(
                request,
                _(
                    "Cet espace est réservé aux enseignants et enseignantes rattachés à un "
                    "établissement."
                ),
            )
        return super().dispatch(request, *args, **kwargs)


def teachers_breadcrumb(*pages) -> list[tuple[str, str]]:
    return [(_("Mes inscriptions"), reverse("events:registration_list")), *pages]


class RegistrationCreateView(TeacherRequiredMixin, FormView):
    form_class = ClassRegistrationForm
    template_name = "events/teachers/registration_form.html"

    def get_session(self):
        try:
            pk = int(self.request.GET.get("creneau", ""))
        except ValueError:
            raise Http404 from None
        sessions = sessions_with_places().select_related("event__academy", "event__edition")
        return get_object_or_404(sessions, pk=pk, event__status=Event.Status.PUBLISHED)

    def get(self, request, *args, **kwargs):
        self.session = self.get_session()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.session = self.get_session()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "schools": self.schools}

    def get_context_data(self, **kwargs):
        session = self.session
        event = session.event
        registration_open = session_registration_open(session=session)
        return super().get_context_data(
            session=session,
            event=event,
            time_zone_name=event.academy.time_zone,
            registration_open=registration_open,
            breadcrumb=teachers_breadcrumb((_("Inscrire une classe"), "")),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            registration = registration_create(
                session=self.session,
                teacher=self.request.user,
                school=data["school"],
                class_level=data["class_level"],
                class_name=data["class_name"],
                students=data["students"],
                girls=data["girls"],
                accompanying_adults=data["accompanying_adults"],
                needs=data["needs"],
            )
        except PermissionDenied as error:
            return forbidden(self.request, str(error) or _("Action non autorisée."))
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        except IntegrityError:  # the same class registered concurrently
            form.add_error(None, _("Cette classe est déjà inscrite sur ce créneau."))
            return self.form_invalid(form)
        messages.success(self.request, success_message(registration))
        return redirect("events:registration_list")


def success_message(registration: ClassRegistration) -> str:
    values = {"name": registration.class_name, "event": registration.session.event.title}
    if registration.status == Status.CONFIRMED:
        text = _("Inscription confirmée : la classe « %(name)s » est attendue à « %(event)s ».")
    elif registration.status == Status.PENDING:
        text = _(
            "Demande envoyée : l'organisateur de « %(event)s » doit valider l'inscription de "
            "la classe « %(name)s ». Vous recevrez un courriel."
        )
    else:
        values["rank"] = waitlist_rank(registration=registration)
        text = _(
            "Le créneau est complet : la classe « %(name)s » est sur liste d'attente, au rang "
            "%(rank)s. Les places libérées vont, dans l'ordre des demandes, à la première "
            "classe dont l'effectif tient dans les places libres ; vous recevrez un courriel "
            "dès que la vôtre est confirmée."
        )
    return text % values


class RegistrationListView(TeacherRequiredMixin, TemplateView):
    template_name = "events/teachers/registration_list.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        registrations = list(teacher_registrations(user=self.request.user))
        for registration in registrations:
            registration.badge_class = STATUS_BADGES.get(registration.status, "")
        upcoming = [r for r in registrations if r.session.starts_at > now]
        past = [r for r in registrations if r.session.starts_at <= now][::-1]
        return super().get_context_data(
            upcoming=upcoming,
            past=past,
            breadcrumb=[(_("Mes inscriptions"), "")],
            **kwargs,
        )


class RegistrationCancelView(TeacherRequiredMixin, View):
    """GET asks for confirmation, POST cancels (the service checks who may)."""

    def get_registration(self):
        registrations = ClassRegistration.objects.select_related(
            "session__event__academy", "school"
        )
        return get_object_or_404(registrations, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        registration = self.get_registration()
        if registration.teacher_id != request.user.pk:
            return forbidden(request, _("Vous ne pouvez pas annuler cette inscription."))
        if not registration.is_active:
            messages.info(request, _("Cette inscription est déjà annulée ou refusée."))
            return redirect("events:registration_list")
        context = {
            "registration": registration,
            "time_zone_name": registration.session.event.academy.time_zone,
            "breadcrumb": teachers_breadcrumb((_("Annuler une inscription"), "")),
        }
        return TemplateResponse(request, "events/teachers/registration_cancel.html", context)

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        try:
            registration_cancel(registration=registration, by=request.user)
        except PermissionDenied as error:
            return forbidden(request, str(error) or _("Action non autorisée."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("L'inscription de la classe « %(name)s » est annulée.")
                % {"name": registration.class_name},
            )
        return redirect("events:registration_list")
