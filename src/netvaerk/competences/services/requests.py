"""Sparring requests: asking a person or a network, and the answers — accept, decline, pass on,
withdraw, close with a note of the outcome. Every step is audited and written to the request's
history, and tells the other side (in their own language, once committed).

The limits protect the most-asked (their own and the organisation's limit of open requests,
a few requests a year for those who want that, nobody asked while paused) and everyone from a
flood (requests one person may send in a day)."""

from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.competences.models import (
    OPEN_STATUSES,
    CompetenceSettings,
    Profile,
    RequestEventKind,
    RequestStatus,
    SparringEvent,
    SparringRequest,
    Tag,
    TagStatus,
)
from netvaerk.competences.selectors import requests as selectors
from netvaerk.competences.selectors.settings import competence_settings
from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError, require, same_organisation
from netvaerk.core.mail import notify_persons
from netvaerk.networks.models import Network, NetworkStatus
from netvaerk.people.models import Person

SUBJECT_MAX = 150
QUESTION_MAX = 3000
NOTE_MAX = 1000


# --- helpers -------------------------------------------------------------------------------


def _require_person(actor: Actor) -> Person:
    if actor.person is None:
        raise ServiceError(_("Only a person of the organisation can ask for sparring."))
    return actor.person


def request_path(sparring: SparringRequest) -> str:
    return reverse(
        "competences:request",
        kwargs={"org": sparring.organisation.slug, "sparring_id": sparring.pk},
    )


def _text(value: str, *, field: str, maximum: int, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise ServiceError(_("Write something here."), field=field)
    if len(value) > maximum:
        raise ServiceError(
            _("Keep it to %(maximum)s characters.") % {"maximum": maximum}, field=field
        )
    return value


def _active_tags(actor: Actor, tags: Iterable[Tag]) -> list[Tag]:
    chosen = list(dict.fromkeys(tags))
    for tag in chosen:
        if tag.organisation_id != actor.organisation.pk or tag.status != TagStatus.ACTIVE:
            raise ServiceError(_("Choose competences from your organisation's list."), field="tags")
    return chosen


def _check_flood(person: Person, settings: CompetenceSettings) -> None:
    # The person's row is locked so that two requests sent at once are counted in turn.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    since = timezone.now() - selectors.DAY
    if selectors.sent_since(person=person, since=since) >= settings.requests_per_day:
        raise ServiceError(
            _(
                "You have sent as many requests as you can in one day (%(limit)s). "
                "Try again tomorrow."
            )
            % {"limit": settings.requests_per_day}
        )


def _check_recipient(profile: Profile, settings: CompetenceSettings) -> None:
    """Refuse a person who cannot be asked now; their profile row is locked so that two
    requests at once cannot both take their last free place."""
    locked = (
        Profile.objects.select_for_update(of=("self",)).select_related("person").get(pk=profile.pk)
    )
    refusal = selectors.recipient_refusal(profile=locked, settings=settings)
    if refusal:
        raise ServiceError(refusal)


def _event(
    sparring: SparringRequest,
    kind: str,
    *,
    by: Person | None,
    to: Person | None = None,
    note: str = "",
) -> SparringEvent:
    return SparringEvent.objects.create(
        organisation_id=sparring.organisation_id,
        request=sparring,
        kind=kind,
        by=by,
        to=to,
        note=note,
        at=timezone.now(),
    )


def _log(actor: Actor, verb: str, sparring: SparringRequest, **data: object) -> None:
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action=f"competences.request_{verb}",
        obj=sparring,
        data={"status": sparring.status, **data},
    )


def _notify(persons: Iterable[Person | None], template: str, sparring: SparringRequest) -> None:
    """Tell these people once the change is committed, never the one who made it."""
    to_tell = [person for person in dict.fromkeys(persons) if person is not None]
    if not to_tell:
        return
    path = request_path(sparring)
    transaction.on_commit(
        lambda: notify_persons(
            persons=to_tell,
            template=f"competences/emails/{template}",
            context={"sparring": sparring, "request_path": path},
            url=path,
        )
    )


