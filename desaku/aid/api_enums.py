"""Schema names for this app's shared choice sets: {"StatusEnum-like name": "dotted.path.to.Choices"}.

Merged into SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]; must not import Django models."""

ENUM_NAME_OVERRIDES: dict[str, str] = {
    "AidEnrolmentStatusEnum": "desaku.aid.models.EnrolmentStatus",
    "AidCycleStatusEnum": "desaku.aid.models.CycleStatus",
    "AidLineStatusEnum": "desaku.aid.models.LineStatus",
    "AidRequestStatusEnum": "desaku.aid.models.RequestStatus",
    "AidProgramKindEnum": "desaku.aid.models.ProgramKind",
    "AidRequestKindEnum": "desaku.aid.models.RequestKind",
    "AidPaymentMethodEnum": "desaku.aid.models.PaymentMethod",
    "AidFrequencyEnum": "desaku.aid.models.Frequency",
}
