"""Forms of the diversion pages. They check the shape of the input; the rules live in services.py."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from desaku.cases.forms import UserChoiceField, textarea
from desaku.core.models import Institution, InstitutionType, Role, User
from desaku.diversion.models import (
    ChildRole,
    DeliberationResult,
    DocumentKind,
    Event,
    Outcome,
    SpecialRouteDecision,
    StageKind,
    TermStatus,
)
from desaku.people.forms import StyledForm, date_field, style


def institutions(kind):
    return Institution.objects.filter(active=True, type=kind).order_by("name")


def peksos_for(user):
    """Peksos who may accompany: Peksos of the user's organisation (all for an administrator)."""
    users = User.objects.filter(is_active=True, groups__name=Role.PEKSOS).distinct().select_related("organisation")
    if not user.has_role(Role.ADMINISTRATOR):
        users = users.filter(organisation=user.organisation_id)
    return users.order_by("first_name", "username")


class AbhDetailsForm(StyledForm):
    role = forms.ChoiceField(label=_("Child's role"), choices=ChildRole.choices)
    offence_on = date_field(_("Date of the offence"))
    offence = forms.CharField(label=_("Offence"), max_length=200)
    article = forms.CharField(label=_("Article charged"), max_length=120, required=False)
    max_sentence_months = forms.IntegerField(label=_("Maximum sentence (months)"), min_value=0, max_value=2400,
                                             required=False, help_text=_("Diversion is mandatory under 84 months "
                                                                         "(7 years) when it is not a repeat offence."))
    repeat_offence = forms.BooleanField(label=_("Repeat offence"), required=False)
    police_unit = forms.ModelChoiceField(label=_("Police unit"), queryset=Institution.objects.none(), required=False)
    investigator = forms.CharField(label=_("Investigator"), max_length=120, required=False)
    prosecutor = forms.ModelChoiceField(label=_("Prosecutor's office"), queryset=Institution.objects.none(),
                                        required=False)
    court = forms.ModelChoiceField(label=_("Court"), queryset=Institution.objects.none(), required=False)
    bapas_officer = forms.CharField(label=_("Bapas officer (Pembimbing Kemasyarakatan)"), max_length=120,
                                    required=False)
    bapas_contact = forms.CharField(label=_("Bapas officer's contact"), max_length=60, required=False)
    peksos = UserChoiceField(label=_("Accompanying Peksos"), queryset=User.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["police_unit"].queryset = institutions(InstitutionType.POLICE)
        self.fields["prosecutor"].queryset = institutions(InstitutionType.PROSECUTOR)
        self.fields["court"].queryset = institutions(InstitutionType.COURT)
        self.fields["peksos"].queryset = peksos_for(user)
        if user is not None and user.has_role(Role.PEKSOS) and not self.is_bound and "peksos" not in self.initial:
            self.initial["peksos"] = user.pk


class AbhCreateForm(AbhDetailsForm):
    summary = forms.CharField(label=_("Presenting situation"), required=False, widget=textarea())
    opened_on = date_field(_("Start date"), initial=timezone.localdate)


class StageStartForm(StyledForm):
    kind = forms.ChoiceField(label=_("Stage"), choices=StageKind.choices)
    started_on = date_field(_("Started on (file received)"), initial=timezone.localdate)
    social_report_requested_on = date_field(_("Social report requested on"), required=False)


class StageDatesForm(StyledForm):
    def __init__(self, *args, stage=None, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Event.choices:
            if value == Event.JUDGE_ASSIGNED and stage is not None and stage.kind != StageKind.COURT:
                continue
            self.fields[value] = date_field(label, required=value == Event.STARTED)
            self.initial[value] = getattr(stage, value, None)
        style(self)  # the fields above came after StyledForm styled the (empty) form


class OutcomeForm(StyledForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[
        (Outcome.FAILED, Outcome.FAILED.label), (Outcome.NOT_APPLICABLE, Outcome.NOT_APPLICABLE.label),
        (Outcome.STOPPED, Outcome.STOPPED.label)])
    outcome_on = date_field(_("Date"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=250, required=False)


class SpecialRouteForm(StyledForm):
    special_route_decision = forms.ChoiceField(label=_("Decision"), choices=[
        c for c in SpecialRouteDecision.choices if c[0]])


class SocialReportForm(StyledForm):
    stage = forms.ModelChoiceField(label=_("Stage"), queryset=None)
    requested_on = date_field(_("Requested on"), initial=timezone.localdate)
    requested_by = forms.CharField(label=_("Requested by"), max_length=150, required=False)
    background = forms.CharField(label=_("Background of the child"), widget=textarea(4))
    family = forms.CharField(label=_("Family situation"), widget=textarea(), required=False)
    education = forms.CharField(label=_("Education and activities"), widget=textarea(), required=False)
    offence_context = forms.CharField(label=_("Circumstances of the offence"), widget=textarea(), required=False)
    assessment = forms.CharField(label=_("Social assessment"), widget=textarea(), required=False)
    recommendation = forms.CharField(label=_("Recommendation"), widget=textarea())
    submitted_on = date_field(_("Submitted on"), required=False,
                              help_text=_("Leave empty while it is a draft; the PDF is issued once submitted."))

    def __init__(self, *args, abh=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = abh.stages.all()
        self.fields["stage"].label_from_instance = lambda s: s.get_kind_display()


class SessionForm(StyledForm):
    held_on = date_field(_("Date"), initial=timezone.localdate)
    place = forms.CharField(label=_("Where"), max_length=150)
    with_whom = forms.CharField(label=_("With whom"), max_length=250)
    notes = forms.CharField(label=_("Notes"), widget=textarea(), required=False)


class DeliberationForm(StyledForm):
    held_on = date_field(_("Date"), initial=timezone.localdate)
    place = forms.CharField(label=_("Where"), max_length=150)
    facilitator = forms.CharField(label=_("Facilitator"), max_length=150)
    participants = forms.CharField(label=_("Participants (one per line)"), widget=textarea(5))
    result = forms.ChoiceField(label=_("Result"), choices=DeliberationResult.choices)
    notes = forms.CharField(label=_("Notes"), widget=textarea(), required=False)


class AgreementForm(StyledForm):
    agreed_on = date_field(_("Agreed on"), initial=timezone.localdate)
    summary = forms.CharField(label=_("Summary of the agreement"), widget=textarea(), required=False)
    terms = forms.CharField(label=_("Terms (one per line)"), widget=textarea(5),
                            help_text=_("e.g. apology to the victim, compensation, returned to the parents, "
                                        "community service"))


class RulingForm(StyledForm):
    agreement_sent_on = date_field(_("Agreement sent to the district court on"))
    ruling_on = date_field(_("Court ruling (penetapan) on"), required=False)
    ruling_number = forms.CharField(label=_("Ruling number"), max_length=80, required=False)


class TermForm(StyledForm):
    status = forms.ChoiceField(label=_("Status"), choices=TermStatus.choices)
    follow_up = forms.CharField(label=_("Follow-up"), max_length=500, required=False)


def reason_field():
    return forms.CharField(label=_("Reason for the change"), max_length=250,
                           help_text=_("Kept in the record's history."))


class SessionEditForm(SessionForm):
    reason = reason_field()


class DeliberationEditForm(DeliberationForm):
    reason = reason_field()


class DocumentForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    file = forms.FileField(label=_("File (PDF, JPEG, PNG)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = "application/pdf,image/jpeg,image/png"
