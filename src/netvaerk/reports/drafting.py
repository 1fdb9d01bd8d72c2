"""Drafting an annual report from live data, as a list of section providers.

A provider contributes figures and the sections that present them:

- ``collect(scope)`` reads its live figures (a fixed number of queries) and returns plain
  JSON values. At submission the figures of every provider are frozen into
  ``AnnualReport.snapshot["figures"][provider.key]``; a submitted report is drawn from them.
- ``render(scope, figures)`` turns the figures (``None`` where the provider has none — it
  did not exist when the report was submitted, or collects nothing) into sections with a
  heading and blocks. The drafter numbers the sections in provider order.

Another app adds a provider in its AppConfig.ready()::

    from netvaerk.reports.drafting import SectionProvider, register_section_provider

    register_section_provider(
        SectionProvider(key="meetings", order=45, collect=..., render=...), replace=True
    )

The meetings app adds "Meetings and conference" this way (key "meetings", order 45). A
provider's render must accept ``None`` for reports submitted before it existed."""

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netvaerk.core.access import today
from netvaerk.governance.models import ProposalKind, ProposalStatus
from netvaerk.networks.models import MembershipRole, MembershipStatus, Network
from netvaerk.organisations.models import Organisation
from netvaerk.reports import charts, selectors
from netvaerk.reports.documents import Block, BoardDocument, Contact, Section, Table, Text
from netvaerk.reports.models import AnnualReport

SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class ReportScope:
    """What a provider drafts for: a network's year, and the report if one exists."""

    organisation: Organisation
    network: Network
    year: int
    report: AnnualReport | None = None


Figures = dict[str, Any] | None


@dataclass(frozen=True)
class SectionProvider:
    key: str
    order: int
    render: Callable[[ReportScope, Figures], list[Section]]
    collect: Callable[[ReportScope], dict[str, Any]] | None = None


_providers: dict[str, SectionProvider] = {}


def register_section_provider(provider: SectionProvider, *, replace: bool = False) -> None:
    if provider.key in _providers and not replace:
        raise ValueError(f"A section provider {provider.key!r} is already registered.")
    _providers[provider.key] = provider


def section_providers() -> list[SectionProvider]:
    return sorted(_providers.values(), key=lambda p: (p.order, p.key))


@contextmanager
def section_providers_changed() -> Iterator[None]:
    """For tests: providers registered inside the block are gone after it."""
    saved = dict(_providers)
    try:
        yield
    finally:
        _providers.clear()
        _providers.update(saved)


def collect_figures(scope: ReportScope) -> dict[str, Any]:
    return {p.key: p.collect(scope) for p in section_providers() if p.collect is not None}


def report_figures(scope: ReportScope) -> dict[str, Any]:
    """The frozen figures of a submitted report, else the live ones."""
    report = scope.report
    if report is not None and report.is_submitted and report.snapshot:
        return dict(report.snapshot.get("figures", {}))
    return collect_figures(scope)


def draft_sections(scope: ReportScope, figures: dict[str, Any]) -> list[Section]:
    sections: list[Section] = []
    for provider in section_providers():
        sections.extend(provider.render(scope, figures.get(provider.key)))
    return [replace(section, number=str(n)) for n, section in enumerate(sections, start=1)]


# --- contacts -----------------------------------------------------------------------------


def collect_contacts(scope: ReportScope) -> list[dict[str, str]]:
    """The chair and the coordinators whose term is running: names, roles, and e-mail and
    phone where the person agreed to be shown as a contact. Two queries."""
    from netvaerk.networks.models import CoordinatorMandate, Membership
    from netvaerk.networks.selectors import current_mandate_filter

    chairs = Membership.objects.filter(
        network=scope.network, status=MembershipStatus.ACTIVE, role=MembershipRole.CHAIR
    ).select_related("person")
    mandates = (
        CoordinatorMandate.objects.filter(current_mandate_filter(today()), network=scope.network)
        .select_related("person")
        .order_by("term_start", "id")
    )
    people = [(m.person, "chair") for m in chairs] + [(m.person, "coordinator") for m in mandates]
    return [
        {
            "name": person.name,
            "role": role,
            "email": person.email if person.show_contact_details else "",
            "phone": person.phone if person.show_contact_details else "",
        }
        for person, role in people
    ]


def _contact_role(role: str, network: Network) -> str:
    if role == "chair":
        return _("chair of %(network)s") % {"network": network.name}
    return _("network coordinator")


# --- building the document ----------------------------------------------------------------


