"""Forms of the community UI. They check the shape of the input; the rules live in services.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.community.models import (
    Accreditation,
    ActivityType,
    AttachmentKind,
    MemberRole,
    OrganisationKind,
    PSKSOrganisation,
    RoundStatus,
    TargetGroup,
    VolunteerKind,
)
from desaku.core.models import FundingSource, Organisation, User
from desaku.outreach.forms import ListFilter, MonthField, textarea  # noqa: F401  (shared filter base)
from desaku.people.forms import KelurahanField, StyledForm, date_field, style

MAX_CRITERIA = 8


def _optional(choices, label):
    return forms.ChoiceField(label=label, required=False, choices=[("", _("All"))] + list(choices))


# ---------------------------------------------------------------------------------------- filters


class OrganisationFilter(ListFilter):
    month = None
    kind = _optional(OrganisationKind.choices, _("Kind"))
    q = forms.CharField(label=_("Name"), required=False)

    def narrow(self, queryset, values):
        if "kind" in values:
            queryset = queryset.filter(kind=values["kind"])
        if "q" in values:
            queryset = queryset.filter(name__icontains=values["q"])
        return queryset



class VolunteerFilter(ListFilter):
    month = None
    kind = _optional(VolunteerKind.choices, _("Kind"))
    q = forms.CharField(label=_("Name"), required=False)

    def narrow(self, queryset, values):
        if "kind" in values:
            queryset = queryset.filter(kind=values["kind"])
        if "q" in values:
            queryset = queryset.filter(full_name__icontains=values["q"])
        return queryset



class ActivityFilter(ListFilter):
    activity_type = forms.ModelChoiceField(label=_("Type"), required=False, queryset=ActivityType.objects.all(),
                                           empty_label=_("All"))
    target_group = _optional(TargetGroup.choices, _("Target group"))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    date_field = "held_on"

    def narrow(self, queryset, values):
        for name in ("activity_type", "target_group"):
            if name in values:
                queryset = queryset.filter(**{name: values[name]})
        if "year" in values:
            queryset = queryset.filter(held_on__year=values["year"])
        return queryset


# ---------------------------------------------------------------------------------- organisations


class OrganisationForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    kelurahan = KelurahanField(label=_("Kelurahan"), required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    registration_number = forms.CharField(label=_("Registration number"), max_length=80, required=False,
                                          help_text=_("For an LKS: the registration (tanda daftar) number."))
    accreditation = forms.ChoiceField(label=_("Accreditation grade"), required=False,
                                      choices=[("", "—")] + list(Accreditation.choices))
    accredited_on = date_field(_("Accredited on"), required=False)
    linked_organisation = forms.ModelChoiceField(label=_("Desaku account organisation"), required=False,
                                                 queryset=Organisation.objects.filter(active=True))
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    notes = forms.CharField(label=_("Notes"), required=False, widget=textarea(3))

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class VolunteerForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=VolunteerKind.choices)
    full_name = forms.CharField(label=_("Name"), max_length=150)
    kelurahan = KelurahanField(label=_("Kelurahan"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    affiliation = forms.ModelChoiceField(label=_("Organisation"), required=False,
                                         queryset=PSKSOrganisation.objects.filter(active=True))
    certificate_number = forms.CharField(label=_("Certificate / decree number"), max_length=80, required=False)
    active_since = date_field(_("Active since"), required=False)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class MemberForm(StyledForm):
    person = forms.IntegerField(label=_("Registry person (id)"), required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name (if not in the registry)"), max_length=150, required=False)
    position = forms.CharField(label=_("Position / office"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    term_start = date_field(_("Term start"), initial=timezone.localdate)
    term_end = date_field(_("Term end"), required=False)


class EndTermForm(StyledForm):
    term_end = date_field(_("Term end"), initial=timezone.localdate)


# -------------------------------------------------------------------------------------- activities


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once; the service checks each by content."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class ActivityForm(StyledForm):
    activity_type = forms.ModelChoiceField(label=_("Type"), queryset=ActivityType.objects.filter(active=True))
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = date_field(_("Date"), initial=timezone.localdate)
    place = forms.CharField(label=_("Place"), max_length=250)
    kelurahan = KelurahanField(label=_("Kelurahan"), required=False)
    organiser = forms.ModelChoiceField(label=_("Organiser"), required=False,
                                       queryset=PSKSOrganisation.objects.filter(active=True))
    organiser_name = forms.CharField(label=_("Organiser (other)"), max_length=150, required=False,
                                     help_text=_("When the organiser is not in the PSKS directory."))
    target_group = forms.ChoiceField(label=_("Target group"), required=False,
                                     choices=[("", _("As usual for the type"))] + list(TargetGroup.choices))
    participating_organisations = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"), required=False, queryset=PSKSOrganisation.objects.filter(active=True),
        widget=forms.SelectMultiple(attrs={"size": 5}))
    participants = forms.ModelMultipleChoiceField(label=_("Registered participants"), required=False,
                                                  queryset=User.objects.none(), widget=forms.MultipleHiddenInput)
    head_count = forms.IntegerField(label=_("Head count"), min_value=0, initial=0,
                                    help_text=_("Everyone present, registered or not."))
    budget_used = forms.DecimalField(label=_("Budget used (Rp)"), min_value=0, max_digits=14, decimal_places=0,
                                     initial=0)
    funding_source = forms.ModelChoiceField(label=_("Funding source"), required=False,
                                            queryset=FundingSource.objects.filter(active=True))
    photos = MultipleFileField(label=_("Photos"), required=False,
                               help_text=_("JPEG, PNG or WebP, at most 5 MB each."))
    minutes = forms.FileField(label=_("Minutes"), required=False, help_text=_("PDF or a photo, at most 5 MB."))
    notes = forms.CharField(label=_("Notes"), required=False, widget=textarea(3))

    FIELDS = ("activity_type", "title", "held_on", "place", "kelurahan", "organiser", "organiser_name",
              "target_group", "head_count", "budget_used", "funding_source", "notes")

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = persons
        self.fields["photos"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
        self.fields["minutes"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png,image/webp"
        for name in ("head_count", "budget_used"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def service_kwargs(self) -> dict:
        c = self.cleaned_data
        data = {name: c.get(name) for name in self.FIELDS}
        for name in ("organiser_name", "target_group", "notes"):
            data[name] = data[name] or ""
        return data | {
            "participants": list(c["participants"]),
            "participating_organisations": list(c["participating_organisations"])}


class ActivityEditForm(ActivityForm):
    """The activity form for a change after saving: files are added on the activity page; a reason is asked."""

    reason = forms.CharField(label=_("Reason for the change"), max_length=250,
                             help_text=_("Kept in the activity's history."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photos"], self.fields["minutes"]


class RemoveAttachmentForm(StyledForm):
    reason = forms.CharField(label=_("Why is the file removed?"), max_length=250)


class AttachmentForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("File"), help_text=_("Photos: JPEG, PNG or WebP. Minutes: also PDF. At most 5 MB."))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


# ------------------------------------------------------------------------------------ award rounds


class RoundForm(StyledForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100,
                              initial=lambda: timezone.localdate().year)
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Leave empty for the usual title."))
    winner_count = forms.IntegerField(label=_("Number of winners"), min_value=1, max_value=10, initial=3)
    judged_on = date_field(_("Judging date"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=textarea(2))


class CriteriaForm(forms.Form):
    """Up to eight rows of name, description and weight; empty rows are ignored."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        existing = list(criteria)
        for i in range(MAX_CRITERIA):
            c = existing[i] if i < len(existing) else None
            self.fields[f"name_{i}"] = forms.CharField(label=_("Criterion"), max_length=150, required=False,
                                                       initial=c.name if c else "")
            self.fields[f"description_{i}"] = forms.CharField(label=_("Description"), max_length=300,
                                                              required=False, initial=c.description if c else "")
            self.fields[f"weight_{i}"] = forms.IntegerField(label=_("Weight (%)"), required=False, min_value=1,
                                                            max_value=100, initial=c.weight if c else None)
        style(self)

    @property
    def rows(self):
        return [(self[f"name_{i}"], self[f"description_{i}"], self[f"weight_{i}"]) for i in range(MAX_CRITERIA)]

    def criteria(self) -> list[dict]:
        c = self.cleaned_data
        return [{"name": c[f"name_{i}"], "description": c[f"description_{i}"], "weight": c[f"weight_{i}"]}
                for i in range(MAX_CRITERIA) if c.get(f"name_{i}")]


