"""Desaku Menanti over REST (/api/v1/village-…): thin callers of village.services and village.selectors.

Records outside the user's scope answer 404. A Kemensos reviewer sees only the candidate files sent to
them, with minimal personal data (no NIK, no address beyond the kelurahan); a mentor only the households
assigned to them. Service refusals are 400s with field messages (desaku/api/errors.py).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions as drf_permissions
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from desaku.cases import selectors as cases_selectors
from desaku.core.api_base import ScopedViewSet
from desaku.core.models import Organisation, OrganisationKind, User
from desaku.core.services import log_access
from desaku.outreach.api import ScopedPrimaryKeyField
from desaku.people import identity
from desaku.village import permissions, selectors, services, services_program
from desaku.village.api_editing import ProductWritesMixin, UnitEditMixin
from desaku.village.models import (
    CHECKLIST,
    BuyerKind,
    Candidate,
    CandidateStatus,
    Condition,
    EndReason,
    InventoryItem,
    MentoringSession,
    NominationSource,
    Occupancy,
    Product,
    Sale,
    SessionKind,
    Unit,
)

urlpatterns = []  # extra non-router API paths


class VillagePermission(drf_permissions.BasePermission):
    """Reading needs a village role; writing is checked again, role by role, by the services."""

    def has_permission(self, request, view):
        user = request.user
        check = getattr(view, "read_check", permissions.can_read)
        if request.method in drf_permissions.SAFE_METHODS:
            return check(user)
        checks = getattr(view, "write_checks", {})
        return checks.get(view.action, getattr(view, "write_check", permissions.can_manage))(user)


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


# ---------------------------------------------------------------------------------------------- units


class VillageUnitSerializer(serializers.ModelSerializer):
    building = serializers.CharField(source="building.number", read_only=True)
    occupied = serializers.SerializerMethodField()
    inventory = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = ["id", "building", "number", "condition", "note", "occupied", "inventory"]
        read_only_fields = fields

    def get_occupied(self, unit) -> bool:
        return not services.is_free(unit)

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_inventory(self, unit):
        return [{"id": i.pk, "name": i.name, "quantity": i.quantity, "condition": i.condition}
                for i in unit.inventory.all()]


class VillageInventoryItemSerializer(serializers.Serializer):
    """An inventory item of a unit (add, change); the reason goes into the item's history."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=100)
    quantity = serializers.IntegerField(min_value=1, max_value=99, default=1)
    condition = serializers.ChoiceField(choices=Condition.choices, default=Condition.GOOD)
    reason = serializers.CharField(max_length=250, required=False, allow_blank=True, default="", write_only=True)


class VillageRemoveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=250)


# ---------------------------------------------------------------------------------------- candidates


class VillageCandidateSerializer(serializers.ModelSerializer):
    """The candidate file; the Kemensos reviewer gets no NIK/KK and no address beyond the kelurahan."""

    round = serializers.CharField(source="round.name", read_only=True)
    head = serializers.SerializerMethodField()
    kelurahan = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()
    address = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = ["id", "round", "household", "head", "kelurahan", "address", "members", "source",
                  "source_reference", "case", "status", "nominated_on", "nomination_reason", "initial_on", "initial_lks",
                  "checklist", "score", "initial_note", "sent_to", "final_on", "final_reason", "waiting_rank",
                  "exited_on", "exit_reason"]
        read_only_fields = fields

    def _reviewer(self):
        return permissions.is_reviewer_only(_user(self))

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_head(self, candidate):
        head = candidate.household.head
        if head is None:
            return None
        if identity.is_hidden(_user(self), head):  # a protected child: initials only
            return {"full_name": identity.initials(head.full_name), "identity_hidden": True}
        data = {"full_name": head.full_name, "sex": head.sex, "birth_year": head.birth_year}
        if not self._reviewer():
            data.update(id=head.pk, nik_masked=head.nik_masked)
        return data

    def get_kelurahan(self, candidate) -> str:
        return candidate.household.kelurahan.name if candidate.household.kelurahan else ""

    def get_address(self, candidate) -> str:
        if self._reviewer():
            return ""
        household = candidate.household
        return " ".join(p for p in (household.address, f"RT {household.rt}/RW {household.rw}" if household.rt
                                    else "") if p)

    def get_members(self, candidate) -> int:
        return candidate.household.memberships.filter(end_date__isnull=True).count()