def take_snapshot(scope: ReportScope) -> dict[str, Any]:
    """What a submitted report keeps: the figures of every provider and the contacts."""
    return {
        "version": SNAPSHOT_VERSION,
        "taken_at": timezone.now().isoformat(),
        "figures": collect_figures(scope),
        "contacts": collect_contacts(scope),
    }


def annual_report_document(scope: ReportScope) -> BoardDocument:
    """The annual report as a board document, in the current language (the caller chooses
    it: render_pdf and render_docx use the document's language)."""
    report = scope.report
    frozen = report is not None and report.is_submitted and bool(report.snapshot)
    figures = report_figures(scope)
    contact_rows = (
        report.snapshot.get("contacts", []) if frozen and report else collect_contacts(scope)
    )
    org = scope.organisation
    if report is not None and report.submitted_at is not None and report.is_submitted:
        date = timezone.localdate(report.submitted_at)
    else:
        date = today()
    return BoardDocument(
        organisation=org,
        item_number=report.item_number if report else "",
        date=date,
        to=(report.board_meeting if report else "") or org.board_word.capitalize(),
        contacts=[
            Contact(
                name=row["name"],
                role=_contact_role(row["role"], scope.network),
                email=row.get("email", ""),
                phone=row.get("phone", ""),
            )
            for row in contact_rows
        ],
        title=_("Annual report %(year)s: %(network)s")
        % {
            "year": scope.year,
            "network": scope.network.name,
        },
        sections=draft_sections(scope, figures),
        draft=not (report is not None and report.is_submitted),
        language=org.language,
    )


# --- the built-in providers ---------------------------------------------------------------


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _date(iso: str) -> str:
    return date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT")


def _narrative(key: str, order: int, field: str, heading: Callable[[], str]) -> SectionProvider:
    def render(scope: ReportScope, figures: Figures) -> list[Section]:
        text = getattr(scope.report, field, "") if scope.report else ""
        blocks: list[Block] = [
            Text(text) if text.strip() else Text(_("The network has not written this section."))
        ]
        return [Section("", heading(), blocks)]

    return SectionProvider(key=key, order=order, render=render)


def _render_members(scope: ReportScope, figures: Figures) -> list[Section]:
    if figures is None:
        return []
    unknown = _("Unknown")
    start, end = figures["members_start"], figures["members_end"]
    blocks: list[Block] = [
        Text(
            _(
                "On 1 January %(year)s the network had %(start)s members, and on "
                "31 December %(end)s. During the year there were %(joined)s joins and "
                "%(left)s leaves."
            )
            % {
                "year": scope.year,
                "start": _n(start),
                "end": _n(end),
                "joined": _n(figures["joined"]),
                "left": _n(figures["left"]),
            }
        ),
        Table(
            header=[_("Date"), _("Members")],
            rows=[
                [_("1 January %(year)s") % {"year": scope.year}, _n(start)],
                [_("31 December %(year)s") % {"year": scope.year}, _n(end)],
            ],
        ),
    ]
    months = [date_format(datetime.date(scope.year, month, 1), "M") for month in range(1, 13)]
    blocks.append(
        charts.line_chart(
            title=_("Members at the end of each month, %(year)s") % {"year": scope.year},
            labels=months,
            series={_("Members"): figures["members_by_month"]},
            alt=_(
                "Line chart of the members at the end of each month of %(year)s: from "
                "%(start)s on 1 January to %(end)s on 31 December; the lowest month-end "
                "count was %(low)s and the highest %(high)s."
            )
            % {
                "year": scope.year,
                "start": _n(start),
                "end": _n(end),
                "low": _n(min(figures["members_by_month"])),
                "high": _n(max(figures["members_by_month"])),
            },
        )
    )
    for rows, label, caption in (
        (figures["by_region"], _("Region"), _("Joins and leaves by region")),
        (figures["by_branch"], _("Branch"), _("Joins and leaves by branch")),
    ):
        if not rows:
            continue
        blocks.append(
            Table(
                header=[label, _("Joined"), _("Left")],
                rows=[[row["name"] or unknown, _n(row["joined"]), _n(row["left"])] for row in rows],
                caption=caption,
            )
        )
        if label == _("Region"):
            blocks.append(
                charts.bar_chart(
                    title=_("Joins and leaves by region, %(year)s") % {"year": scope.year},
                    labels=[row["name"] or unknown for row in rows],
                    series={
                        _("Joined"): [row["joined"] for row in rows],
                        _("Left"): [row["left"] for row in rows],
                    },
                    alt=_("Bar chart of joins and leaves by region: %(values)s.")
                    % {
                        "values": "; ".join(
                            _("%(region)s %(joined)s joined, %(left)s left")
                            % {
                                "region": row["name"] or unknown,
                                "joined": _n(row["joined"]),
                                "left": _n(row["left"]),
                            }
                            for row in rows
                        )
                    },
                )
            )
    if not figures["by_region"]:
        blocks.append(Text(_("Nobody joined or left the network during the year.")))
    blocks.append(
        Text(
            _(
                "Regions and branches are the members' current ones; members without one "
                "are counted as unknown."
            )
        )
    )
    return [Section("", _("Members"), blocks)]


