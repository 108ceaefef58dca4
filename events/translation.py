"""Reference data in French and English (django-modeltranslation): `name` and `description`
read the active language's column (`name_fr`, `name_en`), French when English is empty.
Events themselves stay in their organizer's language."""

from modeltranslation.translator import TranslationOptions, register

from .models import ActionType, Audience, Theme


class ReferenceTranslation(TranslationOptions):
    fields = ("name", "description")
    # A missing English name is NULL, not "": names are unique.
    empty_values = {"name": None, "description": ""}
    required_languages = ("fr",)


@register(Theme)
class ThemeTranslation(ReferenceTranslation):
    pass


@register(ActionType)
class ActionTypeTranslation(ReferenceTranslation):
    pass


@register(Audience)
class AudienceTranslation(ReferenceTranslation):
    pass
