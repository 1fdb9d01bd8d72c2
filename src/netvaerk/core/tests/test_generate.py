import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q

from netvaerk.core.models import AuditEntry
from netvaerk.networks.models import CoordinatorMandate, Membership, Network, network_search_text
from netvaerk.organisations.models import Branch, Organisation, Region
from netvaerk.organisations.tests.factories import OrganisationFactory
from netvaerk.people.models import Person
from netvaerk.people.tests.factories import PersonFactory


def generate(*args: str) -> str:
    out = io.StringIO()
    call_command("generate", *args, "-v0", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture(scope="module")
def _generated_once(django_db_setup, django_db_blocker):
    """Generate once for the tests of this module, and roll it back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            # Another organisation beside it, so that crossing organisations would show.
            PersonFactory.create_batch(3)
            generate(
                "--organisation", "gen", "--persons", "2000", "--branches", "20",
                "--networks", "10", "--seed", "7", "--batch", "500",
            )  # fmt: skip
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def generated(_generated_once, db):
    return Organisation.objects.get(slug="gen")


def test_exact_counts(generated):
    assert Region.objects.filter(organisation=generated).count() == 5
    assert Branch.objects.filter(organisation=generated).count() == 20
    assert Person.objects.filter(organisation=generated).count() == 2000
    assert Network.objects.filter(organisation=generated).count() == 10
    entry = AuditEntry.objects.get(organisation=generated, action="organisation.generated")
    assert entry.data["persons"] == 2000
    assert entry.data["memberships"] == Membership.objects.filter(organisation=generated).count()


def test_each_network_has_exactly_one_chair_and_a_coordinator(generated):
    networks = Network.objects.filter(organisation=generated).annotate(
        chairs=Count(
            "memberships", filter=Q(memberships__role="chair", memberships__status="active")
        ),
        group=Count("memberships", filter=Q(memberships__role="coordination")),
        active=Count("memberships", filter=Q(memberships__status="active")),
    )
    for network in networks:
        assert network.chairs == 1
        assert 2 <= network.group <= 5
        assert network.active >= 3
        assert network.search_text == network_search_text(
            network.name, network.purpose, network.audience
        )
        assert network.mandates.exists()


def test_regional_networks_mirror_central_ones(generated):
    regional = Network.objects.filter(organisation=generated, kind="regional")
    assert regional.count() == 2
    for network in regional:
        assert network.central.kind == "central"
        assert network.region_id is not None
        # A regional network's members live in its region.
        outside = network.memberships.exclude(person__region=network.region)
        assert not outside.exists()


def test_memberships_never_cross_organisations(generated):
    crossing = Membership.objects.exclude(organisation=F("network__organisation")) | (
        Membership.objects.exclude(organisation=F("person__organisation"))
    )
    assert not crossing.exists()
    assert not CoordinatorMandate.objects.exclude(organisation=F("person__organisation")).exists()
    assert (
        not Person.objects.filter(organisation=generated)
        .exclude(region=F("branch__region"))
        .exists()
    )


def test_realistic_distribution(generated):
    persons = Person.objects.filter(organisation=generated)
    in_none = persons.exclude(memberships__isnull=False).count()
    assert 0.6 * 2000 < in_none < 0.95 * 2000
    per_person = persons.annotate(n=Count("memberships")).values_list("n", flat=True)
    assert max(per_person) <= 3 + 5  # a lead may also be an ordinary member elsewhere
    statuses = set(
        Membership.objects.filter(organisation=generated).values_list("status", flat=True)
    )
    assert {"active", "left"} <= statuses
    left = Membership.objects.filter(organisation=generated, status="left")
    assert not left.filter(left_at__lte=F("joined_at")).exists()
    assert all(
        email.endswith("@gen.example.org") for email in persons.values_list("email", flat=True)
    )


def test_refuses_an_organisation_with_persons(db):
    PersonFactory(organisation=OrganisationFactory(slug="taken"))
    with pytest.raises(CommandError, match="already has 1 persons"):
        generate("--organisation", "taken", "--persons", "10", "--branches", "1", "--networks", "1")
    assert Person.objects.filter(organisation__slug="taken").count() == 1


def test_append_adds_to_an_organisation(generated):
    generate(
        "--organisation", "gen", "--persons", "100", "--branches", "2", "--networks", "1",
        "--append",
    )  # fmt: skip
    assert Person.objects.filter(organisation=generated).count() == 2100
    assert Branch.objects.filter(organisation=generated).count() == 22
    assert Network.objects.filter(organisation=generated).count() == 11
    assert Person.objects.filter(email="person2100@gen.example.org").exists()


def test_bad_input_is_refused(db):
    with pytest.raises(CommandError):
        generate(
            "--organisation", "Not A Slug", "--persons", "1", "--branches", "1", "--networks", "0"
        )
    with pytest.raises(CommandError, match="persons"):
        generate("--organisation", "ok", "--persons", "0", "--branches", "1", "--networks", "2")
    assert not Organisation.objects.filter(slug="ok").exists()
