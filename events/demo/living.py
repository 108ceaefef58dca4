"""The demo accounts' own corner of the current edition, made through the real services.

Right after seeding, each demo account has something to do:

- the teacher (enseignant@semaine.test) finds labelled events with places ahead near the
  school, and has classes confirmed, pending on an event in approval mode, on a waiting
  list, declined and cancelled;
- the organizer (organisateur@semaine.test) has events in every status (draft, submitted,
  changes requested, published, rejected, cancelled) and a class request to answer;
- the moderator (academie.grenoble@semaine.test) has submitted events of the académie de
  Grenoble waiting in the queue.

Every write goes through `events.services` (events, sessions, every status change along the
transition table, every registration), so that this set cannot drift from the rules. The
notifications the services send after the commit are dropped by the caller
(`events.demo.demo_seed`).
"""

import datetime
import random
from dataclasses import dataclass

import holidays
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from academies.models import Company, CompanyMembership, School, SchoolMembership
from semaine.users.models import User

from .. import services
from ..models import (
    ActionType,
    Audience,
    ClassRegistration,
    Event,
    EventStatusChange,
    RegistrationStatusChange,
    Session,
    Theme,
)
from ..rules import transitions
from ..rules.booking import cancellation_deadline
from ..rules.working_days import is_working_day, working_days_between
from .accounts import (
    DEMO_ACADEMY_CODE,
    DEMO_ACADEMY_STAFF_EMAIL,
    DEMO_NEIGHBOUR_COMPANIES,
    DEMO_ORGANIZER_EMAIL,
    DEMO_TEACHER_EMAIL,
)
from .data import (
    CANCEL_REASONS,
    DECLINE_REASONS,
    GENERIC_REASON,
    SECTORS,
    SIZE_BAND_EMPLOYEES,
)
from .errors import DemoSeedError
from .histories import EVENT_INITIAL, status_path
from .texts import event_texts

Status = Event.Status
Level = ClassRegistration.Level
DAY = datetime.timedelta(days=1)
SCHOOL_AUDIENCES = ("collegiens", "lyceens")


@dataclass(frozen=True)
class LivingSession:
    day: int  # index in `living_days` (0: the first day ahead in the official week; -1: the last)
    hour: int
    minute: int
    minutes: int
    capacity: int | None


@dataclass(frozen=True)
class LivingEvent:
    key: str
    organizer: int  # 0: the demo organizer's company; 1…: its neighbours, in order
    status: str
    action: str  # slug of the main action type
    title: str  # a pattern of `texts.event_texts`
    themes: tuple[str, ...]
    sessions: tuple[LivingSession, ...]
    approval: bool = False
    classes: bool = True
    audiences: tuple[str, ...] = SCHOOL_AUDIENCES
    reason: str = ""  # of the last move, when the table requires one
    # working days between its submission and today (services record « now »): the queue
    # shows waits, one past the 4-day target, and the statistics a moderation delay
    waited: int = 2


@dataclass(frozen=True)
class LivingRegistration:
    event: str
    session: int
    by_demo_teacher: bool  # else a teacher of another collège of the académie
    level: str
    class_name: str
    students: int
    then: str = ""  # what follows: "approve", "decline" or "cancel"


