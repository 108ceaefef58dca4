"""factory-boy factories for every model; French data (Faker locale fr_FR)."""

import datetime
import zoneinfo

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory
from stdnum import luhn

from academies.models import (
    Academy,
    AcademyStaff,
    Company,
    CompanyMembership,
    Department,
    Partnership,
    RegionAcademique,
    School,
    SchoolMembership,
)
from academies.validators import UAI_LETTERS
from events.models import (
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
from semaine.users.models import User

factory.Faker._DEFAULT_LOCALE = "fr_FR"


def uai_for(department_code: str, number: int) -> str:
    """A valid UAI in the given département (`0`+code, 620=2A, 720=2B, 97x)."""
    prefix = {"2A": "620", "2B": "720"}.get(department_code)
    if prefix is None:
        prefix = department_code if len(department_code) == 3 else f"0{department_code}"
    first7 = f"{prefix}{number % 10000:04d}"
    return first7 + UAI_LETTERS[int(first7) % 23]


def siret_for(number: int) -> str:
    """A SIRET whose SIREN and SIRET both pass the Luhn check."""
    siren8 = f"{(number // 10000) % 10**8:08d}"
    siren = siren8 + luhn.calc_check_digit(siren8)
    nic4 = f"{number % 10000:04d}"
    return siren + nic4 + luhn.calc_check_digit(siren + nic4)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"utilisateur{n}@example.fr")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", "mot-de-passe-solide-42")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class RegionAcademiqueFactory(DjangoModelFactory):
    class Meta:
        model = RegionAcademique
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Région test {n}")
    slug = factory.Sequence(lambda n: f"region-test-{n}")


def reference_department(code: str = "38") -> Department:
    return Department.objects.select_related("academy").get(code=code)


class AcademyFactory(DjangoModelFactory):
    """Prefer the real académies (`Academy.objects.get(code=...)`); this makes extra ones."""

    class Meta:
        model = Academy

    code = factory.Sequence(lambda n: f"{90 + n % 10}")
    name = factory.Sequence(lambda n: f"Académie test {n}")
    slug = factory.Sequence(lambda n: f"academie-test-{n}")
    region = factory.SubFactory(RegionAcademiqueFactory)


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    department = factory.LazyFunction(lambda: reference_department("38"))
    uai = factory.LazyAttributeSequence(lambda o, n: uai_for(o.department.code, 1000 + n))
    name = factory.Sequence(lambda n: f"Collège Marie Curie {n}")
    kind = "Collège"
    sector = School.Sector.PUBLIC
    address = factory.Faker("street_address")
    postcode = "38000"
    city = "Grenoble"
    latitude = 45.1885
    longitude = 5.7245


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    siret = factory.Sequence(lambda n: siret_for(4_1234_5670_000 + n))
    name = factory.Faker("company")
    naf_code = "25.62A"
    size_band = Company.SizeBand.FROM_50
    department = factory.LazyFunction(lambda: reference_department("38"))
    address = factory.Faker("street_address")
    postcode = "38100"
    city = "Grenoble"
    latitude = 45.17
    longitude = 5.72


class SchoolMembershipFactory(DjangoModelFactory):
    class Meta:
        model = SchoolMembership

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = SchoolMembership.Role.TEACHER


class CompanyMembershipFactory(DjangoModelFactory):
    class Meta:
        model = CompanyMembership

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    role = CompanyMembership.Role.ORGANIZER


class AcademyStaffFactory(DjangoModelFactory):
    class Meta:
        model = AcademyStaff

    user = factory.SubFactory(UserFactory, is_staff=True)
    academy = factory.LazyFunction(lambda: Academy.objects.get(code="08"))


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    school = factory.SubFactory(SchoolFactory)
    company = factory.SubFactory(CompanyFactory)
    since = datetime.date(2022, 9, 1)
    description = "Stages de 3e et visites d'atelier."


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.Sequence(lambda n: f"thematique-{n}")


