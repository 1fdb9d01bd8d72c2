"""The competence list and sparring requests in a real browser: a member types a word and
watches the results come in (htmx, no submit), follows a result and asks that person for
sparring; the person asked accepts in place, sees how to reach the asker, and closes the
request with the outcome; one asked passes a request on to someone found by name as they type
(and without JavaScript, by the search button); and every page of the issue passes axe-core on
a phone and a desk.

The browser speaks Danish, so the tests find things by URL, name and id rather than by
English words."""

from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from test_accessibility import DESKTOP, PHONE, check_page

from netvaerk.competences.models import Profile, RequestStatus, SparringRequest, Tag
from netvaerk.competences.tests.factories_requests import profile_for, sparring_request
from netvaerk.competences.tests.factories_search import profile, tag
from netvaerk.testing import World, make_world

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]

C = "/org/competences/"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _ready(page) -> None:
    page.wait_for_function("() => window.htmx !== undefined")


@dataclass
class Competences:
    world: World
    planning: Tag
    chair: Profile  # "kommuneplaner", visible to the organisation: the one asked
    coordinator: Profile  # "kommuneplanlægning", visible to the organisation
    hidden: Profile  # "kommuneplaner" too, but visible to nobody
    other: Profile  # about something else


def _competences_world() -> Competences:
    world = make_world()
    org = world.organisation
    planning = tag(org, "Kommuneplanlægning", "lokalplaner", slug="kommuneplan")
    press = tag(org, "Pressearbejde", slug="presse")
    chair = profile_for(
        world.persons["chair"],
        summary="Jeg har arbejdet med kommuneplaner i ti år og hjælper gerne med høringssvar.",
    )
    coordinator = profile_for(
        world.persons["coordinator"],
        summary="Erfaring med kommuneplanlægning i en mellemstor kommune.",
    )
    hidden = profile(
        org,
        "Skjult Person",
        summary="Jeg kender alt til kommuneplaner, men vil ikke findes.",
        visibility="nobody",
    )
    other = profile(org, "Presse Person", tags=[press], summary="Pressemeddelelser og debat.")
    return Competences(world, planning, chair, coordinator, hidden, other)


def _profile_href(found: Profile) -> str:
    return f"{C}people/{found.pk}/"


def _stays(page) -> None:
    """Mark the document, so that a later `_stayed` shows htmx swapped content into it
    rather than the browser loading a new page."""
    page.evaluate("() => { window.stayedHere = true; }")


def _stayed(page) -> bool:
    return page.evaluate("() => window.stayedHere === true")