class VillageNominateSerializer(serializers.Serializer):
    household = ScopedPrimaryKeyField(scoped=selectors.households_visible_to, required=False, allow_null=True,
                                      default=None, help_text=_("Required unless a case is given."))
    round = serializers.PrimaryKeyRelatedField(queryset=selectors.open_rounds(), required=False, allow_null=True,
                                               default=None, help_text=_(
                                                   "An open selection round (a second site); empty: the current "
                                                   "round of the first site."))
    source = serializers.ChoiceField(choices=NominationSource.choices, default=NominationSource.DIRECT)
    source_reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    case = ScopedPrimaryKeyField(scoped=cases_selectors.cases_visible_to, required=False, allow_null=True,
                                 default=None, help_text=_("A case in your scope: the nomination is linked to it."))
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class VillageInitialSerializer(serializers.Serializer):
    lks = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(kind=OrganisationKind.LKS))
    checklist = serializers.DictField(child=serializers.BooleanField(), help_text=_(
        "Checklist items: ktp_malang, gepeng, family, willing_live, willing_training, no_housing."))
    passed = serializers.BooleanField()
    reviewer = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False,
                                                  allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_checklist(self, checklist):
        known = {key for key, *_rest in CHECKLIST}
        unknown = sorted(set(checklist) - known)
        if unknown:
            raise serializers.ValidationError(_("Unknown checklist items: %(keys)s.") % {"keys": ", ".join(unknown)})
        return checklist


class VillageFinalSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[CandidateStatus.ACCEPTED, CandidateStatus.WAITING,
                                                CandidateStatus.REJECTED])
    reasons = serializers.CharField()


# ----------------------------------------------------------------------------------------- occupancy


class VillageOccupancySerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.number", read_only=True)
    agreement = serializers.CharField(source="agreement.number", read_only=True, default=None)

    class Meta:
        model = Occupancy
        fields = ["id", "unit", "household", "candidate", "status", "allocated_on", "move_in_date", "ended_on",
                  "end_reason", "end_decision", "end_note", "agreement"]
        read_only_fields = fields


class VillageAllocateSerializer(serializers.Serializer):
    candidate = ScopedPrimaryKeyField(scoped=selectors.candidates_visible_to)
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    allocated_on = serializers.DateField(required=False, allow_null=True, default=None)


class VillageMoveInSerializer(serializers.Serializer):
    move_in_date = serializers.DateField()


class VillageEndSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=EndReason.choices)
    on = serializers.DateField()
    decision = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


# ------------------------------------------------------------------------------------------ sessions


