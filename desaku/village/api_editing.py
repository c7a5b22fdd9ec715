"""Writes on two read routes of api.py: a unit's condition (PATCH /village-units/{id}/) and the products
(POST /village-products/, PATCH /village-products/{id}/), mixed into api.UnitViewSet and api.ProductViewSet.

Kept apart so api.py stays small (and imports nothing back from here). Thin callers of services.update_unit and
services.save_product, like the screens: the program office edits (VillagePermission: can_manage), the service
checks the rules again. A product names its producer (a member of one of the enterprise's households whom the
user may see) and the producer's consent to be named in the public catalogue (their own, valid when chosen).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from desaku.outreach.api import ScopedPrimaryKeyField
from desaku.people.models import Consent
from desaku.people.selectors import persons_visible_to
from desaku.village import selectors, services
from desaku.village.models import Condition, Enterprise, Product


def _consents_visible_to(user):
    return Consent.objects.filter(person__in=persons_visible_to(user).values("pk"))


# ---------------------------------------------------------------------------------------------- units


class VillageUnitEditSerializer(serializers.Serializer):
    condition = serializers.ChoiceField(choices=Condition.choices, required=False)
    note = serializers.CharField(max_length=250, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=250, required=False, allow_blank=True, default="",
                                   help_text=_("Why (kept in the unit's history)."))


class UnitEditMixin:
    """PATCH a unit's condition and note (the fields left out keep their values)."""

    @extend_schema(summary="Change a unit's condition or note", request=VillageUnitEditSerializer)
    def partial_update(self, request, pk=None):
        unit = self.get_object()
        serializer = VillageUnitEditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {"condition": unit.condition, "note": unit.note, **serializer.validated_data}
        services.update_unit(unit=unit, by=request.user, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=unit.pk)).data)


# ------------------------------------------------------------------------------------------- products


class VillageProductDetailSerializer(serializers.ModelSerializer):
    """A product; its producer and consent only when the user may see the producer; ``producer_named``: the
    public catalogue names the producer today."""

    enterprise = serializers.CharField(source="enterprise.name", read_only=True)
    enterprise_id = serializers.IntegerField(read_only=True)
    producer = serializers.SerializerMethodField()
    producer_consent = serializers.SerializerMethodField()
    producer_named = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ["id", "enterprise", "enterprise_id", "name", "description", "unit_label", "price", "in_catalogue",
                  "active", "producer", "producer_consent", "producer_named"]
        read_only_fields = fields

    def _visible(self, product) -> bool:
        if product.producer_id is None:
            return False
        cache = self.context.setdefault("visible_producers", {})
        if product.producer_id not in cache:
            request = self.context.get("request")
            user = getattr(request, "user", None)
            cache[product.producer_id] = user is not None and persons_visible_to(user).filter(
                pk=product.producer_id).exists()
        return cache[product.producer_id]

    def get_producer(self, product) -> int | None:
        return product.producer_id if self._visible(product) else None

    def get_producer_consent(self, product) -> int | None:
        return product.producer_consent_id if self._visible(product) else None

    def get_producer_named(self, product) -> bool:
        return bool(selectors.producer_name(product))


class VillageProductInputSerializer(serializers.Serializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all(), help_text=_(
        "The enterprise (only when the product is made; it never changes)."))
    name = serializers.CharField(max_length=150)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    unit_label = serializers.CharField(max_length=40, required=False, default="pcs")
    price = serializers.DecimalField(max_digits=12, decimal_places=0, min_value=0)
    in_catalogue = serializers.BooleanField(required=False, default=True)
    active = serializers.BooleanField(required=False, default=True)
    producer = ScopedPrimaryKeyField(scoped=persons_visible_to, required=False, allow_null=True, default=None,
                                     help_text=_("A person of one of the enterprise's households."))
    producer_consent = ScopedPrimaryKeyField(scoped=_consents_visible_to, required=False, allow_null=True,
                                             default=None, help_text=_(
                                                 "The producer's consent (registry) to be named in the public "
                                                 "catalogue; empty: the producer is not named."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:  # an edit (partial: only the fields sent change); the enterprise stays
            self.fields.pop("enterprise")


class ProductWritesMixin:
    """Create and edit products (POST, PATCH) through services.save_product."""

    def get_serializer_class(self):
        return VillageProductDetailSerializer

    def _answer(self, product, code=status.HTTP_200_OK):
        product = Product.objects.select_related("enterprise", "producer", "producer_consent").get(pk=product.pk)
        return Response(VillageProductDetailSerializer(product, context=self.get_serializer_context()).data,
                        status=code)

    @extend_schema(summary="Add a product to an enterprise", request=VillageProductInputSerializer,
                   responses={201: VillageProductDetailSerializer})
    def create(self, request):
        serializer = VillageProductInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        product = services.save_product(by=request.user, **serializer.validated_data)
        return self._answer(product, status.HTTP_201_CREATED)

    @extend_schema(summary="Edit a product (price, catalogue, producer and their consent…)",
                   request=VillageProductInputSerializer, responses={200: VillageProductDetailSerializer})
    def partial_update(self, request, pk=None):
        product = self.get_object()
        serializer = VillageProductInputSerializer(product, data=request.data, partial=True,
                                                   context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "producer" in data and data["producer"] is None and "producer_consent" not in data:
            data["producer_consent"] = None  # no producer: nobody to name
        services.save_product(by=request.user, product=product, **data)
        return self._answer(product)
