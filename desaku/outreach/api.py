"""Outreach over REST (/api/v1/): thin callers of outreach.services and outreach.selectors.

Records outside the user's scope answer 404, never 403. Reading needs an outreach role
(``permissions.can_read``), writing a recording role (``can_write``); approvals are refused by the
services for anyone but a Kepala Bidang or Administrator, which the API answers as a 400 with the
field message (desaku/api/errors.py turns the service's ValidationError into JSON).
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from desaku.core.api_base import ScopedViewSet
from desaku.core.models import ExitDestination, Institution, PPKSCategory, Region, User
from desaku.core.services import log_access
from desaku.outreach import letters, selectors, services
from desaku.outreach.models import (
    ATENSI_COMPONENTS,
    EXPLOITATION_INDICATORS,
    Activity,
    Assessment,
    Company,
    ConferenceOpinion,
    Disposition,
    DispositionKind,
    Encounter,
    EncounterOutcome,
    IdentityStatus,
    OutreachOperation,
    PreventiveActivity,
    PreventiveKind,
    RiskLevel,
    Shelter,
    Stay,
    StayExtension,
    StayStatus,
    StayTransfer,
)
from desaku.outreach.permissions import can_read, can_write
from desaku.people import selectors as people_selectors
from desaku.people.models import Person
from desaku.people.permissions import can_see_sensitive


class OutreachPermission(permissions.BasePermission):
    """Safe methods need an outreach role; changes need a recording role."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read(request.user)
        return can_write(request.user)


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


# ------------------------------------------------------------------------------------------ fields


@extend_schema_field(int)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """An id among the records the user may see; any other id reads as "does not exist"."""

    def __init__(self, *, scoped, **kwargs):
        self.scoped = scoped
        super().__init__(queryset=Person.objects.none(), **kwargs)  # the real one comes per request

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return self.scoped(user) if user is not None else Person.objects.none()


def region_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.filter(active=True),
                                        required=False, allow_null=True, default=None, **kwargs)


def shelter_field(**kwargs):
    return serializers.SlugRelatedField(slug_field="code", queryset=Shelter.objects.filter(active=True), **kwargs)


class PersonBriefSerializer(serializers.ModelSerializer):
    registration_number = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "registration_number", "full_name", "sex", "birth_year", "nik_masked"]
        read_only_fields = fields


# ------------------------------------------------------------------------------------- operations


class OperationSerializer(serializers.ModelSerializer):
    kelurahan = serializers.SlugRelatedField(
        slug_field="code", required=False, allow_null=True,
        queryset=Region.objects.filter(active=True, level=4, code__startswith="35.73."),
        help_text=_("Kemendagri code of a kelurahan in Kota Malang."))
    team = serializers.PrimaryKeyRelatedField(many=True, required=False, queryset=User.objects.filter(is_active=True))
    agencies = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                                  queryset=Institution.objects.filter(active=True))
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)
    encounter_count = serializers.SerializerMethodField()

    class Meta:
        model = OutreachOperation
        fields = ["id", "kind", "started_at", "ended_at", "kelurahan", "place", "latitude", "longitude", "team",
                  "agencies", "report_reference", "notes", "organisation", "created_by", "encounter_count"]
        read_only_fields = ["organisation"]

    def get_encounter_count(self, operation) -> int:
        return getattr(operation, "encounter_count", None) or operation.encounters.count()


# ------------------------------------------------------------------------------------- encounters


class PreviousExitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Disposition
        fields = ["id", "kind", "decided_on"]
        read_only_fields = fields


class EncounterSerializer(serializers.ModelSerializer):
    person = PersonBriefSerializer(read_only=True)
    previous_disposition = PreviousExitSerializer(read_only=True)
    recorded_by = serializers.CharField(source="recorded_by.get_username", read_only=True)

    class Meta:
        model = Encounter
        fields = ["id", "operation", "person", "encountered_at", "place", "activity", "company",
                  "possible_exploitation", "outcome", "referred_to", "notes", "previous_disposition",
                  "days_since_exit", "recorded_by"]
        read_only_fields = fields


