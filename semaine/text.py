"""Text helpers shared by search, sorting and the importers."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case, accents removed, ligatures expanded: "Électricité" → "electricite".

    The one accent-folding rule: search, alphabetical sorts ("Île-de-France" between
    "Hauts" and "La") and the importers' header matching all use it.
    """
    text = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(char for char in text if not unicodedata.combining(char))
