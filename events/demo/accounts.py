"""The demo accounts that can sign in, and the places they are anchored to.

Everything the demo promises to its four accounts hangs on these values: the builder creates
the accounts, the school and the company here, the living set gives them things to do, the
tests look them up by these e-mails.
"""

from django.utils.translation import gettext_lazy as _

DEMO_PASSWORD = "semaine-demo"
DEMO_EMAIL_DOMAIN = "semaine.test"
DEMO_ADMIN_EMAIL = "admin@semaine.test"
DEMO_ACADEMY_STAFF_EMAIL = "academie.grenoble@semaine.test"
DEMO_ORGANIZER_EMAIL = "organisateur@semaine.test"
DEMO_TEACHER_EMAIL = "enseignant@semaine.test"
DEMO_ACADEMY_CODE = "08"  # Grenoble
DEMO_DEPARTMENT_CODE = "38"  # Isère, in the académie de Grenoble

# The four accounts that can sign in (password DEMO_PASSWORD); every other one cannot.
DEMO_ACCOUNTS = [
    (DEMO_ADMIN_EMAIL, _("superutilisateur, équipe nationale")),
    (DEMO_ACADEMY_STAFF_EMAIL, _("services académiques de Grenoble")),
    (DEMO_ORGANIZER_EMAIL, _("organisateur d'une entreprise de l'Isère")),
    (DEMO_TEACHER_EMAIL, _("enseignant d'un collège de l'Isère")),
]

# The demo teacher's collège, the home page's own example (« ex. : 38000, 0381778B »): a valid
# UAI of the Isère, with coordinates in Grenoble.
DEMO_SCHOOL = {
    "uai": "0381778B",
    "name": "Collège Champollion",
    "kind": "Collège",
    "address": "9 rue Général Ferrié",
    "postcode": "38000",
    "city": "Grenoble",
    "latitude": 45.1852,
    "longitude": 5.7333,
}
# The demo organizer's company: a precision engineering works of the Grenoble presqu'île.
DEMO_COMPANY_PLACE = {
    "address": "12 rue des Martyrs",
    "postcode": "38000",
    "city": "Grenoble",
    "latitude": 45.1975,
    "longitude": 5.7062,
}
DEMO_COMPANY_NAF = "25.62B"  # mécanique de précision
# Other companies of the académie de Grenoble every demo has, as (département, commune of
# `data.DEPARTMENT_PLACES`, or None for any): their organizers fill the moderator's queue and
# publish near the demo teacher's school (the first two are within a few kilometres).
DEMO_NEIGHBOUR_COMPANIES = (
    ("38", "Échirolles"),
    ("38", "Crolles"),
    ("73", None),
    ("74", None),
    ("26", None),
)
