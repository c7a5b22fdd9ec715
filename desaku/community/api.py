"""Community services over REST (/api/v1/): thin callers of community.services and community.selectors.

Activities outside the user's scope answer 404. Reading needs a community role; the PSKS directory and
award rounds are changed by the secretariat (``can_manage``), activities by recording roles
(``can_write``); score sheets by the secretariat or the juror's own account (the service checks it).
A change to a finalised round, or to criteria once scoring opened, is a conflict (409).
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from desaku.api.errors import conflict
from desaku.community import selectors, services
from desaku.community.models import (
    MEMBER_GROUP_KINDS,
    ActivityType,
    AwardCriterion,
    AwardEntry,
    AwardJuror,
    AwardRound,
    AwardScore,
    CommunityActivity,
    MemberRole,
    Membership,
    PSKSOrganisation,
    RoundStatus,
    Volunteer,
)
from desaku.community.permissions import can_approve, can_manage, can_read, can_write
from desaku.core.api_base import ScopedViewSet
from desaku.core.models import FundingSource, Organisation, Region, User
from desaku.core.services import log_access
from desaku.outreach.api import ScopedPrimaryKeyField
from desaku.people import selectors as people_selectors


class ReadOrManage(permissions.BasePermission):
    """Safe methods need a community role; changes need the secretariat (directory, award rounds)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read(request.user)
        return can_manage(request.user)


class ReadOrWrite(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return can_read(request.user)
        return can_write(request.user)


class ReadOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_read(request.user)


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


def kelurahan_field():
    return serializers.SlugRelatedField(
        slug_field="code", required=False, allow_null=True,
        queryset=Region.objects.filter(active=True, level=4, code__startswith="35.73."),
        help_text=_("Kemendagri code of a kelurahan in Kota Malang."))


# ------------------------------------------------------------------------------------ directory


class PSKSOrganisationSerializer(serializers.ModelSerializer):
    kelurahan = kelurahan_field()
    psks_category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    linked_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False,
                                                             allow_null=True)

    class Meta:
        model = PSKSOrganisation
        fields = ["id", "kind", "psks_category", "name", "address", "kelurahan", "contact_person", "phone", "email",
                  "registration_number", "accreditation", "accredited_on", "linked_organisation", "active", "notes"]


class PSKSVolunteerSerializer(serializers.ModelSerializer):
    kelurahan = kelurahan_field()
    psks_category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    affiliation = serializers.PrimaryKeyRelatedField(queryset=PSKSOrganisation.objects.all(), required=False,
                                                     allow_null=True)

    class Meta:
        model = Volunteer
        fields = ["id", "kind", "psks_category", "full_name", "kelurahan", "phone", "email", "affiliation",
                  "certificate_number", "active_since", "active"]


# ------------------------------------------------------------------------------------ activities


class CommunityActivityTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivityType
        fields = ["id", "code", "name", "default_target_group", "order", "active"]
        read_only_fields = fields


class CommunityActivitySerializer(serializers.ModelSerializer):
    activity_type = serializers.SlugRelatedField(slug_field="code", queryset=ActivityType.objects.filter(active=True))
    kelurahan = kelurahan_field()
    organiser = serializers.PrimaryKeyRelatedField(queryset=PSKSOrganisation.objects.all(), required=False,
                                                   allow_null=True)
    participants = ScopedPrimaryKeyField(scoped=people_selectors.persons_visible_to, many=True, required=False)
    participating_organisations = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                                                     queryset=PSKSOrganisation.objects.all())
    funding_source = serializers.SlugRelatedField(slug_field="code", queryset=FundingSource.objects.all(),
                                                  required=False, allow_null=True)
    target_group = serializers.CharField(required=False, allow_blank=True, default="",
                                         help_text=_("Empty: the usual target group of the type."))
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)
    attachment_count = serializers.SerializerMethodField()
    reason = serializers.CharField(write_only=True, required=False, max_length=250,
                                   help_text=_("Why the activity is changed (required on a change; audit trail)."))

    class Meta:
        model = CommunityActivity
        fields = ["id", "activity_type", "title", "held_on", "place", "kelurahan", "organiser", "organiser_name",
                  "target_group", "participants", "participating_organisations", "head_count", "budget_used",
                  "funding_source", "notes", "organisation", "created_by", "attachment_count", "reason"]
        read_only_fields = ["organisation"]

    def get_attachment_count(self, activity) -> int:
        return activity.attachments.count()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # Participants outside the user's scope are counted, not named.
        ids = data.get("participants") or []
        visible = set(people_selectors.persons_visible_to(_user(self)).filter(pk__in=ids)
                      .values_list("pk", flat=True))
        data["participants"] = [pk for pk in ids if pk in visible]
        data["participant_count"] = len(ids)
        return data


