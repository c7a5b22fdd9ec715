"""Forms of the village UI. They check the shape of the input; the rules live in services.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.core.models import Organisation, OrganisationKind, Role, User
from desaku.outreach.forms import ListFilter, MonthField, textarea
from desaku.people.forms import StyledForm, checked_upload, date_field
from desaku.village.models import (
    CHECKLIST,
    BuyerKind,
    CandidateStatus,
    Condition,
    EndReason,
    EnterpriseKind,
    NominationSource,
    OccupancyStatus,
    SessionKind,
    UtilityKind,
)


def today():
    return timezone.localdate()


def past_date_field(label, *, required=True, initial=today, help_text=""):
    """A date that cannot be in the future (a visit, a sale, a move-in, an end: things that happened)."""
    from django.core.validators import MaxValueValidator

    field = date_field(label, required=required, initial=initial, help_text=help_text)
    field.validators.append(MaxValueValidator(today, message=_("The date is in the future.")))
    return field


def user_label(user):
    return user.get_full_name() or user.username


class HouseholdChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        head = obj.head
        return f"#{obj.pk} {head.full_name}" if head else f"#{obj.pk}"


class HouseholdMultipleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        head = obj.head
        return f"#{obj.pk} {head.full_name}" if head else f"#{obj.pk}"


# --------------------------------------------------------------------------------------------- filters


def _optional(choices, label):
    return forms.ChoiceField(label=label, required=False, choices=[("", _("All"))] + list(choices))


class CandidateFilter(ListFilter):
    status = _optional(CandidateStatus.choices, _("Status"))
    source = _optional(NominationSource.choices, _("Nominated from"))
    date_field = "nominated_on"

    def narrow(self, queryset, values):
        for name in ("status", "source"):
            if name in values:
                queryset = queryset.filter(**{name: values[name]})
        return queryset


class OccupancyFilter(ListFilter):
    status = _optional(OccupancyStatus.choices, _("Status"))
    end_reason = _optional(EndReason.choices, _("Reason"))
    date_field = "allocated_on"
    end_date_field = "ended_on"
    region_path = "unit__building__site__kelurahan"
    organisation_path = "organisation"
    household_path = "household"

    def narrow(self, queryset, values):
        for name in ("status", "end_reason"):
            if name in values:
                queryset = queryset.filter(**{name: values[name]})
        return queryset


class UnitFilter(ListFilter):
    condition = _optional(Condition.choices, _("Condition"))

    def narrow(self, queryset, values):
        if "condition" in values:
            queryset = queryset.filter(condition=values["condition"])
        return queryset


class SessionFilter(ListFilter):
    kind = _optional(SessionKind.choices, _("Kind"))
    date_field = "held_on"

    def narrow(self, queryset, values):
        if "kind" in values:
            queryset = queryset.filter(kind=values["kind"])
        return queryset


class SaleFilter(ListFilter):
    buyer_kind = _optional(BuyerKind.choices, _("Buyer"))
    date_field = "sold_on"

    def narrow(self, queryset, values):
        if "buyer_kind" in values:
            queryset = queryset.filter(buyer_kind=values["buyer_kind"])
        return queryset


# ---------------------------------------------------------------------------------------- selection


class NominateForm(StyledForm):
    household = HouseholdChoiceField(label=_("Household"), queryset=None)
    source = forms.ChoiceField(label=_("Nominated from"), choices=NominationSource.choices,
                               initial=NominationSource.DIRECT)
    source_reference = forms.CharField(label=_("Source reference (case number…)"), max_length=60, required=False)
    reason = forms.CharField(label=_("Reason for the nomination"), required=False, widget=textarea(3))

    def __init__(self, *args, households, rounds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households
        if rounds is not None and rounds.count() > 1:  # a second site: choose the round (and so the site)
            from desaku.people.forms import style

            self.fields["round"] = forms.ModelChoiceField(label=_("Selection round"), queryset=rounds)
            self.fields["round"].label_from_instance = lambda r: f"{r.site.name} · {r.name}"
            self.order_fields(["round"])
            style(self)


class UnitForm(StyledForm):
    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)
    reason = forms.CharField(label=_("Note (why)"), max_length=250, required=False)


class InitialForm(StyledForm):
    lks = forms.ModelChoiceField(label=_("LKS taking part"), queryset=Organisation.objects.filter(
        kind=OrganisationKind.LKS).order_by("name"))
    passed = forms.TypedChoiceField(label=_("Result"), coerce=lambda v: v == "1", choices=[
        ("1", _("Passed: send to the Kemensos reviewer")), ("0", _("Not passed"))])
    reviewer = forms.ModelChoiceField(label=_("Kemensos reviewer"), required=False, queryset=User.objects.none())
    note = forms.CharField(label=_("Note / reasons"), required=False, widget=textarea(3))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label, points, required in CHECKLIST:
            self.fields[f"check_{key}"] = forms.BooleanField(
                label=f"{label} ({points}{'*' if required else ''})", required=False)
        self.fields["reviewer"].queryset = User.objects.filter(
            is_active=True, groups__name=Role.PENINJAU_KEMENSOS).order_by("username")
        self.fields["reviewer"].label_from_instance = user_label
        from desaku.people.forms import style

        style(self)

    def checklist(self):
        return {key: self.cleaned_data.get(f"check_{key}", False) for key, *_rest in CHECKLIST}


class FinalForm(StyledForm):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        (CandidateStatus.ACCEPTED, _("Accepted")), (CandidateStatus.WAITING, _("Waiting list")),
        (CandidateStatus.REJECTED, _("Rejected"))])
    reasons = forms.CharField(label=_("Reasons"), widget=textarea(3))


# ---------------------------------------------------------------------------------------- occupancy


class AllocateForm(StyledForm):
    unit = forms.ModelChoiceField(label=_("Free unit"), queryset=None)
    allocated_on = past_date_field(_("Allocated on"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class MoveInForm(StyledForm):
    move_in_date = past_date_field(_("Moved in on"))


class CheckForm(StyledForm):
    checked_on = past_date_field(_("Checked on"))
    living_there = forms.BooleanField(label=_("Actually living there"), required=False, initial=True)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class WarningForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), widget=textarea(2))


class EndForm(StyledForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=EndReason.choices)
    on = past_date_field(_("Ended on"))
    decision = forms.CharField(label=_("Decision (number)"), max_length=100, required=False,
                               help_text=_("Required for an expulsion."))
    note = forms.CharField(label=_("Note"), required=False, widget=textarea(3))


class DeclineForm(StyledForm):
    note = forms.CharField(label=_("Reason"), max_length=250)


class InventoryCheckForm(StyledForm):
    on = past_date_field(_("Checked on"))
    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class UtilityForm(StyledForm):
    kind = forms.ChoiceField(label=_("Utility"), choices=UtilityKind.choices)
    month = MonthField(label=_("Month"))
    amount = forms.DecimalField(label=_("Amount (Rp)"), min_value=1, decimal_places=0)
    paid_on = date_field(_("Paid on"), initial=today)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


# ---------------------------------------------------------------------------------------- mentoring


class SessionForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    held_on = date_field(_("Date"), initial=today)
    topic = forms.CharField(label=_("Topic"), max_length=250)
    households = HouseholdMultipleField(label=_("Households"), queryset=None,
                                        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    absent = HouseholdMultipleField(label=_("Absent"), queryset=None, required=False,
                                    widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    notes = forms.CharField(label=_("Notes"), required=False, widget=textarea(3))
    follow_up = forms.CharField(label=_("Follow-up"), max_length=250, required=False)
    follow_up_due = date_field(_("Follow-up due on"), required=False)

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["households"].queryset = households
        self.fields["absent"].queryset = households


class AssignForm(StyledForm):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = User.objects.filter(
            is_active=True, groups__name__in=[Role.PENDAMPING, Role.MITRA_LKS, Role.PEKSOS]).distinct().order_by(
            "username")
        self.fields["mentor"].label_from_instance = user_label


class EndAssignmentForm(StyledForm):
    ended_on = date_field(_("Ended on"), initial=today)
    reason = forms.CharField(label=_("Reason"), max_length=250)


# -------------------------------------------------------------------------------------- enterprises


class EnterpriseForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=EnterpriseKind.choices)
    households = HouseholdMultipleField(label=_("Households"), queryset=None,
                                        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    started_on = date_field(_("Started on"), required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=textarea(2))

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["households"].queryset = households


class ProductForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(label=_("Description"), required=False, widget=textarea(2))
    unit_label = forms.CharField(label=_("Sold per"), max_length=40, initial="pcs")
    price = forms.DecimalField(label=_("Price (Rp)"), min_value=0, decimal_places=0)
    photo = forms.ImageField(label=_("Photo"), required=False)
    in_catalogue = forms.BooleanField(label=_("Show in the public catalogue"), required=False, initial=True)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    producer = forms.ModelChoiceField(label=_("Producer"), queryset=None, required=False, help_text=_(
        "A member of one of the enterprise's households."))
    producer_consent = forms.ModelChoiceField(label=_("Producer's consent to be named in the catalogue"),
                                              queryset=None, required=False, help_text=_(
                                                  "The producer's consent recorded in the registry. Without it "
                                                  "the catalogue does not name the producer."))

    def __init__(self, *args, producers=None, consents=None, hidden=(), **kwargs):
        """``producers``/``consents``: the persons (and their consents) the user may choose; ``hidden``: ids of
        persons whose identity the user may not see (shown with initials)."""
        super().__init__(*args, **kwargs)
        from desaku.people.identity import initials
        from desaku.people.models import Consent, Person

        def name(person):
            return initials(person.full_name) if person.pk in hidden else person.full_name

        self.fields["producer"].queryset = producers if producers is not None else Person.objects.none()
        self.fields["producer"].label_from_instance = name
        self.fields["producer_consent"].queryset = consents if consents is not None else Consent.objects.none()
        self.fields["producer_consent"].label_from_instance = lambda c: " · ".join(
            p for p in (name(c.person), c.given_on.strftime("%d-%m-%Y"), c.note) if p)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "read"):
            checked_upload(photo, allow_pdf=False)
        return photo


class SaleForm(StyledForm):
    sold_on = past_date_field(_("Date"))
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    unit_price = forms.DecimalField(label=_("Unit price (Rp)"), min_value=0, decimal_places=0, required=False,
                                    help_text=_("Empty: the product's price."))
    buyer_kind = forms.ChoiceField(label=_("Buyer"), choices=BuyerKind.choices)
    household = HouseholdChoiceField(label=_("Income goes to household"), queryset=None, required=False)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households


class ProductionForm(StyledForm):
    produced_on = past_date_field(_("Date"))
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class IncomeForm(StyledForm):
    month = MonthField(label=_("Month"))
    amount = forms.DecimalField(label=_("Income (Rp)"), min_value=0, decimal_places=0)
    note = forms.CharField(label=_("Sources"), max_length=250, required=False)


class ReviewForm(StyledForm):
    reviewed_on = date_field(_("Reviewed on"), initial=today)
    children_school_age = forms.IntegerField(label=_("Children of school age"), min_value=0, initial=0)
    children_in_school = forms.IntegerField(label=_("Children in school"), min_value=0, initial=0)
    has_ktp = forms.BooleanField(label=_("KTP obtained"), required=False)
    has_kk = forms.BooleanField(label=_("KK obtained"), required=False)
    has_bpjs = forms.BooleanField(label=_("BPJS obtained"), required=False)
    trainings_completed = forms.IntegerField(label=_("Trainings completed"), min_value=0, initial=0)
    has_savings = forms.BooleanField(label=_("Has savings"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=textarea(2))
