"""Pages of the village's programme: mentoring sessions, enterprises and products, sales, household
progress and graduation, and the public catalogue (no login, no personal data but consented producer names).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desaku.core.services import log_access
from desaku.core.viewkit import error_messages, paginated, posted
from desaku.village import forms, permissions, selectors, services
from desaku.village.models import Enterprise, FollowUp, Product, ProductionRecord
from desaku.village.records import household_records
from desaku.village.views import form_page, require


def village_households(user):
    """Households living in the village (allocated or moved in) that the user may see."""
    return selectors.living_households_visible_to(user)


# ----------------------------------------------------------------------------------------- mentoring


@require_GET
@login_required
def session_list(request):
    user = request.user
    require(permissions.can_read, user)
    filter_form = forms.SessionFilter(request.GET)
    sessions = filter_form.apply(selectors.sessions_visible_to(user))
    return render(request, "village/session_list.html", {
        **paginated(request, sessions, filter_form), "can_mentor": permissions.can_mentor(user)})


@require_http_methods(["GET", "POST"])
@login_required
def session_create(request):
    user = request.user
    require(permissions.can_mentor, user)
    site = selectors.default_site()
    data, _files = posted(request)
    households = village_households(user)
    form = forms.SessionForm(data, households=households, initial={"households": request.GET.getlist("household")})

    def save(data):
        follow_ups = [(data["follow_up"], data["follow_up_due"], None)] if data["follow_up"] else []
        if data["follow_up"] and not data["follow_up_due"]:
            raise ValidationError({"follow_up_due": _("Give the due date of the follow-up.")})
        chosen = list(data["households"])
        session = services.record_session(site=selectors.site_of(chosen[0]) if chosen else site, by=user,
                                          kind=data["kind"], held_on=data["held_on"],
                                          topic=data["topic"], households=data["households"],
                                          absent=data["absent"], notes=data["notes"], follow_ups=follow_ups)
        return _("The session is recorded."), reverse("village:session_detail", args=[session.pk])

    return form_page(request, form=form, title=_("Mentoring session"), submit=_("Save"), save=save,
                     cancel_url=reverse("village:session_list"))


@require_GET
@login_required
def session_detail(request, pk):
    user = request.user
    require(permissions.can_read, user)
    session = get_object_or_404(selectors.sessions_visible_to(user), pk=pk)
    visible = set(selectors.households_visible_to(user).values_list("pk", flat=True))
    attendances = [(a, a.household_id in visible) for a in session.attendances.select_related("household")]
    return render(request, "village/session_detail.html", {
        "session": session, "attendances": attendances, "follow_ups": session.follow_ups.all(),
        "can_mentor": permissions.can_mentor(user)})


@require_POST
@login_required
def follow_up_done(request, pk):
    user = request.user
    require(permissions.can_mentor, user)
    item = get_object_or_404(FollowUp.objects.filter(session__in=selectors.sessions_visible_to(user).values("pk")),
                             pk=pk)
    try:
        services.complete_follow_up(follow_up=item, by=user)
    except ValidationError as exc:
        error_messages(request, exc)
    return redirect("village:session_detail", pk=item.session_id)


# ---------------------------------------------------------------------------------------- enterprises


@require_GET
@login_required
def enterprise_list(request):
    user = request.user
    require(permissions.can_read, user)
    enterprises = Enterprise.objects.prefetch_related("products").order_by("name")
    return render(request, "village/enterprise_list.html", {
        "enterprises": enterprises, "can_manage": permissions.can_manage(user)})


@require_http_methods(["GET", "POST"])
@login_required
def enterprise_create(request):
    user = request.user
    require(permissions.can_manage, user)
    data, _files = posted(request)

    def save(data):
        chosen = list(data["households"])  # the households' site (a second village has its own enterprises)
        site = selectors.site_of(chosen[0]) if chosen else selectors.default_site()
        enterprise = services.create_enterprise(site=site, by=user, **data)
        return _("The enterprise is recorded."), reverse("village:enterprise_detail", args=[enterprise.pk])

    return form_page(request, form=forms.EnterpriseForm(data, households=village_households(user)),
                     title=_("New enterprise"), submit=_("Save"), save=save,
                     cancel_url=reverse("village:enterprise_list"))


@require_GET
@login_required
def enterprise_detail(request, pk):
    user = request.user
    require(permissions.can_read, user)
    enterprise = get_object_or_404(Enterprise, pk=pk)
    products = list(enterprise.products.annotate(sold=Sum("sales__quantity")))
    made = dict(ProductionRecord.objects.filter(product__enterprise=enterprise).values("product").annotate(
        made=Sum("quantity")).values_list("product", "made"))
    for product in products:  # a second query: two sums over two relations in one would multiply each other
        product.made = made.get(product.pk, 0)
    visible = selectors.households_visible_to(user)
    return render(request, "village/enterprise_detail.html", {
        "enterprise": enterprise, "products": products, "households": enterprise.households.filter(
            pk__in=visible.values("pk")), "household_count": enterprise.households.count(),
        "grants": (grants := enterprise.grants.filter(household__in=visible.values("pk")).select_related(
            "household", "funding_source")),
        "grants_total": grants.aggregate(total=Sum("amount"))["total"],
        "sales": selectors.sales_visible_to(user).filter(product__enterprise=enterprise)[:20],
        "production": ProductionRecord.objects.filter(product__enterprise=enterprise).select_related(
            "product").order_by("-produced_on", "-id")[:20],
        "can_manage": permissions.can_manage(user), "can_record": permissions.can_mentor(user)})


def _product_fields(data):
    fields = {k: data[k] for k in ("name", "description", "unit_label", "price", "in_catalogue", "active",
                                   "producer", "producer_consent")}
    if data.get("photo"):
        fields["photo"] = data["photo"]
    return fields


def _producer_choices(user, enterprise, product=None) -> dict:
    """The ProductForm's choices: the producers the user may name (current members of the enterprise's households
    whom the user may see; the product's own producer stays choosable) and their consents valid today (the
    product's current one too), with the persons whose identity the user may not see."""
    from django.db.models import Q
    from django.utils import timezone

    from desaku.people.identity import hidden_ids
    from desaku.people.models import Consent
    from desaku.people.selectors import persons_visible_to

    members = Q(household_memberships__household__in=enterprise.households.values("pk"),
                household_memberships__end_date__isnull=True)
    if product is not None and product.producer_id:
        members |= Q(pk=product.producer_id)
    producers = persons_visible_to(user).filter(members).distinct().order_by("full_name", "id")
    valid = Q(processing=True, withdrawn_on__isnull=True) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=timezone.localdate()))
    if product is not None and product.producer_consent_id:
        valid |= Q(pk=product.producer_consent_id)
    consents = Consent.objects.filter(valid, person__in=producers.values("pk")).select_related("person").order_by(
        "person__full_name", "-given_on", "-id")
    return {"producers": producers, "consents": consents,
            "hidden": hidden_ids(user, producers.values_list("pk", flat=True))}