class MemberSerializer(serializers.ModelSerializer):
    """A member of a Karang Werdha group or KOMDA Lansia. A registry member is shown (id and name) only to
    those who may see the person; officials outside the registry are a name."""

    group = serializers.PrimaryKeyRelatedField(queryset=PSKSOrganisation.objects.filter(kind__in=MEMBER_GROUP_KINDS))
    person = ScopedPrimaryKeyField(scoped=people_selectors.persons_visible_to, required=False, allow_null=True,
                                   default=None)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    display_name = serializers.SerializerMethodField()
    current = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["id", "group", "person", "name", "display_name", "position", "role", "term_start", "term_end",
                  "current"]

    def get_display_name(self, membership) -> str | None:
        if membership.name:
            return membership.name
        return membership.person.full_name if membership.pk in self.context.get("visible_members", ()) else None

    def get_current(self, membership) -> bool:
        from django.utils import timezone

        return membership.current_on(timezone.localdate())

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if instance.person_id and instance.pk not in self.context.get("visible_members", ()):
            data["person"] = None
        return data


class MemberUpdateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MemberRole.choices, required=False)
    position = serializers.CharField(max_length=150, required=False, allow_blank=True)
    name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    term_start = serializers.DateField(required=False)
    term_end = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")


# ---------------------------------------------------------------------------------------- awards


class AwardCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardCriterion
        fields = ["id", "name", "description", "weight", "order"]
        read_only_fields = ["id", "order"]


class AwardCriteriaInputSerializer(serializers.Serializer):
    criteria = AwardCriterionSerializer(many=True)


class AwardEntrySerializer(serializers.ModelSerializer):
    group_name = serializers.CharField(source="group.name", read_only=True)
    letter_number = serializers.CharField(source="letter.number", read_only=True, default=None)

    class Meta:
        model = AwardEntry
        fields = ["id", "group", "group_name", "total", "rank", "is_winner", "letter_number"]
        read_only_fields = ["id", "group_name", "total", "rank", "is_winner", "letter_number"]


class AwardJurorSerializer(serializers.ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False,
                                              allow_null=True)
    affiliated_group = serializers.PrimaryKeyRelatedField(queryset=PSKSOrganisation.objects.all(), required=False,
                                                          allow_null=True)

    class Meta:
        model = AwardJuror
        fields = ["id", "name", "affiliation", "user", "affiliated_group"]


class AwardRoundSerializer(serializers.ModelSerializer):
    criteria = AwardCriterionSerializer(many=True, read_only=True)
    entries = AwardEntrySerializer(many=True, read_only=True)
    jurors = AwardJurorSerializer(many=True, read_only=True)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    class Meta:
        model = AwardRound
        fields = ["id", "year", "title", "status", "winner_count", "judged_on", "notes", "finalised_at", "criteria",
                  "entries", "jurors"]
        read_only_fields = ["status", "finalised_at"]


class AwardScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardScore
        fields = ["id", "entry", "juror", "criterion", "score"]
        read_only_fields = fields


class AwardScoreCellSerializer(serializers.Serializer):
    entry = serializers.IntegerField()
    criterion = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)


class AwardScoreSheetSerializer(serializers.Serializer):
    juror = serializers.IntegerField()
    scores = AwardScoreCellSerializer(many=True)


class AwardRankSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    entry = serializers.IntegerField()
    group = serializers.CharField()
    total = serializers.DecimalField(max_digits=7, decimal_places=3)
    means = serializers.DictField(child=serializers.DecimalField(max_digits=7, decimal_places=3, allow_null=True),
                                  help_text=_("Criterion id → mean of the jurors' scores."))
    missing = serializers.IntegerField()
    is_winner = serializers.BooleanField()


