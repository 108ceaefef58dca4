"""The organizers' pages under /espace/: the dashboard, declare and edit an event with its
sessions, submit it, cancel or renew it, decide on its classes, export and print them,
report attendance, download the communication kit.

Who may: members of the organizing company, the staff of the organizing school, and the
user who declared the event (academies.roles). Anybody else gets a 403 page (the space) or
a 404 (an event that is not theirs: its existence is not revealed).
"""

import csv
import io
from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from academies.roles import user_is_organizer
from semaine.abuse import form_rate_limit
from semaine.forms import form_add_service_error
from semaine.spreadsheets import cell_neutralise
from semaine.users.verification import VerifiedEmailRequiredMixin

from ..forms_organizers import (
    AttendanceForm,
    CancelEventForm,
    DecisionForm,
    EventDeclarationForm,
    SessionFormSet,
)
from ..geocoding import geocoder_get
from ..labelling import Criterion, event_labelling_criteria
from ..models import ClassRegistration, Event
from ..rules.editions import Phase, edition_current, edition_phase
from ..selectors.organizers import (
    event_renewable,
    organizer_dashboard,
    organizer_event_for,
    organizer_event_history,
    organizer_event_sessions,
    organizer_structures,
)
from ..services import event_cancel, event_submit, registration_approve, registration_decline
from ..services.attendance import session_attendance_report
from ..services.events import SessionRow, SessionRowError, event_save_with_sessions
from ..services.renewal import event_renew
from .teachers import STATUS_BADGES, forbidden

Status = Event.Status
EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED, Status.SUBMITTED, Status.PUBLISHED)
STATUS_BADGE = {
    Status.DRAFT: "fr-badge--new",
    Status.SUBMITTED: "fr-badge--info",
    Status.CHANGES_REQUESTED: "fr-badge--warning",
    Status.PUBLISHED: "fr-badge--success",
    Status.REJECTED: "fr-badge--error",
    Status.CANCELLED: "",
}


def organizers_breadcrumb(*pages) -> list[tuple[str, str]]:
    return [
        (_("Mon espace"), reverse("events:space")),
        (_("Organisateur"), reverse("events:organizer_home")),
        *pages,
    ]


class OrganizerRequiredMixin(LoginRequiredMixin):
    """Signed-in users who organize for a company or a school; others get a French 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not user_is_organizer(user=request.user):
            return forbidden(
                request,
                _(
                    "Cet espace est réservé aux organisateurs rattachés à une entreprise ou "
                    "aux personnels d'un établissement."
                ),
            )
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as error:
            return forbidden(request, str(error) or _("Action non autorisée."))


class OrganizerEventMixin(OrganizerRequiredMixin):
    """Pages about one of my events; another's is a 404."""

    def get_event(self) -> Event:
        event = organizer_event_for(user=self.request.user, pk=self.kwargs["pk"])
        if event is None:
            raise Http404
        event.badge_class = STATUS_BADGE.get(event.status, "")
        return event


def event_breadcrumb(event: Event, *pages):
    return organizers_breadcrumb(
        (event.title, reverse("events:organizer_event", args=[event.pk])), *pages
    )


def event_is_editable(event: Event) -> bool:
    return event.status in EDITABLE_STATUSES and (
        edition_phase(edition=event.edition) != Phase.OVER
    )


# --- dashboard -------------------------------------------------------------------------------


class OrganizerHomeView(OrganizerRequiredMixin, TemplateView):
    """/espace/organisateur/: my events by edition and status with their next action, the
    classes waiting for my decision, the moderators' last messages."""

    template_name = "events/organizers/home.html"

    def get_context_data(self, **kwargs):
        dashboard = organizer_dashboard(user=self.request.user)
        for event in dashboard["events"]:
            event.badge_class = STATUS_BADGE.get(event.status, "")
        return super().get_context_data(
            **dashboard,
            structures=organizer_structures(user=self.request.user),
            breadcrumb=[
                (_("Mon espace"), reverse("events:space")),
                (_("Organisateur"), ""),
            ],
            **kwargs,
        )


