"""The competence list of issue 6 in both demo organisations: the vocabulary the office
curates (with synonyms, and one member's suggestion waiting for approval), profiles of the
demo logins and of members of the networks, and sparring requests in every state.

Seed 002: KPN "har udarbejdet en kompetenceliste, som det ønsker at bringe mere i spil". Its
list covers municipal planning, nature protection law, press work and local election
campaigning; water plans and nature guiding are left to the other networks, so the network's
overview shows where it is thin.

Everything goes through the competences services, as the person who would do it: the office
(staff@) makes the vocabulary, each person saves their own profile, asks, answers, passes on
or closes. The services stamp the time themselves, so all of it is today's work. Called at
the very end of `dn.build` and `socialdemokratiet.build`: the random choices here come after
all others, so the rest of the demo stays as it was."""

from dataclasses import dataclass, field

from netvaerk.competences.models import (
    Availability,
    ContactPreference,
    Experience,
    Profile,
    SparringRequest,
    Tag,
    Visibility,
)
from netvaerk.competences.services.profiles import profile_save
from netvaerk.competences.services.requests import (
    sparring_request_accept,
    sparring_request_ask_network,
    sparring_request_ask_person,
    sparring_request_close,
    sparring_request_decline,
    sparring_request_pass_on,
    sparring_request_withdraw,
)
from netvaerk.competences.services.tags import tag_create
from netvaerk.core.access import Actor
from netvaerk.core.demo.builder import Builder
from netvaerk.networks.models import Membership, MembershipRole, MembershipStatus, Network
from netvaerk.organisations.models import OrgRole
from netvaerk.people.models import Person


@dataclass
class Cast:
    staff: Person  # staff@, who curates the vocabulary
    chair: Person  # chair@, chair of the network
    coordinator: Person  # coordinator@, its coordinator
    member: Person  # member@, a member of it


@dataclass(frozen=True)
class TagSpec:
    name: str
    description: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Persona:
    """What one person writes on their profile; `{by}` is their branch's municipality.
    Availability and visibility are drawn (mostly open, mostly the whole organisation)
    unless given."""

    tags: tuple[str, ...]
    summary: str
    experience: str = Experience.EXPERIENCED
    availability: str | None = None
    visibility: str | None = None
    suggestion: str = ""  # a competence not in the vocabulary, left for the office
    open_requests_limit: int | None = None


@dataclass(frozen=True)
class Ask:
    subject: str
    question: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Script:
    """The sparring requests of one organisation, each ending in a different state."""

    to_member: Ask  # to member@, waiting for the answer
    from_member: Ask  # from member@, accepted
    accept_note: str
    to_chair: Ask  # to chair@, accepted and closed with an outcome
    chair_note: str
    outcome: str
    queued: Ask  # to the network, waiting in its queue
    passed: Ask  # to the network, passed on by the coordinator
    pass_note: str  # {name}: the first name of the one it is passed on to
    declined: Ask  # to a person, declined
    withdrawn: Ask  # to a person, withdrawn by the asker


@dataclass(frozen=True)
class Plan:
    vocabulary: tuple[TagSpec, ...]
    chair: Persona
    coordinator: Persona
    member: Persona
    # Personas for the members of each network (by slug), in the order they are handed out;
    # the network the demo logins belong to comes first.
    personas: dict[str, tuple[Persona, ...]]
    script: Script
    # Personas for the network's coordination group (besides the chair).
    coordination: tuple[Persona, ...] = ()


@dataclass
class Entry:
    person: Person
    persona: Persona
    profile: Profile
    networks: set[int] = field(default_factory=set)


LANGUAGES = (
    (("da",), 10),
    (("da", "en"), 6),
    (("da", "en", "de"), 2),
    (("da", "sv", "nb"), 1),
    (("da", "en", "sv"), 1),
)
CONTACT = (
    (ContactPreference.EMAIL, 9),
    (ContactPreference.PHONE, 5),
    (ContactPreference.VIDEO, 4),
    (ContactPreference.TEXT, 2),
)


# --- building -----------------------------------------------------------------------------


def build(b: Builder, network: Network, cast: Cast, plan: Plan) -> list[Entry]:
    staff = Actor(organisation=b.org, person=cast.staff, roles=frozenset({OrgRole.STAFF}))
    tags = {
        spec.name: tag_create(
            actor=staff, name=spec.name, description=spec.description, synonyms=spec.synonyms
        )
        for spec in plan.vocabulary
    }
    towns = {branch.pk: name for name, branch in b.branches.items()}
    memberships = _memberships(b)
    entries: list[Entry] = []
    done: set[int] = set()

    def profile(person: Person, persona: Persona) -> None:
        entries.append(
            Entry(
                person=person,
                persona=persona,
                profile=_save(b, person, persona, tags, towns),
                networks=memberships.get(person.pk, set()),
            )
        )
        done.add(person.pk)

    profile(cast.chair, plan.chair)
    profile(cast.coordinator, plan.coordinator)
    profile(cast.member, plan.member)
    coordination = [
        m.person
        for m in network.memberships.filter(
            status=MembershipStatus.ACTIVE, role=MembershipRole.COORDINATION
        )
        .select_related("person")
        .order_by("pk")
        if m.person.pk not in done
    ]
    for person, persona in zip(coordination, plan.coordination, strict=False):
        profile(person, persona)
    in_main = {pk for pk, ids in memberships.items() if network.pk in ids}
    for slug, personas in plan.personas.items():
        candidates = [
            m.person
            for m in Network.objects.get(organisation=b.org, slug=slug)
            .memberships.filter(status=MembershipStatus.ACTIVE)
            .select_related("person")
            .order_by("pk")
            if m.person.pk not in done
            # The other networks' lists are their own members': KPN stays thin where it is.
            and (slug == network.slug or m.person.pk not in in_main)
        ]
        chosen = b.rng.sample(candidates, min(len(candidates), len(personas)))
        for person, persona in zip(chosen, personas, strict=False):
            profile(person, persona)
    _requests(b, network, cast, entries, tags, plan.script)
    return entries


