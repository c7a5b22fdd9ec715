"""Forms of the case pages. They check the shape of the input; the rules live in services.py."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.cases.models import (
    ACTIVE_STATUSES,
    ATENSI_COMPONENTS,
    CaseSource,
    CaseStatus,
    CaseType,
    NoteKind,
    Priority,
    ReferralStatus,
    ServiceType,
)
from desaku.cases.permissions import WRITERS
from desaku.core.models import ExitDestination, Institution, Organisation, User
from desaku.outreach.models import RiskLevel
from desaku.people.forms import StyledForm, date_field, style


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        org = f" ({user.organisation})" if user.organisation_id else ""
        return f"{user.get_full_name() or user.username}{org}"


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.username


def workers_for(user):
    """Case workers the user may assign: writers of the user's organisation (all for an administrator)."""
    workers = User.objects.filter(is_active=True, groups__name__in=WRITERS).distinct().select_related("organisation")
    if not user.has_role("Administrator"):
        workers = workers.filter(organisation=user.organisation_id)
    return workers.order_by("first_name", "username")


def institutions():
    return Institution.objects.filter(active=True).order_by("name")


class CaseForm(StyledForm):
    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices)
    source = forms.ChoiceField(label=_("Source"), choices=CaseSource.choices, initial=CaseSource.WALK_IN)
    source_reference = forms.CharField(label=_("Source reference"), max_length=120, required=False)
    priority = forms.ChoiceField(label=_("Priority / risk"), choices=Priority.choices, initial=Priority.MEDIUM)
    worker = UserChoiceField(label=_("Responsible worker"), queryset=User.objects.none())
    secondary_workers = UserMultipleChoiceField(label=_("Secondary workers"), queryset=User.objects.none(),
                                                required=False)
    opened_on = date_field(_("Start date"), initial=timezone.localdate)
    summary = forms.CharField(label=_("Presenting situation"), widget=textarea(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        workers = workers_for(user)
        self.fields["worker"].queryset = workers
        self.fields["worker"].initial = user.pk
        self.fields["secondary_workers"].queryset = workers
        self.fields["secondary_workers"].widget.attrs["size"] = 4


class CaseEditForm(StyledForm):
    case_type = forms.ChoiceField(label=_("Case type"), choices=CaseType.choices)
    priority = forms.ChoiceField(label=_("Priority / risk"), choices=Priority.choices)
    source_reference = forms.CharField(label=_("Source reference"), max_length=120, required=False)
    summary = forms.CharField(label=_("Presenting situation"), widget=textarea(), required=False)
    secondary_workers = UserMultipleChoiceField(label=_("Secondary workers"), queryset=User.objects.none(),
                                                required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secondary_workers"].queryset = workers_for(user)
        self.fields["secondary_workers"].widget.attrs["size"] = 4


class CloseForm(StyledForm):
    exit_destination = forms.ModelChoiceField(label=_("Exit destination"),
                                              queryset=ExitDestination.objects.filter(active=True))
    closure_reason = forms.CharField(label=_("Reason for closing"), widget=textarea())
    closed_on = date_field(_("Close date"), initial=timezone.localdate)


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), widget=textarea(2))


class VillageNominationForm(StyledForm):
    """Nominate the case's household to Desaku Menanti: an open selection round and why."""

    round = forms.ModelChoiceField(label=_("Selection round"), queryset=None)
    reason = forms.CharField(label=_("Reason for the nomination"), widget=textarea(3))

    def __init__(self, *args, **kwargs):
        from desaku.village.selectors import open_rounds

        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = open_rounds()
        self.fields["round"].label_from_instance = lambda r: f"{r.name} · {r.site.name}"
        rounds = list(self.fields["round"].queryset[:2])
        if len(rounds) == 1:
            self.fields["round"].initial = rounds[0].pk


class AssessmentForm(StyledForm):
    assessed_on = date_field(_("Assessed on"), initial=timezone.localdate)
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)
    family_situation = forms.CharField(label=_("Family situation"), widget=textarea(2), required=False)
    health = forms.CharField(label=_("Health"), widget=textarea(2), required=False)
    education = forms.CharField(label=_("Education"), widget=textarea(2), required=False)
    income_sources = forms.CharField(label=_("Income sources"), widget=textarea(2), required=False)
    strengths = forms.CharField(label=_("Strengths and resources"), widget=textarea(2), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in ATENSI_COMPONENTS:  # the same needs as the shelter assessment, one per component
            self.fields[f"need_{key}"] = forms.CharField(label=label, required=False, widget=textarea(1))
        self.fields["summary"] = forms.CharField(label=_("Conclusion"), widget=textarea(2), required=False)
        style(self)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        needs = {key: data.pop(f"need_{key}") for key, _label in ATENSI_COMPONENTS}
        data["needs"] = {k: v for k, v in needs.items() if v}
        return data


class PlanForm(StyledForm):
    summary = forms.CharField(label=_("Plan summary"), widget=textarea(), required=False)
    next_review_on = date_field(_("Next review"))


class GoalForm(StyledForm):
    description = forms.CharField(label=_("Goal"), max_length=300,
                                  widget=forms.TextInput(attrs={"placeholder": _("New goal")}))
    atensi_component = forms.ChoiceField(label=_("ATENSI component"), required=False,
                                         choices=[("", "—"), *ATENSI_COMPONENTS])


class ActionForm(StyledForm):
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=None)
    description = forms.CharField(label=_("Action"), max_length=300)
    responsible = UserChoiceField(label=_("Responsible user"), queryset=User.objects.none(), required=False)
    responsible_other = forms.CharField(label=_("Or responsible (outside Desaku)"), max_length=150, required=False)
    due_on = date_field(_("By when"), required=False)

    def __init__(self, *args, plan, user, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()
        self.fields["responsible"].queryset = User.objects.filter(
            Q(pk__in=workers_for(user).values("pk")) | Q(pk=case.worker_id)
            | Q(pk__in=case.secondary_workers.values("pk"))).order_by("first_name", "username")


class ReviewForm(StyledForm):
    reviewed_on = date_field(_("Reviewed on"), initial=timezone.localdate)
    progress = forms.CharField(label=_("Progress"), widget=textarea())
    next_review_on = date_field(_("Next review"))


class ServiceForm(StyledForm):
    service_type = forms.ModelChoiceField(label=_("Service"), queryset=ServiceType.objects.filter(active=True))
    delivered_on = date_field(_("Date"), initial=timezone.localdate)
    provider = forms.CharField(label=_("Provider"), max_length=150, required=False)
    provider_institution = forms.ModelChoiceField(label=_("Provider institution"), queryset=Institution.objects.none(),
                                                  required=False)
    quantity = forms.DecimalField(label=_("Quantity"), required=False, min_value=0, max_digits=10, decimal_places=2)
    amount = forms.DecimalField(label=_("Amount (Rp)"), required=False, min_value=0, max_digits=14, decimal_places=0)
    notes = forms.CharField(label=_("Notes"), widget=textarea(2), required=False)
    attachment = forms.FileField(label=_("Attachment (PDF, JPEG, PNG)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider_institution"].queryset = institutions()
        self.fields["attachment"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"


class NoteForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=NoteKind.choices, initial=NoteKind.NOTE)
    noted_on = date_field(_("Date"), initial=timezone.localdate)
    text = forms.CharField(label=_("Note"), widget=textarea(3))
    confidential = forms.BooleanField(label=_("Confidential"), required=False,
                                      help_text=_("Only you, the responsible worker and supervisors can read it."))


class AttachmentForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=150)
    file = forms.FileField(label=_("File (PDF, JPEG, PNG)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"


class TransferForm(StyledForm):
    to_organisation = forms.ModelChoiceField(label=_("To organisation"),
                                             queryset=Organisation.objects.filter(active=True))
    to_worker = UserChoiceField(label=_("To worker"), required=False,
                                queryset=User.objects.filter(is_active=True, groups__name__in=WRITERS).distinct(),
                                help_text=_("Leave empty to let the organisation choose."))
    reason = forms.CharField(label=_("Reason"), widget=textarea(2))


class DecisionForm(StyledForm):
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class ShareForm(StyledForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.filter(active=True))
    starts_on = date_field(_("From"), initial=timezone.localdate)
    ends_on = date_field(_("Until"))
    reason = forms.CharField(label=_("Purpose"), max_length=250)


class ReferralForm(StyledForm):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=Institution.objects.none(), required=False)
    internal_service = forms.CharField(label=_("Or department service"), max_length=150, required=False)
    reason = forms.CharField(label=_("Reason"), widget=textarea())
    documents = forms.CharField(label=_("Documents to send"), widget=textarea(2), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions()


class ReferralStepForm(StyledForm):
    action = forms.ChoiceField(choices=[(a, a) for a in ("send", "accept", "decline", "complete")],
                               widget=forms.HiddenInput)
    on = date_field(_("Date"), required=False)
    response = forms.CharField(label=_("Response"), widget=textarea(2), required=False)


# ------------------------------------------------------------------------------------------ filters


def _style_filter(filterset):
    style(filterset.form)
    return filterset


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or number"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    active = django_filters.BooleanFilter(label=_("Active only"), method="filter_active",
                                          widget=forms.CheckboxInput)
    case_type = django_filters.ChoiceFilter(label=_("Case type"), choices=CaseType.choices)
    priority = django_filters.ChoiceFilter(label=_("Priority"), choices=Priority.choices)
    overdue_review = django_filters.BooleanFilter(label=_("Plan review overdue"), method="filter_overdue",
                                                  widget=forms.CheckboxInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style_filter(self)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        q = Q(person__full_name__icontains=value) | Q(
            household__memberships__person__full_name__icontains=value, household__memberships__end_date=None)
        number = value.upper().removeprefix("KS-").split("-")[-1]
        if number.isdigit():
            q |= Q(pk=int(number))
        return queryset.filter(q).distinct()

    def filter_active(self, queryset, name, value):
        return queryset.filter(status__in=ACTIVE_STATUSES) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=ACTIVE_STATUSES, plan__next_review_on__lt=timezone.localdate())

    def describe(self) -> str:
        if not self.is_bound or not self.form.is_valid():
            return ""
        return ", ".join(f"{k}={v}" for k, v in self.form.cleaned_data.items() if v not in (None, "", False))


class ReferralFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ReferralStatus.choices)
    stale = django_filters.BooleanFilter(label=_("No answer for too long"), method="filter_stale",
                                         widget=forms.CheckboxInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style_filter(self)

    def filter_stale(self, queryset, name, value):
        if not value:
            return queryset
        from desaku.cases.selectors import stale_referrals

        return queryset.filter(pk__in=stale_referrals().values("pk"))
