"""`{% load admin_wording %}{% admin_wording opts as wording %}`: a model's nouns with their
articles (« l'événement », « les éditions sélectionnées »), for the admin templates that
build sentences, like the delete confirmations; {} outside French (academies.admin_wording)."""

from django import template

from academies.admin_wording import admin_wording as wording_of

register = template.Library()


@register.simple_tag
def admin_wording(opts) -> dict:
    return wording_of(opts)
