"""Social aid over REST (/api/v1/aid-…): thin callers of aid.services and aid.selectors.

Records outside the user's scope answer 404. Reading needs an aid role, writing a proposing role; the
services refuse verification, approval and payment to the wrong roles (403, or 400 with the message for
approvals), and a service's ValidationError becomes a 400 with field messages.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from desaku.aid import eligibility, selectors, services
from desaku.aid import rules as R
from desaku.aid.models import (
    Cycle,
    CycleLine,
    Enrolment,
    PaymentMethod,
    Program,
    RecommendationRequest,
    RequestDocument,
    RequestKind,
)
from desaku.aid.permissions import can_propose, can_read
from desaku.core.api_base import ScopedViewSet
from desaku.core.models import FundingSource
from desaku.core.services import log_access
from desaku.people import selectors as people_selectors


class AidPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read(request.user)
        return can_propose(request.user)


def _person(user, pk):
    person = people_selectors.persons_visible_to(user).filter(pk=pk).first()
    if person is None:
        raise serializers.ValidationError({"person": ["Not found."]})
    return person


class AidProgramSerializer(serializers.ModelSerializer):
    funding_source = serializers.SlugRelatedField(slug_field="code", queryset=FundingSource.objects.all())
    rules_text = serializers.SerializerMethodField()

    class Meta:
        model = Program
        fields = ["id", "code", "name", "kind", "funding_source", "year", "budget", "benefit_amount",
                  "benefit_package", "frequency", "duration_months", "rules", "rules_text", "description", "active"]

    def get_rules_text(self, program) -> str:
        return R.describe(program.rules)

    def validate_rules(self, value):
        return R.validate(value)


class AidFailureSerializer(serializers.Serializer):
    rule = serializers.CharField()
    reason = serializers.CharField()


class AidEligibilitySerializer(serializers.Serializer):
    program = serializers.CharField()
    program_id = serializers.IntegerField()
    eligible = serializers.BooleanField()
    failures = AidFailureSerializer(many=True)
    enrolment = serializers.IntegerField(allow_null=True)


class AidPersonBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    registration_number = serializers.CharField()


class AidEnrolmentSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "program", "person", "person_name", "status", "start_date", "end_date", "reason",
                  "end_reason", "bank_name", "account_number", "account_holder", "created_at"]
        read_only_fields = fields


class AidEnrolmentInputSerializer(serializers.Serializer):
    program = serializers.PrimaryKeyRelatedField(queryset=Program.objects.all())
    person = serializers.IntegerField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=250)
    bank_name = serializers.CharField(required=False, allow_blank=True, max_length=60)
    account_number = serializers.CharField(required=False, allow_blank=True, max_length=30)
    account_holder = serializers.CharField(required=False, allow_blank=True, max_length=150)


class AidDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=250)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)


class AidCycleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cycle
        fields = ["id", "program", "name", "scheduled_on", "amount", "status", "line_count", "excluded_count",
                  "total", "approved_on"]
        read_only_fields = ["status", "line_count", "excluded_count", "total", "approved_on"]
        extra_kwargs = {"amount": {"required": False, "allow_null": True}}


class AidLineSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = CycleLine
        fields = ["id", "cycle", "enrolment", "person", "person_name", "amount", "status", "method", "reference",
                  "received_by", "paid_on", "note"]
        read_only_fields = fields


class AidPaySerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    paid_on = serializers.DateField(required=False, allow_null=True)
    reference = serializers.CharField(required=False, allow_blank=True, max_length=100)
    received_by = serializers.CharField(required=False, allow_blank=True, max_length=150)
    note = serializers.CharField(required=False, allow_blank=True, max_length=250)


class AidDocumentSerializer(serializers.ModelSerializer):
    """A supporting document; the file is served only by the permission-checked page (``url``)."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = RequestDocument
        fields = ["id", "title", "url"]
        read_only_fields = fields

    def get_url(self, document) -> str:
        from django.urls import reverse

        return reverse("aid:document_download", args=[document.pk])


class AidDocumentInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=150)
    file = serializers.FileField(help_text="PDF, JPEG, PNG or WebP, checked by its content; at most 5 MB")

    def validate_file(self, upload):
        from django.core.exceptions import ValidationError as DjangoValidationError

        from desaku.people.forms import checked_upload

        try:
            checked_upload(upload, allow_pdf=True)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload


class AidRequestSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    letter_number = serializers.CharField(source="letter.number", read_only=True, default=None)
    letter_revoked = serializers.SerializerMethodField()
    documents = AidDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = RecommendationRequest
        fields = ["id", "kind", "person", "person_name", "purpose", "facility", "status", "check_notes",
                  "decision_note", "valid_until", "letter_number", "letter_revoked", "withdrawn_at",
                  "withdraw_reason", "documents", "created_at"]
        read_only_fields = fields

    def get_letter_revoked(self, item) -> bool:
        return bool(item.letter_id and item.letter.revoked_at)


class AidReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=250)


class AidRequestInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    person = serializers.IntegerField()
    purpose = serializers.CharField(max_length=250)
    facility = serializers.CharField(required=False, allow_blank=True, max_length=150)


class AidRequestDecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=250)


class AidViewSet(ScopedViewSet):
    permission_classes = [AidPermission]

    def _answer(self, obj, code=status.HTTP_200_OK):
        return Response(self.get_serializer(obj).data, status=code)


@extend_schema_view(list=extend_schema(summary="Aid programs with their eligibility rules (?kind=, ?year=)"),
                    create=extend_schema(summary="Create a program (rules as data)"))
class ProgramViewSet(AidViewSet):
    serializer_class = AidProgramSerializer
    queryset = Program.objects.none()
    list_filters = {"kind": "kind", "year": "year"}

    def get_queryset(self):
        return selectors.programs().order_by("-year", "name")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        program = services.save_program(by=request.user, **serializer.validated_data)
        return self._answer(program, status.HTTP_201_CREATED)

    @extend_schema(summary="Eligible persons in your scope who are not enrolled", responses=AidPersonBriefSerializer(
        many=True))
    @action(detail=True, methods=["get"])
    def eligible(self, request, pk=None):
        if not can_propose(request.user):
            raise PermissionDenied
        program = self.get_object()
        persons = people_selectors.persons_visible_to(request.user)
        ids = eligibility.eligible_not_enrolled(program, persons, on=timezone.localdate(), limit=200)
        found = persons.filter(pk__in=ids).order_by("full_name")
        data = [{"id": p.pk, "full_name": p.full_name, "registration_number": p.registration_number} for p in found]
        return Response(AidPersonBriefSerializer(data, many=True).data)


class PersonEligibilityView(APIView):
    permission_classes = [AidPermission]

    @extend_schema(summary="Every active program for one person: eligible, or each failed rule",
                   responses=AidEligibilitySerializer(many=True))
    def get(self, request, pk):
        person = people_selectors.person_for(request.user, pk)
        rows = eligibility.check_person(person, on=timezone.localdate(),
                                        programs=selectors.programs().filter(active=True).exclude(
                                            kind="recommendation"))
        visible = set(selectors.enrolments_visible_to(request.user).filter(person=person).values_list("pk", flat=True))
        data = [{"program": str(r["program"]), "program_id": r["program"].pk, "eligible": r["eligible"],
                 "failures": [{"rule": f.rule, "reason": f.reason} for f in r["failures"]],
                 "enrolment": r["enrolment"].pk if r["enrolment"] and r["enrolment"].pk in visible else None}
                for r in rows]
        return Response(AidEligibilitySerializer(data, many=True).data)


@extend_schema_view(list=extend_schema(summary="Enrolments in your scope (?program=, ?status=, ?person=)"),
                    create=extend_schema(summary="Propose an enrolment", request=AidEnrolmentInputSerializer,
                                         responses={201: AidEnrolmentSerializer}))
class EnrolmentViewSet(AidViewSet):
    serializer_class = AidEnrolmentSerializer
    queryset = Enrolment.objects.none()
    list_filters = {"program": "program_id", "status": "status", "person": "person_id"}

    def get_queryset(self):
        return selectors.enrolments_visible_to(self.request.user)

    def retrieve(self, request, pk=None):
        enrolment = self.get_object()
        log_access(user=request.user, obj=enrolment, action="view", detail="api", request=request)
        return self._answer(enrolment)

    def create(self, request):
        data = AidEnrolmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        d["person"] = _person(request.user, d["person"])
        return self._answer(services.propose_enrolment(by=request.user, **d), status.HTTP_201_CREATED)

    def _decide(self, request, func, *, extra):
        data = AidDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(func(enrolment=self.get_object(), by=request.user, **extra(data.validated_data)))

    @extend_schema(request=AidDecisionSerializer, summary="Verify a proposed enrolment")
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._decide(request, services.verify_enrolment, extra=lambda d: {"note": d.get("note", "")})

    @extend_schema(request=AidDecisionSerializer, summary="Approve a verified enrolment (Kepala Bidang)")
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, services.approve_enrolment, extra=lambda d: {
            "note": d.get("note", ""), "start_date": d.get("start_date"), "end_date": d.get("end_date")})

    @extend_schema(request=AidDecisionSerializer, summary="Suspend an active enrolment, with the reason")
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        return self._decide(request, services.suspend_enrolment, extra=lambda d: {"reason": d.get("note", "")})

    @extend_schema(request=AidDecisionSerializer, summary="Terminate an enrolment, with the reason")
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        return self._decide(request, services.terminate_enrolment, extra=lambda d: {
            "reason": d.get("note", ""), "on": d.get("end_date")})


