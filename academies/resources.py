"""CSV import and export of schools and companies (django-import-export).

Every imported row goes through the model's validators (`full_clean`): a bad UAI or
SIRET, an unknown département, a UAI in the wrong département are reported per row and
nothing is written. Column headers are the field names, stable whatever the language.
Académie staff may only import rows of their own académies.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import instance_loaders, resources, widgets
from import_export.fields import Field
from import_export.formats import base_formats

from semaine.spreadsheets import FormulaSafeResource

from .models import Company, Department, School
from .roles import academies_for_staff
from .validators import siret_normalize, uai_department_code, uai_is_valid, uai_normalize


class TolerantCSV(base_formats.CSV):
    """CSV read with `,` or `;` (French spreadsheets write `;`), written with `;`."""

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes) and self.encoding:
            in_stream = in_stream.decode(self.encoding)
        if isinstance(in_stream, str):
            in_stream = in_stream.removeprefix("\ufeff")  # spreadsheets' byte order mark
            header = in_stream.split("\n", 1)[0]
            if "delimiter" not in kwargs and header.count(";") > header.count(","):
                kwargs["delimiter"] = ";"
        return super().create_dataset(in_stream, **kwargs)

    def export_data(self, dataset, **kwargs):
        kwargs.setdefault("delimiter", ";")
        return super().export_data(dataset, **kwargs)


#: What the admin's exports offer: CSV (`;`) first, then XLSX. Both go through the
#: resources' `FormulaSafeResource`, so neither file holds a cell that runs as a formula
#: (openpyxl would store a text starting with `=` as one).
EXPORT_FORMATS = [TolerantCSV, base_formats.XLSX]


class NormalizedCharWidget(widgets.CharWidget):
    """Text cleaned by `normalize` before lookups and validation (UAI, SIRET)."""

    def __init__(self, normalize, **kwargs):
        self.normalize = normalize
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        return self.normalize(super().clean(value, row, **kwargs) or "")


class DepartmentWidget(widgets.ForeignKeyWidget):
    """A département by its INSEE code (`38`, `2A`, `974`; `1` read as `01`)."""

    def __init__(self, **kwargs):
        super().__init__(Department, field="code", **kwargs)
        self.reset()

    def reset(self) -> None:
        self._by_code = None

    def clean(self, value, row=None, **kwargs):
        code = str(value if value is not None else "").strip().upper()
        if not code:
            return None
        if code.isdigit() and len(code) == 1:
            code = code.zfill(2)
        if self._by_code is None:  # 101 rows, read once per import
            self._by_code = {d.code: d for d in Department.objects.all()}
        try:
            return self._by_code[code]
        except KeyError:
            raise ValueError(_("Département « %(code)s » inconnu.") % {"code": code}) from None


class AcademyScopedResource(FormulaSafeResource, resources.ModelResource):
    """Rows are checked against the académies of the importing user (`user=` of import_data).
    Exported cells never run as spreadsheet formulas, and read back unchanged."""

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, DepartmentWidget):
                field.widget.reset()
        user = kwargs.get("user")
        academies = academies_for_staff(user=user) if user is not None else None
        self.allowed_department_ids = (
            None
            if academies is None
            else set(Department.objects.filter(academy__in=academies).values_list("pk", flat=True))
        )

    def import_instance(self, instance, row, **kwargs):
        department_before = instance.department_id if instance.pk else None
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        allowed = getattr(self, "allowed_department_ids", None)
        if allowed is not None:
            if instance.pk and department_before not in allowed:
                errors.setdefault(NON_FIELD_ERRORS, []).append(
                    _("Cette fiche relève d'une autre académie que la vôtre.")
                )
            elif "department" not in errors and instance.department_id not in allowed:
                errors["department"] = [
                    _("Le département doit appartenir à l'une de vos académies.")
                ]
        if errors:
            raise ValidationError(errors)


class SchoolResource(AcademyScopedResource):
    uai = Field(attribute="uai", column_name="uai", widget=NormalizedCharWidget(uai_normalize))
    department = Field(attribute="department", column_name="department", widget=DepartmentWidget())

    class Meta:
        model = School
        fields = (
            "uai",
            "name",
            "kind",
            "sector",
            "department",
            "address",
            "postcode",
            "city",
            "city_code",
            "latitude",
            "longitude",
            "siret",
            "is_open",
        )
        export_order = fields
        import_id_fields = ("uai",)
        instance_loader_class = instance_loaders.CachedInstanceLoader
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def before_import_row(self, row, **kwargs):
        # The UAI tells the département: the column may be left empty.
        uai = uai_normalize(str(row.get("uai") or ""))
        if not str(row.get("department") or "").strip() and uai_is_valid(uai):
            row["department"] = uai_department_code(uai)
        super().before_import_row(row, **kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("department")


class CompanyResource(AcademyScopedResource):
    siret = Field(
        attribute="siret", column_name="siret", widget=NormalizedCharWidget(siret_normalize)
    )
    department = Field(attribute="department", column_name="department", widget=DepartmentWidget())

    class Meta:
        model = Company
        fields = (
            "siret",
            "name",
            "legal_name",
            "diffusion",
            "naf_code",
            "size_band",
            "department",
            "address",
            "postcode",
            "city",
            "city_code",
            "latitude",
            "longitude",
            "is_active",
        )
        export_order = fields
        import_id_fields = ("siret",)
        instance_loader_class = instance_loaders.CachedInstanceLoader
        clean_model_instances = True
        skip_unchanged = True
        use_transactions = True

    def get_queryset(self):
        return super().get_queryset().select_related("department")
