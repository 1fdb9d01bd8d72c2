"""The party of seed 000: its partiforeninger, its ten networks and their people (invented)."""

import datetime

from netvaerk.core.demo import competences, governance, meetings, privacy
from netvaerk.core.demo.builder import Builder, NetworkSpec
from netvaerk.networks.models import JoinPolicy, MembershipRole, Network, NetworkKind
from netvaerk.organisations.models import OrgRole
from netvaerk.organisations.services import organisation_create
from netvaerk.people.models import Person

SLUG = "socialdemokratiet"
NAME = "Socialdemokratiet"

# The data controller's details in the privacy notice: invented, like everything here.
CONTROLLER = privacy.Controller(
    name="Socialdemokratiet (demo)",
    address="Eksempelgade 1\n1000 København K",
    cvr="10000001",
    notice=(
        "Vi bruger dine oplysninger til at drive partiets netværk: hvem der er med i hvilket "
        "netværk, tilmeldinger til møder og kompetencelisten. Medlemskab af et politisk "
        "netværk siger noget om din politiske overbevisning, og derfor ser kun dem, hvis "
        "opgave kræver det, hvem der er med.\n\n"
        "Har du spørgsmål, eller vil du klage, så skriv til vores databeskyttelsesansvarlige. "
        "Du kan også klage til Datatilsynet."
    ),
)

# The general purpose every network shares (seed 000, "Netværkenes primære formål").
_PURPOSE = (
    "{lead}\n\n"
    "Netværkets primære formål er\n"
    "– at skabe politisk debat, mobilisering og aktivisme – at række ud i partiorganisationen "
    "og skabe debat på tværs og mellem socialdemokrater,\n"
    "– at arrangere en årlig konference for netværksmedlemmerne og\n"
    "– at afgive en årlig beretning om sin virksomhed til Socialdemokratiets Hovedbestyrelse."
)


def _purpose(lead: str) -> str:
    return _PURPOSE.format(lead=lead)


def _facebook(slug: str) -> str:
    return f"https://www.facebook.com/groups/netvaerk-demo-{slug}"


