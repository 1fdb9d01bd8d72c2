from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netvaerk.core.access import Actor, ensure, org_view, today
from netvaerk.core.errors import ServiceError
from netvaerk.core.http import HttpRequest
from netvaerk.core.pagecache import public_page
from netvaerk.core.selectors import paginate
from netvaerk.networks import selectors, services
from netvaerk.networks.access import (
    access_mandate,
    access_membership,
    access_network,
    access_network_for,
)
from netvaerk.networks.forms import (
    AddMemberForm,
    ContactSharingForm,
    DirectoryFilterForm,
    EndMandateForm,
    LeaveForm,
    MandateForm,
    MemberActionForm,
    NetworkForm,
    RequestMessageForm,
)
from netvaerk.networks.models import (
    LEAD_ROLES,
    Membership,
    MembershipRole,
    MembershipStatus,
    Network,
    NetworkKind,
    NetworkStatus,
)
from netvaerk.privacy.access import record_access
from netvaerk.privacy.models import AccessKind


def _detail_url(network: Network) -> str:
    return reverse(
        "networks:detail", kwargs={"org": network.organisation.slug, "network": network.slug}
    )


@require_GET
@public_page
@org_view
def directory(request: HttpRequest, actor: Actor) -> HttpResponse:
    form = DirectoryFilterForm(request.GET, organisation=actor.organisation)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    region = data.get("region")
    networks = selectors.network_directory(
        organisation=actor.organisation,
        q=data.get("q", ""),
        region_id=region.pk if region else None,
        kind=data.get("kind", ""),
    )
    page = paginate(networks, page=request.GET.get("page"), per_page=selectors.DIRECTORY_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_create": actor.can("networks.create"),
        "can_view_proposals": actor.can("networks.view_proposals"),
    }
    template = "networks/directory.html"
    if request.htmx and request.htmx.target == "directory-results":
        template += "#results"
    return render(request, template, context)