@require_http_methods(["GET", "POST"])
@login_required
def product_create(request, pk):
    user = request.user
    require(permissions.can_manage, user)
    enterprise = get_object_or_404(Enterprise, pk=pk)
    data, files = posted(request)

    def save(data):
        services.save_product(by=user, enterprise=enterprise, **_product_fields(data))
        return _("The product is saved."), reverse("village:enterprise_detail", args=[enterprise.pk])

    return form_page(request, form=forms.ProductForm(data, files, **_producer_choices(user, enterprise)),
                     title=_("New product"), submit=_("Save"),
                     save=save, pretitle=enterprise.name, extra={"multipart": True},
                     cancel_url=reverse("village:enterprise_detail", args=[enterprise.pk]))


@require_http_methods(["GET", "POST"])
@login_required
def product_edit(request, pk):
    user = request.user
    require(permissions.can_manage, user)
    product = get_object_or_404(Product, pk=pk)
    data, files = posted(request)
    initial = {k: getattr(product, k) for k in ("name", "description", "unit_label", "price", "in_catalogue",
                                                  "active", "producer", "producer_consent")}

    def save(data):
        services.save_product(by=user, product=product, **_product_fields(data))
        return _("The product is saved."), reverse("village:enterprise_detail", args=[product.enterprise_id])

    choices = _producer_choices(user, product.enterprise, product)
    return form_page(request, form=forms.ProductForm(data, files, initial=initial, **choices), title=_("Edit product"),
                     submit=_("Save"), save=save, pretitle=product.name, extra={"multipart": True},
                     cancel_url=reverse("village:enterprise_detail", args=[product.enterprise_id]))


@require_http_methods(["GET", "POST"])
@login_required
def production_create(request, pk):
    user = request.user
    require(permissions.can_mentor, user)
    product = get_object_or_404(Product, pk=pk)
    data, _files = posted(request)

    def save(data):
        services.record_production(product=product, by=user, **data)
        return _("The production is recorded."), reverse("village:enterprise_detail", args=[product.enterprise_id])

    return form_page(request, form=forms.ProductionForm(data), title=_("Production"), submit=_("Save"), save=save,
                     pretitle=product.name, cancel_url=reverse("village:enterprise_detail",
                                                               args=[product.enterprise_id]))


@require_http_methods(["GET", "POST"])
@login_required
def sale_create(request, pk):
    user = request.user
    require(permissions.can_mentor, user)
    product = get_object_or_404(Product.objects.select_related("enterprise"), pk=pk)
    data, _files = posted(request)
    households = selectors.households_visible_to(user).filter(pk__in=product.enterprise.households.values("pk"))

    def save(data):
        services.record_sale(product=product, by=user, **data)
        return _("The sale is recorded."), reverse("village:enterprise_detail", args=[product.enterprise_id])

    return form_page(request, form=forms.SaleForm(data, households=households, initial={"unit_price": product.price}),
                     title=_("Sale"), submit=_("Save"), save=save, pretitle=product.name,
                     cancel_url=reverse("village:enterprise_detail", args=[product.enterprise_id]))


