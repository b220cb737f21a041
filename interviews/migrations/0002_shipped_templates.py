"""Ship the interview templates (get_or_create by slug: staff edits survive a re-run)."""

from django.db import migrations


def install(apps, schema_editor):
    from interviews.defaults import install_default_templates

    install_default_templates(apps.get_model("interviews", "InterviewTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ("interviews", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
