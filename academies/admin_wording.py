"""The admin's titles and buttons in correct French.

Django's French builds them from `verbose_name` with a gender-less wording (« Modification
de événement », « Sélectionnez l'objet événement à changer », « Ajouter un objet créneau
supplémentaire »). Each model here says its gender; the articles, the elision and the
agreement follow (« Modifier l'événement », « Ajouter un créneau », « Supprimer les
éditions sélectionnées »). A model missing from the table keeps Django's wording, and so
does every other language: Django's English (« Change event », « Add session ») is right.
"""

import dataclasses

from django.contrib.admin.options import ActionLocation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

MASCULINE, FEMININE = "m", "f"

#: model label → grammatical gender of its verbose_name (and of its plural)
GENDERS = {
    "events.edition": FEMININE,
    "events.theme": FEMININE,
    "events.actiontype": MASCULINE,
    "events.audience": MASCULINE,
    "events.event": MASCULINE,
    "events.session": MASCULINE,
    "events.classregistration": FEMININE,
    "events.eventstatuschange": MASCULINE,
    "events.registrationstatuschange": MASCULINE,
    "events.publishedfigure": MASCULINE,
    "academies.regionacademique": FEMININE,
    "academies.academy": FEMININE,
    "academies.department": MASCULINE,
    "academies.school": MASCULINE,
    "academies.company": FEMININE,
    "academies.schoolmembership": MASCULINE,
    "academies.companymembership": MASCULINE,
    "academies.academystaff": MASCULINE,
    "academies.partnership": MASCULINE,
    "academies.attachmentrequest": FEMININE,
    "academies.attachmentrequestchange": MASCULINE,
    "users.user": MASCULINE,
    "auth.group": MASCULINE,
}

_VOWELS = tuple("aàâeéèêëiîïoôuùûyhAÀÂEÉÈÊËIÎÏOÔUÙÛYH")


def _elided(word: str) -> bool:
    return word.startswith(_VOWELS)


def _in_french() -> bool:
    return (get_language() or "fr").startswith("fr")


def _french_colons(items):
    """« Modèle: objet » → « Modèle : objet » in the nested lists of a deletion summary."""
    if isinstance(items, list | tuple):
        return [_french_colons(item) for item in items]
    if isinstance(items, str) and ": " in items:
        text = items.replace(": ", "\u00a0: ", 1)
        return mark_safe(text) if isinstance(items, SafeString) else text  # noqa: S308
    return items


class Noun:
    """A model's name with its articles: « l'événement », « un créneau », « les éditions »."""

    def __init__(self, opts):
        self.singular = str(opts.verbose_name)
        self.plural = str(opts.verbose_name_plural)
        self.gender = GENDERS.get(opts.label_lower)

    @property
    def known(self) -> bool:
        return self.gender is not None

    @property
    def the(self) -> str:
        if _elided(self.singular):
            return f"l'{self.singular}"
        return f"{'la' if self.gender == FEMININE else 'le'} {self.singular}"

    @property
    def a(self) -> str:
        return f"{'une' if self.gender == FEMININE else 'un'} {self.singular}"

    @property
    def the_plural(self) -> str:
        return f"les {self.plural}"

    @property
    def in_plural(self) -> str:
        """« dans l'historique des événements » for a plural that is one word's singular."""
        if self.plural.startswith("historique"):
            return f"l'{self.plural}"
        return f"les {self.plural}"

    @property
    def selected(self) -> str:
        return _("sélectionnées") if self.gender == FEMININE else _("sélectionnés")


def admin_wording(opts, *, can_change: bool = True) -> dict:
    """The titles and labels of a model's admin pages in French, or {} (Django's own wording)
    when the page is in another language or the model's gender is unknown."""
    noun = Noun(opts)
    if not noun.known or not _in_french():
        return {}
    return {
        "the": noun.the,
        "the_plural": noun.the_plural,
        "selected": noun.selected,
        "changelist_title": (
            _("Choisir %(the)s à modifier") if can_change else _("Choisir %(the)s à afficher")
        )
        % {"the": noun.the},
        "add_title": _("Ajouter %(a)s") % {"a": noun.a},
        "change_title": _("Modifier %(the)s") % {"the": noun.the},
        "view_title": _("Afficher %(the)s") % {"the": noun.the},
        "delete_title": _("Supprimer %(the)s") % {"the": noun.the},
        "cannot_delete_title": _("Impossible de supprimer %(the)s") % {"the": noun.the},
        "add_label": _("Ajouter %(a)s") % {"a": noun.a},
        "add_another": _("Ajouter %(a)s") % {"a": noun.a},
        "search_label": _("Rechercher dans %(plural)s") % {"plural": noun.in_plural},
        "delete_selected": _("Supprimer %(plural)s %(selected)s")
        % {"plural": noun.the_plural, "selected": noun.selected},
        "cannot_delete_selected": _("Impossible de supprimer %(plural)s %(selected)s")
        % {"plural": noun.the_plural, "selected": noun.selected},
        "history_title": _("Historique des modifications de %(the)s") % {"the": noun.the},
        "save_add_another": (
            _("Enregistrer et en ajouter une autre")
            if noun.gender == FEMININE
            else _("Enregistrer et en ajouter un autre")
        ),
    }


