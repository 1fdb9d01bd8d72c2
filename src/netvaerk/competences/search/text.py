"""Words as the competence search compares them, the same on both databases.

PostgreSQL stems with its own Snowball configurations (`danish`, `english`); SQLite has no
Danish stemmer, so the FTS5 index holds words stemmed here by the same Snowball algorithms
(PyStemmer) and the same stop words (PostgreSQL's lists, in data/). Danish joins words into
compounds, so every query word matches as a prefix of a stem: "kommuneplan" finds
"kommuneplaner" (stem "kommuneplan") and "kommuneplanlægning"."""

import functools
import re
from pathlib import Path

import Stemmer

# The organisation's language -> the Snowball algorithm, which is also the name of
# PostgreSQL's text search configuration.
CONFIGS = {"da": "danish", "en": "english"}
DEFAULT_CONFIG = "danish"

# Letters and digits; everything else (quotes, operators, punctuation) separates words, so
# no user input can reach a query syntax.
_WORD = re.compile(r"[^\W_]+")

_DATA = Path(__file__).parent / "data"


def config_for(language: str) -> str:
    return CONFIGS.get(language, DEFAULT_CONFIG)


def words(text: str) -> list[str]:
    """The case-folded words of a text, in order."""
    return _WORD.findall(text.casefold())


@functools.cache
def stop_words(config: str) -> frozenset[str]:
    path = _DATA / f"{config}.stop"
    return frozenset(line.strip() for line in path.read_text("utf-8").splitlines() if line.strip())


@functools.cache
def _stemmer(config: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(config)


def stems(text: str, config: str) -> list[str]:
    """The stems of a text's words, stop words left out: what the SQLite index stores and
    what a query word is matched as."""
    stop = stop_words(config)
    kept = [word for word in words(text) if word not in stop]
    return _stemmer(config).stemWords(kept) if kept else []
