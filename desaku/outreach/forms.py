"""Forms of the outreach UI. They check the shape of the input; the rules live in services.py."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.core.models import ExitClass, ExitDestination, Institution, PPKSCategory, Region, Role, User
from desaku.outreach.models import (
    ATENSI_COMPONENTS,
    EXPLOITATION_INDICATORS,
    Activity,
    Company,
    DispositionKind,
    DispositionStatus,
    EncounterOutcome,
    IdentityStatus,
    OperationKind,
    PreventiveKind,
    RiskLevel,
    Shelter,
    StayStatus,
)
from desaku.outreach.permissions import WRITERS
from desaku.people import listfilters
from desaku.people.forms import KelurahanField, RegionField, StyledForm, checked_upload, date_field, style
from desaku.people.models import Sex

MAX_PHOTOS = 10
KIND_FIELDS = {  # which disposition details belong to which kind (shown/hidden in the form)
    "conditions": ("released",),
    "receiver_name": ("returned",),
    "receiver_relationship": ("returned",),
    "receiver_address": ("returned",),
    "destination_region": ("repatriated",),
    "travel_arrangement": ("repatriated",),
    "institution": ("placed", "referred", "court", "health"),
}


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def now_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


def textarea(rows=2):
    return forms.Textarea(attrs={"rows": rows})


def institutions():
    return Institution.objects.filter(active=True).order_by("name")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos at once; each is checked by content (Pillow), at most 5 MB."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_PHOTOS:
            raise ValidationError(_("At most %(count)s photos at once.") % {"count": MAX_PHOTOS})
        cleaned = [super(MultipleImageField, self).clean(f, initial) for f in files]
        for upload in cleaned:
            checked_upload(upload, allow_pdf=False)
        return cleaned


# ---------------------------------------------------------------------------------------- filters


class MonthField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "month"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            year, month = (int(p) for p in value.split("-"))
            return date(year, month, 1)
        except ValueError as exc:
            raise ValidationError(_("Choose a month.")) from exc


def kecamatan_choices():
    return [("", _("All kecamatan"))] + [
        (r.code, r.name) for r in Region.objects.filter(level=3, code__startswith="35.73.").order_by("code")]


class ListFilter(forms.Form):
    """Filters of a list page; ``apply`` narrows a (scoped) queryset. Exports take the same filters.

    The paths below add the filters the list shares with the dashboard (date range, place, organisation, PPKS
    category; see desaku/people/listfilters.py), so a figure's link lists exactly what it counted."""

    month = MonthField(label=_("Month"), required=False)
    date_field = ""
    end_date_field = ""
    region_path = ""
    organisation_path = ""
    person_path = ""
    household_path = ""

    def __init__(self, data=None, *, user=None, **kwargs):
        super().__init__(data if data else None, **kwargs)
        self.user = user
        listfilters.add_fields(self, user=user, **self._paths())
        style(self)

    def _paths(self) -> dict:
        return {name: getattr(self, name) for name in ("date_field", "end_date_field", "region_path",
                                                       "organisation_path", "person_path", "household_path")}

    def values(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def apply(self, queryset):
        values = self.values()
        month = values.pop("month", None)
        if month is not None and self.date_field:
            queryset = queryset.filter(**{f"{self.date_field}__year": month.year,
                                          f"{self.date_field}__month": month.month})
        queryset = listfilters.narrow(queryset, values, user=self.user, month=month, **self._paths())
        for name in ("from", "to", "ended_from", "ended_to", "kelurahan", "organisation", "category"):
            values.pop(name, None)
        if self.region_path:
            values.pop("kecamatan", None)
        return self.narrow(queryset, values)

    def narrow(self, queryset, values):
        return queryset

    def describe(self) -> str:
        """The filters as text for the access log of an export."""
        return ", ".join(f"{k}={v:%Y-%m}" if k == "month" else f"{k}={v}" for k, v in self.values().items())


def _optional(choices, label):
    return forms.ChoiceField(label=label, required=False, choices=[("", _("All"))] + list(choices))


class OperationFilter(ListFilter):
    kind = _optional(OperationKind.choices, _("Type"))
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False, choices=kecamatan_choices)
    date_field = "started_at"
    region_path = "kelurahan"
    organisation_path = "organisation"

    def narrow(self, queryset, values):
        if "kind" in values:
            queryset = queryset.filter(kind=values["kind"])
        if "kecamatan" in values:
            queryset = queryset.filter(kelurahan__code__startswith=values["kecamatan"] + ".")
        return queryset


