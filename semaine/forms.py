"""Site-wide form helpers for crispy-forms' `dsfr_crispy` template pack (templates/dsfr_crispy)."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django.core.exceptions import ValidationError


class DsfrFormHelper(FormHelper):
    """A FormHelper with the DSFR pack's defaults, configured in one call.

    `DsfrFormHelper(form, submit_label=_("Enregistrer"))` adds a primary submit button;
    other keyword arguments set helper attributes (form_method, form_action, form_id,
    form_class, form_tag, form_error_title, layout…). Optional fields are marked
    "(facultatif)", with a notice at the top of the form; search and filter forms, whose
    fields are all optional, pass `mark_optional_fields=False`.
    """

    def __init__(
        self,
        form=None,
        *,
        submit_label: str | None = None,
        mark_optional_fields: bool = True,
        **attributes,
    ):
        super().__init__(form)
        self.template_pack = "dsfr_crispy"
        self.mark_optional_fields = mark_optional_fields
        for name, value in attributes.items():
            if not hasattr(self, name):
                raise TypeError(f"FormHelper has no attribute {name!r}")
            setattr(self, name, value)
        if submit_label:
            self.add_input(Submit("submit", submit_label))


class DsfrButton(StrictButton):
    """A `<button>` layout object styled as a DSFR button (css_class="fr-btn--secondary"…)."""

    field_classes = "fr-btn"


def form_add_service_error(form, error: ValidationError) -> None:
    """A service's ValidationError on a form: on its field when the form has it, else on
    the whole form (the one mapping views and admin share)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        form.add_error(target, ValidationError(errors).messages)