S = LivingSession
LIVING_EVENTS = (
    LivingEvent(
        "visite",
        0,
        Status.PUBLISHED,
        "visite-entreprise",
        "Visite des ateliers {org_de} : fabrication, assemblage et contrôle qualité",
        ("industrie-du-futur", "mixite-des-metiers"),
        (S(0, 9, 30, 120, 30), S(1, 14, 0, 120, 30), S(-1, 9, 30, 120, 30)),
    ),
    LivingEvent(
        "electricite",
        0,
        Status.PUBLISHED,
        "atelier-demonstration",
        "Atelier électricité et automatismes",
        ("industrie-du-futur", "apprentissage-voie-professionnelle"),
        (S(2, 9, 0, 90, 24), S(4, 14, 0, 90, 24)),
    ),
    LivingEvent(
        "escape",
        0,
        Status.PUBLISHED,
        "escape-game",
        "Escape game « Panne sur la ligne 3 »",
        ("industrie-du-futur",),
        (S(1, 10, 30, 60, 20),),
    ),
    LivingEvent(
        "portes",
        0,
        Status.PUBLISHED,
        "portes-ouvertes",
        "Journée portes ouvertes chez {org}",
        ("recrutement-metiers-en-tension", "mixite-des-metiers"),
        (S(0, 14, 0, 180, 30), S(3, 9, 0, 180, 30)),
        approval=True,
    ),
    LivingEvent(
        "robotique",
        0,
        Status.SUBMITTED,
        "atelier-demonstration",
        "Démonstration de robotique collaborative chez {org}",
        ("industrie-du-futur",),
        (S(2, 14, 0, 90, 24),),
    ),
    LivingEvent(
        "job-dating",
        0,
        Status.DRAFT,
        "job-dating",
        "Job dating apprentissage chez {org}",
        ("apprentissage-voie-professionnelle", "recrutement-metiers-en-tension"),
        (S(4, 9, 0, 180, None),),
        classes=False,
        audiences=("lyceens", "apprentis"),
    ),
    LivingEvent(
        "intervention",
        0,
        Status.CHANGES_REQUESTED,
        "intervention-en-classe",
        "{Jobs} expliqués en classe",
        ("apprentissage-voie-professionnelle",),
        (S(3, 10, 0, 110, 30),),
        reason="Précisez le public visé et le nombre de places par créneau.",
    ),
    LivingEvent(
        "table-ronde",
        0,
        Status.REJECTED,
        "conference-table-ronde",
        "Table ronde : réindustrialisation et emplois de demain",
        ("recrutement-metiers-en-tension",),
        (S(2, 18, 0, 120, None),),
        classes=False,
        audiences=("parents", "grand-public"),
        reason="Doublon d'un événement déjà déclaré par la même structure.",
    ),
    LivingEvent(
        "fabrique",
        0,
        Status.CANCELLED,
        "atelier-demonstration",
        "Atelier « Fabrique ton objet » chez {org}",
        ("economie-circulaire",),
        (S(5, 14, 0, 90, 20),),
        reason="Intervenants indisponibles à la date prévue.",
    ),
    LivingEvent(
        "usine-voisine",
        1,
        Status.PUBLISHED,
        "visite-entreprise",
        "Visite de l'usine {org}",
        ("transition-ecologique", "industrie-du-futur"),
        (S(0, 9, 0, 120, 25), S(3, 14, 0, 120, 25)),
    ),
    LivingEvent(
        "prototypage",
        2,
        Status.PUBLISHED,
        "atelier-demonstration",
        "Atelier impression 3D et prototypage",
        ("industrie-du-futur",),
        (S(1, 10, 30, 90, 16), S(2, 10, 30, 90, 16)),
    ),
    LivingEvent(
        "portes-voisines",
        2,
        Status.SUBMITTED,
        "portes-ouvertes",
        "Portes ouvertes : {jobs} {city_a}",
        ("mixite-des-metiers",),
        (S(4, 9, 0, 240, 40),),
    ),
    LivingEvent(
        "savoie",
        3,
        Status.SUBMITTED,
        "portes-ouvertes",
        "Journée portes ouvertes chez {org}",
        ("recrutement-metiers-en-tension",),
        (S(1, 9, 0, 240, 40),),
        waited=6,
    ),
    LivingEvent(
        "haute-savoie",
        4,
        Status.SUBMITTED,
        "visite-entreprise",
        "Visite du site de production {org_de}",
        ("industrie-du-futur", "transition-ecologique"),
        (S(2, 13, 30, 120, 24),),
    ),
    LivingEvent(
        "drome",
        5,
        Status.SUBMITTED,
        "job-dating",
        "Job dating alternance industrie {city_a}",
        ("apprentissage-voie-professionnelle",),
        (S(3, 14, 0, 180, None),),
        classes=False,
        audiences=("lyceens", "apprentis", "demandeurs-emploi"),
        waited=0,
    ),
)
R = LivingRegistration
LIVING_REGISTRATIONS = (
    R("visite", 0, True, Level.TROISIEME, "3e A", 26),  # confirmed
    R("visite", 2, True, Level.TROISIEME, "3e C", 24, then="cancel"),  # cancelled
    R("escape", 0, False, Level.QUATRIEME, "4e A", 20),  # confirmed: the session is full
    R("escape", 0, True, Level.TROISIEME, "3e B", 18),  # waitlisted
    R("portes", 0, True, Level.TROISIEME, "3e D", 25),  # pending: for the organizer to answer
    R("portes", 1, False, Level.QUATRIEME, "4e C", 22, then="approve"),  # confirmed
    R("portes", 1, True, Level.QUATRIEME, "4e B", 22, then="decline"),  # declined
    R("electricite", 0, False, Level.TROISIEME, "3e A", 14),  # confirmed, places left
)