class EncounterInputSerializer(serializers.Serializer):
    operation = ScopedPrimaryKeyField(scoped=selectors.operations_visible_to)
    person = ScopedPrimaryKeyField(scoped=people_selectors.persons_visible_to,
                                   help_text=_("A person of the registry (register new persons at /persons/)."))
    encountered_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    place = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    activity = serializers.ChoiceField(choices=Activity.choices)
    company = serializers.ChoiceField(choices=Company.choices, default=Company.ALONE)
    outcome = serializers.ChoiceField(choices=EncounterOutcome.choices)
    referred_to = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.filter(active=True), required=False,
                                                     allow_null=True, default=None)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


# ------------------------------------------------------------------------------------------ stays


class StaySerializer(serializers.ModelSerializer):
    person = PersonBriefSerializer(read_only=True)
    shelter = serializers.SlugRelatedField(slug_field="code", read_only=True)
    max_due_on = serializers.DateField(read_only=True)
    responsible_worker_name = serializers.SerializerMethodField()
    day = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Stay
        fields = ["id", "person", "shelter", "encounter", "admitted_on", "due_on", "max_due_on", "extensions",
                  "status", "ended_on", "responsible_worker", "responsible_worker_name", "over_capacity_reason",
                  "organisation", "day", "overdue"]
        read_only_fields = fields

    def get_responsible_worker_name(self, stay) -> str:
        return stay.responsible_worker.get_full_name() or stay.responsible_worker.username

    def get_day(self, stay) -> int:
        return stay.days_in(timezone.localdate()) + 1

    def get_overdue(self, stay) -> bool:
        return stay.status == StayStatus.OPEN and stay.due_on < timezone.localdate()


class AdmitSerializer(serializers.Serializer):
    person = ScopedPrimaryKeyField(scoped=people_selectors.persons_visible_to)
    shelter = shelter_field(help_text=_('Shelter code, e.g. "camp-assessment".'))
    responsible_worker = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True),
                                                            required=False, allow_null=True, default=None)
    admitted_on = serializers.DateField(required=False, allow_null=True, default=None)
    encounter = ScopedPrimaryKeyField(scoped=selectors.encounters_visible_to, required=False, allow_null=True,
                                      default=None)
    over_capacity_reason = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


class ExtensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = StayExtension
        fields = ["id", "stay", "number", "reason", "new_due_on", "requested_by", "approved_by", "approved_at"]
        read_only_fields = fields


class ExtendSerializer(serializers.Serializer):
    reason = serializers.CharField()


class TransferSerializer(serializers.ModelSerializer):
    from_shelter = serializers.SlugRelatedField(slug_field="code", read_only=True)
    to_shelter = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = StayTransfer
        fields = ["id", "stay", "from_shelter", "to_shelter", "transferred_on", "reason", "by"]
        read_only_fields = fields


class TransferInputSerializer(serializers.Serializer):
    to_shelter = shelter_field()
    reason = serializers.CharField(max_length=250)
    on = serializers.DateField(required=False, allow_null=True, default=None)
    over_capacity_reason = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


# ------------------------------------------------------------------------------------- assessment


class OpinionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConferenceOpinion
        fields = ["id", "participant", "role", "opinion", "recommended"]
        read_only_fields = ["id"]


class AssessmentSerializer(serializers.ModelSerializer):
    origin_region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    categories = serializers.SerializerMethodField()
    assessed_by = serializers.CharField(source="assessed_by.get_username", read_only=True)
    opinions = OpinionSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "stay", "version", "assessed_on", "assessed_by", "identity_status", "origin_region",
                  "family_contact", "health", "clinic_referral", "disability", "education", "income_sources",
                  "exploitation_indicators", "categories", "needs", "risk_level", "recommendation",
                  "recommendation_note", "opinions"]
        read_only_fields = fields

    def get_categories(self, assessment) -> list[str]:
        sensitive = can_see_sensitive(_user(self))
        return [c.code for c in assessment.ppks_categories.all() if sensitive or not c.is_sensitive]


