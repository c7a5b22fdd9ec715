"""Schema names for this app's shared choice sets: {"StatusEnum-like name": "dotted.path.to.Choices"}.

Merged into SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]; must not import Django models."""

ENUM_NAME_OVERRIDES: dict[str, str] = {
    "CommunityOrganisationKindEnum": "desaku.community.models.OrganisationKind",
    "CommunityVolunteerKindEnum": "desaku.community.models.VolunteerKind",
    "CommunityAccreditationEnum": "desaku.community.models.Accreditation",
    "CommunityTargetGroupEnum": "desaku.community.models.TargetGroup",
    "AwardRoundStatusEnum": "desaku.community.models.RoundStatus",
    "CommunityMemberRoleEnum": "desaku.community.models.MemberRole",
}