def _memberships(b: Builder) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for person_id, network_id in Membership.objects.filter(
        network__organisation=b.org, status=MembershipStatus.ACTIVE
    ).values_list("person_id", "network_id"):
        found.setdefault(person_id, set()).add(network_id)
    return found


def _draw[T](b: Builder, weighted: tuple[tuple[T, int], ...]) -> T:
    values = [value for value, _weight in weighted]
    weights = [weight for _value, weight in weighted]
    return b.rng.choices(values, weights=weights)[0]


def _save(
    b: Builder,
    person: Person,
    persona: Persona,
    tags: dict[str, Tag],
    towns: dict[int, str],
) -> Profile:
    availability = persona.availability or _draw(
        b, ((Availability.OPEN, 4), (Availability.SOMETIMES, 1))
    )
    visibility = persona.visibility or _draw(
        b, ((Visibility.ORGANISATION, 4), (Visibility.NETWORKS, 1))
    )
    languages = _draw(b, LANGUAGES)
    contact = _draw(b, CONTACT)
    return profile_save(
        actor=b.as_person(person),
        tags=[tags[name] for name in persona.tags],
        suggestion=persona.suggestion,
        summary=persona.summary.format(by=towns.get(person.branch_id or 0, "kommunen")),
        experience=persona.experience,
        languages=languages,
        region=person.region,
        contact_preference=contact,
        availability=availability,
        visibility=visibility,
        open_requests_limit=persona.open_requests_limit,
    )


def _askable(entry: Entry) -> bool:
    profile = entry.profile
    return (
        profile.availability == Availability.OPEN
        and profile.visibility == Visibility.ORGANISATION
        and profile.open_requests_limit is None
    )


def _requests(
    b: Builder,
    network: Network,
    cast: Cast,
    entries: list[Entry],
    tags: dict[str, Tag],
    script: Script,
) -> None:
    logins = {cast.chair.pk, cast.coordinator.pk, cast.member.pk}
    used: set[int] = set(logins)

    def pick(*, tag: str | None = None, in_network: bool | None = None) -> Entry:
        """The first unused profile that may be asked, in (or outside) the network: one with
        the tag if there is one, else any."""
        found = [
            entry
            for entry in entries
            if entry.person.pk not in used
            and _askable(entry)
            and (in_network is None or (network.pk in entry.networks) == in_network)
        ]
        entry = next((e for e in found if tag in e.persona.tags), None) or found[0]
        used.add(entry.person.pk)
        return entry

    def ask(asker: Person, to: Entry | Person, the: Ask) -> SparringRequest:
        profile = to.profile if isinstance(to, Entry) else Profile.objects.get(person=to)
        return sparring_request_ask_person(
            actor=b.as_person(asker),
            profile=profile,
            subject=the.subject,
            question=the.question,
            tags=[tags[name] for name in the.tags],
        )

    def ask_network(asker: Person, the: Ask) -> SparringRequest:
        return sparring_request_ask_network(
            actor=b.as_person(asker),
            network=network,
            subject=the.subject,
            question=the.question,
            tags=[tags[name] for name in the.tags],
        )

    # member@ is asked, and waits to answer.
    ask(pick(in_network=True).person, cast.member, script.to_member)
    # member@ asks someone in the network, who says yes.
    helper = pick(tag=script.from_member.tags[0], in_network=True)
    sparring = ask(cast.member, helper, script.from_member)
    sparring_request_accept(
        actor=b.as_person(helper.person), request=sparring, note=script.accept_note
    )
    # chair@ helps someone from another network, and closes the request with how it went.
    asker = pick(in_network=False).person
    sparring = ask(asker, cast.chair, script.to_chair)
    chair = b.as_person(cast.chair)
    sparring_request_accept(actor=chair, request=sparring, note=script.chair_note)
    sparring_request_close(actor=chair, request=sparring, outcome=script.outcome)
    # A question to the network, waiting for the chair and coordinator to find someone.
    ask_network(pick(in_network=False).person, script.queued)
    # Another one that the coordinator passed on to a member with the competence.
    sparring = ask_network(pick(in_network=False).person, script.passed)
    helper = pick(tag=script.passed.tags[0], in_network=True)
    sparring_request_pass_on(
        actor=b.as_person(cast.coordinator),
        request=sparring,
        to_profile=helper.profile,
        note=script.pass_note.format(name=helper.person.name.split()[0]),
    )
    # One declined (no reason needed) and one the asker took back.
    asked = pick(tag=script.declined.tags[0])
    sparring = ask(pick().person, asked, script.declined)
    sparring_request_decline(actor=b.as_person(asked.person), request=sparring)
    asked = pick(tag=script.withdrawn.tags[0])
    asker = pick().person
    sparring = ask(asker, asked, script.withdrawn)
    sparring_request_withdraw(actor=b.as_person(asker), request=sparring)


def build_dn(b: Builder, kpn: Network, cast: Cast) -> list[Entry]:
    return build(b, kpn, cast, DN)