class AssessmentInputSerializer(serializers.Serializer):
    assessed_on = serializers.DateField(required=False, help_text=_("Defaults to today."))
    identity_status = serializers.ChoiceField(choices=IdentityStatus.choices)
    origin_region = region_field()
    family_contact = serializers.CharField(required=False, allow_blank=True, default="")
    health = serializers.CharField(required=False, allow_blank=True, default="")
    clinic_referral = serializers.BooleanField(required=False, default=False)
    disability = serializers.CharField(required=False, allow_blank=True, default="")
    education = serializers.CharField(required=False, allow_blank=True, default="")
    income_sources = serializers.CharField(required=False, allow_blank=True, default="")
    exploitation_indicators = serializers.ListField(child=serializers.ChoiceField(choices=EXPLOITATION_INDICATORS),
                                                    required=False, default=list)
    categories = serializers.SlugRelatedField(slug_field="code", many=True, required=False, default=list,
                                              queryset=PPKSCategory.objects.filter(active=True),
                                              help_text=_('PPKS category codes, e.g. ["PPKS-11", "PPKS-12"].'))
    needs = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, default=dict,
                                  help_text=_("A note per ATENSI component: living, care, family, therapy, "
                                              "vocational, aid, accessibility."))
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices)
    recommendation = serializers.ChoiceField(choices=DispositionKind.choices)
    recommendation_note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_categories(self, categories):
        if any(c.is_sensitive for c in categories) and not can_see_sensitive(_user(self)):
            raise serializers.ValidationError(_("Your role may not record this category."))
        return categories

    def validate_needs(self, needs):
        known = {key for key, _label in ATENSI_COMPONENTS}
        unknown = sorted(set(needs) - known)
        if unknown:
            raise serializers.ValidationError(_("Unknown ATENSI components: %(keys)s.") % {"keys": ", ".join(unknown)})
        return {k: v.strip() for k, v in needs.items() if v.strip()}

    def validate(self, attrs):
        attrs.setdefault("assessed_on", timezone.localdate())
        return attrs


# ------------------------------------------------------------------------------------ disposition


class DispositionSerializer(serializers.ModelSerializer):
    person = serializers.SerializerMethodField()
    exit_destination = serializers.SlugRelatedField(slug_field="code", read_only=True)
    exit_class = serializers.CharField(source="exit_destination.exit_class", read_only=True)
    destination_region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    proposed_by = serializers.CharField(source="proposed_by.get_username", read_only=True)
    approved_by = serializers.CharField(source="approved_by.get_username", read_only=True, default=None)
    letter = serializers.SerializerMethodField()

    class Meta:
        model = Disposition
        fields = ["id", "stay", "person", "kind", "exit_destination", "exit_class", "decided_on", "status",
                  "proposed_by", "approved_by", "approved_at", "review_note", "conditions", "receiver_name",
                  "receiver_relationship", "receiver_address", "destination_region", "travel_arrangement",
                  "institution", "notes", "letter"]
        read_only_fields = fields

    @extend_schema_field(PersonBriefSerializer)
    def get_person(self, disposition):
        return PersonBriefSerializer(disposition.stay.person).data

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_letter(self, disposition):
        letter = disposition.letter
        if letter is None:
            return None
        from desaku.core.letters import verification_url

        return {"number": letter.number, "issued_on": letter.issued_on,
                "verification_url": verification_url(letter, self.context.get("request"))}


class ProposeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DispositionKind.choices)
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)
    exit_destination = serializers.SlugRelatedField(slug_field="code", required=False, allow_null=True, default=None,
                                                    queryset=ExitDestination.objects.filter(active=True))
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    receiver_name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    receiver_relationship = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    receiver_address = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    destination_region = region_field()
    travel_arrangement = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.filter(active=True), required=False,
                                                     allow_null=True, default=None)
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


# ---------------------------------------------------------------------------------------- shelters


class ShelterSerializer(serializers.ModelSerializer):
    accepts = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    occupied = serializers.IntegerField(read_only=True)
    free = serializers.SerializerMethodField()

    class Meta:
        model = Shelter
        fields = ["id", "code", "name", "address", "region", "capacity", "occupied", "free", "accepts",
                  "accepts_note", "min_age", "active"]
        read_only_fields = fields

    def get_free(self, shelter) -> int:
        return max(0, shelter.capacity - shelter.occupied)


class OccupancySerializer(serializers.Serializer):
    shelter = serializers.CharField()
    name = serializers.CharField()
    capacity = serializers.IntegerField()
    occupied = serializers.IntegerField()
    free = serializers.IntegerField()
    over = serializers.IntegerField()
    stays = serializers.ListField(child=serializers.IntegerField(), help_text=_("Open stays you may see."))
    due_today = serializers.ListField(child=serializers.IntegerField())
    overdue = serializers.ListField(child=serializers.IntegerField())


