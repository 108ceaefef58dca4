"""What reference models translated by django-modeltranslation share."""

from django.conf import settings
from django.db import models
from django.utils import translation


class TranslatedNameMixin(models.Model):
    """Saved in the default language, so that the untranslated `name` column always holds
    the French name (what searches and other apps' queries read), whatever the language of
    the admin page; a missing English name is the French one until someone translates it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        french = getattr(self, "name_fr", None)
        if french and not getattr(self, "name_en", None):
            self.name_en = french
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)


def translated_column(field: str = "name"):
    """SQL for a translated field in the active language, French when it is empty: for
    querysets read with `.rewrite(False)` (UNIONs, whose columns modeltranslation would
    reorder)."""
    from django.db.models import CharField, F
    from django.db.models.functions import Coalesce, NullIf

    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    language = (translation.get_language() or default).split("-")[0]
    if language not in dict(settings.LANGUAGES) or language == default:
        return Coalesce(
            NullIf(F(f"{field}_{default}"), models.Value("")), F(field), output_field=CharField()
        )
    return Coalesce(
        NullIf(F(f"{field}_{language}"), models.Value("")),
        NullIf(F(f"{field}_{default}"), models.Value("")),
        F(field),
        output_field=CharField(),
    )
