def casefold_words(text: str) -> str:
    """Case-folded, with runs of whitespace made single: the form every search column and
    every search word is compared in. Python folds "Ø" and "Æ"; SQLite's LIKE would not."""
    return " ".join(text.casefold().split())