def living_days(*, edition, tz, now) -> list[datetime.date]:
    """The weekdays of the accepted window after today (in `tz`) that are not public
    holidays, those of the official week first."""
    first, last = edition.accepted_window()
    start = max(first, timezone.localtime(now, tz).date() + DAY)
    public_holidays = holidays.France(years=range(start.year, last.year + 1))
    days = [
        start + DAY * n
        for n in range((last - start).days + 1)
        if (start + DAY * n).weekday() < 5 and start + DAY * n not in public_holidays
    ]

    def in_week(day) -> bool:
        return bool(edition.starts_on and edition.starts_on <= day <= edition.ends_on)

    return sorted(days, key=lambda day: (not in_week(day), day))


class _People:
    """The demo accounts and their neighbours, looked up by the anchors of `accounts`."""

    def __init__(self):
        self.organizer = User.objects.get(email=DEMO_ORGANIZER_EMAIL)
        self.moderator = User.objects.get(email=DEMO_ACADEMY_STAFF_EMAIL)
        self.teacher = User.objects.get(email=DEMO_TEACHER_EMAIL)
        self.school = School.objects.get(
            members__user=self.teacher, members__role=SchoolMembership.Role.TEACHER
        )
        company = Company.objects.select_related("department__academy").get(
            members__user=self.organizer
        )
        neighbours = (
            Company.objects.filter(department__academy__code=DEMO_ACADEMY_CODE, is_active=True)
            .exclude(pk=company.pk)
            .filter(members__isnull=False)
            .select_related("department__academy")
            .distinct()
            .order_by("pk")
        )
        self.companies = [company, *neighbours[: len(DEMO_NEIGHBOUR_COMPANIES)]]
        # Each company's first organizer declares its events; the demo organizer, theirs.
        first_organizers = {}
        memberships = CompanyMembership.objects.filter(company__in=self.companies)
        for membership in memberships.select_related("user").order_by("pk"):
            first_organizers.setdefault(membership.company_id, membership.user)
        first_organizers[company.pk] = self.organizer
        self.organizers = [first_organizers[c.pk] for c in self.companies]
        # A class of another collège of the académie fills seats beside the demo teacher's.
        teachers = (
            SchoolMembership.objects.filter(
                role=SchoolMembership.Role.TEACHER,
                school__department__academy__code=DEMO_ACADEMY_CODE,
            )
            .exclude(school=self.school)
            .select_related("user", "school")
            .order_by("pk")
        )
        other = teachers.filter(school__kind="Collège").first() or teachers.first()
        self.other_teacher = other.user if other else self.teacher
        self.other_school = other.school if other else self.school


