"""The people and structures of the demo territory: schools (valid UAI), companies (valid
SIRET, manufacturing NAF codes), users with their roles (teachers, school staff, organizers,
académie and national staff, the four demo accounts) and school-company partnerships.

`ParticipantsMixin` is a part of `builder.DemoBuilder`: it draws with the builder's `rng`,
`fake` pools and `_pick`, reads the reference data of `load_reference`, writes through its
`writer`, and leaves the rows the events need on the builder (`schools`, `companies`,
`teachers_by_school`, `organizers_by_company`, `staff_by_academy`, `demo_school`…).
"""

import datetime
from collections import defaultdict
from itertools import accumulate

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify
from stdnum import luhn

from academies.models import (
    AcademyStaff,
    Company,
    CompanyMembership,
    Partnership,
    School,
    SchoolMembership,
)
from semaine.users.models import User

from .accounts import (
    DEMO_ACADEMY_CODE,
    DEMO_ACADEMY_STAFF_EMAIL,
    DEMO_ADMIN_EMAIL,
    DEMO_COMPANY_NAF,
    DEMO_COMPANY_PLACE,
    DEMO_DEPARTMENT_CODE,
    DEMO_EMAIL_DOMAIN,
    DEMO_NEIGHBOUR_COMPANIES,
    DEMO_ORGANIZER_EMAIL,
    DEMO_PASSWORD,
    DEMO_SCHOOL,
    DEMO_TEACHER_EMAIL,
)
from .data import (
    COMPANY_NAME_PATTERNS,
    DEPARTMENT_PLACES,
    INDUSTRIAL_ZONES,
    LEGAL_FORMS,
    OVERSEAS_PHONE_PREFIX,
    PARTNERSHIP_DESCRIPTIONS,
    PRIVATE_NAMESAKES,
    SCHOOL_KINDS,
    SCHOOL_NAMESAKES,
    SECTORS,
    SIZE_BANDS,
    VOCATIONAL_NAMESAKES,
)
from .identifiers import siret_build, uai_build
from .texts import de


def cum(weights) -> list[float]:
    """Cumulated weights, for `bisect` draws."""
    return list(accumulate(weights))


class Place:
    """A commune of the table (or an exact site), with its département."""

    __slots__ = ("city", "department", "latitude", "longitude", "postcode")

    def __init__(self, department, city, postcode, latitude, longitude):
        self.department = department
        self.city = city
        self.postcode = postcode
        self.latitude = latitude
        self.longitude = longitude


