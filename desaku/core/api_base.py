"""The base of the program apps' API viewsets: scoped list and detail, simple list filters, page numbers."""

from rest_framework import viewsets
from rest_framework.response import Response


class ScopedViewSet(viewsets.GenericViewSet):
    """Subclasses set ``permission_classes`` and ``get_queryset`` (always through a ``…_visible_to`` selector)."""

    filter_backends = []
    lookup_value_regex = r"[0-9]+"
    #: query parameters that narrow the list: name → queryset lookup
    list_filters: dict = {}

    def filtered(self, queryset):
        for param, lookup in self.list_filters.items():
            value = self.request.query_params.get(param)
            if value not in (None, ""):
                queryset = queryset.filter(**{lookup: value})
        return queryset

    def list(self, request):
        page = self.paginate_queryset(self.filtered(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self.get_object()).data)
