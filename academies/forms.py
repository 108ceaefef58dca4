"""Onboarding forms: attach to a school (UAI or search), to a company (SIRET), create one."""

from crispy_forms.layout import Hidden
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from semaine.forms import DsfrFormHelper

from .models import AttachmentRequest, Company, School
from .validators import siret_normalize, uai_normalize, validate_siret, validate_uai

SCHOOL_ROLE_CHOICES = [
    (AttachmentRequest.Role.TEACHER, gettext_lazy("J'enseigne dans cet établissement")),
    (
        AttachmentRequest.Role.SCHOOL_STAFF,
        gettext_lazy("Je fais partie de la direction ou du personnel"),
    ),
]


class SchoolAttachForm(forms.Form):
    uai = forms.CharField(
        label=gettext_lazy("UAI de l'établissement"),
        help_text=gettext_lazy("7 chiffres et une lettre, par exemple 0381778B."),
        max_length=12,
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Votre rôle"),
        choices=SCHOOL_ROLE_CHOICES,
        initial=AttachmentRequest.Role.TEACHER,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = None
        self.helper = DsfrFormHelper(
            self, submit_label=_("Demander le rattachement"), form_id="school-attach"
        )
        self.helper.add_input(Hidden("action", "school"))

    def clean_uai(self):
        uai = uai_normalize(self.cleaned_data["uai"])
        validate_uai(uai)
        self.school = School.objects.select_related("department__academy").filter(uai=uai).first()
        if self.school is None:
            raise forms.ValidationError(
                _("Aucun établissement n'a l'UAI %(uai)s dans l'annuaire de l'éducation."),
                params={"uai": uai},
            )
        if not self.school.is_open:
            raise forms.ValidationError(
                _("L'établissement %(uai)s est fermé : il n'accepte plus de rattachement."),
                params={"uai": uai},
            )
        return uai


class SchoolSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Nom ou commune de l'établissement"),
        help_text=gettext_lazy("Par exemple « Champollion Grenoble », ou un code postal."),
        min_length=2,
        max_length=100,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = DsfrFormHelper(
            self,
            submit_label=_("Rechercher"),
            form_method="get",
            form_id="school-search",
            mark_optional_fields=False,
        )


class CompanyAttachForm(forms.Form):
    siret = forms.CharField(
        label=gettext_lazy("SIRET de votre établissement"),
        help_text=gettext_lazy("14 chiffres, espaces permis : 412 345 678 00012."),
        max_length=20,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = DsfrFormHelper(self, submit_label=_("Continuer"), form_id="company-attach")
        self.helper.add_input(Hidden("action", "company"))

    def clean_siret(self):
        siret = siret_normalize(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret


class CompanyCreateForm(forms.Form):
    siret = forms.CharField(widget=forms.HiddenInput, max_length=20)
    name = forms.CharField(label=gettext_lazy("Raison sociale ou enseigne"), max_length=255)
    address = forms.CharField(
        label=gettext_lazy("Adresse"),
        help_text=gettext_lazy("Numéro et voie."),
        max_length=255,
        required=False,
    )
    postcode = forms.CharField(
        label=gettext_lazy("Code postal"),
        help_text=gettext_lazy("Il donne le département, donc l'académie."),
        max_length=5,
    )
    city = forms.CharField(label=gettext_lazy("Commune"), max_length=100)
    naf_code = forms.CharField(
        label=gettext_lazy("Code NAF (APE)"),
        help_text=gettext_lazy("4 chiffres et une lettre, par exemple 25.62A."),
        max_length=6,
    )

    def __init__(self, *args, diffusion=Company.Diffusion.FULL, **kwargs):
        super().__init__(*args, **kwargs)
        if diffusion == Company.Diffusion.PARTIAL:
            # Sirene partial diffusion: the street is neither asked, stored nor shown.
            del self.fields["address"]
        self.helper = DsfrFormHelper(
            self, submit_label=_("Créer l'entreprise et m'y rattacher"), form_id="company-create"
        )

    def clean_siret(self):
        siret = siret_normalize(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif du refus, transmis à la personne"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
