from django.db import migrations

from desaku.core.reference_data import EXIT_DESTINATIONS


def load(apps, schema_editor):
    ExitDestination = apps.get_model("core", "ExitDestination")
    for code, name, exit_class, order in EXIT_DESTINATIONS:
        ExitDestination.objects.update_or_create(code=code, defaults=dict(name=name, exit_class=exit_class,
                                                                          order=order))


class Migration(migrations.Migration):
    dependencies = [("core", "0004_exit_destinations")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
