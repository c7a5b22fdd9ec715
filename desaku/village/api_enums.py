"""Schema names for this app's shared choice sets: {"StatusEnum-like name": "dotted.path.to.Choices"}.

Merged into SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]; must not import Django models."""

ENUM_NAME_OVERRIDES: dict[str, str] = {
    "VillageSessionKindEnum": "desaku.village.models.SessionKind",
    "VillageNominationSourceEnum": "desaku.village.models.NominationSource",
    "VillageCandidateStatusEnum": "desaku.village.models.CandidateStatus",
    "VillageOccupancyStatusEnum": "desaku.village.models.OccupancyStatus",
    "VillageConditionEnum": "desaku.village.models.Condition",
    "VillageBuyerKindEnum": "desaku.village.models.BuyerKind",
    "VillageEndReasonEnum": "desaku.village.models.EndReason",
    "VillageLandStatusEnum": "desaku.village.models.LandStatus",
    "VillageStakeholderKindEnum": "desaku.village.models.StakeholderKind",
    "VillageEnterpriseKindEnum": "desaku.village.models.EnterpriseKind",
    "VillageUtilityKindEnum": "desaku.village.models.UtilityKind",
    "VillageOfferStatusEnum": "desaku.village.models.OfferStatus",
}
