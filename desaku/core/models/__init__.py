from desaku.core.models.accounts import Organisation, OrganisationKind, Role, Scope, User
from desaku.core.models.audit import AccessAction, AccessLogEntry, AuditEntry, ChainHead
from desaku.core.models.letters import Letter, Letterhead, LetterSequence, LetterType
from desaku.core.models.notifications import Notification
from desaku.core.models.reference import (
    ExitClass,
    ExitDestination,
    FundingSource,
    Institution,
    InstitutionType,
    PPKSCategory,
    PSKSCategory,
)
from desaku.core.models.regions import Region, RegionLevel
from desaku.core.models.tasks import Task, TaskStatus

__all__ = [
    "AccessAction",
    "AccessLogEntry",
    "AuditEntry",
    "ChainHead",
    "ExitClass",
    "ExitDestination",
    "FundingSource",
    "Institution",
    "Letter",
    "LetterSequence",
    "LetterType",
    "Letterhead",
    "InstitutionType",
    "Notification",
    "Organisation",
    "OrganisationKind",
    "PPKSCategory",
    "PSKSCategory",
    "Region",
    "RegionLevel",
    "Role",
    "Scope",
    "Task",
    "TaskStatus",
    "User",
]