@require_GET
@login_required
def sale_list(request):
    user = request.user
    require(permissions.can_read, user)
    filter_form = forms.SaleFilter(request.GET)
    sales = filter_form.apply(selectors.sales_visible_to(user))
    totals = sales.aggregate(sold=Sum("quantity"), revenue=Sum(F("quantity") * F("unit_price")))
    return render(request, "village/sale_list.html", {**paginated(request, sales, filter_form), "totals": totals,
                                                      "visible": set(selectors.households_visible_to(user)
                                                                     .values_list("pk", flat=True))})


@require_GET
@login_required
def production_list(request):
    """Production records of the enterprises (what was made, when), filtered like the export."""
    from desaku.village.exports import production_records
    from desaku.village.forms_production import ProductionFilter

    require(permissions.can_read, request.user)
    filter_form = ProductionFilter(request.GET)
    records = filter_form.apply(production_records())
    return render(request, "village/production_list.html", {
        **paginated(request, records, filter_form), "total": records.aggregate(made=Sum("quantity"))["made"]})


@require_GET
@login_required
def product_photo(request, pk):
    require(permissions.can_read, request.user)
    return _photo(get_object_or_404(Product, pk=pk))


def _photo(product):
    if not product.photo:
        raise Http404
    try:
        handle = product.photo.open("rb")
    except OSError as exc:
        raise Http404 from exc
    ext = product.photo.name.rsplit(".", 1)[-1].lower()
    types = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
    return FileResponse(handle, content_type=types.get(ext, "application/octet-stream"))


# ------------------------------------------------------------------------------------------ progress


def household_for(user, pk):
    return get_object_or_404(selectors.households_visible_to(user), pk=pk)


@require_GET
@login_required
def household_progress(request, pk):
    user = request.user
    require(permissions.can_read, user)
    household = household_for(user, pk)
    log_access(user=user, obj=household, action="view", request=request)
    trend = selectors.income_trend(household)
    settings = selectors.graduation_settings(selectors.site_of(household))
    top = max((i.amount for i in trend), default=0) or 1
    return render(request, "village/household_progress.html", {
        "household": household, "trend": [(i, int(100 * i.amount / top)) for i in trend],
        "checklist": selectors.graduation_checklist(household, settings),
        "records": household_records(household),
        "settings": settings, "attendance": selectors.attendance_rate(household),
        "reviews": household.village_reviews.all()[:6], "grants": household.village_grants.all(),
        "occupancies": selectors.occupancies_visible_to(user).filter(household=household),
        "can_record": permissions.can_mentor(user)})


def _household_form(request, pk, *, form_class, title, save_with, initial=None, intro=""):
    user = request.user
    require(permissions.can_mentor, user)
    household = household_for(user, pk)
    data, _files = posted(request)

    def save(data):
        save_with(household, data)
        return _("Saved."), reverse("village:household_progress", args=[household.pk])

    return form_page(request, form=form_class(data, initial=initial(household) if initial else None), title=title,
                     submit=_("Save"), save=save, pretitle=str(household), intro=intro,
                     cancel_url=reverse("village:household_progress", args=[household.pk]))


@require_http_methods(["GET", "POST"])
@login_required
def income_create(request, pk):
    return _household_form(request, pk, form_class=forms.IncomeForm, title=_("Monthly income"), save_with=lambda h, d: (
        services.record_income(household=h, by=request.user, **d)))


@require_http_methods(["GET", "POST"])
@login_required
def review_create(request, pk):
    return _household_form(request, pk, form_class=forms.ReviewForm, title=_("Progress review"),
                           save_with=lambda h, d: services.record_review(household=h, by=request.user, **d),
                           initial=lambda h: household_records(h).review_initial(), intro=_(
                               "KTP, KK, BPJS and trainings are filled in from the registry (NIK, KK number), "
                               "approved BPJS PBI recommendations and completed trainings: correct them if they "
                               "are not right."))


# ------------------------------------------------------------------------------------ public catalogue


@require_GET
def catalogue(request):
    """The Kampung Topeng shop window: products, photos, prices, how to order. No login, no personal data.

    Every active site's products, grouped by site (each with its own how-to-order); ``?site=<code or id>``
    shows one site. An unknown or inactive site is a 404."""
    sites = list(selectors.sites().order_by("id"))
    wanted = request.GET.get("site", "").strip()
    chosen = None
    if wanted:
        chosen = next((s for s in sites if s.code == wanted or str(s.pk) == wanted), None)
        if chosen is None:
            raise Http404
    by_site = {}
    for product in selectors.catalogue(chosen):
        by_site.setdefault(product.enterprise.site_id, []).append(
            {"product": product, "producer": selectors.producer_name(product)})
    # One site chosen: shown even without products; otherwise only the sites that have some.
    groups = [{"site": s, "products": by_site.get(s.pk, [])} for s in ([chosen] if chosen else sites)
              if chosen or s.pk in by_site]
    return render(request, "village/catalogue.html", {"groups": groups, "sites": sites, "chosen": chosen})


@require_GET
def catalogue_photo(request, pk):
    product = get_object_or_404(selectors.catalogue(), pk=pk)
    response = _photo(product)
    response["Cache-Control"] = "public, max-age=3600"
    return response
