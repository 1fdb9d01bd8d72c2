"""A programme's status report as a board document (seed 002: "Bilag 5.1: Status på projekt
for lokalpolitisk interessevaretagelse"), and the draft of its narrative.

`draft_narrative(figures, organisation)` writes the first version of the four texts from the
report's figures (`selectors.report_data.report_figures`); staff then edit them.
`status_report_document(report)` builds the `BoardDocument` — header, introduction and three
numbered sections, each the staff's text followed by tables and charts of the figures — from
live figures while the report is a draft, from its snapshot once it has been sent. Both speak
the active language: the caller chooses it (render_pdf/render_docx use the document's)."""

import datetime
import math
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netvaerk.organisations.models import Organisation
from netvaerk.programmes.models import StatusReport, SupportStatus
from netvaerk.programmes.selectors import report_data
from netvaerk.reach.models import RecruitmentStage
from netvaerk.reports import charts
from netvaerk.reports.documents import Block, BoardDocument, Contact, Section, Table, Text

# --- formatting ----------------------------------------------------------------------------


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _pct(value: float) -> str:
    if value == int(value):
        return number_format(int(value))
    return number_format(value, decimal_pos=1)


def _date(iso: str) -> str:
    return date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT")


def _month(iso: str) -> str:
    return date_format(datetime.date.fromisoformat(iso), "YEAR_MONTH_FORMAT")


def _names(names: list[str]) -> str:
    return str(get_text_list(names, _("and")))


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


# --- the drafted narrative ----------------------------------------------------------------


def draft_introduction(figures: dict[str, Any]) -> str:
    """The programme's description, its purpose and its goals."""
    paragraphs = []
    description = figures["programme"]["description"].strip()
    if description:
        paragraphs.append(description)
    goals = figures["goals"]
    if goals["purpose"]:
        paragraphs.append(
            _("The purpose of the programme: %(purpose)s.")
            % {"purpose": goals["purpose"].strip().rstrip(".")}
        )
    if goals["goals"]:
        heading = ngettext("Its goal is:", "Its goals are:", len(goals["goals"]))
        paragraphs.append(f"{heading}\n{_bullets(goals['goals'])}")
    return "\n\n".join(paragraphs)


def _attendance_totals(held: list[dict[str, Any]]) -> dict[str, int]:
    keys = ("registered", "came", "members", "others", "guests")
    return {key: sum(row[key] for row in held) for key in keys}


def draft_general_support(figures: dict[str, Any], start: str, end: str) -> str:
    """The workshop series: what was held in the period, who came, what comes next."""
    paragraphs = []
    held = figures["workshops"]["held"]
    period = {"start": _date(start), "end": _date(end)}
    if held:
        latest = held[-1]
        paragraphs.append(
            ngettext(
                "In the period from %(start)s to %(end)s, %(count)s workshop was held.",
                "In the period from %(start)s to %(end)s, %(count)s workshops were held.",
                len(held),
            )
            % {**period, "count": _n(len(held))}
            + " "
            + _("The latest workshop was held on %(date)s: %(title)s.")
            % {"date": _date(latest["date"]), "title": latest["title"]}
        )
        totals = _attendance_totals(held)
        if figures["network"]:
            paragraphs.append(
                _(
                    "%(registered)s registered for the workshops and %(came)s came. Of those "
                    "who came, %(members)s were members of %(network)s and %(others)s were "
                    "other activists or guests."
                )
                % {
                    "registered": _n(totals["registered"]),
                    "came": _n(totals["came"]),
                    "members": _n(totals["members"]),
                    "others": _n(totals["others"] + totals["guests"]),
                    "network": figures["network"],
                }
            )
        else:
            paragraphs.append(
                _("%(registered)s registered for the workshops and %(came)s came.")
                % {"registered": _n(totals["registered"]), "came": _n(totals["came"])}
            )
    else:
        paragraphs.append(
            _(
                "No workshop of the programme's series was held in the period from %(start)s "
                "to %(end)s."
            )
            % period
        )
    upcoming = figures["workshops"]["upcoming"]
    if upcoming:
        paragraphs.append(
            ngettext(
                "The next workshop will be held on %(dates)s.",
                "The coming workshops will be held on %(dates)s.",
                len(upcoming),
            )
            % {"dates": _names([_date(day) for day in upcoming])}
        )
    else:
        paragraphs.append(_("No further workshops have been planned yet."))
    return "\n\n".join(paragraphs)


