"""The French words of the demo: event titles, descriptions and summaries by action type,
composed with the organizer's name and commune (with French elision: « d'Amiens »,
« au Havre »)."""

from ..models import Event

# --------------------------------------------------------------------------------------------
# Titles and descriptions, by main action type. Placeholders: {org} {org_de} {city_a}
# {city_de} {jobs} {field} {school} {n}.
# --------------------------------------------------------------------------------------------

COMPANY_TITLES = {
    "visite-entreprise": (
        "Visite de l'usine {org}",
        "Visite de la ligne d'assemblage {org_de}",
        "Dans les coulisses {org_de} {city_a}",
        "Visite du site de production {org_de}",
        "À la découverte de {field} chez {org}",
        "Visite des ateliers {org_de} : fabrication, assemblage et contrôle qualité",
        "Visite de l'atelier électricité et maintenance",
    ),
    "portes-ouvertes": (
        "Portes ouvertes de l'usine {org}",
        "Journée portes ouvertes chez {org}",
        "{org} ouvre ses portes",
        "Portes ouvertes : {jobs} {city_a}",
    ),
    "atelier-demonstration": (
        "Atelier soudure et découverte des métiers",
        "Atelier impression 3D et prototypage",
        "Démonstration de robotique collaborative chez {org}",
        "Atelier « Fabrique ton objet » chez {org}",
        "Atelier électricité et automatismes",
        "Atelier découverte de l'usinage à commande numérique",
    ),
    "intervention-en-classe": (
        "{Jobs} expliqués en classe",
        "Des professionnels {org_de} rencontrent les élèves",
        "Intervention en classe : parcours d'ingénieures et de techniciens",
    ),
    "job-dating": (
        "Job dating apprentissage chez {org}",
        "Job dating alternance industrie {city_a}",
        "Job dating : {n} postes en apprentissage",
    ),
    "webinaire-visite-virtuelle": (
        "Visite virtuelle de l'usine {org}",
        "Webinaire : {jobs}",
        "Visite virtuelle de la ligne de production",
    ),
    "conference-table-ronde": (
        "Table ronde : les femmes dans l'industrie",
        "Conférence : l'industrie du futur {city_a}",
        "Table ronde : réindustrialisation et emplois de demain",
    ),
    "escape-game": (
        "Escape game industriel : sauvez la production !",
        "Escape game « Panne sur la ligne 3 »",
    ),
    "immersion-enseignants": (
        "Immersion d'enseignants chez {org}",
        "Journée d'immersion des professeurs en entreprise",
    ),
    "forum-des-metiers": (
        "Forum des métiers de l'industrie {city_de}",
        "Forum emploi-formation de l'industrie",
    ),
}
SCHOOL_TITLES = (
    "Forum des métiers de l'industrie au {school}",
    "Des entreprises du territoire au {school}",
    "Rencontre avec des professionnels de l'industrie",
    "Conférence : les métiers de l'industrie ont-ils un genre ?",
    "Semaine de l'industrie au {school} : ateliers et témoignages",
    "Défi robotique et découverte des métiers",
)
OTHER_TITLES = (
    "Forum des métiers de l'industrie {city_de}",
    "Salon de l'apprentissage industriel {city_de}",
    "Rallye des entreprises industrielles",
    "Conférence : les femmes dans l'industrie",
    "Job dating apprentissage industrie {city_a}",
    "Webinaire : s'orienter vers les métiers de l'industrie",
    "Escape game « Usine du futur »",
)

