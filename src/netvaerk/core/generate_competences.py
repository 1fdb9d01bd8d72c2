"""Competence profiles for a generated organisation (`netvaerk generate --profiles SHARE`, or
`--add-competences` for an organisation generated before the competence list existed).

A vocabulary of about sixty Danish competences with synonyms, then a profile for about SHARE
of the organisation's persons: one to five tags each (a few tags are common, most are not),
a summary assembled from phrases, visibility mostly the organisation or the person's networks
and some hidden, availability, and the region the person lives in (now and then another).
Written with bulk inserts in batches, persons read in key order a batch at a time, so memory
stays flat; the search index is built at the end in one set-based pass on PostgreSQL."""

import bisect
import itertools
import random
import sys
from dataclasses import dataclass
from typing import Any

from django.db import reset_queries, transaction
from django.utils import timezone
from tqdm import tqdm

from netvaerk.competences.models import (
    Availability,
    ContactPreference,
    Experience,
    Profile,
    ProfileTag,
    Tag,
    TagStatus,
    TagSynonym,
    Visibility,
)
from netvaerk.competences.search.index import reindex_organisation
from netvaerk.core.demo.geography import ascii_slug
from netvaerk.core.text import casefold_words
from netvaerk.organisations.models import Organisation, Region
from netvaerk.people.models import Person