def _status_sentence(status: str, count: int, names: str, org: Organisation) -> str:
    words = {"branch": org.branch_word, "branches": org.branches_word}
    values = {"count": _n(count), "names": names, **words}
    if status == SupportStatus.ACCEPTED:
        text = ngettext(
            "At present %(count)s %(branch)s takes part (%(names)s).",
            "At present %(count)s %(branches)s take part (%(names)s).",
            count,
        )
    elif status == SupportStatus.HESITANT:
        text = ngettext(
            "%(count)s is hesitant about committing to the support (%(names)s).",
            "%(count)s are hesitant about committing to the support (%(names)s).",
            count,
        )
    elif status == SupportStatus.INVITED:
        text = ngettext(
            "%(count)s has not answered the invitation yet (%(names)s).",
            "%(count)s have not answered the invitation yet (%(names)s).",
            count,
        )
    elif status == SupportStatus.DECLINED:
        text = ngettext(
            "%(count)s declined the invitation (%(names)s).",
            "%(count)s declined the invitation (%(names)s).",
            count,
        )
    else:
        text = ngettext(
            "%(count)s has completed the support (%(names)s).",
            "%(count)s have completed the support (%(names)s).",
            count,
        )
    return text % values


STATUS_ORDER = (
    SupportStatus.ACCEPTED,
    SupportStatus.HESITANT,
    SupportStatus.INVITED,
    SupportStatus.DECLINED,
    SupportStatus.COMPLETED,
)


def draft_focused_support(figures: dict[str, Any], org: Organisation) -> str:
    """The branches selected, why, where each stands, and the latest from the case log."""
    support = figures["support"]
    branches = support["branches"]
    words = {"branch": org.branch_word, "branches": org.branches_word}
    if not branches:
        return _("No %(branches)s have been selected for focused support yet.") % words
    paragraphs = [
        ngettext(
            "%(count)s %(branch)s has been invited to take part in the focused support.",
            "%(count)s %(branches)s have been invited to take part in the focused support.",
            len(branches),
        )
        % {"count": _n(len(branches)), **words}
    ]
    if support["criteria"]:
        paragraphs.append(
            _("The %(branches)s were selected by these criteria:") % words
            + "\n"
            + _bullets(support["criteria"])
        )
    sentences = []
    for status in STATUS_ORDER:
        names = [row["name"] for row in branches if row["status"] == status]
        if names:
            sentences.append(_status_sentence(status, len(names), _names(names), org))
    paragraphs.append(" ".join(sentences))
    themes = sorted({row["theme"].strip() for row in branches if row["theme"].strip()})
    if themes:
        paragraphs.append(
            ngettext(
                "The focus theme of the support: %(themes)s.",
                "The focus themes of the support: %(themes)s.",
                len(themes),
            )
            % {"themes": _names(themes)}
        )
    if support["cases"]:
        paragraphs.append(
            _("From the case log:")
            + "\n"
            + _bullets(
                [
                    _("%(date)s, %(branch)s: %(text)s")
                    % {
                        "date": _date(case["date"]),
                        "branch": case["branch"],
                        "text": " ".join(case["text"].split()),
                    }
                    for case in support["cases"]
                ]
            )
        )
    return "\n\n".join(paragraphs)


def branches_missing(reach: dict[str, Any]) -> int:
    """How many more branches must take part to reach the goal (0 when it is reached)."""
    if reach["goal"] is None or not reach["total"]:
        return 0
    needed = math.ceil(round(reach["goal"] * reach["total"] / 100, 6))
    return max(0, needed - reach["counted"])


