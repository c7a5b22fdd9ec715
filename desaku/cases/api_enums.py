"""Schema names for this app's shared choice sets: {"StatusEnum-like name": "dotted.path.to.Choices"}.

Merged into SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]; must not import Django models."""

ENUM_NAME_OVERRIDES: dict[str, str] = {
    "CaseStatusEnum": "desaku.cases.models.CaseStatus",
    "CaseSourceEnum": "desaku.cases.models.CaseSource",
    "CaseTypeEnum": "desaku.cases.models.CaseType",
    "CasePriorityEnum": "desaku.cases.models.Priority",
    "CaseNoteKindEnum": "desaku.cases.models.NoteKind",
    "CaseReferralStatusEnum": "desaku.cases.models.ReferralStatus",
    "CasePlanActionStatusEnum": "desaku.cases.models.ActionStatus",
}