# The ten networks of seed 000, with each one's audience verbatim and its chair's region.
NETWORKS = (
    NetworkSpec(
        slug="arbejdsmarked",
        name="Arbejdsmarkedspolitisk netværk",
        audience=(
            "For alle med engagement og interesse indenfor det arbejdsmarkeds og "
            "beskæftigelsesmæssige – herunder tillidsvalgte i fagbevægelsen."
        ),
        purpose=_purpose("Netværket samler socialdemokrater om arbejdsmarkeds- og "
                         "beskæftigelsespolitikken."),
        region="Region Midtjylland",
    ),
    NetworkSpec(
        slug="bolig",
        name="Boligpolitisk netværk",
        audience=(
            "For alle med engagement og interesse indenfor det boligpolitisk – herunder "
            "beboervalgte repræsentanter i de almennyttige boligselskaber."
        ),
        purpose=_purpose("Netværket samler socialdemokrater om boligpolitikken og den "
                         "almene boligsektor."),
        region="Region Midtjylland",
    ),
    NetworkSpec(
        slug="helga",
        name="Helganetværket",
        audience="For alle med engagement og interesse for at få flere kvinder i politik.",
        purpose=_purpose("Netværket arbejder for at få flere kvinder i politik."),
        region="Region Hovedstaden",
        join_policy=JoinPolicy.APPROVAL,
    ),
    NetworkSpec(
        slug="international",
        name="Internationalt netværk",
        audience=(
            "For alle med engagement og interesse indenfor det internationale politiske arbejde."
        ),
        purpose=_purpose("Netværket samler socialdemokrater i Region Hovedstaden om det "
                         "internationale politiske arbejde."),
        region="Region Hovedstaden",
        kind=NetworkKind.REGIONAL,
    ),
    NetworkSpec(
        slug="kirke",
        name="Kirkepolitisk netværk",
        audience=(
            "For alle med engagement og interesse indenfor det kirkepolitiske – herunder "
            "medlemmer af menighedsrådene."
        ),
        purpose=_purpose("Netværket samler socialdemokrater om kirkepolitikken og arbejdet "
                         "i menighedsrådene."),
        region="Region Syddanmark",
    ),
    NetworkSpec(
        slug="kultur",
        name="Kulturpolitisk netværk",
        audience="For alle med engagement og interesse indenfor kultur- og fritidslivet.",
        purpose=_purpose("Netværket samler socialdemokrater om kultur- og fritidspolitikken."),
        region="Region Hovedstaden",
    ),
    NetworkSpec(
        slug="pes",
        name="PES-aktivisterne",
        audience="For alle med engagement og interesse for PES og EU-politik.",
        purpose=_purpose("Netværket samler socialdemokrater om EU-politikken og samarbejdet "
                         "i Party of European Socialists (PES)."),
        region="Region Sjælland",
        facebook=_facebook("pes-aktivisterne"),
    ),
    NetworkSpec(
        slug="regnbue",
        name="Regnbuenetværket",
        audience="For alle med engagement og interesse for LGBTQ+ politik.",
        purpose=_purpose("Netværket samler socialdemokrater om LGBTQ+ politik."),
        region="Region Hovedstaden",
        facebook=_facebook("regnbuenetvaerket"),
    ),
    NetworkSpec(
        slug="social-sundhed",
        name="Social- og sundhedsnetværk",
        audience="For alle med engagement og interesse indenfor social- og sundhedspolitik.",
        purpose=_purpose("Netværket samler socialdemokrater om social- og sundhedspolitikken."),
        region="Region Nordjylland",
    ),
    NetworkSpec(
        slug="uddannelse",
        name="Uddannelsespolitisk netværk",
        audience=(
            "For alle med engagement og interesse indenfor det uddannelsespolitiske – herunder "
            "medlemmer af skolebestyrelser mv."
        ),
        purpose=_purpose("Netværket samler socialdemokrater om uddannelsespolitikken fra "
                         "dagtilbud til videregående uddannelse."),
        region="Region Sjælland",
    ),
)  # fmt: skip

# A regional network on the same field as a central one, as the seed encourages.
REGIONAL_BOLIG = NetworkSpec(
    slug="bolig-midtjylland",
    name="Boligpolitisk netværk Midtjylland",
    audience=(
        "For alle i Region Midtjylland med engagement og interesse for boligpolitik – herunder "
        "beboervalgte i de almennyttige boligselskaber."
    ),
    purpose=_purpose(
        "Netværket er den regionale pendant til Boligpolitisk netværk og samler "
        "socialdemokrater i Region Midtjylland om boligpolitikken."
    ),
    region="Region Midtjylland",
    kind=NetworkKind.REGIONAL,
)

# The network whose coordinator's term ends within a month, so the reminder has work to do.
_TERM_ENDING_SOON = "kirke"
# The network with an earlier coordinator whose term was cut short by the current one.
_SUCCEEDED = "arbejdsmarked"


