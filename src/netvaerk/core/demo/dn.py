"""The NGO of seed 002: its afdelinger, the municipal-policy network (KPN) with members from
about 30 of them (so about 60 are not yet represented), and a few other networks."""

from netvaerk.core.demo import competences, governance, meetings, privacy, programmes
from netvaerk.core.demo.builder import Builder, NetworkSpec
from netvaerk.networks.models import Network
from netvaerk.organisations.models import Branch, OrgRole
from netvaerk.organisations.services import organisation_create
from netvaerk.people.models import Person

SLUG = "dn"
NAME = "Danmarks Naturfredningsforening"

# The data controller's details in the privacy notice: invented, like everything here.
CONTROLLER = privacy.Controller(
    name="Danmarks Naturfredningsforening (demo)",
    address="Eksempelvej 2\n2100 København Ø",
    cvr="10000002",
    notice=(
        "Vi bruger dine oplysninger til foreningens netværk og til projektet for lokalpolitisk "
        "interessevaretagelse: hvem der er med i hvilket netværk, tilmeldinger til webinarer og "
        "kompetencelisten.\n\n"
        "Har du spørgsmål, eller vil du klage, så skriv til vores databeskyttelsesansvarlige. "
        "Du kan også klage til Datatilsynet."
    ),
)

# Small island municipalities without a branch of their own in the demo (92 branches remain).
NO_BRANCH = ("Læsø", "Fanø", "Samsø", "Ærø", "Langeland", "Morsø")

# The three branches of the focused support programme (seed 002), all represented in KPN.
FOCUS_BRANCHES = ("Ikast-Brande", "Odder", "Horsens")
REPRESENTED_IN_KPN = 30

KPN = NetworkSpec(
    slug="kpn",
    name="Kommunalpolitisk netværk (KPN)",
    audience=(
        "For aktive i DN-afdelingerne, der arbejder med kommunalpolitik og lokalpolitisk "
        "interessevaretagelse – og for alle, der gerne vil i gang."
    ),
    purpose=(
        "KPN styrker DN-afdelingernes lokalpolitiske interessevaretagelse. Netværket bidrager "
        "til indholdet i projektets workshops og webinarer, holder et årligt fysisk møde og "
        "tilbyder sparring ud fra netværkets kompetenceliste til DN-aktive i og uden for "
        "netværket.\n\n"
        "Målet er aktiv deltagelse i netværket fra mere end en tredjedel af afdelingerne."
    ),
    region="Region Midtjylland",
)

OTHER_NETWORKS = (
    NetworkSpec(
        slug="biodiversitet",
        name="Biodiversitetsnetværket",
        audience=(
            "For alle, der arbejder for mere og vildere natur – i kommunernes naturpleje, i "
            "dialogen med lodsejere og i de frivillige plejegrupper."
        ),
        purpose=(
            "Netværket deler erfaringer med naturpleje, græsningsprojekter og lokale "
            "naturplaner og giver sparring til afdelinger, der vil have kommunen til at "
            "prioritere biodiversiteten."
        ),
        region="Region Syddanmark",
        facebook="https://www.facebook.com/groups/netvaerk-demo-dn-biodiversitet",
    ),
    NetworkSpec(
        slug="vandmiljoe",
        name="Vandmiljønetværket",
        audience=(
            "For alle med interesse for vandløb, søer, fjorde og grundvand – herunder "
            "afdelingernes repræsentanter i vandrådene."
        ),
        purpose=(
            "Netværket følger vandplanerne, kvælstofindsatsen og de lokale vandråd og hjælper "
            "afdelingerne med høringssvar om vandmiljøet."
        ),
        region="Region Nordjylland",
    ),
    NetworkSpec(
        slug="friluftsliv",
        name="Friluftslivsnetværket",
        audience=(
            "For alle, der arbejder for adgang til naturen, gode stier og et rigt friluftsliv "
            "i kommunen."
        ),
        purpose=(
            "Netværket samler erfaringer med stiprojekter, adgangsregler og naturformidling og "
            "hjælper afdelingerne med at sætte friluftslivet på den kommunale dagsorden."
        ),
        region="Region Sjælland",
    ),
)