@extend_schema_view(list=extend_schema(summary="Distribution cycles in your scope (?program=, ?status=)"),
                    create=extend_schema(summary="Create a cycle: generates the lines for eligible enrolees"))
class CycleViewSet(AidViewSet):
    serializer_class = AidCycleSerializer
    queryset = Cycle.objects.none()
    list_filters = {"program": "program_id", "status": "status"}

    def get_queryset(self):
        return selectors.cycles_visible_to(self.request.user)

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        cycle = services.generate_cycle(program=d["program"], by=request.user, name=d["name"],
                                        scheduled_on=d["scheduled_on"], amount=d.get("amount"))
        return self._answer(cycle, status.HTTP_201_CREATED)

    @extend_schema(request=None, summary="Verify a draft cycle")
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._answer(services.verify_cycle(cycle=self.get_object(), by=request.user))

    @extend_schema(request=None, summary="Approve a verified cycle (refused over the remaining budget)")
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._answer(services.approve_cycle(cycle=self.get_object(), by=request.user))

    @extend_schema(summary="The cycle's lines (?status=)", responses=AidLineSerializer(many=True))
    @action(detail=True, methods=["get"])
    def lines(self, request, pk=None):
        lines = self.get_object().lines.select_related("person").order_by("id")
        if request.query_params.get("status"):
            lines = lines.filter(status=request.query_params["status"])
        page = self.paginate_queryset(lines)
        return self.get_paginated_response(AidLineSerializer(page, many=True).data)


@extend_schema_view(list=extend_schema(summary="Distribution lines you may see (?cycle=, ?status=, ?person=)"))
class LineViewSet(AidViewSet):
    serializer_class = AidLineSerializer
    queryset = CycleLine.objects.none()
    list_filters = {"cycle": "cycle_id", "status": "status", "person": "person_id"}

    def get_queryset(self):
        return selectors.lines_visible_to(self.request.user).order_by("id")

    @extend_schema(request=AidPaySerializer, summary="Record a payment or delivery (a line is paid once)")
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        data = AidPaySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(services.pay_line(line=self.get_object(), by=request.user, **data.validated_data))


@extend_schema_view(list=extend_schema(summary="Recommendation requests in your scope (?kind=, ?status=)"),
                    create=extend_schema(summary="Request a recommendation letter", request=AidRequestInputSerializer,
                                         responses={201: AidRequestSerializer}))
class RequestViewSet(AidViewSet):
    serializer_class = AidRequestSerializer
    queryset = RecommendationRequest.objects.none()
    list_filters = {"kind": "kind", "status": "status", "person": "person_id"}

    def get_queryset(self):
        return selectors.requests_visible_to(self.request.user).prefetch_related("documents")

    def retrieve(self, request, pk=None):
        item = self.get_object()
        log_access(user=request.user, obj=item, action="view", detail="api", request=request)
        return self._answer(item)

    def create(self, request):
        data = AidRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        d["person"] = _person(request.user, d["person"])
        return self._answer(services.request_letter(by=request.user, **d), status.HTTP_201_CREATED)

    @extend_schema(request=AidDecisionSerializer, summary="Record the check (registry, DTKS/decile)")
    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        data = AidDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(services.check_request(request=self.get_object(), by=request.user,
                                                   notes=data.validated_data.get("note", "")))

    @extend_schema(request=AidRequestDecisionSerializer, summary="Approve or reject (Kepala Bidang)")
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        data = AidRequestDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(services.decide_request(request=self.get_object(), by=request.user,
                                                    **data.validated_data))

    @extend_schema(request=AidReasonSerializer, summary="Withdraw a request before the decision (its requester)")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        data = AidReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(services.withdraw_request(request=self.get_object(), by=request.user,
                                                      reason=data.validated_data["reason"]))

    @extend_schema(request=AidReasonSerializer, summary="Revoke the issued letter (Kepala Bidang, Administrator)")
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        data = AidReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(services.revoke_request_letter(request=self.get_object(), by=request.user,
                                                           reason=data.validated_data["reason"]))

    @extend_schema(request={"multipart/form-data": AidDocumentInputSerializer},
                   responses={201: AidDocumentSerializer}, summary="Upload a supporting document (multipart)")
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        item = self.get_object()
        data = AidDocumentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.add_document(request=item, by=request.user, **data.validated_data)
        return Response(AidDocumentSerializer(document).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("aid-persons/<int:pk>/eligibility/", PersonEligibilityView.as_view(), name="aid-person-eligibility"),
]


def register_routes(router) -> None:
    """Register this app's viewsets on the shared API router."""
    router.register("aid-programs", ProgramViewSet, basename="aid-program")
    router.register("aid-enrolments", EnrolmentViewSet, basename="aid-enrolment")
    router.register("aid-cycles", CycleViewSet, basename="aid-cycle")
    router.register("aid-lines", LineViewSet, basename="aid-line")
    router.register("aid-requests", RequestViewSet, basename="aid-request")

