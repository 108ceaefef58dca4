"""Reference data of the events domain, loaded by data migrations.

Edition dates come from the public record as given in the design reference; a date that is
not known stays empty (national staff complete it in the admin), never invented.
"""

import datetime

D = datetime.date

HEADLINE_2023 = "Avec l'industrie, fabrique ton avenir"

# year: (week start, week end, window start, window end, headline theme)
EDITIONS = {
    2018: (D(2018, 3, 26), D(2018, 4, 1), None, None, ""),
    2019: (D(2019, 3, 18), D(2019, 3, 24), None, None, ""),
    2020: (D(2020, 3, 30), D(2020, 4, 5), None, None, "Inventer un avenir durable"),
    2021: (None, None, None, None, "Inventer un avenir durable"),
    2022: (D(2022, 11, 21), D(2022, 11, 27), None, None, "Agir pour une industrie d'avenir"),
    2023: (D(2023, 11, 27), D(2023, 12, 3), None, None, HEADLINE_2023),
    2024: (D(2024, 11, 18), D(2024, 11, 24), None, None, ""),
    2025: (D(2025, 11, 17), D(2025, 11, 23), D(2025, 11, 2), D(2025, 12, 8), HEADLINE_2023),
    2026: (None, None, None, None, ""),
}
# The latest edition with known dates; national staff move the flag in the admin.
CURRENT_EDITION_YEAR = 2025

THEMES = [
    ("mixite-des-metiers", "Mixité des métiers et place des femmes dans l'industrie"),
    ("transition-ecologique", "Transition écologique"),
    ("economie-circulaire", "Économie circulaire"),
    ("industrie-du-futur", "Industrie du futur"),
    ("apprentissage-voie-professionnelle", "Apprentissage et voie professionnelle"),
    ("recrutement-metiers-en-tension", "Recrutement et métiers en tension"),
]

ACTION_TYPES = [
    ("visite-entreprise", "Visite d'entreprise"),
    ("portes-ouvertes", "Portes ouvertes"),
    ("intervention-en-classe", "Intervention en classe"),
    ("forum-des-metiers", "Forum des métiers"),
    ("conference-table-ronde", "Conférence / table ronde"),
    ("atelier-demonstration", "Atelier / démonstration"),
    ("job-dating", "Job dating"),
    ("webinaire-visite-virtuelle", "Webinaire / visite virtuelle"),
    ("escape-game", "Escape game"),
    ("immersion-enseignants", "Immersion d'enseignants"),
]

# (slug, name, comes as a class)
AUDIENCES = [
    ("collegiens", "Collégiens", True),
    ("lyceens", "Lycéens", True),
    ("apprentis", "Apprentis", True),
    ("etudiants", "Étudiants", False),
    ("demandeurs-emploi", "Demandeurs d'emploi", False),
    ("enseignants", "Enseignants et personnels éducatifs", False),
    ("parents", "Parents", False),
    ("grand-public", "Grand public", False),
]