class EntryForm(StyledForm):
    group = forms.ModelChoiceField(label=_("Karang Werdha group"), queryset=PSKSOrganisation.objects.none())

    def __init__(self, *args, award_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = PSKSOrganisation.objects.filter(
            kind=OrganisationKind.KARANG_WERDHA, active=True).exclude(award_entries__round=award_round)


class JurorForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    affiliation = forms.CharField(label=_("Institution"), max_length=150, required=False)
    user = forms.ModelChoiceField(label=_("Desaku user"), required=False,
                                  queryset=User.objects.filter(is_active=True).order_by("username"),
                                  help_text=_("A juror with an account can enter their own scores."))
    affiliated_group = forms.ModelChoiceField(
        label=_("Member of group"), required=False,
        queryset=PSKSOrganisation.objects.filter(kind=OrganisationKind.KARANG_WERDHA),
        help_text=_("A juror does not score the group they belong to."))


class ScoreSheetForm(forms.Form):
    """One juror's sheet: a number field per group and criterion (empty cells are left as they are)."""

    def __init__(self, *args, juror, entries, criteria, existing, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = []
        for entry in entries:
            row = []
            for criterion in criteria:
                name = f"s_{entry.pk}_{criterion.pk}"
                if juror.conflicts_with(entry):
                    row.append((criterion, None))
                    continue
                self.fields[name] = forms.DecimalField(
                    label=f"{entry.group.name} · {criterion.name}", required=False, min_value=0, max_value=100,
                    max_digits=5, decimal_places=2, initial=existing.get((entry.pk, criterion.pk)),
                    widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal",
                                                    "class": "form-control", "data-testid": name}))
                row.append((criterion, self[name]))
            self.cells.append((entry, row))

    def scores(self, entries, criteria):
        by_id = {e.pk: e for e in entries}
        crit = {c.pk: c for c in criteria}
        found = []
        for name, value in self.cleaned_data.items():
            if value is None:
                continue
            _s, entry_id, criterion_id = name.split("_")
            found.append((by_id[int(entry_id)], crit[int(criterion_id)], value))
        return found


class RoundFilter(ListFilter):
    month = None
    status = _optional(RoundStatus.choices, _("Status"))

    def narrow(self, queryset, values):
        if "status" in values:
            queryset = queryset.filter(status=values["status"])
        return queryset

