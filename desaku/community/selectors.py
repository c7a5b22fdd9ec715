"""Reads of community services, always through the user's scope where people are involved."""

from django.db.models import Count

from desaku.community.models import (
    ActivityType,
    AwardRound,
    CommunityActivity,
    Membership,
    PSKSOrganisation,
    RoundStatus,
    Volunteer,
)


def organisations_visible_to(user):
    """The PSKS directory is shared reference data: every community reader sees all of it."""
    return PSKSOrganisation.objects.select_related("kelurahan__parent", "psks_category")


def volunteers_visible_to(user):
    return Volunteer.objects.select_related("kelurahan__parent", "affiliation", "psks_category")


def memberships_of(group):
    return Membership.objects.filter(group=group).select_related("person")


def memberships_visible_to(user):
    """Members of Karang Werdha groups and KOMDA Lansia: directory data for every community reader; whether a
    registry member's name shows is decided per person (people scope and the identity hook)."""
    return Membership.objects.select_related("group", "person").order_by("group__name", "role", "term_start", "id")


def activities_visible_to(user):
    return CommunityActivity.objects.visible_to(user).select_related("activity_type", "kelurahan", "organiser")


def activity_types():
    return ActivityType.objects.filter(active=True)


def rounds_visible_to(user):
    return AwardRound.objects.all()


def activities_with_counts(user):
    return activities_visible_to(user).annotate(
        participant_count=Count("participants", distinct=True),
        attachment_count=Count("attachments", distinct=True)).order_by("-held_on", "-id")


def open_rounds(user):
    return rounds_visible_to(user).exclude(status=RoundStatus.FINALISED)


def jurors_of(user, award_round):
    return award_round.jurors.filter(user=user)