def draft_competences(competences: dict[str, Any] | None) -> str:
    """The network's competence list: how many of its members are on it, across how many
    competences, and which of the organisation's competences it does not cover (a few named).
    Empty when the organisation has no competence vocabulary (or the figures predate it)."""
    if not competences:
        return ""
    people = competences["people"]
    if not people:
        return _("None of the network's active members is on the competence list yet.")
    text = ngettext(
        "%(count)s of the network's active members is on the competence list",
        "%(count)s of the network's active members are on the competence list",
        people,
    ) % {"count": _n(people)}
    text += ngettext(
        ", covering %(count)s competence.",
        ", covering %(count)s competences between them.",
        competences["competences"],
    ) % {"count": _n(competences["competences"])}
    named: list[str] = competences["uncovered"]
    total: int = competences["uncovered_total"]
    if not total:
        return text + " " + _("They cover every competence of the organisation's list.")
    more = total - len(named)
    if more > 0:
        lacking = ngettext(
            "No one in the network covers %(names)s and %(count)s more of the organisation's "
            "competences.",
            "No one in the network covers %(names)s and %(count)s more of the organisation's "
            "competences.",
            more,
        ) % {"names": ", ".join(named), "count": _n(more)}
    else:
        lacking = _("No one in the network covers %(names)s.") % {"names": _names(named)}
    return f"{text} {lacking}"


def draft_network(figures: dict[str, Any], org: Organisation) -> str:
    """The network's reach against the goal, the unrepresented branches, the recruitment
    pipeline, and its competence list."""
    text = _draft_reach(figures, org)
    competences = draft_competences(figures.get("competences")) if figures["network"] else ""
    return f"{text}\n\n{competences}" if competences else text


def _draft_reach(figures: dict[str, Any], org: Organisation) -> str:
    words = {"branch": org.branch_word, "branches": org.branches_word}
    reach = figures["reach"]
    if not figures["network"]:
        return _("The programme does not work with a network.")
    if reach is None:
        return _("There are no figures yet for the %(branches)s taking part in %(network)s.") % {
            **words,
            "network": figures["network"],
        }
    paragraphs = []
    first = _(
        "%(counted)s of the %(total)s %(branches)s (%(percent)s %%) take part in %(network)s."
    ) % {
        **words,
        "counted": _n(reach["counted"]),
        "total": _n(reach["total"]),
        "percent": _pct(reach["percent"]),
        "network": reach["network"],
    }
    if reach["goal"] is None:
        goal = _("No goal has been set for the share of %(branches)s taking part.") % words
    else:
        missing = branches_missing(reach)
        if missing == 0:
            goal = _("The goal is %(goal)s %%, and it has been reached.") % {
                "goal": _pct(reach["goal"])
            }
        else:
            goal = ngettext(
                "The goal is %(goal)s %%: %(missing)s more %(branch)s must take part to reach it.",
                "The goal is %(goal)s %%: %(missing)s more %(branches)s must take part to "
                "reach it.",
                missing,
            ) % {**words, "goal": _pct(reach["goal"]), "missing": _n(missing)}
    paragraphs.append(f"{first} {goal}")
    unrepresented = reach["unrepresented"]
    if unrepresented:
        paragraphs.append(
            ngettext(
                "%(count)s %(branch)s is not represented in the network at present.",
                "%(count)s %(branches)s are not represented in the network at present.",
                unrepresented,
            )
            % {**words, "count": _n(unrepresented)}
        )
    else:
        paragraphs.append(_("Every %(branch)s is represented in the network.") % words)
    pipeline = reach["recruitment"]
    if any(pipeline.values()):
        labels = dict(RecruitmentStage.choices)
        paragraphs.append(
            _("The network's recruitment of %(branches)s, by stage:") % words
            + "\n"
            + _bullets(
                [
                    _("%(stage)s: %(count)s") % {"stage": labels[stage], "count": _n(count)}
                    for stage, count in pipeline.items()
                    if count
                ]
            )
        )
    return "\n\n".join(paragraphs)