def build(*, password_hash: str) -> Builder:
    org = organisation_create(
        slug=SLUG,
        name=NAME,
        short_name="DN",
        term_branch="afdeling",
        term_branches="afdelinger",
        term_board="Hovedbestyrelsen",
        term_office="Sekretariatet",
        contact_email=f"organisation@{SLUG}.example.org",
        require_mfa_for_officers=False,
    )
    b = Builder(org, password_hash=password_hash)
    b.geography(branch_name=lambda m: f"DN {m.name}", leave_out=NO_BRANCH)
    copenhagen = b.branches["København"]
    odder = b.branches["Odder"]

    b.grant(b.login("admin", branch=copenhagen), OrgRole.ORG_ADMIN)
    staff = b.login("staff", branch=copenhagen)
    b.grant(staff, OrgRole.STAFF)
    board = b.login("board", branch=b.branches["Aalborg"])
    b.grant(board, OrgRole.BOARD)
    board_members = b.people(3)
    for person in board_members:
        b.grant(person, OrgRole.BOARD)
    b.grant(
        b.login("branch", branch=odder),
        OrgRole.BRANCH_LEAD,
        branch=odder,
    )
    coordinator = b.login("coordinator", branch=b.branches["Aarhus"])
    chair = b.login("chair", branch=b.branches["Horsens"])
    member = b.login("member", branch=b.branches["Ikast-Brande"])

    kpn = b.network(KPN)
    recruited: list[Person] = []
    for branch in _represented_branches(b):
        # One to three members from every represented branch (the chair's and member@'s
        # branches are represented by them already).
        count = b.rng.randint(1, 3) - (branch.pk in (chair.branch_id, member.branch_id))
        recruited += [b.person(branch=branch) for _ in range(count)]
    # With the chair, a coordination group of five.
    coordination = b.rng.sample(recruited, 4)
    members = [member, *(p for p in recruited if p not in coordination)]
    b.fill(kpn, chair=chair, coordination=coordination, members=members)

    networks: dict[str, Network] = {KPN.slug: kpn}
    pool = b.people(30)
    for spec in OTHER_NETWORKS:
        network = b.network(spec)
        networks[spec.slug] = network
        network_chair = b.person(branch=b.random_branch(spec.region), show_contact_details=True)
        chosen = b.rng.sample(pool, b.rng.randint(6, 10)) + b.rng.sample(recruited, 2)
        b.fill(network, chair=network_chair, coordination=chosen[:2], members=chosen[2:])

    others = b.people(2)
    for index, (slug, network) in enumerate(networks.items()):
        person = coordinator if slug == KPN.slug else others[index % len(others)]
        b.appoint(network, person, term_start=b.days_ago(60, 500))

    cast = governance.Cast(board=board, staff=staff, board_members=board_members)
    governance.rules(b, kpn, cast, text=KPN_RULES, history="approved")
    rest = [n for slug, n in networks.items() if slug != KPN.slug]
    governance.proposals(b, [kpn, *rest], cast, KPN_PROPOSALS)
    governance.requests(b, kpn, rest, cast)
    governance.new_network_proposals(
        b,
        cast,
        waiting={
            "name": "Netværk for vandløb og søer",
            "purpose": "Afdelingerne mangler et sted at dele erfaringer om vandplaner.",
            "helpers": "Fire frivillige fra DN Silkeborg.",
        },
        referred={
            "name": "Netværk for biodiversitet i byerne",
            "slug": "bynatur",
            "purpose": "Byernes natur får for lidt opmærksomhed i kommuneplanerne.",
            "helpers": "DN København og DN Aarhus.",
        },
    )
    governance.annual_reports(b, submitted=kpn, drafted=rest[0], cast=cast)
    meetings.build_dn(
        b,
        kpn,
        meetings.Cast(chair=chair, coordinator=coordinator, staff=staff, member=member),
    )
    programmes.build_dn(
        b,
        kpn,
        programmes.Cast(staff=staff, chair=chair, coordinator=coordinator, member=member),
    )
    # Last, so that the random choices before it stay the same.
    competences.build_dn(
        b,
        kpn,
        competences.Cast(staff=staff, chair=chair, coordinator=coordinator, member=member),
    )
    # After the competence list, whose consents it records.
    privacy.build(b, CONTROLLER, staff=staff, network=kpn, chair=chair)
    return b


KPN_RULES = """# Forretningsorden for Kommuneplannetværket (KPN)

## § 1 Formål
KPN styrker afdelingernes arbejde med kommuneplaner, lokalplaner og høringssvar, så naturen
får en stærkere stemme i den lokale planlægning.

## § 2 Koordinationsgruppe
En koordinationsgruppe på fem personer planlægger webinarer og vedligeholder
kompetencelisten.

## § 3 Kompetenceliste
Medlemmer kan stå på netværkets kompetenceliste og tilbyde sparring til andre afdelinger.

## § 4 Forholdet til Hovedbestyrelsen
KPN rådgiver Hovedbestyrelsen og udtaler sig ikke på foreningens vegne."""

KPN_PROPOSALS = [
    (
        "action_plan",
        "Skabelon til høringssvar om kommuneplaner",
        "KPN foreslår en fælles skabelon til afdelingernes høringssvar.",
    ),
    (
        "statement",
        "Udtalelse om naturhensyn i kommuneplan 2029",
        "Foreningen bør kræve, at alle kommuneplaner udpeger nye naturområder.",
    ),
    (
        "action_plan",
        "Webinarrække om lokalplaner",
        "Fire webinarer om lokalplaner for afdelingernes bestyrelser.",
    ),
    (
        "statement",
        "Udtalelse om grønne kiler i byerne",
        "Foreningen bør arbejde for beskyttede grønne kiler i alle større byer.",
    ),
    (
        "action_plan",
        "Fokusforløb for fem udvalgte afdelinger",
        "KPN foreslår et forløb med fokuseret støtte til fem afdelinger.",
    ),
    (
        "statement",
        "Udtalelse om vandløb og randzoner",
        "Foreningen bør kræve bredere randzoner langs alle vandløb.",
    ),
    (
        "statement",
        "Udtalelse om solceller på landbrugsjord",
        "Foreningen bør modsætte sig solcelleparker på værdifuld natur.",
    ),
    (
        "action_plan",
        "Kampagne for lokale naturråd",
        "KPN foreslår en kampagne for naturråd i alle kommuner.",
    ),
]


def _represented_branches(b: Builder) -> list[Branch]:
    focus = [b.branches[name] for name in FOCUS_BRANCHES]
    rest = [branch for branch in b.branches.values() if branch not in focus]
    return focus + b.rng.sample(rest, REPRESENTED_IN_KPN - len(focus))