class EncounterFilter(ListFilter):
    activity = _optional(Activity.choices, _("Doing"))
    outcome = _optional(EncounterOutcome.choices, _("Outcome"))
    returns = forms.BooleanField(label=_("Back on the street only"), required=False)
    exploitation = forms.BooleanField(label=_("Possible exploitation only"), required=False)
    date_field = "encountered_at"
    region_path = "operation__kelurahan"
    organisation_path = "operation__organisation"
    person_path = "person"

    def narrow(self, queryset, values):
        for name in ("activity", "outcome"):
            if name in values:
                queryset = queryset.filter(**{name: values[name]})
        if values.get("returns"):
            queryset = queryset.filter(previous_disposition__isnull=False)
        if values.get("exploitation"):
            queryset = queryset.filter(possible_exploitation=True)
        return queryset


class StayFilter(ListFilter):
    status = _optional(StayStatus.choices, _("Status"))
    shelter = forms.ModelChoiceField(label=_("Shelter"), required=False, queryset=Shelter.objects.all(),
                                     empty_label=_("All"))
    date_field = "admitted_on"
    end_date_field = "ended_on"
    region_path = "encounter__operation__kelurahan"
    organisation_path = "organisation"
    person_path = "person"

    def narrow(self, queryset, values):
        if "status" in values:
            queryset = queryset.filter(status=values["status"])
        if "shelter" in values:
            queryset = queryset.filter(shelter=values["shelter"])
        return queryset


class DispositionFilter(ListFilter):
    status = _optional(DispositionStatus.choices, _("Status"))
    kind = _optional(DispositionKind.choices, _("Disposition"))
    exit_class = _optional(ExitClass.choices, _("Destination class"))
    date_field = "decided_on"
    region_path = "stay__encounter__operation__kelurahan"
    organisation_path = "stay__organisation"
    person_path = "stay__person"

    def narrow(self, queryset, values):
        for name in ("status", "kind"):
            if name in values:
                queryset = queryset.filter(**{name: values[name]})
        if "exit_class" in values:
            queryset = queryset.filter(exit_destination__exit_class=values["exit_class"])
        return queryset


class ActivityFilter(ListFilter):
    kind = _optional(PreventiveKind.choices, _("Type"))
    date_field = "held_on"

    def narrow(self, queryset, values):
        if "kind" in values:
            queryset = queryset.filter(kind=values["kind"])
        return queryset


# ------------------------------------------------------------------------------------- operations


def team_choices(user):
    """Colleagues of the same organisation who work in outreach (the creator is added anyway)."""
    users = User.objects.filter(is_active=True, groups__name__in=WRITERS).exclude(pk=user.pk)
    if user.organisation_id:
        users = users.filter(organisation=user.organisation_id)
    return users.distinct().order_by("first_name", "username")


def user_label(user):
    return user.get_full_name() or user.username


class OperationForm(StyledForm):
    kind = forms.ChoiceField(label=_("Type"), choices=OperationKind.choices, initial=OperationKind.PATROL)
    started_at = forms.DateTimeField(label=_("Start"), initial=now_minute, widget=DateTimeInput())
    ended_at = forms.DateTimeField(label=_("End"), required=False, widget=DateTimeInput())
    kelurahan = KelurahanField(label=_("Kelurahan"), required=False)
    place = forms.CharField(label=_("Place"), max_length=250,
                            help_text=_("e.g. Alun-alun Merdeka, perempatan Kayutangan"))
    latitude = forms.DecimalField(label=_("Latitude"), required=False, max_digits=9, decimal_places=6,
                                  min_value=-90, max_value=90)
    longitude = forms.DecimalField(label=_("Longitude"), required=False, max_digits=9, decimal_places=6,
                                   min_value=-180, max_value=180)
    team = forms.ModelMultipleChoiceField(label=_("Team members"), required=False, queryset=User.objects.none(),
                                          widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies"), required=False, queryset=Institution.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Satpol PP, Polresta and others who took part."))
    report_reference = forms.CharField(label=_("Public report reference"), max_length=150, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=textarea(3))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = team_choices(user)
        self.fields["team"].label_from_instance = user_label
        self.fields["agencies"].queryset = institutions()
        for name in ("latitude", "longitude"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "step": "any"})