# ---------------------------------------------------------------------------------------- viewsets


class CommunityViewSet(ScopedViewSet):
    pass


@extend_schema_view(list=extend_schema(summary="PSKS organisations (?kind=lks)"),
                    create=extend_schema(summary="Add an organisation to the PSKS directory"),
                    partial_update=extend_schema(summary="Change an organisation of the PSKS directory"))
class OrganisationViewSet(CommunityViewSet):
    permission_classes = [ReadOrManage]
    serializer_class = PSKSOrganisationSerializer
    queryset = PSKSOrganisation.objects.none()
    list_filters = {"kind": "kind", "kelurahan": "kelurahan__code"}

    def get_queryset(self):
        return selectors.organisations_visible_to(self.request.user)

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        org = services.create_organisation(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(org).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        org = self.get_object()
        serializer = self.get_serializer(org, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        org = services.update_organisation(organisation=org, by=request.user, data=serializer.validated_data)
        return Response(self.get_serializer(org).data)


@extend_schema_view(list=extend_schema(summary="PSKS volunteers (?kind=tksk)"),
                    create=extend_schema(summary="Add a volunteer to the PSKS directory"),
                    partial_update=extend_schema(summary="Change a volunteer"))
class VolunteerViewSet(CommunityViewSet):
    permission_classes = [ReadOrManage]
    serializer_class = PSKSVolunteerSerializer
    queryset = Volunteer.objects.none()
    list_filters = {"kind": "kind", "kelurahan": "kelurahan__code"}

    def get_queryset(self):
        return selectors.volunteers_visible_to(self.request.user)

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        volunteer = services.create_volunteer(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(volunteer).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        volunteer = self.get_object()
        serializer = self.get_serializer(volunteer, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        volunteer = services.update_volunteer(volunteer=volunteer, by=request.user, data=serializer.validated_data)
        return Response(self.get_serializer(volunteer).data)


@extend_schema_view(list=extend_schema(summary="Community activity types (reference data)"))
class ActivityTypeViewSet(CommunityViewSet):
    permission_classes = [ReadOnly]
    serializer_class = CommunityActivityTypeSerializer
    queryset = ActivityType.objects.none()

    def get_queryset(self):
        return ActivityType.objects.all()


@extend_schema_view(list=extend_schema(summary="Community activities in your scope (?activity_type=code, ?year=)"),
                    create=extend_schema(summary="Record a forum, socialisation, Apel dan Senam, KOMDA meeting…"))
class ActivityViewSet(CommunityViewSet):
    permission_classes = [ReadOrWrite]
    serializer_class = CommunityActivitySerializer
    queryset = CommunityActivity.objects.none()
    list_filters = {"activity_type": "activity_type__code", "year": "held_on__year", "target_group": "target_group",
                    "participant": "participants"}

    def get_queryset(self):
        return selectors.activities_visible_to(self.request.user).prefetch_related(
            "participants", "participating_organisations").order_by("-held_on", "-id")

    def retrieve(self, request, pk=None):
        activity = self.get_object()
        log_access(user=request.user, obj=activity, action="view", detail="api", request=request)
        return Response(self.get_serializer(activity).data)

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("reason", None)
        activity = services.record_activity(by=request.user, **data)
        return Response(self.get_serializer(activity).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        from desaku.community.permissions import can_edit_activity

        activity = self.get_object()
        if not can_edit_activity(request.user, activity):
            raise PermissionDenied
        serializer = self.get_serializer(activity, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reason = " ".join(data.pop("reason", "").split())
        if not reason:
            raise serializers.ValidationError({"reason": [_("Say why the activity is changed.")]})
        participants = data.pop("participants", None)
        if participants is not None:  # participants outside the caller's scope stay
            visible = people_selectors.persons_visible_to(request.user).values("pk")
            participants = list(participants) + list(activity.participants.exclude(pk__in=visible))
        activity = services.update_activity(activity=activity, by=request.user, data=data, reason=reason,
                                            participants=participants,
                                            participating_organisations=data.pop("participating_organisations",
                                                                                 None))
        log_access(user=request.user, obj=activity, action="view", detail="api write", request=request)
        return Response(self.get_serializer(activity).data)


@extend_schema_view(list=extend_schema(summary="Members of Karang Werdha groups and KOMDA Lansia (?group=, "
                                               "?current=1)"),
                    create=extend_schema(summary="Add a member (a registry person or an official's name)"),
                    partial_update=extend_schema(summary="Change a member's role, office or term",
                                                 request=MemberUpdateSerializer, responses={200: MemberSerializer}))
class MemberViewSet(CommunityViewSet):
    permission_classes = [ReadOrManage]
    serializer_class = MemberSerializer
    queryset = Membership.objects.none()
    list_filters = {"group": "group", "role": "role"}

    def get_queryset(self):
        return selectors.memberships_visible_to(self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "visible_members": getattr(self, "_visible_members", set())}

    def _serialize(self, members, many=False):
        from desaku.people import identity

        members = list(members) if many else [members]
        person_ids = {m.person_id for m in members if m.person_id}
        visible = set(people_selectors.persons_visible_to(self.request.user).filter(pk__in=person_ids)
                      .values_list("pk", flat=True)) - identity.hidden_ids(self.request.user, person_ids)
        self._visible_members = {m.pk for m in members if m.person_id in visible}
        data = self.get_serializer(members, many=True).data
        return data if many else data[0]

    def list(self, request):
        queryset = self.filtered(self.get_queryset())
        if request.query_params.get("current") in ("1", "true"):
            from django.db.models import Q
            from django.utils import timezone

            today = timezone.localdate()
            queryset = queryset.filter(Q(term_end__isnull=True) | Q(term_end__gte=today), term_start__lte=today)
        page = self.paginate_queryset(queryset)
        log_access(user=request.user, action="view", model_label="community.Membership", object_id="*",
                   request=request, detail="api list")
        return self.get_paginated_response(self._serialize(page, many=True))

    def retrieve(self, request, pk=None):
        membership = self.get_object()
        log_access(user=request.user, obj=membership, action="view", detail="api", request=request)
        return Response(self._serialize(membership))

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.add_member(by=request.user, **serializer.validated_data)
        return Response(self._serialize(membership), status=status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        membership = self.get_object()
        serializer = MemberUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.update_membership(membership=membership, by=request.user,
                                                **serializer.validated_data)
        return Response(self._serialize(membership))


def _locked(award_round):
    return conflict({"detail": _("The round is finalised; its scores are locked.")})


@extend_schema_view(list=extend_schema(summary="Karang Werdha Berprestasi rounds"),
                    create=extend_schema(summary="Create the round of a year"))
class AwardRoundViewSet(CommunityViewSet):
    serializer_class = AwardRoundSerializer
    queryset = AwardRound.objects.none()
    list_filters = {"status": "status", "year": "year"}

    def get_permissions(self):
        if self.action == "scores":
            return [ReadOnly()]  # the service lets the secretariat or the juror themself write
        return [ReadOrManage()]

    def get_queryset(self):
        return selectors.rounds_visible_to(self.request.user).prefetch_related(
            "criteria", "entries__group", "entries__letter", "jurors")

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        award_round = services.create_round(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(award_round).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Replace the criteria (weights must add up to 100; only before scoring opens)",
                   request=AwardCriteriaInputSerializer, responses={200: AwardCriterionSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def criteria(self, request, pk=None):
        award_round = self.get_object()
        if award_round.status != RoundStatus.DRAFT:
            return conflict({"detail": _("Criteria are fixed once scoring has opened.")})
        serializer = AwardCriteriaInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        made = services.set_criteria(award_round=award_round, by=request.user,
                                     criteria=serializer.validated_data["criteria"])
        return Response(AwardCriterionSerializer(made, many=True).data)

    @extend_schema(summary="Add a Karang Werdha group to the round", request=AwardEntrySerializer,
                   responses={201: AwardEntrySerializer})
    @action(detail=True, methods=["post"])
    def entries(self, request, pk=None):
        award_round = self.get_object()
        if award_round.is_locked:
            return _locked(award_round)
        serializer = AwardEntrySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.add_entry(award_round=award_round, group=serializer.validated_data["group"],
                                   by=request.user)
        return Response(AwardEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Add a jury member", request=AwardJurorSerializer, responses={201: AwardJurorSerializer})
    @action(detail=True, methods=["post"])
    def jurors(self, request, pk=None):
        award_round = self.get_object()
        if award_round.is_locked:
            return _locked(award_round)
        serializer = AwardJurorSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        juror = services.add_juror(award_round=award_round, by=request.user, **serializer.validated_data)
        return Response(AwardJurorSerializer(juror).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Open scoring (criteria must weigh 100 in all)", request=None,
                   responses={200: AwardRoundSerializer})
    @action(detail=True, methods=["post"], url_path="open")
    def open_scoring(self, request, pk=None):
        award_round = self.get_object()
        services.open_scoring(award_round=award_round, by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=award_round.pk)).data)

    @extend_schema(methods=["GET"], summary="The round's scores (?juror=)", responses=AwardScoreSerializer(many=True))
    @extend_schema(methods=["POST"], summary="Save a juror's score sheet (0–100 per group and criterion)",
                   request=AwardScoreSheetSerializer, responses={200: AwardScoreSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def scores(self, request, pk=None):
        award_round = self.get_object()
        if request.method == "GET":
            items = AwardScore.objects.filter(entry__round=award_round)
            juror = request.query_params.get("juror")
            if juror and juror.isdigit():
                items = items.filter(juror_id=int(juror))
            return Response(AwardScoreSerializer(items, many=True).data)
        if award_round.is_locked:
            return _locked(award_round)
        serializer = AwardScoreSheetSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        juror = award_round.jurors.filter(pk=serializer.validated_data["juror"]).first()
        if juror is None:
            raise serializers.ValidationError({"juror": [_("Not a juror of this round.")]})
        if not services.may_score(request.user, juror):
            raise PermissionDenied
        entries = {e.pk: e for e in award_round.entries.select_related("group")}
        criteria = {c.pk: c for c in award_round.criteria.all()}
        cells = []
        for cell in serializer.validated_data["scores"]:
            if cell["entry"] not in entries or cell["criterion"] not in criteria:
                raise serializers.ValidationError({"scores": [_("The group or criterion belongs to another round.")]})
            cells.append((entries[cell["entry"]], criteria[cell["criterion"]], cell["score"]))
        saved = services.record_scores(juror=juror, by=request.user, scores=cells)
        return Response(AwardScoreSerializer(saved, many=True).data)

    @extend_schema(summary="The weighted ranking (stored once the round is finalised)",
                   responses=AwardRankSerializer(many=True))
    @action(detail=True, methods=["get"])
    def ranking(self, request, pk=None):
        award_round = self.get_object()
        rows = [{"rank": r.rank, "entry": r.entry.pk, "group": r.entry.group.name, "total": r.total,
                 "means": {str(k): v for k, v in r.means.items()}, "missing": r.missing,
                 "is_winner": r.entry.is_winner} for r in services.ranking(award_round)]
        return Response(AwardRankSerializer(rows, many=True).data)

    @extend_schema(summary="Finalise (Kepala Bidang): the ranking and winners are fixed, scores lock",
                   request=None, responses={200: AwardRoundSerializer})
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        award_round = self.get_object()
        if not can_approve(request.user):
            raise PermissionDenied
        if award_round.is_locked:
            return _locked(award_round)
        services.finalise_round(award_round=award_round, by=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=award_round.pk)).data)


urlpatterns = []  # extra non-router API paths


def register_routes(router) -> None:
    """Register this app's viewsets on the shared API router."""
    router.register("psks-organisations", OrganisationViewSet, basename="psks-organisation")
    router.register("psks-volunteers", VolunteerViewSet, basename="psks-volunteer")
    router.register("community-activity-types", ActivityTypeViewSet, basename="community-activity-type")
    router.register("community-activities", ActivityViewSet, basename="community-activity")
    router.register("community-members", MemberViewSet, basename="community-member")
    router.register("award-rounds", AwardRoundViewSet, basename="award-round")