def _others(actor: Actor, persons: Iterable[Person | None]) -> list[Person | None]:
    me = actor.person.pk if actor.person is not None else None
    return [person for person in persons if person is not None and person.pk != me]


def _locked(actor: Actor, sparring: SparringRequest) -> SparringRequest:
    same_organisation(actor, sparring)
    return (
        SparringRequest.objects.select_for_update(of=("self",))
        .select_related("requester", "recipient", "network", "organisation")
        .get(pk=sparring.pk)
    )


def _refuse_state(sparring: SparringRequest, step: str) -> ServiceError:
    """A refusal of a step ("answer", "withdraw" or "close") that the request's state no
    longer (or not yet) allows, saying why."""
    status = RequestStatus(sparring.status)
    if step == "answer":
        message = {
            RequestStatus.ACCEPTED: _("This request has already been accepted."),
            RequestStatus.DECLINED: _(
                "This request has been declined; it can no longer be answered."
            ),
            RequestStatus.WITHDRAWN: _(
                "This request has been withdrawn; it can no longer be answered."
            ),
            RequestStatus.CLOSED: _("This request has been closed; it can no longer be answered."),
        }.get(status)
    elif step == "withdraw":
        message = {
            RequestStatus.DECLINED: _(
                "This request has been declined; there is nothing to withdraw."
            ),
            RequestStatus.WITHDRAWN: _("This request has already been withdrawn."),
            RequestStatus.CLOSED: _("This request has been closed; there is nothing to withdraw."),
        }.get(status)
    else:
        message = {
            RequestStatus.OPEN: _(
                "This request has not been accepted yet, so it cannot be closed."
            ),
            RequestStatus.DECLINED: _("This request has been declined, so it cannot be closed."),
            RequestStatus.WITHDRAWN: _("This request has been withdrawn, so it cannot be closed."),
            RequestStatus.CLOSED: _("This request has already been closed."),
        }.get(status)
    return ServiceError(message or _("This request cannot be changed that way now."))


# --- asking --------------------------------------------------------------------------------


@transaction.atomic
def sparring_request_ask_person(
    *,
    actor: Actor,
    profile: Profile,
    subject: str,
    question: str,
    tags: Iterable[Tag] = (),
) -> SparringRequest:
    """Ask one person, whose profile the asker may see, for sparring."""
    asker = _require_person(actor)
    same_organisation(actor, profile)
    if profile.person_id == asker.pk:
        raise ServiceError(_("You cannot ask yourself for sparring."))
    require(
        actor,
        "competences.ask_person",
        profile,
        _("You cannot ask this person for sparring."),
    )
    subject = _text(subject, field="subject", maximum=SUBJECT_MAX)
    question = _text(question, field="question", maximum=QUESTION_MAX)
    chosen = _active_tags(actor, tags)
    settings = competence_settings(actor.organisation)
    _check_flood(asker, settings)
    recipient = profile.person
    if selectors.has_open_request(requester=asker, recipient=recipient):
        raise ServiceError(
            _(
                "You have already asked %(name)s, and that request is still open. "
                "Wait for the answer, or withdraw it first."
            )
            % {"name": recipient.name}
        )
    _check_recipient(profile, settings)
    sparring = SparringRequest.objects.create(
        organisation=actor.organisation,
        requester=asker,
        recipient=recipient,
        subject=subject,
        question=question,
        status=RequestStatus.OPEN,
        created_at=timezone.now(),
    )
    sparring.tags.set(chosen)
    _event(sparring, RequestEventKind.ASKED, by=asker, to=recipient)
    _log(actor, "asked", sparring, recipient=recipient.pk)
    _notify([recipient], "request_new", sparring)
    return sparring


