"""Forms of the organizer space: declare and edit an event with its sessions, decide on a
class, cancel, report attendance. The rules stay in the services; these parse input."""

from crispy_forms.layout import HTML, Fieldset, Layout
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from semaine.forms import DsfrFormHelper

from .geocoding import department_for_postcode
from .models import ActionType, Audience, Event, Theme

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class OrganizerChoiceField(forms.ChoiceField):
    """« company:<pk> » or « school:<pk> »: one of the structures I organize for."""


class EventDeclarationForm(forms.ModelForm):
    """An event as its organizer declares it. The département comes from the postcode
    (or, online, from the organizing structure); status and moderation fields are never
    in this form."""

    organizer = OrganizerChoiceField(label=gettext_lazy("Structure organisatrice"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "summary",
            "description",
            "action_types",
            "themes",
            "audiences",
            "format",
            "address",
            "postcode",
            "city",
            "online_url",
            "latitude",
            "longitude",
            "is_accessible",
            "accessibility_details",
            "is_free",
            "accepts_class_registrations",
            "registration_mode",
            "cancellation_notice_hours",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility_details": forms.Textarea(attrs={"rows": 3}),
            "action_types": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "format": forms.RadioSelect,
            "registration_mode": forms.RadioSelect,
        }
        help_texts = {
            "summary": gettext_lazy("Une phrase, affichée dans la liste des événements."),
            "latitude": gettext_lazy(
                "Calculée à partir de l'adresse ; corrigez-la si le point est mal placé."
            ),
            "cancellation_notice_hours": gettext_lazy(
                "Les enseignants peuvent annuler leur classe en ligne jusqu'à ce nombre "
                "d'heures avant le créneau (48 par défaut)."
            ),
        }

    def __init__(self, *args, organizers, **kwargs):
        """`organizers`: [(key, label, structure)] of the structures the user declares for."""
        super().__init__(*args, **kwargs)
        self.organizers = {key: structure for key, _label, structure in organizers}
        field = self.fields["organizer"]
        field.choices = [(key, label) for key, label, _structure in organizers]
        if self.instance.pk:
            del self.fields["organizer"]
            self.initial["version"] = self.instance.version
        elif len(organizers) == 1:
            field.initial = organizers[0][0]
            field.widget = forms.HiddenInput()
            field.required = False
        self.fields["action_types"].queryset = ActionType.objects.filter(is_active=True)
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        self.fields["audiences"].queryset = Audience.objects.filter(is_active=True)
        for name in ("action_types", "themes", "audiences"):
            self.fields[name].required = False  # checked by the labelling checklist
        self.fields["summary"].required = True
        self.helper = DsfrFormHelper(self, form_tag=False, disable_csrf=True)
        self.helper.layout = Layout(
            "organizer",
            "version",
            Fieldset(_("L'événement"), "title", "summary", "description", css_id="section-event"),
            Fieldset(
                _("Types d'action, thématiques et publics"),
                "action_types",
                "themes",
                "audiences",
                css_id="section-topics",
            ),
            Fieldset(
                _("Format et lieu"),
                "format",
                "address",
                "postcode",
                "city",
                "online_url",
                HTML(
                    '<div id="event-pin-map" class="semaine-event-pin-map fr-mb-2w" hidden '
                    'data-lat-input="id_latitude" data-lng-input="id_longitude"></div>'
                ),
                "latitude",
                "longitude",
                css_id="section-place",
            ),
            Fieldset(
                _("Accessibilité"),
                "is_accessible",
                "accessibility_details",
                css_id="section-accessibility",
            ),
            Fieldset(
                _("Gratuité et inscriptions des classes"),
                "is_free",
                "accepts_class_registrations",
                "registration_mode",
                "cancellation_notice_hours",
                css_id="section-registrations",
            ),
            Fieldset(
                _("Contact pour les services académiques (jamais publié)"),
                "contact_name",
                "contact_email",
                "contact_phone",
                css_id="section-contact",
            ),
        )

    def structure(self):
        """The (kind, company or school) chosen, for a new event."""
        if "organizer" not in self.fields:
            return None, None
        key = self.cleaned_data.get("organizer") or self.fields["organizer"].initial
        return key, self.organizers.get(key)

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if "organizer" in self.fields:
            key, structure = self.structure()
            if structure is None:
                self.add_error("organizer", _("Choisissez la structure organisatrice."))
                return cleaned_data
            kind = key.split(":")[0]
            instance.organizer_kind = kind
            instance.company = structure if kind == Event.OrganizerKind.COMPANY else None
            instance.school = structure if kind == Event.OrganizerKind.SCHOOL else None
        event_format = cleaned_data.get("format")
        postcode = (cleaned_data.get("postcode") or "").strip()
        if event_format != Event.Format.ONLINE or postcode:
            department = department_for_postcode(postcode)
            if department is None:
                self.add_error(
                    "postcode", _("Indiquez un code postal français à 5 chiffres, connu.")
                )
            else:
                instance.department = department
        if not instance.department_id:
            structure = instance.company or instance.school
            if structure is not None:
                instance.department = structure.department
        return cleaned_data


class SessionForm(forms.Form):
    """One session, typed in the académie's time zone (the view activates it)."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Début"),
        input_formats=[DATETIME_FORMAT, "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("Fin"),
        input_formats=[DATETIME_FORMAT, "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Capacité (élèves)"),
        min_value=1,
        max_value=100000,
        required=False,
        help_text=gettext_lazy("Vide : sans limite."),
    )

    def clean(self):
        cleaned_data = super().clean()
        starts_at, ends_at = cleaned_data.get("starts_at"), cleaned_data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("La fin du créneau doit suivre son début."))
        return cleaned_data


class BaseSessionFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("starts_at")
        ]
        if not kept:
            raise forms.ValidationError(_("Indiquez au moins un créneau."))


SessionFormSet = forms.formset_factory(
    SessionForm, formset=BaseSessionFormSet, extra=1, can_delete=True, max_num=50
)


class DecisionForm(forms.Form):
    """Approve or decline a pending class, with a message (required to decline)."""

    decision = forms.ChoiceField(
        choices=[("approve", gettext_lazy("Valider")), ("decline", gettext_lazy("Refuser"))]
    )
    reason = forms.CharField(
        label=gettext_lazy("Message à l'enseignant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif de l'annulation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Les enseignants des classes inscrites le recevront."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = DsfrFormHelper(
            self,
            submit_label=_("Annuler l'événement"),
            form_error_title=_("L'événement n'a pas pu être annulé"),
        )


class AttendanceForm(forms.Form):
    participants = forms.IntegerField(
        label=gettext_lazy("Participants présents"), min_value=0, max_value=100000
    )
    girls = forms.IntegerField(
        label=gettext_lazy("Dont filles"), min_value=0, max_value=100000, required=False
    )
    boys = forms.IntegerField(
        label=gettext_lazy("Dont garçons"), min_value=0, max_value=100000, required=False
    )

    def clean(self):
        cleaned_data = super().clean()
        total = cleaned_data.get("participants")
        counted = (cleaned_data.get("girls") or 0) + (cleaned_data.get("boys") or 0)
        if total is not None and counted > total:
            self.add_error(
                "girls",
                _("Les filles et les garçons ne peuvent dépasser le nombre de participants."),
            )
        return cleaned_data
