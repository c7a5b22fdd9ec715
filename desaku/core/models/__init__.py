from desaku.core.models.accounts import Organisation, OrganisationKind, Role, Scope, User
from desaku.core.models.audit import AccessAction, AccessLogEntry, AuditEntry, ChainHead
from desaku.core.models.reference import (
    FundingSource,
    Institution,
    InstitutionType,
    PPKSCategory,
    PSKSCategory,
)
from desaku.core.models.regions import Region, RegionLevel

__all__ = [
    "AccessAction",
    "AccessLogEntry",
    "AuditEntry",
    "ChainHead",
    "FundingSource",
    "Institution",
    "InstitutionType",
    "Organisation",
    "OrganisationKind",
    "PPKSCategory",
    "PSKSCategory",
    "Region",
    "RegionLevel",
    "Role",
    "Scope",
    "User",
]
