"""The village's program record over REST (/api/v1/village-sites/ …): sites and their graduation settings,
funding lines, stakeholders, dated stages and their documents, selection rounds, enterprises and UEP grants.

Thin callers of services_program / services, like the screens (views_record.py): whoever reads the village
pages reads these (the Kemensos reviewer does not); the program record is written by the Kepala Bidang, the
Administrator and the site's program officer (403 for another site); enterprises and grants by the program
office. Grants and an enterprise's households are scoped like the screens: a mentor sees only the households
assigned to them. Service refusals are 400s with field messages (desaku/api/errors.py).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from desaku.api.people_serializers import RegionCodeField
from desaku.core.files import serve_file
from desaku.core.models import FundingSource, Institution, User
from desaku.core.services import log_access
from desaku.outreach.api import ScopedPrimaryKeyField
from desaku.village import permissions, selectors, services, services_program
from desaku.village.api import VillageRemoveSerializer, VillageViewSet
from desaku.village.models import (
    CandidateStatus,
    Enterprise,
    EnterpriseKind,
    FundingLine,
    LandStatus,
    SelectionRound,
    Site,
    Stage,
    StageDocument,
    Stakeholder,
    StakeholderKind,
    UepGrant,
)
from desaku.village.views import STAGE_DOCUMENT_TYPES


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


def _reason_field():
    return serializers.CharField(max_length=250, required=False, allow_blank=True, default="", write_only=True,
                                 help_text=_("Why (kept in the record's history)."))


class ProgramViewSet(VillageViewSet):
    """Reads: village readers. Writes: program staff here, then the record's site is checked (403 for a site
    the user may not edit), then the service's rules (400)."""

    # The program officer is program staff (services_program._check_site), so MANAGERS covers every editor.
    write_check = staticmethod(permissions.can_manage)
    #: list filters whose value is a record id (anything else is a 400, never a 500)
    id_filters: tuple = ()

    def filtered(self, queryset):
        for param in self.id_filters:
            value = self.request.query_params.get(param, "")
            if value and not value.isdigit():
                raise ValidationError({param: [serializers.IntegerField.default_error_messages["invalid"]]})
        return super().filtered(queryset)

    def require_editable(self, site):
        if not permissions.can_edit_program(self.request.user, site):
            raise PermissionDenied(_("Your role may not edit the program record of this site."))

    def answer(self, obj, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data, status=code)

    def merged(self, obj, serializer, names):
        """The record's current values with the changed ones (the services take every field)."""
        return {**{name: getattr(obj, name) for name in names}, **serializer.validated_data}


# ---------------------------------------------------------------------------------------------- sites


class VillageGraduationSettingsSerializer(serializers.Serializer):
    income = serializers.DecimalField(max_digits=12, decimal_places=0, source="graduation_income")
    income_months = serializers.IntegerField(source="graduation_income_months")
    attendance_pct = serializers.IntegerField(source="graduation_attendance_pct")
    trainings = serializers.IntegerField(source="graduation_trainings")


class VillageGraduationInputSerializer(serializers.Serializer):
    income = serializers.DecimalField(max_digits=12, decimal_places=0, help_text=_("Minimum monthly income (Rp)."))
    income_months = serializers.IntegerField(help_text=_("Months running at that income (1–12)."))
    attendance_pct = serializers.IntegerField(help_text=_("Minimum mentoring attendance in percent (0–100)."))
    trainings = serializers.IntegerField(help_text=_("Trainings completed (0–20)."))
    reason = serializers.CharField(max_length=250, help_text=_("The program's decision behind the change."))


class VillageSiteSerializer(serializers.ModelSerializer):
    kelurahan = RegionCodeField(village=True, required=False, allow_null=True)
    program_officer = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True),
                                                         required=False, allow_null=True)
    land_status = serializers.ChoiceField(choices=LandStatus.choices, required=False)
    graduation = VillageGraduationSettingsSerializer(source="*", read_only=True)
    buildings = serializers.IntegerField(source="building_count", read_only=True)
    units = serializers.IntegerField(source="unit_count", read_only=True)
    reason = _reason_field()

    class Meta:
        model = Site
        fields = ["id", "code", "name", "address", "kelurahan", "land_area_m2", "land_used_m2", "land_status",
                  "description", "how_to_order", "utilities_note", "program_officer", "active", "graduation",
                  "buildings", "units", "reason"]
        read_only_fields = ["id", "code"]


