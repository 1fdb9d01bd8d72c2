"""The competence search index: a GIN index over the weighted tsvector on PostgreSQL; on
SQLite, an FTS5 table of stemmed words (see competences.search.index)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX competences_profile_search_gin "
            "ON competences_profile USING gin (search_vector)"
        )
    elif schema_editor.connection.vendor == "sqlite":
        # unicode61 keeps æ, ø and å apart from a, o ("søn" is not "son"); the words stored
        # are already case-folded stems.
        schema_editor.execute(
            "CREATE VIRTUAL TABLE competences_profile_fts USING fts5("
            "tags, body, name, tokenize = 'unicode61 remove_diacritics 0')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS competences_profile_search_gin")
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS competences_profile_fts")


class Migration(migrations.Migration):
    dependencies = [("competences", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
