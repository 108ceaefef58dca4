"""The statistics dashboard at /admin/statistiques/: the figures of one edition for my
académie (national staff: any académie or all of them, with a comparison by académie),
each block an accessible table, the whole exportable as CSV (formula-safe).

The figures come from `events.selectors.statistics`; this module only turns them into
captioned tables."""

import csv
import json
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academies.admin import ROLE_NONE, staff_role
from academies.models import Academy
from academies.roles import academies_for_staff
from semaine.spreadsheets import cell_neutralise

from ..models import Edition
from ..selectors.statistics import Dashboard, statistics_dashboard


@dataclass(frozen=True)
class FigureTable:
    key: str
    caption: str
    headers: tuple
    rows: list
    #: a bar chart of the same figures: JSON strings for <bar-chart x= y= name=>
    chart: dict | None = None


def bar_chart(*, labels, series: dict, unit: str = "") -> dict | None:
    """The attributes of a DSFR <bar-chart> (one list of values per named series)."""
    if not labels:
        return None
    return {
        "x": json.dumps([[str(label) for label in labels]] * len(series), ensure_ascii=False),
        "y": json.dumps([[value or 0 for value in values] for values in series.values()]),
        "name": json.dumps([str(name) for name in series], ensure_ascii=False),
        "unit": unit,
    }


def percent(share) -> str:
    """« 45,8 % », or a dash when nothing is known."""
    if share is None:
        return "—"
    return f"{number_format(round(share * 100, 1), decimal_pos=1)}\u00a0%"


def number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return number_format(round(value, 1), decimal_pos=1)
    return str(value)


