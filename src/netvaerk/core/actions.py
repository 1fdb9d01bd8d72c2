"""The form action every view shares: run a service on valid input and go on, show a field's
problem on the form again, say a refusal about the state of things as a message."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from netvaerk.core.errors import ServiceError


def form_error(form: Any, error: ServiceError) -> None:
    """A service's refusal on the form: on its field where the form has one, else above it."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def form_action(
    request: HttpRequest,
    form: Any,
    do: Callable[[dict[str, Any]], Any],
    *,
    done: Callable[[Any], str] | str,
    then: Callable[[Any], str] | str,
    again: Callable[[], HttpResponse],
    refused_to: str | None = None,
) -> HttpResponse:
    """One form's action: run the service on valid input and say `done`, going on to `then`
    (an address, or one made from the service's result); a field's problem shows on the form
    again (`again`, with status 400); a refusal about the state of things is said as a message
    on `refused_to` (by default `then`), the page as it now is."""
    if refused_to is None:
        if callable(then):
            raise TypeError("form_action needs refused_to where then is made from the result.")
        refused_to = then
    if form.is_valid():
        try:
            result = do(form.cleaned_data)
        except ServiceError as error:
            if error.field is None:
                messages.error(request, error.message)
                return redirect(refused_to)
            form_error(form, error)
        else:
            messages.success(request, done(result) if callable(done) else done)
            return redirect(then(result) if callable(then) else then)
    return again()
