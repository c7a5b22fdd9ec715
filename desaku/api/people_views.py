"""The people registry over REST: thin callers of people.services and people.selectors.

Records outside the user's scope answer 404, never 403, so the API does not reveal that they exist.
Reading needs a registry role (``permissions.can_read``), writing a registering role (``can_register``).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from desaku.api import people_serializers as s
from desaku.api.errors import conflict
from desaku.core.services import log_access
from desaku.people import identity, selectors, services
from desaku.people.models import Classification, Household, HouseholdMembership, Person
from desaku.people.permissions import can_read, can_register

TRUE_VALUES = {"1", "true", "yes", "on"}


class CanReadRegistry(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_read(request.user)


class RegistryPermission(permissions.BasePermission):
    """Safe methods need a registry role; changes need a registering role."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read(request.user)
        return can_register(request.user)


def warnings_response(exc: services.NumberWarnings) -> Response:
    """Identity-number warnings: 400 with the field messages and how to accept them."""
    return Response({
        exc.field: [str(message) for _code, message in exc.warnings],
        "detail": _('Check the warnings; send "confirm_warnings": true to save anyway.'),
        "warnings": [{"field": exc.field, "code": code, "message": str(message)} for code, message in exc.warnings],
    }, status=status.HTTP_400_BAD_REQUEST)


ERRORS = OpenApiResponse(OpenApiTypes.OBJECT, description="Field-level messages: {field: [message], detail}.")
WARNINGS = OpenApiResponse(OpenApiTypes.OBJECT, description=(
    'Invalid input, or NIK/No KK warnings ({field: [message], detail, warnings: [{field, code, message}]}); '
    'resend with "confirm_warnings": true to accept warnings.'))


def _masked_data(data) -> dict:
    """A protected child's record as the API shows it to those who may not see the identity (issue 9 item 4)."""
    data = dict(data)
    data["aliases"] = []
    data.pop("nik", None)
    return data


def _person_in_full(user, pk):
    """A person whose identity the user may see; a protected child is refused to the others (403)."""
    from rest_framework.exceptions import PermissionDenied

    person = selectors.person_for(user, pk)
    if identity.is_hidden(user, person):
        raise PermissionDenied
    return person


