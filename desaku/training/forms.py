"""Forms of the training UI. They check the shape of the input; the rules live in services.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.core.models import FundingSource, Organisation, OrganisationKind, PPKSCategory
from desaku.people.forms import StyledForm, date_field, style
from desaku.training.models import AttendanceMark, BatchStatus, Course, SkillType, WorkStatus

WEEKDAYS = [(1, _("Mon")), (2, _("Tue")), (3, _("Wed")), (4, _("Thu")), (5, _("Fri")), (6, _("Sat")), (7, _("Sun"))]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def checkboxes():
    return forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


class CourseForm(StyledForm):
    skill_type = forms.ModelChoiceField(label=_("Skill type"), queryset=SkillType.objects.filter(active=True))
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups (PPKS)"), required=False, widget=checkboxes(),
        queryset=PPKSCategory.objects.filter(active=True, is_sensitive=False).order_by("number"),
        help_text=_("Empty: open to everyone of the minimum age."))
    min_age = forms.IntegerField(label=_("Minimum age"), required=False, min_value=0, max_value=100)
    sessions = forms.IntegerField(label=_("Number of sessions"), min_value=1, max_value=500, initial=10)
    hours = forms.IntegerField(label=_("Total hours"), min_value=1, max_value=2000, initial=40)
    min_attendance_pct = forms.IntegerField(label=_("Minimum attendance (%)"), min_value=0, max_value=100,
                                            initial=80)
    pass_score = forms.IntegerField(label=_("Final assessment pass score"), min_value=0, max_value=100, initial=70)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    FIELDS = ("skill_type", "name", "description", "min_age", "sessions", "hours", "min_attendance_pct",
              "pass_score", "active")

    def service_kwargs(self) -> dict:
        c = self.cleaned_data
        return {name: c[name] for name in self.FIELDS} | {"target_groups": list(c["target_groups"]),
                                                          "description": c["description"] or ""}

    @classmethod
    def initial_from(cls, course) -> dict:
        initial = {name: getattr(course, name) for name in cls.FIELDS}
        initial["skill_type"] = course.skill_type_id
        initial["target_groups"] = list(course.target_groups.values_list("pk", flat=True))
        return initial


class BatchForm(StyledForm):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    name = forms.CharField(label=_("Batch name"), max_length=200, help_text=_("e.g. Menjahit Angkatan I 2026"))
    provider_kind = forms.ChoiceField(label=_("Provider type"), choices=OrganisationKind.choices,
                                      initial=OrganisationKind.DINAS)
    provider_name = forms.CharField(label=_("Provider"), max_length=200,
                                    help_text=_("e.g. Dinas Sosial, Bank Indonesia, BLK, an LKS, a company."))
    provider_organisation = forms.ModelChoiceField(
        label=_("Provider organisation in Desaku"), required=False, queryset=Organisation.objects.none(),
        help_text=_("When the provider is an organisation using Desaku (an LKS), it sees the batch."))
    trainers = forms.CharField(label=_("Trainers"), max_length=300, required=False)
    location = forms.CharField(label=_("Location"), max_length=250)
    start_date = date_field(_("Start date"), initial=timezone.localdate)
    end_date = date_field(_("End date"), initial=timezone.localdate)
    weekdays = forms.TypedMultipleChoiceField(label=_("Session days"), choices=WEEKDAYS, coerce=int,
                                              initial=[1, 2, 3, 4, 5], widget=checkboxes())
    start_time = forms.TimeField(label=_("Sessions start"), initial="08:00", widget=TimeInput())
    end_time = forms.TimeField(label=_("Sessions end"), initial="12:00", widget=TimeInput())
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=1000, initial=20)
    funding_source = forms.ModelChoiceField(label=_("Funding source"), required=False,
                                            queryset=FundingSource.objects.filter(active=True))
    budget = forms.DecimalField(label=_("Budget (Rp)"), min_value=0, max_digits=14, decimal_places=0, initial=0)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(active=True).select_related("skill_type")
        self.fields["provider_organisation"].queryset = Organisation.objects.filter(active=True).order_by("name")
        self.fields["budget"].widget.attrs["inputmode"] = "numeric"

    def service_kwargs(self) -> dict:
        c = dict(self.cleaned_data)
        c["notes"] = c.get("notes") or ""
        c["trainers"] = c.get("trainers") or ""
        return c


class SessionForm(StyledForm):
    date = date_field(_("Date"), initial=timezone.localdate)
    start_time = forms.TimeField(label=_("Start"), initial="08:00", widget=TimeInput())
    end_time = forms.TimeField(label=_("End"), initial="12:00", widget=TimeInput())
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)


class StatusForm(StyledForm):
    to = forms.ChoiceField(label=_("New status"), choices=BatchStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class BudgetForm(StyledForm):
    budget_used = forms.DecimalField(label=_("Budget used (Rp)"), min_value=0, max_digits=14, decimal_places=0)


class WithdrawForm(StyledForm):
    reason = forms.CharField(label=_("Reason for withdrawal"), max_length=250)


class FollowUpForm(StyledForm):
    done_on = date_field(_("Followed up on"), initial=timezone.localdate)
    work_status = forms.ChoiceField(label=_("Work"), choices=WorkStatus.choices, widget=forms.RadioSelect)
    monthly_income = forms.DecimalField(label=_("Monthly income (Rp)"), required=False, min_value=0, max_digits=12,
                                        decimal_places=0)
    starter_kit = forms.BooleanField(label=_("Starter kit received"), required=False)
    uep = forms.BooleanField(label=_("UEP received"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class BatchFilter(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + BatchStatus.choices)
    skill = forms.ModelChoiceField(label=_("Skill type"), required=False, queryset=SkillType.objects.all(),
                                   empty_label=_("All"))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, data=None, **kwargs):
        super().__init__(data if data else None, **kwargs)
        style(self)

    def apply(self, queryset):
        if not self.is_bound or not self.is_valid():
            return queryset
        c = self.cleaned_data
        if c.get("status"):
            queryset = queryset.filter(status=c["status"])
        if c.get("skill"):
            queryset = queryset.filter(course__skill_type=c["skill"])
        if c.get("year"):
            queryset = queryset.filter(start_date__year=c["year"])
        return queryset


MARKS = AttendanceMark.choices