# --- declare and edit ------------------------------------------------------------------------


# Declarations are limited per person (FORM_RATE_LIMIT): a French 429 page beyond.
@method_decorator(form_rate_limit(scope="event-declaration"), name="post")
class EventFormView(OrganizerRequiredMixin, VerifiedEmailRequiredMixin, View):
    """Declare (no pk) or edit an event with its sessions; « Enregistrer le brouillon » or
    « Enregistrer et soumettre à la labellisation »."""

    template_name = "events/organizers/event_form.html"

    def setup_event(self):
        self.structures = organizer_structures(user=self.request.user)
        pk = self.kwargs.get("pk")
        if pk is None:
            edition = edition_current()
            if edition is None:
                raise Http404
            self.event = Event(edition=edition)
            structure = self.structures[0][2] if self.structures else None
            department = getattr(structure, "department", None)
            self.tz = department.academy.tzinfo if department else timezone.get_current_timezone()
            return None
        event = organizer_event_for(user=self.request.user, pk=pk)
        if event is None:
            raise Http404
        if not event_is_editable(event):
            messages.info(self.request, _("Cet événement ne peut plus être modifié."))
            return redirect("events:organizer_event", pk=event.pk)
        self.event = event
        self.tz = event.academy.tzinfo
        return None

    def get(self, request, *args, **kwargs):
        refused = self.setup_event()
        if refused:
            return refused
        with timezone.override(self.tz):
            form = EventDeclarationForm(instance=self.event, organizers=self.structures)
            initial = [
                {
                    "id": s.pk,
                    "starts_at": s.starts_at,
                    "ends_at": s.ends_at,
                    "capacity": s.capacity,
                }
                for s in (self.event.sessions.all() if self.event.pk else [])
            ]
            formset = SessionFormSet(prefix="sessions", initial=initial)
            return self.render(form, formset)

    def render(self, form, formset, status=200):
        event = self.event
        context = {
            "form": form,
            "formset": formset,
            "event": event,
            "creating": event.pk is None,
            "time_zone_name": str(self.tz),
            "criteria": form_criteria(event),
            "breadcrumb": (
                event_breadcrumb(event, (_("Modifier"), ""))
                if event.pk
                else organizers_breadcrumb((_("Déclarer un événement"), ""))
            ),
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, *args, **kwargs):
        refused = self.setup_event()
        if refused:
            return refused
        with timezone.override(self.tz):
            form = EventDeclarationForm(
                request.POST, instance=self.event, organizers=self.structures
            )
            formset = SessionFormSet(request.POST, prefix="sessions")
            form_ok, formset_ok = form.is_valid(), formset.is_valid()
            if not (form_ok and formset_ok):
                return self.render(form, formset)
            return self.save(form, formset)

    def session_rows(self, formset) -> list[SessionRow]:
        existing = {s.pk: s for s in self.event.sessions.all()} if self.event.pk else {}
        rows = []
        for index, session_form in enumerate(formset.forms):
            data = session_form.cleaned_data
            if not data:
                continue
            session = existing.get(data.get("id"))
            if data.get("id") and session is None:
                continue  # a stale row for a session deleted meanwhile
            rows.append(
                SessionRow(
                    index=index,
                    session=session,
                    starts_at=data.get("starts_at"),
                    ends_at=data.get("ends_at"),
                    capacity=data.get("capacity"),
                    delete=bool(data.get("DELETE")),
                )
            )
        return rows

    def save(self, form, formset):
        event = form.instance
        data = form.cleaned_data
        locate(event, form)
        relations = {name: data.get(name) or [] for name in ("action_types", "themes", "audiences")}
        try:
            event = event_save_with_sessions(
                event=event,
                by=self.request.user,
                sessions=self.session_rows(formset),
                expected_version=data.get("version"),
                **relations,
            )
        except SessionRowError as error:
            row = formset.forms[error.index]
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    target = field if field in row.fields else None
                    row.add_error(target, ValidationError(errors).messages)
            else:
                row.add_error(None, error.messages)
            self.event.pk = self.kwargs.get("pk")  # nothing was written
            return self.render(form, formset)
        except ValidationError as error:  # a stale version, no session left, a model rule
            form_add_service_error(form, error)
            self.event.pk = self.kwargs.get("pk")
            return self.render(form, formset)
        if self.request.POST.get("action") == "submit":
            return submit_and_redirect(self.request, event)
        messages.success(self.request, _("L'événement est enregistré."))
        return redirect("events:organizer_event", pk=event.pk)