class VillageNewSiteSerializer(VillageSiteSerializer):
    """A new site, with its numbered buildings and units (01A, 01B, 02A…) when asked."""

    code = serializers.SlugField(max_length=30, help_text=_("Short name without spaces, e.g. batu-2027."))
    buildings = serializers.IntegerField(required=False, default=0, write_only=True,
                                         help_text=_("Number of buildings to create (0–200)."))
    units_per_building = serializers.IntegerField(required=False, default=2, write_only=True,
                                                  help_text=_("Units per building (1–4)."))

    class Meta(VillageSiteSerializer.Meta):
        fields = [*VillageSiteSerializer.Meta.fields, "units_per_building"]
        read_only_fields = ["id"]


@extend_schema_view(
    list=extend_schema(summary="Village sites and their program record"),
    create=extend_schema(summary="Add a site (Kepala Bidang, Administrator)", request=VillageNewSiteSerializer,
                         responses={201: VillageSiteSerializer}),
    partial_update=extend_schema(summary="Edit a site (its program editors)"))
class SiteViewSet(ProgramViewSet):
    serializer_class = VillageSiteSerializer
    queryset = Site.objects.none()
    write_checks = {"create": permissions.can_edit_program}

    def get_queryset(self):
        from django.db.models import Count

        return Site.objects.annotate(building_count=Count("buildings", distinct=True),
                                     unit_count=Count("buildings__units", distinct=True)).order_by("id")

    def create(self, request):
        serializer = VillageNewSiteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("reason", None)
        site = services_program.create_site(by=request.user, **data)
        return self.answer(site, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        site = self.get_object()
        self.require_editable(site)
        serializer = self.get_serializer(site, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "program_officer" in data and not permissions.can_edit_program(request.user):
            raise ValidationError({"program_officer": [
                _("Only the Kepala Bidang or the Administrator names the program officer.")]})
        services_program.update_site(site=site, by=request.user, **data)
        return self.answer(site)

    @extend_schema(summary="Change the site's graduation settings", request=VillageGraduationInputSerializer,
                   responses={200: VillageSiteSerializer})
    @action(detail=True, methods=["post"])
    def graduation(self, request, pk=None):
        site = self.get_object()
        self.require_editable(site)
        serializer = VillageGraduationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services_program.update_graduation_settings(site=site, by=request.user, **serializer.validated_data)
        return self.answer(site)


# -------------------------------------------------------------------------------------- site records


class SiteRecordSerializer(serializers.ModelSerializer):
    """A record of one site: the site is chosen when it is made and never changes."""

    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.all())
    reason = _reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["site"].read_only = True


class SiteRecordViewSet(ProgramViewSet):
    """Create and edit (PATCH) a site's record through ``save`` (the service), the site checked first."""

    id_filters = ("site",)
    list_filters = {"site": "site_id"}
    #: the record's fields the service takes
    names: tuple = ()

    def save(self, *, site, obj, data):
        raise NotImplementedError

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        site = data.pop("site")
        self.require_editable(site)
        return self.answer(self.save(site=site, obj=None, data=data), status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        obj = self.get_object()
        self.require_editable(obj.site)
        serializer = self.get_serializer(obj, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = self.merged(obj, serializer, self.names)
        data.pop("site", None)
        return self.answer(self.save(site=obj.site, obj=obj, data=data))


class VillageFundingLineSerializer(SiteRecordSerializer):
    source = serializers.PrimaryKeyRelatedField(queryset=FundingSource.objects.filter(active=True), required=False,
                                                allow_null=True, help_text=_("A funding source of the reference list."))
    parent = serializers.PrimaryKeyRelatedField(queryset=FundingLine.objects.all(), required=False, allow_null=True,
                                                help_text=_("Empty: a funding source of its own; else a part of it."))

    class Meta:
        model = FundingLine
        fields = ["id", "site", "source", "source_name", "purpose", "amount", "in_kind", "year", "parent", "reason"]
        read_only_fields = ["id"]


@extend_schema_view(list=extend_schema(summary="Funding of the sites and its breakdown (?site=, ?parent=)"),
                    create=extend_schema(summary="Add a funding line (a source, or a part of one)"),
                    partial_update=extend_schema(summary="Edit a funding line"))
class FundingLineViewSet(SiteRecordViewSet):
    serializer_class = VillageFundingLineSerializer
    queryset = FundingLine.objects.none()
    id_filters = ("site", "parent")
    list_filters = {"site": "site_id", "parent": "parent_id"}
    names = ("source", "source_name", "purpose", "amount", "in_kind", "year", "parent")

    def get_queryset(self):
        return FundingLine.objects.select_related("site").order_by("site_id", "parent_id", "id")

    def save(self, *, site, obj, data):
        return services_program.save_funding_line(site=site, by=self.request.user, line=obj, **data)


class VillageStakeholderSerializer(SiteRecordSerializer):
    kind = serializers.ChoiceField(choices=StakeholderKind.choices)
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.all(), required=False,
                                                     allow_null=True)

    class Meta:
        model = Stakeholder
        fields = ["id", "site", "name", "kind", "role", "institution", "reason"]
        read_only_fields = ["id"]


@extend_schema_view(list=extend_schema(summary="Stakeholders of the sites and their roles (?site=)"),
                    create=extend_schema(summary="Add a stakeholder"),
                    partial_update=extend_schema(summary="Edit a stakeholder"))
class StakeholderViewSet(SiteRecordViewSet):
    serializer_class = VillageStakeholderSerializer
    queryset = Stakeholder.objects.none()
    names = ("name", "kind", "role", "institution")

    def get_queryset(self):
        return Stakeholder.objects.select_related("site").order_by("site_id", "id")

    def save(self, *, site, obj, data):
        return services_program.save_stakeholder(site=site, by=self.request.user, stakeholder=obj, **data)


class VillageStageDocumentSerializer(serializers.ModelSerializer):
    """A stage's document or photo; the file is served by ``url`` (signed-in readers, access-logged)."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = StageDocument
        fields = ["id", "stage", "caption", "is_photo", "url"]
        read_only_fields = fields

    def get_url(self, document) -> str:
        return reverse("village-stage-document-file", args=[document.pk])


class VillageStageSerializer(SiteRecordSerializer):
    documents = VillageStageDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Stage
        fields = ["id", "site", "title", "started_on", "ended_on", "description", "documents", "reason"]
        read_only_fields = ["id"]


@extend_schema_view(list=extend_schema(summary="Dated stages of the sites with their documents (?site=)"),
                    create=extend_schema(summary="Add a stage"), partial_update=extend_schema(summary="Edit a stage"))
class StageViewSet(SiteRecordViewSet):
    serializer_class = VillageStageSerializer
    queryset = Stage.objects.none()
    names = ("title", "started_on", "ended_on", "description")

    def get_queryset(self):
        return Stage.objects.select_related("site").prefetch_related("documents").order_by("site_id", "started_on",
                                                                                          "id")

    def save(self, *, site, obj, data):
        return services_program.save_stage(site=site, by=self.request.user, stage=obj, **data)


class VillageStageDocumentInputSerializer(serializers.Serializer):
    stage = serializers.PrimaryKeyRelatedField(queryset=Stage.objects.select_related("site"))
    file = serializers.FileField(help_text=_("PDF, JPEG or PNG, checked by its content; at most 5 MB."))
    caption = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


@extend_schema_view(list=extend_schema(summary="Documents and photos of the stages (?stage=, ?site=)"),
                    create=extend_schema(summary="Upload a document or photo of a stage (multipart)",
                                         request={"multipart/form-data": VillageStageDocumentInputSerializer},
                                         responses={201: VillageStageDocumentSerializer}),
                    destroy=extend_schema(summary="Remove a document (the reason stays in its history)",
                                          request=VillageRemoveSerializer, responses={204: None}))
class StageDocumentViewSet(ProgramViewSet):
    serializer_class = VillageStageDocumentSerializer
    queryset = StageDocument.objects.none()
    id_filters = ("stage", "site")
    list_filters = {"stage": "stage_id", "site": "stage__site_id"}

    def get_queryset(self):
        return StageDocument.objects.select_related("stage__site").order_by("stage_id", "id")

    def create(self, request):
        serializer = VillageStageDocumentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        self.require_editable(data["stage"].site)
        document = services_program.add_stage_document(stage=data["stage"], by=request.user, upload=data["file"],
                                                       caption=data["caption"])
        return self.answer(document, status.HTTP_201_CREATED)

    def destroy(self, request, pk=None):
        document = self.get_object()
        self.require_editable(document.stage.site)
        serializer = VillageRemoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services_program.remove_stage_document(document=document, by=request.user, **serializer.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="The document's file (access-logged)", responses={
        (200, "application/pdf"): OpenApiTypes.BINARY, (200, "image/jpeg"): OpenApiTypes.BINARY,
        (200, "image/png"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        document = self.get_object()  # a reader's (VillagePermission); the same rule as the page view
        return serve_file(request, document.file, content_types=STAGE_DOCUMENT_TYPES, record=document,
                          detail="api")


class VillageRoundSerializer(SiteRecordSerializer):
    candidates = serializers.IntegerField(source="candidate_count", read_only=True)
    accepted = serializers.IntegerField(source="accepted_count", read_only=True)

    class Meta:
        model = SelectionRound
        fields = ["id", "site", "name", "year", "quota", "opened_on", "closed", "candidates", "accepted", "reason"]
        read_only_fields = ["id"]


@extend_schema_view(list=extend_schema(summary="Selection rounds of the sites and their quotas (?site=)"),
                    create=extend_schema(summary="Open a selection round"),
                    partial_update=extend_schema(summary="Edit a selection round (quota, closing)"))
class RoundViewSet(SiteRecordViewSet):
    serializer_class = VillageRoundSerializer
    queryset = SelectionRound.objects.none()
    names = ("name", "year", "quota", "opened_on", "closed")

    def get_queryset(self):
        from django.db.models import Count, Q

        return SelectionRound.objects.select_related("site").annotate(
            candidate_count=Count("candidates"),
            accepted_count=Count("candidates", filter=Q(candidates__status=CandidateStatus.ACCEPTED))).order_by("site_id", "-year",
                                                                                                   "-id")

    def save(self, *, site, obj, data):
        return services_program.save_round(site=site, by=self.request.user, selection=obj, **data)


# --------------------------------------------------------------------------------- enterprises, grants


class VillageEnterpriseSerializer(serializers.ModelSerializer):
    """An enterprise; its households only those the user may see (``household_count`` counts them all)."""

    households = serializers.SerializerMethodField()
    household_count = serializers.SerializerMethodField()
    products = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Enterprise
        fields = ["id", "site", "name", "kind", "started_on", "description", "active", "households",
                  "household_count", "products"]
        read_only_fields = fields

    def get_households(self, enterprise) -> list[int]:
        visible = self.context["visible_households"]()
        return [h.pk for h in enterprise.households.all() if h.pk in visible]

    def get_household_count(self, enterprise) -> int:
        return len(enterprise.households.all())


class VillageEnterpriseInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    kind = serializers.ChoiceField(choices=EnterpriseKind.choices)
    households = ScopedPrimaryKeyField(scoped=selectors.living_households_visible_to, many=True, required=False,
                                       default=list, help_text=_("Households living in the village; the site is "
                                                                 "the first household's."))
    started_on = serializers.DateField(required=False, allow_null=True, default=None)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class ScopedHouseholdsMixin:
    def get_serializer_context(self):
        context = super().get_serializer_context()
        cache = {}

        def visible():  # one query per request, only when a serializer asks
            if "ids" not in cache:
                cache["ids"] = set(selectors.households_visible_to(self.request.user).values_list("pk", flat=True))
            return cache["ids"]

        context["visible_households"] = visible
        return context


@extend_schema_view(list=extend_schema(summary="Enterprises of the village (?site=, ?kind=)"),
                    create=extend_schema(summary="Record an enterprise", request=VillageEnterpriseInputSerializer,
                                         responses={201: VillageEnterpriseSerializer}))
class EnterpriseViewSet(ScopedHouseholdsMixin, ProgramViewSet):
    serializer_class = VillageEnterpriseSerializer
    queryset = Enterprise.objects.none()
    id_filters = ("site",)
    list_filters = {"site": "site_id", "kind": "kind"}

    def get_queryset(self):
        return Enterprise.objects.prefetch_related("households", "products").order_by("name", "id")

    def create(self, request):
        serializer = VillageEnterpriseInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        chosen = list(serializer.validated_data["households"])  # the households' site, as on the screen
        site = selectors.site_of(chosen[0]) if chosen else selectors.default_site()
        enterprise = services.create_enterprise(site=site, by=request.user, **serializer.validated_data)
        return self.answer(enterprise, status.HTTP_201_CREATED)


class VillageGrantSerializer(serializers.ModelSerializer):
    class Meta:
        model = UepGrant
        fields = ["id", "household", "enterprise", "amount", "received_on", "funding_source", "purpose", "note"]
        read_only_fields = fields


class VillageGrantInputSerializer(serializers.Serializer):
    household = ScopedPrimaryKeyField(scoped=selectors.households_visible_to, help_text=_(
        "A household of the enterprise."))
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all())
    amount = serializers.DecimalField(max_digits=12, decimal_places=0, required=False, allow_null=True, default=None,
                                      help_text=_("Rupiah; empty: Rp5.000.000."))
    received_on = serializers.DateField()
    funding_source = serializers.PrimaryKeyRelatedField(queryset=FundingSource.objects.filter(active=True),
                                                        required=False, allow_null=True, default=None)
    purpose = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


@extend_schema_view(list=extend_schema(summary="UEP grants of the households in your scope (?enterprise=, "
                                               "?household=)"),
                    create=extend_schema(summary="Record a UEP grant", request=VillageGrantInputSerializer,
                                         responses={201: VillageGrantSerializer}))
class GrantViewSet(ProgramViewSet):
    serializer_class = VillageGrantSerializer
    queryset = UepGrant.objects.none()
    id_filters = ("enterprise", "household")
    list_filters = {"enterprise": "enterprise_id", "household": "household_id"}

    def get_queryset(self):
        visible = selectors.households_visible_to(self.request.user).values("pk")
        return UepGrant.objects.filter(household__in=visible).order_by("-received_on", "-id")

    def retrieve(self, request, pk=None):
        grant = self.get_object()
        log_access(user=request.user, obj=grant, action="view", detail="api", request=request)
        return Response(self.get_serializer(grant).data)

    def create(self, request):
        serializer = VillageGrantInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        grant = services.record_grant(by=request.user, **serializer.validated_data)
        return self.answer(grant, status.HTTP_201_CREATED)


def register_routes(router) -> None:
    router.register("village-sites", SiteViewSet, basename="village-site")
    router.register("village-funding-lines", FundingLineViewSet, basename="village-funding-line")
    router.register("village-stakeholders", StakeholderViewSet, basename="village-stakeholder")
    router.register("village-stages", StageViewSet, basename="village-stage")
    router.register("village-stage-documents", StageDocumentViewSet, basename="village-stage-document")
    router.register("village-rounds", RoundViewSet, basename="village-round")
    router.register("village-enterprises", EnterpriseViewSet, basename="village-enterprise")
    router.register("village-grants", GrantViewSet, basename="village-grant")
