from django.db import migrations

# PostgreSQL only. One stored tsvector per mandate, in both text configurations, with
# one GIN index: the search reads the index instead of computing two vectors per row
# (docs/performance.md). The column is not a model field: SQLite has no tsvector, and
# only tracking/filters.py reads it.
VECTOR = (
    "to_tsvector('french'::regconfig, COALESCE(search_text, '')) || "
    "to_tsvector('english'::regconfig, COALESCE(search_text, ''))"
)


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS mandate_search_fr")
    schema_editor.execute("DROP INDEX IF EXISTS mandate_search_en")
    schema_editor.execute(
        f"ALTER TABLE tracking_mandate ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS mandate_search_vector ON tracking_mandate "
        "USING gin (search_vector)"
    )
    # The planner needs the new column's statistics to choose the index for rare words;
    # without them it guesses until autovacuum's next pass.
    schema_editor.execute("ANALYZE tracking_mandate")


def remove_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE tracking_mandate DROP COLUMN search_vector")
    for name, config in (("mandate_search_fr", "french"), ("mandate_search_en", "english")):
        schema_editor.execute(
            f"CREATE INDEX {name} ON tracking_mandate USING gin "
            f"(to_tsvector('{config}'::regconfig, COALESCE(search_text, '')))"
        )


class Migration(migrations.Migration):
    dependencies = [("tracking", "0003_mandate_search_text")]
    operations = [migrations.RunPython(add_search_vector, remove_search_vector)]