@transaction.atomic
def sparring_request_ask_network(
    *,
    actor: Actor,
    network: Network,
    subject: str,
    question: str,
    tags: Iterable[Tag] = (),
) -> SparringRequest:
    """Ask a network: its chair, coordination group and coordinator find someone."""
    asker = _require_person(actor)
    same_organisation(actor, network)
    if network.status != NetworkStatus.ACTIVE:
        raise ServiceError(
            _("%(network)s is not active, so it cannot be asked for sparring.")
            % {"network": network.name}
        )
    require(
        actor,
        "competences.ask_network",
        network,
        _("You cannot ask this network for sparring."),
    )
    subject = _text(subject, field="subject", maximum=SUBJECT_MAX)
    question = _text(question, field="question", maximum=QUESTION_MAX)
    chosen = _active_tags(actor, tags)
    settings = competence_settings(actor.organisation)
    _check_flood(asker, settings)
    sparring = SparringRequest.objects.create(
        organisation=actor.organisation,
        requester=asker,
        network=network,
        subject=subject,
        question=question,
        status=RequestStatus.OPEN,
        created_at=timezone.now(),
    )
    sparring.tags.set(chosen)
    _event(sparring, RequestEventKind.ASKED, by=asker)
    _log(actor, "asked", sparring, network=network.pk)
    _notify(_others(actor, selectors.network_leads(network=network)), "request_network", sparring)
    return sparring


# --- answering -----------------------------------------------------------------------------


@transaction.atomic
def sparring_request_accept(
    *, actor: Actor, request: SparringRequest, note: str = ""
) -> SparringRequest:
    """The person asked says yes; from now on each side sees the other's contact details."""
    sparring = _locked(actor, request)
    require(
        actor,
        "competences.answer_request",
        sparring,
        _("Only the person asked can accept this request."),
    )
    if sparring.status != RequestStatus.OPEN:
        raise _refuse_state(sparring, "answer")
    note = _text(note, field="note", maximum=NOTE_MAX, required=False)
    sparring.status = RequestStatus.ACCEPTED
    sparring.answered_at = timezone.now()
    sparring.save(update_fields=["status", "answered_at"])
    _event(sparring, RequestEventKind.ACCEPTED, by=actor.person, note=note)
    _log(actor, "accepted", sparring)
    _notify([sparring.requester], "request_accepted", sparring)
    return sparring


@transaction.atomic
def sparring_request_decline(*, actor: Actor, request: SparringRequest) -> SparringRequest:
    """The person asked says no, with no reason needed. A request that came through a network
    goes back to the network's queue for someone else; one waiting in the queue is declined
    for the network by someone who runs it, when nobody there can help."""
    sparring = _locked(actor, request)
    in_queue = sparring.recipient_id is None and sparring.network_id is not None
    require(
        actor,
        "competences.assign_request" if in_queue else "competences.answer_request",
        sparring,
        _("Only the person asked can decline this request.")
        if not in_queue
        else _("Only those who run the network can decline a request waiting in its queue."),
    )
    if sparring.status != RequestStatus.OPEN:
        raise _refuse_state(sparring, "answer")
    if sparring.network_id is not None and not in_queue:
        sparring.recipient = None
        sparring.save(update_fields=["recipient"])
        _event(sparring, RequestEventKind.RETURNED, by=actor.person)
        _log(actor, "returned", sparring)
        _notify([sparring.requester], "request_returned", sparring)
        assert sparring.network is not None
        _notify(
            _others(actor, selectors.network_leads(network=sparring.network)),
            "request_returned_network",
            sparring,
        )
        return sparring
    sparring.status = RequestStatus.DECLINED
    sparring.answered_at = timezone.now()
    sparring.save(update_fields=["status", "answered_at"])
    _event(sparring, RequestEventKind.DECLINED, by=actor.person)
    _log(actor, "declined", sparring)
    _notify([sparring.requester], "request_declined", sparring)
    return sparring