INTRO_SENTENCES = {
    "visite-entreprise": "{org} accueille les jeunes sur son site {city_de} pour une visite commentée des ateliers de production.",  # noqa: E501
    "portes-ouvertes": "À l'occasion de la Semaine de l'industrie {year}, {org} ouvre les portes de son site {city_de} au public.",  # noqa: E501
    "atelier-demonstration": "Un atelier pratique animé par les équipes {org_de} pour manipuler, fabriquer et comprendre.",  # noqa: E501
    "intervention-en-classe": "Des professionnels {org_de} viennent présenter leur métier et leur parcours directement en classe.",  # noqa: E501
    "job-dating": "Des entretiens courts et sans CV avec les recruteurs {org_de}, pour décrocher un contrat d'apprentissage.",  # noqa: E501
    "webinaire-visite-virtuelle": "Une visite en direct et en vidéo des ateliers {org_de}, avec un temps de questions-réponses.",  # noqa: E501
    "conference-table-ronde": "Dirigeants, techniciennes et apprentis échangent sur les transformations de l'industrie et ses métiers.",  # noqa: E501
    "escape-game": "Par équipes, les participants résolvent des énigmes pour remettre en route une ligne de production.",  # noqa: E501
    "immersion-enseignants": "Une journée pour permettre aux enseignants de découvrir l'entreprise, ses métiers et ses besoins en compétences.",  # noqa: E501
    "forum-des-metiers": "Une vingtaine d'entreprises industrielles et d'organismes de formation présentent leurs métiers et leurs formations.",  # noqa: E501
}
# theme: (sentence for a company's event, sentence for a school's or another structure's)
THEME_SENTENCES = {
    "mixite-des-metiers": (
        "Des femmes ingénieures, techniciennes et opératrices témoigneront de leur parcours.",
        "Des femmes ingénieures, techniciennes et opératrices témoigneront de leur parcours.",
    ),
    "transition-ecologique": (
        "Un temps sera consacré aux efforts du site pour réduire sa consommation d'énergie et ses émissions.",  # noqa: E501
        "Des entreprises présenteront comment elles réduisent leur consommation d'énergie et leurs émissions.",  # noqa: E501
    ),
    "economie-circulaire": (
        "Les participants verront comment les chutes et les rebuts sont triés, réemployés ou recyclés.",  # noqa: E501
        "Recyclage, réemploi, réparation : l'économie circulaire crée de nouveaux métiers.",
    ),
    "industrie-du-futur": (
        "Robots collaboratifs, jumeaux numériques et fabrication additive seront présentés en situation réelle.",  # noqa: E501
        "Robots collaboratifs, réalité virtuelle et impression 3D seront en démonstration.",
    ),
    "apprentissage-voie-professionnelle": (
        "Des apprentis présenteront leur formation en alternance et leur quotidien dans l'entreprise.",  # noqa: E501
        "Des apprentis et leurs formateurs présenteront les formations en alternance du territoire.",  # noqa: E501
    ),
    "recrutement-metiers-en-tension": (
        "L'entreprise recrute : {hiring}.",
        "Les entreprises présentes recrutent : {hiring}.",
    ),
}
HIRING = (
    "soudeurs, chaudronniers et techniciens de maintenance",
    "opérateurs de production, conducteurs de ligne et techniciens qualité",
    "électrotechniciens, automaticiens et techniciens de maintenance",
    "ingénieurs méthodes, dessinateurs industriels et techniciens de laboratoire",
    "régleurs, usineurs sur commande numérique et contrôleurs qualité",
)
SCHOOL_INTROS = (
    "Le {school} invite des entreprises industrielles du territoire à présenter leurs métiers à ses élèves.",  # noqa: E501
    "Ingénieures, techniciens et apprentis viennent au {school} raconter leur parcours et leur quotidien.",  # noqa: E501
)
OTHER_INTROS = (
    "{org} réunit entreprises industrielles, organismes de formation et jeunes autour des métiers de l'industrie.",  # noqa: E501
    "Organisée par {org}, cette action fait découvrir aux jeunes et à leurs familles les métiers qui recrutent dans l'industrie.",  # noqa: E501
)
VENUE_SENTENCES = (
    "Entrée libre dans la limite des places disponibles.",
    "Les élèves sont accueillis par groupes, encadrés par leurs enseignants.",
    "Programme détaillé envoyé aux participants une semaine avant l'événement.",
)
PRACTICAL_SENTENCES = (
    "Chaussures fermées obligatoires ; les équipements de protection sont fournis sur place.",
    "Prévoir une pièce d'identité pour l'accès au site.",
    "Accueil au poste de garde ; un parking pour autocar est disponible.",
    "Visite en petits groupes de quinze personnes au plus.",
    "Une collation sera offerte à l'issue de la rencontre.",
    "Les photos sont interdites dans les ateliers.",
)
COMPANY_SUMMARIES = (
    "Découvrez {jobs} et rencontrez les équipes {org_de}.",
    "{Org} vous montre comment on fabrique et qui le fait.",
)
SUMMARIES = (
    "Une rencontre pour comprendre comment on fabrique et qui le fait.",
    "Des métiers qui recrutent, présentés par celles et ceux qui les exercent.",
    "Voir, toucher, essayer : l'industrie de près.",
)
ACCESSIBILITY_DETAILS = (
    "Site de plain-pied, ascenseur pour accéder à la salle de réunion.",
    "Parcours de visite accessible en fauteuil roulant ; boucle magnétique en salle.",
    "Accueil adapté sur demande préalable auprès du contact.",
)


