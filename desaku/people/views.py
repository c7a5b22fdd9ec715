"""Pages of the registry. Thin: scope through selectors, writes through services, forms for input shape."""

from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.forms import FileField, HiddenInput
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desaku.core.files import extension, serve_file
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors
from desaku.people import forms, identity, selectors, services, timeline
from desaku.people.models import Classification
from desaku.people.permissions import can_merge, can_read, can_register, can_see_sensitive

LIST_LIMIT = 200
PAGE_SIZE = 25
LIVE_CHECK_LIMIT = 5

# ------------------------------------------------------------------------------------------ helpers


def person_in_full(user, pk):
    """A person the user may see in full: a protected child (identity hook) is refused to the others (403)."""
    person = selectors.person_for(user, pk)
    if identity.is_hidden(user, person):
        raise PermissionDenied
    return person



def require_read(user):
    if not can_read(user):
        raise PermissionDenied


def require_register(user):
    if not can_register(user):
        raise PermissionDenied


def require_merge(user):
    if not can_merge(user):
        raise PermissionDenied


def warning_messages(exc: services.NumberWarnings) -> list[str]:
    return [str(message) for _code, message in exc.warnings]


def person_url(person, anchor: str = "") -> str:
    url = reverse("people:detail", args=[person.pk])
    return f"{url}#{anchor}" if anchor else url


def current_classifications(user, persons) -> dict[int, list]:
    """Current PPKS categories per person, without the sensitive ones for roles without need."""
    by_person = {}
    queryset = Classification.objects.filter(person__in=[p.pk for p in persons], valid_to__isnull=True)
    for item in selectors.classifications_visible_to(user, queryset):
        by_person.setdefault(item.person_id, []).append(item.category)
    return by_person


def hide_unless_warned(form, number_warnings) -> None:
    """Show the "I checked the number" box only once there is a warning (or it was ticked)."""
    if not number_warnings and not form["confirm_warnings"].value():
        form.fields["confirm_warnings"].widget = HiddenInput()


def _post(request):
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


# --------------------------------------------------------------------------------------- the list


@require_GET
@login_required
def person_list(request):
    require_read(request.user)
    from desaku.people import listing  # the filters (PPKS category, kelurahan), shared with the Excel export

    filter_form = listing.PersonListFilter(request.GET, user=request.user)
    found, query, capped = listing.listed(request.user, filter_form)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    persons = list(page.object_list)
    prefetch_related_objects(persons, "domicile_kelurahan")
    identity.mask_persons(request.user, persons)
    classifications = current_classifications(request.user, persons)
    today = timezone.localdate()
    rows = [(p, classifications.get(p.pk, []), p.age_on(today)) for p in persons]
    params = request.GET.copy()
    params.pop("page", None)
    context = {"page": page, "rows": rows, "q": query, "capped": capped, "query": params.urlencode(),
               "filter_form": filter_form, "filtered": bool(filter_form.values()),
               "can_register": can_register(request.user), "can_merge": can_merge(request.user)}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "people/_results.html", context)
    return render(request, "people/person_list.html", context)


# ---------------------------------------------------------------------------------- registration


@require_http_methods(["GET", "POST"])
@login_required
def register(request):
    require_register(request.user)
    form = forms.RegisterForm(request.POST if request.method == "POST" else None, user=request.user)
    form.enable_live_check(reverse("people:duplicate_check"))
    context = {"form": form, "report": None, "number_warnings": []}
    if request.method == "POST" and form.is_valid():
        try:
            person = services.register_person(
                by=request.user, data=form.person_data(), aliases=form.alias_list(),
                nik=form.cleaned_data["nik"], no_kk=form.cleaned_data["no_kk"],
                confirm_new=request.POST.get("confirm_new") == "1",
                confirm_warnings=form.cleaned_data["confirm_warnings"], source="ui")
        except services.PossibleDuplicates as exc:
            context["report"] = exc.report
        except services.NumberWarnings as exc:
            context["number_warnings"] = warning_messages(exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is registered as %(number)s.") % {
                "name": person.full_name, "number": person.registration_number})
            return redirect(person_url(person))
    return render(request, "people/register.html", context)


@require_GET
@login_required
def duplicate_check(request):
    """The live duplicate check while the worker types (a partial for htmx)."""
    require_register(request.user)
    data, aliases = forms.DuplicateCheckForm(request.GET).check_data()
    report = None
    if len(data["full_name"]) >= 3:
        report = selectors.duplicate_report(data=data, aliases=aliases, user=request.user, limit=LIVE_CHECK_LIMIT)
    return render(request, "people/_live_duplicates.html", {"report": report})


