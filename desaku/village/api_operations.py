"""The village's daily operations over REST: residence checks and warnings, the residence agreement, vacancy
offers, mentor assignments, production and monthly income, progress reviews and the graduation checklist,
utilities and inventory checks (/api/v1/village-…).

Thin callers of village.services and village.selectors, like the screens (views.py, views_programme.py):
reads need a village role (the Kemensos reviewer has none here: 403); records of households outside the
user's scope are not listed and answer 404 (a mentor: only the households assigned to them now); each write
needs the same role as its screen (403), then the service's rules (400 with field messages). A list filter
with a bad value (an id that is not a number, an unknown status, a month that is not YYYY-MM) is a 400.
"""


from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from desaku.core import letters as core_letters
from desaku.core.models import User
from desaku.core.services import log_access
from desaku.outreach.api import ScopedPrimaryKeyField
from desaku.village import permissions, selectors, services
from desaku.village.api import VillageOccupancySerializer, VillagePermission
from desaku.village.api_program import ProgramViewSet
from desaku.village.models import (
    MentorAssignment,
    Offer,
    OfferStatus,
    ResidenceCheck,
    ResidenceWarning,
)


class MonthField(serializers.DateField):
    """A month as YYYY-MM (a full date is taken as its month)."""

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m", "%Y-%m-%d"], **kwargs)

    def to_internal_value(self, value):
        return super().to_internal_value(value).replace(day=1)


class OperationsViewSet(ProgramViewSet):
    """Village readers read; the program office writes (``write_check``/``write_checks`` per action). List
    filters are checked: ``id_filters`` numbers, ``choice_filters`` known values, ``bool_filters`` true/false,
    ``month_filters`` YYYY-MM (each a 400 with the parameter's message otherwise)."""

    choice_filters: dict = {}
    bool_filters: dict = {}
    month_filters: dict = {}

    def filtered(self, queryset):
        params = self.request.query_params
        for param, allowed in self.choice_filters.items():
            value = params.get(param, "")
            if value and value not in allowed:
                raise ValidationError({param: [_("Choose one of: %(values)s.") % {"values": ", ".join(allowed)}]})
        for param, lookup in self.bool_filters.items():
            value = params.get(param, "").lower()
            if value and value not in ("true", "false", "1", "0"):
                raise ValidationError({param: [_("Give true or false.")]})
            if value:
                queryset = queryset.filter(**{lookup: value in ("true", "1")})
        for param, lookup in self.month_filters.items():
            value = params.get(param, "")
            if value:
                try:
                    month = MonthField().to_internal_value(value)
                except serializers.ValidationError as exc:
                    raise ValidationError({param: [_("Give a month as YYYY-MM.")]}) from exc
                queryset = queryset.filter(**{lookup: month})
        return super().filtered(queryset)

    def created(self, obj):
        return self.answer(obj, status.HTTP_201_CREATED)


def _user_name(user) -> str:
    return user.get_full_name() or user.get_username() if user else ""


# ------------------------------------------------------------------------------- residence checks, warnings


class VillageResidenceCheckSerializer(serializers.ModelSerializer):
    household = serializers.IntegerField(source="occupancy.household_id", read_only=True)
    checked_by = serializers.CharField(source="checked_by.get_username", read_only=True)

    class Meta:
        model = ResidenceCheck
        fields = ["id", "occupancy", "household", "checked_on", "living_there", "note", "checked_by"]
        read_only_fields = fields


class VillageResidenceCheckInputSerializer(serializers.Serializer):
    occupancy = ScopedPrimaryKeyField(scoped=selectors.occupancies_visible_to, help_text=_(
        "An occupancy of a household living there (moved in)."))
    checked_on = serializers.DateField()
    living_there = serializers.BooleanField(required=False, default=True)
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="",
                                 help_text=_("Required when the household is not living there."))


def _occupancy_records(model, user):
    return model.objects.filter(occupancy__in=selectors.occupancies_visible_to(user).values("pk")).select_related(
        "occupancy")


@extend_schema_view(
    list=extend_schema(summary="Monthly residence checks of the occupancies in your scope (?occupancy=, "
                               "?household=, ?living_there=)"),
    create=extend_schema(summary="Record a residence check (is the household actually living there?)",
                         request=VillageResidenceCheckInputSerializer,
                         responses={201: VillageResidenceCheckSerializer}))
class ResidenceCheckViewSet(OperationsViewSet):
    serializer_class = VillageResidenceCheckSerializer
    queryset = ResidenceCheck.objects.none()
    write_check = staticmethod(permissions.can_mentor)
    id_filters = ("occupancy", "household")
    list_filters = {"occupancy": "occupancy_id", "household": "occupancy__household_id"}
    bool_filters = {"living_there": "living_there"}

    def get_queryset(self):
        return _occupancy_records(ResidenceCheck, self.request.user).select_related("checked_by").order_by(
            "-checked_on", "-id")

    def create(self, request):
        serializer = VillageResidenceCheckInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return self.created(services.record_residence_check(by=request.user, **serializer.validated_data))


