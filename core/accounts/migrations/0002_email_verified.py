from django.db import migrations, models
from django.db.models import F


def accounts_before_verification_are_verified(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Accounts made before addresses were verified keep what they could do (docs/decisions/accounts.md).
    apps.get_model("accounts", "User").objects.filter(email_verified_at=None).update(email_verified_at=F("date_joined"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_verified_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(accounts_before_verification_are_verified, migrations.RunPython.noop),
    ]