def build_party(b: Builder, bolig: Network, cast: Cast) -> list[Entry]:
    return build(b, bolig, cast, PARTY)


# --- Danmarks Naturfredningsforening --------------------------------------------------------

DN_VOCABULARY = (
    TagSpec(
        "Kommuneplanlægning",
        "Kommuneplanen, planstrategien og kommuneplantillæg – og hvordan naturen kommer med.",
        ("kommuneplan", "planstrategi"),
    ),
    TagSpec(
        "Lokalplaner",
        "At læse et lokalplanforslag og finde det, der rammer naturen.",
        ("lokalplanforslag",),
    ),
    TagSpec(
        "Naturbeskyttelsesloven",
        "Beskyttede naturtyper, bygge- og beskyttelseslinjer og dispensationer.",
        ("naturbeskyttelse", "§3-natur"),
    ),
    TagSpec("Fredningssager", "At rejse og føre en fredningssag.", ("fredning",)),
    TagSpec(
        "Høringssvar",
        "At skrive et høringssvar eller en indsigelse, der bliver læst.",
        ("høring", "indsigelse"),
    ),
    TagSpec(
        "Pressearbejde",
        "Pressemeddelelser, læserbreve og kontakt til lokale medier.",
        ("presse", "medier", "læserbrev", "pressemeddelelse"),
    ),
    TagSpec(
        "Kommunalvalgkamp",
        "Naturen på dagsordenen før kommunalvalget: kandidattest, vælgermøder, valgavis.",
        ("valgkamp", "kommunalvalg", "vælgermøde"),
    ),
    TagSpec(
        "Miljøvurdering",
        "Miljøvurdering af planer og projekter og miljøkonsekvensrapporter.",
        ("VVM", "miljøkonsekvensrapport"),
    ),
    TagSpec(
        "Klagesager",
        "At klage over en afgørelse, og hvornår det kan betale sig.",
        ("Planklagenævnet", "Miljø- og Fødevareklagenævnet"),
    ),
    TagSpec("Biodiversitet", "Mere og vildere natur: naturpleje, græsning, naturplaner.", ()),
    TagSpec(
        "Vandplaner",
        "Vandområdeplaner, vandløbsregulativer og vandrådenes arbejde.",
        ("vandløb", "vandråd"),
    ),
    TagSpec("Sociale medier", "Facebook, Instagram og opslag, der bliver delt.", ("SoMe",)),
    TagSpec(
        "Frivilligledelse",
        "At finde, tage imod og holde på frivillige i afdelingen.",
        ("frivillige",),
    ),
    TagSpec("Mødeledelse", "Gode møder, workshops og årsmøder.", ("facilitering",)),
    TagSpec(
        "Dialog med politikere",
        "At få en fast og tidlig dialog med kommunens politikere.",
        ("interessevaretagelse", "lobbyarbejde"),
    ),
    TagSpec("Grønne råd", "At bruge kommunens grønne råd.", ("grønt råd",)),
    TagSpec(
        "Naturformidling",
        "Ture, arrangementer og formidling for børn og voksne.",
        ("naturvejledning", "guidede ture"),
    ),
    TagSpec(
        "Kommunens budget",
        "Budgetprocessen og hvornår man skal være på banen.",
        ("budget", "budgetforhandlinger"),
    ),
)

EXPERT, SOME = Experience.EXPERT, Experience.SOME
PAUSED, SOMETIMES = Availability.PAUSED, Availability.SOMETIMES
NOBODY, NETWORKS = Visibility.NOBODY, Visibility.NETWORKS