@require_GET
@public_page
@org_view
def network_detail(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network(actor, network, for_page=True)
    membership = selectors.open_membership(network=net, person=actor.person)
    can_view_requests = actor.can("governance.view_network_requests", net)
    context = {
        "network": net,
        "membership": membership,
        "chair": net.chair_memberships[0] if net.chair_memberships else None,  # type: ignore[attr-defined]
        "mandate": selectors.current_mandate(network=net, today=today()),
        "can_view_members": actor.can("networks.view_members", net),
        "can_edit": actor.can("networks.edit", net),
        "can_appoint": actor.can("networks.appoint_coordinator", net),
        "can_join": actor.can("networks.join", net),
        "request_form": RequestMessageForm(),
        "sharing_form": ContactSharingForm(
            initial={"share": membership.share_contact_with_leads if membership else False}
        ),
        "pending_count": (
            selectors.pending_request_count(network=net)
            if actor.can("networks.manage_members", net)
            else 0
        ),
        "can_view_proposals": actor.can("governance.view_network_proposals", net),
        "can_view_requests": can_view_requests,
        "can_view_reports": actor.can("reports.view_network_reports", net),
        "open_requests": (
            net.board_requests.filter(status="open").count() if can_view_requests else 0
        ),
    }
    return render(request, "networks/detail.html", context)


def _membership_response(request: HttpRequest, actor: Actor, net: Network) -> HttpResponse:
    """After join/leave: the refreshed button for htmx, a redirect for a plain form post."""
    if request.htmx:
        fresh = access_network(actor, net.slug, for_page=True)
        membership = selectors.open_membership(network=fresh, person=actor.person)
        return render(
            request,
            "networks/detail.html#membership",
            {
                "network": fresh,
                "membership": membership,
                "can_join": actor.can("networks.join", fresh),
                "request_form": RequestMessageForm(),
                "sharing_form": ContactSharingForm(
                    initial={"share": membership.share_contact_with_leads if membership else False}
                ),
            },
        )
    return redirect(_detail_url(net))


@require_POST
@org_view
def join(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network(actor, network)
    if actor.person is not None and net.status != NetworkStatus.ACTIVE:
        # Closed since the page was loaded: say so where the button was, not a bare 403.
        messages.error(request, _("This network is not open for new members."))
        return _membership_response(request, actor, net)
    ensure(actor, "networks.join", net)
    form = RequestMessageForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Your message is too long; keep it under %(limit)s characters.")
            % {"limit": number_format(2000, force_grouping=True)},
        )
        return _membership_response(request, actor, net)
    try:
        membership = services.membership_join(
            actor=actor, network=net, message=form.cleaned_data["message"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        if membership.status == MembershipStatus.ACTIVE:
            messages.success(request, _("Welcome to %(network)s.") % {"network": net.name})
        else:
            messages.success(
                request,
                _("Your request to join %(network)s has been sent to the chair.")
                % {"network": net.name},
            )
    return _membership_response(request, actor, net)


@require_POST
@org_view
def leave(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network(actor, network)
    form = LeaveForm(request.POST)
    successor = None
    if form.is_valid() and form.cleaned_data["successor"]:
        successor = Membership.objects.filter(
            pk=form.cleaned_data["successor"], network=net, status=MembershipStatus.ACTIVE
        ).first()
    try:
        services.membership_leave(actor=actor, network=net, successor=successor)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have left %(network)s.") % {"network": net.name})
    return _membership_response(request, actor, net)


@require_POST
@org_view
def withdraw(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network(actor, network)
    try:
        services.membership_withdraw_request(actor=actor, network=net)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request has been withdrawn."))
    return _membership_response(request, actor, net)


@require_POST
@org_view
def sharing(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network(actor, network)
    form = ContactSharingForm(request.POST)
    form.is_valid()
    try:
        services.membership_set_contact_sharing(
            actor=actor, network=net, share=form.cleaned_data.get("share", False)
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your choice has been saved."))
    return _membership_response(request, actor, net)


@require_GET
@org_view
def members(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network_for(actor, network, "networks.view_members")
    status = request.GET.get("status", MembershipStatus.ACTIVE)
    if status not in (MembershipStatus.ACTIVE, MembershipStatus.REQUESTED):
        status = MembershipStatus.ACTIVE
    q = request.GET.get("q", "")[:200]
    page = paginate(
        selectors.network_members(network=net, status=status, q=q),
        page=request.GET.get("page"),
        per_page=selectors.MEMBER_PAGE_SIZE,
    )
    can_manage = actor.can("networks.manage_members", net)
    context = {
        "network": net,
        "page": page,
        "status": status,
        "q": q,
        "can_manage": can_manage,
        "can_set_chair": actor.can("networks.set_chair", net),
        "role_choices": MembershipRole.choices,
        "pending_count": selectors.pending_request_count(network=net),
        "add_form": AddMemberForm(organisation=actor.organisation) if can_manage else None,
        # Leads see contact details only where the member agreed; the office always may.
        # The coordinator is not a lead: members shared their details with the leads only.
        "office_view": actor.has_role("staff", "org_admin"),
        "lead_view": actor.network_role(net) in LEAD_ROLES,
    }
    record_access(
        actor=actor,
        request=request,
        kind=AccessKind.LIST,
        person_ids=[membership.person_id for membership in page.object_list],
        subject=net.name,
    )
    return render(request, "networks/members.html", context)


@require_POST
@org_view
def member_action(
    request: HttpRequest, actor: Actor, network: str, membership_id: int
) -> HttpResponse:
    net = access_network_for(actor, network, "networks.manage_members")
    membership = access_membership(actor, net, membership_id)
    form = MemberActionForm(request.POST)
    back = reverse("networks:members", kwargs={"org": actor.organisation.slug, "network": net.slug})
    if not form.is_valid():
        messages.error(request, _("That action is not possible."))
        return redirect(back)
    action = form.cleaned_data["action"]
    reason = form.cleaned_data["reason"]
    try:
        if action in ("approve", "decline"):
            services.membership_decide(
                actor=actor, membership=membership, approve=action == "approve", reason=reason
            )
            back += "?status=requested"
        elif action == "role":
            role = form.cleaned_data["role"]
            if role == MembershipRole.CHAIR:
                ensure(actor, "networks.set_chair", net)
            services.membership_set_role(actor=actor, membership=membership, role=role)
        else:
            services.membership_remove(actor=actor, membership=membership, reason=reason)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved for %(person)s.") % {"person": membership.person.name})
    return redirect(back)


@require_POST
@org_view
def member_add(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network_for(actor, network, "networks.manage_members")
    form = AddMemberForm(request.POST, organisation=actor.organisation)
    back = reverse("networks:members", kwargs={"org": actor.organisation.slug, "network": net.slug})
    if form.is_valid():
        role = form.cleaned_data["role"]
        try:
            if role == MembershipRole.CHAIR:
                ensure(actor, "networks.set_chair", net)
            services.membership_add(
                actor=actor, network=net, person=form.cleaned_data["person"], role=role
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(person)s has been added.") % {"person": form.cleaned_data["person"].name},
            )
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
    return redirect(back)


def _channels(form: NetworkForm) -> list[services.ChannelData]:
    return [
        services.ChannelData(kind=k, url=u, label=label)
        for k, u, label in form.cleaned_data["channels"]
    ]


def _form_error(form: NetworkForm | MandateForm, error: ServiceError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@require_http_methods(["GET", "POST"])
@org_view
def network_create_view(request: HttpRequest, actor: Actor) -> HttpResponse:
    ensure(actor, "networks.create")
    return _network_form(request, actor, network=None, initial={})


@require_http_methods(["GET", "POST"])
@org_view
def regional_create_view(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    ensure(actor, "networks.create")
    central = access_network(actor, network)
    initial = {
        "kind": NetworkKind.REGIONAL,
        "central": central.pk,
        "purpose": central.purpose,
        "audience": central.audience,
        "join_policy": central.join_policy,
    }
    return _network_form(request, actor, network=None, initial=initial, central=central)


@require_http_methods(["GET", "POST"])
@org_view
def network_edit_view(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network_for(actor, network, "networks.edit")
    initial = {
        "name": net.name,
        "slug": net.slug,
        "kind": net.kind,
        "central": net.central_id,
        "region": net.region_id,
        "purpose": net.purpose,
        "audience": net.audience,
        "contact_email": net.contact_email,
        "join_policy": net.join_policy,
        "status": net.status,
        "channels": "\n".join(f"{c.kind} {c.url} {c.label}".strip() for c in net.channels.all()),
    }
    return _network_form(request, actor, network=net, initial=initial)


def _network_form(
    request: HttpRequest,
    actor: Actor,
    *,
    network: Network | None,
    initial: dict,
    central: Network | None = None,
) -> HttpResponse:
    org = actor.organisation
    if request.method == "POST":
        form = NetworkForm(request.POST, organisation=org, network=network, initial=initial)
        if form.is_valid():
            data = form.cleaned_data
            fields = {
                "name": data["name"],
                "kind": data["kind"],
                "central": data["central"],
                "region": data["region"],
                "purpose": data["purpose"],
                "audience": data["audience"],
                "contact_email": data["contact_email"],
                "join_policy": data["join_policy"],
                "status": data["status"],
                "channels": _channels(form),
            }
            try:
                if network is None:
                    saved = services.network_create(actor=actor, slug=data["slug"], **fields)
                    messages.success(
                        request, _("%(network)s has been created.") % {"network": saved.name}
                    )
                else:
                    saved = services.network_update(actor=actor, network=network, **fields)
                    messages.success(
                        request, _("%(network)s has been saved.") % {"network": saved.name}
                    )
            except ServiceError as error:
                _form_error(form, error)
            else:
                return redirect(_detail_url(saved))
    else:
        form = NetworkForm(initial=initial, organisation=org, network=network)
    return render(
        request,
        "networks/network_form.html",
        {"form": form, "network": network, "central": central},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@org_view
def coordinator(request: HttpRequest, actor: Actor, network: str) -> HttpResponse:
    net = access_network_for(actor, network, "networks.view_mandates")
    can_appoint = actor.can("networks.appoint_coordinator", net)
    form = MandateForm(organisation=actor.organisation)
    status = 200
    if request.method == "POST":
        ensure(actor, "networks.appoint_coordinator", net)
        form = MandateForm(request.POST, organisation=actor.organisation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                mandate = services.mandate_appoint(
                    actor=actor,
                    network=net,
                    person=data["person"],
                    decision_reference=data["decision_reference"],
                    term_start=data["term_start"],
                    term_end=data["term_end"],
                )
            except ServiceError as error:
                _form_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(person)s is appointed coordinator of %(network)s.")
                    % {"person": mandate.person.name, "network": net.name},
                )
                return redirect(
                    "networks:coordinator", org=actor.organisation.slug, network=net.slug
                )
        status = 400
    context = {
        "network": net,
        "mandates": selectors.mandate_history(network=net),
        "current": selectors.current_mandate(network=net, today=today()),
        "form": form if can_appoint else None,
        "end_form": EndMandateForm(initial={"ended_on": today()}) if can_appoint else None,
        "today": today(),
    }
    return render(request, "networks/coordinator.html", context, status=status)


@require_POST
@org_view
def coordinator_end(
    request: HttpRequest, actor: Actor, network: str, mandate_id: int
) -> HttpResponse:
    net = access_network_for(actor, network, "networks.appoint_coordinator")
    mandate = access_mandate(actor, net, mandate_id)
    form = EndMandateForm(request.POST)
    if form.is_valid():
        try:
            services.mandate_end(
                actor=actor,
                mandate=mandate,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The mandate has been ended."))
    else:
        messages.error(request, _("Give the last day and a reason."))
    return redirect("networks:coordinator", org=actor.organisation.slug, network=net.slug)
