"""Schema names for this app's shared choice sets: {"StatusEnum-like name": "dotted.path.to.Choices"}.

Merged into SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]; must not import Django models."""

ENUM_NAME_OVERRIDES: dict[str, str] = {
    "TrainingBatchStatusEnum": "desaku.training.models.BatchStatus",
    "TrainingEnrolmentStatusEnum": "desaku.training.models.EnrolmentStatus",
    "TrainingEnrolmentSourceEnum": "desaku.training.models.EnrolmentSource",
    "TrainingAttendanceMarkEnum": "desaku.training.models.AttendanceMark",
    "TrainingWorkStatusEnum": "desaku.training.models.WorkStatus",
}