KPN_PERSONAS = (
    Persona(
        ("Kommuneplanlægning", "Høringssvar", "Naturbeskyttelsesloven"),
        "Jeg har fulgt kommuneplanarbejdet i {by} siden 2013 og kender planloven og "
        "naturbeskyttelsesloven godt. Jeg læser gerne jeres udkast til høringssvar igennem.",
        EXPERT,
    ),
    Persona(
        ("Pressearbejde", "Sociale medier"),
        "Jeg er journalist af uddannelse og skriver læserbreve og pressemeddelelser for "
        "afdelingen i {by}. Jeg giver gerne et hurtigt blik på en pressemeddelelse, før den "
        "sendes.",
    ),
    Persona(
        ("Kommunalvalgkamp", "Dialog med politikere"),
        "Til kommunalvalget i 2021 organiserede jeg et vælgermøde om natur med alle partierne "
        "i {by}. Jeg deler gerne vores drejebog og spørgsmålene til kandidaterne.",
    ),
    Persona(
        ("Naturbeskyttelsesloven", "Klagesager", "Fredningssager"),
        "Jeg er pensioneret miljøsagsbehandler og har ført flere sager om §3-natur ved "
        "Miljø- og Fødevareklagenævnet. Ring hellere end at skrive – så tager vi sagen fra "
        "starten.",
        EXPERT,
    ),
    Persona(
        ("Lokalplaner", "Høringssvar"),
        "Jeg holder øje med nye lokalplanforslag i {by} og har skrevet indsigelser mod "
        "byggeri i et skovbryn. Jeg hjælper gerne med at finde de svage punkter i en lokalplan.",
    ),
    Persona(
        ("Miljøvurdering", "Klagesager"),
        "Jeg arbejder til daglig som rådgivende biolog og kan hjælpe med at læse en "
        "miljøkonsekvensrapport og se, hvad der mangler i den.",
        EXPERT,
    ),
    Persona(
        ("Kommunens budget", "Dialog med politikere"),
        "Jeg har siddet fire år i kommunalbestyrelsen i {by} og ved, hvornår i "
        "budgetforhandlingerne man skal banke på hos politikerne.",
    ),
    Persona(
        ("Biodiversitet", "Kommuneplanlægning"),
        "Jeg var med til at få en naturkvalitetsplan ind i kommuneplanen i {by} og deler "
        "gerne, hvordan vi fik biodiversiteten skrevet ind i retningslinjerne.",
        suggestion="Klimatilpasning",
    ),
    Persona(
        ("Grønne råd", "Dialog med politikere"),
        "Jeg repræsenterer DN i Det Grønne Råd i {by}. Spørg mig om, hvordan man bruger rådet "
        "til at komme tidligt ind i sagerne.",
    ),
    Persona(
        ("Frivilligledelse", "Mødeledelse"),
        "Jeg er formand for en lille afdeling og har fået nye frivillige med ved at give dem "
        "en konkret opgave fra første møde. Jeg fortæller gerne, hvad der virkede.",
        SOME,
    ),
    Persona(
        ("Pressearbejde", "Kommunalvalgkamp"),
        "Jeg skrev afdelingens valgavis til kommunalvalget og fik tre artikler i lokalavisen "
        "om vores kandidattest. Jeg hjælper gerne med at finde en vinkel, lokalpressen tager.",
    ),
    Persona(
        ("Høringssvar", "Naturbeskyttelsesloven"),
        "Jeg har skrevet en snes høringssvar om enge, moser og beskyttede diger. Send mig "
        "jeres udkast, så kommenterer jeg det inden for en uge.",
        open_requests_limit=2,
    ),
    Persona(
        ("Sociale medier",),
        "Jeg står for afdelingens Facebook-side i {by} og har lært en del om, hvad der giver "
        "delinger og debat. Spørg gerne om opslag, annoncer og små videoer.",
        SOME,
    ),
    Persona(
        ("Kommuneplanlægning", "Lokalplaner", "Miljøvurdering"),
        "Jeg er landinspektør og har arbejdet med planlægning i en kommune i 20 år. Jeg kan "
        "forklare, hvordan planerne hænger sammen, og hvor en forening har indflydelse.",
        EXPERT,
    ),
    Persona(
        ("Dialog med politikere", "Kommunalvalgkamp"),
        "Jeg holder kaffemøder med byrådspolitikere fra alle partier i {by}. Mit bedste råd: "
        "mød dem, før sagen er på dagsordenen.",
    ),
    Persona(
        ("Fredningssager", "Naturbeskyttelsesloven"),
        "Jeg var med til at rejse en fredningssag for en ådal og kender processen fra "
        "fredningsforslag til Fredningsnævnets afgørelse.",
        availability=SOMETIMES,
    ),
    Persona(
        ("Klagesager", "Lokalplaner"),
        "Jeg har klaget til Planklagenævnet over to lokalplaner og fik medhold i den ene. Jeg "
        "hjælper gerne med at vurdere, om en klage har en chance.",
    ),
    Persona(
        ("Mødeledelse", "Frivilligledelse"),
        "Jeg faciliterer gerne jeres workshop eller årsmøde. Jeg er god til korte, skarpe "
        "møder, hvor alle kommer til orde.",
    ),
    Persona(
        ("Pressearbejde", "Dialog med politikere"),
        "Jeg har arbejdet på et dagblad og ved, hvordan en lokal historie bliver solgt ind. "
        "Jeg hjælper med pressemeddelelser og med at forberede et interview.",
        EXPERT,
    ),
    Persona(
        ("Kommunalvalgkamp", "Sociale medier"),
        "Jeg lavede vores kampagne »Stem på naturen« på Facebook og Instagram op til "
        "kommunalvalget og deler gerne skabelonerne.",
        SOME,
    ),
    Persona(
        ("Biodiversitet", "Grønne råd"),
        "Jeg kender kommunens naturpleje i {by} indefra og kan hjælpe med at stille de rigtige "
        "spørgsmål til forvaltningen om biodiversitet.",
    ),
    Persona(
        ("Kommuneplanlægning", "Kommunens budget"),
        "Jeg følger planstrategien og budgettet i {by} og har lavet en oversigt over, hvor "
        "naturen nævnes i kommunens planer. Jeg deler den gerne som skabelon.",
    ),
    Persona(
        ("Høringssvar",),
        "Jeg har skrevet et par høringssvar sammen med afdelingens bestyrelse. Jeg holder "
        "pause lige nu på grund af nyt arbejde, men er tilbage efter sommerferien.",
        SOME,
        availability=PAUSED,
    ),
    Persona(
        ("Naturbeskyttelsesloven", "Biodiversitet"),
        "Jeg er ved at lære naturbeskyttelsesloven at kende og har samlet mine noter om "
        "registrering af §3-natur.",
        SOME,
        visibility=NOBODY,
    ),
)

