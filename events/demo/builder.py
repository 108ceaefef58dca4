"""The bulk volume of the demo: realistic rows generated in memory and written in bulk.

`DemoBuilder(events=N, seed=S, current_edition=E).run()` creates, in proportion to N: the
territory's schools, companies and people (`participants`), events over every edition that
has dates (E weighing the most), their sessions, themes, audiences and action types, class
registrations and the status histories of events and registrations. The same seed gives the
same data.

Rows are written by `loader.RowWriter` (COPY on PostgreSQL, `bulk_create` elsewhere), which
skips `full_clean()` and `save()`: every model constraint is respected by construction
(organizer consistency, sessions inside the edition's accepted window in the académie's local
time, girls within students, one active registration per class and session, UAI check letter
and département, SIRET Luhn keys), and the rules are asked rather than restated: every status
history follows the transition tables of `events.rules.transitions` and confirmed students
never exceed a session's capacity (`events.rules.capacity`), see `histories`.
"""

import datetime
import gc
import random
from bisect import bisect_left
from collections import defaultdict
from contextlib import nullcontext

import holidays
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from faker import Faker

from academies.models import (
    Academy,
    AcademyStaff,
    Company,
    CompanyMembership,
    Department,
    Partnership,
    School,
    SchoolMembership,
)
from semaine.users.models import User

from ..models import (
    ActionType,
    Audience,
    ClassRegistration,
    Edition,
    Event,
    EventStatusChange,
    RegistrationStatusChange,
    Session,
    Theme,
)
from ..rules.transitions import EVENT_REASON_REQUIRED, REGISTRATION_REASON_REQUIRED
from .data import (
    ACTION_WEIGHTS,
    AUDIENCE_WEIGHTS,
    BTS_TRACKS,
    CAP_TRACKS,
    CAPACITIES,
    CLASS_LEVELS,
    CLASS_PREFIX,
    COVID_CANCELLATIONS,
    COVID_REASON,
    CURRENT_STATUSES,
    DEFAULT_SLOTS,
    DEPARTMENT_PLACES,
    EVENT_REASONS,
    GENERIC_REASON,
    GIRL_SHARE,
    LYCEE_TRACKS,
    ONE_TO_THREE_CUM,
    OTHER_ORGANIZERS,
    OVERSEAS_PHONE_PREFIX,
    PAST_STATUSES,
    PRO_TRACKS,
    REGISTRATION_NEEDS,
    REGISTRATION_REASONS,
    REQUEST_COUNT_CUM,
    SCHOOL_AUDIENCE_GROUPS,
    SCHOOL_KINDS,
    SECTORS,
    SESSION_COUNT_CUM,
    SESSION_NOTES,
    SIZE_BAND_EMPLOYEES,
    SIZE_BANDS,
    SLOTS,
    THEME_WEIGHTS,
    Level,
    Status,
)
from .errors import DemoSeedError
from .histories import SessionSeats, event_steps
from .loader import RowWriter, postgres_bulk_load, progress_bar
from .participants import ParticipantsMixin, Place, cum
from .texts import ACCESSIBILITY_DETAILS, de, event_texts

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
# Who moves an event to a status: the organizer submits, moderators decide, either cancels.
ORGANIZER_MOVES = frozenset({Status.SUBMITTED})
SHARED_MOVES = frozenset({Status.CANCELLED})
# Chance of a detour (a round of changes requested) in an event's history.
DETOUR_CHANCE = 0.18
# Past events of the demo organizer's company (its history in the organizer's space).
DEMO_COMPANY_PAST_EVENTS = 6


def _reason(pools: dict, required: frozenset, status: str, rng) -> str:
    """A reason for a move to `status`: drawn from its pool, never empty when required."""
    pool = pools.get(status)
    reason = rng.choice(pool) if pool else ""
    if not reason and status in required:
        reason = GENERIC_REASON
    return reason