def draft_narrative(
    figures: dict[str, Any], organisation: Organisation, *, start: str, end: str
) -> dict[str, str]:
    """The four texts of a new report, in the active language."""
    return {
        "introduction": draft_introduction(figures),
        "general_support": draft_general_support(figures, start, end),
        "focused_support": draft_focused_support(figures, organisation),
        "network_text": draft_network(figures, organisation),
    }


# --- the figures as tables and charts -----------------------------------------------------


def _workshop_blocks(figures: dict[str, Any]) -> list[Block]:
    held = figures["workshops"]["held"]
    blocks: list[Block] = []
    if held:
        members = (
            _("Of whom members of %(network)s") % {"network": figures["network"]}
            if figures["network"]
            else _("Of whom network members")
        )
        blocks.append(
            Table(
                header=[_("Workshop"), _("Date"), _("Registered"), _("Came"), members],
                rows=[
                    [
                        row["title"],
                        _date(row["date"]),
                        _n(row["registered"]),
                        _n(row["came"]),
                        _n(row["members"]),
                    ]
                    for row in held
                ],
                caption=_("Attendance at the workshops of the period"),
            )
        )
        blocks.append(
            charts.bar_chart(
                title=_("Registered and came, per workshop"),
                labels=[_date(row["date"]) for row in held],
                series={
                    _("Registered"): [row["registered"] for row in held],
                    _("Came"): [row["came"] for row in held],
                    _("Network members who came"): [row["members"] for row in held],
                },
                alt=_("Bar chart of registrations and attendance per workshop: %(values)s.")
                % {
                    "values": "; ".join(
                        _(
                            "%(date)s %(registered)s registered, %(came)s came, of whom "
                            "%(members)s network members"
                        )
                        % {
                            "date": _date(row["date"]),
                            "registered": _n(row["registered"]),
                            "came": _n(row["came"]),
                            "members": _n(row["members"]),
                        }
                        for row in held
                    )
                },
            )
        )
    upcoming = figures["workshops"]["upcoming"]
    if upcoming:
        blocks.append(
            Table(
                header=[_("Planned workshops")],
                rows=[[_date(day)] for day in upcoming],
            )
        )
    return blocks


def _support_blocks(figures: dict[str, Any], org: Organisation) -> list[Block]:
    branches = figures["support"]["branches"]
    if not branches:
        return []
    labels = dict(SupportStatus.choices)
    counts = {status: 0 for status in STATUS_ORDER}
    for row in branches:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return [
        Table(
            header=[_("Status"), org.branches_word.capitalize()],
            rows=[[str(labels[status]), _n(count)] for status, count in counts.items()],
            caption=_("Focused support by status"),
        ),
        Table(
            header=[org.branch_word.capitalize(), _("Status"), _("Focus theme")],
            rows=[
                [row["name"], str(labels.get(row["status"], row["status"])), row["theme"]]
                for row in branches
            ],
        ),
    ]