class ActionTypeFactory(DjangoModelFactory):
    class Meta:
        model = ActionType

    name = factory.Sequence(lambda n: f"Type d'action {n}")
    slug = factory.Sequence(lambda n: f"type-action-{n}")


class AudienceFactory(DjangoModelFactory):
    class Meta:
        model = Audience

    name = factory.Sequence(lambda n: f"Public {n}")
    slug = factory.Sequence(lambda n: f"public-{n}")


class EditionFactory(DjangoModelFactory):
    """Reference editions 2018–2026 already exist; this makes future test editions."""

    class Meta:
        model = Edition

    year = factory.Sequence(lambda n: 2030 + n)
    starts_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 11, 16))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=6))
    window_starts_on = factory.LazyAttribute(lambda o: o.starts_on - datetime.timedelta(days=15))
    window_ends_on = factory.LazyAttribute(lambda o: o.ends_on + datetime.timedelta(days=15))
    headline_theme = "Avec l'industrie, fabrique ton avenir"


def current_edition() -> Edition:
    return Edition.objects.get(is_current=True)


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    edition = factory.LazyFunction(current_edition)
    title = factory.Sequence(lambda n: f"Portes ouvertes de l'atelier d'usinage n°{n}")
    summary = "Découvrez les métiers de l'usinage et de la maintenance."
    description = factory.Faker("paragraph", nb_sentences=4)
    organizer_kind = Event.OrganizerKind.COMPANY
    company = factory.SubFactory(CompanyFactory)
    department = factory.LazyFunction(lambda: reference_department("38"))
    academy = factory.LazyAttribute(lambda o: o.department.academy)
    format = Event.Format.ONSITE
    address = "12 rue des Usines"
    postcode = "38100"
    city = "Grenoble"
    latitude = 45.17
    longitude = 5.72
    is_accessible = True
    accepts_class_registrations = True
    status = Event.Status.DRAFT
    contact_name = factory.Faker("name")
    contact_email = factory.Sequence(lambda n: f"contact{n}@entreprise.example.fr")

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.themes.set(extracted if extracted is not None else Theme.objects.all()[:1])

    @factory.post_generation
    def audiences(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.audiences.set(
                extracted if extracted is not None else Audience.objects.filter(slug="collegiens")
            )

    @factory.post_generation
    def action_types(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.action_types.set(
                extracted
                if extracted is not None
                else ActionType.objects.filter(slug="visite-entreprise")
            )


class PublishedEventFactory(EventFactory):
    status = Event.Status.PUBLISHED
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)


def _session_start(event: Event) -> datetime.datetime:
    """10:00 local time on the first day of the event's edition week."""
    edition = event.edition
    day = edition.starts_on or datetime.date(edition.year, 11, 16)
    tz = zoneinfo.ZoneInfo(event.academy.time_zone)
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=tz)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(PublishedEventFactory)
    starts_at = factory.LazyAttribute(lambda o: _session_start(o.event))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    capacity = 30


class ClassRegistrationFactory(DjangoModelFactory):
    class Meta:
        model = ClassRegistration

    session = factory.SubFactory(SessionFactory)
    event = factory.LazyAttribute(lambda o: o.session.event)
    school = factory.SubFactory(SchoolFactory)
    teacher = factory.SubFactory(UserFactory)
    class_level = ClassRegistration.Level.TROISIEME
    class_name = factory.Sequence(lambda n: f"3e {chr(65 + n % 26)}{n}")
    students = 24
    girls = 11
    accompanying_adults = 2
    status = ClassRegistration.Status.CONFIRMED


class EventStatusChangeFactory(DjangoModelFactory):
    class Meta:
        model = EventStatusChange

    event = factory.SubFactory(EventFactory)
    from_status = Event.Status.DRAFT
    to_status = Event.Status.SUBMITTED


class RegistrationStatusChangeFactory(DjangoModelFactory):
    class Meta:
        model = RegistrationStatusChange

    registration = factory.SubFactory(ClassRegistrationFactory)
    from_status = ""
    to_status = ClassRegistration.Status.CONFIRMED