def _render_coordination(scope: ReportScope, figures: Figures) -> list[Section]:
    if figures is None:
        return []
    blocks: list[Block] = []
    if figures["coordinators"]:
        blocks.append(
            Table(
                header=[_("Coordinator"), _("From"), _("To"), _("Decision")],
                rows=[
                    [c["name"], _date(c["from"]), _date(c["to"]), c["decision"]]
                    for c in figures["coordinators"]
                ],
                caption=_("Coordinators appointed by the board during the year"),
            )
        )
    else:
        blocks.append(Text(_("The network had no coordinator appointed by the board this year.")))
    roles = dict(MembershipRole.choices)
    if figures["leads"]:
        blocks.append(
            Text(
                "\n".join(
                    f"- {lead['name']} ({roles.get(lead['role'], lead['role'])})"
                    for lead in figures["leads"]
                )
            )
        )
    return [Section("", _("Coordination"), blocks)]


def _render_governance(scope: ReportScope, figures: Figures) -> list[Section]:
    if figures is None:
        return []
    proposals = figures["proposals"]
    statuses = dict(ProposalStatus.choices)
    kinds = dict(ProposalKind.choices)
    blocks: list[Block] = [
        Text(
            ngettext(
                "The network submitted %(count)s proposal to the board during the year.",
                "The network submitted %(count)s proposals to the board during the year.",
                proposals["submitted"],
            )
            % {"count": _n(proposals["submitted"])}
        )
    ]
    if proposals["listed"]:
        blocks.append(
            Table(
                header=[_("Proposal"), _("Kind"), _("Submitted"), _("Outcome")],
                rows=[
                    [
                        p["title"],
                        str(kinds.get(p["kind"], p["kind"])),
                        _date(p["submitted"]),
                        str(statuses.get(p["status"], p["status"]))
                        + (f" ({_date(p['decided'])})" if p["decided"] else ""),
                    ]
                    for p in proposals["listed"]
                ],
                caption=_("Proposals to the board"),
            )
        )
    requests = figures["requests"]
    blocks.append(
        Table(
            header=[_("Requests from the board"), _("Number")],
            rows=[
                [_("Received during the year"), _n(requests["received"])],
                [_("Answered by the deadline"), _n(requests["answered_on_time"])],
                [_("Answered after the deadline"), _n(requests["answered_late"])],
                [_("Not yet answered"), _n(requests["open"])],
                [_("Withdrawn by the board"), _n(requests["withdrawn"])],
            ],
        )
    )
    approved = figures["rules_approved"]
    if approved:
        blocks.append(
            Text(
                "\n".join(
                    "- "
                    + _(
                        "The board approved version %(number)s of the rules of procedure "
                        "on %(date)s."
                    )
                    % {"number": r["number"], "date": _date(r["decided"])}
                    for r in approved
                )
            )
        )
    else:
        blocks.append(Text(_("No rules of procedure were approved during the year.")))
    return [Section("", _("Proposals, requests and rules of procedure"), blocks)]


def _collect_members(scope: ReportScope) -> dict[str, Any]:
    return selectors.membership_figures(network=scope.network, year=scope.year)


def _collect_coordination(scope: ReportScope) -> dict[str, Any]:
    return selectors.coordination_figures(network=scope.network, year=scope.year)


def _collect_governance(scope: ReportScope) -> dict[str, Any]:
    return selectors.governance_figures(network=scope.network, year=scope.year)


def register_builtin_providers() -> None:
    for provider in (
        _narrative("narrative.summary", 10, "summary", lambda: _("Summary of the year")),
        SectionProvider(key="members", order=20, collect=_collect_members, render=_render_members),
        SectionProvider(
            key="coordination",
            order=30,
            collect=_collect_coordination,
            render=_render_coordination,
        ),
        _narrative("narrative.activities", 40, "activities", lambda: _("Activities")),
        SectionProvider(
            key="governance", order=50, collect=_collect_governance, render=_render_governance
        ),
        _narrative(
            "narrative.cooperation",
            60,
            "cooperation",
            lambda: _("Cooperation with the board and the branches"),
        ),
        _narrative("narrative.plans", 70, "plans", lambda: _("Plans for next year")),
    ):
        register_section_provider(provider, replace=True)