# (name, synonyms, what a summary says about it). Synonyms are unique across the vocabulary.
VOCABULARY: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Kommuneplanlægning", ("kommuneplan", "planlov"), "kommuneplaner og planloven"),
    ("Lokalplaner", ("lokalplan", "byplan"), "lokalplaner og byudvikling"),
    ("Naturbeskyttelsesloven", ("naturbeskyttelse", "paragraf 3"), "naturbeskyttelsesloven"),
    ("Miljøvurdering", ("VVM", "miljøkonsekvens"), "miljøvurderinger af store projekter"),
    ("Høringssvar", ("høring", "indsigelse"), "høringssvar til kommuner og styrelser"),
    ("Klagesager", ("klage", "nævnsklage"), "klager til Planklagenævnet og Miljøklagenævnet"),
    (
        "Pressearbejde",
        ("presse", "pressemeddelelse"),
        "pressemeddelelser og kontakt til journalister",
    ),
    ("Debatindlæg", ("læserbrev", "kronik"), "debatindlæg og kronikker"),
    ("Sociale medier", ("SoMe", "Facebook"), "kampagner på sociale medier"),
    ("Kommunalvalgkamp", ("valgkamp", "kommunalvalg"), "kommunalvalgkampe"),
    ("Folketingsvalgkamp", ("folketingsvalg",), "folketingsvalgkampe"),
    ("Kampagneplanlægning", ("kampagne",), "at planlægge kampagner fra idé til evaluering"),
    ("Dørbankning", ("dør til dør",), "dørbankning og samtaler med vælgere"),
    (
        "Frivilligledelse",
        ("frivillige", "frivilligkoordinering"),
        "at lede og fastholde frivillige",
    ),
    ("Foreningsjura", ("vedtægter",), "vedtægter og foreningsjura"),
    ("Mødeledelse", ("ordstyrer", "dirigent"), "mødeledelse og dirigenthverv"),
    ("Facilitering", ("workshop", "proces"), "facilitering af workshops"),
    ("Fundraising", ("fondsansøgning", "fonde"), "fondsansøgninger og fundraising"),
    ("Økonomi og regnskab", ("regnskab", "budget", "kasserer"), "budgetter og regnskab"),
    ("Medlemshvervning", ("hvervning", "rekruttering"), "at hverve nye medlemmer"),
    ("Lobbyarbejde", ("lobbyisme", "interessevaretagelse"), "lobbyarbejde over for politikere"),
    ("Politisk analyse", ("analyse",), "politiske analyser"),
    ("Forhandling", ("forhandlinger",), "forhandlinger med kommunen"),
    ("Kommunalpolitik", ("byråd", "kommunalbestyrelse"), "arbejdet i byrådet"),
    ("Regionalpolitik", ("regionsråd",), "regionsrådets arbejde"),
    ("EU-ret", ("EU-direktiver", "habitatdirektivet"), "EU-direktiver og deres betydning lokalt"),
    ("Vandmiljø", ("vandplaner", "vandløb"), "vandplaner og vandløb"),
    ("Biodiversitet", ("artsrigdom", "vild natur"), "biodiversitet og vild natur"),
    ("Skovrejsning", ("skov",), "skovrejsning"),
    ("Klimatilpasning", ("skybrud", "oversvømmelse"), "klimatilpasning og skybrudssikring"),
    ("Energiplanlægning", ("varmeplan", "fjernvarme"), "energiplaner og fjernvarme"),
    ("Vindmøller og solceller", ("vindmøller", "solceller", "VE-anlæg"), "vindmøller og solceller"),
    ("Trafikplanlægning", ("trafik", "cykelstier"), "trafikplaner og cykelstier"),
    ("Kollektiv trafik", ("busser", "letbane"), "busser og kollektiv trafik"),
    ("Landbrug", ("landbrugsstøtte", "gylle"), "landbrug og miljø"),
    ("Råstofgravning", ("grusgrav", "råstofplan"), "grusgrave og råstofplaner"),
    ("Kystbeskyttelse", ("kystsikring", "erosion"), "kystbeskyttelse"),
    ("Friluftsliv", ("stier", "adgang til naturen"), "friluftsliv og adgang til naturen"),
    ("Naturformidling", ("guidede ture", "formidling"), "naturformidling for børn og voksne"),
    ("Naturpleje", ("afgræsning", "høslæt"), "naturpleje og afgræsning"),
    ("Fuglebeskyttelse", ("fugle", "ornitologi"), "fugle og deres levesteder"),
    ("Boligpolitik", ("almene boliger", "boligforening"), "almene boliger og boligpolitik"),
    ("Arbejdsmarkedspolitik", ("overenskomst", "fagforening"), "overenskomster og arbejdsmarked"),
    ("Sundhedspolitik", ("sundhed", "nærhospital"), "sundhedspolitik og nære sundhedstilbud"),
    ("Ældrepolitik", ("ældrepleje", "plejehjem"), "ældrepleje og plejehjem"),
    ("Skolepolitik", ("folkeskole", "skolelukning"), "folkeskolen og skolestrukturer"),
    ("Børn og unge", ("ungdomsarbejde", "ungeråd"), "ungdomsarbejde og ungeråd"),
    ("Integration", ("flygtninge", "nydanskere"), "integration af flygtninge"),
    ("Ligestilling", ("kønsligestilling",), "ligestilling"),
    ("Handicappolitik", ("tilgængelighed", "handicapråd"), "tilgængelighed og handicapråd"),
    ("Kulturpolitik", ("kultur", "bibliotek"), "kulturliv og biblioteker"),
    ("Idræt og foreningsliv", ("idræt", "foreningsliv"), "idrætsforeninger"),
    ("Digitalisering", ("it", "databeskyttelse"), "digitalisering og databeskyttelse"),
    ("Grafisk design", ("layout", "plakater"), "plakater og layout"),
    ("Video og foto", ("video", "fotografering"), "video og fotografering"),
    ("Hjemmesider", ("WordPress", "webredaktion"), "hjemmesider og webredaktion"),
    ("Nyhedsbreve", ("nyhedsbrev", "mailkampagne"), "nyhedsbreve"),
    ("Taletræning", ("tale", "retorik"), "taler og retorik"),
    ("Oversættelse", ("tolkning",), "oversættelse og tolkning"),
    ("Uddannelse af tillidsvalgte", ("kursus", "undervisning"), "kurser for tillidsvalgte"),
    ("Konfliktmægling", ("mægling", "konflikt"), "konfliktmægling i foreninger"),
    (
        "Aktindsigt",
        ("offentlighedsloven", "aktindsigtsbegæring"),
        "aktindsigt og offentlighedsloven",
    ),
)

