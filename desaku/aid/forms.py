"""Forms of the aid UI. They check the shape of the input; the rules live in services.py and rules.py."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.aid.models import (
    Frequency,
    LineStatus,
    PaymentMethod,
    Program,
    ProgramKind,
    RequestKind,
    StockKind,
)
from desaku.core.models import FundingSource, PPKSCategory
from desaku.people.forms import StyledForm, checked_upload, date_field
from desaku.people.models import Severity

MAX_DOCUMENTS = 3


class ProgramForm(StyledForm):
    code = forms.SlugField(label=_("Code"), max_length=30)
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgramKind.choices)
    funding_source = forms.ModelChoiceField(label=_("Funding source"), queryset=FundingSource.objects.filter(
        active=True))
    year = forms.IntegerField(label=_("Budget year"), min_value=2000, max_value=2100)
    budget = forms.DecimalField(label=_("Yearly budget (Rp)"), min_value=0, decimal_places=0, max_digits=15)
    benefit_amount = forms.DecimalField(label=_("Amount per payment (Rp)"), min_value=0, decimal_places=0,
                                        max_digits=12, required=False)
    benefit_package = forms.CharField(label=_("Package"), max_length=250, required=False)
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    duration_months = forms.IntegerField(label=_("Duration (months)"), min_value=1, max_value=120, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    # The eligibility rules, stored as data (rules.py).
    rule_alive = forms.BooleanField(label=_("Rule: alive"), required=False, initial=True)
    rule_categories = forms.ModelMultipleChoiceField(
        label=_("Rule: in one of these PPKS categories"), required=False, to_field_name="code",
        queryset=PPKSCategory.objects.filter(active=True).order_by("number"), widget=forms.SelectMultiple(
            attrs={"size": 6}))
    rule_min_age = forms.IntegerField(label=_("Rule: minimum age"), min_value=0, max_value=130, required=False)
    rule_max_age = forms.IntegerField(label=_("Rule: maximum age"), min_value=0, max_value=130, required=False)
    rule_severities = forms.MultipleChoiceField(label=_("Rule: disability severity"), required=False,
                                                choices=Severity.choices, widget=forms.SelectMultiple(attrs={"size": 3}))
    rule_domicile = forms.BooleanField(label=_("Rule: living in Kota Malang"), required=False)
    rule_decile_max = forms.IntegerField(label=_("Rule: welfare decile at most"), min_value=1, max_value=10,
                                         required=False)
    rule_conflicts = forms.ModelMultipleChoiceField(label=_("Rule: not enrolled in"), required=False,
                                                    to_field_name="code", queryset=Program.objects.none())

    FIELDS = ("code", "name", "kind", "funding_source", "year", "budget", "benefit_amount", "benefit_package",
              "frequency", "duration_months", "description", "active")

    def __init__(self, *args, program=None, **kwargs):
        if program is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(program)
        super().__init__(*args, **kwargs)
        others = Program.objects.exclude(kind=ProgramKind.RECOMMENDATION)
        self.fields["rule_conflicts"].queryset = others.exclude(pk=program.pk) if program else others
        self.fields["year"].initial = self.fields["year"].initial or timezone.localdate().year

    @classmethod
    def initial_for(cls, program):
        data = {f: getattr(program, f) for f in cls.FIELDS}
        data["funding_source"] = program.funding_source_id
        data["rule_alive"] = False
        for rule in program.rules:
            name = rule["rule"]
            if name == "alive":
                data["rule_alive"] = True
            elif name == "ppks":
                data["rule_categories"] = rule["categories"]
            elif name == "age":
                data["rule_min_age"], data["rule_max_age"] = rule.get("min"), rule.get("max")
            elif name == "disability":
                data["rule_severities"] = rule["severities"]
            elif name == "domicile_malang":
                data["rule_domicile"] = True
            elif name == "decile_max":
                data["rule_decile_max"] = rule["max"]
            elif name == "not_enrolled":
                data["rule_conflicts"] = rule["programs"]
        return data

    def rules(self) -> list:
        d = self.cleaned_data
        rules = []
        if d.get("rule_alive"):
            rules.append({"rule": "alive"})
        if d.get("rule_categories"):
            rules.append({"rule": "ppks", "categories": [c.code for c in d["rule_categories"]]})
        if d.get("rule_min_age") is not None or d.get("rule_max_age") is not None:
            rules.append({"rule": "age", "min": d.get("rule_min_age"), "max": d.get("rule_max_age")})
        if d.get("rule_severities"):
            rules.append({"rule": "disability", "severities": list(d["rule_severities"])})
        if d.get("rule_domicile"):
            rules.append({"rule": "domicile_malang"})
        if d.get("rule_decile_max"):
            rules.append({"rule": "decile_max", "max": d["rule_decile_max"]})
        if d.get("rule_conflicts"):
            rules.append({"rule": "not_enrolled", "programs": [p.code for p in d["rule_conflicts"]]})
        return rules

    def program_data(self) -> dict:
        data = {f: self.cleaned_data.get(f) for f in self.FIELDS}
        data["benefit_amount"] = data["benefit_amount"] or 0
        data["rules"] = self.rules()
        return data


class EnrolForm(StyledForm):
    reason = forms.CharField(label=_("Reason for proposal"), max_length=250, required=False)
    bank_name = forms.CharField(label=_("Bank"), max_length=60, required=False)
    account_number = forms.CharField(label=_("Account number"), max_length=30, required=False)
    account_holder = forms.CharField(label=_("Account holder"), max_length=150, required=False)


class DecisionForm(StyledForm):
    action = forms.ChoiceField(label=_("Action"), choices=[
        ("verify", _("Verify")), ("approve", _("Approve")), ("reject", _("Reject")), ("suspend", _("Suspend")),
        ("resume", _("Resume")), ("terminate", _("Terminate"))])
    note = forms.CharField(label=_("Note or reason"), max_length=250, required=False)
    start_date = date_field(_("Start"), required=False)
    end_date = date_field(_("End"), required=False)


class CycleForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=150, help_text=_("e.g. ASPD 2026 tahap 1"))
    scheduled_on = date_field(_("Distribution date"), initial=timezone.localdate)
    amount = forms.DecimalField(label=_("Amount per line (Rp)"), min_value=0, decimal_places=0, max_digits=12,
                                required=False, help_text=_("Empty: the program's amount per payment."))


class PayForm(StyledForm):
    method = forms.ChoiceField(label=_("Paid by"), choices=PaymentMethod.choices)
    paid_on = date_field(_("Paid on"), initial=timezone.localdate)
    reference = forms.CharField(label=_("Transfer reference"), max_length=100, required=False)
    received_by = forms.CharField(label=_("Received by"), max_length=150, required=False)
    evidence = forms.FileField(label=_("Signature or photo"), required=False, widget=forms.ClearableFileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}))

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            checked_upload(upload, allow_pdf=True)
        return upload


class MarkLineForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=[
        (LineStatus.UNDELIVERED, LineStatus.UNDELIVERED.label), (LineStatus.CARRIED, LineStatus.CARRIED.label),
        (LineStatus.CANCELLED, LineStatus.CANCELLED.label)])
    note = forms.CharField(label=_("Reason"), max_length=250)


class StockForm(StyledForm):
    kind = forms.ChoiceField(label=_("Movement"), choices=StockKind.choices)
    quantity = forms.IntegerField(label=_("Packages"), min_value=1)
    on = date_field(_("Date"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class RequestForm(StyledForm):
    kind = forms.ChoiceField(label=_("Letter"), choices=RequestKind.choices)
    purpose = forms.CharField(label=_("Purpose"), max_length=250)
    facility = forms.CharField(label=_("Hospital / health facility"), max_length=150, required=False)
    document_title = forms.CharField(label=_("Supporting document"), max_length=150, required=False,
                                     help_text=_("e.g. KTP, KK, surat pengantar RT/RW"))
    documents = forms.FileField(label=_("Files"), required=False, widget=forms.ClearableFileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        help_text=_("PDF or photo, at most 5 MB each."))

    def __init__(self, *args, files_list=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.files_list = files_list or []

    def clean(self):
        data = super().clean()
        if len(self.files_list) > MAX_DOCUMENTS:
            raise ValidationError(_("At most %(n)s files.") % {"n": MAX_DOCUMENTS})
        for upload in self.files_list:
            try:
                checked_upload(upload, allow_pdf=True)
            except ValidationError as exc:
                self.add_error("documents", exc)
        return data


class DocumentForm(StyledForm):
    title = forms.CharField(label=_("Document"), max_length=150)
    file = forms.FileField(label=_("File"), widget=forms.ClearableFileInput(
        attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        checked_upload(upload, allow_pdf=True)
        return upload


class RequestDecisionForm(StyledForm):
    action = forms.ChoiceField(label=_("Action"), choices=[
        ("check", _("Checked")), ("approve", _("Approve")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Note or reason"), max_length=250, required=False)


class WelfareForm(StyledForm):
    decile = forms.IntegerField(label=_("Welfare decile"), min_value=1, max_value=10, required=False)
    in_dtks = forms.BooleanField(label=_("Listed in DTKS/DTSEN"), required=False)
    recorded_on = date_field(_("As of"), initial=timezone.localdate)
    source = forms.CharField(label=_("Source"), max_length=150, required=False)
