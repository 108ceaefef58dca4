"""`{% load academies %}`: `{{ event.academy|academy_label }}` → « académie d'Aix-Marseille »,
`{{ academy|academy_label:"capital" }}` → « Académie de Lyon » (academies.display)."""

from django import template

from academies.display import academy_label as label

register = template.Library()


@register.filter
def academy_label(academy, style: str = "") -> str:
    return label(academy, capital=style == "capital")
