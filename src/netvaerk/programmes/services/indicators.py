"""Indicators on goals and sub-goals, and their measured values.

An indicator is entered by hand or computed from live data (network reach, network members,
branches that accepted focused support, people who came to the workshop series); a computed
one is measured in its source's unit. Values are read from what people type, Danish ("33,4")
or plain ("33.4"), and must fit the unit: per cent 0–100, a number a whole number of 0 or
more, kroner 0 or more, yes/no 1 or 0. A day holds one value: a second one for the same day
is refused unless the person confirms that it replaces the first."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from netvaerk.core.access import Actor
from netvaerk.core.audit import log_action
from netvaerk.core.errors import ServiceError
from netvaerk.networks.models import Network
from netvaerk.programmes.models import (
    SOURCE_UNIT,
    Goal,
    GoalLevel,
    Indicator,
    IndicatorDirection,
    IndicatorSource,
    IndicatorUnit,
    IndicatorValue,
)
from netvaerk.programmes.selectors.indicators import (
    NETWORK_SOURCES,
    format_value,
    live_values,
    measured_network_id,
)

MAX_VALUE = Decimal("999999999999")
TWO_PLACES = Decimal("0.01")
_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_SUFFIX = re.compile(r"(%|dkk|kr\.?|,-)$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_YES = {"1", "yes", "ja", "y", "j", "true"}
_NO = {"0", "no", "nej", "n", "false"}


def _unit_message(unit: str) -> str:
    if unit == IndicatorUnit.PERCENT:
        return _("A value in per cent is a number from 0 to 100, for example 33,4.")
    if unit == IndicatorUnit.COUNT:
        return _("This indicator counts: write a whole number of 0 or more, for example 12.")
    if unit == IndicatorUnit.DKK:
        return _("Write an amount in kroner of 0 or more, for example 12.500,50.")
    return _("This indicator is yes or no: write 1 (yes) or 0 (no).")


def parse_value(text: str | Decimal | int, unit: str, *, field: str = "value") -> Decimal:
    """A value of the unit, read from what was typed; a clear refusal if it does not fit."""
    message = _unit_message(unit)
    if isinstance(text, Decimal | int):
        number = Decimal(text)
    else:
        raw = _SPACES.sub("", str(text)).strip()
        if unit == IndicatorUnit.YESNO and raw.lower() in _YES | _NO:
            return Decimal(1 if raw.lower() in _YES else 0)
        raw = _SUFFIX.sub("", raw.lower())
        if not raw:
            raise ServiceError(message, field=field)
        if "," in raw and "." in raw:
            decimal_mark = "," if raw.rfind(",") > raw.rfind(".") else "."
            raw = raw.replace("." if decimal_mark == "," else ",", "").replace(",", ".")
        elif "," in raw:
            if raw.count(",") > 1:
                raise ServiceError(message, field=field)
            raw = raw.replace(",", ".")
        elif _THOUSANDS.match(raw) and unit in (IndicatorUnit.COUNT, IndicatorUnit.DKK):
            raw = raw.replace(".", "")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise ServiceError(message, field=field) from None
    if not number.is_finite() or number < 0 or number > MAX_VALUE:
        raise ServiceError(message, field=field)
    if unit == IndicatorUnit.PERCENT and number > 100:
        raise ServiceError(message, field=field)
    if unit == IndicatorUnit.COUNT and number != number.to_integral_value():
        raise ServiceError(message, field=field)
    if unit == IndicatorUnit.YESNO and number not in (0, 1):
        raise ServiceError(message, field=field)
    if number != number.quantize(TWO_PLACES):
        raise ServiceError(_("Write the value with at most two decimals."), field=field)
    return number.quantize(TWO_PLACES)


def _refuse_unless_runs(actor: Actor, indicator_or_goal: Indicator | Goal) -> None:
    goal = indicator_or_goal if isinstance(indicator_or_goal, Goal) else indicator_or_goal.goal
    if not actor.can("programmes.edit", goal.programme):
        raise ServiceError(_("You may not change this programme's indicators."))


def _check(
    actor: Actor,
    *,
    goal: Goal,
    name: str,
    unit: str,
    target: str | Decimal,
    direction: str,
    baseline: str | Decimal | None,
    source: str,
    network: Network | None,
) -> tuple[str, Decimal, Decimal | None]:
    if goal.level == GoalLevel.PURPOSE:
        raise ServiceError(
            _("Indicators belong to goals and sub-goals; add a goal under the purpose first.")
        )
    name = name.strip()
    if not name:
        raise ServiceError(_("Give the indicator a name."), field="name")
    if unit not in IndicatorUnit.values:
        raise ServiceError(_("Choose one of the units offered."), field="unit")
    if source not in IndicatorSource.values:
        raise ServiceError(_("Choose how the indicator is measured."), field="source")
    if direction not in IndicatorDirection.values:
        raise ServiceError(_("Choose when the target is met."), field="direction")
    if source != IndicatorSource.MANUAL and unit != SOURCE_UNIT[IndicatorSource(source)]:
        raise ServiceError(
            _("“%(source)s” is measured in this unit: %(unit)s. Choose that unit.")
            % {
                "source": IndicatorSource(source).label,
                "unit": IndicatorUnit(SOURCE_UNIT[IndicatorSource(source)]).label,
            },
            field="unit",
        )
    if network is not None and network.organisation_id != actor.organisation.pk:
        raise ServiceError(_("Choose one of the organisation's networks."), field="network")
    if source in NETWORK_SOURCES and network is None and goal.programme.network_id is None:
        raise ServiceError(
            _("Choose the network to measure: the programme works with no network."),
            field="network",
        )
    target_value = parse_value(target, unit, field="target")
    baseline_value = (
        None
        if baseline is None or str(baseline).strip() == ""
        else parse_value(baseline, unit, field="baseline")
    )
    return name, target_value, baseline_value


@transaction.atomic
def indicator_create(
    *,
    actor: Actor,
    goal: Goal,
    name: str,
    unit: str,
    target: str | Decimal,
    direction: str = IndicatorDirection.AT_LEAST,
    target_date: datetime.date | None = None,
    baseline: str | Decimal | None = None,
    source: str = IndicatorSource.MANUAL,
    network: Network | None = None,
) -> Indicator:
    _refuse_unless_runs(actor, goal)
    name, target_value, baseline_value = _check(
        actor,
        goal=goal,
        name=name,
        unit=unit,
        target=target,
        direction=direction,
        baseline=baseline,
        source=source,
        network=network,
    )
    last = goal.indicators.aggregate(m=Max("position"))["m"]
    indicator = Indicator.objects.create(
        organisation=goal.organisation,
        goal=goal,
        name=name,
        unit=unit,
        target=target_value,
        direction=direction,
        target_date=target_date,
        baseline=baseline_value,
        source=source,
        network=network if source in NETWORK_SOURCES else None,
        position=(last or 0) + 1,
    )
    log_action(
        actor=actor,
        organisation=goal.organisation,
        action="programmes.indicator_create",
        obj=indicator,
        data={"goal": goal.pk, "unit": unit, "source": source, "target": str(target_value)},
    )
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor: Actor,
    indicator: Indicator,
    name: str,
    unit: str,
    target: str | Decimal,
    direction: str,
    target_date: datetime.date | None,
    baseline: str | Decimal | None,
    source: str,
    network: Network | None,
) -> Indicator:
    _refuse_unless_runs(actor, indicator)
    name, target_value, baseline_value = _check(
        actor,
        goal=indicator.goal,
        name=name,
        unit=unit,
        target=target,
        direction=direction,
        baseline=baseline,
        source=source,
        network=network,
    )
    if unit != indicator.unit and indicator.values.exists():
        raise ServiceError(
            _(
                "The indicator already has measured values in %(unit)s; its unit cannot "
                "change. Delete the values first, or add a new indicator."
            )
            % {"unit": IndicatorUnit(indicator.unit).label},
            field="unit",
        )
    indicator.name = name
    indicator.unit = unit
    indicator.target = target_value
    indicator.direction = direction
    indicator.target_date = target_date
    indicator.baseline = baseline_value
    indicator.source = source
    indicator.network = network if source in NETWORK_SOURCES else None
    indicator.save(
        update_fields=[
            "name",
            "unit",
            "target",
            "direction",
            "target_date",
            "baseline",
            "source",
            "network",
        ]
    )
    log_action(
        actor=actor,
        organisation=indicator.organisation,
        action="programmes.indicator_update",
        obj=indicator,
        data={"unit": unit, "source": source, "target": str(target_value)},
    )
    return indicator


@transaction.atomic
def indicator_delete(*, actor: Actor, indicator: Indicator) -> None:
    _refuse_unless_runs(actor, indicator)
    log_action(
        actor=actor,
        organisation=indicator.organisation,
        action="programmes.indicator_delete",
        obj=indicator,
        data={"name": indicator.name, "values": indicator.values.count()},
    )
    indicator.delete()


def _check_day(measured_on: datetime.date, today: datetime.date) -> None:
    if measured_on > today:
        raise ServiceError(
            _("A value cannot be measured in the future; choose today or an earlier day."),
            field="measured_on",
        )


@transaction.atomic
def value_add(
    *,
    actor: Actor,
    indicator: Indicator,
    measured_on: datetime.date,
    value: str | Decimal,
    note: str = "",
    replace: bool = False,
    today: datetime.date | None = None,
) -> IndicatorValue:
    """Records a value entered by hand. A day that already has a value keeps it unless
    `replace` confirms that the new value replaces it."""
    _refuse_unless_runs(actor, indicator)
    if indicator.source != IndicatorSource.MANUAL:
        raise ServiceError(
            _("This indicator is computed from live data: record today's value instead.")
        )
    number = parse_value(value, indicator.unit)
    _check_day(measured_on, today or timezone.localdate())
    # Lock the indicator so that two values for the same day cannot race.
    Indicator.objects.select_for_update().filter(pk=indicator.pk).first()
    existing = IndicatorValue.objects.filter(indicator=indicator, measured_on=measured_on).first()
    if existing is not None and not replace:
        raise ServiceError(
            _(
                "There is already a value for %(day)s (%(value)s). Tick “Replace the value "
                "of that day” to replace it."
            )
            % {
                "day": formats.date_format(measured_on, "DATE_FORMAT"),
                "value": format_value(indicator.unit, existing.value),
            },
            field="replace",
        )
    if existing is not None:
        old = existing.value
        existing.value = number
        existing.note = note.strip()
        existing.recorded_by = actor.person
        existing.recorded_at = timezone.now()
        existing.save(update_fields=["value", "note", "recorded_by", "recorded_at"])
        record = existing
        data = {"day": measured_on.isoformat(), "value": str(number), "replaced": str(old)}
    else:
        record = IndicatorValue.objects.create(
            organisation=indicator.organisation,
            indicator=indicator,
            measured_on=measured_on,
            value=number,
            note=note.strip(),
            recorded_by=actor.person,
        )
        data = {"day": measured_on.isoformat(), "value": str(number)}
    log_action(
        actor=actor,
        organisation=indicator.organisation,
        action="programmes.value_add",
        obj=indicator,
        data=data,
    )
    return record


@transaction.atomic
def value_delete(*, actor: Actor, value: IndicatorValue) -> None:
    indicator = value.indicator
    _refuse_unless_runs(actor, indicator)
    log_action(
        actor=actor,
        organisation=indicator.organisation,
        action="programmes.value_delete",
        obj=indicator,
        data={"day": value.measured_on.isoformat(), "value": str(value.value)},
    )
    value.delete()


@transaction.atomic
def indicator_record_computed(
    *, actor: Actor, indicator: Indicator, today: datetime.date | None = None
) -> IndicatorValue:
    """Records today's live value of a computed indicator, so that its history survives a
    change to how the live figure is counted. Recording again the same day updates it."""
    _refuse_unless_runs(actor, indicator)
    if indicator.source == IndicatorSource.MANUAL:
        raise ServiceError(_("This indicator is entered by hand: add its value instead."))
    programme = indicator.goal.programme
    if indicator.source in NETWORK_SOURCES and measured_network_id(indicator, programme) is None:
        raise ServiceError(_("The indicator measures no network; choose one first."))
    day = today or timezone.localdate()
    value, _measured = live_values(programme, [indicator])[indicator.pk]
    if value is None:
        raise ServiceError(
            _("There is no live figure to record yet: the reach figures have not been counted.")
        )
    record, _created = IndicatorValue.objects.update_or_create(
        indicator=indicator,
        measured_on=day,
        defaults={
            "organisation": indicator.organisation,
            "value": value,
            "note": _("Recorded from live data."),
            "recorded_by": actor.person,
            "recorded_at": timezone.now(),
        },
    )
    log_action(
        actor=actor,
        organisation=indicator.organisation,
        action="programmes.value_record",
        obj=indicator,
        data={"day": day.isoformat(), "value": str(value), "source": indicator.source},
    )
    return record