class LivingSet:
    def __init__(self, *, edition, seed: int):
        self.edition = edition
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.people = _People()
        self.events: dict[str, Event] = {}
        self.action_types = {a.slug: a for a in ActionType.objects.all()}
        self.themes = {t.slug: t for t in Theme.objects.all()}
        self.audiences = {a.slug: a for a in Audience.objects.all()}

    # ---- events ----------------------------------------------------------------------------

    def _event_create(self, spec: LivingEvent, company, organizer, days) -> Event:
        sector = next((s for s in SECTORS if s[0] == company.naf_code), None)
        title, summary, description = event_texts(
            rng=self.rng,
            kind=Event.OrganizerKind.COMPANY,
            action_slug=spec.action,
            org=company.name,
            city=company.city,
            year=self.edition.year,
            theme_slugs=spec.themes,
            sector=sector,
            employees=SIZE_BAND_EMPLOYEES.get(company.size_band),
            title=spec.title,
        )
        event = Event(
            edition=self.edition,
            title=title,
            summary=summary,
            description=description,
            organizer_kind=Event.OrganizerKind.COMPANY,
            company=company,
            created_by=organizer,
            contact_name=f"{organizer.first_name} {organizer.last_name}",
            contact_email=organizer.email,
            contact_phone="04 76 " + " ".join(f"{self.rng.randint(0, 99):02d}" for _n in "abc"),
            department=company.department,
            academy=company.department.academy,
            format=Event.Format.ONSITE,
            address=company.address,
            postcode=company.postcode,
            city=company.city,
            latitude=company.latitude,
            longitude=company.longitude,
            is_accessible=True,
            is_free=True,
            accepts_class_registrations=spec.classes,
            registration_mode=(
                Event.RegistrationMode.APPROVAL
                if spec.approval
                else Event.RegistrationMode.AUTOMATIC
            ),
        )
        # No organizer's space yet: the académie's staff enter it, declared by the organizer.
        event = services.event_save(
            event=event,
            by=self.people.moderator,
            action_types=[self.action_types[spec.action]],
            themes=[self.themes[slug] for slug in spec.themes if slug in self.themes],
            audiences=[self.audiences[slug] for slug in spec.audiences if slug in self.audiences],
        )
        tz = event.academy.tzinfo
        for slot in spec.sessions:
            day = days[max(-len(days), min(slot.day, len(days) - 1))]
            starts_at = datetime.datetime(
                day.year, day.month, day.day, slot.hour, slot.minute, tzinfo=tz
            )
            services.session_create(
                event=event,
                by=organizer,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=slot.minutes),
                capacity=slot.capacity,
            )
        return event

    def _event_move(self, event: Event, to_status: str, *, organizer, reason: str) -> Event:
        """One step of the transition table, through its service: the organizer submits and
        cancels, the moderator decides."""
        if to_status == Status.SUBMITTED:
            return services.event_submit(event=event, by=organizer)
        service = services.MODERATION_SERVICES.get(to_status)
        if service is None:
            raise DemoSeedError(f"no service moves an event to {to_status!r}")
        by = organizer if to_status == Status.CANCELLED else self.people.moderator
        return service(event=event, by=by, reason=reason)

    def build_events(self) -> None:
        people = self.people
        days_by_zone = {}
        for spec in LIVING_EVENTS:
            if spec.organizer >= len(people.companies):
                continue  # a small territory without that neighbour
            company = people.companies[spec.organizer]
            organizer = people.organizers[spec.organizer]
            tz = company.department.academy.tzinfo
            days = days_by_zone.get(str(tz))
            if days is None:
                days = days_by_zone[str(tz)] = living_days(
                    edition=self.edition, tz=tz, now=self.now
                )
            if not days:
                raise DemoSeedError(
                    _("Aucun jour ouvré à venir dans la période de l'édition %(year)s.")
                    % {"year": self.edition.year}
                )
            event = self._event_create(spec, company, organizer, days)
            path = status_path(
                table=transitions.EVENT_TRANSITIONS, start=EVENT_INITIAL, target=spec.status
            )
            for to_status in path[1:]:
                reason = ""
                if to_status in transitions.EVENT_REASON_REQUIRED:
                    reason = spec.reason or GENERIC_REASON
                event = self._event_move(event, to_status, organizer=organizer, reason=reason)
            if Status.SUBMITTED in path and spec.waited:
                event = self._submission_moved_back(event, working_days=spec.waited)
            self.events[spec.key] = event

    def _submission_moved_back(self, event: Event, *, working_days: int) -> Event:
        """The services record their « now »; a demo seeded today would show every event
        submitted and decided within the same second. Move its submission back by
        `working_days` working days of its académie, with its creation and the history
        before it; the decision keeps its time and learns the submission's — the history
        shape the builder writes for past editions."""
        tz = event.academy.tzinfo
        today = timezone.localtime(self.now, tz).date()
        day = today
        code = event.academy.code
        while working_days_between(day, today, academy_code=code) < working_days or not (
            is_working_day(day, academy_code=code)  # submitted on a working day
        ):
            day -= datetime.timedelta(days=1)
        submitted = timezone.localtime(event.submitted_at, tz)
        delta = submitted - submitted.replace(year=day.year, month=day.month, day=day.day)
        history = EventStatusChange.objects.filter(event=event)
        # rows are appended in order: the submission and what came before it move back
        submission = history.filter(to_status=Status.SUBMITTED).order_by("-pk").first()
        history.filter(from_status=Status.SUBMITTED).update(submitted_at=event.submitted_at - delta)
        history.filter(pk__lte=submission.pk).update(at=F("at") - delta)
        Event.objects.filter(pk=event.pk).update(
            submitted_at=F("submitted_at") - delta, created_at=F("created_at") - delta
        )
        event.refresh_from_db()
        return event

    # ---- registrations -------------------------------------------------------------------

    def build_registrations(self) -> None:
        people = self.people
        for spec in LIVING_REGISTRATIONS:
            event = self.events.get(spec.event)
            if event is None:
                continue
            session = list(event.sessions.order_by("starts_at", "pk"))[spec.session]
            teacher, school = (
                (people.teacher, people.school)
                if spec.by_demo_teacher
                else (people.other_teacher, people.other_school)
            )
            registration = services.registration_create(
                session=session,
                teacher=teacher,
                school=school,
                class_level=spec.level,
                class_name=spec.class_name,
                students=spec.students,
                girls=spec.students // 2,
                accompanying_adults=2,
            )
            organizer = event.created_by
            if spec.then == "approve":
                services.registration_approve(registration=registration, by=organizer)
            elif spec.then == "decline":
                services.registration_decline(
                    registration=registration, by=organizer, reason=DECLINE_REASONS[0]
                )
            elif spec.then == "cancel" and cancellation_deadline(session=session) > self.now:
                services.registration_cancel(
                    registration=registration, by=teacher, reason=CANCEL_REASONS[1]
                )

    # ---- all together ----------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        """Build the set; the rows written per model label."""
        self.build_events()
        self.build_registrations()
        events = list(self.events.values())
        registrations = ClassRegistration.objects.filter(session__event__in=events)
        return {
            "events.Event": len(events),
            "events.Session": Session.objects.filter(event__in=events).count(),
            "events.EventStatusChange": EventStatusChange.objects.filter(event__in=events).count(),
            "events.ClassRegistration": registrations.count(),
            "events.RegistrationStatusChange": RegistrationStatusChange.objects.filter(
                registration__in=registrations
            ).count(),
            **{
                through._meta.label: through.objects.filter(event__in=events).count()
                for through in (
                    Event.themes.through,
                    Event.audiences.through,
                    Event.action_types.through,
                )
            },
        }


def living_seed(*, edition, seed: int) -> dict[str, int]:
    """The demo accounts' events and registrations in `edition`, through the services."""
    return LivingSet(edition=edition, seed=seed).run()