class StatisticsForm(forms.Form):
    edition = forms.ModelChoiceField(
        Edition.objects.none(), required=False, label=gettext_lazy("Édition")
    )
    academy = forms.ModelChoiceField(
        Academy.objects.none(), required=False, label=gettext_lazy("Académie")
    )

    def __init__(self, *args, editions, academies, academy_queryset, national, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = Edition.objects.all()
        self.fields["edition"].choices = [(e.pk, str(e.year)) for e in editions]
        self.fields["academy"].queryset = academy_queryset
        academy_choices = [(a.pk, a.name) for a in academies]
        if national:
            self.fields["academy"].choices = [("", _("Toutes les académies")), *academy_choices]
        else:
            self.fields["academy"].choices = academy_choices


def dashboard_tables(dashboard: Dashboard) -> list[FigureTable]:
    events, sessions, regs = dashboard.events, dashboard.sessions, dashboard.registrations
    moderation, participants = dashboard.moderation, dashboard.participants
    tables = [
        FigureTable(
            "events",
            _("Événements"),
            (_("Indicateur"), _("Nombre")),
            [
                (_("Déclarés (brouillons compris)"), events["declared"]),
                (_("Soumis à labellisation au moins une fois"), events["submitted"]),
                (_("En attente de labellisation"), events["awaiting"]),
                (_("Labellisés et publiés"), events["labelled"]),
                (_("Modifications demandées"), events["changes_requested"]),
                (_("Refusés"), events["rejected"]),
                (_("Annulés"), events["cancelled"]),
            ],
        ),
        FigureTable(
            "moderation",
            _("Délai de labellisation"),
            (_("Indicateur"), _("Valeur")),
            [
                (_("Décisions prises"), moderation["decisions"]),
                (_("Délai médian (jours ouvrés)"), number(moderation["median"])),
                (
                    _("Décisions en %(days)s jours ouvrés au plus")
                    % {"days": moderation["target_days"]},
                    moderation["within_target"],
                ),
                (
                    _("Part des décisions dans l'objectif"),
                    percent(moderation["within_target_share"]),
                ),
            ],
        ),
    ]
    for key, caption, rows in (
        ("by_action_type", _("Événements par type d'action"), dashboard.by_action_type),
        ("by_theme", _("Événements par thématique"), dashboard.by_theme),
        ("by_department", _("Événements par département"), dashboard.by_department),
    ):
        tables.append(
            FigureTable(
                key,
                caption,
                (_("Catégorie"), _("Déclarés"), _("Labellisés")),
                [(row["name"], row["declared"], row["labelled"]) for row in rows],
            )
        )
    tables += [
        FigureTable(
            "sessions",
            _("Créneaux et participation"),
            (_("Indicateur"), _("Valeur")),
            [
                (_("Créneaux des événements labellisés"), sessions["sessions"]),
                (_("Places offertes (créneaux à capacité fixée)"), sessions["places"]),
                (_("Créneaux sans limite de places"), sessions["unlimited"]),
                (
                    _("Classes inscrites (en attente, confirmées, en liste d'attente)"),
                    regs["classes"],
                ),
                (_("Élèves inscrits"), regs["pupils"]),
                (_("Classes confirmées"), regs["confirmed_classes"]),
                (_("Élèves confirmés"), regs["confirmed_pupils"]),
                (_("Classes en liste d'attente"), regs["waitlisted_classes"]),
                (_("Élèves en liste d'attente"), regs["waitlisted_pupils"]),
                (_("Créneaux dont la présence est déclarée"), sessions["reported"]),
                (_("Élèves déclarés présents"), sessions["present"]),
            ],
        ),
        FigureTable(
            "mixite",
            _("Mixité"),
            (_("Indicateur"), _("Valeur")),
            [
                (_("Part de filles parmi les élèves inscrits"), percent(regs["girls_share"])),
                (
                    _("Élèves inscrits dont le nombre de filles est connu"),
                    number(regs["girls_known"] or 0),
                ),
                (
                    _("Part de filles parmi les élèves présents"),
                    percent(sessions["present_girls_share"]),
                ),
            ],
        ),
        FigureTable(
            "mixite_by_level",
            _("Mixité par niveau (élèves inscrits)"),
            (_("Niveau"), _("Classes"), _("Élèves inscrits"), _("Part de filles")),
            [
                (row["name"], row["classes"], row["pupils"], percent(row["girls_share"]))
                for row in dashboard.mixite_by_level
            ],
            chart=bar_chart(
                labels=[row["name"] for row in dashboard.mixite_by_level],
                series={
                    _("Part de filles parmi les élèves inscrits (%)"): [
                        round(row["girls_share"] * 100, 1) if row["girls_share"] is not None else 0
                        for row in dashboard.mixite_by_level
                    ]
                },
                unit="%",
            ),
        ),
        FigureTable(
            "mixite_by_action_type",
            _("Mixité par type d'action"),
            (
                _("Type d'action"),
                _("Élèves inscrits"),
                _("Part de filles parmi les inscrits"),
                _("Élèves présents"),
                _("Part de filles parmi les présents"),
            ),
            [
                (
                    row["name"],
                    row["pupils"],
                    percent(row["girls_share"]),
                    row["present"],
                    percent(row["present_girls_share"]),
                )
                for row in dashboard.mixite_by_action_type
            ],
        ),
        FigureTable(
            "participants",
            _("Participants"),
            (_("Indicateur"), _("Nombre")),
            [
                (
                    _("Établissements impliqués (inscrits ou organisateurs)"),
                    participants["schools"],
                ),
                (
                    _("dont nouveaux par rapport à l'édition précédente"),
                    number(participants["schools_first_time"]),
                ),
                (_("Entreprises organisatrices"), participants["companies"]),
                (
                    _("dont nouvelles par rapport à l'édition précédente"),
                    number(participants["companies_first_time"]),
                ),
            ],
        ),
        FigureTable(
            "evolution",
            _("Évolution d'une édition à l'autre"),
            (
                _("Année"),
                _("Déclarés"),
                _("Labellisés"),
                _("Entreprises organisatrices"),
                _("Classes inscrites"),
                _("Élèves inscrits"),
                _("Établissements inscrits"),
                _("Part de filles"),
            ),
            [
                (
                    row["year"],
                    row["declared"],
                    row["labelled"],
                    row["companies"],
                    row["classes"],
                    row["pupils"],
                    row["schools_registering"],
                    percent(row["girls_share"]),
                )
                for row in dashboard.evolution
            ],
            chart=bar_chart(
                labels=[row["year"] for row in reversed(dashboard.evolution)],
                series={
                    _("Événements labellisés"): [
                        row["labelled"] for row in reversed(dashboard.evolution)
                    ],
                },
            ),
        ),
    ]
    if dashboard.by_academy is not None:
        tables.append(
            FigureTable(
                "by_academy",
                _("Comparaison par académie"),
                (
                    _("Académie"),
                    _("Déclarés"),
                    _("En attente"),
                    _("Labellisés"),
                    _("Refusés"),
                    _("Classes inscrites"),
                    _("Élèves inscrits"),
                    _("Part de filles"),
                ),
                [
                    (
                        row["name"],
                        row["declared"],
                        row["awaiting"],
                        row["labelled"],
                        row["rejected"],
                        row["classes"],
                        row["pupils"],
                        percent(row["girls_share"]),
                    )
                    for row in dashboard.by_academy
                ],
            )
        )
    return tables


def statistics_view(request, *, admin_site):
    """GET: the dashboard; `?export=csv`: its tables in one CSV file."""
    role = staff_role(request)
    if role == ROLE_NONE:
        raise PermissionDenied
    scope = academies_for_staff(user=request.user)
    national = scope is None
    academy_queryset = Academy.objects.all() if national else scope
    academies = list(academy_queryset.order_by("name"))
    editions = list(Edition.objects.order_by("-year"))
    form = StatisticsForm(
        request.GET or None,
        editions=editions,
        academies=academies,
        academy_queryset=academy_queryset,
        national=national,
    )
    edition = academy = None
    if form.is_bound and form.is_valid():
        edition, academy = form.cleaned_data["edition"], form.cleaned_data["academy"]
    edition = edition or next((e for e in editions if e.is_current), None)
    edition = edition or (editions[0] if editions else None)
    if academy is None and not national:
        academy = academies[0] if academies else None
        if academy is None:
            raise PermissionDenied
    # the choices show what the page shows (not the first option), whatever was asked
    form = StatisticsForm(
        initial={"edition": edition.pk if edition else None, "academy": academy},
        editions=editions,
        academies=academies,
        academy_queryset=academy_queryset,
        national=national,
    )
    if edition is None:
        dashboard, tables = None, []
    else:
        selected = None if academy is None else [academy.pk]
        dashboard = statistics_dashboard(
            edition=edition,
            editions=editions,
            academies=selected,
            compare=national and academy is None,
            every_academy=academies,
        )
        tables = dashboard_tables(dashboard)
    if request.GET.get("export") == "csv":
        return _csv_response(tables, edition=edition, academy=academy)
    query = request.GET.copy()
    query["export"] = "csv"
    context = {
        **admin_site.each_context(request),
        "title": _("Statistiques"),
        "subtitle": None,
        "form": form,
        "edition": edition,
        "academy": academy,
        "national": national,
        "dashboard": dashboard,
        "tables": tables,
        "export_query": query.urlencode(),
    }
    return TemplateResponse(request, "admin/statistics.html", context)


def _csv_response(tables, *, edition, academy) -> HttpResponse:
    year = edition.year if edition else ""
    scope = academy.slug if academy else "france"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistiques-{year}-{scope}.csv"'
    response.write("\ufeff")  # spreadsheets read the accents right
    writer = csv.writer(response, delimiter=";")
    for table in tables:
        writer.writerow([cell_neutralise(str(table.caption))])
        writer.writerow([cell_neutralise(str(header)) for header in table.headers])
        for row in table.rows:
            writer.writerow([cell_neutralise(str(cell)) for cell in row])
        writer.writerow([])
    return response