@require_POST
@login_required
def link_existing(request, pk):
    """"This is the same person": log the decision and keep the entered spelling as an alias."""
    require_register(request.user)
    person = person_in_full(request.user, pk)
    data, aliases = forms.DuplicateCheckForm(request.POST).check_data()
    if not data["full_name"]:
        messages.error(request, _("Enter the name before linking to an existing person."))
        return redirect("people:register")
    report = selectors.duplicate_report(data=data, aliases=aliases, user=request.user)
    had_nik, had_kk = bool(person.nik_hash), bool(person.no_kk_hash)
    with transaction.atomic():
        services.link_to_existing(person=person, by=request.user, entered_name=data["full_name"],
                                  candidates=report.as_log(), source="ui")
        # A NIK / No KK typed on the registration form is kept when the record has none (else: say so).
        not_kept = services.keep_registration_numbers(
            person=person, by=request.user, nik=request.POST.get("nik", ""), no_kk=request.POST.get("no_kk", ""),
            confirm_warnings=request.POST.get("confirm_warnings") in ("on", "true", "1"))
    messages.success(request, _("Linked to %(name)s. The name entered is kept as an alias.") % {
        "name": person.full_name})
    if (person.nik_hash and not had_nik) or (person.no_kk_hash and not had_kk):
        messages.success(request, _("The identity number you typed is added to the record."))
    for message in not_kept:
        messages.warning(request, message)
    return redirect(person_url(person))


# ----------------------------------------------------------------------------------- person page


@require_GET
@login_required
def detail(request, pk):
    require_read(request.user)
    person = selectors.person_for(request.user, pk)
    if identity.is_hidden(request.user, person):
        identity.mask(person)
        log_access(user=request.user, obj=person, action="view", detail="initials", request=request)
        return render(request, "people/person_restricted.html", {"person": person, "note": identity.RESTRICTED_NOTE})
    log_access(user=request.user, obj=person, action="view", request=request)
    return render(request, "people/person_detail.html", {
        "person": person,
        "sections": timeline.sections_for(person, request.user),
        "events": timeline.events_for(person, request.user),
        "can_edit": can_register(request.user),
        "can_merge": can_merge(request.user),
    })


