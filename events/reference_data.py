"""Reference data of the events domain, loaded by data migrations.

Edition dates come from the public record as given in the design reference; a date that is
not known stays empty (national staff complete it in the admin), never invented.
"""

import datetime

D = datetime.date

HEADLINE_2023 = "Avec l'industrie, fabrique ton avenir"

# year: (week start, week end, window start, window end, headline theme)
EDITIONS = {
    2018: (D(2018, 3, 26), D(2018, 4, 1), None, None, "L'industrie connectée"),
    2019: (D(2019, 3, 18), D(2019, 3, 24), None, None, ""),
    2020: (D(2020, 3, 30), D(2020, 4, 5), None, None, "Inventer un avenir durable"),
    2021: (D(2021, 11, 22), D(2021, 11, 28), None, None, "Inventer un avenir durable"),
    2022: (
        D(2022, 11, 21),
        D(2022, 11, 27),
        D(2022, 11, 5),
        D(2022, 12, 12),
        "Agir pour une industrie d'avenir",
    ),
    2023: (D(2023, 11, 27), D(2023, 12, 3), D(2023, 11, 13), D(2023, 12, 17), HEADLINE_2023),
    2024: (D(2024, 11, 18), D(2024, 11, 24), D(2024, 11, 3), D(2024, 12, 9), HEADLINE_2023),
    2025: (D(2025, 11, 17), D(2025, 11, 23), D(2025, 11, 2), D(2025, 12, 7), HEADLINE_2023),
    2026: (None, None, None, None, ""),
}
LABELLING_DEADLINES = {
    2018: D(2018, 3, 12),
    2023: D(2023, 11, 20),
    2024: D(2024, 11, 12),
}

# Figures published about past editions, each with its source: (year, kind, value, "more
# than", source, address). Kinds: PublishedFigure.Kind.
GAZETTE_2018 = (
    "La Gazette des salons, d'après la Direction générale des entreprises",
    "https://gazette-salons.fr/bilan-global-industrie-2018/",
)
GLOBAL_INDUSTRIE_2020 = (
    "Global Industrie, « La Semaine de l'Industrie 2020 »",
    "https://global-industrie.com/fr/evenement/semaine-de-l-industrie-2020",
)
SERVICE_PUBLIC_2023 = (
    "Service-Public.fr (DILA), 4 octobre 2023",
    "https://entreprendre.service-public.fr/actualites/A16803",
)
MY_EVENT_NETWORK_2023 = (
    "My Event Network, 29 novembre 2023",
    "https://myeventnetwork.com/newsroom/edito/de-levenementiel-dans-les-boulons",
)
DGE = ("Direction générale des entreprises", "https://www.semaine-industrie.gouv.fr/")
DIJON_2025 = (
    "Dijon Actualités, 17 novembre 2025 (lancement de l'édition 2025)",
    "https://dijon-actualites.fr/?p=39424",
)
PUBLISHED_FIGURES = [
    (2018, "labelled_events", 2_918, False, *GAZETTE_2018),
    (2019, "labelled_events", 4_763, False, *GLOBAL_INDUSTRIE_2020),
    (2019, "participants", 800_000, True, *GLOBAL_INDUSTRIE_2020),
    (2022, "labelled_events", 4_737, False, *SERVICE_PUBLIC_2023),
    (2022, "participants", 1_600_000, False, *SERVICE_PUBLIC_2023),
    (2023, "labelled_events", 5_500, False, *MY_EVENT_NETWORK_2023),
    (2023, "participants", 2_200_000, False, *DGE),
    (2024, "labelled_events", 8_000, True, *DIJON_2025),
    (2024, "participants", 5_700_000, False, *DIJON_2025),
]

# The latest edition with known dates; national staff move the flag in the admin.
CURRENT_EDITION_YEAR = 2025

THEMES = [
    ("mixite-des-metiers", "Mixité des métiers et place des femmes dans l'industrie"),
    ("transition-ecologique", "Transition écologique"),
    ("economie-circulaire", "Économie circulaire"),
    ("industrie-du-futur", "Industrie du futur"),
    ("apprentissage-voie-professionnelle", "Apprentissage et voie professionnelle"),
    ("recrutement-metiers-en-tension", "Recrutement et métiers en tension"),
    ("transformation-numerique", "Transformation numérique"),
    ("decarbonation", "Décarbonation"),
    ("fabrication-francaise", "Fabrication française"),
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
    ("exposition", "Exposition"),
    ("challenge-concours", "Challenge / concours"),
    ("realite-virtuelle-visite-immersive", "Réalité virtuelle ou visite immersive"),
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
    ("personnes-en-reconversion", "Personnes en reconversion", False),
    (
        "professionnels-orientation-emploi",
        "Professionnels de l'orientation et de l'emploi",
        False,
    ),
]

# English names, by slug (django-modeltranslation's `name_en`).
NAMES_EN = {
    "theme": {
        "mixite-des-metiers": "Gender diversity in jobs and women in industry",
        "transition-ecologique": "Ecological transition",
        "economie-circulaire": "Circular economy",
        "industrie-du-futur": "Industry of the future",
        "apprentissage-voie-professionnelle": "Apprenticeships and vocational education",
        "recrutement-metiers-en-tension": "Recruitment and jobs in short supply",
        "transformation-numerique": "Digital transformation",
        "decarbonation": "Decarbonisation",
        "fabrication-francaise": "Made in France",
    },
    "actiontype": {
        "visite-entreprise": "Company visit",
        "portes-ouvertes": "Open day",
        "intervention-en-classe": "Classroom talk",
        "forum-des-metiers": "Careers fair",
        "conference-table-ronde": "Conference / round table",
        "atelier-demonstration": "Workshop / demonstration",
        "job-dating": "Job dating",
        "webinaire-visite-virtuelle": "Webinar / virtual tour",
        "escape-game": "Escape game",
        "immersion-enseignants": "Teacher immersion",
        "exposition": "Exhibition",
        "challenge-concours": "Challenge / competition",
        "realite-virtuelle-visite-immersive": "Virtual reality or immersive tour",
    },
    "audience": {
        "collegiens": "Lower secondary pupils",
        "lyceens": "Upper secondary pupils",
        "apprentis": "Apprentices",
        "etudiants": "Students",
        "demandeurs-emploi": "Jobseekers",
        "enseignants": "Teachers and education staff",
        "parents": "Parents",
        "grand-public": "General public",
        "personnes-en-reconversion": "People changing careers",
        "professionnels-orientation-emploi": "Careers guidance and employment professionals",
    },
}