def build(*, password_hash: str) -> Builder:
    org = organisation_create(
        slug=SLUG,
        name=NAME,
        term_branch="partiforening",
        term_branches="partiforeninger",
        term_board="Hovedbestyrelsen",
        term_office="Partikontoret",
        contact_email=f"organisation@{SLUG}.example.org",
        require_mfa_for_officers=False,
    )
    b = Builder(org, password_hash=password_hash)
    b.geography(branch_name=lambda m: f"Socialdemokratiet i {m.name}")
    aarhus = b.branches["Aarhus"]
    copenhagen = b.branches["København"]

    b.grant(b.login("admin", branch=copenhagen), OrgRole.ORG_ADMIN)
    staff = b.login("staff", branch=copenhagen)
    b.grant(staff, OrgRole.STAFF)
    board = b.login("board", branch=b.branches["Odense"])
    b.grant(board, OrgRole.BOARD)
    board_members = b.people(3)
    for person in board_members:
        b.grant(person, OrgRole.BOARD)
    branch_lead = b.login("branch", branch=aarhus)
    b.grant(branch_lead, OrgRole.BRANCH_LEAD, branch=aarhus)
    coordinator = b.login("coordinator", branch=b.branches["Randers"])
    chair = b.login("chair", branch=aarhus)
    member = b.login("member", branch=b.branches["Silkeborg"])

    pool = b.people(60)
    coordinators = b.people(5)
    networks: dict[str, Network] = {}
    for spec in NETWORKS:
        networks[spec.slug] = b.network(spec)
    networks[REGIONAL_BOLIG.slug] = b.network(REGIONAL_BOLIG, central=networks["bolig"])

    for slug, network in networks.items():
        spec = REGIONAL_BOLIG if slug == REGIONAL_BOLIG.slug else _spec(slug)
        if slug == "bolig":
            network_chair = chair
        else:
            network_chair = b.person(branch=b.random_branch(spec.region), show_contact_details=True)
        candidates = [
            p for p in pool if spec.kind == NetworkKind.CENTRAL or p.region_id == network.region_id
        ]
        chosen = b.rng.sample(candidates, min(len(candidates), b.rng.randint(6, 11)))
        lead_count = b.rng.randint(1, 2)
        members = chosen[lead_count:]
        if slug == "bolig":
            members.append(member)
        b.fill(network, chair=network_chair, coordination=chosen[:lead_count], members=members)

    # Two pending requests to the network that approves its members; two who left one.
    helga = networks["helga"]
    outsiders = [p for p in pool if not p.memberships.filter(network=helga).exists()]
    for person, message in zip(
        outsiders[:2],
        (
            "Jeg vil gerne være med til at få flere kvinder i byrådet.",
            "Jeg er ny i partiforeningen og vil gerne høre mere om netværket.",
        ),
        strict=True,
    ):
        b.request_to_join(helga, person, message)
    kultur = networks["kultur"]
    leavers = (
        kultur.memberships.filter(role=MembershipRole.MEMBER)
        .select_related("person")
        .order_by("pk")
    )
    for membership in list(leavers)[:2]:
        b.leave(kultur, membership.person)

    _appoint_coordinators(b, networks, coordinator=coordinator, others=coordinators)
    _governance(b, networks, governance.Cast(board=board, staff=staff, board_members=board_members))
    meetings.build_party(
        b,
        networks["bolig"],
        meetings.Cast(chair=chair, coordinator=coordinator, staff=staff, member=member),
    )
    # Last, so that the random choices before it stay the same.
    competences.build_party(
        b,
        networks["bolig"],
        competences.Cast(staff=staff, chair=chair, coordinator=coordinator, member=member),
    )
    # After the competence list, whose consents it records.
    privacy.build(b, CONTROLLER, staff=staff, network=networks["bolig"], chair=chair)
    return b


def _governance(b: Builder, networks: dict[str, Network], cast: governance.Cast) -> None:
    """Seed 000: rules of procedure approved by the board, proposals from the networks, and
    requests from the board — each in every state a board meeting meets."""
    bolig = networks["bolig"]
    governance.rules(b, bolig, cast, text=_RULES.format(network=bolig.name), history="returned")
    governance.rules(
        b,
        networks["kultur"],
        cast,
        text=_RULES.format(network="Kulturpolitisk netværk"),
        history="approved",
    )
    governance.rules(
        b,
        networks["helga"],
        cast,
        text=_RULES.format(network=networks["helga"].name),
        history="waiting",
    )
    others = [networks["kultur"], networks["arbejdsmarked"], networks["helga"]]
    governance.proposals(b, [bolig, *others], cast, _PROPOSALS)
    governance.requests(b, bolig, others, cast)
    governance.new_network_proposals(
        b,
        cast,
        waiting={
            "name": "Netværk for landdistrikter",
            "purpose": "Landdistrikternes udfordringer falder mellem alle de andre netværk.",
            "helpers": "Tre medlemmer af partiforeningen i Tønder og to fra Lolland.",
        },
        referred={
            "name": "Klimapolitisk netværk",
            "slug": "klima",
            "purpose": "Klimaet fylder i alle kommuner, men intet netværk samler arbejdet.",
            "helpers": "En gruppe fra Aarhus og Odense.",
        },
    )
    governance.annual_reports(b, submitted=bolig, drafted=networks["kultur"], cast=cast)


