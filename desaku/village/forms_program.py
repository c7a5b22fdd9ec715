"""Forms of the program record, the inventory and the UEP grant. Shape only; rules in services_program.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from desaku.core.models import FundingSource, Institution, User
from desaku.outreach.forms import textarea
from desaku.people.forms import StyledForm, date_field
from desaku.village.forms import HouseholdChoiceField, today, user_label
from desaku.village.models import UEP_DEFAULT, Condition, LandStatus, StakeholderKind
from desaku.village.permissions import MANAGERS


class SiteForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    address = forms.CharField(label=_("Address"), max_length=250)
    land_area_m2 = forms.IntegerField(label=_("Land area (m²)"), min_value=1, required=False)
    land_used_m2 = forms.IntegerField(label=_("Land used (m²)"), min_value=0, required=False)
    land_status = forms.ChoiceField(label=_("Land status"), choices=LandStatus.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=textarea(3))
    utilities_note = forms.CharField(label=_("Utilities"), max_length=250, required=False)
    how_to_order = forms.CharField(label=_("How to order (public catalogue)"), required=False, widget=textarea(2))
    program_officer = forms.ModelChoiceField(label=_("Program officer"), required=False, queryset=User.objects.none())
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, officer_editable=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program_officer"].queryset = User.objects.filter(
            is_active=True, groups__name__in=MANAGERS).distinct().order_by("username")
        self.fields["program_officer"].label_from_instance = user_label
        if not officer_editable:
            del self.fields["program_officer"]


class NewSiteForm(SiteForm):
    code = forms.SlugField(label=_("Code"), max_length=30, help_text=_("Short name without spaces, e.g. batu-2027."))
    buildings = forms.IntegerField(label=_("Number of buildings"), min_value=0, max_value=200, initial=0)
    units_per_building = forms.IntegerField(label=_("Units per building"), min_value=1, max_value=4, initial=2)

    field_order = ["code", "name", "address"]


class GraduationForm(StyledForm):
    income = forms.DecimalField(label=_("Minimum monthly income (Rp)"), min_value=1, decimal_places=0)
    income_months = forms.IntegerField(label=_("Months running at that income"), min_value=1, max_value=12)
    attendance_pct = forms.IntegerField(label=_("Minimum mentoring attendance (%)"), min_value=0, max_value=100)
    trainings = forms.IntegerField(label=_("Trainings completed"), min_value=0, max_value=20)
    reason = forms.CharField(label=_("Reason for the change"), max_length=250)


class FundingForm(StyledForm):
    source = forms.ModelChoiceField(label=_("Funding source (reference list)"), required=False,
                                    queryset=FundingSource.objects.filter(active=True).order_by("name"))
    source_name = forms.CharField(label=_("Source"), max_length=150)
    purpose = forms.CharField(label=_("Purpose"), max_length=250)
    amount = forms.DecimalField(label=_("Amount (Rp)"), min_value=0, decimal_places=0)
    in_kind = forms.BooleanField(label=_("In kind or amount unknown"), required=False,
                                 help_text=_("Then the amount may be Rp0."))
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)
    parent = forms.ModelChoiceField(label=_("Part of (breakdown)"), required=False, queryset=None,
                                    help_text=_("Empty: a funding source of its own."))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = lines


class StakeholderForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=StakeholderKind.choices)
    role = forms.CharField(label=_("Role in the program"), max_length=250)
    institution = forms.ModelChoiceField(label=_("Institution (reference list)"), required=False,
                                         queryset=Institution.objects.order_by("name"))


class StageForm(StyledForm):
    title = forms.CharField(label=_("Stage"), max_length=200)
    started_on = date_field(_("Date"))
    ended_on = date_field(_("Until"), required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=textarea(3))


class StageDocumentForm(StyledForm):
    file = forms.FileField(label=_("Document or photo"), help_text=_("PDF, JPEG or PNG, at most 5 MB."),
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class RemoveForm(StyledForm):
    reason = forms.CharField(label=_("Reason"), max_length=250)


class RoundForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    quota = forms.IntegerField(label=_("Quota (households to accept)"), min_value=1, max_value=1000)
    opened_on = date_field(_("Opened on"), initial=today)
    closed = forms.BooleanField(label=_("Closed"), required=False)


class InventoryItemForm(StyledForm):
    name = forms.CharField(label=_("Item"), max_length=100)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=99, initial=1)
    condition = forms.ChoiceField(label=_("Condition"), choices=Condition.choices, initial=Condition.GOOD)
    reason = forms.CharField(label=_("Note (why)"), max_length=250, required=False)


class GrantForm(StyledForm):
    household = HouseholdChoiceField(label=_("Household"), queryset=None)
    amount = forms.DecimalField(label=_("Amount (Rp)"), min_value=1, max_value=100_000_000, decimal_places=0,
                                initial=UEP_DEFAULT)
    received_on = date_field(_("Received on"), initial=today)
    funding_source = forms.ModelChoiceField(label=_("Funding source"), required=False,
                                            queryset=FundingSource.objects.filter(active=True).order_by("name"))
    purpose = forms.CharField(label=_("Purpose"), max_length=250)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)

    def __init__(self, *args, households, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households
