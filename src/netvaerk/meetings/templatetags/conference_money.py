"""Amounts in DKK as people read them: "12.500,00 kr." in Danish, "DKK 12,500.00" in English."""

from decimal import Decimal

from django import template
from django.utils import translation

from netvaerk.meetings.services.conference import format_dkk

register = template.Library()


@register.filter
def dkk(amount: Decimal | int | float | None) -> str:
    return format_dkk(amount, translation.get_language() or "da")
