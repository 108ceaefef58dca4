"""The teachers' pages under /espace/: their home (next classes, events near the school),
register a class, follow, change and cancel it, give a promoted place back."""

from urllib.parse import urlencode

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
from semaine.abuse import FormRateLimitMixin
from semaine.forms import form_add_service_error
from semaine.users.verification import VerifiedEmailRequiredMixin

from ..filters import public_event_filter
from ..forms import ClassRegistrationChangeForm, ClassRegistrationForm
from ..models import Audience, ClassRegistration, Event
from ..rules.booking import session_registration_open, waitlist_rank, waitlist_rank_expression
from ..rules.capacity import sessions_with_places
from ..selectors.public import event_cancellation_reason, events_mark_places
from ..selectors.teachers import (
    NEARBY_COUNT,
    NEARBY_RADIUS_KM,
    registration_actions,
    registration_outcome,
    teacher_nearby_query,
    teacher_registrations,
    teacher_usual_audience,
)
from ..services.registrations import (
    registration_cancel,
    registration_create,
    registration_from_release_token,
    registration_release,
    registration_update,
)

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
    return [(_("Mon espace"), reverse("events:teacher_home")), *pages]


class TeacherHomeView(TeacherRequiredMixin, TemplateView):
    """/espace/enseignant/: my next classes, and the events open to classes near my school."""

    template_name = "events/teachers/home.html"

    def get_context_data(self, **kwargs):
        schools = self.schools
        school = next((s for s in schools if s.uai == self.request.GET.get("ecole")), schools[0])
        radius = _int_or(self.request.GET.get("rayon"), NEARBY_RADIUS_KM)
        audience = self.request.GET.get("public") or teacher_usual_audience(
            user=self.request.user, school=school
        )
        query = teacher_nearby_query(school=school, audience=audience, radius_km=radius)
        filterset = public_event_filter(data=query)
        nearby = events_mark_places(filterset.qs[:NEARBY_COUNT])
        now = timezone.now()
        upcoming = [
            r for r in teacher_registrations(user=self.request.user) if r.session.starts_at > now
        ]
        for registration in upcoming:
            registration.badge_class = STATUS_BADGES.get(registration.status, "")
        return super().get_context_data(
            schools=schools,
            school=school,
            radius=filterset.radius_km,
            audience=audience,
            audiences=Audience.objects.filter(is_school_audience=True),
            nearby=nearby,
            nearby_place=filterset.place,
            nearby_url=reverse("events:list") + "?" + urlencode(query),
            upcoming=upcoming[:5],
            more_upcoming=len(upcoming) > 5,
            breadcrumb=[(_("Mon espace"), "")],
            **kwargs,
        )


def _int_or(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class RegistrationCreateView(
    TeacherRequiredMixin, VerifiedEmailRequiredMixin, FormRateLimitMixin, FormView
):
    rate_limit_scope = "class-registration"
    form_class = ClassRegistrationForm
    template_name = "events/teachers/registration_form.html"

    def get_session(self):
        try:
            pk = int(self.request.GET.get("creneau", ""))
        except ValueError:
            raise Http404 from None
        sessions = sessions_with_places(with_waitlist=True).select_related(
            "event__academy", "event__edition"
        )
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
            outcome=registration_outcome(session=session),
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
            "Pas assez de places restantes pour la classe « %(name)s » : elle est sur liste "
            "d'attente, au rang %(rank)s. Les places libérées vont, dans l'ordre des demandes, "
            "à la première classe dont l'effectif tient dans les places libres ; vous recevrez "
            "un courriel dès que la vôtre est confirmée."
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
            breadcrumb=teachers_breadcrumb((_("Mes inscriptions"), "")),
            **kwargs,
        )


class OwnRegistrationMixin(TeacherRequiredMixin):
    """Pages about one of my registrations, whatever its event became (cancelled,
    unpublished): a registration is never a dead link."""

    def get_registration(self) -> ClassRegistration:
        registrations = ClassRegistration.objects.select_related(
            "session__event__academy", "session__event__company", "session__event__school", "school"
        ).annotate(waitlist_rank=waitlist_rank_expression())
        registration = get_object_or_404(registrations, pk=self.kwargs["pk"])
        if registration.teacher_id != self.request.user.pk:
            raise PermissionDenied(_("Cette inscription n'est pas la vôtre."))
        registration.badge_class = STATUS_BADGES.get(registration.status, "")
        return registration

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            return forbidden(request, str(error))


