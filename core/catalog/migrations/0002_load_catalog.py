from django.db import migrations


def load(apps, schema_editor):
    from core.catalog.services import catalog_data, catalog_load

    catalog_load(catalog_data(), make_model=apps.get_model("catalog", "Make"), car_model=apps.get_model("catalog", "CarModel"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