def de(name: str) -> str:
    """« de » before a name, with French elision and contraction (d'Amiens, du Havre)."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name and (name[0] in "AEIOUYÂÉÈÊÎÔŒ" or name.startswith("Hé")):
        return "d'" + name
    return "de " + name


def a(name: str) -> str:
    """« à » before a commune (au Havre, aux Herbiers)."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clean(text: str, limit: int | None = None) -> str:
    text = " ".join(text.split())
    return text[:limit] if limit else text


def event_texts(
    *,
    rng,
    kind: str,
    action_slug: str,
    org: str,
    city: str,
    year: int,
    theme_slugs=(),
    school_name: str = "",
    sector=None,
    employees: tuple[int, int] | None = None,
    title: str | None = None,
) -> tuple[str, str, str]:
    """(title, summary, description) of an event; `title` (a pattern) is drawn when not given.

    `sector` is a row of `data.SECTORS` for a company, `employees` its size band's range.
    """
    jobs = sector[4] if sector else "les métiers de l'industrie"
    field = sector[3] if sector else "l'industrie"
    values = {
        "org": org,
        "Org": sentence(org),
        "org_de": de(org),
        "city_a": a(city) if city else "",
        "city_de": de(city) if city else "",
        "jobs": jobs,
        "Jobs": sentence(jobs),
        "field": field,
        "school": school_name,
        "n": rng.choice((5, 8, 10, 12, 15, 20)),
        "year": year,
        "hiring": rng.choice(HIRING),
    }
    if kind == Event.OrganizerKind.COMPANY:
        titles = COMPANY_TITLES.get(action_slug) or COMPANY_TITLES["visite-entreprise"]
        intro = INTRO_SENTENCES.get(action_slug, INTRO_SENTENCES["visite-entreprise"])
        practical, summaries = PRACTICAL_SENTENCES, SUMMARIES + COMPANY_SUMMARIES
    elif kind == Event.OrganizerKind.SCHOOL:
        titles, intro = SCHOOL_TITLES, rng.choice(SCHOOL_INTROS)
        practical, summaries = VENUE_SENTENCES, SUMMARIES
    else:
        titles, intro = OTHER_TITLES, rng.choice(OTHER_INTROS)
        practical, summaries = VENUE_SENTENCES, SUMMARIES
    title = title or rng.choice(titles)
    sentences = [intro]
    if sector is not None and employees is not None:
        sentences.append(
            f"Spécialisée dans {field}, l'entreprise emploie {rng.randint(*employees)} "
            "salariés et forme chaque année des apprentis."
        )
    variant = 0 if kind == Event.OrganizerKind.COMPANY else 1
    sentences += [THEME_SENTENCES[s][variant] for s in theme_slugs[:2] if s in THEME_SENTENCES]
    sentences.append(rng.choice(practical))
    return (
        _clean(title.format(**values), 200),
        _clean(rng.choice(summaries).format(**values), 300),
        _clean(" ".join(sentences).format(**values)),
    )
