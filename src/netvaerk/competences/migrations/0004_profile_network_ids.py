"""Each profile keeps its person's networks (`network_ids`), so that the search tests
"shared with my networks" and the network filter on the row: a GIN index on PostgreSQL, and
the sets of the profiles already there filled in from the memberships."""

from django.db import migrations

import netvaerk.competences.fields

FILL_POSTGRESQL = """
    UPDATE competences_profile AS p SET network_ids = coalesce(
        (SELECT array_agg(DISTINCT m.network_id ORDER BY m.network_id)
         FROM networks_membership AS m
         WHERE m.person_id = p.person_id AND m.status = 'active'), ARRAY[]::integer[])
"""
FILL_SQLITE = """
    UPDATE competences_profile SET network_ids = coalesce(
        (SELECT ',' || group_concat(DISTINCT m.network_id) || ','
         FROM networks_membership AS m
         WHERE m.person_id = competences_profile.person_id AND m.status = 'active'), '')
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_POSTGRESQL)
        schema_editor.execute(
            "CREATE INDEX competences_profile_networks_gin "
            "ON competences_profile USING gin (network_ids)"
        )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FILL_SQLITE)


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS competences_profile_networks_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("competences", "0003_search_candidates"),
        ("networks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="network_ids",
            field=netvaerk.competences.fields.IdSetField(blank=True, default=list, editable=False),
        ),
        migrations.RunPython(fill, unfill, elidable=False),
    ]
