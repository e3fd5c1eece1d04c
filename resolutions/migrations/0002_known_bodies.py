from django.db import migrations

BODIES = [
    ("ICC-ASP", "Assembly of States Parties", "Assemblée des États Parties", "ASP"),
    ("A/RES", "United Nations General Assembly", "Assemblée générale des Nations Unies", "UNGA"),
]


def create_bodies(apps, schema_editor):
    Body = apps.get_model("resolutions", "Body")
    for prefix, name_en, name_fr, short in BODIES:
        Body.objects.get_or_create(
            symbol_prefix=prefix,
            defaults={"name_en": name_en, "name_fr": name_fr, "short_name": short},
        )


class Migration(migrations.Migration):
    dependencies = [("resolutions", "0001_initial")]
    operations = [migrations.RunPython(create_bodies, migrations.RunPython.noop)]
