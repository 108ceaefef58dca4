"""Forms of the events app: the teachers' class registration."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academies.models import School
from semaine.abuse import HoneypotFormMixin
from semaine.forms import DsfrFormHelper

from .models import ClassRegistration


class ClassCountsMixin:
    """Girls never outnumber students; the class name is trimmed (both forms)."""

    def clean_class_name(self):
        return self.cleaned_data["class_name"].strip()

    def clean(self):
        cleaned_data = super().clean()
        students, girls = cleaned_data.get("students"), cleaned_data.get("girls")
        if students is not None and girls is not None and girls > students:
            self.add_error("girls", _("Le nombre de filles ne peut dépasser le nombre d'élèves."))
        return cleaned_data


class ClassRegistrationForm(HoneypotFormMixin, ClassCountsMixin, forms.Form):
    """A class to register on a session; the rules (seats, dates, duplicates) are the service's.

    `schools` are the teacher's schools: a select when several, a preselected hidden field
    when only one.
    """

    school = forms.ModelChoiceField(
        label=gettext_lazy("Établissement"), queryset=School.objects.none(), empty_label=None
    )
    class_level = forms.ChoiceField(
        label=gettext_lazy("Niveau de la classe"),
        choices=[("", gettext_lazy("Choisir un niveau"))] + ClassRegistration.Level.choices,
    )
    class_name = forms.CharField(
        label=gettext_lazy("Nom de la classe"),
        max_length=50,
        help_text=gettext_lazy("Par exemple « 3e B »."),
    )
    students = forms.IntegerField(label=gettext_lazy("Nombre d'élèves"), min_value=1, max_value=500)
    girls = forms.IntegerField(
        label=gettext_lazy("Dont filles"),
        min_value=0,
        max_value=500,
        required=False,
        help_text=gettext_lazy("Pour les statistiques de mixité."),
    )
    accompanying_adults = forms.IntegerField(
        label=gettext_lazy("Adultes accompagnateurs"), min_value=0, max_value=50, initial=1
    )
    needs = forms.CharField(
        label=gettext_lazy("Besoins particuliers"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Accessibilité, horaires, repas…"),
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        schools = list(schools)
        field = self.fields["school"]
        field.queryset = School.objects.filter(pk__in=[school.pk for school in schools])
        if len(schools) == 1:
            field.initial = schools[0].pk
            field.widget = forms.HiddenInput()
        self.helper = DsfrFormHelper(
            self,
            submit_label=_("Inscrire la classe"),
            form_id="class-registration-form",
            form_error_title=_("L'inscription n'a pas pu être enregistrée"),
        )


class ClassRegistrationChangeForm(ClassCountsMixin, forms.Form):
    """A teacher changes their class; seats and duplicates are the service's rules."""

    class_name = ClassRegistrationForm.base_fields["class_name"]
    students = ClassRegistrationForm.base_fields["students"]
    girls = ClassRegistrationForm.base_fields["girls"]
    accompanying_adults = ClassRegistrationForm.base_fields["accompanying_adults"]
    needs = ClassRegistrationForm.base_fields["needs"]

    def __init__(self, *args, registration, **kwargs):
        kwargs.setdefault(
            "initial",
            {name: getattr(registration, name) for name in ClassRegistrationChangeForm.base_fields},
        )
        super().__init__(*args, **kwargs)
        self.helper = DsfrFormHelper(
            self,
            submit_label=_("Enregistrer les modifications"),
            form_id="class-registration-change-form",
            form_error_title=_("La modification n'a pas pu être enregistrée"),
        )