OPENINGS = (
    "Jeg har arbejdet med {a} i {years} år",
    "Jeg har erfaring med {a} fra min lokalafdeling",
    "Gennem mit arbejde kender jeg {a} indefra",
    "Jeg har været med til {a} i flere kommuner",
    "Jeg har undervist i {a}",
    "I bestyrelsen har jeg haft ansvaret for {a}",
)
LINKS = (
    " og kender også {b}.",
    ", og jeg ved en del om {b}.",
    ". Desuden har jeg arbejdet med {b}.",
    " og har hjulpet andre med {b}.",
)
CLOSINGS = (
    " Jeg hjælper gerne med sparring over telefonen.",
    " Skriv til mig, hvis I står med en konkret sag.",
    " Jeg kan læse jeres udkast og give feedback.",
    " Jeg deltager gerne i et møde i jeres netværk.",
    " Spørg gerne, men jeg har travlt op til valg.",
    "",
)
# Words few profiles have: a search for one of them finds a handful among a million persons.
RARE = (
    " Jeg har også skrevet om vandløbsregulativer.",
    " Jeg har erfaring med strandbeskyttelseslinjer.",
    " Jeg kender reglerne om fredningsforslag.",
)
RARE_SHARE = 0.002

# (value, share) — most share their profile, a few keep it hidden.
VISIBILITIES = (
    (Visibility.ORGANISATION, 0.55),
    (Visibility.NETWORKS, 0.35),
    (Visibility.NOBODY, 0.10),
)
AVAILABILITIES = (
    (Availability.OPEN, 0.55),
    (Availability.SOMETIMES, 0.35),
    (Availability.PAUSED, 0.10),
)
TAGS_PER_PROFILE = ((1, 0.25), (2, 0.3), (3, 0.25), (4, 0.12), (5, 0.08))
OTHER_REGION_SHARE = 0.1
NO_REGION_SHARE = 0.05


@dataclass
class CompetenceCounts:
    tags: int = 0
    synonyms: int = 0
    profiles: int = 0
    profile_tags: int = 0
    indexed: int = 0


def _pick[T](rng: random.Random, table: tuple[tuple[T, float], ...]) -> T:
    roll = rng.random()
    for value, share in table:
        if roll < share:
            return value
        roll -= share
    return table[-1][0]


