"""Pages of the "Karang Werdha Berprestasi" award: rounds, criteria, groups, jury, score sheets,
ranking, finalisation and the winners' certificates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desaku.community import forms, letters, selectors, services
from desaku.community.models import RoundStatus
from desaku.community.permissions import can_approve, can_manage
from desaku.community.views import require_manage, require_read
from desaku.core import letters as core_letters
from desaku.core.services import log_access
from desaku.core.viewkit import add_service_errors, error_messages, paginated, posted


def _round(request, pk):
    require_read(request.user)
    return get_object_or_404(selectors.rounds_visible_to(request.user), pk=pk)


@require_GET
@login_required
def round_list(request):
    require_read(request.user)
    filter_form = forms.RoundFilter(request.GET)
    rounds = filter_form.apply(selectors.rounds_visible_to(request.user))
    return render(request, "community/round_list.html", {
        **paginated(request, rounds, filter_form), "can_manage": can_manage(request.user)})


@require_http_methods(["GET", "POST"])
@login_required
def round_create(request):
    require_manage(request.user)
    data, _files = posted(request)
    form = forms.RoundForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            award_round = services.create_round(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The round is created. Set its criteria."))
            return redirect("community:round_criteria", pk=award_round.pk)
    return render(request, "community/form_page.html", {"form": form, "title": _("New award round")})


@require_GET
@login_required
def round_detail(request, pk):
    user = request.user
    award_round = _round(request, pk)
    criteria = list(award_round.criteria.all())
    rows = services.ranking(award_round)
    for row in rows:
        row.cells = [row.means.get(c.pk) for c in criteria]
    own_jurors = list(selectors.jurors_of(user, award_round))
    return render(request, "community/round_detail.html", {
        "round": award_round, "criteria": criteria, "rows": rows,
        "weight_total": sum(c.weight for c in criteria), "missing": sum(r.missing for r in rows),
        "jurors": award_round.jurors.select_related("affiliated_group", "user"),
        "can_manage": can_manage(user), "can_approve": can_approve(user),
        "scorable": [j for j in award_round.jurors.all() if services.may_score(user, j)],
        "own_jurors": own_jurors, "entry_form": forms.EntryForm(award_round=award_round),
        "juror_form": forms.JurorForm(), "locked": award_round.is_locked,
        "draft": award_round.status == RoundStatus.DRAFT, "scoring": award_round.status == RoundStatus.SCORING})


@require_http_methods(["GET", "POST"])
@login_required
def round_criteria(request, pk):
    award_round = _round(request, pk)
    require_manage(request.user)
    form = forms.CriteriaForm(request.POST or None, criteria=award_round.criteria.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.set_criteria(award_round=award_round, by=request.user, criteria=form.criteria())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The criteria are saved."))
            return redirect("community:round_detail", pk=award_round.pk)
    return render(request, "community/round_criteria.html", {"form": form, "round": award_round})


@require_POST
@login_required
def round_add_entry(request, pk):
    award_round = _round(request, pk)
    require_manage(request.user)
    form = forms.EntryForm(request.POST, award_round=award_round)
    if form.is_valid():
        try:
            services.add_entry(award_round=award_round, group=form.cleaned_data["group"], by=request.user)
        except ValidationError as exc:
            error_messages(request, exc)
    else:
        messages.error(request, _("Choose a Karang Werdha group."))
    return redirect("community:round_detail", pk=award_round.pk)


@require_POST
@login_required
def round_add_juror(request, pk):
    award_round = _round(request, pk)
    require_manage(request.user)
    form = forms.JurorForm(request.POST)
    if form.is_valid():
        try:
            services.add_juror(award_round=award_round, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            error_messages(request, exc)
    else:
        messages.error(request, _("Give the juror's name."))
    return redirect("community:round_detail", pk=award_round.pk)


@require_POST
@login_required
def round_open(request, pk):
    award_round = _round(request, pk)
    require_manage(request.user)
    try:
        services.open_scoring(award_round=award_round, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("Scoring is open."))
    return redirect("community:round_detail", pk=award_round.pk)


@require_http_methods(["GET", "POST"])
@login_required
def score_sheet(request, pk, juror_pk):
    """One juror's sheet: a score per group and criterion; the secretariat or the juror enters it."""
    user = request.user
    award_round = _round(request, pk)
    juror = get_object_or_404(award_round.jurors, pk=juror_pk)
    if not services.may_score(user, juror):
        raise PermissionDenied
    entries = list(award_round.entries.select_related("group").order_by("group__name"))
    criteria = list(award_round.criteria.all())
    existing = {(s.entry_id, s.criterion_id): s.score for s in juror.scores.all()}
    form = forms.ScoreSheetForm(request.POST or None, juror=juror, entries=entries, criteria=criteria,
                                existing=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_scores(juror=juror, by=user, scores=form.scores(entries, criteria))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The scores are saved."))
            return redirect("community:round_detail", pk=award_round.pk)
    return render(request, "community/score_sheet.html", {
        "round": award_round, "juror": juror, "form": form, "criteria": criteria,
        "locked": award_round.status != RoundStatus.SCORING})


@require_POST
@login_required
def round_finalise(request, pk):
    award_round = _round(request, pk)
    if not can_approve(request.user):
        raise PermissionDenied
    try:
        services.finalise_round(award_round=award_round, by=request.user)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(request, _("The round is finalised; the ranking and winners are fixed."))
    return redirect("community:round_detail", pk=award_round.pk)


@require_GET
@login_required
def certificate(request, pk, entry_pk):
    """A winner's certificate as PDF. Issued (numbered) on the first request by the secretariat."""
    user = request.user
    award_round = _round(request, pk)
    entry = get_object_or_404(award_round.entries.select_related("letter", "group"), pk=entry_pk, is_winner=True)
    if award_round.status != RoundStatus.FINALISED:
        raise Http404
    letter = entry.letter
    if letter is None or not letter.pdf:
        if not can_manage(user):  # read-only roles print only what was issued
            raise Http404
        letter = letters.issue_certificate(entry=entry, by=user, base_url=request.build_absolute_uri("/"))
    response = core_letters.pdf_response(letter)
    log_access(user=user, obj=entry, action="print", detail=f"certificate {letter.number}", request=request)
    return response
