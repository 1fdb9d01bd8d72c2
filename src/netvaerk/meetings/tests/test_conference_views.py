"""The conference's pages in the browser's place: the programme with htmx and without, the
budget from draft to comparison, the office's overview, and what each page costs."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from netvaerk.meetings.models import BudgetLine, BudgetStatus, ConferenceSession, Speaker
from netvaerk.meetings.tests.factories import (
    BudgetLineFactory,
    ConferenceBudgetFactory,
    ConferenceSessionFactory,
    EventFactory,
    in_days,
)


@pytest.fixture
def conference(world):
    return EventFactory(conference=True, network=world.network, title="Årskonference")


def _url(name, event, **kwargs):
    return reverse(
        f"meetings:{name}", kwargs={"org": event.organisation.slug, "event_id": event.pk, **kwargs}
    )


def _item(conference, **overrides):
    data = {
        "title": "Debat om boliger",
        "day": conference.local_start.date().isoformat(),
        "start": "13:00",
        "end": "14:30",
        "room": "Sal A",
    }
    return {**data, **overrides}


def test_htmx_adds_a_programme_item_in_place(client_as, conference):
    client = client_as("chair")
    response = client.post(
        _url("session_add", conference), _item(conference), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="programme">')
    assert "Debat om boliger" in html
    assert "13:00–14:30" in html
    assert "<html" not in html
    assert ConferenceSession.objects.get().room == "Sal A"


def test_htmx_shows_a_bad_item_in_the_swapped_form(client_as, conference):
    client = client_as("chair")
    response = client.post(
        _url("session_add", conference),
        _item(conference, start="15:00", end="14:00"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "must end after it starts" in response.content.decode()
    assert not ConferenceSession.objects.exists()


def test_without_htmx_the_page_is_loaded_again(client_as, conference):
    client = client_as("chair")
    response = client.post(_url("session_add", conference), _item(conference))
    assert response.status_code == 302
    assert response["Location"] == _url("programme", conference)
    outside = (conference.local_start.date() + datetime.timedelta(days=3)).isoformat()
    response = client.post(_url("session_add", conference), _item(conference, day=outside))
    assert response.status_code == 400
    assert "on the day of the conference" in response.content.decode()
    response = client.post(_url("session_add", conference), _item(conference, day="i morgen"))
    assert response.status_code == 400
    assert ConferenceSession.objects.count() == 1


def test_a_member_reads_the_programme_without_edit_controls(client_as, conference):
    session = ConferenceSessionFactory(event=conference, title="Velkomst")
    Speaker.objects.create(
        organisation=conference.organisation,
        session=session,
        name="Ida Forsker",
        affiliation="AAU",
    )
    html = client_as("member").get(_url("programme", conference)).content.decode()
    assert "Velkomst" in html
    assert "Ida Forsker (AAU)" in html
    assert "Add a programme item" not in html
    assert "Tilføj" not in html


def test_a_webinar_has_no_programme_page(client_as, world):
    webinar = EventFactory(network=world.network)
    assert client_as("chair").get(_url("programme", webinar)).status_code == 404
    assert client_as("chair").get(_url("budget", webinar)).status_code == 404


def test_the_programme_costs_the_same_with_many_items(
    client_as, conference, django_assert_max_num_queries
):
    client = client_as("member")
    for _ in range(2):
        session = ConferenceSessionFactory(event=conference)
        Speaker.objects.create(organisation=conference.organisation, session=session, name="A")
    with django_assert_max_num_queries(30) as few:
        client.get(_url("programme", conference))
    for _ in range(8):
        session = ConferenceSessionFactory(event=conference)
        Speaker.objects.create(organisation=conference.organisation, session=session, name="B")
        Speaker.objects.create(organisation=conference.organisation, session=session, name="C")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url("programme", conference))


def test_the_chair_drafts_and_submits_and_the_office_decides_in_one_form(
    client_as, world, conference
):
    chair = client_as("chair")
    response = chair.post(
        _url("budget_line_add", conference),
        {"category": "venue", "description": "Sal", "amount": "12.500,00"},
    )
    assert response.status_code == 302
    response = chair.post(
        _url("budget_line_add", conference),
        {"category": "travel", "description": "Tog", "amount": "4000", "coverage": "central"},
    )
    assert response.status_code == 400
    assert "Travel is not covered centrally" in response.content.decode()
    response = chair.post(
        _url("budget_line_add", conference),
        {"category": "catering", "description": "Frokost", "amount": "-10"},
    )
    assert response.status_code == 400
    assert "cannot be negative" in response.content.decode()
    chair.post(
        _url("budget_line_add", conference),
        {"category": "catering", "description": "Frokost", "amount": "8000"},
    )
    assert chair.post(_url("budget_submit", conference)).status_code == 302
    venue, catering = BudgetLine.objects.order_by("position")

    staff = client_as("staff")
    page = staff.get(_url("budget", conference)).content.decode()
    assert "The office&#x27;s decision" in page or "The office's decision" in page
    # Only one line decided: refused as a whole, what was typed stays in the form.
    response = staff.post(
        _url("budget_decide", conference),
        {f"decision_{venue.pk}": "adjust", f"amount_{venue.pk}": "11000", f"note_{venue.pk}": "OK"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "nothing has been saved" in html
    assert 'value="11000"' in html
    assert BudgetLine.objects.filter(decision="pending").count() == 2
    response = staff.post(
        _url("budget_decide", conference),
        {
            f"decision_{venue.pk}": "adjust",
            f"amount_{venue.pk}": "11.000",
            f"note_{venue.pk}": "Mindre sal",
            f"decision_{catering.pk}": "approve",
        },
    )
    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.approved_amount == Decimal("11000")


def test_the_budget_page_compares_and_draws_the_chart_in_danish_and_english(
    client_as, world, django_assert_max_num_queries
):
    start = in_days(-2, hour=10)
    event = EventFactory(
        conference=True,
        network=world.network,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
    )
    budget = ConferenceBudgetFactory(event=event, status=BudgetStatus.DECIDED)
    BudgetLineFactory(
        budget=budget,
        amount=Decimal("12500"),
        decision="approved",
        approved_amount=Decimal("12500"),
        actual_amount=Decimal("13250.50"),
    )
    BudgetLineFactory(
        budget=budget,
        category="travel",
        description="Tog",
        coverage="not_covered",
        amount=Decimal("4000"),
    )
    client = client_as("chair")
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    with translation.override("da"), django_assert_max_num_queries(30):
        html = client.get(_url("budget", event)).content.decode()
    assert "13.250,50 kr." in html
    assert "750,50 kr." in html
    assert "data:image/svg+xml;base64," in html
    assert "<figcaption>" in html
    assert 'action="' + _url("budget_actuals", event) + '"' in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(_url("budget", event)).content.decode()
    assert "DKK 13,250.50" in html
    assert "Over budget" in html


def test_the_office_overview_lists_budgets_awaiting_a_decision_first(
    client_as, world, django_assert_max_num_queries
):
    old = EventFactory(
        conference=True,
        network=world.network,
        title="Konference 2023",
        starts_at=in_days(-400, hour=10),
        ends_at=in_days(-400, hour=17),
    )
    BudgetLineFactory(
        budget=ConferenceBudgetFactory(event=old, status=BudgetStatus.DECIDED),
        decision="approved",
        approved_amount=Decimal("10000"),
        actual_amount=Decimal("12000"),
    )
    waiting = EventFactory(conference=True, network=world.other_network, title="Kultur 2023")
    BudgetLineFactory(budget=ConferenceBudgetFactory(event=waiting, status=BudgetStatus.SUBMITTED))
    EventFactory(
        conference=True,
        network=world.network,
        title="Uden budget",
        starts_at=in_days(200, 10),
        ends_at=in_days(200, 17),
    )
    client = client_as("staff")
    with django_assert_max_num_queries(30) as few:
        response = client.get(reverse("meetings:conferences", kwargs={"org": "org"}))
    html = response.content.decode()
    assert html.index("Kultur 2023") < html.index("Uden budget") < html.index("Konference 2023")
    assert "Over budget" in html
    assert "No budget yet" in html
    for n in range(6):
        event = EventFactory(conference=True, network=world.network, title=f"Flere {n}")
        BudgetLineFactory(budget=ConferenceBudgetFactory(event=event))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("meetings:conferences", kwargs={"org": "org"}))
    assert (
        client.get(reverse("meetings:conferences", kwargs={"org": "org"}) + "?page=x").status_code
        == 200
    )