@transaction.atomic
def sparring_request_pass_on(
    *, actor: Actor, request: SparringRequest, to_profile: Profile, note: str = ""
) -> SparringRequest:
    """The person asked passes the request on to someone else; or someone running the network
    it was sent to gives a waiting request to a person (themselves included)."""
    sparring = _locked(actor, request)
    me = _require_person(actor)
    is_recipient = sparring.recipient_id == me.pk
    runs_queue = (
        sparring.recipient_id is None
        and sparring.network_id is not None
        and actor.can("competences.assign_request", sparring)
    )
    if not (is_recipient or runs_queue):
        if sparring.recipient_id is not None and actor.can("competences.assign_request", sparring):
            raise ServiceError(
                _("This request is already with %(name)s.")
                % {"name": sparring.recipient.name if sparring.recipient else ""}
            )
        raise ServiceError(_("Only the person asked can pass this request on."))
    if sparring.status != RequestStatus.OPEN:
        raise _refuse_state(sparring, "answer")
    same_organisation(actor, to_profile)
    new_recipient = to_profile.person
    if new_recipient.pk == sparring.requester_id:
        raise ServiceError(
            _("You cannot pass a request on to the person who asked it."), field="to_profile"
        )
    if is_recipient and new_recipient.pk == me.pk:
        raise ServiceError(_("This request is already with you."), field="to_profile")
    if not actor.can("competences.view_profile", to_profile):
        raise ServiceError(_("Choose a person whose profile you can see."), field="to_profile")
    note = _text(note, field="note", maximum=NOTE_MAX, required=False)
    settings = competence_settings(actor.organisation)
    try:
        _check_recipient(to_profile, settings)
    except ServiceError as error:
        raise ServiceError(error.message, field="to_profile") from None
    sparring.recipient = new_recipient
    sparring.save(update_fields=["recipient"])
    _event(sparring, RequestEventKind.PASSED_ON, by=me, to=new_recipient, note=note)
    _log(actor, "passed_on", sparring, recipient=new_recipient.pk)
    _notify(_others(actor, [new_recipient]), "request_passed", sparring)
    _notify(_others(actor, [sparring.requester]), "request_passed_asker", sparring)
    return sparring


# --- ending --------------------------------------------------------------------------------


def _other_side(actor: Actor, sparring: SparringRequest) -> list[Person | None]:
    """Whom a withdrawal or a close concerns besides the actor: the other party, or for a
    request still waiting in a network's queue, those who run the network."""
    if sparring.recipient is None and sparring.network is not None:
        return _others(actor, selectors.network_leads(network=sparring.network))
    return _others(actor, [sparring.requester, sparring.recipient])


@transaction.atomic
def sparring_request_withdraw(*, actor: Actor, request: SparringRequest) -> SparringRequest:
    """The asker takes the request back while it is open or under way."""
    sparring = _locked(actor, request)
    require(
        actor,
        "competences.withdraw_request",
        sparring,
        _("Only the person who asked can withdraw this request."),
    )
    if sparring.status not in OPEN_STATUSES:
        raise _refuse_state(sparring, "withdraw")
    to_tell = _other_side(actor, sparring)
    sparring.status = RequestStatus.WITHDRAWN
    sparring.closed_at = timezone.now()
    sparring.save(update_fields=["status", "closed_at"])
    _event(sparring, RequestEventKind.WITHDRAWN, by=actor.person)
    _log(actor, "withdrawn", sparring)
    _notify(to_tell, "request_withdrawn", sparring)
    return sparring


@transaction.atomic
def sparring_request_close(
    *, actor: Actor, request: SparringRequest, outcome: str
) -> SparringRequest:
    """Either side closes an accepted request with a short note of how it went."""
    sparring = _locked(actor, request)
    require(
        actor,
        "competences.close_request",
        sparring,
        _("Only the person who asked or the person asked can close this request."),
    )
    if sparring.status != RequestStatus.ACCEPTED:
        raise _refuse_state(sparring, "close")
    outcome = _text(outcome, field="outcome", maximum=NOTE_MAX)
    sparring.status = RequestStatus.CLOSED
    sparring.closed_at = timezone.now()
    sparring.outcome = outcome
    sparring.save(update_fields=["status", "closed_at", "outcome"])
    _event(sparring, RequestEventKind.CLOSED, by=actor.person, note=outcome)
    _log(actor, "closed", sparring)
    _notify(_other_side(actor, sparring), "request_closed", sparring)
    return sparring
