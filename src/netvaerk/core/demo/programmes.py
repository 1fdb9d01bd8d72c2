"""Seed 002's programme in the DN demo: "Lokalpolitisk interessevaretagelse" with its goal
hierarchy and indicators, the focused support of five branches (three accepted, two
hesitant), KPN's goal for branch reach and its recruitment of unrepresented branches, and the
status report to the board of 9 October 2023 (item 5.1), kept as a draft.

Everything goes through the reach and programmes services, as the office, the network's chair
and coordinator would do it. The seed's history sits at its own dates where the services take
one (`today` of the focused-support track, `measured_on` of hand-entered values); the
recruitment pipeline is today's work, so its notes are stamped now and its next steps are
relative to today (some overdue). Called at the end of `dn.build`, after the meetings: the
workshop series must exist, and the random choices here come after all others, so the rest
of the demo stays as it was."""

import datetime
from dataclasses import dataclass

from netvaerk.core.access import Actor
from netvaerk.core.demo.builder import Builder
from netvaerk.core.demo.meetings import SERIES_TITLE
from netvaerk.meetings.models import EventSeries
from netvaerk.networks.models import MembershipRole, MembershipStatus, Network
from netvaerk.organisations.models import Branch, OrgRole
from netvaerk.people.models import Person
from netvaerk.programmes.models import (
    CaseEntryKind,
    Goal,
    IndicatorDirection,
    IndicatorSource,
    IndicatorUnit,
    Programme,
    SupportStatus,
)
from netvaerk.programmes.services.goals import goal_create
from netvaerk.programmes.services.indicators import indicator_create, value_add
from netvaerk.programmes.services.programmes import programme_create
from netvaerk.programmes.services.reports import status_report_create, status_report_update
from netvaerk.programmes.services.support import (
    branch_select,
    case_entry_add,
    criterion_add,
    supported_set_status,
)
from netvaerk.reach.models import ReachBasis, RecruitmentStage
from netvaerk.reach.services.recruitment import recruitment_entry_update
from netvaerk.reach.services.settings import network_goal_set, reach_settings_update

SLUG = "lokalpolitik"
NAME = "Lokalpolitisk interessevaretagelse"
GOAL_PERCENT = "33,4"  # "mere end en tredjedel af afdelingerne"
ACCEPTED = ("Ikast-Brande", "Odder", "Horsens")
HESITANT = ("Silkeborg", "Vejle")
FOCUS_THEME = "Mærkesagerne for 2024–25"
REPORT_TITLE = "Status på projekt for lokalpolitisk interessevaretagelse"
DAY = datetime.timedelta(days=1)


@dataclass
class Cast:
    staff: Person  # staff@, the project leader
    chair: Person  # chair@, KPN's chair (of DN Horsens)
    coordinator: Person  # coordinator@, KPN's coordinator
    member: Person  # member@ (of DN Ikast-Brande)


def _staff_actor(b: Builder, person: Person) -> Actor:
    return Actor(organisation=b.org, person=person, roles=frozenset({OrgRole.STAFF}))


def build_dn(b: Builder, kpn: Network, cast: Cast) -> Programme:
    staff = _staff_actor(b, cast.staff)
    reach_settings_update(
        actor=staff,
        organisation=b.org,
        basis=ReachBasis.MEMBER,
        goal_percent=GOAL_PERCENT,
        inactive_after_months=6,
        min_meetings_per_year=2,
        max_churn_percent="25",
        term_warning_days=60,
    )
    network_goal_set(actor=staff, network=kpn, goal_percent=GOAL_PERCENT)

    # The head of the office's department, who signs the report with the project leader.
    head = b.person(branch=b.branches["København"], show_contact_details=True)
    b.grant(head, OrgRole.STAFF)
    programme = programme_create(
        actor=staff,
        slug=SLUG,
        name=NAME,
        description=DESCRIPTION,
        starts_on=datetime.date(2023, 3, 1),
        ends_on=datetime.date(2025, 12, 31),
        owners=[cast.staff, head],
        network=kpn,
        series=EventSeries.objects.filter(network=kpn, title=SERIES_TITLE),
    )
    _goals(staff, programme, branches=len(b.branches))
    _support(b, staff, programme, cast)
    _recruitment(b, kpn, cast)
    _report(staff, programme, contacts=[cast.staff, head])
    return programme


