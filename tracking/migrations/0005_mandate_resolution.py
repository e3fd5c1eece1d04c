import django.db.models.deletion
from django.db import migrations, models

# Every mandate takes its paragraph's resolution, in one statement that SQLite and
# PostgreSQL both run: a loop in Python would take minutes on 150,000 mandates.
BACKFILL = """
UPDATE tracking_mandate SET resolution_id = (
    SELECT resolution_id FROM resolutions_paragraph
    WHERE resolutions_paragraph.id = tracking_mandate.paragraph_id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("resolutions", "0001_initial"),
        ("tracking", "0004_mandate_search_vector"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="mandate",
            options={
                "ordering": ["resolution", "paragraph__order", "position"],
                "permissions": [
                    ("change_mandate_status", "Can change the status of a mandate"),
                    ("review_mandate", "Can accept, correct or reject suggested mandates"),
                    ("view_internal_mandate", "Can see internal mandates and notes"),
                ],
                "verbose_name": "mandate",
                "verbose_name_plural": "mandates",
            },
        ),
        # It duplicated the index Django creates for the deadline_session foreign key.
        migrations.RemoveIndex(model_name="mandate", name="mandate_deadline_session"),
        # Nullable first so that existing rows can be filled in before the column is
        # required. Going back, removing the field drops the column and what it held.
        migrations.AddField(
            model_name="mandate",
            name="resolution",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mandates",
                to="resolutions.resolution",
            ),
        ),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
        migrations.AlterField(
            model_name="mandate",
            name="resolution",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="mandates",
                to="resolutions.resolution",
            ),
        ),
    ]
