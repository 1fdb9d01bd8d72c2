"""A search box's text made into what the databases match, never into their query syntax.

Only words (letters and digits, `search.text.words`) survive: quotes, operators and
punctuation (`"`, `&`, `|`, `!`, `(`, `)`, `:`, `*`, `<->`, `--`, `;` …) separate words and
are gone before anything is built. Stop words are left out, each remaining word is stemmed
with the organisation's Snowball algorithm, and at most `MAX_WORDS` are used. Each stem
matches as a prefix of an indexed stem, all of them together:

- PostgreSQL: `search_vector @@ to_tsquery('simple', 'stem1:* & stem2:*')`. The stems are
  already those of the organisation's configuration (`danish`), so they are matched as they
  are ('simple' only lower-cases): stemming a stem again could shorten it, or turn it into a
  stop word that PostgreSQL would silently drop, and match more than SQLite does.
- SQLite: the FTS5 table `competences_profile_fts MATCH '"stem1"* AND "stem2"*'`."""

from dataclasses import dataclass

from netvaerk.competences.search.text import stems, stop_words, words

MAX_WORDS = 10
MAX_LENGTH = 200


@dataclass(frozen=True)
class ParsedQuery:
    # The stems searched for, in the order typed, without repeats, at most MAX_WORDS.
    stems: tuple[str, ...] = ()
    # How many words were typed (letters and digits), stop words included.
    word_count: int = 0
    # Words beyond MAX_WORDS that were left out.
    dropped: int = 0
    # True when the text has words but all of them are stop words.
    only_stop_words: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.stems

    def tsquery(self) -> str:
        """PostgreSQL's to_tsquery text: every stem as a prefix, all required."""
        return " & ".join(f"{stem}:*" for stem in self.stems)

    def fts_match(self, columns: tuple[str, ...] = ()) -> str:
        """SQLite FTS5's MATCH text, optionally restricted to some columns."""
        expression = " AND ".join(f'"{stem}"*' for stem in self.stems)
        if columns:
            return "{" + " ".join(columns) + "} : (" + expression + ")"
        return expression


def parse_query(text: str, config: str) -> ParsedQuery:
    """The words of a search text as stems to match. Text longer than MAX_LENGTH is read up
    to that length only (the form refuses it before; this keeps the work bounded)."""
    typed = words(text[: MAX_LENGTH * 2])
    stop = stop_words(config)
    meaningful = [word for word in typed if word not in stop]
    if typed and not meaningful:
        return ParsedQuery(word_count=len(typed), only_stop_words=True)
    unique: list[str] = []
    for stem in stems(" ".join(meaningful), config):
        # A stem is letters and digits only (its word was); check again, cheaply, so that
        # nothing else can ever reach a query syntax.
        if stem and stem.isalnum() and stem not in unique:
            unique.append(stem)
    return ParsedQuery(
        stems=tuple(unique[:MAX_WORDS]),
        word_count=len(typed),
        dropped=max(0, len(unique) - MAX_WORDS),
    )


def matches(text: str, parsed: ParsedQuery, config: str) -> bool:
    """True when one of the searched stems begins a stem of the text (to mark a tag whose
    name or synonym the search found)."""
    if parsed.is_empty:
        return False
    found = stems(text, config)
    return any(stem.startswith(wanted) for stem in found for wanted in parsed.stems)