_RULES = """# Forretningsorden for {network}

## § 1 Formål
Netværket samler partiets medlemmer om politikudvikling inden for netværkets område og
rådgiver Hovedbestyrelsen. Netværket udtaler sig ikke på partiets vegne.

## § 2 Medlemmer
Alle medlemmer af Socialdemokratiet kan melde sig ind i netværket.

## § 3 Koordinationsgruppe
Netværket ledes af en formand og en koordinationsgruppe på op til seks medlemmer, valgt på
netværkets årskonference for to år ad gangen.

## § 4 Møder
Netværket mødes primært virtuelt. Der afholdes én fysisk årskonference.

## § 5 Forslag til Hovedbestyrelsen
Forslag til politiske udtalelser og handlingsplaner sendes til Hovedbestyrelsen gennem
netværkets koordinator."""

_PROPOSALS = [
    (
        "action_plan",
        "Handlingsplan for flere almene boliger 2027",
        "Netværket foreslår en handlingsplan med lokale boligkonferencer i alle regioner.",
    ),
    (
        "statement",
        "Udtalelse om kulturstøtte i yderkommunerne",
        "Partiet bør arbejde for en særlig pulje til kulturliv i yderkommuner.",
    ),
    (
        "statement",
        "Udtalelse om ligeløn i den offentlige sektor",
        "Partiet bør gå forrest for et ligelønsudvalg med arbejdsmarkedets parter.",
    ),
    (
        "action_plan",
        "Plan for flere kvindelige kandidater ved kommunalvalget",
        "Netværket foreslår et mentorforløb for kvinder, der overvejer at stille op.",
    ),
    (
        "statement",
        "Udtalelse om huslejeloft for nybyggeri",
        "Partiet bør støtte et midlertidigt huslejeloft for nybyggede lejeboliger.",
    ),
    (
        "statement",
        "Udtalelse om gratis museumsbesøg for unge",
        "Partiet bør arbejde for gratis adgang til statslige museer for unge under 25.",
    ),
    (
        "action_plan",
        "Handlingsplan for fagbevægelsen i Nordjylland",
        "Netværket foreslår en kampagne med fagforeningerne i Nordjylland.",
    ),
    (
        "statement",
        "Udtalelse om kvoter i bestyrelser",
        "Partiet bør kræve kønskvoter i børsnoterede selskabers bestyrelser.",
    ),
]


def _spec(slug: str) -> NetworkSpec:
    return next(spec for spec in NETWORKS if spec.slug == slug)


def _appoint_coordinators(
    b: Builder, networks: dict[str, Network], *, coordinator: Person, others: list[Person]
) -> None:
    for index, (slug, network) in enumerate(networks.items()):
        person = coordinator if slug == "bolig" else others[index % len(others)]
        if slug == _TERM_ENDING_SOON:
            last_day = b.today + datetime.timedelta(days=b.rng.randint(10, 25))
            b.appoint(network, person, term_start=b.term_start_ending_on(last_day))
            continue
        if slug == _SUCCEEDED:
            # The previous coordinator stepped down when the board appointed a successor.
            b.appoint(network, others[(index + 1) % len(others)], term_start=b.days_ago(880, 900))
            b.appoint(network, person, term_start=b.days_ago(150, 200))
            continue
        b.appoint(network, person, term_start=b.days_ago(40, 600))