class CompetenceGenerator:
    """Adds the vocabulary (what is missing of it) and profiles for about `share` of the
    organisation's persons who have none yet."""

    def __init__(
        self,
        *,
        organisation: Organisation,
        share: float,
        seed: int = 0,
        batch: int = 5000,
        progress: bool = True,
    ) -> None:
        if not 0 <= share <= 1:
            raise ValueError("The share of persons with a profile must be between 0 and 1.")
        self.org = organisation
        self.share = share
        self.batch = batch
        self.progress = progress
        self.rng = random.Random(seed + 6)  # noqa: S311 - reproducible synthetic data
        self.now = timezone.now()
        self.counts = CompetenceCounts()

    def run(self) -> CompetenceCounts:
        self._vocabulary()
        if self.share > 0:
            self._profiles()
        if self.progress:
            print("indexing competence profiles …", file=sys.stderr, flush=True)
        self.counts.indexed = reindex_organisation(organisation=self.org)
        return self.counts

    def _vocabulary(self) -> None:
        have = {
            name: pk
            for name, pk in Tag.objects.filter(organisation=self.org).values_list(
                "search_name", "pk"
            )
        }
        slugs = set(Tag.objects.filter(organisation=self.org).values_list("slug", flat=True))
        new: list[Tag] = []
        for name, _synonyms, _phrase in VOCABULARY:
            if casefold_words(name) in have or ascii_slug(name) in slugs:
                continue
            new.append(
                Tag(
                    organisation=self.org,
                    name=name,
                    slug=ascii_slug(name),
                    search_name=casefold_words(name),
                    status=TagStatus.ACTIVE,
                    created_at=self.now,
                )
            )
        with transaction.atomic():
            Tag.objects.bulk_create(new)
            self.counts.tags = len(new)
            tags = dict(Tag.objects.filter(organisation=self.org).values_list("search_name", "pk"))
            terms = set(
                TagSynonym.objects.filter(organisation=self.org).values_list(
                    "search_term", flat=True
                )
            )
            synonyms: list[TagSynonym] = []
            for name, words, _phrase in VOCABULARY:
                tag_id = tags.get(casefold_words(name))
                for word in words:
                    term = casefold_words(word)
                    if tag_id is None or term in terms or term in tags:
                        continue
                    terms.add(term)
                    synonyms.append(
                        TagSynonym(
                            organisation=self.org, tag_id=tag_id, term=word, search_term=term
                        )
                    )
            TagSynonym.objects.bulk_create(synonyms)
            self.counts.synonyms = len(synonyms)
        # The generated vocabulary, and what a summary says about each of its tags.
        phrases = {casefold_words(name): phrase for name, _words, phrase in VOCABULARY}
        active = Tag.objects.filter(organisation=self.org, status=TagStatus.ACTIVE)
        self.tags = [
            (pk, phrases.get(name, name))
            for name, pk in active.order_by("search_name").values_list("search_name", "pk")
        ]
        # A few tags are common, most are not: Zipf-like weights by a shuffled rank.
        ranks = list(range(1, len(self.tags) + 1))
        self.rng.shuffle(ranks)
        self.tag_cum = list(itertools.accumulate(1 / rank for rank in ranks))

    def _profiles(self) -> None:
        if not self.tags:
            return
        self.regions = list(
            Region.objects.filter(organisation=self.org).order_by("pk").values_list("pk", flat=True)
        )
        persons = Person.objects.filter(
            organisation=self.org, competence_profile__isnull=True
        ).order_by("pk")
        total = round(persons.count() * self.share)
        bar = tqdm(
            total=total, desc="profiles", unit=" rows", file=sys.stderr, disable=not self.progress
        )
        last = 0
        pending: list[tuple[Profile, list[int]]] = []
        while True:
            rows = list(
                persons.filter(pk__gt=last).values_list("pk", "region_id")[: self.batch * 4]
            )
            if not rows:
                break
            last = rows[-1][0]
            for person_id, region_id in rows:
                if self.rng.random() < self.share:
                    pending.append(self._profile(person_id, region_id))
                if len(pending) >= self.batch:
                    self._write(pending)
                    bar.update(len(pending))
                    pending = []
            reset_queries()
        if pending:
            self._write(pending)
            bar.update(len(pending))
        bar.close()

    def _write(self, pending: list[tuple[Profile, list[int]]]) -> None:
        with transaction.atomic():
            profiles = Profile.objects.bulk_create([profile for profile, _tags in pending])
            links = [
                ProfileTag(organisation_id=self.org.pk, profile_id=profile.pk, tag_id=tag_id)
                for profile, (_unsaved, tag_ids) in zip(profiles, pending, strict=True)
                for tag_id in tag_ids
            ]
            ProfileTag.objects.bulk_create(links)
        self.counts.profiles += len(profiles)
        self.counts.profile_tags += len(links)

    def _profile(self, person_id: int, region_id: int | None) -> tuple[Profile, list[int]]:
        rng = self.rng
        wanted = _pick(rng, TAGS_PER_PROFILE)
        chosen: list[int] = []
        for _attempt in range(wanted * 4):
            position = bisect.bisect(self.tag_cum, rng.random() * self.tag_cum[-1])
            index = min(position, len(self.tags) - 1)
            if index not in chosen:
                chosen.append(index)
            if len(chosen) == wanted:
                break
        roll = rng.random()
        if roll < NO_REGION_SHARE:
            region_id = None
        elif roll < NO_REGION_SHARE + OTHER_REGION_SHARE and self.regions:
            region_id = rng.choice(self.regions)
        languages = ["da"] + (["en"] if rng.random() < 0.4 else [])
        if rng.random() < 0.05:
            languages.append(rng.choice(["de", "sv", "nb", "ar", "pl", "uk"]))
        profile = Profile(
            organisation_id=self.org.pk,
            person_id=person_id,
            summary=self._summary([self.tags[i][1] for i in chosen]),
            experience=rng.choice(Experience.values),
            languages=languages,
            region_id=region_id,
            contact_preference=rng.choice(ContactPreference.values),
            availability=_pick(rng, AVAILABILITIES),
            visibility=_pick(rng, VISIBILITIES),
            created_at=self.now,
            updated_at=self.now,
        )
        return profile, [self.tags[i][0] for i in chosen]

    def _summary(self, phrases: list[str]) -> str:
        rng = self.rng
        text = rng.choice(OPENINGS).format(a=phrases[0], years=rng.randint(2, 25))
        if len(phrases) > 1:
            text += rng.choice(LINKS).format(b=phrases[1])
        else:
            text += "."
        text += rng.choice(CLOSINGS)
        if rng.random() < RARE_SHARE:
            text += rng.choice(RARE)
        return text


def generate_competences(**options: Any) -> CompetenceCounts:
    return CompetenceGenerator(**options).run()
