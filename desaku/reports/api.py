"""REST endpoints of the reports app; `register_routes` is called by desaku/api/urls.py.

/api/v1/report-figures/ lists the figures the user may see; /api/v1/report-figures/<key>/ computes one
with the dashboard's filters (start, end as YYYY-MM; kecamatan, kelurahan, category, organisation) and
the comparison with earlier periods, counting only what the user's scope allows.
/api/v1/open-data/ is public: the open-data aggregates with suppression.
"""

from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from desaku.reports import figures as registry
from desaku.reports.forms import DashboardFilter
from desaku.reports.permissions import can_read


class CanReadReports(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_read(request.user)


FIGURE_LIST = inline_serializer("ReportFigure", {
    "key": serializers.CharField(), "title": serializers.CharField(), "group": serializers.CharField(),
    "definition": serializers.CharField(),
}, many=True)
FIGURE_RESULT = inline_serializer("ReportFigureResult", {
    "key": serializers.CharField(), "title": serializers.CharField(), "definition": serializers.CharField(),
    "filters": serializers.DictField(), "columns": serializers.ListField(child=serializers.CharField()),
    "rows": serializers.ListField(child=serializers.ListField()), "chart": serializers.DictField(),
    "note": serializers.CharField(), "comparison": serializers.DictField(), "link": serializers.CharField(),
})
FILTERS = [OpenApiParameter(name, str, description=text) for name, text in (
    ("start", "first month, YYYY-MM (default: 11 months before this one)"), ("end", "last month, YYYY-MM"),
    ("kecamatan", "region code 35.73.CC"), ("kelurahan", "region code 35.73.CC.10NN"),
    ("category", "PPKS category id"), ("organisation", "organisation id"))]


def _describe(figure):
    return {"key": figure.key, "title": str(figure.title), "group": str(figure.group), "definition": figure.doc_url}


class FigureViewSet(viewsets.ViewSet):
    permission_classes = [CanReadReports]
    lookup_field = "key"
    lookup_value_regex = r"[a-z0-9_.]+"

    @extend_schema(summary="Figures you may see", responses=FIGURE_LIST)
    def list(self, request):
        return Response([_describe(f) for f in registry.figures_for(request.user)])

    @extend_schema(summary="One figure computed for the filters (scope-respecting)", parameters=FILTERS,
                   responses=FIGURE_RESULT)
    def retrieve(self, request, key=None):
        figure = registry.get(key)
        if figure is None or not figure.visible_to(request.user):
            raise Http404
        form = DashboardFilter(request.query_params, user=request.user)
        if form.is_bound and not form.is_valid():
            raise serializers.ValidationError(form.errors)
        filters = form.filters()
        result = figure.compute(filters, request.user)
        return Response({**_describe(figure), **result.as_json(), "filters": filters.as_json(),
                         "comparison": registry.compare(figure, filters, request.user, result),
                         "link": figure.link(filters) or ""})


class OpenDataView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    @extend_schema(summary="Open data: persons found per month, kecamatan and PPKS category (public)",
                   parameters=[OpenApiParameter("year", int, description="only this year")],
                   responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        from desaku.reports.views import open_data_payload

        year = request.query_params.get("year", "")
        return Response(open_data_payload(int(year) if year.isdigit() and len(year) == 4 else None))


urlpatterns = [path("open-data/", OpenDataView.as_view(), name="api-open-data")]  # extra non-router API paths


def register_routes(router) -> None:
    """Register this app's viewsets on the shared API router."""
    router.register("report-figures", FigureViewSet, basename="report-figure")