class VillageSessionSerializer(serializers.ModelSerializer):
    households = serializers.SerializerMethodField()
    mentor = serializers.CharField(source="mentor.get_username", read_only=True)

    class Meta:
        model = MentoringSession
        fields = ["id", "kind", "held_on", "topic", "notes", "mentor", "households"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_households(self, session):
        return [{"household": a.household_id, "present": a.present} for a in session.attendances.all()]


class VillageSessionInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    held_on = serializers.DateField()
    topic = serializers.CharField(max_length=250)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    households = ScopedPrimaryKeyField(scoped=selectors.households_visible_to, many=True)
    absent = ScopedPrimaryKeyField(scoped=selectors.households_visible_to, many=True, required=False, default=list)


# ------------------------------------------------------------------------------------ products, sales


class VillageProductSerializer(serializers.ModelSerializer):
    enterprise = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Product
        fields = ["id", "enterprise", "name", "description", "unit_label", "price", "in_catalogue", "active"]
        read_only_fields = fields


class VillageSaleSerializer(serializers.ModelSerializer):
    product_name = serializers.CharField(source="product.name", read_only=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=0, read_only=True)

    class Meta:
        model = Sale
        fields = ["id", "product", "product_name", "sold_on", "quantity", "unit_price", "total", "buyer_kind",
                  "household", "note"]
        read_only_fields = fields


class VillageSaleInputSerializer(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.filter(active=True))
    sold_on = serializers.DateField()
    quantity = serializers.IntegerField(min_value=1)
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=0, required=False, allow_null=True,
                                          default=None)
    buyer_kind = serializers.ChoiceField(choices=BuyerKind.choices, default=BuyerKind.VISITOR)
    household = ScopedPrimaryKeyField(scoped=selectors.households_visible_to, required=False, allow_null=True,
                                      default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


# ------------------------------------------------------------------------------------------ viewsets


class VillageViewSet(ScopedViewSet):
    permission_classes = [VillagePermission]
    #: list filters whose value is a record id (anything else is a 400 with the field's error, never a 500)
    id_filters: tuple = ()

    def filtered(self, queryset):
        for param in self.id_filters:
            value = self.request.query_params.get(param, "")
            if value and not value.isdigit():
                raise ValidationError({param: [serializers.IntegerField.default_error_messages["invalid"]]})
        return super().filtered(queryset)


@extend_schema_view(list=extend_schema(summary="Housing units of the village (?condition=)"))
class UnitViewSet(UnitEditMixin, VillageViewSet):
    serializer_class = VillageUnitSerializer
    queryset = Unit.objects.none()
    list_filters = {"condition": "condition", "site": "building__site_id"}
    id_filters = ("site",)

    def get_queryset(self):
        return Unit.objects.select_related("building").order_by("building__site", "building_id", "number") \
            .prefetch_related("inventory")

    @extend_schema(summary="Add an inventory item to the unit", request=VillageInventoryItemSerializer,
                   responses={201: VillageInventoryItemSerializer})
    @action(detail=True, methods=["post"], url_path="inventory", url_name="inventory")
    def add_inventory(self, request, pk=None):
        unit = self.get_object()
        serializer = VillageInventoryItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services_program.add_inventory_item(unit=unit, by=request.user, **serializer.validated_data)
        return Response(VillageInventoryItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["PATCH"], summary="Change an inventory item of the unit",
                   request=VillageInventoryItemSerializer, responses={200: VillageInventoryItemSerializer})
    @extend_schema(methods=["DELETE"], summary="Remove an inventory item (the reason stays in its history)",
                   request=VillageRemoveSerializer, responses={204: None})
    @action(detail=True, methods=["patch", "delete"], url_path=r"inventory/(?P<item_pk>[0-9]+)",
            url_name="inventory-item")
    def inventory_item(self, request, pk=None, item_pk=None):
        unit = self.get_object()
        item = InventoryItem.objects.filter(unit=unit, pk=item_pk).first()
        if item is None:
            return Response({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)
        if request.method == "DELETE":
            serializer = VillageRemoveSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            services_program.remove_inventory_item(item=item, by=request.user, **serializer.validated_data)
            return Response(status=status.HTTP_204_NO_CONTENT)
        serializer = VillageInventoryItemSerializer(instance=item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = {"name": item.name, "quantity": item.quantity, "condition": item.condition, "reason": "",
                **serializer.validated_data}
        item = services_program.edit_inventory_item(item=item, by=request.user, **data)
        return Response(VillageInventoryItemSerializer(item).data)


@extend_schema_view(list=extend_schema(summary="Candidate households in your scope (?status=, ?source=)"),
                    create=extend_schema(summary="Nominate a household for the current selection round",
                                         request=VillageNominateSerializer, responses={201: VillageCandidateSerializer}))
class CandidateViewSet(VillageViewSet):
    serializer_class = VillageCandidateSerializer
    queryset = Candidate.objects.none()
    list_filters = {"status": "status", "source": "source"}
    read_check = staticmethod(permissions.can_read_selection)
    # Each action's role (checked again by the service).
    write_checks = {"create": permissions.can_nominate, "initial_selection": permissions.can_select_initial,
                    "final": permissions.can_select_final}

    def get_queryset(self):
        return selectors.candidates_visible_to(self.request.user).order_by("status", "waiting_rank", "id")

    def retrieve(self, request, pk=None):
        candidate = self.get_object()
        log_access(user=request.user, obj=candidate, action="view", detail="api", request=request)
        return Response(self.get_serializer(candidate).data)

    def create(self, request):
        serializer = VillageNominateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        selection = data.pop("round", None)
        if selection is None:
            site = selectors.default_site()
            selection = services.current_round(site) if site else None
        if selection is None:
            return Response({"detail": _("No selection round is open.")}, status=status.HTTP_409_CONFLICT)
        case = data.pop("case", None)
        if case is not None:  # as the case page's "nominate" action: the case must be changeable and open
            from desaku.cases.permissions import can_edit_case

            if not can_edit_case(request.user, case):
                raise PermissionDenied(_("You may not change this case."))
            household = data["household"]
            same = household is None or (
                household.pk == case.household_id if case.household_id else
                household.memberships.filter(person_id=case.person_id, end_date__isnull=True).exists())
            if not same:
                raise ValidationError({"case": [_("The case belongs to another household.")]})
            candidate = services.nominate_from_case(case=case, round=selection, by=request.user,
                                                    reason=data["reason"])
        elif data["household"] is None:
            raise ValidationError({"household": [_("Choose a household (or a case).")]})
        else:
            candidate = services.nominate(round=selection, by=request.user, **data)
        return Response(self.get_serializer(candidate).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Initial selection (Peksos with an LKS)", request=VillageInitialSerializer,
                   responses={200: VillageCandidateSerializer})
    @action(detail=True, methods=["post"], url_path="initial", url_name="initial")
    def initial_selection(self, request, pk=None):  # not "initial": APIView.initial() is DRF's own
        candidate = self.get_object()
        serializer = VillageInitialSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.initial_selection(candidate=candidate, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=candidate.pk)).data)

    @extend_schema(summary="Final selection (Kemensos reviewer)", request=VillageFinalSerializer,
                   responses={200: VillageCandidateSerializer})
    @action(detail=True, methods=["post"])
    def final(self, request, pk=None):
        candidate = self.get_object()
        serializer = VillageFinalSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.final_selection(candidate=candidate, by=request.user, **serializer.validated_data)
        candidate = Candidate.objects.get(pk=candidate.pk)
        return Response(self.get_serializer(candidate).data)


@extend_schema_view(list=extend_schema(summary="Occupancies in your scope (?status=, ?unit=)"),
                    create=extend_schema(summary="Allocate a free unit to an accepted household",
                                         request=VillageAllocateSerializer, responses={201: VillageOccupancySerializer}))
class OccupancyViewSet(VillageViewSet):
    serializer_class = VillageOccupancySerializer
    queryset = Occupancy.objects.none()
    list_filters = {"status": "status", "unit": "unit_id"}
    id_filters = ("unit",)

    def get_queryset(self):
        return selectors.occupancies_visible_to(self.request.user)

    def create(self, request):
        serializer = VillageAllocateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        occupancy = services.allocate(candidate=data["candidate"], unit=data["unit"], by=request.user,
                                      on=data["allocated_on"])
        return Response(self.get_serializer(occupancy).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Record the move-in date", request=VillageMoveInSerializer, responses={200: VillageOccupancySerializer})
    @action(detail=True, methods=["post"], url_path="move-in")
    def move_in(self, request, pk=None):
        occupancy = self.get_object()
        serializer = VillageMoveInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        occupancy = services.move_in(occupancy=occupancy, by=request.user, on=serializer.validated_data["move_in_date"])
        return Response(self.get_serializer(occupancy).data)

    @extend_schema(summary="End the occupancy (the unit is offered to the waiting list)", request=VillageEndSerializer,
                   responses={200: VillageOccupancySerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        occupancy = self.get_object()
        serializer = VillageEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        occupancy = services.end_occupancy(occupancy=occupancy, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(occupancy).data)


@extend_schema_view(list=extend_schema(summary="Mentoring sessions in your scope (?kind=)"),
                    create=extend_schema(summary="Record a mentoring session", request=VillageSessionInputSerializer,
                                         responses={201: VillageSessionSerializer}))
class SessionViewSet(VillageViewSet):
    serializer_class = VillageSessionSerializer
    queryset = MentoringSession.objects.none()
    list_filters = {"kind": "kind"}
    write_check = staticmethod(permissions.can_mentor)

    def get_queryset(self):
        return selectors.sessions_visible_to(self.request.user).prefetch_related("attendances")

    def create(self, request):
        serializer = VillageSessionInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        households = list(serializer.validated_data.get("households") or [])
        site = selectors.site_of(households[0]) if households else selectors.default_site()
        session = services.record_session(site=site, by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(session).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Products of the village's enterprises"))
class ProductViewSet(ProductWritesMixin, VillageViewSet):
    serializer_class = VillageProductSerializer
    queryset = Product.objects.none()

    def get_queryset(self):
        return Product.objects.select_related("enterprise").order_by("name")


@extend_schema_view(list=extend_schema(summary="Sales of the village's products (?product=)"),
                    create=extend_schema(summary="Record a sale", request=VillageSaleInputSerializer,
                                         responses={201: VillageSaleSerializer}))
class SaleViewSet(VillageViewSet):
    serializer_class = VillageSaleSerializer
    queryset = Sale.objects.none()
    list_filters = {"product": "product_id"}
    id_filters = ("product",)
    write_check = staticmethod(permissions.can_mentor)

    def get_queryset(self):
        return selectors.sales_visible_to(self.request.user)

    def hide_households(self, rows):
        """The household an income goes to only within scope (a sale itself is a program figure)."""
        ids = {row["household"] for row in rows if row["household"] is not None}
        visible = set(selectors.households_visible_to(self.request.user).filter(pk__in=ids).values_list(
            "pk", flat=True))
        for row in rows:
            if row["household"] not in visible:
                row["household"] = None
        return rows

    def list(self, request):
        page = self.paginate_queryset(self.filtered(self.get_queryset()))
        data = self.get_serializer(page, many=True).data
        return self.get_paginated_response(self.hide_households(data))

    def retrieve(self, request, pk=None):
        return Response(self.hide_households([self.get_serializer(self.get_object()).data])[0])

    def create(self, request):
        serializer = VillageSaleInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        sale = services.record_sale(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(sale).data, status=status.HTTP_201_CREATED)


def register_routes(router) -> None:
    """Register this app's viewsets on the shared API router."""
    router.register("village-units", UnitViewSet, basename="village-unit")
    router.register("village-candidates", CandidateViewSet, basename="village-candidate")
    router.register("village-occupancies", OccupancyViewSet, basename="village-occupancy")
    router.register("village-sessions", SessionViewSet, basename="village-session")
    router.register("village-products", ProductViewSet, basename="village-product")
    router.register("village-sales", SaleViewSet, basename="village-sale")
    from desaku.village import api_program  # the program record; imports this module's base classes

    api_program.register_routes(router)
    from desaku.village import api_operations  # residence, offers, mentors, livelihood records

    api_operations.register_routes(router)
    urlpatterns.extend(p for p in api_operations.urlpatterns if p not in urlpatterns)