# ------------------------------------------------------------------------------------- preventive


class ActivitySerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=PreventiveKind.choices)
    kelurahan = serializers.SlugRelatedField(
        slug_field="code", required=False, allow_null=True,
        queryset=Region.objects.filter(active=True, level=4, code__startswith="35.73."))
    participants = ScopedPrimaryKeyField(scoped=people_selectors.persons_visible_to, many=True, required=False)
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)
    photo_count = serializers.SerializerMethodField()

    class Meta:
        model = PreventiveActivity
        fields = ["id", "kind", "held_on", "place", "kelurahan", "organiser", "topic", "participants", "head_count",
                  "notes", "organisation", "created_by", "photo_count"]
        read_only_fields = ["organisation"]

    def get_photo_count(self, activity) -> int:
        return activity.photos.count()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Participants outside the user's scope are counted, not named.
        user = _user(self)
        ids = data.get("participants") or []
        visible = set(people_selectors.persons_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        data["participants"] = [pk for pk in ids if pk in visible]
        data["participant_count"] = len(ids)
        return data


# ---------------------------------------------------------------------------------------- viewsets


class OutreachViewSet(ScopedViewSet):
    permission_classes = [OutreachPermission]


@extend_schema_view(list=extend_schema(summary="Outreach operations in your scope (?kind=raid)"),
                    create=extend_schema(summary="Record a patrol, joint raid or response to a public report"))
class OperationViewSet(OutreachViewSet):
    serializer_class = OperationSerializer
    queryset = OutreachOperation.objects.none()
    list_filters = {"kind": "kind"}

    def get_queryset(self):
        return selectors.operations_visible_to(self.request.user).annotate(
            encounter_count=Count("encounters", distinct=True)).order_by("-started_at", "-id")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        operation = services.create_operation(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(operation).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Encounters in your scope (?operation=, ?person=, ?outcome=)"),
                    create=extend_schema(summary="Record a person found during an operation",
                                         request=EncounterInputSerializer, responses={201: EncounterSerializer}))
class EncounterViewSet(OutreachViewSet):
    serializer_class = EncounterSerializer
    queryset = Encounter.objects.none()
    list_filters = {"operation": "operation_id", "person": "person_id", "outcome": "outcome",
                    "activity": "activity"}

    def get_queryset(self):
        return selectors.encounters_visible_to(self.request.user)

    def retrieve(self, request, pk=None):
        encounter = self.get_object()
        log_access(user=request.user, obj=encounter, action="view", detail="api", request=request)
        return Response(self.get_serializer(encounter).data)

    def create(self, request):
        serializer = EncounterInputSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        encounter = services.record_encounter(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(encounter).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Shelter stays in your scope (?status=open, ?shelter=code, ?person=)"),
                    create=extend_schema(summary="Admit a person to a shelter", request=AdmitSerializer,
                                         responses={201: StaySerializer}))
class StayViewSet(OutreachViewSet):
    serializer_class = StaySerializer
    queryset = Stay.objects.none()
    list_filters = {"status": "status", "shelter": "shelter__code", "person": "person_id"}

    def get_queryset(self):
        return selectors.stays_visible_to(self.request.user)

    def retrieve(self, request, pk=None):
        stay = self.get_object()
        log_access(user=request.user, obj=stay, action="view", detail="api", request=request)
        return Response(self.get_serializer(stay).data)

    def create(self, request):
        serializer = AdmitSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        stay = services.admit(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(stay).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Extend the stay by 7 days (Kepala Bidang; at most twice)", request=ExtendSerializer,
                   responses={201: ExtensionSerializer})
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        stay = self.get_object()
        serializer = ExtendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        extension = services.extend_stay(stay=stay, by=request.user, reason=serializer.validated_data["reason"])
        return Response(ExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Move the stay to another shelter", request=TransferInputSerializer,
                   responses={201: TransferSerializer})
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        stay = self.get_object()
        serializer = TransferInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        record = services.transfer(stay=stay, by=request.user, **serializer.validated_data)
        return Response(TransferSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="Assessment versions of the stay, latest first",
                   responses=AssessmentSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Save a new assessment version", request=AssessmentInputSerializer,
                   responses={201: AssessmentSerializer})
    @action(detail=True, methods=["get", "post"])
    def assessments(self, request, pk=None):
        stay = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            items = stay.assessments.prefetch_related("ppks_categories", "opinions").select_related("assessed_by")
            log_access(user=request.user, obj=stay, action="view", detail="assessments (api)", request=request)
            return Response(AssessmentSerializer(items, many=True, context=context).data)
        serializer = AssessmentInputSerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        assessment = services.save_assessment(stay=stay, by=request.user, **serializer.validated_data)
        return Response(AssessmentSerializer(assessment, context=context).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="Dispositions of the stay", responses=DispositionSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Propose the disposition (a Kepala Bidang approves it)",
                   request=ProposeSerializer, responses={201: DispositionSerializer})
    @action(detail=True, methods=["get", "post"])
    def dispositions(self, request, pk=None):
        stay = self.get_object()
        context = self.get_serializer_context()
        if request.method == "GET":
            items = stay.dispositions.select_related("exit_destination", "letter", "stay__person")
            return Response(DispositionSerializer(items, many=True, context=context).data)
        serializer = ProposeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if v not in (None, "") or k == "kind"}
        disposition = services.propose_disposition(stay=stay, by=request.user, **data)
        return Response(DispositionSerializer(disposition, context=context).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(summary="Dispositions in your scope (?status=proposed, ?kind=)"))