class RegistrationDetailView(OwnRegistrationMixin, TemplateView):
    """/espace/inscriptions/<pk>/: where my class stands, what I can still do."""

    template_name = "events/teachers/registration_detail.html"

    def get_context_data(self, **kwargs):
        registration = self.get_registration()
        return super().get_context_data(
            registration=registration,
            **registration_actions(registration=registration),
            cancellation_reason=event_cancellation_reason(event=registration.session.event),
            time_zone_name=registration.session.event.academy.time_zone,
            breadcrumb=teachers_breadcrumb(
                (_("Mes inscriptions"), reverse("events:registration_list")),
                (registration.class_name, ""),
            ),
            **kwargs,
        )


class RegistrationUpdateView(OwnRegistrationMixin, FormRateLimitMixin, FormView):
    rate_limit_scope = "class-registration-change"
    """/espace/inscriptions/<pk>/modifier/: head count, class, adults, needs."""

    form_class = ClassRegistrationChangeForm
    template_name = "events/teachers/registration_update.html"

    def get_form_kwargs(self):
        self.registration = self.get_registration()
        return {**super().get_form_kwargs(), "registration": self.registration}

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if not registration_actions(registration=self.registration)["can_change"]:
            messages.info(request, _("Cette inscription ne peut plus être modifiée en ligne."))
            return redirect("events:registration_detail", pk=self.registration.pk)
        return response

    def get_context_data(self, **kwargs):
        registration = self.registration
        return super().get_context_data(
            registration=registration,
            time_zone_name=registration.session.event.academy.time_zone,
            breadcrumb=teachers_breadcrumb(
                (_("Mes inscriptions"), reverse("events:registration_list")),
                (
                    registration.class_name,
                    reverse("events:registration_detail", args=[registration.pk]),
                ),
                (_("Modifier"), ""),
            ),
            **kwargs,
        )

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            registration_update(registration=self.registration, by=self.request.user, **changes)
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        except IntegrityError:  # the same class renamed concurrently
            form.add_error("class_name", _("Cette classe est déjà inscrite sur ce créneau."))
            return self.form_invalid(form)
        messages.success(self.request, _("L'inscription est modifiée ; vous recevez un courriel."))
        return redirect("events:registration_detail", pk=self.registration.pk)


class RegistrationCancelView(OwnRegistrationMixin, View):
    """GET asks for confirmation, POST cancels (the service checks who may, and until when)."""

    def get(self, request, *args, **kwargs):
        registration = self.get_registration()
        actions = registration_actions(registration=registration)
        if not actions["can_cancel"]:
            if registration.is_active:
                messages.info(
                    request,
                    _(
                        "Le délai d'annulation en ligne est passé : prévenez directement "
                        "l'organisateur."
                    ),
                )
            else:
                messages.info(request, _("Cette inscription est déjà annulée ou refusée."))
            return redirect("events:registration_detail", pk=registration.pk)
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
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("events:registration_detail", pk=registration.pk)
        messages.success(
            request,
            _("L'inscription de la classe « %(name)s » est annulée.")
            % {"name": registration.class_name},
        )
        return redirect("events:registration_list")


class RegistrationReleaseView(View):
    """/espace/inscriptions/liberer/<token>/: the one-click link of a promoted class's
    e-mail. No sign-in needed (the link is signed); GET confirms, POST gives the place back."""

    def get(self, request, token):
        try:
            registration = registration_from_release_token(token=token)
        except ValidationError as error:
            return forbidden(request, " ".join(error.messages))
        context = {
            "registration": registration,
            "token": token,
            **registration_actions(registration=registration),
            "time_zone_name": registration.session.event.academy.time_zone,
        }
        return TemplateResponse(request, "events/teachers/registration_release.html", context)

    def post(self, request, token):
        try:
            registration = registration_release(token=token)
        except ValidationError as error:
            return forbidden(request, " ".join(error.messages))
        except PermissionDenied as error:
            return forbidden(request, str(error))
        return TemplateResponse(
            request,
            "events/teachers/registration_release.html",
            {"registration": registration, "released": True},
        )
