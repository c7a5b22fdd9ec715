"""Case management over REST (/api/v1/): thin callers of cases.services and cases.selectors.

Records outside the user's scope answer 404; reading needs a case role, writing a case-writing role
and, on one case, the right to change it (a read-only share never does: 403). Confidential notes are
left out for everyone but their author, the responsible worker and supervisors.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from desaku.cases import selectors, services
from desaku.cases.models import (
    Case,
    CaseNote,
    CasePlan,
    CaseSource,
    CaseType,
    NoteKind,
    PlanAction,
    PlanGoal,
    PlanReview,
    Priority,
    Referral,
    ServiceDelivery,
    ServiceType,
)
from desaku.cases.permissions import can_edit_case, can_read, can_reopen, can_write
from desaku.core import tasklist
from desaku.core.api_base import ScopedViewSet
from desaku.core.models import ExitDestination, Institution, Task, User
from desaku.core.services import log_access
from desaku.people import selectors as people_selectors


class CasePermission(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read(request.user)
        return can_write(request.user)


def require_edit(user, case):
    if not can_edit_case(user, case):
        raise PermissionDenied


@extend_schema_field(int)
class ScopedPersonField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        request = self.context.get("request")
        return people_selectors.persons_visible_to(request.user) if request else None


# ------------------------------------------------------------------------------------- serializers


class CaseSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True)
    subject_name = serializers.CharField(read_only=True)
    worker_name = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["id", "number", "person", "household", "subject_name", "case_type", "source", "source_reference",
                  "priority", "summary", "worker", "worker_name", "organisation", "secondary_workers", "status",
                  "opened_on", "closed_on", "exit_destination", "closure_reason"]
        read_only_fields = fields

    def get_worker_name(self, case) -> str:
        return case.worker.get_full_name() or case.worker.username


@extend_schema_field(int)
class ScopedHouseholdField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        request = self.context.get("request")
        return people_selectors.households_visible_to(request.user) if request else None


class OpenCaseSerializer(serializers.Serializer):
    """Exactly one of person and household."""

    person = ScopedPersonField(queryset=None, required=False, allow_null=True, default=None)
    household = ScopedHouseholdField(queryset=None, required=False, allow_null=True, default=None)
    case_type = serializers.ChoiceField(choices=CaseType.choices)
    source = serializers.ChoiceField(choices=CaseSource.choices, default=CaseSource.WALK_IN)
    source_reference = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.MEDIUM)
    summary = serializers.CharField(required=False, default="", allow_blank=True)
    worker = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False,
                                                default=None, allow_null=True)
    opened_on = serializers.DateField(required=False, default=None, allow_null=True)

    def validate(self, attrs):
        person, household = attrs.get("person"), attrs.get("household")
        if person is None and household is None:
            raise serializers.ValidationError({"person": [_("Give the person or the household.")]})
        if person is not None and household is not None:
            raise serializers.ValidationError({"household": [_("Give the person or the household, not both.")]})
        return attrs


class CloseSerializer(serializers.Serializer):
    exit_destination = serializers.SlugRelatedField(slug_field="code",
                                                    queryset=ExitDestination.objects.filter(active=True))
    reason = serializers.CharField()
    closed_on = serializers.DateField(required=False, default=None, allow_null=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanAction
        fields = ["id", "description", "responsible", "responsible_other", "due_on", "status", "done_on"]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = PlanGoal
        fields = ["id", "description", "atensi_component", "achieved_on", "actions"]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanReview
        fields = ["id", "reviewed_on", "progress", "next_review_on", "reviewed_by"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    goals = GoalSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)

    class Meta:
        model = CasePlan
        fields = ["id", "case", "summary", "next_review_on", "goals", "reviews"]
        read_only_fields = fields


class ServiceSerializer(serializers.ModelSerializer):
    service_type = serializers.SlugRelatedField(slug_field="code", queryset=ServiceType.objects.filter(active=True))
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    provider_institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.filter(active=True),
                                                              required=False, allow_null=True, default=None)

    class Meta:
        model = ServiceDelivery
        fields = ["id", "case", "service_type", "delivered_on", "provider", "provider_institution", "quantity",
                  "amount", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["case"].queryset = Case.objects.visible_to(request.user)


class NoteSerializer(serializers.ModelSerializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    author = serializers.CharField(source="author.get_username", read_only=True)
    kind = serializers.ChoiceField(choices=NoteKind.choices, default=NoteKind.NOTE)

    class Meta:
        model = CaseNote
        fields = ["id", "case", "kind", "noted_on", "text", "confidential", "author"]
        extra_kwargs = {"noted_on": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["case"].queryset = Case.objects.visible_to(request.user)


class ReferralSerializer(serializers.ModelSerializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.filter(active=True),
                                                     required=False, allow_null=True, default=None)
    letter_number = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = ["id", "case", "institution", "internal_service", "reason", "documents", "status", "sent_on",
                  "responded_on", "response", "completed_on", "disposition_id", "letter_number"]
        read_only_fields = ["status", "sent_on", "responded_on", "response", "completed_on", "disposition_id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["case"].queryset = Case.objects.visible_to(request.user)

    def get_letter_number(self, referral) -> str:
        return referral.letter.number if referral.letter_id else ""


class ReferralStepSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[(a, a) for a in services.REFERRAL_STEPS])
    on = serializers.DateField(required=False, default=None, allow_null=True)
    response = serializers.CharField(required=False, default="", allow_blank=True)


class TaskSerializer(serializers.ModelSerializer):
    assigned_to = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False,
                                                     default=None, allow_null=True)

    class Meta:
        model = Task
        fields = ["id", "title", "detail", "assigned_to", "due_on", "status", "url", "source", "completed_at"]
        read_only_fields = ["status", "url", "source", "completed_at"]


# ---------------------------------------------------------------------------------------- viewsets


class CaseViewSetBase(ScopedViewSet):
    permission_classes = [CasePermission]


@extend_schema_view(list=extend_schema(summary="Cases in your scope (?status=, ?case_type=, ?person=, ?household=)"),
                    create=extend_schema(summary="Open a case for a person or a household",
                                         request=OpenCaseSerializer,
                                         responses={201: CaseSerializer}))
class CaseViewSet(CaseViewSetBase):
    serializer_class = CaseSerializer
    queryset = Case.objects.none()
    list_filters = {"status": "status", "case_type": "case_type", "person": "person", "household": "household"}

    def get_queryset(self):
        return selectors.cases_visible_to(self.request.user).prefetch_related("secondary_workers").order_by(
            "-opened_on", "-pk")

    def retrieve(self, request, pk=None):
        case = self.get_object()
        log_access(user=request.user, obj=case, action="view", request=request)
        return Response(self.get_serializer(case).data)

    def create(self, request):
        serializer = OpenCaseSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        case = services.open_case(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Close the case (exit destination code and reason required)", request=CloseSerializer,
                   responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        case = self.get_object()
        require_edit(request.user, case)
        serializer = CloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.close_case(case=case, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(case).data)

    @extend_schema(summary="Reopen a closed case (supervisors)", request=ReasonSerializer,
                   responses={200: CaseSerializer})
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        case = self.get_object()
        if not can_reopen(request.user):
            raise PermissionDenied
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = services.reopen_case(case=case, by=request.user, reason=serializer.validated_data["reason"])
        return Response(self.get_serializer(case).data)


@extend_schema_view(list=extend_schema(summary="Case plans of the cases in your scope (?case=)"))
class PlanViewSet(CaseViewSetBase, viewsets.mixins.ListModelMixin):
    serializer_class = PlanSerializer
    queryset = CasePlan.objects.none()
    list_filters = {"case": "case"}

    def get_queryset(self):
        return selectors.plans_visible_to(self.request.user).prefetch_related("goals__actions", "reviews").order_by(
            "pk")


@extend_schema_view(list=extend_schema(summary="Services delivered in your scope (?case=, ?service_type=code)"),
                    create=extend_schema(summary="Record a service delivered on a case"))
class ServiceViewSet(CaseViewSetBase):
    serializer_class = ServiceSerializer
    queryset = ServiceDelivery.objects.none()
    list_filters = {"case": "case", "service_type": "service_type__code"}

    def get_queryset(self):
        return selectors.services_visible_to(self.request.user).order_by("-delivered_on", "-pk")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        require_edit(request.user, case)
        service = services.record_service(case=case, by=request.user, **data)
        return Response(self.get_serializer(service).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Case notes you may read (?case=); confidential ones only for "
                                               "their author, the responsible worker and supervisors"),
                    create=extend_schema(summary="Add a note to a case"))
class NoteViewSet(CaseViewSetBase):
    serializer_class = NoteSerializer
    queryset = CaseNote.objects.none()
    list_filters = {"case": "case"}

    def get_queryset(self):
        return selectors.notes_visible_to(self.request.user).order_by("-noted_on", "-pk")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        require_edit(request.user, case)
        note = services.add_note(case=case, by=request.user, **data)
        return Response(self.get_serializer(note).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Referrals in your scope (?status=, ?case=)"),
                    create=extend_schema(summary="Draft a referral to an institution or a department service"))
class ReferralViewSet(CaseViewSetBase):
    serializer_class = ReferralSerializer
    queryset = Referral.objects.none()
    list_filters = {"status": "status", "case": "case"}

    def get_queryset(self):
        return selectors.referrals_visible_to(self.request.user).order_by("-created_at", "-pk")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        require_edit(request.user, case)
        referral = services.create_referral(case=case, by=request.user, **data)
        return Response(self.get_serializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Next step: send, accept, decline (with the response) or complete",
                   request=ReferralStepSerializer, responses={200: ReferralSerializer})
    @action(detail=True, methods=["post"])
    def step(self, request, pk=None):
        referral = self.get_object()
        require_edit(request.user, referral.case)
        serializer = ReferralStepSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = services.advance_referral(referral=referral, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(referral).data)


@extend_schema_view(list=extend_schema(summary="Your tasks (supervisors: their organisation's) (?status=open)"),
                    create=extend_schema(summary="Create a task (assigned to you unless another user is given)"))
class TaskViewSet(CaseViewSetBase):
    serializer_class = TaskSerializer
    queryset = Task.objects.none()
    list_filters = {"status": "status"}

    def get_queryset(self):
        return tasklist.tasks_visible_to(self.request.user).order_by("due_on", "pk")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        assignee = data.pop("assigned_to") or request.user
        if assignee.pk != request.user.pk and assignee.organisation_id != request.user.organisation_id:
            raise PermissionDenied
        task = tasklist.create_task(by=request.user, assigned_to=assignee, **data)
        return Response(self.get_serializer(task).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Mark the task done", request=None, responses={200: TaskSerializer})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        task = tasklist.complete_task(task=self.get_object(), by=request.user)
        return Response(self.get_serializer(task).data)


urlpatterns = []  # extra non-router API paths


def register_routes(router) -> None:
    """Register this app's viewsets on the shared API router."""
    router.register("cases", CaseViewSet, basename="case")
    router.register("case-plans", PlanViewSet, basename="case-plan")
    router.register("case-services", ServiceViewSet, basename="case-service")
    router.register("case-notes", NoteViewSet, basename="case-note")
    router.register("referrals", ReferralViewSet, basename="referral")
    router.register("tasks", TaskViewSet, basename="task")

