"""The network–board relation in the demo: every workflow in every state, as a board meeting
would find it. Written through the services, then dated back so that the demo has a past
(an overdue request, answers promised for last week)."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from netvaerk.core.access import Actor
from netvaerk.core.demo.builder import Builder, danish_date
from netvaerk.governance import services
from netvaerk.governance.models import BoardRequest, Proposal, RulesOfProcedure
from netvaerk.networks.models import Network
from netvaerk.organisations.models import OrgRole
from netvaerk.people.models import Person

DAY = datetime.timedelta(days=1)


@dataclass
class Cast:
    board: Person  # board@, who decides
    staff: Person  # staff@, who acts on the board's behalf
    board_members: list[Person]  # other members of the board, who prepare proposals


def _board(b: Builder, person: Person) -> Actor:
    return Actor(organisation=b.org, person=person, roles=frozenset({OrgRole.BOARD}))


def _staff(b: Builder, person: Person) -> Actor:
    return Actor(organisation=b.org, person=person, roles=frozenset({OrgRole.STAFF}))


def _chair(network: Network) -> Person:
    return network.memberships.get(role="chair", status="active").person


def _backdate(qs: QuerySet, days: int) -> None:
    """Move a row's history `days` into the past: written then, submitted a day later,
    decided or answered a week after that (or today, if that is sooner)."""
    row = qs.get()
    written = timezone.now() - days * DAY
    later = {
        "submitted_at": written + DAY,
        "decided_at": written + min(8, days) * DAY,
        "answered_at": written + min(8, days) * DAY,
    }
    stamps = {name: written for name in ("created_at", "updated_at") if hasattr(row, name)}
    stamps |= {name: when for name, when in later.items() if getattr(row, name, None)}
    qs.update(**stamps)


def rules(b: Builder, network: Network, cast: Cast, *, text: str, history: str) -> None:
    """history: "approved" (one approved version), "returned" (approved, then a revision the
    board returned), or "waiting" (approved, then a revision with the board)."""
    chair = b.as_person(_chair(network))
    board = _board(b, cast.board)
    meeting = danish_date(b.today - 300 * DAY)
    first = services.rules_draft_save(actor=chair, network=network, text=text)
    first = services.rules_submit(actor=chair, version=first)
    services.rules_decide(
        actor=board,
        version=first,
        approve=True,
        reference=f"{b.org.board_word}s møde {meeting}, pkt. 6",
    )
    _backdate(RulesOfProcedure.objects.filter(pk=first.pk), 300)
    if history == "approved":
        return
    revised = services.rules_draft_save(
        actor=chair,
        network=network,
        text=text + "\n\n## Regionale netværk\n\nRegionale netværk kan oprettes efter aftale.",
        change_summary="Nyt afsnit om regionale netværk.",
    )
    revised = services.rules_submit(actor=chair, version=revised)
    if history == "returned":
        services.rules_decide(
            actor=board,
            version=revised,
            approve=False,
            reason=(
                "Afsnittet om regionale netværk skal afstemmes med vedtægternes § 12 om "
                "regionernes rolle. Send gerne et nyt udkast."
            ),
        )
        _backdate(RulesOfProcedure.objects.filter(pk=revised.pk), 40)
    else:
        _backdate(RulesOfProcedure.objects.filter(pk=revised.pk), 6)


def proposals(
    b: Builder, networks: list[Network], cast: Cast, titles: list[tuple[str, str, str]]
) -> None:
    """One proposal in each state, spread over the networks. titles: (kind, title, text)."""
    board = _board(b, cast.board)
    staff = _staff(b, cast.staff)
    states = [
        "draft",
        "submitted",
        "considering",
        "overdue",
        "adopted",
        "adopted_changed",
        "rejected",
        "withdrawn",
    ]
    for index, (state, (kind, title, text)) in enumerate(zip(states, titles, strict=True)):
        network = networks[index % len(networks)]
        chair = b.as_person(_chair(network))
        proposal = services.proposal_create(
            actor=chair,
            network=network,
            kind=kind,
            title=title,
            text=text,
            rationale="Netværket har drøftet forslaget på to møder og står samlet bag det.",
        )
        if state == "draft":
            continue
        proposal = services.proposal_submit(actor=chair, proposal=proposal)
        age = 10 + 12 * index
        if state in ("considering", "overdue", "adopted", "adopted_changed", "rejected"):
            proposal = services.proposal_handle(
                actor=staff,
                proposal=proposal,
                preparer=cast.board_members[index % len(cast.board_members)],
                answer_due=b.today + 21 * DAY,
            )
            services.proposal_note_add(
                actor=board,
                proposal=proposal,
                text="Drøftes med formanden for netværket før mødet.",
            )
        if state == "overdue":
            Proposal.objects.filter(pk=proposal.pk).update(answer_due=b.today - 5 * DAY)
        if state in ("adopted", "adopted_changed", "rejected"):
            services.proposal_decide(
                actor=board,
                proposal=proposal,
                outcome=state,
                reason={
                    "adopted": "Forslaget ligger i forlængelse af partiets linje og vedtages.",
                    "adopted_changed": "Vedtaget med en skarpere formulering af det sidste afsnit.",
                    "rejected": "Forslaget binder organisationen økonomisk, før budgettet er lagt.",
                }[state],
                reference=f"{b.org.board_word}s møde {danish_date(b.today - (age - 5) * DAY)}",
                adopted_text=text + " Det skal ske inden udgangen af 2027."
                if state == "adopted_changed"
                else "",
            )
        if state == "withdrawn":
            services.proposal_withdraw(
                actor=chair, proposal=proposal, reason="Overhalet af regeringens udspil."
            )
        _backdate(Proposal.objects.filter(pk=proposal.pk), age)


def requests(b: Builder, network: Network, others: list[Network], cast: Cast) -> None:
    """An open request and an overdue one to `network`, and an answered one to another."""
    board = _board(b, cast.board)
    staff = _staff(b, cast.staff)
    open_request = services.board_request_create(
        actor=board,
        network=network,
        kind="advice",
        title="Sparring på udspil før landsmødet",
        text="Hovedbestyrelsen vil gerne høre netværkets vurdering af udkastet inden landsmødet.",
        deadline=b.today + 12 * DAY,
    )
    _backdate(BoardRequest.objects.filter(pk=open_request.pk), 9)
    late = services.board_request_create(
        actor=staff,
        network=network,
        kind="task",
        title="Oplæg til temadag for nye byrådsmedlemmer",
        text="Udarbejd et oplæg på 2–3 sider til temadagen. Sekretariatet sørger for lokale.",
        deadline=b.today + DAY,
    )
    BoardRequest.objects.filter(pk=late.pk).update(
        deadline=b.today - 8 * DAY, created_at=timezone.now() - 45 * DAY
    )
    answered_network = others[0]
    answered = services.board_request_create(
        actor=board,
        network=answered_network,
        kind="advice",
        title="Input til høringssvar",
        text="Har netværket bemærkninger til høringen?",
        deadline=b.today + 5 * DAY,
    )
    services.board_request_answer(
        actor=b.as_person(_chair(answered_network)),
        request=answered,
        answer="Netværket støtter høringssvaret og foreslår et afsnit om lokale erfaringer.",
    )
    _backdate(BoardRequest.objects.filter(pk=answered.pk), 20)


def new_network_proposals(
    b: Builder, cast: Cast, *, waiting: dict[str, str], referred: dict[str, str]
) -> None:
    """Two proposals to start a network from visitors: one waiting in the office's queue
    with a question asked, one the office has put to the board."""
    from netvaerk.networks import founding

    visitor = Actor(organisation=b.org)
    staff = _staff(b, cast.staff)
    for spec, refer in ((waiting, False), (referred, True)):
        name = b.names.name()
        proposal = founding.founding_submit(
            actor=visitor,
            name=spec["name"],
            purpose=spec["purpose"],
            helpers=spec["helpers"],
            kind="central",
            region=None,
            proposer_name=name,
            proposer_email=b.names.email(name),
            language="da",
            consent=True,
        )
        if refer:
            founding.founding_refer(
                actor=staff,
                proposal=proposal,
                name=spec["name"],
                slug=spec["slug"],
                kind="central",
                region=None,
                purpose=spec["purpose"],
                note="Sekretariatet anbefaler forslaget: intet netværk dækker emnet i dag.",
            )
        else:
            founding.founding_ask(
                actor=staff,
                proposal=proposal,
                question="Hvem i jeres afdeling vil være med i koordinationsgruppen?",
            )


def annual_reports(b: Builder, submitted: Network, drafted: Network, cast: Cast) -> None:
    """Last year's reports, due this spring: one submitted and on the board's agenda, one
    still a draft (and so overdue), the rest not started (overdue too). This year's report of
    the submitting network is being written."""
    from netvaerk.reports import services as reports
    from netvaerk.reports.models import AnnualReport

    year = b.today.year - 1
    chair = b.as_person(_chair(submitted))
    report = reports.annual_report_start(actor=chair, network=submitted, year=year)
    report = reports.annual_report_update(
        actor=chair,
        report=report,
        summary=(
            f"{submitted.name} har haft et aktivt år med virtuelle møder, et forslag til "
            f"{b.org.board_word} og en velbesøgt årskonference."
        ),
        activities="- Fire virtuelle netværksmøder\n- Årskonference med 60 deltagere",
        cooperation=f"Tæt dialog med {b.org.board_word} gennem netværkets koordinator.",
        plans="Netværket vil i det kommende år styrke samarbejdet med afdelingerne.",
    )
    reports.annual_report_set_agenda(
        actor=_staff(b, cast.staff),
        report=report,
        item_number="5.1",
        board_meeting=f"{b.org.board_word}s møde {danish_date(b.today + 14 * DAY)}",
    )
    report = reports.annual_report_submit(actor=chair, report=report)
    # Handed in on time, some weeks before the deadline.
    deadline = b.org.annual_report_deadline(year)
    _backdate(AnnualReport.objects.filter(pk=report.pk), max(30, (b.today - deadline).days + 20))
    reports.annual_report_start(actor=chair, network=submitted, year=b.today.year)

    late_chair = b.as_person(_chair(drafted))
    draft = reports.annual_report_start(actor=late_chair, network=drafted, year=year)
    reports.annual_report_update(
        actor=late_chair,
        report=draft,
        summary="Netværket har holdt tre møder og arbejdet med et nyt udspil.",
        activities="",
        cooperation="",
        plans="",
    )