class VillageWarningSerializer(serializers.ModelSerializer):
    household = serializers.IntegerField(source="occupancy.household_id", read_only=True)
    issued_by = serializers.CharField(source="issued_by.get_username", read_only=True)

    class Meta:
        model = ResidenceWarning
        fields = ["id", "occupancy", "household", "level", "issued_on", "reason", "issued_by"]
        read_only_fields = fields


class VillageWarningInputSerializer(serializers.Serializer):
    occupancy = ScopedPrimaryKeyField(scoped=selectors.occupancies_visible_to)
    reason = serializers.CharField()
    issued_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=_("Empty: today."))


@extend_schema_view(
    list=extend_schema(summary="Warning letters (SP1–SP3) of the occupancies in your scope (?occupancy=, "
                               "?household=)"),
    create=extend_schema(summary="Issue the next warning (SP1, SP2, SP3 in order)",
                         request=VillageWarningInputSerializer, responses={201: VillageWarningSerializer}))
class WarningViewSet(OperationsViewSet):
    serializer_class = VillageWarningSerializer
    queryset = ResidenceWarning.objects.none()
    id_filters = ("occupancy", "household")
    list_filters = {"occupancy": "occupancy_id", "household": "occupancy__household_id"}

    def get_queryset(self):
        return _occupancy_records(ResidenceWarning, self.request.user).select_related("issued_by").order_by(
            "occupancy_id", "level")

    def create(self, request):
        serializer = VillageWarningInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        warning = services.issue_warning(occupancy=data["occupancy"], by=request.user, reason=data["reason"],
                                         on=data["issued_on"])
        return self.created(warning)


# ----------------------------------------------------------------------------------- residence agreement


class VillageAgreementSerializer(serializers.Serializer):
    occupancy = serializers.IntegerField()
    number = serializers.CharField()
    issued_on = serializers.DateField()
    pdf_url = serializers.CharField()
    verification_url = serializers.CharField()


class AgreementView(APIView):
    """The residence agreement of an occupancy: GET the PDF (its readers; every download access-logged),
    POST issues it (numbered, QR-verified; the program office; again: the same letter)."""

    permission_classes = [VillagePermission]
    action = "agreement"  # VillagePermission reads the action of a viewset
    write_check = staticmethod(permissions.can_manage)

    def occupancy(self, request, pk):
        return get_object_or_404(selectors.occupancies_visible_to(request.user), pk=pk)

    @extend_schema(summary="Download the residence agreement (PDF, access-logged)",
                   responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        occupancy = self.occupancy(request, pk)
        letter = occupancy.agreement
        if letter is None or not letter.pdf:
            raise Http404
        response = core_letters.pdf_response(letter)
        log_access(user=request.user, obj=occupancy, action="print", detail=f"api letter {letter.number}",
                   request=request)
        return response

    @extend_schema(summary="Issue the residence agreement (right to live, not ownership; inventory stays)",
                   request=None, responses={201: VillageAgreementSerializer, 200: VillageAgreementSerializer})
    def post(self, request, pk):
        occupancy = self.occupancy(request, pk)
        had = occupancy.agreement_id is not None and bool(occupancy.agreement.pdf)
        letter = services.issue_agreement(occupancy=occupancy, by=request.user, request=request)
        data = {"occupancy": occupancy.pk, "number": letter.number, "issued_on": letter.issued_on,
                "pdf_url": request.build_absolute_uri(),
                "verification_url": core_letters.verification_url(letter, request)}
        return Response(VillageAgreementSerializer(data).data,
                        status=status.HTTP_200_OK if had else status.HTTP_201_CREATED)


# ---------------------------------------------------------------------------------------- vacancy offers


class VillageOfferSerializer(serializers.ModelSerializer):
    unit_number = serializers.CharField(source="unit.number", read_only=True)
    household = serializers.IntegerField(source="candidate.household_id", read_only=True)
    waiting_rank = serializers.IntegerField(source="candidate.waiting_rank", read_only=True, allow_null=True)

    class Meta:
        model = Offer
        fields = ["id", "unit", "unit_number", "candidate", "household", "waiting_rank", "offered_on", "status",
                  "responded_on", "note", "vacated"]
        read_only_fields = fields


class VillageOfferAcceptSerializer(serializers.Serializer):
    allocated_on = serializers.DateField(required=False, allow_null=True, default=None,
                                         help_text=_("Empty: today."))


class VillageOfferDeclineSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=250, help_text=_("Why the household declines."))


