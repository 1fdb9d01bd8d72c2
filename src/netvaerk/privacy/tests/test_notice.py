"""The privacy notice (public) and its settings."""

from django.urls import reverse

from netvaerk.core.models import AuditEntry
from netvaerk.privacy.models import PrivacySettings, RetentionRule
from netvaerk.privacy.services.settings import privacy_settings_save


def _url(world, name: str) -> str:
    return reverse(f"privacy:{name}", kwargs={"org": world.organisation.slug})


def test_the_notice_shows_the_controller_retention_rights_and_the_own_words(client, world):
    PrivacySettings.objects.create(
        organisation=world.organisation,
        controller_name="Partiet Demo",
        controller_cvr="12345678",
        dpo_email="dpo@example.org",
        notice_text="## Our own words\n\nWe <script>alert(1)</script> care.",
    )
    RetentionRule.objects.create(organisation=world.organisation, kind="access_log", months=24)
    page = client.get(_url(world, "notice")).content.decode()
    for text in ("Partiet Demo", "12345678", "dpo@example.org", "24 months", "Datatilsynet"):
        assert text in page
    assert "Version 1" in page
    assert "<h4>Our own words</h4>" in page
    assert "<script>" not in page
    assert reverse("mydata:index", kwargs={"org": world.organisation.slug}) in page


def test_the_notice_works_before_any_settings_are_saved(client, world):
    response = client.get(_url(world, "notice"))
    assert response.status_code == 200
    assert world.organisation.name in response.content.decode()


def test_a_change_of_the_notice_text_makes_a_new_version_and_is_audited(world):
    actor = world.actor("data_protection")
    saved = privacy_settings_save(actor=actor, controller_name="Partiet", notice_text="A")
    assert saved.notice_version == 2
    saved = privacy_settings_save(actor=actor, controller_name="Partiet A/S", notice_text="A")
    assert saved.notice_version == 2
    saved = privacy_settings_save(actor=actor, controller_name="Partiet A/S", notice_text="B")
    assert saved.notice_version == 3
    assert AuditEntry.objects.filter(action="privacy.settings_changed").count() == 3


def test_the_settings_page_says_what_is_wrong_per_field(client_as, world):
    response = client_as("org_admin").post(
        _url(world, "settings"), {"controller_email": "not an address", "notice_text": "x" * 20001}
    )
    assert response.status_code == 400
    assert {"controller_email", "notice_text"} <= set(response.context["form"].errors)
    assert not PrivacySettings.objects.exists()


def test_the_notice_shows_a_change_at_once(client, client_as, world):
    client.get(_url(world, "notice"))
    client_as("org_admin").post(_url(world, "settings"), {"controller_name": "Nyt Navn"})
    client.logout()
    assert "Nyt Navn" in client.get(_url(world, "notice")).content.decode()