# Every table the builder writes to.
LOADED_MODELS = (
    User,
    School,
    Company,
    AcademyStaff,
    SchoolMembership,
    CompanyMembership,
    Partnership,
    Event,
    Event.themes.through,
    Event.audiences.through,
    Event.action_types.through,
    Session,
    EventStatusChange,
    ClassRegistration,
    RegistrationStatusChange,
)


class DemoBuilder(ParticipantsMixin):
    """Generates every row in memory as plain dicts, written in foreign-key order.

    Rows keep a few helper keys (starting with "_") that the writer ignores.
    """

    def __init__(self, *, events: int, seed: int, current_edition, progress: bool = False):
        self.n_events = events
        self.current_edition = current_edition
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.now = timezone.now()
        self.progress = progress
        self.writer = RowWriter(progress=progress)
        self.email_serial = 0

    def _pick(self, items, cum_weights):
        return items[bisect_left(cum_weights, self.rng.random() * cum_weights[-1])]

    def _pick_distinct(self, items, cum_weights, k: int) -> list:
        """k distinct items drawn with weights (k much smaller than the number of items)."""
        chosen = []
        while len(chosen) < k:
            item = self._pick(items, cum_weights)
            if item not in chosen:
                chosen.append(item)
        return chosen

    def _between(self, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
        span = (end - start).total_seconds()
        if span <= 0:
            return start
        return start + datetime.timedelta(seconds=int(self.rng.random() * span))

    # ---- reference data ---------------------------------------------------------------------

    def load_reference(self) -> None:
        self.academies = {a.pk: a for a in Academy.objects.order_by("code")}
        self.departments = [
            d for d in Department.objects.order_by("code") if d.code in DEPARTMENT_PLACES
        ]
        self.department_by_code = {d.code: d for d in self.departments}
        self.places_by_department = {}
        for department in self.departments:
            cities = DEPARTMENT_PLACES[department.code][2]
            self.places_by_department[department.pk] = [Place(department, *city) for city in cities]
        self.department_cum = cum(DEPARTMENT_PLACES[d.code][0] for d in self.departments)
        self.academy_departments = defaultdict(list)
        for department in self.departments:
            self.academy_departments[department.academy_id].append(department)
        self.tz_by_academy = {pk: a.tzinfo for pk, a in self.academies.items()}

        editions = [e for e in Edition.objects.order_by("year") if e.accepted_window()]
        current = next((e for e in editions if e.pk == self.current_edition.pk), None)
        if current is None:
            raise DemoSeedError(
                _("L'édition en cours n'a pas de dates : impossible de dater les créneaux.")
            )
        self.editions = editions
        self.current_edition = current
        # Growing participation over the years; the current edition weighs the most.
        growth = [0.0 if e.pk == current.pk else float(rank) for rank, e in enumerate(editions, 1)]
        others = sum(growth) or 1.0
        current_share = 0.38 if len(editions) > 1 else 1.0
        weights = [
            current_share if e.pk == current.pk else (1 - current_share) * w / others
            for e, w in zip(editions, growth, strict=True)
        ]
        self.edition_cum = cum(weights)
        self.edition_days = {}
        for edition in editions:
            first, last = edition.accepted_window()
            week = (edition.starts_on or first, edition.ends_on or last)
            self.edition_days[edition.pk] = [
                (day, week[0] <= day <= week[1])
                for day in (
                    first + datetime.timedelta(days=n) for n in range((last - first).days + 1)
                )
            ]
        self.day_weights_cache = {}
        years = range(editions[0].year - 1, editions[-1].year + 2)
        self.public_holidays = {
            None: holidays.France(years=years),
            **{code: holidays.France(subdiv=code, years=years) for code in OVERSEAS_PHONE_PREFIX},
        }

        self.themes = list(Theme.objects.filter(is_active=True).order_by("position", "pk"))
        self.theme_cum = cum(THEME_WEIGHTS.get(t.slug, 2) for t in self.themes)
        self.audiences = list(Audience.objects.filter(is_active=True).order_by("position", "pk"))
        self.audience_cum = cum(AUDIENCE_WEIGHTS.get(a.slug, 3) for a in self.audiences)
        self.action_types = list(
            ActionType.objects.filter(is_active=True).order_by("position", "pk")
        )
        if not (self.themes and self.audiences and self.action_types and self.departments):
            raise DemoSeedError(
                _(
                    "Données de référence manquantes (départements, thématiques, publics, types "
                    "d'action) : lancez d'abord « manage.py migrate »."
                )
            )
        action_by_slug = {a.slug: a for a in self.action_types}
        self.action_choices = {}
        for kind, table in ACTION_WEIGHTS.items():
            items = [action_by_slug[s] for s in table if s in action_by_slug]
            weights = [table[a.slug] for a in items]
            if not items:
                items, weights = self.action_types, [1] * len(self.action_types)
            self.action_choices[kind] = (items, cum(weights))
        self.enseignants = next((a for a in self.audiences if a.slug == "enseignants"), None)
        self.grand_public = next((a for a in self.audiences if a.slug == "grand-public"), None)

    # ---- pools and small helpers ------------------------------------------------------------

    def build_pools(self) -> None:
        fake = self.fake
        self.female_names = [fake.first_name_female() for _n in range(250)]
        self.male_names = [fake.first_name_male() for _n in range(250)]
        self.last_names = [fake.last_name() for _n in range(600)]
        self.street_names = [fake.street_name() for _n in range(400)]
        self.slug_cache: dict[str, str] = {}
        self.sector_cum = cum(s[1] for s in SECTORS)
        self.size_cum = cum(s[1] for s in SIZE_BANDS)
        self.kind_cum = cum(k[1] for k in SCHOOL_KINDS)

    # ---- events -----------------------------------------------------------------------------

    def _organizer(self, index: int):
        """(kind, company, school, organizer name, creator, place, display name)."""
        rng = self.rng
        if index < self.n_demo_past:
            kind = Event.OrganizerKind.COMPANY
            company = self.demo_company
        else:
            roll = rng.random()
            kind = (
                Event.OrganizerKind.COMPANY
                if roll < 0.8
                else Event.OrganizerKind.SCHOOL
                if roll < 0.94
                else Event.OrganizerKind.OTHER
            )
            company = self._pick(self.companies, self.company_cum) if kind == "company" else None
        if company is not None:
            place = Place(
                company["_department"],
                company["city"],
                company["postcode"],
                company["latitude"],
                company["longitude"],
            )
            creator = rng.choice(self.organizers_by_company[id(company)])
            return kind, company, None, "", creator, place, company["_short"]
        if kind == Event.OrganizerKind.SCHOOL:
            school = rng.choice(self.schools)
            place = Place(
                school["_department"],
                school["city"],
                school["postcode"],
                school["latitude"],
                school["longitude"],
            )
            members = self.staff_by_school[id(school)] or self.teachers_by_school[id(school)]
            return kind, None, school, "", rng.choice(members), place, school["name"]
        department = self._pick(self.departments, self.department_cum)
        commune = self._place(department)
        latitude, longitude = self._jitter(commune, 0.03)
        place = Place(department, commune.city, commune.postcode, latitude, longitude)
        name = rng.choice(OTHER_ORGANIZERS).format(
            dept=department.name, city=commune.city, city_de=de(commune.city)
        )
        return kind, None, None, name, rng.choice(self.other_organizers), place, name

    def _status(self, sessions) -> str:
        """Events still ahead are in every status; those over were decided long ago."""
        table = CURRENT_STATUSES if sessions[-1][0] > self.now else PAST_STATUSES
        return self._pick(*table)

    def _days(self, edition, for_classes: bool, weekend_ok: bool, zone):
        """The days of the accepted window and their cumulated weights (cached): weekdays
        for classes, more in the official week, public holidays (of `zone`) left out."""
        key = (edition.pk, for_classes, weekend_ok, zone)
        cached = self.day_weights_cache.get(key)
        if cached is None:
            days = self.edition_days[edition.pk]
            public_holidays = self.public_holidays[zone]
            weights = []
            for day, in_week in days:
                if day.weekday() == 6 or day in public_holidays:
                    weight = 0.1 if weekend_ok else 0.0
                elif day.weekday() == 5:
                    weight = 2.0 if weekend_ok else (0.0 if for_classes else 0.2)
                else:
                    weight = 1.0
                weights.append(weight * (4.0 if in_week else 1.0))
            if not any(weights):
                weights = [1.0] * len(days)
            cached = self.day_weights_cache[key] = ([d for d, _w in days], cum(weights))
        return cached

    def _sessions(self, edition, tz, action_slug: str, for_classes: bool, weekend_ok: bool, zone):
        """1–4 (start, end) pairs at local hours, every day inside the accepted window."""
        rng = self.rng
        count = self._pick((1, 2, 3, 4), SESSION_COUNT_CUM)
        days, day_cum = self._days(edition, for_classes, weekend_ok, zone)
        slots = SLOTS.get(action_slug, DEFAULT_SLOTS)
        chosen = set()
        for _n in range(count * 4):
            chosen.add((self._pick(days, day_cum), rng.choice(slots)))
            if len(chosen) == count:
                break
        sessions = []
        for day, (hour, minute, minutes) in sorted(chosen):
            start = datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
            sessions.append((start, start + datetime.timedelta(minutes=minutes)))
        return sessions

    def _actor(self, to_status: str, creator: dict, moderators: list) -> dict:
        if to_status in ORGANIZER_MOVES or (to_status in SHARED_MOVES and self.rng.random() < 0.6):
            return creator
        return self.rng.choice(moderators)

    def _timeline(self, status: str, first_start, creator, moderators, covid_cancel):
        """created_at and the transitions (at, from, to, by, reason) that lead to `status`,
        along the transition table (`histories.event_steps`)."""
        rng = self.rng
        steps = event_steps(target=status, rng=rng, detour_chance=DETOUR_CHANCE)
        covid_step = steps.pop() if covid_cancel else None  # the lockdown's cancellation
        # Everything happens before the first session, and never after now.
        end = min(first_start - 18 * HOUR, self.now - HOUR)
        if covid_cancel:
            end = min(end, covid_cancel - DAY)
        end -= datetime.timedelta(hours=rng.uniform(0, 72))
        span = datetime.timedelta(days=rng.uniform(12, 80))
        created = end - span
        gaps = [rng.uniform(0.2, 1.0) for _step in steps]
        total = sum(gaps) + rng.uniform(0.1, 0.6)
        moves, elapsed = [], 0.0
        for gap, (from_status, to_status) in zip(gaps, steps, strict=True):
            elapsed += gap
            at = created + span * (elapsed / total)
            by = self._actor(to_status, creator, moderators)
            reason = _reason(EVENT_REASONS, EVENT_REASON_REQUIRED, to_status, rng)
            moves.append((at, from_status, to_status, by, reason))
        if covid_step:
            at = covid_cancel + datetime.timedelta(minutes=rng.randint(0, 4 * 24 * 60))
            moves.append((at, *covid_step, rng.choice(self.national_staff), COVID_REASON))
        return created, moves

    def build_events(self) -> None:
        rng = self.rng
        n = self.n_events
        past_editions = [e for e in self.editions if e.pk != self.current_edition.pk]
        self.n_demo_past = (
            min(DEMO_COMPANY_PAST_EVENTS, n // 25) if self.demo_company and past_editions else 0
        )
        events, self.event_plans = [], []
        n_themes, n_audiences = len(self.themes), len(self.audiences)
        title_slugs = {}
        indexes = range(n)
        bar = progress_bar(n, _("préparation des événements"), enabled=self.progress)
        for index in indexes:
            if bar is not None and index % 1000 == 0:
                bar.update(min(1000, n - index))
            if index < self.n_demo_past:
                edition = rng.choice(past_editions)
            else:
                edition = self._pick(self.editions, self.edition_cum)
            kind, company, school, org_name, creator, place, org = self._organizer(index)
            department = place.department
            academy_id = department.academy_id
            main_action = self._pick(*self.action_choices[kind])
            action_types = [main_action]
            if rng.random() < 0.2:
                extra = rng.choice(self.action_types)
                if extra is not main_action:
                    action_types.append(extra)
            slug = main_action.slug
            roll = rng.random()
            if slug == "webinaire-visite-virtuelle":
                event_format = Event.Format.ONLINE if roll < 0.8 else Event.Format.HYBRID
            elif roll < 0.93:
                event_format = Event.Format.ONSITE
            else:
                event_format = Event.Format.HYBRID if roll < 0.97 else Event.Format.ONLINE
            themes = self._pick_distinct(
                self.themes, self.theme_cum, min(self._pick((1, 2, 3), ONE_TO_THREE_CUM), n_themes)
            )
            audiences = self._pick_distinct(
                self.audiences,
                self.audience_cum,
                min(self._pick((1, 2, 3), ONE_TO_THREE_CUM), n_audiences),
            )
            if slug == "immersion-enseignants" and self.enseignants:
                audiences = [self.enseignants]
            elif (
                slug == "portes-ouvertes"
                and self.grand_public
                and self.grand_public not in audiences
                and len(audiences) < 3
                and rng.random() < 0.6
            ):
                audiences.append(self.grand_public)
            school_groups = sorted(
                {g for a in audiences for g in SCHOOL_AUDIENCE_GROUPS.get(a.slug, ())}
            )
            accepts_classes = bool(
                school_groups and event_format != Event.Format.ONLINE and rng.random() < 0.75
            )
            weekend_ok = slug in ("portes-ouvertes", "forum-des-metiers") and not accepts_classes
            tz = self.tz_by_academy[academy_id]
            zone = department.code if department.code in self.public_holidays else None
            sessions = self._sessions(edition, tz, slug, accepts_classes, weekend_ok, zone)
            status = self._status(sessions)
            covid_cancel = COVID_CANCELLATIONS.get(edition.year)
            if not (
                covid_cancel
                and status == Status.PUBLISHED
                and event_format != Event.Format.ONLINE
                and covid_cancel < sessions[0][0]
            ):
                covid_cancel = None
            elif covid_cancel:
                status = Status.CANCELLED
            moderators = self.staff_by_academy.get(academy_id) or self.national_staff
            if rng.random() < 0.08:
                moderators = self.national_staff
            created, transitions = self._timeline(
                status, sessions[0][0], creator, moderators, covid_cancel
            )
            submitted_at = published_at = None
            moderation_message = ""
            for at, _from, to_status, _by, reason in transitions:
                if to_status == Status.SUBMITTED:
                    submitted_at = at
                elif to_status == Status.PUBLISHED:
                    published_at = at
                if to_status in (Status.CHANGES_REQUESTED, Status.REJECTED):
                    moderation_message = reason
            on_site = event_format != Event.Format.ONLINE
            title, summary, description = event_texts(
                rng=rng,
                kind=kind,
                action_slug=slug,
                org=org,
                city=place.city if on_site else "",
                year=edition.year,
                theme_slugs=[t.slug for t in themes],
                school_name=school["name"] if school else "",
                sector=company["_sector"] if company else None,
                employees=SIZE_BAND_EMPLOYEES[company["size_band"]] if company else None,
            )
            if not on_site:
                address = ""
            elif company is not None:
                address = company["address"]
            elif school is not None:
                address = school["address"]
            else:
                address = self._street()
            is_accessible = rng.random() < 0.6
            events.append(
                {
                    "edition_id": edition.pk,
                    "title": title,
                    "slug": title_slugs.get(title)
                    or title_slugs.setdefault(title, slugify(title)[:200] or "evenement"),
                    "summary": summary,
                    "description": description,
                    "organizer_kind": kind,
                    "company_id": company["id"] if company else None,
                    "school_id": school["id"] if school else None,
                    "organizer_name": org_name,
                    "created_by_id": creator["id"],
                    "contact_name": f"{creator['first_name']} {creator['last_name']}",
                    "contact_email": creator["email"],
                    "contact_phone": self._phone(department.code),
                    "academy_id": academy_id,
                    "department_id": department.pk,
                    "format": event_format,
                    "online_url": (
                        f"https://visio.example.fr/{self._slug(org)[:40]}-{edition.year}-{index}"
                        if event_format != Event.Format.ONSITE
                        else ""
                    ),
                    "address": address,
                    "postcode": place.postcode if on_site else "",
                    "city": place.city if on_site else "",
                    "latitude": place.latitude if on_site else None,
                    "longitude": place.longitude if on_site else None,
                    "is_accessible": is_accessible,
                    "accessibility_details": (
                        rng.choice(ACCESSIBILITY_DETAILS)
                        if is_accessible and rng.random() < 0.4
                        else ""
                    ),
                    # Labelling requires free events; a few refused ones were not.
                    "is_free": not (status == Status.REJECTED and rng.random() < 0.2),
                    "accepts_class_registrations": accepts_classes,
                    "registration_mode": (
                        Event.RegistrationMode.APPROVAL
                        if rng.random() < 0.25
                        else Event.RegistrationMode.AUTOMATIC
                    ),
                    "status": status,
                    "moderation_message": moderation_message,
                    "created_at": created,
                    "submitted_at": submitted_at,
                    "published_at": published_at,
                    "_edition": edition,
                }
            )
            self.event_plans.append(
                (sessions, themes, audiences, action_types, transitions, school_groups)
            )
        if bar is not None:
            bar.close()
        self.writer.insert(Event, events)
        self.events = events

    def build_event_children(self) -> None:
        rng = self.rng
        sessions, theme_links, audience_links, action_links, changes = [], [], [], [], []
        self.sessions_of = []
        for event, plan in zip(self.events, self.event_plans, strict=True):
            slots, themes, audiences, action_types, transitions, _groups = plan
            event_id = event["id"]
            if event["format"] == Event.Format.ONLINE:
                capacity = None if rng.random() < 0.7 else rng.randint(30, 60)
            elif rng.random() < (0.1 if event["accepts_class_registrations"] else 0.35):
                capacity = None
            else:
                capacity = rng.choice(CAPACITIES)
            notes = SESSION_NOTES if event["company_id"] else ("",)
            own = []
            for start, end in slots:
                session_capacity = capacity
                if capacity is not None and rng.random() < 0.3:
                    session_capacity = rng.randint(10, 60)
                own.append(
                    {
                        "event_id": event_id,
                        "starts_at": start,
                        "ends_at": end,
                        "capacity": session_capacity,
                        "note": rng.choice(notes),
                    }
                )
            sessions += own
            self.sessions_of.append(own)
            theme_links += [{"event_id": event_id, "theme_id": t.pk} for t in themes]
            audience_links += [{"event_id": event_id, "audience_id": a.pk} for a in audiences]
            action_links += [{"event_id": event_id, "actiontype_id": a.pk} for a in action_types]
            submitted_at = None  # the submission each decision answers, as the service records
            for at, from_status, to_status, by, reason in transitions:
                changes.append(
                    {
                        "event_id": event_id,
                        "by_id": by["id"],
                        "at": at,
                        "from_status": from_status,
                        "to_status": to_status,
                        "reason": reason,
                        "submitted_at": (
                            submitted_at if from_status == Event.Status.SUBMITTED else None
                        ),
                    }
                )
                if to_status == Event.Status.SUBMITTED:
                    submitted_at = at
        self.writer.insert(Session, sessions)
        self.writer.insert(Event.themes.through, theme_links, _("thématiques des événements"))
        self.writer.insert(Event.audiences.through, audience_links, _("publics des événements"))
        self.writer.insert(
            Event.action_types.through, action_links, _("types d'action des événements")
        )
        self.writer.insert(EventStatusChange, changes)

    # ---- registrations ----------------------------------------------------------------------

    def _registration_school(self, event, groups):
        rng = self.rng
        demo = self.demo_school
        if demo is not None and "college" in groups:
            is_demo_company = self.demo_company is not None and (
                event["company_id"] == self.demo_company["id"]
            )
            same_academy = event["academy_id"] == demo["_academy_id"]
            if (is_demo_company and rng.random() < 0.5) or (same_academy and rng.random() < 0.15):
                return demo
        group = rng.choice(groups)
        roll = rng.random()
        if roll < 0.75:
            candidates = self.schools_by_department_group.get((event["department_id"], group))
            if candidates:
                return rng.choice(candidates)
        candidates = self.schools_by_academy_group.get((event["academy_id"], group))
        if candidates and roll < 0.97:
            return rng.choice(candidates)
        return None

    def _class_name(self, level: str, group: str) -> str:
        rng = self.rng
        prefix = CLASS_PREFIX.get(level, "Groupe")
        if level in (Level.SIXIEME, Level.CINQUIEME, Level.QUATRIEME, Level.TROISIEME):
            return f"{prefix} {rng.choice('ABCDEFG')}"
        if level == Level.CAP:
            return f"{prefix} {rng.choice(CAP_TRACKS)} {rng.randint(1, 2)}"
        if level == Level.BTS:
            return f"{prefix} {rng.choice(BTS_TRACKS)} {rng.randint(1, 2)}"
        if group == "pro":
            return f"{prefix} {rng.choice(PRO_TRACKS)}"
        if rng.random() < 0.5:
            return f"{prefix} {rng.randint(1, 12)}"
        return f"{prefix} {rng.choice(LYCEE_TRACKS)}"

    def _session_requests(self, event, session, groups, levels, closes):
        """The class registration requests of one session, in order of arrival."""
        rng = self.rng
        count = self._pick((0, 1, 2, 3, 4, 5), REQUEST_COUNT_CUM)
        if session["capacity"] is not None:
            # Teachers see the places left: few requests overflow a small session.
            count = min(count, session["capacity"] // 18 + 1)
        moments = sorted(self._between(event["published_at"], closes) for _n in range(count))
        names_used, requests = set(), []
        for at in moments:
            school = self._registration_school(event, groups)
            if school is None:
                continue
            group = school["_group"]
            level = self._pick(*levels[group])
            name = self._class_name(level, group)
            if (school["id"], name) in names_used:
                name = f"{name} (groupe {len(names_used) + 2})"
            if (school["id"], name) in names_used:
                continue
            names_used.add((school["id"], name))
            students = rng.randint(12, 30)
            if session["capacity"] is not None:
                students = min(students, session["capacity"])
            requests.append(
                {
                    "session_id": session["id"],
                    "event_id": session["event_id"],
                    "school_id": school["id"],
                    "teacher_id": rng.choice(self.teachers_by_school[id(school)])["id"],
                    "class_level": level,
                    "class_name": name,
                    "students": students,
                    "girls": (
                        None
                        if rng.random() < 0.12
                        else rng.binomialvariate(students, GIRL_SHARE[group])
                    ),
                    "accompanying_adults": max(1, min(4, round(students / 12))),
                    "needs": rng.choice(REGISTRATION_NEEDS),
                    "status": "",
                    "created_at": at,
                }
            )
        return requests

    def build_registrations(self) -> None:
        """Replays requests, approvals, refusals and cancellations of each session in order,
        through `histories.SessionSeats`: the transition table decides which move may follow
        which, the capacity rule whether a class is confirmed or waits; a cancelled class
        frees seats that go to the waiting list first-fit in order of request. Requests of a
        session still ahead may stay pending; those of a past session were all answered."""
        rng = self.rng
        registrations, history = [], []

        def log(registration, from_status, to_status, at, by, reason):
            history.append((registration, by, at, from_status, to_status, reason))

        levels = {
            g: ([lv for lv, _w in t], cum(w for _lv, w in t)) for g, t in CLASS_LEVELS.items()
        }
        for event, plan, own in zip(self.events, self.event_plans, self.sessions_of, strict=True):
            if event["status"] != Status.PUBLISHED or not event["accepts_class_registrations"]:
                continue
            groups = plan[5]
            approval = event["registration_mode"] == Event.RegistrationMode.APPROVAL
            organizer_id = event["created_by_id"]
            for session in own:
                closes = min(session["starts_at"] - 2 * HOUR, self.now)
                if closes <= event["published_at"]:
                    continue
                requests = self._session_requests(event, session, groups, levels, closes)
                if not requests:
                    continue
                keep_pending = session["starts_at"] > self.now
                actions = []  # (at, order, action, registration)
                for order, registration in enumerate(requests):
                    at = registration["created_at"]
                    actions.append((at, order, "request", registration))
                    if approval and not (keep_pending and rng.random() < 0.35):
                        resolve_at = self._between(at, min(at + 5 * DAY, closes))
                        actions.append((resolve_at, order, "resolve", registration))
                    if rng.random() < 0.08:
                        actions.append(
                            (self._between(at + HOUR, closes), order, "cancel", registration)
                        )
                actions.sort(key=lambda action: (action[0], action[1]))
                seats = SessionSeats(capacity=session["capacity"], log=log)
                for at, _order, action, registration in actions:
                    teacher_id = registration["teacher_id"]
                    if action == "request":
                        seats.request(registration, approval=approval, at=at, by=teacher_id)
                    elif action == "resolve" and rng.random() < 0.12:
                        reason = _reason(
                            REGISTRATION_REASONS, REGISTRATION_REASON_REQUIRED, "declined", rng
                        )
                        seats.decline(registration, at=at, by=organizer_id, reason=reason)
                    elif action == "resolve":
                        seats.approve(registration, at=at, by=organizer_id)
                    else:
                        reason = _reason(
                            REGISTRATION_REASONS, REGISTRATION_REASON_REQUIRED, "cancelled", rng
                        )
                        seats.cancel(
                            registration, at=at, by=teacher_id, reason=reason, waiting=requests
                        )
                registrations += requests
        self.writer.insert(ClassRegistration, registrations)
        self.writer.insert(
            RegistrationStatusChange,
            [
                {
                    "registration_id": registration["id"],
                    "by_id": by,
                    "at": at,
                    "from_status": from_status,
                    "to_status": to_status,
                    "reason": reason,
                }
                for registration, by, at, from_status, to_status, reason in history
            ],
        )

    # ---- all together -----------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        """Build and write every row, in the caller's transaction; the rows written per model
        label ("events.Event": 500, "events.Event_themes": 1000, …)."""
        # Millions of live rows would make the cyclic garbage collector rescan them over and
        # over (quadratic time); none of them forms a cycle.
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            self.load_reference()
            self.build_pools()
            postgres = connection.vendor == "postgresql"
            with postgres_bulk_load(LOADED_MODELS) if postgres else nullcontext():
                self.build_schools()
                self.build_companies()
                self.build_users()
                self.build_partnerships()
                self.build_events()
                self.build_event_children()
                self.build_registrations()
        finally:
            if gc_was_enabled:
                gc.enable()
        return dict(self.writer.counts)