class FrenchWordingMixin:
    """Gives a ModelAdmin's pages their French titles; for inlines, the « Ajouter un… »
    button. Titles only: the views themselves are Django's."""

    def _wording(self, request, obj=None) -> dict:
        return admin_wording(self.model._meta, can_change=self.has_change_permission(request, obj))

    def changelist_view(self, request, extra_context=None):
        wording = self._wording(request)
        if wording:
            extra_context = {
                "title": wording["changelist_title"],
                "add_label": wording["add_label"],
                **(extra_context or {}),
            }
        return super().changelist_view(request, extra_context)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        wording = admin_wording(self.model._meta)
        if wording:
            changelist.search_label = wording["search_label"]  # read by admin/search_form.html
        return changelist

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        wording = self._wording(request)
        if wording:
            if object_id is None:
                title = wording["add_title"]
            else:
                # the role decides (no object needed, no query more)
                can_change = self.has_change_permission(request)
                title = wording["change_title"] if can_change else wording["view_title"]
            extra_context = {
                "title": title,
                "save_add_another_label": wording["save_add_another"],
                **(extra_context or {}),
            }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        wording = self._wording(request)
        if wording:
            extra_context = {"title": wording["delete_title"], **(extra_context or {})}
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        wording = self._wording(request)
        if wording:
            extra_context = {"title": wording["history_title"], **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        wording = admin_wording(self.model._meta)
        if wording and "delete_selected" in actions:
            actions["delete_selected"] = dataclasses.replace(
                actions["delete_selected"],
                description=wording["delete_selected"],
                plural_description=wording["delete_selected"],
            )
        return actions

    def get_deleted_objects(self, objs, request):
        """Django lists what a deletion takes as « Édition: 2027 »; French puts a
        (non-breaking) space before the colon."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        if _in_french():
            deleted, protected = _french_colons(deleted), _french_colons(protected)
        return deleted, counts, perms_needed, protected

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_formset in inline_formsets:
            wording = admin_wording(inline_formset.opts.model._meta)
            if wording:
                _inline_add_text(inline_formset, wording["add_another"])
        return inline_formsets


def _inline_add_text(inline_formset, text: str) -> None:
    """The inline's « Ajouter un créneau » button (Django's reads « Ajouter un objet
    créneau supplémentaire »)."""
    import json

    original = inline_formset.inline_formset_data

    def inline_formset_data():
        data = json.loads(original())
        data["options"]["addText"] = text
        return json.dumps(data)

    inline_formset.inline_formset_data = inline_formset_data


def _djangos_sentences_reworded():  # pragma: no cover — never called
    """Django's admin sentences that French cannot say without the noun's gender
    (« L'objet édition « 2027 » a été ajouté avec succès »). Written here so that
    `makemessages` keeps their msgids in our catalogues, which come before Django's: the
    French there says them without an article (« Ajout enregistré : édition « 2027 ». »),
    the English is Django's own."""
    _("The {name} “{obj}” was added successfully.")
    _("You may edit it again below.")
    _("The {name} “{obj}” was added successfully. You may add another {name} below.")
    _("The {name} “{obj}” was changed successfully.")
    _("The {name} “{obj}” was changed successfully. You may edit it again below.")
    _("The {name} “{obj}” was changed successfully. You may add another {name} below.")
    _("The %(name)s “%(obj)s” was deleted successfully.")
    _("Changed {fields} for {name} “{object}”.")
    _("Add %(name)s")
    _("Add another %(verbose_name)s")
    _("Add another %(model)s")
    _("Filter by %(field_name)s")
    _("None available")
