"""Household corrections, the family-card history, and merging person records, over REST.

``HouseholdRecordViewSet`` extends the households endpoint (people_views.HouseholdViewSet) with the changes
the registry makes to a family card after it is created: its address (PATCH), its KK number (with history)
and the history itself. ``MergeViewSet`` is the merge screen for supervisors (``permissions.can_merge``,
as in the UI): both records must be in the user's scope and not protected from the user by the identity hook.
Thin callers of people.services and people.selectors.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from desaku.api import people_views
from desaku.api.people_serializers import (
    HouseholdSerializer,
    MembershipSerializer,
    PersonSummarySerializer,
    RegionCodeField,
    _VisiblePersonField,
    validated_no_kk,
)
from desaku.api.people_views import ERRORS, WARNINGS, warnings_response
from desaku.people import identity, selectors, services
from desaku.people.models import Merge
from desaku.people.permissions import can_merge

# ------------------------------------------------------------------------------------------ households


class HouseholdUpdateSerializer(serializers.Serializer):
    kelurahan = RegionCodeField(required=False, allow_null=True, village=True,
                                help_text=_lazy("Kemendagri code of the kelurahan or desa."))
    address = serializers.CharField(required=False, allow_blank=True, max_length=250)
    rt = serializers.CharField(required=False, allow_blank=True, max_length=3)
    rw = serializers.CharField(required=False, allow_blank=True, max_length=3)
    welfare_decile = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=10)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=250,
                                   help_text=_lazy("Why the record is changed (audit trail)."))

    def validate(self, attrs):
        if "no_kk" in getattr(self, "initial_data", {}):
            raise serializers.ValidationError({"no_kk": _("Change the KK number with change-kk, which keeps "
                                                          "its history.")})
        return attrs


class ChangeKKSerializer(serializers.Serializer):
    no_kk = serializers.CharField(allow_blank=True, max_length=30,
                                  help_text=_lazy("The new 16-digit number; an empty string if the family has no "
                                                  "card now."))
    reason = serializers.CharField(max_length=250)
    confirm_warnings = serializers.BooleanField(required=False, default=False)

    def validate_no_kk(self, value):
        return validated_no_kk(value)


class KKRecordSerializer(serializers.Serializer):
    no_kk_masked = serializers.CharField()
    since = serializers.DateTimeField()
    changed_by = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)


class HouseholdHistorySerializer(serializers.Serializer):
    no_kk = KKRecordSerializer(many=True, help_text=_lazy("The KK numbers the family had, newest first."))
    memberships = MembershipSerializer(many=True, help_text=_lazy("Every membership, past and current."))


def kk_history(household) -> list[dict]:
    """The KK numbers of a household from its audit history, newest first (as the household page shows)."""
    rows, last = [], None
    for record in household.history.select_related("history_user").order_by("history_date", "history_id"):
        if record.no_kk_masked != last:
            user = record.history_user
            rows.append({"no_kk_masked": record.no_kk_masked, "since": record.history_date,
                         "changed_by": user.get_username() if user else None,
                         "reason": record.history_change_reason or ""})
            last = record.no_kk_masked
    return list(reversed(rows))


@extend_schema_view(
    partial_update=extend_schema(summary="Correct a household's address or welfare decile",
                                 request=HouseholdUpdateSerializer,
                                 responses={200: HouseholdSerializer, 400: ERRORS}),
)
class HouseholdRecordViewSet(people_views.HouseholdViewSet):
    """Households (family cards): as people_views.HouseholdViewSet, plus corrections and the KK history."""

    def partial_update(self, request, pk=None):
        household = self.get_object()
        serializer = HouseholdUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reason = data.pop("reason", "")
        services.update_household(household=household, by=request.user, data=data, reason=reason)
        return Response(self.get_serializer(household).data)

    @extend_schema(summary="Change the KK number (the old one stays in the history)", request=ChangeKKSerializer,
                   responses={200: HouseholdSerializer, 400: WARNINGS})
    @action(detail=True, methods=["post"], url_path="change-kk", url_name="change-kk")
    def change_kk(self, request, pk=None):
        household = self.get_object()
        serializer = ChangeKKSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.change_no_kk(household=household, by=request.user, **serializer.validated_data)
        except services.NumberWarnings as exc:
            household.refresh_from_db()
            return warnings_response(exc)
        return Response(self.get_serializer(household).data)

    @extend_schema(summary="KK numbers and memberships of a household over time",
                   responses=HouseholdHistorySerializer)
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        household = self.get_object()
        memberships = list(household.memberships.select_related("person").order_by("start_date", "id"))
        identity.mask_persons(request.user, [m.person for m in memberships])
        visible = set(selectors.persons_visible_to(request.user).filter(
            pk__in=[m.person_id for m in memberships]).values_list("pk", flat=True))
        context = {**self.get_serializer_context(), "visible_person_ids": visible}
        data = {"no_kk": KKRecordSerializer(kk_history(household), many=True).data,
                "memberships": MembershipSerializer(memberships, many=True, context=context).data}
        return Response(data)


# ---------------------------------------------------------------------------------------------- merges


class CanMerge(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_merge(request.user)


class MergeSerializer(serializers.ModelSerializer):
    survivor = PersonSummarySerializer(read_only=True)
    merged = PersonSummarySerializer(read_only=True)
    merged_by = serializers.CharField(source="merged_by.get_username", read_only=True)
    undone_by = serializers.CharField(source="undone_by.get_username", read_only=True, allow_null=True,
                                      default=None)
    moved_count = serializers.SerializerMethodField(help_text=_lazy("Records in other modules that were re-pointed."))

    class Meta:
        model = Merge
        fields = ["id", "survivor", "merged", "reason", "merged_by", "merged_at", "moved_count", "undone_at",
                  "undone_by", "undo_reason"]
        read_only_fields = fields

    def get_moved_count(self, merge) -> int:
        return sum(1 for _label, field, _pk in merge.moved if not field.startswith("__"))


class MergeInputSerializer(serializers.Serializer):
    survivor = _VisiblePersonField(help_text=_lazy("Id of the record to keep."))
    merged = _VisiblePersonField(help_text=_lazy("Id of the record merged into it."))
    reason = serializers.CharField(help_text=_lazy("Why these two records are the same person."))


class UnmergeSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_lazy("Why the merge is undone."))


@extend_schema_view(
    list=extend_schema(summary="Merges of person records in your scope, newest first"),
    retrieve=extend_schema(summary="One merge"),
    create=extend_schema(summary="Merge two person records into one (supervisors)", request=MergeInputSerializer,
                         responses={201: MergeSerializer, 400: ERRORS}),
)
class MergeViewSet(viewsets.GenericViewSet):
    """Merging and unmerging person records: Administrator and Kepala Bidang, within their scope."""

    serializer_class = MergeSerializer
    queryset = Merge.objects.none()
    permission_classes = [CanMerge]
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.merges_visible_to(self.request.user)

    def _mask(self, merges):
        identity.mask_persons(self.request.user, [p for m in merges for p in (m.survivor, m.merged)])

    def list(self, request):
        page = list(self.paginate_queryset(self.get_queryset()))
        self._mask(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        merge = self.get_object()
        self._mask([merge])
        return Response(self.get_serializer(merge).data)

    def create(self, request):
        serializer = MergeInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        survivor, merged = serializer.validated_data["survivor"], serializer.validated_data["merged"]
        if identity.hidden_ids(request.user, [survivor.pk, merged.pk]):
            raise PermissionDenied  # as the merge screen: a protected identity is not for this user
        merge = services.merge_persons(survivor=survivor, merged=merged, by=request.user,
                                       reason=serializer.validated_data["reason"])
        return Response(self.get_serializer(merge).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Undo a merge: both records are back, with what pointed to each",
                   request=UnmergeSerializer, responses={200: MergeSerializer, 400: ERRORS})
    @action(detail=True, methods=["post"])
    def unmerge(self, request, pk=None):
        merge = self.get_object()
        serializer = UnmergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.unmerge(merge=merge, by=request.user, reason=serializer.validated_data["reason"])
        self._mask([merge])
        return Response(self.get_serializer(merge).data)