def test_a_member_asks_someone_found_as_they_type_who_accepts_and_closes_it(
    new_session, log_in, axe
):
    data = _competences_world()
    member = data.world.persons["member"]
    chair = data.world.persons["chair"]
    session = new_session()
    log_in(session, data.world.user("member"))
    page = session.new_page()

    page.goto(C)
    _ready(page)
    _stays(page)
    results = page.locator("#search-results")
    page.locator("#id_q").press_sequentially("kommuneplan", delay=20)
    # htmx fetches the results as one types, with no submit, and pushes the URL.
    page.wait_for_url("**q=kommuneplan**")
    expect(results.locator("li.card")).to_have_count(2)
    assert _stayed(page), "the results came in place"
    hrefs = results.locator("li.card h2 a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert sorted(hrefs) == sorted([_profile_href(data.chair), _profile_href(data.coordinator)])
    expect(results.locator(f"a[href='{_profile_href(data.hidden)}']")).to_have_count(0)
    expect(results.locator(f"a[href='{_profile_href(data.other)}']")).to_have_count(0)
    check_page(page, session, axe)

    results.locator(f"a[href='{_profile_href(data.chair)}']").click()
    page.wait_for_url(f"**{_profile_href(data.chair)}")
    _ready(page)
    ask = f"{_profile_href(data.chair)}ask/"
    page.locator(f"main a[href='{ask}']").click()
    page.wait_for_url(f"**{ask}")
    _ready(page)
    page.fill("input[name='subject']", "Høringssvar om kommuneplanen")
    page.fill(
        "textarea[name='question']",
        "Vi skriver et høringssvar om den nye kommuneplan. Vil du læse vores udkast?",
    )
    page.locator(f"form[action='{ask}'] button[type='submit']").click()

    page.wait_for_url(f"**{C}requests/*/")
    _ready(page)
    sparring = SparringRequest.objects.get(requester=member)
    request_path = f"{C}requests/{sparring.pk}/"
    assert page.url.endswith(request_path)
    assert sparring.recipient == chair
    assert sparring.status == RequestStatus.OPEN
    assert sparring.subject == "Høringssvar om kommuneplanen"
    expect(page.locator("h1")).to_have_text("Høringssvar om kommuneplanen")
    # Until the answer nobody's contact details are shared.
    expect(page.locator(".contact-details")).to_have_count(0)
    check_page(page, session, axe)

    # The person asked, in a browser of their own, on a phone.
    chair_session = new_session(viewport=PHONE)
    log_in(chair_session, data.world.user("chair"))
    chair_page = chair_session.new_page()
    chair_page.goto(f"{C}requests/")
    _ready(chair_page)
    chair_page.locator(f"main a[href='{request_path}']").click()
    chair_page.wait_for_url(f"**{request_path}")
    _ready(chair_page)
    expect(chair_page.locator(f"a[href='mailto:{member.email}']")).to_have_count(0)
    _stays(chair_page)

    chair_page.fill("textarea[name='accept-note']", "Send det bare, jeg kigger på det i weekenden.")
    chair_page.locator("form[action$='/accept/'] button[type='submit']").click()
    # htmx swaps the request's body in place: the asker's contact details appear.
    expect(chair_page.locator(f"#request-body a[href='mailto:{member.email}']")).to_have_count(1)
    assert _stayed(chair_page), "the request was accepted in place"
    assert chair_page.url.endswith(request_path)
    sparring.refresh_from_db()
    assert sparring.status == RequestStatus.ACCEPTED
    check_page(chair_page, chair_session, axe)

    outcome = "Vi fik et godt høringssvar ud af det."
    chair_page.fill("textarea[name='close-outcome']", outcome)
    chair_page.locator("form[action$='/close/'] button[type='submit']").click()
    expect(chair_page.locator("form[action$='/close/']")).to_have_count(0)
    expect(chair_page.locator("#request-body")).to_contain_text(outcome)
    assert _stayed(chair_page), "the request was closed in place"
    sparring.refresh_from_db()
    assert sparring.status == RequestStatus.CLOSED
    assert sparring.outcome == outcome
    check_page(chair_page, chair_session, axe)

    # The asker now sees how to reach the person asked, and the outcome.
    page.reload()
    _ready(page)
    expect(page.locator(f"#request-body a[href='mailto:{chair.email}']")).to_have_count(1)
    expect(page.locator("#request-body")).to_contain_text(outcome)


def _pass_on_world() -> tuple[Competences, SparringRequest, Profile, list[Profile]]:
    """The member's request to the chair, and more people who could take it than the picker
    shows at once."""
    data = _competences_world()
    org = data.world.organisation
    many = [profile(org, f"Kandidat {n:02d}", summary="Lokalplaner.") for n in range(30)]
    target = profile(org, "Vibeke Østergaard", summary="Høringssvar om lokalplaner.")
    sparring = sparring_request(
        requester=data.world.persons["member"],
        recipient=data.world.persons["chair"],
        subject="Høringssvar om lokalplanen",
        question="Vil du læse vores udkast?",
    )
    return data, sparring, target, many


def test_the_person_asked_finds_someone_by_name_as_they_type_and_passes_it_on(
    new_session, log_in, axe
):
    data, sparring, target, many = _pass_on_world()
    session = new_session()
    log_in(session, data.world.user("chair"))
    page = session.new_page()
    request_path = f"{C}requests/{sparring.pk}/"
    page.goto(request_path)
    _ready(page)
    _stays(page)
    radios = page.locator("#pass-candidates input[type='radio']")
    # Not everyone: the first 20, and a count that says how to find the others.
    expect(radios).to_have_count(20)
    expect(page.locator("#pass-count")).to_contain_text("20")
    check_page(page, session, axe)

    # One chosen, then a search: the results come in place, the one chosen stays, chosen.
    page.locator(f"#pass-person-{many[3].pk}").check()
    page.locator("#pass-q").press_sequentially("østerg", delay=20)
    expect(radios).to_have_count(2)
    expect(page.locator("#pass-count")).to_contain_text("»østerg«")
    assert radios.evaluate_all("inputs => inputs.map(i => [i.value, i.checked])") == [
        [str(many[3].pk), True],
        [str(target.pk), False],
    ]
    assert _stayed(page), "the search came in place"
    assert page.url.endswith(request_path)
    check_page(page, session, axe)

    page.locator(f"label[for='pass-person-{target.pk}']").click()
    page.fill("textarea[name='pass-note']", "Vibeke kender lokalplanen bedre end jeg.")
    page.locator("form[action$='/pass/'] button[type='submit']:not([form])").click()
    # The request is no longer the chair's: htmx takes them to their list.
    page.wait_for_url(f"**{C}requests/")
    sparring.refresh_from_db()
    assert sparring.recipient == target.person
    assert sparring.status == RequestStatus.OPEN


def test_without_javascript_the_search_button_finds_the_person_to_pass_it_on_to(
    new_session, log_in
):
    data, sparring, target, _many = _pass_on_world()
    session = new_session(java_script_enabled=False)
    log_in(session, data.world.user("chair"))
    page = session.new_page()
    page.goto(f"{C}requests/{sparring.pk}/")
    page.fill("#pass-q", "Østergaard")
    page.locator("button[form='pass-search']").click()
    page.wait_for_url("**pass_q=%C3%98stergaard*")
    radios = page.locator("#pass-candidates input[type='radio']")
    expect(radios).to_have_count(1)
    expect(page.locator("#pass-q")).to_have_value("Østergaard")
    page.locator(f"#pass-person-{target.pk}").check()
    page.locator("form[action$='/pass/'] button[type='submit']:not([form])").click()
    page.wait_for_url(f"**{C}requests/")
    sparring.refresh_from_db()
    assert sparring.recipient == target.person


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_competence_page_is_accessible_on_a_phone_and_a_desk(
    new_session, log_in, axe, viewport
):
    data = _competences_world()
    member = data.world.persons["member"]
    profile_for(member, summary="Jeg kan lidt om budgetter.")
    sparring = sparring_request(
        requester=member,
        recipient=data.world.persons["chair"],
        subject="Høringssvar om kommuneplanen",
        question="Vil du læse vores udkast?",
    )
    pages = {
        "member": [
            C,
            f"{C}?q=kommuneplan",
            f"{C}?tag=kommuneplan&region=hovedstaden&open=1",
            f"{C}?q=ingenting",
            f"{C}me/",
            _profile_href(data.chair),
            f"{_profile_href(data.chair)}ask/",
            f"{C}networks/bolig/ask/",
            f"{C}requests/",
            f"{C}requests/?tab=sent",
            f"{C}requests/{sparring.pk}/",
        ],
        "chair": [
            f"{C}requests/",
            f"{C}requests/{sparring.pk}/",
            f"{C}networks/bolig/",
        ],
        "staff": [
            f"{C}tags/",
            f"{C}tags/{data.planning.slug}/",
            f"{C}settings/",
            f"{C}networks/bolig/",
        ],
    }
    for persona, paths in pages.items():
        session = new_session(viewport=viewport)
        log_in(session, data.world.user(persona))
        page = session.new_page()
        for path in paths:
            response = page.goto(path)
            assert response is not None, f"{path}: no response"
            assert response.status == 200, f"{path} answered {response.status} to {persona}"
            expect(page.locator("h1")).to_have_count(1)
            _ready(page)
            check_page(page, session, axe)