# ---------------------------------------------------------------------------------- quick capture


class CaptureForm(StyledForm):
    """One phone screen: who (an existing person, or a minimal new one) and what happened."""

    nickname = forms.CharField(label=_("Name or nickname"), max_length=150, required=False,
                               help_text=_("As the person gives it, or a street name."))
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN, required=False)
    estimated_age = forms.IntegerField(label=_("Estimated age"), required=False, min_value=0, max_value=120)
    description = forms.CharField(label=_("Description"), required=False, widget=textarea(2),
                                  help_text=_("Clothes, build, marks: what helps to recognise the person."))
    photo = forms.FileField(label=_("Photo"), required=False, widget=forms.ClearableFileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp", "capture": "environment"}),
        help_text=_("Optional. JPEG, PNG or WebP, at most 5 MB."))
    encountered_at = forms.DateTimeField(label=_("Time"), initial=now_minute, widget=DateTimeInput())
    place = forms.CharField(label=_("Where exactly"), max_length=250, required=False,
                            help_text=_("Leave empty for the operation's place."))
    activity = forms.ChoiceField(label=_("Doing"), choices=Activity.choices, widget=forms.RadioSelect)
    company = forms.ChoiceField(label=_("With whom"), choices=Company.choices, initial=Company.ALONE,
                                widget=forms.RadioSelect)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=EncounterOutcome.choices, widget=forms.RadioSelect)
    referred_to = forms.ModelChoiceField(label=_("Referred to"), required=False, queryset=Institution.objects.none())
    notes = forms.CharField(label=_("Notes"), required=False, widget=textarea(2))

    PERSON_FIELDS = ("nickname", "sex", "estimated_age", "description", "photo")
    ENCOUNTER_FIELDS = ("encountered_at", "place", "activity", "company", "outcome", "referred_to", "notes")

    def __init__(self, *args, person_chosen=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.person_chosen = person_chosen
        self.fields["referred_to"].queryset = institutions()
        self.fields["nickname"].widget.attrs.update({"autocomplete": "off", "autocapitalize": "words"})
        self.fields["estimated_age"].widget.attrs.update({"inputmode": "numeric"})

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            checked_upload(upload, allow_pdf=False)
        return upload

    def clean(self):
        data = super().clean()
        if not self.person_chosen and not (data.get("nickname") or "").strip():
            self.add_error("nickname", _("Enter a name or nickname, or pick a person from the registry."))
        return data

    def person_data(self) -> dict:
        """A minimal registry record, to be completed later."""
        c = self.cleaned_data
        data = {"full_name": c["nickname"], "name_quality": "partial", "sex": c.get("sex") or Sex.UNKNOWN,
                "physical_description": c.get("description") or ""}
        if c.get("estimated_age") is not None:
            data.update(estimated_age=c["estimated_age"], age_estimated_on=timezone.localdate())
        return data

    def encounter_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.ENCOUNTER_FIELDS}


# ------------------------------------------------------------------------------------------ stays


def peksos_choices(user):
    users = User.objects.filter(is_active=True, groups__name=Role.PEKSOS)
    if user.organisation_id and not user.has_role(Role.ADMINISTRATOR):
        users = users.filter(organisation=user.organisation_id)
    return users.distinct().order_by("first_name", "username")


class ShelterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        occupied = getattr(obj, "occupied", None)
        if occupied is None:
            return obj.name
        return f"{obj.name} ({occupied}/{obj.capacity})"


def shelters_with_occupancy():
    from django.db.models import Count, Q

    return Shelter.objects.filter(active=True).annotate(
        occupied=Count("stays", filter=Q(stays__status=StayStatus.OPEN)))