# ---------------------------------------------------------------- the goal hierarchy

DESCRIPTION = (
    "Projektet udvikler DN-afdelingerne metodisk og organisatorisk, så de får en øget "
    "lokalpolitisk gennemslagskraft frem mod kommunalvalget i efteråret 2025. "
    "Projektbeskrivelse og målhierarki blev udviklet i foråret og sommeren 2023.\n\n"
    "Indsatsen har tre spor: generel understøttelse af alle afdelinger med en række "
    "workshops og webinarer, en fokuseret indsats i fem udvalgte afdelinger med særlig støtte "
    "fra sekretariatet, og inddragelse og udvikling af Kommunalpolitisk netværk (KPN)."
)


# The hierarchy under the purpose: (goal, its description, [(sub-goal, its description)]).
PURPOSE = (
    "Afdelingerne udvikles metodisk og organisatorisk, så de får en øget lokalpolitisk "
    "gennemslagskraft"
)
CULTURE = "En kultur og praksis om proaktiv lokalpolitisk interessevaretagelse"
TAKING_PART = (
    "Aktiv deltagelse i det kommunalpolitiske netværk fra mere end en tredjedel af afdelingerne"
)
GOALS = (
    (CULTURE, "Afdelingerne er på banen tidligt – før sagerne er afgjort – og har en fast "
     "dialog med kommunens politikere.", (
        ("Workshops og webinarer giver afdelingerne kompetencer og konkrete værktøjer",
         "En række online workshops og webinarer for alle aktive, tilrettelagt med KPN."),
        ("Fem udvalgte afdelinger får fokuseret støtte fra sekretariatet",
         "Afdelinger, hvis ledelse bakker op, og som står over for en aktuel sag, der kan "
         "bruges som case."),
        ("Afdelingerne bruger de vedtagne mærkesager for 2024–25 som indholdsmæssigt fokus",
         "Mærkesagerne giver afdelingernes interessevaretagelse et fælles indhold."),
    )),
    (TAKING_PART, "Mindst {needed} af de {total} afdelinger har et medlem i Kommunalpolitisk "
     "netværk (KPN).", (
        ("KPN hverver aktive fra de afdelinger, der ikke er repræsenteret i netværket",
         "Koordinationsgruppen kontakter afdelingerne og inviterer til netværkets møder."),
    )),
)  # fmt: skip
END = datetime.date(2025, 12, 31)
# Computed indicators: (goal or sub-goal, name, unit, target, source, by).
COMPUTED = (
    (TAKING_PART, "Afdelinger repræsenteret i KPN", IndicatorUnit.PERCENT, GOAL_PERCENT,
     IndicatorSource.NETWORK_REACH, END),
    ("KPN hverver", "Medlemmer af KPN", IndicatorUnit.COUNT, "75",
     IndicatorSource.NETWORK_MEMBERS, END),
    ("Workshops", "Personer, der har deltaget i workshoprækken", IndicatorUnit.COUNT, "100",
     IndicatorSource.SERIES_ATTENDANCE, datetime.date(2024, 3, 31)),
    ("Fem udvalgte", "Afdelinger, der har sagt ja til fokuseret støtte", IndicatorUnit.COUNT,
     "5", IndicatorSource.FOCUS_ACCEPTED, datetime.date(2024, 6, 30)),
)  # fmt: skip
# Counted by hand: (sub-goal, name, target, by, [(measured on, value, note)]).
MANUAL = (
    ("Workshops", "Afdelinger, der har holdt midtvejsseminar for lokalpolitikere", "10",
     datetime.date(2025, 6, 30), (
         (datetime.date(2023, 9, 12), "1", "DN Aabenraa, som fortalte om det på workshoppen."),
         (datetime.date(2024, 4, 30), "4", "Tre afdelinger holdt seminar i foråret."),
         (datetime.date(2024, 11, 30), "6", ""),
     )),
    ("Afdelingerne bruger", "Afdelinger, der bruger mærkesagerne i deres lokalpolitiske "
     "arbejde", "20", END, (
         (datetime.date(2024, 3, 31), "4", "De tre fokusafdelinger og DN Aarhus."),
         (datetime.date(2024, 9, 30), "9", "Optalt på KPN's netværksmøde."),
     )),
)  # fmt: skip


