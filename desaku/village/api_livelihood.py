"""The village's livelihood and upkeep records over REST: production and monthly income, progress reviews and
each household's graduation checklist, utilities the department pays and inventory condition checks
(/api/v1/village-…). Same rules as api_operations.py (its base class): village readers read, records of
households outside the user's scope are not listed and answer 404, each write needs its screen's role (403),
then the service's rules (400 with field messages); a bad list filter is a 400.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status

from desaku.core.services import log_access
from desaku.outreach.api import ScopedPrimaryKeyField
from desaku.people.models import Household
from desaku.village import permissions, selectors, services
from desaku.village.api_operations import MonthField, OperationsViewSet
from desaku.village.models import (
    Condition,
    InventoryCheck,
    InventoryItem,
    MonthlyIncome,
    Product,
    ProductionRecord,
    ProgressReview,
    Site,
    Unit,
    UtilityKind,
    UtilityPayment,
)

# ------------------------------------------------------------------------------------ production, income


class VillageProductionSerializer(serializers.ModelSerializer):
    product_name = serializers.CharField(source="product.name", read_only=True)

    class Meta:
        model = ProductionRecord
        fields = ["id", "product", "product_name", "produced_on", "quantity", "note"]
        read_only_fields = fields


class VillageProductionInputSerializer(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.filter(active=True))
    produced_on = serializers.DateField()
    quantity = serializers.IntegerField(min_value=1)
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="Production of the village's products (?product=, ?enterprise=)"),
    create=extend_schema(summary="Record production", request=VillageProductionInputSerializer,
                         responses={201: VillageProductionSerializer}))
class ProductionViewSet(OperationsViewSet):
    """Production is a program figure (no personal data): every village reader reads it."""

    serializer_class = VillageProductionSerializer
    queryset = ProductionRecord.objects.none()
    write_check = staticmethod(permissions.can_mentor)
    id_filters = ("product", "enterprise")
    list_filters = {"product": "product_id", "enterprise": "product__enterprise_id"}

    def get_queryset(self):
        return ProductionRecord.objects.select_related("product").order_by("-produced_on", "-id")

    def create(self, request):
        serializer = VillageProductionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.created(services.record_production(by=request.user, **serializer.validated_data))


class VillageIncomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MonthlyIncome
        fields = ["id", "household", "month", "amount", "note"]
        read_only_fields = fields


class VillageIncomeInputSerializer(serializers.Serializer):
    household = ScopedPrimaryKeyField(scoped=selectors.households_visible_to)
    month = MonthField(help_text=_("YYYY-MM."))
    amount = serializers.DecimalField(max_digits=12, decimal_places=0, min_value=0)
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="",
                                 help_text=_("Where the income came from."))


@extend_schema_view(
    list=extend_schema(summary="Monthly income of the households in your scope (?household=, ?month=YYYY-MM)"),
    create=extend_schema(summary="Record a household's income of a month (again: corrects it, 200)",
                         request=VillageIncomeInputSerializer,
                         responses={201: VillageIncomeSerializer, 200: VillageIncomeSerializer}))
class IncomeViewSet(OperationsViewSet):
    serializer_class = VillageIncomeSerializer
    queryset = MonthlyIncome.objects.none()
    write_check = staticmethod(permissions.can_mentor)
    id_filters = ("household",)
    list_filters = {"household": "household_id"}
    month_filters = {"month": "month"}

    def get_queryset(self):
        visible = selectors.households_visible_to(self.request.user).values("pk")
        return MonthlyIncome.objects.filter(household__in=visible).order_by("household_id", "-month")

    def create(self, request):
        serializer = VillageIncomeInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        existed = MonthlyIncome.objects.filter(household=data["household"], month=data["month"]).exists()
        income = services.record_income(by=request.user, **data)
        return self.answer(income, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


# ----------------------------------------------------------------------------- progress and graduation


class VillageReviewSerializer(serializers.ModelSerializer):
    reviewed_by = serializers.CharField(source="reviewed_by.get_username", read_only=True)

    class Meta:
        model = ProgressReview
        fields = ["id", "household", "reviewed_on", "children_school_age", "children_in_school", "has_ktp",
                  "has_kk", "has_bpjs", "trainings_completed", "has_savings", "note", "reviewed_by"]
        read_only_fields = fields


class VillageReviewInputSerializer(serializers.Serializer):
    household = ScopedPrimaryKeyField(scoped=selectors.households_visible_to)
    reviewed_on = serializers.DateField()
    children_school_age = serializers.IntegerField(min_value=0, max_value=30, required=False, default=0)
    children_in_school = serializers.IntegerField(min_value=0, max_value=30, required=False, default=0)
    has_ktp = serializers.BooleanField(required=False, default=False)
    has_kk = serializers.BooleanField(required=False, default=False)
    has_bpjs = serializers.BooleanField(required=False, default=False)
    trainings_completed = serializers.IntegerField(min_value=0, max_value=50, required=False, default=0)
    has_savings = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="Progress reviews of the households in your scope (?household=)"),
    create=extend_schema(summary="Record a progress review (children in school, documents, training, savings)",
                         request=VillageReviewInputSerializer, responses={201: VillageReviewSerializer}))
class ReviewViewSet(OperationsViewSet):
    serializer_class = VillageReviewSerializer
    queryset = ProgressReview.objects.none()
    write_check = staticmethod(permissions.can_mentor)
    id_filters = ("household",)
    list_filters = {"household": "household_id"}

    def get_queryset(self):
        visible = selectors.households_visible_to(self.request.user).values("pk")
        return ProgressReview.objects.filter(household__in=visible).select_related("reviewed_by").order_by(
            "household_id", "-reviewed_on", "-id")

    def create(self, request):
        serializer = VillageReviewInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        household = data.pop("household")
        return self.created(services.record_review(household=household, by=request.user, **data))


class VillageChecklistItemSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("income, documents, school, training, mentoring, savings"))
    met = serializers.BooleanField()
    detail = serializers.CharField()


class VillageProgressSerializer(serializers.Serializer):
    """A household's progress: the graduation checklist against its site's settings, mentoring attendance,
    the income trend (last 12 months) and the latest review. Household ids only, no names."""

    household = serializers.IntegerField(source="pk")
    occupancy = serializers.SerializerMethodField()
    ready_to_graduate = serializers.SerializerMethodField()
    checklist = serializers.SerializerMethodField()
    settings = serializers.SerializerMethodField()
    attendance_rate = serializers.SerializerMethodField()
    income_trend = serializers.SerializerMethodField()
    latest_review = serializers.SerializerMethodField()

    def _progress(self, household):
        cache = self.context.setdefault("progress", {})
        if household.pk not in cache:
            settings = selectors.graduation_settings(selectors.site_of(household))
            cache[household.pk] = {"settings": settings,
                                   "checklist": selectors.graduation_checklist(household, settings)}
        return cache[household.pk]

    def get_occupancy(self, household) -> dict | None:
        occupancy = household.visible_occupancies[0] if household.visible_occupancies else None
        if occupancy is None:
            return None
        return {"id": occupancy.pk, "unit": occupancy.unit.number, "status": occupancy.status,
                "move_in_date": occupancy.move_in_date}

    def get_ready_to_graduate(self, household) -> bool:
        return all(item.met for item in self._progress(household)["checklist"])

    @extend_schema_field(VillageChecklistItemSerializer(many=True))
    def get_checklist(self, household):
        return [{"key": i.key, "met": i.met, "detail": i.detail} for i in self._progress(household)["checklist"]]

    def get_settings(self, household) -> dict:
        settings = self._progress(household)["settings"]
        return {"income": str(settings.income), "income_months": settings.income_months,
                "attendance_pct": settings.attendance_pct, "trainings": settings.trainings}

    def get_attendance_rate(self, household) -> float | None:
        rate = selectors.attendance_rate(household)
        return round(rate, 4) if rate is not None else None

    def get_income_trend(self, household) -> list[dict]:
        return [{"month": i.month.isoformat(), "amount": str(i.amount)} for i in selectors.income_trend(household)]

    def get_latest_review(self, household) -> dict | None:
        review = ProgressReview.objects.filter(household=household).select_related("reviewed_by").order_by(
            "-reviewed_on", "-id").first()
        return VillageReviewSerializer(review).data if review else None


@extend_schema_view(
    list=extend_schema(summary="Progress of the village's households in your scope: graduation checklist, "
                               "attendance, income trend, latest review"),
    retrieve=extend_schema(summary="A household's progress and graduation checklist (access-logged)"))
class ProgressViewSet(OperationsViewSet):
    serializer_class = VillageProgressSerializer
    queryset = Household.objects.none()

    def get_queryset(self):
        user = self.request.user
        occupancies = selectors.occupancies_visible_to(user)
        return selectors.households_visible_to(user).filter(
            pk__in=occupancies.values("household")).prefetch_related(
            Prefetch("village_occupancies", to_attr="visible_occupancies",
                     queryset=occupancies.order_by("-allocated_on", "-id"))).order_by("id")

    def retrieve(self, request, pk=None):
        household = self.get_object()
        log_access(user=request.user, obj=household, action="view", detail="api village progress", request=request)
        return self.answer(household)


# ---------------------------------------------------------------------------------- utilities, inventory


class VillageUtilitySerializer(serializers.ModelSerializer):
    unit_number = serializers.CharField(source="unit.number", read_only=True, default=None)

    class Meta:
        model = UtilityPayment
        fields = ["id", "site", "unit", "unit_number", "kind", "month", "amount", "paid_on", "note"]
        read_only_fields = fields


class VillageUtilityInputSerializer(serializers.Serializer):
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.all())
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.select_related("building"), required=False,
                                              allow_null=True, default=None, help_text=_(
                                                  "Empty: the whole site; else a unit of that site."))
    kind = serializers.ChoiceField(choices=UtilityKind.choices)
    month = MonthField(help_text=_("YYYY-MM."))
    amount = serializers.DecimalField(max_digits=12, decimal_places=0, min_value=1)
    paid_on = serializers.DateField()
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")

    def validate(self, data):
        unit = data.get("unit")
        if unit is not None and unit.building.site_id != data["site"].pk:
            raise serializers.ValidationError({"unit": [_("The unit is not in this site.")]})
        return data


@extend_schema_view(
    list=extend_schema(summary="Utilities the department pays for the village (?site=, ?unit=, ?kind=)"),
    create=extend_schema(summary="Record a utility payment", request=VillageUtilityInputSerializer,
                         responses={201: VillageUtilitySerializer}))
class UtilityViewSet(OperationsViewSet):
    serializer_class = VillageUtilitySerializer
    queryset = UtilityPayment.objects.none()
    id_filters = ("site", "unit")
    list_filters = {"site": "site_id", "unit": "unit_id", "kind": "kind"}
    choice_filters = {"kind": UtilityKind.values}

    def get_queryset(self):
        return UtilityPayment.objects.select_related("unit").order_by("-month", "kind", "-id")

    def create(self, request):
        serializer = VillageUtilityInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self.created(services.record_utility(by=request.user, **serializer.validated_data))


class VillageInventoryCheckSerializer(serializers.ModelSerializer):
    unit = serializers.IntegerField(source="item.unit_id", read_only=True)
    item_name = serializers.CharField(source="item.name", read_only=True)
    checked_by = serializers.CharField(source="checked_by.get_username", read_only=True)

    class Meta:
        model = InventoryCheck
        fields = ["id", "item", "item_name", "unit", "checked_on", "condition", "note", "checked_by"]
        read_only_fields = fields


class VillageInventoryCheckInputSerializer(serializers.Serializer):
    item = serializers.PrimaryKeyRelatedField(queryset=InventoryItem.objects.all())
    condition = serializers.ChoiceField(choices=Condition.choices)
    checked_on = serializers.DateField(required=False, allow_null=True, default=None, help_text=_("Empty: today."))
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(summary="Condition checks of the units' inventory (?unit=, ?item=, ?condition=)"),
    create=extend_schema(summary="Record an inventory check (the item takes the condition found)",
                         request=VillageInventoryCheckInputSerializer,
                         responses={201: VillageInventoryCheckSerializer}))
class InventoryCheckViewSet(OperationsViewSet):
    serializer_class = VillageInventoryCheckSerializer
    queryset = InventoryCheck.objects.none()
    id_filters = ("unit", "item")
    list_filters = {"unit": "item__unit_id", "item": "item_id", "condition": "condition"}
    choice_filters = {"condition": Condition.values}

    def get_queryset(self):
        return InventoryCheck.objects.select_related("item", "checked_by").order_by("-checked_on", "-id")

    def create(self, request):
        serializer = VillageInventoryCheckInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        return self.created(services.check_inventory(item=data["item"], by=request.user, condition=data["condition"],
                                                     on=data["checked_on"], note=data["note"]))


def register_routes(router) -> None:
    router.register("village-production", ProductionViewSet, basename="village-production")
    router.register("village-incomes", IncomeViewSet, basename="village-income")
    router.register("village-reviews", ReviewViewSet, basename="village-review")
    router.register("village-progress", ProgressViewSet, basename="village-progress")
    router.register("village-utilities", UtilityViewSet, basename="village-utility")
    router.register("village-inventory-checks", InventoryCheckViewSet, basename="village-inventory-check")
