"""The access log for the data-protection role (search, one entry's persons, exports of the
log) and a person's own "who has seen my data"."""

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from netvaerk.core.access import Actor, ensure, org_view
from netvaerk.core.audit import log_action
from netvaerk.core.exports import csv_response, xlsx_response
from netvaerk.core.http import HttpRequest
from netvaerk.core.selectors import paginate
from netvaerk.privacy.access import record_access
from netvaerk.privacy.forms_access import AccessLogSearchForm
from netvaerk.privacy.models import AccessEntry, AccessKind
from netvaerk.privacy.selectors import access as selectors

VIEW_LOG = "privacy.view_access_log"


def _search(request: HttpRequest, actor: Actor) -> tuple[AccessLogSearchForm, Any]:
    """The form and the entries it finds (None when the form has errors). A search for a
    person is itself an access to their data and is recorded as one."""
    form = AccessLogSearchForm(request.GET)
    if not form.is_valid():
        return form, None
    filters = form.filters()
    person_ids = None
    if filters.person.strip():
        person_ids = selectors.matching_persons(
            organisation=actor.organisation, text=filters.person
        )
        if len(person_ids) > selectors.PERSON_MATCH_LIMIT:
            person_ids = person_ids[: selectors.PERSON_MATCH_LIMIT]
            messages.warning(
                request,
                _(
                    "More than %(limit)d persons match; only the first %(limit)d were "
                    "searched for. Use a longer name or a member number."
                )
                % {"limit": selectors.PERSON_MATCH_LIMIT},
            )
        record_access(
            actor=actor,
            request=request,
            kind=AccessKind.SEARCH,
            person_ids=person_ids,
            subject=_("A search of the access log"),
        )
    entries = selectors.access_log(
        organisation=actor.organisation, filters=filters, person_ids=person_ids
    )
    return form, entries


@require_GET
@org_view
def log_index(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, VIEW_LOG)
    form, entries = _search(request, actor)
    page = None
    if entries is not None:
        page = paginate(entries, page=request.GET.get("page"), per_page=selectors.LOG_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "kinds": dict(AccessKind.choices),
    }
    return render(
        request, "privacy/access_log.html", context, status=200 if page is not None else 400
    )


@require_GET
@org_view
def log_entry(request: HttpRequest, actor: Actor, entry_id: int) -> HttpResponse:
    ensure(actor, VIEW_LOG)
    entry = get_object_or_404(
        AccessEntry.objects.select_related("viewer_person"),
        organisation=actor.organisation,
        pk=entry_id,
    )
    page = paginate(
        selectors.entry_persons(entry=entry),
        page=request.GET.get("page"),
        per_page=selectors.PERSONS_PAGE_SIZE,
    )
    # The names of the persons seen are personal data too: looking at them is an access.
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.LIST,
        person_ids=[row.person_id for row in page.object_list],
        subject=_("Persons seen in access log entry %(number)d") % {"number": entry.pk},
    )
    context = {"entry": entry, "page": page, "kinds": dict(AccessKind.choices)}
    return render(request, "privacy/access_entry.html", context)


def _viewer(entry: AccessEntry) -> str:
    if entry.viewer_person is None:
        return _("A person since erased")
    return entry.viewer_person.name


def _export_header() -> list[str]:
    return [
        _("When"),
        _("Who"),
        _("Kind"),
        _("Page"),
        _("About"),
        _("Address"),
        _("Persons"),
    ]


def _export_rows(entries: Any) -> Iterator[list[Any]]:
    kinds = dict(AccessKind.choices)
    for entry in entries.iterator(chunk_size=1000):
        yield [
            timezone.localtime(entry.at).replace(tzinfo=None),
            _viewer(entry),
            str(kinds.get(entry.kind, entry.kind)),
            entry.view_name,
            entry.subject,
            entry.path,
            entry.person_count,
        ]


def _export(request: HttpRequest, actor: Actor, file_format: str) -> Any:
    ensure(actor, VIEW_LOG)
    form, entries = _search(request, actor)
    if entries is None:
        # A search the form cannot read exports nothing rather than the whole log.
        return None
    log_action(
        actor=actor,
        organisation=actor.organisation,
        action="privacy.access_log_exported",
        data={
            "format": file_format,
            "filters": {
                key: str(value)
                for key, value in form.cleaned_data.items()
                if value not in ("", None)
            },
        },
        read=True,
    )
    return entries


def _filename(extension: str) -> str:
    return f"{_('access-log')}-{timezone.localdate().isoformat()}.{extension}"


def _refused(request: HttpRequest) -> HttpResponse:
    form = AccessLogSearchForm(request.GET)
    form.is_valid()
    context = {"form": form, "page": None, "query": "", "kinds": dict(AccessKind.choices)}
    return render(request, "privacy/access_log.html", context, status=400)


@require_GET
@org_view
def log_csv(request: HttpRequest, actor: Actor) -> HttpResponse | StreamingHttpResponse:
    entries = _export(request, actor, "csv")
    if entries is None:
        return _refused(request)
    return csv_response(_filename("csv"), _export_header(), _export_rows(entries))


@require_GET
@org_view
def log_xlsx(request: HttpRequest, actor: Actor) -> HttpResponse:
    entries = _export(request, actor, "xlsx")
    if entries is None:
        return _refused(request)
    return xlsx_response(
        _filename("xlsx"), _("Access log"), _export_header(), _export_rows(entries)
    )


@require_GET
@org_view
def seen_by(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "privacy.own_data")
    assert actor.person is not None
    page = paginate(
        selectors.seen_by(person=actor.person),
        page=request.GET.get("page"),
        per_page=selectors.SEEN_BY_PAGE_SIZE,
    )
    roles = selectors.viewer_roles(page.object_list)
    rows = [
        {
            "entry": entry,
            "roles": roles.get(entry.viewer_person_id, []) if entry.viewer_person_id else [],
        }
        for entry in page.object_list
    ]
    context = {"page": page, "rows": rows, "kinds": dict(AccessKind.choices)}
    return render(request, "privacy/access_seen_by.html", context)