class _NoRows:
    """Stands for the empty relations of an event not saved yet."""

    def all(self):
        return []

    def exists(self):
        return False


def form_criteria(event: Event) -> list[Criterion]:
    """The labelling checklist the form shows (and its script updates as the organizer
    types): the labelling criteria, then the required fields."""
    if event.pk:
        criteria = event_labelling_criteria(event=event)
    else:
        unsaved = SimpleNamespace(
            sessions=_NoRows(),
            audiences=_NoRows(),
            themes=_NoRows(),
            action_types=_NoRows(),
            is_free=event.is_free,
            edition=event.edition,
            academy=None,
        )
        criteria = event_labelling_criteria(event=unsaved)
    return [
        *criteria,
        Criterion(
            "required",
            _("Champs obligatoires remplis (titre, résumé, description, lieu ou lien)"),
            bool(event.pk),
        ),
    ]


def locate(event: Event, form) -> None:
    """Coordinates from the address, unless the organizer placed the pin themselves."""
    moved_by_hand = {"latitude", "longitude"} & set(form.changed_data)
    place_changed = {"address", "postcode", "city", "format"} & set(form.changed_data)
    if moved_by_hand or event.format == Event.Format.ONLINE:
        return
    if event.latitude is not None and event.longitude is not None and not place_changed:
        return
    point = geocoder_get().geocode(address=event.address, postcode=event.postcode, city=event.city)
    if point is not None:
        event.latitude, event.longitude = point.latitude, point.longitude
        if point.city_code:
            event.city_code = point.city_code


def submit_and_redirect(request, event: Event):
    """Submit; the missing criteria are listed instead, and a second submission is harmless."""
    if event.status == Status.SUBMITTED:
        messages.info(request, _("L'événement est déjà soumis à la labellisation."))
        return redirect("events:organizer_event", pk=event.pk)
    try:
        event_submit(event=event, by=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("L'événement n'est pas soumis : %(missing)s") % {"missing": " ".join(error.messages)},
        )
        return redirect("events:organizer_event", pk=event.pk)
    messages.success(
        request,
        _(
            "L'événement est soumis à la labellisation : les services académiques vont "
            "l'examiner ; vous recevrez un courriel."
        ),
    )
    return redirect("events:organizer_event", pk=event.pk)


# --- one event -------------------------------------------------------------------------------


class EventManageView(OrganizerEventMixin, TemplateView):
    """/espace/evenements/<pk>/: status, the moderator's message, the labelling checklist,
    the sessions with their places, what can be done next."""

    template_name = "events/organizers/event_manage.html"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        sessions = organizer_event_sessions(event=event)
        now = timezone.now()
        criteria = event_labelling_criteria(event=event)
        deadline = event.edition.labelling_deadline
        return super().get_context_data(
            event=event,
            sessions=sessions,
            criteria=criteria,
            criteria_met=all(c.met for c in criteria),
            labelling_deadline=deadline,
            deadline_passed=bool(deadline and deadline < timezone.localdate()),
            editable=event_is_editable(event),
            can_submit=event.status in (Status.DRAFT, Status.CHANGES_REQUESTED),
            can_cancel=event.status == Status.PUBLISHED and any(s.ends_at > now for s in sessions),
            attendance_due=event.status == Status.PUBLISHED
            and any(s.starts_at <= now and not s.attendance_reported_at for s in sessions),
            history=organizer_event_history(event=event),
            renewable=event_renewable(event=event, current=edition_current()),
            time_zone_name=event.academy.time_zone,
            breadcrumb=organizers_breadcrumb((event.title, "")),
            **kwargs,
        )


class EventSubmitView(OrganizerEventMixin, View):
    def post(self, request, pk):
        return submit_and_redirect(request, self.get_event())