DN = Plan(
    vocabulary=DN_VOCABULARY,
    chair=Persona(
        ("Kommuneplanlægning", "Høringssvar", "Dialog med politikere"),
        "Jeg har skrevet høringssvar til tre kommuneplaner i Horsens og hjælper gerne med at "
        "læse udkast. Som formand for KPN ved jeg også, hvilke afdelinger der har arbejdet "
        "med det samme.",
        EXPERT,
        availability=Availability.OPEN,
        visibility=Visibility.ORGANISATION,
    ),
    coordinator=Persona(
        ("Frivilligledelse", "Mødeledelse", "Kommunalvalgkamp"),
        "Jeg koordinerer KPN og har planlagt webinarrækken om lokalpolitik. Jeg hjælper gerne "
        "en afdeling med at lægge en plan for valgkampen – men kun et par gange om året.",
        availability=SOMETIMES,
        visibility=Visibility.ORGANISATION,
    ),
    member=Persona(
        ("Pressearbejde", "Sociale medier"),
        "Jeg er ny i DN Ikast-Brande og har overtaget afdelingens Facebook-side. Jeg skriver "
        "gerne læserbreve og hjælper med opslag – og vil selv gerne lære mere om lokalplaner.",
        SOME,
        availability=Availability.OPEN,
        visibility=Visibility.ORGANISATION,
    ),
    coordination=(
        Persona(
            ("Kommuneplanlægning", "Høringssvar", "Mødeledelse"),
            "I koordinationsgruppen står jeg for KPN's skabelon til høringssvar om "
            "kommuneplaner. Jeg læser gerne jeres udkast og giver feedback inden fristen.",
            EXPERT,
        ),
        Persona(
            ("Pressearbejde", "Kommunalvalgkamp", "Sociale medier"),
            "Jeg har ansvaret for KPN's pressearbejde og var med til at planlægge "
            "afdelingernes indsats op til kommunalvalget. Jeg hjælper gerne med et læserbrev "
            "eller en plan for valgkampen.",
        ),
        Persona(
            ("Naturbeskyttelsesloven", "Klagesager", "Fredningssager"),
            "Jeg er jurist og har arbejdet med naturbeskyttelsesloven i mange år. I KPN tager "
            "jeg de juridiske spørgsmål – også dem, der ender i Planklagenævnet.",
            EXPERT,
            visibility=NETWORKS,
        ),
    ),
    personas={
        "kpn": KPN_PERSONAS,
        "biodiversitet": (
            Persona(
                ("Biodiversitet", "Naturformidling"),
                "Jeg leder en plejegruppe, der slår enge og fjerner invasive arter i {by}. "
                "Jeg viser gerne, hvordan vi har organiseret arbejdet.",
            ),
            Persona(
                ("Biodiversitet", "Dialog med politikere"),
                "Vi fik kommunen i {by} til at lægge 15 hektar kommunal jord ud til vild "
                "natur. Spørg mig om, hvordan vi fik politikerne med.",
                EXPERT,
            ),
            Persona(
                ("Biodiversitet", "Frivilligledelse"),
                "Jeg har startet et græsningslaug med 30 frivillige kogræssere og hjælper "
                "gerne andre i gang.",
                availability=SOMETIMES,
            ),
        ),
        "vandmiljoe": (
            Persona(
                ("Vandplaner", "Høringssvar"),
                "Jeg sidder i vandrådet for mit hovedvandopland og har skrevet DN's bidrag "
                "til indsatsprogrammet. Jeg hjælper gerne med vandløb og vandplaner.",
            ),
            Persona(
                ("Vandplaner", "Klagesager"),
                "Jeg er ferskvandsbiolog og har fulgt vandplanerne siden første runde. Jeg "
                "kan hjælpe med at læse et vandløbsregulativ og vurdere, om en klage er "
                "værd at sende.",
                EXPERT,
            ),
            Persona(
                ("Vandplaner", "Naturformidling"),
                "Jeg arrangerer vandløbsture med skoleklasser i {by} og fortæller gerne, "
                "hvordan man får børn og forældre med.",
                SOME,
            ),
        ),
        "friluftsliv": (
            Persona(
                ("Naturformidling", "Frivilligledelse"),
                "Jeg har lavet guidede ture for afdelingen i {by} i ti år og uddanner nye "
                "turledere. Jeg deler gerne vores turlederhæfte.",
                EXPERT,
            ),
            Persona(
                ("Naturformidling", "Sociale medier"),
                "Jeg laver korte naturfilm til afdelingens Instagram og hjælper gerne andre i "
                "gang med mobilen som kamera.",
                SOME,
            ),
            Persona(
                ("Lokalplaner", "Dialog med politikere"),
                "Jeg har kæmpet for en ny sti langs fjorden i {by} og lært, hvordan en "
                "stiforbindelse kommer ind i en lokalplan.",
                availability=PAUSED,
            ),
        ),
    },
    script=Script(
        to_member=Ask(
            "Opslag om et lokalplanforslag",
            "Hej! Et nyt lokalplanforslag inddrager et stykke af vores bynære skov. Kan du "
            "hjælpe os med et Facebook-opslag, der får folk til at skrive høringssvar inden "
            "fristen om tre uger?",
            ("Sociale medier",),
        ),
        from_member=Ask(
            "Hvordan læser jeg en lokalplan?",
            "Vi har fået et lokalplanforslag til høring i Ikast-Brande, og jeg har aldrig "
            "læst en før. Vil du tage en halv time med mig og vise, hvad jeg skal kigge efter?",
            ("Lokalplaner",),
        ),
        accept_note="Gerne! Send mig forslaget, så ringer jeg dig op på torsdag.",
        to_chair=Ask(
            "Høringssvar til kommuneplanens naturudpegning",
            "Kommunen har sendt et kommuneplantillæg om nye naturområder i høring, og vi er "
            "usikre på, om vi skal gå efter flere områder eller bedre sammenhæng. Har du tid "
            "til at læse vores udkast?",
            ("Kommuneplanlægning", "Høringssvar"),
        ),
        chair_note="Det gør jeg gerne – send udkastet, så tager vi det over telefonen.",
        outcome=(
            "Vi gennemgik udkastet over telefonen og skærpede argumentet om sammenhængende "
            "natur. Høringssvaret blev sendt i tide, og kommunen har udvidet et af områderne."
        ),
        queued=Ask(
            "Hvem kan hjælpe med en VVM-høring?",
            "Et stort solcelleprojekt tæt på et Natura 2000-område er i høring med en "
            "miljøkonsekvensrapport på 300 sider. Er der nogen i KPN, der kan hjælpe os med at "
            "finde det væsentlige?",
            ("Miljøvurdering",),
        ),
        passed=Ask(
            "Vælgermøde om natur før kommunalvalget",
            "Vi vil gerne holde et vælgermøde om natur før kommunalvalget, men har aldrig "
            "prøvet det. Hvem i netværket har erfaring med at få kandidaterne til at komme?",
            ("Kommunalvalgkamp",),
        ),
        pass_note="{name} har holdt præcis sådan et møde i sin egen kommune og hjælper gerne.",
        declined=Ask(
            "Klage over dispensation fra søbeskyttelseslinjen",
            "Kommunen har givet dispensation til et shelterområde helt ned til søen. Kan vi "
            "klage, og hvor lang tid har vi?",
            ("Klagesager",),
        ),
        withdrawn=Ask(
            "Pressemeddelelse om fældning af vejtræer",
            "Kommunen vil fælde en allé med 80 gamle lindetræer. Kan du hjælpe os med en "
            "pressemeddelelse?",
            ("Pressearbejde",),
        ),
    ),
)