class AdmitForm(StyledForm):
    shelter = ShelterChoiceField(label=_("Shelter"), queryset=Shelter.objects.none(),
                                 help_text=_("Occupied / capacity."))
    responsible_worker = forms.ModelChoiceField(label=_("Responsible Peksos"), required=False,
                                                queryset=User.objects.none(),
                                                help_text=_("Leave empty to be responsible yourself."))
    admitted_on = date_field(_("Admitted on"), initial=timezone.localdate)
    over_capacity_reason = forms.CharField(
        label=_("Reason for admitting over capacity"), max_length=250, required=False,
        help_text=_("Only a Kepala Bidang can admit to a full shelter, with a reason."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shelter"].queryset = shelters_with_occupancy()
        self.fields["responsible_worker"].queryset = peksos_choices(user)
        self.fields["responsible_worker"].label_from_instance = user_label
        if user.has_role(Role.PEKSOS):
            self.fields["responsible_worker"].initial = user.pk


class ExtendForm(StyledForm):
    reason = forms.CharField(label=_("Reason for the extension"), widget=textarea(3))


class TransferForm(StyledForm):
    to_shelter = ShelterChoiceField(label=_("To shelter"), queryset=Shelter.objects.none())
    on = date_field(_("Date"), initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=250)
    over_capacity_reason = forms.CharField(
        label=_("Reason for admitting over capacity"), max_length=250, required=False,
        help_text=_("Only a Kepala Bidang can move a person into a full shelter, with a reason."))

    def __init__(self, *args, stay, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_shelter"].queryset = shelters_with_occupancy().exclude(pk=stay.shelter_id)


# ------------------------------------------------------------------------------------- assessment


class AssessmentForm(forms.Form):
    assessed_on = date_field(_("Assessed on"), initial=timezone.localdate)
    identity_status = forms.ChoiceField(label=_("Identity verification"), choices=IdentityStatus.choices)
    origin_region = RegionField(label=_("Area of origin"), required=False)
    family_contact = forms.CharField(label=_("Family contact"), required=False, widget=textarea(),
                                     help_text=_("Who, where, phone; whether they were reached."))
    health = forms.CharField(label=_("Health"), required=False, widget=textarea())
    clinic_referral = forms.BooleanField(label=_("Referred to a clinic"), required=False)
    disability = forms.CharField(label=_("Disability"), required=False, widget=textarea())
    education = forms.CharField(label=_("Education"), required=False, widget=textarea())
    income_sources = forms.CharField(label=_("Income sources"), required=False, widget=textarea())
    exploitation_indicators = forms.MultipleChoiceField(
        label=_("Exploitation indicators"), required=False, choices=EXPLOITATION_INDICATORS,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    categories = forms.ModelMultipleChoiceField(
        label=_("PPKS categories"), required=False, queryset=PPKSCategory.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("New categories are added to the person's classifications in the registry."))
    risk_level = forms.ChoiceField(label=_("Risk level"), choices=RiskLevel.choices)
    recommendation = forms.ChoiceField(label=_("Recommended disposition"), choices=DispositionKind.choices)
    recommendation_note = forms.CharField(label=_("Recommendation"), required=False, widget=textarea(3))

    DETAIL_FIELDS = ("origin_region", "family_contact", "health", "clinic_referral", "disability", "education",
                     "income_sources", "recommendation_note")

    def __init__(self, *args, sensitive=False, **kwargs):
        super().__init__(*args, **kwargs)
        categories = PPKSCategory.objects.filter(active=True)
        if not sensitive:
            categories = categories.filter(is_sensitive=False)
        self.fields["categories"].queryset = categories
        for key, label in ATENSI_COMPONENTS:
            self.fields[f"need_{key}"] = forms.CharField(label=label, required=False, widget=textarea())
        style(self)

    @property
    def need_fields(self):
        return [self[f"need_{key}"] for key, _label in ATENSI_COMPONENTS]

    def service_kwargs(self) -> dict:
        c = self.cleaned_data
        needs = {key: c[f"need_{key}"].strip() for key, _label in ATENSI_COMPONENTS if c.get(f"need_{key}", "").strip()}
        return {"assessed_on": c["assessed_on"], "identity_status": c["identity_status"],
                "risk_level": c["risk_level"], "recommendation": c["recommendation"], "needs": needs,
                "exploitation_indicators": c["exploitation_indicators"], "categories": list(c["categories"]),
                **{name: c[name] for name in self.DETAIL_FIELDS}}

    @staticmethod
    def initial_from(assessment) -> dict:
        if assessment is None:
            return {}
        initial = {name: getattr(assessment, name) for name in AssessmentForm.DETAIL_FIELDS}
        initial["origin_region"] = assessment.origin_region_id or ""
        initial.update(identity_status=assessment.identity_status, risk_level=assessment.risk_level,
                       recommendation=assessment.recommendation,
                       exploitation_indicators=assessment.exploitation_indicators,
                       categories=list(assessment.ppks_categories.values_list("pk", flat=True)))
        for key, note in (assessment.needs or {}).items():
            initial[f"need_{key}"] = note
        return initial


class OpinionForm(StyledForm):
    participant = forms.CharField(label=_("Participant"), max_length=150)
    role = forms.CharField(label=_("Role / agency"), max_length=150)
    opinion = forms.CharField(label=_("Opinion"), widget=textarea(3))
    recommended = forms.ChoiceField(label=_("Recommends"), required=False,
                                    choices=[("", "—")] + list(DispositionKind.choices))


# ------------------------------------------------------------------------------------ disposition


class DispositionForm(StyledForm):
    kind = forms.ChoiceField(label=_("Disposition"), choices=DispositionKind.choices)
    decided_on = date_field(_("Date"), initial=timezone.localdate)
    conditions = forms.CharField(label=_("Conditions"), required=False, widget=textarea(3),
                                 help_text=_("What the person promises; printed in the statement letter."))
    receiver_name = forms.CharField(label=_("Received by"), max_length=150, required=False)
    receiver_relationship = forms.CharField(label=_("Relationship"), max_length=60, required=False)
    receiver_address = forms.CharField(label=_("Address"), max_length=250, required=False)
    destination_region = RegionField(label=_("Area of origin"), required=False)
    travel_arrangement = forms.CharField(label=_("Travel arrangement"), max_length=250, required=False)
    institution = forms.ModelChoiceField(label=_("Institution"), required=False, queryset=Institution.objects.none())
    exit_destination = forms.ModelChoiceField(
        label=_("Exit destination"), required=False, queryset=ExitDestination.objects.filter(active=True),
        empty_label=_("As usual for this disposition"))
    notes = forms.CharField(label=_("Notes"), required=False, widget=textarea(3))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions()

    @property
    def kind_fields(self):
        return [(self[name], " ".join(kinds)) for name, kinds in KIND_FIELDS.items()]

    def service_kwargs(self) -> dict:
        c = self.cleaned_data
        details = {name: c[name] for name in KIND_FIELDS if c.get(name) not in (None, "")}
        return {"kind": c["kind"], "decided_on": c["decided_on"], "exit_destination": c.get("exit_destination"),
                "notes": c.get("notes") or "", **details}


class ReviewForm(StyledForm):
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


# ------------------------------------------------------------------------------------- preventive


class ActivityForm(StyledForm):
    kind = forms.ChoiceField(label=_("Type"), choices=PreventiveKind.choices)
    held_on = date_field(_("Date"), initial=timezone.localdate)
    place = forms.CharField(label=_("Place"), max_length=250)
    kelurahan = KelurahanField(label=_("Kelurahan"), required=False)
    organiser = forms.CharField(label=_("Organiser"), max_length=150)
    topic = forms.CharField(label=_("Topic"), max_length=250)
    participants = forms.ModelMultipleChoiceField(label=_("Registered participants"), required=False,
                                                  queryset=User.objects.none(),
                                                  widget=forms.MultipleHiddenInput)
    head_count = forms.IntegerField(label=_("Head count"), min_value=0, initial=0,
                                    help_text=_("Everyone present, registered or not."))
    photos = MultipleImageField(label=_("Photos"), required=False,
                                help_text=_("JPEG, PNG or WebP, at most 5 MB each."))
    notes = forms.CharField(label=_("Notes"), required=False, widget=textarea(3))

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = persons
        self.fields["head_count"].widget.attrs["inputmode"] = "numeric"

    def service_kwargs(self) -> dict:
        c = self.cleaned_data
        return {name: c[name] for name in ("kind", "held_on", "place", "kelurahan", "organiser", "topic",
                                           "head_count", "notes")} | {"participants": list(c["participants"])}