class EventCancelView(OrganizerEventMixin, View):
    template_name = "events/organizers/event_cancel.html"

    def context(self, event, form):
        return {
            "event": event,
            "form": form,
            "active_classes": ClassRegistration.objects.filter(
                session__event=event, status__in=ClassRegistration.ACTIVE_STATUSES
            ).count(),
            "breadcrumb": event_breadcrumb(event, (_("Annuler"), "")),
        }

    def get(self, request, pk):
        event = self.get_event()
        if event.status != Status.PUBLISHED:
            messages.info(request, _("Seul un événement labellisé peut être annulé."))
            return redirect("events:organizer_event", pk=event.pk)
        return TemplateResponse(request, self.template_name, self.context(event, CancelEventForm()))

    def post(self, request, pk):
        event = self.get_event()
        form = CancelEventForm(request.POST)
        if form.is_valid():
            try:
                event_cancel(event=event, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "L'événement est annulé ; les enseignants des classes inscrites sont "
                        "prévenus."
                    ),
                )
                return redirect("events:organizer_event", pk=event.pk)
        return TemplateResponse(request, self.template_name, self.context(event, form))


class EventRenewView(OrganizerEventMixin, View):
    def post(self, request, pk):
        event = self.get_event()
        try:
            copy = event_renew(event=event, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("events:organizer_event", pk=event.pk)
        messages.success(
            request,
            _(
                "L'événement est reconduit dans l'édition %(year)s, en brouillon : vérifiez "
                "ses créneaux et ses informations avant de le soumettre."
            )
            % {"year": copy.edition.year},
        )
        return redirect("events:organizer_event_update", pk=copy.pk)


# --- registrations -----------------------------------------------------------------------------


class RegistrationsView(OrganizerEventMixin, TemplateView):
    """/espace/evenements/<pk>/inscriptions/: the classes of each session, totals, places
    left; approve or decline the pending ones."""

    template_name = "events/organizers/registrations.html"

    def get_context_data(self, **kwargs):
        event = kwargs.pop("event", None) or self.get_event()
        sessions = organizer_event_sessions(event=event)
        for session in sessions:
            for registration in session.classes:
                registration.badge_class = STATUS_BADGES.get(registration.status, "")
        return super().get_context_data(
            event=event,
            sessions=sessions,
            decision_form=DecisionForm(),
            time_zone_name=event.academy.time_zone,
            breadcrumb=event_breadcrumb(event, (_("Inscriptions"), "")),
            **kwargs,
        )

    def post(self, request, pk):
        """Approve or decline one class (`registration` in the form)."""
        event = self.get_event()
        registration = (
            ClassRegistration.objects.filter(
                session__event=event, pk=request.POST.get("registration")
            )
            .select_related("session")
            .first()
            if (request.POST.get("registration") or "").isdigit()
            else None
        )
        form = DecisionForm(request.POST)
        if registration is None or not form.is_valid():
            messages.error(request, _("Choisissez une classe et une décision."))
            return redirect("events:organizer_registrations", pk=event.pk)
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == "approve":
                registration = registration_approve(registration=registration, by=request.user)
                text = (
                    _("La classe « %(name)s » est confirmée ; l'enseignant est prévenu.")
                    if registration.status == ClassRegistration.Status.CONFIRMED
                    else _(
                        "Plus assez de places : la classe « %(name)s » passe sur liste "
                        "d'attente ; l'enseignant est prévenu."
                    )
                )
            else:
                registration = registration_decline(
                    registration=registration, by=request.user, reason=reason
                )
                text = _(
                    "La demande de la classe « %(name)s » est refusée ; l'enseignant est prévenu."
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, text % {"name": registration.class_name})
        return redirect("events:organizer_registrations", pk=event.pk)


CSV_HEADERS = (
    "créneau (début)",
    "créneau (fin)",
    "établissement",
    "UAI",
    "commune",
    "enseignant",
    "courriel",
    "niveau",
    "classe",
    "élèves",
    "dont filles",
    "adultes",
    "besoins particuliers",
    "statut",
    "rang en liste d'attente",
    "demandée le",
)


class RegistrationsCsvView(OrganizerEventMixin, View):
    """The classes of every session, one per line (CSV, `;`, UTF-8 with BOM)."""

    def get(self, request, pk):
        event = self.get_event()
        tz = event.academy.tzinfo
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(CSV_HEADERS)
        for session in organizer_event_sessions(event=event):
            for r in session.classes:
                row = [
                    f"{timezone.localtime(session.starts_at, tz):%Y-%m-%d %H:%M}",
                    f"{timezone.localtime(session.ends_at, tz):%Y-%m-%d %H:%M}",
                    r.school.name,
                    r.school.uai,
                    r.school.city,
                    r.teacher.get_full_name() or r.teacher.email,
                    r.teacher.email,
                    r.get_class_level_display(),
                    r.class_name,
                    r.students,
                    "" if r.girls is None else r.girls,
                    r.accompanying_adults,
                    r.needs,
                    r.get_status_display(),
                    r.waitlist_rank or "",
                    f"{timezone.localtime(r.created_at, tz):%Y-%m-%d %H:%M}",
                ]
                writer.writerow([cell_neutralise(value) for value in row])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="inscriptions-{event.pk}.csv"'
        return response


class RegistrationsPrintView(OrganizerEventMixin, TemplateView):
    """A printable list for the day: the confirmed classes of each session."""

    template_name = "events/organizers/registrations_print.html"

    def get_context_data(self, **kwargs):
        event = self.get_event()
        sessions = organizer_event_sessions(event=event)
        for session in sessions:
            session.confirmed = [
                r for r in session.classes if r.status == ClassRegistration.Status.CONFIRMED
            ]
        return super().get_context_data(
            event=event, sessions=sessions, time_zone_name=event.academy.time_zone, **kwargs
        )


# --- attendance ------------------------------------------------------------------------------


class AttendanceView(OrganizerEventMixin, View):
    """/espace/evenements/<pk>/presence/: participants of each past session."""

    template_name = "events/organizers/attendance.html"

    def forms(self, event, data=None):
        now = timezone.now()
        past = [s for s in event.sessions.order_by("starts_at") if s.starts_at <= now]
        return [
            (
                session,
                AttendanceForm(
                    data,
                    prefix=f"s{session.pk}",
                    initial={
                        "participants": session.participants,
                        "girls": session.participants_girls,
                        "boys": session.participants_boys,
                    },
                ),
            )
            for session in past
        ]

    def respond(self, event, forms, status=200):
        context = {
            "event": event,
            "forms": forms,
            "time_zone_name": event.academy.time_zone,
            "breadcrumb": event_breadcrumb(event, (_("Présence"), "")),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        event = self.get_event()
        return self.respond(event, self.forms(event))

    def post(self, request, pk):
        event = self.get_event()
        forms = self.forms(event, request.POST)
        if not forms:
            return self.respond(event, forms)
        if not all(form.is_valid() for _session, form in forms):
            return self.respond(event, forms)
        try:
            with transaction.atomic():
                for session, form in forms:
                    session_attendance_report(
                        session=session,
                        by=request.user,
                        participants=form.cleaned_data["participants"],
                        girls=form.cleaned_data["girls"],
                        boys=form.cleaned_data["boys"],
                    )
        except ValidationError as error:
            forms[0][1].add_error(None, error.messages)
            return self.respond(event, forms)
        messages.success(request, _("La présence est enregistrée. Merci !"))
        return redirect("events:organizer_event", pk=event.pk)


# --- communication kit -------------------------------------------------------------------------


class PosterView(OrganizerEventMixin, View):
    """The A4 poster (PDF) of a labelled event: title, dates, place, QR code to its page."""

    def get(self, request, pk):
        from django.conf import settings

        from ..posters import event_poster_pdf

        event = self.get_event()
        if event.status != Status.PUBLISHED:
            raise Http404
        url = settings.SITE_URL + event.get_absolute_url()
        pdf = event_poster_pdf(event=event, url=url)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="affiche-{event.pk}.pdf"'
        return response