# --- Socialdemokratiet ----------------------------------------------------------------------

PARTY_VOCABULARY = (
    TagSpec(
        "Boligpolitik",
        "Almene boliger, husleje, byudvikling og beboerdemokrati.",
        ("almene boliger", "beboerdemokrati"),
    ),
    TagSpec(
        "Arbejdsmarkedspolitik",
        "Overenskomster, beskæftigelse og samarbejdet med fagbevægelsen.",
        ("overenskomst", "beskæftigelse"),
    ),
    TagSpec(
        "Kampagneledelse",
        "At planlægge og lede en kampagne: dørbankning, frivillige, materialer.",
        ("dørbanken", "valgkamp"),
    ),
    TagSpec(
        "Pressearbejde",
        "Pressemeddelelser, læserbreve og kontakt til journalister.",
        ("presse", "læserbrev"),
    ),
    TagSpec("Sociale medier", "Facebook, Instagram og opslag, der bliver delt.", ("SoMe",)),
    TagSpec(
        "Taler og debatindlæg",
        "At skrive og holde en tale, og at skrive et debatindlæg, der bliver bragt.",
        ("tale", "debatindlæg"),
    ),
    TagSpec("Mødeledelse", "Dirigent, ordstyrer og gode møder.", ("dirigent", "ordstyrer")),
    TagSpec(
        "Kommunalpolitik",
        "Byrådets arbejde, udvalg og budgetforhandlinger.",
        ("byråd", "kommunalbestyrelse"),
    ),
    TagSpec("Ældrepolitik", "Ældrepleje, plejehjem og ældreråd.", ("ældrepleje",)),
    TagSpec(
        "Uddannelsespolitik",
        "Dagtilbud, folkeskole og uddannelse efter grundskolen.",
        ("folkeskole", "skolebestyrelse"),
    ),
    TagSpec("Klimapolitik", "Grøn omstilling i kommunen og i landet.", ("grøn omstilling",)),
    TagSpec("Integration", "Integration på arbejdsmarkedet og i foreningslivet.", ()),
    TagSpec(
        "Foreningsøkonomi",
        "Budget, regnskab og kassererens arbejde i en forening.",
        ("kasserer", "regnskab"),
    ),
    TagSpec("EU-politik", "EU, Europa-Parlamentet og samarbejdet i PES.", ("EU", "PES")),
    TagSpec(
        "Organisering",
        "Medlemshvervning og at få flere aktive i partiforeningen.",
        ("medlemshvervning",),
    ),
)

