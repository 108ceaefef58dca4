"""Drive the Django admin as a browser would: its URLs and the data of its forms."""

from django.forms import MultiWidget
from django.urls import reverse


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def changelist_pks(response) -> set[int]:
    return {obj.pk for obj in response.context["cl"].result_list}


def changeform_data(response) -> dict:
    """The POST data a browser would send back from an admin change form, untouched."""
    bound_fields = list(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        bound_fields += list(formset.management_form)
        for form in formset.forms:
            bound_fields += list(form)
    data = {}
    for bound in bound_fields:
        value = bound.value()
        widget = getattr(bound.field.widget, "widget", bound.field.widget)
        if isinstance(widget, MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                data[f"{bound.html_name}_{index}"] = "" if part is None else part
        elif value is None or value is False:
            continue
        elif value is True:
            data[bound.html_name] = "on"
        else:
            data[bound.html_name] = value
    return data