class DispositionViewSet(OutreachViewSet):
    serializer_class = DispositionSerializer
    queryset = Disposition.objects.none()
    list_filters = {"status": "status", "kind": "kind", "stay": "stay_id"}

    def get_queryset(self):
        return selectors.dispositions_visible_to(self.request.user).select_related("letter", "proposed_by",
                                                                                   "approved_by")

    @extend_schema(summary="Approve (Kepala Bidang): the stay ends; letters are issued for their kinds",
                   request=ReviewSerializer, responses={200: DispositionSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        disposition = self.get_object()
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.approve_disposition(disposition=disposition, by=request.user, note=serializer.validated_data["note"])
        if letters.has_letter(disposition):
            letters.issue_disposition_letter(disposition=disposition, by=request.user,
                                             base_url=request.build_absolute_uri("/"))
        disposition = self.get_queryset().get(pk=disposition.pk)
        return Response(self.get_serializer(disposition).data)

    @extend_schema(summary="Send back to the Peksos with a note (Kepala Bidang)", request=ReviewSerializer,
                   responses={200: DispositionSerializer})
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, pk=None):
        disposition = self.get_object()
        serializer = ReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.send_back_disposition(disposition=disposition, by=request.user,
                                       note=serializer.validated_data["note"])
        return Response(self.get_serializer(disposition).data)


@extend_schema_view(list=extend_schema(summary="Shelters with their capacity and true occupancy"))
class ShelterViewSet(OutreachViewSet):
    serializer_class = ShelterSerializer
    queryset = Shelter.objects.none()

    def get_queryset(self):
        return Shelter.objects.annotate(occupied=Count("stays", filter=Q(stays__status=StayStatus.OPEN))) \
            .prefetch_related("accepts").order_by("name")

    @extend_schema(summary="The occupancy board: numbers for all, open stays only within your scope",
                   responses=OccupancySerializer(many=True))
    @action(detail=False, methods=["get"])
    def occupancy(self, request):
        rows = [{"shelter": r["shelter"].code, "name": r["shelter"].name, "capacity": r["shelter"].capacity,
                 "occupied": r["occupied"], "free": r["free"], "over": r["over"],
                 "stays": [s.pk for s in r["stays"]], "due_today": [s.pk for s in r["due_today"]],
                 "overdue": [s.pk for s in r["overdue"]]}
                for r in selectors.occupancy_board(request.user)]
        return Response(OccupancySerializer(rows, many=True).data)


@extend_schema_view(list=extend_schema(summary="Preventive activities in your scope (?kind=)"),
                    create=extend_schema(summary="Record a counselling, socialisation or guidance session"))
class PreventiveActivityViewSet(OutreachViewSet):
    serializer_class = ActivitySerializer
    queryset = PreventiveActivity.objects.none()
    list_filters = {"kind": "kind"}

    def get_queryset(self):
        return selectors.activities_visible_to(self.request.user).prefetch_related("participants").order_by(
            "-held_on", "-id")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        activity = services.record_preventive_activity(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(activity).data, status=status.HTTP_201_CREATED)
