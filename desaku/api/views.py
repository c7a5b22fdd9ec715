from django_filters import rest_framework as filters
from rest_framework import generics, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from desaku.api import serializers
from desaku.core import selectors
from desaku.core.models import FundingSource, Institution, Organisation, PPKSCategory, PSKSCategory, Region
from desaku.core.permissions import AUDIT_READERS, HasRole


class MeView(APIView):
    """The signed-in user, with roles and data scope."""

    def get(self, request):
        return Response(serializers.MeSerializer(request.user).data)

    def get_serializer(self, *args, **kwargs):  # for the schema
        return serializers.MeSerializer(*args, **kwargs)


class RegionFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="name", lookup_expr="icontains")
    parent = filters.CharFilter(field_name="parent_id")

    class Meta:
        model = Region
        fields = ["level", "parent", "kind"]


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """Kemendagri regions; filter with ?parent=35.73, ?level=4, ?q=tlogo."""

    queryset = Region.objects.filter(active=True).select_related("parent__parent__parent")
    serializer_class = serializers.RegionSerializer
    filterset_class = RegionFilter
    lookup_value_regex = r"[0-9.]+"


class PPKSCategoryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = PPKSCategory.objects.all()
    serializer_class = serializers.PPKSCategorySerializer
    pagination_class = None


class PSKSCategoryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = PSKSCategory.objects.all()
    serializer_class = serializers.PSKSCategorySerializer
    pagination_class = None


class InstitutionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Institution.objects.filter(active=True)
    serializer_class = serializers.InstitutionSerializer
    filterset_fields = ["type", "region"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Organisation.objects.filter(active=True)
    serializer_class = serializers.OrganisationSerializer
    filterset_fields = ["kind"]


class FundingSourceViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = FundingSource.objects.filter(active=True)
    serializer_class = serializers.FundingSourceSerializer
    pagination_class = None


class AuditEntryList(generics.ListAPIView):
    """The change history (Auditor and Administrator only). Read-only: entries cannot be edited."""

    serializer_class = serializers.AuditEntrySerializer
    permission_classes = [HasRole.of(*AUDIT_READERS)]
    filterset_fields = ["model_label", "object_id", "action", "actor_username"]

    def get_queryset(self):
        return selectors.audit_entries_for(self.request.user)


class AccessLogList(generics.ListAPIView):
    """The access log (Auditor and Administrator only). Read-only."""

    serializer_class = serializers.AccessLogEntrySerializer
    permission_classes = [HasRole.of(*AUDIT_READERS)]
    filterset_fields = ["model_label", "object_id", "action", "actor_username"]

    def get_queryset(self):
        return selectors.access_log_for(self.request.user)