def _reach_blocks(figures: dict[str, Any], org: Organisation) -> list[Block]:
    reach = figures["reach"]
    if reach is None:
        return []
    words = {"branches": org.branches_word}
    rows = [
        [_("%(branches)s in total") % words, _n(reach["total"])],
        [_("%(branches)s taking part") % words, _n(reach["counted"])],
        [_("Share taking part"), f"{_pct(reach['percent'])} %"],
        [_("Goal"), f"{_pct(reach['goal'])} %" if reach["goal"] is not None else "–"],
        [_("%(branches)s not represented") % words, _n(reach["unrepresented"])],
    ]
    blocks: list[Block] = [
        Table(
            header=[_("Branch reach of %(network)s") % {"network": reach["network"]}, _("Now")],
            rows=[[row[0][:1].upper() + row[0][1:], row[1]] for row in rows],
        )
    ]
    trend = reach["trend"]
    if trend:
        series: dict[str, list[float | None]] = {
            _("Share taking part (%)"): [row["percent"] for row in trend]
        }
        if reach["goal"] is not None:
            series[_("Goal (%)")] = [reach["goal"]] * len(trend)
        goal_text = (
            _("The goal is %(goal)s %%.") % {"goal": _pct(reach["goal"])}
            if reach["goal"] is not None
            else _("No goal has been set.")
        )
        blocks.append(
            charts.percent_line_chart(
                title=_("Share of %(branches)s taking part in %(network)s")
                % {**words, "network": reach["network"]},
                labels=[
                    date_format(datetime.date.fromisoformat(row["month"]), "M Y") for row in trend
                ],
                series=series,
                alt=_(
                    "Line chart of the share of %(branches)s taking part in %(network)s at the "
                    "end of each month from %(first)s to %(last)s: from %(start)s %% to "
                    "%(end)s %%."
                )
                % {
                    **words,
                    "network": reach["network"],
                    "first": _month(trend[0]["month"]),
                    "last": _month(trend[-1]["month"]),
                    "start": _pct(trend[0]["percent"]),
                    "end": _pct(trend[-1]["percent"]),
                }
                + " "
                + goal_text,
            )
        )
        blocks.append(
            Table(
                header=[_("Month"), _("%(branches)s taking part") % words, _("Share")],
                rows=[
                    [_month(row["month"]), _n(row["branches"]), f"{_pct(row['percent'])} %"]
                    for row in trend
                ],
                caption=_("Branch reach at the end of each month"),
            )
        )
    labels = dict(RecruitmentStage.choices)
    blocks.append(
        Table(
            header=[_("Recruitment stage"), org.branches_word.capitalize()],
            rows=[[str(labels[stage]), _n(count)] for stage, count in reach["recruitment"].items()],
            caption=_("Recruitment of %(branches)s not represented") % words,
        )
    )
    return blocks


# --- the document -------------------------------------------------------------------------


def report_figures(report: StatusReport) -> dict[str, Any]:
    """The frozen figures of a sent report, else the live ones of its period."""
    if not report.is_draft and report.snapshot.get("figures"):
        return dict(report.snapshot["figures"])
    return report_data.report_figures(report.programme, report.period_start, report.period_end)


def report_contacts(report: StatusReport) -> list[dict[str, str]]:
    if not report.is_draft and "contacts" in report.snapshot:
        return list(report.snapshot["contacts"])
    return report_data.contact_rows(report)


def _section(number: str, heading: str, text: str, blocks: list[Block]) -> Section:
    body: list[Block] = [Text(text)] if text.strip() else []
    if not body and not blocks:
        body = [Text(_("Nothing has been written in this section."))]
    return Section(number, heading, [*body, *blocks])


def status_report_document(
    report: StatusReport, figures: dict[str, Any] | None = None
) -> BoardDocument:
    """The report as a board document in the active language."""
    org = report.organisation
    figures = figures if figures is not None else report_figures(report)
    programme = figures["programme"]["name"]
    network = figures["network"]
    contacts = [
        Contact(
            name=row["name"],
            role=_("for %(programme)s (owner of the programme)") % {"programme": programme}
            if row["role"] == "owner"
            else "",
            email=row["email"],
            phone=row["phone"],
        )
        for row in report_contacts(report)
    ]
    sections = [
        _section(
            "1",
            _("General support across all %(branches)s") % {"branches": org.branches_word},
            report.general_support,
            _workshop_blocks(figures),
        ),
        _section(
            "2",
            _("Focused support for selected %(branches)s") % {"branches": org.branches_word},
            report.focused_support,
            _support_blocks(figures, org),
        ),
        _section(
            "3",
            _("The network: %(network)s") % {"network": network} if network else _("The network"),
            report.network_text,
            _reach_blocks(figures, org),
        ),
    ]
    return BoardDocument(
        organisation=org,
        item_number=report.item_number,
        date=report.date,
        to=report.board_meeting or org.board_word.capitalize(),
        contacts=contacts,
        title=report.title,
        introduction=report.introduction,
        sections=sections,
        draft=report.is_draft,
        language=org.language,
    )
