"""Ship the code-review round (get_or_create by slug, like 0002: staff edits survive a re-run)."""

from django.db import migrations


def install(apps, schema_editor):
    from interviews.defaults import install_default_templates

    install_default_templates(apps.get_model("interviews", "InterviewTemplate"))


class Migration(migrations.Migration):

    dependencies = [
        ("interviews", "0006_drill_round"),
    ]

    operations = [
        migrations.RunPython(install, migrations.RunPython.noop),
    ]
