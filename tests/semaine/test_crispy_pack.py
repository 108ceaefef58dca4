"""The dsfr_crispy template pack renders crispy forms in DSFR markup."""

import re

import pytest
from crispy_forms.layout import Button, ButtonHolder, Fieldset, Layout, Submit
from crispy_forms.utils import render_crispy_form
from django import forms
from django.template import Context, Template

from semaine.forms import DsfrButton, DsfrFormHelper


class ClassForm(forms.Form):
    teacher_email = forms.EmailField(
        label="Adresse électronique", help_text="Celle de votre établissement"
    )
    level = forms.ChoiceField(label="Niveau", choices=[("4e", "4e"), ("3e", "3e")])
    students = forms.IntegerField(label="Nombre d'élèves", min_value=1)
    needs = forms.CharField(label="Besoins particuliers", widget=forms.Textarea, required=False)
    audiences = forms.MultipleChoiceField(
        label="Publics",
        choices=[("college", "Collégiens"), ("lycee", "Lycéens")],
        widget=forms.CheckboxSelectMultiple,
    )
    event_format = forms.ChoiceField(
        label="Format",
        choices=[("onsite", "Sur place"), ("online", "En ligne")],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label="J'accepte les conditions")
    password = forms.CharField(label="Mot de passe", widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = DsfrFormHelper(self, form_id="class-form")
        self.helper.layout = Layout(
            Fieldset("Votre classe", "teacher_email", "level", "students", "needs"),
            "audiences",
            "event_format",
            "consent",
            "password",
            ButtonHolder(Submit("save", "Inscrire la classe"), Button("back", "Retour")),
        )

    def clean(self):
        raise forms.ValidationError("Ce créneau est complet.")


def render(form):
    return render_crispy_form(form)


def tag(html, element_id):
    """The opening tag of the element with this id."""
    match = re.search(rf'<[a-z]+[^>]*\bid="{element_id}"[^>]*>', html)
    assert match, f"no element with id {element_id}"
    return match.group(0)


@pytest.fixture
def invalid_form():
    form = ClassForm(data={"teacher_email": "pas-une-adresse", "students": "0"})
    assert not form.is_valid()
    return form


def test_invalid_field_shows_the_dsfr_error_state(invalid_form):
    html = render(invalid_form)
    group = tag(html, "div_id_teacher_email")
    assert "fr-input-group fr-input-group--error" in group
    widget = tag(html, "id_teacher_email")
    assert "fr-input" in widget
    assert 'aria-invalid="true"' in widget
    described_by = re.search(r'aria-describedby="([^"]+)"', widget).group(1).split()
    assert "id_teacher_email_error" in described_by
    error = re.search(r'<div id="id_teacher_email_error"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert 'class="fr-error-text"' in error
    assert "Saisissez une adresse de courriel valide." in error


def test_help_text_is_a_dsfr_hint_inside_the_label(invalid_form):
    html = render(invalid_form)
    label = re.search(r'<label class="fr-label" for="id_teacher_email">(.*?)</label>', html, re.S)
    assert '<span class="fr-hint-text" id="id_teacher_email_helptext">' in label.group(1)
    assert "Celle de votre établissement" in label.group(1)
    assert "id_teacher_email_helptext" in tag(html, "id_teacher_email")


def test_selects_use_the_dsfr_select(invalid_form):
    html = render(invalid_form)
    assert "fr-select-group fr-select-group--error" in tag(html, "div_id_level")
    assert "fr-select" in tag(html, "id_level")


def test_optional_fields_are_marked_and_the_form_says_so():
    html = render(ClassForm())
    assert "Besoins particuliers (facultatif)" in html
    assert "Adresse électronique (facultatif)" not in html
    assert "Sauf mention contraire, tous les champs sont obligatoires." in html


def test_search_forms_can_drop_the_optional_marking():
    form = ClassForm()
    form.helper = DsfrFormHelper(form, form_method="get", mark_optional_fields=False)
    html = render(form)
    assert "(facultatif)" not in html
    assert "Sauf mention contraire" not in html
    assert 'method="get"' in html


def test_checkbox_group_is_a_dsfr_fieldset_with_legend(invalid_form):
    html = render(invalid_form)
    fieldset = tag(html, "div_id_audiences")
    assert fieldset.startswith("<fieldset")
    assert "fr-fieldset fr-fieldset--error" in fieldset
    assert 'aria-labelledby="id_audiences-legend id_audiences_error"' in fieldset
    legend = r'<legend class="fr-fieldset__legend[^"]*" id="id_audiences-legend">\s*Publics'
    assert re.search(legend, html)
    assert html.count('class="fr-checkbox-group"') >= 2
    assert '<label class="fr-label" for="id_audiences_0">Collégiens</label>' in html


def test_radio_buttons_are_a_dsfr_fieldset():
    html = render(ClassForm())
    fieldset = tag(html, "div_id_event_format")
    assert fieldset.startswith('<fieldset id="div_id_event_format" class="fr-fieldset')
    assert html.count('class="fr-radio-group"') == 2


def test_single_checkbox_is_a_dsfr_checkbox(invalid_form):
    html = render(invalid_form)
    assert "fr-checkbox-group fr-checkbox-group--error" in tag(html, "div_id_consent")
    assert '<label class="fr-label" for="id_consent">' in html


def test_password_is_the_dsfr_password_component():
    html = render(ClassForm())
    assert 'class="fr-password"' in html
    assert "fr-password__input" in tag(html, "id_password")
    assert "Afficher" in html


def test_fieldset_layout_has_a_dsfr_legend():
    html = render(ClassForm())
    legend = r'<legend class="fr-fieldset__legend">Votre classe</legend>'
    assert re.search(r'<fieldset class="fr-fieldset"\s*>\s*' + legend, html)


def test_buttons_are_dsfr_buttons_in_a_group():
    html = render(ClassForm())
    assert re.search(r'<div class="fr-btns-group[^"]*">\s*<button type="submit"', html)
    assert 'class="fr-btn"' in tag(html, "submit-id-save")
    assert ">Inscrire la classe</button>" in html
    assert 'class="fr-btn fr-btn--secondary"' in tag(html, "button-id-back")
    assert "btn-primary" not in html


def test_strict_button_in_dsfr():
    form = ClassForm()
    form.helper.layout = Layout("students", DsfrButton("Annuler", css_class="fr-btn--tertiary"))
    html = render(form)
    button = re.search(r"<button ([^>]*)>Annuler</button>", html).group(1)
    assert 'class="fr-btn fr-btn--tertiary"' in button
    assert 'type="button"' in button


def test_non_field_errors_are_a_dsfr_error_alert(invalid_form):
    html = render(invalid_form)
    alert = re.search(r'<div class="fr-alert fr-alert--error[^"]*"[^>]*>(.*?)</div>', html, re.S)
    assert alert
    assert "Ce créneau est complet." in alert.group(1)


def test_helper_submit_label_adds_a_primary_button():
    form = ClassForm()
    form.helper = DsfrFormHelper(form, submit_label="Envoyer")
    html = render(form)
    button = re.search(r'<button type="submit" name="submit" value="Envoyer"[^>]*>', html)
    assert button and 'class="fr-btn"' in button.group(0)


def test_helper_rejects_unknown_attributes():
    with pytest.raises(TypeError):
        DsfrFormHelper(ClassForm(), form_methd="get")


def test_crispy_filter_renders_dsfr_fields_without_form_tag(invalid_form):
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": invalid_form})
    )
    assert "<form" not in html
    assert "fr-input-group--error" in html
    assert "fr-alert--error" in html