@extend_schema_view(
    list=extend_schema(
        summary="List or search persons in your scope",
        parameters=[OpenApiParameter("q", str, description=(
            "One search box: a NIK (exact), a name or alias (spelling-tolerant), a birth year, a kelurahan. "
            "Search answers at most 50 persons, best first."))]),
    retrieve=extend_schema(
        summary="A person (the view is logged)",
        parameters=[OpenApiParameter("reveal_nik", bool, description=(
            "1 to include the full NIK in `nik` (the reveal is logged)."))]),
    create=extend_schema(
        summary="Register a person after the duplicate check",
        responses={201: s.PersonSerializer, 400: WARNINGS,
                   409: OpenApiResponse(s.DuplicateListSerializer, description=(
                       'Possible duplicates, best first. Link with link-registration, or resend with '
                       '"confirm_new": true.'))}),
    update=extend_schema(summary="Change a person", responses={200: s.PersonSerializer, 400: WARNINGS}),
    partial_update=extend_schema(summary="Change some fields of a person",
                                 responses={200: s.PersonSerializer, 400: WARNINGS}),
)
class PersonViewSet(viewsets.GenericViewSet):
    """Persons of the registry, scoped to the user. Lists show the NIK masked only."""

    serializer_class = s.PersonSerializer
    queryset = Person.objects.none()  # for the schema; rows come from the selectors
    permission_classes = [RegistryPermission]
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.persons_visible_to(self.request.user)

    def _prefetch(self, persons):
        prefetch_related_objects(persons, "aliases", Prefetch(
            "classifications", queryset=selectors.classifications_visible_to(self.request.user),
            to_attr="visible_classifications"))
        return persons

    def list(self, request):
        query = request.query_params.get("q", "").strip()
        persons = selectors.search_persons(request.user, query).persons if query else self.get_queryset()
        page = self._prefetch(list(self.paginate_queryset(persons)))
        hidden = identity.mask_persons(request.user, page)
        data = [_masked_data(row) if person.pk in hidden else row
                for person, row in zip(page, self.get_serializer(page, many=True).data, strict=True)]
        return self.get_paginated_response(data)

    def retrieve(self, request, pk=None):
        person = selectors.person_for(request.user, pk)
        if identity.is_hidden(request.user, person):
            identity.mask(person)
            log_access(user=request.user, obj=person, action="view", detail="api initials", request=request)
            return Response(_masked_data(s.PersonSerializer(person, context=self.get_serializer_context()).data))
        reveal = request.query_params.get("reveal_nik", "").lower() in TRUE_VALUES
        log_access(user=request.user, obj=person, action="view", detail="api", request=request)
        if reveal:
            log_access(user=request.user, obj=person, action="reveal", detail="NIK (api)", request=request)
        context = {**self.get_serializer_context(), "reveal_nik": reveal}
        return Response(s.PersonSerializer(person, context=context).data)

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, extra = serializer.split()
        try:
            person = services.register_person(
                by=request.user, data=data, aliases=extra.get("aliases", ()), nik=extra.get("nik", ""),
                no_kk=extra.get("no_kk", ""), confirm_new=extra.get("confirm_new", False),
                confirm_warnings=extra.get("confirm_warnings", False), source="api", note=extra.get("reason", ""))
        except services.PossibleDuplicates as exc:
            detail = (_('Possible duplicates found. Link to one of them, or resend with "confirm_new": true.')
                      if exc.report.matches else
                      _('Likely matches exist outside your scope. Ask the Dinas, or resend with "confirm_new": true.'))
            return conflict({"detail": detail, **s.duplicate_payload(exc.report)})
        except services.NumberWarnings as exc:
            return warnings_response(exc)
        return Response(self.get_serializer(person).data, status=status.HTTP_201_CREATED)

    def update(self, request, pk=None, partial=False):
        person = _person_in_full(request.user, pk)
        serializer = self.get_serializer(person, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data, extra = serializer.split()
        try:
            services.update_person(person=person, by=request.user, data=data, nik=extra.get("nik"),
                                   no_kk=extra.get("no_kk"), confirm_warnings=extra.get("confirm_warnings", False),
                                   reason=extra.get("reason", ""))
        except services.NumberWarnings as exc:
            return warnings_response(exc)
        return Response(self.get_serializer(person).data)

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    @extend_schema(summary="Possible duplicates of a person in your scope", responses=s.DuplicateListSerializer)
    @action(detail=True, methods=["get"])
    def duplicates(self, request, pk=None):
        person = _person_in_full(request.user, pk)
        return Response(s.duplicate_payload(selectors.duplicates_of(person, request.user)))

    @extend_schema(summary="Duplicate check of a candidate record (nothing is saved)",
                   request=s.PersonSerializer, responses={200: s.DuplicateListSerializer, 400: ERRORS})
    @action(detail=False, methods=["post"], permission_classes=[CanReadRegistry])
    def match(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data, extra = serializer.split()
        data["birth_year"] = services.derive_birth_year(
            birth_date=data.get("birth_date"), birth_date_quality=data.get("birth_date_quality", ""),
            birth_year=data.get("birth_year"), estimated_age=data.get("estimated_age"),
            age_estimated_on=data.get("age_estimated_on"))
        # As registration derives it: a date alone is exact, a year alone approximate.
        if data.get("birth_date_quality", "unknown") == "unknown":
            data["birth_date_quality"] = ("exact" if data.get("birth_date") else
                                          "approximate" if data["birth_year"] else "unknown")
        report = selectors.duplicate_report(data=data, aliases=extra.get("aliases", ()), nik=extra.get("nik", ""),
                                            user=request.user)
        return Response(s.duplicate_payload(report))

    @extend_schema(summary='"This is the same person": link a registration attempt to this person',
                   request=s.LinkRegistrationSerializer, responses={200: s.PersonSerializer, 400: ERRORS})
    @action(detail=True, methods=["post"], url_path="link-registration")
    def link_registration(self, request, pk=None):
        person = _person_in_full(request.user, pk)
        serializer = s.LinkRegistrationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.link_to_existing(person=person, by=request.user, source="api", **serializer.validated_data)
        return Response(self.get_serializer(person).data)

    @extend_schema(methods=["GET"], summary="PPKS classifications of a person you may see",
                   responses=s.ClassificationSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Classify a person", request=s.ClassifySerializer,
                   responses={201: s.ClassificationSerializer, 400: ERRORS})
    @action(detail=True, methods=["get", "post"])
    def classifications(self, request, pk=None):
        person = selectors.person_for(request.user, pk)
        if request.method == "GET":
            items = selectors.classifications_visible_to(request.user, person.classifications.all())
            return Response(s.ClassificationSerializer(items, many=True).data)
        serializer = s.ClassifySerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        item = services.classify(person=person, by=request.user, **serializer.validated_data)
        return Response(s.ClassificationSerializer(item).data, status=status.HTTP_201_CREATED)


class ClassificationEndView(APIView):
    """End a PPKS classification (the person and the category must be visible to you)."""

    permission_classes = [RegistryPermission]

    @extend_schema(summary="End a PPKS classification", request=s.EndClassificationSerializer,
                   responses={200: s.ClassificationSerializer, 400: ERRORS})
    def post(self, request, pk):
        user = request.user
        visible = Classification.objects.filter(person__in=selectors.persons_visible_to(user))
        item = get_object_or_404(selectors.classifications_visible_to(user, visible), pk=pk)
        serializer = s.EndClassificationSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.end_classification(classification=item, by=user, **serializer.validated_data)
        return Response(s.ClassificationSerializer(item).data)


@extend_schema_view(
    list=extend_schema(summary="Households in your scope"),
    retrieve=extend_schema(summary="A household with its members (the view is logged)"),
    create=extend_schema(summary="Create a household around its head", request=s.HouseholdCreateSerializer,
                         responses={201: s.HouseholdSerializer, 400: WARNINGS}),
)
class HouseholdViewSet(viewsets.GenericViewSet):
    """Households (family cards). Members outside your scope are listed with ``person: null``."""

    serializer_class = s.HouseholdSerializer
    queryset = Household.objects.none()
    permission_classes = [RegistryPermission]
    filter_backends = []
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        households = selectors.households_visible_to(self.request.user)
        return households.prefetch_related("memberships__person").order_by("-id")

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        context = {**self.get_serializer_context(), "visible_person_ids": s.visible_person_ids(request.user, page),
                   "hidden_person_ids": s.hidden_person_ids(request.user, page)}
        return self.get_paginated_response(s.HouseholdSerializer(page, many=True, context=context).data)

    def retrieve(self, request, pk=None):
        household = self.get_object()
        log_access(user=request.user, obj=household, action="view", detail="api", request=request)
        return Response(self.get_serializer(household).data)

    def create(self, request):
        serializer = s.HouseholdCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        try:
            household = services.create_household(by=request.user, **serializer.validated_data)
        except services.NumberWarnings as exc:
            return warnings_response(exc)
        except DjangoValidationError as exc:
            # add_member speaks of "person"; here that person is the head.
            if hasattr(exc, "error_dict") and "person" in exc.error_dict:
                exc.error_dict["head"] = exc.error_dict.pop("person")
            raise
        return Response(self.get_serializer(household).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="Members of a household, past and current",
                   responses=s.MembershipSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Add a member", request=s.AddMemberSerializer,
                   responses={201: s.MembershipSerializer, 400: ERRORS})
    @action(detail=True, methods=["get", "post"])
    def members(self, request, pk=None):
        household = self.get_object()
        if request.method == "GET":
            return Response(self.get_serializer(household).data["members"])
        serializer = s.AddMemberSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        membership = services.add_member(household=household, by=request.user, **serializer.validated_data)
        context = {**self.get_serializer_context(), "visible_person_ids": {membership.person_id}}
        return Response(s.MembershipSerializer(membership, context=context).data, status=status.HTTP_201_CREATED)


class MembershipEndView(APIView):
    """End a household membership (the person left the family)."""

    permission_classes = [RegistryPermission]

    @extend_schema(summary="End a household membership", request=s.EndSerializer,
                   responses={200: s.MembershipSerializer, 400: ERRORS})
    def post(self, request, pk):
        user = request.user
        memberships = HouseholdMembership.objects.filter(household__in=selectors.households_visible_to(user))
        membership = get_object_or_404(memberships.select_related("person"), pk=pk)
        serializer = s.EndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.end_membership(membership=membership, by=user, end_date=serializer.validated_data["end_date"],
                                reason=serializer.validated_data["reason"])
        visible = set(selectors.persons_visible_to(user).filter(pk=membership.person_id).values_list("pk", flat=True))
        return Response(s.MembershipSerializer(membership, context={"request": request,
                                                                    "visible_person_ids": visible}).data)
