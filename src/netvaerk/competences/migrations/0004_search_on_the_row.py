"""What the search tests is kept on the profile's row: the ids of its tags in use and of its
person's networks (`tag_ids`, `network_ids`; GIN indexes on PostgreSQL), filled in here for the
profiles already there. The candidates' index carries every column the search tests
(PostgreSQL; SQLite ignores `include`), so that a broad search walks the index alone instead
of reading each profile row."""

from django.db import migrations, models

import netvaerk.competences.fields

FILL_POSTGRESQL = """
    UPDATE competences_profile AS p SET
        network_ids = coalesce(
            (SELECT array_agg(DISTINCT m.network_id ORDER BY m.network_id)
             FROM networks_membership AS m
             WHERE m.person_id = p.person_id AND m.status = 'active'), ARRAY[]::bigint[]),
        tag_ids = coalesce(
            (SELECT array_agg(DISTINCT pt.tag_id ORDER BY pt.tag_id)
             FROM competences_profiletag AS pt
             JOIN competences_tag AS t ON t.id = pt.tag_id AND t.status = 'active'
             WHERE pt.profile_id = p.id), ARRAY[]::bigint[])
"""
FILL_SQLITE = """
    UPDATE competences_profile SET
        network_ids = coalesce(
            (SELECT ',' || group_concat(DISTINCT m.network_id) || ','
             FROM networks_membership AS m
             WHERE m.person_id = competences_profile.person_id AND m.status = 'active'), ''),
        tag_ids = coalesce(
            (SELECT ',' || group_concat(DISTINCT pt.tag_id) || ','
             FROM competences_profiletag AS pt
             JOIN competences_tag AS t ON t.id = pt.tag_id AND t.status = 'active'
             WHERE pt.profile_id = competences_profile.id), '')
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_POSTGRESQL)
        for column in ("network_ids", "tag_ids"):
            schema_editor.execute(
                f"CREATE INDEX competences_profile_{column}_gin "
                f"ON competences_profile USING gin ({column})"
            )
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FILL_SQLITE)


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for column in ("network_ids", "tag_ids"):
            schema_editor.execute(f"DROP INDEX IF EXISTS competences_profile_{column}_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("competences", "0003_search_candidates"),
        ("networks", "0003_founding_proposals"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="profile", name="profile_recent_idx"),
        migrations.AddField(
            model_name="profile",
            name="network_ids",
            field=netvaerk.competences.fields.IdSetField(blank=True, default=list, editable=False),
        ),
        migrations.AddField(
            model_name="profile",
            name="tag_ids",
            field=netvaerk.competences.fields.IdSetField(blank=True, default=list, editable=False),
        ),
        migrations.RunPython(fill, unfill, elidable=False),
        migrations.AddIndex(
            model_name="profile",
            index=models.Index(
                fields=["organisation", "-updated_at", "-id"],
                include=(
                    "visibility",
                    "availability",
                    "person",
                    "region",
                    "tag_ids",
                    "network_ids",
                    "search_vector",
                ),
                name="profile_recent_idx",
            ),
        ),
    ]
