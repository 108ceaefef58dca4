"""Our additions to django-allauth's forms."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SignupNamesForm(forms.Form):
    """Asked at sign-up (ACCOUNT_SIGNUP_FORM_CLASS, so allauth's form inherits it): who the
    person is, for the organizers and moderators they will deal with. allauth's adapter
    stores `first_name` and `last_name` on the user itself."""

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    first_name = forms.CharField(
        label=_("Prénom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )

    def signup(self, request, user):
        """allauth's hook once the user is saved: nothing more to store."""


class AccountDeleteForm(forms.Form):
    """Deleting one's account, once allauth has asked for the password again: the person
    types a word, so that nobody deletes an account by a slip of the mouse."""

    WORD = _("SUPPRIMER")

    confirmation = forms.CharField(
        label=_("Pour confirmer, saisissez SUPPRIMER"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        from semaine.forms import DsfrFormHelper

        super().__init__(*args, **kwargs)
        self.helper = DsfrFormHelper(self, form_tag=False)

    def clean_confirmation(self):
        word = self.cleaned_data["confirmation"].strip()
        if word.upper() != str(self.WORD).upper():
            raise forms.ValidationError(
                _("Saisissez %(word)s pour confirmer la suppression.") % {"word": self.WORD}
            )
        return word