@extend_schema_view(list=extend_schema(summary="Vacated units offered to the waiting list (?status=, ?unit=)"))
class OfferViewSet(OperationsViewSet):
    serializer_class = VillageOfferSerializer
    queryset = Offer.objects.none()
    id_filters = ("unit",)
    list_filters = {"status": "status", "unit": "unit_id"}
    choice_filters = {"status": OfferStatus.values}

    def get_queryset(self):
        return selectors.offers_visible_to(self.request.user).order_by("-offered_on", "-id")

    @extend_schema(summary="The household takes the offered unit: it is allocated to them",
                   request=VillageOfferAcceptSerializer, responses={201: VillageOccupancySerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        offer = self.get_object()
        serializer = VillageOfferAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        occupancy = services.accept_offer(offer=offer, by=request.user, on=serializer.validated_data["allocated_on"])
        occupancy = selectors.occupancies_visible_to(request.user).filter(pk=occupancy.pk).first() or occupancy
        return Response(VillageOccupancySerializer(occupancy).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="The household declines: the unit is offered to the next on the waiting list",
                   request=VillageOfferDeclineSerializer, responses={200: VillageOfferSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        offer = self.get_object()
        serializer = VillageOfferDeclineSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.decline_offer(offer=offer, by=request.user, note=serializer.validated_data["note"])
        return Response(self.get_serializer(Offer.objects.get(pk=offer.pk)).data)


# ------------------------------------------------------------------------------------- mentor assignments


class VillageAssignmentSerializer(serializers.ModelSerializer):
    mentor_name = serializers.SerializerMethodField()
    current = serializers.SerializerMethodField()

    class Meta:
        model = MentorAssignment
        fields = ["id", "mentor", "mentor_name", "household", "started_on", "ended_on", "current"]
        read_only_fields = fields

    def get_mentor_name(self, assignment) -> str:
        return _user_name(assignment.mentor)

    def get_current(self, assignment) -> bool:
        return assignment.ended_on is None


class VillageAssignInputSerializer(serializers.Serializer):
    mentor = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), help_text=_(
        "A user with a mentoring role (Pendamping, LKS, Peksos…)."))
    household = ScopedPrimaryKeyField(scoped=selectors.living_households_visible_to, help_text=_(
        "A household living in the village."))
    started_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=_("Empty: today."))


class VillageAssignmentEndSerializer(serializers.Serializer):
    ended_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=_("Empty: today."))
    reason = serializers.CharField(max_length=250)


@extend_schema_view(
    list=extend_schema(summary="Mentors and the households they accompany (?household=, ?mentor=, ?current=); a "
                               "mentor sees only their own current assignments"),
    create=extend_schema(summary="Assign a mentor to a household", request=VillageAssignInputSerializer,
                         responses={201: VillageAssignmentSerializer}))
class MentorAssignmentViewSet(OperationsViewSet):
    serializer_class = VillageAssignmentSerializer
    queryset = MentorAssignment.objects.none()
    id_filters = ("household", "mentor")
    list_filters = {"household": "household_id", "mentor": "mentor_id"}
    bool_filters = {"current": "ended_on__isnull"}

    def get_queryset(self):
        user = self.request.user
        queryset = MentorAssignment.objects.filter(household__in=selectors.households_visible_to(user).values("pk"))
        if permissions.is_mentor_only(user):
            queryset = queryset.filter(mentor=user.pk)
        return queryset.select_related("mentor").order_by("-started_on", "-id")

    def create(self, request):
        serializer = VillageAssignInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assignment = services.assign_mentor(mentor=data["mentor"], household=data["household"], by=request.user,
                                            on=data["started_on"])
        return self.created(assignment)

    @extend_schema(summary="End the assignment: the mentor no longer sees the household",
                   request=VillageAssignmentEndSerializer, responses={200: VillageAssignmentSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        assignment = self.get_object()
        serializer = VillageAssignmentEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assignment = services.end_assignment(assignment=assignment, by=request.user, reason=data["reason"],
                                             on=data["ended_on"])
        return Response(self.get_serializer(assignment).data)


def register_routes(router) -> None:
    router.register("village-residence-checks", ResidenceCheckViewSet, basename="village-residence-check")
    router.register("village-warnings", WarningViewSet, basename="village-warning")
    router.register("village-offers", OfferViewSet, basename="village-offer")
    router.register("village-mentor-assignments", MentorAssignmentViewSet, basename="village-mentor-assignment")
    from desaku.village import api_livelihood  # imports this module's base class

    api_livelihood.register_routes(router)


urlpatterns = [
    path("village-occupancies/<int:pk>/agreement/", AgreementView.as_view(), name="village-occupancy-agreement"),
]