PARTY = Plan(
    vocabulary=PARTY_VOCABULARY,
    chair=Persona(
        ("Boligpolitik", "Kommunalpolitik", "Mødeledelse"),
        "Jeg er formand for Boligpolitisk netværk og har siddet i teknik- og miljøudvalget i "
        "Aarhus. Jeg hjælper gerne med at forberede et møde med en boligorganisation eller et "
        "oplæg om almene boliger.",
        EXPERT,
        availability=Availability.OPEN,
        visibility=Visibility.ORGANISATION,
    ),
    coordinator=Persona(
        ("Organisering", "Kampagneledelse", "Foreningsøkonomi"),
        "Jeg koordinerer Boligpolitisk netværk og har været organisationssekretær. Jeg hjælper "
        "gerne en partiforening med en plan for medlemshvervning – et par gange om året.",
        EXPERT,
        availability=SOMETIMES,
        visibility=Visibility.ORGANISATION,
    ),
    member=Persona(
        ("Boligpolitik", "Sociale medier"),
        "Jeg bor i en almen bolig i Silkeborg og er lige blevet valgt til afdelingsbestyrelsen. "
        "Jeg hjælper gerne med Facebook-opslag og vil selv gerne lære mere om boligpolitik.",
        SOME,
        availability=Availability.OPEN,
        visibility=Visibility.ORGANISATION,
    ),
    personas={
        "bolig": (
            Persona(
                ("Boligpolitik", "Kommunalpolitik"),
                "Jeg har siddet otte år i boligudvalget i {by} og kender samspillet mellem "
                "kommunen og de almene boligorganisationer. Ring gerne, hvis I skal forberede "
                "et møde.",
                EXPERT,
            ),
            Persona(
                ("Boligpolitik", "Organisering"),
                "Jeg er formand for min afdelingsbestyrelse og har fået mange naboer med i "
                "beboerdemokratiet. Jeg deler gerne, hvordan vi gjorde beboermødet til noget, "
                "folk kommer til.",
            ),
            Persona(
                ("Boligpolitik", "Taler og debatindlæg"),
                "Jeg skriver debatindlæg om husleje og almene boliger til lokalavisen i {by} "
                "og hjælper gerne med at skære et indlæg ned til 2.000 tegn.",
            ),
            Persona(
                ("Foreningsøkonomi", "Boligpolitik"),
                "Jeg er kasserer i en boligafdeling og kan forklare, hvordan budgettet i en "
                "almen boligafdeling hænger sammen.",
                SOME,
            ),
            Persona(
                ("Kampagneledelse", "Boligpolitik"),
                "Jeg ledede dørbankningen i vores boligområder op til kommunalvalget – 1.400 "
                "døre på seks uger. Jeg hjælper gerne med ruter og træning af nye frivillige.",
            ),
        ),
        "bolig-midtjylland": (
            Persona(
                ("Boligpolitik", "Klimapolitik"),
                "Jeg arbejder med energirenovering af almene boliger og kan hjælpe med at "
                "koble boligpolitik og grøn omstilling.",
                EXPERT,
            ),
            Persona(
                ("Mødeledelse", "Boligpolitik"),
                "Jeg har været dirigent på mange beboermøder og generalforsamlinger i "
                "Midtjylland. Spørg gerne, hvis I skal have styr på dagsorden og afstemninger.",
                availability=SOMETIMES,
            ),
        ),
        "arbejdsmarked": (
            Persona(
                ("Arbejdsmarkedspolitik", "Organisering"),
                "Jeg er tillidsrepræsentant og har været med til at forhandle overenskomst på "
                "en stor arbejdsplads. Jeg hjælper gerne med, hvordan man taler med kolleger "
                "om at blive organiseret.",
                EXPERT,
            ),
            Persona(
                ("Arbejdsmarkedspolitik", "Taler og debatindlæg"),
                "Jeg har holdt 1. maj-talen i {by} tre år i træk og hjælper gerne med at "
                "skrive en tale, der kan holdes på fem minutter.",
            ),
            Persona(
                ("Arbejdsmarkedspolitik", "Integration"),
                "Jeg arbejder i et jobcenter og ved meget om, hvordan nyankomne kommer i job. "
                "Jeg deler gerne erfaringer med virksomhedspraktik og sprogkrav.",
            ),
            Persona(
                ("Foreningsøkonomi", "Organisering"),
                "Jeg er kasserer i min partiforening og har ryddet op i regnskabet efter et "
                "par rodede år. Jeg hjælper gerne en ny kasserer i gang.",
                SOME,
            ),
        ),
        "helga": (
            Persona(
                ("Kampagneledelse", "Kommunalpolitik"),
                "Jeg stillede op til byrådet i {by} første gang i 2021 og blev valgt. Jeg "
                "hjælper gerne kvinder, der overvejer at stille op, med en personlig kampagne.",
            ),
            Persona(
                ("Taler og debatindlæg", "Mødeledelse"),
                "Jeg træner nye kandidater i at holde korte taler og tage ordet på vælgermøder. "
                "Det handler mest om at øve sig – og det hjælper jeg gerne med.",
                EXPERT,
            ),
            Persona(
                ("Sociale medier", "Kampagneledelse"),
                "Jeg har styret Facebook og Instagram for tre kandidater og kan hjælpe med en "
                "plan for opslag i valgkampens sidste uger.",
                SOME,
            ),
        ),
        "international": (
            Persona(
                ("EU-politik", "Integration"),
                "Jeg har arbejdet for en NGO i Bruxelles og kan forklare, hvordan en EU-sag "
                "rammer kommunerne.",
            ),
            Persona(
                ("Integration", "Organisering"),
                "Jeg var med til at starte et netværk for nydanskere i partiforeningen i {by}. "
                "Spørg mig om, hvordan man får flere med.",
            ),
        ),
        "kirke": (
            Persona(
                ("Mødeledelse", "Foreningsøkonomi"),
                "Jeg er formand for et menighedsråd og kender både budgetsamråd og "
                "menighedsrådsvalg. Jeg hjælper gerne nye medlemmer i gang.",
                SOME,
            ),
            Persona(
                ("Ældrepolitik", "Kommunalpolitik"),
                "Jeg sidder i ældrerådet i {by} og kan hjælpe med at forstå, hvordan kommunens "
                "ældrepleje er organiseret – også ude i landsbyerne.",
                availability=SOMETIMES,
                suggestion="Landdistriktspolitik",
            ),
        ),
        "kultur": (
            Persona(
                ("Kommunalpolitik", "Taler og debatindlæg"),
                "Jeg sidder i kultur- og fritidsudvalget i {by} og har skrevet mange "
                "debatindlæg om biblioteker og foreningsliv.",
            ),
            Persona(
                ("Sociale medier", "Pressearbejde"),
                "Jeg arbejder med kommunikation på et spillested og hjælper gerne med "
                "pressemeddelelser, billeder og opslag til arrangementer.",
            ),
        ),
        "pes": (
            Persona(
                ("EU-politik", "Kampagneledelse"),
                "Jeg var frivillig koordinator i den seneste valgkamp til Europa-Parlamentet og "
                "kender PES' kampagnemateriale. Jeg hjælper gerne med et arrangement om EU.",
                EXPERT,
            ),
            Persona(
                ("EU-politik", "Klimapolitik"),
                "Jeg følger EU's klimapolitik tæt og kan forklare, hvad de nye klimamål "
                "betyder for en dansk kommune.",
            ),
            Persona(
                ("EU-politik", "Sociale medier"),
                "Jeg oversætter gerne PES' materiale og hjælper med opslag på dansk og engelsk.",
                SOME,
                visibility=NETWORKS,
            ),
        ),
        "regnbue": (
            Persona(
                ("Organisering", "Mødeledelse"),
                "Jeg har arrangeret partiets deltagelse i Pride i {by} og ved, hvordan man "
                "samler frivillige til en stor dag.",
            ),
            Persona(
                ("Pressearbejde", "Taler og debatindlæg"),
                "Jeg har skrevet debatindlæg om LGBTQ+ rettigheder i flere aviser og hjælper "
                "gerne med at finde en personlig indgang til et indlæg.",
            ),
        ),
        "social-sundhed": (
            Persona(
                ("Ældrepolitik", "Kommunalpolitik"),
                "Jeg er social- og sundhedsassistent og har i mange år været med til at "
                "udvikle ældreplejen i {by}. Jeg hjælper gerne med at gøre et forslag konkret "
                "og realistisk.",
                EXPERT,
            ),
            Persona(
                ("Ældrepolitik", "Organisering"),
                "Jeg har startet en besøgsvenneordning sammen med partiforeningen og deler "
                "gerne, hvordan vi fik ældre og frivillige til at mødes.",
            ),
            Persona(
                ("Kommunalpolitik", "Pressearbejde"),
                "Jeg er byrådsmedlem i {by} med psykiatrien som mærkesag. Jeg holder pause "
                "med sparring, til budgetforhandlingerne er overstået.",
                EXPERT,
                availability=PAUSED,
            ),
        ),
        "uddannelse": (
            Persona(
                ("Uddannelsespolitik", "Kommunalpolitik"),
                "Jeg er formand for en skolebestyrelse og var med til at lave skolestrukturen "
                "om i {by}. Jeg hjælper gerne med at forberede et borgermøde om folkeskolen.",
            ),
            Persona(
                ("Uddannelsespolitik", "Taler og debatindlæg"),
                "Jeg er lærer og skriver jævnligt debatindlæg om folkeskolen. Jeg giver gerne "
                "et andet blik på jeres indlæg, før det sendes.",
            ),
            Persona(
                ("Uddannelsespolitik",),
                "Jeg sidder i en skolebestyrelse og er ved at lære, hvordan kommunens "
                "skolebudget fungerer.",
                SOME,
                visibility=NOBODY,
            ),
        ),
    },
    script=Script(
        to_member=Ask(
            "Facebook-side for vores beboerforening",
            "Vi vil gerne starte en Facebook-side for beboerne i vores afdeling, så flere "
            "kommer til afdelingsmødet. Har du tid til at hjælpe os i gang?",
            ("Sociale medier",),
        ),
        from_member=Ask(
            "Budgettet i vores boligafdeling",
            "Jeg skal for første gang være med til at lægge budget i afdelingsbestyrelsen. "
            "Kan du forklare mig, hvad jeg skal holde øje med?",
            ("Boligpolitik", "Foreningsøkonomi"),
        ),
        accept_note="Selvfølgelig – lad os tage en kop kaffe, inden I holder budgetmøde.",
        to_chair=Ask(
            "Oplæg om almene boliger til medlemsmødet",
            "Vi holder medlemsmøde om boligpolitik i partiforeningen i næste måned. Vil du "
            "komme med et oplæg om de almene boliger, eller hjælpe os med at finde en, der kan?",
            ("Boligpolitik",),
        ),
        chair_note="Det vil jeg gerne. Jeg kan komme den 14. og tale i 20 minutter.",
        outcome=(
            "Jeg holdt oplægget for 35 medlemmer. Partiforeningen har sat en arbejdsgruppe om "
            "almene boliger i gang, og to af dem har meldt sig ind i netværket."
        ),
        queued=Ask(
            "Hvem kan fortælle om den nye boligaftale?",
            "Vi vil gerne have nogen til at fortælle om den nye boligaftale på et "
            "medlemsmøde i efteråret. Er der nogen i netværket, der kan?",
            ("Boligpolitik",),
        ),
        passed=Ask(
            "Dørbankning i et alment boligområde",
            "Vi vil banke på døre i et alment boligområde før kommunalvalget. Hvem i netværket "
            "har prøvet det og kan give os gode råd?",
            ("Kampagneledelse",),
        ),
        pass_note="{name} har ledet netop sådan en dørbankning og er den rette at spørge.",
        declined=Ask(
            "Tale til 1. maj",
            "Jeg skal holde tale på 1. maj for første gang. Kan du læse mit udkast igennem?",
            ("Taler og debatindlæg",),
        ),
        withdrawn=Ask(
            "Hjælp til et debatindlæg om ældreplejen",
            "Jeg vil skrive et debatindlæg om hjemmeplejen i min kommune. Vil du hjælpe mig "
            "med at gøre det skarpere?",
            ("Ældrepolitik",),
        ),
    ),
)
