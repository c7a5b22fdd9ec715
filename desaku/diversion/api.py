"""Diversion accompaniment over REST (/api/v1/): thin callers of diversion.services and diversion.selectors.

The same protection as the pages: roles without ABH business are refused the lists (403) and get 404 on any
record; the child's name is initials for those who may not see the identity (and the person id is hidden);
every record read is access-logged.
"""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from desaku.core.api_base import ScopedViewSet
from desaku.core.models import Institution, User
from desaku.core.services import log_access
from desaku.diversion import deadlines, selectors, services
from desaku.diversion.models import (
    AbhCase,
    Agreement,
    AgreementTerm,
    ChildRole,
    Deliberation,
    DeliberationResult,
    Session,
    SocialReport,
    Stage,
    TermStatus,
)
from desaku.diversion.permissions import can_edit, can_read, can_see_identity, can_write
from desaku.people import selectors as people_selectors
from desaku.people.models import Person

urlpatterns = []  # extra non-router API paths


class DiversionPermission(permissions.BasePermission):
    """Lists need an ABH reading role; records are filtered by the queryset (404); changes need a writing role."""

    def has_permission(self, request, view):
        if not request.user.is_authenticated:
            return False
        if request.method in permissions.SAFE_METHODS:
            return view.detail or can_read(request.user)
        return can_write(request.user) or view.detail


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


@extend_schema_field(int)
class ScopedPersonField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        user = _user(self)
        return people_selectors.persons_visible_to(user) if user else Person.objects.none()


# ------------------------------------------------------------------------------------- serializers


class AbhCaseSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    case_number = serializers.CharField(source="case.number", read_only=True)
    child_name = serializers.SerializerMethodField()
    person = serializers.SerializerMethodField()
    diversion_mandatory = serializers.BooleanField(read_only=True)
    diversion_reason = serializers.CharField(read_only=True)
    phase = serializers.SerializerMethodField()

    class Meta:
        model = AbhCase
        fields = ["id", "number", "case", "case_number", "person", "child_name", "role", "offence_on", "offence",
                  "article", "max_sentence_months", "repeat_offence", "age_at_offence", "special_route",
                  "special_route_decision", "diversion_mandatory", "diversion_reason", "police_unit", "investigator",
                  "prosecutor", "court", "bapas_officer", "bapas_contact", "peksos", "stopped_on", "stop_reason",
                  "phase"]
        read_only_fields = fields

    def get_child_name(self, abh) -> str:
        return selectors.display_name(_user(self), abh)

    def get_person(self, abh) -> int | None:
        return abh.case.person_id if can_see_identity(_user(self), abh) else None

    def get_phase(self, abh) -> str:
        return selectors.phase(abh)


class OpenAbhSerializer(serializers.Serializer):
    person = ScopedPersonField(queryset=Person.objects.none())
    role = serializers.ChoiceField(choices=ChildRole.choices)
    offence_on = serializers.DateField()
    offence = serializers.CharField(max_length=200)
    article = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)
    max_sentence_months = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    repeat_offence = serializers.BooleanField(required=False, default=False)
    peksos = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True, groups__name="Peksos"))
    police_unit = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.filter(active=True, type="police"),
                                                     required=False, allow_null=True, default=None)
    prosecutor = serializers.PrimaryKeyRelatedField(
        queryset=Institution.objects.filter(active=True, type="prosecutor"), required=False, allow_null=True,
        default=None)
    court = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.filter(active=True, type="court"),
                                               required=False, allow_null=True, default=None)
    investigator = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)
    bapas_officer = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)
    summary = serializers.CharField(required=False, default="", allow_blank=True)


class DeadlineSerializer(serializers.Serializer):
    event = serializers.CharField()
    label = serializers.CharField(source="rule.label")
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    state = serializers.CharField()
    working_days = serializers.BooleanField(source="rule.working_days")


class StageSerializer(serializers.ModelSerializer):
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = Stage
        fields = ["id", "abh", "kind", "started_on", "social_report_requested_on", "social_report_submitted_on",
                  "judge_assigned_on", "diversion_started_on", "diversion_finished_on", "agreement_sent_on",
                  "ruling_on", "ruling_number", "outcome", "outcome_on", "outcome_note", "deadlines"]
        read_only_fields = fields

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, stage):
        return DeadlineSerializer(deadlines.deadlines_for(stage, timezone.localdate()), many=True).data


class StageEventsSerializer(serializers.Serializer):
    started_on = serializers.DateField(required=False)
    social_report_requested_on = serializers.DateField(required=False, allow_null=True)
    social_report_submitted_on = serializers.DateField(required=False, allow_null=True)
    judge_assigned_on = serializers.DateField(required=False, allow_null=True)
    diversion_started_on = serializers.DateField(required=False, allow_null=True)
    diversion_finished_on = serializers.DateField(required=False, allow_null=True)
    agreement_sent_on = serializers.DateField(required=False, allow_null=True)
    ruling_on = serializers.DateField(required=False, allow_null=True)


