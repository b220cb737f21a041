from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('interviews', '0003_slots_help_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='interviewproblem',
            name='draft',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='interviewproblem',
            name='draft_saved_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