class ParticipantsMixin:
    """Schools, companies, users and partnerships, in this order (see the module)."""

    def _slug(self, text: str) -> str:
        slug = self.slug_cache.get(text)
        if slug is None:
            slug = self.slug_cache[text] = slugify(text).replace("-", "") or "x"
        return slug

    def _person(self) -> tuple[str, str]:
        names = self.female_names if self.rng.random() < 0.5 else self.male_names
        return self.rng.choice(names), self.rng.choice(self.last_names)

    def _email(self, first: str, last: str, domain: str) -> str:
        self.email_serial += 1
        return f"{self._slug(first)}.{self._slug(last)}.{self.email_serial}@{domain}".lower()

    def _phone(self, department_code: str) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            head = rng.choice(("06", "07"))
        elif department_code in OVERSEAS_PHONE_PREFIX:
            head = OVERSEAS_PHONE_PREFIX[department_code]
        elif department_code in ("75", "77", "78", "91", "92", "93", "94", "95"):
            head = "01"
        else:
            head = "0" + rng.choice("2345")
        digits = head + "".join(rng.choices("0123456789", k=10 - len(head)))
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))

    def _place(self, department) -> Place:
        places = self.places_by_department[department.pk]
        # The first commune (mostly the préfecture) weighs more.
        return places[0] if self.rng.random() < 0.4 else self.rng.choice(places)

    def _jitter(self, place: Place, spread: float) -> tuple[float, float]:
        rng = self.rng
        return (
            round(place.latitude + rng.uniform(-spread, spread), 6),
            round(place.longitude + rng.uniform(-spread, spread) * 1.4, 6),
        )

    def _street(self) -> str:
        return f"{self.rng.randint(1, 180)} {self.rng.choice(self.street_names)}"

    def _user(self, first: str, last: str, email: str, **extra) -> dict:
        joined = datetime.datetime(2017, 9, 1, tzinfo=datetime.UTC) + datetime.timedelta(
            minutes=self.rng.randint(0, 180 * 24 * 60)
        )
        if "password" not in extra:
            extra["password"] = f"!{self.rng.getrandbits(160):040x}"  # unusable
        return {
            "email": email,
            "first_name": first,
            "last_name": last,
            "date_joined": joined,
            "is_staff": False,
            "is_superuser": False,
            "is_national_staff": False,
            **extra,
        }

    # ---- territory participants -------------------------------------------------------------

    def build_schools(self) -> None:
        rng = self.rng
        used = defaultdict(set)
        for uai in School.objects.values_list("uai", flat=True).iterator():
            used[uai[:3]].add(uai[3:7])
        demo_department = self.department_by_code.get(DEMO_DEPARTMENT_CODE)
        demo_uai = DEMO_SCHOOL["uai"]
        # The home page's example UAI, unless a real school already holds it.
        demo_uai_free = demo_uai[3:7] not in used[demo_uai[:3]]
        used[demo_uai[:3]].add(demo_uai[3:7])
        # The demo teacher's collège first, then a collège and a lycée in every académie,
        # so that even a small demo has classes to register everywhere.
        forced = [(demo_department, SCHOOL_KINDS[0])] if demo_department else []
        for departments in self.academy_departments.values():
            weights = cum(DEPARTMENT_PLACES[d.code][0] for d in departments)
            forced.append((self._pick(departments, weights), SCHOOL_KINDS[0]))
            forced.append((self._pick(departments, weights), rng.choice(SCHOOL_KINDS[1:])))
        schools = []
        for index in range(max(len(forced) + 10, round(self.n_events * 0.12))):
            if index < len(forced):
                department, (kind, _weight, group) = forced[index]
            else:
                department = self._pick(self.departments, self.department_cum)
                kind, _weight, group = self._pick(SCHOOL_KINDS, self.kind_cum)
            private = index > 0 and rng.random() < 0.18
            if private:
                namesake = rng.choice(PRIVATE_NAMESAKES)
            elif group == "pro":
                namesake = rng.choice(VOCATIONAL_NAMESAKES)
            else:
                namesake = rng.choice(SCHOOL_NAMESAKES)
            prefix = uai_build(department_code=department.code, number=0)[:3]
            taken = used[prefix]
            number = rng.randint(1, 9999)
            while f"{number:04d}" in taken:
                number = rng.randint(1, 9999)
            taken.add(f"{number:04d}")
            uai = uai_build(department_code=department.code, number=number)
            place = self._place(department)
            latitude, longitude = self._jitter(place, 0.025)
            school = {
                "uai": uai,
                "name": f"{kind} {namesake}",
                "kind": kind,
                "sector": School.Sector.PRIVATE if private else School.Sector.PUBLIC,
                "department_id": department.pk,
                "address": self._street(),
                "postcode": place.postcode,
                "city": place.city,
                "latitude": latitude,
                "longitude": longitude,
                "is_open": True,
                "_group": group,
                "_department": department,
                "_academy_id": department.academy_id,
            }
            if index == 0 and demo_department is not None:
                school.update(DEMO_SCHOOL, sector=School.Sector.PUBLIC)
                if not demo_uai_free:
                    school["uai"] = uai
            # Public schools (EPLE) have a SIREN "19" + the UAI digits.
            public = school["sector"] == School.Sector.PUBLIC
            school["siret"] = (
                siret_build(siren8="19" + school["uai"][1:7], nic4="0001") if public else ""
            )
            schools.append(school)
        self.writer.insert(School, schools)
        self.schools = schools
        self.demo_school = schools[0] if demo_department is not None else None
        self.schools_by_department_group = defaultdict(list)
        self.schools_by_academy_group = defaultdict(list)
        for school in schools:
            group = school["_group"]
            self.schools_by_department_group[(school["department_id"], group)].append(school)
            self.schools_by_academy_group[(school["_academy_id"], group)].append(school)

    def build_companies(self) -> None:
        rng = self.rng
        used_sirens = {s[:9] for s in Company.objects.values_list("siret", flat=True).iterator()}
        demo_department = self.department_by_code.get(DEMO_DEPARTMENT_CODE)
        demo_sector = next(s for s in SECTORS if s[0] == DEMO_COMPANY_NAF)
        # The demo organizer's company first, then its neighbours of the académie.
        forced = [(DEMO_DEPARTMENT_CODE, DEMO_COMPANY_PLACE["city"])] if demo_department else []
        forced += [
            (code, city)
            for code, city in DEMO_NEIGHBOUR_COMPANIES
            if code in self.department_by_code
        ]
        companies = []
        for index in range(max(30, len(forced) + 10, round(self.n_events * 0.2))):
            if index < len(forced):
                code, city = forced[index]
                department = self.department_by_code[code]
                place = next(
                    (p for p in self.places_by_department[department.pk] if p.city == city),
                    None,
                ) or self._place(department)
            else:
                department = self._pick(self.departments, self.department_cum)
                place = self._place(department)
            if index == 0 and demo_department is not None:
                sector = demo_sector
            else:
                sector = self._pick(SECTORS, self.sector_cum)
            short = rng.choice(COMPANY_NAME_PATTERNS).format(
                word=rng.choice(sector[2]),
                surname=rng.choice(self.last_names),
                acronym="".join(rng.choices("ABCDEFGHIJKLMNOPRSTV", k=rng.randint(2, 4))),
                city_de=de(place.city),
            )
            while True:
                siren8 = rng.choice("3456789") + f"{rng.randint(0, 9_999_999):07d}"
                siren = siren8 + luhn.calc_check_digit(siren8)
                if siren not in used_sirens and not siren.startswith("356000000"):
                    used_sirens.add(siren)
                    break
            nic4 = f"{rng.choice((1, 1, 1, 2, 3, 12, 25)):04d}"
            size_band = self._pick(SIZE_BANDS, self.size_cum)[0]
            latitude, longitude = self._jitter(place, 0.04)
            address = self._street()
            if rng.random() < 0.5:
                address = f"{address}, {rng.choice(INDUSTRIAL_ZONES)}"
            company = {
                "siret": siret_build(siren8=siren8, nic4=nic4),
                "name": short + rng.choice(LEGAL_FORMS),
                "naf_code": sector[0],
                "size_band": size_band,
                "department_id": department.pk,
                "is_active": index < len(forced) or rng.random() < 0.97,
                "address": address,
                "postcode": place.postcode,
                "city": place.city,
                "latitude": latitude,
                "longitude": longitude,
                "_department": department,
                "_short": short,
                "_sector": sector,
            }
            if index == 0 and demo_department is not None:
                company.update(DEMO_COMPANY_PLACE)
            companies.append(company)
        self.writer.insert(Company, companies)
        self.companies = companies
        self.demo_company = companies[0] if demo_department is not None else None
        # A few companies organize many events, most only one or two.
        self.company_cum = cum(rng.paretovariate(1.6) for _company in companies)

    def build_users(self) -> None:
        rng = self.rng
        users, academy_staff, school_members, company_members = [], [], [], []
        demo_hash = make_password(DEMO_PASSWORD)  # hashed once for the four demo accounts

        admin = self._user(
            "Camille",
            "Administratrice",
            DEMO_ADMIN_EMAIL,
            password=demo_hash,
            is_staff=True,
            is_superuser=True,
            is_national_staff=True,
        )
        national = self._user(
            "Dominique",
            "Martel",
            f"equipe.nationale@{DEMO_EMAIL_DOMAIN}",
            is_staff=True,
            is_national_staff=True,
        )
        users += [admin, national]
        self.national_staff = [admin, national]

        self.staff_by_academy = defaultdict(list)
        for academy in self.academies.values():
            people = []
            if academy.code == DEMO_ACADEMY_CODE:
                people.append(
                    self._user(
                        "Claire",
                        "Moreau",
                        DEMO_ACADEMY_STAFF_EMAIL,
                        password=demo_hash,
                        is_staff=True,
                    )
                )
            for _n in range(rng.randint(2, 3)):
                first, last = self._person()
                email = self._email(first, last, f"ac-{academy.slug}.{DEMO_EMAIL_DOMAIN}")
                people.append(self._user(first, last, email, is_staff=True))
            users += people
            academy_staff += [(user, academy.pk) for user in people]
            self.staff_by_academy[academy.pk] = people

        self.teachers_by_school = {}
        self.staff_by_school = {}
        for school in self.schools:
            domain = f"ac-{self.academies[school['_academy_id']].slug}.{DEMO_EMAIL_DOMAIN}"
            if school is self.demo_school:
                teachers = [self._user("Julien", "Lefèvre", DEMO_TEACHER_EMAIL, password=demo_hash)]
            else:
                teachers = []
                for _n in range(rng.choices((1, 2, 3), weights=(50, 35, 15))[0]):
                    first, last = self._person()
                    teachers.append(self._user(first, last, self._email(first, last, domain)))
            staff = []
            if school is not self.demo_school and rng.random() < 0.25:
                first, last = self._person()
                staff.append(self._user(first, last, self._email(first, last, domain)))
            users += teachers + staff
            school_members += [(u, school, SchoolMembership.Role.TEACHER) for u in teachers]
            school_members += [(u, school, SchoolMembership.Role.STAFF) for u in staff]
            self.teachers_by_school[id(school)] = teachers
            self.staff_by_school[id(school)] = staff

        self.organizers_by_company = {}
        for company in self.companies:
            if company is self.demo_company:
                people = [self._user("Sophie", "Garnier", DEMO_ORGANIZER_EMAIL, password=demo_hash)]
                roles = [CompanyMembership.Role.MANAGER]
            else:
                domain = (
                    f"{slugify(company['_short'])[:40].strip('-') or 'entreprise'}"
                    f".{DEMO_EMAIL_DOMAIN}"
                )
                people, roles = [], []
                for position in range(1 if rng.random() < 0.8 else 2):
                    first, last = self._person()
                    people.append(self._user(first, last, self._email(first, last, domain)))
                    manager = position == 0 and rng.random() < 0.4
                    roles.append(
                        CompanyMembership.Role.MANAGER
                        if manager
                        else CompanyMembership.Role.ORGANIZER
                    )
            users += people
            company_members += list(zip(people, [company] * len(people), roles, strict=True))
            self.organizers_by_company[id(company)] = people

        # People of other structures (chambers, associations…): no membership.
        self.other_organizers = []
        for _n in range(max(3, self.n_events // 150)):
            first, last = self._person()
            email = self._email(first, last, f"asso.{DEMO_EMAIL_DOMAIN}")
            self.other_organizers.append(self._user(first, last, email))
        users += self.other_organizers

        self.writer.insert(User, users)
        self.writer.insert(
            AcademyStaff, [{"user_id": u["id"], "academy_id": a} for u, a in academy_staff]
        )
        self.writer.insert(
            SchoolMembership,
            [{"user_id": u["id"], "school_id": s["id"], "role": r} for u, s, r in school_members],
        )
        self.writer.insert(
            CompanyMembership,
            [{"user_id": u["id"], "company_id": c["id"], "role": r} for u, c, r in company_members],
        )

    def build_partnerships(self) -> None:
        rng = self.rng
        companies_by_department = defaultdict(list)
        for company in self.companies:
            companies_by_department[company["department_id"]].append(company)
        seen, partnerships = set(), []
        for _n in range(max(5, self.n_events // 10)):
            school = rng.choice(self.schools)
            company = rng.choice(
                companies_by_department.get(school["department_id"]) or self.companies
            )
            if (school["id"], company["id"]) in seen:
                continue
            seen.add((school["id"], company["id"]))
            partnerships.append(
                {
                    "school_id": school["id"],
                    "company_id": company["id"],
                    "since": datetime.date(rng.randint(2012, 2025), 9, 1),
                    "description": rng.choice(PARTNERSHIP_DESCRIPTIONS),
                }
            )
        self.writer.insert(Partnership, partnerships)