class SessionSerializer(serializers.ModelSerializer):
    abh = serializers.PrimaryKeyRelatedField(queryset=AbhCase.objects.none())

    class Meta:
        model = Session
        fields = ["id", "abh", "stage", "held_on", "place", "with_whom", "notes"]
        read_only_fields = ["stage"]

    def get_fields(self):
        fields = super().get_fields()
        user = _user(self)
        if user is not None:
            fields["abh"].queryset = selectors.abh_visible_to(user)
        return fields


class DeliberationSerializer(serializers.ModelSerializer):
    stage = serializers.PrimaryKeyRelatedField(queryset=Stage.objects.none())

    class Meta:
        model = Deliberation
        fields = ["id", "abh", "stage", "held_on", "place", "facilitator", "participants", "result", "notes"]
        read_only_fields = ["abh"]

    def get_fields(self):
        fields = super().get_fields()
        user = _user(self)
        if user is not None:
            fields["stage"].queryset = selectors.stages_visible_to(user)
        return fields


class TermSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementTerm
        fields = ["id", "description", "responsible", "due_on", "status", "follow_up", "checked_on"]
        read_only_fields = fields


class AgreementSerializer(serializers.ModelSerializer):
    abh = serializers.IntegerField(source="stage.abh_id", read_only=True)
    terms = TermSerializer(many=True, read_only=True)
    agreement_sent_on = serializers.DateField(source="stage.agreement_sent_on", read_only=True)
    ruling_on = serializers.DateField(source="stage.ruling_on", read_only=True)

    class Meta:
        model = Agreement
        fields = ["id", "abh", "stage", "deliberation", "agreed_on", "summary", "agreement_sent_on", "ruling_on",
                  "terms"]
        read_only_fields = fields


class ScopedAgreementField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        user = _user(self)
        return selectors.agreements_visible_to(user) if user else Agreement.objects.none()


class ScopedStageField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        user = _user(self)
        return selectors.stages_visible_to(user) if user else Stage.objects.none()


class ScopedDeliberationField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        user = _user(self)
        return selectors.deliberations_visible_to(user) if user else Deliberation.objects.none()


class AgreementCreateSerializer(serializers.Serializer):
    stage = ScopedStageField(queryset=Stage.objects.none())
    deliberation = ScopedDeliberationField(queryset=Deliberation.objects.none(), required=False, allow_null=True,
                                           default=None, help_text="The musyawarah where it was reached "
                                                                   "(default: the latest with an agreement).")
    agreed_on = serializers.DateField()
    summary = serializers.CharField(required=False, default="", allow_blank=True)
    terms = serializers.ListField(child=serializers.CharField(max_length=300), allow_empty=False,
                                  help_text="The terms, one string each.")


class RulingSerializer(serializers.Serializer):
    agreement_sent_on = serializers.DateField()
    ruling_on = serializers.DateField(required=False, allow_null=True, default=None)
    ruling_number = serializers.CharField(max_length=80, required=False, default="", allow_blank=True)


class TermDetailSerializer(serializers.ModelSerializer):
    agreement = ScopedAgreementField(queryset=Agreement.objects.none())
    abh = serializers.IntegerField(source="agreement.stage.abh_id", read_only=True)

    class Meta:
        model = AgreementTerm
        fields = ["id", "agreement", "abh", "description", "responsible", "due_on", "status", "follow_up",
                  "checked_on"]
        read_only_fields = ["status", "follow_up", "checked_on"]


class FollowUpSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=TermStatus.choices)
    follow_up = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
    checked_on = serializers.DateField(required=False, allow_null=True, default=None)


