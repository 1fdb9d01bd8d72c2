"""`netvaerk generate --profiles SHARE` and `--add-competences`: a generated organisation gets
the vocabulary, profiles for about that share of its persons, and a search index."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from netvaerk.competences.models import Profile, ProfileTag, Tag, TagSynonym, Visibility
from netvaerk.competences.tests.test_search_index import matching
from netvaerk.core.generate_competences import VOCABULARY
from netvaerk.core.models import AuditEntry
from netvaerk.organisations.models import Organisation
from netvaerk.people.models import Person

pytestmark = pytest.mark.django_db


def generate(*args: str) -> str:
    out = io.StringIO()
    call_command("generate", *args, "-v0", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def small(*extra: str) -> Organisation:
    generate(
        "--organisation", "gen", "--persons", "400", "--branches", "5", "--networks", "3",
        "--seed", "3", "--batch", "100", *extra,
    )  # fmt: skip
    return Organisation.objects.get(slug="gen")


def test_it_gives_about_the_share_of_persons_a_profile_with_one_to_five_tags():
    organisation = small("--profiles", "0.5")
    profiles = Profile.objects.filter(organisation=organisation)
    assert 150 <= profiles.count() <= 250
    assert Tag.objects.filter(organisation=organisation).count() == len(VOCABULARY)
    assert TagSynonym.objects.filter(organisation=organisation).count() > len(VOCABULARY)
    per_profile = set(profiles.annotate(n=Count("profile_tags")).values_list("n", flat=True))
    assert per_profile <= {1, 2, 3, 4, 5}
    assert all(summary.startswith("J") or summary[0].isupper() for summary in
               profiles.values_list("summary", flat=True))  # fmt: skip
    visibilities = set(profiles.values_list("visibility", flat=True))
    assert {Visibility.ORGANISATION, Visibility.NETWORKS} <= visibilities
    entry = AuditEntry.objects.get(organisation=organisation, action="organisation.generated")
    assert entry.data["profiles"] == profiles.count()


def test_the_generated_profiles_are_indexed_for_search():
    organisation = small("--profiles", "0.5")
    tag = Tag.objects.get(organisation=organisation, name="Pressearbejde")
    with_tag = set(ProfileTag.objects.filter(tag=tag).values_list("profile_id", flat=True))
    # A tag is found by its name and by its synonyms ("presse").
    assert with_tag
    assert with_tag <= matching("pressearbejde")
    assert with_tag <= matching("presse")


def test_no_profiles_with_a_share_of_zero():
    organisation = small("--profiles", "0")
    assert not Profile.objects.filter(organisation=organisation).exists()
    assert Tag.objects.filter(organisation=organisation).exists()


def test_it_adds_competences_to_an_organisation_generated_before():
    organisation = small("--profiles", "0")
    out = generate("--organisation", "gen", "--add-competences", "--profiles", "1")
    assert "400 profiles" in out
    assert Profile.objects.filter(organisation=organisation).count() == 400
    # Again: nobody is left without a profile, and the vocabulary is not doubled.
    generate("--organisation", "gen", "--add-competences", "--profiles", "1")
    assert Profile.objects.filter(organisation=organisation).count() == 400
    assert Tag.objects.filter(organisation=organisation).count() == len(VOCABULARY)
    assert Person.objects.filter(organisation=organisation).count() == 400
    assert (
        AuditEntry.objects.filter(
            organisation=organisation, action="organisation.competences_generated"
        ).count()
        == 2
    )


def test_bad_input_is_refused():
    with pytest.raises(CommandError, match="between 0 and 1"):
        generate("--organisation", "gen", "--persons", "1", "--branches", "1", "--networks",
                 "0", "--profiles", "1.5")  # fmt: skip
    with pytest.raises(CommandError, match="no organisation"):
        generate("--organisation", "nowhere", "--add-competences")
    with pytest.raises(CommandError, match="--persons"):
        generate("--organisation", "gen", "--branches", "1", "--networks", "0")
    assert not Organisation.objects.filter(slug__in=["gen", "nowhere"]).exists()
