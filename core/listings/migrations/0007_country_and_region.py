"""Country becomes a dimension (docs/decisions/countries.md): every existing listing
is Bahrain's, written as the lowercase code (`bh`) with Bahrain's currency, and the
place field `governorate` becomes `region` (Bahrain's governorates keep their values).
The index follows with `manage.py reindex` (a rebuild behind the alias)."""

from django.db import migrations, models
from django.db.models.functions import Lower

from core.catalog.countries import country_choices
from core.catalog.enums import enum_choices


def lowercase_countries(apps, schema_editor):
    Listing = apps.get_model("listings", "Listing")
    Listing.objects.exclude(country=Lower("country")).update(country=Lower("country"))
    Listing.objects.filter(country="bh").exclude(currency="BHD").update(currency="BHD")


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0006_duplicates_and_suspension"),
    ]

    operations = [
        migrations.RenameField(model_name="listing", old_name="governorate", new_name="region"),
        migrations.AlterField(
            model_name="listing",
            name="region",
            field=models.CharField(choices=enum_choices("region"), max_length=30),
        ),
        migrations.RunPython(lowercase_countries, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="listing",
            name="country",
            field=models.CharField(choices=country_choices(), default="bh", max_length=2),
        ),
    ]
