"""The Annuaire and Sirene importers in the admin, for national staff: /admin/academies/import/.

Upload → dry run and its report (created, updated, unchanged, rejected with reasons) →
« Confirmer l'import » → the real import on the same stored files → the final report.

- The uploaded files are stored under MEDIA_ROOT/imports/<token>/ (shared with the task
  worker), deleted once the real import has run, failed, or after a day if never confirmed.
- The run's state and reports live in the cache under the token (no model): the cache
  must be shared by the web and the worker processes in production (Redis). The token is
  also kept in the session: only the person who uploaded the files sees and confirms them.
- The dry run runs inline for files up to `INLINE_MAX_BYTES`, else in a task; the
  confirmation always runs in a task (`academies.tasks.directory_import_run`), and the
  page shows « import en cours » until the report is stored.
"""

import secrets
import shutil
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importers import ImportFileError, ImportReport, companies_import, schools_import
from .management.csv_import import FileLines
from .roles import staff_is_national

KIND_ANNUAIRE, KIND_SIRENE = "annuaire", "sirene"
INLINE_MAX_BYTES = 5 * 1024 * 1024
STATE_TIMEOUT = 24 * 3600
ABANDONED_AFTER = 24 * 3600
REJECTIONS_SHOWN = 500
SESSION_KEY = "academies_imports"

# statuses of a run
DRY_RUN_RUNNING, DRY_RUN_DONE = "dry_run_running", "dry_run_done"
RUNNING, DONE, FAILED = "running", "done", "failed"


def _imports_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _state_key(token: str) -> str:
    return f"academies:directory-import:{token}"


def state_get(token: str) -> dict | None:
    return cache.get(_state_key(token))


def _state_set(token: str, state: dict) -> None:
    cache.set(_state_key(token), state, STATE_TIMEOUT)


def _files_delete(token: str) -> None:
    shutil.rmtree(_imports_root() / token, ignore_errors=True)


def _abandoned_delete() -> None:
    """Files of dry runs never confirmed, older than a day."""
    root = _imports_root()
    if not root.is_dir():
        return
    limit = time.time() - ABANDONED_AFTER
    for directory in root.iterdir():
        if directory.is_dir() and directory.stat().st_mtime < limit:
            shutil.rmtree(directory, ignore_errors=True)


def report_to_dict(report: ImportReport) -> dict:
    shown = report.rejections[:REJECTIONS_SHOWN]
    return {
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected": report.rejected,
        "skipped": report.skipped,
        "closed": report.closed,
        "legal_units_needed": report.legal_units_needed,
        "legal_units_found": report.legal_units_found,
        "rejections": [{"line": r.line, "reason": r.reason} for r in shown],
        "rejections_more": report.rejected - len(shown),
    }


def import_execute(*, token: str, dry_run: bool) -> str:
    """Run the importer on the stored files of `token`; store the report or the error
    (its reasons in the language of the person who uploaded the files)."""
    state = state_get(token)
    if state is None:
        _files_delete(token)
        return FAILED
    with translation.override(state.get("language") or settings.LANGUAGE_CODE):
        return _execute(token, state, dry_run=dry_run)


def _execute(token: str, state: dict, *, dry_run: bool) -> str:
    files = state["files"]
    lines = FileLines(files["lines"], encoding="utf-8-sig")
    try:
        if state["kind"] == KIND_ANNUAIRE:
            report = schools_import(lines=lines, complete=state["complete"], dry_run=dry_run)
        else:
            legal_units = files.get("legal_units")
            report = companies_import(
                lines=lines,
                legal_unit_lines=FileLines(legal_units, encoding="utf-8-sig")
                if legal_units
                else None,
                industry_only=state["industry_only"],
                dry_run=dry_run,
            )
    except (ImportFileError, ValidationError, OSError) as error:
        message = " ".join(getattr(error, "messages", None) or [str(error)])
        partial = getattr(error, "report", None)
        if partial is not None and partial.rows and not dry_run:
            message += " " + _(
                "Déjà enregistré avant l'erreur (relancer l'import est sans risque) : "
                "créés : %(created)d, mis à jour : %(updated)d."
            ) % {"created": partial.created, "updated": partial.updated}
        state.update(status=FAILED, error=message)
        _state_set(token, state)
        _files_delete(token)
        return FAILED
    if dry_run:
        state.update(status=DRY_RUN_DONE, dry_run_report=report_to_dict(report))
    else:
        state.update(status=DONE, report=report_to_dict(report))
        _files_delete(token)
    _state_set(token, state)
    return state["status"]


class DirectoryImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Type de fichier"),
        choices=[
            (KIND_ANNUAIRE, gettext_lazy("Annuaire de l'éducation (établissements scolaires)")),
            (KIND_SIRENE, gettext_lazy("Sirene : établissements (entreprises)")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV"),
        help_text=gettext_lazy(
            "Export de l'Annuaire de l'éducation (séparateur « ; ») ou StockEtablissement "
            "de Sirene (séparateur « , »), en UTF-8."
        ),
    )
    legal_units = forms.FileField(
        label=gettext_lazy("Sirene : unités légales (facultatif)"),
        required=False,
        help_text=gettext_lazy(
            "StockUniteLegale : donne la raison sociale des établissements sans enseigne."
        ),
    )
    complete = forms.BooleanField(
        label=gettext_lazy("Export complet"),
        required=False,
        help_text=gettext_lazy(
            "Annuaire seulement : les établissements ouverts des académies du fichier qui "
            "n'y figurent plus sont marqués fermés (jamais supprimés)."
        ),
    )
    industry_only = forms.BooleanField(
        label=gettext_lazy("Industrie seulement"),
        required=False,
        help_text=gettext_lazy(
            "Sirene seulement : seuls les établissements des divisions NAF 05 à 39 sont importés."
        ),
    )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == KIND_ANNUAIRE:
            if data.get("legal_units"):
                self.add_error(
                    "legal_units",
                    _("Le fichier des unités légales ne va qu'avec un import Sirene."),
                )
            if data.get("industry_only"):
                self.add_error(
                    "industry_only", _("L'option « Industrie seulement » ne vaut que pour Sirene.")
                )
        elif kind == KIND_SIRENE and data.get("complete"):
            self.add_error(
                "complete", _("L'option « Export complet » ne vaut que pour l'Annuaire.")
            )
        return data


def _store(token: str, upload, name: str) -> str:
    directory = _imports_root() / token
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    with open(target, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return str(target)


def _national_only(request) -> None:
    if not staff_is_national(user=request.user):
        raise PermissionDenied


def _remember(request, token: str) -> None:
    tokens = [t for t in request.session.get(SESSION_KEY, []) if t != token][-9:]
    request.session[SESSION_KEY] = [*tokens, token]


def _state_of_session(request, token: str) -> dict:
    if token not in request.session.get(SESSION_KEY, []):
        raise Http404
    state = state_get(token)
    if state is None:
        raise Http404
    return state


def _context(request, site, **extra) -> dict:
    return {
        **site.each_context(request),
        "title": _("Importer l'Annuaire de l'éducation ou Sirene"),
        **extra,
    }


def import_form_view(request, *, site):
    _national_only(request)
    form = DirectoryImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        from .tasks import directory_import_run

        _abandoned_delete()
        token = secrets.token_urlsafe(16)
        data = form.cleaned_data
        files = {"lines": _store(token, data["file"], "lines.csv")}
        size = data["file"].size
        if data.get("legal_units"):
            files["legal_units"] = _store(token, data["legal_units"], "legal_units.csv")
            size += data["legal_units"].size
        state = {
            "user_id": request.user.pk,
            "kind": data["kind"],
            "complete": data["complete"],
            "industry_only": data["industry_only"],
            "files": files,
            "file_name": data["file"].name,
            "legal_units_name": data["legal_units"].name if data.get("legal_units") else "",
            "status": DRY_RUN_RUNNING,
            "language": translation.get_language(),
        }
        _state_set(token, state)
        if size <= INLINE_MAX_BYTES:
            status = import_execute(token=token, dry_run=True)
            if status == FAILED:
                form.add_error(None, (state_get(token) or {}).get("error", ""))
                return TemplateResponse(
                    request, "admin/academies/import.html", _context(request, site, form=form)
                )
        else:
            directory_import_run.enqueue(token=token, dry_run=True)
        _remember(request, token)
        return redirect("admin:academies_directory_import_report", token=token)
    return TemplateResponse(
        request, "admin/academies/import.html", _context(request, site, form=form)
    )


def import_report_view(request, token, *, site):
    _national_only(request)
    state = _state_of_session(request, token)
    return TemplateResponse(
        request,
        "admin/academies/import_report.html",
        _context(
            request,
            site,
            state=state,
            token=token,
            running=state["status"] in (DRY_RUN_RUNNING, RUNNING),
            kind_label=dict(DirectoryImportForm.base_fields["kind"].choices)[state["kind"]],
        ),
    )


def import_confirm_view(request, token, *, site):
    _national_only(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    state = _state_of_session(request, token)
    if state["status"] == DRY_RUN_DONE:
        from .tasks import directory_import_run

        state["status"] = RUNNING
        _state_set(token, state)
        directory_import_run.enqueue(token=token, dry_run=False)
    return redirect(reverse("admin:academies_directory_import_report", kwargs={"token": token}))


def _install(site: admin.AdminSite) -> None:
    """Put the three pages in front of the site's URLs (the site's class is left as is)."""
    original = site.get_urls

    def get_urls():
        return [
            path(
                "academies/import/",
                site.admin_view(lambda request: import_form_view(request, site=site)),
                name="academies_directory_import",
            ),
            path(
                "academies/import/<str:token>/",
                site.admin_view(
                    lambda request, token: import_report_view(request, token, site=site)
                ),
                name="academies_directory_import_report",
            ),
            path(
                "academies/import/<str:token>/confirmer/",
                site.admin_view(
                    lambda request, token: import_confirm_view(request, token, site=site)
                ),
                name="academies_directory_import_confirm",
            ),
            *original(),
        ]

    site.get_urls = get_urls


_install(admin.site)
