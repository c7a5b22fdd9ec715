from rest_framework import serializers

from desaku.core.models import (
    AccessLogEntry,
    AuditEntry,
    FundingSource,
    Institution,
    Organisation,
    PPKSCategory,
    PSKSCategory,
    Region,
    User,
)


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    organisation = serializers.StringRelatedField()

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "organisation", "data_scope", "roles"]

    def get_roles(self, obj) -> list[str]:
        return sorted(obj.role_names)


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "kind", "parent", "postal_code", "path"]


class PPKSCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = PPKSCategory
        fields = ["id", "code", "number", "name", "short_name", "description", "min_age", "max_age",
                  "is_sensitive", "legacy_names", "active"]


class PSKSCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = PSKSCategory
        fields = ["id", "code", "number", "name", "short_name", "description", "active"]


class InstitutionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Institution
        fields = ["id", "name", "short_name", "type", "address", "region", "phone", "email", "services", "active"]


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "short_name", "kind", "institution", "address", "phone", "active"]


class FundingSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingSource
        fields = ["id", "code", "name", "description", "active"]


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = ["id", "created_at", "actor", "actor_username", "action", "model_label", "object_id",
                  "object_repr", "changes", "reason", "prev_hash", "hash"]


class AccessLogEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessLogEntry
        fields = ["id", "created_at", "actor", "actor_username", "action", "model_label", "object_id",
                  "object_repr", "detail", "ip_address", "prev_hash", "hash"]