def _goals(staff: Actor, programme: Programme, *, branches: int) -> None:
    def add(parent: Goal | None, title: str, text: str) -> Goal:
        return goal_create(
            actor=staff, programme=programme, parent=parent, title=title, description=text
        )

    purpose = add(None, PURPOSE, "Projektets formål, som Hovedbestyrelsen har godkendt det.")
    made: list[Goal] = []
    for title, text, subgoals in GOALS:
        # More than one third of the branches.
        goal = add(purpose, title, text.format(needed=branches // 3 + 1, total=branches))
        made += [goal, *(add(goal, sub, sub_text) for sub, sub_text in subgoals)]

    def under(start: str) -> Goal:
        return next(goal for goal in made if goal.title.startswith(start))

    for start, name, unit, target, source, by in COMPUTED:
        indicator_create(
            actor=staff,
            goal=under(start),
            name=name,
            unit=unit,
            target=target,
            source=source,
            target_date=by,
        )
    for start, name, target, by, values in MANUAL:
        indicator = indicator_create(
            actor=staff,
            goal=under(start),
            name=name,
            unit=IndicatorUnit.COUNT,
            target=target,
            direction=IndicatorDirection.AT_LEAST,
            target_date=by,
            baseline="0",
        )
        for day, value, note in values:
            value_add(actor=staff, indicator=indicator, measured_on=day, value=value, note=note)


# ---------------------------------------------------------------- focused support

CRITERIA = (
    "Afdelingsledelsen støtter op om aktiviteten",
    "Afdelingen står over for aktuelle muligheder eller udfordringer, der kan bruges som case",
)
# Per branch: invited on, why, the status change (day, status, note), and its case log.
SUPPORT = {
    "Ikast-Brande": (
        datetime.date(2023, 6, 20),
        "Bestyrelsen har selv spurgt efter hjælp til dialogen med byrådet, og kommunen er i "
        "gang med en ny naturpolitik.",
        (datetime.date(2023, 8, 15), SupportStatus.ACCEPTED, "Bestyrelsen siger ja til forløbet."),
        (
            (datetime.date(2023, 8, 15), CaseEntryKind.MEETING, "Opstartsmøde med "
             "afdelingsbestyrelsen om, hvad deltagelsen omfatter, og hvem der gør hvad."),
            (datetime.date(2023, 8, 29), CaseEntryKind.AGREEMENT, "Aftalt: afdelingen holder et "
             "midtvejsseminar for byrådet i foråret 2024 med sekretariatets hjælp."),
            (datetime.date(2023, 9, 26), CaseEntryKind.SUPPORT, "Sekretariatet har sparret med "
             "afdelingen om invitationen og programmet til midtvejsseminaret."),
        ),
    ),
    "Odder": (
        datetime.date(2023, 6, 20),
        "En ny lokalplan for et boligområde ved fjorden er en oplagt case, og formanden vil "
        "gerne stå i spidsen.",
        (datetime.date(2023, 8, 22), SupportStatus.ACCEPTED, "Formanden bekræfter deltagelsen."),
        (
            (datetime.date(2023, 9, 5), CaseEntryKind.MEETING, "Møde med formanden og "
             "næstformanden om lokalplanen som case for forløbet."),
            (datetime.date(2023, 9, 19), CaseEntryKind.AGREEMENT, "Aftalt: afdelingen skriver "
             "høringssvar til lokalplanen og får sparring fra KPN's kompetenceliste."),
        ),
    ),
    "Horsens": (
        datetime.date(2023, 6, 22),
        "Afdelingen har et godt samarbejde med teknik- og miljøudvalget, som kan udbygges.",
        (datetime.date(2023, 9, 1), SupportStatus.ACCEPTED, "Bestyrelsen har besluttet at "
         "deltage."),
        (
            (datetime.date(2023, 9, 20), CaseEntryKind.SUPPORT, "Sekretariatet har gennemgået "
             "kommunens naturpolitik med bestyrelsen og peget på muligheder for dialog med "
             "udvalgsformanden."),
            (datetime.date(2023, 10, 4), CaseEntryKind.MEETING, "Møde om, hvordan mærkesagerne "
             "for 2024–25 kan bruges i dialogen med kommunen."),
        ),
    ),
    "Silkeborg": (
        datetime.date(2023, 6, 22),
        "Kommunen planlægger en ny omfartsvej gennem et naturområde.",
        (datetime.date(2023, 8, 30), SupportStatus.HESITANT, "Bestyrelsen er positiv, men har "
         "svært ved at afsætte tid i efteråret."),
        (
            (datetime.date(2023, 9, 27), CaseEntryKind.MEETING, "Telefonmøde om en lettere form "
             "for deltagelse; afdelingen vender tilbage efter bestyrelsesmødet i oktober."),
        ),
    ),
    "Vejle": (
        datetime.date(2023, 6, 26),
        "Kommuneplanens revision begynder i 2024, og afdelingen vil gerne være tidligt på banen.",
        (datetime.date(2023, 9, 8), SupportStatus.HESITANT, "Afdelingen vil først se, hvordan "
         "de andre afdelinger kommer i gang."),
        (
            (datetime.date(2023, 10, 2), CaseEntryKind.NOTE, "Projektgruppen sender et kort "
             "oplæg om, hvad deltagelsen omfatter, for at forventningsafstemme."),
        ),
    ),
}  # fmt: skip


def _contact(b: Builder, branch: Branch, cast: Cast) -> tuple[Person | None, str]:
    """The branch's contact (a person, or an e-mail address to find them by): its lead where
    it has one, a login of the branch, or its first person; none where nobody is registered."""
    if branch.name == "DN Odder":
        return None, f"branch@{b.org.slug}.example.org"
    for person in (cast.chair, cast.member):
        if person.branch_id == branch.pk:
            return person, ""
    return Person.objects.filter(branch=branch).order_by("pk").first(), ""


def _support(b: Builder, staff: Actor, programme: Programme, cast: Cast) -> None:
    criteria = [criterion_add(actor=staff, programme=programme, text=text) for text in CRITERIA]
    for name in (*ACCEPTED, *HESITANT):
        invited, reason, (day, status, note), log = SUPPORT[name]
        branch = b.branches[name]
        contact, contact_email = _contact(b, branch, cast)
        supported = branch_select(
            actor=staff,
            programme=programme,
            branch=branch,
            criteria=criteria,
            selection_reason=reason,
            focus_theme=FOCUS_THEME,
            starts_on=datetime.date(2023, 9, 1) if status == SupportStatus.ACCEPTED else None,
            ends_on=datetime.date(2025, 6, 30) if status == SupportStatus.ACCEPTED else None,
            today=invited,
            contact=contact,
            contact_email=contact_email,
        )
        supported_set_status(actor=staff, supported=supported, status=status, note=note, today=day)
        for happened_on, kind, text in log:
            case_entry_add(
                actor=staff, supported=supported, kind=kind, happened_on=happened_on, text=text
            )


# ---------------------------------------------------------------- recruitment


def _kpn_branches(kpn: Network) -> dict[int, int]:
    """Active KPN members per branch."""
    counts: dict[int, int] = {}
    for branch_id in kpn.memberships.filter(status=MembershipStatus.ACTIVE).values_list(
        "person__branch_id", flat=True
    ):
        counts[branch_id] = counts.get(branch_id, 0) + 1
    return counts


def _recruitment(b: Builder, kpn: Network, cast: Cast) -> None:
    """The coordination group's work on about ten branches. One branch joins today; one
    member, the only one of their branch, left — so KPN stays just below its goal, as in
    the seed, and that branch is back on the list."""
    represented = _kpn_branches(kpn)
    support = {b.branches[name].pk for name in (*ACCEPTED, *HESITANT)}
    unrepresented = sorted(
        (x for x in b.branches.values() if x.pk not in represented and x.pk not in support),
        key=lambda x: x.name,
    )
    chosen = b.rng.sample(unrepresented, 8)
    group = list(
        Person.objects.filter(
            memberships__network=kpn,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__role=MembershipRole.COORDINATION,
        ).order_by("pk")
    )
    leaver = b.rng.choice(
        list(
            Person.objects.filter(
                memberships__network=kpn,
                memberships__status=MembershipStatus.ACTIVE,
                memberships__role=MembershipRole.MEMBER,
                user__isnull=True,
                branch_id__in=[pk for pk, n in represented.items() if n == 1 and pk not in support],
            ).order_by("pk")
        )
    )
    b.leave(kpn, leaver)
    left = next(x for x in b.branches.values() if x.pk == leaver.branch_id)
    joiner = b.person(branch=chosen[5])
    b.request_to_join(
        kpn, joiner, "Jeg er ny i afdelingens bestyrelse og vil gerne arbejde med kommunalpolitik."
    )
    chair, coordinator = cast.chair, cast.coordinator
    today = b.today
    plan: list[tuple[Branch, Person, list[tuple[str, str]], str, int | None]] = [
        (chosen[0], coordinator, [
            ("contacted", "Sendt mail til afdelingsformanden med en invitation til KPN og "
             "datoerne for de næste webinarer."),
        ], "Ringe til formanden og høre, om bestyrelsen har drøftet invitationen", -12),
        (chosen[1], chair, [
            ("contacted", "Talt med næstformanden på årsmødet; hun tager det op i bestyrelsen."),
        ], "Følge op med et opkald efter bestyrelsesmødet", 6),
        (chosen[2], group[0], [
            ("contacted", "Ringet til formanden, som var interesseret."),
            ("interested", "To aktive fra bestyrelsen vil gerne høre mere om netværket."),
        ], "Invitere de to aktive til KPN's næste netværksmøde", 13),
        (chosen[3], group[1], [
            ("contacted", "Mødt afdelingen til en høring om kommuneplanen."),
            ("interested", "Afdelingen vil gerne have sparring om høringssvar."),
        ], "Sende kompetencelisten og datoerne for webinarerne", -4),
        (chosen[4], chair, [
            ("contacted", "Sendt invitation til bestyrelsen."),
            ("declined", "Afdelingen har ikke kræfter til mere lige nu, men vil gerne "
             "kontaktes igen efter generalforsamlingen."),
        ], "Spørge igen efter afdelingens generalforsamling", 150),
        (chosen[5], coordinator, [
            ("contacted", "Ringet til formanden om netværket."),
            ("interested", "Et nyt bestyrelsesmedlem vil gerne være med."),
            ("joined", f"{joiner.name} har meldt sig ind i KPN."),
        ], "Byde velkommen på netværksmødet", 13),
        (chosen[6], group[2], [
            ("not_contacted", "Afdelingen har en aktiv sag om en lokalplan; oplagt at kontakte."),
        ], "Første kontakt til afdelingsformanden", 21),
        (chosen[7], group[3], [
            ("contacted", "Skrevet til afdelingen via kontaktformularen; intet svar endnu."),
        ], "Aftale et møde med bestyrelsen", -20),
        (left, chair, [
            ("contacted", "Afdelingens eneste medlem af KPN er gået ud af netværket. Vi spørger "
             "bestyrelsen, om en anden vil tage over."),
        ], "Tale med afdelingsformanden om en ny repræsentant", 10),
    ]  # fmt: skip
    for branch, owner, steps, next_step, days in plan:
        actor = b.as_person(owner)
        for stage, note in steps:
            recruitment_entry_update(
                actor=actor,
                network=kpn,
                branch=branch,
                stage=RecruitmentStage(stage),
                owner=owner,
                next_step=next_step,
                next_step_on=None if days is None else today + days * DAY,
                note=note,
            )


# ---------------------------------------------------------------- the status report

INTRODUCTION = (
    "Projektbeskrivelse og målhierarki for indsatsen for lokalpolitisk interessevaretagelse "
    "blev udviklet i foråret og sommeren 2023, og udmøntningen af projektet tager afsæt heri. "
    "Projektet tager udgangspunkt i at udvikle afdelingerne metodisk og organisatorisk, så de "
    "får en øget lokalpolitisk gennemslagskraft. Målene er, at der opbygges en kultur og "
    "praksis om proaktiv lokalpolitisk interessevaretagelse, og at der er aktiv deltagelse i "
    "det kommunalpolitiske netværk fra mere end en tredjedel af afdelingerne."
)
GENERAL_SUPPORT = (
    "Den seneste workshop blev afholdt d. 12. september 2023. Workshoppen omhandlede, hvordan "
    "DN-afdelinger kan afholde et midtvejsseminar for lokalpolitikere. Emnet blev valgt på "
    "baggrund af afdelingernes aktive efterspørgsel efter tidlig forberedelse til "
    "kommunalvalget i efteråret 2025. Samtidig er midtvejsseminaret et konkret værktøj til, "
    "hvordan afdelinger kan arbejde med proaktiv lokalpolitisk interessevaretagelse. "
    "Workshoppen tog udgangspunkt i DN Aabenraas erfaringer med at afholde grøn valgdebat med "
    "efterfølgende dialog om, hvilke muligheder og barrierer der er for at afvikle grønne "
    "vælgermøder i andre DN-afdelinger.\n\n"
    "Webinar-formatet og workshoppens indhold blev taget godt imod af deltagerne. Deltagerne "
    "bestod primært af medlemmer af kommunalpolitisk netværk på trods af, at workshoppen to "
    "gange blev annonceret i DN Aktiv som et tilbud til alle aktive. Det er projektets "
    "ambition at brede deltagelsen ud til alle aktive i DN med interesse for lokalpolitisk "
    "interessevaretagelse.\n\n"
    "Koordinationsgruppen i kommunalpolitisk netværk har i samarbejde med sekretariatet "
    "fastlagt datoer for de kommende workshops, som via forskellige emner skal bidrage med "
    "kompetencer og konkrete værktøjer til DN-afdelingernes lokalpolitiske "
    "interessevaretagelse. De kommende webinarer afholdes d. 25. oktober 2023, 31. januar og "
    "20. marts 2024."
)
FOCUSED_SUPPORT = (
    "Projektgruppen har inviteret en række afdelinger til at deltage i den målrettede "
    "indsats, hvor fem DN-afdelinger modtager særlig støtte fra sekretariatet til at arbejde "
    "med proaktiv lokalpolitisk interessevaretagelse. Kriterier for udvælgelsen har bl.a. "
    "været, at afdelingsledelsen støtter op om aktiviteten, og at afdelingen står over for "
    "aktuelle muligheder eller udfordringer, som kan fungere som case for arbejdet med lokal "
    "interessevaretagelse.\n\n"
    "På nuværende tidspunkt deltager tre afdelinger i projektet (DN Ikast-Brande, DN Odder og "
    "DN Horsens). De øvrige inviterede afdelinger er lidt tilbageholdende med at forpligte sig "
    "til indsatsen. Mens afdelingernes engagement er en forudsætning for meningsfuld "
    "deltagelse, forsøger projektgruppen samtidig at motivere mulige arbejdsområder for den "
    "enkelte afdeling og forventningsafstemme, hvad deres deltagelse omfatter, for at finde "
    "den rigtige form for alle deltager-afdelinger. Projektgruppen fortsætter lige nu denne "
    "dialog med afdelingerne. Der vil være et fokus på, at de kan bruge de mærkesager, der "
    "vedtages for 2024-25, som indholdsmæssigt fokus i deres interessevaretagelse."
)
NETWORK_TEXT = (
    "Der er løbende kontakt og samarbejde mellem sekretariatet og netværkets "
    "koordinationsgruppe. Netværkets bidrag til at udvikle den lokalpolitiske "
    "interessevaretagelse var på dagsordenen ved KPN's fysiske møde i august 2023. KPN "
    "bidrager til indhold i projektets workshops og deltager aktivt i afviklingen af "
    "workshops. Netværket har udviklet en kompetenceliste, som man ønsker at bringe mere i "
    "spil med henblik på at kunne tilbyde relevant sparring for andre DN-aktive i og uden for "
    "netværket. Med hensyn til at udvide KPN arbejder netværkets koordinationsgruppe lige nu "
    "aktivt med at hverve aktive fra de ca. 60 afdelinger, der på nuværende tidspunkt ikke er "
    "repræsenteret i KPN."
)


def _report(staff: Actor, programme: Programme, *, contacts: list[Person]) -> None:
    """Drafted from live data, then given the seed's words. Kept a draft: the office reads
    it with today's figures, edits it, downloads it and sends it to the board itself."""
    date = datetime.date(2023, 10, 9)
    report = status_report_create(
        actor=staff,
        programme=programme,
        date=date,
        period_start=datetime.date(2023, 3, 1),
        period_end=date,
        item_number="5.1",
        board_meeting="Hovedbestyrelsen – møde d. 1. november 2023",
        title=REPORT_TITLE,
        contacts=contacts,
    )
    status_report_update(
        actor=staff,
        report=report,
        title=REPORT_TITLE,
        item_number="5.1",
        date=date,
        board_meeting=report.board_meeting,
        contacts=contacts,
        introduction=INTRODUCTION,
        general_support=GENERAL_SUPPORT,
        focused_support=FOCUSED_SUPPORT,
        network_text=NETWORK_TEXT,
    )