@require_POST
@login_required
def reveal_nik(request, pk):
    require_read(request.user)
    person = person_in_full(request.user, pk)
    nik = services.nik_of(person) if person.nik_encrypted else ""
    if nik:
        log_access(user=request.user, obj=person, action="reveal", detail="nik", request=request)
    template = "people/_nik.html" if request.htmx else "people/nik_page.html"
    return render(request, template, {"person": person, "nik": nik})


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, pk):
    require_register(request.user)
    person = person_in_full(request.user, pk)
    initial = {name: getattr(person, name) for name in forms.EDIT_FIELDS}
    initial["origin_region"] = person.origin_region_id or ""
    form = forms.EditPersonForm(request.POST if request.method == "POST" else None, initial=initial,
                                user=request.user)
    context = {"form": form, "person": person, "number_warnings": []}
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person(person=person, by=request.user,
                                   data=form.person_data(previous_age=person.estimated_age),
                                   confirm_warnings=form.cleaned_data["confirm_warnings"],
                                   reason=form.cleaned_data["reason"], **form.numbers())
        except services.NumberWarnings as exc:
            context["number_warnings"] = warning_messages(exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(person_url(person))
        person.refresh_from_db()  # the service may have changed the object in memory before refusing
    return render(request, "people/person_edit.html", context)


def person_form_page(request, pk, *, form_class, save, title, anchor, form_kwargs=None, intro="",
                     submit=None, danger=False, instance=None):
    """A small form about a person (alias, photo, classification…): GET shows it, POST saves and returns."""
    require_register(request.user)
    person = person_in_full(request.user, pk)
    obj = instance(person) if instance else None
    data, files = _post(request)
    form = form_class(data, files, **(form_kwargs or {}))
    if request.method == "POST" and form.is_valid():
        try:
            save(person, obj, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(person_url(person, anchor))
    return render(request, "people/form_page.html", {
        "form": form, "person": person, "title": title, "intro": intro, "object": obj,
        "submit": submit or _("Save"), "danger": danger, "cancel_url": person_url(person, anchor),
        "multipart": any(isinstance(f, FileField) for f in form.fields.values()),
    })


@require_http_methods(["GET", "POST"])
@login_required
def alias_add(request, pk):
    def save(person, obj, data):
        services.add_alias(person=person, by=request.user, name=data["name"], kind=data["kind"], note=data["note"])

    return person_form_page(request, pk, form_class=forms.AliasForm, save=save, title=_("Add another name"),
                            anchor="aliases")


@require_http_methods(["GET", "POST"])
@login_required
def alias_remove(request, pk, alias_pk):
    def save(person, alias, data):
        services.remove_alias(alias=alias, by=request.user, reason=data["reason"])

    return person_form_page(
        request, pk, form_class=forms.ReasonForm, save=save, title=_("Remove a name"), anchor="aliases",
        instance=lambda person: get_object_or_404(person.aliases, pk=alias_pk), submit=_("Remove"), danger=True)


@require_http_methods(["GET", "POST"])
@login_required
def photo_add(request, pk):
    def save(person, obj, data):
        services.add_photo(person=person, by=request.user, image=data["image"], taken_on=data["taken_on"],
                           caption=data["caption"])

    return person_form_page(request, pk, form_class=forms.PhotoForm, save=save, title=_("Add a photo"),
                            anchor="photos", submit=_("Upload"))


def _file_response(request, person, field_file, *, detail: str):
    """Serve a person's file after the scope check, and record the download (never via MEDIA_URL)."""
    name = f'{person.registration_number}-{detail.replace(" ", "-")}.{extension(field_file)}'
    return serve_file(request, field_file, filename=name, content_types=forms.CONTENT_TYPES, record=person,
                      detail=detail)


@require_GET
@login_required
def photo(request, pk, photo_pk):
    require_read(request.user)
    person = person_in_full(request.user, pk)
    item = get_object_or_404(person.photos, pk=photo_pk)
    return _file_response(request, person, item.image, detail=f"photo {item.pk}")


@require_http_methods(["GET", "POST"])
@login_required
def disability_add(request, pk):
    def save(person, obj, data):
        services.add_disability(person=person, by=request.user, **data)

    return person_form_page(request, pk, form_class=forms.DisabilityForm, save=save, title=_("Add a disability"),
                            anchor="disabilities")


@require_http_methods(["GET", "POST"])
@login_required
def disability_remove(request, pk, disability_pk):
    def save(person, disability, data):
        services.remove_disability(disability=disability, by=request.user, reason=data["reason"])

    return person_form_page(
        request, pk, form_class=forms.ReasonForm, save=save, title=_("Remove a disability"), anchor="disabilities",
        instance=lambda person: get_object_or_404(person.disabilities, pk=disability_pk), submit=_("Remove"),
        danger=True)


@require_http_methods(["GET", "POST"])
@login_required
def classification_add(request, pk):
    def save(person, obj, data):
        services.classify(person=person, by=request.user, **data)

    return person_form_page(request, pk, form_class=forms.ClassificationForm, save=save,
                            title=_("Add a PPKS classification"), anchor="classifications",
                            form_kwargs={"sensitive": can_see_sensitive(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def classification_end(request, pk, classification_pk):
    def save(person, item, data):
        services.end_classification(classification=item, by=request.user, valid_to=data["valid_to"],
                                    reason=data["reason"])

    def instance(person):
        visible = selectors.classifications_visible_to(request.user, person.classifications.filter(
            valid_to__isnull=True))
        return get_object_or_404(visible, pk=classification_pk)

    return person_form_page(request, pk, form_class=forms.EndClassificationForm, save=save,
                            title=_("End a PPKS classification"), anchor="classifications", instance=instance)


@require_http_methods(["GET", "POST"])
@login_required
def consent_add(request, pk):
    def save(person, obj, data):
        services.record_consent(person=person, by=request.user, scanned_form=data.pop("scanned_form") or None,
                                **data)

    return person_form_page(request, pk, form_class=forms.ConsentForm, save=save, title=_("Record consent"),
                            anchor="consent")


@require_http_methods(["GET", "POST"])
@login_required
def consent_withdraw(request, pk, consent_pk):
    def save(person, consent, data):
        services.withdraw_consent(consent=consent, by=request.user, withdrawn_on=data["withdrawn_on"],
                                  reason=data["reason"])

    return person_form_page(
        request, pk, form_class=forms.WithdrawConsentForm, save=save, title=_("Withdraw consent"), anchor="consent",
        instance=lambda person: get_object_or_404(person.consents, pk=consent_pk, withdrawn_on__isnull=True),
        danger=True)


@require_GET
@login_required
def consent_form(request, pk, consent_pk):
    require_read(request.user)
    person = person_in_full(request.user, pk)
    consent = get_object_or_404(person.consents, pk=consent_pk)
    return _file_response(request, person, consent.scanned_form, detail=f"consent {consent.pk}")


# ------------------------------------------------------------------------------------ households


def household_for(user, pk):
    return get_object_or_404(selectors.households_visible_to(user), pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def household_create(request, pk):
    require_register(request.user)
    person = person_in_full(request.user, pk)
    data, _files = _post(request)
    form = forms.HouseholdForm(data, initial={"kelurahan": person.domicile_kelurahan_id,
                                              "rt": person.domicile_rt, "rw": person.domicile_rw,
                                              "address": person.domicile_address})
    number_warnings = []
    if request.method == "POST" and form.is_valid():
        try:
            household = services.create_household(by=request.user, head=person, **form.cleaned_data)
        except services.NumberWarnings as exc:
            number_warnings = warning_messages(exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The household is created with %(name)s as its head.") % {
                "name": person.full_name})
            return redirect("people:household_detail", pk=household.pk)
    hide_unless_warned(form, number_warnings)
    return render(request, "people/form_page.html", {
        "form": form, "person": person, "title": _("New household"), "number_warnings": number_warnings,
        "intro": _("%(name)s will be the head of the household.") % {"name": person.full_name},
        "submit": _("Create household"), "cancel_url": person_url(person, "household")})


@require_GET
@login_required
def household_detail(request, pk):
    require_read(request.user)
    household = household_for(request.user, pk)
    memberships = list(household.memberships.select_related("person").order_by("end_date", "start_date"))
    identity.mask_persons(request.user, [m.person for m in memberships])
    visible = set(selectors.persons_visible_to(request.user).filter(
        pk__in=[m.person_id for m in memberships]).values_list("pk", flat=True))
    kk_history, last = [], None
    for record in household.history.order_by("history_date"):
        if record.no_kk_masked != last:
            kk_history.append(record)
            last = record.no_kk_masked
    return render(request, "people/household_detail.html", {
        "household": household, "kelurahan": household.kelurahan,
        "current": [(m, m.person_id in visible) for m in memberships if m.end_date is None],
        "past": [(m, m.person_id in visible) for m in memberships if m.end_date is not None],
        "kk_history": list(reversed(kk_history)), "can_edit": can_register(request.user),
        "sections": timeline.household_sections_for(household, request.user),
    })


@require_http_methods(["GET", "POST"])
@login_required
def household_add_member(request, pk):
    require_register(request.user)
    household = household_for(request.user, pk)
    query = request.GET.get("q", "")
    data, _files = _post(request)
    form = forms.AddMemberForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            person = selectors.person_for(request.user, form.cleaned_data["person"])
        except Http404:
            form.add_error(None, _("Choose a person from the search results."))
        else:
            try:
                services.add_member(household=household, person=person, by=request.user,
                                    relationship=form.cleaned_data["relationship"],
                                    start_date=form.cleaned_data["start_date"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("%(name)s is added to the household.") % {"name": person.full_name})
                return redirect("people:household_detail", pk=household.pk)
    results = selectors.search_persons(request.user, query, limit=20).persons if query else []
    identity.mask_persons(request.user, results)
    return render(request, "people/household_add_member.html", {
        "household": household, "form": form, "q": query, "results": results})


@require_http_methods(["GET", "POST"])
@login_required
def membership_end(request, pk, membership_pk):
    require_register(request.user)
    household = household_for(request.user, pk)
    membership = get_object_or_404(household.memberships.select_related("person"), pk=membership_pk,
                                   end_date__isnull=True)
    data, _files = _post(request)
    form = forms.EndMembershipForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_membership(membership=membership, by=request.user, end_date=form.cleaned_data["end_date"],
                                    reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("people:household_detail", pk=household.pk)
    return render(request, "people/form_page.html", {
        "form": form, "title": _("End household membership"), "object": membership, "danger": True,
        "submit": _("Save"), "cancel_url": reverse("people:household_detail", args=[household.pk])})


@require_http_methods(["GET", "POST"])
@login_required
def household_change_kk(request, pk):
    require_register(request.user)
    household = household_for(request.user, pk)
    data, _files = _post(request)
    form = forms.ChangeKKForm(data)
    number_warnings = []
    if request.method == "POST" and form.is_valid():
        try:
            services.change_no_kk(household=household, by=request.user, **form.cleaned_data)
        except services.NumberWarnings as exc:
            number_warnings = warning_messages(exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The family card number is changed."))
            return redirect("people:household_detail", pk=household.pk)
    hide_unless_warned(form, number_warnings)
    return render(request, "people/form_page.html", {
        "form": form, "title": _("Change the family card number"), "number_warnings": number_warnings,
        "object": household, "submit": _("Save"),
        "cancel_url": reverse("people:household_detail", args=[household.pk])})


# ---------------------------------------------------------------------------------- duplicates, merge


@require_GET
@login_required
def duplicates(request, pk):
    require_merge(request.user)
    person = person_in_full(request.user, pk)
    return render(request, "people/duplicates.html", {
        "person": person, "report": selectors.duplicates_of(person, request.user)})


COMPARED_FIELDS = ("full_name", "name_quality", "sex", "birth_date", "birth_date_quality", "birth_year",
                   "birthplace", "mother_name", "origin_region", "no_fixed_abode", "domicile_kelurahan",
                   "domicile_address", "religion", "education", "marital_status", "occupation", "phone",
                   "nik_masked", "no_kk_masked", "date_of_death", "organisation", "registered_by", "created_at")


def _display(person, name):
    field = person._meta.get_field(name)
    if field.choices:
        return getattr(person, f"get_{name}_display")()
    value = getattr(person, name)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)  # str: a year must not be shown as "1.975"


def comparison(a, b) -> list[dict]:
    rows = []
    for name in COMPARED_FIELDS:
        left, right = _display(a, name), _display(b, name)
        rows.append({"label": a._meta.get_field(name).verbose_name, "a": left, "b": right,
                     "differs": str(left) != str(right)})
    for label, relation in ((_("Other names"), "aliases"), (_("Photos"), "photos"),
                            (_("Household memberships"), "household_memberships")):
        left, right = getattr(a, relation).count(), getattr(b, relation).count()
        if relation == "aliases":
            left = ", ".join(a.aliases.values_list("name", flat=True))
            right = ", ".join(b.aliases.values_list("name", flat=True))
        rows.append({"label": label, "a": left, "b": right, "differs": str(left) != str(right)})
    return rows


@require_http_methods(["GET", "POST"])
@login_required
def merge(request, pk, other_pk):
    require_merge(request.user)
    a = person_in_full(request.user, pk)
    b = person_in_full(request.user, other_pk)
    if a.pk == b.pk:
        raise Http404
    data, _files = _post(request)
    form = forms.MergeForm(data, persons=(a, b), initial={"survivor": str(a.pk)})
    if request.method == "POST" and form.is_valid():
        survivor, merged = (a, b) if form.cleaned_data["survivor"] == str(a.pk) else (b, a)
        try:
            services.merge_persons(survivor=survivor, merged=merged, by=request.user,
                                   reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(merged)s is merged into %(survivor)s. The merge can be undone.") % {
                "merged": merged.registration_number, "survivor": survivor.registration_number})
            return redirect(person_url(survivor))
    visible = selectors.classifications_visible_to(request.user)
    return render(request, "people/merge.html", {
        "a": a, "b": b, "form": form, "rows": comparison(a, b),
        "a_classes": visible.filter(person=a), "b_classes": visible.filter(person=b)})


@require_GET
@login_required
def merge_list(request):
    require_merge(request.user)
    page = Paginator(selectors.merges_visible_to(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    identity.mask_persons(request.user, [p for m in page.object_list for p in (m.survivor, m.merged)])
    return render(request, "people/merge_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@login_required
def unmerge(request, pk):
    require_merge(request.user)
    record = get_object_or_404(selectors.merges_visible_to(request.user), pk=pk, undone_at__isnull=True)
    data, _files = _post(request)
    form = forms.ReasonForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            services.unmerge(merge=record, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The merge is undone: both records are back."))
            return redirect("people:merge_list")
    return render(request, "people/form_page.html", {
        "form": form, "title": _("Undo a merge"), "object": record, "danger": True, "submit": _("Undo merge"),
        "intro": _("The records will be separate again; everything that pointed to the merged record points "
                   "to it again."),
        "cancel_url": reverse("people:merge_list")})
