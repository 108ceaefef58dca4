"""How an académie is named in a sentence, with French elision: the one place for it."""

from django.utils.translation import gettext as _

# A name starting with a vowel sound takes « d' »: « académie d'Aix-Marseille », « d'Amiens »,
# « d'Orléans-Tours »; none of the académies starts with a mute h.
VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæ")


def academy_label(academy, *, capital: bool = False) -> str:
    """« académie de Lyon », « académie d'Aix-Marseille » (« Académie … » with `capital`),
    in the active language ("Lyon academy"); `academy` is an Academy or its name. The name
    is the translated one (modeltranslation), so English pages get "Corsica academy"."""
    name = str(getattr(academy, "name", academy))
    if name[:1].casefold() in VOWELS:
        label = _("Académie d'%(name)s") if capital else _("académie d'%(name)s")
    else:
        label = _("Académie de %(name)s") if capital else _("académie de %(name)s")
    return label % {"name": name}
