"""Writes of the recruitment pipeline: where a network's work to recruit from a branch stands,
who is on it, the next step, and notes. The entry is made on first use; every write is
audited; moving to another stage leaves a note carrying the new stage, so the notes are the
entry's history."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor, today
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.networks.models import Network
from netvaerk.organisations.models import Branch
from netvaerk.people.models import Person
from netvaerk.reach.models import RecruitmentEntry, RecruitmentNote, RecruitmentStage
from netvaerk.reach.selectors.recruitment import eligible_owners

NOTE_MAX = 5000
NEXT_STEP_MAX = 300


def _check_branch(network: Network, branch: Branch) -> None:
    if branch.organisation_id != network.organisation_id:
        raise ServiceError(_("This branch belongs to another organisation."))


def _check_note(note: str, field: str) -> str:
    note = note.replace("\x00", "").strip()
    if len(note) > NOTE_MAX:
        raise ServiceError(
            _("A note can be at most %(max)d characters long; this one has %(length)d.")
            % {"max": NOTE_MAX, "length": len(note)},
            field=field,
        )
    return note


def _entry_for_update(network: Network, branch: Branch) -> tuple[RecruitmentEntry, bool]:
    """The entry, locked; made (with the default stage) when nobody has worked on it yet."""
    entry = (
        RecruitmentEntry.objects.select_for_update().filter(network=network, branch=branch).first()
    )
    if entry is not None:
        return entry, False
    now = timezone.now()
    entry = RecruitmentEntry.objects.create(
        organisation_id=network.organisation_id,
        network=network,
        branch=branch,
        created_at=now,
        updated_at=now,
        stage_changed_at=now,
    )
    return entry, True


@transaction.atomic
def recruitment_entry_update(
    *,
    actor: Actor,
    network: Network,
    branch: Branch,
    stage: str,
    owner: Person | None,
    next_step: str,
    next_step_on: datetime.date | None,
    note: str = "",
) -> RecruitmentEntry:
    """Set the branch's stage, who is on it and the next step (making the entry on first
    use). A new stage is recorded as a note carrying it, with `note` as its text; a note
    without a new stage is added as it is."""
    _check_branch(network, branch)
    if stage not in RecruitmentStage.values:
        raise ServiceError(_("Choose one of the stages offered."), field="stage")
    if (
        owner is not None
        and not eligible_owners(network=network, today=today()).filter(pk=owner.pk).exists()
    ):
        raise ServiceError(
            _(
                "%(person)s cannot be put on it: choose the network's chair, someone of its "
                "coordination group, its coordinator or someone of the office."
            )
            % {"person": owner.name},
            field="owner",
        )
    next_step = next_step.replace("\x00", "").strip()
    if len(next_step) > NEXT_STEP_MAX:
        raise ServiceError(
            _("The next step can be at most %(max)d characters long.") % {"max": NEXT_STEP_MAX},
            field="next_step",
        )
    if next_step_on is not None and not isinstance(next_step_on, datetime.date):
        raise ServiceError(_("Enter a valid date."), field="next_step_on")
    note = _check_note(note, "note")

    entry, created = _entry_for_update(network, branch)
    now = timezone.now()
    old = {
        "stage": entry.stage,
        "owner": entry.owner_id,
        "next_step": entry.next_step,
        "next_step_on": entry.next_step_on,
    }
    new = {
        "stage": stage,
        "owner": owner.pk if owner else None,
        "next_step": next_step,
        "next_step_on": next_step_on,
    }
    changed = [key for key in new if old[key] != new[key]]
    stage_changed = "stage" in changed
    if changed:
        entry.stage = stage
        entry.owner = owner
        entry.next_step = next_step
        entry.next_step_on = next_step_on
        entry.updated_at = now
        fields = ["stage", "owner", "next_step", "next_step_on", "updated_at"]
        if stage_changed:
            entry.stage_changed_at = now
            fields.append("stage_changed_at")
        entry.save(update_fields=fields)
    if stage_changed or note:
        RecruitmentNote.objects.create(
            organisation_id=network.organisation_id,
            entry=entry,
            text=note,
            stage=stage if stage_changed else "",
            author=actor.person,
            created_at=now,
        )
    if created or changed or note:
        log_action(
            actor=actor,
            organisation=network.organisation,
            action="reach.recruitment_entry_created"
            if created
            else "reach.recruitment_entry_updated",
            obj=entry,
            data={
                "network": network.slug,
                "branch": branch.slug,
                "changed": {
                    key: {"from": _plain(old[key]), "to": _plain(new[key])} for key in changed
                },
                "note": bool(note),
            },
        )
    return entry


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime.date) else value


@transaction.atomic
def recruitment_note_add(
    *, actor: Actor, network: Network, branch: Branch, text: str
) -> RecruitmentNote:
    """Add a note to the branch's entry (making the entry on first use)."""
    _check_branch(network, branch)
    text = _check_note(text, "text")
    if not text:
        raise ServiceError(_("Write the note first."), field="text")
    entry, created = _entry_for_update(network, branch)
    now = timezone.now()
    note = RecruitmentNote.objects.create(
        organisation_id=network.organisation_id,
        entry=entry,
        text=text,
        author=actor.person,
        created_at=now,
    )
    entry.updated_at = now
    entry.save(update_fields=["updated_at"])
    log_action(
        actor=actor,
        organisation=network.organisation,
        action="reach.recruitment_note_added",
        obj=entry,
        data={"network": network.slug, "branch": branch.slug, "note": note.pk, "created": created},
    )
    return note
