"""Régions académiques and académies named in French and English (django-modeltranslation):
`name` reads the active language's column, French when English is empty."""

from modeltranslation.translator import TranslationOptions, register

from .models import Academy, RegionAcademique


@register(RegionAcademique)
class RegionAcademiqueTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = None  # a missing English name is NULL, not "": names are unique
    required_languages = ("fr",)


@register(Academy)
class AcademyTranslation(TranslationOptions):
    fields = ("name",)
    empty_values = None
    required_languages = ("fr",)