class SessionUpdateSerializer(serializers.Serializer):
    held_on = serializers.DateField(required=False)
    place = serializers.CharField(max_length=150, required=False)
    with_whom = serializers.CharField(max_length=250, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(max_length=250, help_text="Why the record is corrected (kept in its history).")


class DeliberationUpdateSerializer(serializers.Serializer):
    held_on = serializers.DateField(required=False)
    place = serializers.CharField(max_length=150, required=False)
    facilitator = serializers.CharField(max_length=150, required=False)
    participants = serializers.CharField(required=False)
    result = serializers.ChoiceField(choices=DeliberationResult.choices, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(max_length=250, help_text="Why the record is corrected (kept in its history).")


class SocialReportSerializer(serializers.ModelSerializer):
    """The social report; ``stage`` must belong to ``abh``. Issued reports (with a letter) are not changed."""

    abh = serializers.PrimaryKeyRelatedField(queryset=AbhCase.objects.none())
    stage = ScopedStageField(queryset=Stage.objects.none())
    letter_number = serializers.CharField(source="letter.number", read_only=True, default=None)

    class Meta:
        model = SocialReport
        fields = ["id", "abh", "stage", "requested_on", "requested_by", "background", "family", "education",
                  "offence_context", "assessment", "recommendation", "submitted_on", "letter_number"]

    def get_fields(self):
        fields = super().get_fields()
        user = _user(self)
        if user is not None:
            fields["abh"].queryset = selectors.abh_visible_to(user)
        return fields


# --------------------------------------------------------------------------------------- viewsets


class BaseViewSet(ScopedViewSet):
    """Every read of a child's record is access-logged, lists included."""

    permission_classes = [DiversionPermission]

    def list(self, request):
        page = self.paginate_queryset(self.filtered(self.get_queryset()))
        log_access(user=request.user, action="view", model_label=self.queryset.model._meta.label, object_id="*",
                   request=request, detail="api list")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        obj = self.get_object()
        log_access(user=request.user, obj=obj, action="view", request=request, detail="api")
        return Response(self.get_serializer(obj).data)

    # The writes share one shape: the input (field-level 400s), the edit check on the child's ABH case, the
    # service, an access-log entry when ``detail`` is given (the answer shows the record), the record back.

    def _input(self, request, input_class=None):
        serializer = (input_class or self.get_serializer_class())(data=request.data,
                                                                  context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _answer(self, request, record, detail: str, status_code=status.HTTP_200_OK):
        if detail:
            log_access(user=request.user, obj=record, action="view", request=request, detail=detail)
        return Response(self.get_serializer(record).data, status=status_code)

    def add(self, request, service, parent: str, *, input_class=None, detail: str = ""):
        """Create under ``parent`` (the scoped input field naming the owning record, passed on by that name)."""
        data = self._input(request, input_class)
        owner = data.pop(parent)
        _require_edit(request.user, _abh_of(owner))
        record = service(**{parent: owner}, by=request.user, **data)
        return self._answer(request, record, detail, status.HTTP_201_CREATED)

    def change(self, request, service, name: str, input_class, *, detail: str = ""):
        """Change the record of the URL, passed to ``service`` as keyword ``name``."""
        record = self.get_object()
        _require_edit(request.user, _abh_of(record))
        data = self._input(request, input_class)
        record = service(**{name: record}, by=request.user, **data)
        return self._answer(request, record, detail)


def _require_edit(user, abh):
    from django.core.exceptions import PermissionDenied

    if not can_edit(user, abh):
        raise PermissionDenied


def _abh_of(record) -> AbhCase:
    """The ABH case a record belongs to: edit rights are decided on it."""
    if isinstance(record, AgreementTerm):
        record = record.agreement
    if isinstance(record, Agreement):
        record = record.stage
    return record if isinstance(record, AbhCase) else record.abh


def _add_session(*, abh, by, **data):
    """A session belongs to the case's current stage (the latest begun)."""
    return services.add_session(abh=abh, by=by, stage=abh.stages.order_by("-started_on", "-pk").first(), **data)


@extend_schema_view(list=extend_schema(summary="ABH cases in your scope (?role=)"),
                    create=extend_schema(summary="Open an ABH case (opens the case of type ABH)",
                                         request=OpenAbhSerializer, responses={201: AbhCaseSerializer}))
class AbhCaseViewSet(BaseViewSet):
    serializer_class = AbhCaseSerializer
    queryset = AbhCase.objects.none()
    list_filters = {"role": "role"}

    def get_queryset(self):
        return selectors.abh_visible_to(self.request.user).prefetch_related("stages", "case__secondary_workers")

    def create(self, request):
        serializer = OpenAbhSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        abh = services.open_abh_case(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(abh).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Stages with their statutory deadlines (?abh=, ?kind=)"))
class StageViewSet(BaseViewSet):
    serializer_class = StageSerializer
    queryset = Stage.objects.none()
    list_filters = {"abh": "abh", "kind": "kind"}

    def get_queryset(self):
        return selectors.stages_visible_to(self.request.user).order_by("abh", "started_on", "pk")

    @extend_schema(summary="Record event dates of the stage", request=StageEventsSerializer,
                   responses={200: StageSerializer})
    @action(detail=True, methods=["post"])
    def events(self, request, pk=None):
        return self.change(request, services.record_events, "stage", StageEventsSerializer)

    @extend_schema(summary="The agreement sent to the district court and the court's ruling (penetapan)",
                   request=RulingSerializer, responses={200: StageSerializer})
    @action(detail=True, methods=["post"])
    def ruling(self, request, pk=None):
        return self.change(request, services.record_ruling, "stage", RulingSerializer, detail="api ruling")


@extend_schema_view(list=extend_schema(summary="Accompaniment sessions (?abh=)"),
                    create=extend_schema(summary="Record an accompaniment session"))
class SessionViewSet(BaseViewSet):
    serializer_class = SessionSerializer
    queryset = Session.objects.none()
    list_filters = {"abh": "abh"}

    def get_queryset(self):
        return selectors.sessions_visible_to(self.request.user).order_by("-held_on", "-pk")

    def create(self, request):
        return self.add(request, _add_session, "abh")

    @extend_schema(summary="Correct a session (with the reason)", request=SessionUpdateSerializer,
                   responses={200: SessionSerializer})
    def partial_update(self, request, pk=None):
        return self.change(request, services.update_session, "session", SessionUpdateSerializer, detail="api write")


@extend_schema_view(list=extend_schema(summary="Diversion deliberations (musyawarah) (?abh=, ?stage=)"),
                    create=extend_schema(summary="Record a musyawarah in a stage"))
class DeliberationViewSet(BaseViewSet):
    serializer_class = DeliberationSerializer
    queryset = Deliberation.objects.none()
    list_filters = {"abh": "abh", "stage": "stage"}

    def get_queryset(self):
        return selectors.deliberations_visible_to(self.request.user).order_by("-held_on", "-pk")

    def create(self, request):
        return self.add(request, services.add_deliberation, "stage")

    @extend_schema(summary="Correct a musyawarah record (with the reason)", request=DeliberationUpdateSerializer,
                   responses={200: DeliberationSerializer})
    def partial_update(self, request, pk=None):
        return self.change(request, services.update_deliberation, "deliberation", DeliberationUpdateSerializer,
                           detail="api write")


@extend_schema_view(list=extend_schema(summary="Diversion agreements with their terms (?stage=)"),
                    create=extend_schema(summary="Record the agreement of a stage (ends its diversion)",
                                         request=AgreementCreateSerializer, responses={201: AgreementSerializer}))
class AgreementViewSet(BaseViewSet):
    serializer_class = AgreementSerializer
    queryset = Agreement.objects.none()
    list_filters = {"stage": "stage"}

    def get_queryset(self):
        return selectors.agreements_visible_to(self.request.user).prefetch_related("terms").order_by(
            "-agreed_on", "-pk")

    def create(self, request):
        return self.add(request, services.record_agreement, "stage", input_class=AgreementCreateSerializer,
                        detail="api write")


@extend_schema_view(list=extend_schema(summary="Terms of the agreements and their follow-up (?agreement=)"),
                    create=extend_schema(summary="Add a term to an agreement"))
class TermViewSet(BaseViewSet):
    serializer_class = TermDetailSerializer
    queryset = AgreementTerm.objects.none()
    list_filters = {"agreement": "agreement"}

    def get_queryset(self):
        return selectors.terms_visible_to(self.request.user).order_by("agreement", "due_on", "pk")

    def create(self, request):
        return self.add(request, services.add_term, "agreement", detail="api write")

    @extend_schema(summary="Follow up a term (supervision after the ruling)", request=FollowUpSerializer,
                   responses={200: TermDetailSerializer})
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, pk=None):
        return self.change(request, services.follow_up_term, "term", FollowUpSerializer, detail="api follow-up")


@extend_schema_view(list=extend_schema(summary="Social reports (laporan sosial) (?abh=, ?stage=)"),
                    create=extend_schema(summary="Write a social report (a draft until submitted_on is given)"))
class SocialReportViewSet(BaseViewSet):
    serializer_class = SocialReportSerializer
    queryset = SocialReport.objects.none()
    list_filters = {"abh": "abh", "stage": "stage"}

    def get_queryset(self):
        return selectors.reports_visible_to(self.request.user).order_by("-requested_on", "-pk")

    def create(self, request):
        return self.add(request, services.save_social_report, "abh", detail="api write")


def register_routes(router) -> None:
    """Register this app's viewsets on the shared API router."""
    router.register("abh-cases", AbhCaseViewSet, basename="abh-case")
    router.register("abh-stages", StageViewSet, basename="abh-stage")
    router.register("abh-sessions", SessionViewSet, basename="abh-session")
    router.register("abh-deliberations", DeliberationViewSet, basename="abh-deliberation")
    router.register("abh-agreements", AgreementViewSet, basename="abh-agreement")
    router.register("abh-agreement-terms", TermViewSet, basename="abh-agreement-term")
    router.register("abh-social-reports", SocialReportViewSet, basename="abh-social-report")
