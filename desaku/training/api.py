"""Skills training over REST (/api/v1/): thin callers of training.services and training.selectors.

Records outside the user's scope answer 404, never 403. Reading needs a training role, writing a
managing role; the catalogue is written by the department only. Services' ValidationErrors become 400s.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from desaku.core.api_base import ScopedViewSet
from desaku.core.models import FundingSource, Organisation, PPKSCategory
from desaku.core.services import log_access
from desaku.outreach.api import PersonBriefSerializer, ScopedPrimaryKeyField
from desaku.people import selectors as people_selectors
from desaku.training import selectors, services
from desaku.training.models import (
    AttendanceMark,
    Batch,
    BatchStatus,
    Course,
    Enrolment,
    FollowUp,
    Session,
    SkillType,
    WorkStatus,
)
from desaku.training.permissions import can_edit_catalogue, can_read, can_write

urlpatterns = []  # extra non-router API paths


class TrainingPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read(request.user)
        return can_write(request.user)


class CataloguePermission(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read(request.user)
        return can_edit_catalogue(request.user)


# ------------------------------------------------------------------------------------------ serializers


class TrainingCourseSerializer(serializers.ModelSerializer):
    skill_type = serializers.SlugRelatedField(slug_field="code", queryset=SkillType.objects.filter(active=True))
    target_groups = serializers.SlugRelatedField(slug_field="code", many=True, required=False,
                                                 queryset=PPKSCategory.objects.filter(active=True),
                                                 help_text=_("PPKS category codes, e.g. PPKS-24."))

    class Meta:
        model = Course
        fields = ["id", "skill_type", "name", "description", "target_groups", "min_age", "sessions", "hours",
                  "min_attendance_pct", "pass_score", "active"]


class TrainingSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "batch", "date", "start_time", "end_time", "topic"]
        read_only_fields = ["batch"]


class TrainingBatchSerializer(serializers.ModelSerializer):
    course = serializers.PrimaryKeyRelatedField(queryset=Course.objects.filter(active=True))
    funding_source = serializers.SlugRelatedField(slug_field="code", required=False, allow_null=True,
                                                  queryset=FundingSource.objects.filter(active=True))
    provider_organisation = serializers.PrimaryKeyRelatedField(required=False, allow_null=True,
                                                               queryset=Organisation.objects.filter(active=True))
    sessions = TrainingSessionSerializer(many=True, read_only=True)

    class Meta:
        model = Batch
        fields = ["id", "course", "name", "provider_kind", "provider_name", "provider_organisation", "trainers",
                  "location", "start_date", "end_date", "capacity", "funding_source", "budget", "budget_used",
                  "status", "status_note", "notes", "organisation", "sessions"]
        read_only_fields = ["status", "status_note", "organisation", "budget_used"]


class TrainingBatchInputSerializer(TrainingBatchSerializer):
    start_time = serializers.TimeField(write_only=True)
    end_time = serializers.TimeField(write_only=True)
    weekdays = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=7), required=False,
                                     write_only=True, help_text=_("ISO weekdays of the sessions (1 = Monday)."))

    class Meta(TrainingBatchSerializer.Meta):
        fields = TrainingBatchSerializer.Meta.fields + ["start_time", "end_time", "weekdays"]


class TrainingStatusSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=BatchStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)


class TrainingEnrolmentSerializer(serializers.ModelSerializer):
    person = PersonBriefSerializer(read_only=True)
    certificate_number = serializers.CharField(source="certificate.number", read_only=True, default=None)

    class Meta:
        model = Enrolment
        fields = ["id", "batch", "person", "status", "source", "household", "enrolled_at", "withdrawn_on",
                  "withdrawal_reason", "final_score", "attendance_pct", "certificate_number"]
        read_only_fields = fields


class TrainingEnrolInputSerializer(serializers.Serializer):
    batch = ScopedPrimaryKeyField(scoped=lambda user: selectors.batches_visible_to(user))
    person = ScopedPrimaryKeyField(scoped=people_selectors.persons_visible_to)
    household = ScopedPrimaryKeyField(scoped=people_selectors.households_visible_to, required=False,
                                      allow_null=True, default=None)


class TrainingWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=250)


class TrainingScoreSerializer(serializers.Serializer):
    final_score = serializers.IntegerField(min_value=0, max_value=100, allow_null=True)


class TrainingMarkSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField()
    mark = serializers.ChoiceField(choices=AttendanceMark.choices)


class TrainingAttendanceInputSerializer(serializers.Serializer):
    marks = TrainingMarkSerializer(many=True)


class TrainingAttendanceRowSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField()
    mark = serializers.ChoiceField(choices=AttendanceMark.choices)


class TrainingFollowUpSerializer(serializers.ModelSerializer):
    person = PersonBriefSerializer(source="enrolment.person", read_only=True)
    batch = serializers.IntegerField(source="enrolment.batch_id", read_only=True)

    class Meta:
        model = FollowUp
        fields = ["id", "enrolment", "batch", "person", "months", "due_on", "done_on", "work_status",
                  "monthly_income", "starter_kit", "uep", "notes"]
        read_only_fields = ["id", "enrolment", "batch", "person", "months", "due_on"]


class TrainingFollowUpInputSerializer(serializers.Serializer):
    work_status = serializers.ChoiceField(choices=WorkStatus.choices)
    done_on = serializers.DateField(required=False, allow_null=True, default=None)
    monthly_income = serializers.DecimalField(max_digits=12, decimal_places=0, required=False, allow_null=True,
                                              default=None)
    starter_kit = serializers.BooleanField(required=False, default=False)
    uep = serializers.BooleanField(required=False, default=False)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


# --------------------------------------------------------------------------------------------- viewsets


class TrainingViewSet(ScopedViewSet):
    permission_classes = [TrainingPermission]


@extend_schema_view(list=extend_schema(summary="The course catalogue (?skill_type=code)"),
                    create=extend_schema(summary="Add a course (department)"))
class CourseViewSet(TrainingViewSet):
    permission_classes = [CataloguePermission]
    serializer_class = TrainingCourseSerializer
    queryset = Course.objects.none()
    list_filters = {"skill_type": "skill_type__code"}

    def get_queryset(self):
        return selectors.courses().order_by("skill_type__order", "name")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        course = services.save_course(by=request.user, target_groups=data.pop("target_groups", []), **data)
        return Response(self.get_serializer(course).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Training batches in your scope (?status=, ?course=)"),
                    create=extend_schema(summary="Create a batch and its sessions", request=TrainingBatchInputSerializer,
                                         responses={201: TrainingBatchSerializer}))
class BatchViewSet(TrainingViewSet):
    serializer_class = TrainingBatchSerializer
    queryset = Batch.objects.none()
    list_filters = {"status": "status", "course": "course_id"}

    def get_queryset(self):
        return selectors.batches_visible_to(self.request.user).prefetch_related("sessions").order_by(
            "-start_date", "-id")

    def create(self, request):
        serializer = TrainingBatchInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.setdefault("weekdays", [1, 2, 3, 4, 5])
        data.pop("sessions", None)
        batch = services.create_batch(by=request.user, **data)
        return Response(self.get_serializer(batch).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Move the batch along its status transitions (finished: completes it)",
                   request=TrainingStatusSerializer, responses={200: TrainingBatchSerializer})
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        batch = self.get_object()
        serializer = TrainingStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        batch = services.change_status(batch=batch, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=batch.pk)).data)

    @extend_schema(methods=["POST"], summary="Add a session", request=TrainingSessionSerializer,
                   responses={201: TrainingSessionSerializer})
    @action(detail=True, methods=["post"], url_path="sessions")
    def add_session(self, request, pk=None):
        batch = self.get_object()
        serializer = TrainingSessionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.add_session(batch=batch, by=request.user, **serializer.validated_data)
        return Response(TrainingSessionSerializer(session).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Enrolments in your scope (?batch=, ?person=, ?status=)"),
                    create=extend_schema(summary="Enrol a person (eligibility, overlap, capacity → waiting list)",
                                         request=TrainingEnrolInputSerializer, responses={201: TrainingEnrolmentSerializer}))
class EnrolmentViewSet(TrainingViewSet):
    serializer_class = TrainingEnrolmentSerializer
    queryset = Enrolment.objects.none()
    list_filters = {"batch": "batch_id", "person": "person_id", "status": "status"}

    def get_queryset(self):
        return selectors.enrolments_visible_to(self.request.user).order_by("batch", "enrolled_at", "id")

    def retrieve(self, request, pk=None):
        enrolment = self.get_object()
        log_access(user=request.user, obj=enrolment, action="view", detail="api", request=request)
        return Response(self.get_serializer(enrolment).data)

    def create(self, request):
        serializer = TrainingEnrolInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        enrolment = services.enrol(batch=data["batch"], person=data["person"], by=request.user,
                                   household=data.get("household"),
                                   source="household" if data.get("household") else "registry")
        return Response(self.get_serializer(enrolment).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Withdraw with a reason (the first on the waiting list moves up)",
                   request=TrainingWithdrawSerializer, responses={200: TrainingEnrolmentSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        enrolment = self.get_object()
        serializer = TrainingWithdrawSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.withdraw(enrolment=enrolment, by=request.user, reason=serializer.validated_data["reason"])
        return Response(self.get_serializer(self.get_queryset().get(pk=enrolment.pk)).data)

    @extend_schema(summary="Record the final assessment score", request=TrainingScoreSerializer,
                   responses={200: TrainingEnrolmentSerializer})
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        enrolment = self.get_object()
        serializer = TrainingScoreSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.record_scores(batch=enrolment.batch, by=request.user,
                               scores={enrolment.pk: serializer.validated_data["final_score"]})
        return Response(self.get_serializer(self.get_queryset().get(pk=enrolment.pk)).data)


@extend_schema_view(list=extend_schema(summary="Sessions of the batches in your scope (?batch=)"))
class SessionViewSet(TrainingViewSet):
    serializer_class = TrainingSessionSerializer
    queryset = Session.objects.none()
    list_filters = {"batch": "batch_id"}

    def get_queryset(self):
        return selectors.sessions_visible_to(self.request.user).order_by("date", "start_time", "id")

    @extend_schema(methods=["GET"], summary="The session's attendance marks",
                   responses=TrainingAttendanceRowSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Save the session's attendance grid",
                   request=TrainingAttendanceInputSerializer, responses=TrainingAttendanceRowSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def attendance(self, request, pk=None):
        session = self.get_object()
        if request.method == "POST":
            serializer = TrainingAttendanceInputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            services.record_attendance(session=session, by=request.user, marks={
                m["enrolment"]: m["mark"] for m in serializer.validated_data["marks"]})
        rows = [{"enrolment": a.enrolment_id, "mark": a.mark} for a in session.attendance.order_by("enrolment_id")]
        return Response(TrainingAttendanceRowSerializer(rows, many=True).data)


@extend_schema_view(list=extend_schema(summary="Outcome follow-ups in your scope (?due=1, ?months=3)"))
class FollowUpViewSet(TrainingViewSet):
    serializer_class = TrainingFollowUpSerializer
    queryset = FollowUp.objects.none()
    list_filters = {"months": "months", "enrolment": "enrolment_id"}

    def get_queryset(self):
        items = selectors.follow_ups_visible_to(self.request.user).order_by("due_on", "id")
        if self.request.query_params.get("due") == "1":
            items = items.filter(pk__in=selectors.follow_ups_due(self.request.user).values("pk"))
        return items

    @extend_schema(summary="Record the outcome (work, income, starter kit / UEP)", request=TrainingFollowUpInputSerializer,
                   responses={200: TrainingFollowUpSerializer})
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        item = self.get_object()
        serializer = TrainingFollowUpInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.record_follow_up(follow_up=item, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)


def register_routes(router) -> None:
    """Register this app's viewsets on the shared API router."""
    router.register("training-courses", CourseViewSet, basename="training-course")
    router.register("training-batches", BatchViewSet, basename="training-batch")
    router.register("training-enrolments", EnrolmentViewSet, basename="training-enrolment")
    router.register("training-sessions", SessionViewSet, basename="training-session")
    router.register("training-follow-ups", FollowUpViewSet, basename="training-follow-up")
